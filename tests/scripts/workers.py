"""A Dataset defined in the script, loaded by spawned DataLoader workers (plain PyTorch).

The spawned children re-import this script as __mp_main__ and must see numtorch too."""
import sys

import torch
from torch.utils.data import DataLoader, Dataset


class Squares(Dataset):
    def __len__(self):
        return 10

    def __getitem__(self, i):
        import torch as t  # in the worker: must be numtorch as well
        assert 'numtorch' in t.__name__, t.__name__
        return torch.tensor([float(i * i)]), i


if __name__ == '__main__':
    loader = DataLoader(Squares(), batch_size=4, num_workers=2,
                        multiprocessing_context=sys.argv[1] if len(sys.argv) > 1 else None)
    got = [(x.view(-1).tolist(), y.tolist()) for x, y in loader]
    print(got)
    assert got[0] == ([0.0, 1.0, 4.0, 9.0], [0, 1, 2, 3]), got
    assert isinstance(got, list) and len(got) == 3
    print('OK workers')

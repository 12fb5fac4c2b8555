"""DistributedSampler: each of ``num_replicas`` processes sees its own slice of the data.

numtorch has no ``torch.distributed``, so ``num_replicas`` and ``rank`` must be given;
the sampler itself is plain arithmetic: an (optionally seeded-shuffled) index list, padded
by repetition (or truncated with ``drop_last``) to a multiple of ``num_replicas``, of which
replica ``rank`` takes every ``num_replicas``-th entry starting at ``rank``.

>>> list(DistributedSampler(range(5), num_replicas=2, rank=1, shuffle=False))
[1, 3, 0]
"""

import math

import numtorch

from .sampler import Sampler

__all__ = ["DistributedSampler"]


class DistributedSampler(Sampler):
    """Split ``dataset``'s indices among ``num_replicas`` replicas; call ``set_epoch(e)``
    each epoch so the shuffled order (seeded by ``seed + epoch``) changes."""

    def __init__(self, dataset, num_replicas=None, rank=None, shuffle=True, seed=0,
                 drop_last=False):
        if num_replicas is None or rank is None:
            # torch would ask torch.distributed for the world size and rank
            raise RuntimeError("Requires distributed package to be available")
        if rank >= num_replicas or rank < 0:
            raise ValueError(f"Invalid rank {rank}, rank should be in the interval "
                             f"[0, {num_replicas - 1}]")
        self.dataset = dataset
        self.num_replicas = num_replicas
        self.rank = rank
        self.epoch = 0
        self.drop_last = drop_last
        n = len(dataset)
        if drop_last and n % num_replicas != 0:
            self.num_samples = math.ceil((n - num_replicas) / num_replicas)
        else:
            self.num_samples = math.ceil(n / num_replicas)
        self.total_size = self.num_samples * num_replicas
        self.shuffle = shuffle
        self.seed = seed

    def __iter__(self):
        n = len(self.dataset)
        if self.shuffle:
            g = numtorch.Generator().manual_seed(self.seed + self.epoch)
            indices = numtorch.randperm(n, generator=g).tolist()
        else:
            indices = list(range(n))
        if self.drop_last:
            indices = indices[:self.total_size]
        else:
            pad = self.total_size - len(indices)
            indices += (indices * math.ceil(pad / len(indices)))[:pad] if pad else []
        return iter(indices[self.rank:self.total_size:self.num_replicas])

    def __len__(self):
        return self.num_samples

    def set_epoch(self, epoch):
        self.epoch = epoch

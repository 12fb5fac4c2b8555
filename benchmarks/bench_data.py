"""DataLoader speed: one epoch of the seeds' pattern, numtorch vs torch.

``DataLoader(TensorDataset(X, y), batch_size=256, shuffle=True)`` over Fashion-MNIST-sized
tensors (X float32 (60000, 1, 28, 28), y int64 (60000,)), iterated to the end. numtorch
fetches each batch of a TensorDataset with one indexing operation per tensor; torch
calls ``__getitem__`` per sample and stacks.

Run: .venv/bin/python benchmarks/bench_data.py   (writes benchmarks/results/data.md)
Both libraries run at 1 BLAS/intra-op thread so the comparison is per core.
"""

import numpy as np
import torch

import numtorch
from _common import timeit, write_results

torch.set_num_threads(1)
numtorch.set_num_threads(1)

N = 60000


def epoch(lib, batch_size=256, shuffle=True, subset=False):
    rng = np.random.default_rng(0)
    X = lib.from_numpy(rng.standard_normal((N, 1, 28, 28), dtype=np.float32))
    y = lib.from_numpy(rng.integers(0, 10, N).astype(np.int64))
    data = lib.utils.data
    ds = data.TensorDataset(X, y)
    if subset:
        ds, _ = data.random_split(ds, [0.8, 0.2])
    loader = data.DataLoader(ds, batch_size, shuffle=shuffle)

    def run():
        for xb, yb in loader:
            pass

    return run


def main():
    cases = [
        ("epoch, TensorDataset, batch 256, shuffle=True", dict(), "<= 0.33x (3x faster)"),
        ("epoch, TensorDataset, batch 256, shuffle=False", dict(shuffle=False), "<= 0.33x"),
        ("epoch, random_split 80% Subset, batch 256, shuffle", dict(subset=True), "<= 0.33x"),
        ("epoch, TensorDataset, batch 32, shuffle=True", dict(batch_size=32), "<= 0.5x"),
    ]
    rows = []
    for name, kw, target in cases:
        ours_fn, theirs_fn = epoch(numtorch, **kw), epoch(torch, **kw)
        ours, theirs = [], []
        for _ in range(5):  # alternate, so background load hits both alike; keep the best
            ours.append(timeit(ours_fn, repeat=1, min_time=0.3))
            theirs.append(timeit(theirs_fn, repeat=1, min_time=0.3))
        rows.append((name, min(ours), min(theirs), target))
    write_results("data", "Data loading: one epoch over Fashion-MNIST-sized tensors", rows,
                  "X float32 (60000, 1, 28, 28), y int64 (60000,); num_workers=0; 1 thread "
                  "for both. numtorch fetches a TensorDataset batch with one indexing per "
                  "tensor (same values as torch's per-sample fetch + stack).")


if __name__ == "__main__":
    main()

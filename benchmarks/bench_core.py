"""Core speed: per-op overhead on tiny tensors, throughput on large ones, import time.

Run: .venv/bin/python benchmarks/bench_core.py   (writes benchmarks/results/core.md)
Both libraries run at 1 BLAS/intra-op thread so the comparison is per core.
"""

import os
import subprocess
import sys

import numpy as np
import torch

import numtorch
from _common import timeit, write_results

torch.set_num_threads(1)
numtorch.set_num_threads(1)


def tiny(lib):
    a = lib.from_numpy(np.random.default_rng(0).standard_normal((8, 8)).astype(np.float32))
    b = lib.from_numpy(np.random.default_rng(1).standard_normal((8, 8)).astype(np.float32))
    a.requires_grad_(True)
    b.requires_grad_(True)

    def step():
        c = a * b + a
        s = c.sum()
        s.backward()

    return step


def large_elementwise(lib):
    rng = np.random.default_rng(0)
    a = lib.from_numpy(rng.standard_normal(1_000_000).astype(np.float32)).requires_grad_(True)
    b = lib.from_numpy(rng.standard_normal(1_000_000).astype(np.float32)).requires_grad_(True)

    def step():
        c = a * b + a
        c.sum().backward()

    return step


def matmul(lib):
    rng = np.random.default_rng(0)
    a = lib.from_numpy(rng.standard_normal((512, 512)).astype(np.float32)).requires_grad_(True)
    b = lib.from_numpy(rng.standard_normal((512, 512)).astype(np.float32)).requires_grad_(True)

    def step():
        (a @ b).sum().backward()

    return step


def import_time(module):
    # with cached bytecode, as an installed package has it (pip compiles torch's at install;
    # an editable numtorch gets its cache on first import unless PYTHONDONTWRITEBYTECODE)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    subprocess.check_output([sys.executable, "-c", code], env=env)  # warm the cache
    runs = [float(subprocess.check_output([sys.executable, "-c", code], env=env).decode())
            for _ in range(5)]
    return min(runs)


def main():
    rows = []
    cases = [("tiny 8x8: c = a*b + a; c.sum().backward()", tiny, "<= 0.5x"),
             ("1M-element elementwise fwd+bwd", large_elementwise, "<= 1.2x"),
             ("512x512 matmul fwd+bwd", matmul, "<= 1.2x")]
    for name, make, target in cases:
        ours = timeit(make(numtorch))
        theirs = timeit(make(torch))
        rows.append((name, ours, theirs, target))
    rows.append(("`import` (fresh process)", import_time("numtorch"), import_time("torch"),
                 "numtorch < 0.25 s"))
    write_results("core", "Core: per-op overhead, large tensors, import", rows,
                  "1 thread for both (torch.set_num_threads(1), numtorch.set_num_threads(1)).")


if __name__ == "__main__":
    main()

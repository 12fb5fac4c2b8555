"""nn kernel speed: group/layer/batch norm, embedding and overlapping max pooling, numtorch
vs torch in the same run, both at 1 thread, same inputs and upstream gradients.

Run: .venv/bin/python benchmarks/bench_nn_kernels.py   (writes benchmarks/results/nn_kernels.md)
Each case is timed forward alone (no grad) and forward + backward (``y.backward(g)`` with a
fixed random ``g``; gradients reset to None every step). Wall clock is best of 3 runs of
``_common.timeit``; CPU time (process time) is best of 5 and steadier on a shared machine.
"""

import time

import numpy as np
import torch

import numtorch
from _common import timeit, write_results

torch.set_num_threads(1)
numtorch.set_num_threads(1)


def _arr(rng, shape):
    return rng.standard_normal(shape).astype(np.float32)


def _step(lib, fn, inputs, out_shape):
    """(forward alone, forward + backward) closures of ``fn(*inputs)``."""
    g = lib.from_numpy(_arr(np.random.default_rng(1), out_shape))
    leaves = [t for t in inputs if isinstance(t, lib.Tensor) and t.requires_grad]

    def fwd():
        with lib.no_grad():
            fn(*inputs)

    def fwd_bwd():
        for t in leaves:
            t.grad = None
        fn(*inputs).backward(g)

    return fwd, fwd_bwd


def group_norm(lib):
    rng = np.random.default_rng(0)
    x = lib.from_numpy(_arr(rng, (32, 64, 28, 28))).requires_grad_()
    w = lib.from_numpy(_arr(rng, (64,))).requires_grad_()
    b = lib.from_numpy(_arr(rng, (64,))).requires_grad_()
    return _step(lib, lambda x, w, b: lib.nn.functional.group_norm(x, 8, w, b), (x, w, b),
                 (32, 64, 28, 28))


def layer_norm(lib):
    rng = np.random.default_rng(0)
    x = lib.from_numpy(_arr(rng, (64, 128, 256))).requires_grad_()
    w = lib.from_numpy(_arr(rng, (256,))).requires_grad_()
    b = lib.from_numpy(_arr(rng, (256,))).requires_grad_()
    return _step(lib, lambda x, w, b: lib.nn.functional.layer_norm(x, (256,), w, b),
                 (x, w, b), (64, 128, 256))


def batch_norm(lib):
    rng = np.random.default_rng(0)
    x = lib.from_numpy(_arr(rng, (32, 64, 28, 28))).requires_grad_()
    w = lib.from_numpy(_arr(rng, (64,))).requires_grad_()
    b = lib.from_numpy(_arr(rng, (64,))).requires_grad_()
    rm, rv = lib.zeros(64), lib.ones(64)
    return _step(lib, lambda x, w, b: lib.nn.functional.batch_norm(x, rm, rv, w, b, True),
                 (x, w, b), (32, 64, 28, 28))


def embedding(lib):
    rng = np.random.default_rng(0)
    w = lib.from_numpy(_arr(rng, (10000, 128))).requires_grad_()
    i = lib.from_numpy(rng.integers(0, 10000, (64, 50)))
    return _step(lib, lambda i, w: lib.nn.functional.embedding(i, w), (i, w), (64, 50, 128))


def max_pool_s1(lib):
    rng = np.random.default_rng(0)
    x = lib.from_numpy(_arr(rng, (256, 6, 28, 28))).requires_grad_()
    return _step(lib, lambda x: lib.nn.functional.max_pool2d(x, 3, 1, 1), (x,),
                 (256, 6, 28, 28))


def max_pool_s2(lib):
    rng = np.random.default_rng(0)
    x = lib.from_numpy(_arr(rng, (32, 64, 56, 56))).requires_grad_()
    return _step(lib, lambda x: lib.nn.functional.max_pool2d(x, 3, 2, 1), (x,),
                 (32, 64, 28, 28))


CASES = [
    ("group_norm (32, 64, 28, 28), 8 groups, affine", group_norm),
    ("layer_norm (64, 128, 256) over 256, affine", layer_norm),
    ("batch_norm (32, 64, 28, 28), training, affine", batch_norm),
    ("embedding (10000, 128), indices (64, 50)", embedding),
    ("max_pool2d 3x3/1 pad 1, (256, 6, 28, 28)", max_pool_s1),
    ("max_pool2d 3x3/2 pad 1, (32, 64, 56, 56) (resnet stem)", max_pool_s2),
]

# numtorch before this change (commit 758d59f), same script and machine, CPU ms
BEFORE = {
    "group_norm (32, 64, 28, 28), 8 groups, affine, fwd": 1.64,
    "group_norm (32, 64, 28, 28), 8 groups, affine, fwd+bwd": 6.26,
    "layer_norm (64, 128, 256) over 256, affine, fwd": 3.4,
    "layer_norm (64, 128, 256) over 256, affine, fwd+bwd": 12.37,
    "batch_norm (32, 64, 28, 28), training, affine, fwd": 2.01,
    "batch_norm (32, 64, 28, 28), training, affine, fwd+bwd": 6.79,
    "embedding (10000, 128), indices (64, 50), fwd": 0.1,
    "embedding (10000, 128), indices (64, 50), fwd+bwd": 3.77,
    "max_pool2d 3x3/1 pad 1, (256, 6, 28, 28), fwd": 4.19,
    "max_pool2d 3x3/1 pad 1, (256, 6, 28, 28), fwd+bwd": 42.32,
    "max_pool2d 3x3/2 pad 1, (32, 64, 56, 56) (resnet stem), fwd": 22.69,
    "max_pool2d 3x3/2 pad 1, (32, 64, 56, 56) (resnet stem), fwd+bwd": 93.6,
}


def cpu_time(fn, repeat=5, min_time=0.1):
    """Best-of-``repeat`` CPU seconds (process time) per call."""
    fn()
    n = 1
    while True:
        t = time.process_time()
        for _ in range(n):
            fn()
        if time.process_time() - t >= min_time:
            break
        n *= 2
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        for _ in range(n):
            fn()
        best = min(best, (time.process_time() - t) / n)
    return best


def main():
    rows, cpu = [], []
    for name, make in CASES:
        ours, theirs = make(numtorch), make(torch)
        for part, o_fn, t_fn in (("fwd", ours[0], theirs[0]), ("fwd+bwd", ours[1], theirs[1])):
            case = f"{name}, {part}"
            rows.append((case, timeit(o_fn, repeat=3), timeit(t_fn, repeat=3), ""))
            o, t = cpu_time(o_fn), cpu_time(t_fn)
            before = BEFORE.get(case)
            was = f"{before:.2f} ms" if before else ""
            cpu.append(f"| {case} | {was} | {o * 1e3:.2f} ms | {t * 1e3:.2f} ms | "
                       f"{o / t:.2f}x |")
            print(cpu[-1], flush=True)
    notes = "\n".join([
        "1 thread for both (torch.set_num_threads(1), numtorch.set_num_threads(1)); wall "
        "clock, best of 3; float32 inputs.", "",
        "CPU time (process time, best of 5; steadier than wall clock on a shared machine), "
        "with numtorch before this round of kernel work (commit 758d59f, an earlier run of this "
        "script: compare it with the unchanged norm rows to judge the run-to-run noise):", "",
        "| case | numtorch before | numtorch | torch | ratio |",
        "|---|---:|---:|---:|---:|"] + cpu)
    write_results("nn_kernels", "nn: norm, embedding and max-pool kernels", rows, notes)


if __name__ == "__main__":
    main()

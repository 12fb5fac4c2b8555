"""End-to-end training epoch on Fashion-MNIST: DataLoader + ToTensor dataset + model + SGD.

numtorch reads ``numtorchvision.datasets.FashionMNIST(transform=ToTensor())``; torch (no
torchvision beside torch 2.13 here) reads a ``torch.utils.data.Dataset`` over the same uint8
arrays doing torchvision's per-item work: ``PIL.Image.fromarray`` as MNIST's
``__getitem__``, then ToTensor's HWC uint8 -> CHW float32 / 255. Both: batch 256,
shuffle, ``num_workers=0``, one thread, one full epoch (235 steps). Each library's epoch
is also split into the data pipeline alone and the training steps alone (on batches
collated beforehand), which says what dominates.

    python benchmarks/bench_train.py [--quick]
"""

import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from _common import write_results  # noqa: E402

import torch  # noqa: E402
from PIL import Image  # noqa: E402

import numtorch  # noqa: E402
import numtorchvision  # noqa: E402
from numtorchvision import transforms  # noqa: E402

BATCH = 256


class TorchFashionMNIST(torch.utils.data.Dataset):
    """torchvision's MNIST item path without torchvision: PIL image, then ToTensor."""

    def __init__(self, data, targets):
        self.data, self.targets = data, targets

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        img = Image.fromarray(self.data[i])
        x = torch.from_numpy(np.array(img, np.uint8, copy=True))
        x = x.view(img.size[1], img.size[0], 1).permute(2, 0, 1).contiguous()
        return x.to(torch.float32).div(255), int(self.targets[i])


def mlp(lib):
    nn = lib.nn
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))


def lenet(lib):
    nn = lib.nn
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2, 2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))


def make_net(lib, build, seed=0):
    lib.manual_seed(seed)
    net = build(lib)
    opt = lib.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
    return net, opt, lib.nn.CrossEntropyLoss()


def step(net, opt, loss_fn, X, y):
    loss = loss_fn(net(X), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss


def epoch(lib, loader, build):
    net, opt, loss_fn = make_net(lib, build)
    t = time.perf_counter()
    for X, y in loader:
        step(net, opt, loss_fn, X, y)
    return time.perf_counter() - t


def data_only(loader):
    t = time.perf_counter()
    for _ in loader:
        pass
    return time.perf_counter() - t


def steps_only(lib, batches, build):
    net, opt, loss_fn = make_net(lib, build)
    t = time.perf_counter()
    for X, y in batches:
        step(net, opt, loss_fn, X, y)
    return time.perf_counter() - t


def main():
    quick = "--quick" in sys.argv
    repeat = 1 if quick else 2
    torch.set_num_threads(1)
    numtorch.set_num_threads(1)

    ds = numtorchvision.datasets.FashionMNIST(os.path.join(HERE, "..", "data"), train=True,
                                              download=True, transform=transforms.ToTensor())
    raw = ds.data.numpy() if hasattr(ds.data, "numpy") else np.asarray(ds.data)
    targets = ds.targets.numpy() if hasattr(ds.targets, "numpy") else np.asarray(ds.targets)
    tds = TorchFashionMNIST(raw, targets)
    nt_x, t_x = ds[0][0], tds[0][0]
    assert np.array_equal(nt_x.numpy(), t_x.numpy()), "the two pipelines disagree"

    numtorch.manual_seed(0)
    torch.manual_seed(0)
    nt_loader = numtorch.utils.data.DataLoader(ds, BATCH, shuffle=True)
    t_loader = torch.utils.data.DataLoader(tds, BATCH, shuffle=True)

    # the same pre-collated batches for the compute-only timing
    order = np.random.default_rng(0).permutation(len(raw))
    xs = (raw[order].astype(np.float32) / 255).reshape(-1, 1, 28, 28)
    ys = targets[order].astype(np.int64)
    nt_batches = [(numtorch.from_numpy(xs[i:i + BATCH]), numtorch.from_numpy(ys[i:i + BATCH]))
                  for i in range(0, len(xs), BATCH)]
    t_batches = [(torch.from_numpy(xs[i:i + BATCH]), torch.from_numpy(ys[i:i + BATCH]))
                 for i in range(0, len(xs), BATCH)]

    def best(fn):
        return min(fn() for _ in range(repeat))

    rows, notes = [], []
    d_nt, d_t = best(lambda: data_only(nt_loader)), best(lambda: data_only(t_loader))
    rows.append(("data pipeline alone (DataLoader + ToTensor, 60k items)", d_nt, d_t, ""))
    for name, build, target in (("MLP 784-256-10", mlp, "<= 1.5x"),
                                ("LeNet-5 (ReLU)", lenet, "<= 2x")):
        e_nt = best(lambda: epoch(numtorch, nt_loader, build))
        e_t = best(lambda: epoch(torch, t_loader, build))
        s_nt = best(lambda: steps_only(numtorch, nt_batches, build))
        s_t = best(lambda: steps_only(torch, t_batches, build))
        rows.append((f"{name}: one epoch, end to end", e_nt, e_t, target))
        rows.append((f"{name}: training steps alone", s_nt, s_t, ""))
        notes.append(f"{name}: data pipeline {d_nt / e_nt:.0%} of numtorch's epoch, "
                     f"{d_t / e_t:.0%} of torch's.")
        print(rows[-2], rows[-1], flush=True)

    notes = ("Batch 256, shuffle, num_workers=0, SGD(lr=0.1, momentum=0.9), one thread "
             f"each, best of {repeat}. " + " ".join(notes))
    write_results("train", "Training epoch on Fashion-MNIST (DataLoader + ToTensor + model)",
                  rows, notes)


if __name__ == "__main__":
    main()

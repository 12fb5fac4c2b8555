"""Small-model training steps: where numtorch's lean Python engine should beat torch's
fixed per-op cost. One full step each (zero_grad, forward, loss, backward, optimizer).

Run: .venv/bin/python benchmarks/bench_small_step.py   (writes results/small_step.md)
Both libraries at 1 thread, same shapes; weights differ (only time is compared).
"""

import torch

import numtorch
from _common import timeit, write_results

torch.set_num_threads(1)
numtorch.set_num_threads(1)


def mlp_step(lib, opt_name):
    nn = lib.nn
    lib.manual_seed(0)
    net = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(),
                        nn.Linear(32, 2))
    opt = (lib.optim.SGD(net.parameters(), lr=0.01, momentum=0.9) if opt_name == "sgd"
           else lib.optim.Adam(net.parameters(), lr=1e-3))
    x, y = lib.randn(8, 10), lib.randint(0, 2, (8,))
    loss_fn = nn.CrossEntropyLoss()

    def step():
        opt.zero_grad()
        loss_fn(net(x), y).backward()
        opt.step()

    return step


def conv_step(lib):
    nn = lib.nn
    lib.manual_seed(0)
    net = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(),
                        nn.MaxPool2d(2), nn.Flatten(), nn.Linear(4 * 4 * 4, 3))
    opt = lib.optim.SGD(net.parameters(), lr=0.01)
    x, y = lib.randn(4, 1, 8, 8), lib.randint(0, 3, (4,))

    def step():
        opt.zero_grad()
        lib.nn.functional.cross_entropy(net(x), y).backward()
        opt.step()

    return step


def main():
    cases = [("MLP 10-32-32-2, batch 8, SGD momentum", lambda lib: mlp_step(lib, "sgd")),
             ("MLP 10-32-32-2, batch 8, Adam", lambda lib: mlp_step(lib, "adam")),
             ("conv-BN-pool-linear on 4x1x8x8, SGD", conv_step)]
    rows = []
    for name, make in cases:
        ours, theirs = timeit(make(numtorch)), timeit(make(torch))
        rows.append((name, ours, theirs, "< 1x"))
    write_results("small_step", "Small models: one training step", rows,
                  "1 thread for both; best-of-5 wall time per step (zero_grad, forward, "
                  "loss, backward, optimizer step).")


if __name__ == "__main__":
    main()

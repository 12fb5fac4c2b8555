"""Optimizer comparison: SGD, Momentum, RMSprop and Adam on the same data (Morvan style).

    python examples/optimizers.py [--smoke] [--plot]

Four copies of one small net fit y = x^2 + noise from the same minibatches; the printed
losses show how each optimizer moves. ``--plot`` saves the loss curves (matplotlib).
"""

import copy
import os

import numtorch as torch
import numtorch.nn.functional as F
import numtorch.utils.data as Data
from _common import batches, parse_args

args = parse_args(__doc__, epochs=12)
torch.manual_seed(1)

LR, BATCH_SIZE = 0.01, 32

# fake data: a noisy parabola
x = torch.unsqueeze(torch.linspace(-1, 1, 1000), dim=1)
y = x.pow(2) + 0.1 * torch.normal(torch.zeros(*x.size()))
loader = Data.DataLoader(dataset=Data.TensorDataset(x, y), batch_size=BATCH_SIZE,
                         shuffle=True)


class Net(torch.nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.hidden = torch.nn.Linear(1, 20)
        self.predict = torch.nn.Linear(20, 1)

    def forward(self, x):
        return self.predict(F.relu(self.hidden(x)))


base = Net()
nets = {name: copy.deepcopy(base) for name in ("SGD", "Momentum", "RMSprop", "Adam")}
optimizers = {
    "SGD": torch.optim.SGD(nets["SGD"].parameters(), lr=LR),
    "Momentum": torch.optim.SGD(nets["Momentum"].parameters(), lr=LR, momentum=0.8),
    "RMSprop": torch.optim.RMSprop(nets["RMSprop"].parameters(), lr=LR, alpha=0.9),
    "Adam": torch.optim.Adam(nets["Adam"].parameters(), lr=LR, betas=(0.9, 0.99)),
}
loss_func = torch.nn.MSELoss()
history = {name: [] for name in nets}

for epoch in range(args.epochs):
    for step, (b_x, b_y) in enumerate(batches(loader, args.smoke)):
        for name, net in nets.items():
            loss = loss_func(net(b_x), b_y)
            optimizers[name].zero_grad()
            loss.backward()
            optimizers[name].step()
            history[name].append(loss.item())
    with torch.no_grad():
        full = {name: loss_func(net(x), y).item() for name, net in nets.items()}
    print(f"epoch {epoch + 1:2d} " + "  ".join(f"{n} {v:.4f}" for n, v in full.items()))

print("final loss:", ", ".join(f"{n} {v:.4f}" for n, v in full.items()))

if args.plot:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    for name, losses in history.items():
        plt.plot(losses, label=name)
    plt.legend(loc="best")
    plt.xlabel("Steps")
    plt.ylabel("Loss")
    plt.ylim((0, 0.2))
    os.makedirs(args.out, exist_ok=True)
    plt.savefig(os.path.join(args.out, "optimizers.png"))
    print("saved", os.path.join(args.out, "optimizers.png"))

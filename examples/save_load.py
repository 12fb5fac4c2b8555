"""Saving and loading: tensors, lists, dicts, state_dicts and whole models (d2l 4.5).

    python examples/save_load.py [--smoke] [--out DIR]

The files are PyTorch's own format: ``torch.load`` reads what ``numtorch.save`` wrote.
"""

import os

import numtorch as torch
from numtorch import nn
from _common import parse_args

args = parse_args(__doc__, out="examples_out")
os.makedirs(args.out, exist_ok=True)
path = lambda name: os.path.join(args.out, name)  # noqa: E731
torch.manual_seed(0)

# a single tensor, a list, a dict
x = torch.ones(3)
torch.save(x, path("x.pt"))
print("x2:", torch.load(path("x.pt")))

y = torch.zeros(4)
torch.save([x, y], path("xy.pt"))
xy_list = torch.load(path("xy.pt"))
print("list:", xy_list)

torch.save({"x": x, "y": y}, path("xy_dict.pt"))
print("dict:", torch.load(path("xy_dict.pt")))


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(3, 2)
        self.act = nn.ReLU()
        self.output = nn.Linear(2, 1)

    def forward(self, x):
        return self.output(self.act(self.hidden(x)))


net = MLP()
print(net.state_dict())

# the recommended way: save the state_dict, load it into a new instance
X = torch.randn(2, 3)
Y = net(X)
torch.save(net.state_dict(), path("mlp.params"))
clone = MLP()
print(clone.load_state_dict(torch.load(path("mlp.params"))))
clone.eval()
Y_clone = clone(X)
print("Y_clone == Y:", Y_clone == Y)
assert bool((Y_clone == Y).all())

# the whole model (pickles the class by reference: MLP must be importable when loading);
# torch >= 2.6 loads weights only by default, so loading a module needs weights_only=False
torch.save(net, path("mlp.pkl"))
try:
    torch.load(path("mlp.pkl"))
except Exception as e:  # the default refuses arbitrary pickled classes
    print("weights_only=True refuses a whole model:", type(e).__name__)
net2 = torch.load(path("mlp.pkl"), weights_only=False)
print(net2)
print("net2(X) == Y:", torch.equal(net2(X), Y))

# an optimizer's state travels the same way
opt = torch.optim.Adam(net.parameters(), lr=0.01)
net(X).sum().backward()
opt.step()
torch.save({"model": net.state_dict(), "optimizer": opt.state_dict(), "epoch": 1},
           path("checkpoint.pt"))
ckpt = torch.load(path("checkpoint.pt"))
opt2 = torch.optim.Adam(clone.parameters(), lr=0.01)
opt2.load_state_dict(ckpt["optimizer"])
clone.load_state_dict(ckpt["model"])
print("resumed at epoch", ckpt["epoch"], "with step",
      opt2.state_dict()["state"][0]["step"].item())

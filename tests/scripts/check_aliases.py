"""Checks that torch/torchvision resolve to numtorch's module objects (plain PyTorch)."""
import importlib
import importlib.util
import pickle
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.nn.init
import torch.optim as optim
import torch.utils.data as Data
from torch import nn as nn2, optim as optim2
from torch.nn import functional as F2
from torch.autograd import Variable
from torch.utils.data import DataLoader, Dataset, TensorDataset
import helper_lib

import numtorch

checks = {
    "torch is numtorch": sys.modules["torch"] is sys.modules["numtorch"] is torch is numtorch,
    "torch.nn": sys.modules["torch.nn"] is numtorch.nn is nn is nn2 is torch.nn,
    "torch.nn.functional": F is F2 is numtorch.nn.functional is sys.modules["torch.nn.functional"],
    "torch.optim": optim is optim2 is numtorch.optim,
    "torch.utils.data": Data is numtorch.utils.data is torch.utils.data,
    "library sees the same torch": helper_lib.TORCH is torch,
    "isinstance Tensor": isinstance(torch.randn(2), torch.Tensor),
    "isinstance Module": isinstance(helper_lib.make_layer(), torch.nn.Module),
    "Parameter is Tensor": isinstance(nn.Linear(2, 2).weight, torch.Tensor),
    "Variable": isinstance(Variable(torch.ones(1), requires_grad=True), torch.Tensor),
    "init by attribute": torch.nn.init.normal_ is nn.init.normal_,
    "pickle round trip": pickle.loads(pickle.dumps(nn.Linear(2, 3))).__class__ is nn.Linear,
    "pickled name": b"numtorch" in pickle.dumps(torch.ones(2)),
    "torch.__file__": "numtorch" in torch.__file__,
    "version": torch.__version__.startswith("2."),
    "importlib": importlib.import_module("torch.nn.functional") is F,
    "__import__": __import__("torch.optim").optim is optim,
    "find_spec": importlib.util.find_spec("torch") is not None,
}
real = [name for name, mod in sys.modules.items()
        if (name == "torch" or name.startswith("torch.")) and mod is not None
        and not getattr(mod, "__name__", "").startswith("numtorch")]
checks["no real torch module"] = real == []
for name, ok in checks.items():
    print(f"{name}: {ok}")
assert all(checks.values()), [n for n, ok in checks.items() if not ok]
print("OK aliases", sys.argv[1:])

"""Softmax regression on Fashion-MNIST, concise (d2l 3.7): one Linear layer + cross entropy.

    python examples/softmax_regression.py [--smoke] [--epochs N] [--root DIR]
"""

from collections import OrderedDict

import numtorch as torch
from numtorch import nn
from numtorch.nn import init
from _common import load_data_fashion_mnist, parse_args, train

args = parse_args(__doc__, epochs=5)
torch.manual_seed(0)

batch_size = 256
train_iter, test_iter = load_data_fashion_mnist(batch_size, root=args.root)

num_inputs, num_outputs = 784, 10
net = nn.Sequential(OrderedDict([
    ("flatten", nn.Flatten()),
    ("linear", nn.Linear(num_inputs, num_outputs)),
]))
init.normal_(net.linear.weight, mean=0, std=0.01)
init.constant_(net.linear.bias, val=0)
print(net)

loss = nn.CrossEntropyLoss()  # log-softmax and NLL in one numerically stable op
optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
train(net, train_iter, test_iter, loss, args.epochs, optimizer, smoke=args.smoke)

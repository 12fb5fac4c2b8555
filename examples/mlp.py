"""Multilayer perceptron on Fashion-MNIST (d2l 3.10): 784-256-10 with ReLU.

    python examples/mlp.py [--smoke] [--epochs N] [--root DIR]
"""

import numtorch as torch
from numtorch import nn
from numtorch.nn import init
from _common import load_data_fashion_mnist, parse_args, train

args = parse_args(__doc__, epochs=5)
torch.manual_seed(0)

num_inputs, num_outputs, num_hiddens = 784, 10, 256
net = nn.Sequential(
    nn.Flatten(),
    nn.Linear(num_inputs, num_hiddens),
    nn.ReLU(),
    nn.Linear(num_hiddens, num_outputs),
)
for params in net.parameters():
    init.normal_(params, mean=0, std=0.01)
print(net)

batch_size = 256
train_iter, test_iter = load_data_fashion_mnist(batch_size, root=args.root)
loss = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.5)
train(net, train_iter, test_iter, loss, args.epochs, optimizer, smoke=args.smoke)

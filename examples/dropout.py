"""Dropout (d2l 3.13): an MLP with two hidden layers and nn.Dropout, on Fashion-MNIST.

    python examples/dropout.py [--smoke] [--epochs N] [--root DIR]

Dropout zeroes each activation with probability p in training mode and scales the rest
by 1/(1-p); in eval mode (``net.eval()``) it is the identity.
"""

import numtorch as torch
from numtorch import nn
from _common import load_data_fashion_mnist, parse_args, train

args = parse_args(__doc__, epochs=5)
torch.manual_seed(0)

# what dropout does, on one tensor
drop = nn.Dropout(p=0.5)
X = torch.arange(16, dtype=torch.float32).view(2, 8)
print("train mode:", drop(X))
drop.eval()
print("eval mode: ", drop(X))

num_inputs, num_outputs, num_hiddens1, num_hiddens2 = 784, 10, 256, 256
drop_prob1, drop_prob2 = 0.2, 0.5
net = nn.Sequential(
    nn.Flatten(),
    nn.Linear(num_inputs, num_hiddens1), nn.ReLU(), nn.Dropout(drop_prob1),
    nn.Linear(num_hiddens1, num_hiddens2), nn.ReLU(), nn.Dropout(drop_prob2),
    nn.Linear(num_hiddens2, num_outputs),
)
for param in net.parameters():
    nn.init.normal_(param, mean=0, std=0.01)
print(net)

batch_size = 256
train_iter, test_iter = load_data_fashion_mnist(batch_size, root=args.root)
loss = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(net.parameters(), lr=0.5)
# train() switches to net.train() for the epoch and net.eval() to measure accuracy
train(net, train_iter, test_iter, loss, args.epochs, optimizer, smoke=args.smoke)

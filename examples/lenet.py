"""LeNet (d2l 5.5) on Fashion-MNIST: two conv + sigmoid + max-pool blocks, three Linear.

    python examples/lenet.py [--smoke] [--epochs N] [--root DIR]

The notes' network, with sigmoid activations and Adam. Sigmoids learn slowly at first
(the first epoch can stay near chance, about 0.73 test accuracy after two epochs); the
ReLU variant that examples/demo.py trains passes 0.85 in its first epoch.
"""

import numtorch as torch
from numtorch import nn
from _common import load_data_fashion_mnist, parse_args, train

args = parse_args(__doc__, epochs=2)
torch.manual_seed(0)
torch.set_num_threads(1)  # one BLAS thread: small GEMMs, and a busy second core


class LeNet(nn.Module):
    def __init__(self):
        super(LeNet, self).__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(1, 6, 5),  # in_channels, out_channels, kernel_size
            nn.Sigmoid(),
            nn.MaxPool2d(2, 2),  # kernel_size, stride
            nn.Conv2d(6, 16, 5),
            nn.Sigmoid(),
            nn.MaxPool2d(2, 2),
        )
        self.fc = nn.Sequential(
            nn.Linear(16 * 4 * 4, 120),
            nn.Sigmoid(),
            nn.Linear(120, 84),
            nn.Sigmoid(),
            nn.Linear(84, 10),
        )

    def forward(self, img):
        feature = self.conv(img)
        return self.fc(feature.view(img.shape[0], -1))


net = LeNet()
print(net)
X = torch.rand(1, 1, 28, 28)
for name, blk in net.conv.named_children():
    X = blk(X)
    print(name, "output shape:", X.shape)

batch_size = 256
train_iter, test_iter = load_data_fashion_mnist(batch_size, root=args.root)
loss = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(net.parameters(), lr=0.01)
train(net, train_iter, test_iter, loss, args.epochs, optimizer, smoke=args.smoke)

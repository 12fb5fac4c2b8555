"""Save a whole model and a state_dict with torch.save; load them back (plain PyTorch)."""
import sys

import torch
import torch.nn as nn

out = sys.argv[1]
torch.manual_seed(0)


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.fc = nn.Linear(4 * 4 * 4, 10)

    def forward(self, x):
        x = torch.relu(self.bn(self.conv(x)))
        return self.fc(torch.flatten(nn.functional.max_pool2d(x, 2), 1))


net = Net()
net(torch.randn(2, 1, 8, 8))  # updates BatchNorm's running stats
net.eval()
X = torch.randn(3, 1, 8, 8)
y = net(X)

torch.save(net, out + '/net.pkl')
torch.save(net.state_dict(), out + '/net_params.pkl')
torch.save({'x': X, 'list': [1, 2.5, 'three'], 'y': y.detach()}, out + '/data.pt')

net2 = torch.load(out + '/net.pkl', weights_only=False)
assert type(net2) is Net and isinstance(net2, torch.nn.Module)
net3 = Net()
net3.load_state_dict(torch.load(out + '/net_params.pkl'))
net3.eval()
y2, y3 = net2(X), net3(X)
print('equal:', torch.equal(y2, y), torch.equal(y3, y))
assert torch.equal(y2, y) and torch.equal(y3, y)
print('OK pickle')

"""d2l-style MLP with a custom Module on a synthetic 3-class problem, plain PyTorch."""
import sys
from collections import OrderedDict

import torch
from torch import nn, optim
from torch.nn import init
import torch.utils.data as Data
from torch.utils.data import DataLoader, TensorDataset, random_split

torch.manual_seed(0)
n = 600
centers = torch.tensor([[2.0, 0.0], [-2.0, 0.0], [0.0, 2.5]])
labels = torch.randint(0, 3, (n,))
features = centers[labels] + torch.randn(n, 2) * 0.7

train_set, test_set = random_split(TensorDataset(features, labels), [480, 120])
train_iter = DataLoader(train_set, batch_size=32, shuffle=True)
test_iter = Data.DataLoader(test_set, 64)


class FlattenLayer(nn.Module):
    def __init__(self):
        super(FlattenLayer, self).__init__()

    def forward(self, x):
        return x.view(x.shape[0], -1)


class MLP(nn.Module):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.net = nn.Sequential(OrderedDict([
            ('flatten', FlattenLayer()),
            ('hidden', nn.Linear(2, 16)),
            ('act', nn.ReLU()),
            ('drop', nn.Dropout(0.1)),
            ('output', nn.Linear(16, 3)),
        ]))

    def forward(self, x):
        return self.net(x)


net = MLP()
for name, param in net.named_parameters():
    if 'weight' in name:
        init.normal_(param, mean=0, std=0.1)
    else:
        init.constant_(param, val=0)
print(net)

loss = torch.nn.CrossEntropyLoss()
optimizer = optim.SGD([{'params': net.net.hidden.parameters()},
                       {'params': net.net.output.parameters(), 'lr': 0.1}], lr=0.2,
                      momentum=0.9)
scheduler = optim.lr_scheduler.StepLR(optimizer, step_size=5, gamma=0.5)


def evaluate_accuracy(data_iter, net):
    net.eval()
    acc_sum, n = 0.0, 0
    with torch.no_grad():
        for X, y in data_iter:
            acc_sum += (net(X).argmax(dim=1) == y).float().sum().item()
            n += y.shape[0]
    net.train()
    return acc_sum / n


for epoch in range(10):
    train_l_sum, n = 0.0, 0
    for X, y in train_iter:
        l = loss(net(X), y)
        optimizer.zero_grad()
        l.backward()
        optimizer.step()
        train_l_sum += l.item() * y.shape[0]
        n += y.shape[0]
    scheduler.step()
    print('epoch %d, loss %.4f, test acc %.3f' % (epoch + 1, train_l_sum / n,
                                                   evaluate_accuracy(test_iter, net)))

acc = evaluate_accuracy(test_iter, net)
print('lr now', [g['lr'] for g in optimizer.param_groups])
assert acc > 0.9, acc
print('OK d2l acc %.3f' % acc)
sys.exit(0)

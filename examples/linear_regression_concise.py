"""Linear regression, concise: nn.Linear + optim.SGD + DataLoader (d2l 3.3).

    python examples/linear_regression_concise.py [--smoke]
"""

import numtorch as torch
import numtorch.utils.data as Data
from numtorch import nn, optim
from numtorch.nn import init
from _common import batches, parse_args

args = parse_args(__doc__, epochs=3)
torch.manual_seed(0)

num_inputs, num_examples = 2, 1000
true_w, true_b = [2, -3.4], 4.2
features = torch.randn(num_examples, num_inputs)
labels = true_w[0] * features[:, 0] + true_w[1] * features[:, 1] + true_b
labels += torch.randn(labels.size()) * 0.01

batch_size = 10
dataset = Data.TensorDataset(features, labels)
data_iter = Data.DataLoader(dataset, batch_size, shuffle=True)

net = nn.Sequential()
net.add_module("linear", nn.Linear(num_inputs, 1))
init.normal_(net[0].weight, mean=0, std=0.01)
init.constant_(net[0].bias, val=0)
print(net)

loss = nn.MSELoss()
optimizer = optim.SGD(net.parameters(), lr=0.03)
print(optimizer)

for epoch in range(1, args.epochs + 1):
    for X, y in batches(data_iter, args.smoke, n=30):
        output = net(X)
        l = loss(output, y.view(-1, 1))
        optimizer.zero_grad()
        l.backward()
        optimizer.step()
    with torch.no_grad():
        l = loss(net(features), labels.view(-1, 1))
    print("epoch %d, loss: %f" % (epoch, l.item()))

dense = net[0]
print("w:", [round(v, 4) for v in dense.weight.data.view(-1).tolist()], "true:", true_w)
print("b:", round(dense.bias.item(), 4), "true:", true_b)

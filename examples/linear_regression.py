"""Linear regression from scratch: autograd plus a hand-written minibatch SGD (d2l 3.2).

    python examples/linear_regression.py [--smoke]
"""

import numtorch as torch
from _common import parse_args

args = parse_args(__doc__, epochs=3)
torch.manual_seed(0)

# synthetic data: y = Xw + b + noise
num_inputs, num_examples = 2, 1000
true_w = torch.tensor([[2.0], [-3.4]])
true_b = 4.2
features = torch.randn(num_examples, num_inputs)
labels = features @ true_w + true_b + torch.randn(num_examples, 1) * 0.01


def data_iter(batch_size, features, labels):
    """Yield shuffled minibatches (the d2l helper, with index_select)."""
    indices = torch.randperm(len(features))
    for i in range(0, len(features), batch_size):
        j = indices[i:i + batch_size]
        yield features.index_select(0, j), labels.index_select(0, j)


def linreg(X, w, b):
    return torch.mm(X, w) + b


def squared_loss(y_hat, y):
    return (y_hat - y.view(y_hat.size())) ** 2 / 2


def sgd(params, lr, batch_size):
    for param in params:
        param.data -= lr * param.grad / batch_size  # .data: no autograd record


w = torch.normal(0, 0.01, (num_inputs, 1))
b = torch.zeros(1)
w.requires_grad_(requires_grad=True)
b.requires_grad_(requires_grad=True)
lr, batch_size = 0.03, 10
steps = 30 if args.smoke else None

for epoch in range(args.epochs):
    for n, (X, y) in enumerate(data_iter(batch_size, features, labels)):
        if steps is not None and n >= steps:
            break
        l = squared_loss(linreg(X, w, b), y).sum()
        l.backward()
        sgd([w, b], lr, batch_size)
        w.grad.data.zero_()
        b.grad.data.zero_()
    with torch.no_grad():
        train_l = squared_loss(linreg(features, w, b), labels).mean()
    print(f"epoch {epoch + 1}, loss {train_l.item():f}")

print("w:", [round(v, 4) for v in w.detach().view(-1).tolist()], "true:", [2.0, -3.4])
print("b:", round(b.item(), 4), "true:", true_b)

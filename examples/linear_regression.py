"""Linear regression from scratch: autograd plus a hand-written SGD loop (d2l style)."""

import numtorch as torch

torch.manual_seed(0)
true_w = torch.tensor([[2.0], [-3.4]])
true_b = 4.2
features = torch.randn(1000, 2)
labels = features @ true_w + true_b + torch.randn(1000, 1) * 0.01

w = torch.zeros(2, 1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lr, batch_size = 0.03, 10

for epoch in range(3):
    perm = torch.randperm(1000)
    for i in range(0, 1000, batch_size):
        idx = perm[i:i + batch_size]
        X, y = features[idx], labels[idx]
        loss = ((X @ w + b - y) ** 2 / 2).sum()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad / batch_size
            b -= lr * b.grad / batch_size
            w.grad.zero_()
            b.grad.zero_()
    with torch.no_grad():
        train_l = ((features @ w + b - labels) ** 2 / 2).mean()
    print(f"epoch {epoch + 1}, loss {train_l.item():f}")

print("w:", w.detach().tolist(), "true:", true_w.tolist())
print("b:", b.item(), "true:", true_b)

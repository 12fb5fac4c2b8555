"""Helpers shared by the examples (the d2l book's ``d2lzh_pytorch`` helpers, in short).

Every example accepts ``--smoke`` (or the environment variable ``NUMTORCH_SMOKE=1``): it
then runs only a few batches, so the test suite can run every example in seconds.
"""

import argparse
import itertools
import os
import time

import numtorch as torch

SMOKE_BATCHES = 3  # training batches per epoch in smoke mode


def parse_args(description, **defaults):
    """``--smoke``, ``--epochs``, ``--root`` (datasets), ``--out`` (files), ``--plot``."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--smoke", action="store_true",
                   default=os.environ.get("NUMTORCH_SMOKE", "") not in ("", "0"),
                   help="run a few batches only (also NUMTORCH_SMOKE=1)")
    p.add_argument("--epochs", type=int, default=defaults.get("epochs", 5))
    p.add_argument("--root", default=os.environ.get("NUMTORCH_DATA", "data"),
                   help="dataset root (FashionMNIST also finds Debian's "
                        "/usr/share/datasets/fashion-mnist)")
    p.add_argument("--out", default=defaults.get("out", "examples_out"),
                   help="folder for the files the example writes")
    p.add_argument("--plot", action="store_true", help="save a plot (matplotlib) in --out")
    args = p.parse_args()
    if args.smoke:
        args.epochs = min(args.epochs, 2)
    return args


def batches(loader, smoke, n=SMOKE_BATCHES):
    """``loader`` itself, or its first ``n`` batches in smoke mode."""
    return itertools.islice(loader, n) if smoke else loader


def load_data_fashion_mnist(batch_size, root="data", resize=None, num_workers=0):
    """The d2l helper: (train_iter, test_iter) over Fashion-MNIST as float tensors."""
    import numtorchvision
    from numtorchvision import transforms

    trans = [transforms.ToTensor()]
    if resize:
        trans.insert(0, transforms.Resize(resize))
    trans = transforms.Compose(trans)
    train = numtorchvision.datasets.FashionMNIST(root=root, train=True, download=True,
                                                 transform=trans)
    test = numtorchvision.datasets.FashionMNIST(root=root, train=False, download=True,
                                                transform=trans)
    train_iter = torch.utils.data.DataLoader(train, batch_size, shuffle=True,
                                             num_workers=num_workers)
    test_iter = torch.utils.data.DataLoader(test, batch_size, shuffle=False,
                                            num_workers=num_workers)
    return train_iter, test_iter


def get_fashion_mnist_labels(labels):
    text_labels = ["t-shirt", "trouser", "pullover", "dress", "coat",
                   "sandal", "shirt", "sneaker", "bag", "ankle boot"]
    return [text_labels[int(i)] for i in labels]


def evaluate_accuracy(net, data_iter, smoke=False):
    """Fraction of correct argmax predictions over ``data_iter`` (eval mode, no grad)."""
    was_training = net.training
    net.eval()
    correct, n = 0, 0
    with torch.no_grad():
        for X, y in batches(data_iter, smoke):
            correct += (net(X).argmax(dim=1) == y).sum().item()
            n += y.shape[0]
    net.train(was_training)
    return correct / max(n, 1)


def train(net, train_iter, test_iter, loss, num_epochs, optimizer, smoke=False):
    """d2l's ``train_ch3``: prints ``epoch N, loss L, train acc A, test acc B, T sec``."""
    history = []
    for epoch in range(num_epochs):
        net.train()
        start = time.perf_counter()
        loss_sum, correct, n = 0.0, 0, 0
        for X, y in batches(train_iter, smoke):
            y_hat = net(X)
            l = loss(y_hat, y)
            optimizer.zero_grad()
            l.backward()
            optimizer.step()
            loss_sum += l.item() * y.shape[0]
            correct += (y_hat.argmax(dim=1) == y).sum().item()
            n += y.shape[0]
        test_acc = evaluate_accuracy(net, test_iter, smoke)
        history.append((loss_sum / n, correct / n, test_acc))
        print(f"epoch {epoch + 1}, loss {loss_sum / n:.4f}, train acc {correct / n:.3f}, "
              f"test acc {test_acc:.3f}, {time.perf_counter() - start:.1f} sec", flush=True)
    return history

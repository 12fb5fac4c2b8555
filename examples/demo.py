"""The numtorch demo: train LeNet (or an MLP) on the real Fashion-MNIST, PyTorch-style.

    make demo                          # sets up .venv and the data, then runs this
    python examples/demo.py [--model lenet|mlp] [--epochs N] [--smoke] [--out demo_out]

Reads Fashion-MNIST with ``numtorchvision.datasets.FashionMNIST(root, download=True,
transform=ToTensor())`` (it finds the files of Debian's ``dataset-fashion-mnist``
package), trains with a progress bar per epoch, prints train loss and train/test accuracy
per epoch, and writes ``<out>/checkpoint.pt`` (the state_dict, a file ``torch.load``
reads) and ``<out>/demo.png`` (loss/accuracy curves and test images with predictions).
"""

import argparse
import os
import sys
import time

import numtorch as torch
import numtorchvision
from numtorch import nn
from numtorchvision import transforms

CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
           "Sneaker", "Bag", "Ankle boot"]


def lenet():
    """LeNet-5 as in the notes (d2l 5.5), with ReLU instead of sigmoid: it passes 85% test
    accuracy in its first epoch, where the sigmoid version needs many more."""
    return nn.Sequential(
        nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(6, 16, kernel_size=5), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10),
    )


def mlp():
    """The notes' multilayer perceptron (d2l 3.10): 784-256-10 with ReLU."""
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))


MODELS = {"lenet": (lenet, 3, 2e-3), "mlp": (mlp, 4, 1e-3)}  # builder, epochs, Adam lr


def parse_args():
    p = argparse.ArgumentParser(description="Train on Fashion-MNIST with numtorch.")
    p.add_argument("--model", choices=sorted(MODELS), default="lenet")
    p.add_argument("--epochs", type=int, default=None, help="default: 3 (lenet), 4 (mlp)")
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=None)
    p.add_argument("--root", default=os.environ.get("NUMTORCH_DATA", "data"))
    p.add_argument("--out", default="demo_out")
    p.add_argument("--threads", type=int, default=1,
                   help="BLAS threads (1: the DataLoader worker gets the other core)")
    p.add_argument("--workers", type=int, default=1, help="DataLoader worker processes")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--smoke", action="store_true",
                   default=os.environ.get("NUMTORCH_SMOKE", "") not in ("", "0"),
                   help="a few batches only, to test the whole pipeline quickly")
    return p.parse_args()


def load_data(root, batch_size, workers):
    # ToTensor scales to [0, 1]; Normalize centres with Fashion-MNIST's mean and std,
    # which lets the first epoch learn much faster
    to_tensor = transforms.Compose([transforms.ToTensor(),
                                    transforms.Normalize((0.2860,), (0.3530,))])
    train = numtorchvision.datasets.FashionMNIST(root, train=True, download=True,
                                                 transform=to_tensor)
    test = numtorchvision.datasets.FashionMNIST(root, train=False, download=True,
                                                transform=to_tensor)
    kw = dict(num_workers=workers, persistent_workers=workers > 0)
    train_iter = torch.utils.data.DataLoader(train, batch_size, shuffle=True, **kw)
    test_iter = torch.utils.data.DataLoader(test, 1000, shuffle=False, **kw)
    return train, test, train_iter, test_iter


def evaluate(net, loader, max_batches=None):
    """Accuracy over ``loader`` and the last batch's images/labels/predictions."""
    net.eval()
    correct = n = 0
    with torch.no_grad():
        for i, (X, y) in enumerate(loader):
            if max_batches is not None and i >= max_batches:
                break
            pred = net(X).argmax(dim=1)
            correct += (pred == y).sum().item()
            n += y.numel()
            last = X, y, pred
    net.train()
    return correct / max(n, 1), last


def progress(iterable, total, desc):
    try:
        from tqdm import tqdm
    except ImportError:  # the 'examples' extra is not installed: plain loop
        return iterable
    return tqdm(iterable, total=total, desc=desc, unit="batch", leave=False, ncols=90,
                mininterval=0.5, file=sys.stderr)


def plot(history, images, labels, preds, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    epochs = range(1, len(history) + 1)
    fig = plt.figure(figsize=(12, 6.5))
    grid = fig.add_gridspec(4, 8, width_ratios=[1.6] * 2 + [1] * 6)
    ax = fig.add_subplot(grid[:2, :2])
    ax.plot(epochs, [h[0] for h in history], "o-", label="train loss")
    ax.set_xlabel("epoch")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("loss")
    ax.legend()
    ax = fig.add_subplot(grid[2:, :2])
    ax.plot(epochs, [h[1] for h in history], "o-", label="train acc")
    ax.plot(epochs, [h[2] for h in history], "s-", label="test acc")
    ax.axhline(0.85, color="gray", lw=0.8, ls="--", label="0.85")
    ax.set_xlabel("epoch")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("accuracy")
    ax.legend()
    for k in range(min(24, len(labels))):
        ax = fig.add_subplot(grid[k // 6, 2 + k % 6])
        ax.imshow(images[k, 0].numpy(), cmap="gray")
        p, t = int(preds[k]), int(labels[k])
        title = CLASSES[p] if p == t else f"{CLASSES[p]}\n(is {CLASSES[t]})"
        ax.set_title(title, fontsize=8, color="green" if p == t else "red")
        ax.axis("off")
    fig.suptitle("numtorch on Fashion-MNIST: training curves, and test images with the "
                 "predicted labels (red: wrong)", fontsize=11)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def main():
    args = parse_args()
    build, epochs, lr = MODELS[args.model]
    epochs = args.epochs or epochs
    lr = args.lr or lr
    if args.smoke:
        epochs = min(epochs, 2)
    max_batches = 4 if args.smoke else None
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    start = time.perf_counter()
    train, test, train_iter, test_iter = load_data(args.root, args.batch_size, args.workers)
    print(f"Fashion-MNIST: {len(train)} training and {len(test)} test images "
          f"({time.perf_counter() - start:.1f} s to load)")
    net = build()
    print(net)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(net.parameters(), lr=lr)

    history = []
    for epoch in range(1, epochs + 1):
        total = len(train_iter) if max_batches is None else min(max_batches, len(train_iter))
        loss_sum = correct = n = 0
        bar = progress(train_iter, total, f"epoch {epoch}/{epochs}")
        for i, (X, y) in enumerate(bar):
            if i == total:
                break
            y_hat = net(X)
            loss = loss_fn(y_hat, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * y.numel()
            correct += (y_hat.argmax(dim=1) == y).sum().item()
            n += y.numel()
            if i % 20 == 0 and hasattr(bar, "set_postfix"):
                bar.set_postfix(loss=f"{loss_sum / n:.3f}", acc=f"{correct / n:.3f}")
        if hasattr(bar, "close"):
            bar.close()
        test_acc, last = evaluate(net, test_iter, max_batches)
        history.append((loss_sum / n, correct / n, test_acc))
        print(f"epoch {epoch}: train loss {loss_sum / n:.4f}, train acc {correct / n:.4f}, "
              f"test acc {test_acc:.4f}  [{time.perf_counter() - start:.1f} s]", flush=True)

    os.makedirs(args.out, exist_ok=True)
    ckpt = os.path.join(args.out, "checkpoint.pt")
    torch.save(net.state_dict(), ckpt)
    png = os.path.join(args.out, "demo.png")
    plot(history, *last, png)
    print(f"final test accuracy {history[-1][2]:.4f} after {epochs} epochs in "
          f"{time.perf_counter() - start:.1f} s")
    print(f"saved {ckpt} (load it with torch.load) and {png}")


if __name__ == "__main__":
    main()

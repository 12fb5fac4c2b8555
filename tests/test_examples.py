"""Every script in examples/ runs (smoke mode: a few batches), and the demo writes its files.

The Fashion-MNIST examples read a tiny IDX fixture written here; the demo also runs on the
real data of Debian's dataset-fashion-mnist package when it is installed.
"""

import gzip
import os
import pathlib
import re
import subprocess
import sys

import numpy as np
import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"
DEBIAN_FMNIST = pathlib.Path("/usr/share/datasets/fashion-mnist")


def write_idx(path, array):
    """IDX: 0x0000, type 0x08 (uint8), ndim, big-endian sizes, then the bytes."""
    header = bytes([0, 0, 8, array.ndim]) + np.array(array.shape, ">u4").tobytes()
    with gzip.open(path, "wb") as f:
        f.write(header + array.astype(np.uint8).tobytes())


@pytest.fixture(scope="module")
def fmnist_root(tmp_path_factory):
    """A tiny learnable Fashion-MNIST: class k is a bright horizontal band at row 2k+4."""
    root = tmp_path_factory.mktemp("data")
    raw = root / "FashionMNIST" / "raw"
    raw.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for prefix, n in (("train", 600), ("t10k", 200)):
        labels = rng.integers(0, 10, n).astype(np.uint8)
        images = rng.integers(0, 60, (n, 28, 28)).astype(np.uint8)
        for i, k in enumerate(labels):
            images[i, 2 * k + 4: 2 * k + 6] = 250
        write_idx(raw / f"{prefix}-images-idx3-ubyte.gz", images)
        write_idx(raw / f"{prefix}-labels-idx1-ubyte.gz", labels)
    return root


def run_example(name, *args, cwd=None, timeout=120):
    env = dict(os.environ, NUMTORCH_SMOKE="1", MPLBACKEND="Agg")
    p = subprocess.run([sys.executable, str(EXAMPLES / name), *map(str, args)], cwd=cwd,
                       env=env, capture_output=True, text=True, timeout=timeout)
    assert p.returncode == 0, f"{name} failed:\n{p.stdout}\n{p.stderr}"
    return p.stdout


def losses(text, pattern=r"loss:? ([0-9.]+)"):
    return [float(v) for v in re.findall(pattern, text)]


def test_linear_regression_from_scratch(tmp_path):
    out = run_example("linear_regression.py", cwd=tmp_path)
    ls = losses(out)
    assert len(ls) == 2 and ls[-1] < ls[0] < 10
    assert "true: [2.0, -3.4]" in out


def test_linear_regression_concise(tmp_path):
    out = run_example("linear_regression_concise.py", cwd=tmp_path)
    assert "(linear): Linear(in_features=2, out_features=1, bias=True)" in out
    assert "SGD (\nParameter Group 0\n    dampening: 0" in out
    ls = losses(out, r"epoch \d+, loss: ([0-9.]+)")
    assert len(ls) == 2 and ls[-1] < ls[0]


def test_save_load(tmp_path):
    out = run_example("save_load.py", "--out", tmp_path)
    assert "x2: tensor([1., 1., 1.])" in out
    assert "list: [tensor([1., 1., 1.]), tensor([0., 0., 0., 0.])]" in out
    assert "<All keys matched successfully>" in out
    assert "Y_clone == Y: tensor([[True],\n        [True]])" in out
    assert "net2(X) == Y: True" in out and "resumed at epoch 1" in out
    import torch  # the files are torch's format

    sd = torch.load(tmp_path / "mlp.params")
    assert list(sd) == ["hidden.weight", "hidden.bias", "output.weight", "output.bias"]
    assert torch.load(tmp_path / "xy_dict.pt")["y"].tolist() == [0.0] * 4


def test_optimizers(tmp_path):
    out = run_example("optimizers.py", "--plot", "--out", tmp_path)
    final = dict(re.findall(r"(SGD|Momentum|RMSprop|Adam) ([0-9.]+)", out.splitlines()[-2]))
    assert set(final) == {"SGD", "Momentum", "RMSprop", "Adam"}
    assert all(0 < float(v) < 1 for v in final.values())
    assert (tmp_path / "optimizers.png").read_bytes()[:4] == b"\x89PNG"


EPOCH_LINE = re.compile(r"epoch (\d), loss ([0-9.]+), train acc ([0-9.]+), test acc ([0-9.]+)")


@pytest.mark.parametrize("name, first_line", [
    ("softmax_regression.py", "(linear): Linear(in_features=784, out_features=10, bias=True)"),
    ("mlp.py", "(1): Linear(in_features=784, out_features=256, bias=True)"),
    ("dropout.py", "(3): Dropout(p=0.2, inplace=False)"),
    ("lenet.py", "(0): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))"),
])
def test_fashion_mnist_examples(name, first_line, fmnist_root, tmp_path):
    out = run_example(name, "--root", fmnist_root, cwd=tmp_path)
    assert first_line in out
    epochs = EPOCH_LINE.findall(out)
    assert [e[0] for e in epochs] == ["1", "2"], out
    for _, loss, train_acc, test_acc in epochs:
        assert 0 < float(loss) < 5 and 0 <= float(train_acc) <= 1 and 0 <= float(test_acc) <= 1
    if name == "lenet.py":
        assert "3 output shape: torch.Size([1, 16, 8, 8])" in out
    if name == "dropout.py":
        assert "eval mode:  tensor([[ 0.,  1.,  2.," in out


def demo(tmp_path, *args):
    out_dir = tmp_path / "demo_out"
    out = run_example("demo.py", "--smoke", "--out", out_dir, *args, cwd=tmp_path)
    assert re.search(r"epoch 1: train loss [0-9.]+, train acc [0-9.]+, test acc [0-9.]+", out)
    assert "epoch 2:" in out and "saved " in out
    assert (out_dir / "demo.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    import torch  # the checkpoint is a state_dict that real torch loads

    sd = torch.load(out_dir / "checkpoint.pt")
    return out, sd


def test_demo_smoke(fmnist_root, tmp_path):
    # With Debian's dataset-fashion-mnist installed, root has no files: FashionMNIST finds
    # Debian's and download=True stays offline. Otherwise the tiny fixture.
    real = (DEBIAN_FMNIST / "train-images-idx3-ubyte.gz").exists()
    out, sd = demo(tmp_path, "--root", tmp_path / "empty" if real else fmnist_root)
    sizes = (60000, 10000) if real else (600, 200)
    assert "Fashion-MNIST: %d training and %d test images" % sizes in out
    assert list(sd)[:2] == ["0.weight", "0.bias"] and sd["0.weight"].shape == (6, 1, 5, 5)
    assert sd["11.weight"].shape == (10, 84) and len(sd) == 10


def test_demo_mlp_option(fmnist_root, tmp_path):
    out, sd = demo(tmp_path, "--root", fmnist_root, "--model", "mlp", "--workers", "0")
    assert "(1): Linear(in_features=784, out_features=256, bias=True)" in out
    assert {k: tuple(v.shape) for k, v in sd.items()} == {
        "1.weight": (256, 784), "1.bias": (256,), "3.weight": (10, 256), "3.bias": (10,)}

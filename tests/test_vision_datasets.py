"""numtorchvision.datasets: IDX / CIFAR / ImageFolder fixtures made here, FakeData,
download behaviour (offline, files present, checksums), corrupt files, and the real
Fashion-MNIST when Debian's dataset-fashion-mnist package is installed."""

import gzip
import hashlib
import io
import os
import pathlib
import pickle
import tarfile
import urllib.error
import urllib.request
import zipfile

import numpy as np
import pytest

import numtorch
import numtorchvision
from numtorchvision import datasets
from numtorchvision.datasets import utils as dutils

PIL = pytest.importorskip("PIL")
from PIL import Image  # noqa: E402

DEBIAN_FMNIST = pathlib.Path("/usr/share/datasets/fashion-mnist")


def to_tensor(img):
    """ToTensor from numtorchvision.transforms, or the same math while it is not there."""
    transforms = numtorchvision.transforms
    if hasattr(transforms, "ToTensor"):
        return transforms.ToTensor()(img)
    a = np.asarray(img)
    a = a[:, :, None] if a.ndim == 2 else a
    return numtorch.from_numpy(np.array(a.transpose(2, 0, 1))).float() / 255


# ---------------------------------------------------------------- IDX fixtures -----


def idx_bytes(array):
    codes = {np.uint8: 0x08, np.int8: 0x09, np.int16: 0x0B, np.int32: 0x0C, np.float32: 0x0D}
    array = np.asarray(array)
    header = bytes([0, 0, codes[array.dtype.type], array.ndim])
    dims = np.array(array.shape, dtype=">u4").tobytes()
    return header + dims + array.astype(array.dtype.newbyteorder(">")).tobytes()


def write(path, payload, gz):
    path = pathlib.Path(str(path) + (".gz" if gz else ""))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(payload) if gz else payload)
    return path


def make_mnist(root, name="MNIST", gz=False, n_train=5, n_test=3, seed=0):
    rng = np.random.default_rng(seed)
    raw = pathlib.Path(root) / name / "raw"
    out = {}
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        images = rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8)
        labels = rng.integers(0, 10, size=n, dtype=np.uint8)
        write(raw / f"{prefix}-images-idx3-ubyte", idx_bytes(images), gz)
        write(raw / f"{prefix}-labels-idx1-ubyte", idx_bytes(labels), gz)
        out[prefix] = (images, labels)
    return out


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a URL fails the test."""
    calls = []

    def urlopen(*args, **kwargs):
        calls.append(args)
        raise AssertionError(f"network used: {args}")

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    return calls


@pytest.fixture
def offline(monkeypatch):
    """urlopen fails as it does without a network."""

    def urlopen(request, *args, **kwargs):
        raise urllib.error.URLError("[Errno -2] Name or service not known")

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)


@pytest.fixture
def no_debian(monkeypatch):
    monkeypatch.setattr(datasets.FashionMNIST, "_system_dirs", ())


# ------------------------------------------------------------------- MNIST family --


@pytest.mark.parametrize("cls", [datasets.MNIST, datasets.FashionMNIST, datasets.KMNIST])
@pytest.mark.parametrize("gz", [False, True])
def test_mnist_family_reads_idx(tmp_path, cls, gz, no_debian):
    ref = make_mnist(tmp_path, cls.__name__, gz=gz)
    for train, prefix in ((True, "train"), (False, "t10k")):
        ds = cls(tmp_path, train=train)
        images, labels = ref[prefix]
        assert len(ds) == len(images)
        assert ds.data.dtype == numtorch.uint8 and tuple(ds.data.shape) == images.shape
        assert ds.targets.dtype == numtorch.int64 and ds.targets.tolist() == labels.tolist()
        np.testing.assert_array_equal(ds.data.numpy(), images)
        img, target = ds[1]
        assert isinstance(img, Image.Image) and img.mode == "L" and img.size == (28, 28)
        assert type(target) is int and target == labels[1]
        t = to_tensor(img)
        assert t.dtype == numtorch.float32 and tuple(t.shape) == (1, 28, 28)
        np.testing.assert_array_equal(t.numpy()[0], images[1].astype(np.float32) / 255)
    assert len(ds.classes) == 10 and ds.class_to_idx[ds.classes[3]] == 3


def test_emnist(tmp_path, offline):
    raw = tmp_path / "EMNIST" / "raw"
    images = np.arange(2 * 28 * 28, dtype=np.uint8).reshape(2, 28, 28)
    write(raw / "emnist-letters-test-images-idx3-ubyte", idx_bytes(images), gz=True)
    labels = idx_bytes(np.array([1, 26], np.uint8))
    write(raw / "emnist-letters-test-labels-idx1-ubyte", labels, gz=True)
    ds = datasets.EMNIST(tmp_path, split="letters", train=False, download=True)
    assert len(ds) == 2 and ds.classes[1] == "a" and ds.classes[ds[1][1]] == "z"
    np.testing.assert_array_equal(np.asarray(ds[1][0]), images[1])
    assert len(datasets.EMNIST.classes_split_dict["balanced"]) == 47
    assert len(datasets.EMNIST.classes_split_dict["byclass"]) == 62
    with pytest.raises(ValueError, match="Unknown value 'bogus' for argument split"):
        datasets.EMNIST(tmp_path, split="bogus")
    with pytest.raises(RuntimeError, match="emnist-letters-train-images-idx3-ubyte"):
        datasets.EMNIST(tmp_path, split="letters")
    with pytest.raises(RuntimeError, match="Error downloading https://biometrics.nist.gov"):
        datasets.EMNIST(tmp_path, split="digits", download=True)


def test_mnist_classes_and_transforms(tmp_path):
    ref = make_mnist(tmp_path)
    ds = datasets.MNIST(
        str(tmp_path), transform=lambda im: np.asarray(im).sum(), target_transform=lambda t: t + 100
    )
    assert ds.classes[0] == "0 - zero" and ds.classes[9] == "9 - nine"
    assert datasets.FashionMNIST.classes[0] == "T-shirt/top"
    assert datasets.KMNIST.classes[-1] == "wo"
    x, y = ds[0]
    assert x == ref["train"][0][0].sum() and y == ref["train"][1][0] + 100
    assert [ds[i][1] for i in range(-2, 0)] == [int(v) + 100 for v in ref["train"][1][-2:]]
    with pytest.raises(IndexError):
        ds[len(ds)]


def test_mnist_data_reassignment_is_seen(tmp_path):
    ref = make_mnist(tmp_path)
    ds = datasets.MNIST(tmp_path)
    ds[0]
    ds.data, ds.targets = ds.data[2:4], ds.targets[2:4]
    assert len(ds) == 2
    assert np.array_equal(np.asarray(ds[0][0]), ref["train"][0][2])
    assert ds[1][1] == ref["train"][1][3]


class Marker:
    def __init__(self, text):
        self.text = text

    def __call__(self, x):
        return x

    def __repr__(self):
        return self.text


def test_repr_matches_torchvision(tmp_path):
    make_mnist(tmp_path, "FashionMNIST")
    ds = datasets.FashionMNIST(str(tmp_path), train=False, transform=Marker("ToTensor()"))
    assert repr(ds) == (
        "Dataset FashionMNIST\n"
        "    Number of datapoints: 3\n"
        f"    Root location: {tmp_path}\n"
        "    Split: Test\n"
        "    StandardTransform\n"
        "Transform: ToTensor()"
    )
    ds = datasets.FashionMNIST(
        tmp_path, transform=Marker("Compose(\n    A()\n)"), target_transform=Marker("T()")
    )
    assert repr(ds).splitlines()[3:] == [
        "    Split: Train",
        "    StandardTransform",
        "Transform: Compose(",
        "               A()",
        "           )",
        "Target transform: T()",
    ]
    assert repr(datasets.FashionMNIST(tmp_path)).splitlines()[-1] == "    Split: Train"
    if hasattr(numtorchvision.transforms, "ToTensor"):
        ds = datasets.FashionMNIST(tmp_path, transform=numtorchvision.transforms.ToTensor())
        assert repr(ds).endswith("StandardTransform\nTransform: ToTensor()")


def test_transform_and_transforms_are_exclusive():
    with pytest.raises(ValueError, match="Only transforms or transform/target_transform"):
        datasets.VisionDataset("x", transforms=lambda a, b: (a, b), transform=lambda a: a)


def test_mnist_missing_files(tmp_path, no_network, no_debian):
    with pytest.raises(RuntimeError, match="Dataset not found. You can use download=True") as e:
        datasets.FashionMNIST(tmp_path)
    msg = str(e.value)
    assert "train-images-idx3-ubyte" in msg and str(tmp_path / "FashionMNIST" / "raw") in msg
    assert "apt-get install dataset-fashion-mnist" in msg
    assert not no_network


def test_download_offline_gives_clear_error(tmp_path, offline, no_debian, capsys):
    with pytest.raises(RuntimeError) as e:
        datasets.FashionMNIST(tmp_path, download=True)
    msg = str(e.value)
    for expected in (
        "Error downloading train-images-idx3-ubyte.gz",
        "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz",
        "Name or service not known",
        "t10k-labels-idx1-ubyte",
        str(tmp_path / "FashionMNIST" / "raw"),
        "apt-get install dataset-fashion-mnist",
    ):
        assert expected in msg, expected
    assert list((tmp_path / "FashionMNIST" / "raw").iterdir()) == []  # no partial files
    with pytest.raises(RuntimeError, match="ossci-datasets.*yann.lecun.com"):
        datasets.MNIST(tmp_path, download=True)


@pytest.mark.parametrize("gz", [False, True])
def test_download_with_files_present_touches_no_network(tmp_path, no_network, gz):
    make_mnist(tmp_path, "KMNIST", gz=gz)
    ds = datasets.KMNIST(tmp_path, train=False, download=True)
    assert len(ds) == 3 and not no_network


def serve(monkeypatch, files):
    """Fake urlopen serving ``files`` (url -> bytes); records the URLs asked for."""
    asked = []

    class Response(io.BytesIO):
        def __init__(self, data):
            super().__init__(data)
            self.length = len(data)

    def urlopen(request, *args, **kwargs):
        url = request.full_url if hasattr(request, "full_url") else request
        asked.append(url)
        if url not in files:
            raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)
        return Response(files[url])

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    return asked


def test_download_fetches_checks_and_extracts(tmp_path, monkeypatch, capsys):
    src = tmp_path / "src"
    ref = make_mnist(src, gz=True)
    gz_files = sorted((src / "MNIST" / "raw").iterdir())
    md5 = {p.name: hashlib.md5(p.read_bytes()).hexdigest() for p in gz_files}

    class Mirrored(datasets.MNIST):
        mirrors = ["http://dead.example/", "http://good.example/"]
        resources = [(n, md5[n]) for n in sorted(md5)]

    asked = serve(monkeypatch, {f"http://good.example/{p.name}": p.read_bytes() for p in gz_files})
    ds = Mirrored(tmp_path / "dst", download=True)
    assert ds.targets.tolist() == ref["train"][1].tolist()
    raw = tmp_path / "dst" / "Mirrored" / "raw"
    names = sorted(p.name for p in raw.iterdir())
    assert names == sorted([p.name for p in gz_files] + [p.name[:-3] for p in gz_files])
    assert len(asked) == 8 and asked[0].startswith("http://dead.example/")
    assert "Downloading http://good.example/" in capsys.readouterr().out
    # A second construction with download=True finds everything and asks for nothing.
    asked.clear()
    Mirrored(tmp_path / "dst", train=False, download=True)
    assert asked == []


def test_download_rejects_bad_checksum(tmp_path, monkeypatch):
    class Bad(datasets.MNIST):
        mirrors = ["http://m.example/"]
        resources = [("train-images-idx3-ubyte.gz", "0" * 32)] + datasets.MNIST.resources[1:]

    serve(monkeypatch, {"http://m.example/train-images-idx3-ubyte.gz": b"not the real file"})
    with pytest.raises(RuntimeError, match="corrupted: its MD5 is .* expected 0000"):
        Bad(tmp_path, download=True)
    assert list((tmp_path / "Bad" / "raw").iterdir()) == []


# ------------------------------------------------------------------ corrupt files --


def test_corrupt_idx_files(tmp_path, no_debian):
    ref = make_mnist(tmp_path)
    raw = tmp_path / "MNIST" / "raw"
    images = raw / "train-images-idx3-ubyte"
    good = images.read_bytes()

    def expect(payload, pattern, name="train-images-idx3-ubyte"):
        saved = (raw / name).read_bytes()
        (raw / name).write_bytes(payload)
        with pytest.raises(RuntimeError, match=pattern) as e:
            datasets.MNIST(tmp_path)
        assert str(raw / name) in str(e.value)
        (raw / name).write_bytes(saved)

    expect(b"\x12\x34" + good[2:], "bad magic number 1234")
    expect(good[:-10], "is truncated: an IDX array of shape \\(5, 28, 28\\)")
    expect(good + b"\x00", "is too long")
    expect(good[:10], "truncated")
    expect(b"", "bad magic number \\(empty\\)")
    expect(idx_bytes(ref["train"][0][:, :, :5].astype(np.int32)), "expected a 3-d uint8 array")
    expect(idx_bytes(ref["train"][0][:4]), "holds 4 images but .* holds 5 labels")
    expect(idx_bytes(np.zeros((5, 1), np.uint8)), "expected a 1-d uint8", "train-labels-idx1-ubyte")
    assert len(datasets.MNIST(tmp_path)) == 5  # restored
    images.unlink()
    gz = raw / "train-images-idx3-ubyte.gz"
    for payload in (b"definitely not gzip data", gzip.compress(good)[:-30]):
        gz.write_bytes(payload)
        with pytest.raises(RuntimeError, match="Corrupt or truncated file") as e:
            datasets.MNIST(tmp_path)
        assert str(gz) in str(e.value)


def test_legacy_processed_files(tmp_path):
    data = numtorch.from_numpy(np.arange(2 * 28 * 28, dtype=np.uint8).reshape(2, 28, 28))
    targets = numtorch.tensor([3, 4])
    processed = tmp_path / "MNIST" / "processed"
    processed.mkdir(parents=True)
    numtorch.save((data, targets), processed / "training.pt")
    numtorch.save((data[:1], targets[:1]), processed / "test.pt")
    assert len(datasets.MNIST(tmp_path)) == 2 and len(datasets.MNIST(tmp_path, train=False)) == 1
    assert datasets.MNIST(tmp_path)[1][1] == 4


# --------------------------------------------------------------------------- CIFAR --


def cifar_batch(n, rng, label_key="labels", str_keys=True):
    entry = {
        "batch_label": "testing batch",
        "data": rng.integers(0, 256, size=(n, 3072), dtype=np.uint8),
        label_key: [int(v) for v in rng.integers(0, 10, size=n)],
        "filenames": [f"img_{i}.png" for i in range(n)],
    }
    if not str_keys:  # what a Python 2 str key looks like once re-pickled by Python 3
        entry = {k.encode(): v for k, v in entry.items()}
    return entry


def py2_style(obj):
    # Python 2's pickles name numpy.core.multiarray; rewrite NumPy 2's module names.
    return pickle.dumps(obj, protocol=2).replace(b"numpy._core.", b"numpy.core.")


def make_cifar10(root, n=(4, 3, 2, 2, 1), n_test=3, seed=0):
    rng = np.random.default_rng(seed)
    folder = pathlib.Path(root) / "cifar-10-batches-py"
    folder.mkdir(parents=True)
    batches = []
    for i, k in enumerate(n):
        entry = cifar_batch(k, rng, str_keys=bool(i % 2))
        payload = py2_style(entry) if i < 3 else pickle.dumps(entry)
        (folder / f"data_batch_{i + 1}").write_bytes(payload)
        batches.append(entry)
    test = cifar_batch(n_test, rng)
    (folder / "test_batch").write_bytes(pickle.dumps(test, protocol=5))
    names = "airplane automobile bird cat deer dog frog horse ship truck".split()
    (folder / "batches.meta").write_bytes(py2_style({"label_names": names, "num_vis": 3072}))
    return batches, test


def _field(entry, key):
    return entry[key] if key in entry else entry[key.encode()]


def test_cifar10(tmp_path, no_network):
    batches, test = make_cifar10(tmp_path)
    ds = datasets.CIFAR10(tmp_path, download=True)
    raw = np.vstack([_field(b, "data") for b in batches])
    assert len(ds) == 12 and isinstance(ds.data, np.ndarray)
    assert ds.data.shape == (12, 32, 32, 3) and ds.data.dtype == np.uint8
    assert ds.targets == sum((_field(b, "labels") for b in batches), [])
    assert type(ds.targets) is list and type(ds.targets[0]) is int
    assert ds.classes[1] == "automobile" and ds.class_to_idx["truck"] == 9
    img, target = ds[5]
    assert isinstance(img, Image.Image) and img.mode == "RGB" and img.size == (32, 32)
    assert target == ds.targets[5]
    t = to_tensor(img)
    assert tuple(t.shape) == (3, 32, 32) and t.dtype == numtorch.float32
    np.testing.assert_array_equal(t.numpy(), raw[5].reshape(3, 32, 32).astype(np.float32) / 255)
    test_ds = datasets.CIFAR10(str(tmp_path), train=False)
    assert len(test_ds) == 3 and test_ds.targets == test["labels"]
    assert repr(test_ds).splitlines()[1:4] == [
        "    Number of datapoints: 3",
        f"    Root location: {tmp_path}",
        "    Split: Test",
    ]
    assert not no_network


def test_cifar100(tmp_path):
    rng = np.random.default_rng(1)
    folder = tmp_path / "cifar-100-python"
    folder.mkdir()
    train = cifar_batch(4, rng, "fine_labels")
    train["coarse_labels"] = [0, 1, 2, 3]
    (folder / "train").write_bytes(py2_style(train))
    (folder / "test").write_bytes(pickle.dumps(cifar_batch(2, rng, "fine_labels")))
    names = [f"class{i}" for i in range(100)]
    meta = {"fine_label_names": names, "coarse_label_names": []}
    (folder / "meta").write_bytes(pickle.dumps(meta))
    ds = datasets.CIFAR100(tmp_path)
    assert len(ds) == 4 and ds.targets == train["fine_labels"] and len(ds.classes) == 100
    assert ds.class_to_idx["class42"] == 42 and len(datasets.CIFAR100(tmp_path, train=False)) == 2


class Evil:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (self.path,))


def test_cifar_refuses_malicious_pickle(tmp_path):
    make_cifar10(tmp_path)
    marker = tmp_path / "pwned"
    batch = tmp_path / "cifar-10-batches-py" / "data_batch_2"
    batch.write_bytes(pickle.dumps({"data": Evil(str(marker)), "labels": []}))
    with pytest.raises(pickle.UnpicklingError, match="Refusing to load global 'posix.mkdir'") as e:
        datasets.CIFAR10(tmp_path)
    assert str(batch) in str(e.value) and not marker.exists()
    batch.write_bytes(pickle.dumps({"data": np.zeros(2, dtype=object), "labels": [eval]}))
    with pytest.raises(pickle.UnpicklingError, match="builtins.eval"):
        datasets.CIFAR10(tmp_path)


def test_cifar_missing_and_corrupt(tmp_path, offline):
    with pytest.raises(RuntimeError, match="Dataset not found or corrupted. You can use download"):
        datasets.CIFAR10(tmp_path)
    with pytest.raises(RuntimeError, match="Error downloading https://www.cs.toronto.edu/~kriz/"):
        datasets.CIFAR10(tmp_path, download=True)
    make_cifar10(tmp_path)
    batch = tmp_path / "cifar-10-batches-py" / "data_batch_1"
    good = batch.read_bytes()
    for payload, pattern in (
        (good[: len(good) // 2], "Corrupt or truncated CIFAR file"),
        (b"garbage", "Corrupt or truncated CIFAR file"),
        (pickle.dumps([1, 2]), "should hold a dict"),
        (pickle.dumps({"data": np.zeros((2, 10), np.uint8), "labels": [0, 1]}), "is corrupted"),
        (pickle.dumps({"data": np.zeros((2, 3072), np.uint8), "labels": [0]}), "is corrupted"),
    ):
        batch.write_bytes(payload)
        with pytest.raises(RuntimeError, match=pattern) as e:
            datasets.CIFAR10(tmp_path)
        assert str(batch) in str(e.value)
    batch.write_bytes(good)
    (tmp_path / "cifar-10-batches-py" / "batches.meta").unlink()
    with pytest.raises(RuntimeError, match="metadata file not found"):
        datasets.CIFAR10(tmp_path)


# ---------------------------------------------------------------------- ImageFolder --


def make_tree(root):
    rng = np.random.default_rng(0)
    pixels = {}
    for rel, mode in (
        ("cat/b.png", "RGB"),
        ("cat/a.PNG", "RGB"),
        ("cat/sub/c.png", "L"),
        ("dog/d.bmp", "RGB"),
        ("dog/notes.txt", None),
        ("ant/e.png", "RGBA"),
    ):
        path = pathlib.Path(root) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if mode is None:
            path.write_text("not an image")
            continue
        channels = {"RGB": 3, "L": 1, "RGBA": 4}[mode]
        a = rng.integers(0, 256, size=(5, 4, channels), dtype=np.uint8)
        Image.fromarray(a[:, :, 0] if channels == 1 else a).save(path)
        pixels[rel] = a
    return pixels


def test_image_folder(tmp_path):
    pixels = make_tree(tmp_path)
    ds = datasets.ImageFolder(tmp_path)
    assert ds.classes == ["ant", "cat", "dog"]
    assert ds.class_to_idx == {"ant": 0, "cat": 1, "dog": 2}
    rel = [os.path.relpath(p, tmp_path) for p, _ in ds.samples]
    assert rel == ["ant/e.png", "cat/a.PNG", "cat/b.png", "cat/sub/c.png", "dog/d.bmp"]
    assert ds.targets == [0, 1, 1, 1, 2] and ds.imgs is ds.samples and len(ds) == 5
    for i, name in enumerate(rel):
        img, target = ds[i]
        assert isinstance(img, Image.Image) and img.mode == "RGB" and img.size == (4, 5)
        assert target == ds.targets[i]
        expected = pixels[name]
        expected = np.repeat(expected, 3, axis=2) if expected.shape[2] == 1 else expected[:, :, :3]
        np.testing.assert_array_equal(
            to_tensor(img).numpy(), expected.transpose(2, 0, 1).astype(np.float32) / 255
        )
    only_png = datasets.ImageFolder(
        tmp_path, is_valid_file=lambda p: p.endswith(".png"), allow_empty=True
    )
    assert len(only_png) == 3 and only_png.targets == [0, 1, 1]
    assert repr(ds).splitlines() == [
        "Dataset ImageFolder",
        "    Number of datapoints: 5",
        f"    Root location: {tmp_path}",
    ]


def test_dataset_folder_and_errors(tmp_path):
    make_tree(tmp_path)
    texts = datasets.DatasetFolder(
        tmp_path,
        loader=lambda p: pathlib.Path(p).read_text(),
        extensions=(".txt",),
        allow_empty=True,
    )
    assert len(texts) == 1 and texts[0] == ("not an image", 2)
    with pytest.raises(FileNotFoundError, match="Found no valid file for the classes ant, cat"):
        datasets.DatasetFolder(tmp_path, loader=open, extensions=".txt")
    with pytest.raises(ValueError, match="Both extensions and is_valid_file cannot be None"):
        datasets.DatasetFolder(tmp_path, loader=open)
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="Found no valid file for the classes empty"):
        datasets.ImageFolder(tmp_path)
    assert len(datasets.ImageFolder(tmp_path, allow_empty=True).classes) == 4
    with pytest.raises(FileNotFoundError, match="Couldn't find any class folder"):
        datasets.ImageFolder(tmp_path / "cat" / "sub")
    with pytest.raises(FileNotFoundError):
        datasets.ImageFolder(tmp_path / "missing")
    from numtorchvision.datasets.folder import find_classes, make_dataset

    assert find_classes(tmp_path)[0] == ["ant", "cat", "dog", "empty"]
    with pytest.raises(ValueError, match="at least one entry"):
        make_dataset(tmp_path, {}, extensions=".png")


def test_image_backend():
    assert numtorchvision.get_image_backend() == "PIL"
    with pytest.raises(ValueError, match="Invalid backend 'cv2'"):
        numtorchvision.set_image_backend("cv2")


# ------------------------------------------------------------------------ FakeData --


def test_fake_data():
    ds = datasets.FakeData(size=6, image_size=(3, 5, 7), num_classes=4)
    assert len(ds) == 6 and ds.root is None
    numtorch.manual_seed(0)
    expected = numtorch.rand(3)
    numtorch.manual_seed(0)
    img, target = ds[2]
    assert numtorch.equal(numtorch.rand(3), expected)  # the global generator is untouched
    assert isinstance(img, Image.Image) and img.mode == "RGB" and img.size == (7, 5)
    assert type(target) is int and 0 <= target < 4
    numtorch.manual_seed(123)
    again, target2 = ds[2]
    assert np.array_equal(np.asarray(img), np.asarray(again)) and target == target2
    assert not np.array_equal(np.asarray(img), np.asarray(ds[3][0]))
    shifted = datasets.FakeData(size=6, image_size=(3, 5, 7), num_classes=4, random_offset=1)
    assert np.array_equal(np.asarray(shifted[1][0]), np.asarray(ds[2][0]))
    assert {ds[i][1] for i in range(6)} <= set(range(4))
    assert datasets.FakeData(2, (1, 3, 3))[0][0].mode == "L"
    with pytest.raises(IndexError, match="FakeData index out of range"):
        ds[6]
    with pytest.raises(ValueError, match="image_size"):
        datasets.FakeData(2, (2, 3, 3))
    assert repr(ds) == "Dataset FakeData\n    Number of datapoints: 6"


# ------------------------------------------------------------------- download utils --


def test_integrity_and_archives(tmp_path):
    f = tmp_path / "a.bin"
    f.write_bytes(b"hello")
    md5 = hashlib.md5(b"hello").hexdigest()
    assert dutils.calculate_md5(f) == md5 and dutils.check_integrity(f, md5)
    assert dutils.check_integrity(f) and not dutils.check_integrity(f, "0" * 32)
    assert not dutils.check_integrity(tmp_path / "missing")

    with tarfile.open(tmp_path / "x.tar.gz", "w:gz") as tar:
        tar.add(f, arcname="d/a.bin")
    assert dutils.extract_archive(tmp_path / "x.tar.gz", tmp_path / "out") == str(tmp_path / "out")
    assert (tmp_path / "out" / "d" / "a.bin").read_bytes() == b"hello"

    with zipfile.ZipFile(tmp_path / "z.zip", "w") as zf:
        zf.writestr("z/b.txt", "zip")
    dutils.extract_archive(tmp_path / "z.zip", tmp_path / "out", remove_finished=True)
    assert (tmp_path / "out" / "z" / "b.txt").read_text() == "zip"
    assert not (tmp_path / "z.zip").exists()

    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(b"gz"))
    out = dutils.extract_archive(tmp_path / "c.txt.gz")
    assert out == str(tmp_path / "c.txt") and pathlib.Path(out).read_bytes() == b"gz"

    with tarfile.open(tmp_path / "evil.tar", "w") as tar:
        info = tarfile.TarInfo("../escaped.txt")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(RuntimeError, match="Could not extract"):
        dutils.extract_archive(tmp_path / "evil.tar", tmp_path / "out")
    assert not (tmp_path / "escaped.txt").exists()
    with pytest.raises(RuntimeError, match="not a supported archive"):
        dutils.extract_archive(f)
    (tmp_path / "bad.tar.gz").write_bytes(b"junk")
    with pytest.raises(RuntimeError, match="Could not extract"):
        dutils.extract_archive(tmp_path / "bad.tar.gz")


def test_verify_str_arg():
    assert dutils.verify_str_arg("train", "split", ("train", "test")) == "train"
    with pytest.raises(ValueError, match="Unknown value 'val' for argument split"):
        dutils.verify_str_arg("val", "split", ("train", "test"))
    with pytest.raises(ValueError, match="Expected type str"):
        dutils.verify_str_arg(3, "split")


# ------------------------------------------------------------------------ pipelines --


def test_dataloader_over_mnist_with_workers(tmp_path):
    make_mnist(tmp_path, n_train=8)
    ds = datasets.MNIST(tmp_path, transform=to_tensor)
    loader = numtorch.utils.data.DataLoader(ds, batch_size=4, num_workers=2)
    batches = list(loader)
    assert len(batches) == 2
    x, y = batches[1]
    assert tuple(x.shape) == (4, 1, 28, 28) and x.dtype == numtorch.float32
    assert numtorch.equal(y, ds.targets[4:])
    np.testing.assert_array_equal(x.numpy()[:, 0], ds.data.numpy()[4:] / np.float32(255))


@pytest.mark.skipif(not DEBIAN_FMNIST.is_dir(), reason="dataset-fashion-mnist not installed")
def test_real_fashion_mnist(tmp_path, no_network):
    train = datasets.FashionMNIST(tmp_path, train=True, download=True)
    test = datasets.FashionMNIST(tmp_path, train=False)
    assert len(train) == 60000 and len(test) == 10000
    assert tuple(train.data.shape) == (60000, 28, 28) and train.data.dtype == numtorch.uint8
    counts = np.bincount(train.targets.numpy(), minlength=10)
    assert counts.tolist() == [6000] * 10
    assert sorted(set(test.targets.tolist())) == list(range(10))
    with gzip.open(DEBIAN_FMNIST / "t10k-images-idx3-ubyte.gz") as f:
        first = np.frombuffer(f.read(16 + 784)[16:], dtype=np.uint8).reshape(28, 28)
    img, label = test[0]
    assert label == 9 and test.classes[label] == "Ankle boot"  # the published first test label
    np.testing.assert_array_equal(np.asarray(img), first)
    test.transform = to_tensor
    x, y = next(iter(numtorch.utils.data.DataLoader(test, batch_size=16)))
    assert tuple(x.shape) == (16, 1, 28, 28) and x.dtype == numtorch.float32
    assert y.dtype == numtorch.int64 and float(x.max()) <= 1.0
    np.testing.assert_array_equal(x.numpy()[0, 0], first / np.float32(255))
    assert not no_network

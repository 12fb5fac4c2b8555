"""MNIST, FashionMNIST, KMNIST and EMNIST: 28x28 grayscale images in the IDX format.

The IDX files are read straight from ``root/<ClassName>/raw/``, each either decompressed
or ``.gz``-compressed. FashionMNIST also finds the files that Debian's
``dataset-fashion-mnist`` package installs in ``/usr/share/datasets/fashion-mnist/``.

IDX layout (all integers big-endian): two zero bytes, one type byte (0x08 uint8,
0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64), one byte giving the
number of dimensions ``n``, then ``n`` uint32 sizes, then the values in C order.
"""

import gzip
import os
import shutil
import string
import warnings
import zlib
from urllib.error import URLError

import numpy as np

import numtorch

from .utils import download_and_extract_archive, download_url, extract_archive, verify_str_arg
from .vision import VisionDataset

__all__ = [
    "MNIST",
    "FashionMNIST",
    "KMNIST",
    "EMNIST",
    "read_sn3_pascalvincent_tensor",
    "read_image_file",
    "read_label_file",
]

_IDX_TYPES = {
    0x08: np.dtype(np.uint8),
    0x09: np.dtype(np.int8),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


def _read_bytes(path):
    """All bytes of ``path``, gunzipped when the name ends in ``.gz``."""
    path = os.fspath(path)
    try:
        if path.endswith(".gz"):
            with gzip.open(path, "rb") as f:
                return f.read()
        with open(path, "rb") as f:
            return f.read()
    except (OSError, EOFError, zlib.error) as err:
        if isinstance(err, FileNotFoundError):
            raise
        # gzip.BadGzipFile is an OSError; a truncated stream is an EOFError.
        raise RuntimeError(f"Corrupt or truncated file '{path}': {err}") from err


def _parse_idx(path):
    """Parse an IDX file into a NumPy array in native byte order (read-only view)."""
    raw = _read_bytes(path)
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in _IDX_TYPES:
        raise RuntimeError(
            f"File '{path}' is not an IDX file: bad magic number {raw[:4].hex() or '(empty)'} "
            "(expected 0x0000 followed by a type byte 08/09/0b/0c/0d/0e and the number of "
            "dimensions)"
        )
    dtype, ndim = _IDX_TYPES[raw[2]], raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise RuntimeError(f"File '{path}' is truncated: its IDX header needs {header} bytes")
    shape = tuple(int(d) for d in np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    expected = header + int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(raw) != expected:
        what = "truncated" if len(raw) < expected else "too long"
        raise RuntimeError(
            f"File '{path}' is {what}: an IDX array of shape {shape} and type {dtype.name} "
            f"takes {expected} bytes, the file has {len(raw)}"
        )
    array = np.frombuffer(raw, dtype=dtype, offset=header).reshape(shape)
    return array.astype(dtype.newbyteorder("="), copy=False)


def read_sn3_pascalvincent_tensor(path, strict=True):
    """Read an IDX ("SN3 pascalvincent") file into a numtorch tensor.

    ``strict`` is accepted for torchvision compatibility; the size is always checked.
    """
    array = _parse_idx(path)
    if not array.flags.writeable:
        array = array.copy()
    return numtorch.from_numpy(array)


def read_label_file(path):
    """Labels file -> int64 tensor of shape (N,)."""
    array = _parse_idx(path)
    if array.dtype != np.uint8 or array.ndim != 1:
        raise RuntimeError(
            f"File '{path}' is not an IDX labels file: expected a 1-d uint8 array, "
            f"got {array.ndim}-d {array.dtype.name}"
        )
    return numtorch.from_numpy(array.astype(np.int64))


def read_image_file(path):
    """Images file -> uint8 tensor of shape (N, H, W)."""
    array = _parse_idx(path)
    if array.dtype != np.uint8 or array.ndim != 3:
        raise RuntimeError(
            f"File '{path}' is not an IDX images file: expected a 3-d uint8 array, "
            f"got {array.ndim}-d {array.dtype.name}"
        )
    # frombuffer over immutable bytes is read-only; a tensor must be writable.
    return numtorch.from_numpy(array.copy())


def _to_numpy(x):
    return x.numpy() if isinstance(x, numtorch.Tensor) else np.asarray(x)


class MNIST(VisionDataset):
    """`MNIST <http://yann.lecun.com/exdb/mnist/>`_ handwritten digits.

    Args:
        root (str or ``pathlib.Path``): directory holding ``MNIST/raw/`` with the IDX
            files ``train-images-idx3-ubyte``, ``train-labels-idx1-ubyte``,
            ``t10k-images-idx3-ubyte``, ``t10k-labels-idx1-ubyte`` (or their ``.gz``).
        train (bool): the 60,000-image training split if True, else the 10,000-image test split.
        transform (callable, optional): applied to the PIL image (mode ``'L'``).
        target_transform (callable, optional): applied to the int label.
        download (bool): fetch missing files from the official mirrors (MD5-checked).
            Files already present are never downloaded again.

    Attributes: ``data`` (uint8 tensor (N, 28, 28)), ``targets`` (int64 tensor (N,)),
    ``classes``, ``class_to_idx``. Items are ``(PIL.Image, int)``.

    Example::

        >>> ds = MNIST("data", train=False, transform=transforms.ToTensor())
        >>> img, label = ds[0]          # img: float32 (1, 28, 28) in [0, 1]
    """

    mirrors = [
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "http://yann.lecun.com/exdb/mnist/",
    ]
    resources = [
        ("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
        ("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
        ("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
        ("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"),
    ]
    training_file = "training.pt"
    test_file = "test.pt"
    classes = [
        "0 - zero", "1 - one", "2 - two", "3 - three", "4 - four",
        "5 - five", "6 - six", "7 - seven", "8 - eight", "9 - nine",
    ]  # fmt: skip

    # Directories searched after ``raw_folder`` (system-wide installs of the files).
    _system_dirs = ()
    _system_hint = ""

    def __init__(self, root, train=True, transform=None, target_transform=None, download=False):
        super().__init__(root, transform=transform, target_transform=target_transform)
        self.train = train
        if self._check_legacy_exist():
            self.data, self.targets = self._load_legacy_data()
            return
        if download and not self._check_exists():
            self.download()
        if not self._check_exists():
            raise RuntimeError(
                "Dataset not found. You can use download=True to download it. "
                + self._expected_files_message()
            )
        self.data, self.targets = self._load_data()

    # -- deprecated aliases kept by torchvision ---------------------------------------
    @property
    def train_labels(self):
        warnings.warn("train_labels has been renamed targets")
        return self.targets

    @property
    def test_labels(self):
        warnings.warn("test_labels has been renamed targets")
        return self.targets

    @property
    def train_data(self):
        warnings.warn("train_data has been renamed data")
        return self.data

    @property
    def test_data(self):
        warnings.warn("test_data has been renamed data")
        return self.data

    # -- files ------------------------------------------------------------------------
    @property
    def raw_folder(self):
        return os.path.join(self.root, self.__class__.__name__, "raw")

    @property
    def processed_folder(self):
        return os.path.join(self.root, self.__class__.__name__, "processed")

    @property
    def class_to_idx(self):
        return {_class: i for i, _class in enumerate(self.classes)}

    def _split_files(self):
        prefix = "train" if self.train else "t10k"
        return [f"{prefix}-images-idx3-ubyte", f"{prefix}-labels-idx1-ubyte"]

    def _all_files(self):
        return [os.path.splitext(name)[0] for name, _ in self.resources]

    def _find(self, name):
        """Path of ``name`` (decompressed preferred, else ``.gz``) in the search dirs, or None."""
        for folder in (self.raw_folder, *self._system_dirs):
            for candidate in (name, name + ".gz"):
                path = os.path.join(folder, candidate)
                if os.path.isfile(path):
                    return path
        return None

    def _check_exists(self, names=None):
        return all(self._find(name) is not None for name in (names or self._split_files()))

    def _check_legacy_exist(self):
        folder = self.processed_folder
        if not os.path.isdir(folder):
            return False
        return all(
            os.path.isfile(os.path.join(folder, f)) for f in (self.training_file, self.test_file)
        )

    def _load_legacy_data(self):
        # Files written by torchvision < 0.9: a pickled (data, targets) pair per split.
        data_file = self.training_file if self.train else self.test_file
        return numtorch.load(os.path.join(self.processed_folder, data_file))

    def _load_data(self):
        images_name, labels_name = self._split_files()
        images_path, labels_path = self._find(images_name), self._find(labels_name)
        data = read_image_file(images_path)
        targets = read_label_file(labels_path)
        if len(data) != len(targets):
            raise RuntimeError(
                f"'{images_path}' holds {len(data)} images but '{labels_path}' holds "
                f"{len(targets)} labels"
            )
        return data, targets

    def _expected_files_message(self):
        names = ", ".join(self._all_files())
        folders = " or ".join(f"'{d}'" for d in (self.raw_folder, *self._system_dirs))
        msg = (
            f"{self.__class__.__name__} expects the IDX files {names} (each as-is or .gz) "
            f"in {folders}."
        )
        return msg + (" " + self._system_hint if self._system_hint else "")

    def download(self):
        """Download the IDX files that are missing, trying each mirror in turn."""
        if self._check_exists(self._all_files()):
            return
        os.makedirs(self.raw_folder, exist_ok=True)
        for filename, md5 in self.resources:
            if self._find(os.path.splitext(filename)[0]) is not None:
                continue
            failures = []
            for mirror in self.mirrors:
                url = f"{mirror}{filename}"
                try:
                    print(f"Downloading {url}")
                    download_url(url, root=self.raw_folder, filename=filename, md5=md5)
                except (URLError, OSError, RuntimeError) as error:
                    failures.append(f"{url}: {error}")
                    continue
                extract_archive(os.path.join(self.raw_folder, filename), self.raw_folder)
                break
            else:
                tried = "; ".join(failures)
                raise RuntimeError(
                    f"Error downloading {filename}: no mirror succeeded (tried {tried}). "
                    + self._expected_files_message()
                )

    # -- items ------------------------------------------------------------------------
    def _numpy_arrays(self):
        # Indexing NumPy is far cheaper than indexing a Tensor per item; the cache is
        # keyed on the identity of ``data``/``targets`` so reassigning them still works.
        data, targets = self.data, self.targets
        cache = self.__dict__.get("_np_cache")
        if cache is None or cache[0] is not data or cache[1] is not targets:
            cache = (data, targets, _to_numpy(data), _to_numpy(targets))
            self._np_cache = cache
        return cache[2], cache[3]

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_np_cache", None)
        return state

    def __getitem__(self, index):
        """Return ``(image, target)``: a PIL image (mode ``'L'``) and the int class index."""
        from PIL import Image

        data, targets = self._numpy_arrays()
        img, target = Image.fromarray(data[index]), int(targets[index])
        if self.transform is not None:
            img = self.transform(img)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return img, target

    def __len__(self):
        return len(self.data)

    def extra_repr(self):
        split = "Train" if self.train is True else "Test"
        return f"Split: {split}"


class FashionMNIST(MNIST):
    """`Fashion-MNIST <https://github.com/zalandoresearch/fashion-mnist>`_: Zalando's articles.

    Same arguments and attributes as :class:`MNIST`; files are looked up in
    ``root/FashionMNIST/raw/`` and then in ``/usr/share/datasets/fashion-mnist/``
    (``apt-get install dataset-fashion-mnist`` on Debian/Ubuntu).
    """

    mirrors = ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"]
    resources = [
        ("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
        ("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
        ("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
        ("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"),
    ]
    classes = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]  # fmt: skip
    _system_dirs = ("/usr/share/datasets/fashion-mnist",)
    _system_hint = (
        "On Debian/Ubuntu, `apt-get install dataset-fashion-mnist` installs them in "
        "/usr/share/datasets/fashion-mnist/."
    )


class KMNIST(MNIST):
    """`Kuzushiji-MNIST <https://github.com/rois-codh/kmnist>`_: cursive Japanese characters.

    Same arguments and attributes as :class:`MNIST`; files in ``root/KMNIST/raw/``.
    """

    mirrors = ["http://codh.rois.ac.jp/kmnist/dataset/kmnist/"]
    resources = [
        ("train-images-idx3-ubyte.gz", "bdb82020997e1d708af4cf47b453dcf7"),
        ("train-labels-idx1-ubyte.gz", "e144d726b3acfaa3e44228e80efcd344"),
        ("t10k-images-idx3-ubyte.gz", "5c965bf0a639b31b8f53240b1b52f4d7"),
        ("t10k-labels-idx1-ubyte.gz", "7320c461ea6c1c855c0b718fb2a4b134"),
    ]
    classes = ["o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"]


class EMNIST(MNIST):
    """`EMNIST <https://www.nist.gov/itl/products-and-services/emnist-dataset>`_: letters, digits.

    Args:
        root (str or ``pathlib.Path``): directory holding ``EMNIST/raw/`` with the files
            ``emnist-<split>-{train,test}-{images-idx3,labels-idx1}-ubyte`` (or ``.gz``).
        split (str): one of ``byclass``, ``bymerge``, ``balanced``, ``letters``,
            ``digits``, ``mnist``; it selects the files and ``classes``.
        train, transform, target_transform, download: as :class:`MNIST`.

    The images are stored transposed in the original files and are returned as stored,
    as torchvision does.
    """

    url = "https://biometrics.nist.gov/cs_links/EMNIST/gzip.zip"
    md5 = "58c8d27c78d21e728a6bc7b3cc06412e"
    splits = ("byclass", "bymerge", "balanced", "letters", "digits", "mnist")
    # Upper and lower case of these letters look alike; bymerge/balanced merge them.
    _merged_classes = {"c", "i", "j", "k", "l", "m", "o", "p", "s", "u", "v", "w", "x", "y", "z"}
    _all_classes = set(string.digits + string.ascii_letters)
    classes_split_dict = {
        "byclass": sorted(_all_classes),
        "bymerge": sorted(_all_classes - _merged_classes),
        "balanced": sorted(_all_classes - _merged_classes),
        "letters": ["N/A"] + list(string.ascii_lowercase),
        "digits": list(string.digits),
        "mnist": list(string.digits),
    }

    def __init__(self, root, split, **kwargs):
        self.split = verify_str_arg(split, "split", self.splits)
        self.training_file = f"training_{split}.pt"
        self.test_file = f"test_{split}.pt"
        super().__init__(root, **kwargs)
        self.classes = self.classes_split_dict[self.split]

    def _split_files(self):
        prefix = f"emnist-{self.split}-{'train' if self.train else 'test'}"
        return [f"{prefix}-images-idx3-ubyte", f"{prefix}-labels-idx1-ubyte"]

    def _all_files(self):
        return self._split_files()

    def download(self):
        """Download the official zip (all splits) and decompress its IDX files."""
        if self._check_exists():
            return
        os.makedirs(self.raw_folder, exist_ok=True)
        try:
            download_and_extract_archive(self.url, download_root=self.raw_folder, md5=self.md5)
        except OSError as err:  # URLError is an OSError
            raise RuntimeError(
                f"Error downloading {self.url}: {err}. " + self._expected_files_message()
            ) from err
        gzip_folder = os.path.join(self.raw_folder, "gzip")
        for name in os.listdir(gzip_folder):
            if name.endswith(".gz"):
                extract_archive(os.path.join(gzip_folder, name), self.raw_folder)
        shutil.rmtree(gzip_folder)

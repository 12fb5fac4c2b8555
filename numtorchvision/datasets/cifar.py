"""CIFAR10 and CIFAR100: 32x32 colour images in the "python version" pickle batches.

Each batch file is a pickled dict (written by Python 2's cPickle) with ``data``, a uint8
array (N, 3072) holding the red, green and blue 32x32 planes of each image, and
``labels`` (CIFAR10) or ``fine_labels``/``coarse_labels`` (CIFAR100), lists of ints.

A pickle can run arbitrary code, so the batches are read with a restricted unpickler
that only rebuilds plain containers and NumPy arrays; anything else is refused.
"""

import codecs
import io
import os
import pickle

import numpy as np

from .utils import check_integrity, download_and_extract_archive
from .vision import VisionDataset

__all__ = ["CIFAR10", "CIFAR100"]


def _numpy_core(name):
    # NumPy 2 renamed numpy.core to numpy._core; pickles name either. Resolve without
    # importing numpy.core (deprecated, it warns on NumPy 2).
    import importlib

    for module in (f"numpy._core.{name}", f"numpy.core.{name}"):
        try:
            return importlib.import_module(module)
        except ImportError:
            continue
    raise ImportError(f"cannot find numpy's {name} module")


def _latin1_encode(obj, encoding="latin1", errors="strict"):
    # Python 3 pickles of bytes with protocol < 3 call _codecs.encode(str, "latin1").
    if encoding not in ("latin1", "latin-1", "iso-8859-1"):
        raise pickle.UnpicklingError(f"_codecs.encode with encoding {encoding!r} is not allowed")
    return codecs.encode(obj, encoding, errors)


def _allowed_globals():
    multiarray, numeric = _numpy_core("multiarray"), _numpy_core("numeric")
    allowed = {
        ("numpy", "ndarray"): np.ndarray,
        ("numpy", "dtype"): np.dtype,
        ("_codecs", "encode"): _latin1_encode,
    }
    for core in ("numpy.core", "numpy._core"):
        allowed[(f"{core}.multiarray", "_reconstruct")] = multiarray._reconstruct
        allowed[(f"{core}.multiarray", "scalar")] = multiarray.scalar
        allowed[(f"{core}.numeric", "_frombuffer")] = numeric._frombuffer
    return allowed


class _RestrictedUnpickler(pickle.Unpickler):
    """Unpickler that resolves only the globals needed to rebuild NumPy arrays."""

    _allowed = None

    def find_class(self, module, name):
        if _RestrictedUnpickler._allowed is None:
            _RestrictedUnpickler._allowed = _allowed_globals()
        try:
            return self._allowed[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(
                f"Refusing to load global '{module}.{name}': CIFAR batch files may only hold "
                "containers and NumPy arrays"
            ) from None


def _load_pickle(path):
    """Unpickle a CIFAR batch file safely; clear errors for refused or corrupt content."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        obj = _RestrictedUnpickler(io.BytesIO(raw), encoding="latin1").load()
    except pickle.UnpicklingError as err:
        if str(err).startswith("Refusing"):
            raise pickle.UnpicklingError(f"{err} (file '{path}')") from None
        raise RuntimeError(f"Corrupt or truncated CIFAR file '{path}': {err}") from err
    except (EOFError, ValueError, TypeError, IndexError, KeyError, AttributeError) as err:
        raise RuntimeError(f"Corrupt or truncated CIFAR file '{path}': {err!r}") from err
    if not isinstance(obj, dict):
        raise RuntimeError(f"CIFAR file '{path}' should hold a dict, got {type(obj).__name__}")
    # Python 2 str keys may come back as bytes; torchvision's files use str keys.
    return {k.decode("latin1") if isinstance(k, bytes) else k: v for k, v in obj.items()}


class CIFAR10(VisionDataset):
    """`CIFAR10 <https://www.cs.toronto.edu/~kriz/cifar.html>`_: 60,000 32x32 colour images.

    Args:
        root (str or ``pathlib.Path``): directory holding ``cifar-10-batches-py/``.
        train (bool): the five training batches (50,000 images) if True, else the test batch.
        transform (callable, optional): applied to the PIL image (mode ``'RGB'``).
        target_transform (callable, optional): applied to the int label.
        download (bool): fetch and extract the official archive (MD5-checked) when the
            batch files are missing.

    Attributes: ``data`` (NumPy uint8 (N, 32, 32, 3), HWC), ``targets`` (list of int),
    ``classes``, ``class_to_idx``. Items are ``(PIL.Image, int)``.
    """

    base_folder = "cifar-10-batches-py"
    url = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
    filename = "cifar-10-python.tar.gz"
    tgz_md5 = "c58f30108f718f92721af3b95e74349a"
    train_list = [
        ["data_batch_1", "c99cafc152244af753f735de768cd75f"],
        ["data_batch_2", "d4bba439e000b95fd0a9bffe97cbabec"],
        ["data_batch_3", "54ebc095f3ab1f0389bbae665268c751"],
        ["data_batch_4", "634d18415352ddfa80567beed471001a"],
        ["data_batch_5", "482c414d41f54cd18b22e5b47cb7c3cb"],
    ]
    test_list = [["test_batch", "40351d587109b95175f43aff81a1287e"]]
    meta = {
        "filename": "batches.meta",
        "key": "label_names",
        "md5": "5ff9c542aee3614f3951f8cda6e48888",
    }

    def __init__(self, root, train=True, transform=None, target_transform=None, download=False):
        super().__init__(root, transform=transform, target_transform=target_transform)
        self.train = train
        if download:
            self.download()
        if not self._check_integrity():
            raise RuntimeError(
                "Dataset not found or corrupted. You can use download=True to download it. "
                f"{type(self).__name__} expects the files "
                f"{', '.join(f for f, _ in self.train_list + self.test_list)} and "
                f"{self.meta['filename']} in '{os.path.join(self.root, self.base_folder)}' "
                "(extracted from the python-version archive)."
            )
        downloaded_list = self.train_list if self.train else self.test_list
        data, self.targets = [], []
        for file_name, _ in downloaded_list:
            path = os.path.join(self.root, self.base_folder, file_name)
            entry = _load_pickle(path)
            images, labels = entry.get("data"), entry.get("labels", entry.get("fine_labels"))
            if (
                not isinstance(images, np.ndarray)
                or images.dtype != np.uint8
                or images.ndim != 2
                or images.shape[1] != 3 * 32 * 32
                or labels is None
                or len(labels) != len(images)
            ):
                raise RuntimeError(
                    f"CIFAR file '{path}' is corrupted: expected 'data' as a uint8 array "
                    "(N, 3072) and one label per image"
                )
            data.append(images)
            self.targets.extend(int(label) for label in labels)
        # (N, 3072) planes -> (N, 3, 32, 32) -> HWC, made contiguous for fast PIL conversion.
        planes = np.vstack(data).reshape(-1, 3, 32, 32)
        self.data = np.ascontiguousarray(planes.transpose(0, 2, 3, 1))
        self._load_meta()

    def _load_meta(self):
        path = os.path.join(self.root, self.base_folder, self.meta["filename"])
        if not check_integrity(path):
            raise RuntimeError(
                "Dataset metadata file not found or corrupted. You can use download=True to "
                f"download it (expected '{path}')."
            )
        entry = _load_pickle(path)
        if self.meta["key"] not in entry:
            raise RuntimeError(f"CIFAR metadata file '{path}' has no '{self.meta['key']}' entry")
        self.classes = list(entry[self.meta["key"]])
        self.class_to_idx = {_class: i for i, _class in enumerate(self.classes)}

    def __getitem__(self, index):
        """Return ``(image, target)``: a PIL image (mode ``'RGB'``) and the int class index."""
        from PIL import Image

        img, target = Image.fromarray(self.data[index]), self.targets[index]
        if self.transform is not None:
            img = self.transform(img)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return img, target

    def __len__(self):
        return len(self.data)

    def _check_integrity(self):
        # Existence only: the MD5s are checked on download; content is validated on load.
        # (A file altered after download is caught by the shape/label checks.)
        folder = os.path.join(self.root, self.base_folder)
        files = self.train_list if self.train else self.test_list
        return all(check_integrity(os.path.join(folder, name)) for name, _ in files)

    def download(self):
        """Download and extract the official archive unless the batch files are present."""
        if self._check_integrity():
            return
        try:
            download_and_extract_archive(
                self.url, self.root, filename=self.filename, md5=self.tgz_md5
            )
        except OSError as err:  # URLError is an OSError
            raise RuntimeError(
                f"Error downloading {self.url}: {err}. {type(self).__name__} expects the "
                f"extracted batches in '{os.path.join(self.root, self.base_folder)}'."
            ) from err

    def extra_repr(self):
        split = "Train" if self.train is True else "Test"
        return f"Split: {split}"


class CIFAR100(CIFAR10):
    """`CIFAR100 <https://www.cs.toronto.edu/~kriz/cifar.html>`_: like CIFAR10 with 100 classes.

    ``targets`` are the fine labels; files in ``root/cifar-100-python/``.
    """

    base_folder = "cifar-100-python"
    url = "https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz"
    filename = "cifar-100-python.tar.gz"
    tgz_md5 = "eb9058c3a382ffc7106e4002c42a8d85"
    train_list = [["train", "16019d7e3df5f24257cddd939b257f8d"]]
    test_list = [["test", "f0ef6b0ae62326f3e7ffdfab6717acfc"]]
    meta = {
        "filename": "meta",
        "key": "fine_label_names",
        "md5": "7973b15100ade9c7d40fb424638fde48",
    }

"""DatasetFolder and ImageFolder: one sub-directory per class.

::

    root/dog/xxx.png
    root/dog/nested/xxy.png
    root/cat/123.png

Classes are the sorted sub-directory names (index 0, 1, ...); samples are every valid
file under each class directory (recursively, following links), in sorted order.
"""

import os

from .vision import VisionDataset

__all__ = [
    "DatasetFolder",
    "ImageFolder",
    "IMG_EXTENSIONS",
    "default_loader",
    "find_classes",
    "has_file_allowed_extension",
    "is_image_file",
    "make_dataset",
    "pil_loader",
]

IMG_EXTENSIONS = (".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp")


def has_file_allowed_extension(filename, extensions):
    """True when ``filename`` ends (case-insensitively) with one of ``extensions``."""
    suffixes = extensions if isinstance(extensions, str) else tuple(extensions)
    return filename.lower().endswith(suffixes)


def is_image_file(filename):
    return has_file_allowed_extension(filename, IMG_EXTENSIONS)


def find_classes(directory):
    """Sorted class folder names of ``directory`` and the mapping name -> index."""
    classes = sorted(entry.name for entry in os.scandir(directory) if entry.is_dir())
    if not classes:
        raise FileNotFoundError(f"Couldn't find any class folder in {directory}.")
    class_to_idx = {cls_name: i for i, cls_name in enumerate(classes)}
    return classes, class_to_idx


def make_dataset(
    directory, class_to_idx=None, extensions=None, is_valid_file=None, allow_empty=False
):
    """List ``(path, class_index)`` for every valid file under each class folder.

    Exactly one of ``extensions`` and ``is_valid_file`` must be given. A class folder
    without any valid file raises ``FileNotFoundError`` unless ``allow_empty``.
    """
    directory = os.path.expanduser(os.fspath(directory))
    if class_to_idx is None:
        _, class_to_idx = find_classes(directory)
    elif not class_to_idx:
        raise ValueError("'class_to_index' must have at least one entry to collect any samples.")

    both_none = extensions is None and is_valid_file is None
    both_something = extensions is not None and is_valid_file is not None
    if both_none or both_something:
        raise ValueError(
            "Both extensions and is_valid_file cannot be None or not None at the same time"
        )
    if extensions is not None:

        def is_valid_file(x):
            return has_file_allowed_extension(x, extensions)

    instances = []
    available_classes = set()
    for target_class in sorted(class_to_idx.keys()):
        class_index = class_to_idx[target_class]
        target_dir = os.path.join(directory, target_class)
        if not os.path.isdir(target_dir):
            continue
        for root, _, fnames in sorted(os.walk(target_dir, followlinks=True)):
            for fname in sorted(fnames):
                path = os.path.join(root, fname)
                if is_valid_file(path):
                    instances.append((path, class_index))
                    available_classes.add(target_class)

    empty_classes = set(class_to_idx.keys()) - available_classes
    if empty_classes and not allow_empty:
        msg = f"Found no valid file for the classes {', '.join(sorted(empty_classes))}. "
        if extensions is not None:
            exts = extensions if isinstance(extensions, str) else ", ".join(extensions)
            msg += f"Supported extensions are: {exts}"
        raise FileNotFoundError(msg)
    return instances


class DatasetFolder(VisionDataset):
    """A generic dataset of files arranged as ``root/<class>/<file>``.

    Args:
        root (str or ``pathlib.Path``): root directory.
        loader (callable): loads a sample given its path.
        extensions (tuple[str], optional): allowed extensions (exclusive with ``is_valid_file``).
        transform, target_transform (callable, optional): applied to sample and target.
        is_valid_file (callable, optional): takes a path, says whether it is a sample.
        allow_empty (bool): allow class folders without any valid file.

    Attributes: ``classes``, ``class_to_idx``, ``samples`` (list of ``(path, class_index)``),
    ``targets`` (list of int).
    """

    def __init__(
        self,
        root,
        loader,
        extensions=None,
        transform=None,
        target_transform=None,
        is_valid_file=None,
        allow_empty=False,
    ):
        super().__init__(root, transform=transform, target_transform=target_transform)
        classes, class_to_idx = self.find_classes(self.root)
        samples = self.make_dataset(
            self.root,
            class_to_idx=class_to_idx,
            extensions=extensions,
            is_valid_file=is_valid_file,
            allow_empty=allow_empty,
        )
        self.loader = loader
        self.extensions = extensions
        self.classes = classes
        self.class_to_idx = class_to_idx
        self.samples = samples
        self.targets = [s[1] for s in samples]

    @staticmethod
    def make_dataset(
        directory, class_to_idx, extensions=None, is_valid_file=None, allow_empty=False
    ):
        if class_to_idx is None:
            # Guard against the folder being walked twice (find_classes already ran).
            raise ValueError("The class_to_idx parameter cannot be None.")
        return make_dataset(
            directory,
            class_to_idx,
            extensions=extensions,
            is_valid_file=is_valid_file,
            allow_empty=allow_empty,
        )

    def find_classes(self, directory):
        return find_classes(directory)

    def __getitem__(self, index):
        """Return ``(sample, target)`` where target is the class index of the sample."""
        path, target = self.samples[index]
        sample = self.loader(path)
        if self.transform is not None:
            sample = self.transform(sample)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return sample, target

    def __len__(self):
        return len(self.samples)


def pil_loader(path):
    """Open an image file with Pillow and convert it to RGB."""
    from PIL import Image

    # Open through a file object so the file is closed once the pixels are converted.
    with open(path, "rb") as f:
        img = Image.open(f)
        return img.convert("RGB")


def accimage_loader(path):
    import accimage

    try:
        return accimage.Image(path)
    except OSError:
        return pil_loader(path)  # accimage cannot decode everything Pillow can


def default_loader(path):
    """The loader chosen by ``numtorchvision.set_image_backend`` (Pillow by default)."""
    from .. import get_image_backend

    if get_image_backend() == "accimage":
        return accimage_loader(path)
    return pil_loader(path)


class ImageFolder(DatasetFolder):
    """Images arranged as ``root/<class>/<image>``; items are ``(PIL RGB image, int)``.

    Args:
        root (str or ``pathlib.Path``): root directory.
        transform, target_transform (callable, optional): applied to image and target.
        loader (callable): loads an image given its path (default: Pillow, converted to RGB).
        is_valid_file (callable, optional): replaces the extension check (``IMG_EXTENSIONS``).
        allow_empty (bool): allow class folders without any image.

    Attributes: as :class:`DatasetFolder`, plus ``imgs`` (= ``samples``).
    """

    def __init__(
        self,
        root,
        transform=None,
        target_transform=None,
        loader=default_loader,
        is_valid_file=None,
        allow_empty=False,
    ):
        super().__init__(
            root,
            loader,
            IMG_EXTENSIONS if is_valid_file is None else None,
            transform=transform,
            target_transform=target_transform,
            is_valid_file=is_valid_file,
            allow_empty=allow_empty,
        )
        self.imgs = self.samples

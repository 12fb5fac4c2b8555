"""FakeData: random images, reproducible per index, for smoke tests and benchmarks."""

import numpy as np

import numtorch

from .vision import VisionDataset

__all__ = ["FakeData"]

_MODES = {1: "L", 3: "RGB", 4: "RGBA"}


class FakeData(VisionDataset):
    """A dataset of random PIL images with random integer targets.

    Item ``i`` is drawn from a numtorch ``Generator`` seeded with ``i + random_offset``,
    so it is the same on every access and independent of the global seed.

    Args:
        size (int): number of images.
        image_size (tuple): ``(C, H, W)``, C in {1, 3, 4}.
        num_classes (int): targets are in ``[0, num_classes)``.
        transform, target_transform (callable, optional): applied to image and target.
        random_offset (int): added to the index to seed each item.
    """

    def __init__(
        self,
        size=1000,
        image_size=(3, 224, 224),
        num_classes=10,
        transform=None,
        target_transform=None,
        random_offset=0,
    ):
        super().__init__(transform=transform, target_transform=target_transform)
        image_size = tuple(image_size)
        if len(image_size) != 3 or image_size[0] not in _MODES:
            raise ValueError(
                f"image_size must be (C, H, W) with C in (1, 3, 4), got {image_size}"
            )
        self.size = size
        self.num_classes = num_classes
        self.image_size = image_size
        self.random_offset = random_offset

    def __getitem__(self, index):
        """Return ``(image, target)``: a PIL image of ``image_size`` and an int target."""
        from PIL import Image

        if index >= len(self) or index < -len(self):
            raise IndexError(f"{self.__class__.__name__} index out of range")
        index = index % len(self)
        gen = numtorch.Generator().manual_seed(index + self.random_offset)
        img = numtorch.randn(*self.image_size, generator=gen)
        target = int(numtorch.randint(0, self.num_classes, (1,), generator=gen)[0])
        # torchvision's ToPILImage turns a float image into bytes as ``(x * 255).byte()``,
        # which wraps around modulo 256; do the same without NumPy's invalid-cast warning.
        pixels = (np.floor(img.numpy() * 255).astype(np.int64) & 255).astype(np.uint8)
        pixels = np.ascontiguousarray(pixels.transpose(1, 2, 0))
        if self.image_size[0] == 1:
            pixels = pixels[:, :, 0]
        img = Image.fromarray(pixels)
        if self.transform is not None:
            img = self.transform(img)
        if self.target_transform is not None:
            target = self.target_transform(target)
        return img, target

    def __len__(self):
        return self.size

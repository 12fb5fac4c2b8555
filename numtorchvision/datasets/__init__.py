"""numtorchvision.datasets: torchvision's datasets on numtorch.

Items are ``(PIL.Image, int)`` as in torchvision; pass ``transform=transforms.ToTensor()``
to get float32 tensors.
"""

from . import utils
from .cifar import CIFAR10, CIFAR100
from .fakedata import FakeData
from .folder import DatasetFolder, ImageFolder
from .mnist import EMNIST, KMNIST, MNIST, FashionMNIST
from .vision import VisionDataset

__all__ = [
    "MNIST",
    "FashionMNIST",
    "KMNIST",
    "EMNIST",
    "CIFAR10",
    "CIFAR100",
    "DatasetFolder",
    "ImageFolder",
    "FakeData",
    "VisionDataset",
]

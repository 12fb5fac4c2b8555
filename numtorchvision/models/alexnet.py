"""AlexNet (Krizhevsky et al., 2012), in torchvision's single-tower layout."""

import numtorch
from numtorch import nn

from ._api import _RECIPE, WeightsEnum, _imagenet, _load_weights, builder

__all__ = ["AlexNet", "AlexNet_Weights", "alexnet"]


class AlexNet(nn.Module):
    """Five convolutions then three linear layers.

    ``features`` maps (N, 3, H, W) to (N, 256, h, w), ``avgpool`` adapts to 6x6 (so any
    input of at least 63x63 works), ``classifier`` maps 9216 features to ``num_classes``.
    Parameters keep PyTorch's default layer initialisation, as in torchvision.

    Args:
        num_classes (int): size of the output. Default 1000.
        dropout (float): dropout probability before the first two linear layers. Default 0.5.
    """

    def __init__(self, num_classes=1000, dropout=0.5):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(64, 192, kernel_size=5, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(192, 384, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
        )
        self.avgpool = nn.AdaptiveAvgPool2d((6, 6))
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(256 * 6 * 6, 4096),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(inplace=True),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = numtorch.flatten(x, 1)
        return self.classifier(x)


class AlexNet_Weights(WeightsEnum):
    IMAGENET1K_V1 = _imagenet(
        "alexnet-owt-7be5be79.pth", 61100840, 56.522, 79.066, 0.714, 233.087,
        _RECIPE + "alexnet-and-vgg", min_size=(63, 63),
        docs="These weights reproduce closely the results of the paper using a simplified "
             "training recipe.")
    DEFAULT = IMAGENET1K_V1


@builder(AlexNet_Weights)
def alexnet(*, weights=None, progress=True, **kwargs):
    """AlexNet from "One weird trick for parallelizing convolutional neural networks".

    Args:
        weights (AlexNet_Weights or str, optional): pretrained weights, loaded from torch's
            hub cache when the checkpoint is there (never downloaded). Default ``None``.
        progress (bool): kept for torchvision compatibility.
        **kwargs: passed to :class:`AlexNet` (``num_classes``, ``dropout``).
    """
    weights = AlexNet_Weights.verify(weights)
    return _load_weights(AlexNet, weights, progress, kwargs)

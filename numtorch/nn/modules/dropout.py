"""Dropout layers: Dropout, Dropout1d/2d/3d, AlphaDropout, FeatureAlphaDropout.

Each zeroes (or, for the alpha variants, sets to SELU's saturation value) random elements
or channels while training and is the identity in evaluation mode; the kernels are in
``numtorch/_ops/dropout.py``.
"""

from .. import functional as F
from .module import Module

__all__ = ["Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout",
           "FeatureAlphaDropout"]


class _DropoutNd(Module):
    def __init__(self, p=0.5, inplace=False):
        super().__init__()
        if p < 0 or p > 1:
            raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
        self.p = p
        self.inplace = inplace

    def extra_repr(self):
        return f"p={self.p}, inplace={self.inplace}"


class Dropout(_DropoutNd):
    """While training, zero each element with probability ``p`` and scale the others by
    ``1 / (1 - p)``, so the expected value is unchanged; identity in eval mode.

    Args:
        p: probability of an element being zeroed (default 0.5).
        inplace: modify the input in place.

    Shape: any; the output has the input's shape.

    >>> m = nn.Dropout(p=0.2)
    >>> m(torch.randn(20, 16)).shape
    torch.Size([20, 16])
    """

    def forward(self, input):
        return F.dropout(input, self.p, self.training, self.inplace)


class Dropout1d(_DropoutNd):
    """Zero whole channels: input (N, C, L) or (C, L); each channel (a 1-D feature map) is
    zeroed with probability ``p``, the others scaled by ``1 / (1 - p)``."""

    def forward(self, input):
        return F.dropout1d(input, self.p, self.training, self.inplace)


class Dropout2d(_DropoutNd):
    """Zero whole channels of (N, C, H, W) or (C, H, W) inputs (2-D feature maps)."""

    def forward(self, input):
        return F.dropout2d(input, self.p, self.training, self.inplace)


class Dropout3d(_DropoutNd):
    """Zero whole channels of (N, C, D, H, W) or (C, D, H, W) inputs (3-D feature maps)."""

    def forward(self, input):
        return F.dropout3d(input, self.p, self.training, self.inplace)


class AlphaDropout(_DropoutNd):
    """Dropout for self-normalising (SELU) networks: dropped elements take SELU's negative
    saturation value and an affine correction keeps zero mean and unit variance."""

    def forward(self, input):
        return F.alpha_dropout(input, self.p, self.training)


class FeatureAlphaDropout(_DropoutNd):
    """Alpha dropout of whole channels: input (N, C, *)."""

    def forward(self, input):
        return F.feature_alpha_dropout(input, self.p, self.training)

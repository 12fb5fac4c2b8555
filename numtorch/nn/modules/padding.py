"""Padding layers: Zero/Constant/Reflection/Replication/CircularPad 1d, 2d and 3d.

Each holds ``padding`` (torch's F.pad order: (left, right) for the last dim first) and
makes one ``F.pad`` call. An int pads every side of the 1, 2 or 3 last dims equally.
"""

from .. import functional as F
from .module import Module

__all__ = ["ConstantPad1d", "ConstantPad2d", "ConstantPad3d", "ZeroPad1d", "ZeroPad2d",
           "ZeroPad3d", "ReflectionPad1d", "ReflectionPad2d", "ReflectionPad3d",
           "ReplicationPad1d", "ReplicationPad2d", "ReplicationPad3d", "CircularPad1d",
           "CircularPad2d", "CircularPad3d"]


def _ntuple(n):
    def parse(x):
        if isinstance(x, (list, tuple)) or hasattr(x, "__iter__"):
            return tuple(x)
        return (x,) * n

    return parse


_pair, _quadruple, _sextuple = _ntuple(2), _ntuple(4), _ntuple(6)


class _ConstantPadNd(Module):
    def __init__(self, value):
        super().__init__()
        self.value = value

    def forward(self, input):
        return F.pad(input, self.padding, "constant", self.value)

    def extra_repr(self):
        return f"padding={self.padding}, value={self.value}"


class ConstantPad1d(_ConstantPadNd):
    """Pads the last dim with ``value``: (C, W) or (N, C, W) -> W + left + right.

    >>> nn.ConstantPad1d((1, 2), 3.5)(torch.zeros(1, 2, 3)).shape
    torch.Size([1, 2, 6])
    """

    def __init__(self, padding, value):
        super().__init__(value)
        self.padding = _pair(padding)


class ConstantPad2d(_ConstantPadNd):
    """Pads the last two dims with ``value``; padding = (left, right, top, bottom)."""

    def __init__(self, padding, value):
        super().__init__(value)
        self.padding = _quadruple(padding)


class ConstantPad3d(_ConstantPadNd):
    """Pads the last three dims with ``value``; padding = (left, right, top, bottom,
    front, back)."""

    def __init__(self, padding, value):
        super().__init__(value)
        self.padding = _sextuple(padding)


class ZeroPad1d(ConstantPad1d):
    """Pads the last dim with zeros."""

    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return f"{self.padding}"


class ZeroPad2d(ConstantPad2d):
    """Pads the last two dims with zeros; padding = (left, right, top, bottom).

    >>> nn.ZeroPad2d((1, 1, 2, 0))(torch.zeros(1, 1, 3, 3)).shape
    torch.Size([1, 1, 5, 5])
    """

    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return f"{self.padding}"


class ZeroPad3d(ConstantPad3d):
    """Pads the last three dims with zeros."""

    def __init__(self, padding):
        super().__init__(padding, 0.0)

    def extra_repr(self):
        return f"{self.padding}"


class _ModePadNd(Module):
    """F.pad with a non-constant ``_mode``."""

    _mode = None

    def forward(self, input):
        return F.pad(input, self.padding, type(self)._mode)

    def extra_repr(self):
        return f"{self.padding}"


class _ReflectionPadNd(_ModePadNd):
    _mode = "reflect"


class ReflectionPad1d(_ReflectionPadNd):
    """Pads the last dim with its reflection (the edge is not repeated); each pad must be
    smaller than the dim. (C, W) or (N, C, W).

    >>> nn.ReflectionPad1d(2)(torch.arange(4.).view(1, 1, 4))
    tensor([[[2., 1., 0., 1., 2., 3., 2., 1.]]])
    """

    def __init__(self, padding):
        super().__init__()
        self.padding = _pair(padding)


class ReflectionPad2d(_ReflectionPadNd):
    """Reflection padding of the last two dims: (C, H, W) or (N, C, H, W)."""

    def __init__(self, padding):
        super().__init__()
        self.padding = _quadruple(padding)


class ReflectionPad3d(_ReflectionPadNd):
    """Reflection padding of the last three dims: (C, D, H, W) or (N, C, D, H, W)."""

    def __init__(self, padding):
        super().__init__()
        self.padding = _sextuple(padding)


class _ReplicationPadNd(_ModePadNd):
    _mode = "replicate"


class ReplicationPad1d(_ReplicationPadNd):
    """Pads the last dim by repeating its edge values: (C, W) or (N, C, W)."""

    def __init__(self, padding):
        super().__init__()
        self.padding = _pair(padding)


class ReplicationPad2d(_ReplicationPadNd):
    """Replication padding of the last two dims: (C, H, W) or (N, C, H, W)."""

    def __init__(self, padding):
        super().__init__()
        self.padding = _quadruple(padding)


class ReplicationPad3d(_ReplicationPadNd):
    """Replication padding of the last three dims: (C, D, H, W) or (N, C, D, H, W)."""

    def __init__(self, padding):
        super().__init__()
        self.padding = _sextuple(padding)


class _CircularPadNd(_ModePadNd):
    _mode = "circular"
    _dims = 0

    def forward(self, input):
        k = type(self)._dims
        if input.dim() not in (k + 1, k + 2):
            raise ValueError(f"expected {k + 1}D or {k + 2}D input (got {input.dim()}D input)")
        return F.pad(input, self.padding, "circular")


class CircularPad1d(_CircularPadNd):
    """Pads the last dim by wrapping around (periodic boundary): (C, W) or (N, C, W).

    >>> nn.CircularPad1d(1)(torch.arange(3.).view(1, 1, 3))
    tensor([[[2., 0., 1., 2., 0.]]])
    """

    _dims = 1

    def __init__(self, padding):
        super().__init__()
        self.padding = _pair(padding)


class CircularPad2d(_CircularPadNd):
    """Circular padding of the last two dims: (C, H, W) or (N, C, H, W)."""

    _dims = 2

    def __init__(self, padding):
        super().__init__()
        self.padding = _quadruple(padding)


class CircularPad3d(_CircularPadNd):
    """Circular padding of the last three dims: (C, D, H, W) or (N, C, D, H, W)."""

    _dims = 3

    def __init__(self, padding):
        super().__init__()
        self.padding = _sextuple(padding)

"""torchvision.transforms.v2.functional: the v1 functional operations (same signatures)."""

from ..functional import *  # noqa: F401,F403
from ..functional import __all__  # noqa: F401


def to_image(inpt):
    """PIL image or ndarray -> (C, H, W) tensor, values unchanged."""
    from . import ToImage

    return ToImage()(inpt)


def to_dtype(inpt, dtype, scale=False):
    from . import ToDtype

    return ToDtype(dtype, scale=scale)(inpt)

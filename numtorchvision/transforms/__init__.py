"""torchvision.transforms: image transforms for PIL images and numtorch tensor images.

``transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.5,), (0.5,))])`` and
the rest of torchvision's v1 transforms; ``transforms.functional`` holds the stateless
operations they call.
"""

from . import functional
from .functional import InterpolationMode
from .transforms import *  # noqa: F401,F403
from .transforms import __all__ as _transforms_all

__all__ = ["functional", "InterpolationMode"] + [n for n in _transforms_all
                                                  if n != "InterpolationMode"]

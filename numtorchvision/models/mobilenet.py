"""torchvision.models.mobilenet: the MobileNet family's common import path (V2 only here)."""

from .mobilenetv2 import *  # noqa: F401,F403
from .mobilenetv2 import __all__ as _v2_all

__all__ = list(_v2_all)

"""torchvision.transforms.v2, the subset that plain image pipelines use.

The v1 transforms, plus ``ToImage``, ``ToDtype`` and ``ToPureTensor``, accepting v2's
calling forms for the common case: one image, or a sample such as ``(image, label)`` where
the first PIL image or tensor is transformed and everything else passes through unchanged.
Not supported: ``tv_tensors`` (bounding boxes, masks, videos) transformed together with the
image, and v2's own reprs.

Example::

    >>> t = v2.Compose([v2.ToImage(), v2.ToDtype(numtorch.float32, scale=True)])
    >>> x = t(pil_image)                               # (C, H, W) float32 in [0, 1]
"""

import numpy as np
from PIL import Image

import numtorch
from numtorch import Tensor, nn

from .. import functional as _F
from .. import transforms as _v1
from . import functional
from ..functional import InterpolationMode

_NAMES = [
    "Compose", "Normalize", "Resize", "CenterCrop", "Pad", "Lambda", "RandomApply",
    "RandomChoice", "RandomOrder", "RandomCrop", "RandomHorizontalFlip", "RandomVerticalFlip",
    "RandomResizedCrop", "FiveCrop", "TenCrop", "ColorJitter", "RandomRotation",
    "RandomAffine", "Grayscale", "RandomGrayscale", "RandomErasing", "GaussianBlur",
    "RandomInvert", "RandomPosterize", "RandomSolarize", "RandomAdjustSharpness",
    "RandomAutocontrast", "RandomEqualize", "LinearTransformation", "ToPILImage",
    "ConvertImageDtype",
]

__all__ = _NAMES + ["ToImage", "ToDtype", "ToPureTensor", "PILToTensor", "ToTensor",
                    "InterpolationMode", "functional"]


def _is_image(x):
    return isinstance(x, (Image.Image, Tensor, np.ndarray))


def _apply_to_first_image(fn, sample):
    """Run ``fn`` on the first image in a (nested) tuple/list/dict sample; keep the rest."""
    done = [False]

    def walk(x):
        if done[0]:
            return x
        if _is_image(x):
            done[0] = True
            return fn(x)
        if isinstance(x, (tuple, list)):
            return type(x)(walk(v) for v in x)
        if isinstance(x, dict):
            return {k: walk(v) for k, v in x.items()}
        return x

    return walk(sample)


def _v2_call(self, *inputs):
    sample = inputs if len(inputs) > 1 else inputs[0]
    if _is_image(sample):
        return self._v1_call(sample)
    return _apply_to_first_image(self._v1_call, sample)


def _make_v2(cls):
    """A v2 class: the v1 transform applied to the first image of whatever it is given."""
    return type(cls.__name__, (cls,), {
        "__module__": __name__, "__doc__": cls.__doc__,
        "_v1_call": cls.__call__, "__call__": _v2_call,
    })


for _name in _NAMES:
    globals()[_name] = _make_v2(getattr(_v1, _name))


class ToImage(nn.Module):
    """PIL image or (H, W[, C]) ndarray -> (C, H, W) tensor with the same dtype and values
    (no scaling); tensors pass through."""

    def forward(self, inpt):
        if isinstance(inpt, Tensor):
            return inpt
        if isinstance(inpt, np.ndarray):
            arr = inpt[:, :, None] if inpt.ndim == 2 else inpt
            return numtorch.from_numpy(np.ascontiguousarray(arr.transpose(2, 0, 1)))
        return _F.pil_to_tensor(inpt).contiguous()

    __call__ = _v2_call
    _v1_call = nn.Module.__call__


class ToDtype(nn.Module):
    """Cast an image tensor to ``dtype``; ``scale=True`` rescales values between integer
    and float ranges (uint8 255 <-> 1.0), as ``ConvertImageDtype``."""

    def __init__(self, dtype, scale=False):
        super().__init__()
        if not isinstance(dtype, numtorch.dtype):
            raise ValueError(f"dtype must be a torch.dtype, got {dtype!r} (a dict of dtypes "
                             "per input type is not supported here)")
        self.dtype = dtype
        self.scale = scale

    def forward(self, inpt):
        if not isinstance(inpt, Tensor):
            return inpt
        if self.scale:
            return _F.convert_image_dtype(inpt, self.dtype)
        return inpt.to(self.dtype)

    def extra_repr(self):
        return f"dtype={self.dtype}, scale={self.scale}"

    __call__ = _v2_call
    _v1_call = nn.Module.__call__


class ToPureTensor(nn.Module):
    """Identity here: numtorch has no tv_tensors subclasses to strip."""

    def forward(self, inpt):
        return inpt


PILToTensor = _make_v2(_v1.PILToTensor)
ToTensor = _make_v2(_v1.ToTensor)

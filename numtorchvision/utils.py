"""torchvision.utils: tile a batch of images into one grid image, and save it.

Example::

    >>> grid = make_grid(images, nrow=8, padding=2)   # (B, C, H, W) -> (3, H', W')
    >>> save_image(images, "batch.png", nrow=8)
"""

import math
import pathlib

import numpy as np

import numtorch
from numtorch import Tensor

__all__ = ["make_grid", "save_image"]


def make_grid(tensor, nrow=8, padding=2, normalize=False, value_range=None, scale_each=False,
              pad_value=0.0, **kwargs):
    """Arrange a batch (B, C, H, W), a list of (C, H, W) tensors, or one image, into a grid.

    Images go left to right, ``nrow`` per row, each framed by ``padding`` pixels of
    ``pad_value``: the result is (C, ymaps * (H + padding) + padding,
    xmaps * (W + padding) + padding) with xmaps = min(nrow, B) and ymaps = ceil(B / xmaps).
    One-channel images are repeated to 3 channels; a single image is returned unframed.
    ``normalize`` shifts each image (``scale_each``) or the whole batch to [0, 1] using
    ``value_range`` = (min, max) (clamped first) or the data's own min and max.
    """
    if kwargs:
        raise TypeError(f"make_grid() got an unexpected keyword argument '{next(iter(kwargs))}'")
    if not isinstance(tensor, Tensor):
        if isinstance(tensor, list):
            for t in tensor:
                if not isinstance(t, Tensor):
                    raise TypeError(f"tensor or list of tensors expected, got a list "
                                    f"containing {type(t)}")
        else:
            raise TypeError(f"tensor or list of tensors expected, got {type(tensor)}")
    if isinstance(tensor, list):
        tensor = numtorch.stack(tensor, dim=0)
    if tensor.dim() == 2:  # a single (H, W) image
        tensor = tensor.unsqueeze(0)
    if tensor.dim() == 3:  # a single (C, H, W) image
        if tensor.size(0) == 1:
            tensor = numtorch.cat((tensor, tensor, tensor), 0)
        tensor = tensor.unsqueeze(0)
    if tensor.dim() == 4 and tensor.size(1) == 1:  # a batch of one-channel images
        tensor = numtorch.cat((tensor, tensor, tensor), 1)
    if tensor.dim() != 4:
        raise ValueError(f"make_grid expects a 2, 3 or 4-D tensor or a list of 3-D tensors, "
                         f"got a {tensor.dim()}-D tensor")

    if normalize is True:
        if value_range is not None and not isinstance(value_range, tuple):
            raise TypeError("value_range has to be a tuple (min, max) if specified. min and "
                            "max are numbers")
        tensor = tensor.detach().clone()
        if scale_each is True:
            for t in tensor:  # each a view into the clone: normalised in place
                _norm_range(t, value_range)
        else:
            _norm_range(tensor, value_range)

    if tensor.size(0) == 1:
        return tensor.squeeze(0)

    nmaps, channels, h, w = tensor.shape
    xmaps = min(nrow, nmaps)
    ymaps = int(math.ceil(float(nmaps) / xmaps))
    height, width = h + padding, w + padding
    arr = tensor.detach().cpu().numpy()
    # lay the cells out as (C, ymaps, height, xmaps, width) blocks: one strided copy, no loop
    cells = np.full((ymaps * xmaps, channels, h, w), pad_value, dtype=arr.dtype)
    cells[:nmaps] = arr
    blocks = np.full((channels, ymaps, height, xmaps, width), pad_value, dtype=arr.dtype)
    blocks[:, :, :h, :, :w] = cells.reshape(ymaps, xmaps, channels, h, w).transpose(2, 0, 3, 1, 4)
    grid = np.full((channels, height * ymaps + padding, width * xmaps + padding), pad_value,
                   dtype=arr.dtype)
    grid[:, padding:, padding:] = blocks.reshape(channels, ymaps * height, xmaps * width)
    out = numtorch.from_numpy(grid)
    return out if tensor.device.type == "cpu" else out.to(tensor.device)


def _norm_range(t, value_range):
    low, high = value_range if value_range is not None else (float(t.min()), float(t.max()))
    t.clamp_(min=low, max=high)
    t.sub_(low).div_(max(high - low, 1e-5))


def save_image(tensor, fp, format=None, **kwargs):
    """Save a tensor (or batch, or list) as an image file through ``make_grid``.

    Values in [0, 1] become bytes as ``round(255 * x)`` clamped to [0, 255]; ``format``
    overrides the file extension (needed for file objects); ``kwargs`` go to make_grid.
    """
    from PIL import Image

    grid = make_grid(tensor, **kwargs)
    # x * 255 + 0.5 then truncation: round half up, as torchvision does
    arr = grid.detach().cpu().mul(255).add_(0.5).clamp_(0, 255).permute(1, 2, 0)
    ndarr = arr.to(numtorch.uint8).numpy()
    if ndarr.shape[2] == 1:
        ndarr = ndarr[:, :, 0]
    im = Image.fromarray(np.ascontiguousarray(ndarr))
    if isinstance(fp, pathlib.PurePath):
        fp = str(fp)
    im.save(fp, format=format)

"""``make_tensor``: random tensors for tests, with torch's value ranges per dtype."""

import math
import warnings

from .. import _dtype as D

# torch's default [low, high) per kind of dtype
_DEFAULT_RANGE = (-9, 9)


def make_tensor(*shape, dtype, device, low=None, high=None, requires_grad=False,
                noncontiguous=False, exclude_zero=False, memory_format=None):
    """A tensor of ``shape`` filled with random values from [low, high).

    Defaults: [-9, 9) for floats and complex parts, [-9, 10) for signed integers,
    [0, 10) for uint8, {False, True} for bool; ``low``/``high`` are clamped to the dtype's
    range. ``exclude_zero`` replaces zeros (by 1 for integers, ``finfo.tiny`` for floats);
    ``noncontiguous`` returns a non-contiguous view with the same values.

    >>> make_tensor(2, 3, dtype=torch.float32, device="cpu", low=0, high=1)
    """
    import numtorch as torch

    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = tuple(shape[0])
    if requires_grad and dtype._cat < D._FLOAT:
        raise ValueError("`requires_grad=True` is not supported for boolean and integral "
                         f"dtypes, but got dtype={dtype!r}")
    if dtype is D.bool:
        t = torch.randint(0, 2, shape, dtype=torch.int64).to(torch.bool)
    elif dtype._cat == D._INT:
        info = torch.iinfo(dtype)
        lo, hi = _bounds(low, high, info.min, info.max + 1, (0 if dtype._unsigned else -9, 10))
        lo, hi = math.ceil(lo), math.ceil(hi)
        if lo >= hi:
            raise ValueError(f"`low` must be less than `high`, but got {lo} >= {hi}")
        t = torch.randint(lo, hi, shape, dtype=dtype)
    else:
        real = dtype.to_real()
        info = torch.finfo(real)
        lo, hi = _bounds(low, high, info.min, info.max, _DEFAULT_RANGE, allow_equal=True)
        if lo == hi:
            warnings.warn("Passing `low==high` to `torch.testing.make_tensor` for floating or "
                          "complex types is deprecated since 2.1 and will be removed in 2.3. "
                          "Use `torch.full(...)` instead.", FutureWarning, stacklevel=2)
            t = torch.full(shape, lo, dtype=dtype)
        else:
            t = torch.empty(shape, dtype=dtype).uniform_(lo, hi)
    if exclude_zero:
        repl = 1 if dtype._cat <= D._INT else torch.finfo(dtype.to_real()).tiny
        t = torch.where(t == 0, torch.full((), repl, dtype=dtype), t)
    if device is not None and str(device) != "cpu":
        t = t.to(device)
    if noncontiguous and t.numel() > 1:
        t = _noncontiguous(t)
    if requires_grad:
        t.requires_grad_(True)
    return t


def _bounds(low, high, lowest, highest, default, allow_equal=False):
    lo = default[0] if low is None else low
    hi = default[1] if high is None else high
    if lo != lo or hi != hi:
        raise ValueError(f"`low` and `high` cannot be NaN, but got low={lo} and high={hi}")
    if lo > hi or (lo == hi and not allow_equal):
        raise ValueError(f"`low` must be less than `high`, but got {lo} >= {hi}")
    return max(lo, lowest), min(hi, highest)


def _noncontiguous(t):
    """The same values in every other element of a buffer twice as long in the last dim."""
    import numpy as np

    from .._tensor import _make

    arr = t._array
    buf = np.empty(arr.shape[:-1] + (arr.shape[-1] * 2,), arr.dtype)
    view = buf[..., ::2]
    view[...] = arr
    return _make(view, t.dtype)

"""Indexing: ``t[idx]`` (basic, advanced, boolean), ``t[idx] = v``, gather/scatter, where...

Basic indexing (ints, slices, None, Ellipsis) returns a view; advanced indexing copies.
``t[idx] = v`` on a tensor in the graph is recorded as a differentiable op.
"""

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor, _make
from ..autograd.function import Function, apply_inplace, check_inplace
from ._util import check_tensor

__all__ = ["where"]


def _convert_index(index):
    if isinstance(index, tuple):
        return tuple(_convert_index(i) for i in index)
    if isinstance(index, Tensor):
        return index._array
    if isinstance(index, list):
        return np.asarray([i._array if isinstance(i, Tensor) else i for i in index]) \
            if any(isinstance(i, Tensor) for i in index) else index
    return index


def _is_basic(index):
    items = index if isinstance(index, tuple) else (index,)
    for i in items:
        if not (i is None or i is Ellipsis or isinstance(i, (int, slice, np.integer))
                or (isinstance(i, Tensor) and False)):
            return False
    return True


class GetItem(Function):
    _raw = True
    _grad_name = "IndexBackward0"

    @staticmethod
    def forward(ctx, a, index):
        ctx.shape = a._array.shape
        ctx.index = index
        ctx.dtype = a._dtype
        try:
            return np.asarray(a._array[index])
        except IndexError as e:
            raise IndexError(str(e)) from None

    @staticmethod
    def backward(ctx, grad):
        from .._creation import zeros

        g = zeros(ctx.shape, dtype=grad.dtype)
        g = IndexPutAcc.apply(g, ctx.index, grad)
        return g, None


class IndexPutAcc(Function):
    """zeros.index_put_(index, grad, accumulate=True): the backward of indexing."""

    _raw = True
    _grad_name = "IndexPutBackward0"

    @staticmethod
    def forward(ctx, base, index, values):
        ctx.index = index
        out = base._array.copy()
        if _is_basic(index):
            out[index] += values._array
        else:
            np.add.at(out, index, values._array)
        return out

    @staticmethod
    def backward(ctx, grad):
        return grad, None, grad[ctx.index] if False else _make(np.asarray(grad._array[ctx.index]), grad._dtype)


def getitem(t, index):
    idx = _convert_index(index)
    out = GetItem.apply(t, idx)
    if _is_basic(idx):
        out._vc = t._get_vc()
        out._base = t._base if t._base is not None else t
        out._array = t._array[idx]  # keep it a true view of t
    return out


class SetItem(Function):
    _raw = True
    _grad_name = "CopySlices"

    @staticmethod
    def forward(ctx, a, index, value):
        ctx.index = index
        out = a._array.copy()
        out[index] = value._array if isinstance(value, Tensor) else value
        return out

    @staticmethod
    def backward(ctx, grad):
        g = grad.clone()
        g[ctx.index] = 0
        gv = grad[ctx.index] if isinstance(ctx.index, tuple) or True else None
        return g, None, gv


def setitem(t, index, value):
    idx = _convert_index(index)
    if check_inplace(t, (value,)):
        apply_inplace(SetItem, t, idx, value)
        return
    v = value._array if isinstance(value, Tensor) else value
    t._array[idx] = v
    t._bump()


def where(condition, input=None, other=None):
    raise NotImplementedError("where")

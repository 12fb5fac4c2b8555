"""Reductions, scans, sorting and selection: sum, mean, max, cumsum, sort, topk, unique, ...

``dim`` is an int, a tuple/list of ints, or None (all dims); ``keepdim`` keeps reduced
dims as size 1. Backward expands the gradient back over the reduced dims.
"""

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor, _make
from ..autograd.function import Function
from ._util import check_tensor, wrap_dims, write_out

__all__ = ["sum", "mean"]


def _sum_dtype(dt, dtype):
    if dtype is not None:
        return dtype
    # integer and bool sums accumulate in int64, like torch
    return D.int64 if dt._cat <= D._INT else dt


class Sum(Function):
    _raw = True
    _grad_name = "SumBackward1"

    @staticmethod
    def forward(ctx, a, dims, keepdim, dtype):
        ctx.shape = a._array.shape
        ctx.dims = dims
        ctx.keepdim = keepdim
        out_dt = _sum_dtype(a._dtype, dtype)
        r = a._array.sum(axis=dims, keepdims=keepdim, dtype=out_dt._np)
        return r if r.__class__ is np.ndarray else np.asarray(r)

    @staticmethod
    def backward(ctx, grad):
        if not ctx.keepdim and ctx.dims:
            shape = list(ctx.shape)
            for d in ctx.dims:
                shape[d] = 1
            grad = grad.reshape(shape)
        return grad.expand(ctx.shape), None, None, None


class SumAll(Function):
    _raw = True
    _grad_name = "SumBackward0"

    @staticmethod
    def forward(ctx, a, dtype):
        ctx.shape = a._array.shape
        return np.asarray(a._array.sum(dtype=_sum_dtype(a._dtype, dtype)._np))

    @staticmethod
    def backward(ctx, grad):
        return grad.expand(ctx.shape), None


def sum(input, dim=None, keepdim=False, *, dtype=None, out=None):
    """Sum over ``dim`` (all dims when None). Integer inputs sum in int64."""
    check_tensor(input, "sum")
    if dim is None and not keepdim:
        r = SumAll.apply(input, dtype)
    else:
        if isinstance(dim, (list, tuple)) and len(dim) == 0:
            dim = None
        r = Sum.apply(input, wrap_dims(dim, input._array.ndim), keepdim, dtype)
    return r if out is None else write_out(r, out, "sum")


def mean(input, dim=None, keepdim=False, *, dtype=None, out=None):
    """Mean over ``dim``; only floating (or complex) inputs, like torch."""
    check_tensor(input, "mean")
    dt = dtype or input._dtype
    if dt._cat < D._FLOAT:
        raise RuntimeError(
            "mean(): could not infer output dtype. Input dtype must be either a floating point "
            f"or complex dtype. Got: {_short(input._dtype)}"
        )
    dims = wrap_dims(dim if not (isinstance(dim, (list, tuple)) and len(dim) == 0) else None,
                     input._array.ndim)
    n = 1
    for d in dims:
        n *= input._array.shape[d]
    s = sum(input if dtype is None else input.to(dtype), dim, keepdim)
    r = s / n if n else s * float("nan")
    return r if out is None else write_out(r, out, "mean")


def _short(dt):
    from ..autograd.function import _SHORT_NAMES

    return _SHORT_NAMES[dt._name]


class SumToSize(Function):
    """Sums a broadcast gradient back to ``shape``; the engine's one reduction."""

    _raw = True
    _grad_name = "SumBackward1"

    @staticmethod
    def forward(ctx, a, shape):
        arr = a._array
        ctx.shape = arr.shape
        lead = arr.ndim - len(shape)
        axes = tuple(range(lead)) + tuple(
            i + lead for i, s in enumerate(shape) if s == 1 and arr.shape[i + lead] != 1
        )
        r = arr.sum(axis=axes, keepdims=True) if axes else arr
        if lead:
            r = r.reshape(shape)
        return r if r is not arr else arr.copy()

    @staticmethod
    def backward(ctx, grad):
        return grad.expand(ctx.shape), None


def sum_to_size(input, *size):
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = tuple(size[0])
    if tuple(input._array.shape) == tuple(size):
        return input
    return SumToSize.apply(input, tuple(size))

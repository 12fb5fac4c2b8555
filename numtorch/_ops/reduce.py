"""Reductions, scans, sorting and selection: sum, mean, max, cumsum, sort, topk, unique, ...

``dim`` is an int, a tuple/list of ints, or None (all dims); ``keepdim`` keeps reduced
dims as size 1. Backward expands the gradient back over the reduced dims.

Ops returning (values, indices) give a ``torch.return_types`` named tuple; the gradient
of the values flows to the picked input elements (``_Picked``). Reductions to a single
extreme (``amax``, ``max()``, ``median()``) split the gradient evenly among ties
(``_EvenReduce``), like torch.
"""

import builtins as _b
import collections
import math
import warnings

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor, _make, _wrap_dim
from ..autograd.function import Function, apply_inplace, once_differentiable
from ._util import check_tensor, write_out

__all__ = ["sum", "nansum", "mean", "nanmean", "prod", "max", "min", "amax", "amin",
           "aminmax", "argmax", "argmin", "std", "var", "std_mean", "var_mean", "norm", "dist",
           "logsumexp", "cumsum", "cumprod", "cummax", "cummin", "logcumsumexp", "all", "any",
           "count_nonzero", "median", "nanmedian", "mode", "sort", "argsort", "msort", "topk",
           "kthvalue", "unique", "unique_consecutive", "bincount", "histc", "equal",
           "allclose", "isclose"]


# ---------------------------------------------------------------- helpers
def _axes(dim, ndim, empty_is_all=True):
    """torch's ``dim`` (None, int, list/tuple) as a tuple of NumPy axes. An empty list
    means all dims (or none, for all/any); a 0-d tensor accepts dim 0/-1 (no axes)."""
    if dim is None:
        return tuple(range(ndim))
    if isinstance(dim, (list, tuple)):
        if not dim:
            return tuple(range(ndim)) if empty_is_all else ()
        dims = []
        for d in dim:
            w = _wrap_dim(_int(d, "dim"), ndim)
            if w in dims:
                raise RuntimeError(f"dim {w} appears multiple times in the list of dims")
            dims.append(w)
        return tuple(dims) if ndim else ()
    w = _wrap_dim(_int(dim, "dim"), ndim)
    return (w,) if ndim else ()


def _int(v, what):
    if isinstance(v, (bool, float)) or not isinstance(v, (int, np.integer)):
        raise TypeError(f"argument '{what}' must be int, not {type(v).__name__}")
    return int(v)


def _kept(shape, axes):
    """``shape`` with the reduced ``axes`` kept as size 1."""
    return tuple(1 if i in axes else s for i, s in enumerate(shape))


def _unreduce(grad, shape, axes, keepdim):
    """The gradient of a reduction, expanded back to the input's ``shape``."""
    if not keepdim and axes:
        grad = grad.reshape(_kept(shape, axes))
    return grad.expand(shape)


def _squeeze(arr, axes, keepdim):
    return arr if keepdim or not axes else arr.reshape(
        tuple(s for i, s in enumerate(arr.shape) if i not in axes))


def _const(array, dt):
    """A tensor that is a constant of the backward formula (no history)."""
    return _make(np.asarray(array, dt._np), dt)


_short = D.short_name


def _float_dt(dt):
    return dt if dt._cat >= D._FLOAT else D.get_default_dtype()


def _sum_dtype(dt, dtype):
    if dtype is not None:
        return dtype
    # integer and bool sums accumulate in int64, like torch
    return D.int64 if dt._cat <= D._INT else dt


def _nonempty(input, axis, fname):
    if input._array.ndim and input._array.shape[axis] == 0:
        raise IndexError(f"{fname}(): Expected reduction dim {axis} to have non-zero size.")


def _specified(input, fname):
    if input._array.size == 0:
        raise RuntimeError(f"{fname}(): Expected reduction dim to be specified for "
                           "input.numel() == 0. Specify the reduction dim with the 'dim' "
                           "argument.")


def _write_outs(results, out, fname):
    if out is None:
        return results
    for r, o in zip(results, out):
        write_out(r, o, fname)
    return type(results)(*out)


from ..return_types import make as _return_type  # noqa: E402


_RT = {n: _return_type(n, ("values", "indices")) for n in (
    "max", "min", "median", "nanmedian", "mode", "kthvalue", "sort", "topk", "cummax",
    "cummin")}
_RT["aminmax"] = _return_type("aminmax", ("min", "max"))
return_types = _RT  # the classes, by name (for a ``torch.return_types`` namespace)


class _Flip(Function):
    """Reverse along one axis (for reverse cumulative sums in backward formulas)."""

    _raw = True
    _grad_name = "FlipBackward0"

    @staticmethod
    def forward(ctx, a, axis):
        ctx.axis = axis
        return np.flip(a._array, axis).copy()

    @staticmethod
    def backward(ctx, grad):
        return _Flip.apply(grad, ctx.axis), None


def _rev_cumsum(t, axis):
    return _Flip.apply(cumsum(_Flip.apply(t, axis), axis), axis)


class _TakeAlong(Function):
    """``take_along_axis(a, index, axis)``: the double backward of picking ops."""

    _raw = True
    _grad_name = "GatherBackward0"

    @staticmethod
    def forward(ctx, a, index, axis):
        ctx.shape, ctx.index, ctx.axis = a._array.shape, index, axis
        return np.take_along_axis(a._array, index, axis)

    @staticmethod
    def backward(ctx, grad):
        return _PutAlong.apply(grad, ctx.index, ctx.axis, ctx.shape, True), None, None


class _PutAlong(Function):
    """Zeros of ``shape`` with ``src`` put at ``index`` along ``axis`` (added where
    indices repeat): the backward of the ops that pick elements."""

    _raw = True
    _grad_name = "ScatterAddBackward0"

    @staticmethod
    def forward(ctx, src, index, axis, shape, repeats):
        ctx.index, ctx.axis = index, axis
        out = np.zeros(shape, src._array.dtype)
        if repeats:
            where = list(np.indices(index.shape, sparse=True))
            where[axis] = index
            np.add.at(out, tuple(where), np.broadcast_to(src._array, index.shape))
        else:
            np.put_along_axis(out, index, src._array, axis)
        return out

    @staticmethod
    def backward(ctx, grad):
        return _TakeAlong.apply(grad, ctx.index, ctx.axis), None, None, None, None


class _MulMask(Function):
    """``t * mask`` for a constant 0/1 array ``mask`` (inf * 0 gives NaN, silently)."""

    _raw = True
    _grad_name = "MulBackward0"

    @staticmethod
    def forward(ctx, t, mask):
        ctx.mask = mask
        with np.errstate(invalid="ignore"):
            return t._array * mask

    @staticmethod
    def backward(ctx, grad):
        return _MulMask.apply(grad, ctx.mask), None


def _not_differentiable(grad_name, op):
    """An identity Function whose backward raises like torch's unimplemented derivatives."""

    class _NoGrad(Function):
        _raw = True
        _grad_name = grad_name

        @staticmethod
        def forward(ctx, a, values):
            return values

        @staticmethod
        def backward(ctx, grad):
            raise NotImplementedError(f"the derivative for '{op}' is not implemented.")

    return _NoGrad


# ---------------------------------------------------------------- sum, mean, prod
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
        return _ExpandScalar.apply(grad, ctx.shape), None


class _ExpandScalar(Function):
    """A 0-d gradient spread over ``shape``: a filled array, 4x cheaper than
    ``np.broadcast_to`` on small shapes (this is on every ``loss.backward()``)."""

    _raw = True
    _grad_name = "ExpandBackward0"

    @staticmethod
    def forward(ctx, g, shape):
        out = np.empty(shape, g._array.dtype)
        out.fill(g._array)
        return out

    @staticmethod
    def backward(ctx, grad):
        return grad.sum(), None


def sum(input, dim=None, keepdim=False, *, dtype=None, out=None):
    """Sum over ``dim`` (all dims when None). Integer inputs sum in int64."""
    check_tensor(input, "sum")
    if dim is None and not keepdim:
        r = SumAll.apply(input, dtype)
    else:
        r = Sum.apply(input, _axes(dim, input._array.ndim), keepdim, dtype)
    return r if out is None else write_out(r, out, "sum")


class Nansum(Function):
    _raw = True
    _grad_name = "NansumBackward0"

    @staticmethod
    def forward(ctx, a, axes, keepdim, dtype):
        arr = a._array
        ctx.save_for_backward(a)
        ctx.axes, ctx.keepdim = axes, keepdim
        out_dt = _sum_dtype(a._dtype, dtype)._np
        if a._dtype._cat >= D._FLOAT:
            return np.asarray(np.nansum(arr, axis=axes, keepdims=keepdim, dtype=out_dt))
        return np.asarray(arr.sum(axis=axes, keepdims=keepdim, dtype=out_dt))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        keep = (~np.isnan(a._array)).astype(grad._dtype._np)
        g = _unreduce(grad, a._array.shape, ctx.axes, ctx.keepdim)
        return _MulMask.apply(g, keep), None, None, None


def nansum(input, dim=None, keepdim=False, *, dtype=None, out=None):
    """Sum treating NaN as zero."""
    check_tensor(input, "nansum")
    r = Nansum.apply(input, _axes(dim, input._array.ndim), keepdim, dtype)
    return r if out is None else write_out(r, out, "nansum")


class Mean(Function):
    _raw = True
    _grad_name = "MeanBackward1"

    @staticmethod
    def forward(ctx, a, axes, keepdim):
        arr = a._array
        n = math.prod(arr.shape[i] for i in axes)
        ctx.shape, ctx.axes, ctx.keepdim, ctx.n = arr.shape, axes, keepdim, n
        s = arr.sum(axis=axes, keepdims=keepdim)
        if n == 0:
            return np.full(np.shape(s), np.nan, arr.dtype)
        return np.asarray(s / n)

    @staticmethod
    def backward(ctx, grad):
        return _unreduce(grad, ctx.shape, ctx.axes, ctx.keepdim) / ctx.n, None, None


class MeanAll(Mean):
    _grad_name = "MeanBackward0"


def mean(input, dim=None, keepdim=False, *, dtype=None, out=None):
    """Mean over ``dim``; only floating (or complex) inputs, like torch."""
    check_tensor(input, "mean")
    if dtype is not None and dtype._cat < D._FLOAT:
        raise RuntimeError("mean(): could not infer output dtype. Optional dtype must be "
                           f"either a floating point or complex dtype. Got: {_short(dtype)}")
    if dtype is None and input._dtype._cat < D._FLOAT:
        raise RuntimeError("mean(): could not infer output dtype. Input dtype must be either "
                           f"a floating point or complex dtype. Got: {_short(input._dtype)}")
    if dtype is not None and dtype is not input._dtype:
        input = input.to(dtype)
    if dim is None and not keepdim:
        r = MeanAll.apply(input, tuple(range(input._array.ndim)), False)
    else:
        r = Mean.apply(input, _axes(dim, input._array.ndim), keepdim)
    return r if out is None else write_out(r, out, "mean")


def nanmean(input, dim=None, keepdim=False, *, dtype=None, out=None):
    """Mean of the non-NaN elements: ``nansum / count``."""
    check_tensor(input, "nanmean")
    if input._dtype._cat < D._FLOAT:
        raise RuntimeError("nanmean(): expected input to have floating point or complex dtype "
                           f"but got {_short(input._dtype)}")
    axes = _axes(dim, input._array.ndim)
    count = (~np.isnan(input._array)).sum(axis=axes, keepdims=keepdim)
    s = nansum(input, dim, keepdim, dtype=dtype)
    r = s / _const(count, s._dtype)
    return r if out is None else write_out(r, out, "nanmean")


class Prod(Function):
    _raw = True
    _grad_name = "ProdBackward1"

    @staticmethod
    def forward(ctx, a, axes, keepdim, dtype):
        ctx.save_for_backward(a, ctx.OUTPUT)
        ctx.axes, ctx.keepdim = axes, keepdim
        out_dt = _sum_dtype(a._dtype, dtype)._np
        return np.asarray(np.prod(a._array, axis=axes, keepdims=keepdim, dtype=out_dt))

    @staticmethod
    def backward(ctx, grad):
        a, out = ctx.saved_tensors
        shape, axes, keepdim = a._array.shape, ctx.axes, ctx.keepdim
        g = _unreduce(grad, shape, axes, keepdim)
        zero = a._array == 0
        if not zero.any():
            return g * _unreduce(out, shape, axes, keepdim) / a, None, None, None
        # d out / d x_k is the product of the others. With zeros in a slice, replace them
        # by ones (product p) and let s be the sum of the zeros (0, but differentiable):
        # no zero: p / x_k; one zero z: p at z, s * p / x_k elsewhere; two zeros: s - x_k
        # times p at them, 0 elsewhere; more: 0 (exact to second order)
        dt = a._dtype
        zeros = zero.sum(axis=axes, keepdims=True)
        is_zero, non_zero = _const(zero, dt), _const(~zero, dt)
        x_rep = a * non_zero + is_zero
        p = Prod.apply(x_rep, axes, True, None)
        s = Sum.apply(a * is_zero, axes, True, None)
        others = p * (_const(zeros == 0, dt) / x_rep
                      + _const(zeros == 1, dt) * (is_zero + non_zero * s / x_rep)
                      + _const(zeros == 2, dt) * is_zero * (s - a))
        return g * others, None, None, None


class ProdAll(Prod):
    _grad_name = "ProdBackward0"


def prod(input, dim=None, keepdim=False, *, dtype=None, out=None):
    """Product over one ``dim`` (all elements when None). Integer inputs give int64."""
    check_tensor(input, "prod")
    if dim is None:
        r = ProdAll.apply(input, tuple(range(input._array.ndim)), False, dtype)
    else:
        if not isinstance(dim, (int, np.integer)) or isinstance(dim, bool):
            raise TypeError("prod() received an invalid combination of arguments - got "
                            f"(dim={type(dim).__name__}, ), but expected one of:\n"
                            " * (*, torch.dtype dtype = None)\n"
                            " * (int dim, bool keepdim = False, *, torch.dtype dtype = None)")
        r = Prod.apply(input, _axes(dim, input._array.ndim), keepdim, dtype)
    return r if out is None else write_out(r, out, "prod")


# ---------------------------------------------------------------- max, min, amax, argmax
class _EvenReduce(Function):
    """A reduction to one element of each slice (amax, max(), median()): the gradient is
    split evenly among the elements equal to the result; ``_nan`` says how a NaN result
    shares it (see ``_tie_weights``)."""

    _raw = True
    _nan = "match"

    @staticmethod
    def forward(ctx, a, axes, keepdim, fn):
        ctx.save_for_backward(a, ctx.OUTPUT)
        ctx.axes, ctx.keepdim = axes, keepdim
        return np.asarray(fn(a._array, axes, keepdim))

    @staticmethod
    def backward(ctx, grad):
        a, out = ctx.saved_tensors
        shape = a._array.shape
        value = out._array.reshape(_kept(shape, ctx.axes))
        w = _const(_tie_weights(a._array, value, ctx.axes, ctx._fn._nan), grad._dtype)
        return _unreduce(grad, shape, ctx.axes, ctx.keepdim) * w, None, None, None


def _tie_weights(x, value, axes, nan="match"):
    """1/count where ``x`` equals its slice's ``value``, else 0. A NaN ``value`` is shared
    among the NaNs (nan="match": max(), median()), makes the slice's weights NaN
    (nan="poison": amax, aminmax) or zero (nan="zero": the inf-norm), like torch."""
    hit = x == value
    if nan == "match":
        hit |= np.isnan(x) & np.isnan(value)
    count = hit.sum(axis=axes, keepdims=True)
    if nan == "zero":
        count = np.maximum(count, 1)
    with np.errstate(invalid="ignore"):
        return hit / count


class MaxAll(_EvenReduce):
    _grad_name = "MaxBackward1"


class MinAll(_EvenReduce):
    _grad_name = "MinBackward1"


class Amax(_EvenReduce):
    _grad_name = "AmaxBackward0"
    _nan = "poison"


class Amin(_EvenReduce):
    _grad_name = "AminBackward0"
    _nan = "poison"


def _np_max(arr, axes, keepdim):
    return np.amax(arr, axis=axes, keepdims=keepdim)


def _np_min(arr, axes, keepdim):
    return np.amin(arr, axis=axes, keepdims=keepdim)


class _Picked(Function):
    """(values, indices): ``values`` is the input taken at ``indices`` along ``dim``
    (max/min/median/mode/kthvalue over a dim, sort, topk, cummax/cummin). ``pick(arr,
    dim)`` gives the indices, with dim kept; the gradient goes to the picked elements."""

    _raw = True

    @staticmethod
    def forward(ctx, a, dim, squeeze, pick, repeats):
        arr = a._array
        shape = arr.shape
        if not shape:
            arr = arr.reshape(1)
        idx = pick(arr, dim).astype(np.int64, copy=False)
        vals = np.take_along_axis(arr, idx, dim)
        ctx.shape, ctx.shape1, ctx.dim, ctx.idx, ctx.repeats = shape, arr.shape, dim, idx, repeats
        if not shape:
            return vals.reshape(()), idx.reshape(())
        if squeeze:
            return vals.squeeze(dim), idx.squeeze(dim)
        return vals, idx

    @staticmethod
    def backward(ctx, grad, _):
        g = _PutAlong.apply(grad.reshape(ctx.idx.shape), ctx.idx, ctx.dim, ctx.shape1,
                            ctx.repeats)
        return (g.reshape(ctx.shape) if ctx.shape != ctx.shape1 else g), None, None, None, None


class MaxDim(_Picked):
    _grad_name = "MaxBackward0"


class MinDim(_Picked):
    _grad_name = "MinBackward0"


def _argmax_pick(arr, d):
    return np.argmax(arr, axis=d, keepdims=True)


def _argmin_pick(arr, d):
    return np.argmin(arr, axis=d, keepdims=True)


def _extreme(name, input, dim, keepdim, out, other, binary, full_cls, dim_cls, pick):
    check_tensor(input, name)
    if isinstance(dim, Tensor):
        dim, other = None, dim
    if other is not None:
        from . import elementwise

        return getattr(elementwise, binary)(input, other, out=out)
    if dim is None:
        if keepdim:
            raise TypeError(f"{name}() received an invalid combination of arguments - got "
                            "(keepdim=bool, )")
        _specified(input, name)
        r = full_cls.apply(input, tuple(range(input._array.ndim)), False,
                           _np_max if name == "max" else _np_min)
        return r if out is None else write_out(r, out, name)
    if isinstance(dim, (tuple, list)):
        raise TypeError(f"{name}() received an invalid combination of arguments - got "
                        "(dim=tuple, ), but expected one of:\n * ()\n * (Tensor other)\n"
                        " * (int dim, bool keepdim = False)")
    axis = _wrap_dim(_int(dim, "dim"), input._array.ndim)
    _nonempty(input, axis, name)
    r = _RT[name](*dim_cls.apply(input, axis, not keepdim, pick, False))
    return _write_outs(r, out, name)


def max(input, dim=None, keepdim=False, *, out=None, other=None):
    """``max(input)``: the largest element; ``max(input, dim, keepdim)``: (values,
    indices) along ``dim`` (first index among ties); ``max(input, other)``: maximum."""
    return _extreme("max", input, dim, keepdim, out, other, "maximum", MaxAll, MaxDim,
                    _argmax_pick)


def min(input, dim=None, keepdim=False, *, out=None, other=None):
    """``min(input)``, ``min(input, dim, keepdim)`` -> (values, indices), or minimum."""
    return _extreme("min", input, dim, keepdim, out, other, "minimum", MinAll, MinDim,
                    _argmin_pick)


def _amax(name, cls, fn, input, dim, keepdim, out):
    check_tensor(input, name)
    nd = input._array.ndim
    axes = _axes(dim, nd)
    if dim is None or (isinstance(dim, (list, tuple)) and not dim) or nd == 0:
        _specified(input, name)
    for ax in axes:
        _nonempty(input, ax, name)
    r = cls.apply(input, axes, keepdim, fn)
    return r if out is None else write_out(r, out, name)


def amax(input, dim=(), keepdim=False, *, out=None):
    """Largest element over ``dim`` (all when empty); the gradient is split among ties."""
    return _amax("amax", Amax, _np_max, input, dim, keepdim, out)


def amin(input, dim=(), keepdim=False, *, out=None):
    """Smallest element over ``dim`` (all when empty); the gradient is split among ties."""
    return _amax("amin", Amin, _np_min, input, dim, keepdim, out)


class Aminmax(Function):
    _raw = True
    _grad_name = "AminmaxBackward0"

    @staticmethod
    def forward(ctx, a, axes, keepdim):
        arr = a._array
        ctx.save_for_backward(a)
        ctx.axes, ctx.keepdim = axes, keepdim
        ctx.mn = np.amin(arr, axis=axes, keepdims=True)
        ctx.mx = np.amax(arr, axis=axes, keepdims=True)
        return _squeeze(ctx.mn, axes, keepdim), _squeeze(ctx.mx, axes, keepdim)

    @staticmethod
    def backward(ctx, gmin, gmax):
        (a,) = ctx.saved_tensors
        x, shape, axes, keep = a._array, a._array.shape, ctx.axes, ctx.keepdim
        dt = gmin._dtype
        wmin = _tie_weights(x, ctx.mn, axes, "poison")
        wmax = _tie_weights(x, ctx.mx, axes, "poison")
        return (_unreduce(gmin, shape, axes, keep) * _const(wmin, dt)
                + _unreduce(gmax, shape, axes, keep) * _const(wmax, dt), None, None)


def aminmax(input, *, dim=None, keepdim=False):
    """(min, max) over ``dim`` (all elements when None) as ``return_types.aminmax``."""
    check_tensor(input, "aminmax")
    nd = input._array.ndim
    if dim is None:
        if input._array.size == 0:
            raise RuntimeError("aminmax(): cannot compute aminmax over an empty dimension as "
                               "the operation has no identity.")
        axes = tuple(range(nd))
    else:
        axes = _axes(_int(dim, "dim"), nd)
        if axes and input._array.shape[axes[0]] == 0:
            raise IndexError(f"aminmax: Expected reduction dim {axes[0]} to have non-zero "
                             "size.")
    return _RT["aminmax"](*Aminmax.apply(input, axes, keepdim))


def _arg(name, fn, input, dim, keepdim):
    check_tensor(input, name)
    if input._dtype is D.bool:
        raise RuntimeError(f"{name}(): does not support bool input")
    arr = input._array
    if dim is None:
        if arr.size == 0:
            raise IndexError(f"{name}(): Expected reduction dim to be specified for "
                             "input.numel() == 0.")
        r = np.asarray(fn(arr.reshape(-1)), np.int64)
        return _make(r.reshape((1,) * arr.ndim) if keepdim else r, D.int64)
    if isinstance(dim, (tuple, list)):
        raise TypeError(f"{name}(): argument 'dim' must be int, not {type(dim).__name__}")
    axis = _wrap_dim(_int(dim, "dim"), arr.ndim)
    if not arr.ndim:
        return _make(np.zeros((), np.int64), D.int64)
    _nonempty(input, axis, name)
    return _make(np.asarray(fn(arr, axis=axis, keepdims=keepdim), np.int64), D.int64)


def argmax(input, dim=None, keepdim=False):
    """Index of the largest element (of the flattened input when ``dim`` is None); the
    first one among ties; NaN counts as largest."""
    return _arg("argmax", np.argmax, input, dim, keepdim)


def argmin(input, dim=None, keepdim=False):
    """Index of the smallest element (first among ties; NaN counts as smallest)."""
    return _arg("argmin", np.argmin, input, dim, keepdim)


# ---------------------------------------------------------------- std, var
def _std_var_args(fname, input, dim, unbiased, correction):
    check_tensor(input, fname)
    if input._dtype._cat < D._FLOAT:
        raise RuntimeError("std and var only support floating point and complex dtypes")
    if isinstance(dim, bool):  # std(input, unbiased)
        dim, unbiased = None, dim
    if unbiased is not None:
        if correction is not None or not isinstance(unbiased, bool):
            raise TypeError(f"{fname}() received an invalid combination of arguments - "
                            "expected (dim, bool unbiased, bool keepdim) or "
                            "(dim, *, Number correction, bool keepdim)")
        correction = int(unbiased)
    return _axes(dim, input._array.ndim), 1 if correction is None else correction


def _var_arrays(arr, axes, correction, fname):
    """(variance with dims kept, mean with dims kept, degrees of freedom)."""
    n = math.prod(arr.shape[i] for i in axes)
    dof = _b.max(0, n - correction)
    if dof <= 0:
        warnings.warn(f"{fname}(): degrees of freedom is <= 0. Correction should be strictly "
                      "less than the reduction factor (input numel divided by output numel).",
                      UserWarning, stacklevel=4)
    if n == 0:
        m = np.full(_kept(arr.shape, axes), np.nan, arr.dtype)
    else:
        m = np.asarray(arr.sum(axis=axes, keepdims=True) / n)
    d = arr - m
    ss = np.sum(d * d, axis=axes, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.asarray(ss / dof), m, dof


def _centered(a, axes):
    return a - mean(a, axes, True) if axes else a - a


def _var_grad(a, grad, axes, keepdim, dof):
    g = _unreduce(grad, a._array.shape, axes, keepdim)
    return g * _centered(a, axes) * (2.0 / dof if dof else math.inf)


def _std_grad(a, std, grad, axes, keepdim, dof):
    s = std._array
    zero = s == 0  # torch defines the gradient as 0 where std is 0
    g = grad / (std + _const(zero, std._dtype)) * _const(~zero, std._dtype)
    g = _unreduce(g, a._array.shape, axes, keepdim)
    return g * _centered(a, axes) * (1.0 / dof if dof else math.inf)


class Var(Function):
    _raw = True
    _grad_name = "VarBackward0"

    @staticmethod
    def forward(ctx, a, axes, keepdim, correction):
        ctx.save_for_backward(a)
        v, _, ctx.dof = _var_arrays(a._array, axes, correction, "var")
        ctx.axes, ctx.keepdim = axes, keepdim
        return _squeeze(v, axes, keepdim)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return _var_grad(a, grad, ctx.axes, ctx.keepdim, ctx.dof), None, None, None


class Std(Function):
    _raw = True
    _grad_name = "StdBackward0"

    @staticmethod
    def forward(ctx, a, axes, keepdim, correction):
        ctx.save_for_backward(a, ctx.OUTPUT)
        v, _, ctx.dof = _var_arrays(a._array, axes, correction, "std")
        ctx.axes, ctx.keepdim = axes, keepdim
        return _squeeze(np.sqrt(v), axes, keepdim)

    @staticmethod
    def backward(ctx, grad):
        a, out = ctx.saved_tensors
        return _std_grad(a, out, grad, ctx.axes, ctx.keepdim, ctx.dof), None, None, None


class VarMean(Function):
    _raw = True
    _grad_name = "VarMeanBackward0"

    @staticmethod
    def forward(ctx, a, axes, keepdim, correction):
        ctx.save_for_backward(a)
        v, m, ctx.dof = _var_arrays(a._array, axes, correction, "var_mean")
        ctx.axes, ctx.keepdim = axes, keepdim
        ctx.n = math.prod(a._array.shape[i] for i in axes)
        return _squeeze(v, axes, keepdim), _squeeze(m, axes, keepdim)

    @staticmethod
    def backward(ctx, gvar, gmean):
        (a,) = ctx.saved_tensors
        shape, axes, keep = a._array.shape, ctx.axes, ctx.keepdim
        return (_var_grad(a, gvar, axes, keep, ctx.dof)
                + _unreduce(gmean, shape, axes, keep) / ctx.n, None, None, None)


class StdMean(Function):
    _raw = True
    _grad_name = "StdMeanBackward0"

    @staticmethod
    def forward(ctx, a, axes, keepdim, correction):
        ctx.save_for_backward(a, ctx.OUTPUT)
        v, m, ctx.dof = _var_arrays(a._array, axes, correction, "std_mean")
        ctx.axes, ctx.keepdim = axes, keepdim
        ctx.n = math.prod(a._array.shape[i] for i in axes)
        return _squeeze(np.sqrt(v), axes, keepdim), _squeeze(m, axes, keepdim)

    @staticmethod
    def backward(ctx, gstd, gmean):
        a, std = ctx.saved_tensors
        shape, axes, keep = a._array.shape, ctx.axes, ctx.keepdim
        return (_std_grad(a, std, gstd, axes, keep, ctx.dof)
                + _unreduce(gmean, shape, axes, keep) / ctx.n, None, None, None)


def var(input, dim=None, unbiased=None, keepdim=False, *, correction=None, out=None):
    """Variance over ``dim``: sum((x - mean)^2) / (N - correction); correction 1 default."""
    axes, c = _std_var_args("var", input, dim, unbiased, correction)
    r = Var.apply(input, axes, keepdim, c)
    return r if out is None else write_out(r, out, "var")


def std(input, dim=None, unbiased=None, keepdim=False, *, correction=None, out=None):
    """Standard deviation: sqrt of ``var`` with the same arguments."""
    axes, c = _std_var_args("std", input, dim, unbiased, correction)
    r = Std.apply(input, axes, keepdim, c)
    return r if out is None else write_out(r, out, "std")


def var_mean(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """(var, mean) over ``dim`` in one pass."""
    axes, c = _std_var_args("var_mean", input, dim, unbiased, correction)
    return VarMean.apply(input, axes, keepdim, c)


def std_mean(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """(std, mean) over ``dim`` in one pass."""
    axes, c = _std_var_args("std_mean", input, dim, unbiased, correction)
    return StdMean.apply(input, axes, keepdim, c)


# ---------------------------------------------------------------- norm, dist, logsumexp
def _vnorm(arr, p, axes, keepdim):
    """The vector p-norm of ``arr`` over ``axes`` (NumPy arrays)."""
    x = np.abs(arr)
    if p == 2:
        return np.asarray(np.sqrt(np.sum(x * x, axis=axes, keepdims=keepdim)))
    if p == 1:
        return np.asarray(np.sum(x, axis=axes, keepdims=keepdim))
    if p == math.inf or p == -math.inf:
        if x.size == 0 and (not axes or _b.any(arr.shape[i] == 0 for i in axes)):
            raise RuntimeError(f"linalg.vector_norm cannot compute the {p} norm on an empty "
                               "tensor because the operation does not have an identity")
        fn = np.amax if p > 0 else np.amin
        return np.asarray(fn(x, axis=axes, keepdims=keepdim))
    if p == 0:
        return np.asarray(np.sum(x != 0, axis=axes, keepdims=keepdim, dtype=x.dtype))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        s = np.sum(x ** p, axis=axes, keepdims=keepdim)
        return np.asarray(s ** (1.0 / p), x.dtype)


def _vnorm_grad(x, out, grad, p, axes, keepdim):
    """The gradient of the p-norm ``out`` of ``x``, in Tensor ops (0 where the norm is 0)."""
    shape, dt = x._array.shape, x._dtype
    g = _unreduce(grad, shape, axes, keepdim)
    xa = x._array
    if p == 0:
        return g * _const(np.zeros(shape), dt)
    if p == 1:
        return g * _const(np.sign(xa), dt)
    o = _unreduce(out, shape, axes, keepdim)
    if p == math.inf or p == -math.inf:
        w = np.sign(xa) * _tie_weights(np.abs(xa), o._array, axes, "zero")
        return g * _const(w, dt)
    o_zero = o._array == 0
    o_safe = o + _const(o_zero, dt)
    if p == 2:
        return g * x / o_safe
    x_zero = xa == 0
    ax = (x * _const(np.sign(xa), dt)) + _const(x_zero, dt)  # |x|, with 1 where x == 0
    scaled = x * ax ** (p - 2) * _const(~x_zero, dt)
    return g * scaled / o_safe ** (p - 1) * _const(~o_zero, dt)


class LinalgVectorNorm(Function):
    _raw = True
    _grad_name = "LinalgVectorNormBackward0"

    @staticmethod
    def forward(ctx, a, p, axes, keepdim):
        ctx.save_for_backward(a, ctx.OUTPUT)
        ctx.p, ctx.axes, ctx.keepdim = p, axes, keepdim
        return _vnorm(a._array, p, axes, keepdim)

    @staticmethod
    def backward(ctx, grad):
        a, out = ctx.saved_tensors
        return _vnorm_grad(a, out, grad, ctx.p, ctx.axes, ctx.keepdim), None, None, None


def vector_norm(input, ord=2, dim=None, keepdim=False, *, dtype=None):
    """``linalg.vector_norm``: the p-norm of ``input`` over ``dim`` (all when None)."""
    check_tensor(input, "linalg_vector_norm")
    if input._dtype._cat < D._FLOAT:
        raise RuntimeError("linalg.vector_norm: Expected a floating point or complex tensor "
                           f"as input. Got {_short(input._dtype)}")
    if dtype is not None and dtype is not input._dtype:
        input = input.to(dtype)
    return LinalgVectorNorm.apply(input, float(ord), _axes(dim, input._array.ndim), keepdim)


def norm(input, p="fro", dim=None, keepdim=False, out=None, dtype=None):
    """torch.norm: the vector p-norm over ``dim`` (2 for 'fro'); 'nuc' is a matrix norm."""
    check_tensor(input, "norm")
    if isinstance(p, str):
        if p == "nuc":
            from .. import linalg

            dims = (-2, -1) if dim is None else dim
            if input._array.ndim < 2:
                raise RuntimeError("linalg.matrix_norm: The input tensor A must have at least "
                                   "2 dimensions.")
            r = linalg.matrix_norm(input, "nuc", dims, keepdim, dtype=dtype)
            return r if out is None else write_out(r, out, "norm")
        if p != "fro":
            raise RuntimeError(f"linalg.matrix_norm: Order {p} not supported.")
        if isinstance(dim, (list, tuple)) and len(dim) > 2:
            raise RuntimeError("linalg.matrix_norm: dim must be a 2-tuple. Got "
                               + " ".join(str(d) for d in dim))
        p = 2
    r = vector_norm(input, 2 if p is None else p, dim, keepdim, dtype=dtype)
    return r if out is None else write_out(r, out, "norm")


class Dist(Function):
    _raw = True
    _grad_name = "DistBackward0"

    @staticmethod
    def forward(ctx, a, b, p):
        dt = D.result_type(a, b)
        d = a._array.astype(dt._np, copy=False) - b._array.astype(dt._np, copy=False)
        ctx.save_for_backward(a, b, ctx.OUTPUT)
        ctx.p = p
        return _vnorm(d, p, tuple(range(d.ndim)), False)

    @staticmethod
    def backward(ctx, grad):
        a, b, out = ctx.saved_tensors
        d = a - b
        g = _vnorm_grad(d, out, grad, ctx.p, tuple(range(d._array.ndim)), False)
        return g, -g, None


def dist(input, other, p=2):
    """``norm(input - other, p)`` (broadcasting)."""
    check_tensor(input, "dist")
    check_tensor(other, "dist", "other", 2)
    for t in (input, other):
        if t._dtype._cat < D._FLOAT:
            raise RuntimeError("norm(): input dtype should be either floating point or "
                               f"complex. Got {_short(t._dtype)} instead.")
    try:
        np.broadcast_shapes(input._array.shape, other._array.shape)
    except ValueError:
        _broadcast_error(input._array.shape, other._array.shape)
    return Dist.apply(input, other, float(p))


class Logsumexp(Function):
    _raw = True
    _grad_name = "LogsumexpBackward0"

    @staticmethod
    def forward(ctx, a, axes, keepdim):
        arr = a._array
        if a._dtype._cat < D._FLOAT:
            arr = arr.astype(D.get_default_dtype()._np)
        ctx.save_for_backward(a, ctx.OUTPUT)
        ctx.axes, ctx.keepdim = axes, keepdim
        # shift by the slice max for stability (by 0 where that max is infinite)
        if math.prod(arr.shape[i] for i in axes):
            m = np.asarray(np.amax(arr, axis=axes, keepdims=True))
            m[~np.isfinite(m)] = 0
        else:
            m = np.zeros(_kept(arr.shape, axes), arr.dtype)
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.log(np.sum(np.exp(arr - m), axis=axes, keepdims=True)) + m
        return _squeeze(r, axes, keepdim)

    @staticmethod
    def backward(ctx, grad):
        a, out = ctx.saved_tensors
        shape, axes, keep = a._array.shape, ctx.axes, ctx.keepdim
        w = (a - _unreduce(out, shape, axes, keep)).exp()
        return _unreduce(grad, shape, axes, keep) * w, None, None


def logsumexp(input, dim, keepdim=False, *, out=None):
    """log(sum(exp(input))) over ``dim``, computed stably; integers give float."""
    check_tensor(input, "logsumexp")
    r = Logsumexp.apply(input, _axes(dim, input._array.ndim), keepdim)
    return r if out is None else write_out(r, out, "logsumexp")


# ---------------------------------------------------------------- scans
def _scan_axis(input, dim):
    return _wrap_dim(_int(dim, "dim"), input._array.ndim)


class Cumsum(Function):
    _raw = True
    _grad_name = "CumsumBackward0"

    @staticmethod
    def forward(ctx, a, dim, dtype):
        ctx.dim = dim
        out_dt = _sum_dtype(a._dtype, dtype)._np
        if a._array.ndim == 0:
            return a._array.astype(out_dt)
        return np.cumsum(a._array, axis=dim, dtype=out_dt)

    @staticmethod
    def backward(ctx, grad):
        if grad._array.ndim == 0:
            return grad, None, None
        return _rev_cumsum(grad, ctx.dim), None, None


def cumsum(input, dim, *, dtype=None, out=None):
    """Cumulative sum along ``dim``; integer inputs give int64."""
    check_tensor(input, "cumsum")
    r = Cumsum.apply(input, _scan_axis(input, dim), dtype)
    return r if out is None else write_out(r, out, "cumsum")


def cumsum_(input, dim, *, dtype=None):
    return apply_inplace(Cumsum, input, _scan_axis(input, dim), dtype)


class Cumprod(Function):
    _raw = True
    _grad_name = "CumprodBackward0"

    @staticmethod
    def forward(ctx, a, dim, dtype):
        ctx.save_for_backward(a, ctx.OUTPUT)
        ctx.dim = dim
        out_dt = _sum_dtype(a._dtype, dtype)._np
        if a._array.ndim == 0:
            return a._array.astype(out_dt)
        return np.cumprod(a._array, axis=dim, dtype=out_dt)

    @staticmethod
    def backward(ctx, grad):
        a, out = ctx.saved_tensors
        if a._array.ndim == 0:
            return grad, None, None
        return _cumprod_grad(a, out, grad, ctx.dim), None, None


def _cumprod_grad(x, y, g, d):
    """dx_k = sum_{i>=k} g_i prod_{j<=i, j!=k} x_j, also where x has zeros (where it
    has, the second derivative misses the terms through the zero factors)."""
    xa, dt = x._array, x._dtype
    zero = xa == 0
    if not zero.any():
        return _rev_cumsum(g * y, d) / x
    # before the first zero z of a slice, the formula above holds (terms i >= z vanish);
    # at z, it is the reverse cumsum of g times the cumprod with x_z replaced by 1;
    # after z, every term has the factor x_z = 0
    seen = np.cumsum(zero, axis=d)
    before = seen == 0
    first = zero & (seen == 1)
    x_safe = x * _const(before, dt) + _const(~before, dt)
    term1 = _const(before, dt) * _rev_cumsum(g * y, d) / x_safe
    y_rep = cumprod(x * _const(~first, dt) + _const(first, dt), d)
    term2 = _const(first, dt) * _rev_cumsum(g * y_rep * _const(~before, dt), d)
    return term1 + term2


def cumprod(input, dim, *, dtype=None, out=None):
    """Cumulative product along ``dim``; integer inputs give int64."""
    check_tensor(input, "cumprod")
    r = Cumprod.apply(input, _scan_axis(input, dim), dtype)
    return r if out is None else write_out(r, out, "cumprod")


def cumprod_(input, dim, *, dtype=None):
    return apply_inplace(Cumprod, input, _scan_axis(input, dim), dtype)


class Cummax(_Picked):
    _grad_name = "CummaxBackward0"


class Cummin(_Picked):
    _grad_name = "CumminBackward0"


def _cum_pick(acc):
    def pick(arr, d):
        # the index of the last element equal to the running extreme (NaN sticks)
        hit = arr == acc.accumulate(arr, axis=d)
        if arr.dtype.kind in "fc":
            hit |= np.isnan(arr)
        pos = np.arange(arr.shape[d]).reshape((-1,) + (1,) * (arr.ndim - d - 1))
        return np.maximum.accumulate(np.where(hit, pos, 0), axis=d)

    return pick


def cummax(input, dim, *, out=None):
    """(values, indices) of the running maximum along ``dim``."""
    check_tensor(input, "cummax")
    r = _RT["cummax"](*Cummax.apply(input, _scan_axis(input, dim), False,
                                    _cum_pick(np.maximum), True))
    return _write_outs(r, out, "cummax")


def cummin(input, dim, *, out=None):
    """(values, indices) of the running minimum along ``dim``."""
    check_tensor(input, "cummin")
    r = _RT["cummin"](*Cummin.apply(input, _scan_axis(input, dim), False,
                                    _cum_pick(np.minimum), True))
    return _write_outs(r, out, "cummin")


class Logcumsumexp(Function):
    _raw = True
    _grad_name = "LogcumsumexpBackward0"

    @staticmethod
    def forward(ctx, a, dim):
        ctx.save_for_backward(a, ctx.OUTPUT)
        ctx.dim = dim
        if a._array.ndim == 0:
            return a._array.copy()
        return np.logaddexp.accumulate(a._array, axis=dim)

    @staticmethod
    @once_differentiable  # the stable form below works in log space on raw arrays
    def backward(ctx, grad):
        a, out = ctx.saved_tensors
        if a._array.ndim == 0:
            return grad, None
        # dx_k = sum_{i>=k} g_i exp(x_k - out_i), summed in log space separately for the
        # positive and the negative g_i so no exponential overflows
        x, o, g, d = a._array, out._array, grad._array, ctx.dim

        def part(gs):
            with np.errstate(divide="ignore"):
                v = np.log(gs) - o
            acc = np.flip(np.logaddexp.accumulate(np.flip(v, d), axis=d), d)
            return np.exp(x + acc)

        zero = np.zeros((), g.dtype)
        r = part(np.maximum(g, zero)) - part(np.maximum(-g, zero))
        return _make(r.astype(g.dtype, copy=False), grad._dtype), None


def logcumsumexp(input, dim, *, out=None):
    """log(cumsum(exp(input))) along ``dim``, computed stably."""
    check_tensor(input, "logcumsumexp")
    if input._dtype._cat < D._FLOAT:
        raise NotImplementedError("\"logcumsumexp_out_cpu\" not implemented for "
                                  f"'{_short(input._dtype)}'")
    r = Logcumsumexp.apply(input, _scan_axis(input, dim))
    return r if out is None else write_out(r, out, "logcumsumexp")


# ---------------------------------------------------------------- logical reductions
def _logical(name, fn, input, dim, keepdim, out):
    check_tensor(input, name)
    arr = input._array
    axes = None if dim is None else _axes(dim, arr.ndim, empty_is_all=False)
    r = np.asarray(fn(arr, axis=axes, keepdims=keepdim))
    dt = D.uint8 if input._dtype is D.uint8 else D.bool
    r = _make(r.astype(dt._np, copy=False), dt)
    return r if out is None else write_out(r, out, name)


def all(input, dim=None, keepdim=False, *, out=None):
    """Whether all elements (over ``dim``) are nonzero; bool (uint8 for uint8 input)."""
    return _logical("all", np.all, input, dim, keepdim, out)


def any(input, dim=None, keepdim=False, *, out=None):
    """Whether any element (over ``dim``) is nonzero; bool (uint8 for uint8 input)."""
    return _logical("any", np.any, input, dim, keepdim, out)


def count_nonzero(input, dim=None):
    """Number of nonzero elements over ``dim`` (all when None), as int64."""
    check_tensor(input, "count_nonzero")
    arr = input._array
    axes = _axes(dim, arr.ndim)
    return _make(np.asarray(np.count_nonzero(arr, axis=axes), np.int64), D.int64)


# ---------------------------------------------------------------- median, mode, kthvalue
def _lower_median(flat, ignore_nan):
    if flat.dtype.kind in "fc":
        nan = np.isnan(flat)
        if ignore_nan:
            flat = flat[~nan]
        elif nan.any():
            return np.asarray(np.nan, flat.dtype)
    if flat.size == 0:
        return np.asarray(np.nan, flat.dtype)
    k = (flat.size - 1) // 2
    return np.asarray(np.partition(flat, k)[k])


class MedianAll(_EvenReduce):
    _grad_name = "MedianBackward0"


class NanmedianAll(_EvenReduce):
    _grad_name = "NanmedianBackward0"


class MedianDim(_Picked):
    _grad_name = "MedianBackward1"


class NanmedianDim(_Picked):
    _grad_name = "NanmedianBackward1"


class ModeDim(_Picked):
    _grad_name = "ModeBackward0"


class Kthvalue(_Picked):
    _grad_name = "KthvalueBackward0"


def _median_pick(ignore_nan):
    def pick(arr, d):
        order = np.argsort(arr, axis=d, kind="stable")  # NaNs last
        n = arr.shape[d]
        if arr.dtype.kind in "fc":
            nans = np.isnan(arr).sum(axis=d, keepdims=True)
            if ignore_nan:
                k = np.maximum((n - nans - 1) // 2, 0)
            else:  # a NaN in the slice is the median: the first NaN
                k = np.where(nans > 0, n - nans, (n - 1) // 2)
        else:
            k = np.full(_kept(arr.shape, (d,)), (n - 1) // 2)
        return np.take_along_axis(order, k, d)

    return pick


def _median(name, all_cls, dim_cls, input, dim, keepdim, out):
    check_tensor(input, name)
    if input._dtype is D.bool:
        raise NotImplementedError("\"median_cpu\" not implemented for 'Bool'")
    nan = name == "nanmedian"
    if dim is None:
        r = all_cls.apply(input, tuple(range(input._array.ndim)), False,
                          lambda arr, axes, keepdim: _lower_median(arr.reshape(-1), nan))
        return r if out is None else write_out(r, out, name)
    axis = _wrap_dim(_int(dim, "dim"), input._array.ndim)
    _nonempty(input, axis, "median")
    r = _RT[name](*dim_cls.apply(input, axis, not keepdim, _median_pick(nan), False))
    return _write_outs(r, out, name)


def median(input, dim=None, keepdim=False, *, out=None):
    """Lower median of all elements (NaN if any is NaN), or (values, indices) along dim."""
    return _median("median", MedianAll, MedianDim, input, dim, keepdim, out)


def nanmedian(input, dim=None, keepdim=False, *, out=None):
    """``median`` ignoring NaNs (NaN only when a slice is all NaN)."""
    return _median("nanmedian", NanmedianAll, NanmedianDim, input, dim, keepdim, out)


def _mode_pick(arr, d):
    """The most frequent value (the smallest among equally frequent ones) and the index
    of its last occurrence: runs of equal values in the stably sorted slice."""
    a = np.moveaxis(arr, d, -1)
    n = a.shape[-1]
    order = np.argsort(a, axis=-1, kind="stable")
    s = np.take_along_axis(a, order, -1)
    pos = np.arange(n)
    new = np.ones(s.shape, bool)
    new[..., 1:] = s[..., 1:] != s[..., :-1]
    last = np.ones(s.shape, bool)
    last[..., :-1] = new[..., 1:]
    start = np.maximum.accumulate(np.where(new, pos, 0), axis=-1)
    end = np.flip(np.minimum.accumulate(np.flip(np.where(last, pos, n), -1), axis=-1), -1)
    best = np.argmax(end - start, axis=-1)[..., None]
    idx = np.take_along_axis(order, np.take_along_axis(end, best, -1), -1)
    return np.moveaxis(idx, -1, d)


def mode(input, dim=-1, keepdim=False, *, out=None):
    """(values, indices): the most frequent value along ``dim`` (smallest among ties) and
    the index of its last occurrence."""
    check_tensor(input, "mode")
    axis = _wrap_dim(_int(dim, "dim"), input._array.ndim)
    _nonempty(input, axis, "mode")
    return _write_outs(_RT["mode"](*ModeDim.apply(input, axis, not keepdim, _mode_pick, False)),
                       out, "mode")


def kthvalue(input, k, dim=-1, keepdim=False, *, out=None):
    """(values, indices) of the k-th smallest element along ``dim`` (k counts from 1)."""
    check_tensor(input, "kthvalue")
    arr = input._array
    axis = _wrap_dim(_int(dim, "dim"), arr.ndim)
    _nonempty(input, axis, "kthvalue")
    n = arr.shape[axis] if arr.ndim else 1
    if not 1 <= k <= n:
        raise RuntimeError(f"kthvalue(): selected number k out of range for dimension {axis}")

    def pick(a, d):
        return np.take(np.argsort(a, axis=d, kind="stable"), [k - 1], axis=d)

    return _write_outs(_RT["kthvalue"](*Kthvalue.apply(input, axis, not keepdim, pick, False)),
                       out, "kthvalue")


# ---------------------------------------------------------------- sort, topk, unique
class Sort(_Picked):
    _grad_name = "SortBackward0"


class Topk(_Picked):
    _grad_name = "TopkBackward0"


def _order(arr, d, descending):
    """Stable sorting indices along ``d`` (NaN sorts as the largest value)."""
    if not descending:
        return np.argsort(arr, axis=d, kind="stable")
    # stable descending: sort the reversed slice ascending, then reverse back
    rev = np.argsort(np.flip(arr, d), axis=d, kind="stable")
    return arr.shape[d] - 1 - np.flip(rev, d)


def sort(input, dim=-1, descending=False, *, stable=False, out=None):
    """(values, indices) sorted along ``dim`` (stable, NaN last when ascending)."""
    check_tensor(input, "sort")
    axis = _wrap_dim(_int(dim, "dim"), input._array.ndim)
    r = _RT["sort"](*Sort.apply(input, axis, False, lambda a, d: _order(a, d, descending), False))
    return _write_outs(r, out, "sort")


def argsort(input, dim=-1, descending=False, *, stable=False):
    """The indices that sort ``input`` along ``dim``."""
    check_tensor(input, "argsort")
    arr = input._array
    axis = _wrap_dim(_int(dim, "dim"), arr.ndim)
    if arr.ndim == 0:
        return _make(np.zeros((), np.int64), D.int64)
    return _make(_order(arr, axis, descending).astype(np.int64, copy=False), D.int64)


def msort(input, *, out=None):
    """``input`` sorted along dim 0."""
    check_tensor(input, "msort")
    r = sort(input, 0).values
    return r if out is None else write_out(r, out, "msort")


def topk(input, k, dim=-1, largest=True, sorted=True, *, out=None):
    """(values, indices) of the ``k`` largest (smallest) elements along ``dim``."""
    check_tensor(input, "topk")
    arr = input._array
    axis = _wrap_dim(_int(dim, "dim"), arr.ndim)
    n = arr.shape[axis] if arr.ndim else 1
    if not 0 <= k <= n:
        raise RuntimeError("selected index k out of range")

    def pick(a, d):
        return np.take(_order(a, d, largest), np.arange(k), axis=d)

    return _write_outs(_RT["topk"](*Topk.apply(input, axis, False, pick, False)), out, "topk")


_Unique2 = _not_differentiable("Unique2Backward0", "_unique2")
_UniqueDim = _not_differentiable("UniqueDimBackward0", "unique_dim")
_UniqueConsecutive = _not_differentiable("UniqueConsecutiveBackward0", "unique_consecutive")


def _unique_result(input, cls, vals, inverse, counts, return_inverse, return_counts):
    v = cls.apply(input, vals)
    if not (return_inverse or return_counts):
        return v
    r = (v,)
    if return_inverse:
        r += (_make(inverse.astype(np.int64, copy=False), D.int64),)
    if return_counts:
        r += (_make(counts.astype(np.int64, copy=False), D.int64),)
    return r


def unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    """The sorted unique elements (or slices along ``dim``), optionally with the inverse
    indices (input -> position in the result) and the counts."""
    check_tensor(input, "unique")
    arr = input._array
    if dim is None:
        vals, inv, cnt = np.unique(arr.reshape(-1), return_inverse=True, return_counts=True,
                                   equal_nan=False)  # each NaN is distinct, as in torch
        inv = inv.reshape(arr.shape)
        cls = _Unique2
    else:
        axis = _wrap_dim(_int(dim, "dim"), arr.ndim)
        if _b.any(s == 0 for i, s in enumerate(arr.shape) if i != axis):
            raise RuntimeError("There are 0 sized dimensions, and they aren't selected, so "
                               "unique cannot be applied")
        vals, inv, cnt = np.unique(arr, return_inverse=True, return_counts=True, axis=axis)
        inv = inv.reshape(-1)
        cls = _UniqueDim
    return _unique_result(input, cls, vals, inv, cnt, return_inverse, return_counts)


def unique_consecutive(input, return_inverse=False, return_counts=False, dim=None):
    """Collapse runs of equal consecutive elements (or slices along ``dim``)."""
    check_tensor(input, "unique_consecutive")
    arr = input._array
    if dim is None:
        rows = arr.reshape(-1, 1)
        axis = 0
    else:
        axis = _wrap_dim(_int(dim, "dim"), arr.ndim)
        arr = arr.reshape(1) if arr.ndim == 0 else arr
        rows = np.moveaxis(arr, axis, 0).reshape(arr.shape[axis], arr.size // _b.max(
            arr.shape[axis], 1))
    n = rows.shape[0]
    starts = np.ones(n, bool)
    starts[1:] = (rows[1:] != rows[:-1]).any(axis=1)
    first = np.flatnonzero(starts)
    inv = np.cumsum(starts) - 1
    cnt = np.diff(np.append(first, n))
    if dim is None:
        vals = arr.reshape(-1)[first]
        inv = inv.reshape(arr.shape)
    else:
        vals = np.take(arr, first, axis=axis)
    return _unique_result(input, _UniqueConsecutive, vals, inv, cnt, return_inverse,
                          return_counts)


# ---------------------------------------------------------------- counting, comparing
def bincount(input, weights=None, minlength=0):
    """Counts of each value of a 1-d non-negative integer tensor (summed ``weights``)."""
    check_tensor(input, "bincount")
    if input._dtype._cat != D._INT:
        raise NotImplementedError(f"\"bincount_cpu\" not implemented for "
                                  f"'{_short(input._dtype)}'")
    arr = input._array
    if arr.ndim != 1 or (arr.size and arr.min() < 0):
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    if minlength < 0:
        raise RuntimeError("minlength should be >= 0")
    if weights is None:
        return _make(np.bincount(arr, minlength=minlength).astype(np.int64), D.int64)
    w = weights._array
    if w.ndim != 1 or w.shape[0] != arr.shape[0]:
        raise RuntimeError("weights should be 1-d and have the same length as input")
    dt = weights._dtype if weights._dtype in (D.float32, D.float64) else D.float64
    r = np.bincount(arr, weights=w.astype(np.float64), minlength=minlength)
    return _make(r.astype(dt._np), dt)


def histc(input, bins=100, min=0, max=0, *, out=None):
    """Histogram of ``bins`` equal bins over [min, max] (the data's range when equal);
    values outside are ignored."""
    check_tensor(input, "histc")
    if input._dtype._cat != D._FLOAT:
        raise NotImplementedError(f"\"histogram_cpu\" not implemented for "
                                  f"'{_short(input._dtype)}'")
    if bins <= 0:
        raise RuntimeError(f"torch.histogram(): bins must be > 0, but got {bins} for "
                           "dimension 0")
    if min > max:
        raise RuntimeError("torch.histc: max must be larger than min")
    x = input._array.reshape(-1)
    npdt = x.dtype
    lo, hi = float(min), float(max)
    if lo == hi and x.size:
        lo, hi = float(x.min()), float(x.max())
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise RuntimeError(f"torch.histc: range of [{lo}, {hi}] is not finite")
    lo_, hi_ = npdt.type(lo), npdt.type(hi)
    x = x[(x >= lo_) & (x <= hi_)]
    pos = ((x - lo_) * npdt.type(bins) / (hi_ - lo_)).astype(np.int64)
    pos = np.minimum(pos, bins - 1)
    r = _make(np.bincount(pos, minlength=bins).astype(npdt), input._dtype)
    return r if out is None else write_out(r, out, "histc")


def equal(input, other):
    """True when both tensors have the same shape and elements (NaN != NaN)."""
    check_tensor(input, "equal")
    check_tensor(other, "equal", "other", 2)
    a, b = input._array, other._array
    return a.shape == b.shape and bool(np.array_equal(a, b))


def _broadcast_error(sa, sb):
    n = _b.max(len(sa), len(sb))
    sa, sb = (1,) * (n - len(sa)) + tuple(sa), (1,) * (n - len(sb)) + tuple(sb)
    for i in reversed(range(n)):
        if sa[i] != sb[i] and sa[i] != 1 and sb[i] != 1:
            raise RuntimeError(f"The size of tensor a ({sa[i]}) must match the size of tensor "
                               f"b ({sb[i]}) at non-singleton dimension {i}")


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    """Elementwise |input - other| <= atol + rtol * |other| (and exact equality), as bool."""
    check_tensor(input, "isclose")
    check_tensor(other, "isclose", "other", 2)
    if input._dtype is not other._dtype:
        raise RuntimeError(f"{_short(input._dtype)} did not match {_short(other._dtype)}")
    if rtol < 0:
        raise RuntimeError(f"rtol must be greater than or equal to zero, but got {rtol}")
    if atol < 0:
        raise RuntimeError(f"atol must be greater than or equal to zero, but got {atol}")
    a, b = input._array, other._array
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        _broadcast_error(a.shape, b.shape)
    close = a == b
    if input._dtype is not D.bool:
        if input._dtype._cat < D._FLOAT:
            a, b = a.astype(np.float64), b.astype(np.float64)
        with np.errstate(invalid="ignore", over="ignore"):
            close = close | (np.isfinite(a) & np.isfinite(b)
                             & (np.abs(a - b) <= atol + rtol * np.abs(b)))
        if equal_nan:
            close = close | (np.isnan(a) & np.isnan(b))
    return _make(np.asarray(close), D.bool)


def allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    """``isclose(...).all()`` as a Python bool."""
    return bool(isclose(input, other, rtol, atol, equal_nan)._array.all())


# ---------------------------------------------------------------- the engine's reduction
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

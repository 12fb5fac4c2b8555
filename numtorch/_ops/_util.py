"""Helpers shared by the op families: argument checks, dims, out=, Python-scalar operands."""

import warnings

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor, _make, _wrap_dim
from ..autograd.function import check_cast
from ..autograd.grad_mode import _state

wrap_dim = _wrap_dim


def check_tensor(x, fname, argname="input", pos=1):
    """torch's TypeError for a non-Tensor where a Tensor is required (``exp(0)``)."""
    if not isinstance(x, Tensor):
        raise TypeError(f"{fname}(): argument '{argname}' (position {pos}) must be Tensor, not "
                        f"{type(x).__name__}")
    return x


def wrap_dims(dim, ndim):
    """``dim`` (None, int, list or tuple) to a sorted tuple of non-negative axes."""
    if dim is None:
        return tuple(range(ndim))
    if isinstance(dim, (list, tuple)):
        dims = tuple(_wrap_dim(d, ndim) for d in dim)
        if len(set(dims)) != len(dims):
            raise RuntimeError(f"dim {dims[0]} appears multiple times in the list of dims")
        return dims
    return (_wrap_dim(dim, ndim),)


def is_scalar(x):
    return isinstance(x, (int, float, bool, complex, np.number, np.bool_))


def scalar_operand(value, dt):
    """A Python scalar ready to meet an array of dtype ``dt`` without upcasting it
    (NumPy 2 treats Python scalars as weak; integers out of range wrap like torch)."""
    if dt._cat == D._INT and isinstance(value, int) and not isinstance(value, bool):
        info = np.iinfo(dt._np)
        if not info.min <= value <= info.max:
            return np.array(value & ((1 << (8 * dt.itemsize)) - 1)).astype(dt._np)
    if dt._cat == D._INT and isinstance(value, float):
        return dt._np.type(value)
    return value


def cast(t, dt):
    a = t._array
    return a if t._dtype is dt else a.astype(dt._np)


def operands(a, b, dt=None):
    """Arrays (or a weak Python scalar) for a binary op, both cast to torch's result dtype."""
    if b.__class__ is Tensor or isinstance(b, Tensor):
        if a._dtype is b._dtype and dt is None:
            return a._dtype, a._array, b._array
        if dt is None:
            dt = D.result_type(a, b)
        check_same_device(a, b)
        return dt, cast(a, dt), cast(b, dt)
    if not is_scalar(b):
        raise TypeError(f"unsupported operand type: expected a Tensor or a number, got "
                        f"{type(b).__name__}")
    if dt is None:
        dt = D.result_type(a, b)
    return dt, cast(a, dt), scalar_operand(b, dt)


def check_same_device(a, b):
    if a._device is not b._device and a._array.ndim and b._array.ndim:
        raise RuntimeError("Expected all tensors to be on the same device, but found at least "
                           f"two devices, {a._device} and {b._device}!")


def write_out(result, out, fname="op"):
    """Copy ``result`` into ``out`` like torch's ``out=``: resize, cast, no autograd."""
    if out is None:
        return result
    if not isinstance(out, Tensor):
        raise TypeError(f"{fname}(): argument 'out' must be Tensor, not {type(out).__name__}")
    if _state.enabled and (result._rg or out._rg):
        raise RuntimeError(f"{fname}(): functions with out=... arguments don't support "
                           "automatic differentiation, but one of the arguments requires grad.")
    check_cast(result._dtype, out)
    if out._array.shape != result._array.shape:
        if out._array.size:
            warnings.warn(
                f"An output with one or more elements was resized since it had shape "
                f"{list(out._array.shape)}, which does not match the required output shape "
                f"{list(result._array.shape)}. This behavior is deprecated, and in a future "
                "PyTorch release outputs will not be resized unless they have zero elements. "
                "You can explicitly reuse an out tensor t by resizing it, inplace, to zero "
                "elements with t.resize_(0).",
                UserWarning,
                stacklevel=3,
            )
        out._array = np.empty(result._array.shape, out._dtype._np)
    out._array[...] = result._array
    out._bump()
    return out


def new_tensor(array, dt=None):
    return _make(array, D.from_numpy_dtype(array.dtype) if dt is None else dt)

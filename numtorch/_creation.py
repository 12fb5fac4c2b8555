"""Tensor creation: tensor/as_tensor/from_numpy, zeros/ones/full/empty/arange/linspace/eye,
``*_like``, ``new_*`` and the legacy constructors (``Tensor(2, 3)``, ``FloatTensor([..])``).
"""

import itertools
import math
import numbers
import warnings

import numpy as np

from . import _dtype as D
from ._backend import CPU, as_device, to_device, xp_for
from ._tensor import Size, Tensor, _make

__all__ = ["tensor", "as_tensor", "asarray", "from_numpy", "zeros", "ones", "full", "empty",
           "zeros_like", "ones_like", "full_like", "empty_like", "arange", "linspace",
           "logspace", "eye", "scalar_tensor", "empty_strided", "tril_indices", "triu_indices",
           "complex", "polar", "frombuffer"]

_pyrange, _pycomplex = range, complex  # this module defines torch.range, torch.complex


def _finish(array, dt, device, requires_grad):
    """Wrap ``array`` (already of ``dt``) on ``device``, optionally requiring grad."""
    dev = as_device(device)
    if dev is not CPU:
        array = to_device(array, dev)
    t = _make(array, dt)
    if dev is not CPU:
        t._device = dev
    if requires_grad:
        if dt._cat < D._FLOAT:
            raise RuntimeError("Only Tensors of floating point and complex dtype can require "
                               "gradients")
        t._rg = True
    return t


def _check_dtype(dtype, fname="tensor"):
    if dtype is not None and not isinstance(dtype, D.dtype):
        raise TypeError(f"{fname}(): argument 'dtype' must be torch.dtype, not "
                        f"{type(dtype).__name__}")


# ---------------------------------------------------------------- tensor(data)
_SCALAR_TYPES = {bool: D._BOOL, int: D._INT, float: D._FLOAT, complex: D._COMPLEX}


def _is_seq(x):
    return isinstance(x, (list, tuple))


def _leaf_types(data):
    """The set of types of the non-sequence leaves of nested lists, level by level (each
    level is one C-speed ``map``; only the sublists, not the leaves, are visited in Python)."""
    types = set()
    level = data
    while level:
        ts = set(map(type, level))
        seq = {t for t in ts if issubclass(t, (list, tuple))}
        types |= ts - seq
        if not seq:
            break
        if ts == seq:
            level = list(itertools.chain.from_iterable(level))
        else:  # ragged: mixed leaves and lists; the conversion reports it
            level = list(itertools.chain.from_iterable(x for x in level if _is_seq(x)))
    return types


def _infer_dtype(data):
    """torch.tensor's dtype inference over Python leaves: bool < int64 < default float <
    default complex. NumPy scalars, arrays and tensors bring their own dtype."""
    if isinstance(data, Tensor):
        return data._dtype
    if isinstance(data, (np.ndarray, np.generic)):
        return D.from_numpy_dtype(data.dtype)
    if isinstance(data, bool):
        return D.bool
    if isinstance(data, numbers.Integral):
        return D.int64
    if isinstance(data, numbers.Real):
        return D.get_default_dtype()
    if isinstance(data, numbers.Complex):
        return D.default_complex()
    if _is_seq(data):
        result = None
        for x in data:
            d = _infer_dtype(x)
            result = d if result is None else D.promote_types(result, d)
        return D.get_default_dtype() if result is None else result
    if isinstance(data, str):
        raise TypeError(f"new(): invalid data type '{type(data).__name__}'")
    raise RuntimeError(f"Could not infer dtype of {type(data).__name__}")


def _plain(data):
    """Nested lists of Python numbers from lists holding tensors, arrays, NumPy scalars."""
    if _is_seq(data):
        return [_plain(x) for x in data]
    if isinstance(data, Tensor):
        if data._array.size != 1:
            if data._dtype._cat <= D._INT:
                raise TypeError("only integer tensors of a single element can be converted "
                                "to an index")
            raise ValueError("only one element tensors can be converted to Python scalars")
        return data.item()
    if isinstance(data, (np.ndarray, np.generic)):
        return data.tolist()
    return data


def _ragged_error(data, dt):
    """torch's error for nested lists that do not form a box (shape from first elements)."""
    dims = []
    s = data
    while _is_seq(s):
        dims.append(len(s))
        if not s:
            break
        s = s[0]

    def check(seq, dim):
        if len(seq) != dims[dim]:
            raise ValueError(f"expected sequence of length {dims[dim]} at dim {dim} "
                             f"(got {len(seq)})")
        for x in seq:
            if dim + 1 < len(dims):
                if not _is_seq(x):
                    raise TypeError("not a sequence")
                check(x, dim + 1)
            elif _is_seq(x):
                if dt._cat >= D._FLOAT:
                    raise TypeError(f"must be real number, not {type(x).__name__}")
                raise TypeError(f"'{type(x).__name__}' object cannot be interpreted as an "
                                "integer")

    check(data, 0)
    raise ValueError("expected a rectangular nested sequence")  # pragma: no cover


def _overflow(dt):
    return RuntimeError(f"value cannot be converted to type {dt._name} without overflow")


def _cast_checked(raw, dt):
    """``raw`` (bool/int64/uint64/float64/complex128 from NumPy's own inference) as ``dt``,
    raising torch's overflow error instead of wrapping silently."""
    npd = D.to_np(dt)
    kind = raw.dtype.kind
    if dt._cat == D._INT and raw.size:
        info = np.iinfo(npd)
        if kind == "c":
            raise TypeError("can't convert complex to int")
        if kind == "f":
            bad = ~((raw >= info.min) & (raw <= info.max))  # nan fails both
        elif kind in "iu":
            lo = -info.max if dt._unsigned else info.min  # torch wraps small negatives
            bad = (raw < lo) | (raw > info.max)
        else:
            bad = None
        if bad is not None and bad.any():
            raise _overflow(dt)
    elif dt._cat == D._FLOAT and kind == "c":
        raise TypeError("must be real number, not complex")
    if dt._unsigned and kind == "i":
        return raw.astype(npd)  # two's complement wrap of negatives, like torch
    with np.errstate(over="ignore", invalid="ignore"):  # 1e300 -> inf in float32
        return raw.astype(npd, copy=False)


def _python_to_array(data, dtype):
    """Nested sequences / a Python number -> (ndarray, dtype)."""
    if _is_seq(data):
        types = _leaf_types(data)
        cats = [_SCALAR_TYPES.get(t) for t in types]
        if None in cats:  # tensors, arrays, NumPy scalars or junk among the leaves
            inferred = _infer_dtype(data)  # also rejects junk (None, str, ...)
            dt = inferred if dtype is None else dtype
            data = _plain(data)
        elif dtype is None:
            cat = max(cats, default=D._FLOAT)
            dt = (D.bool, D.int64, D.get_default_dtype(), D.default_complex())[cat]
        else:
            dt = dtype
    else:
        dt = _infer_dtype(data) if dtype is None else dtype
    try:
        raw = np.array(data)
    except ValueError:
        _ragged_error(data, dt)
    if raw.dtype == object:  # Python ints beyond 64 bits
        if dt._cat <= D._INT:
            if dtype is None:
                raise ValueError("Overflow when unpacking long long")
            raise _overflow(dt)
        raw = raw.astype(np.float64 if dt._cat == D._FLOAT else np.complex128)
    elif raw.dtype.kind == "u" and dtype is None:  # NumPy keeps 2**63 .. 2**64-1 as uint64
        raise ValueError("Overflow when unpacking long long")
    return _cast_checked(raw, dt), dt


_NEG_STRIDES = ("At least one stride in the given numpy array is negative, and tensors with "
                "negative strides are not currently supported. (You can probably work around "
                "this by making a copy of your array  with array.copy().) ")


def tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False):
    """A new tensor copying ``data`` (nested lists, numbers, NumPy arrays, tensors).

    dtype: inferred as torch does (bool < int64 < default float < complex).

    >>> tensor([[1, 2], [3, 4.5]])
    tensor([[1.0000, 2.0000],
            [3.0000, 4.5000]])
    """
    _check_dtype(dtype)
    if isinstance(data, Tensor):
        warnings.warn(
            "To copy construct from a tensor, it is recommended to use "
            "sourceTensor.detach().clone() or sourceTensor.detach().clone().requires_grad_(True), "
            "rather than torch.tensor(sourceTensor).",
            UserWarning,
            stacklevel=2,
        )
        return _copy_tensor(data, dtype, device, requires_grad)
    if isinstance(data, (np.ndarray, np.generic)):
        arr = np.asarray(data)
        dt = D.from_numpy_dtype(arr.dtype) if dtype is None else dtype
        if any(s < 0 for s in arr.strides):
            raise ValueError(_NEG_STRIDES)
        return _finish(np.array(arr, dtype=D.to_np(dt), copy=True), dt, device, requires_grad)
    if isinstance(data, _pyrange):
        data = list(data)
    arr, dt = _python_to_array(data, dtype)
    return _finish(arr, dt, device, requires_grad)


def _copy_tensor(data, dtype, device, requires_grad):
    dt = data._dtype if dtype is None else dtype
    arr = data._array if data._device is CPU else to_device(data._array, CPU)
    dev = data._device if device is None else device
    return _finish(arr.astype(D.to_np(dt), copy=True), dt, dev, requires_grad)


def as_tensor(data, dtype=None, device=None):
    """Like ``tensor`` but shares memory with a NumPy array or Tensor when it can."""
    _check_dtype(dtype, "as_tensor")
    if isinstance(data, Tensor):
        if (dtype is None or dtype is data._dtype) and (device is None or
                                                        as_device(device) is data._device):
            return data
        return data.to(device=device, dtype=dtype)
    if isinstance(data, np.ndarray):
        t = from_numpy(data)
        if dtype is not None and dtype is not t._dtype:
            t = t.to(dtype)
        if device is not None:
            t = t.to(device)
        return t
    return tensor(data, dtype=dtype, device=device)


def asarray(obj, *, dtype=None, device=None, copy=None, requires_grad=False):
    """Convert ``obj`` to a tensor, sharing memory unless ``copy=True`` or a conversion
    is needed (``copy=False`` then raises)."""
    src = obj._dtype if isinstance(obj, Tensor) else \
        D.from_numpy_dtype(obj.dtype) if isinstance(obj, np.ndarray) else None
    if copy is False and src is not None and dtype is not None and dtype is not src:
        raise ValueError(f"can't alias tensor with dtype '{D._SHORT[src._name]}' into dtype "
                         f"'{D._SHORT[dtype._name]}'.")
    t = as_tensor(obj, dtype=dtype, device=device)
    if copy and (t is obj or isinstance(obj, np.ndarray)):
        t = t.clone()
    if requires_grad:
        t = t.detach() if t is obj else t
        t.requires_grad_(True)
    return t


def from_numpy(ndarray):
    """A tensor sharing memory with ``ndarray`` (writes to one show in the other)."""
    if not isinstance(ndarray, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(ndarray).__name__})")
    if not ndarray.dtype.isnative:
        raise ValueError("given numpy array has byte order different from the native byte "
                         "order. Conversion between byte orders is currently not supported.")
    if ndarray.dtype not in D._FROM_NP:
        raise TypeError(
            f"can't convert np.ndarray of type numpy.{ndarray.dtype.type.__name__}. The only "
            "supported types are: float64, float32, float16, complex64, complex128, int64, "
            "int32, int16, int8, uint8, and bool."
        )
    if any(s < 0 for s in ndarray.strides):
        raise ValueError(_NEG_STRIDES)
    if not ndarray.flags.writeable:
        warnings.warn(
            "The given NumPy array is not writable, and PyTorch does not support non-writable "
            "tensors. This means writing to this tensor will result in undefined behavior. You "
            "may want to copy the array to protect its data or make it writable before "
            "converting it to a tensor. This type of warning will be suppressed for the rest "
            "of this program.", UserWarning, stacklevel=2)
    return _make(ndarray, D._FROM_NP[ndarray.dtype])


def frombuffer(buffer, *, dtype, count=-1, offset=0, requires_grad=False):
    """A 1-D tensor over the bytes of a Python buffer (shares memory)."""
    arr = np.frombuffer(buffer, dtype=D.to_np(dtype), count=count, offset=offset)
    return _finish(arr, dtype, None, requires_grad)


# ---------------------------------------------------------------- factories
def _size_args(size, fname="zeros"):
    """``(2, 3)`` / ``((2, 3),)`` / ``([2, 3],)`` / ``(Size,)`` -> a tuple of ints, with
    torch's TypeError/RuntimeError for bad sizes."""
    if size and isinstance(size[0], (tuple, list)):
        if len(size) > 1:
            raise TypeError(f"{fname}() takes 1 positional argument but {len(size)} were given")
        size = tuple(size[0])
    elif len(size) == 1 and (not _is_int(size[0]) or isinstance(size[0], bool)):
        raise TypeError(f"{fname}(): argument 'size' (position 1) must be tuple of ints, "
                        f"not {_tname(size[0])}")
    out = []
    for i, s in enumerate(size):
        if not _is_int(s):
            raise TypeError(f"{fname}(): argument 'size' failed to unpack the object at pos "
                            f"{i + 1} with error \"type must be tuple of ints,but got "
                            f"{_tname(s)}\"")
        s = int(s)
        if s < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: "
                               f"[{', '.join(str(int(x)) for x in size)}]")
        out.append(s)
    return tuple(out)


def _is_int(s):
    if isinstance(s, (int, np.integer)):
        return True
    return isinstance(s, Tensor) and s._dtype._cat == D._INT and s._array.size == 1


def _tname(x):
    if isinstance(x, Tensor):
        return "Tensor"
    t = type(x)
    return t.__name__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__name__}"


def _varargs_size(args, size, fname):
    if size is not None:
        if args:
            raise TypeError(f"{fname}() got multiple values for argument 'size'")
        args = (size,)
    if not args:
        raise TypeError(f"{fname}() missing 1 required positional arguments: \"size\"")
    return _size_args(args, fname)


def _dt(dtype, fname="zeros"):
    if dtype is None:
        return D.get_default_dtype()
    _check_dtype(dtype, fname)
    return dtype


def _write(t, out, fname):
    if out is None:
        return t
    from ._ops._util import write_out

    return write_out(t, out, fname)


def _factory(fill, shape, dt, device, requires_grad):
    """A tensor of ``shape`` filled with ``fill`` (0, 1 or a Python number)."""
    dev = as_device(device)
    xp = np if dev is CPU else xp_for(dev)
    npd = D.to_np(dt)
    if fill == 0:
        arr = xp.zeros(shape, npd)
    elif fill == 1:
        arr = xp.ones(shape, npd)
    else:
        arr = xp.full(shape, fill, npd)
    t = _make(arr, dt)
    if dev is not CPU:
        t._device = dev
    if requires_grad:
        _finish(arr, dt, None, True)  # the dtype check
        t._rg = True
    return t


def zeros(*size, out=None, dtype=None, layout=None, device=None, requires_grad=False,
          pin_memory=False, memory_format=None, **kw):
    """A tensor of zeros: ``zeros(2, 3)``, ``zeros((2, 3))``, ``zeros(size=[2, 3])``."""
    shape = _varargs_size(size, kw.pop("size", None), "zeros")
    _no_kwargs(kw, "zeros")
    return _write(_factory(0, shape, _dt(dtype), device, requires_grad), out, "zeros")


def ones(*size, out=None, dtype=None, layout=None, device=None, requires_grad=False,
         pin_memory=False, memory_format=None, **kw):
    """A tensor of ones: ``ones(2, 3)``, ``ones((2, 3))``."""
    shape = _varargs_size(size, kw.pop("size", None), "ones")
    _no_kwargs(kw, "ones")
    return _write(_factory(1, shape, _dt(dtype), device, requires_grad), out, "ones")


def empty(*size, out=None, dtype=None, layout=None, device=None, requires_grad=False,
          pin_memory=False, memory_format=None, **kw):
    """An "uninitialised" tensor (numtorch's is zero-filled: uninitialised memory buys
    nothing in NumPy, and zeros make bugs reproducible)."""
    shape = _varargs_size(size, kw.pop("size", None), "empty")
    _no_kwargs(kw, "empty")
    return _write(_factory(0, shape, _dt(dtype), device, requires_grad), out, "empty")


def _no_kwargs(kw, fname):
    if kw:
        raise TypeError(f"{fname}() got an unexpected keyword argument '{next(iter(kw))}'")


def empty_strided(size, stride, *, dtype=None, layout=None, device=None, requires_grad=False,
                  pin_memory=False):
    """An empty tensor of ``size`` (numtorch tensors are always laid out contiguously)."""
    return empty(size, dtype=dtype, device=device, requires_grad=requires_grad)


def _fill_scalar(fill_value, fname):
    """A Python number from a fill value (a number or a one-element tensor)."""
    if isinstance(fill_value, Tensor):
        if fill_value._array.size != 1 or fill_value._array.ndim:
            raise TypeError(f"{fname}(): argument 'fill_value' (position 2) must be Number, "
                            "not Tensor")
        return fill_value.item()
    if isinstance(fill_value, np.generic):
        return fill_value.item()
    if not isinstance(fill_value, numbers.Number):
        raise TypeError(f"{fname}(): argument 'fill_value' (position 2) must be Number, not "
                        f"{type(fill_value).__name__}")
    return fill_value


def _check_fill(value, dt):
    """torch refuses fill values the dtype cannot hold (300 in uint8, nan in int64)."""
    if dt._cat == D._INT and not isinstance(value, bool):
        info = np.iinfo(dt._np)
        lo = -info.max if dt._unsigned else info.min
        if isinstance(value, (_pycomplex, np.complexfloating)) or not lo <= value <= info.max:
            raise RuntimeError(f"value cannot be converted to type {dt._name}_t without "
                               "overflow")
        if dt._unsigned and value < 0:
            value = int(value) % (info.max + 1)
    elif dt._cat == D._FLOAT and isinstance(value, _pycomplex):
        raise RuntimeError(f"value cannot be converted to type {D.c_name(dt)} without "
                           "overflow")
    return value




def full(size, fill_value, *, out=None, dtype=None, layout=None, device=None,
         requires_grad=False, pin_memory=False):
    """A tensor of ``size`` filled with ``fill_value``; dtype inferred from it (bool, int64,
    the default float, the default complex) unless given."""
    if not isinstance(size, (tuple, list)):
        raise TypeError(f"full(): argument 'size' (position 1) must be tuple of ints, not "
                        f"{_tname(size)}")
    value = _fill_scalar(fill_value, "full")
    dt = D.scalar_dtype(value) if dtype is None else _dt(dtype, "full")
    value = _check_fill(value, dt)
    shape = _size_args((size,), "full")
    return _write(_factory(value, shape, dt, device, requires_grad), out, "full")


def scalar_tensor(s, *, dtype=None, layout=None, device=None, requires_grad=False,
                  pin_memory=False):
    """A 0-d tensor of ``s`` in the default dtype (even for ints and bools)."""
    return full((), _fill_scalar(s, "scalar_tensor"), dtype=_dt(dtype, "scalar_tensor"),
                device=device, requires_grad=requires_grad)


def _like(input, dtype, device, fname):
    if not isinstance(input, Tensor):
        raise TypeError(f"{fname}(): argument 'input' (position 1) must be Tensor, not "
                        f"{type(input).__name__}")
    _check_dtype(dtype, fname)
    return (input._array.shape, input._dtype if dtype is None else dtype,
            input._device if device is None else device)


def zeros_like(input, *, dtype=None, layout=None, device=None, requires_grad=False,
               memory_format=None):
    """Zeros with the shape (and, by default, dtype and device) of ``input``."""
    shape, dt, dev = _like(input, dtype, device, "zeros_like")
    return _factory(0, shape, dt, dev, requires_grad)


def ones_like(input, *, dtype=None, layout=None, device=None, requires_grad=False,
              memory_format=None):
    """Ones with the shape (and, by default, dtype and device) of ``input``."""
    shape, dt, dev = _like(input, dtype, device, "ones_like")
    return _factory(1, shape, dt, dev, requires_grad)


def empty_like(input, *, dtype=None, layout=None, device=None, requires_grad=False,
               memory_format=None):
    """An "uninitialised" (zero-filled) tensor like ``input``."""
    shape, dt, dev = _like(input, dtype, device, "empty_like")
    return _factory(0, shape, dt, dev, requires_grad)


def full_like(input, fill_value, *, dtype=None, layout=None, device=None, requires_grad=False,
              memory_format=None):
    """``fill_value`` with the shape, dtype and device of ``input`` (the value is cast)."""
    shape, dt, dev = _like(input, dtype, device, "full_like")
    value = _check_fill(_fill_scalar(fill_value, "full_like"), dt)
    return _factory(value, shape, dt, dev, requires_grad)


# ---------------------------------------------------------------- ranges
def _number(v, fname, argname):
    if isinstance(v, Tensor):
        return v.item()
    if isinstance(v, np.generic):
        return v.item()
    if not isinstance(v, numbers.Number):
        raise TypeError(f"{fname}(): argument '{argname}' must be Number, not "
                        f"{type(v).__name__}")
    return v


def _is_integral(v):
    return isinstance(v, numbers.Integral)  # bools included, like torch


def arange(start, end=None, step=1, *, out=None, dtype=None, layout=None, device=None,
           requires_grad=False):
    """Values from ``start`` to ``end`` (exclusive) by ``step``.

    dtype: int64 when all of start/end/step are integers, else the default float dtype.
    The length is ``ceil((end - start) / step)``; values are ``start + i * step`` computed
    in float64 (int64 for integer dtypes) and cast, like torch's accumulation.

    >>> arange(1, 2.5, 0.5)
    tensor([1.0000, 1.5000, 2.0000])
    """
    if end is None:
        start, end = 0, start
    start, end, step = (_number(v, "arange", n) for v, n in
                        ((start, "start"), (end, "end"), (step, "step")))
    if dtype is None:
        dtype = D.int64 if all(_is_integral(v) for v in (start, end, step)) \
            else D.get_default_dtype()
    _check_dtype(dtype, "arange")
    if dtype is D.bool or dtype._cat == D._COMPLEX:
        raise NotImplementedError(f"\"arange_cpu\" not implemented for "
                                  f"'{D._SHORT[dtype._name]}'")
    for v in (start, end):
        if not math.isfinite(v):
            raise RuntimeError(f"unsupported range: {_fmt(start)} -> {_fmt(end)}")
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if dtype._cat == D._INT:
        # integer dtypes work on the truncated bounds and step
        s, e, st = int(start), int(end), int(step)
        if st == 0:
            raise ValueError("step must be nonzero")
        if dtype is D.int64:
            sgn = 1 if st > 0 else -1
            q = e - s + st - sgn
            n = abs(q) // abs(st) * (1 if (q >= 0) == (st > 0) else -1)
        else:
            n = math.ceil((end - start) / step)
        _check_bounds(s, e, st)
        arr = (s + st * np.arange(max(n, 0), dtype=np.int64)).astype(D.to_np(dtype))
    else:
        _check_bounds(start, end, step)
        n = max(0, math.ceil((end - start) / step))
        with np.errstate(over="ignore"):
            arr = (start + step * np.arange(n, dtype=np.float64)).astype(D.to_np(dtype))
    return _write(_finish(arr, dtype, device, requires_grad), out, "arange")


def _fmt(v):
    return str(int(v)) if isinstance(v, numbers.Integral) or (
        math.isfinite(v) and v == int(v)) else str(v)


def _check_bounds(start, end, step):
    if (end - start) * step < 0:
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")


def range(start, end, step=1, *, out=None, dtype=None, layout=None, device=None,  # noqa: A001
          requires_grad=False):
    """Deprecated: values from ``start`` to ``end`` INCLUSIVE; default float dtype."""
    warnings.warn("torch.range is deprecated and will be removed in a future release because "
                  "its behavior is inconsistent with Python's range builtin. Instead, use "
                  "torch.arange, which produces values in [start, end).", UserWarning,
                  stacklevel=2)
    start, end, step = (_number(v, "range", n) for v, n in
                        ((start, "start"), (end, "end"), (step, "step")))
    if step == 0:
        raise RuntimeError("step must be nonzero")
    _check_bounds(start, end, step)
    dtype = _dt(dtype, "range")
    n = int(math.floor((end - start) / step)) + 1
    arr = (start + step * np.arange(n, dtype=np.float64)).astype(D.to_np(dtype))
    return _write(_finish(arr, dtype, device, requires_grad), out, "range")


def _steps(steps, fname):
    if not isinstance(steps, (int, np.integer)) or isinstance(steps, bool):
        raise TypeError(f"{fname}(): argument 'steps' (position 3) must be int, not "
                        f"{type(steps).__name__}")
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    return int(steps)


def _linspace_array(start, end, steps, dtype):
    """torch's linspace: the first half counts up from ``start``, the second half down
    from ``end`` (both endpoints exact), in the dtype's own precision for floats."""
    if dtype._cat >= D._FLOAT:
        work = np.float32 if dtype._name in ("float16", "bfloat16") else D.to_np(dtype)
    else:
        work = np.float64
    if steps == 0:
        return np.empty(0, work)
    if steps == 1:
        return np.full(1, start, work)
    a, b = np.asarray(start, work), np.asarray(end, work)
    step = (b - a) / np.asarray(steps - 1, work)
    i = np.arange(steps).astype(work)
    half = steps // 2
    return np.where(np.arange(steps) < half, a + step * i, b - step * (steps - 1 - i))


def linspace(start, end, steps, *, out=None, dtype=None, layout=None, device=None,
             requires_grad=False):
    """``steps`` evenly spaced values from ``start`` to ``end`` inclusive.

    >>> linspace(0, 1, 5)
    tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
    """
    start, end = _number(start, "linspace", "start"), _number(end, "linspace", "end")
    steps = _steps(steps, "linspace")
    if dtype is None:
        is_c = isinstance(start, _pycomplex) or isinstance(end, _pycomplex)
        dtype = D.default_complex() if is_c else D.get_default_dtype()
    _check_dtype(dtype, "linspace")
    if dtype is D.bool:
        raise NotImplementedError("\"linspace_cpu\" not implemented for 'Bool'")
    arr = _linspace_array(start, end, steps, dtype)
    if dtype._cat == D._INT:
        arr = np.trunc(arr)
    return _write(_finish(arr.astype(D.to_np(dtype)), dtype, device, requires_grad), out,
                  "linspace")


def logspace(start, end, steps, base=10.0, *, out=None, dtype=None, layout=None, device=None,
             requires_grad=False):
    """``base ** linspace(start, end, steps)``."""
    start, end = _number(start, "logspace", "start"), _number(end, "logspace", "end")
    steps = _steps(steps, "logspace")
    dtype = _dt(dtype, "logspace")
    if dtype is D.bool:
        raise NotImplementedError("\"logspace_cpu\" not implemented for 'Bool'")
    lin = _linspace_array(start, end, steps, D.float64)
    with np.errstate(over="ignore"):
        arr = np.power(float(base), lin)
    if dtype._cat == D._INT:
        arr = np.trunc(arr)
    return _write(_finish(arr.astype(D.to_np(dtype)), dtype, device, requires_grad), out,
                  "logspace")


def eye(n, m=None, *, out=None, dtype=None, layout=None, device=None, requires_grad=False,
        pin_memory=False):
    """The ``n`` x ``m`` identity matrix (``m`` defaults to ``n``)."""
    for pos, name, v in ((1, "n", n), (2, "m", m)):
        if v is not None and (not isinstance(v, (int, np.integer)) or isinstance(v, bool)):
            raise TypeError(f"eye(): argument '{name}' (position {pos}) must be int, not "
                            f"{type(v).__name__}")
    if m is None:
        m = n
    if n < 0:
        raise RuntimeError(f"n must be greater or equal to 0, got {n}")
    if m < 0:
        raise RuntimeError(f"m must be greater or equal to 0, got {m}")
    dtype = _dt(dtype, "eye")
    arr = np.eye(n, m, dtype=D.to_np(dtype))
    return _write(_finish(arr, dtype, device, requires_grad), out, "eye")


def _tri_indices(fn, fname, row, col, offset, dtype, device):
    dtype = D.int64 if dtype is None else dtype
    if dtype not in (D.int64, D.int32):
        raise NotImplementedError(f"\"{fname}\" not implemented for "
                                  f"'{D._SHORT[dtype._name]}'")
    if row < 0:
        raise RuntimeError(f"row must be non-negative, got{row}")
    if col < 0:
        raise RuntimeError(f"col must be non-negative, got{col}")
    r, c = fn(row, offset, col)
    return _finish(np.stack([r, c]).astype(dtype._np), dtype, device, False)


def tril_indices(row, col, offset=0, *, dtype=None, device=None, layout=None):
    """Row and column indices (a 2 x N tensor) of the lower triangle of a row x col matrix."""
    return _tri_indices(np.tril_indices, "tril_indices", row, col, offset, dtype, device)


def triu_indices(row, col, offset=0, *, dtype=None, device=None, layout=None):
    """Row and column indices (a 2 x N tensor) of the upper triangle of a row x col matrix."""
    return _tri_indices(np.triu_indices, "triu_indices", row, col, offset, dtype, device)


def complex(real, imag, *, out=None):  # noqa: A001
    """A complex tensor from float tensors of real and imaginary parts (not differentiable
    in numtorch)."""
    for t in (real, imag):
        if not isinstance(t, Tensor) or t._dtype not in (D.float16, D.float32, D.float64):
            raise RuntimeError(f"Expected both inputs to be Half, Float or Double tensors but "
                               f"got {D._SHORT[real._dtype._name]} and "
                               f"{D._SHORT[imag._dtype._name]}")
    if real._dtype is not imag._dtype:
        raise RuntimeError(f"Expected object of scalar type {D._SHORT[real._dtype._name]} but "
                           f"got scalar type {D._SHORT[imag._dtype._name]} for second argument")
    dt = D.complex128 if real._dtype is D.float64 else D.complex64
    arr = np.empty(np.broadcast_shapes(real._array.shape, imag._array.shape), dt._np)
    arr.real, arr.imag = real._array, imag._array
    return _write(_make(arr, dt), out, "complex")


def polar(abs, angle, *, out=None):  # noqa: A002
    """``abs * (cos(angle) + i sin(angle))``."""
    from ._ops import elementwise as E

    c, s = getattr(angle, "cos", None), getattr(angle, "sin", None)
    if c is None or not hasattr(E, "cos"):
        cos_a, sin_a = np.cos(angle._array), np.sin(angle._array)
    else:
        cos_a, sin_a = c()._array, s()._array
    return complex(_make(abs._array * cos_a, abs._dtype), _make(abs._array * sin_a, abs._dtype),
                   out=out)


# ---------------------------------------------------------------- new_* methods
def new_tensor(self, data, *, dtype=None, device=None, requires_grad=False, layout=None,
               pin_memory=False):
    """A new tensor from ``data`` with this tensor's dtype and device unless given."""
    if isinstance(data, Tensor):
        warnings.warn(
            "To copy construct from a tensor, it is recommended to use "
            "sourceTensor.detach().clone() or sourceTensor.detach().clone().requires_grad_(True), "
            "rather than tensor.new_tensor(sourceTensor).", UserWarning, stacklevel=3)
        return _copy_tensor(data, dtype or self._dtype, device or self._device, requires_grad)
    return tensor(data, dtype=dtype or self._dtype, device=device or self._device,
                  requires_grad=requires_grad)


def _new(self, fill, size, kw, fname, dtype, device, requires_grad):
    shape = _varargs_size(size, kw.pop("size", None), fname)
    for k in ("layout", "pin_memory", "memory_format"):
        kw.pop(k, None)
    _no_kwargs(kw, fname)
    dt = self._dtype if dtype is None else _dt(dtype, fname)
    return _factory(fill, shape, dt, self._device if device is None else device, requires_grad)


def new_zeros(self, *size, dtype=None, device=None, requires_grad=False, **kw):
    """Zeros of ``size`` with this tensor's dtype and device (unless given)."""
    return _new(self, 0, size, kw, "new_zeros", dtype, device, requires_grad)


def new_ones(self, *size, dtype=None, device=None, requires_grad=False, **kw):
    """Ones of ``size`` with this tensor's dtype and device: ``x.new_ones(5, 3)``."""
    return _new(self, 1, size, kw, "new_ones", dtype, device, requires_grad)


def new_empty(self, *size, dtype=None, device=None, requires_grad=False, **kw):
    """An empty (zero-filled) tensor of ``size`` with this tensor's dtype and device."""
    return _new(self, 0, size, kw, "new_empty", dtype, device, requires_grad)


def new_full(self, size, fill_value, *, dtype=None, device=None, requires_grad=False, **kw):
    """``fill_value`` of ``size`` with this tensor's dtype and device (unless given)."""
    return full(size, fill_value, dtype=self._dtype if dtype is None else dtype,
                device=self._device if device is None else device, requires_grad=requires_grad)


# ---------------------------------------------------------------- legacy constructors
def _legacy_new(dt, args, device, strict=False):
    """``Tensor()``, ``Tensor(2, 3)``, ``Tensor([[1, 2]])``, ``Tensor(ndarray)``, ``Tensor(t)``.

    Integers are a size (uninitialised, here zero-filled); anything else is data."""
    if not args:
        return _finish(np.empty((0,), D.to_np(dt)), dt, device, False)
    if len(args) == 1 and not isinstance(args[0], (int, np.integer)):
        data = args[0]
        if isinstance(data, Tensor):
            if data._dtype is not dt and strict:  # torch.Tensor(t) takes any dtype
                raise TypeError(f"expected {_legacy_name(dt)} (got "
                                f"{_legacy_name(data._dtype)})")
            return data.detach()
        if isinstance(data, Size):
            return _factory(0, tuple(data), dt, device, False)
        if isinstance(data, np.ndarray):
            return tensor(data, dtype=dt, device=device)
        if not _is_seq(data):
            raise TypeError(f"new(): data must be a sequence (got {type(data).__name__})")
        arr, _ = _python_to_array(data, dt)
        return _finish(arr, dt, device, False)
    for a in args:
        if not isinstance(a, (int, np.integer)) or isinstance(a, bool):
            if all(_is_seq(x) for x in args):
                raise TypeError(f"new() received an invalid combination of arguments - got "
                                f"({', '.join(type(x).__name__ for x in args)})")
            raise TypeError(f"new(): argument 'size' failed to unpack the object at pos "
                            f"{args.index(a) + 1} with error \"type must be tuple of ints,but "
                            f"got {type(a).__name__}\"")
    return _factory(0, _size_args(args, "Tensor"), dt, device, False)


def _legacy_name(dt):
    from ._tensor import _TYPE_NAMES

    return "torch." + _TYPE_NAMES[dt]


class _LegacyMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor) and obj._dtype is cls._legacy_dtype

    def __repr__(cls):
        return f"<class 'torch.{cls.__name__}'>"


def _legacy_type(name, dt):
    def __new__(cls, *args, device=None):
        return _legacy_new(dt, args, device, strict=True)

    return _LegacyMeta(name, (), {"__new__": __new__, "_legacy_dtype": dt, "dtype": dt,
                                  "__module__": "torch"})


FloatTensor = _legacy_type("FloatTensor", D.float32)
DoubleTensor = _legacy_type("DoubleTensor", D.float64)
HalfTensor = _legacy_type("HalfTensor", D.float16)
BFloat16Tensor = _legacy_type("BFloat16Tensor", D.bfloat16)
LongTensor = _legacy_type("LongTensor", D.int64)
IntTensor = _legacy_type("IntTensor", D.int32)
ShortTensor = _legacy_type("ShortTensor", D.int16)
CharTensor = _legacy_type("CharTensor", D.int8)
ByteTensor = _legacy_type("ByteTensor", D.uint8)
BoolTensor = _legacy_type("BoolTensor", D.bool)

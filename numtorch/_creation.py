"""Tensor creation: tensor/as_tensor/from_numpy, zeros/ones/full/empty/arange/linspace/eye,
``*_like``, ``new_*`` and the legacy constructors (``Tensor(2, 3)``, ``FloatTensor([..])``).
"""

import numbers

import numpy as np

from . import _dtype as D
from ._backend import CPU, as_device, to_device, xp_for
from ._tensor import Size, Tensor, _make

__all__ = ["tensor", "as_tensor", "asarray", "from_numpy", "zeros", "ones", "full", "empty",
           "zeros_like", "ones_like", "full_like", "empty_like", "arange", "linspace",
           "logspace", "eye", "scalar_tensor", "empty_strided", "tril_indices", "triu_indices",
           "complex", "polar", "frombuffer"]


def _finish(array, dt, device, requires_grad):
    dev = as_device(device)
    if dev is not CPU:
        array = to_device(array, dev)
    t = _make(array, dt)
    if dev is not CPU:
        t._device = dev
    if requires_grad:
        t.requires_grad_(True)
    return t


def _infer_dtype(data):
    """torch.tensor's dtype inference: bool < int64 < default float < complex; NumPy
    values and tensors keep their own dtype."""
    if isinstance(data, Tensor):
        return data._dtype
    if isinstance(data, np.ndarray):
        return D.from_numpy_dtype(data.dtype)
    if isinstance(data, (bool, np.bool_)):
        return D.bool
    if isinstance(data, np.generic):
        return D.from_numpy_dtype(data.dtype)
    if isinstance(data, numbers.Integral):
        return D.int64
    if isinstance(data, numbers.Real):
        return D.get_default_dtype()
    if isinstance(data, numbers.Complex):
        return D.default_complex()
    if isinstance(data, (list, tuple)):
        result = None
        for x in data:
            d = _infer_dtype(x)
            result = d if result is None else D.promote_types(result, d)
        return D.get_default_dtype() if result is None else result
    raise TypeError(f"Could not infer dtype of {type(data).__name__}")


def _flat(data):
    for x in data:
        if isinstance(x, (list, tuple)):
            yield from _flat(x)
        else:
            yield x


def _to_array(data, dt):
    if isinstance(data, Tensor):
        return data._array.astype(D.to_np(dt), copy=True) if data._device is CPU \
            else to_device(data._array, CPU).astype(D.to_np(dt))
    if isinstance(data, (list, tuple)) and any(isinstance(x, Tensor) for x in _flat(data)):
        data = _nested_arrays(data)
    try:
        arr = np.array(data, dtype=D.to_np(dt))
    except ValueError as e:
        raise ValueError(f"expected sequence of equal-length lists: {e}") from None
    except OverflowError:
        arr = np.array(data).astype(D.to_np(dt))
    if arr.dtype == object:
        raise TypeError("tensor(): could not convert data to a numeric tensor")
    return arr


def _nested_arrays(data):
    if isinstance(data, Tensor):
        if data._array.size != 1 and data._array.ndim != 0:
            pass
        return data._array.tolist() if data._device is CPU else data.tolist()
    if isinstance(data, (list, tuple)):
        return [_nested_arrays(x) for x in data]
    return data


def tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False):
    """A new tensor copying ``data`` (nested lists, numbers, NumPy arrays, tensors).

    >>> tensor([1, 2])
    tensor([1, 2])
    """
    if isinstance(data, Tensor):
        import warnings

        warnings.warn(
            "To copy construct from a tensor, it is recommended to use "
            "sourceTensor.detach().clone() or sourceTensor.detach().clone().requires_grad_(True), "
            "rather than torch.tensor(sourceTensor).",
            UserWarning,
            stacklevel=2,
        )
    dt = dtype if dtype is not None else _infer_dtype(data)
    if not isinstance(dt, D.dtype):
        raise TypeError(f"tensor(): argument 'dtype' must be torch.dtype, not "
                        f"{type(dt).__name__}")
    return _finish(_to_array(data, dt), dt, device, requires_grad)


def as_tensor(data, dtype=None, device=None):
    """Like ``tensor`` but shares memory with a NumPy array or Tensor when it can."""
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
    t = as_tensor(obj, dtype=dtype, device=device)
    if copy:
        t = t.clone()
    if requires_grad:
        t.requires_grad_(True)
    return t


def from_numpy(ndarray):
    """A tensor sharing memory with ``ndarray`` (writes to one show in the other)."""
    if not isinstance(ndarray, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(ndarray).__name__})")
    dt = D.from_numpy_dtype(ndarray.dtype)
    if not ndarray.dtype.isnative:
        raise ValueError("given numpy array has byte order different from the native byte "
                         "order. Conversion between byte orders is currently not supported.")
    return _make(ndarray, dt)


def frombuffer(buffer, *, dtype, count=-1, offset=0, requires_grad=False):
    arr = np.frombuffer(buffer, dtype=D.to_np(dtype), count=count, offset=offset)
    return _finish(arr, dtype, None, requires_grad)


# ---------------------------------------------------------------- factories
def _size_args(size, fname="zeros"):
    if len(size) == 1 and isinstance(size[0], (tuple, list, Size)):
        size = tuple(size[0])
    out = []
    for s in size:
        if isinstance(s, Tensor):
            s = s.__index__()
        if not isinstance(s, (int, np.integer)) or isinstance(s, bool):
            raise TypeError(f"{fname}(): argument 'size' (position 1) must be tuple of ints, but "
                            f"found element of type {type(s).__name__} at pos {len(out)}")
        if s < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: "
                               f"{list(size)}")
        out.append(int(s))
    return tuple(out)


def _dt(dtype):
    if dtype is None:
        return D.get_default_dtype()
    if not isinstance(dtype, D.dtype):
        raise TypeError(f"argument 'dtype' must be torch.dtype, not {type(dtype).__name__}")
    return dtype


def _factory(fill, size, dtype, device, requires_grad, fname, out=None):
    dt = _dt(dtype)
    shape = _size_args(size, fname)
    dev = as_device(device)
    xp = xp_for(dev) if dev is not CPU else np
    if fill == 0:
        arr = xp.zeros(shape, D.to_np(dt))
    elif fill is None:
        arr = xp.empty(shape, D.to_np(dt))
    else:
        arr = xp.full(shape, fill, D.to_np(dt))
    t = _make(arr, dt)
    if dev is not CPU:
        t._device = dev
    if requires_grad:
        t.requires_grad_(True)
    if out is not None:
        from ._ops._util import write_out

        return write_out(t, out, fname)
    return t


def zeros(*size, out=None, dtype=None, layout=None, device=None, requires_grad=False,
          pin_memory=False, memory_format=None):
    return _factory(0, size, dtype, device, requires_grad, "zeros", out)


def ones(*size, out=None, dtype=None, layout=None, device=None, requires_grad=False,
         pin_memory=False, memory_format=None):
    return _factory(1, size, dtype, device, requires_grad, "ones", out)


def empty(*size, out=None, dtype=None, layout=None, device=None, requires_grad=False,
          pin_memory=False, memory_format=None):
    # numtorch's empty is zero-filled: uninitialised memory buys nothing in NumPy
    return _factory(0, size, dtype, device, requires_grad, "empty", out)


def empty_strided(size, stride, *, dtype=None, device=None, requires_grad=False, **kw):
    return empty(size, dtype=dtype, device=device, requires_grad=requires_grad)


def full(size, fill_value, *, out=None, dtype=None, layout=None, device=None,
         requires_grad=False, pin_memory=False):
    if dtype is None:
        dtype = D.scalar_dtype(fill_value)
    if isinstance(fill_value, Tensor):
        fill_value = fill_value.item()
    return _factory(fill_value, (size,) if not isinstance(size, (tuple, list, Size)) else
                    (tuple(size),), dtype, device, requires_grad, "full", out)


def scalar_tensor(s, *, dtype=None, device=None, requires_grad=False):
    return full((), s, dtype=dtype or D.get_default_dtype(), device=device,
                requires_grad=requires_grad)


def _like(input, dtype, device):
    return (input._dtype if dtype is None else dtype,
            input._device if device is None else device)


def zeros_like(input, *, dtype=None, layout=None, device=None, requires_grad=False,
               memory_format=None):
    dt, dev = _like(input, dtype, device)
    return zeros(input._array.shape, dtype=dt, device=dev, requires_grad=requires_grad)


def ones_like(input, *, dtype=None, layout=None, device=None, requires_grad=False,
              memory_format=None):
    dt, dev = _like(input, dtype, device)
    return ones(input._array.shape, dtype=dt, device=dev, requires_grad=requires_grad)


def empty_like(input, *, dtype=None, layout=None, device=None, requires_grad=False,
               memory_format=None):
    dt, dev = _like(input, dtype, device)
    return empty(input._array.shape, dtype=dt, device=dev, requires_grad=requires_grad)


def full_like(input, fill_value, *, dtype=None, layout=None, device=None, requires_grad=False,
              memory_format=None):
    dt, dev = _like(input, dtype, device)
    return full(input._array.shape, fill_value, dtype=dt, device=dev,
                requires_grad=requires_grad)


def arange(start, end=None, step=1, *, out=None, dtype=None, layout=None, device=None,
           requires_grad=False):
    """Values from ``start`` to ``end`` (exclusive) by ``step``; int64 for integer args."""
    if end is None:
        start, end = 0, start
    vals = [v.item() if isinstance(v, Tensor) else v for v in (start, end, step)]
    start, end, step = vals
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if (end - start) * step < 0:
        raise RuntimeError(f"upper bound and larger bound inconsistent with step sign")
    if dtype is None:
        dtype = D.int64 if all(isinstance(v, (int, np.integer)) and not isinstance(v, bool)
                               for v in vals) else D.get_default_dtype()
    import math

    n = max(0, math.ceil((end - start) / step))
    # computed in float64 (or int64) and cast, like torch's double accumulation
    if dtype._cat == D._INT:
        arr = (start + step * np.arange(n, dtype=np.int64)).astype(D.to_np(dtype))
    else:
        arr = (start + step * np.arange(n, dtype=np.float64)).astype(D.to_np(dtype))
    t = _finish(arr, dtype, device, requires_grad)
    if out is not None:
        from ._ops._util import write_out

        return write_out(t, out, "arange")
    return t


def range(start=0, end=None, step=1, *, dtype=None, device=None, requires_grad=False):  # noqa: A001
    import warnings

    warnings.warn("torch.range is deprecated and will be removed in a future release because "
                  "its behavior is inconsistent with Python's range builtin. Instead, use "
                  "torch.arange, which produces values in [start, end).", UserWarning,
                  stacklevel=2)
    if end is None:
        start, end = 0, start
    n = int((end - start) // step) + 1
    dtype = dtype or D.get_default_dtype()
    arr = (start + step * np.arange(n, dtype=np.float64)).astype(D.to_np(dtype))
    return _finish(arr, dtype, device, requires_grad)


def linspace(start, end, steps, *, out=None, dtype=None, layout=None, device=None,
             requires_grad=False):
    if not isinstance(steps, (int, np.integer)) or isinstance(steps, bool):
        raise TypeError(f"linspace(): argument 'steps' must be int, not {type(steps).__name__}")
    if steps < 0:
        raise RuntimeError("linspace(): number of steps must be non-negative")
    dtype = _dt(dtype)
    start = start.item() if isinstance(start, Tensor) else start
    end = end.item() if isinstance(end, Tensor) else end
    # torch fills the two halves from each end, which keeps both endpoints exact
    if steps == 1:
        arr = np.array([start], dtype=np.float64)
    else:
        step = (end - start) / (steps - 1)
        i = np.arange(steps, dtype=np.float64)
        half = steps // 2
        arr = np.where(i < half, start + step * i, end - step * (steps - 1 - i))
    if dtype._cat == D._INT:
        arr = np.trunc(arr)
    return _finish(arr.astype(D.to_np(dtype)), dtype, device, requires_grad)


def logspace(start, end, steps, base=10.0, *, dtype=None, device=None, requires_grad=False):
    dtype = _dt(dtype)
    lin = linspace(start, end, steps, dtype=D.float64)._array
    return _finish(np.power(base, lin).astype(D.to_np(dtype)), dtype, device, requires_grad)


def eye(n, m=None, *, out=None, dtype=None, layout=None, device=None, requires_grad=False):
    if m is None:
        m = n
    if n < 0 or m < 0:
        raise RuntimeError(f"n must be greater or equal to 0, got {min(n, m)}")
    dtype = _dt(dtype)
    return _finish(np.eye(n, m, dtype=D.to_np(dtype)), dtype, device, requires_grad)


def tril_indices(row, col, offset=0, *, dtype=None, device=None):
    r, c = np.tril_indices(row, offset, col)
    return _finish(np.stack([r, c]).astype(D.to_np(dtype or D.int64)), dtype or D.int64,
                   device, False)


def triu_indices(row, col, offset=0, *, dtype=None, device=None):
    r, c = np.triu_indices(row, offset, col)
    return _finish(np.stack([r, c]).astype(D.to_np(dtype or D.int64)), dtype or D.int64,
                   device, False)


def complex(real, imag):  # noqa: A001
    return _make(real._array + 1j * imag._array, D.complex64 if real._dtype is D.float32
                 else D.complex128)


def polar(abs, angle):  # noqa: A002
    return complex(abs * angle.cos(), abs * angle.sin())


# ---------------------------------------------------------------- new_* methods
def new_tensor(self, data, *, dtype=None, device=None, requires_grad=False):
    return tensor(data, dtype=dtype or self._dtype, device=device or self._device,
                  requires_grad=requires_grad)


def new_zeros(self, *size, dtype=None, device=None, requires_grad=False, **kw):
    return zeros(*size, dtype=dtype or self._dtype, device=device or self._device,
                 requires_grad=requires_grad)


def new_ones(self, *size, dtype=None, device=None, requires_grad=False, **kw):
    return ones(*size, dtype=dtype or self._dtype, device=device or self._device,
                requires_grad=requires_grad)


def new_empty(self, *size, dtype=None, device=None, requires_grad=False, **kw):
    return empty(*size, dtype=dtype or self._dtype, device=device or self._device,
                 requires_grad=requires_grad)


def new_full(self, size, fill_value, *, dtype=None, device=None, requires_grad=False, **kw):
    return full(size, fill_value, dtype=dtype or self._dtype, device=device or self._device,
                requires_grad=requires_grad)


# ---------------------------------------------------------------- legacy constructors
def _legacy_new(dt, args, device):
    """``Tensor()``, ``Tensor(2, 3)``, ``Tensor([[1, 2]])``, ``Tensor(ndarray)``, ``Tensor(t)``."""
    if not args:
        return _finish(np.empty((0,), D.to_np(dt)), dt, device, False)
    if len(args) == 1 and not isinstance(args[0], (int, np.integer)):
        data = args[0]
        if isinstance(data, Tensor):
            if data._dtype is not dt:
                raise TypeError(f"expected {_legacy_name(dt)} (got {_legacy_name(data._dtype)})")
            return data.detach()
        if isinstance(data, Size):
            return _factory(0, (tuple(data),), dt, device, False, "Tensor")
        return _finish(_to_array(data, dt), dt, device, False)
    return _factory(0, args, dt, device, False, "Tensor")


def _legacy_name(dt):
    from ._tensor import _TYPE_NAMES

    return "torch." + _TYPE_NAMES[dt]


class _LegacyMeta(type):
    def __instancecheck__(cls, obj):
        return isinstance(obj, Tensor) and obj._dtype is cls._legacy_dtype


def _legacy_type(name, dt):
    def __new__(cls, *args, device=None):
        return _legacy_new(dt, args, device)

    return _LegacyMeta(name, (), {"__new__": __new__, "_legacy_dtype": dt,
                                  "__module__": "torch"})


FloatTensor = _legacy_type("FloatTensor", D.float32)
DoubleTensor = _legacy_type("DoubleTensor", D.float64)
HalfTensor = _legacy_type("HalfTensor", D.float16)
LongTensor = _legacy_type("LongTensor", D.int64)
IntTensor = _legacy_type("IntTensor", D.int32)
ShortTensor = _legacy_type("ShortTensor", D.int16)
CharTensor = _legacy_type("CharTensor", D.int8)
ByteTensor = _legacy_type("ByteTensor", D.uint8)
BoolTensor = _legacy_type("BoolTensor", D.bool)

"""Indexing: ``t[idx]`` (basic, advanced, boolean), ``t[idx] = v``, gather/scatter, where...

An index is first turned into a *plan* ``(basic, adv)``: ``basic`` is a NumPy basic index
(ints, slices, None; it always ends with ``...`` so that it gives an array, never a
scalar) and ``adv`` is None or an advanced index applied to ``arr[basic]``. ``t[idx]`` is
``arr[basic][adv]``: torch applies the ints, slices and Nones first and the tensor indices
to the result, which is also where NumPy's placement rule for the advanced dims gives
torch's answer. Basic indexing returns a view; advanced indexing copies.

Most ops here are one of two Functions over a plan, under torch's node names:
:class:`Index` (``t[idx]``, index_select, take) and :class:`IndexPut` (``t[idx] = v``,
index_put, index_copy, index_fill, put, slice/select/diagonal_scatter). Each one's
backward is the other one, so double backward works.
"""

import operator
import warnings

import numpy as np

from .. import _dtype as D
from .._tensor import _TYPE_NAMES, Tensor, _make, _wrap_dim
from ..autograd.function import Function, apply_inplace, check_inplace, once_differentiable
from ..autograd.grad_mode import _state
from ._util import check_tensor, write_out
from .shape import _viewed

__all__ = [
    "index_select", "gather", "scatter", "scatter_add", "scatter_reduce", "masked_fill",
    "masked_select", "masked_scatter", "take", "take_along_dim", "put", "index_add",
    "index_fill", "index_copy", "index_put", "index_put_", "index_reduce", "nonzero",
    "nonzero_static", "argwhere", "where", "select_scatter", "slice_scatter",
    "diagonal_scatter",
]

_ALL = slice(None)
_INT_INDEX = (D.int32, D.int64)
_ZERO_DIM = ("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
             "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
# C++ type names torch prints in conversion errors and in masked_fill's mask error
_CTYPE = {"float16": "c10::Half", "float32": "float", "float64": "double", "int8": "int8_t",
          "int16": "int16_t", "int32": "int", "int64": "int64_t", "uint8": "uint8_t",
          "bool": "bool", "complex64": "c10::complex<float>",
          "complex128": "c10::complex<double>"}
_SCALAR_NAME = {"uint8": "unsigned char", "int8": "signed char", "int16": "short int",
                "int32": "int", "int64": "long int", "float16": "c10::Half",
                "float32": "float", "float64": "double", "complex64": "c10::complex<float>",
                "complex128": "c10::complex<double>", "bool": "bool"}


# ---------------------------------------------------------------- helpers
def _lst(shape):
    return "[" + ", ".join(str(s) for s in shape) + "]"


_short = D.short_name


def _variants(cls, *names):
    """The same op recorded under other torch node names (``SliceBackward0``, ...)."""
    out = {cls._grad_name: cls}
    for n in names:
        out[n] = type(cls.__name__ + "_" + n, (cls,), {"_raw": True, "_grad_name": n})
    return out


def _zeros(shape, like):
    return _make(np.zeros(shape, like._array.dtype), like._dtype)


def _out(res, out, fname, msg="Expected out tensor to have dtype {r}, but got {o} instead"):
    """``write_out`` after torch's exact-dtype check for ``out=`` (these ops do not cast)."""
    if isinstance(out, Tensor) and out._dtype is not res._dtype:
        r, o = res._dtype, out._dtype
        raise RuntimeError(msg.format(r=_SCALAR_NAME[r._name], o=_SCALAR_NAME[o._name],
                                      R=_short(r), O=_short(o)))
    return write_out(res, out, fname)


def _record(t, others):
    """``check_inplace``, plus torch's error for a view of a leaf that requires grad when the
    view itself is in the graph (``x[0][1] = v``), which ``check_inplace`` lets through."""
    if _state.enabled and t._rg and t._grad_fn is not None:
        base = t._base
        if base is not None and base._rg and base._grad_fn is None:
            raise RuntimeError("a view of a leaf Variable that requires grad is being used in an "
                               "in-place operation.")
    return check_inplace(t, others)


def _index_array(index, fname, dtypes, exc, msg, argname="index", pos=3):
    """``index``'s array after torch's type checks (``gather(): Expected dtype ...``)."""
    check_tensor(index, fname, argname, pos)
    if index._dtype not in dtypes:
        raise exc(msg.format(dt=_short(index._dtype)))
    return index._array


def _first_bad(idx, n, allow_negative):
    """The first entry of ``idx`` outside [0, n) ([-n, n) with ``allow_negative``), or None."""
    if idx.size == 0:
        return None
    lo = -n if allow_negative else 0
    if idx.min() >= lo and idx.max() < n:
        return None
    return int(idx[(idx < lo) | (idx >= n)].flat[0])


def _overflow(dt):
    return RuntimeError(f"value cannot be converted to type {_CTYPE[dt._name]} without overflow")


def _scalar_value(value, dt):
    """A Python number as a NumPy scalar of ``dt``, checked like torch: ``x[0] = 300`` into
    int8 raises, a float into an integer tensor truncates, 1j into a real tensor raises."""
    if isinstance(value, (bool, np.bool_)):
        return dt._np.type(value)
    if not isinstance(value, (int, float, complex, np.number)):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        raise ValueError("Overflow when unpacking long long")
    if dt is D.bool:
        return np.bool_(value != 0)
    if isinstance(value, (complex, np.complexfloating)) and dt._cat != D._COMPLEX:
        if value.imag != 0:
            raise _overflow(D.float64 if dt is D.float16 else dt)
        value = value.real
    if dt._cat == D._INT:
        if isinstance(value, (float, np.floating)):
            if not np.isfinite(value):
                raise _overflow(dt)
            value = int(value)
        info = np.iinfo(dt._np)
        if not (-info.max if dt._unsigned else info.min) <= value <= info.max:
            raise _overflow(dt)
        return dt._np.type(value & info.max if dt._unsigned else value)
    if dt is D.float32 and np.isfinite(value) and abs(value) > 3.4028234663852886e38:
        raise _overflow(dt)
    with np.errstate(over="ignore"):  # float16: out of range becomes inf, as in torch
        return dt._np.type(value)


def _broadcast(*shapes):
    """Broadcast shape, or torch's RuntimeError naming the first mismatching dim."""
    try:
        return np.broadcast_shapes(*shapes)
    except ValueError:
        pass
    a = shapes[0]
    for b in shapes[1:]:
        n = max(len(a), len(b))
        pa, pb = (1,) * (n - len(a)) + tuple(a), (1,) * (n - len(b)) + tuple(b)
        for i in range(n - 1, -1, -1):
            if pa[i] != pb[i] and pa[i] != 1 and pb[i] != 1:
                raise RuntimeError(f"The size of tensor a ({pa[i]}) must match the size of tensor "
                                   f"b ({pb[i]}) at non-singleton dimension {i}")
        a = np.broadcast_shapes(a, b)
    raise RuntimeError("shapes cannot be broadcast")


# ---------------------------------------------------------------- index parsing
_NONE, _ELL, _INT, _SLICE, _BOOL, _ARR, _MASK = range(7)


def _seq_as_tuple(seq):
    """torch's (deprecated) rule: ``x[[0, slice(None)]]`` means ``x[0, :]``."""
    if len(seq) >= 32:
        return False
    return any(o is None or o is Ellipsis or isinstance(o, (Tensor, list, tuple, slice,
                                                            np.ndarray)) for o in seq)


def _norm_slice(s):
    try:
        start = None if s.start is None else operator.index(s.start)
        stop = None if s.stop is None else operator.index(s.stop)
        step = None if s.step is None else operator.index(s.step)
    except TypeError:
        raise TypeError("slice indices must be integers or None or have an __index__ "
                        "method") from None
    if step is not None and step <= 0:
        if step == 0:
            raise ValueError("slice step cannot be zero")
        raise ValueError("step must be greater than zero")
    return slice(start, stop, step)


def _array_item(a):
    """An ndarray index (from a Tensor, NumPy or a list) as (kind, value)."""
    k = a.dtype.kind
    if k == "b":
        return (_BOOL, bool(a)) if a.ndim == 0 else (_MASK, a)
    if k in "iu":
        return (_INT, int(a)) if a.ndim == 0 else (_ARR, a)
    if k == "f":  # lists and NumPy arrays of floats are truncated, as torch does
        return (_INT, int(a)) if a.ndim == 0 else (_ARR, a.astype(np.int64))
    raise IndexError("tensors used as indices must be long, int, byte or bool tensors")


def _classify(o):
    tp = type(o)
    if tp is int:
        return _INT, o
    if tp is slice:
        return _SLICE, _norm_slice(o)
    if o is None:
        return _NONE, None
    if o is Ellipsis:
        return _ELL, None
    if tp is bool:
        return _BOOL, o
    if isinstance(o, Tensor):
        dt = o._dtype
        if dt is D.uint8:
            warnings.warn("indexing with dtype torch.uint8 is now deprecated, please use a dtype "
                          "torch.bool instead.", UserWarning, stacklevel=4)
            return _array_item(o._array.astype(bool))
        if dt is not D.bool and dt not in _INT_INDEX:
            raise IndexError("tensors used as indices must be long, int, byte or bool tensors")
        return _array_item(o._array)
    if isinstance(o, np.ndarray):
        return _array_item(o)
    if isinstance(o, np.integer):
        return _INT, int(o)
    if isinstance(o, (list, tuple)):
        a = np.asarray([int(x) if isinstance(x, Tensor) and x._array.ndim == 0 else x
                        for x in o])
        return _array_item(a if a.size else a.astype(np.int64))
    if isinstance(o, str):
        raise TypeError("new(): invalid data type 'str'")
    name = tp.__name__ if tp.__module__ == "builtins" else f"{tp.__module__}.{tp.__name__}"
    raise IndexError("only integers, slices (`:`), ellipsis (`...`), None and long or byte "
                     f"Variables are valid indices (got {name})")


def _parse(t, index, setting=False):
    """``index`` on ``t`` -> (plan, torch's node kind, whether the basic part is a real view).

    The kind names the last view op torch would record for ``t[index]`` (``Select``,
    ``Slice``, ``Unsqueeze``, ``Alias``) or ``Index`` for advanced indexing. Errors are
    torch's (IndexError for out-of-range indices, too many indices, bad mask shapes).
    """
    shape = t._array.shape
    ndim = len(shape)
    tp = type(index)
    if tp is int:  # fast path: t[i]
        if ndim == 0:
            raise IndexError(_ZERO_DIM)
        n = shape[0]
        if not -n <= index < n:
            raise IndexError(f"index {index} is out of bounds for dimension 0 with size {n}")
        return ((index, Ellipsis), None), "Select", True
    single = tp is not tuple
    if not single:
        items = index
    elif tp is list and _seq_as_tuple(index):
        warnings.warn(
            "Using a non-tuple sequence for multidimensional indexing is deprecated and will be "
            "changed in pytorch 2.9; use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this "
            "will be interpreted as tensor index, x[torch.tensor(seq)], which will result either "
            "in an error or a different result", UserWarning, stacklevel=3)
        items, single = tuple(index), False
    else:
        items = (index,)
    parsed = [_classify(o) for o in items]
    used = 0
    for k, v in parsed:
        if k == _INT or k == _SLICE or k == _ARR:
            used += 1
        elif k == _MASK:
            used += v.ndim
    if used > ndim:
        if single and ndim == 0 and parsed[0][0] == _INT and not isinstance(items[0], Tensor):
            raise IndexError(_ZERO_DIM)
        raise IndexError(f"too many indices for tensor of dimension {ndim}")

    basic, adv, arrays, masks = [], [], [], []
    d, kind, real_view, seen_ellipsis = 0, None, False, False
    for pos, (k, v) in enumerate(parsed):
        if k == _INT:
            n = shape[d]
            if not -n <= v < n:
                raise IndexError(f"index {v} is out of bounds for dimension {pos} with size {n}")
            basic.append(v)
            d += 1
            kind, real_view = "Select", True
        elif k == _SLICE:
            basic.append(v)
            adv.append(_ALL)
            if (single and not setting) or not _full(v, shape[d]):
                kind, real_view = "Slice", True
            d += 1
        elif k == _NONE:
            basic.append(None)
            adv.append(_ALL)
            kind, real_view = "Unsqueeze", True
        elif k == _ELL:
            m = 0 if seen_ellipsis else ndim - used
            seen_ellipsis = True
            basic.extend([_ALL] * m)
            adv.extend([_ALL] * m)
            d += m
        elif k == _BOOL:  # a new dim of size 1, indexed by [0] (True) or [] (False)
            basic.append(None)
            arrays.append(len(adv))
            adv.append(np.zeros(int(v), np.intp))
            kind, real_view = "Unsqueeze", True
        elif k == _ARR:
            basic.append(_ALL)
            arrays.append(len(adv))
            adv.append(v)
            d += 1
        else:  # a bool mask over v.ndim dims: its nonzero() positions, filled in below
            masks.append((len(adv), v))
            basic.extend([_ALL] * v.ndim)
            arrays.extend(range(len(adv), len(adv) + v.ndim))
            adv.extend([None] * v.ndim)
            d += v.ndim
    basic.append(Ellipsis)
    basic = tuple(basic)
    if not arrays:
        return (basic, None), kind or "Alias", real_view
    vshape = t._array[basic].shape
    for p, m in masks:  # checked after the basic indexing, against its result, like torch
        for j, (a, b) in enumerate(zip(m.shape, vshape[p:p + m.ndim])):
            if a != b:
                raise IndexError(f"The shape of the mask {_lst(m.shape)} at index {j} does not "
                                 f"match the shape of the indexed tensor {_lst(vshape)} at index "
                                 f"{p + j}")
        adv[p:p + m.ndim] = m.nonzero()
    if len(arrays) > 1:
        shapes = [adv[p].shape for p in arrays]
        try:
            np.broadcast_shapes(*shapes)
        except ValueError:
            raise IndexError("shape mismatch: indexing tensors could not be broadcast together "
                             f"with shapes {', '.join(_lst(s) for s in shapes)}") from None
    if 0 in vshape or any(adv[p].size == 0 for p in arrays):
        # an empty result: torch checks no index against its bounds then
        dummy = [1 if p in arrays else n for p, n in enumerate(vshape)]
        zeroed = tuple(np.zeros(a.shape, np.intp) if a.__class__ is not slice else a
                       for a in adv)
        rshape = np.empty(dummy, bool)[zeroed].shape
        if 0 in rshape:
            return (basic, _Empty(rshape)), "Index", real_view
    for k, p in enumerate(arrays):
        n = vshape[p]
        if n == 0 and adv[p].size:
            raise IndexError("index is out of bounds for dimension with size 0")
        bad = _first_bad(adv[p], n, True)
        if bad is not None:
            raise IndexError(f"index {bad} is out of bounds for dimension {k} with size {n}")
    return (basic, tuple(adv)), "Index", real_view


class _Empty:
    """The advanced part of an index whose result is empty (its indices are never used)."""

    __slots__ = ("shape",)

    def __init__(self, shape):
        self.shape = shape


def _full(s, n):
    """Whether torch skips slice ``s`` of a size-``n`` dim as a no-op (it tests the values
    as written: ``0:``, ``:n``, ``::1``, not ``-n:``)."""
    return (s.start is None or s.start == 0) and (s.step is None or s.step == 1) and (
        s.stop is None or s.stop >= n)


# ---------------------------------------------------------------- reading and writing a plan
def _at(arr, plan):
    """``arr[basic][adv]``; ``adv == ()`` means a copy of ``arr[basic]``."""
    basic, adv = plan
    v = arr[basic]
    if adv is None:
        return v
    if adv.__class__ is _Empty:
        return np.zeros(adv.shape, arr.dtype)
    return v[adv] if adv else v.copy()


def _write(arr, plan, values, accumulate=False):
    """``arr[plan] = values`` (or ``+=``, adding repeated positions) in place."""
    basic, adv = plan
    if adv.__class__ is _Empty:
        return
    v = arr[basic]
    if isinstance(values, Tensor):
        values = values._array
        if values.dtype != arr.dtype:
            with np.errstate(invalid="ignore", over="ignore"):  # torch casts silently
                values = values.astype(arr.dtype)
    try:
        if not adv:
            if accumulate:
                v += values
            else:
                v[...] = values
        elif accumulate:
            np.add.at(v, adv, values)
        else:
            v[adv] = values
    except ValueError:
        raise RuntimeError(_value_shape_error(np.shape(values), _at(arr, plan).shape, adv,
                                              arr.dtype)) from None


def _value_shape_error(vshape, tshape, adv, npdt):
    if adv:
        return (f"shape mismatch: value tensor of shape {_lst(vshape)} cannot be broadcast to "
                f"indexing result of shape {_lst(tshape)}")
    if len(vshape) > len(tshape):
        name = _TYPE_NAMES.get(D.from_numpy_dtype(npdt), "Tensor")
        return (f"expand(torch.{name}{{{_lst(vshape)}}}, size="
                f"{_lst(tshape)}): the number of sizes provided ({len(tshape)}) must be greater "
                f"or equal to the number of dimensions in the tensor ({len(vshape)})")
    pad = (1,) * (len(tshape) - len(vshape)) + tuple(vshape)
    for i in range(len(tshape) - 1, -1, -1):
        if pad[i] != 1 and pad[i] != tshape[i]:
            return (f"The expanded size of the tensor ({tshape[i]}) must match the existing size "
                    f"({pad[i]}) at non-singleton dimension {i}.  Target sizes: {_lst(tshape)}.  "
                    f"Tensor sizes: {_lst(vshape)}")
    return f"cannot broadcast {_lst(vshape)} to {_lst(tshape)}"


class Index(Function):
    """``a[plan]``: a view for a basic plan, a copy for an advanced one."""

    _raw = True
    _grad_name = "IndexBackward0"

    @staticmethod
    def forward(ctx, a, plan):
        ctx.shape, ctx.plan = a._array.shape, plan
        return _at(a._array, plan)

    @staticmethod
    def backward(ctx, grad):
        return IndexBackward.apply(grad, ctx.shape, ctx.plan), None


class IndexBackward(Function):
    """Zeros of ``shape`` with ``g`` added at ``plan`` (repeated indices accumulate)."""

    _raw = True
    _grad_name = "IndexPutBackward0"

    @staticmethod
    def forward(ctx, g, shape, plan):
        ctx.plan = plan
        out = np.zeros(shape, g._array.dtype)
        _write(out, plan, g._array, accumulate=True)
        return out

    @staticmethod
    def backward(ctx, grad):
        return Index.apply(grad, ctx.plan), None, None


class IndexPut(Function):
    """A copy of ``a`` with ``values`` (a Tensor or a number) written at ``plan``, or added
    there with ``accumulate``. Gradients: ``a`` gets ``grad`` with the written positions
    zeroed (all of ``grad`` when accumulating); ``values`` gets ``grad[plan]``."""

    _raw = True
    _grad_name = "IndexPutBackward0"

    @staticmethod
    def forward(ctx, a, plan, values, accumulate):
        ctx.plan, ctx.accumulate = plan, accumulate
        ctx.vshape = values._array.shape if isinstance(values, Tensor) else None
        out = a._array.copy()
        _write(out, plan, values, accumulate)
        return out

    @staticmethod
    def backward(ctx, grad):
        plan = ctx.plan
        ga = grad if ctx.accumulate else IndexPut.apply(grad, plan, 0, False)
        gv = None
        if ctx.vshape is not None:
            gv = Index.apply(grad, plan)
            extra = len(ctx.vshape) - gv._array.ndim  # torch drops a value's leading 1-dims
            if extra > 0:
                gv = gv.reshape((1,) * extra + gv._array.shape)
        return ga, None, gv, None


class IndexFill(IndexPut):
    """index_fill with a 0-d tensor value: like IndexPut, but a repeated index fills once,
    so the value's gradient sums ``grad`` over the distinct filled positions."""

    _raw = True
    _grad_name = "IndexFillBackward1"

    @staticmethod
    def backward(ctx, grad):
        ga = IndexPut.apply(grad, ctx.plan, 0, False)
        return ga, None, (grad - ga).sum(), None


_GETITEM = _variants(Index, "SliceBackward0", "SelectBackward0", "UnsqueezeBackward0",
                     "AliasBackward0", "IndexSelectBackward0", "TakeBackward0")
_PUT = _variants(IndexPut, "CopySlices", "CopyBackwards", "FillBackward3", "IndexCopyBackward0",
                 "IndexFillBackward0", "PutBackward0", "SliceScatterBackward0",
                 "SelectScatterBackward0", "DiagonalScatterBackward0")
_PUT["IndexFillBackward1"] = IndexFill


def _put(name, t, plan, values, accumulate=False, inplace=False):
    """Out of place: the IndexPut node ``name``; in place: write into ``t`` (recorded when
    ``t`` or ``values`` is in the graph)."""
    cls = _PUT[name]
    if not inplace:
        return cls.apply(t, plan, values, accumulate)
    if _record(t, (values,)):
        return apply_inplace(cls, t, plan, values, accumulate)
    _write(t._array, plan, values, accumulate)
    t._bump()
    return t


# ---------------------------------------------------------------- t[index], t[index] = v
def getitem(t, index):
    """``t[index]``: ints, slices, None, ``...``, bools, int/bool tensors, arrays and lists."""
    plan, kind, _ = _parse(t, index)
    out = _GETITEM[kind + "Backward0"].apply(t, plan)
    if plan[1] is None:
        _viewed(out, t)
    return out


def _set_value(t, value):
    if isinstance(value, Tensor):
        return value
    if isinstance(value, (bool, int, float, complex, np.number, np.bool_)):
        return _scalar_value(value, t._dtype)
    tp = type(value)
    name = tp.__name__ if tp.__module__ == "builtins" else f"{tp.__module__}.{tp.__name__}"
    raise TypeError(f"can't assign a {name} to a torch.{_TYPE_NAMES.get(t._dtype, 'Tensor')}")


def setitem(t, index, value):
    """``t[index] = value`` (a number or a Tensor broadcast to the indexed shape, cast to
    ``t``'s dtype). Recorded as a differentiable in-place op when ``t`` or ``value`` is in
    the graph (``CopySlices``); repeated advanced indices: the last write wins."""
    plan, _, real_view = _parse(t, index, setting=True)
    value = _set_value(t, value)
    if plan[1] is not None and isinstance(value, Tensor) and value._dtype is not t._dtype:
        # advanced assignment is index_put_, which does not cast (but a bool mask with a
        # 0-d value is masked_fill_, which does)
        if not (isinstance(index, Tensor) and index._dtype is D.bool and not value._array.ndim):
            raise RuntimeError("Index put requires the source and destination dtypes match, got "
                               f"{_short(t._dtype)} for the destination and "
                               f"{_short(value._dtype)} for the source.")
    if _state.enabled:
        if real_view and t._rg and t._grad_fn is None:
            raise RuntimeError("a view of a leaf Variable that requires grad is being used in an "
                               "in-place operation.")
        if _record(t, (value,)):
            if real_view:
                name = "CopySlices"
            elif plan[1] is not None:
                name = "IndexPutBackward0"
            else:
                name = "CopyBackwards" if isinstance(value, Tensor) else "FillBackward3"
            apply_inplace(_PUT[name], t, plan, value, False)
            return
    _write(t._array, plan, value)
    t._bump()


# ---------------------------------------------------------------- index_* along one dim
def _dim_plan(ndim, d, idx):
    """The plan selecting ``idx`` along dim ``d`` (a 0-d tensor: the element itself)."""
    if ndim == 0:
        return (Ellipsis,), ()
    return (Ellipsis,), (_ALL,) * d + (idx.reshape(-1),)


def index_select(input, dim, index, *, out=None):
    """Entries ``index`` (1-D) of dim ``dim``: ``input[..., index, ...]``, a copy."""
    check_tensor(input, "index_select")
    idx = _index_array(index, "index_select", _INT_INDEX, RuntimeError,
                       "index_select(): Expected dtype int32 or int64 for index", pos=3)
    if idx.ndim > 1:
        raise IndexError("index_select(): Index is supposed to be a vector")
    nd = input._array.ndim
    d = _wrap_dim(dim, nd)
    n = input._array.shape[d] if nd else 1
    if nd == 0 and idx.size != 1:
        raise RuntimeError(f"index_select(): Index to scalar can have only 1 value, got "
                           f"{idx.size} value(s)")
    if _first_bad(idx, n, False) is not None:
        raise IndexError("index out of range in self")
    res = _GETITEM["IndexSelectBackward0"].apply(input, _dim_plan(nd, d, idx))
    return _out(res, out, "index_select",
                "index_select(): self and result must have the same scalar type")


def _dim_source_checks(input, d, source, fname):
    """``source`` must be shaped like ``input`` but along dim ``d`` (torch's messages)."""
    shape, sshape = input._array.shape, source._array.shape
    if not shape or not sshape:
        return
    rest, srest = shape[:d] + shape[d + 1:], sshape[:d] + sshape[d + 1:]
    if fname != "index_copy_":
        if len(shape) != len(sshape) or rest != srest:
            raise RuntimeError("source tensor shape must match self tensor shape, excluding the "
                               f"specified dimension. Got self.shape = {_lst(shape)} "
                               f"source.shape = {_lst(sshape)}")
        return
    if len(shape) != len(sshape):
        raise IndexError("index_copy_(): When source and destination are not scalars, their "
                         f"dimensionality must match. Source dimensionality ({len(sshape)}), "
                         f"destination dimensionality ({len(shape)})")
    for j, (a, b) in enumerate(zip(rest, srest)):
        if a != b:
            raise RuntimeError("index_copy_(): Source/destination tensor must have same slice "
                               f"shapes. Destination slice shape: {a} at dimension {d} and "
                               f"source slice shape: {b} at dimension {j}.")


def _vector_index(idx, index, fname):
    if idx.ndim > 1:
        raise IndexError(f"{fname}(): Index is supposed to be a vector, but got dim: {idx.ndim} "
                         f"with type: {_short(index._dtype)} and size: {_lst(idx.shape)}")


class IndexAdd(Function):
    """``input`` with ``alpha * source`` added along ``dim`` at ``index`` (repeats add up)."""

    _raw = True
    _grad_name = "IndexAddBackward0"

    @staticmethod
    def forward(ctx, a, plan, source, alpha):
        ctx.plan, ctx.alpha = plan, alpha
        out = a._array.copy()
        src = source._array if alpha == 1 else source._array * alpha
        _write(out, plan, src, accumulate=True)
        return out

    @staticmethod
    def backward(ctx, grad):
        gs = Index.apply(grad, ctx.plan)
        return grad, None, gs if ctx.alpha == 1 else gs * ctx.alpha, None


def _index_add_args(input, dim, index, source, alpha):
    check_tensor(input, "index_add")
    idx = _index_array(index, "index_add", _INT_INDEX, RuntimeError,
                       "index_add_(): Expected dtype int32/int64 for index but got: {dt}")
    check_tensor(source, "index_add", "source", 4)
    _vector_index(idx, index, "index_add_")
    if source._dtype is not input._dtype:
        raise RuntimeError(f"index_add_(): self ({_short(input._dtype)}) and source "
                           f"({_short(source._dtype)}) must have the same scalar type")
    nd = input._array.ndim
    d = _wrap_dim(dim, nd)
    if 0 < source._array.ndim <= d:
        raise RuntimeError(f"index_add_(): Indexing dim {d} is out of bounds of the source "
                           f"tensor with dim {source._array.ndim}")
    m = source._array.shape[d] if source._array.ndim > d else 1
    if idx.size != m:
        raise RuntimeError(f"index_add_(): Number of indices ({idx.size}) should be equal to "
                           f"source.size(dim): ({m}), for dim: {d}")
    _dim_source_checks(input, d, source, "index_add_")
    n = input._array.shape[d] if nd else 1
    bad = _first_bad(idx, n, False)
    if bad is not None:
        raise RuntimeError(f"index {bad} is out of bounds for dimension {d} with size {n}")
    dt = input._dtype
    if dt._cat == D._INT and isinstance(alpha, float):
        alpha = int(alpha)
    alpha = _scalar_value(alpha, dt) if alpha != 1 else 1
    return _dim_plan(nd, d, idx), alpha


def index_add(input, dim, index, source, *, alpha=1, out=None):
    """``input`` with ``alpha * source`` added at ``index`` along ``dim`` (repeats add up)."""
    plan, alpha = _index_add_args(input, dim, index, source, alpha)
    return _out(IndexAdd.apply(input, plan, source, alpha), out, "index_add")


def index_add_(input, dim, index, source, *, alpha=1):
    plan, alpha = _index_add_args(input, dim, index, source, alpha)
    if _record(input, (source,)):
        return apply_inplace(IndexAdd, input, plan, source, alpha)
    src = source._array if alpha == 1 else source._array * alpha
    _write(input._array, plan, src, accumulate=True)
    input._bump()
    return input


def _index_copy_args(input, dim, index, source):
    check_tensor(input, "index_copy")
    idx = _index_array(index, "index_copy", (D.int64,), RuntimeError,
                       "index_copy_(): Expected a long tensor for index, but got {dt}")
    check_tensor(source, "index_copy", "source", 4)
    if idx.ndim > 1:
        raise IndexError("index_copy_(): Index should have dimension 1 or 0 (got "
                         f"{idx.ndim})")
    if source._dtype is not input._dtype:
        raise RuntimeError("index_copy_(): self and source expected to have the same dtype, but "
                           f"got (self) {_short(input._dtype)} and (source) "
                           f"{_short(source._dtype)}")
    nd = input._array.ndim
    d = _wrap_dim(dim, nd)
    m = source._array.shape[d] if source._array.ndim > d else 1
    if idx.size != m:
        raise IndexError(f"index_copy_(): Number of indices ({idx.size}) should be equal to "
                         f"source.size(dim) ({m})")
    _dim_source_checks(input, d, source, "index_copy_")
    n = input._array.shape[d] if nd else 1
    bad = _first_bad(idx, n, False)
    if bad is not None:
        raise IndexError(f"index_copy_(): index {bad} is out of bounds for dimension {d} with "
                         f"size {n}")
    return _dim_plan(nd, d, idx)


def index_copy(input, dim, index, source, *, out=None):
    """``input`` with the slices ``index`` of dim ``dim`` replaced by ``source``'s."""
    plan = _index_copy_args(input, dim, index, source)
    return _out(_put("IndexCopyBackward0", input, plan, source), out, "index_copy")


def index_copy_(input, dim, index, source):
    plan = _index_copy_args(input, dim, index, source)
    return _put("IndexCopyBackward0", input, plan, source, inplace=True)


def _index_fill_args(input, dim, index, value):
    check_tensor(input, "index_fill")
    idx = _index_array(index, "index_fill", (D.int64,), IndexError,
                       "index_fill_(): Expected dtype int64 for index.")
    if idx.ndim > 1:
        raise RuntimeError("Index has to be a vector/scalar")
    if isinstance(value, Tensor):
        if value._array.ndim:
            raise RuntimeError("index_fill_ only supports a 0-dimensional value tensor, but got "
                               f"tensor with {value._array.ndim} dimension(s).")
        name = "IndexFillBackward1"
    else:
        value, name = _scalar_value(value, input._dtype), "IndexFillBackward0"
    nd = input._array.ndim
    d = _wrap_dim(dim, nd)
    n = input._array.shape[d] if nd else 1
    bad = _first_bad(idx, n, True)
    if bad is not None:
        raise IndexError(f"index {bad} is out of bounds for dimension {d} with size {n}")
    return name, _dim_plan(nd, d, idx), value


def index_fill(input, dim, index, value):
    """``input`` with the slices ``index`` of dim ``dim`` set to ``value`` (number/0-d)."""
    name, plan, value = _index_fill_args(input, dim, index, value)
    return _put(name, input, plan, value)


def index_fill_(input, dim, index, value):
    name, plan, value = _index_fill_args(input, dim, index, value)
    return _put(name, input, plan, value, inplace=True)


def _index_put_args(input, indices, values):
    check_tensor(input, "index_put")
    if not isinstance(indices, (tuple, list)):
        raise TypeError(f"index_put(): argument 'indices' (position 1) must be tuple of Tensors, "
                        f"not {type(indices).__name__}")
    for i, ix in enumerate(indices):
        if not isinstance(ix, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got "
                            f"{type(ix).__name__}")
    check_tensor(values, "index_put", "values", 2)
    if values._dtype is not input._dtype:
        raise RuntimeError("Index put requires the source and destination dtypes match, got "
                           f"{_short(input._dtype)} for the destination and "
                           f"{_short(values._dtype)} for the source.")
    return _parse(input, tuple(indices), setting=True)[0]


def index_put(input, indices, values, accumulate=False):
    """``input.clone()`` with ``values`` put at ``indices`` (a tuple of index tensors);
    ``accumulate=True`` adds instead, summing repeated indices."""
    plan = _index_put_args(input, indices, values)
    return _put("IndexPutBackward0", input, plan, values, bool(accumulate))


def index_put_(input, indices, values, accumulate=False):
    plan = _index_put_args(input, indices, values)
    return _put("IndexPutBackward0", input, plan, values, bool(accumulate), inplace=True)


# ---------------------------------------------------------------- take / put (flat indices)
def _flat_plan(input, idx, fname):
    n = input._array.size
    if n == 0 and idx.size:
        raise IndexError("take(): tried to take from an empty tensor" if fname == "take" else
                         "put_(): Tried to put elements into an empty tensor")
    bad = _first_bad(idx, n, True)
    if bad is not None:
        raise IndexError(f"out of range: tried to access index {bad} on a tensor of {n} "
                         "elements.")
    if input._array.ndim == 0:
        return (None, Ellipsis), (idx % 1,)
    return (Ellipsis,), np.unravel_index(idx % max(n, 1), input._array.shape)


def take(input, index, *, out=None):
    """``input.flatten()[index]``, shaped like ``index``."""
    check_tensor(input, "take")
    idx = _index_array(index, "take", (D.int64,), RuntimeError,
                       "take(): Expected a long tensor for index, but got {dt}", pos=2)
    res = _GETITEM["TakeBackward0"].apply(input, _flat_plan(input, idx, "take"))
    return _out(res, out, "take", "take(): self and out expected to have the same dtype, but "
                "got self.dtype = {R} and out.dtype = {O}")


def _put_args(input, index, source):
    check_tensor(input, "put")
    idx = _index_array(index, "put_", (D.int64,), RuntimeError,
                       "put_(): Expected a long tensor for index, but got {dt}", pos=2)
    check_tensor(source, "put", "source", 3)
    if source._array.size != idx.size:
        raise IndexError("put_(): Expected source and index to have the same number of elements, "
                         f"but got source.numel() = {source._array.size}, index.numel() = "
                         f"{idx.size}")
    if source._dtype is not input._dtype:
        raise RuntimeError("put_(): self and source expected to have the same dtype, but got "
                           f"self.dtype = {_short(input._dtype)} and source.dtype = "
                           f"{_short(source._dtype)}")
    if source._array.shape != idx.shape:
        source = source.reshape(idx.shape)
    return _flat_plan(input, idx, "put_"), source


def put(input, index, source, accumulate=False):
    """A copy of ``input`` with ``input.flatten()[index] = source`` (or ``+=``)."""
    plan, source = _put_args(input, index, source)
    return _put("PutBackward0", input, plan, source, bool(accumulate))


def put_(input, index, source, accumulate=False):
    plan, source = _put_args(input, index, source)
    return _put("PutBackward0", input, plan, source, bool(accumulate), inplace=True)


# ---------------------------------------------------------------- gather / scatter
def _grid(idx, d):
    """An index tuple pairing each entry of ``idx`` with its own position on every dim but
    ``d``, where ``idx`` itself is used: ``out[grid] = src`` is torch's scatter."""
    if idx.ndim == 0:
        idx = idx.reshape(1)
    nd = idx.ndim
    out = []
    for k, n in enumerate(idx.shape):
        if k == d:
            out.append(idx)
        else:
            shp = [1] * nd
            shp[k] = n
            out.append(np.arange(n).reshape(shp))
    return tuple(out)


def _1d(a):
    return a.reshape(1) if a.ndim == 0 else a


def _fit(src, shape):
    """The leading ``shape`` corner of ``src`` (scatter uses only that much of it)."""
    src = _1d(src)
    if src.shape == tuple(shape):
        return src
    return src[tuple(slice(0, n) for n in shape)]


def _pad(t, shape):
    """``t`` in the leading corner of zeros of ``shape`` (the gradient of ``_fit``)."""
    if t._array.shape == tuple(shape):
        return t
    if not shape:
        return t.reshape(())
    plan = (tuple(slice(0, n) for n in t._array.shape) + (Ellipsis,), None)
    return IndexBackward.apply(t, tuple(shape), plan)


class Gather(Function):
    """``out[i][j] = input[index[i][j]][j]`` (dim 0); the gradient scatter-adds back."""

    _raw = True
    _grad_name = "GatherBackward0"

    @staticmethod
    def forward(ctx, a, d, idx):
        ctx.shape, ctx.d, ctx.idx = a._array.shape, d, idx
        return _1d(a._array)[_grid(idx, d)].reshape(idx.shape)

    @staticmethod
    def backward(ctx, grad):
        return ScatterAdd.apply(_zeros(ctx.shape, grad), ctx.d, ctx.idx, grad), None, None


def _gather_checks(input, d, idx, fname="gather"):
    nd = max(input._array.ndim, 1)
    if max(idx.ndim, 1) != nd:
        raise RuntimeError("Index tensor must have the same number of dimensions as input tensor")
    shape = _1d(input._array).shape
    ishape = _1d(idx).shape
    for k in range(nd):
        if k != d and ishape[k] > shape[k]:
            raise RuntimeError(f"Size does not match at dimension {k} expected index "
                               f"{_lst(idx.shape)} to be no larger than self "
                               f"{_lst(input._array.shape)} apart from dimension {d}")
    bad = _first_bad(idx, shape[d], False)
    if bad is not None:
        raise RuntimeError(f"index {bad} is out of bounds for dimension {d} with size {shape[d]}")


def gather(input, dim, index, *, sparse_grad=False, out=None):
    """``out[i][j][k] = input[index[i][j][k]][j][k]`` for dim 0 (likewise other dims)."""
    check_tensor(input, "gather")
    idx = _index_array(index, "gather", _INT_INDEX, RuntimeError,
                       "gather(): Expected dtype int32/int64 for index")
    d = _wrap_dim(dim, input._array.ndim)
    _gather_checks(input, d, idx)
    return _out(Gather.apply(input, d, idx), out, "gather")


def take_along_dim(input, indices, dim=None, *, out=None):
    """``gather`` with ``input`` and ``indices`` broadcast against each other (but along
    ``dim``); ``dim=None`` indexes the flattened input."""
    check_tensor(input, "take_along_dim")
    check_tensor(indices, "take_along_dim", "indices", 2)
    if indices._dtype is not D.int64:
        raise RuntimeError("torch.take_along_dim(): dtype of indices should be Long but got "
                           f"{_short(indices._dtype)}")
    if dim is None:
        return gather(input.reshape(-1), 0, indices.reshape(-1), out=out)
    nd = input._array.ndim
    if indices._array.ndim != nd:
        raise RuntimeError("torch.take_along_dim(): input and indices should have the same "
                           f"number of dimensions, but got {nd} dimensions for input, and "
                           f"{indices._array.ndim} dimensions for indices")
    d = _wrap_dim(dim, nd)
    shape = list(input._array.shape)
    if nd:
        shape[d] = indices._array.shape[d]
        shape = list(_broadcast(tuple(shape), indices._array.shape))
        if indices._array.shape != tuple(shape):
            indices = indices.expand(*shape)
        shape[d] = input._array.shape[d]
        if input._array.shape != tuple(shape):
            input = input.expand(*shape)
    return gather(input, d, indices, out=out)


def _scatter_write(arr, d, idx, src, reduce):
    """``arr[grid(index)] = src`` (or ``+=`` / ``*=``), in place."""
    a = _1d(arr)
    grid = _grid(idx, d)
    vals = _fit(src._array, _1d(idx).shape) if isinstance(src, Tensor) else src
    if reduce is None:
        a[grid] = vals
    elif reduce == "add":
        np.add.at(a, grid, vals)
    else:
        np.multiply.at(a, grid, vals)


class Scatter(Function):
    """``input`` with ``src`` (a Tensor) or a number written at ``index`` along ``dim``."""

    _raw = True
    _grad_name = "ScatterBackward0"

    @staticmethod
    def forward(ctx, a, d, idx, src, reduce):
        ctx.d, ctx.idx, ctx.reduce = d, idx, reduce
        ctx.src_shape = src._array.shape if isinstance(src, Tensor) else None
        out = a._array.copy()
        _scatter_write(out, d, idx, src, reduce)
        return out

    @staticmethod
    def backward(ctx, grad):
        if ctx.reduce is not None:
            raise RuntimeError("derivative for aten::scatter is not implemented")
        ga = Scatter.apply(grad, ctx.d, ctx.idx, 0, None)
        gs = None
        if ctx.src_shape is not None:
            gs = _pad(Gather.apply(grad, ctx.d, ctx.idx), ctx.src_shape)
        return ga, None, None, gs, None


_SCATTER = _variants(Scatter, "ScatterBackward1", "NotImplemented")


class ScatterAdd(Function):
    """``input`` with ``src`` added at ``index`` along ``dim`` (repeats add up)."""

    _raw = True
    _grad_name = "ScatterAddBackward0"

    @staticmethod
    def forward(ctx, a, d, idx, src):
        ctx.d, ctx.idx, ctx.src_shape = d, idx, src._array.shape
        out = a._array.copy()
        _scatter_write(out, d, idx, src, "add")
        return out

    @staticmethod
    def backward(ctx, grad):
        return grad, None, None, _pad(Gather.apply(grad, ctx.d, ctx.idx), ctx.src_shape)


def _scatter_checks(input, dim, index, src, fname):
    check_tensor(input, fname)
    idx = _index_array(index, fname, _INT_INDEX, RuntimeError,
                       "scatter(): Expected dtype int32/int64 for index")
    nd = max(input._array.ndim, 1)
    d = _wrap_dim(dim, input._array.ndim)
    if isinstance(src, Tensor) and src._dtype is not input._dtype:
        raise RuntimeError("scatter(): Expected self.dtype to be equal to src.dtype")
    if max(idx.ndim, 1) != nd:
        raise RuntimeError("Index tensor must have the same number of dimensions as self tensor")
    if isinstance(src, Tensor) and max(src._array.ndim, 1) != nd:
        raise RuntimeError("Index tensor must have the same number of dimensions as src tensor")
    shape, ishape = _1d(input._array).shape, _1d(idx).shape
    sshape = _1d(src._array).shape if isinstance(src, Tensor) else None
    for k in range(nd):
        if (k != d and ishape[k] > shape[k]) or (sshape is not None and ishape[k] > sshape[k]):
            msg = (f"Expected index {_lst(idx.shape)} to be no larger than self "
                   f"{_lst(input._array.shape)} apart from dimension {d}")
            if sshape is not None:
                msg += f" and to be no larger size than src {_lst(src._array.shape)}"
            raise RuntimeError(msg)
    bad = _first_bad(idx, shape[d], False)
    if bad is not None:
        raise RuntimeError(f"index {bad} is out of bounds for dimension {d} with size {shape[d]}")
    return d, idx


def _scatter_args(input, dim, index, src, value, reduce):
    if src is None and value is None:
        raise TypeError("scatter() missing required argument 'src' or 'value'")
    if src is not None and not isinstance(src, Tensor):
        src, value = None, src
    d, idx = _scatter_checks(input, dim, index, src, "scatter")
    if reduce is not None:
        if reduce not in ("add", "multiply"):
            raise RuntimeError("reduce argument must be either add or multiply.")
        if src is not None:
            warnings.warn("The reduce argument of torch.scatter with Tensor src is deprecated and "
                          "will be removed in a future PyTorch release. Use torch.scatter_reduce "
                          "instead for more reduction options.", UserWarning, stacklevel=3)
    if src is None:
        src = _scalar_value(value, input._dtype)
    name = ("NotImplemented" if reduce is not None else
            "ScatterBackward0" if isinstance(src, Tensor) else "ScatterBackward1")
    return _SCATTER[name], d, idx, src


def scatter(input, dim, index, src=None, value=None, *, reduce=None, out=None):
    """``input`` with ``src`` (or ``value``) written at ``index`` along ``dim``:
    ``out[index[i][j]][j] = src[i][j]`` for dim 0. ``reduce='add'/'multiply'`` combines."""
    check_tensor(input, "scatter")
    cls, d, idx, src = _scatter_args(input, dim, index, src, value, reduce)
    return _out(cls.apply(input, d, idx, src, reduce), out, "scatter")


def scatter_(input, dim, index, src=None, value=None, *, reduce=None):
    check_tensor(input, "scatter_")
    cls, d, idx, src = _scatter_args(input, dim, index, src, value, reduce)
    if _record(input, (src,)):
        return apply_inplace(cls, input, d, idx, src, reduce)
    _scatter_write(input._array, d, idx, src, reduce)
    input._bump()
    return input


def scatter_add(input, dim, index, src, *, out=None):
    """``input`` with ``src`` added at ``index`` along ``dim``; repeated indices add up."""
    check_tensor(src, "scatter_add", "src", 4)
    d, idx = _scatter_checks(input, dim, index, src, "scatter_add")
    return _out(ScatterAdd.apply(input, d, idx, src), out, "scatter_add")


def scatter_add_(input, dim, index, src):
    check_tensor(src, "scatter_add_", "src", 4)
    d, idx = _scatter_checks(input, dim, index, src, "scatter_add_")
    if _record(input, (src,)):
        return apply_inplace(ScatterAdd, input, d, idx, src)
    _scatter_write(input._array, d, idx, src, "add")
    input._bump()
    return input


# ---------------------------------------------------------------- scatter_reduce / index_reduce
_UFUNC = {"sum": np.add, "mean": np.add, "prod": np.multiply, "amax": np.maximum,
          "amin": np.minimum}


def _identity(reduce, dt):
    if reduce in ("sum", "mean"):
        return 0
    if reduce == "prod":
        return 1
    if dt.kind == "f":
        return -np.inf if reduce == "amax" else np.inf
    if dt.kind == "b":
        return reduce == "amin"
    info = np.iinfo(dt)
    return info.min if reduce == "amax" else info.max


def _reduce_into(a, where, vals, reduce, include_self):
    """``a`` with ``vals`` reduced into the positions ``where`` (a ufunc.at index).
    Returns (out, touched mask, per-position count of reduced values incl. self)."""
    out = a.copy()
    touched = np.zeros(a.shape, bool)
    touched[where] = True
    if not include_self:
        out[touched] = _identity(reduce, a.dtype)
    _UFUNC[reduce].at(out, where, vals)
    count = None
    if reduce == "mean":
        count = np.zeros(a.shape, np.int64)
        np.add.at(count, where, 1)
        count = np.maximum(count + include_self, 1)
        if out.dtype.kind in "iub":
            out = np.floor_divide(out, count).astype(a.dtype)
        else:
            out /= count
    return out, touched, count


class ScatterReduce(Function):
    """``input`` with ``src`` reduced (sum/prod/mean/amax/amin) into the positions ``where``
    (a scatter grid or a dim index); with ``include_self=False`` the old values of those
    positions are left out. Fused over five reductions, so the backward works on arrays
    (``once_differentiable``): ties in amax/amin share the gradient equally, and prod
    handles zeros exactly."""

    _raw = True
    _grad_name = "ScatterReduceBackward0"

    @staticmethod
    def forward(ctx, a, where, src, fit, reduce, include_self):
        vals = src._array if fit is None else _fit(src._array, fit)
        out, touched, count = _reduce_into(_1d(a._array), where, vals, reduce, include_self)
        ctx.where, ctx.fit, ctx.reduce, ctx.include_self = where, fit, reduce, include_self
        ctx.touched, ctx.count, ctx.shape = touched, count, a._array.shape
        ctx.save_for_backward(a, src, ctx.OUTPUT)
        return out.reshape(a._array.shape)

    @staticmethod
    @once_differentiable
    def backward(ctx, grad):
        a, src, res = ctx.saved_tensors
        where, reduce, touched = ctx.where, ctx.reduce, ctx.touched
        g, a, r = _1d(grad._array), _1d(a._array), _1d(res._array)
        s = src._array if ctx.fit is None else _fit(src._array, ctx.fit)
        self_in = np.ones_like(touched) if ctx.include_self else ~touched  # self takes part
        if reduce == "sum":
            ga, gs = g * self_in, g[where]
        elif reduce == "mean":
            gm = g / ctx.count
            ga, gs = np.where(self_in, gm, 0), gm[where]
        elif reduce == "prod":
            ga, gs = _prod_grads(g, a, s, r, where, self_in)
        else:  # like torch, an excluded self value equal to the result still counts as a tie
            hit_a = a == r
            hit_s = s == r[where]
            ties = hit_a.astype(g.dtype)
            np.add.at(ties, where, hit_s)
            gt = g / np.maximum(ties, 1)
            ga, gs = np.where(hit_a & self_in, gt, 0), np.where(hit_s, gt[where], 0)
        ga = _make(ga.astype(g.dtype, copy=False).reshape(ctx.shape), grad._dtype)
        gs = _make(gs.astype(g.dtype, copy=False), grad._dtype)
        if ctx.fit is not None:
            gs = _pad(gs, src._array.shape)
        return ga, None, gs.reshape(src._array.shape), None, None, None


def _prod_grads(g, a, s, r, where, self_in):
    """d prod / d each factor = the product of the others, exact when factors are zero."""
    a_in = np.where(self_in, a, 1)
    zeros = (a_in == 0).astype(np.int64)
    np.add.at(zeros, where, s == 0)
    nonzero = np.where(a_in == 0, 1, a_in)
    np.multiply.at(nonzero, where, np.where(s == 0, 1, s))

    def others(x, z, nz, prod):
        safe = np.where(x == 0, 1, x)
        return np.where(x != 0, np.where(z == 0, prod / safe, 0), np.where(z == 1, nz, 0))

    ga = np.where(self_in, g * others(a, zeros, nonzero, r), 0)
    gs = g[where] * others(s, zeros[where], nonzero[where], r[where])
    return ga, gs


_REDUCE = _variants(ScatterReduce, "IndexReduceBackward0")


def _scatter_reduce_args(input, dim, index, src, reduce):
    check_tensor(src, "scatter_reduce", "src", 4)
    if reduce not in ("sum", "prod", "mean", "amax", "amin"):
        raise RuntimeError("reduce argument must be either sum, prod, mean, amax or amin, got "
                           f"{reduce}")
    d, idx = _scatter_checks(input, dim, index, src, "scatter_reduce")
    return _grid(idx, d), _1d(idx).shape


def scatter_reduce(input, dim, index, src, reduce, *, include_self=True, out=None):
    """``input`` with ``src`` reduced into the positions ``index`` along ``dim`` with
    ``reduce`` in sum, prod, mean, amax, amin (``include_self``: count ``input``'s value)."""
    check_tensor(input, "scatter_reduce")
    where, fit = _scatter_reduce_args(input, dim, index, src, reduce)
    res = ScatterReduce.apply(input, where, src, fit, reduce, bool(include_self))
    return _out(res, out, "scatter_reduce")


def scatter_reduce_(input, dim, index, src, reduce, *, include_self=True):
    check_tensor(input, "scatter_reduce_")
    where, fit = _scatter_reduce_args(input, dim, index, src, reduce)
    return apply_inplace(ScatterReduce, input, where, src, fit, reduce, bool(include_self))


def _index_reduce_args(input, dim, index, source, reduce):
    check_tensor(input, "index_reduce")
    warnings.warn("index_reduce() is in beta and the API may change at any time.", UserWarning,
                  stacklevel=3)
    if reduce not in ("prod", "mean", "amax", "amin"):
        raise RuntimeError("index_reduce(): Expected reduce to be one of prod, mean, amax or amin "
                           f"but got {reduce}.")
    idx = _index_array(index, "index_reduce", _INT_INDEX, RuntimeError,
                       "index_reduce_(): Expected dtype int32/int64 for index but got: {dt}")
    check_tensor(source, "index_reduce", "source", 4)
    _vector_index(idx, index, "index_reduce_")
    if source._dtype is not input._dtype:
        raise RuntimeError(f"index_reduce_(): self ({_short(input._dtype)}) and source "
                           f"({_short(source._dtype)}) must have the same scalar type")
    nd = input._array.ndim
    d = _wrap_dim(dim, nd)
    m = source._array.shape[d] if source._array.ndim > d else 1
    if idx.size != m:
        raise RuntimeError(f"index_reduce_(): Number of indices ({idx.size}) should be equal to "
                           f"source.size(dim): ({m}), for dim: {d}")
    _dim_source_checks(input, d, source, "index_reduce_")
    n = input._array.shape[d] if nd else 1
    if _first_bad(idx, n, False) is not None:
        raise IndexError("index out of range in self")
    if nd == 0:
        return (idx.reshape(-1),), (1,)
    return (_ALL,) * d + (idx.reshape(-1),), None


def index_reduce(input, dim, index, source, reduce, *, include_self=True, out=None):
    """``input`` with the slices of ``source`` reduced (prod/mean/amax/amin) into the slices
    ``index`` of dim ``dim``."""
    where, fit = _index_reduce_args(input, dim, index, source, reduce)
    res = _REDUCE["IndexReduceBackward0"].apply(input, where, source, fit, reduce,
                                                bool(include_self))
    return _out(res, out, "index_reduce")


def index_reduce_(input, dim, index, source, reduce, *, include_self=True):
    where, fit = _index_reduce_args(input, dim, index, source, reduce)
    return apply_inplace(_REDUCE["IndexReduceBackward0"], input, where, source, fit, reduce,
                         bool(include_self))


# ---------------------------------------------------------------- masks
def _check_bool_mask(mask, fname, msg):
    check_tensor(mask, fname, "mask", 2)
    if mask._dtype is not D.bool:
        raise RuntimeError(msg.format(dt=_short(mask._dtype), c=_SCALAR_NAME[mask._dtype._name]))
    return mask._array


class MaskedFill(Function):
    """``where(mask, value, input)`` with a number or a 0-d tensor ``value``."""

    _raw = True
    _grad_name = "MaskedFillBackward0"

    @staticmethod
    def forward(ctx, a, mask, value):
        ctx.mask, ctx.tensor_value = mask, isinstance(value, Tensor)
        v = value._array.astype(a._array.dtype) if ctx.tensor_value else value
        return np.where(mask, v, a._array)

    @staticmethod
    def backward(ctx, grad):
        ga = MaskedFill.apply(grad, ctx.mask, 0)
        gv = MaskedFill.apply(grad, ~ctx.mask, 0).sum() if ctx.tensor_value else None
        return ga, None, gv


_MASKED_FILL = _variants(MaskedFill, "MaskedFillBackward1")


def _masked_fill_args(input, mask, value):
    check_tensor(input, "masked_fill")
    m = _check_bool_mask(mask, "masked_fill", "masked_fill_ only supports boolean masks, but got "
                         "mask with dtype {c}")
    if isinstance(value, Tensor):
        if value._array.ndim:
            raise RuntimeError("masked_fill_ only supports a 0-dimensional value tensor, but got "
                               f"tensor with {value._array.ndim} dimension(s).")
        return _MASKED_FILL["MaskedFillBackward1"], m, value
    return MaskedFill, m, _scalar_value(value, input._dtype)


def masked_fill(input, mask, value):
    """``input`` with ``value`` where ``mask`` (bool, broadcast) is True."""
    cls, m, value = _masked_fill_args(input, mask, value)
    _broadcast(input._array.shape, m.shape)
    return cls.apply(input, m, value)


def masked_fill_(input, mask, value):
    cls, m, value = _masked_fill_args(input, mask, value)
    shape = _broadcast(input._array.shape, m.shape)
    if shape != input._array.shape:
        raise RuntimeError(f"output with shape {_lst(input._array.shape)} doesn't match the "
                           f"broadcast shape {_lst(shape)}")
    if _record(input, (value,)):
        return apply_inplace(cls, input, m, value)
    v = value._array if isinstance(value, Tensor) else value
    np.copyto(input._array, v, casting="unsafe", where=m)
    input._bump()
    return input


class MaskedSelect(Function):
    """The entries of ``input`` where ``mask`` is True (both broadcast), as a 1-D tensor."""

    _raw = True
    _grad_name = "MaskedSelectBackward0"

    @staticmethod
    def forward(ctx, a, mask):
        shape = _broadcast(a._array.shape, mask.shape)
        ctx.shape, ctx.mask = shape, np.broadcast_to(mask, shape)
        return np.broadcast_to(a._array, shape)[ctx.mask]

    @staticmethod
    def backward(ctx, grad):
        return MaskedScatter.apply(_zeros(ctx.shape, grad), ctx.mask, grad), None


def masked_select(input, mask, *, out=None):
    check_tensor(input, "masked_select")
    m = _check_bool_mask(mask, "masked_select", "masked_select: expected BoolTensor for mask")
    return _out(MaskedSelect.apply(input, m), out, "masked_select",
                "masked_select(): self and result must have the same scalar type")


def _masked_scatter_write(arr, mask, src):
    n = int(np.count_nonzero(mask))
    if src.size < n:
        raise RuntimeError("Number of elements of source < number of ones in mask")
    arr[mask] = src.reshape(-1)[:n]


class MaskedScatter(Function):
    """``input`` with the True positions of ``mask`` filled, in order, from ``source``."""

    _raw = True
    _grad_name = "MaskedScatterBackward0"

    @staticmethod
    def forward(ctx, a, mask, source):
        shape = _broadcast(a._array.shape, mask.shape)
        ctx.mask = np.broadcast_to(mask, shape)
        ctx.src_shape = source._array.shape
        out = np.array(np.broadcast_to(a._array, shape))
        _masked_scatter_write(out, ctx.mask, source._array)
        return out

    @staticmethod
    def backward(ctx, grad):
        ga = MaskedFill.apply(grad, ctx.mask, 0)
        gs = MaskedSelect.apply(grad, ctx.mask)
        n = int(np.prod(ctx.src_shape))
        return ga, None, _pad(gs, (n,)).reshape(ctx.src_shape)


def _masked_scatter_args(input, mask, source):
    check_tensor(input, "masked_scatter")
    m = _check_bool_mask(mask, "masked_scatter", "masked_scatter_ only supports boolean masks, "
                         "but got mask with dtype {dt}")
    check_tensor(source, "masked_scatter", "source", 3)
    if source._dtype is not input._dtype:
        raise RuntimeError("masked_scatter: expected self and source to have same dtypes but got"
                           f"{_short(input._dtype)} and {_short(source._dtype)}")
    return m


def masked_scatter(input, mask, source):
    m = _masked_scatter_args(input, mask, source)
    return MaskedScatter.apply(input, m, source)


def masked_scatter_(input, mask, source):
    m = _masked_scatter_args(input, mask, source)
    shape = _broadcast(input._array.shape, m.shape)
    if shape != input._array.shape:
        raise RuntimeError(f"expand(torch.BoolTensor{{{_lst(m.shape)}}}, size="
                           f"{_lst(input._array.shape)}): the mask must broadcast to the shape of "
                           "self")
    if _record(input, (source,)):
        return apply_inplace(MaskedScatter, input, m, source)
    _masked_scatter_write(input._array, np.broadcast_to(m, shape), source._array)
    input._bump()
    return input


# ---------------------------------------------------------------- slice/select/diagonal_scatter
def _region_scatter(name, fname, input, src, plan, region_shape):
    check_tensor(src, fname, "src", 2)
    if src._array.shape != tuple(region_shape):
        raise RuntimeError("expected src to have a size equal to the slice of self. src size = "
                           f"{_lst(src._array.shape)}, slice size = {_lst(region_shape)}")
    return _put(name, input, plan, src)


def select_scatter(input, src, dim, index):
    """A copy of ``input`` with ``input.select(dim, index)`` replaced by ``src``."""
    check_tensor(input, "select_scatter")
    shape = input._array.shape
    if not shape:
        raise IndexError("select() cannot be applied to a 0-dim tensor.")
    d = _wrap_dim(dim, len(shape))
    index = operator.index(index)
    if not -shape[d] <= index < shape[d]:
        raise IndexError(f"select(): index {index} out of range for tensor of size {_lst(shape)} "
                         f"at dimension {d}")
    plan = ((_ALL,) * d + (index, Ellipsis), None)
    return _region_scatter("SelectScatterBackward0", "select_scatter", input, src, plan,
                           shape[:d] + shape[d + 1:])


def slice_scatter(input, src, dim=0, start=None, end=None, step=1):
    """A copy of ``input`` with ``input[..., start:end:step, ...]`` (on ``dim``) = ``src``."""
    check_tensor(input, "slice_scatter")
    shape = input._array.shape
    d = _wrap_dim(dim, len(shape))
    if step is not None and operator.index(step) <= 0:
        raise RuntimeError("slice step must be positive")
    s = _norm_slice(slice(start, end, step))
    if not shape:
        raise RuntimeError("slice() cannot be applied to a 0-dim tensor.")
    plan = ((_ALL,) * d + (s, Ellipsis), None)
    region = shape[:d] + (len(range(*s.indices(shape[d]))),) + shape[d + 1:]
    return _region_scatter("SliceScatterBackward0", "slice_scatter", input, src, plan, region)


def diagonal_scatter(input, src, offset=0, dim1=0, dim2=1):
    """A copy of ``input`` with ``input.diagonal(offset, dim1, dim2)`` replaced by ``src``."""
    check_tensor(input, "diagonal_scatter")
    shape = input._array.shape
    nd = len(shape)
    d1, d2 = _wrap_dim(dim1, nd), _wrap_dim(dim2, nd)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    n1, n2 = shape[d1], shape[d2]
    size = max(0, min(n1, n2 - offset) if offset >= 0 else min(n1 + offset, n2))
    rows = np.arange(size) + max(-offset, 0)
    cols = np.arange(size) + max(offset, 0)
    adv = [_ALL] * (max(d1, d2) + 1)
    adv[d1], adv[d2] = rows, cols
    rest = tuple(s for k, s in enumerate(shape) if k not in (d1, d2))
    check_tensor(src, "diagonal_scatter", "src", 2)
    if src._array.shape != rest + (size,):
        raise RuntimeError("expected src to have a size equal to the slice of self. src size = "
                           f"{_lst(src._array.shape)}, slice size = {_lst(rest + (size,))}")
    # NumPy puts the diagonal where the two adjacent index arrays were, else first;
    # torch's diagonal puts it last
    pos = min(d1, d2) if abs(d1 - d2) == 1 else 0
    values = src if pos == nd - 2 else src.movedim(-1, pos)
    return _put("DiagonalScatterBackward0", input, ((Ellipsis,), tuple(adv)), values)


# ---------------------------------------------------------------- nonzero / where
def _long(a):
    return _make(a.astype(np.int64, copy=False), D.int64)


def nonzero(input, *, out=None, as_tuple=False):
    """Indices of the non-zero entries: an (n, ndim) int64 tensor, or one 1-D tensor per dim
    with ``as_tuple=True``."""
    check_tensor(input, "nonzero")
    a = input._array
    if as_tuple:
        if a.ndim == 0:
            return (_long(np.zeros(int(a != 0), np.int64)),)
        return tuple(_long(i) for i in np.nonzero(a))
    res = np.argwhere(a) if a.ndim else np.zeros((int(a != 0), 0), np.int64)
    return _out(_long(res), out, "nonzero",
                "nonzero: Expected out tensor to have scalar type Long but got scalar type{O}")


def nonzero_static(input, *, size, fill_value=-1):
    """``nonzero(input)`` cut or padded (with ``fill_value``) to ``size`` rows."""
    res = nonzero(input)._array
    n = operator.index(size)
    if res.shape[0] >= n:
        return _long(res[:n].copy())
    pad = np.full((n - res.shape[0], res.shape[1]), fill_value, np.int64)
    return _long(np.concatenate([res, pad]))


def argwhere(input):
    """``nonzero(input)``: the (n, ndim) indices of the non-zero entries."""
    check_tensor(input, "argwhere")
    return nonzero(input)


class Where(Function):
    """``input`` where ``condition`` else ``other`` (broadcast, cast to ``dt``)."""

    _raw = True
    _grad_name = "WhereBackward0"

    @staticmethod
    def forward(ctx, cond, a, b, dt):
        ctx.cond = cond
        x = a._array.astype(dt._np, copy=False) if isinstance(a, Tensor) else a
        y = b._array.astype(dt._np, copy=False) if isinstance(b, Tensor) else b
        return np.where(cond, x, y)

    @staticmethod
    def backward(ctx, grad):
        zero = _scalar_value(0, grad._dtype)
        return (None, Where.apply(ctx.cond, grad, zero, grad._dtype),
                Where.apply(ctx.cond, zero, grad, grad._dtype), None)


_WHERE_SIGNATURES = (
    " * (Tensor condition)\n"
    " * (Tensor condition, Tensor input, Tensor other, *, Tensor out = None)\n"
    " * (Tensor condition, Number self, Tensor other)\n"
    " * (Tensor condition, Tensor input, Number other)\n"
    " * (Tensor condition, Number self, Number other)\n"
)


def where(condition, input=None, other=None, *, out=None):
    """``input`` where ``condition`` is True, else ``other`` (Tensors or numbers, broadcast,
    torch's type promotion). ``where(condition)`` is ``nonzero(condition, as_tuple=True)``."""
    if input is None and other is None and isinstance(condition, Tensor):
        return nonzero(condition, as_tuple=True)
    args = (condition, input, other)
    if (not isinstance(condition, Tensor) or input is None or other is None
            or not all(isinstance(x, (Tensor, bool, int, float, complex)) for x in args[1:])):
        got = ", ".join(type(x).__name__ if not isinstance(x, Tensor) else "Tensor"
                        for x in args if x is not None)
        raise TypeError(f"where() received an invalid combination of arguments - got ({got}), "
                        f"but expected one of:\n{_WHERE_SIGNATURES}")
    cdt = condition._dtype
    if cdt is D.uint8:
        warnings.warn("where received a uint8 condition tensor. This behavior is deprecated and "
                      "will be removed in a future version of PyTorch. Use a boolean condition "
                      "instead.", UserWarning, stacklevel=2)
    elif cdt is not D.bool:
        raise RuntimeError("where expected condition to be a boolean tensor, but got a tensor "
                           f"with dtype {_short(cdt)}")
    dt = D.result_type(input, other)
    shapes = [condition._array.shape] + [x._array.shape for x in (input, other)
                                         if isinstance(x, Tensor)]
    _broadcast(*shapes)
    if not isinstance(input, Tensor):
        input = _scalar_value(input, dt)
    if not isinstance(other, Tensor):
        other = _scalar_value(other, dt)
    res = Where.apply(condition._array.astype(bool, copy=False), input, other, dt)
    return _out(res, out, "where", "Expected out type to be {R} but got {O}")

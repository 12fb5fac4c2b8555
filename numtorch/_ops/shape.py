"""Shape ops: view/reshape, permute/transpose, squeeze/unsqueeze, expand, cat/stack, split...

View ops (view, reshape when possible, permute, transpose, t, squeeze, unsqueeze, expand,
narrow, select, unbind, split, chunk, unflatten, flatten when possible, movedim, unfold,
as_strided) return tensors that share memory and the version counter with their base:
their forward returns a NumPy view and ``_viewed`` marks the output. The other ops (cat,
stack, repeat, flip, roll, rot90, ...) return fresh arrays.
"""

import operator
import warnings

import numpy as np

from .. import _dtype as D
from .._backend import CPU
from .._tensor import _TYPE_NAMES, Size, Tensor, _make, _wrap_dim
from ..autograd.function import Function, check_inplace
from ._util import check_tensor, write_out

__all__ = [
    "reshape", "permute", "transpose", "swapaxes", "swapdims", "t", "adjoint", "squeeze",
    "unsqueeze", "flatten", "unflatten", "ravel", "broadcast_to", "broadcast_tensors",
    "broadcast_shapes", "tile", "repeat_interleave", "cat", "concat", "concatenate", "stack",
    "hstack", "vstack", "row_stack", "dstack", "column_stack", "split", "split_with_sizes",
    "chunk", "tensor_split", "hsplit", "vsplit", "dsplit", "unbind", "flip", "fliplr",
    "flipud", "roll", "rot90", "narrow", "narrow_copy", "select", "movedim", "moveaxis",
    "as_strided", "resize_as_", "atleast_1d", "atleast_2d", "atleast_3d", "meshgrid",
]

_as_strided = np.lib.stride_tricks.as_strided
_ALL = slice(None)


# ---------------------------------------------------------------- helpers
def _viewed(out, base):
    """Turn a fresh op output that aliases ``base``'s memory into a proper view."""
    out._vc = base._get_vc()
    out._base = base._base if base._base is not None else base
    dev = base._device
    if dev is not CPU:
        out._device = dev
    return out


def _lst(shape):
    return "[" + ", ".join(str(s) for s in shape) + "]"


def _ints(seq, fname, argname="size"):
    """A tuple of Python ints from ints, NumPy ints or integer 1-element tensors."""
    out = []
    for s in seq:
        try:
            out.append(operator.index(s))
        except TypeError:
            raise TypeError(f"{fname}(): argument '{argname}' must be tuple of ints, but found "
                            f"element of type {type(s).__name__}") from None
    return tuple(out)


def _shape_args(args, fname="view", argname="size"):
    """``f(2, 3)``, ``f((2, 3))``, ``f([2, 3])`` and ``f(torch.Size(...))`` all give (2, 3)."""
    if len(args) == 1 and isinstance(args[0], (tuple, list)):
        args = args[0]
    return _ints(args, fname, argname)


def _dims_arg(dims, fname="flip", argname="dims"):
    if isinstance(dims, (tuple, list)):
        return _ints(dims, fname, argname)
    return (operator.index(dims),)


def _wrap_unique(dims, ndim):
    out = tuple(_wrap_dim(d, ndim) for d in dims)
    if len(set(out)) != len(out):
        seen = set()
        for d in out:
            if d in seen:
                raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
            seen.add(d)
    return out


def _numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def _infer(shape, numel):
    """``shape`` with its -1 (if any) filled in; torch's errors for a bad shape."""
    known, at = 1, None
    for i, s in enumerate(shape):
        if s == -1:
            if at is not None:
                raise RuntimeError("only one dimension can be inferred")
            at = i
        elif s < 0:
            raise RuntimeError(f"invalid shape dimension {s} at index {i} of shape {_lst(shape)}")
        else:
            known *= s
    if at is None:
        if known == numel:
            return shape
    elif known == 0:
        if numel == 0:
            raise RuntimeError(
                f"cannot reshape tensor of 0 elements into shape {_lst(shape)} because the "
                "unspecified dimension size -1 can be any value and is ambiguous"
            )
    elif numel % known == 0:
        return shape[:at] + (numel // known,) + shape[at + 1:]
    raise RuntimeError(f"shape '{_lst(shape)}' is invalid for input of size {numel}")


def _view_array(arr, shape):
    """``arr`` reshaped without a copy, or None when its strides don't allow it."""
    if arr.flags.c_contiguous:
        return arr.reshape(shape)
    try:
        return np.reshape(arr, shape, copy=False)
    except ValueError:
        return None


def _variant(cls, grad_name):
    """The same op recorded under another of torch's node names (in-place forms, aliases)."""
    return type(cls.__name__ + grad_name[-1], (cls,), {"_raw": True, "_grad_name": grad_name})


def _inplace(t, cls, *args):
    """``t.op_(...)`` for a shape op: ``t`` takes the view's array and its history."""
    check_inplace(t)
    out = cls.apply(t, *args)
    t._array = out._array
    if out._grad_fn is not None:
        t._grad_fn = out._grad_fn
        t._out_nr = 0
    t._bump()
    return t


def _type_name(t):
    return "torch." + _TYPE_NAMES.get(t._dtype, "Tensor")


def _promote_all(tensors):
    dt = tensors[0]._dtype
    for t in tensors[1:]:
        if t._dtype is not dt:
            dt = D.promote_types(dt, t._dtype)
    return dt


def _tensor_list(tensors, fname):
    if isinstance(tensors, Tensor) or not isinstance(tensors, (list, tuple)):
        raise TypeError(f"{fname}(): argument 'tensors' (position 1) must be tuple of Tensors, "
                        f"not {type(tensors).__name__}")
    for i, t in enumerate(tensors):
        if not isinstance(t, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got "
                            f"{type(t).__name__}")
    return list(tensors)


# ---------------------------------------------------------------- view / reshape
class View(Function):
    _raw = True
    _grad_name = "ViewBackward0"

    @staticmethod
    def forward(ctx, a, shape):
        ctx.shape = a._array.shape
        v = _view_array(a._array, shape)
        if v is None:
            raise RuntimeError(
                "view size is not compatible with input tensor's size and stride (at least one "
                "dimension spans across two contiguous subspaces). Use .reshape(...) instead."
            )
        return v

    @staticmethod
    def backward(ctx, grad):
        return reshape(grad, ctx.shape), None


class UnsafeView(View):
    """The reshape of a fresh contiguous copy: not recorded as a view."""

    _raw = True
    _grad_name = "UnsafeViewBackward0"


class Contiguous(Function):
    _raw = True
    _grad_name = "CloneBackward0"

    @staticmethod
    def forward(ctx, a):
        return np.ascontiguousarray(a._array)

    @staticmethod
    def backward(ctx, grad):
        return grad


def _view_dtype(input, dt):
    """``x.view(dtype)``: reinterpret the bytes (no autograd history, like torch)."""
    src = input._dtype
    arr = input._array
    if dt.itemsize != src.itemsize:
        what = f"to view {_short(src)} as {_short(dt)} (different element sizes)"
        if arr.ndim == 0:
            raise RuntimeError(f"self.dim() cannot be 0 {what}")
        if arr.shape[-1] != 1 and arr.strides[-1] != arr.itemsize:
            raise RuntimeError(f"self.stride(-1) must be 1 {what}, but got "
                               f"{arr.strides[-1] // arr.itemsize}")
        if dt.itemsize > src.itemsize and (arr.shape[-1] * src.itemsize) % dt.itemsize:
            raise RuntimeError(f"self.size(-1) must be divisible by {dt.itemsize // src.itemsize}"
                               f" {what}, but got {arr.shape[-1]}")
    return _viewed(_make(arr.view(D.to_np(dt)), dt), input)


_short = D.short_name


def view(input, *shape, size=None, dtype=None):
    """A view with a new shape (one dim may be -1), or ``view(dtype)`` reinterpreting bytes."""
    if size is not None:
        shape = (size,)
    if dtype is not None or (len(shape) == 1 and isinstance(shape[0], D.dtype)):
        return _view_dtype(input, dtype if dtype is not None else shape[0])
    shape = _infer(_shape_args(shape, "view"), input._array.size)
    return _viewed(View.apply(input, shape), input)


def view_as(input, other):
    return view(input, other._array.shape)


def reshape(input, *args, shape=None):
    """A view when the strides allow one, else a copy (``CloneBackward0`` + ``UnsafeView``)."""
    check_tensor(input, "reshape")
    shape = _infer(_shape_args(args if shape is None else (shape,), "reshape", "shape"),
                   input._array.size)
    if _view_array(input._array, shape) is not None:
        return _viewed(View.apply(input, shape), input)
    return UnsafeView.apply(Contiguous.apply(input), shape)


def reshape_as(input, other):
    return reshape(input, other._array.shape)


def contiguous(input, memory_format=None):
    """``input`` itself when C-contiguous, else a contiguous copy."""
    if input._array.flags.c_contiguous:
        return input
    return Contiguous.apply(input)


def flatten(input, start_dim=0, end_dim=-1):
    """Merge dims ``start_dim..end_dim`` into one (``input`` itself when there is nothing
    to merge; a view when the strides allow)."""
    check_tensor(input, "flatten")
    shp = input._array.shape
    n = len(shp)
    s, e = _wrap_dim(start_dim, n), _wrap_dim(end_dim, n)
    if n == 0:
        return view(input, (1,))
    if s > e:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if s == e:
        return input
    return reshape(input, shp[:s] + (_numel(shp[s:e + 1]),) + shp[e + 1:])


def ravel(input):
    """A 1-D view of the contiguous data (a copy first when ``input`` isn't contiguous)."""
    check_tensor(input, "ravel")
    return view(contiguous(input), (input._array.size,))


def unflatten(input, dim, sizes):
    """Split dim ``dim`` into ``sizes`` (one may be -1): a view."""
    check_tensor(input, "unflatten")
    sizes = _dims_arg(sizes, "unflatten", "sizes")
    if not sizes:
        raise RuntimeError("unflatten: sizes must be non-empty")
    shp = input._array.shape
    d = _wrap_dim(dim, len(shp))
    n = shp[d] if shp else 1
    try:
        sizes = _infer(sizes, n)
    except RuntimeError as e:
        if sizes.count(-1) > 1 or (n == 0 and -1 in sizes):
            raise RuntimeError(f"unflatten got an unexpected error:\n{e}") from None
        raise RuntimeError(f"unflatten: Provided sizes {_lst(sizes)} don't multiply up to the "
                           f"size of dim {d} ({n}) in the input tensor") from None
    return _viewed(View.apply(input, shp[:d] + sizes + shp[d + 1:]), input)


# ---------------------------------------------------------------- permute / transpose
class Permute(Function):
    _raw = True
    _grad_name = "PermuteBackward0"

    @staticmethod
    def forward(ctx, a, dims):
        ctx.dims = dims
        return a._array.transpose(dims)

    @staticmethod
    def backward(ctx, grad):
        return Permute.apply(grad, tuple(np.argsort(ctx.dims).tolist())), None


def permute(input, *args, dims=None):
    """Reorder the dims: a view."""
    dims = _shape_args(args if dims is None else (dims,), "permute", "dims")
    n = input._array.ndim
    if len(dims) != n:
        raise RuntimeError(f"permute(sparse_coo): number of dimensions in the tensor input does "
                           f"not match the length of the desired ordering of dimensions i.e. "
                           f"input.dim() = {n} is not equal to len(dims) = {len(dims)}")
    dims = tuple(_wrap_dim(d, n) for d in dims)
    if len(set(dims)) != n:
        raise RuntimeError("permute(): duplicate dims are not allowed.")
    return _viewed(Permute.apply(input, dims), input)


class Transpose(Function):
    _raw = True
    _grad_name = "TransposeBackward0"

    @staticmethod
    def forward(ctx, a, d0, d1):
        ctx.d = (d0, d1)
        arr = a._array
        return arr.swapaxes(d0, d1) if arr.ndim else arr.view()

    @staticmethod
    def backward(ctx, grad):
        return Transpose.apply(grad, *ctx.d), None, None


TransposeInplace = _variant(Transpose, "TransposeBackward1")


def transpose(input, dim0, dim1):
    """Swap two dims: a view."""
    check_tensor(input, "transpose")
    n = input._array.ndim
    return _viewed(Transpose.apply(input, _wrap_dim(dim0, n), _wrap_dim(dim1, n)), input)


def swapaxes(input, axis0, axis1):
    return transpose(input, axis0, axis1)


def swapdims(input, dim0, dim1):
    return transpose(input, dim0, dim1)


def transpose_(input, dim0, dim1):
    n = input._array.ndim
    return _inplace(input, TransposeInplace, _wrap_dim(dim0, n), _wrap_dim(dim1, n))


swapaxes_ = swapdims_ = transpose_


class T(Function):
    _raw = True
    _grad_name = "TBackward0"

    @staticmethod
    def forward(ctx, a):
        return a._array.T

    @staticmethod
    def backward(ctx, grad):
        return T.apply(grad)


TInplace = _variant(T, "TBackward1")


def _check_t(input, fname):
    if input._array.ndim > 2:
        raise RuntimeError(f"{fname}() expects a tensor with <= 2 dimensions, but self is "
                           f"{input._array.ndim}D")


def t(input):
    """Transpose a matrix (0-D and 1-D tensors come back as views of themselves)."""
    check_tensor(input, "t")
    _check_t(input, "t")
    return _viewed(T.apply(input), input)


def t_(input):
    _check_t(input, "t_")
    return _inplace(input, TInplace)


def adjoint(input):
    """The conjugate transpose of the last two dims: a view."""
    check_tensor(input, "adjoint")
    if input._array.ndim < 2:
        raise RuntimeError("tensor.adjoint() is only supported on matrices or batches of "
                           f"matrices. Got {input._array.ndim}-D tensor.")
    out = transpose(input, -2, -1)
    return out.conj() if input._dtype._cat == D._COMPLEX else out


def movedim(input, source, destination):
    """Move dims ``source`` to positions ``destination`` (ints or sequences): a view."""
    check_tensor(input, "movedim")
    src, dst = _dims_arg(source, "movedim", "source"), _dims_arg(destination, "movedim",
                                                                 "destination")
    if len(src) != len(dst):
        raise RuntimeError(f"movedim: Invalid source or destination dims: source ({_lst(src)} "
                           f"dims) should contain the same number of dims as destination "
                           f"({_lst(dst)} dims)")
    n = input._array.ndim
    ws, wd = tuple(_wrap_dim(d, n) for d in src), tuple(_wrap_dim(d, n) for d in dst)
    if len(set(ws)) != len(ws):
        raise RuntimeError(f"movedim: repeated dim in `source` ({_lst(src)})")
    if len(set(wd)) != len(wd):
        raise RuntimeError(f"movedim: repeated dim in `destination` ({_lst(dst)})")
    order = [d for d in range(n) if d not in ws]
    for d, s in sorted(zip(wd, ws)):
        order.insert(d, s)
    if n == 0:  # a 0-d tensor: dims 0 and -1 are accepted and mean nothing
        order = []
    return _viewed(Permute.apply(input, tuple(order)), input)


moveaxis = movedim


# ---------------------------------------------------------------- squeeze / unsqueeze
class Squeeze(Function):
    """Drop the size-1 dims ``axes`` (torch names the node by how dims were given)."""

    _raw = True
    _grad_name = "SqueezeBackward0"

    @staticmethod
    def forward(ctx, a, axes):
        ctx.shape = a._array.shape
        return a._array.squeeze(axes)

    @staticmethod
    def backward(ctx, grad):
        return reshape(grad, ctx.shape), None


_SQUEEZE = {  # (how dims were given, in place) -> Function
    (0, False): Squeeze,
    (1, False): _variant(Squeeze, "SqueezeBackward1"),
    (2, False): _variant(Squeeze, "SqueezeBackward2"),
    (0, True): _variant(Squeeze, "SqueezeBackward3"),
    (1, True): _variant(Squeeze, "SqueezeBackward4"),
    (2, True): _variant(Squeeze, "SqueezeBackward5"),
}


def _squeeze_axes(input, dim):
    shp = input._array.shape
    n = len(shp)
    if dim is None:
        return 0, tuple(i for i, s in enumerate(shp) if s == 1)
    if isinstance(dim, (tuple, list)):
        dims = _wrap_unique(_ints(dim, "squeeze", "dim"), n)
        return 2, tuple(d for d in dims if n and shp[d] == 1)
    d = _wrap_dim(dim, n)
    return 1, ((d,) if n and shp[d] == 1 else ())


def squeeze(input, dim=None):
    """Remove size-1 dims (all, one, or those in a tuple): a view."""
    check_tensor(input, "squeeze")
    form, axes = _squeeze_axes(input, dim)
    return _viewed(_SQUEEZE[form, False].apply(input, axes), input)


def squeeze_(input, dim=None):
    form, axes = _squeeze_axes(input, dim)
    return _inplace(input, _SQUEEZE[form, True], axes)


class Unsqueeze(Function):
    _raw = True
    _grad_name = "UnsqueezeBackward0"

    @staticmethod
    def forward(ctx, a, dim):
        ctx.dim = dim
        arr = a._array
        if arr.flags.c_contiguous:  # the fast path; both give torch's stride for the new dim
            return arr.reshape(arr.shape[:dim] + (1,) + arr.shape[dim:])
        return np.expand_dims(arr, dim)

    @staticmethod
    def backward(ctx, grad):
        return Squeeze.apply(grad, (ctx.dim,)), None


UnsqueezeInplace = _variant(Unsqueeze, "UnsqueezeBackward1")


def unsqueeze(input, dim):
    """Insert a size-1 dim at ``dim``: a view."""
    check_tensor(input, "unsqueeze")
    return _viewed(Unsqueeze.apply(input, _wrap_dim(dim, input._array.ndim + 1)), input)


def unsqueeze_(input, dim):
    return _inplace(input, UnsqueezeInplace, _wrap_dim(dim, input._array.ndim + 1))


def _atleast(tensors, n, fname):
    """One tensor in, one out; several (or a sequence) in, a tuple out."""
    seq = len(tensors) == 1 and isinstance(tensors[0], (list, tuple))
    out = []
    for x in tensors[0] if seq else tensors:
        check_tensor(x, fname, "tensors")
        nd = x._array.ndim
        if nd >= n:
            out.append(x)
        elif nd == 0:
            out.append(view(x, (1,) * n))
        elif n == 2 or nd == 2:  # (k,) -> (1, k) or (a, b) -> (a, b, 1)
            out.append(unsqueeze(x, 0 if nd == 1 else -1))
        else:  # 1-D to 3-D: (k,) -> (1, k, 1)
            out.append(unsqueeze(unsqueeze(x, 0), -1))
    return out[0] if len(out) == 1 and not seq else tuple(out)


def atleast_1d(*tensors):
    """Each tensor with at least 1 dim (0-D ones viewed as shape (1,))."""
    return _atleast(tensors, 1, "atleast_1d")


def atleast_2d(*tensors):
    return _atleast(tensors, 2, "atleast_2d")


def atleast_3d(*tensors):
    return _atleast(tensors, 3, "atleast_3d")


# ---------------------------------------------------------------- expand / broadcast
class Expand(Function):
    _raw = True
    _grad_name = "ExpandBackward0"

    @staticmethod
    def forward(ctx, a, shape):
        arr = a._array
        ctx.shape = arr.shape
        lead = len(shape) - arr.ndim
        # stride 0 over new and broadcast dims; writeable like torch's expanded tensors
        strides = (0,) * lead + tuple(0 if n == 1 and s != 1 else st for n, s, st in
                                      zip(arr.shape, shape[lead:], arr.strides))
        return _as_strided(arr, shape, strides)

    @staticmethod
    def backward(ctx, grad):
        return grad.sum_to_size(ctx.shape), None


def _expand_shape(input, sizes):
    shp = input._array.shape
    if len(sizes) < len(shp):
        raise RuntimeError(f"expand({_type_name(input)}{{{_lst(shp)}}}, size={_lst(sizes)}): "
                           f"the number of sizes provided ({len(sizes)}) must be greater or "
                           f"equal to the number of dimensions in the tensor ({len(shp)})")
    lead = len(sizes) - len(shp)
    target = []
    for i, s in enumerate(sizes):
        cur = shp[i - lead] if i >= lead else 1
        if s == -1:
            if i < lead:
                raise RuntimeError("The expanded size of the tensor (-1) isn't allowed in a "
                                   f"leading, non-existing dimension {i}")
            s = cur
        elif (cur != 1 or s < 0) and cur != s:
            raise RuntimeError(f"The expanded size of the tensor ({s}) must match the existing "
                               f"size ({cur}) at non-singleton dimension {i}.  Target sizes: "
                               f"{_lst(sizes)}.  Tensor sizes: {_lst(shp)}")
        target.append(s)
    return tuple(target)


def expand(input, *sizes, size=None, implicit=False):
    """Broadcast size-1 dims (and new leading dims) to ``sizes`` (-1 keeps a size): a view."""
    sizes = _shape_args(sizes if size is None else (size,), "expand")
    return _viewed(Expand.apply(input, _expand_shape(input, sizes)), input)


def expand_as(input, other):
    return expand(input, other._array.shape)


def broadcast_to(input, size):
    check_tensor(input, "broadcast_to")
    return expand(input, size)


def broadcast_shapes(*shapes):
    """The shape all of ``shapes`` (ints or sequences) broadcast to."""
    shapes = [(s,) if isinstance(s, (int, np.integer)) else tuple(s) for s in shapes]
    result = [1] * max((len(s) for s in shapes), default=0)
    for i, shape in enumerate(shapes):
        for j in range(-1, -1 - len(shape), -1):
            s = shape[j]
            if s < 0:
                raise ValueError("Attempting to broadcast a dimension with negative length!")
            if s == 1 or s == result[j]:
                continue
            if result[j] != 1:
                raise RuntimeError(f"Attempting to broadcast a dimension of length {s} at {j}! "
                                   f"Mismatching argument at index {i} had {shape}; but "
                                   f"expected shape should be broadcastable to {result}")
            result[j] = s
    return Size(result)


def broadcast_tensors(*tensors):
    """Expand every tensor to their common shape (a tensor already of that shape is
    returned as is)."""
    for i, x in enumerate(tensors):
        if not isinstance(x, Tensor):
            raise TypeError(f"expected Tensor as element {i} in argument 0, but got "
                            f"{type(x).__name__}")
    shape = ()
    for x in tensors:
        a, b = shape, x._array.shape
        n = max(len(a), len(b))
        out = []
        for i in range(n):
            sa = a[i - n + len(a)] if i - n + len(a) >= 0 else 1
            sb = b[i - n + len(b)] if i - n + len(b) >= 0 else 1
            if sa != sb and sa != 1 and sb != 1:
                raise RuntimeError(f"The size of tensor a ({sa}) must match the size of tensor "
                                   f"b ({sb}) at non-singleton dimension {i}")
            out.append(sb if sa == 1 else sa)
        shape = tuple(out)
    return tuple(x if x._array.shape == shape else expand(x, shape) for x in tensors)


def meshgrid(*tensors, indexing=None):
    """Coordinate grids from 0-D/1-D tensors: each output is a view expanded over the grid.
    ``indexing='ij'`` puts input i along dim i; ``'xy'`` swaps the first two."""
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    if indexing is None:
        warnings.warn("torch.meshgrid: in an upcoming release, it will be required to pass the "
                      "indexing argument.", UserWarning, stacklevel=2)
        indexing = "ij"
    if not tensors:
        raise RuntimeError("meshgrid expects a non-empty TensorList")
    for x in tensors:
        check_tensor(x, "meshgrid", "tensors")
        if x._array.ndim > 1:
            raise RuntimeError("torch.meshgrid: Expected 0D or 1D tensor in the tensor list but "
                               f"got: {x}")
    if any(x._dtype is not tensors[0]._dtype for x in tensors):
        raise RuntimeError("meshgrid expects all tensors to have the same dtype")
    if indexing not in ("ij", "xy"):
        raise RuntimeError('torch.meshgrid: indexing must be one of "xy" or "ij", but received: '
                           f"{indexing}")
    pos = list(range(len(tensors)))
    if indexing == "xy" and len(tensors) > 1:
        pos[0], pos[1] = 1, 0
    sizes = [x._array.size for x in tensors]
    grid = [0] * len(tensors)
    for p, s in zip(pos, sizes):
        grid[p] = s
    out = []
    for x, p in zip(tensors, pos):
        shape = [1] * len(tensors)
        shape[p] = x._array.size
        out.append(expand(view(x, tuple(shape)), tuple(grid)))
    return tuple(out)


# ---------------------------------------------------------------- repeat / tile
class Repeat(Function):
    _raw = True
    _grad_name = "RepeatBackward0"

    @staticmethod
    def forward(ctx, a, reps):
        ctx.shape, ctx.reps = a._array.shape, reps
        return np.tile(a._array, reps)

    @staticmethod
    def backward(ctx, grad):
        reps = ctx.reps
        shape = (1,) * (len(reps) - len(ctx.shape)) + ctx.shape
        if not reps:
            return grad, None
        # (r0*s0, r1*s1, ...) -> (r0, s0, r1, s1, ...), summed over the r's
        split = tuple(v for r, s in zip(reps, shape) for v in (r, s))
        g = reshape(grad, split).sum(tuple(range(0, len(split), 2)))
        return reshape(g, ctx.shape), None


def repeat(input, *args, repeats=None):
    """Tile ``input`` ``repeats[i]`` times along dim i (more repeats than dims add leading
    dims): a copy."""
    reps = _shape_args(args if repeats is None else (repeats,), "repeat", "repeats")
    shp = input._array.shape
    if len(reps) < len(shp):
        raise RuntimeError("Number of dimensions of repeat dims can not be smaller than number "
                           "of dimensions of tensor")
    full = (1,) * (len(reps) - len(shp)) + shp
    out = [r * s for r, s in zip(reps, full)]
    for s in out:
        if s < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: {out}")
    return Repeat.apply(input, reps)


def tile(input, *args, dims=None):
    """``repeat`` with missing leading repeats taken as 1."""
    check_tensor(input, "tile")
    dims = _shape_args(args if dims is None else (dims,), "tile", "dims")
    n = input._array.ndim
    return repeat(input, (1,) * (n - len(dims)) + dims)


class RepeatIndex(Function):
    """``index_select`` with each index i repeated ``counts[i]`` times, along ``dim``."""

    _raw = True
    _grad_name = "IndexSelectBackward0"

    @staticmethod
    def forward(ctx, a, dim, counts):
        ctx.dim, ctx.counts = dim, counts
        return np.repeat(a._array, counts, axis=dim)

    @staticmethod
    def backward(ctx, grad):
        return SegmentSum.apply(grad, ctx.dim, ctx.counts), None, None


class SegmentSum(Function):
    """Sum consecutive runs of ``counts[i]`` slices along ``dim``: RepeatIndex's backward."""

    _raw = True
    _grad_name = "IndexSelectBackwardBackward0"

    @staticmethod
    def forward(ctx, g, dim, counts):
        ctx.dim, ctx.counts = dim, counts
        arr = g._array
        shape = arr.shape[:dim] + (len(counts),) + arr.shape[dim + 1:]
        nz = counts > 0
        starts = (np.cumsum(counts) - counts)[nz]
        if nz.all() and len(counts):
            return np.add.reduceat(arr, starts, axis=dim)
        out = np.zeros(shape, arr.dtype)
        if len(starts):
            out[(_ALL,) * dim + (nz,)] = np.add.reduceat(arr, starts, axis=dim)
        return out

    @staticmethod
    def backward(ctx, grad):
        return RepeatIndex.apply(grad, ctx.dim, ctx.counts), None, None


def repeat_interleave(input, repeats=None, dim=None, *, output_size=None):
    """Repeat each element (or slice along ``dim``) ``repeats`` times. ``repeats`` is an int
    or a tensor of per-element counts; ``repeat_interleave(counts)`` gives the indices."""
    check_tensor(input, "repeat_interleave")
    if repeats is None:
        if input._array.ndim != 1:
            raise RuntimeError("repeat_interleave only accept 1D vector as repeat")
        counts = _counts(input)
        return _make(np.repeat(np.arange(len(counts), dtype=input._array.dtype), counts),
                     input._dtype)
    x = input
    if dim is None:
        x, dim = flatten(input), 0
    d = _wrap_dim(dim, x._array.ndim)
    if isinstance(repeats, Tensor):
        if repeats._array.ndim > 1:
            raise RuntimeError("repeats must be 0-dim or 1-dim tensor")
        n = x._array.shape[d] if x._array.ndim else 1
        counts = _counts(repeats)
        if counts.size == 1:
            counts = np.full(n, counts.reshape(()), np.int64)
        elif counts.size != n:
            raise RuntimeError(f"repeats must have the same size as input along dim, but got "
                               f"repeats.size(0) = {counts.size} and input.size({d}) = {n}")
        if output_size is not None and output_size != int(counts.sum()):
            raise RuntimeError("allocated size does not match required size")
        if x._array.ndim == 0:
            x = view(x, (1,))
        return RepeatIndex.apply(x, d, counts)
    r = operator.index(repeats)
    if r < 0:
        raise RuntimeError("Repeats must be non-negative")
    shp = x._array.shape
    if output_size is not None and output_size != shp[d] * r:
        raise RuntimeError(f"repeat_interleave: Invalid output_size, expected {shp[d] * r} but "
                           f"got {output_size}")
    # torch's composite: unsqueeze, expand, copy, merge the two dims
    u = unsqueeze(x, d + 1)
    e = expand(u, shp[:d + 1] + (r,) + shp[d + 1:])
    return view(contiguous(e), shp[:d] + (shp[d] * r,) + shp[d + 1:])


def _counts(t):
    if t._dtype._cat != D._INT:
        raise NotImplementedError(f'"repeat_interleave_cpu" not implemented for '
                                  f"'{_short(t._dtype)}'")
    counts = t._array.astype(np.int64).reshape(-1)
    if (counts < 0).any():
        raise RuntimeError("repeats can not be negative")
    return counts


# ---------------------------------------------------------------- cat / stack
class Cat(Function):
    _raw = True
    _grad_name = "CatBackward0"

    @staticmethod
    def forward(ctx, dim, dt, keep, *tensors):
        ctx.dim, ctx.keep = dim, keep
        ctx.sizes = [t._array.shape[dim] if k else 0 for t, k in zip(tensors, keep)]
        arrays = [t._array if t._dtype is dt else t._array.astype(dt._np)
                  for t, k in zip(tensors, keep) if k]
        return np.concatenate(arrays, axis=dim)

    @staticmethod
    def backward(ctx, grad):
        grads, off = [None, None, None], 0
        for size, k in zip(ctx.sizes, ctx.keep):
            grads.append(narrow(grad, ctx.dim, off, size) if k else None)
            off += size
        return tuple(grads)


def _cat_out_check(dt, out, fname):
    if out is not None and isinstance(out, Tensor) and dt._cat > out._dtype._cat:
        raise TypeError(f"torch.{fname}(): input types can't be cast to the desired output type "
                        f"{_short(out._dtype)}")


def cat(tensors, dim=0, *, axis=None, out=None):
    """Join tensors along an existing dim. Legacy 1-D empty tensors (shape (0,)) are
    skipped; dtypes promote across the inputs."""
    tensors = _tensor_list(tensors, "cat")
    if not tensors:
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    if axis is not None:
        dim = axis
    for i, x in enumerate(tensors):
        if x._array.ndim == 0:
            raise RuntimeError(f"zero-dimensional tensor (at position {i}) cannot be "
                               "concatenated")
    dt = _promote_all(tensors)
    keep = tuple(x._array.shape != (0,) for x in tensors)
    kept = [x for x, k in zip(tensors, keep) if k]
    if not kept:  # only legacy empties: concatenate them as they are
        keep = (True,) * len(tensors)
        kept, d = tensors, 0
    else:
        ref = kept[0]._array.shape
        d = _wrap_dim(dim, len(ref))
        for i, (x, k) in enumerate(zip(tensors, keep)):
            shp = x._array.shape
            if not k:
                continue
            if len(shp) != len(ref):
                raise RuntimeError(f"Tensors must have same number of dimensions: got "
                                   f"{len(ref)} and {len(shp)}")
            for j, (a, b) in enumerate(zip(ref, shp)):
                if j != d and a != b:
                    raise RuntimeError(f"Sizes of tensors must match except in dimension {d}. "
                                       f"Expected size {a} but got size {b} for tensor number "
                                       f"{i} in the list.")
    _cat_out_check(dt, out, "cat")
    r = Cat.apply(d, dt, keep, *tensors)
    return r if out is None else write_out(r, out, "cat")


def concat(tensors, dim=0, *, axis=None, out=None):
    return cat(tensors, dim, axis=axis, out=out)


def concatenate(tensors, axis=0, *, dim=None, out=None):
    return cat(tensors, axis if dim is None else dim, out=out)


class Stack(Function):
    _raw = True
    _grad_name = "StackBackward0"

    @staticmethod
    def forward(ctx, dim, dt, *tensors):
        ctx.dim = dim
        return np.stack([t._array if t._dtype is dt else t._array.astype(dt._np)
                         for t in tensors], axis=dim)

    @staticmethod
    def backward(ctx, grad):
        return (None, None) + unbind(grad, ctx.dim)


def stack(tensors, dim=0, *, out=None):
    """Join equal-shaped tensors along a new dim ``dim``."""
    tensors = _tensor_list(tensors, "stack")
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    ref = tensors[0]._array.shape
    for i, x in enumerate(tensors):
        if x._array.shape != ref:
            raise RuntimeError(f"stack expects each tensor to be equal size, but got "
                               f"{_lst(ref)} at entry 0 and {_lst(x._array.shape)} at entry {i}")
    d = _wrap_dim(dim, len(ref) + 1)
    dt = _promote_all(tensors)
    _cat_out_check(dt, out, "cat")
    r = Stack.apply(d, dt, *tensors)
    return r if out is None else write_out(r, out, "stack")


def _nonempty(tensors, fname):
    tensors = _tensor_list(tensors, fname)
    if not tensors:
        raise RuntimeError(f"{fname} expects a non-empty TensorList")
    return tensors


def hstack(tensors, *, out=None):
    """cat along dim 1 (dim 0 for 1-D tensors), after ``atleast_1d``."""
    ts = _atleast((_nonempty(tensors, "hstack"),), 1, "hstack")
    return cat(ts, 0 if ts[0]._array.ndim == 1 else 1, out=out)


def vstack(tensors, *, out=None):
    """cat along dim 0 after ``atleast_2d``."""
    return cat(_atleast((_nonempty(tensors, "vstack"),), 2, "vstack"), 0, out=out)


row_stack = vstack


def dstack(tensors, *, out=None):
    """cat along dim 2 after ``atleast_3d``."""
    return cat(_atleast((_nonempty(tensors, "dstack"),), 3, "dstack"), 2, out=out)


def column_stack(tensors, *, out=None):
    """Stack as columns: 0-D and 1-D tensors become (n, 1) columns, then ``hstack``."""
    ts = _nonempty(tensors, "column_stack")
    ts = [reshape(x, (x._array.size, 1)) if x._array.ndim <= 1 else x for x in ts]
    return hstack(ts, out=out)


# ---------------------------------------------------------------- slicing views
class Slice(Function):
    """``a[index]`` for a basic index of slices and ints: a view."""

    _raw = True
    _grad_name = "SliceBackward0"

    @staticmethod
    def forward(ctx, a, index):
        ctx.shape, ctx.index = a._array.shape, index
        return a._array[index]

    @staticmethod
    def backward(ctx, grad):
        return SliceScatter.apply(grad, ctx.shape, ctx.index), None


class SliceScatter(Function):
    """Zeros of ``shape`` with ``g`` written at ``index``: the backward of a slice."""

    _raw = True
    _grad_name = "SliceBackwardBackward0"

    @staticmethod
    def forward(ctx, g, shape, index):
        ctx.index = index
        out = np.zeros(shape, g._array.dtype)
        out[index] = g._array
        return out

    @staticmethod
    def backward(ctx, grad):
        return Slice.apply(grad, ctx.index), None, None


Select = _variant(Slice, "SelectBackward0")


class NarrowCopy(Slice):
    _raw = True
    _grad_name = "NarrowCopyBackward0"

    @staticmethod
    def forward(ctx, a, index):
        ctx.shape, ctx.index = a._array.shape, index
        return a._array[index].copy()


def _narrow_index(input, dim, start, length):
    shp = input._array.shape
    if not shp:
        raise RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
    d = _wrap_dim(dim, len(shp))
    start, length = operator.index(start), operator.index(length)
    size = shp[d]
    if not -size <= start <= size:
        raise IndexError(f"start out of range (expected to be in range of [{-size}, {size}], but "
                         f"got {start})")
    if start < 0:
        start += size
    if length < 0:
        raise RuntimeError("narrow(): length must be non-negative.")
    if start + length > size:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size "
                           f"({size}).")
    return (_ALL,) * d + (slice(start, start + length),)


def narrow(input, dim, start, length):
    """``length`` entries of dim ``dim`` from ``start``: a view."""
    check_tensor(input, "narrow")
    return _viewed(Slice.apply(input, _narrow_index(input, dim, start, length)), input)


def narrow_copy(input, dim, start, length):
    check_tensor(input, "narrow_copy")
    return NarrowCopy.apply(input, _narrow_index(input, dim, start, length))


def select(input, dim, index):
    """Entry ``index`` of dim ``dim`` (that dim removed): a view."""
    check_tensor(input, "select")
    shp = input._array.shape
    if not shp:
        raise IndexError("select() cannot be applied to a 0-dim tensor.")
    dim = _wrap_dim(dim, len(shp))
    index = operator.index(index)
    size = shp[dim]
    if not -size <= index < size:
        raise IndexError(f"select(): index {index} out of range for tensor of size "
                         f"{_lst(shp)} at dimension {dim}")
    idx = (_ALL,) * dim + (index % size, Ellipsis)  # Ellipsis: a 0-d view, not a scalar
    return _viewed(Select.apply(input, idx), input)


# ---------------------------------------------------------------- split / unbind
class Unbind(Function):
    _raw = True
    _grad_name = "UnbindBackward0"

    @staticmethod
    def forward(ctx, a, dim):
        ctx.dim = dim
        arr = a._array
        pre = (_ALL,) * dim
        return tuple([arr[pre + (i, Ellipsis)] for i in range(arr.shape[dim])])

    @staticmethod
    def backward(ctx, *grads):
        return stack(list(grads), ctx.dim), None


def unbind(input, dim=0):
    """The slices along ``dim``, as a tuple of views."""
    check_tensor(input, "unbind")
    if input._array.ndim == 0:
        raise IndexError("Dimension specified as 0 but tensor has no dimensions")
    outs = Unbind.apply(input, _wrap_dim(dim, input._array.ndim))
    return tuple(_viewed(o, input) for o in outs)


class Split(Function):
    _raw = True
    _grad_name = "SplitBackward0"

    @staticmethod
    def forward(ctx, a, dim, sizes):
        ctx.dim = dim
        arr, pre, off, out = a._array, (_ALL,) * dim, 0, []
        for s in sizes:
            out.append(arr[pre + (slice(off, off + s),)])
            off += s
        return tuple(out)

    @staticmethod
    def backward(ctx, *grads):
        return cat(list(grads), ctx.dim), None, None


SplitWithSizes = _variant(Split, "SplitWithSizesBackward0")


def _split_sizes(input, split_size, d):
    size = input._array.shape[d]
    if split_size < 0:
        raise RuntimeError(f"split expects split_size be non-negative, but got "
                           f"split_size={split_size}")
    if split_size == 0:
        if size != 0:
            raise RuntimeError(f"split_size can only be 0 if dimension size is 0, but got "
                               f"dimension size of {size}")
        return (0,)
    sizes = [split_size] * (size // split_size)
    if size % split_size or not sizes:
        sizes.append(size % split_size)
    return tuple(sizes)


def _split_dim(input, dim, fname):
    if input._array.ndim == 0:
        raise RuntimeError(f"{fname} expects at least a 1-dimensional tensor")
    return _wrap_dim(dim, input._array.ndim)


def split(tensor, split_size_or_sections=None, dim=0, *, split_size=None):
    """Pieces of ``split_size`` along ``dim`` (the last may be smaller), or pieces of the
    given sizes: views."""
    check_tensor(tensor, "split", "tensor")
    s = split_size_or_sections if split_size is None else split_size
    if isinstance(s, (list, tuple)):
        return split_with_sizes(tensor, s, dim)
    d = _split_dim(tensor, dim, "split")
    outs = Split.apply(tensor, d, _split_sizes(tensor, operator.index(s), d))
    return tuple(_viewed(o, tensor) for o in outs)


def split_with_sizes(input, split_sizes, dim=0):
    check_tensor(input, "split_with_sizes")
    sizes = _ints(split_sizes, "split_with_sizes", "split_sizes")
    d = _split_dim(input, dim, "split")
    n = input._array.shape[d]
    if any(s < 0 for s in sizes):
        raise RuntimeError(f"split_with_sizes expects split_sizes have only non-negative "
                           f"entries, but got split_sizes={_lst(sizes)}")
    if sum(sizes) != n:
        raise RuntimeError(f"split_with_sizes expects split_sizes to sum exactly to {n} (input "
                           f"tensor's size at dimension {d}), but got split_sizes={_lst(sizes)}")
    return tuple(_viewed(o, input) for o in SplitWithSizes.apply(input, d, sizes))


def chunk(input, chunks, dim=0):
    """``chunks`` pieces of equal size ceil(n / chunks) along ``dim`` (fewer when n is
    small, the last smaller): views."""
    check_tensor(input, "chunk")
    d = _split_dim(input, dim, "chunk")
    if chunks <= 0:
        raise RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {chunks}")
    n = input._array.shape[d]
    if n == 0:
        return split_with_sizes(input, (0,) * chunks, d)
    return split(input, -(-n // chunks), d)


def tensor_split(input, indices_or_sections=None, dim=0, *, sections=None, indices=None,
                 tensor_indices_or_sections=None):
    """Split into ``sections`` near-equal pieces (the first n % sections one larger) or at
    ``indices``; every piece is a view (``SliceBackward0``)."""
    check_tensor(input, "tensor_split")
    arg = next(a for a in (indices_or_sections, sections, indices, tensor_indices_or_sections,
                           0) if a is not None)
    if input._array.ndim == 0:
        raise RuntimeError("tensor_split expected at least a 1-dimensional tensor, but got a "
                           "tensor with 0 dims")
    d = _wrap_dim(dim, input._array.ndim)
    if isinstance(arg, Tensor):
        if arg._dtype is not D.int64:
            raise RuntimeError("tensor_split expected tensor_indices_or_sections to have dtype "
                               f"of long, but got {_short(arg._dtype)}")
        arg = arg._array.tolist()
    n = input._array.shape[d]
    if isinstance(arg, (list, tuple)):
        bounds = list(_ints(arg, "tensor_split", "indices")) + [None]
    else:
        k = operator.index(arg)
        if k <= 0:
            raise RuntimeError(f"number of sections must be larger than 0, got {k}")
        q, r = divmod(n, k)
        bounds = [i * q + min(i, r) for i in range(1, k)] + [None]
    pre, start, out = (_ALL,) * d, 0, []
    for b in bounds:
        out.append(_viewed(Slice.apply(input, pre + (slice(start, b),)), input))
        start = b
    return tuple(out)


def _split_dir(input, arg, dim, fname, min_dim):
    check_tensor(input, fname)
    nd = input._array.ndim
    if nd < min_dim:
        raise RuntimeError(f"torch.{fname} requires a tensor with at least {min_dim} dimension, "
                           f"but got a tensor with {nd} dimensions!")
    if not isinstance(arg, (list, tuple, Tensor)):
        n = input._array.shape[dim]
        if arg == 0 or n % arg:
            raise RuntimeError(f"torch.{fname} attempted to split along dimension {dim}, but "
                               f"the size of the dimension {n} is not divisible by the "
                               f"split_size {arg}!")
    return tensor_split(input, arg, dim)


def hsplit(input, indices_or_sections):
    nd = input._array.ndim if isinstance(input, Tensor) else 0
    return _split_dir(input, indices_or_sections, 1 if nd > 1 else 0, "hsplit", 1)


def vsplit(input, indices_or_sections):
    return _split_dir(input, indices_or_sections, 0, "vsplit", 2)


def dsplit(input, indices_or_sections):
    return _split_dir(input, indices_or_sections, 2, "dsplit", 3)


# ---------------------------------------------------------------- flip / roll / rot90
class Flip(Function):
    _raw = True
    _grad_name = "FlipBackward0"

    @staticmethod
    def forward(ctx, a, dims):
        ctx.dims = dims
        idx = tuple(slice(None, None, -1) if i in dims else _ALL for i in range(a._array.ndim))
        return a._array[idx].copy()

    @staticmethod
    def backward(ctx, grad):
        return Flip.apply(grad, ctx.dims), None


def flip(input, *args, dims=None):
    """Reverse the order along ``dims``: a copy."""
    check_tensor(input, "flip")
    if dims is None:
        dims = args[0] if len(args) == 1 else args
    dims = _wrap_unique(_dims_arg(dims), input._array.ndim)
    return Flip.apply(input, dims)


def fliplr(input):
    check_tensor(input, "fliplr")
    if input._array.ndim < 2:
        raise RuntimeError("Input must be >= 2-d.")
    return flip(input, (1,))


def flipud(input):
    check_tensor(input, "flipud")
    if input._array.ndim < 1:
        raise RuntimeError("Input must be >= 1-d.")
    return flip(input, (0,))


class Roll(Function):
    _raw = True
    _grad_name = "RollBackward0"

    @staticmethod
    def forward(ctx, a, shifts, dims):
        ctx.shifts, ctx.dims = shifts, dims
        r = np.roll(a._array, shifts, dims)
        return r if r.flags.c_contiguous else r.copy()

    @staticmethod
    def backward(ctx, grad):
        return Roll.apply(grad, tuple(-s for s in ctx.shifts), ctx.dims), None, None


def roll(input, shifts, dims=None):
    """Shift entries circularly along ``dims`` (over the flattened tensor when None)."""
    check_tensor(input, "roll")
    shifts = _dims_arg(shifts, "roll", "shifts")
    if not shifts:
        raise RuntimeError("`shifts` required")
    if dims is None:
        if len(shifts) != 1:
            raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, dims:0")
        return Roll.apply(input, shifts, None)
    dims = _dims_arg(dims, "roll", "dims")
    if len(shifts) != len(dims):
        raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, "
                           f"dims:{len(dims)}")
    if input._array.ndim == 0:
        raise IndexError(f"Dimension specified as {dims[0]} but tensor has no dimensions")
    return Roll.apply(input, shifts, tuple(_wrap_dim(d, input._array.ndim) for d in dims))


class Rot90(Function):
    _raw = True
    _grad_name = "Rot90Backward0"

    @staticmethod
    def forward(ctx, a, k, d0, d1):
        ctx.k, ctx.d = k, (d0, d1)
        arr = a._array
        # torch's layout: flip one dim into a fresh copy, then transpose (a strided result)
        if k == 1:
            return np.flip(arr, d1).copy().swapaxes(d0, d1)
        if k == 2:
            return np.flip(arr, (d0, d1)).copy()
        if k == 3:
            return np.flip(arr, d0).copy().swapaxes(d0, d1)
        return arr.copy()

    @staticmethod
    def backward(ctx, grad):
        return Rot90.apply(grad, (4 - ctx.k) % 4, *ctx.d), None, None, None


def rot90(input, k=1, dims=(0, 1)):
    """Rotate by 90 degrees ``k`` times in the plane of ``dims`` (from the first dim
    towards the second): a copy."""
    check_tensor(input, "rot90")
    dims = _dims_arg(dims, "rot90", "dims")
    n = input._array.ndim
    if len(dims) != 2:
        raise RuntimeError(f"expected total rotation dims == 2, but got dims = {len(dims)}")
    if n < 2:
        raise RuntimeError(f"expected total dims >= 2, but got total dims = {n}")
    d0, d1 = _wrap_dim(dims[0], n), _wrap_dim(dims[1], n)
    if d0 == d1:
        raise RuntimeError(f"expected rotation dims to be different, but got dim0 = {d0} and "
                           f"dim1 = {d1}")
    return Rot90.apply(input, operator.index(k) % 4, d0, d1)


# ---------------------------------------------------------------- unfold / as_strided
class Unfold(Function):
    _raw = True
    _grad_name = "UnfoldBackward0"

    @staticmethod
    def forward(ctx, a, dim, size, step):
        arr = a._array
        ctx.shape, ctx.args = arr.shape, (dim, size, step)
        if arr.ndim == 0:
            return arr.reshape(1)[:size]
        n = (arr.shape[dim] - size) // step + 1
        st = arr.strides
        return _as_strided(arr, arr.shape[:dim] + (n,) + arr.shape[dim + 1:] + (size,),
                           st[:dim] + (st[dim] * step,) + st[dim + 1:] + (st[dim],))

    @staticmethod
    def backward(ctx, grad):
        if not ctx.shape:
            return reshape(grad.sum(), ()), None, None, None
        return UnfoldGrad.apply(grad, ctx.shape, *ctx.args), None, None, None


class UnfoldGrad(Function):
    """Sum each window's gradient back onto the entries it covers."""

    _raw = True
    _grad_name = "UnfoldBackwardBackward0"

    @staticmethod
    def forward(ctx, g, shape, dim, size, step):
        ctx.args = (dim, size, step)
        garr = g._array
        out = np.zeros(shape, garr.dtype)
        n, pre = garr.shape[dim], (_ALL,) * dim
        if size <= n:  # loop over the offsets within a window
            for j in range(size):
                out[pre + (slice(j, j + step * (n - 1) + 1, step),)] += garr[..., j]
        else:  # loop over the windows
            for k in range(n):
                out[pre + (slice(k * step, k * step + size),)] += np.moveaxis(
                    garr[pre + (k,)], -1, dim)
        return out

    @staticmethod
    def backward(ctx, grad):
        return unfold(grad, *ctx.args), None, None, None, None


def unfold(input, dimension, size, step):
    """All windows of ``size`` entries, ``step`` apart, along ``dimension``, as a new last
    dim: a strided view."""
    arr = input._array
    d = _wrap_dim(dimension, arr.ndim)
    n = arr.shape[d] if arr.ndim else 1
    if size > n:
        raise RuntimeError(f"maximum size for tensor at dimension {d} is {n} but size is {size}")
    if size < 0:
        raise RuntimeError(f"size is {size} but must be >= 0")
    if step <= 0:
        raise RuntimeError(f"step is {step} but must be > 0")
    return _viewed(Unfold.apply(input, d, size, step), input)


def _storage(input):
    """The flat array of ``input``'s base (its storage) and the element size."""
    base = input._base if input._base is not None else input
    arr = base._array
    if not arr.flags.c_contiguous:
        raise RuntimeError("as_strided: the base tensor's memory is not contiguous")
    return arr.reshape(-1)


def _positions(shape, stride, offset):
    """Storage position of every element of a strided layout."""
    pos = np.full(shape, offset, np.int64)
    for d, (s, st) in enumerate(zip(shape, stride)):
        pos += (np.arange(s, dtype=np.int64) * st).reshape((-1,) + (1,) * (len(shape) - d - 1))
    return pos


class AsStrided(Function):
    _raw = True
    _grad_name = "AsStridedBackward0"

    @staticmethod
    def forward(ctx, a, size, stride, offset):
        flat = _storage(a)
        ctx.n = flat.size
        ctx.out = (size, stride, offset)
        ctx.inp = (a._array.shape, a.stride(), a.storage_offset())
        item = flat.itemsize
        return _as_strided(flat[offset:], size, tuple(s * item for s in stride))

    @staticmethod
    def backward(ctx, grad):
        return Restride.apply(grad, _positions(*ctx.out), _positions(*ctx.inp), ctx.n), \
            None, None, None


class Restride(Function):
    """Move values between two layouts over one storage of ``n`` entries: entries of ``g``
    (at storage positions ``src``) are summed into the storage, then read at ``dst``."""

    _raw = True
    _grad_name = "AsStridedBackwardBackward0"

    @staticmethod
    def forward(ctx, g, src, dst, n):
        ctx.src, ctx.dst, ctx.n = src, dst, n
        buf = np.zeros(n, g._array.dtype)
        np.add.at(buf, src.reshape(-1), g._array.reshape(-1))
        return buf[dst]

    @staticmethod
    def backward(ctx, grad):
        return Restride.apply(grad, ctx.dst, ctx.src, ctx.n), None, None, None


def as_strided(input, size, stride, storage_offset=None):
    """A view with explicit sizes and strides (in elements) over ``input``'s storage."""
    check_tensor(input, "as_strided")
    size, stride = _ints(size, "as_strided"), _ints(stride, "as_strided", "stride")
    offset = input.storage_offset() if storage_offset is None else operator.index(
        storage_offset)
    if any(s < 0 for s in stride):
        raise RuntimeError(f"as_strided: Negative strides are not supported at the moment, got "
                           f"strides: {_lst(stride)}")
    flat = _storage(input)
    need = offset + sum((n - 1) * s for n, s in zip(size, stride)) + 1 if all(size) else 0
    if need > flat.size:
        item = flat.itemsize
        raise RuntimeError(f"setStorage: sizes {_lst(size)}, strides {_lst(stride)}, storage "
                           f"offset {offset}, and itemsize {item} requiring a storage size of "
                           f"{need * item} are out of bounds for storage of size "
                           f"{flat.size * item}")
    return _viewed(AsStrided.apply(input, size, stride, offset), input)


def resize_(input, *sizes, memory_format=None):
    """Resize in place: the first numel entries of the (contiguous) data are kept, new
    entries are zeros; not differentiable."""
    sizes = _shape_args(sizes, "resize_")
    if input._rg:
        raise RuntimeError("cannot resize variables that require grad")
    for s in sizes:
        if s < 0:
            raise RuntimeError(f"Trying to create tensor with negative dimension {s}: "
                               f"{_lst(sizes)}")
    arr = input._array
    n = _numel(sizes)
    if n <= arr.size and arr.flags.c_contiguous:
        new = arr.reshape(-1)[:n].reshape(sizes)
    else:
        flat = arr.reshape(-1)
        new = np.zeros(n, arr.dtype)
        m = min(n, flat.size)
        new[:m] = flat[:m]
        new = new.reshape(sizes)
    input._array = new
    input._bump()
    return input


def resize_as_(input, the_template, *, memory_format=None):
    return resize_(input, the_template._array.shape)

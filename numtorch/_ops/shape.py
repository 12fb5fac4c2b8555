"""Shape ops: view/reshape, permute/transpose, squeeze/unsqueeze, expand, cat/stack, split...

View ops return tensors that share memory and the version counter with their base.
"""

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor, _make, _make_view, _wrap_dim
from ..autograd.function import Function
from ._util import check_tensor

__all__ = ["reshape", "permute", "transpose", "unsqueeze", "unbind"]


def _shape_args(shape):
    if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
        shape = shape[0]
    return tuple(int(s) for s in shape)


def _infer(shape, numel):
    shape = list(shape)
    neg = [i for i, s in enumerate(shape) if s == -1]
    if len(neg) > 1:
        raise RuntimeError("only one dimension can be inferred")
    if neg:
        rest = 1
        for i, s in enumerate(shape):
            if i != neg[0]:
                rest *= s
        if rest == 0 or numel % rest:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {numel}")
        shape[neg[0]] = numel // rest
    n = 1
    for s in shape:
        if s < 0:
            raise RuntimeError(f"invalid shape dimension {s}")
        n *= s
    if n != numel:
        raise RuntimeError(f"shape '[{', '.join(str(s) for s in shape)}]' is invalid for input "
                           f"of size {numel}")
    return tuple(shape)


class View(Function):
    _raw = True
    _grad_name = "ViewBackward0"

    @staticmethod
    def forward(ctx, a, shape):
        ctx.shape = a._array.shape
        arr = a._array
        try:
            v = arr.view()
            v.shape = shape  # raises instead of copying when strides don't allow a view
        except AttributeError:
            raise RuntimeError(
                "view size is not compatible with input tensor's size and stride (at least one "
                "dimension spans across two contiguous subspaces). Use .reshape(...) instead."
            ) from None
        return v

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.shape), None


def _viewed(out, base):
    """Turn a fresh op output that aliases ``base``'s memory into a proper view."""
    out._vc = base._get_vc()
    out._base = base._base if base._base is not None else base
    return out


def view(input, *shape):
    if len(shape) == 1 and isinstance(shape[0], D.dtype):
        dt = shape[0]
        return _viewed(_make(input._array.view(dt._np), dt), input)
    shape = _infer(_shape_args(shape), input._array.size)
    return _viewed(View.apply(input, shape), input)


class Reshape(Function):
    _raw = True
    _grad_name = "ReshapeAlias0"

    @staticmethod
    def forward(ctx, a, shape):
        ctx.shape = a._array.shape
        return a._array.reshape(shape)

    @staticmethod
    def backward(ctx, grad):
        return grad.reshape(ctx.shape), None


def reshape(input, *shape):
    shape = _infer(_shape_args(shape), input._array.size)
    out = Reshape.apply(input, shape)
    if np.shares_memory(out._array, input._array):
        _viewed(out, input)
        if out._grad_fn is not None:
            out._grad_fn.__class__ = View._Node
    return out


class Permute(Function):
    _raw = True
    _grad_name = "PermuteBackward0"

    @staticmethod
    def forward(ctx, a, dims):
        ctx.dims = dims
        return a._array.transpose(dims)

    @staticmethod
    def backward(ctx, grad):
        return grad.permute(tuple(np.argsort(ctx.dims))), None


def permute(input, *dims):
    dims = _shape_args(dims)
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
        return a._array.swapaxes(d0, d1)

    @staticmethod
    def backward(ctx, grad):
        return grad.transpose(*ctx.d), None, None


def transpose(input, dim0, dim1):
    n = input._array.ndim
    return _viewed(Transpose.apply(input, _wrap_dim(dim0, n), _wrap_dim(dim1, n)), input)


class Expand(Function):
    _raw = True
    _grad_name = "ExpandBackward0"

    @staticmethod
    def forward(ctx, a, shape):
        ctx.shape = a._array.shape
        return np.broadcast_to(a._array, shape)

    @staticmethod
    def backward(ctx, grad):
        return grad.sum_to_size(ctx.shape), None


def expand(input, *sizes):
    sizes = _shape_args(sizes)
    shp = input._array.shape
    if len(sizes) < len(shp):
        raise RuntimeError(f"expand(torch.FloatTensor{{{list(shp)}}}, size={list(sizes)}): the "
                           "number of sizes provided ({len(sizes)}) must be greater or equal to "
                           f"the number of dimensions in the tensor ({len(shp)})")
    lead = len(sizes) - len(shp)
    target = []
    for i, s in enumerate(sizes):
        cur = shp[i - lead] if i >= lead else 1
        if s == -1:
            if i < lead:
                raise RuntimeError("The expanded size of the tensor (-1) isn't allowed in a "
                                   "leading, non-existing dimension " + str(i))
            s = cur
        elif cur != 1 and cur != s:
            raise RuntimeError(f"The expanded size of the tensor ({s}) must match the existing "
                               f"size ({cur}) at non-singleton dimension {i}.  Target sizes: "
                               f"{list(sizes)}.  Tensor sizes: {list(shp)}")
        target.append(s)
    target = tuple(target)
    return _viewed(Expand.apply(input, target), input)


class Unsqueeze(Function):
    _raw = True
    _grad_name = "UnsqueezeBackward0"

    @staticmethod
    def forward(ctx, a, dim):
        ctx.dim = dim
        return np.expand_dims(a._array, dim)

    @staticmethod
    def backward(ctx, grad):
        return grad.squeeze(ctx.dim), None


def unsqueeze(input, dim):
    return _viewed(Unsqueeze.apply(input, _wrap_dim(dim, input._array.ndim + 1)), input)


class Select(Function):
    _raw = True
    _grad_name = "SelectBackward0"

    @staticmethod
    def forward(ctx, a, dim, index):
        ctx.shape, ctx.dim, ctx.index = a._array.shape, dim, index
        return a._array[(slice(None),) * dim + (index,)]

    @staticmethod
    def backward(ctx, grad):
        from .._creation import zeros

        g = zeros(ctx.shape, dtype=grad.dtype, device=grad.device)
        g[(slice(None),) * ctx.dim + (ctx.index,)] = grad
        return g, None, None


def select(input, dim, index):
    dim = _wrap_dim(dim, input._array.ndim)
    size = input._array.shape[dim]
    if not -size <= index < size:
        raise IndexError(f"select(): index {index} out of range for tensor of size "
                         f"{list(input._array.shape)} at dimension {dim}")
    return _viewed(Select.apply(input, dim, index % size), input)


def unbind(input, dim=0):
    dim = _wrap_dim(dim, input._array.ndim)
    return tuple(select(input, dim, i) for i in range(input._array.shape[dim]))

"""Convolution and padding: conv1d/2d/3d, conv_transpose1d/2d/3d, pad, unfold/fold.

Convolution is im2col + GEMM. The input is copied once, channels first and zero-padded,
into ``xt`` (C, N, *padded) (or (C, *padded, N), see ``_batch_last``); the columns
(C, *kernel, N, *out) gather one strided slice of ``xt`` per kernel offset (a loop over
kernel offsets, never over pixels), and the output is ``W (G, Cout/G, Cg*K) @ cols
(G, Cg*K, N*L)``, one batched matmul over the groups. The columns are produced in blocks of
about 1 MB (whole samples, or whole output rows) and each block is multiplied at once
while it is still in cache: measured 10-25% faster than one GEMM over all the columns,
and the columns are never stored whole (nothing kk-times the input is kept for backward;
the weight gradient recomputes them block by block).

A transposed convolution is the adjoint of a convolution, so the whole family needs three
raw kernels and two Functions:

* ``Convolution``: ``y = A(W) x`` (``_conv``) or ``y = A(W)^T x`` (transposed,
  ``_conv_adjoint``: GEMM ``W^T g`` into columns, then col2im accumulating over kernel
  offsets).
* ``ConvWeightGrad``: ``dW = g @ cols(x)^T`` (``_conv_weight_grad``).

Each Function's backward is written with these two Functions, so double backward works:
``<h, A(W)^T g> = <A(W) h, g>`` and ``<H, dW(x, g)> = <A(H) x, g>``.
"""

import itertools
import math

import numpy as np

from .. import _dtype as D
from ..autograd.function import Function
from ._util import check_tensor

__all__ = ["conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
           "conv_transpose3d", "constant_pad_nd"]
__functional__ = ["conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                  "conv_transpose3d", "pad", "unfold", "fold"]


# ---------------------------------------------------------------- raw kernels
# ``geom`` = (stride, pads, dilation, groups); ``pads`` is ((lo, hi), ...) per spatial dim.
#
# The GEMM's columns are the output positions of every sample, ordered (N, *out) or, for
# narrow or strided outputs, (*out, N) ("batch last"): numpy's strided copies and adds
# then run over whole rows of N (or W * N) elements instead of short rows of W or single
# elements, which more than pays for transposing x and y once. (Also measured slower: for
# stride 1, the input gradient as a convolution with the flipped kernel, and columns on a
# "wide" grid of contiguous runs.)

def _batch_last(n, out, stride):
    return n >= 8 and (out[-1] < 24 or stride[-1] > 1)


_BLOCK = 1 << 20  # bytes of columns per block: about what stays in a core's L2 cache


def _layout(n, sp, last):
    """The shape of a channels-first array with spatial size ``sp``: (C, N, *sp) or
    (C, *sp, N) without its leading C."""
    return tuple(sp) + (n,) if last else (n,) + tuple(sp)


def _channels_first(a, last):
    """(N, C, *S) -> (C, N, *S) or (C, *S, N), as a view."""
    return np.moveaxis(a, 0, -1) if last else a.swapaxes(0, 1)


def _padded(x, pads, last):
    """x (N, C, *S) -> a zero-padded, channels-first copy (C, N, *padded) or (C, *padded, N)
    (a view when there is nothing to pad and the batch comes first)."""
    n, c = x.shape[:2]
    xc = _channels_first(x, last)
    if not any(lo or hi for lo, hi in pads):
        # batch last: one transposing copy, so the per-offset copies read whole rows
        return np.ascontiguousarray(xc) if last else xc
    padded = tuple(s + lo + hi for s, (lo, hi) in zip(x.shape[2:], pads))
    xt = np.zeros((c,) + _layout(n, padded, last), x.dtype)
    xt[_spatial(tuple(slice(lo, lo + s) for s, (lo, _) in zip(x.shape[2:], pads)), last)] = xc
    return xt


def _spatial(win, last, batch=slice(None)):
    """The index of spatial slices ``win`` in a channels-first array."""
    every = slice(None)
    return (every,) + win + (batch,) if last else (every, batch) + win


def _column_blocks(n, c, ksize, out, last, itemsize):
    """Blocks [a, b) along the leading axis of the GEMM columns (samples, or output rows
    when the batch is last), each a contiguous range of columns of about _BLOCK bytes of
    im2col columns: a block's columns are produced and consumed while still in cache."""
    lead = out[0] if last else n
    per = n * math.prod(out) // max(lead, 1)  # columns per lead index
    step = max(1, _BLOCK // max(1, c * math.prod(ksize) * per * itemsize))
    return per, [(a, min(a + step, lead)) for a in range(0, lead, step)]


def _windows(ksize, geom, out, last, a, b):
    """For block [a, b): (kernel offset, index of the padded input it sees) per offset."""
    stride, _, dil, _ = geom
    if last:  # the block is output rows a..b-1 of every sample
        sub = (b - a,) + tuple(out[1:])
        first = [a * stride[0]] + [0] * (len(out) - 1)
        batch = slice(None)
    else:  # the block is samples a..b-1
        sub, first, batch = out, [0] * len(out), slice(a, b)
    per_dim = [[slice(f + o * d, f + o * d + (m - 1) * s + 1, s) for o in range(k)]
               for k, d, s, m, f in zip(ksize, dil, stride, sub, first)]
    return [(off, _spatial(win, last, batch)) for off, win in
            zip(itertools.product(*map(range, ksize)), itertools.product(*per_dim))]


def _im2col(xt, ksize, geom, out, last, a, b, n):
    """Block [a, b) of the columns of the padded input ``xt``: (G, Cg*K, columns), one
    strided copy per kernel offset (a loop over kernel offsets, never over pixels)."""
    c, groups = xt.shape[0], geom[3]
    sub = _layout(n, (b - a,) + tuple(out[1:]), True) if last else _layout(b - a, out, False)
    cols = np.empty((c,) + tuple(ksize) + sub, xt.dtype)
    for off, idx in _windows(ksize, geom, out, last, a, b):
        cols[(slice(None),) + off] = xt[idx]
    return cols.reshape(groups, c // groups * math.prod(ksize), math.prod(sub))


def _col2im(cols, xt, ksize, geom, out, last, a, b, n):
    """The adjoint of ``_im2col``: adds block [a, b) of columns into ``xt``."""
    c = xt.shape[0]
    sub = _layout(n, (b - a,) + tuple(out[1:]), True) if last else _layout(b - a, out, False)
    cols = cols.reshape((c,) + tuple(ksize) + sub)
    for off, idx in _windows(ksize, geom, out, last, a, b):
        xt[idx] += cols[(slice(None),) + off]


def _unpad(xt, xshape, pads, last):
    """The inverse of ``_padded``: (N, C, *S), contiguous."""
    xt = xt[_spatial(tuple(slice(lo, lo + s) for s, (lo, _) in zip(xshape[2:], pads)), last)]
    return np.ascontiguousarray(np.moveaxis(xt, -1, 0) if last else xt.swapaxes(0, 1))


def _to_gemm(g, groups, last):
    """(N, Cout, *out) -> (G, Cout/G, N*L): an output gradient in GEMM layout."""
    n, c = g.shape[:2]
    return np.ascontiguousarray(_channels_first(g, last)).reshape(
        groups, c // groups, n * math.prod(g.shape[2:]))


def _grouped(w, groups):
    """(Cout, Cg, *k) -> (G, Cout/G, Cg*K)."""
    return w.reshape(groups, w.shape[0] // groups, math.prod(w.shape[1:]))


def _conv(x, w, geom, out):
    """Convolution forward: y (N, Cout, *out) = W @ im2col(x), block by block."""
    stride, pads, _, groups = geom
    n, c = x.shape[:2]
    ksize, cout = w.shape[2:], w.shape[0]
    last = _batch_last(n, out, stride)
    xt = _padded(x, pads, last)
    wg = _grouped(w, groups)
    per, blocks = _column_blocks(n, c, ksize, out, last, x.itemsize)
    y = np.empty((groups, cout // groups, n * math.prod(out)), x.dtype)
    for a, b in blocks:  # (matmul's out= into the column slice is slower: no BLAS)
        y[:, :, a * per:b * per] = np.matmul(wg, _im2col(xt, ksize, geom, out, last, a, b, n))
    y = y.reshape((cout,) + _layout(n, out, last))
    return np.ascontiguousarray(np.moveaxis(y, -1, 0) if last else y.swapaxes(0, 1))


def _conv_adjoint(g, w, xshape, geom):
    """A(W)^T g: the input gradient of a convolution, the forward of a transposed one:
    W^T @ g block by block, each block's columns added back (col2im) while in cache."""
    stride, pads, _, groups = geom
    n, c = xshape[:2]
    ksize, out = w.shape[2:], g.shape[2:]
    last = _batch_last(n, out, stride)
    wt = _grouped(w, groups).transpose(0, 2, 1)
    gt = _to_gemm(g, groups, last)
    padded = tuple(s + lo + hi for s, (lo, hi) in zip(xshape[2:], pads))
    xt = np.zeros((c,) + _layout(n, padded, last), g.dtype)
    per, blocks = _column_blocks(n, c, ksize, out, last, g.itemsize)
    for a, b in blocks:
        cols = np.matmul(wt, gt[:, :, a * per:b * per])
        _col2im(cols, xt, ksize, geom, out, last, a, b, n)
    return _unpad(xt, xshape, pads, last)


def _conv_weight_grad(x, g, wshape, geom):
    """dL/dW of y = A(W) x for upstream g: the sum over blocks of cols(x) @ g^T."""
    stride, pads, _, groups = geom
    n, c = x.shape[:2]
    ksize, out = wshape[2:], g.shape[2:]
    last = _batch_last(n, out, stride)
    xt = _padded(x, pads, last)
    gt = _to_gemm(g, groups, last).transpose(0, 2, 1)
    per, blocks = _column_blocks(n, c, ksize, out, last, x.itemsize)
    gw = None
    for a, b in blocks:
        # cols @ g^T (transposed back below) runs faster in OpenBLAS than g @ cols^T
        part = np.matmul(_im2col(xt, ksize, geom, out, last, a, b, n), gt[:, a * per:b * per])
        if gw is None:
            gw = part
        else:
            gw += part
    if gw is None:  # no columns (an empty batch)
        gw = np.zeros((groups, c // groups * math.prod(ksize), wshape[0] // groups), x.dtype)
    return np.ascontiguousarray(gw.transpose(0, 2, 1)).reshape(wshape)


# ---------------------------------------------------------------- Functions
def _bias_shape(b, nd):
    return b._array.reshape((-1,) + (1,) * nd)


class Convolution(Function):
    """y = conv(x, W) + b, or conv_transpose(x, W) + b when ``transposed``."""

    _raw = True
    _grad_name = "ConvolutionBackward0"

    @staticmethod
    def forward(ctx, input, weight, bias, geom, transposed, out):
        x, w = input._array, weight._array
        if transposed:
            y = _conv_adjoint(x, w, (x.shape[0], w.shape[1] * geom[3]) + tuple(out), geom)
        else:
            y = _conv(x, w, geom, out)
        if bias is not None:
            y += _bias_shape(bias, len(out))
        ctx.save_for_backward(input, weight)
        ctx.geom, ctx.transposed = geom, transposed
        return y

    @staticmethod
    def backward(ctx, grad):
        input, weight = ctx.saved_tensors
        need = ctx.needs_input_grad
        geom = ctx.geom
        gi = gw = gb = None
        if not ctx.transposed:
            if need[0]:
                gi = Convolution.apply(grad, weight, None, geom, True, input.shape[2:])
            if need[1]:
                gw = ConvWeightGrad.apply(input, grad, geom, weight.shape)
        else:  # y = A(W)^T x, with A mapping y's space to x's
            if need[0]:
                gi = Convolution.apply(grad, weight, None, geom, False, input.shape[2:])
            if need[1]:
                gw = ConvWeightGrad.apply(grad, input, geom, weight.shape)
        if len(need) > 2 and need[2]:
            gb = grad.sum((0,) + tuple(range(2, grad.dim())))
        return gi, gw, gb, None, None, None


class ConvWeightGrad(Function):
    """dW = g @ cols(x)^T, the weight gradient of y = A(W) x."""

    _raw = True
    _grad_name = "ConvolutionBackwardBackward0"

    @staticmethod
    def forward(ctx, input, grad, geom, wshape):
        ctx.save_for_backward(input, grad)
        ctx.geom = geom
        return _conv_weight_grad(input._array, grad._array, tuple(wshape), geom)

    @staticmethod
    def backward(ctx, h):
        input, grad = ctx.saved_tensors
        need = ctx.needs_input_grad
        gx = gg = None
        if need[0]:
            gx = Convolution.apply(grad, h, None, ctx.geom, True, input.shape[2:])
        if need[1]:
            gg = Convolution.apply(input, h, None, ctx.geom, False, grad.shape[2:])
        return gx, gg, None, None


# ---------------------------------------------------------------- argument checks
_NAMES = {1: ("width",), 2: ("height", "width"), 3: ("depth", "height", "width")}


def _intlist(v, n, fname, arg):
    """An int or a sequence of ints -> a tuple (ints repeat to ``n``)."""
    if v.__class__ is int:
        return (v,) * n
    if v.__class__ is tuple and all(e.__class__ is int for e in v):
        return v
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return (int(v),) * n
    if isinstance(v, (tuple, list)) and all(
            isinstance(e, (int, np.integer)) and not isinstance(e, bool) for e in v):
        return tuple(int(e) for e in v)
    raise TypeError(f"{fname}(): argument '{arg}' must be tuple of ints, not "
                    f"{type(v).__name__}")


def _fit(v, k, arg):
    if len(v) == 1:
        return v * k
    if len(v) != k:
        raise RuntimeError(f"expected {arg} to be a single integer value or a list of {k} "
                           "values to match the convolution dimensions, but got "
                           f"{arg}={list(v)}")
    return v


def _shape(shape):
    return "[" + ", ".join(map(str, shape)) + "]"


def _by(vals):
    return "(" + " x ".join(map(str, vals)) + ")"




def _tensor_type(dt):
    return "torch." + D.short_name(dt) + "Tensor"


def _check_common(input, weight, bias, fname, groups):
    check_tensor(input, fname)
    check_tensor(weight, fname, "weight", 2)
    if bias is not None:
        check_tensor(bias, fname, "bias", 3)
    if isinstance(groups, bool) or not isinstance(groups, (int, np.integer)):
        raise TypeError(f"{fname}(): argument 'groups' must be int, not {type(groups).__name__}")
    if input._dtype is not weight._dtype:
        raise RuntimeError(f"Input type ({_tensor_type(input._dtype)}) and weight type "
                           f"({_tensor_type(weight._dtype)}) should be the same or input should "
                           "be a MKLDNN tensor and weight is a dense tensor")
    if bias is not None and bias._dtype is not input._dtype:
        raise RuntimeError(f"Input type ({D.c_name(input._dtype)}) and bias type "
                           f"({D.c_name(bias._dtype)}) should be the same")
    if input._dtype is D.bool:
        raise NotImplementedError(f"\"slow_conv{2 if input.dim() < 5 else 3}d_cpu\" not "
                                  "implemented for 'Bool'")


def _check_rank(input, nd, fname):
    if input.dim() not in (nd + 1, nd + 2):
        raise RuntimeError(f"Expected {nd + 1}D (unbatched) or {nd + 2}D (batched) input to "
                           f"{fname}, but got input of size: {_shape(input.shape)}")


def _check_weight(x, w, b, groups, transposed):
    """torch's checks of weight, bias and channels against a batched input shape."""
    if groups <= 0:
        raise RuntimeError("non-positive groups is not supported")
    wshape = tuple(w.shape)
    if any(k <= 0 for k in wshape[2:]):
        names = _NAMES.get(len(wshape) - 2, ())
        raise RuntimeError("kernel size should be greater than zero, but got " + " ".join(
            f"kernel_{nm}: {k}" for nm, k in zip(names, wshape[2:])))
    if wshape[0] < 1 or (not transposed and wshape[0] < groups):
        raise RuntimeError(f"Given groups={groups}, expected weight to be at least {groups} at "
                           f"dimension 0, but got weight of size {_shape(wshape)} instead")
    if wshape[0] % groups:
        raise RuntimeError(f"Given groups={groups}, expected weight to be divisible by {groups} "
                           f"at dimension 0, but got weight of size [{_shape(wshape)}] instead")
    cin = wshape[0] if transposed else wshape[1] * groups
    if x.shape[1] != cin:
        head = f"Given transposed=1, weight of size" if transposed else \
            f"Given groups={groups}, weight of size"
        raise RuntimeError(f"{head} {_shape(wshape)}, expected input{_shape(x.shape)} to have "
                           f"{cin} channels, but got {x.shape[1]} channels instead")
    cout = wshape[1] * groups if transposed else wshape[0]
    if b is not None and (b.dim() != 1 or b.shape[0] != cout):
        head = "Given transposed=1, weight" if transposed else "Given weight"
        raise RuntimeError(f"{head} of size {_shape(wshape)}, expected bias to be 1-dimensional "
                           f"with {cout} elements, but got bias of size {_shape(b.shape)} "
                           "instead")


def _same_pads(ksize, dilation):
    pads = []
    for k, d in zip(ksize, dilation):
        total = d * (k - 1)
        pads.append((total // 2, total - total // 2))
    return tuple(pads)


def _convnd(nd, fname, input, weight, bias, stride, padding, dilation, groups):
    _check_rank(input, nd, fname)
    _check_common(input, weight, bias, fname, groups)
    stride = _intlist(stride, nd, fname, "stride")
    dilation = _intlist(dilation, nd, fname, "dilation")
    if isinstance(padding, str):
        if padding not in ("same", "valid"):
            raise RuntimeError(f"Invalid padding string: '{padding}'")
    else:
        padding = _intlist(padding, nd, fname, "padding")
    batched = input.dim() == nd + 2
    x = input if batched else input.unsqueeze(0)
    k = weight.dim() - 2
    stride = _fit(stride, k, "stride")
    if isinstance(padding, tuple):
        padding = _fit(padding, k, "padding")
    dilation = _fit(dilation, k, "dilation")
    if x.dim() != weight.dim():
        raise RuntimeError(f"Expected {weight.dim()}-dimensional input for {weight.dim()}-"
                           f"dimensional weight {_shape(weight.shape)}, but got "
                           f"{x.dim()}-dimensional input of size {_shape(x.shape)} instead")
    if any(s <= 0 for s in stride):
        raise RuntimeError("non-positive stride is not supported")
    if any(d <= 0 for d in dilation):
        raise RuntimeError("non-positive dilation is not supported")
    if padding == "valid":
        pads = ((0, 0),) * k
    elif padding == "same":
        if any(s != 1 for s in stride):
            raise RuntimeError("padding='same' is not supported for strided convolutions")
        pads = _same_pads(weight.shape[2:], dilation)
    else:
        if any(p < 0 for p in padding):
            raise RuntimeError("negative padding is not supported")
        pads = tuple((p, p) for p in padding)
    _check_weight(x, weight, bias, groups, False)
    sizes = [s + lo + hi for s, (lo, hi) in zip(x.shape[2:], pads)]
    ext = [d * (kk - 1) + 1 for kk, d in zip(weight.shape[2:], dilation)]
    if any(e > s for e, s in zip(ext, sizes)):
        raise RuntimeError(f"Calculated padded input size per channel: {_by(sizes)}. Kernel "
                           f"size: {_by(ext)}. Kernel size can't be greater than actual input "
                           "size")
    out = tuple((s - e) // st + 1 for s, e, st in zip(sizes, ext, stride))
    y = Convolution.apply(x, weight, bias, (stride, pads, dilation, groups), False, out)
    return y if batched else y.squeeze(0)


def _conv_transposend(nd, fname, input, weight, bias, stride, padding, output_padding, groups,
                      dilation):
    _check_rank(input, nd, fname)
    _check_common(input, weight, bias, fname, groups)
    stride = _intlist(stride, nd, fname, "stride")
    padding = _intlist(padding, nd, fname, "padding")
    output_padding = _intlist(output_padding, nd, fname, "output_padding")
    dilation = _intlist(dilation, nd, fname, "dilation")
    batched = input.dim() == nd + 2
    x = input if batched else input.unsqueeze(0)
    k = weight.dim() - 2
    stride, padding, dilation = (_fit(stride, k, "stride"), _fit(padding, k, "padding"),
                                 _fit(dilation, k, "dilation"))
    output_padding = _fit(output_padding, k, "output_padding")
    if x.dim() != weight.dim():
        raise RuntimeError(f"Expected {weight.dim()}-dimensional input for {weight.dim()}-"
                           f"dimensional weight {_shape(weight.shape)}, but got "
                           f"{x.dim()}-dimensional input of size {_shape(x.shape)} instead")
    if any(s <= 0 for s in stride):
        raise RuntimeError("non-positive stride is not supported")
    if any(p < 0 for p in padding):
        raise RuntimeError("negative padding is not supported")
    if any(p < 0 for p in output_padding):
        raise RuntimeError("negative output_padding is not supported")
    if any(d <= 0 for d in dilation):
        raise RuntimeError("non-positive dilation is not supported")
    _check_weight(x, weight, bias, groups, True)
    if any(op >= s and op >= d for op, s, d in zip(output_padding, stride, dilation)):
        # torch describes a 1-d transposed convolution as a 2-d one of height 1
        names = _NAMES[max(k, 2)]
        ops, ss, ds = output_padding, stride, dilation
        if k == 1:
            ops, ss, ds = (0,) + ops, (1,) + ss, (1,) + ds
        parts = ([f"output_padding_{n}: {v}" for n, v in zip(names, ops)]
                 + [f"stride_{n}: {v}" for n, v in zip(names, ss)]
                 + [f"dilation_{n}: {v}" for n, v in zip(names, ds)])
        raise RuntimeError("output padding must be smaller than either stride or dilation, "
                           "but got " + " ".join(parts))
    out = tuple((s - 1) * st - 2 * p + d * (kk - 1) + op + 1 for s, st, p, d, kk, op in
                zip(x.shape[2:], stride, padding, dilation, weight.shape[2:], output_padding))
    if any(o <= 0 for o in out):
        ins, outs = list(x.shape[2:]), list(out)
        if k == 1:
            ins, outs = [1] + ins, [1] + outs
        raise RuntimeError(f"Given input size per channel: {_by(ins)}. Calculated output size "
                           f"per channel: {_by(outs)}. Output size is too small")
    pads = tuple((p, p) for p in padding)
    y = Convolution.apply(x, weight, bias, (stride, pads, dilation, groups), True, out)
    return y if batched else y.squeeze(0)


# ---------------------------------------------------------------- public convolutions
def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """1-d cross-correlation of ``input`` (N, C_in, L) or (C_in, L) with ``weight``
    (C_out, C_in / groups, k). ``padding`` is an int, a 1-tuple, 'valid' or 'same'.
    Output length: (L + 2 * padding - dilation * (k - 1) - 1) // stride + 1."""
    return _convnd(1, "conv1d", input, weight, bias, stride, padding, dilation, groups)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """2-d cross-correlation of ``input`` (N, C_in, H, W) or (C_in, H, W) with ``weight``
    (C_out, C_in / groups, kH, kW), plus ``bias`` (C_out). Example::

        >>> conv2d(torch.randn(8, 3, 32, 32), torch.randn(16, 3, 3, 3), padding=1).shape
        torch.Size([8, 16, 32, 32])
    """
    return _convnd(2, "conv2d", input, weight, bias, stride, padding, dilation, groups)


def conv3d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """3-d cross-correlation of ``input`` (N, C_in, D, H, W) or (C_in, D, H, W) with
    ``weight`` (C_out, C_in / groups, kD, kH, kW)."""
    return _convnd(3, "conv3d", input, weight, bias, stride, padding, dilation, groups)


def conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1,
                     dilation=1):
    """The adjoint (gradient) of conv1d: ``weight`` is (C_in, C_out / groups, k). Output
    length: (L - 1) * stride - 2 * padding + dilation * (k - 1) + output_padding + 1."""
    return _conv_transposend(1, "conv_transpose1d", input, weight, bias, stride, padding,
                             output_padding, groups, dilation)


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1,
                     dilation=1):
    """The adjoint of conv2d ("deconvolution"): ``weight`` is (C_in, C_out / groups, kH, kW).
    Each output size is (in - 1) * stride - 2 * padding + dilation * (k - 1)
    + output_padding + 1."""
    return _conv_transposend(2, "conv_transpose2d", input, weight, bias, stride, padding,
                             output_padding, groups, dilation)


def conv_transpose3d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1,
                     dilation=1):
    """The adjoint of conv3d: ``weight`` is (C_in, C_out / groups, kD, kH, kW)."""
    return _conv_transposend(3, "conv_transpose3d", input, weight, bias, stride, padding,
                             output_padding, groups, dilation)


# ---------------------------------------------------------------- padding
class ConstantPadNd(Function):
    """Pad with a constant; negative pads crop. ``pads`` is ((lo, hi), ...) for the last
    len(pads) dims in natural order."""

    _raw = True
    _grad_name = "ConstantPadNdBackward0"

    @staticmethod
    def forward(ctx, input, pads, value):
        x = input._array
        lead = x.ndim - len(pads)
        ctx.pads = pads
        shape = x.shape[:lead] + tuple(s + lo + hi for s, (lo, hi) in zip(x.shape[lead:], pads))
        out = np.full(shape, value, x.dtype) if value else np.zeros(shape, x.dtype)
        src = (slice(None),) * lead + tuple(slice(max(-lo, 0), s - max(-hi, 0)) for s, (lo, hi)
                                            in zip(x.shape[lead:], pads))
        dst = (slice(None),) * lead + tuple(slice(max(lo, 0), n - max(hi, 0)) for n, (lo, hi)
                                            in zip(shape[lead:], pads))
        out[dst] = x[src]
        return out

    @staticmethod
    def backward(ctx, grad):
        back = tuple((-lo, -hi) for lo, hi in ctx.pads)
        return ConstantPadNd.apply(grad, back, 0), None, None


def _runs(idx):
    """An index map as maximal runs of consecutive indices: (out start, in start, length)."""
    if len(idx) == 0:
        return []
    breaks = np.flatnonzero(np.diff(idx) != 1) + 1
    starts = [0] + breaks.tolist()
    ends = breaks.tolist() + [len(idx)]
    return [(s, int(idx[s]), e - s) for s, e in zip(starts, ends)]


def _gather(x, maps):
    """Index each padded axis with its map, copying runs of consecutive indices as slices
    (few: one per padded border element plus the interior)."""
    for ax, idx, runs in maps:
        out = np.empty(x.shape[:ax] + (len(idx),) + x.shape[ax + 1:], x.dtype)
        pre = (slice(None),) * ax
        for o, i, n in runs:
            out[pre + (slice(o, o + n),)] = x[pre + (slice(i, i + n),)]
        x = out
    return x


def _scatter(g, maps, in_shape):
    """The adjoint of ``_gather``: sums each output element back onto its source."""
    for ax, idx, runs in reversed(maps):
        out = np.zeros(g.shape[:ax] + (in_shape[ax],) + g.shape[ax + 1:], g.dtype)
        pre = (slice(None),) * ax
        for o, i, n in runs:
            out[pre + (slice(i, i + n),)] += g[pre + (slice(o, o + n),)]
        g = out
    return g


class IndexPad(Function):
    """Reflect / replicate / circular padding: a gather along each padded axis."""

    _raw = True

    @staticmethod
    def forward(ctx, input, maps):
        ctx.maps, ctx.shape = maps, input._array.shape
        return _gather(input._array, maps)

    @staticmethod
    def backward(ctx, grad):
        return IndexPadBackward.apply(grad, ctx.maps, ctx.shape), None


class IndexPadBackward(Function):
    _raw = True
    _grad_name = "IndexPadBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, maps, shape):
        ctx.maps = maps
        return _scatter(grad._array, maps, shape)

    @staticmethod
    def backward(ctx, gg):
        return IndexPad.apply(gg, ctx.maps), None, None


# torch's node names: ReflectionPad2DBackward0, ...; circular padding is slice copies there
_PAD_NODES = {(m, k): type(f"{nm}{k}D", (IndexPad,), {"_raw": True,
                                                     "_grad_name": f"{nm}{k}DBackward0"})
              for m, nm in (("reflect", "ReflectionPad"), ("replicate", "ReplicationPad"))
              for k in (1, 2, 3)}
_PAD_NODES.update({("circular", k): type("CircularPad", (IndexPad,),
                                         {"_raw": True, "_grad_name": "CopySlices"})
                   for k in (1, 2, 3)})


def _index_map(mode, size, lo, hi):
    n = size + lo + hi
    if mode == "circular":
        kept = size + min(lo, 0) + min(hi, 0)
        return max(-lo, 0) + (np.arange(n) - max(lo, 0)) % max(kept, 1)
    q = np.arange(n) - lo
    if mode == "reflect":
        q = np.abs(q)
        return np.where(q >= size, 2 * (size - 1) - q, q)
    return np.clip(q, 0, size - 1)


_NON_CONSTANT = ("  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
                 "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
                 "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)")


def _pad_pairs(input, pad, fname):
    """torch's pad tuple (last dim first) -> ((lo, hi), ...) for the last dims in order."""
    if not isinstance(pad, (tuple, list)):
        raise TypeError(f"{fname}(): argument 'pad' (position 2) must be tuple of ints, not "
                        f"{type(pad).__name__}")
    for i, p in enumerate(pad):
        if isinstance(p, bool) or not isinstance(p, (int, np.integer)):
            raise TypeError(f"{fname}(): argument 'pad' (position 2) must be tuple of ints, but "
                            f"found element of type {type(p).__name__} at pos {i}")
    if len(pad) % 2:
        raise RuntimeError("Padding length must be divisible by 2")
    if len(pad) // 2 > input.dim():
        raise RuntimeError("Padding length should be less than or equal to two times the input "
                           f"dimension but got padding length {len(pad)} and input of dimension "
                           f"{input.dim()}")
    return tuple((int(pad[2 * i]), int(pad[2 * i + 1])) for i in range(len(pad) // 2))[::-1]


def constant_pad_nd(input, pad, value=0):
    """Pads the last len(pad) // 2 dims of ``input`` with ``value``; ``pad`` lists
    (left, right) pairs starting from the last dim, and negative entries crop."""
    check_tensor(input, "constant_pad_nd")
    pads = _pad_pairs(input, pad, "constant_pad_nd")
    lead = input.dim() - len(pads)
    for d, ((lo, hi), s) in enumerate(zip(pads, input.shape[lead:])):
        if s + lo + hi < 0:
            raise RuntimeError("narrow(): length must be non-negative.")
    return ConstantPadNd.apply(input, pads, value)


def pad(input, pad, mode="constant", value=None):
    """Pads ``input``: ``pad`` = (left, right) for the last dim, then (top, bottom) for the
    one before, and so on; negative pads crop. Modes: 'constant' (with ``value``, default 0),
    'reflect' (mirror without repeating the edge), 'replicate' (repeat the edge),
    'circular' (wrap around). Non-constant modes pad the last 1, 2 or 3 dims of a batched or
    unbatched input. Example::

        >>> F.pad(torch.arange(3.).view(1, 1, 3), (2, 1), mode="reflect")
        tensor([[[2., 1., 0., 1., 2., 1.]]])
    """
    check_tensor(input, "pad")
    if mode == "constant":
        return constant_pad_nd(input, pad, 0 if value is None else value)
    if mode not in ("reflect", "replicate", "circular"):
        raise NotImplementedError(f"Unrecognised padding mode {mode}")
    if value is not None and value != 0:
        raise RuntimeError(f"Padding mode \"{mode}\" doesn't take in value argument")
    pads = _pad_pairs(input, pad, "pad")
    k, nd = len(pads), input.dim()
    if k not in (1, 2, 3) or nd not in (k + 1, k + 2):
        raise NotImplementedError(f"Padding size {2 * k} is not supported for {nd}D input "
                                  f"tensor.\nSupported combinations for non-constant padding:\n"
                                  + _NON_CONSTANT)
    shape = tuple(input.shape)
    if mode in ("reflect", "replicate"):
        if input._dtype is D.bool:
            kernel = "reflection" if mode == "reflect" else "replication"
            raise NotImplementedError(f"\"{kernel}_pad{k}d\" not implemented for 'Bool'")
        if any(s == 0 for s in (shape[1:] if nd == k + 2 else shape)):
            raise RuntimeError(f"Expected {k + 1}D or {k + 2}D (batch mode) tensor with possibly 0 "
                               "batch size and other non-zero dimensions for input, but got: "
                               + _shape(shape))
        if mode == "reflect":
            for j, ((lo, hi), s) in enumerate(zip(pads, shape[nd - k:])):
                if lo >= s or hi >= s:
                    raise RuntimeError(
                        f"Argument #{2 * (k - j) + 2}: Padding size should be less than the "
                        "corresponding input dimension, but got: padding "
                        f"({lo}, {hi}) at dimension {nd - k + j} of input {_shape(shape)}")
        for j, ((lo, hi), s) in enumerate(zip(pads, shape[nd - k:])):
            if s + lo + hi < 1:
                nm = "DHW"[3 - k + j]
                raise RuntimeError(f"input ({nm}: {s}) is too small. Calculated output {nm}: "
                                   f"{s + lo + hi}")
    else:
        for (lo, hi), s in zip(pads, shape[nd - k:]):
            kept = s + min(lo, 0) + min(hi, 0)  # circular padding wraps the cropped input
            if kept < 0:
                raise RuntimeError("Negative padding value is resulting in an empty dimension")
            if lo > kept or hi > kept:
                raise RuntimeError("Padding value causes wrapping around more than once.")
    maps = []
    for j, ((lo, hi), s) in enumerate(zip(pads, shape[nd - k:])):
        if lo or hi:
            idx = _index_map(mode, s, lo, hi)
            maps.append((nd - k + j, idx, _runs(idx)))
    return _PAD_NODES[mode, k].apply(input, tuple(maps))


# ---------------------------------------------------------------- unfold / fold
def _unfold_cols(x, geom, ksize, out):
    """(N, C, H, W) -> (N, C*kH*kW, L), torch's unfold layout (channel-major rows)."""
    n, c = x.shape[:2]
    cols = _im2col(_padded(x, geom[1], False), ksize, geom, out, False, 0, n, n)
    cols = cols.reshape(c * math.prod(ksize), n, math.prod(out))
    return np.ascontiguousarray(cols.swapaxes(0, 1))


def _fold_cols(cols, xshape, geom, ksize, out):
    """The adjoint of ``_unfold_cols``: (N, C*kH*kW, L) -> (N, C, H, W), summing overlaps."""
    n, c = xshape[:2]
    padded = tuple(s + 2 * p for s, (p, _) in zip(xshape[2:], geom[1]))
    xt = np.zeros((c, n) + padded, cols.dtype)
    _col2im(np.ascontiguousarray(cols.swapaxes(0, 1)), xt, ksize, geom, out, False, 0, n, n)
    return _unpad(xt, xshape, geom[1], False)


class Im2Col(Function):
    _raw = True
    _grad_name = "Im2ColBackward0"

    @staticmethod
    def forward(ctx, input, geom, ksize, out):
        ctx.args = (input._array.shape, geom, ksize, out)
        return _unfold_cols(input._array, geom, ksize, out)

    @staticmethod
    def backward(ctx, grad):
        shape, geom, ksize, out = ctx.args
        return Col2Im.apply(grad, shape, geom, ksize, out), None, None, None


class Col2Im(Function):
    _raw = True
    _grad_name = "Col2ImBackward0"

    @staticmethod
    def forward(ctx, input, shape, geom, ksize, out):
        ctx.args = (geom, ksize, out)
        return _fold_cols(input._array, shape, geom, ksize, out)

    @staticmethod
    def backward(ctx, grad):
        return (Im2Col.apply(grad, *ctx.args),) + (None,) * 4


def _pair_arg(v, name, fname):
    v = _intlist(v, 2, fname, name)
    if len(v) == 1:
        v = v * 2
    if len(v) != 2:
        raise RuntimeError(f"It is expected {name} equals to 2, but got size {len(v)}")
    return v


def _fold_args(fname, kernel_size, dilation, padding, stride):
    k = _pair_arg(kernel_size, "kernel_size", fname)
    d = _pair_arg(dilation, "dilation", fname)
    p = _pair_arg(padding, "padding", fname)
    s = _pair_arg(stride, "stride", fname)
    for vals, what, short, cond in ((k, "kernel size", "kernel", "greater than zero"),
                                    (s, "stride", "stride", "greater than zero"),
                                    (d, "dilation", "dilation", "greater than zero"),
                                    (p, "padding", "pad", "non-negative")):
        bad = min(vals) < 0 if cond == "non-negative" else min(vals) <= 0
        if bad:
            raise RuntimeError(f"{what} should be {cond}, but got {short}_height: {vals[0]} "
                               f"{short}_width: {vals[1]}")
    return k, d, p, s


def _blocks(size, k, d, p, s):
    return tuple((n + 2 * pp - dd * (kk - 1) - 1) // ss + 1
                 for n, kk, dd, pp, ss in zip(size, k, d, p, s))


def _float_kernel(input, kernel):
    if input._dtype._cat < D._FLOAT:
        raise NotImplementedError(f"\"{kernel}\" not implemented for "
                                  f"'{D.short_name(input._dtype)}'")


def unfold(input, kernel_size, dilation=1, padding=0, stride=1):
    """Extracts sliding local blocks: (N, C, H, W) -> (N, C * prod(kernel_size), L), where
    L is the number of block positions; column l holds the block at position l, row
    c * kH * kW + i * kW + j the element (i, j) of channel c."""
    check_tensor(input, "unfold")
    k, d, p, s = _fold_args("unfold", kernel_size, dilation, padding, stride)
    shape = tuple(input.shape)
    if input.dim() not in (3, 4) or 0 in (shape[1:] if input.dim() == 4 else shape):
        raise RuntimeError("Expected 3D or 4D (batch mode) tensor with possibly 0 batch size "
                           f"and other non-zero dimensions for input, but got: {_shape(shape)}")
    _float_kernel(input, "im2col_out_cpu")
    batched = input.dim() == 4
    x = input if batched else input.unsqueeze(0)
    out = _blocks(shape[-2:], k, d, p, s)
    if min(out) < 1:
        raise RuntimeError(f"Given input with spatial size {tuple(shape[-2:])}, kernel_size={k}, "
                           f"dilation={d}, padding={p}, calculated shape of the array of sliding "
                           f"blocks as {out}, but its components must be at least one.")
    y = Im2Col.apply(x, (s, tuple((v, v) for v in p), d, 1), k, out)
    return y if batched else y.squeeze(0)


def fold(input, output_size, kernel_size, dilation=1, padding=0, stride=1):
    """The adjoint of unfold: sums sliding blocks (N, C * prod(kernel_size), L) into
    (N, C, *output_size); overlapping entries add up."""
    check_tensor(input, "fold")
    size = _pair_arg(output_size, "output_size", "fold")
    k, d, p, s = _fold_args("fold", kernel_size, dilation, padding, stride)
    shape = tuple(input.shape)
    if input.dim() not in (2, 3) or 0 in (shape[1:] if input.dim() == 3 else shape):
        raise RuntimeError("Expected 2D or 3D (batch mode) tensor for input with possibly 0 "
                           "batch size and non-zero dimensions for input, but got: "
                           + _shape(shape))
    _float_kernel(input, "col2im_out_cpu")
    kk = k[0] * k[1]
    if shape[-2] % kk:
        raise RuntimeError("Expected size of input's dimension 1 to be divisible by the product "
                           f"of kernel_size, but got input.size(1)={shape[-2]} and "
                           f"kernel_size={k}.")
    out = _blocks(size, k, d, p, s)
    if shape[-1] != out[0] * out[1] or min(out) < 1:
        raise RuntimeError(f"Given output_size={size}, kernel_size={k}, dilation={d}, "
                           f"padding={p}, stride={s}, expected size of input's dimension 2 to "
                           "match the calculated number of sliding blocks "
                           f"{max(out[0], 0)} * {max(out[1], 0)} = "
                           f"{max(out[0], 0) * max(out[1], 0)}, but got input.size(2)="
                           f"{shape[-1]}.")
    batched = input.dim() == 3
    x = input if batched else input.unsqueeze(0)
    xshape = (x.shape[0], shape[-2] // kk) + size
    y = Col2Im.apply(x, xshape, (s, tuple((v, v) for v in p), d, 1), k, out)
    return y if batched else y.squeeze(0)

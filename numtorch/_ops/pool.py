"""Pooling: max, average, adaptive and power-average pooling, and max_unpool, in 1 to 3 dims.

Every kernel works on the last ``n`` axes of an array of any leading shape (so batched and
unbatched inputs take the same path). A window is never materialised: the forward walks
the kernel offsets and, for each, takes one strided slice of the (padded) input covering
every output position at once, so the work is ``prod(kernel_size)`` vectorised passes.

The backwards are fused raw-array kernels behind ``once_differentiable``: max pooling
scatters the gradient to the argmax of each window and average pooling spreads it over
each window; writing them in Tensor ops would cost a graph node per kernel offset.
1-d pooling runs the 2-d kernels on an unsqueezed input, as torch does (its grad_fn is
then ``SqueezeBackward1``, like torch's).

Adaptive average pooling (and ``interpolate``, see upsample.py) is separable: along each
axis it is a linear map from ``L`` inputs to ``out`` outputs, given here as a few "taps"
(an index array and a weight array per tap, indices sorted), applied one axis at a time.
"""

import itertools
import math

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor, _make
from ..autograd.function import Function, once_differentiable
from ..autograd.grad_mode import _state
from ._util import check_tensor

__all__ = ["max_pool1d", "max_pool2d", "max_pool3d", "max_pool1d_with_indices", "avg_pool1d",
           "adaptive_avg_pool1d"]
__functional__ = [
    "max_pool1d", "max_pool2d", "max_pool3d",
    "max_pool1d_with_indices", "max_pool2d_with_indices", "max_pool3d_with_indices",
    "avg_pool1d", "avg_pool2d", "avg_pool3d",
    "adaptive_avg_pool1d", "adaptive_avg_pool2d", "adaptive_avg_pool3d",
    "adaptive_max_pool1d", "adaptive_max_pool2d", "adaptive_max_pool3d",
    "adaptive_max_pool1d_with_indices", "adaptive_max_pool2d_with_indices",
    "adaptive_max_pool3d_with_indices",
    "lp_pool1d", "lp_pool2d", "lp_pool3d",
    "max_unpool1d", "max_unpool2d", "max_unpool3d",
]

_short = D.short_name
_WORDS = {1: "one", 2: "two", 3: "three"}
_DIMS = {1: ("W",), 2: ("H", "W"), 3: ("T", "H", "W")}


# ---------------------------------------------------------------- argument helpers
def _is_int(v):
    return isinstance(v, (int, np.integer)) and not isinstance(v, bool)


def _as_ints(v, fname, argname, pos):
    """An int or a sequence of ints as a tuple; torch's TypeError otherwise."""
    if isinstance(v, Tensor):
        v = v.tolist()
    if _is_int(v):
        return (int(v),)
    if isinstance(v, (list, tuple)) and all(_is_int(e) or isinstance(e, Tensor) for e in v):
        return tuple(int(e) for e in v)
    raise TypeError(f"{fname}(): argument '{argname}' (position {pos}) must be tuple of ints, "
                    f"not {type(v).__name__}")


def _expand(v, n, fname, argname, pos, msg):
    """``v`` as an n-tuple (a single int, or a sequence of 1 or n ints)."""
    t = _as_ints(v, fname, argname, pos)
    if len(t) == 1:
        return t * n
    if len(t) != n:
        raise RuntimeError(msg)
    return t


def _pool_args(n, fname, kernel_size, stride, padding, dilation=1, avg=False):
    """kernel_size, stride (default: kernel_size), padding, dilation as n-tuples, with
    torch's messages for a wrong length."""
    w = _WORDS[n]
    if avg and n == 3:
        kmsg = f"{fname}: kernel_size must be a single int, or a tuple of three ints"
        smsg = f"{fname}: stride must be omitted, a single int, or a tuple of three ints"
        pmsg = f"{fname}: padding must be a single int, or a tuple of three ints"
    else:
        kmsg = f"{fname}: kernel_size must either be a single int, or a tuple of {w} ints"
        smsg = f"{fname}: stride must either be omitted, a single int, or a tuple of {w} ints"
        pmsg = f"{fname}: padding must either be a single int, or a tuple of {w} ints"
    k = _expand(kernel_size, n, fname, "kernel_size", 2, kmsg)
    if stride is None or (isinstance(stride, (list, tuple)) and len(stride) == 0):
        s = k
    else:
        s = _expand(stride, n, fname, "stride", 3, smsg)
    p = _expand(padding, n, fname, "padding", 4, pmsg)
    d = _expand(dilation, n, fname, "dilation", 5,
                f"{fname}: dilation must be either a single int, or a tuple of {w} ints")
    return k, s, p, d


def _out_len(L, k, s, p, d, ceil):
    """torch's pooling output length (floor or ceil; a ceil window must start inside)."""
    out = (L + 2 * p - d * (k - 1) - 1 + (s - 1 if ceil else 0)) // s + 1
    if ceil and (out - 1) * s >= L + p:
        out -= 1
    return out


def _check_rank(input, n, fname, max_pool):
    """torch's messages for an input of the wrong rank or with an empty non-batch dim."""
    shape = list(input.shape)
    ok = input.dim() in (n + 1, n + 2)
    if n == 2:
        if not ok or any(sz == 0 for sz in shape[-3:]):
            if input.dim() == 2 and not max_pool:  # torch indexes dim -3 first
                raise IndexError("Dimension out of range (expected to be in range of [-2, 1], "
                                 "but got -3)")
            if not ok and (max_pool or input.dim() < 3):
                raise RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input")
            raise RuntimeError("Expected 3D or 4D (batch mode) tensor with optional 0 dim batch "
                               f"size for input, but got:{shape}")
    else:  # n == 3
        if not ok:
            raise RuntimeError("non-empty 4D or 5D (batch mode) tensor expected for input")
        for i in range(input.dim() - 4, input.dim()):
            if shape[i] == 0:
                raise RuntimeError(
                    f"{fname}(): Expected input's non-batch dimensions to have positive length, "
                    f"but input has a shape of {shape} and non-batch dimension {i} has length "
                    "zero!")


def _check_window(input, n, k, s, p, d, ceil):
    """Kernel/stride/padding/dilation checks and the output spatial shape."""
    names = _DIMS[n]
    if any(v == 0 for v in s):
        raise RuntimeError("stride should not be zero")
    if any(v <= 0 for v in k):
        raise RuntimeError("kernel size should be greater than zero, but got "
                           + " ".join(f"k{a}: {v}" for a, v in zip(names, k)))
    if any(v <= 0 for v in s):
        raise RuntimeError("stride should be greater than zero, but got "
                           + " ".join(f"d{a}: {v}" for a, v in zip(names, s)))
    if any(v <= 0 for v in d):
        raise RuntimeError("dilation should be greater than zero, but got "
                           + " ".join(f"dilation{a}: {v}" for a, v in zip(names, d)))
    for pp, kk, dd in zip(p, k, d):
        if pp < 0:
            raise RuntimeError(f"pad must be non-negative, but got pad: {pp}")
        if pp > (dd * (kk - 1) + 1) // 2:
            raise RuntimeError("pad should be at most half of effective kernel size, but got "
                               f"pad={pp}, kernel_size={kk} and dilation={dd}")
    sp = input.shape[-n:]
    out = tuple(_out_len(L, kk, ss, pp, dd, ceil) for L, kk, ss, pp, dd in zip(sp, k, s, p, d))
    if any(o <= 0 for o in out):
        lead = input.shape[-n - 1]
        raise RuntimeError(
            f"Given input size: ({'x'.join(str(v) for v in (lead, *sp))}). Calculated output "
            f"size: ({'x'.join(str(v) for v in (lead, *out))}). Output size is too small")
    return out


# ---------------------------------------------------------------- window machinery
def _padded(x, n, k, s, p, d, out, fill):
    """``x`` padded by ``p`` before and by enough after to hold every window; ``x`` itself
    when no padding is needed."""
    pads = []
    for L, kk, ss, pp, dd, o in zip(x.shape[-n:], k, s, p, d, out):
        hi = max(0, (o - 1) * ss + dd * (kk - 1) + 1 - L - pp)
        pads.append((pp, hi))
    if not any(a or b for a, b in pads):
        return x
    return np.pad(x, [(0, 0)] * (x.ndim - n) + pads, constant_values=fill)


def _offsets(k):
    return itertools.product(*(range(kk) for kk in k))


def _window_slice(off, s, d, out):
    """The slice of the padded input seen by kernel offset ``off`` at every output."""
    return (Ellipsis,) + tuple(slice(o * dd, o * dd + (m - 1) * ss + 1, ss)
                               for o, ss, dd, m in zip(off, s, d, out))


def _broadcast_axes(vectors):
    """Per-axis 1-d vectors reshaped to broadcast over the last len(vectors) axes."""
    n = len(vectors)
    return [v.reshape((-1,) + (1,) * (n - 1 - i)) for i, v in enumerate(vectors)]


# ---------------------------------------------------------------- max pooling
def _max_forward(x, n, k, s, p, d, out, need_idx):
    """Window maxima and (if ``need_idx``) the kernel offset number of each argmax.
    Like torch, the first maximum wins a tie and a NaN wins over everything (the last
    NaN of the window)."""
    fill = -np.inf if x.dtype.kind == "f" else np.iinfo(x.dtype).min
    xp = _padded(x, n, k, s, p, d, out, fill)
    K = math.prod(k)
    padded = xp is not x
    shape = x.shape[:-n] + out
    arg = None
    if padded:  # start from the fill value; the argmax starts at each window's first valid tap
        best = np.full(shape, fill, x.dtype)
        if need_idx:
            first = [np.maximum(0, -((np.arange(o) * ss - pp) // dd)) for o, ss, pp, dd in
                     zip(out, s, p, d)]
            arg = np.zeros(shape, np.min_scalar_type(K))
            arg[...] = sum(f * math.prod(k[i + 1:]) for i, f in enumerate(_broadcast_axes(first)))
        offs = enumerate(_offsets(k))
    else:
        offs = enumerate(_offsets(k))
        next(offs)
        best = xp[_window_slice((0,) * n, s, d, out)].copy()
        if need_idx:
            arg = np.zeros(shape, np.min_scalar_type(K))
    nan = need_idx and x.dtype.kind == "f" and np.isnan(x.sum())
    if need_idx:
        mask, hit = np.empty(shape, bool), np.empty(shape, arg.dtype)
    for j, off in offs:
        v = xp[_window_slice(off, s, d, out)]
        if need_idx:
            # offsets come in increasing order and a later winner overrides, so the argmax
            # is the largest j whose tap beat the running maximum (every such j is a valid
            # tap, past the initial one): a branch-free max instead of np.putmask, whose
            # data-dependent branches cost several times more on random masks
            np.greater(v, best, out=mask)
            if nan:
                mask |= np.isnan(v)
            np.maximum(arg, np.multiply(mask, arg.dtype.type(j), out=hit), out=arg)
        np.maximum(best, v, out=best)
    return best, arg


def _flat_indices(arg, n, k, s, p, d, out, sp):
    """Kernel offset numbers to indices into each flattened input plane: the window's
    start plus a per-offset delta looked up in a table (one gather, no unravel)."""
    strides = [math.prod(sp[i + 1:]) for i in range(n)]
    delta = np.zeros(math.prod(k), np.int64)
    for j, off in enumerate(_offsets(k)):
        delta[j] = sum(o * dd * st for o, dd, st in zip(off, d, strides))
    idx = delta[arg]
    for start, st in zip(_broadcast_axes([np.arange(o) * ss - pp for o, ss, pp in
                                          zip(out, s, p)]), strides):
        idx += start * st
    return idx


class _MaxPoolNd(Function):
    _raw = True

    @staticmethod
    def forward(ctx, a, n, k, s, p, d, out, need_arg, need_idx):
        x = a._array
        best, arg = _max_forward(x, n, k, s, p, d, out, need_arg or need_idx)
        ctx.args = (n, k, s, p, d, out, x.shape)
        ctx.arg = arg
        if need_idx:
            return best, _flat_indices(arg, n, k, s, p, d, out, x.shape[-n:])
        return best

    @staticmethod
    @once_differentiable
    def backward(ctx, grad, *_):
        n, k, s, p, d, out, shape = ctx.args
        g, arg = grad._array, ctx.arg
        nones = (None,) * 9
        zero = np.zeros((), g.dtype)
        finite = g.dtype.kind != "f" or np.isfinite(g.sum())

        def routed(j):  # the gradient of the outputs whose argmax is kernel offset j
            hit = arg == j
            return g * hit if finite else np.where(hit, g, zero)

        sp = shape[-n:]
        if s == k and not any(p) and all(dd == 1 for dd in d) and \
                all(o * kk <= L for o, kk, L in zip(out, k, sp)):
            # disjoint windows tiling the input: every position is written exactly once
            full = all(o * kk == L for o, kk, L in zip(out, k, sp))
            gi = (np.empty if full else np.zeros)(shape, g.dtype)
            for j, off in enumerate(_offsets(k)):
                gi[_window_slice(off, s, d, out)] = routed(j)
            return (_make(gi, grad._dtype),) + nones
        if math.prod(k) > 4 and g.dtype.kind == "f":
            # overlapping windows: scatter every output's gradient to its argmax in one
            # pass (np.bincount sums in float64), instead of one masked pass per offset
            idx = _flat_indices(arg, n, k, s, p, d, out, sp)
            plane = math.prod(sp)
            lead = math.prod(shape[:-n])
            idx += (np.arange(lead, dtype=np.int64) * plane).reshape(shape[:-n] + (1,) * n)
            gi = np.bincount(idx.ravel(), weights=g.ravel(), minlength=lead * plane)
            return (_make(gi.astype(g.dtype, copy=False).reshape(shape), grad._dtype),) + nones
        # for one kernel offset, distinct outputs read distinct inputs, so += is exact
        gp = np.zeros(shape[:-n] + tuple(L + 2 * pp + (o - 1) * ss + dd * (kk - 1) + 1
                                          for L, pp, o, ss, dd, kk in
                                          zip(sp, p, out, s, d, k)), g.dtype)
        for j, off in enumerate(_offsets(k)):
            gp[_window_slice(off, s, d, out)] += routed(j)
        crop = (Ellipsis,) + tuple(slice(pp, pp + L) for pp, L in zip(p, sp))
        return (_make(gp[crop], grad._dtype),) + nones


class MaxPool2DWithIndices(_MaxPoolNd):
    _grad_name = "MaxPool2DWithIndicesBackward0"


class MaxPool3DWithIndices(_MaxPoolNd):
    _grad_name = "MaxPool3DWithIndicesBackward0"


def _max_pool(input, n, fname, kernel_size, stride, padding, dilation, ceil_mode, need_idx):
    check_tensor(input, fname)
    k, s, p, d = _pool_args(n, fname, kernel_size, stride, padding, dilation)
    _check_rank(input, n, fname if n == 2 else "max_pool3d_with_indices_out_cpu_template", True)
    if input._dtype is D.bool:
        raise NotImplementedError(f"\"{fname}\" not implemented for 'Bool'")
    out = _check_window(input, n, k, s, p, d, ceil_mode)
    cls = MaxPool2DWithIndices if n == 2 else MaxPool3DWithIndices
    return cls.apply(input, n, k, s, p, d, out, input._rg and _state.enabled, need_idx)


def _check_1d(input, fname):
    if input.dim() not in (2, 3):
        raise RuntimeError(f"Expected 2 to 3 dimensions, but got {input.dim()}-dimensional "
                           f"tensor for argument #1 'self' (while checking arguments for {fname})")


def _arg1d(v, fname, argname):
    t = _as_ints(v, fname, argname, 2)
    if len(t) != 1:
        raise RuntimeError(f"{fname}() {argname} must be an int, list of ints or tuple of ints "
                           f"of size 1 but got size {len(t)}")
    return t[0]


def max_pool1d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1,
                            ceil_mode=False, return_indices=False):
    """1-d max pooling returning (values, indices into each input row)."""
    return _max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode, True)


def _max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode, need_idx):
    fname = "max_pool1d"
    check_tensor(input, fname)
    k = _arg1d(kernel_size, fname, "kernel_size")
    s = k if stride is None or stride == [] or stride == () else _arg1d(stride, fname, "stride")
    p = _arg1d(padding, fname, "padding")
    d = _arg1d(dilation, fname, "dilation")
    _check_1d(input, fname)
    if not need_idx:  # torch's own 1-d kernel checks (and messages) first
        if input._dtype._cat < D._FLOAT:
            raise NotImplementedError(f"\"max_pool1d_impl\" not implemented for "
                                      f"'{_short(input._dtype)}'")
        for name, v in (("kernel_size", k), ("stride", s), ("dilation", d)):
            if v <= 0:
                raise RuntimeError(f"max_pool1d() {name} must be greater than zero, but got {v}")
        if p < 0:
            raise RuntimeError(f"max_pool1d() padding must be non-negative, but got {p}")
        if p > k // 2:
            raise RuntimeError("max_pool1d() padding should be at most half of kernel size, but "
                               f"got padding={p} and kernel_size={k}")
        if _out_len(input.shape[-1], k, s, p, d, ceil_mode) <= 0:
            raise RuntimeError("max_pool1d() Invalid computed output size: "
                               f"{_out_len(input.shape[-1], k, s, p, d, ceil_mode)}")
    r = _max_pool(input.unsqueeze(-2), 2, "max_pool2d", (1, k), (1, s), (0, p), (1, d),
                  ceil_mode, need_idx)
    if need_idx:
        return r[0].squeeze(-2), r[1].squeeze(-2)
    return r.squeeze(-2)


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """Max over sliding windows of the last axis; (values, indices) with return_indices."""
    return _max_pool1d(input, kernel_size, stride, padding, dilation, ceil_mode, return_indices)


def max_pool2d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1,
                            ceil_mode=False, return_indices=False):
    """2-d max pooling returning (values, indices into each flattened H*W plane)."""
    return _max_pool(input, 2, "max_pool2d", kernel_size, stride, padding, dilation,
                     ceil_mode, True)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """Max over (kH, kW) windows of (N, C, H, W) or (C, H, W) input; output size per axis
    floor((L + 2 * padding - dilation * (k - 1) - 1) / stride) + 1 (ceil with ceil_mode).

    >>> F.max_pool2d(torch.arange(16.).view(1, 1, 4, 4), 2)
    tensor([[[[ 5.,  7.],
              [13., 15.]]]])
    """
    return _max_pool(input, 2, "max_pool2d", kernel_size, stride, padding, dilation,
                     ceil_mode, return_indices)


def max_pool3d_with_indices(input, kernel_size, stride=None, padding=0, dilation=1,
                            ceil_mode=False, return_indices=False):
    """3-d max pooling returning (values, indices into each flattened T*H*W volume)."""
    return _max_pool(input, 3, "max_pool3d", kernel_size, stride, padding, dilation,
                     ceil_mode, True)


def max_pool3d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """Max over (kT, kH, kW) windows of (N, C, T, H, W) or (C, T, H, W) input."""
    return _max_pool(input, 3, "max_pool3d", kernel_size, stride, padding, dilation,
                     ceil_mode, return_indices)


# ---------------------------------------------------------------- average pooling
def _divisor(n, k, s, p, out, sp, count_include_pad, divisor_override, dt):
    """The divisor of every window: divisor_override, the window size clipped to the padded
    input (count_include_pad), or the number of real input elements in the window."""
    if divisor_override is not None:
        return dt.type(divisor_override)
    sizes = []
    for o, kk, ss, pp, L in zip(out, k, s, p, sp):
        start = np.arange(o) * ss - pp
        end = np.minimum(start + kk, L + pp)
        if count_include_pad:
            sizes.append(end - start)
        else:
            sizes.append(np.minimum(end, L) - np.maximum(start, 0))
    if all((v == v[0]).all() for v in sizes):
        return dt.type(math.prod(int(v[0]) for v in sizes))
    div = 1
    for v in _broadcast_axes(sizes):
        div = div * v
    return div.astype(dt)


class _AvgPoolNd(Function):
    _raw = True

    @staticmethod
    def forward(ctx, a, n, k, s, p, out, count_include_pad, divisor_override):
        x = a._array
        acc_dt = np.dtype(np.float32) if x.dtype == np.float16 else x.dtype
        xp = _padded(x, n, k, s, p, (1,) * n, out, 0)
        acc = None
        for off in _offsets(k):
            v = xp[_window_slice(off, s, (1,) * n, out)]
            if acc is None:
                acc = v.astype(acc_dt, copy=True)
            else:
                acc += v
        div = _divisor(n, k, s, p, out, x.shape[-n:], count_include_pad, divisor_override,
                       np.dtype(np.float64) if acc_dt.kind != "f" else acc_dt)
        ctx.args = (n, k, s, p, out, x.shape, div)
        if acc_dt.kind != "f":  # integer average: truncated towards zero, like torch
            return np.trunc(acc / div).astype(x.dtype)
        return (acc / div).astype(x.dtype, copy=False)

    @staticmethod
    @once_differentiable
    def backward(ctx, grad):
        n, k, s, p, out, shape, div = ctx.args
        gd = grad._array / (div.astype(grad._array.dtype) if isinstance(div, np.ndarray)
                             else grad._array.dtype.type(div))
        ones = (1,) * n
        if s == k and not any(p) and all(o * kk == L for o, kk, L in zip(out, k, shape[-n:])):
            gi = np.empty(shape, gd.dtype)  # disjoint windows tiling the input
            for off in _offsets(k):
                gi[_window_slice(off, s, ones, out)] = gd
            return (_make(gi, grad._dtype),) + (None,) * 7
        gp = np.zeros(shape[:-n] + tuple(L + 2 * pp + (o - 1) * ss + kk
                                          for L, pp, o, ss, kk in zip(shape[-n:], p, out, s, k)),
                      gd.dtype)
        for off in _offsets(k):
            gp[_window_slice(off, s, ones, out)] += gd
        crop = (Ellipsis,) + tuple(slice(pp, pp + L) for pp, L in zip(p, shape[-n:]))
        return (_make(gp[crop], grad._dtype),) + (None,) * 7


class AvgPool2D(_AvgPoolNd):
    _grad_name = "AvgPool2DBackward0"


class AvgPool3D(_AvgPoolNd):
    _grad_name = "AvgPool3DBackward0"


def _avg_pool(input, n, fname, kernel_size, stride, padding, ceil_mode, count_include_pad,
              divisor_override):
    check_tensor(input, fname)
    k, s, p, _ = _pool_args(n, fname, kernel_size, stride, padding, avg=True)
    _check_rank(input, n, fname, False)
    if input._dtype._cat < D._FLOAT and input._dtype is not D.int64:
        raise NotImplementedError(f"\"{fname}\" not implemented for '{_short(input._dtype)}'")
    if divisor_override is not None and divisor_override == 0:
        raise RuntimeError("divisor must be not zero")
    out = _check_window(input, n, k, s, p, (1,) * n, ceil_mode)
    cls = AvgPool2D if n == 2 else AvgPool3D
    return cls.apply(input, n, k, s, p, out, count_include_pad, divisor_override)


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True):
    """Mean over sliding windows of the last axis of (N, C, L) or (C, L) input."""
    fname = "avg_pool1d"
    check_tensor(input, fname)
    vals = []
    for name, v in (("kernel_size", kernel_size), ("stride", stride), ("padding", padding)):
        if name == "stride" and (v is None or (isinstance(v, (list, tuple)) and not v)):
            vals.append(vals[0])
            continue
        t = _as_ints(v, fname, name, len(vals) + 2)
        if len(t) != 1:
            raise RuntimeError(f"{fname}() argument '{name}' should contain one int "
                               f"(got {len(t)})")
        vals.append(t[0])
    _check_1d(input, fname)
    k, s, p = vals
    if input.shape[-2] == 0:
        raise RuntimeError("Expected 3D or 4D (batch mode) tensor with optional 0 dim batch "
                           f"size for input, but got:{list(input.unsqueeze(-2).shape)}")
    return _avg_pool(input.unsqueeze(-2), 2, "avg_pool2d", (1, k), (1, s), (0, p), ceil_mode,
                     count_include_pad, None).squeeze(-2)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None):
    """Mean over (kH, kW) windows of (N, C, H, W) or (C, H, W) input. The divisor is
    divisor_override, else the window size (count_include_pad) or the number of
    non-padding elements in the window."""
    return _avg_pool(input, 2, "avg_pool2d", kernel_size, stride, padding, ceil_mode,
                     count_include_pad, divisor_override)


def avg_pool3d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None):
    """Mean over (kT, kH, kW) windows of (N, C, T, H, W) or (C, T, H, W) input."""
    return _avg_pool(input, 3, "avg_pool3d", kernel_size, stride, padding, ceil_mode,
                     count_include_pad, divisor_override)


# ---------------------------------------------------------------- separable linear maps
class Map1d:
    """A linear map along one axis from ``L`` inputs to ``out`` outputs:
    ``y[o] = sum_t w_t[o] * x[idx_t[o]]`` over a few taps, each ``idx_t`` non-decreasing
    (so the transpose is a segment sum). ``block`` > 0 marks the special case of disjoint
    blocks of ``block`` inputs summed (w = None, done by a reshape). ``div`` (or None)
    divides the result."""

    __slots__ = ("L", "out", "taps", "block", "div")

    def __init__(self, L, out, taps=(), block=0, div=None):
        self.L, self.out, self.taps, self.block, self.div = L, out, list(taps), block, div

    def apply(self, x, axis):
        """The map along ``axis`` (negative) of ``x``."""
        if self.block:
            shp = x.shape[:axis] + (self.out, self.block) + (x.shape[axis + 1:] if axis != -1
                                                             else ())
            y = x.reshape(shp).sum(axis=axis)
        else:
            y = None
            for idx, w in self.taps:
                v = x.take(idx, axis=axis)
                if w is not None:
                    v = _times(v, w, axis)
                y = v if y is None else _add(y, v)
        if self.div is not None:
            y = _divide(y, self.div, axis)
        return y.astype(x.dtype, copy=False)

    def transpose(self, g, axis):
        """The adjoint map (``out`` -> ``L``) along ``axis`` of ``g``."""
        if self.div is not None:
            g = _divide(g, self.div, axis)
        if self.block:
            g = np.repeat(g, self.block, axis=axis)
            if g.shape[axis] != self.L:  # no spare inputs in block mode, but be safe
                pad = [(0, 0)] * g.ndim
                pad[axis] = (0, self.L - g.shape[axis])
                g = np.pad(g, pad)
            return g
        shape = list(g.shape)
        shape[axis] = self.L
        if self.L * self.out <= _DENSE and g.dtype.kind == "f" and np.isfinite(g.sum()):
            return self._dense_transpose(g, axis)
        gi = None
        for idx, w in self.taps:
            v = g if w is None else _times(g, w, axis)
            uniq, starts, counts = np.unique(idx, return_index=True, return_counts=True)
            if len(uniq) == len(idx):
                seg = v
            elif len(uniq) == self.L and (counts == counts[0]).all():
                # every input feeds the same number of consecutive outputs: a reshape-sum
                r = int(counts[0])
                lead = (slice(None),) * (v.ndim + axis)
                seg = v[lead + (slice(0, None, r),)].copy()
                for i in range(1, r):
                    seg += v[lead + (slice(i, None, r),)]
            else:
                seg = np.add.reduceat(v, starts, axis=axis)
            if len(uniq) == self.L:
                gi = seg.copy() if gi is None and seg is g else (seg if gi is None else
                                                                 _add(gi, seg))
            else:
                if gi is None:
                    gi = np.zeros(shape, g.dtype)
                gi[(slice(None),) * (g.ndim + axis) + (uniq,)] += seg
        return gi


    def _dense_transpose(self, g, axis):
        """The adjoint as a matmul with the (out, L) matrix of the map: BLAS beats segment
        sums for the small maps of image resizing (zero weights are exact for finite g)."""
        m = np.zeros((self.out, self.L), g.dtype)
        rows = np.arange(self.out)
        for idx, w in self.taps:
            m[rows, idx] += 1 if w is None else w.astype(g.dtype)
        if axis == -1:  # (the caller has already divided g by div)
            return g @ m
        lead = g.shape[:g.ndim + axis]
        rest = g.shape[g.ndim + axis + 1:]
        gi = m.T @ g.reshape(lead + (self.out, math.prod(rest)))
        return gi.reshape(lead + (self.L,) + rest)


_DENSE = 1 << 16  # largest out * L map transposed by a dense matmul


def _along(v, axis):
    return v.reshape((-1,) + (1,) * (-axis - 1))


def _times(x, w, axis):
    """``x`` weighted along ``axis``; a boolean ``w`` masks (so inf * 0 never makes NaN)."""
    if w.dtype == np.bool_:
        return np.where(_along(w, axis), x, np.zeros((), x.dtype))
    return x * _along(w, axis).astype(x.dtype, copy=False)


def _divide(x, div, axis):
    return x / _along(div, axis).astype(x.dtype, copy=False)


def _add(a, b):
    a += b
    return a


def apply_maps(x, maps):
    """Apply one Map1d per trailing axis (the last axis first, as torch interpolates W
    before H)."""
    n = len(maps)
    for i in range(n - 1, -1, -1):
        x = maps[i].apply(x, i - n)
    return x


def transpose_maps(g, maps):
    n = len(maps)
    for i in range(n):
        g = maps[i].transpose(g, i - n)
    return g


def _adaptive_bounds(L, out):
    o = np.arange(out)
    start = (o * L) // out
    end = -((-(o + 1) * L) // out)
    return start, end


def _adaptive_avg_map(L, out):
    if out and L % out == 0:
        return Map1d(L, out, block=L // out, div=np.full(out, L // out))
    start, end = _adaptive_bounds(L, out)
    kmax = int((end - start).max()) if out else 0
    taps = []
    for j in range(kmax):
        idx = np.minimum(start + j, end - 1)
        valid = start + j < end
        taps.append((idx, None if valid.all() else valid))
    return Map1d(L, out, taps, div=end - start)


class _AdaptiveAvgPoolNd(Function):
    _raw = True

    @staticmethod
    def forward(ctx, a, maps):
        x = a._array
        ctx.maps = maps
        if x.dtype == np.float16:
            return apply_maps(x.astype(np.float32), maps).astype(np.float16)
        return apply_maps(x, maps)

    @staticmethod
    @once_differentiable
    def backward(ctx, grad):
        return _make(transpose_maps(grad._array, ctx.maps), grad._dtype), None


class AdaptiveAvgPool2D(_AdaptiveAvgPoolNd):
    _grad_name = "AdaptiveAvgPool2DBackward0"


class AdaptiveAvgPool3D(_AdaptiveAvgPoolNd):
    _grad_name = "AdaptiveAvgPool3DBackward0"


def _output_size(output_size, n, sp, fname, avg):
    """output_size as an n-tuple; None entries keep the input size."""
    if isinstance(output_size, (list, tuple)):
        size = list(output_size)
        if len(size) != n:
            if avg:
                raise RuntimeError(f"{fname}: output_size must be {n}")
            raise RuntimeError(f"{fname}(): internal error: output_size.size() must be {n}")
    else:
        size = [output_size] * n
    size = [L if v is None else v for v, L in zip(size, sp)]
    for v in size:
        if not _is_int(v):
            raise TypeError(f"{fname}(): argument 'output_size' must be tuple of ints, but "
                            f"found element of type {type(v).__name__}")
    return tuple(int(v) for v in size)


def _check_adaptive(input, n, fname, size, avg):
    shape = list(input.shape)
    if input.dim() not in (n + 1, n + 2):
        sep = ": " if not avg else ""
        raise RuntimeError(f"{fname}(): Expected {n + 1}D or {n + 2}D tensor, but got{sep} "
                           f"{shape}" if not avg else
                           f"{fname}(): Expected {n + 1}D or {n + 2}D tensor, but got {shape}")
    if input._dtype._cat < D._FLOAT:
        raise NotImplementedError(f"\"{fname}\" not implemented for '{_short(input._dtype)}'")
    for i in range(input.dim() - n, input.dim()):
        if shape[i] == 0:
            raise RuntimeError(
                f"{fname}(): Expected input to have non-zero size for non-batch dimensions, but "
                f"input has sizes {shape} with dimension {i} being empty")
    if any(v < 0 for v in size):
        if avg:
            rec = ", ".join(str(v) for v in size) if n < 3 else \
                f"{size[0]}, {size[1]},{size[2]}"
            raise RuntimeError(f"{fname}: elements of output_size must be greater than or "
                               f"equal to 0 but received {{{rec}}}")
        raise RuntimeError(f"Trying to create tensor with negative dimension "
                           f"{min(size)}: {shape[:-n] + list(size)}")


def _adaptive_avg(input, n, output_size):
    fname = f"adaptive_avg_pool{n}d"
    if not isinstance(input, Tensor):
        raise AttributeError(f"'{type(input).__name__}' object has no attribute 'size'")
    sp = tuple(input.shape[-n:]) if input.dim() >= n else ()
    size = _output_size(output_size, n, sp, fname, True)
    _check_adaptive(input, n, fname, size, True)
    if all(v == 1 for v in size):  # torch takes the mean (its grad_fn is MeanBackward1)
        return input.mean(tuple(range(-n, 0)), keepdim=True)
    maps = [_adaptive_avg_map(L, o) for L, o in zip(sp, size)]
    cls = AdaptiveAvgPool2D if n == 2 else AdaptiveAvgPool3D
    return cls.apply(input, maps)


def adaptive_avg_pool1d(input, output_size):
    """Average pooling of the last axis to ``output_size`` outputs; output i averages
    input[floor(i * L / out) : ceil((i + 1) * L / out)]."""
    check_tensor(input, "adaptive_avg_pool1d")
    if isinstance(output_size, (list, tuple)) and len(output_size) != 1:
        raise RuntimeError("adaptive_avg_pool1d() argument 'output_size' should contain one int "
                           f"(got {len(output_size)})")
    o = output_size[0] if isinstance(output_size, (list, tuple)) else output_size
    _check_1d(input, "adaptive_avg_pool1d")
    return _adaptive_avg(input.unsqueeze(-2), 2, (1, o)).squeeze(-2)


def adaptive_avg_pool2d(input, output_size):
    """Average pooling of (N, C, H, W) or (C, H, W) input to ``output_size`` (an int, or
    (oH, oW) with None keeping that input size); windows may overlap by one."""
    return _adaptive_avg(input, 2, output_size)


def adaptive_avg_pool3d(input, output_size):
    """Average pooling of (N, C, T, H, W) or (C, T, H, W) input to ``output_size``."""
    return _adaptive_avg(input, 3, output_size)


# ---------------------------------------------------------------- adaptive max pooling
def _scatter_planes(g, idx, shape, n):
    """Sum ``g`` into zeros of ``shape`` at the flat per-plane positions ``idx``
    (positions may repeat: np.bincount does the sums)."""
    P = math.prod(shape[-n:])
    rows = math.prod(shape[:-n])
    gq = g.reshape(rows, math.prod(g.shape[-n:]))
    pos = (idx.reshape(gq.shape) + (np.arange(rows) * P)[:, None]).ravel()
    acc = np.bincount(pos, weights=gq.ravel(), minlength=rows * P)
    return acc.astype(g.dtype, copy=False).reshape(shape)


class _AdaptiveMaxPoolNd(Function):
    _raw = True

    @staticmethod
    def forward(ctx, a, size):
        x = a._array
        n = len(size)
        sp = x.shape[-n:]
        bounds = [_adaptive_bounds(L, o) for L, o in zip(sp, size)]
        kmax = tuple(int((e - s).max()) if len(s) else 1 for s, e in bounds)
        best = arg = None
        nan = x.dtype.kind == "f" and np.isnan(x.sum())
        for j, off in enumerate(_offsets(kmax)):
            v = x
            for i, ((s, e), t) in enumerate(zip(bounds, off)):
                v = v.take(np.minimum(s + t, e - 1), axis=i - n)
            if best is None:
                best = v.copy()
                arg = np.zeros(v.shape, np.min_scalar_type(math.prod(kmax)))
                continue
            mask = v > best
            if nan:
                mask |= np.isnan(v)
            np.putmask(arg, mask, j)
            np.maximum(best, v, out=best)
        taps = np.unravel_index(arg, kmax)
        idx = np.zeros(arg.shape, np.int64)
        starts = _broadcast_axes([s for s, _ in bounds])
        ends = _broadcast_axes([e for _, e in bounds])
        for i in range(n):
            pos = np.minimum(starts[i] + taps[i], ends[i] - 1)
            idx += pos * math.prod(sp[i + 1:])
        ctx.idx, ctx.shape, ctx.n = idx, x.shape, n
        return best, idx

    @staticmethod
    @once_differentiable
    def backward(ctx, grad, _):
        return _make(_scatter_planes(grad._array, ctx.idx, ctx.shape, ctx.n), grad._dtype), None


class AdaptiveMaxPool2D(_AdaptiveMaxPoolNd):
    _grad_name = "AdaptiveMaxPool2DBackward0"


class AdaptiveMaxPool3D(_AdaptiveMaxPoolNd):
    _grad_name = "AdaptiveMaxPool3DBackward0"


def _adaptive_max(input, n, output_size, return_indices):
    fname = f"adaptive_max_pool{n}d"
    check_tensor(input, fname)
    sp = tuple(input.shape[-n:]) if input.dim() >= n else ()
    size = _output_size(output_size, n, sp, fname, False)
    _check_adaptive(input, n, fname, size, False)
    cls = AdaptiveMaxPool2D if n == 2 else AdaptiveMaxPool3D
    out, idx = cls.apply(input, size)
    return (out, idx) if return_indices else out


def adaptive_max_pool1d_with_indices(input, output_size, return_indices=False):
    """Adaptive max pooling of the last axis, returning (values, indices)."""
    return _adaptive_max1d(input, output_size, True)


def _adaptive_max1d(input, output_size, return_indices):
    fname = "adaptive_max_pool1d"
    check_tensor(input, fname)
    if isinstance(output_size, (list, tuple)) and len(output_size) != 1:
        raise RuntimeError(f"{fname}() argument 'output_size' should contain one int "
                           f"(got {len(output_size)})")
    o = output_size[0] if isinstance(output_size, (list, tuple)) else output_size
    _check_1d(input, fname)
    if input.shape[-1] == 0:
        raise RuntimeError(
            f"{fname}(): Expected input to have non-zero size for non-batch dimensions, but "
            f"input has sizes {list(input.shape)} with dimension {input.dim() - 1} being empty")
    out, idx = _adaptive_max(input.unsqueeze(-2), 2, (1, o), True)
    if return_indices:
        return out.squeeze(-2), idx.squeeze(-2)
    return out.squeeze(-2)


def adaptive_max_pool1d(input, output_size, return_indices=False):
    """Max over adaptive windows of the last axis (see adaptive_avg_pool1d)."""
    return _adaptive_max1d(input, output_size, return_indices)


def adaptive_max_pool2d_with_indices(input, output_size, return_indices=False):
    return _adaptive_max(input, 2, output_size, True)


def adaptive_max_pool2d(input, output_size, return_indices=False):
    """Max over adaptive windows of (N, C, H, W) or (C, H, W) input."""
    return _adaptive_max(input, 2, output_size, return_indices)


def adaptive_max_pool3d_with_indices(input, output_size, return_indices=False):
    return _adaptive_max(input, 3, output_size, True)


def adaptive_max_pool3d(input, output_size, return_indices=False):
    """Max over adaptive windows of (N, C, T, H, W) or (C, T, H, W) input."""
    return _adaptive_max(input, 3, output_size, return_indices)


# ---------------------------------------------------------------- power-average pooling
def _lp_pool(input, n, norm_type, kernel_size, stride, ceil_mode):
    k = (kernel_size,) * n if _is_int(kernel_size) else tuple(kernel_size)
    if n == 1:
        out = avg_pool1d(input.pow(norm_type), k[0], stride, 0, ceil_mode)
    elif n == 2:
        out = avg_pool2d(input.pow(norm_type), k, stride, 0, ceil_mode)
    else:
        out = avg_pool3d(input.pow(norm_type), k, stride, 0, ceil_mode)
    from .activation import relu

    # sign(out) * relu(|out|) keeps a zero sum at zero with a zero gradient there
    return (out.sign() * relu(out.abs())).mul(math.prod(k)).pow(1.0 / norm_type)


def lp_pool1d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """(sum over each window of x ** p) ** (1 / p) along the last axis."""
    return _lp_pool(input, 1, norm_type, kernel_size, stride, ceil_mode)


def lp_pool2d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """(sum over each (kH, kW) window of x ** p) ** (1 / p)."""
    return _lp_pool(input, 2, norm_type, kernel_size, stride, ceil_mode)


def lp_pool3d(input, norm_type, kernel_size, stride=None, ceil_mode=False):
    """(sum over each (kT, kH, kW) window of x ** p) ** (1 / p)."""
    return _lp_pool(input, 3, norm_type, kernel_size, stride, ceil_mode)


# ---------------------------------------------------------------- max_unpool
class _MaxUnpoolNd(Function):
    """Zeros of the output size with input values written at their plane indices; the
    backward gathers the gradient at the same indices (written in Tensor ops)."""

    _raw = True

    @staticmethod
    def forward(ctx, a, indices, size):
        x, idx = a._array, indices._array
        n = len(size)
        rows = x.shape[:-n]
        P = math.prod(size)
        out = np.zeros((math.prod(rows), P), x.dtype)
        m = idx.size // max(out.shape[0], 1)
        np.put_along_axis(out, idx.reshape(out.shape[0], m), x.reshape(out.shape[0], m), 1)
        ctx.save_for_backward(indices)
        ctx.rows, ctx.in_shape = out.shape[0], x.shape
        return out.reshape(rows + tuple(size))

    @staticmethod
    def backward(ctx, grad):
        (indices,) = ctx.saved_tensors
        rows = ctx.rows
        g = grad.reshape(rows, grad.numel() // max(rows, 1)).gather(
            1, indices.reshape(rows, indices.numel() // max(rows, 1)))
        return g.reshape(ctx.in_shape), None, None


class MaxUnpool2D(_MaxUnpoolNd):
    _grad_name = "MaxUnpool2DBackward0"


class MaxUnpool3D(_MaxUnpoolNd):
    _grad_name = "MaxUnpool3DBackward0"


def _unpool_size(input, n, k, s, p, output_size):
    """The output spatial size: given (the last n entries of output_size, checked against
    the default within one stride) or the default (L - 1) * stride - 2 * pad + kernel."""
    sp = input.shape[-n:]
    default = tuple((sp[i] - 1) * s[i] + k[i] - 2 * p[i] for i in range(n))
    if output_size is None:
        return default
    size = [int(v) for v in output_size]
    if len(size) == n + 2:
        size = size[2:]
    if len(size) != n:
        raise ValueError(f"output_size should be a sequence containing {n} or {n + 2} "
                         f"elements, but it has a length of '{len(size)}'")
    for i in range(n):
        lo, hi = default[i] - s[i], default[i] + s[i]
        if not lo < size[i] < hi:
            raise ValueError(f'invalid output_size "{size}" (dim {i} must be between {lo} '
                             f'and {hi})')
    return tuple(size)


def _unpool_args(n, kernel_size, stride, padding):
    def tup(v):
        t = (int(v),) if _is_int(v) else tuple(int(e) for e in v)
        return t * n if len(t) == 1 else t

    k = tup(kernel_size)
    return k, (k if stride is None else tup(stride)), tup(padding)


def _max_unpool(input, indices, n, kernel_size, stride, padding, output_size):
    fname = f"max_unpool{n}d"
    check_tensor(input, fname)
    check_tensor(indices, fname, "indices", 2)
    k, s, p = _unpool_args(n, kernel_size, stride, padding)
    size = _unpool_size(input, n, k, s, p, output_size)
    nd = max(n, 2)
    if input.dim() not in (n + 1, n + 2):
        raise RuntimeError(f"Input to max_unpooling{nd}d should be a {nd + 1}d or {nd + 2}d "
                           f"Tensor, but got a tensor with {input.dim()} dimensions.")
    if indices._dtype is not D.int64:
        raise RuntimeError("elements in indices should be type int64 but got: "
                           f"{_short(indices._dtype)}")
    if tuple(indices.shape) != tuple(input.shape):
        raise RuntimeError("Expected shape of indices to be same as that of the input tensor "
                           f"({list(input.shape)}) but got indices tensor with shape: "
                           f"{list(indices.shape)}")
    idx = indices._array
    P = math.prod(size)
    if idx.size and (idx.min() < 0 or idx.max() >= P):
        bad = int(idx.min()) if idx.min() < 0 else int(idx.max())
        dims = size + (1,) if n == 1 else size  # torch unpools 1-d as (L, 1) planes
        raise RuntimeError(f"Found an invalid max index: {bad} (output volumes are of size "
                           f"{'x'.join(str(v) for v in dims)})")
    if n == 1:
        return MaxUnpool2D.apply(input.unsqueeze(-2), indices.unsqueeze(-2),
                                 (1,) + size).squeeze(-2)
    cls = MaxUnpool2D if n == 2 else MaxUnpool3D
    return cls.apply(input, indices, size)


def max_unpool1d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """The partial inverse of max_pool1d: values at their indices, zeros elsewhere; output
    length (L - 1) * stride - 2 * padding + kernel_size unless output_size is given."""
    return _max_unpool(input, indices, 1, kernel_size, stride, padding, output_size)


def max_unpool2d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """The partial inverse of max_pool2d: values at their plane indices, zeros elsewhere."""
    return _max_unpool(input, indices, 2, kernel_size, stride, padding, output_size)


def max_unpool3d(input, indices, kernel_size, stride=None, padding=0, output_size=None):
    """The partial inverse of max_pool3d."""
    return _max_unpool(input, indices, 3, kernel_size, stride, padding, output_size)

"""Normalization kernels: batch_norm, layer_norm, group_norm (fused), instance_norm,
rms_norm, local_response_norm and normalize (compositions of core ops).

The three fused norms share one kernel. The input is viewed so that one set of axes is
reduced and the affine parameters broadcast along the others:

    batch norm  (N, C, S)          stats over (0, 2)   weight/bias as (1, C, 1)
    layer norm  (M, K)             stats over (1,)     weight/bias as (1, K)
    group norm  (N, G, C/G, S)     stats over (2, 3)   weight/bias as (1, G, C/G, 1)

    y = (x - mean) / sqrt(var + eps) * weight + bias        (var biased)

Statistics are accumulated in float64, as torch's CPU kernels accumulate in double (partial
sums along the contiguous last axis in the input's dtype, pairwise or SIMD: fast and still
accurate); the output keeps the input's dtype. Large temporaries are avoided: allocating
big arrays costs more than the arithmetic here.

Backward, with xhat = (x - mean) * invstd and gy = g * weight:

    dx = invstd * (gy - mean(gy) - xhat * mean(gy * xhat))      (batch statistics)
    dx = invstd * gy                                            (given statistics)
    dweight = sum(g * xhat),  dbias = sum(g)                    (over the other axes)

It is fused on arrays for speed and numerics; when a graph of the gradient is requested
(``create_graph=True``) the same formula runs in Tensor ops on statistics recomputed from
the saved input, so double backward works.
"""

import math

import numpy as np

from .. import _dtype as D
from .._tensor import _make
from ..autograd.function import Function
from ..autograd.grad_mode import _state
from ._util import check_tensor

__all__ = ["layer_norm", "group_norm", "rms_norm"]  # torch.X with F's leading signature
__functional__ = ["batch_norm", "instance_norm", "layer_norm", "group_norm", "rms_norm",
                  "local_response_norm", "normalize"]

_F64 = np.float64


# ---------------------------------------------------------------- shared kernel
def _work(a):
    """Half precision is computed in float32 (torch's opmath type)."""
    return a.astype(np.float32) if a.dtype == np.float16 else a


def _acc_sum(a, axes, keepdims=False):
    """Sum of an array over ``axes`` accumulated in float64 (torch's CPU accumulation type):
    along the contiguous last axis first in the array's own dtype (NumPy's pairwise
    summation keeps that accurate, and it is several times faster), the rest in float64."""
    last = a.ndim - 1
    if last in axes and a.dtype != _F64 and a.shape[last] > 1:
        a = a.sum(last, keepdims=True)
    return a.sum(axes, dtype=_F64, keepdims=keepdims)


def _dot_sum(a, b, axes, keepdims=False):
    """sum(a * b) over ``axes`` without an a * b temporary (allocating large arrays is what
    costs most here): einsum along the contiguous last axis, the rest in float64."""
    letters = "abcdefgh"[:a.ndim]
    last = a.ndim - 1
    if last in axes:
        part = np.einsum(f"{letters},{letters}->{letters[:-1]}", a, b)[..., None]
        return part.sum(axes, dtype=_F64, keepdims=keepdims)
    kept = "".join(c for i, c in enumerate(letters) if i not in axes)
    r = np.einsum(f"{letters},{letters}->{kept}", a, b).astype(_F64)
    if keepdims:
        r = r.reshape([1 if i in axes else n for i, n in enumerate(a.shape)])
    return r


def _count(shape, axes):
    n = 1
    for a in axes:
        n *= shape[a]
    return n


def _moments(x, axes):
    """Batch mean (float64) and x - mean (x's dtype), then the biased variance of it."""
    n = _count(x.shape, axes)
    mean = _acc_sum(x, axes, True) / n
    xc = x - mean.astype(x.dtype)
    return mean, xc, _dot_sum(xc, xc, axes, True) / n


def _scale(a, invstd, w):
    """a *= invstd * w in place, folding the two factors only when that stays small (per
    channel for batch norm; layer norm's would be a full-size array)."""
    if w is None:
        a *= invstd
    elif max(invstd.size, w.size) == np.prod(np.broadcast_shapes(invstd.shape, w.shape)):
        a *= invstd * w
    else:
        a *= invstd
        a *= w
    return a


def _scale_shift(xc, var, eps, w, b, pshape):
    """xc * (invstd * w) + b in place; returns (out, invstd) in xc's dtype."""
    invstd = (1.0 / np.sqrt(var + eps)).astype(xc.dtype)
    _scale(xc, invstd, None if w is None else w.reshape(pshape))
    if b is not None:
        xc += b.reshape(pshape)
    return xc, invstd


def _backward_arrays(ctx, x, g, w, needs):
    """The fused backward on arrays (x, g in the view's shape; w in pshape or None)."""
    axes, paxes, invstd = ctx.axes, ctx.paxes, ctx.invstd
    dt = x.dtype
    n = _count(x.shape, axes)
    xhat = x - ctx.mean
    xhat *= invstd
    gx = gw = gb = None
    if needs[1]:
        gw = _dot_sum(g, xhat, paxes)
    if needs[2]:
        gb = _acc_sum(g, paxes)
    if not needs[0]:
        return gx, gw, gb
    if not ctx.batch_stats:
        return _scale(g.copy(), invstd, w), gw, gb
    if w is None or all(ctx.pshape[a] == 1 for a in axes):
        # weight constant over the reduced axes (batch norm): mean(g * w) = w * mean(g)
        m1 = (_acc_sum(g, axes, True) / n).astype(dt)
        m2 = (_dot_sum(g, xhat, axes, True) / n).astype(dt)
        gx = g - m1
        gx -= np.multiply(xhat, m2, out=xhat)
        _scale(gx, invstd, w)
    else:
        gx = g * w
        m1 = (_acc_sum(gx, axes, True) / n).astype(dt)
        m2 = (_dot_sum(gx, xhat, axes, True) / n).astype(dt)
        gx -= m1
        gx -= np.multiply(xhat, m2, out=xhat)
        gx *= invstd
    return gx, gw, gb


def _backward_tensors(ctx, x, g, w, needs):
    """The same formula in Tensor ops, statistics recomputed from x: differentiable."""
    if ctx.batch_stats:
        mean = x.mean(ctx.axes, keepdim=True)
        xc = x - mean
        invstd = ((xc * xc).mean(ctx.axes, keepdim=True) + ctx.eps).rsqrt()
        xhat = xc * invstd
    else:
        invstd = _make(ctx.invstd, x._dtype)
        xhat = (x - _make(ctx.mean, x._dtype)) * invstd
    gx = gw = gb = None
    if needs[1]:
        gw = (g * xhat).sum(ctx.paxes)
    if needs[2]:
        gb = g.sum(ctx.paxes)
    if needs[0]:
        gy = g if w is None else g * w
        if ctx.batch_stats:
            gy = (gy - gy.mean(ctx.axes, keepdim=True)
                  - xhat * (gy * xhat).mean(ctx.axes, keepdim=True))
        gx = gy * invstd
    return gx, gw, gb


class _Norm(Function):
    """The shared backward; subclasses set the view in forward (see the module doc).

    ctx holds: view (the input's view shape), axes (reduced), pshape (parameter view),
    paxes (axes summed for the parameter gradients), wshape, batch_stats (statistics come
    from the input), eps, mean and invstd (arrays in the view's keepdims shape).
    """

    _raw = True
    _wrapped_scalars = 3  # next_functions lists input, weight, bias, (None, 0) when absent

    @staticmethod
    def backward(ctx, grad):
        x, w = ctx.saved_tensors
        n_rest = ctx.n_args - 3
        needs = ctx.needs_input_grad
        if x._array.size == 0:
            gx = _make(np.zeros_like(x._array), x._dtype)
            gp = None if ctx.wshape is None else _make(
                np.zeros_like(x._array, shape=ctx.wshape, dtype=ctx.pdtype._np), ctx.pdtype)
            return (gx, gp, gp) + (None,) * n_rest
        if _state.enabled:  # create_graph: differentiable formula in Tensor ops
            wv = None if w is None else w.reshape(ctx.pshape)
            gx, gw, gb = _backward_tensors(ctx, x.reshape(ctx.view), grad.reshape(ctx.view),
                                           wv, needs)
            grads = (gx, gw, gb)
        else:  # fused on arrays
            wv = None if w is None else w._array.reshape(ctx.pshape)
            gx, gw, gb = _backward_arrays(ctx, _work(x._array).reshape(ctx.view),
                                          _work(grad._array).reshape(ctx.view), wv, needs)
            grads = tuple(None if a is None else _make(a.astype(dt._np, copy=False), dt)
                          for a, dt in ((gx, x._dtype), (gw, ctx.pdtype), (gb, ctx.pdtype)))
        gx, gw, gb = grads
        return ((None if gx is None else gx.reshape(x.shape)),
                (None if gw is None else gw.reshape(ctx.wshape)),
                (None if gb is None else gb.reshape(ctx.wshape))) + (None,) * n_rest


def _run_norm(ctx, input, weight, bias, view, axes, pshape, eps, stats=None):
    """Forward of the shared kernel; ``stats`` = (mean, var) arrays to use instead of the
    batch's. Returns (out, mean, var) with mean/var in float64 when computed here."""
    x = input._array
    dt = x.dtype
    xv = _work(x).reshape(view)
    w = None if weight is None else weight._array
    b = None if bias is None else bias._array
    if xv.size == 0:
        mean = var = None
        out = np.empty_like(x)
        ctx.mean = ctx.invstd = None
    else:
        if stats is None:
            mean, xc, var = _moments(xv, axes)
        else:
            mean, var = stats
            xc = xv - mean.astype(xv.dtype)
        out, ctx.invstd = _scale_shift(xc, var, eps, w, b, pshape)
        ctx.mean = mean.astype(xv.dtype)
        out = out.reshape(x.shape).astype(dt, copy=False)
    ctx.save_for_backward(input, weight)
    ctx.view, ctx.axes, ctx.pshape, ctx.eps = view, axes, pshape, eps
    ctx.paxes = tuple(i for i, n in enumerate(pshape) if n == 1)
    p = weight if weight is not None else bias
    ctx.wshape = None if p is None else p._array.shape
    ctx.pdtype = None if p is None else p._dtype
    ctx.batch_stats = stats is None
    return out, mean, var


# ---------------------------------------------------------------- checks
def _check_float(input, kernel):
    dt = input._dtype
    if dt._cat < D._FLOAT or dt._cat > D._FLOAT:
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{D.short_name(dt)}'")


def _check_params(input, *params):
    """torch's CPU rule: parameters share the input's dtype (half inputs may use float32)."""
    dt = input._dtype
    for p in params:
        if p is None or p._dtype is dt:
            continue
        if dt is D.float16 and p._dtype is D.float32:
            continue
        if dt is D.float64:
            raise RuntimeError("mixed dtype (CPU): all inputs must share same datatype.")
        raise RuntimeError("mixed dtype (CPU): expect parameter to have scalar type of "
                           f"{D.short_name(dt) if dt is not D.float16 else 'Float'}")


def _shape(t):
    return list(t._array.shape)


# ---------------------------------------------------------------- batch norm
class NativeBatchNorm(_Norm):
    _grad_name = "NativeBatchNormBackward0"

    @staticmethod
    def forward(ctx, input, weight, bias, running_mean, running_var, training, momentum,
                eps):
        x = input._array
        n, c = x.shape[0], x.shape[1]
        view = (n, c, int(np.prod(x.shape[2:], dtype=np.int64)))
        ctx.n_args = 8
        if training:
            out, mean, var = _run_norm(ctx, input, weight, bias, view, (0, 2), (1, c, 1), eps)
            if running_mean is not None and mean is not None:
                count = x.size // c
                # torch updates in place without bumping the version counter
                running_mean *= 1 - momentum
                running_mean += momentum * mean.ravel()
                unbiased = var.ravel() * (count / (count - 1)) if count > 1 else math.inf
                running_var *= 1 - momentum
                running_var += momentum * unbiased
            return out
        stats = (running_mean.reshape(1, c, 1), running_var.reshape(1, c, 1).astype(_F64))
        out, _, _ = _run_norm(ctx, input, weight, bias, view, (0, 2), (1, c, 1), eps, stats)
        return out


def _verify_batch_size(size, shown):
    prod = size[0]
    for s in size[2:]:
        prod *= s
    if prod == 1:
        raise ValueError(f"Expected more than 1 value per channel when training, got input "
                         f"size {shown}")


def _native_batch_norm(input, weight, bias, running_mean, running_var, training, momentum,
                       eps, kernel="batch_norm"):
    """torch.batch_norm's checks, then the op (running stats updated in place)."""
    if input._array.ndim < 2:
        if input._array.ndim == 0:
            raise IndexError("tuple index out of range")
        raise IndexError("Dimension out of range (expected to be in range of [-1, 0], but got "
                         "1)")
    _check_float(input, kernel)
    c = input._array.shape[1]
    if not training and (running_mean is None or running_var is None):
        raise RuntimeError("running_mean must be defined in evaluation mode")
    for name, t in (("running_mean", running_mean), ("running_var", running_var),
                    ("weight", weight), ("bias", bias)):
        if t is None:
            continue
        check_tensor(t, "batch_norm", name)
        if t._array.ndim != 1 and t._array.size == c and name.startswith("running"):
            raise RuntimeError(f"TensorAccessor expected 1 dims but tensor has {t._array.ndim}")
        if t._array.size != c:
            raise RuntimeError(f"{name} should contain {c} elements not {t._array.size}")
    _check_params(input, weight, bias, running_mean, running_var)
    if training and running_mean is not None and _state.enabled:
        for name, t in (("running_mean", running_mean), ("running_var", running_var)):
            if t._rg:
                raise RuntimeError(f"The function 'native_batch_norm' is not differentiable "
                                   f"with respect to argument '{name}'. This input cannot have "
                                   "requires_grad True.")
    rm = None if running_mean is None else running_mean._array
    rv = None if running_var is None else running_var._array
    return NativeBatchNorm.apply(input, weight, bias, rm, rv, bool(training), momentum, eps)


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-05):
    """Normalize each channel (dim 1) of ``input`` (N, C, *) over the batch and spatial dims.

    In training the batch statistics are used and ``running_mean``/``running_var`` (if
    given) are updated in place: ``r = (1 - momentum) * r + momentum * batch_stat``, the
    variance unbiased. Otherwise the running statistics are used.

    >>> y = F.batch_norm(x, torch.zeros(3), torch.ones(3), training=True)
    """
    check_tensor(input, "batch_norm")
    if training:
        _verify_batch_size(input._array.shape, input.shape)
    if training and eps <= 0.0:
        raise ValueError(f"batch_norm eps must be positive during training, but got {eps}")
    if eps < 0.0:
        raise ValueError(f"batch_norm eps must be non-negative, but got {eps}")
    if (running_mean is None) != (running_var is None):
        raise ValueError("running_mean and running_var must either both be None or neither be "
                         "None")
    if momentum is None:
        raise TypeError("batch_norm(): argument 'momentum' (position 7) must be float, not "
                        "NoneType")
    return _native_batch_norm(input, weight, bias, running_mean, running_var, training,
                              momentum, eps)


def instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None,
                  use_input_stats=True, momentum=0.1, eps=1e-05):
    """Batch norm of each (sample, channel) pair over its spatial dims: the input viewed as
    (1, N * C, *); running statistics (if given) are updated with the mean over the batch.
    """
    check_tensor(input, "instance_norm")
    shape = input._array.shape
    if use_input_stats:
        size = 1
        for s in shape[2:]:
            size *= s
        if size == 1:
            raise ValueError(f"Expected more than 1 spatial element when training, got input "
                             f"size {input.shape}")
    if (running_mean is None) != (running_var is None):
        raise ValueError("running_mean and running_var must either both be None or neither be "
                         "None")
    if not use_input_stats and running_mean is None:
        raise RuntimeError("Expected running_mean and running_var to be defined when "
                           "use_input_stats is false")
    n, c = shape[0], shape[1]
    x = input.reshape((1, n * c) + shape[2:])
    w = None if weight is None else weight.repeat(n)
    b = None if bias is None else bias.repeat(n)
    rm = rv = None
    if running_mean is not None:
        rm, rv = running_mean.detach().repeat(n), running_var.detach().repeat(n)
    out = _native_batch_norm(x, w, b, rm, rv, use_input_stats, momentum, eps)
    if running_mean is not None and use_input_stats:
        running_mean._array[...] = rm._array.reshape(n, c).mean(0)
        running_var._array[...] = rv._array.reshape(n, c).mean(0)
    return out.view(shape)


# ---------------------------------------------------------------- layer norm
class NativeLayerNorm(_Norm):
    _grad_name = "NativeLayerNormBackward0"

    @staticmethod
    def forward(ctx, input, weight, bias, view, eps):
        ctx.n_args = 5
        return _run_norm(ctx, input, weight, bias, view, (1,), (1, view[1]), eps)[0]


def _normalized_shape(normalized_shape, fname):
    if isinstance(normalized_shape, int) and not isinstance(normalized_shape, bool):
        raise TypeError(f"{fname}(): argument 'normalized_shape' (position 2) must be tuple of "
                        "ints, not int")
    ns = list(normalized_shape)
    for i, s in enumerate(ns):
        if not isinstance(s, (int, np.integer)):
            raise TypeError(f"{fname}(): argument 'normalized_shape' (position 2) must be tuple "
                            f"of ints, but found element of type {type(s).__name__} at pos {i}")
    return [int(s) for s in ns]


def _check_normalized(input, ns, sep=", "):
    if not ns:
        raise RuntimeError("Expected normalized_shape to be at least 1-dimensional, i.e., "
                           "containing at least one element, but got normalized_shape = []")
    shape = _shape(input)
    if len(shape) < len(ns) or shape[len(shape) - len(ns):] != ns:
        raise RuntimeError(f"Given normalized_shape={ns}, expected input with shape "
                           f"[*{sep}{', '.join(map(str, ns))}], but got input of size{shape}")


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-05, cudnn_enable=True):
    """Normalize over the last ``len(normalized_shape)`` dims, then scale and shift by
    ``weight`` and ``bias`` (of shape ``normalized_shape``).

    >>> y = F.layer_norm(x, (x.shape[-1],))
    """
    check_tensor(input, "layer_norm")
    ns = _normalized_shape(normalized_shape, "layer_norm")
    _check_normalized(input, ns)
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None:
            check_tensor(t, "layer_norm", name)
            if _shape(t) != ns:
                raise RuntimeError(f"Expected {name} to be of same shape as normalized_shape, "
                                   f"but got {name} of shape {_shape(t)} and normalized_shape "
                                   f"= {ns}")
    _check_float(input, "LayerNormKernelImpl")
    _check_params(input, weight, bias)
    shape = input._array.shape
    k = int(np.prod(ns, dtype=np.int64))
    m = int(np.prod(shape[:len(shape) - len(ns)], dtype=np.int64))
    return NativeLayerNorm.apply(input, weight, bias, (m, k), eps)


def rms_norm(input, normalized_shape, weight=None, eps=None):
    """x / sqrt(mean(x^2) + eps) * weight over the last ``len(normalized_shape)`` dims;
    ``eps`` defaults to the dtype's machine epsilon."""
    check_tensor(input, "rms_norm")
    ns = _normalized_shape(normalized_shape, "rms_norm")
    _check_normalized(input, ns, sep="")
    if weight is not None and _shape(weight) != ns:
        raise RuntimeError(f"Expected weight to be of same shape as normalized_shape, but got "
                           f"weight of shape {_shape(weight)} and normalized_shape = {ns}")
    _check_float(input, "rms_norm")
    if eps is None:
        eps = float(np.finfo(input._dtype._np).eps)
    dims = tuple(range(-len(ns), 0))
    out = input * (input.pow(2).mean(dims, keepdim=True) + eps).rsqrt()
    return out if weight is None else out * weight


# ---------------------------------------------------------------- group norm
class NativeGroupNorm(_Norm):
    _grad_name = "NativeGroupNormBackward0"

    @staticmethod
    def forward(ctx, input, weight, bias, groups, eps):
        shape = input._array.shape
        n, c = shape[0], shape[1]
        s = int(np.prod(shape[2:], dtype=np.int64))
        ctx.n_args = 5
        view, pshape = (n, groups, c // groups, s), (1, groups, c // groups, 1)
        return _run_norm(ctx, input, weight, bias, view, (2, 3), pshape, eps)[0]


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-05, cudnn_enabled=True):
    """Normalize each of ``num_groups`` groups of channels (dim 1) of each sample, then
    scale and shift each channel by ``weight`` and ``bias`` (of shape (C,))."""
    check_tensor(input, "group_norm")
    if isinstance(num_groups, bool) or not isinstance(num_groups, (int, np.integer)):
        raise TypeError(f"group_norm(): argument 'num_groups' (position 2) must be int, not "
                        f"{type(num_groups).__name__}")
    shape = _shape(input)
    if len(shape) < 2:
        raise RuntimeError(f"Expected at least 2 dimensions for input tensor but received "
                           f"{len(shape)}")
    if num_groups == 0:
        raise ZeroDivisionError("integer division or modulo by zero")
    _verify_batch_size([shape[0] * shape[1] // num_groups, num_groups] + shape[2:], shape)
    if num_groups < 0:
        raise RuntimeError(f"Expected num groups to be greater than 0, got {num_groups}")
    c = shape[1]
    if c % num_groups:
        raise RuntimeError(f"Expected number of channels in input to be divisible by "
                           f"num_groups, but got input of shape {shape} and num_groups="
                           f"{num_groups}")
    for name, t in (("weight", weight), ("bias", bias)):
        if t is not None:
            check_tensor(t, "group_norm", name)
            if t._array.ndim != 1 or t._array.size != c:
                raise RuntimeError(f"Expected {name} to be a vector of size equal to the number "
                                   f"of channels in input, but got {name} of shape "
                                   f"{_shape(t)} and input of shape {shape}")
    _check_float(input, "GroupNormKernelImpl")
    _check_params(input, weight, bias)
    return NativeGroupNorm.apply(input, weight, bias, int(num_groups), eps)


# ---------------------------------------------------------------- compositions
def local_response_norm(input, size, alpha=0.0001, beta=0.75, k=1.0):
    """x / (k + alpha * mean(x_j^2 over a window of ``size`` channels))^beta, the window
    zero-padded by size // 2 before and (size - 1) // 2 after each channel."""
    check_tensor(input, "local_response_norm")
    dim = input.dim()
    if dim < 3:
        raise ValueError(f"Expected 3D or higher dimensionality input (got {dim} dimensions)")
    if input.numel() == 0:
        return input
    import numtorch

    sq = input * input
    shape = list(sq.shape)
    c = shape[1]
    before, after = size // 2, (size - 1) // 2
    parts = [sq]
    kw = {"dtype": sq.dtype, "device": sq.device}
    if before:
        parts.insert(0, numtorch.zeros(shape[:1] + [before] + shape[2:], **kw))
    if after:
        parts.append(numtorch.zeros(shape[:1] + [after] + shape[2:], **kw))
    padded = numtorch.cat(parts, 1) if len(parts) > 1 else sq
    # window sums: one slice per kernel offset (a loop over the window, not the elements)
    total = padded.narrow(1, 0, c)
    for i in range(1, size):
        total = total + padded.narrow(1, i, c)
    div = (total / size * alpha + k).pow(beta)
    return input / div


def normalize(input, p=2.0, dim=1, eps=1e-12, out=None):
    """input / max(||input||_p along ``dim``, eps)."""
    check_tensor(input, "normalize")
    import numtorch

    denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    if out is None:
        return input / denom
    return numtorch.div(input, denom, out=out)


# ---------------------------------------------------------------- torch.* forms
# torch.batch_norm / torch.instance_norm take every argument positionally, weight first;
# numtorch/__init__.py exports them under the torch names (F's same-named functions differ)
def _torch_args(fname, given, names):
    missing = names[len(given):]
    if missing:
        raise TypeError(f"{fname}() missing {len(missing)} required positional argument: "
                        + ", ".join(f'"{m}"' for m in missing))


def _top_batch_norm(input, weight, bias, running_mean, running_var, *args):
    """torch.batch_norm(input, weight, bias, running_mean, running_var, training, momentum,
    eps, cudnn_enabled)."""
    _torch_args("batch_norm", args, ["training", "momentum", "eps", "cudnn_enabled"])
    training, momentum, eps = args[:3]
    return batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)


def _top_instance_norm(input, weight, bias, running_mean, running_var, *args):
    """torch.instance_norm(input, weight, bias, running_mean, running_var, use_input_stats,
    momentum, eps, cudnn_enabled)."""
    _torch_args("instance_norm", args, ["use_input_stats", "momentum", "eps", "cudnn_enabled"])
    use_input_stats, momentum, eps = args[:3]
    return instance_norm(input, running_mean, running_var, weight, bias, use_input_stats,
                         momentum, eps)

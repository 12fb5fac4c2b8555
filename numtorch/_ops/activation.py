"""Activations: relu, softmax, log_softmax, gelu, silu, elu, leaky_relu, softplus, ...

Each elementwise activation is one Function: forward on arrays, backward in Tensor ops
(masks of the forward's branches are constants), so double backward works. ``__all__``
holds the names torch has at top level; the others (gelu, silu, elu, ...) are the kernels
``nn.functional`` calls. ``inplace=True`` / ``op_`` variants record torch's ``...Backward1``
nodes where torch has them.
"""

import math

import numpy as np

from .. import _dtype as D
from .._tensor import _make
from ..autograd.function import Function, apply_inplace
from ._util import check_tensor, wrap_dim

__all__ = ["relu", "relu_", "softmax", "log_softmax", "selu", "selu_", "celu", "celu_",
           "hardshrink", "threshold", "threshold_", "prelu", "rrelu", "rrelu_"]


# ---------------------------------------------------------------- helpers
_short = D.short_name


def _float_only(input, kernel):
    """torch's NotImplementedError for an activation without integer kernels."""
    if input._dtype._cat < D._FLOAT:
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{_short(input._dtype)}'")


def _nd(r):
    """NumPy ufuncs give scalars for 0-d inputs: forwards must return arrays."""
    return r if r.__class__ is np.ndarray else np.asarray(r)


def _mask(cond, like):
    """A constant float Tensor of ``cond`` (an array of bools) in ``like``'s dtype."""
    return _make(cond.astype(like._array.dtype), like._dtype)


def _sigmoid(x):
    """The logistic function of an array: exp(-x) may overflow to inf, giving exactly 0."""
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


def _log1pexp(x):
    """log(1 + exp(x)) without overflow."""
    return np.log1p(np.exp(-np.abs(x))) + np.maximum(x, 0)


def _run(cls, input, inplace, inplace_cls, *args):
    """Out of place, or in place with torch's in-place node name."""
    if inplace:
        return apply_inplace(inplace_cls or cls, input, *args)
    return cls.apply(input, *args)


# ---------------------------------------------------------------- relu family
class Relu(Function):
    _raw = True
    _grad_name = "ReluBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(ctx.OUTPUT)
        return _nd(np.maximum(a._array, 0))

    @staticmethod
    def backward(ctx, grad):
        (out,) = ctx.saved_tensors
        return grad * _mask(out._array > 0, grad)


def _relu_check(input):
    check_tensor(input, "relu")
    if input._dtype is D.bool:
        raise RuntimeError("Boolean inputs not supported for relu")


def relu(input, inplace=False):
    """max(x, 0); integer inputs keep their dtype."""
    _relu_check(input)
    return _run(Relu, input, inplace, None)


def relu_(input):
    _relu_check(input)
    return apply_inplace(Relu, input)


class Hardtanh(Function):
    _raw = True
    _grad_name = "HardtanhBackward0"

    @staticmethod
    def forward(ctx, a, lo, hi):
        ctx.save_for_backward(a)
        ctx.lo, ctx.hi = lo, hi
        x = a._array
        return _nd(np.clip(x, lo, hi).astype(x.dtype, copy=False))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        x = a._array
        return grad * _mask((x > ctx.lo) & (x < ctx.hi), grad), None, None


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    """clamp(x, min_val, max_val)."""
    check_tensor(input, "hardtanh")
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    if input._dtype is D.bool:
        _float_only(input, "hardtanh_cpu")
    return _run(Hardtanh, input, inplace, None, min_val, max_val)


def hardtanh_(input, min_val=-1.0, max_val=1.0):
    return hardtanh(input, min_val, max_val, inplace=True)


def relu6(input, inplace=False):
    """min(max(x, 0), 6)."""
    return hardtanh(input, 0.0, 6.0, inplace)


class Threshold(Function):
    _raw = True
    _grad_name = "ThresholdBackward0"

    @staticmethod
    def forward(ctx, a, threshold, value):
        ctx.save_for_backward(a)
        ctx.threshold = threshold
        x = a._array
        return np.where(x > threshold, x, value).astype(x.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * _mask(a._array > ctx.threshold, grad), None, None


class _ThresholdInplace(Threshold):
    _grad_name = "ThresholdBackward1"


def threshold(input, threshold, value, inplace=False):
    """x where x > threshold, else value."""
    check_tensor(input, "threshold")
    return _run(Threshold, input, inplace, _ThresholdInplace, threshold, value)


def threshold_(input, threshold, value):
    check_tensor(input, "threshold_")
    return apply_inplace(_ThresholdInplace, input, threshold, value)


class LeakyRelu(Function):
    _raw = True
    _grad_name = "LeakyReluBackward0"

    @staticmethod
    def forward(ctx, a, slope):
        ctx.save_for_backward(a)
        ctx.slope = slope
        x = a._array
        return np.where(x > 0, x, x * slope)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        pos = a._array > 0
        return grad * _mask(np.where(pos, 1, ctx.slope), grad), None


class _LeakyReluInplace(LeakyRelu):
    _grad_name = "LeakyReluBackward1"


def leaky_relu(input, negative_slope=0.01, inplace=False):
    """x for x > 0, negative_slope * x otherwise."""
    check_tensor(input, "leaky_relu")
    _float_only(input, "leaky_relu_cpu")
    return _run(LeakyRelu, input, inplace, _LeakyReluInplace, negative_slope)


def leaky_relu_(input, negative_slope=0.01):
    return leaky_relu(input, negative_slope, inplace=True)


class RreluWithNoise(Function):
    """x for x > 0, x * noise otherwise (noise ~ U(lower, upper) in training, else its mean)."""

    _raw = True
    _grad_name = "RreluWithNoiseBackward0"

    @staticmethod
    def forward(ctx, a, noise):
        x = a._array
        ctx.noise = np.where(x > 0, 1, noise).astype(x.dtype)
        return _nd(x * ctx.noise)

    @staticmethod
    def backward(ctx, grad):
        return grad * _make(ctx.noise, grad._dtype), None


class _RreluInplace(RreluWithNoise):
    _grad_name = "RreluWithNoiseBackward1"


def rrelu(input, lower=1.0 / 8, upper=1.0 / 3, training=False, inplace=False, generator=None):
    """Randomized leaky relu: slopes ~ U(lower, upper) when training, (lower + upper) / 2
    otherwise."""
    check_tensor(input, "rrelu")
    _float_only(input, "rrelu_with_noise_out_cpu")
    if training:
        from .._random import _rng

        x = input._array
        noise = _rng(generator).uniform(lower, upper, size=x.shape).astype(x.dtype)
    else:
        noise = (lower + upper) / 2
    return _run(RreluWithNoise, input, inplace, _RreluInplace, noise)


def rrelu_(input, lower=1.0 / 8, upper=1.0 / 3, training=False, generator=None):
    return rrelu(input, lower, upper, training, True, generator)


class Prelu(Function):
    _raw = True
    _grad_name = "PreluKernelBackward0"

    @staticmethod
    def forward(ctx, a, w, wshape):
        ctx.save_for_backward(a, w)
        ctx.wshape = wshape
        x = a._array
        return np.where(x > 0, x, x * w._array.reshape(wshape))

    @staticmethod
    def backward(ctx, grad):
        a, w = ctx.saved_tensors
        pos = _mask(a._array > 0, grad)
        wb = w.reshape(ctx.wshape)
        gx = grad * (pos + (1 - pos) * wb)
        gw = None
        if ctx.needs_input_grad[1]:
            g = grad * a * (1 - pos)
            dims = tuple(i for i in range(a.ndim) if w.numel() == 1 or i != 1)
            gw = (g.sum(dims) if dims else g).reshape(w.shape)
        return gx, gw, None


def prelu(input, weight):
    """x for x > 0, weight * x otherwise; weight: one value or one per channel (dim 1)."""
    check_tensor(input, "prelu")
    check_tensor(weight, "prelu", "weight", 2)
    _float_only(input, "prelu_cpu")
    if weight._array.ndim > 1:
        raise RuntimeError(f"prelu: Expected `weight` to be a scalar or 1D tensor, but got: "
                           f"ndim = {weight._array.ndim}")
    n, x = weight._array.size, input._array
    channels = x.shape[1] if x.ndim >= 2 else 1
    if n != 1 and n != channels:
        raise RuntimeError(f"Mismatch of parameter numbers and input channel size. Found "
                           f"parameter numbers = {n} and channel size = {channels}.")
    wshape = () if n == 1 else (n,) + (1,) * (x.ndim - 2)
    return Prelu.apply(input, weight, wshape)


# ---------------------------------------------------------------- exponential units
class Elu(Function):
    """scale * x for x > 0, scale * alpha * (exp(input_scale * x) - 1) otherwise."""

    _raw = True
    _grad_name = "EluBackward0"

    @staticmethod
    def forward(ctx, a, alpha, scale, input_scale):
        ctx.save_for_backward(a)
        ctx.p = (alpha, scale, input_scale)
        x = a._array
        neg = alpha * np.expm1(np.minimum(x, 0) * input_scale)
        out = np.where(x > 0, x, neg)
        return out if scale == 1 else _nd(out * scale)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        alpha, scale, input_scale = ctx.p
        pos = _mask(a._array > 0, grad)
        d = pos + (1 - pos) * ((a * (1 - pos)) * input_scale).exp() * (alpha * input_scale)
        return grad * d * scale, None, None, None


class _EluInplace(Elu):
    _grad_name = "EluBackward1"


class Celu(Elu):
    _grad_name = "CeluBackward0"


class _CeluInplace(Elu):
    _grad_name = "CeluBackward1"


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


def elu(input, alpha=1.0, inplace=False):
    check_tensor(input, "elu")
    _float_only(input, "elu_cpu")
    return _run(Elu, input, inplace, _EluInplace, alpha, 1.0, 1.0)


def elu_(input, alpha=1.0):
    return elu(input, alpha, inplace=True)


def selu(input, inplace=False):
    """scale * elu(x, alpha) with the self-normalising constants."""
    check_tensor(input, "selu")
    _float_only(input, "elu_cpu")
    return _run(Elu, input, inplace, _EluInplace, _SELU_ALPHA, _SELU_SCALE, 1.0)


def selu_(input):
    return selu(input, inplace=True)


def celu(input, alpha=1.0, inplace=False):
    """max(0, x) + min(0, alpha * (exp(x / alpha) - 1))."""
    check_tensor(input, "celu")
    _float_only(input, "elu_cpu")
    return _run(Celu, input, inplace, _CeluInplace, alpha, 1.0, 1.0 / alpha)


def celu_(input, alpha=1.0):
    return celu(input, alpha, inplace=True)


# ---------------------------------------------------------------- smooth gates
class Silu(Function):
    _raw = True
    _grad_name = "SiluBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        x = a._array
        return _nd(x * _sigmoid(x))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        s = a.sigmoid()
        return grad * s * (1 + a * (1 - s))


def silu(input, inplace=False):
    """x * sigmoid(x)."""
    check_tensor(input, "silu")
    _float_only(input, "silu_cpu")
    return _run(Silu, input, inplace, None)


class Mish(Function):
    _raw = True
    _grad_name = "MishBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        x = a._array
        return _nd(x * np.tanh(_log1pexp(x)))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        t = softplus(a).tanh()
        return grad * (t + a * a.sigmoid() * (1 - t * t))


def mish(input, inplace=False):
    """x * tanh(softplus(x))."""
    check_tensor(input, "mish")
    _float_only(input, "mish_cpu")
    return _run(Mish, input, inplace, None)


class Softplus(Function):
    _raw = True
    _grad_name = "SoftplusBackward0"

    @staticmethod
    def forward(ctx, a, beta, threshold):
        ctx.save_for_backward(a)
        ctx.beta, ctx.threshold = beta, threshold
        x = a._array
        bx = x * beta
        return np.where(bx > threshold, x, _log1pexp(bx) / beta).astype(x.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        lin = _mask(a._array * ctx.beta > ctx.threshold, grad)
        return grad * (lin + (1 - lin) * (a * ctx.beta).sigmoid()), None, None


def softplus(input, beta=1.0, threshold=20.0):
    """log(1 + exp(beta * x)) / beta; linear where beta * x > threshold."""
    check_tensor(input, "softplus")
    _float_only(input, "softplus_cpu")
    return Softplus.apply(input, beta, threshold)


class LogSigmoid(Function):
    _raw = True
    _grad_name = "LogSigmoidBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return _nd(-_log1pexp(-a._array))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * (-a).sigmoid()


def logsigmoid(input):
    """log(sigmoid(x)), stable for large |x|."""
    check_tensor(input, "log_sigmoid")
    _float_only(input, "log_sigmoid_cpu")
    return LogSigmoid.apply(input)


class Hardsigmoid(Function):
    _raw = True
    _grad_name = "HardsigmoidBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        x = a._array
        return _nd((np.clip(x + 3, 0, 6) / 6).astype(x.dtype, copy=False))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        x = a._array
        return grad * _mask((x > -3) & (x < 3), grad) / 6


def hardsigmoid(input, inplace=False):
    """relu6(x + 3) / 6."""
    check_tensor(input, "hardsigmoid")
    _float_only(input, "hardsigmoid_cpu")
    return _run(Hardsigmoid, input, inplace, None)


class Hardswish(Function):
    _raw = True
    _grad_name = "HardswishBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        x = a._array
        return _nd((x * np.clip(x + 3, 0, 6) / 6).astype(x.dtype, copy=False))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        x = a._array
        mid, hi = _mask((x >= -3) & (x <= 3), grad), _mask(x > 3, grad)
        return grad * (mid * (a / 3 + 0.5) + hi)


def hardswish(input, inplace=False):
    """x * relu6(x + 3) / 6."""
    check_tensor(input, "hardswish")
    _float_only(input, "hardswish_cpu")
    return _run(Hardswish, input, inplace, None)


def softsign(input):
    """x / (1 + |x|)."""
    check_tensor(input, "softsign")
    return input / (input.abs() + 1)


def tanhshrink(input):
    """x - tanh(x)."""
    check_tensor(input, "tanhshrink")
    return input - input.tanh()


class Hardshrink(Function):
    _raw = True
    _grad_name = "HardshrinkBackward0"

    @staticmethod
    def forward(ctx, a, lambd):
        ctx.save_for_backward(a)
        ctx.lambd = lambd
        x = a._array
        return np.where(np.abs(x) > lambd, x, 0).astype(x.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * _mask(np.abs(a._array) > ctx.lambd, grad), None


def hardshrink(input, lambd=0.5):
    """x where |x| > lambd, else 0."""
    check_tensor(input, "hardshrink")
    _float_only(input, "hardshrink_cpu")
    return Hardshrink.apply(input, lambd)


class Softshrink(Function):
    _raw = True
    _grad_name = "SoftshrinkBackward0"

    @staticmethod
    def forward(ctx, a, lambd):
        ctx.save_for_backward(a)
        ctx.lambd = lambd
        x = a._array
        return np.where(x > lambd, x - lambd, np.where(x < -lambd, x + lambd, 0)).astype(
            x.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * _mask(np.abs(a._array) > ctx.lambd, grad), None


def softshrink(input, lambd=0.5):
    """x - lambd for x > lambd, x + lambd for x < -lambd, else 0."""
    check_tensor(input, "softshrink")
    _float_only(input, "softshrink_cpu")
    if lambd < 0:
        big = np.finfo(input._array.dtype).max
        raise RuntimeError(f"lambda must be in range [0, {big:g}] for input dtype "
                           f"{_short(input._dtype)}, but found {lambd:g}")
    return Softshrink.apply(input, lambd)


# ---------------------------------------------------------------- gelu
def _erfc_poly(precise):
    """Coefficients (highest first) of a polynomial P with erfc(z) = t exp(P(t) - z^2),
    t = 2 / (2 + z), z in [0, 27]: a Chebyshev fit of log(erfc(z) / t) + z^2 made at first
    use from math.erfc, converted to powers of t. Relative error ~3e-14 (degree 20, float64)
    or ~2e-7 (degree 8, float32) where erfc is not tiny."""
    from numpy.polynomial import Chebyshev, Polynomial

    def f(t):
        z = 2 / t - 2
        return np.log(np.array([math.erfc(v) for v in z]) / t) + z * z

    fit = Chebyshev.interpolate(f, 20 if precise else 8, domain=[2 / 29, 1])
    coef = fit.convert(kind=Polynomial, domain=[-1, 1], window=[-1, 1]).coef[::-1]
    return coef.astype(np.float64 if precise else np.float32)


_ERFC = {}


def _ndtr(x):
    """The standard normal CDF Phi(x) = erfc(-x / sqrt(2)) / 2 of an array, vectorised
    (large arrays in cache-sized chunks: about 1.5x faster than whole-array passes)."""
    precise = x.dtype.itemsize > 4
    coef = _ERFC.get(precise)
    if coef is None:
        coef = _ERFC[precise] = _erfc_poly(precise)
    xf = np.ascontiguousarray(x, dtype=coef.dtype).reshape(-1)
    out = np.empty(xf.shape, coef.dtype)
    step = 1 << 16
    for i in range(0, xf.size, step):
        _ndtr_chunk(xf[i:i + step], coef, out[i:i + step])
    return out.reshape(x.shape).astype(x.dtype, copy=False)


def _ndtr_chunk(x, coef, out):
    z = np.abs(x)
    z *= coef.dtype.type(1 / math.sqrt(2))
    np.minimum(z, 27, out=z)
    t = z + 2
    np.divide(2, t, out=t)
    acc = np.full_like(t, coef[0])
    for c in coef[1:]:  # Horner, in place
        acc *= t
        acc += c
    z *= z
    acc -= z
    np.exp(acc, out=acc)
    acc *= t
    acc *= 0.5  # erfc(|x| / sqrt 2) / 2
    np.subtract(1, acc, out=out)
    np.copyto(out, acc, where=x < 0)


class _NormalCdf(Function):
    """Phi(x), differentiable (used by gelu's backward so it can be differentiated again)."""

    _raw = True
    _grad_name = "ErfBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return _ndtr(a._array)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * (a * a * -0.5).exp() * (1 / math.sqrt(2 * math.pi))


_TANH_K = math.sqrt(2 / math.pi)


class Gelu(Function):
    _raw = True
    _grad_name = "GeluBackward0"

    @staticmethod
    def forward(ctx, a, approximate):
        ctx.save_for_backward(a)
        ctx.approximate = approximate
        x = a._array
        if approximate == "tanh":
            return _nd(0.5 * x * (1 + np.tanh(_TANH_K * (x + 0.044715 * x * x * x))))
        return _nd(x * _ndtr(x))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        if ctx.approximate == "tanh":
            t = ((a + a * a * a * 0.044715) * _TANH_K).tanh()
            d = (t + 1) * 0.5 + a * 0.5 * (1 - t * t) * _TANH_K * (1 + a * a * (3 * 0.044715))
        else:
            pdf = (a * a * -0.5).exp() * (1 / math.sqrt(2 * math.pi))
            d = _NormalCdf.apply(a) + a * pdf
        return grad * d, None


def gelu(input, approximate="none"):
    """x * Phi(x) (Phi: the standard normal CDF); ``approximate='tanh'``:
    0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))."""
    check_tensor(input, "gelu")
    if approximate not in ("none", "tanh"):
        raise RuntimeError("approximate argument must be either none or tanh.")
    _float_only(input, "GeluKernelImpl")
    return Gelu.apply(input, approximate)


# ---------------------------------------------------------------- glu
def glu(input, dim=-1):
    """a * sigmoid(b) where a, b are the halves of ``input`` along ``dim``."""
    check_tensor(input, "glu")
    if input._array.ndim == 0:
        raise RuntimeError("glu does not support scalars because halving size must be even")
    d = wrap_dim(dim, input._array.ndim)
    n = input._array.shape[d]
    if n % 2:
        raise RuntimeError(f"Halving dimension must be even, but dimension {d} is size {n}")
    _float_only(input, "glu_cpu")
    return Glu.apply(input, d)


class Glu(Function):
    _raw = True
    _grad_name = "GluBackward0"

    @staticmethod
    def forward(ctx, x, dim):
        ctx.save_for_backward(x)
        ctx.dim = dim
        a, b = np.split(x._array, 2, axis=dim)
        return a * _sigmoid(b)

    @staticmethod
    def backward(ctx, grad):
        from .linalg import _cat

        (x,) = ctx.saved_tensors
        h = x.shape[ctx.dim] // 2
        lead = (slice(None),) * ctx.dim
        a, b = x[lead + (slice(0, h),)], x[lead + (slice(h, None),)]
        s = b.sigmoid()
        ga = grad * s
        return _cat([ga, ga * a * (1 - s)], ctx.dim), None


# ---------------------------------------------------------------- softmax family
_MISSING = object()


class Softmax(Function):
    _raw = True
    _grad_name = "SoftmaxBackward0"

    @staticmethod
    def forward(ctx, a, dim):
        ctx.save_for_backward(ctx.OUTPUT)
        ctx.dim = dim
        x = a._array
        if x.ndim == 0:
            return _nd(np.exp(x - x))
        # subtract the max: exp never overflows; all -inf rows give nan like torch
        e = x - x.max(dim, keepdims=True, initial=-np.inf)
        np.exp(e, out=e)
        e /= e.sum(dim, keepdims=True)
        return e

    @staticmethod
    def backward(ctx, grad):
        (out,) = ctx.saved_tensors
        if out.ndim == 0:
            return grad * 0, None
        return out * (grad - (grad * out).sum(ctx.dim, keepdim=True)), None


class LogSoftmax(Function):
    _raw = True
    _grad_name = "LogSoftmaxBackward0"

    @staticmethod
    def forward(ctx, a, dim):
        ctx.save_for_backward(ctx.OUTPUT)
        ctx.dim = dim
        x = a._array
        if x.ndim == 0:
            return _nd(x - x)
        shifted = x - x.max(dim, keepdims=True, initial=-np.inf)
        shifted -= np.log(np.exp(shifted).sum(dim, keepdims=True))
        return shifted

    @staticmethod
    def backward(ctx, grad):
        (out,) = ctx.saved_tensors
        if out.ndim == 0:
            return grad * 0, None
        return grad - out.exp() * grad.sum(ctx.dim, keepdim=True), None


def _softmax_args(input, dim, dtype, fname):
    check_tensor(input, fname)
    if dim is _MISSING:
        raise TypeError(f"{fname}() missing 1 required positional arguments: \"dim\"")
    if dtype is not None:
        input = input.to(dtype)
    d = wrap_dim(dim, input._array.ndim)
    if input._dtype._cat < D._FLOAT:
        last = "lastdim_" if d == input._array.ndim - 1 or input._array.ndim == 0 else ""
        raise NotImplementedError(f"\"{fname}_{last}kernel_impl\" not implemented for "
                                  f"'{_short(input._dtype)}'")
    return input, d


def softmax(input, dim=_MISSING, dtype=None):
    """exp(x) / sum(exp(x)) along ``dim`` (computed after subtracting the max);
    ``dtype``: cast the input first."""
    input, d = _softmax_args(input, dim, dtype, "softmax")
    return Softmax.apply(input, d)


def log_softmax(input, dim=_MISSING, dtype=None):
    """x - logsumexp(x) along ``dim``, numerically stable."""
    input, d = _softmax_args(input, dim, dtype, "log_softmax")
    return LogSoftmax.apply(input, d)


def _implicit_dim(fname, input, stacklevel):
    """torch's legacy choice of dim when F.softmax & co. get none, with its warning."""
    import warnings

    warnings.warn(f"Implicit dimension choice for {fname} has been deprecated. Change the call "
                  "to include dim=X as an argument.", UserWarning, stacklevel=stacklevel)
    return 0 if input._array.ndim in (0, 1, 3) else 1


def softmin(input, dim=None, _stacklevel=3, dtype=None):
    """softmax(-x) along ``dim`` (None: torch's legacy implicit choice, with its warning)."""
    check_tensor(input, "softmin")
    if dim is None:
        dim = _implicit_dim("softmin", input, _stacklevel)
    if dtype is not None:
        input = input.to(dtype)
    return softmax(-input, dim)


def functional_softmax(input, dim=None, _stacklevel=3, dtype=None):
    """torch.nn.functional.softmax: ``dim`` may be omitted (legacy, with torch's warning)."""
    check_tensor(input, "softmax")
    if dim is None:
        dim = _implicit_dim("softmax", input, _stacklevel)
    return softmax(input, dim, dtype)


def functional_log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    """torch.nn.functional.log_softmax: ``dim`` may be omitted (legacy, with torch's warning)."""
    check_tensor(input, "log_softmax")
    if dim is None:
        dim = _implicit_dim("log_softmax", input, _stacklevel)
    return log_softmax(input, dim, dtype)

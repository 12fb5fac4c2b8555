"""Elementwise ops: arithmetic, math functions, comparisons, logical ops, casts.

Each differentiable op is one Function with forward (raw arrays, after torch's type
promotion through ``operands``) and backward (Tensor ops, so double backward works).
Broadcasting is ignored in backward: the engine reduces gradients to input shapes.
Simple float-valued unary ops are declared in one line each by ``_float_unary`` (kernel
and derivative side by side, like torch's derivatives table).
"""

import math

import numpy as np

from .. import _dtype as D
from .._backend import CPU, as_device, to_device
from .._tensor import Tensor, _make
from ..autograd.function import (
    Function, _check_no_internal_overlap, apply_inplace, check_cast, check_inplace,
)
from ..autograd.grad_mode import _state
from ._util import cast, check_tensor, is_scalar, operands, scalar_operand, write_out

__all__ = [
    # arithmetic
    "add", "sub", "subtract", "rsub", "mul", "multiply", "div", "divide", "true_divide",
    "neg", "negative", "positive", "pow", "float_power", "square", "reciprocal", "remainder",
    "fmod", "floor_divide", "lerp", "addcmul", "addcdiv",
    # unary math
    "abs", "absolute", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt",
    "rsqrt", "sin", "cos", "tan", "asin", "acos", "atan", "arcsin", "arccos", "arctan", "sinh",
    "cosh", "tanh", "asinh", "acosh", "atanh", "arcsinh", "arccosh", "arctanh", "sigmoid",
    "logit", "sign", "sgn", "signbit", "floor", "ceil", "round", "trunc", "fix", "frac",
    "clamp", "clip", "clamp_min", "clamp_max", "erf", "erfc", "erfinv", "lgamma", "digamma",
    "polygamma", "deg2rad", "rad2deg", "sinc", "angle", "nan_to_num", "conj", "resolve_conj",
    "resolve_neg", "real", "imag",
    # binary math
    "atan2", "arctan2", "hypot", "logaddexp", "logaddexp2", "xlogy", "copysign", "heaviside",
    "nextafter", "maximum", "minimum", "fmax", "fmin",
    # predicates, comparisons, logical and bitwise
    "isnan", "isinf", "isfinite", "isposinf", "isneginf", "isreal", "eq", "ne", "lt", "le",
    "gt", "ge", "greater", "greater_equal", "less", "less_equal", "not_equal", "logical_and",
    "logical_or", "logical_xor", "logical_not", "bitwise_and", "bitwise_or", "bitwise_xor",
    "bitwise_not", "bitwise_left_shift", "bitwise_right_shift",
    "clone",
    # the in-place variants torch also has as torch.X_
    "abs_", "neg_", "negative_", "exp_", "exp2_", "expm1_", "log_", "log2_", "log10_",
    "log1p_", "sqrt_", "rsqrt_", "square_", "sin_", "cos_", "tan_", "asin_", "acos_",
    "atan_", "arcsin_", "arccos_", "arctan_", "sinh_", "cosh_", "tanh_", "asinh_", "acosh_",
    "atanh_", "arcsinh_", "arccosh_", "arctanh_", "sigmoid_", "logit_", "floor_", "ceil_",
    "round_", "trunc_", "fix_", "frac_", "clamp_", "clip_", "clamp_min_", "clamp_max_",
    "reciprocal_", "erf_", "erfc_", "nan_to_num_", "xlogy_", "deg2rad_", "rad2deg_", "sinc_",
]

_LN2 = math.log(2.0)
_LN10 = math.log(10.0)
_SQRT_PI = math.sqrt(math.pi)

# C++ type names torch uses in some dtype-mismatch messages


# ---------------------------------------------------------------- helpers
def _arr(r):
    """ufuncs return NumPy scalars for 0-d operands; a Tensor always holds an ndarray."""
    return r if r.__class__ is np.ndarray else np.asarray(r)


def _not_implemented(kernel, dt):
    """torch's error for a kernel without a version for ``dt``."""
    return NotImplementedError(f"\"{kernel}\" not implemented for '{D._SHORT[dt._name]}'")


def _broadcast_error(*arrays):
    """torch's RuntimeError for shapes that don't broadcast (NumPy raises ValueError)."""
    shapes = [np.shape(a._array if isinstance(a, Tensor) else a) for a in arrays]
    n = max(len(s) for s in shapes)
    padded = [(1,) * (n - len(s)) + tuple(s) for s in shapes]
    for i in range(n):
        sizes = [s[i] for s in padded if s[i] != 1]
        if len(set(sizes)) > 1:
            a = padded[0][i] if padded[0][i] != 1 else sizes[0]
            b = next(s for s in sizes if s != a)
            return RuntimeError(f"The size of tensor a ({a}) must match the size of tensor b "
                                f"({b}) at non-singleton dimension {i}")
    return RuntimeError(f"shapes {[list(s) for s in shapes]} cannot be broadcast")


def _apply(ufunc, *args):
    """``ufunc(*args)`` as an ndarray, without FP warnings, with torch's broadcasting error."""
    try:
        with np.errstate(all="ignore"):
            return _arr(ufunc(*args))
    except ValueError:
        raise _broadcast_error(*args) from None


def _unary_float(a):
    """The array of ``a`` in the dtype a float-valued unary op computes in."""
    dt = a._dtype
    if dt._cat < D._FLOAT:
        return a._array.astype(D.get_default_dtype()._np)
    return a._array


def _promote_float(a, b, kernel=None):
    """``(dt, x, y)`` for a float-valued binary op. Integer results compute in the default
    float dtype, or raise torch's NotImplementedError for ``kernel`` (no integer version)."""
    dt = D.result_type(a, b)
    if dt._cat < D._FLOAT:
        if kernel is not None:
            raise _not_implemented(kernel, dt)
        dt = D.get_default_dtype()
    return dt, _operand(a, dt), _operand(b, dt)


def _operand(v, dt):
    """A Tensor's array cast to ``dt``, or a Python number ready to meet it (weak)."""
    return cast(v, dt) if isinstance(v, Tensor) else scalar_operand(v, dt)


def _const(array):
    """A constant (non-differentiable) Tensor over ``array``."""
    return _make(array, D.from_numpy_dtype(array.dtype))


def _zeros(t):
    return _make(np.zeros(t._array.shape, t._array.dtype), t._dtype)


class _Keep(Function):
    """``where(mask, t, fill)`` for a constant boolean array ``mask``: how backward formulas
    mask a gradient (unlike ``t * mask`` it also drops inf/nan where the mask is False)."""

    _raw = True
    _grad_name = "WhereBackward0"

    @staticmethod
    def forward(ctx, t, mask, fill):
        ctx.mask = mask
        return _arr(np.where(mask, t._array, t._array.dtype.type(fill)))

    @staticmethod
    def backward(ctx, grad):
        return _keep(grad, ctx.mask), None, None


def _keep(t, mask, fill=0):
    return _Keep.apply(t, mask, fill)


def _check_inplace_shape(t, *others):
    """torch's error when an in-place op's broadcast result (Tensors or arrays in
    ``others``) would not fit in ``t``."""
    shape = t._array.shape
    for o in others:
        if isinstance(o, Tensor):
            o = o._array
        if isinstance(o, np.ndarray) and o.shape != shape:
            try:
                full = np.broadcast_shapes(shape, o.shape)
            except ValueError:
                raise _broadcast_error(t._array, o) from None
            if full != shape:
                raise RuntimeError(f"output with shape {list(shape)} doesn't match the "
                                   f"broadcast shape {list(full)}")


def _inplace(cls, t, *args):
    """``t.op_(*args)`` for the Function ``cls`` (shape check, then ``apply_inplace``)."""
    _check_inplace_shape(t, *args)
    return apply_inplace(cls, t, *args)


def _variant(cls, name, grad_name):
    """The Function ``cls`` under another grad_fn name (``ClampMinBackward0``, ...)."""
    return type(name, (cls,), {"_raw": True, "_grad_name": grad_name, "__module__": __name__})


def _need_tensor(x, fname, argname, pos):
    if not isinstance(x, Tensor):
        raise TypeError(f"{fname}(): argument '{argname}' (position {pos}) must be Tensor, not "
                        f"{type(x).__name__}")


def _bool_sub_error(dt):
    if dt is D.bool:
        return RuntimeError("Subtraction, the `-` operator, with two bool tensors is not "
                            "supported. Use the `^` or `logical_xor()` operator instead.")
    return RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. "
                        "If you are trying to invert a mask, use the `~` or `logical_not()` "
                        "operator instead.")


def _binary_check(input, other, fname):
    if not isinstance(input, Tensor):
        if isinstance(other, Tensor) and is_scalar(input):
            return
        raise TypeError(f"{fname}(): argument 'input' (position 1) must be Tensor, not "
                        f"{type(input).__name__}")


def _write_inplace(t, array):
    """Write a non-differentiable result (logical ops, comparisons) into ``t``."""
    check_inplace(t)
    _check_inplace_shape(t, array)
    t._array[...] = array
    t._bump()
    return t


# ---------------------------------------------------------------- casts and copies
class ToCopy(Function):
    _raw = True
    _grad_name = "ToCopyBackward0"

    @staticmethod
    def forward(ctx, a, dt, dev):
        ctx.src = (a._dtype, a._device)
        arr = a._array
        if dev is not a._device:
            arr = to_device(arr, dev) if dev is not CPU or a._device is not CPU else arr
        if dt is not a._dtype:
            arr = arr.astype(D.to_np(dt))
        elif arr is a._array:
            arr = arr.copy()
        return arr

    @staticmethod
    def backward(ctx, grad):
        dt, dev = ctx.src
        return to(grad, dev, dt), None, None


def _parse_to(args, kwargs):
    dev = kwargs.pop("device", None)
    dt = kwargs.pop("dtype", None)
    copy = kwargs.pop("copy", False)
    kwargs.pop("non_blocking", None)
    kwargs.pop("memory_format", None)
    if kwargs:
        raise TypeError(f"to() got an unexpected keyword argument '{next(iter(kwargs))}'")
    for a in args:
        if isinstance(a, D.dtype):
            dt = a
        elif isinstance(a, Tensor):
            dt, dev = a._dtype, a._device
        elif isinstance(a, bool):
            pass  # non_blocking / copy given positionally
        elif a is not None:
            dev = a
    return (None if dev is None else as_device(dev)), dt, copy


def to(input, *args, **kwargs):
    """``Tensor.to(device, dtype)``: returns ``input`` itself when nothing changes."""
    dev, dt, copy = _parse_to(args, kwargs)
    if dev is None:
        dev = input._device
    elif dev.type == "cuda" and dev.index is None:
        dev = as_device("cuda:0")
    if dt is None:
        dt = input._dtype
    if dev is input._device and dt is input._dtype and not copy:
        return input
    if dev.type not in ("cpu", "cuda"):
        raise RuntimeError(f"numtorch does not support the '{dev.type}' device")
    out = ToCopy.apply(input, dt, dev)
    if dev is not CPU:
        out._device = dev
    return out


class Clone(Function):
    _raw = True
    _grad_name = "CloneBackward0"

    @staticmethod
    def forward(ctx, a):
        return a._array.copy()

    @staticmethod
    def backward(ctx, grad):
        return grad


def clone(input, *, memory_format=None):
    out = Clone.apply(input)
    if input._device is not CPU:
        out._device = input._device
    return out


class CopyFrom(Function):
    """``dst.copy_(src)``: the result is ``src`` broadcast and cast to ``dst``."""

    _raw = True
    _grad_name = "CopyBackwards"

    @staticmethod
    def forward(ctx, dst, src):
        ctx.src_dtype = src._dtype
        arr = src._array
        if src._device is not dst._device:
            arr = to_device(arr, dst._device)
        return np.broadcast_to(arr, dst._array.shape).astype(dst._dtype._np)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0, grad


def copy_(input, src, non_blocking=False):
    if is_scalar(src):
        return fill_(input, src)
    check_tensor(src, "copy_", "src", 1)
    _check_inplace_shape(input, src)
    if check_inplace(input, (src,)):
        return apply_inplace(CopyFrom, input, src)
    if 0 in input._array.strides:
        _check_no_internal_overlap(input._array)
    arr = src._array if src._device is input._device else to_device(src._array, input._device)
    input._array[...] = arr
    input._bump()
    return input


def fill_(input, value):
    if isinstance(value, Tensor):
        if value._array.ndim:
            raise RuntimeError(f"fill_ only supports 0-dimension value tensor but got tensor "
                               f"with {value._array.ndim} dimensions.")
        if value._rg or input._rg:
            return copy_(input, value)
        value = value.item()
    check_inplace(input)
    if input._rg and _state.enabled:
        raise RuntimeError("a leaf Variable that requires grad is being used in an in-place "
                           "operation.")
    input._array[...] = value
    input._bump()
    return input


def zero_(input):
    return fill_(input, 0)


# ---------------------------------------------------------------- arithmetic
class Add(Function):
    _raw = True
    _wrapped_scalars = 2
    _grad_name = "AddBackward0"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = operands(a, b)
        try:
            return x + y
        except ValueError:
            raise _broadcast_error(x, y) from None

    @staticmethod
    def backward(ctx, grad):
        return grad, grad


class AddScaled(Function):
    """``add(a, b, alpha=k)`` = a + k*b, one pass."""

    _raw = True
    _wrapped_scalars = 2
    _grad_name = "AddBackward0"

    @staticmethod
    def forward(ctx, a, b, alpha):
        dt, x, y = operands(a, b)
        ctx.alpha = alpha
        try:
            return _arr(x + y * scalar_operand(alpha, dt))
        except ValueError:
            raise _broadcast_error(x, y) from None

    @staticmethod
    def backward(ctx, grad):
        return grad, grad * ctx.alpha, None


class Sub(Function):
    _raw = True
    _wrapped_scalars = 2
    _grad_name = "SubBackward0"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = operands(a, b)
        if a._dtype is D.bool or (b.__class__ is Tensor and b._dtype is D.bool) \
                or b is True or b is False:
            raise _bool_sub_error(dt)
        try:
            return x - y
        except ValueError:
            raise _broadcast_error(x, y) from None

    @staticmethod
    def backward(ctx, grad):
        return grad, -grad


class RSub(Function):
    """``scalar - tensor``."""

    _raw = True
    _grad_name = "RsubBackward1"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = operands(a, b)
        if a._dtype is D.bool or b.__class__ is bool:
            raise _bool_sub_error(dt)
        return _arr(y - x)

    @staticmethod
    def backward(ctx, grad):
        return -grad, None


class Mul(Function):
    _raw = True
    _wrapped_scalars = 2
    _grad_name = "MulBackward0"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = operands(a, b)
        if y.__class__ is np.ndarray or isinstance(b, Tensor):
            ctx.save_for_backward(a, b)
        else:
            ctx.other = b
        try:
            return x * y
        except ValueError:
            raise _broadcast_error(x, y) from None

    @staticmethod
    def backward(ctx, grad):
        if ctx._saved is None:
            return grad * ctx.other, None
        a, b = ctx.saved_tensors
        need_a, need_b = ctx._edges  # only the gradients some input needs (x * weight)
        return (grad * b if need_a else None), (grad * a if need_b else None)


class Div(Function):
    _raw = True
    _wrapped_scalars = 2
    _grad_name = "DivBackward0"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = operands(a, b)
        if dt._cat < D._FLOAT:
            dt = D.get_default_dtype()
            x = x.astype(dt._np)
            if y.__class__ is np.ndarray:
                y = y.astype(dt._np)
        if isinstance(b, Tensor):
            ctx.save_for_backward(a, b)
        else:
            ctx.other = b
        try:
            with np.errstate(divide="ignore", invalid="ignore"):
                return x / y
        except ValueError:
            raise _broadcast_error(x, y) from None

    @staticmethod
    def backward(ctx, grad):
        if ctx._saved is None:
            return grad / ctx.other, None
        a, b = ctx.saved_tensors
        return grad / b, -grad * a / (b * b)


class Neg(Function):
    _raw = True
    _grad_name = "NegBackward0"

    @staticmethod
    def forward(ctx, a):
        if a._dtype is D.bool:
            raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. "
                               "If you are trying to invert a mask, use the `~` or "
                               "`logical_not()` operator instead.")
        return -a._array

    @staticmethod
    def backward(ctx, grad):
        return -grad


def add(input, other, *, alpha=1, out=None):
    """input + alpha * other, with torch's type promotion and broadcasting."""
    if not isinstance(input, Tensor):
        _binary_check(input, other, "add")
        input, other = other, input
    r = Add.apply(input, other) if alpha == 1 else AddScaled.apply(input, other, alpha)
    return r if out is None else write_out(r, out, "add")


def sub(input, other, *, alpha=1, out=None):
    if not isinstance(input, Tensor):
        _binary_check(input, other, "sub")
        return rsub(other, input, alpha=alpha)
    r = Sub.apply(input, other) if alpha == 1 else AddScaled.apply(input, other, -alpha)
    return r if out is None else write_out(r, out, "sub")


subtract = sub


def rsub(input, other, *, alpha=1):
    """other - alpha * input."""
    if alpha != 1:
        input = mul(input, alpha)
    if isinstance(other, Tensor):
        return Sub.apply(other, input)
    return RSub.apply(input, other)


def mul(input, other, *, out=None):
    if not isinstance(input, Tensor):
        _binary_check(input, other, "mul")
        input, other = other, input
    r = Mul.apply(input, other)
    return r if out is None else write_out(r, out, "mul")


multiply = mul


def div(input, other, *, rounding_mode=None, out=None):
    if not isinstance(input, Tensor):
        _binary_check(input, other, "div")
        from .._creation import tensor

        input = tensor(input, dtype=D.result_type(input), device=other._device)
    if rounding_mode is None:
        r = Div.apply(input, other)
    else:
        r = DivMode.apply(input, other, _check_mode(rounding_mode))
    return r if out is None else write_out(r, out, "div")


divide = div
true_divide = div


def _check_mode(mode):
    if mode not in ("trunc", "floor"):
        raise RuntimeError(f"div expected rounding_mode to be one of None, 'trunc', or 'floor' "
                           f"but found '{mode}'")
    return mode


def _rounded_div(x, y, dt, mode):
    """x / y rounded toward zero (``trunc``) or down (``floor``), computed in ``dt``.
    Integer division by zero raises like torch; float division follows IEEE."""
    if dt is D.bool:
        raise _not_implemented(f"div_{mode}_cpu", dt)
    if dt._cat == D._INT:
        if np.any(np.equal(y, 0)):
            raise RuntimeError("ZeroDivisionError")
        q = _apply(np.floor_divide, x, y)
        if mode == "trunc" and dt.is_signed:
            # floor and trunc differ by one where the exact quotient is negative and inexact
            q = _arr(q + ((q < 0) & (q * y != x)))
        return q
    if mode == "trunc":
        return _apply(lambda u, v: np.trunc(u / v), x, y)
    return _apply(np.floor_divide, x, y)


class DivMode(Function):
    """``div(a, b, rounding_mode=...)``: piecewise constant, so its gradient is zero."""

    _raw = True
    _grad_name = "DivBackward2"

    @staticmethod
    def forward(ctx, a, b, mode):
        dt, x, y = operands(a, b)
        return _rounded_div(x, y, dt, mode)

    @staticmethod
    def backward(ctx, grad):
        return _zeros(grad), _zeros(grad), None


def neg(input, *, out=None):
    check_tensor(input, "neg")
    r = Neg.apply(input)
    return r if out is None else write_out(r, out, "neg")


negative = neg


# ---- in-place arithmetic: a direct ufunc with out= when nothing is recorded
def _fits(input, o):
    """Whether operand ``o`` can be used as is to write into ``input``'s array: a Python
    number (weak: float32 stays float32) or a tensor of its dtype and device that
    broadcasts to its shape."""
    oc = o.__class__
    if oc is Tensor or isinstance(o, Tensor):
        if o._dtype is not input._dtype or o._device is not input._device:
            return False
        shape = input._array.shape
        if o._array.shape != shape:
            try:
                return np.broadcast_shapes(shape, o._array.shape) == shape
            except ValueError:
                return False
        return True
    return oc is float or oc is int


def _fast_inplace(input, *others):
    """Whether ``input.op_(*others)`` may write straight into ``input``'s array: nothing to
    record, a float input, operands that fit (the optimizers' hot path, under no_grad)."""
    if input._dtype._cat != D._FLOAT or check_inplace(input, others):
        return False
    return all(_fits(input, o) for o in others)


def _inplace_binary(ufunc, cls, input, other, alpha=1):
    x = input._array
    if 0 in x.strides:
        _check_no_internal_overlap(x)
    elif (input._dtype._cat == D._FLOAT and _fits(input, other)
          and (not _state.enabled or not check_inplace(input, (other,)))):
        # _fast_inplace, unrolled for one operand: this is every optimizer step's hot path.
        # Write straight into the array, one temporary at most (p.add_(g, alpha=-lr))
        y = other._array if other.__class__ is Tensor or isinstance(other, Tensor) else other
        if alpha != 1:
            ufunc, y = np.add, np.multiply(y, alpha if cls is Add else -alpha)
        ufunc(x, y, out=x)
        input._bump()
        return input
    if check_inplace(input, (other,)) or alpha != 1:
        if alpha != 1:
            return _inplace(AddScaled, input, other, alpha if cls is Add else -alpha)
        return _inplace(cls, input, other)
    dt, x, y = operands(input, other)
    if ufunc is np.true_divide and dt._cat < D._FLOAT:
        dt = D.get_default_dtype()
    check_cast(dt, input)
    if cls is Sub and (input._dtype is D.bool or other.__class__ is bool
                       or getattr(other, "_dtype", None) is D.bool):
        raise _bool_sub_error(dt)
    if isinstance(other, Tensor) and other._array.shape != input._array.shape:
        _check_inplace_shape(input, other)
    if ufunc is np.true_divide:
        with np.errstate(divide="ignore", invalid="ignore"):
            ufunc(input._array, y, out=input._array, casting="unsafe")
    else:
        ufunc(input._array, y, out=input._array, casting="unsafe")
    input._bump()
    return input


def add_(input, other, *, alpha=1):
    return _inplace_binary(np.add, Add, input, other, alpha)


def sub_(input, other, *, alpha=1):
    return _inplace_binary(np.subtract, Sub, input, other, alpha)


subtract_ = sub_


def mul_(input, other):
    return _inplace_binary(np.multiply, Mul, input, other)


multiply_ = mul_


def div_(input, other, *, rounding_mode=None):
    if rounding_mode is not None:
        return _inplace(DivMode, input, other, _check_mode(rounding_mode))
    return _inplace_binary(np.true_divide, Div, input, other)


divide_ = div_
true_divide_ = div_


def neg_(input):
    return apply_inplace(Neg, input)


negative_ = neg_


# ---------------------------------------------------------------- pow
def _int_pow(x, y):
    """Integer power where a negative exponent gives 1/x**n truncated (0 unless |x| == 1),
    like torch's integer kernel (NumPy raises instead)."""
    neg = np.less(y, 0)
    if not np.any(neg):
        return _apply(np.power, x, y)
    r = _apply(np.power, x, np.where(neg, 0, y).astype(np.result_type(y), copy=False))
    odd = np.remainder(y, 2) != 0
    small = np.where(np.equal(x, 1) | (np.equal(x, -1) & ~odd), 1,
                     np.where(np.equal(x, -1), -1, 0))
    return _arr(np.where(neg, small, r).astype(r.dtype, copy=False))


def _power(x, y, dt):
    if dt is D.bool:
        raise _not_implemented("pow", dt)
    if dt._cat == D._INT:
        return _int_pow(x, y)
    return _apply(np.power, x, y)


class PowScalar(Function):
    _raw = True
    _grad_name = "PowBackward0"

    @staticmethod
    def forward(ctx, a, e):
        dt, x, y = operands(a, e)
        if dt._cat == D._INT and isinstance(e, (int, np.integer)) and e < 0:
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        ctx.save_for_backward(a)
        ctx.e = e
        return _power(x, y, dt)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        e = ctx.e
        if e == 0:
            return grad * 0, None
        return grad * e * a ** (e - 1), None


class PowTensor(Function):
    _raw = True
    _grad_name = "PowBackward1"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = operands(a, b)
        ctx.save_for_backward(a, b, ctx.OUTPUT)
        return _power(x, y, dt)

    @staticmethod
    def backward(ctx, grad):
        a, b, out = ctx.saved_tensors
        # torch: zero where the exponent is 0 (also where a == 0 makes a ** -1 infinite)
        ga = grad * b * _keep(a ** (b - 1), b._array != 0)
        # d/db a**b = a**b * log(a); torch defines it as 0 where a == 0 and b >= 0
        gb = grad * out * _keep(log(a), ~((a._array == 0) & (b._array >= 0)))
        return ga, gb


class RPow(Function):
    """``scalar ** tensor``."""

    _raw = True
    _grad_name = "PowBackward2"

    @staticmethod
    def forward(ctx, e, base):
        dt, x, y = operands(e, base)
        ctx.base = base
        ctx.save_for_backward(ctx.OUTPUT)
        return _power(np.asarray(y, dt._np), x, dt)

    @staticmethod
    def backward(ctx, grad):
        (out,) = ctx.saved_tensors
        return grad * out * math.log(ctx.base) if ctx.base > 0 else grad * 0, None


def pow(input, exponent, *, out=None):
    """input ** exponent; either may be a Python number (not both)."""
    if not isinstance(input, Tensor):
        if not isinstance(exponent, Tensor):
            raise TypeError("pow() received an invalid combination of arguments - got "
                            f"({type(input).__name__}, {type(exponent).__name__})")
        r = RPow.apply(exponent, input)
    elif isinstance(exponent, Tensor):
        r = PowTensor.apply(input, exponent)
    else:
        r = PowScalar.apply(input, exponent)
    return r if out is None else write_out(r, out, "pow")


def pow_(input, exponent):
    return _inplace(PowTensor if isinstance(exponent, Tensor) else PowScalar, input, exponent)


def square(input, *, out=None):
    check_tensor(input, "square")
    return pow(input, 2, out=out)


def square_(input):
    return pow_(input, 2)


# ---------------------------------------------------------------- unary math
class Exp(Function):
    _raw = True
    _grad_name = "ExpBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(ctx.OUTPUT)
        with np.errstate(over="ignore"):
            return _arr(np.exp(_unary_float(a)))

    @staticmethod
    def backward(ctx, grad):
        (out,) = ctx.saved_tensors
        return grad * out


class Log(Function):
    _raw = True
    _grad_name = "LogBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        with np.errstate(divide="ignore", invalid="ignore"):
            return _arr(np.log(_unary_float(a)))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad / a


class Sqrt(Function):
    _raw = True
    _grad_name = "SqrtBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(ctx.OUTPUT)
        with np.errstate(invalid="ignore"):
            return _arr(np.sqrt(_unary_float(a)))

    @staticmethod
    def backward(ctx, grad):
        (out,) = ctx.saved_tensors
        return grad / (2 * out)


class Abs(Function):
    _raw = True
    _grad_name = "AbsBackward0"

    @staticmethod
    def forward(ctx, a):
        if a._dtype is D.bool:
            raise _not_implemented("abs_cpu", a._dtype)
        ctx.save_for_backward(a)
        return _arr(np.abs(a._array))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * sign(a)  # sign(0) = 0: torch's abs'(0)


class Sign(Function):
    _raw = True
    _grad_name = "SignBackward0"

    @staticmethod
    def forward(ctx, a):
        x = a._array
        if a._dtype is D.bool:
            return x.copy()
        r = _arr(np.sign(x))
        if a._dtype._cat == D._FLOAT:
            np.copyto(r, 0, where=np.isnan(r))  # torch: sign(nan) = 0
        return r

    @staticmethod
    def backward(ctx, grad):
        return _zeros(grad)


Sgn = _variant(Sign, "Sgn", "SgnBackward0")


class Sigmoid(Function):
    _raw = True
    _grad_name = "SigmoidBackward0"

    @staticmethod
    def forward(ctx, a):
        x = _unary_float(a)
        ctx.save_for_backward(ctx.OUTPUT)
        # exp(-|x|) never overflows: the stable form for both signs
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1 / (1 + e), e / (1 + e)).astype(x.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        (out,) = ctx.saved_tensors
        return grad * out * (1 - out)


class Tanh(Function):
    _raw = True
    _grad_name = "TanhBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(ctx.OUTPUT)
        return _arr(np.tanh(_unary_float(a)))

    @staticmethod
    def backward(ctx, grad):
        (out,) = ctx.saved_tensors
        return grad * (1 - out * out)


class Reciprocal(Function):
    _raw = True
    _grad_name = "ReciprocalBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(ctx.OUTPUT)
        with np.errstate(divide="ignore"):
            return _arr(1 / _unary_float(a))

    @staticmethod
    def backward(ctx, grad):
        (out,) = ctx.saved_tensors
        return -grad * out * out


def _float_unary(name, kernel, derivative, saves="x"):
    """A Function ``name`` (grad_fn ``<name>Backward0``) for a float-valued unary op.

    ``kernel(array)`` computes the op (integer/bool inputs arrive in the default float
    dtype); ``derivative(grad, s)`` is the backward in Tensor ops, where ``s`` is the input
    (``saves="x"``) or the output (``saves="y"``).
    """

    def forward(ctx, a):
        ctx.save_for_backward(a if saves == "x" else ctx.OUTPUT)
        x = _unary_float(a)
        with np.errstate(all="ignore"):
            if x.dtype.itemsize == 2:  # half precision computes in float32, like torch
                return _arr(kernel(x.astype(np.float32))).astype(x.dtype)
            return _arr(kernel(x))

    def backward(ctx, grad):
        (s,) = ctx.saved_tensors
        return derivative(grad, s)

    ns = {"_raw": True, "_grad_name": name + "Backward0", "__module__": __name__,
          "forward": staticmethod(forward), "backward": staticmethod(backward)}
    return type(name, (Function,), ns)


def _in64(kernel):
    """Run a float64 kernel (the special functions below, written for 1-d arrays) on an
    array of any shape and dtype; the result keeps the input's shape and dtype."""
    return lambda x: _run64(kernel, x)


def _run64(kernel, x):
    flat = x.astype(np.float64).reshape(-1)
    return kernel(flat).reshape(x.shape).astype(x.dtype, copy=False)


Exp2 = _float_unary("Exp2", np.exp2, lambda g, y: g * y * _LN2, saves="y")
Expm1 = _float_unary("Expm1", np.expm1, lambda g, y: g * (y + 1), saves="y")
Log2 = _float_unary("Log2", np.log2, lambda g, x: g / (x * _LN2))
Log10 = _float_unary("Log10", np.log10, lambda g, x: g / (x * _LN10))
Log1p = _float_unary("Log1P", np.log1p, lambda g, x: g / (x + 1))
Rsqrt = _float_unary("Rsqrt", lambda x: 1 / np.sqrt(x), lambda g, y: -0.5 * g * y * y * y,
                     saves="y")
Sin = _float_unary("Sin", np.sin, lambda g, x: g * cos(x))
Cos = _float_unary("Cos", np.cos, lambda g, x: -g * sin(x))
Tan = _float_unary("Tan", np.tan, lambda g, y: g * (1 + y * y), saves="y")
Asin = _float_unary("Asin", np.arcsin, lambda g, x: g / sqrt(1 - x * x))
Acos = _float_unary("Acos", np.arccos, lambda g, x: -g / sqrt(1 - x * x))
Atan = _float_unary("Atan", np.arctan, lambda g, x: g / (x * x + 1))
Sinh = _float_unary("Sinh", np.sinh, lambda g, x: g * cosh(x))
Cosh = _float_unary("Cosh", np.cosh, lambda g, x: g * sinh(x))
Asinh = _float_unary("Asinh", np.arcsinh, lambda g, x: g / sqrt(x * x + 1))
Acosh = _float_unary("Acosh", np.arccosh, lambda g, x: g / sqrt((x - 1) * (x + 1)))
Atanh = _float_unary("Atanh", np.arctanh, lambda g, x: g / (1 - x * x))
Deg2Rad = _float_unary("Deg2Rad", lambda x: x * (math.pi / 180), lambda g, x: g * (math.pi / 180))
Rad2Deg = _float_unary("Rad2Deg", lambda x: x * (180 / math.pi), lambda g, x: g * (180 / math.pi))
Erf = _float_unary("Erf", _in64(lambda x: _erf(x)),
                   lambda g, x: g * (2 / _SQRT_PI) * exp(-x * x))
Erfc = _float_unary("Erfc", _in64(lambda x: _erfc(x)),
                    lambda g, x: g * (-2 / _SQRT_PI) * exp(-x * x))
Erfinv = _float_unary("Erfinv", _in64(lambda x: _erfinv(x)),
                      lambda g, y: g * (_SQRT_PI / 2) * exp(y * y), saves="y")
Lgamma = _float_unary("Lgamma", _in64(lambda x: _lgamma(x)), lambda g, x: g * digamma(x))
Digamma = _float_unary("Digamma", _in64(lambda x: _digamma(x)),
                       lambda g, x: g * polygamma(1, x))


def _sinc_grad(g, x):
    # d/dx sin(pi x)/(pi x) = (pi x cos(pi x) - sin(pi x)) / (pi x^2); 0 at x = 0
    px = x * math.pi
    return _keep(g * ((px * cos(px) - sin(px)) / (px * x)), x._array != 0)


Sinc = _float_unary("Sinc", np.sinc, _sinc_grad)
# angle of a real number: pi for negatives, 0 otherwise (nan stays nan); gradient zero
Angle = _float_unary("Angle", lambda x: np.where(
    x < 0, x.dtype.type(math.pi), np.where(np.isnan(x), x, x.dtype.type(0))),
    lambda g, x: _zeros(g))


class Polygamma(Function):
    _raw = True
    _grad_name = "PolygammaBackward0"

    @staticmethod
    def forward(ctx, a, n):
        ctx.save_for_backward(a)
        ctx.n = n
        x = _unary_float(a)
        with np.errstate(all="ignore"):
            return _run64(_digamma if n == 0 else (lambda v: _polygamma(n, v)), x)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * polygamma(ctx.n + 1, a), None


class _IntPreserving(Function):
    """Base of floor/ceil/round/trunc: integer inputs are returned unchanged (a copy),
    bool inputs raise like torch; the gradient is zero almost everywhere."""

    _raw = True
    _kernel = "floor"

    @staticmethod
    def forward(ctx, a):
        dt = a._dtype
        if dt is D.bool:
            raise _not_implemented(ctx._fn._kernel + "_vml_cpu", dt)
        if dt._cat == D._INT:
            return a._array.copy()
        return _arr(ctx._fn._ufunc(a._array))

    @staticmethod
    def backward(ctx, grad):
        return _zeros(grad)


def _int_preserving(name, ufunc, kernel):
    return type(name, (_IntPreserving,), {
        "_raw": True, "_grad_name": name + "Backward0", "_kernel": kernel,
        "_ufunc": staticmethod(ufunc), "__module__": __name__})


Floor = _int_preserving("Floor", np.floor, "floor")
Ceil = _int_preserving("Ceil", np.ceil, "ceil")
Trunc = _int_preserving("Trunc", np.trunc, "trunc")
Round = _int_preserving("Round", np.rint, "round")  # half to even, like torch


class RoundDecimals(Function):
    _raw = True
    _grad_name = "RoundBackward1"

    @staticmethod
    def forward(ctx, a, decimals):
        if a._dtype._cat < D._FLOAT:
            raise _not_implemented("round_cpu", a._dtype)
        x = a._array
        p = x.dtype.type(10.0 ** builtins_abs(decimals))
        with np.errstate(all="ignore"):
            if decimals >= 0:
                return _arr(np.rint(x * p) / p)
            return _arr(np.rint(x / p) * p)

    @staticmethod
    def backward(ctx, grad):
        return _zeros(grad), None


class Frac(Function):
    _raw = True
    _grad_name = "FracBackward0"

    @staticmethod
    def forward(ctx, a):
        if a._dtype._cat < D._FLOAT:
            raise _not_implemented("frac_cpu", a._dtype)
        with np.errstate(invalid="ignore"):
            return _arr(a._array - np.trunc(a._array))

    @staticmethod
    def backward(ctx, grad):
        return grad


def _unary(cls, fname):
    def op(input, *, out=None):
        check_tensor(input, fname)
        r = cls.apply(input)
        return r if out is None else write_out(r, out, fname)

    def op_(input):
        check_tensor(input, fname + "_")
        return apply_inplace(cls, input)

    op.__name__, op_.__name__ = fname, fname + "_"
    op.__qualname__, op_.__qualname__ = fname, fname + "_"
    op.__doc__ = f"Elementwise ``{fname}`` (torch.{fname})."
    op_.__doc__ = f"In-place ``{fname}``."
    return op, op_


builtins_abs = abs
exp, exp_ = _unary(Exp, "exp")
log, log_ = _unary(Log, "log")
sqrt, sqrt_ = _unary(Sqrt, "sqrt")
abs, abs_ = _unary(Abs, "abs")  # noqa: A001
absolute, absolute_ = abs, abs_
sign, sign_ = _unary(Sign, "sign")
sgn, sgn_ = _unary(Sgn, "sgn")
sigmoid, sigmoid_ = _unary(Sigmoid, "sigmoid")
tanh, tanh_ = _unary(Tanh, "tanh")
reciprocal, reciprocal_ = _unary(Reciprocal, "reciprocal")
exp2, exp2_ = _unary(Exp2, "exp2")
expm1, expm1_ = _unary(Expm1, "expm1")
log2, log2_ = _unary(Log2, "log2")
log10, log10_ = _unary(Log10, "log10")
log1p, log1p_ = _unary(Log1p, "log1p")
rsqrt, rsqrt_ = _unary(Rsqrt, "rsqrt")
sin, sin_ = _unary(Sin, "sin")
cos, cos_ = _unary(Cos, "cos")
tan, tan_ = _unary(Tan, "tan")
asin, asin_ = _unary(Asin, "asin")
acos, acos_ = _unary(Acos, "acos")
atan, atan_ = _unary(Atan, "atan")
arcsin, arcsin_, arccos, arccos_, arctan, arctan_ = asin, asin_, acos, acos_, atan, atan_
sinh, sinh_ = _unary(Sinh, "sinh")
cosh, cosh_ = _unary(Cosh, "cosh")
asinh, asinh_ = _unary(Asinh, "asinh")
acosh, acosh_ = _unary(Acosh, "acosh")
atanh, atanh_ = _unary(Atanh, "atanh")
arcsinh, arcsinh_, arccosh, arccosh_ = asinh, asinh_, acosh, acosh_
arctanh, arctanh_ = atanh, atanh_
deg2rad, deg2rad_ = _unary(Deg2Rad, "deg2rad")
rad2deg, rad2deg_ = _unary(Rad2Deg, "rad2deg")
erf, erf_ = _unary(Erf, "erf")
erfc, erfc_ = _unary(Erfc, "erfc")
erfinv, erfinv_ = _unary(Erfinv, "erfinv")
lgamma, lgamma_ = _unary(Lgamma, "lgamma")
digamma, digamma_ = _unary(Digamma, "digamma")
sinc, sinc_ = _unary(Sinc, "sinc")
angle = _unary(Angle, "angle")[0]
floor, floor_ = _unary(Floor, "floor")
ceil, ceil_ = _unary(Ceil, "ceil")
trunc, trunc_ = _unary(Trunc, "trunc")
fix, fix_ = trunc, trunc_
frac, frac_ = _unary(Frac, "frac")


def round(input, *, decimals=0, out=None):  # noqa: A001
    """Round half to even; ``decimals`` rounds to that many decimal digits."""
    check_tensor(input, "round")
    r = Round.apply(input) if decimals == 0 else RoundDecimals.apply(input, decimals)
    return r if out is None else write_out(r, out, "round")


def round_(input, *, decimals=0):
    if decimals == 0:
        return apply_inplace(Round, input)
    return apply_inplace(RoundDecimals, input, decimals)


def polygamma(n, input, *, out=None):
    """The n-th derivative of digamma (n = 0 is digamma itself)."""
    if isinstance(n, Tensor) and not isinstance(input, Tensor):
        n, input = input, n  # Tensor.polygamma(n) passes (self, n)
    check_tensor(input, "polygamma", "input", 2)
    if n < 0:
        raise RuntimeError("polygamma(n, x) does not support negative n.")
    r = Polygamma.apply(input, int(n))
    return r if out is None else write_out(r, out, "polygamma")


def polygamma_(input, n):
    if n < 0:
        raise RuntimeError("polygamma(n, x) does not support negative n.")
    return apply_inplace(Polygamma, input, int(n))


def signbit(input, *, out=None):
    """True where the sign bit is set (-0.0 and negatives)."""
    check_tensor(input, "signbit")
    x = input._array
    r = np.signbit(x) if input._dtype._cat == D._FLOAT else (x < 0)
    r = _make(_arr(r), D.bool)
    return r if out is None else write_out(r, out, "signbit")


def positive(input):
    """Returns ``input`` itself (torch raises for bool tensors)."""
    check_tensor(input, "positive")
    if input._dtype is D.bool:
        raise RuntimeError("The `+` operator, on a bool tensor is not supported.")
    return input


def conj(input):
    """Complex conjugate; a real tensor is returned as is."""
    check_tensor(input, "conj")
    if input._dtype._cat == D._COMPLEX:
        return _make(np.conj(input._array), input._dtype)
    return input


def resolve_conj(input):
    check_tensor(input, "resolve_conj")
    return input


def resolve_neg(input):
    check_tensor(input, "resolve_neg")
    return input


def _part_view(input, array):
    out = _make(array, D.from_numpy_dtype(array.dtype))
    out._vc = input._get_vc()
    out._base = input._base if input._base is not None else input
    return out


def real(input):
    """The real part: a view for complex tensors, ``input`` itself otherwise."""
    check_tensor(input, "real")
    if input._dtype._cat == D._COMPLEX:
        return _part_view(input, input._array.real)
    return input


def imag(input):
    check_tensor(input, "imag")
    if input._dtype._cat != D._COMPLEX:
        raise RuntimeError("imag is not implemented for tensors with non-complex dtypes.")
    return _part_view(input, input._array.imag)


# ---------------------------------------------------------------- logit, nan_to_num
class Logit(Function):
    """log(x / (1 - x)), with x clamped to [eps, 1 - eps] when eps is given."""

    _raw = True
    _grad_name = "LogitBackward0"

    @staticmethod
    def forward(ctx, a, eps):
        ctx.save_for_backward(a)
        ctx.eps = eps
        x = _unary_float(a)
        if eps is not None:
            x = np.clip(x, eps, 1 - eps)
        with np.errstate(all="ignore"):
            return _arr(np.log(x / (1 - x)))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        x, eps = a._array, ctx.eps
        d = grad / (a * (1 - a))
        if eps is None:  # nan outside [0, 1]
            return _keep(d, (x >= 0) & (x <= 1), math.nan), None
        return _keep(d, (x >= eps) & (x <= 1 - eps)), None


def logit(input, eps=None, *, out=None):
    check_tensor(input, "logit")
    r = Logit.apply(input, eps)
    return r if out is None else write_out(r, out, "logit")


def logit_(input, eps=None):
    return apply_inplace(Logit, input, eps)


class NanToNum(Function):
    _raw = True
    _grad_name = "NanToNumBackward0"

    @staticmethod
    def forward(ctx, a, nan, posinf, neginf):
        ctx.save_for_backward(a)
        x = a._array
        if a._dtype._cat != D._FLOAT:
            return x.copy()
        return _arr(np.nan_to_num(x, nan=nan, posinf=posinf, neginf=neginf))

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return _keep(grad, np.isfinite(a._array)), None, None, None


def nan_to_num(input, nan=0.0, posinf=None, neginf=None, *, out=None):
    """Replace nan, +inf and -inf (default: 0, the dtype's largest and lowest values)."""
    check_tensor(input, "nan_to_num")
    r = NanToNum.apply(input, nan, posinf, neginf)
    return r if out is None else write_out(r, out, "nan_to_num")


def nan_to_num_(input, nan=0.0, posinf=None, neginf=None):
    return apply_inplace(NanToNum, input, nan, posinf, neginf)


# ---------------------------------------------------------------- clamp
def _check_bound(v, dt):
    """An integer tensor can't be clamped to a Python bound its dtype can't hold."""
    if dt._cat == D._INT and isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        info = np.iinfo(dt._np)
        low = -info.max if dt._unsigned else info.min  # unsigned: negatives wrap, like torch
        if not low <= v <= info.max:
            raise RuntimeError(f"value cannot be converted to type {dt._np.name}_t without "
                               "overflow")


class ClampScalar(Function):
    """clamp with Python-number bounds: min(max(x, lo), hi); either bound may be None."""

    _raw = True
    _grad_name = "ClampBackward1"

    @staticmethod
    def forward(ctx, a, lo, hi):
        dt = D.result_type(a, *[b for b in (lo, hi) if b is not None])
        ctx.save_for_backward(a)
        ctx.bounds = (lo, hi)
        r = cast(a, dt)
        if lo is not None:
            _check_bound(lo, dt)
            r = np.maximum(r, scalar_operand(lo, dt))
        if hi is not None:
            _check_bound(hi, dt)
            r = np.minimum(r, scalar_operand(hi, dt))
        return _arr(r.copy() if r is a._array else r)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        lo, hi = ctx.bounds
        x = a._array
        mask = np.ones(x.shape, bool)
        if lo is not None:
            mask &= x >= lo
        if hi is not None:
            mask &= x <= hi
        return _keep(grad, mask), None, None


class ClampTensor(Function):
    """clamp with Tensor bounds (either may be None); each gets the gradient where it is
    the result: x inside [lo, hi], lo where x < lo <= hi, hi where max(x, lo) > hi."""

    _raw = True
    _grad_name = "ClampBackward0"

    @staticmethod
    def forward(ctx, a, lo, hi):
        ops = [b for b in (a, lo, hi) if b is not None]
        dt = D.result_type(*ops)
        ctx.save_for_backward(a, lo, hi)
        r = cast(a, dt)
        try:
            with np.errstate(invalid="ignore"):
                if lo is not None:
                    r = np.maximum(r, _operand(lo, dt))
                if hi is not None:
                    r = np.minimum(r, _operand(hi, dt))
        except ValueError:
            raise _broadcast_error(*[o._array for o in ops]) from None
        return _arr(r.copy() if r is a._array else r)

    @staticmethod
    def backward(ctx, grad):
        a, lo, hi = ctx.saved_tensors
        x = a._array
        ga = glo = ghi = None
        if hi is None:
            ga, glo = _keep(grad, x >= lo._array), _keep(grad, x < lo._array)
        elif lo is None:
            ga, ghi = _keep(grad, x <= hi._array), _keep(grad, x > hi._array)
        else:
            l, h = lo._array, hi._array
            ga = _keep(grad, (x >= l) & (x <= h))
            glo = _keep(grad, (x < l) & (l <= h))
            ghi = _keep(grad, (x > h) | (l > h))
        return ga, glo, ghi


ClampMin = _variant(ClampScalar, "ClampMin", "ClampMinBackward0")
ClampMax = _variant(ClampScalar, "ClampMax", "ClampMaxBackward0")
ClampMinTensor = _variant(ClampTensor, "ClampMinTensor", "ClampMinBackward1")
ClampMaxTensor = _variant(ClampTensor, "ClampMaxTensor", "ClampMaxBackward1")


def _clamp_fn(input, min, max, fname):
    check_tensor(input, fname)
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    for v, name in ((min, "min"), (max, "max")):
        if v is not None and not isinstance(v, Tensor) and not is_scalar(v):
            raise TypeError(f"{fname}(): argument '{name}' must be Tensor or Number, not "
                            f"{type(v).__name__}")
    if isinstance(min, Tensor) or isinstance(max, Tensor):
        if fname == "clamp_min":
            return ClampMinTensor, (min, None)
        if fname == "clamp_max":
            return ClampMaxTensor, (None, max)
        from .._creation import tensor

        lo, hi = [v if v is None or isinstance(v, Tensor) else tensor(v) for v in (min, max)]
        return ClampTensor, (lo, hi)
    cls = {"clamp": ClampScalar, "clamp_min": ClampMin, "clamp_max": ClampMax}[fname]
    return cls, (min, max)


def clamp(input, min=None, max=None, *, out=None):  # noqa: A002
    """min(max(input, min), max); bounds are numbers or Tensors, either may be None."""
    cls, bounds = _clamp_fn(input, min, max, "clamp")
    r = cls.apply(input, *bounds)
    return r if out is None else write_out(r, out, "clamp")


def clamp_(input, min=None, max=None):  # noqa: A002
    cls, bounds = _clamp_fn(input, min, max, "clamp")
    return _inplace(cls, input, *bounds)


def clamp_min(input, min, *, out=None):  # noqa: A002
    cls, bounds = _clamp_fn(input, min, None, "clamp_min")
    r = cls.apply(input, *bounds)
    return r if out is None else write_out(r, out, "clamp_min")


def clamp_min_(input, min):  # noqa: A002
    cls, bounds = _clamp_fn(input, min, None, "clamp_min")
    return _inplace(cls, input, *bounds)


def clamp_max(input, max, *, out=None):  # noqa: A002
    cls, bounds = _clamp_fn(input, None, max, "clamp_max")
    r = cls.apply(input, *bounds)
    return r if out is None else write_out(r, out, "clamp_max")


def clamp_max_(input, max):  # noqa: A002
    cls, bounds = _clamp_fn(input, None, max, "clamp_max")
    return _inplace(cls, input, *bounds)


clip, clip_ = clamp, clamp_


# ---------------------------------------------------------------- special-function kernels
# Vectorised float64 kernels (no SciPy), accurate to a few ulps: series and continued
# fractions where they converge fast, a piecewise polynomial fit in between.


def _poly(coefs, z):
    """sum(coefs[k] * z**k) by Horner's rule."""
    r = np.full_like(z, coefs[-1])
    for c in coefs[-2::-1]:
        r *= z
        r += c
    return r


class _Piecewise:
    """A piecewise polynomial fit of a scalar function ``f`` on [lo, hi): ``n`` segments,
    each a degree-``deg`` interpolant at Chebyshev points (power basis in a local variable
    on [-1, 1]). Built once, from the slow exact ``f`` at a few hundred points."""

    def __init__(self, f, lo, hi, n, deg):
        self.lo, self.h, self.n = lo, (hi - lo) / n, n
        cheb = np.polynomial.chebyshev
        rows = []
        for i in range(n):
            a = lo + i * self.h
            c = cheb.chebinterpolate(
                lambda t: np.array([f(a + (ti + 1) * self.h / 2) for ti in t]), deg)
            rows.append(cheb.cheb2poly(c))
        self.coefs = np.array(rows).T.copy()  # (deg + 1, n)

    def __call__(self, x):
        i = np.clip(((x - self.lo) / self.h).astype(np.intp), 0, self.n - 1)
        t = 2 * (x - self.lo - i * self.h) / self.h - 1
        c = self.coefs
        r = c[-1][i]
        for k in range(len(c) - 2, -1, -1):
            r = r * t + c[k][i]
        return r


_ERFCX = []  # the fit of erfcx(x) = exp(x^2) erfc(x) on [0.5, 6), built on first use
_ERF_TAYLOR = [(-1) ** k / (math.factorial(k) * (2 * k + 1)) * 2 / _SQRT_PI for k in range(14)]


def _erfc_pos(a):
    """erfc(a) for a >= 0.5 (a may be inf/nan)."""
    out = np.empty_like(a)
    mid = a < 6
    if mid.any():
        if not _ERFCX:
            _ERFCX.append(_Piecewise(lambda t: math.erfc(t) * math.exp(t * t), 0.5, 6.0, 22, 12))
        am = a[mid]
        out[mid] = np.exp(-am * am) * _ERFCX[0](am)
    big = ~mid
    if big.any():
        # Laplace's continued fraction: erfc(a) = exp(-a^2)/sqrt(pi) / (a + 1/2/(a + 1/(a + ...)))
        ab = a[big]
        f = ab.copy()
        for k in range(40, 0, -1):
            f = ab + (k / 2) / f
        out[big] = np.exp(-ab * ab) / (_SQRT_PI * f)
    return out


def _erf(x):
    a = np.abs(x)
    out = np.empty_like(x)
    small = a < 0.5
    if small.any():
        xs = x[small]
        out[small] = xs * _poly(_ERF_TAYLOR, xs * xs)
    rest = ~small
    if rest.any():
        out[rest] = np.copysign(1 - _erfc_pos(a[rest]), x[rest])
    return out


def _erfc(x):
    a = np.abs(x)
    out = np.empty_like(x)
    small = a < 0.5
    if small.any():
        out[small] = 1 - _erf(x[small])
    rest = ~small
    if rest.any():
        e = _erfc_pos(a[rest])
        out[rest] = np.where(x[rest] < 0, 2 - e, e)
    return out


def _erfinv(y):
    """Winitzki's closed form as a start (rel. error ~2e-3), then Halley steps on
    erf(x) = a (on 1 - a = erfc(x) for a >= 0.5, where that is exact)."""
    a = np.abs(y)
    w = -np.log1p(-a * a)
    t = 2 / (math.pi * 0.147) - w / 2
    x = np.sqrt(np.sqrt(t * t + w / 0.147) - t)
    ok = a < 1
    lo = ok & (a < 0.5)
    hi = ok & ~lo
    for sel, upper in ((lo, False), (hi, True)):
        if not sel.any():
            continue
        xs, As = x[sel], a[sel]
        for _ in range(3):
            f = (1 - As) - _erfc(xs) if upper else _erf(xs) - As
            u = f / ((2 / _SQRT_PI) * np.exp(-xs * xs))
            xs = xs - u / (1 + xs * u)
        x[sel] = xs
    x[a == 1] = np.inf
    x[a > 1] = np.nan
    return np.copysign(x, y)


def _sinpi(x):
    """sin(pi x), exactly 0 at integers."""
    r = x - 2 * np.round(x / 2)  # in [-1, 1]: sin(pi r) is exact to an ulp near integers
    return np.where(r == np.round(r), 0.0, np.sin(math.pi * r))


def _tanpi(x):
    return np.tan(math.pi * (x - np.round(x)))


_STIRLING = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360, 1 / 156,
             -3617 / 122400]


_LGAMMA_TAYLOR = []  # coefficients of lgamma(1 + e) and lgamma(2 + e) in powers of e


def _lgamma_near_zeros(e, at_two):
    """lgamma(1 + e) = -gamma e + sum zeta(k) (-e)^k / k and lgamma(2 + e) (zeta(k) - 1
    instead), for |e| <= 0.1: relative accuracy at lgamma's zeros 1 and 2."""
    if not _LGAMMA_TAYLOR:
        k = np.arange(2, 20)
        zeta = np.array([_polygamma_shifted(int(s), np.ones(1))[0] for s in k])  # zeta(k, 1)
        one = [0.0, -0.5772156649015329] + list(zeta * (-1.0) ** k / k)
        two = [0.0, 1 - 0.5772156649015329] + list((zeta - 1) * (-1.0) ** k / k)
        _LGAMMA_TAYLOR.extend([one, two])
    return _poly(_LGAMMA_TAYLOR[at_two], e)


def _lgamma_pos(x):
    """lgamma for x >= 0.5: Taylor series around the zeros 1 and 2, elsewhere Stirling's
    series (after a shift by 8 for x < 8)."""
    out = np.empty_like(x)
    rest = np.ones(x.shape, bool)
    for c in (1, 2):
        near = np.abs(x - c) <= 0.1
        if near.any():
            out[near] = _lgamma_near_zeros(x[near] - c, c - 1)
            rest &= ~near
    if rest.all():
        return _lgamma_stirling(x)
    out[rest] = _lgamma_stirling(x[rest])
    return out


def _lgamma_stirling(x):
    small = x < 8
    z = np.where(small, x + 8, x)
    iz = 1 / z
    series = iz * _poly(_STIRLING, iz * iz)
    r = (z - 0.5) * (np.log(z) - 1) + (0.5 * math.log(2 * math.pi) - 0.5) + series
    if small.any():  # lgamma(x) = lgamma(x + 8) - log(x (x+1) ... (x+7))
        xs = x[small]
        prod = xs.copy()
        for k in range(1, 8):
            prod *= xs + k
        r[small] -= np.log(prod)
    return r


def _lgamma(x):
    out = np.empty_like(x)
    refl = x < 0.5
    pos = ~refl
    if pos.any():
        out[pos] = _lgamma_pos(x[pos])
    if refl.any():
        # reflection: Gamma(x) Gamma(1 - x) = pi / sin(pi x); inf at 0, -1, -2, ...
        xr = x[refl]
        out[refl] = np.log(math.pi / np.abs(_sinpi(xr))) - _lgamma_pos(1 - xr)
    out[np.isinf(x)] = np.inf
    return out


_DIGAMMA = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12]


def _digamma_pos(x):
    """digamma for x >= 0.5: the asymptotic series at z = x (+ 10 for x < 10)."""
    small = x < 10
    z = np.where(small, x + 10, x)
    iz2 = 1 / (z * z)
    r = np.log(z) - 0.5 / z - iz2 * _poly(_DIGAMMA, iz2)
    if small.any():  # psi(x) = psi(x + 10) - sum_{k<10} 1 / (x + k)
        xs = x[small]
        acc = 1 / xs
        for k in range(1, 10):
            acc += 1 / (xs + k)
        r[small] -= acc
    return r


def _digamma(x):
    out = np.empty_like(x)
    refl = x < 0.5
    pos = ~refl
    if pos.any():
        out[pos] = _digamma_pos(x[pos])
    if refl.any():
        xr = x[refl]
        out[refl] = _digamma_pos(1 - xr) - math.pi / _tanpi(xr)
    zero = x == 0
    out[zero] = np.where(np.signbit(x[zero]), np.inf, -np.inf)  # torch: psi(+-0) = -+inf
    out[(x < 0) & (x == np.floor(x))] = np.nan
    return out


# Bernoulli numbers B2, B4, ..., B16 for the Euler-Maclaurin tail of Hurwitz's zeta
_BERNOULLI = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510]


def _polygamma(n, x):
    """psi^(n)(x) = (-1)^(n+1) n! zeta(n+1, x) for n >= 1: shift x up to z >= 12 summing
    the skipped terms, then the Euler-Maclaurin tail of the Hurwitz zeta function."""
    s = n + 1
    if n == 1:
        out = np.empty_like(x)
        refl = x < 0.5
        if refl.any():  # psi1(x) + psi1(1 - x) = pi^2 / sin^2(pi x)
            xr = x[refl]
            out[refl] = (math.pi / _sinpi(xr)) ** 2 - _polygamma(1, 1 - xr)
        pos = ~refl
        if pos.any():
            out[pos] = _polygamma_shifted(s, x[pos])
        return out
    finite = np.isfinite(x) & (x > -1e6)
    out = np.full_like(x, np.nan)
    out[finite] = _polygamma_shifted(s, x[finite])
    out[x == np.inf] = 0
    return out * ((-1) ** (n + 1) * math.factorial(n))


def _polygamma_shifted(s, x):
    z = x + 0.0  # a copy, with -0.0 read as +0.0 like torch
    acc = np.zeros_like(x)
    while True:
        m = z < 12
        if not m.any():
            break
        np.add(acc, z ** -s, out=acc, where=m)
        np.add(z, 1, out=z, where=m)
    tail = z ** (1 - s) / (s - 1) + 0.5 * z ** -s
    rising = float(s)  # s (s+1) ... (s + 2j - 2)
    fact = 2.0  # (2j)!
    for j, b in enumerate(_BERNOULLI, start=1):
        tail += b / fact * rising * z ** (-s - 2 * j + 1)
        rising *= (s + 2 * j - 1) * (s + 2 * j)
        fact *= (2 * j + 1) * (2 * j + 2)
    return acc + tail


# ---------------------------------------------------------------- binary math
def _save2(ctx, a, b):
    """Save the Tensor operands of a binary op; Python-number operands stay on ctx."""
    ctx.numbers = (None if isinstance(a, Tensor) else a, None if isinstance(b, Tensor) else b)
    ctx.save_for_backward(*[v for v in (a, b) if isinstance(v, Tensor)])


def _load2(ctx):
    saved = iter(ctx.saved_tensors)
    return tuple(next(saved) if n is None else n for n in ctx.numbers)


def _float_binary(name, ufunc, derivative, kernel=None):
    """A Function ``name`` (grad_fn ``<name>Backward0``) for a float-valued binary op on two
    Tensors; ``derivative(grad, a, b, out)`` gives both input gradients in Tensor ops."""

    def forward(ctx, a, b):
        dt, x, y = _promote_float(a, b, kernel)
        ctx.save_for_backward(a, b, ctx.OUTPUT)
        return _apply(ufunc, x, y)

    def backward(ctx, grad):
        a, b, out = ctx.saved_tensors
        return derivative(grad, a, b, out)

    ns = {"_raw": True, "_grad_name": name + "Backward0", "__module__": __name__,
          "forward": staticmethod(forward), "backward": staticmethod(backward)}
    return type(name, (Function,), ns)


def _atan2_grad(g, a, b, out):
    d = g / (a * a + b * b)
    return d * b, -d * a


Atan2 = _float_binary("Atan2", np.arctan2, _atan2_grad)
Hypot = _float_binary("Hypot", np.hypot, lambda g, a, b, out: (g * a / out, g * b / out),
                      kernel="hypot_cpu")
Logaddexp = _float_binary(
    "Logaddexp", np.logaddexp,
    lambda g, a, b, out: (g / (exp(b - a) + 1), g / (exp(a - b) + 1)), kernel="logaddexp_cpu")
Logaddexp2 = _float_binary(
    "Logaddexp2", np.logaddexp2,
    lambda g, a, b, out: (g / (exp2(b - a) + 1), g / (exp2(a - b) + 1)),
    kernel="logaddexp2_cpu")
Nextafter = _float_binary("Nextafter", np.nextafter, lambda g, a, b, out: (g, _zeros(g)),
                          kernel="nextafter_cpu")


class Copysign(Function):
    """|a| with the sign of b; d/da = copysign(1, b) * sign(a) (0 at a = 0), d/db = 0."""

    _raw = True
    _grad_name = "CopysignBackward0"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = _promote_float(a, b)
        ctx.save_for_backward(a, ctx.OUTPUT)
        ctx.b_tensor = isinstance(b, Tensor)
        return _apply(np.copysign, x, y)

    @staticmethod
    def backward(ctx, grad):
        a, out = ctx.saved_tensors
        ga = _keep(grad * out / a, a._array != 0)
        return ga, (_zeros(grad) if ctx.b_tensor else None)


CopysignScalar = _variant(Copysign, "CopysignScalar", "CopysignBackward1")


def _xlogy_kernel(x, y, dt):
    """x * log(y), 0 where x == 0 (unless y is nan)."""
    y = np.asarray(y, dt._np)  # a Python number: log in dt, not in float64
    with np.errstate(all="ignore"):
        r = _arr(x * np.log(y))
    zero = _arr((np.asarray(x) == 0) & ~np.isnan(y))
    if zero.any():
        r[np.broadcast_to(zero, r.shape)] = 0
    return r


class Xlogy(Function):
    _raw = True
    _grad_name = "XlogyBackward0"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = _promote_float(a, b)
        _save2(ctx, a, b)
        try:
            return _xlogy_kernel(x, y, dt)
        except ValueError:
            raise _broadcast_error(x, y) from None

    @staticmethod
    def backward(ctx, grad):
        a, b = _load2(ctx)
        ga = gb = None
        if isinstance(a, Tensor):
            # d/da = log(b), taken as 0 where a == 0 and b <= 0 (torch's choice)
            bt = b if isinstance(b, Tensor) else _const(np.asarray(b, grad._array.dtype))
            ga = grad * _keep(log(bt), ~((a._array == 0) & (bt._array <= 0)))
        if isinstance(b, Tensor):
            gb = grad * a / b
        return ga, gb


XlogySelfScalar = _variant(Xlogy, "XlogySelfScalar", "XlogyBackward1")
XlogyOtherScalar = _variant(Xlogy, "XlogyOtherScalar", "XlogyBackward2")


def _split_ties(grad, x, y):
    """The gradient of max/min: where x == y each side gets half (torch's choice)."""
    tie = x == y
    if not np.any(tie):
        return grad
    return grad * _const(np.where(tie, 0.5, 1.0).astype(grad._array.dtype))


class Maximum(Function):
    _raw = True
    _grad_name = "MaximumBackward0"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = operands(a, b)
        ctx.save_for_backward(a, b)
        return _apply(np.maximum, x, y)  # nan wins, like torch

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        x, y = a._array, b._array
        g = _split_ties(grad, x, y)
        return _keep(g, ~(x < y)), _keep(g, ~(x > y))


class Minimum(Function):
    _raw = True
    _grad_name = "MinimumBackward0"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = operands(a, b)
        ctx.save_for_backward(a, b)
        return _apply(np.minimum, x, y)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        x, y = a._array, b._array
        g = _split_ties(grad, x, y)
        return _keep(g, ~(x > y)), _keep(g, ~(x < y))


class Fmax(Function):
    """max ignoring nan; the gradient goes to ``a`` on ties."""

    _raw = True
    _grad_name = "FmaxBackward0"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = operands(a, b)
        ctx.save_for_backward(a, b)
        return _apply(np.fmax, x, y)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        x, y = a._array, b._array
        to_a = (x >= y) | np.isnan(y)
        return _keep(grad, to_a), _keep(grad, ~to_a)


class Fmin(Function):
    _raw = True
    _grad_name = "FminBackward0"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = operands(a, b)
        ctx.save_for_backward(a, b)
        return _apply(np.fmin, x, y)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        x, y = a._array, b._array
        to_a = (x <= y) | np.isnan(y)
        return _keep(grad, to_a), _keep(grad, ~to_a)


class _NoDerivative(Function):
    """Ops torch gives no derivative (grad_fn ``NotImplemented``): backward raises."""

    _raw = True
    _grad_name = "NotImplemented"
    _aten = "op"

    @staticmethod
    def backward(ctx, *grads):
        raise RuntimeError(f"derivative for aten::{ctx._fn._aten} is not implemented")


def _no_derivative_name(cls):
    # torch prints <NotImplemented> but names the node torch::autograd::NotImplemented
    cls._Node.name = lambda self: "torch::autograd::NotImplemented"
    return cls


@_no_derivative_name
class Heaviside(_NoDerivative):
    _raw = True
    _grad_name = "NotImplemented"
    _aten = "heaviside"

    @staticmethod
    def forward(ctx, a, b):
        if a._dtype is not b._dtype:
            raise RuntimeError("heaviside is not yet implemented for tensors with different "
                               "dtypes.")
        x, v = a._array, b._array
        return _apply(lambda u, w: np.where(u == 0, w, (u > 0).astype(u.dtype)), x, v)


def _mod(a, b, ufunc, kernel):
    dt = D.result_type(a, b)
    x, y = _operand(a, dt), _operand(b, dt)
    if dt is D.bool:
        raise _not_implemented(kernel, dt)
    if dt._cat == D._INT and np.any(np.equal(y, 0)):
        raise RuntimeError("ZeroDivisionError")
    return _apply(ufunc, x, y)


class Remainder(Function):
    """Python-style modulo: the result takes the divisor's sign."""

    _raw = True
    _grad_name = "RemainderBackward1"

    @staticmethod
    def forward(ctx, a, b):
        _save2(ctx, a, b)
        return _mod(a, b, np.remainder, "remainder_cpu")

    @staticmethod
    def backward(ctx, grad):
        a, b = _load2(ctx)
        gb = -grad * div(a, b, rounding_mode="floor") if isinstance(b, Tensor) else None
        return grad, gb


RemainderScalar = _variant(Remainder, "RemainderScalar", "RemainderBackward0")


@_no_derivative_name
class RemainderSelfScalar(_NoDerivative):
    _raw = True
    _grad_name = "NotImplemented"
    _aten = "remainder"

    @staticmethod
    def forward(ctx, a, b):
        return _mod(a, b, np.remainder, "remainder_cpu")


class Fmod(Function):
    """C-style modulo: the result takes the dividend's sign."""

    _raw = True
    _grad_name = "FmodBackward1"

    @staticmethod
    def forward(ctx, a, b):
        _save2(ctx, a, b)
        return _mod(a, b, np.fmod, "fmod_cpu")

    @staticmethod
    def backward(ctx, grad):
        a, b = _load2(ctx)
        gb = -grad * div(a, b, rounding_mode="trunc") if isinstance(b, Tensor) else None
        return grad, gb


FmodScalar = _variant(Fmod, "FmodScalar", "FmodBackward0")


@_no_derivative_name
class FloorDivide(_NoDerivative):
    _raw = True
    _grad_name = "NotImplemented"
    _aten = "floor_divide"

    @staticmethod
    def forward(ctx, a, b):
        dt = D.result_type(a, b)
        return _rounded_div(_operand(a, dt), _operand(b, dt), dt, "floor")


def _tensor_binary(cls, fname, other_name="other", inplace=True):
    """``op(input, other, *, out=None)`` (and ``op_``) for ops that take two Tensors."""

    def op(input, other, *, out=None):
        _need_tensor(input, fname, "input", 1)
        _need_tensor(other, fname, other_name, 2)
        r = cls.apply(input, other)
        return r if out is None else write_out(r, out, fname)

    def op_(input, other):
        _need_tensor(other, fname + "_", other_name, 1)
        return _inplace(cls, input, other)

    op.__name__ = op.__qualname__ = fname
    op_.__name__ = op_.__qualname__ = fname + "_"
    op.__doc__ = f"Elementwise ``{fname}`` of two broadcastable Tensors (torch.{fname})."
    return (op, op_) if inplace else op


atan2, atan2_ = _tensor_binary(Atan2, "atan2")
arctan2, arctan2_ = atan2, atan2_
hypot, hypot_ = _tensor_binary(Hypot, "hypot")
logaddexp = _tensor_binary(Logaddexp, "logaddexp", inplace=False)
logaddexp2 = _tensor_binary(Logaddexp2, "logaddexp2", inplace=False)
nextafter, nextafter_ = _tensor_binary(Nextafter, "nextafter")
maximum = _tensor_binary(Maximum, "maximum", inplace=False)
minimum = _tensor_binary(Minimum, "minimum", inplace=False)
fmax = _tensor_binary(Fmax, "fmax", inplace=False)
fmin = _tensor_binary(Fmin, "fmin", inplace=False)
heaviside, heaviside_ = _tensor_binary(Heaviside, "heaviside", "values")


def _number_or_tensor(other, fname):
    if not isinstance(other, Tensor) and not is_scalar(other):
        raise TypeError(f"{fname}(): argument 'other' (position 2) must be Tensor, not "
                        f"{type(other).__name__}")


def copysign(input, other, *, out=None):
    """|input| with the sign of ``other`` (a Tensor or a number)."""
    check_tensor(input, "copysign")
    _number_or_tensor(other, "copysign")
    r = (Copysign if isinstance(other, Tensor) else CopysignScalar).apply(input, other)
    return r if out is None else write_out(r, out, "copysign")


def copysign_(input, other):
    _number_or_tensor(other, "copysign_")
    return _inplace(Copysign if isinstance(other, Tensor) else CopysignScalar, input, other)


def xlogy(input, other, *, out=None):
    """input * log(other), 0 where input == 0; either may be a number (not both)."""
    _binary_check(input, other, "xlogy")
    _number_or_tensor(other, "xlogy")
    if not isinstance(input, Tensor):
        cls = XlogySelfScalar
    else:
        cls = Xlogy if isinstance(other, Tensor) else XlogyOtherScalar
    r = cls.apply(input, other)
    return r if out is None else write_out(r, out, "xlogy")


def xlogy_(input, other):
    _number_or_tensor(other, "xlogy_")
    return _inplace(Xlogy if isinstance(other, Tensor) else XlogyOtherScalar, input, other)


def remainder(input, other, *, out=None):
    """Python-style ``input % other`` (sign of the divisor); a number may stand on
    either side."""
    _binary_check(input, other, "remainder")
    _number_or_tensor(other, "remainder")
    if not isinstance(input, Tensor):
        r = RemainderSelfScalar.apply(input, other)
    else:
        r = (Remainder if isinstance(other, Tensor) else RemainderScalar).apply(input, other)
    return r if out is None else write_out(r, out, "remainder")


def remainder_(input, other):
    _number_or_tensor(other, "remainder_")
    return _inplace(Remainder if isinstance(other, Tensor) else RemainderScalar, input, other)


def fmod(input, other, *, out=None):
    """C-style remainder (sign of the dividend)."""
    check_tensor(input, "fmod")
    _number_or_tensor(other, "fmod")
    r = (Fmod if isinstance(other, Tensor) else FmodScalar).apply(input, other)
    return r if out is None else write_out(r, out, "fmod")


def fmod_(input, other):
    _number_or_tensor(other, "fmod_")
    return _inplace(Fmod if isinstance(other, Tensor) else FmodScalar, input, other)


def floor_divide(input, other, *, out=None):
    """``input // other`` rounded down (integer division by zero raises, like torch)."""
    _binary_check(input, other, "floor_divide")
    _number_or_tensor(other, "floor_divide")
    r = FloorDivide.apply(input, other)
    return r if out is None else write_out(r, out, "floor_divide")


def floor_divide_(input, other):
    _number_or_tensor(other, "floor_divide_")
    return _inplace(FloorDivide, input, other)


def float_power(input, exponent, *, out=None):
    """pow computed in double precision (complex128 for complex operands)."""
    _binary_check(input, exponent, "float_power")
    dt = D.complex128 if D.result_type(input, exponent)._cat == D._COMPLEX else D.float64
    if isinstance(input, Tensor):
        input = to(input, dt)
    if isinstance(exponent, Tensor):
        exponent = to(exponent, dt)
    elif not isinstance(exponent, complex):
        exponent = float(exponent)
    return pow(input, exponent, out=out)


def float_power_(input, exponent):
    dt = D.complex128 if D.result_type(input, exponent)._cat == D._COMPLEX else D.float64
    if input._dtype is not dt:
        raise RuntimeError(f"the base given to float_power_ has dtype "
                           f"{D._SHORT[input._dtype._name]} but the operation's result "
                           f"requires dtype {D._SHORT[dt._name]}")
    if isinstance(exponent, Tensor):
        exponent = to(exponent, dt)
    return pow_(input, exponent)


# ---------------------------------------------------------------- lerp, addcmul, addcdiv
class Lerp(Function):
    """start + weight * (end - start), evaluated from the nearer end like torch."""

    _raw = True
    _grad_name = "LerpBackward0"

    @staticmethod
    def forward(ctx, a, b, w):
        x, y = a._array, b._array
        try:
            with np.errstate(all="ignore"):
                diff = y - x
                if isinstance(w, Tensor):
                    ctx.w = None
                    ctx.save_for_backward(a, b, w)
                    w = cast(w, a._dtype)
                    return _arr(np.where(np.abs(w) < 0.5, x + w * diff, y - diff * (1 - w)))
                ctx.w = w
                return _arr(x + w * diff if builtins_abs(w) < 0.5 else y - diff * (1 - w))
        except ValueError:
            raise _broadcast_error(x, y, w) from None

    @staticmethod
    def backward(ctx, grad):
        if ctx.w is not None:
            return grad * (1 - ctx.w), grad * ctx.w, None
        a, b, w = ctx.saved_tensors
        return grad * (1 - w), grad * w, grad * (b - a)


LerpTensor = _variant(Lerp, "LerpTensor", "LerpBackward1")


def _lerp_args(input, end, weight, fname):
    check_tensor(input, fname)
    _need_tensor(end, fname, "end", 2)
    if not isinstance(weight, Tensor) and not is_scalar(weight):
        raise TypeError(f"{fname}(): argument 'weight' (position 3) must be Tensor, not "
                        f"{type(weight).__name__}")
    dt = input._dtype
    if end._dtype is not dt:
        raise RuntimeError(f"expected dtype {D.c_name(dt)} for `end` but got dtype "
                           f"{D.c_name(end._dtype)}")
    is_t = isinstance(weight, Tensor)
    if is_t and weight._array.ndim and weight._dtype is not dt:
        raise RuntimeError(f"expected dtype {D.c_name(dt)} for `weight` but got dtype "
                           f"{D.c_name(weight._dtype)}")
    if dt._cat < D._FLOAT:
        raise _not_implemented("lerp_kernel_tensor" if is_t else "lerp_kernel_scalar", dt)
    return LerpTensor if is_t else Lerp


def lerp(input, end, weight, *, out=None):
    """input + weight * (end - input); ``weight`` is a number or a Tensor."""
    r = _lerp_args(input, end, weight, "lerp").apply(input, end, weight)
    return r if out is None else write_out(r, out, "lerp")


def lerp_(input, end, weight):
    cls = _lerp_args(input, end, weight, "lerp_")
    if cls is Lerp and _fast_inplace(input, end):
        x, y = input._array, end._array
        diff = np.subtract(y, x)
        if builtins_abs(weight) < 0.5:
            diff *= weight
            np.add(x, diff, out=x, casting="unsafe")
        else:
            diff *= 1 - weight
            np.subtract(y, diff, out=x, casting="unsafe")
        input._bump()
        return input
    return _inplace(cls, input, end, weight)


def _three(a, t1, t2):
    dt = D.result_type(a, t1, t2)
    return dt, cast(a, dt), cast(t1, dt), cast(t2, dt)


class Addcmul(Function):
    _raw = True
    _grad_name = "AddcmulBackward0"

    @staticmethod
    def forward(ctx, a, t1, t2, value):
        dt, x, u, v = _three(a, t1, t2)
        ctx.save_for_backward(t1, t2)
        ctx.value = value
        try:
            return _arr(x + scalar_operand(value, dt) * u * v)
        except ValueError:
            raise _broadcast_error(x, u, v) from None

    @staticmethod
    def backward(ctx, grad):
        t1, t2 = ctx.saved_tensors
        return grad, grad * t2 * ctx.value, grad * t1 * ctx.value, None


class Addcdiv(Function):
    _raw = True
    _grad_name = "AddcdivBackward0"

    @staticmethod
    def forward(ctx, a, t1, t2, value):
        if t1._dtype._cat <= D._INT and t2._dtype._cat <= D._INT:
            raise RuntimeError(
                "Integer division with addcdiv is no longer supported, and in a future  "
                "release addcdiv will perform a true division of tensor1 and tensor2. The "
                "historic addcdiv behavior can be implemented as (input + value * "
                "torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as "
                "(input + value * tensor1 / tensor2) for float inputs. The future addcdiv "
                "behavior is just the latter implementation: (input + value * tensor1 / "
                "tensor2), for all dtypes.")
        dt, x, u, v = _three(a, t1, t2)
        ctx.save_for_backward(t1, t2)
        ctx.value = value
        try:
            with np.errstate(all="ignore"):
                return _arr(x + scalar_operand(value, dt) * u / v)
        except ValueError:
            raise _broadcast_error(x, u, v) from None

    @staticmethod
    def backward(ctx, grad):
        t1, t2 = ctx.saved_tensors
        value = ctx.value
        return grad, grad * value / t2, -grad * value * t1 / (t2 * t2), None


def _addc_args(input, tensor1, tensor2, fname):
    check_tensor(input, fname)
    _need_tensor(tensor1, fname, "tensor1", 2)
    _need_tensor(tensor2, fname, "tensor2", 3)


def addcmul(input, tensor1, tensor2, *, value=1, out=None):
    """input + value * tensor1 * tensor2."""
    _addc_args(input, tensor1, tensor2, "addcmul")
    r = Addcmul.apply(input, tensor1, tensor2, value)
    return r if out is None else write_out(r, out, "addcmul")


def addcmul_(input, tensor1, tensor2, *, value=1):
    _addc_args(input, tensor1, tensor2, "addcmul_")
    if is_scalar(value) and _fast_inplace(input, tensor1, tensor2):
        x = input._array
        tmp = np.multiply(tensor1._array, tensor2._array)
        if value != 1:
            tmp *= value
        np.add(x, tmp, out=x, casting="unsafe")
        input._bump()
        return input
    return _inplace(Addcmul, input, tensor1, tensor2, value)


def addcdiv(input, tensor1, tensor2, *, value=1, out=None):
    """input + value * tensor1 / tensor2."""
    _addc_args(input, tensor1, tensor2, "addcdiv")
    r = Addcdiv.apply(input, tensor1, tensor2, value)
    return r if out is None else write_out(r, out, "addcdiv")


def addcdiv_(input, tensor1, tensor2, *, value=1):
    _addc_args(input, tensor1, tensor2, "addcdiv_")
    if is_scalar(value) and _fast_inplace(input, tensor1, tensor2):
        x = input._array
        tmp = np.true_divide(tensor1._array, tensor2._array)
        if value != 1:
            tmp *= value
        np.add(x, tmp, out=x, casting="unsafe")
        input._bump()
        return input
    return _inplace(Addcdiv, input, tensor1, tensor2, value)


# ---------------------------------------------------------------- comparisons
def _compare(ufunc, fname):
    def op(input, other, *, out=None):
        if not isinstance(input, Tensor):
            raise TypeError(f"{fname}(): argument 'input' (position 1) must be Tensor, not "
                            f"{type(input).__name__}")
        if other is None:
            if fname in ("eq", "ne"):
                return fname == "ne"
            raise TypeError(f"{fname}(): argument 'other' must be Tensor or Number, not NoneType")
        if not isinstance(other, Tensor) and not is_scalar(other):
            if fname in ("eq", "ne"):
                return fname == "ne"
            raise TypeError(f"{fname}(): argument 'other' (position 2) must be Tensor, not "
                            f"{type(other).__name__}")
        dt, x, y = operands(input, other)
        r = _make(_apply(ufunc, x, y), D.bool)
        if input._device is not CPU:
            r._device = input._device
        return r if out is None else write_out(r, out, fname)

    def op_(input, other):
        return _write_inplace(input, op(input, other)._array)

    op.__name__ = op.__qualname__ = fname
    op_.__name__ = op_.__qualname__ = fname + "_"
    return op, op_


eq, eq_ = _compare(np.equal, "eq")
ne, ne_ = _compare(np.not_equal, "ne")
lt, lt_ = _compare(np.less, "lt")
le, le_ = _compare(np.less_equal, "le")
gt, gt_ = _compare(np.greater, "gt")
ge, ge_ = _compare(np.greater_equal, "ge")
greater, greater_equal, less, less_equal, not_equal = gt, ge, lt, le, ne
greater_, greater_equal_, less_, less_equal_, not_equal_ = gt_, ge_, lt_, le_, ne_


# ---------------------------------------------------------------- logical ops
def _logical(ufunc, fname):
    def op(input, other, *, out=None):
        _need_tensor(input, fname, "input", 1)
        _need_tensor(other, fname, "other", 2)
        r = _make(_apply(ufunc, input._array, other._array), D.bool)
        return r if out is None else write_out(r, out, fname)

    def op_(input, other):
        _need_tensor(other, fname + "_", "other", 1)
        return _write_inplace(input, op(input, other)._array)

    op.__name__ = op.__qualname__ = fname
    op_.__name__ = op_.__qualname__ = fname + "_"
    op.__doc__ = f"Elementwise ``{fname}`` of the truth values (nonzero) of two Tensors."
    return op, op_


logical_and, logical_and_ = _logical(np.logical_and, "logical_and")
logical_or, logical_or_ = _logical(np.logical_or, "logical_or")
logical_xor, logical_xor_ = _logical(np.logical_xor, "logical_xor")


def logical_not(input, *, out=None):
    check_tensor(input, "logical_not")
    r = _make(_arr(np.logical_not(input._array)), D.bool)
    return r if out is None else write_out(r, out, "logical_not")


def logical_not_(input):
    return _write_inplace(input, np.logical_not(input._array))


# ---------------------------------------------------------------- bitwise ops
def _bitwise_operands(input, other, fname, kernel):
    _binary_check(input, other, fname)
    _number_or_tensor(other, fname)
    dt = D.result_type(input, other)
    if dt._cat >= D._FLOAT:
        raise _not_implemented(kernel, dt)
    return dt, _operand(input, dt), _operand(other, dt)


def _bitwise(ufunc, fname, kernel):
    def op(input, other, *, out=None):
        dt, x, y = _bitwise_operands(input, other, fname, kernel)
        r = _make(_apply(ufunc, x, y).astype(dt._np, copy=False), dt)
        return r if out is None else write_out(r, out, fname)

    def op_(input, other):
        r = op(input, other)
        check_cast(r._dtype, input)
        return _write_inplace(input, r._array)

    op.__name__ = op.__qualname__ = fname
    op_.__name__ = op_.__qualname__ = fname + "_"
    op.__doc__ = f"Elementwise ``{fname}`` of bool or integer Tensors (or numbers)."
    return op, op_


def _shift(x, s, dt, left):
    """x << s or x >> s like torch: shifts outside [0, bits) give 0 (or the sign fill)."""
    bits = dt.itemsize * 8
    x, s = np.asarray(x, dt._np), np.asarray(s, dt._np)
    ok = (s >= 0) & (s < bits)
    s = np.where(ok, s, 0).astype(dt._np)
    if left:
        return np.where(ok, np.left_shift(x, s), 0).astype(dt._np)
    fill = np.right_shift(x, bits - 1) if dt.is_signed else 0
    return np.where(ok, np.right_shift(x, s), fill).astype(dt._np)


bitwise_and, bitwise_and_ = _bitwise(np.bitwise_and, "bitwise_and", "bitwise_and_cpu")
bitwise_or, bitwise_or_ = _bitwise(np.bitwise_or, "bitwise_or", "bitwise_or_cpu")
bitwise_xor, bitwise_xor_ = _bitwise(np.bitwise_xor, "bitwise_xor", "bitwise_xor_cpu")


def _shift_op(fname, kernel, left):
    def op(input, other, *, out=None):
        dt, x, y = _bitwise_operands(input, other, fname, kernel)
        if dt is D.bool:
            raise _not_implemented(kernel, dt)
        r = _make(_arr(_apply(lambda u, v: _shift(u, v, dt, left), x, y)), dt)
        return r if out is None else write_out(r, out, fname)

    def op_(input, other):
        r = op(input, other)
        check_cast(r._dtype, input)
        return _write_inplace(input, r._array)

    op.__name__ = op.__qualname__ = fname
    op_.__name__ = op_.__qualname__ = fname + "_"
    op.__doc__ = f"``{'<<' if left else '>>'}`` of integer Tensors (or numbers)."
    return op, op_


bitwise_left_shift, bitwise_left_shift_ = _shift_op("bitwise_left_shift", "lshift_cpu", True)
bitwise_right_shift, bitwise_right_shift_ = _shift_op("bitwise_right_shift", "rshift_cpu",
                                                      False)


def bitwise_not(input, *, out=None):
    check_tensor(input, "bitwise_not")
    dt = input._dtype
    if dt is D.bool:
        r = np.logical_not(input._array)
    elif dt._cat == D._INT:
        r = np.invert(input._array)
    else:
        raise _not_implemented("bitwise_not_cpu", dt)
    r = _make(_arr(r), dt)
    return r if out is None else write_out(r, out, "bitwise_not")


def bitwise_not_(input):
    return _write_inplace(input, bitwise_not(input)._array)


# ---------------------------------------------------------------- predicates
def _predicate(fname, float_fn, int_value):
    def op(input, *, out=None):
        check_tensor(input, fname)
        x = input._array
        if input._dtype._cat >= D._FLOAT:
            r = _arr(float_fn(x))
        else:
            r = np.full(x.shape, int_value)
        r = _make(r, D.bool)
        return r if out is None else write_out(r, out, fname)

    op.__name__ = op.__qualname__ = fname
    op.__doc__ = f"A bool Tensor: ``{fname}`` of each element."
    return op


isnan = _predicate("isnan", np.isnan, False)
isinf = _predicate("isinf", np.isinf, False)
isfinite = _predicate("isfinite", np.isfinite, True)
isposinf = _predicate("isposinf", lambda x: x == np.inf, False)
isneginf = _predicate("isneginf", lambda x: x == -np.inf, False)
isreal = _predicate("isreal", lambda x: np.imag(x) == 0, True)


# names owned by another family, kept here for Tensor methods that route through this one
def where(condition, input=None, other=None):
    """torch.where (implemented by the index family)."""
    from .index import where as _w

    return _w(condition, input, other)

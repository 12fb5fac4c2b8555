"""Elementwise ops: arithmetic, math functions, comparisons, logical ops, casts.

Each differentiable op is one Function with forward (raw arrays, after torch's type
promotion through ``operands``) and backward (Tensor ops, so double backward works).
Broadcasting is ignored in backward: the engine reduces gradients to input shapes.
"""

import numpy as np

from .. import _dtype as D
from .._backend import CPU, as_device, to_device
from .._tensor import Tensor, _make
from ..autograd.function import Function, apply_inplace, check_cast, check_inplace
from ..autograd.grad_mode import _state
from ._util import check_tensor, is_scalar, operands, scalar_operand, write_out

__all__ = ["add", "sub", "subtract", "rsub", "mul", "multiply", "div", "divide", "true_divide",
           "neg", "negative", "pow", "exp", "log", "sqrt", "abs", "absolute", "sigmoid",
           "tanh", "reciprocal", "eq", "ne", "lt", "le", "gt", "ge", "greater",
           "greater_equal", "less", "less_equal", "not_equal", "clone", "square"]


def _float_result(dt):
    """Ops like div/exp/sqrt give the default float dtype for integer/bool inputs."""
    return dt if dt._cat >= D._FLOAT else D.get_default_dtype()


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
    try:
        np.broadcast_shapes(src._array.shape, input._array.shape)
    except ValueError:
        raise RuntimeError(f"The size of tensor a ({input._array.shape[-1] if input._array.ndim else 1}) "
                           f"must match the size of tensor b ({src._array.shape[-1]}) at "
                           "non-singleton dimension") from None
    if check_inplace(input, (src,)):
        return apply_inplace(CopyFrom, input, src)
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
    _grad_name = "AddBackward0"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = operands(a, b)
        return x + y

    @staticmethod
    def backward(ctx, grad):
        return grad, grad


class AddScaled(Function):
    """``add(a, b, alpha=k)`` = a + k*b, one pass."""

    _raw = True
    _grad_name = "AddBackward0"

    @staticmethod
    def forward(ctx, a, b, alpha):
        dt, x, y = operands(a, b)
        ctx.alpha = alpha
        return x + y * scalar_operand(alpha, dt)

    @staticmethod
    def backward(ctx, grad):
        return grad, grad * ctx.alpha, None


class Sub(Function):
    _raw = True
    _grad_name = "SubBackward0"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = operands(a, b)
        if dt is D.bool:
            raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not "
                               "supported. Use the `^` or `logical_xor()` operator instead.")
        return x - y

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
        return y - x

    @staticmethod
    def backward(ctx, grad):
        return -grad, None


class Mul(Function):
    _raw = True
    _grad_name = "MulBackward0"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = operands(a, b)
        if y.__class__ is np.ndarray or isinstance(b, Tensor):
            ctx.save_for_backward(a, b)
        else:
            ctx.other = b
        return x * y

    @staticmethod
    def backward(ctx, grad):
        if ctx._saved is None:
            return grad * ctx.other, None
        a, b = ctx.saved_tensors
        return grad * b, grad * a


class Div(Function):
    _raw = True
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
        with np.errstate(divide="ignore", invalid="ignore"):
            return x / y

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


def _binary_check(input, other, fname):
    if not isinstance(input, Tensor):
        if isinstance(other, Tensor) and is_scalar(input):
            return
        raise TypeError(f"{fname}(): argument 'input' (position 1) must be Tensor, not "
                        f"{type(input).__name__}")


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
    elif rounding_mode == "trunc":
        r = trunc(Div.apply(input, other)) if _is_float_pair(input, other) \
            else _int_div(input, other, np.trunc)
    elif rounding_mode == "floor":
        r = floor_divide(input, other)
    else:
        raise RuntimeError(f"div expected rounding_mode to be one of None, 'trunc', or 'floor' "
                           f"but found '{rounding_mode}'")
    return r if out is None else write_out(r, out, "div")


divide = div
true_divide = div


def _is_float_pair(a, b):
    return D.result_type(a, b)._cat >= D._FLOAT


def _int_div(a, b, rnd):
    dt, x, y = operands(a, b)
    if np.any(np.asarray(y) == 0):
        raise RuntimeError("ZeroDivisionError")
    with np.errstate(divide="ignore", invalid="ignore"):
        return _make(rnd(x / y).astype(dt._np), dt)


def neg(input, *, out=None):
    check_tensor(input, "neg")
    r = Neg.apply(input)
    return r if out is None else write_out(r, out, "neg")


negative = neg


# ---- in-place arithmetic: a direct ufunc with out= when nothing is recorded
def _inplace_binary(ufunc, cls, input, other, alpha=1):
    if check_inplace(input, (other,)) or alpha != 1:
        if alpha != 1:
            return apply_inplace(AddScaled, input, other, alpha if cls is Add else -alpha)
        return apply_inplace(cls, input, other)
    dt, x, y = operands(input, other)
    if ufunc is np.true_divide and dt._cat < D._FLOAT:
        dt = D.get_default_dtype()
    check_cast(dt, input)
    if cls is Sub and dt is D.bool:
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not "
                           "supported. Use the `^` or `logical_xor()` operator instead.")
    if isinstance(other, Tensor) and other._array.shape != input._array.shape:
        if np.broadcast_shapes(other._array.shape, input._array.shape) != input._array.shape:
            raise RuntimeError(f"output with shape {list(input._array.shape)} doesn't match the "
                               f"broadcast shape "
                               f"{list(np.broadcast_shapes(other._array.shape, input._array.shape))}")
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
        r = div(input, other, rounding_mode=rounding_mode)
        return copy_(input, r)
    return _inplace_binary(np.true_divide, Div, input, other)


divide_ = div_
true_divide_ = div_


def neg_(input):
    return apply_inplace(Neg, input)


negative_ = neg_


# ---------------------------------------------------------------- pow
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
        with np.errstate(divide="ignore", invalid="ignore"):
            return x ** y

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
        if dt._cat == D._INT and np.any(y < 0):
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        ctx.save_for_backward(a, b, ctx.OUTPUT)
        with np.errstate(divide="ignore", invalid="ignore"):
            return x ** y

    @staticmethod
    def backward(ctx, grad):
        a, b, out = ctx.saved_tensors
        ga = grad * b * a ** (b - 1)
        # d/db a**b = a**b * log(a); torch defines it as 0 where a == 0 and b >= 0
        gb = grad * where((a == 0) & (b >= 0), 0.0, out * log(a))
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
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.asarray(y ** x, dtype=dt._np)

    @staticmethod
    def backward(ctx, grad):
        (out,) = ctx.saved_tensors
        import math

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
    return apply_inplace(PowTensor if isinstance(exponent, Tensor) else PowScalar, input,
                         exponent)


def square(input, *, out=None):
    return pow(input, 2, out=out)


def square_(input):
    return pow_(input, 2)


# ---------------------------------------------------------------- unary math
def _unary_float(a):
    """The array of ``a`` in the dtype a float-valued unary op computes in."""
    dt = a._dtype
    if dt._cat < D._FLOAT:
        return a._array.astype(D.get_default_dtype()._np)
    return a._array


class Exp(Function):
    _raw = True
    _grad_name = "ExpBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(ctx.OUTPUT)
        return np.exp(_unary_float(a))

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
            return np.log(_unary_float(a))

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
            return np.sqrt(_unary_float(a))

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
            raise RuntimeError("\"abs_cpu\" not implemented for 'Bool'")
        ctx.save_for_backward(a)
        return np.abs(a._array)

    @staticmethod
    def backward(ctx, grad):
        (a,) = ctx.saved_tensors
        return grad * sign(a)


class Sign(Function):
    _raw = True
    _grad_name = "SignBackward0"

    @staticmethod
    def forward(ctx, a):
        if a._dtype is D.bool:
            return a._array.copy()
        return np.sign(a._array)

    @staticmethod
    def backward(ctx, grad):
        return grad * 0


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
        return np.tanh(_unary_float(a))

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
            return 1 / _unary_float(a)

    @staticmethod
    def backward(ctx, grad):
        (out,) = ctx.saved_tensors
        return -grad * out * out


def _unary(cls, fname):
    def op(input, *, out=None):
        check_tensor(input, fname)
        r = cls.apply(input)
        return r if out is None else write_out(r, out, fname)

    def op_(input):
        return apply_inplace(cls, input)

    op.__name__, op_.__name__ = fname, fname + "_"
    op.__qualname__, op_.__qualname__ = fname, fname + "_"
    op.__doc__ = f"Elementwise ``{fname}``; integer inputs give the default float dtype."
    return op, op_


exp, exp_ = _unary(Exp, "exp")
log, log_ = _unary(Log, "log")
sqrt, sqrt_ = _unary(Sqrt, "sqrt")
abs, abs_ = _unary(Abs, "abs")  # noqa: A001
absolute, absolute_ = abs, abs_
sign, sign_ = _unary(Sign, "sign")
sigmoid, sigmoid_ = _unary(Sigmoid, "sigmoid")
tanh, tanh_ = _unary(Tanh, "tanh")
reciprocal, reciprocal_ = _unary(Reciprocal, "reciprocal")


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
        r = _make(ufunc(x, y), D.bool)
        if input._device is not CPU:
            r._device = input._device
        return r if out is None else write_out(r, out, fname)

    def op_(input, other):
        r = op(input, other)
        input._array[...] = r._array
        input._bump()
        return input

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


# names completed by the rest of this family (below): trunc, floor_divide, where, ...
def trunc(input, *, out=None):  # replaced below by the full definition
    raise NotImplementedError


def floor_divide(input, other, *, out=None):  # replaced below
    raise NotImplementedError


def where(condition, input, other):  # pragma: no cover - replaced by _ops.index.where
    from .index import where as _w

    return _w(condition, input, other)

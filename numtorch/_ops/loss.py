"""Losses: torch.nn.functional's loss functions.

Pointwise losses with a torch kernel of their own (mse, smooth_l1, huber, soft_margin,
binary_cross_entropy[_with_logits]) are one Function each: forward computes the loss array
and reduces it, backward multiplies the loss's partial derivatives (written in Tensor ops,
so double backward works) by the upstream gradient spread by the reduction. ``nll_loss``
picks the target classes in one Function whose backward is a constant scatter times the
upstream gradient. ``cross_entropy`` is fused log_softmax + nll_loss (log-sum-exp) with a
raw-array backward, softmax * sum(coef) - coef (for speed: no log_softmax node, no
gather), switching to the same formula in Tensor ops under create_graph. The rarer losses (kl_div, poisson/gaussian nll, the margin losses) are plain
compositions of public ops, as in torch.

Legacy ``size_average``/``reduce`` arguments map to ``reduction`` through
``numtorch.nn._reduction.legacy_get_string`` (torch's deprecation warning).
"""

import math

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor, _make
from ..autograd.function import Function, once_differentiable
from ..autograd.grad_mode import _state
from ._util import check_tensor

__all__ = []  # torch.kl_div etc. exist but take an integer reduction: not mirrored
__functional__ = [
    "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "cross_entropy", "nll_loss",
    "binary_cross_entropy", "binary_cross_entropy_with_logits", "kl_div", "poisson_nll_loss",
    "gaussian_nll_loss", "margin_ranking_loss", "hinge_embedding_loss", "soft_margin_loss",
    "multilabel_soft_margin_loss", "cosine_embedding_loss", "triplet_margin_loss",
    "multi_margin_loss", "multilabel_margin_loss", "triplet_margin_with_distance_loss",
    "ctc_loss",
]

_short = D.short_name
_REDUCTIONS = ("none", "mean", "sum")


# ---------------------------------------------------------------- helpers
def _reduction(size_average, reduce, reduction, valid=_REDUCTIONS, msg="is not a valid value "
               "for reduction"):
    """The reduction string: legacy args win (with torch's warning); else validated."""
    if size_average is not None or reduce is not None:
        from ..nn._reduction import legacy_get_string

        return legacy_get_string(size_average, reduce)
    if reduction not in valid:
        raise ValueError(f"{reduction} {msg}")
    return reduction


def _reduce(loss, reduction):
    """Reduce a loss Tensor of per-element values."""
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def _size_warning(input, target):
    if input.shape != target.shape:
        import warnings

        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size "
            f"({input.shape}). This will likely lead to incorrect results due to "
            "broadcasting. Please ensure they have the same size.",
            UserWarning, stacklevel=3)


def _broadcast(input, target):
    try:
        return np.broadcast_shapes(input.shape, target.shape)
    except ValueError:
        a, b = tuple(input.shape), tuple(target.shape)
        n = max(len(a), len(b))
        a, b = (1,) * (n - len(a)) + a, (1,) * (n - len(b)) + b
        for i in range(n - 1, -1, -1):
            if a[i] != b[i] and a[i] != 1 and b[i] != 1:
                raise RuntimeError(f"The size of tensor a ({a[i]}) must match the size of tensor "
                                   f"b ({b[i]}) at non-singleton dimension {i}") from None
        raise


def _float_kernel(input, target, kernel):
    """torch's NotImplementedError for a loss kernel with integer inputs."""
    dt = D.result_type(input, target)
    if dt._cat < D._FLOAT:
        raise NotImplementedError(f"\"{kernel}\" not implemented for '{_short(dt)}'")


def _no_grad_arg(t, kernel, name):
    """torch's error for a weight that requires grad where the kernel has no derivative."""
    if t is not None and t.requires_grad and _state.enabled:
        raise RuntimeError(f"The function '{kernel}' is not differentiable with respect to "
                           f"argument '{name}'. This input cannot have requires_grad True.")


def _float_operands(*ts, dt=None):
    """Arrays of Tensors (or None) cast to ``dt`` (default: torch's common float dtype)."""
    if dt is None:
        dt = D.result_type(*[t for t in ts if t is not None])
        if dt._cat < D._FLOAT:
            dt = D.get_default_dtype()
    return dt, [None if t is None else (t._array if t._dtype is dt else t._array.astype(dt._np))
                for t in ts]


def _const(array, dt):
    """A constant Tensor (mask, coefficient) of dtype ``dt``."""
    return _make(np.asarray(array, dt._np), dt)


def _nd(r):
    return r if r.__class__ is np.ndarray else np.asarray(r)


def _reduce_array(loss, reduction):
    """Reduce a loss array inside a forward (NumPy's pairwise sum, like torch's cascade)."""
    if reduction == "mean":
        return _nd(loss.mean())
    return _nd(loss.sum()) if reduction == "sum" else loss


# ---------------------------------------------------------------- pointwise losses
class _Pointwise(Function):
    """loss(input, target, *params) elementwise, then the reduction.

    Subclasses define ``_loss(x, y, *params)`` on arrays and
    ``_grads(input, target, needs_input_grad, *params)`` returning (d loss / d input,
    d loss / d target) as Tensors (None where not needed).
    """

    _raw = True
    _input_dtype = False  # True: the result has the input's dtype (torch's huber, soft margin)

    @staticmethod
    def forward(ctx, input, target, reduction, *params):
        ctx.save_for_backward(input, target)
        ctx.reduction, ctx.params = reduction, params
        dt = input._dtype if ctx._fn._input_dtype else None
        _, (x, y) = _float_operands(input, target, dt=dt)
        loss = ctx._fn._loss(x, y, *params)
        ctx.n = loss.size
        return _reduce_array(loss, reduction)

    @staticmethod
    def backward(ctx, grad):
        input, target = ctx.saved_tensors
        gx, gy = ctx._fn._grads(input, target, ctx.needs_input_grad, *ctx.params)
        if ctx.reduction == "mean":
            grad = grad / ctx.n
        return ((grad * gx if gx is not None else None), (grad * gy if gy is not None else None),
                None) + (None,) * len(ctx.params)


class MseLoss(_Pointwise):
    _grad_name = "MseLossBackward0"

    @staticmethod
    def _loss(x, y):
        d = x - y
        return d * d

    @staticmethod
    def _grads(input, target, needs):
        d = (input - target) * 2
        return d, (-d if needs[1] else None)


class SmoothL1Loss(_Pointwise):
    _grad_name = "SmoothL1LossBackward0"

    @staticmethod
    def _loss(x, y, beta):
        d = np.abs(x - y)
        out = np.where(d < beta, (d * d) * (0.5 / beta), d - 0.5 * beta)
        return out.astype(d.dtype, copy=False)

    @staticmethod
    def _grads(input, target, needs, beta):
        d = input - target
        inner = _const(np.abs(d._array) < beta, d._dtype)
        g = inner * d / beta + (1 - inner) * d.sign()
        return g, (-g if needs[1] else None)


class HuberLoss(_Pointwise):
    _grad_name = "HuberLossBackward0"
    _input_dtype = True

    @staticmethod
    def _loss(x, y, delta):
        d = np.abs(x - y)
        return np.where(d < delta, (d * d) * 0.5, (d - 0.5 * delta) * delta).astype(
            d.dtype, copy=False)

    @staticmethod
    def _grads(input, target, needs, delta):
        d = input - target
        inner = _const(np.abs(d._array) < delta, d._dtype)
        g = inner * d + (1 - inner) * d.sign() * delta
        return g, (-g if needs[1] else None)


class SoftMarginLoss(_Pointwise):
    _grad_name = "SoftMarginLossBackward0"
    _input_dtype = True

    @staticmethod
    def _loss(x, y):
        z = -(x * y)
        return np.log1p(np.exp(-np.abs(z))) + np.maximum(z, 0)

    @staticmethod
    def _grads(input, target, needs):
        return -target * (-(input * target)).sigmoid(), None


def _check_beta(value, name, fname):
    if value < 0:
        raise RuntimeError(f"{fname} does not support negative values for {name}.")


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """mean((input - target)^2); with ``weight`` (input's shape), sum(w l) / sum(w)."""
    check_tensor(input, "mse_loss")
    check_tensor(target, "mse_loss", "target", 2)
    _size_warning(input, target)
    reduction = _reduction(size_average, reduce, reduction)
    _broadcast(input, target)
    _float_kernel(input, target, "mse_cpu")
    if weight is not None:
        return _weighted(MseLoss.apply(input, target, "none"), weight, input, reduction)
    return MseLoss.apply(input, target, reduction)


def _weighted(loss, weight, input, reduction, mean_over_weight=True):
    if weight.shape != input.shape:
        raise ValueError("Weights and input must have the same size.")
    loss = loss * weight
    if reduction == "mean" and mean_over_weight:
        return loss.sum() / weight.sum()
    return _reduce(loss, reduction)


def l1_loss(input, target, size_average=None, reduce=None, reduction="mean", weight=None):
    """mean(|input - target|); with ``weight`` (input's shape), sum(w l) / sum(w)."""
    check_tensor(input, "l1_loss")
    check_tensor(target, "l1_loss", "target", 2)
    _size_warning(input, target)
    reduction = _reduction(size_average, reduce, reduction)
    _broadcast(input, target)
    loss = (input - target).abs()
    if weight is not None:
        return _weighted(loss, weight, input, reduction)
    return _reduce(loss, reduction)


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    """0.5 d^2 / beta where |d| < beta, else |d| - 0.5 beta (d = input - target);
    beta = 0 is l1_loss."""
    check_tensor(input, "smooth_l1_loss")
    check_tensor(target, "smooth_l1_loss", "target", 2)
    _size_warning(input, target)
    reduction = _reduction(size_average, reduce, reduction)
    _broadcast(input, target)
    _check_beta(beta, "beta", "smooth_l1_loss")
    _float_kernel(input, target, "smooth_l1_cpu")
    if beta == 0:
        return _reduce((input - target).abs(), reduction)
    return SmoothL1Loss.apply(input, target, reduction, beta)


def huber_loss(input, target, reduction="mean", delta=1.0, weight=None):
    """0.5 d^2 where |d| < delta, else delta (|d| - 0.5 delta) (d = input - target)."""
    check_tensor(input, "huber_loss")
    check_tensor(target, "huber_loss", "target", 2)
    _size_warning(input, target)
    reduction = _reduction(None, None, reduction)
    _broadcast(input, target)
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")
    _float_kernel(input, target, "huber_cpu")
    if weight is not None:
        loss = HuberLoss.apply(input, target, "none", delta)
        return _weighted(loss, weight, input, reduction, mean_over_weight=False)
    return HuberLoss.apply(input, target, reduction, delta)


def soft_margin_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    """log(1 + exp(-target * input)), target in {-1, 1}."""
    check_tensor(input, "soft_margin_loss")
    check_tensor(target, "soft_margin_loss", "target", 2)
    reduction = _reduction(size_average, reduce, reduction)
    _no_grad_arg(target, "soft_margin_loss", "target")
    if input._dtype._cat < D._FLOAT:
        raise RuntimeError(f"result type Float can't be cast to the desired output type "
                           f"{_short(input._dtype)}")
    if input.shape != target.shape:
        shape = _broadcast(input, target)
        if shape != tuple(input.shape):
            raise RuntimeError(f"output with shape {list(input.shape)} doesn't match the "
                               f"broadcast shape {list(shape)}")
    return SoftMarginLoss.apply(input, target, reduction)


# ---------------------------------------------------------------- binary cross entropy
class BinaryCrossEntropy(Function):
    """-w (y log x + (1 - y) log(1 - x)), each log clamped at -100 like torch."""

    _raw = True
    _grad_name = "BinaryCrossEntropyBackward0"

    @staticmethod
    def forward(ctx, input, target, weight, reduction):
        ctx.save_for_backward(input, target, weight)
        ctx.reduction = reduction
        _, (x, y, w) = _float_operands(input, target, weight, dt=input._dtype)
        lx, l1x = np.maximum(np.log(x), -100), np.maximum(np.log1p(-x), -100)
        loss = -(y * (lx - l1x) + l1x)
        if w is not None:
            loss = loss * w
        ctx.n = loss.size
        return _reduce_array(loss, reduction)

    @staticmethod
    def backward(ctx, grad):
        input, target, weight = ctx.saved_tensors
        if ctx.reduction == "mean":
            grad = grad / ctx.n
        if weight is not None:
            grad = grad * weight
        gx = gy = None
        if ctx.needs_input_grad[0]:
            gx = grad * (input - target) / ((1 - input) * input).clamp_min(1e-12)
        if ctx.needs_input_grad[1]:
            gy = grad * ((-input).log1p().clamp_min(-100) - input.log().clamp_min(-100))
        return gx, gy, None, None


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None,
                         reduction="mean"):
    """Binary cross entropy of probabilities ``input`` in [0, 1] against ``target``."""
    check_tensor(input, "binary_cross_entropy")
    check_tensor(target, "binary_cross_entropy", "target", 2)
    reduction = _reduction(size_average, reduce, reduction)
    if target.shape != input.shape:
        raise ValueError(f"Using a target size ({target.shape}) that is different to the input "
                         f"size ({input.shape}) is deprecated. Please ensure they have the same "
                         "size.")
    if weight is not None:
        _no_grad_arg(weight, "binary_cross_entropy", "weight")
        try:
            ok = np.broadcast_shapes(weight.shape, input.shape) == tuple(input.shape)
        except ValueError:
            ok = False
        if not ok:
            raise RuntimeError(
                f"Attempting to broadcast a dimension of length {weight.shape[-1]} at -1! "
                f"Mismatching argument at index 1 had {weight.shape}; but expected shape "
                f"should be broadcastable to {list(input.shape)}")
    if input._dtype._cat < D._FLOAT:
        raise NotImplementedError(f"\"binary_cross_entropy\" not implemented for "
                                  f"'{_short(input._dtype)}'")
    if target._dtype is not input._dtype:
        raise RuntimeError(f"Found dtype {_short(target._dtype)} but expected "
                           f"{_short(input._dtype)}")
    x, y = input._array, target._array
    if x.size and not ((x >= 0) & (x <= 1)).all():
        raise RuntimeError("all elements of input should be between 0 and 1")
    if y.size and not ((y >= 0) & (y <= 1)).all():
        raise RuntimeError("all elements of target should be between 0 and 1")
    return BinaryCrossEntropy.apply(input, target, weight, reduction)


class BinaryCrossEntropyWithLogits(Function):
    """w ((1 - y) x + (1 + (pw - 1) y) log(1 + exp(-x))), with log(1 + exp(-x)) computed
    as log1p(exp(-|x|)) + max(-x, 0) so large |x| neither overflows nor loses precision."""

    _raw = True
    _grad_name = "BinaryCrossEntropyWithLogitsBackward0"

    @staticmethod
    def forward(ctx, input, target, weight, pos_weight, reduction):
        ctx.save_for_backward(input, target, weight, pos_weight)
        ctx.reduction = reduction
        # torch computes in (and returns) the target's dtype
        _, (x, y, w, pw) = _float_operands(input, target, weight, pos_weight, dt=target._dtype)
        sp = np.log1p(np.exp(-np.abs(x))) + np.maximum(-x, 0)  # log(1 + exp(-x))
        loss = (1 - y) * x + (sp if pw is None else (1 + (pw - 1) * y) * sp)
        if w is not None:
            loss = loss * w
        ctx.n = loss.size
        return _reduce_array(loss, reduction)

    @staticmethod
    def backward(ctx, grad):
        input, target, weight, pos_weight = ctx.saved_tensors
        if ctx.reduction == "mean":
            grad = grad / ctx.n
        if weight is not None:
            grad = grad * weight
        gx = gy = None
        if pos_weight is None:
            if ctx.needs_input_grad[0]:
                gx = grad * (input.sigmoid() - target)
            if ctx.needs_input_grad[1]:
                gy = grad * -input
        else:
            lw = (pos_weight - 1) * target + 1
            if ctx.needs_input_grad[0]:
                gx = grad * ((1 - target) - lw * (-input).sigmoid())
            if ctx.needs_input_grad[1]:
                gy = grad * ((pos_weight - 1) * _softplus_neg(input) - input)
        return gx, gy, None, None, None


def _softplus_neg(x):
    """log(1 + exp(-x)) of a Tensor, stably: relu(-x) + log1p(exp(-|x|))."""
    return (-x).clamp_min(0) + (-x.abs()).exp().log1p()


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None,
                                     reduction="mean", pos_weight=None):
    """binary_cross_entropy(sigmoid(input), target) computed stably from the logits."""
    check_tensor(input, "binary_cross_entropy_with_logits")
    check_tensor(target, "binary_cross_entropy_with_logits", "target", 2)
    reduction = _reduction(size_average, reduce, reduction)
    if target.shape != input.shape:
        raise ValueError(f"Target size ({target.shape}) must be the same as input size "
                         f"({input.shape})")
    if input._dtype._cat < D._FLOAT:
        raise NotImplementedError(f"\"log_sigmoid_cpu\" not implemented for "
                                  f"'{_short(input._dtype)}'")
    if target._dtype._cat < D._FLOAT:
        raise RuntimeError(f"result type Float can't be cast to the desired output type "
                           f"{_short(target._dtype)}")
    _no_grad_arg(weight, "binary_cross_entropy_with_logits", "weight")
    _no_grad_arg(pos_weight, "binary_cross_entropy_with_logits", "pos_weight")
    for t in (weight, pos_weight):
        if t is not None:
            _broadcast(input, t)
    return BinaryCrossEntropyWithLogits.apply(input, target, weight, pos_weight, reduction)


# ---------------------------------------------------------------- nll / cross entropy
def _class_last(a):
    """(N, C, d1, ...) -> (N * d1 * ..., C); a view for 2-d arrays."""
    if a.ndim == 2:
        return a
    return np.moveaxis(a, 1, -1).reshape(-1, a.shape[1])


def _class_back(a, shape):
    """Inverse of _class_last: (M, C) -> ``shape`` = (N, C, d1, ...)."""
    if len(shape) == 2:
        return a
    return np.moveaxis(a.reshape((shape[0],) + tuple(shape[2:]) + (shape[1],)), -1, 1)


def _check_index_target(input, target, weight, fname):
    """torch's checks of class-index targets; returns (input shape as (N, C, ...), target)."""
    xs, ts = tuple(input.shape), tuple(target.shape)
    if len(xs) == 0:
        raise ValueError("Expected 1 or more dimensions (got 0)")
    if len(xs) >= 2 and len(ts) >= 1 and xs[0] != ts[0]:
        raise ValueError(f"Expected input batch_size ({xs[0]}) to match target batch_size "
                         f"({ts[0]}).")
    if len(xs) <= 2 and len(ts) > 1:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    if len(xs) == 4 and ts != xs[:1] + xs[2:]:
        raise RuntimeError(f"size mismatch (got input: {list(xs)} , target: {list(ts)}")
    if len(xs) >= 3 and ts != xs[:1] + xs[2:]:
        raise RuntimeError(f"Expected target size {list(xs[:1] + xs[2:])}, got {list(ts)}")
    if target._dtype not in (D.int64, D.uint8):
        raise RuntimeError(f"expected target dtype to be Long or Byte, but got "
                           f"{_short(target._dtype)}")
    c = xs[0] if len(xs) == 1 else xs[1]
    if weight is not None:
        _check_weight(input, weight, c, fname)
    if input._dtype._cat < D._FLOAT:
        raise NotImplementedError(f"\"{fname}\" not implemented for '{_short(input._dtype)}'")
    return (1, c) if len(xs) == 1 else xs


def _check_weight(input, weight, c, fname):
    if weight._array.ndim != 1 or weight._array.size != c:
        raise RuntimeError(f"weight tensor should be defined either for all {c} classes or no "
                           f"classes but got weight tensor of shape: {list(weight.shape)}")
    if weight._dtype is not input._dtype:
        raise RuntimeError(f"expected scalar type {_short(input._dtype)} but found "
                           f"{_short(weight._dtype)}")
    _no_grad_arg(weight, "nll_loss_forward", "weight")


def _pick(target, ignore_index, c, weight, dt):
    """Flat class indices (ignored ones set to 0) and per-sample weights (0 where ignored)."""
    t = target._array.reshape(-1)
    valid = t != ignore_index
    tc = t if valid.all() else np.where(valid, t, 0)
    bad = (tc < 0) | (tc >= c)
    if bad.any():
        raise IndexError(f"Target {int(t[np.argmax(bad)])} is out of bounds.")
    if weight is None:
        wt = valid.astype(dt)
    else:
        wt = weight._array[tc] * valid
    return tc, valid, wt


def _finish(loss, wt, reduction, shape):
    """Reduce per-sample losses; mean divides by the summed weights of the targets."""
    if reduction == "none":
        return loss.reshape(shape)
    s = loss.sum()
    return _nd(s / wt.sum() if reduction == "mean" else s)


class NllLoss(Function):
    """-w[t] input[t] per sample; ignored targets contribute 0 and no weight."""

    _raw = True
    _grad_name = "NllLossBackward0"

    @staticmethod
    def forward(ctx, input, target, weight, ignore_index, reduction, shape):
        x = input._array.reshape(shape)
        c = shape[1]
        tc, valid, wt = _pick(target, ignore_index, c, weight, x.dtype)
        rows = _class_last(x)
        loss = -rows[np.arange(rows.shape[0]), tc] * wt
        ctx.p = (tc, wt, reduction, shape, input.shape)
        return _finish(loss, wt, reduction, target.shape if input.ndim > 1 else ())

    @staticmethod
    def backward(ctx, grad):
        tc, wt, reduction, shape, in_shape = ctx.p
        coef = np.zeros((tc.size, shape[1]), wt.dtype)
        coef[np.arange(tc.size), tc] = -wt
        if reduction == "mean" and wt.sum() != 0:  # all ignored: torch's gradient is 0
            coef /= wt.sum()
        k = _const(_class_back(coef, shape), grad._dtype)
        if reduction == "none":
            grad = grad.reshape((shape[0], 1) + tuple(shape[2:]))
        return (k * grad).reshape(in_shape), None, None, None, None, None


class _NllLoss2d(NllLoss):
    _grad_name = "NllLoss2DBackward0"


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
             reduction="mean"):
    """Negative log likelihood of class indices ``target`` under log-probabilities ``input``
    (N, C, d1, ...) or (C,); ``weight`` per class; ``ignore_index`` targets are skipped."""
    check_tensor(input, "nll_loss")
    check_tensor(target, "nll_loss", "target", 2)
    reduction = _reduction(size_average, reduce, reduction)
    shape = _check_index_target(input, target, weight, "nll_loss")
    cls = _NllLoss2d if len(shape) >= 3 else NllLoss
    return cls.apply(input, target, weight, ignore_index, reduction, shape)


def _log_softmax_rows(x):
    """log_softmax over the last axis of a 2-d array, and the softmax."""
    sh = x - x.max(1, keepdims=True, initial=-np.inf)
    e = np.exp(sh)
    s = e.sum(1, keepdims=True)
    sh -= np.log(s)
    e /= s
    return sh, e


def _spread(grad, reduction, denom, shape):
    """The upstream gradient as a Tensor broadcastable to (N, C, d1, ...)."""
    if reduction == "none":
        return grad.reshape((shape[0], 1) + tuple(shape[2:]))
    if reduction == "mean":
        return grad / denom if denom != 0 else grad * 0  # all ignored: torch's gradient is 0
    return grad


class CrossEntropy(Function):
    """log_softmax + nll_loss fused, for class-index targets (with label smoothing).

    With coef[i, c] the weight of -log p[i, c] in sample i's loss, the gradient of the
    input is softmax * sum_c coef - coef. It is computed on arrays (no dense coef, no
    log_softmax node: the fast path); under create_graph the same formula runs in Tensor
    ops so double backward works.
    """

    _raw = True
    _grad_name = "NllLossBackward0"

    @staticmethod
    def forward(ctx, input, target, weight, ignore_index, smoothing, reduction, shape):
        ctx.save_for_backward(input)
        x = _class_last(input._array.reshape(shape))
        c = shape[1]
        logp, prob = _log_softmax_rows(x)
        tc, valid, wt = _pick(target, ignore_index, c, weight, x.dtype)
        rows = np.arange(tc.size)
        loss = -logp[rows, tc] * wt
        w = None if weight is None else weight._array
        if smoothing:
            smooth = (logp.sum(1) if w is None else logp @ w) * valid
            loss = loss * (1 - smoothing) - smooth * (smoothing / c)
        ctx.p = (prob, tc, valid, wt, w, smoothing, reduction, shape)
        return _finish(loss, wt, reduction, target.shape if input.ndim > 1 else ())

    @staticmethod
    def backward(ctx, grad):
        prob, tc, valid, wt, w, eps, reduction, shape = ctx.p
        (input,) = ctx.saved_tensors
        c = shape[1]
        rows = np.arange(tc.size)
        total = wt * (1 - eps)  # sum_c coef[i, c]
        if eps:
            total = total + valid * ((eps / c) * (c if w is None else w.sum()))
        denom = wt.sum() if reduction == "mean" else 1
        if _state.enabled:  # create_graph
            coef = np.zeros_like(prob)
            coef[rows, tc] = wt * (1 - eps)
            if eps:
                coef += (valid[:, None] * (eps / c)) * (1 if w is None else w)
            coef = _const(_class_back(coef, shape), input._dtype)
            total = _const(total.reshape((shape[0],) + tuple(shape[2:]))[:, None], input._dtype)
            g = (input.reshape(shape).softmax(1) * total - coef) * _spread(grad, reduction,
                                                                          denom, shape)
            return g.reshape(input.shape), None, None, None, None, None, None
        g = prob * total[:, None]
        g[rows, tc] -= wt * (1 - eps)
        if eps:
            g -= (valid[:, None] * (eps / c)) * (1 if w is None else w)
        up = grad._array
        if reduction == "none":
            g *= up.reshape(-1, 1)
        else:
            g *= up / denom if denom != 0 else 0  # all ignored: torch's gradient is 0
        g = _class_back(g, shape).reshape(input.shape)
        return _make(g.astype(prob.dtype, copy=False), grad._dtype), None, None, None, None, \
            None, None


# torch's cross_entropy is a composite: its output's grad_fn is that of the last op
class _CrossEntropy2d(CrossEntropy):
    _grad_name = "NllLoss2DBackward0"


class _CrossEntropySmooth(CrossEntropy):
    _grad_name = "AddBackward0"


class CrossEntropyProb(Function):
    """Cross entropy against class probabilities: -sum_c w_c p_c log softmax(x)_c; the
    mean divides by the number of samples (N * d1 * ...). Backward as CrossEntropy's, with
    coef = w p (and -w log softmax(x) for the target)."""

    _raw = True
    _grad_name = "DivBackward1"

    @staticmethod
    def forward(ctx, input, target, weight, smoothing, reduction, shape):
        ctx.save_for_backward(input, target, weight)
        dt, (x, p) = _float_operands(input, target)
        c = shape[1]
        logp, prob = _log_softmax_rows(_class_last(x.reshape(shape)))
        p = _class_last(p.reshape(shape))
        if smoothing:
            p = p * (1 - smoothing) + smoothing / c
        coef = p if weight is None else p * weight._array
        loss = -(coef * logp).sum(1)
        ctx.p = (logp, prob, coef, smoothing, reduction, shape)
        if reduction == "none":
            return loss.reshape((shape[0],) + tuple(shape[2:]) if len(input.shape) > 1 else ())
        s = loss.sum()
        return _nd(s / loss.size if reduction == "mean" else s)

    @staticmethod
    def backward(ctx, grad):
        logp, prob, coef, eps, reduction, shape = ctx.p
        input, target, weight = ctx.saved_tensors
        needs = ctx.needs_input_grad
        if _state.enabled:  # create_graph: Tensor ops, differentiable again
            return CrossEntropyProb._graph_backward(input, target, weight, eps, grad, reduction,
                                                    logp.shape[0], shape, needs)
        up = grad._array
        if reduction == "none":
            up = up.reshape(-1, 1)
        elif reduction == "mean":
            up = up / logp.shape[0]
        gx = gt = None
        if needs[0]:
            gx = (prob * coef.sum(1, keepdims=True) - coef) * up
            gx = _make(_class_back(gx, shape).reshape(input.shape), grad._dtype)
        if needs[1]:
            gt = -logp * up
            if weight is not None:
                gt = gt * weight._array
            if eps:
                gt = gt * (1 - eps)
            gt = _make(_class_back(gt, shape).reshape(input.shape), grad._dtype)
        return gx, gt, None, None, None, None

    @staticmethod
    def _graph_backward(input, target, weight, eps, grad, reduction, n, shape, needs):
        x, t = input.reshape(shape), target.reshape(shape)
        wb = None if weight is None else weight.reshape((1, shape[1]) + (1,) * (len(shape) - 2))
        p = t * (1 - eps) + eps / shape[1] if eps else t
        coef = p if wb is None else p * wb
        g = _spread(grad, reduction, n, shape)
        gx = gt = None
        if needs[0]:
            gx = ((x.softmax(1) * coef.sum(1, keepdim=True) - coef) * g).reshape(input.shape)
        if needs[1]:
            gt = -x.log_softmax(1) * g * (1 - eps)
            gt = (gt if wb is None else gt * wb).reshape(input.shape)
        return gx, gt, None, None, None, None


class _CrossEntropyProbSum(CrossEntropyProb):
    _grad_name = "NegBackward0"


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
                  reduction="mean", label_smoothing=0.0):
    """nll_loss(log_softmax(input, 1), target) for class indices (N, d1, ...) or (), or
    the cross entropy against class probabilities (``target`` of ``input``'s shape)."""
    check_tensor(input, "cross_entropy")
    check_tensor(target, "cross_entropy", "target", 2)
    reduction = _reduction(size_average, reduce, reduction)
    if label_smoothing > 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: "
                           f"{label_smoothing:g}")
    if target.shape == input.shape:
        if target._dtype._cat < D._FLOAT:
            raise RuntimeError("Expected floating point type for target with class "
                               f"probabilities, got {_short(target._dtype)}")
        if ignore_index >= 0:
            raise RuntimeError("ignore_index is not supported for floating point target")
        xs = tuple(input.shape)
        if input._dtype._cat < D._FLOAT:
            raise NotImplementedError("\"log_softmax_lastdim_kernel_impl\" not implemented for "
                                      f"'{_short(input._dtype)}'")
        shape = (1,) + xs if len(xs) == 1 else xs
        if weight is not None:
            _check_weight(input, weight, shape[1], "cross_entropy")
        cls = CrossEntropyProb if reduction == "mean" else _CrossEntropyProbSum
        return cls.apply(input, target, weight, label_smoothing, reduction, shape)
    if input._dtype._cat < D._FLOAT and input.ndim:
        raise NotImplementedError("\"log_softmax_lastdim_kernel_impl\" not implemented for "
                                  f"'{_short(input._dtype)}'")
    shape = _check_index_target(input, target, weight, "cross_entropy")
    cls = (_CrossEntropySmooth if label_smoothing else
           _CrossEntropy2d if len(shape) >= 3 else CrossEntropy)
    return cls.apply(input, target, weight, ignore_index, label_smoothing, reduction, shape)


# ---------------------------------------------------------------- divergences / likelihoods
def kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False):
    """KL(target || exp(input)) pointwise: target (log target - input); 'batchmean' divides
    the sum by the batch size."""
    check_tensor(input, "kl_div")
    check_tensor(target, "kl_div", "target", 2)
    if size_average is not None or reduce is not None:
        reduction = _reduction(size_average, reduce, reduction)
    elif reduction not in ("none", "mean", "sum", "batchmean"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if reduction == "mean":
        import warnings

        warnings.warn(
            "reduction: 'mean' divides the total loss by both the batch size and the support "
            "size.'batchmean' divides only by the batch size, and aligns with the KL div math "
            "definition.'mean' will be changed to behave the same as 'batchmean' in the next "
            "major release.", UserWarning, stacklevel=2)
    if log_target:
        loss = target.exp() * (target - input)
    else:
        loss = target.xlogy(target) - target * input
    if reduction == "batchmean":
        return loss.sum() / input.shape[0] if input.ndim else loss.sum()
    return _reduce(loss, reduction)


def poisson_nll_loss(input, target, log_input=True, full=False, size_average=None, eps=1e-8,
                     reduce=None, reduction="mean"):
    """exp(input) - target input (log_input) or input - target log(input + eps); ``full``
    adds Stirling's term target log target - target + log(2 pi target) / 2 for target > 1."""
    check_tensor(input, "poisson_nll_loss")
    check_tensor(target, "poisson_nll_loss", "target", 2)
    reduction = _reduction(size_average, reduce, reduction)
    if log_input:
        loss = input.exp() - target * input
    else:
        loss = input - target * (input + eps).log()
    if full:
        stirling = target * target.log() - target + (target * (2 * math.pi)).log() * 0.5
        loss = loss + stirling.masked_fill(target <= 1, 0)
    return _reduce(loss, reduction)


def gaussian_nll_loss(input, target, var, full=False, eps=1e-6, reduction="mean"):
    """(log(max(var, eps)) + (input - target)^2 / max(var, eps)) / 2 (+ log(2 pi) / 2 when
    ``full``); ``var`` may omit the last dimension or have it of size 1 (homoscedastic), or be
    a float. The clamp is not differentiated (var's gradient passes straight through)."""
    check_tensor(input, "gaussian_nll_loss")
    check_tensor(target, "gaussian_nll_loss", "target", 2)
    if not isinstance(var, Tensor):
        from .._creation import full_like

        var = full_like(input, var)
    xs, vs = tuple(input.shape), tuple(var.shape)
    if vs != xs:
        if xs[:-1] == vs:
            var = var.unsqueeze(-1)
        elif xs[:-1] == vs[:-1] and vs[-1:] == (1,):
            pass
        else:
            raise ValueError("var is of incorrect size")
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{reduction} is not valid")
    if (var._array < 0).any():
        raise ValueError("var has negative entry/entries")
    # clamp without recording: the gradient flows to var as if unclamped (torch does this)
    v = var._array
    clamped = np.maximum(v, eps).astype(v.dtype, copy=False)
    var = var + _const(clamped - v, var._dtype) if (v < eps).any() else var
    loss = 0.5 * (var.log() + (input - target) ** 2 / var)
    if full:
        loss = loss + 0.5 * math.log(2 * math.pi)
    return _reduce(loss, reduction)


# ---------------------------------------------------------------- margin losses
def _same_dims(fname, **ts):
    dims = {t.dim() for t in ts.values()}
    if len(dims) > 1:
        sizes = ", ".join(f"{k}: {list(t.shape)}" for k, t in ts.items())
        raise RuntimeError(f"{fname} : All input tensors should have same dimension but got "
                           f"sizes: {sizes}")


def margin_ranking_loss(input1, input2, target, margin=0, size_average=None, reduce=None,
                        reduction="mean"):
    """max(0, -target (input1 - input2) + margin)."""
    for i, (t, n) in enumerate(((input1, "input1"), (input2, "input2"), (target, "target"))):
        check_tensor(t, "margin_ranking_loss", n, i + 1)
    reduction = _reduction(size_average, reduce, reduction)
    _same_dims("margin_ranking_loss", input1=input1, input2=input2, target=target)
    return _reduce((-target * (input1 - input2) + margin).clamp_min(0), reduction)


def hinge_embedding_loss(input, target, margin=1.0, size_average=None, reduce=None,
                         reduction="mean"):
    """input where target == 1, max(0, margin - input) where target == -1."""
    check_tensor(input, "hinge_embedding_loss")
    check_tensor(target, "hinge_embedding_loss", "target", 2)
    reduction = _reduction(size_average, reduce, reduction)
    zero = input.new_zeros(())
    margin_part = (margin - input).clamp_min(0).where(target != 1, zero)
    return _reduce(margin_part + input.where(target != -1, zero), reduction)


def multilabel_soft_margin_loss(input, target, weight=None, size_average=None, reduce=None,
                                reduction="mean"):
    """-(y log sigmoid(x) + (1 - y) log sigmoid(-x)), averaged over the classes."""
    from .activation import logsigmoid

    check_tensor(input, "multilabel_soft_margin_loss")
    check_tensor(target, "multilabel_soft_margin_loss", "target", 2)
    reduction = _reduction(size_average, reduce, reduction, msg="is not valid")
    loss = -(target * logsigmoid(input) + (1 - target) * logsigmoid(-input))
    if weight is not None:
        loss = loss * weight
    dim = input.dim() - 1
    loss = loss.sum(dim) / input.shape[dim]
    return _reduce(loss, reduction)


def cosine_embedding_loss(input1, input2, target, margin=0, size_average=None, reduce=None,
                          reduction="mean"):
    """1 - cos(x1, x2) where target == 1, max(0, cos(x1, x2) - margin) where target == -1
    (cosine over the last dimension, eps 1e-12 under the square root like torch)."""
    for i, (t, n) in enumerate(((input1, "input1"), (input2, "input2"), (target, "target"))):
        check_tensor(t, "cosine_embedding_loss", n, i + 1)
    reduction = _reduction(size_average, reduce, reduction)
    d1, d2, dt = input1.dim(), input2.dim(), target.dim()
    if d1 != d2:
        raise RuntimeError(f"cosine_embedding_loss : All input tensors should have same "
                           f"dimension but got sizes: input1: {list(input1.shape)}, input2: "
                           f"{list(input2.shape)}, target: {list(target.shape)} ")
    if d1 != dt + 1 or d1 > 2:
        raise RuntimeError(f"{d1}D target tensor expects {d1 - 1}D input tensors, but found "
                           f"inputs with sizes {list(input1.shape)} and {list(input2.shape)}.")
    dim = d1 - 1
    prod = (input1 * input2).sum(dim)
    mag = ((input1 * input1).sum(dim) + 1e-12) * ((input2 * input2).sum(dim) + 1e-12)
    cos = prod / mag.sqrt()
    zero = cos.new_zeros(())
    pos = (1 - cos).where(target == 1, zero)
    neg = (cos - margin).clamp_min(0).where(target == -1, zero)
    return _reduce(pos + neg, reduction)


def _pairwise(x1, x2, p, eps):
    return (x1 - x2 + eps).norm(p, dim=-1)


def triplet_margin_loss(anchor, positive, negative, margin=1.0, p=2, eps=1e-6, swap=False,
                        size_average=None, reduce=None, reduction="mean"):
    """max(0, d(a, p) - d(a, n) + margin), d the p-norm distance (with swap, d(a, n) is
    min(d(a, n), d(p, n)))."""
    for i, (t, n) in enumerate(((anchor, "anchor"), (positive, "positive"),
                                (negative, "negative"))):
        check_tensor(t, "triplet_margin_loss", n, i + 1)
    reduction = _reduction(size_average, reduce, reduction)
    if margin <= 0:
        raise ValueError(f"TripletMarginLoss: expected margin to be greater than 0, got "
                         f"{margin} instead")
    a, pd, nd = anchor.dim(), positive.dim(), negative.dim()
    if not (a == pd == nd):
        raise RuntimeError(
            f"The anchor, positive, and negative tensors are expected to have the same number "
            f"of dimensions, but got: anchor {a}D, positive {pd}D, and negative {nd}D inputs")
    d_pos = _pairwise(anchor, positive, p, eps)
    d_neg = _pairwise(anchor, negative, p, eps)
    if swap:
        d_neg = d_neg.minimum(_pairwise(positive, negative, p, eps))
    return _reduce((margin + d_pos - d_neg).clamp_min(0), reduction)


def triplet_margin_with_distance_loss(anchor, positive, negative, *, distance_function=None,
                                      margin=1.0, swap=False, reduction="mean"):
    """max(0, d(a, p) - d(a, n) + margin) for any distance function ``d`` (default:
    pairwise_distance); with swap, d(a, n) is min(d(a, n), d(p, n))."""
    from .embedding import pairwise_distance

    reduction = _reduction(None, None, reduction)
    if margin <= 0:
        raise ValueError(f"margin must be greater than 0, got {margin}")
    a, pd, nd = anchor.dim(), positive.dim(), negative.dim()
    if not (a == pd == nd):
        raise RuntimeError(
            f"The anchor, positive, and negative tensors are expected to have the same number "
            f"of dimensions, but got: anchor {a}D, positive {pd}D, and negative {nd}D inputs")
    dist = pairwise_distance if distance_function is None else distance_function
    d_pos, d_neg = dist(anchor, positive), dist(anchor, negative)
    if swap:
        d_neg = d_neg.minimum(dist(positive, negative))
    return _reduce((margin + d_pos - d_neg).clamp_min(0), reduction)


def _margin_target(input, target, fname):
    """Input as (N, C), target as an int64 array of N class indices (checked)."""
    xs = tuple(input.shape)
    if len(xs) > 2 or (len(xs) == 2 and xs[1] == 0) or (len(xs) <= 1 and input.numel() == 0):
        raise RuntimeError(f"Expected non-empty vector or matrix with optional 0-dim batch "
                           f"size, but got: {list(xs)}")
    n = xs[0] if len(xs) == 2 else 1
    t = target._array.reshape(-1)
    if t.size != n or target.dim() > 1:
        raise RuntimeError(f"inconsistent target size, expected {n} but got "
                           f"{list(target.shape)}")
    return n


def multi_margin_loss(input, target, p=1, margin=1.0, weight=None, size_average=None,
                      reduce=None, reduction="mean"):
    """sum_{j != y} max(0, margin - x[y] + x[j])^p * w[y] / C per sample."""
    check_tensor(input, "multi_margin_loss")
    check_tensor(target, "multi_margin_loss", "target", 2)
    reduction = _reduction(size_average, reduce, reduction)
    if p not in (1, 2):
        raise ValueError("only p == 1 and p == 2 supported")
    if weight is not None:
        if weight.dim() > 1:
            raise ValueError("weight must be one-dimensional")
        _no_grad_arg(weight, "multi_margin_loss", "weight")
    n = _margin_target(input, target, "multi_margin_loss")
    c = input.shape[-1]
    x = input.reshape(n, c)
    t = target._array.reshape(n, 1)
    if ((t < 0) | (t >= c)).any():
        raise RuntimeError("target out of range")
    tt = _make(t.astype(np.int64), D.int64)
    picked = x.gather(1, tt)
    z = (margin - picked + x).clamp_min(0)
    if p == 2:
        z = z * z
    if weight is not None:
        z = z * weight.gather(0, tt.reshape(-1)).reshape(n, 1)
    others = _const(np.arange(c)[None, :] != t, x._dtype)
    loss = (z * others).sum(1) / c
    if input.dim() < 2:
        loss = loss.reshape(target.shape)
    return _reduce(loss, reduction)


def multilabel_margin_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    """sum over target classes j (the labels before the first -1) and non-target classes k of
    max(0, 1 - (x[j] - x[k])) / C per sample."""
    check_tensor(input, "multilabel_margin_loss")
    check_tensor(target, "multilabel_margin_loss", "target", 2)
    reduction = _reduction(size_average, reduce, reduction)
    xs = tuple(input.shape)
    if len(xs) > 2 or (len(xs) == 2 and xs[1] == 0) or (len(xs) <= 1 and input.numel() == 0):
        raise RuntimeError(f"Expected non-empty vector or matrix with optional 0-dim batch "
                           f"size, but got: {list(xs)}")
    if tuple(target.shape) != xs:
        raise RuntimeError(f"inconsistent target size: {list(target.shape)} for input of size: "
                           f"{list(xs)}")
    c = xs[-1] if xs else 1
    x = input.reshape(-1, c)
    t = target._array.reshape(-1, c)
    # labels count until the first -1 in each row
    active = np.cumprod(t != -1, axis=1).astype(bool)
    if ((t[active] < 0) | (t[active] >= c)).any():
        raise RuntimeError("argument #2 'target' is out of range")
    # count[i, j]: how often class j is listed (torch counts repeated labels again)
    count = np.zeros(t.shape, np.int64)
    np.add.at(count, (np.nonzero(active)[0], t[active]), 1)
    # pairs (j, k) with j a target (weighted by its count) and k not a target
    pairs = count[:, :, None] * (count == 0)[:, None, :]
    z = (1 - (x.unsqueeze(2) - x.unsqueeze(1))).clamp_min(0)
    loss = (z * _const(pairs, x._dtype)).sum((1, 2)) / c
    if input.dim() < 2:
        loss = loss.reshape(())
    return _reduce(loss, reduction)


# ---------------------------------------------------------------- CTC
def _lse3(a1, a2, a3):
    """log(e^a1 + e^a2 + e^a3) in torch's order (max shift; an all -inf max shifts by 0)."""
    m = np.maximum(np.maximum(a1, a2), a3)
    m[m == -np.inf] = 0
    with np.errstate(invalid="ignore"):
        return np.log(np.exp(a1 - m) + np.exp(a2 - m) + np.exp(a3 - m)) + m


def _shift(a, k, fill=-np.inf):
    """``a`` moved ``k`` places along the last axis (right for k > 0), padded with ``fill``."""
    out = np.full_like(a, fill)
    if k > 0:
        out[..., k:] = a[..., :-k]
    else:
        out[..., :k] = a[..., -k:]
    return out


class CtcLoss(Function):
    """The negative log likelihood of each sample's target over all CTC alignments.

    Over the extended labels l' (the target with a blank before, between and after its
    labels, length 2S+1) the forward variables are, in log space (Graves et al. 2006, eq 6):
    alpha[t, s] = lse(alpha[t-1, s], alpha[t-1, s-1], alpha[t-1, s-2] if l'[s] != l'[s-2])
    + log y[t, l'[s]], and the loss is -lse(alpha[T-1, 2S], alpha[T-1, 2S-1]). beta runs
    the same recursion backwards, and (eq 16) d loss / d log y[t, c] =
    y[t, c] - exp(lse_{s: l'[s] = c}(alpha[t, s] + beta[t, s]) + loss - log y[t, c]),
    torch's CPU formula. Fused (for speed and stability): both recursions are vectorised
    over the batch and the label positions, looping only over time, on raw arrays.
    """

    _raw = True
    _grad_name = "CtcLossBackward0"

    @staticmethod
    def forward(ctx, log_probs, lab, il, tl, zero_infinity):
        lp = log_probs._array  # (T, N, C)
        t_max, n = lp.shape[:2]
        rows = np.arange(n)[:, None]
        emit = lp[:, rows, lab]  # (T, N, L): log y[t, l'[s]]
        skip = np.zeros(lab.shape, bool)
        skip[:, 2:] = lab[:, 2:] != lab[:, :-2]
        alpha = np.full(emit.shape, -np.inf, lp.dtype)
        if t_max:
            alpha[0, :, 0] = emit[0, :, 0]
            alpha[0, :, 1:2] = np.where(tl[:, None] > 0, emit[0, :, 1:2], -np.inf)
        for t in range(1, t_max):
            a = alpha[t - 1]
            a3 = np.where(skip, _shift(a, 2), -np.inf)
            alpha[t] = _lse3(a, _shift(a, 1), a3) + emit[t]
        last = alpha[np.maximum(il - 1, 0), np.arange(n)]  # (N, L)
        l1 = last[np.arange(n), 2 * tl]
        l2 = np.where(tl > 0, last[np.arange(n), np.maximum(2 * tl - 1, 0)], -np.inf)
        ll = _lse3(l1, l2, np.full_like(l1, -np.inf))
        ll = np.where(il == 0, np.where(tl == 0, 0, -np.inf), ll).astype(lp.dtype)
        nll = -ll
        ctx.save_for_backward(log_probs)
        ctx.p = (lab, il, tl, emit, skip, alpha, nll, zero_infinity)
        return nll

    @staticmethod
    @once_differentiable
    def backward(ctx, grad):
        lab, il, tl, emit, skip, alpha, nll, zero_infinity = ctx.p
        (log_probs,) = ctx.saved_tensors
        lp = log_probs._array
        t_max, n, c = lp.shape
        size = lab.shape[1]
        valid = np.arange(size) < (2 * tl + 1)[:, None]  # (N, L): positions of l'
        end = (np.arange(size) >= (2 * tl - 1)[:, None]) & valid  # the two final states
        beta = np.full(emit.shape, -np.inf, lp.dtype)
        for t in range(t_max - 1, -1, -1):
            if t + 1 < t_max:
                b = beta[t + 1]
                b3 = np.where(_shift(skip, -2, False), _shift(b, -2), -np.inf)
                step = _lse3(b, _shift(b, -1), b3) + emit[t]
            else:
                step = np.full((n, size), -np.inf, lp.dtype)
            first = (il - 1 == t)[:, None]
            step = np.where(first, np.where(end, emit[t], -np.inf), step)
            beta[t] = np.where(valid & (t < il)[:, None], step, -np.inf)
        # log sum over the positions s with l'[s] = c of alpha + beta, per (t, n, c)
        ab = alpha + beta
        # torch assigns (not log-adds) the last step's two terms, the second over the first:
        # where a target label is the blank (invalid input), the first one is dropped
        clash = np.flatnonzero((tl > 0) & (il > 0) & (lab[np.arange(n), np.maximum(
            2 * tl - 1, 0)] == lab[:, 0]))
        ab[il[clash] - 1, clash, 2 * tl[clash]] = -np.inf
        idx = (slice(None), np.broadcast_to(np.arange(n)[:, None], lab.shape), lab)
        top = np.full(lp.shape, -np.inf, lp.dtype)
        np.maximum.at(top, idx, ab)
        shift = np.where(top == -np.inf, 0, top)
        acc = np.zeros(lp.shape, lp.dtype)
        with np.errstate(invalid="ignore"):
            np.add.at(acc, idx, np.exp(ab - shift[idx]))
            with np.errstate(divide="ignore"):
                res = np.log(acc) + shift
            g = (np.exp(lp) - np.exp(res + nll[:, None] - lp)) * grad._array[:, None]
        g[np.arange(t_max)[:, None] >= il] = 0
        if zero_infinity:
            g[:, nll == np.inf] = 0
        return _make(g.astype(lp.dtype, copy=False), grad._dtype), None, None, None, None


def _ctc_lengths(lengths, name):
    """Lengths given as a Tensor (integral, any shape) or a sequence of ints, as int64."""
    if isinstance(lengths, Tensor):
        if lengths._dtype._cat != D._INT:
            raise RuntimeError(f"{name} must be integral")
        return lengths._array.reshape(-1).astype(np.int64)
    return np.asarray([int(v) for v in lengths], np.int64).reshape(-1)


def _ctc_type_error(args):
    names = [type(a).__name__ for a in args]
    got = ", ".join(names + ["int", "int", "bool"])
    raise TypeError(f"ctc_loss() received an invalid combination of arguments - got ({got}), "
                    "but expected one of:\n * (Tensor log_probs, Tensor targets, tuple of ints "
                    "input_lengths, tuple of ints target_lengths, int blank = 0, int reduction = "
                    "at::Reduction::Mean, bool zero_infinity = False)\n * (Tensor log_probs, Tensor "
                    "targets, Tensor input_lengths, Tensor target_lengths, int blank = 0, int "
                    "reduction = at::Reduction::Mean, bool zero_infinity = False)\n")


def _ctc_labels(targets, il, tl, blank, t_max, n, where):
    """torch's checks, then the extended labels l' (N, 2 max(S) + 1): the blank at even
    positions and past each target's end, the target labels at odd ones."""
    if len(il) != n:
        raise RuntimeError("input_lengths must be of size batch_size")
    if len(tl) != n:
        raise RuntimeError("target_lengths must be of size batch_size")
    for v in tl:
        if v < 0:
            raise RuntimeError(f"Expected target_lengths to have value at least 0, but got value "
                               f"{v} (while checking arguments for {where})")
    tg = targets._array.astype(np.int64)
    smax = int(tl.max()) if n else 0
    if tg.ndim == 1:
        if tg.shape[0] != tl.sum():
            raise RuntimeError(f"Expected tensor to have size {tl.sum()} at dimension 0, but got "
                               f"size {tg.shape[0]} for argument #2 'targets' (while checking "
                               f"arguments for {where})")
        offsets = np.concatenate([[0], np.cumsum(tl)[:-1]]).astype(np.int64)
        cols = np.minimum(offsets[:, None] + np.arange(smax), max(tg.shape[0] - 1, 0))
        tg = tg[cols] if tg.size else np.zeros((n, smax), np.int64)
    else:
        if tg.shape[0] != n:
            raise RuntimeError(f"Expected tensor to have size {n} at dimension 0, but got size "
                               f"{tg.shape[0]} for argument #2 'targets' (while checking "
                               f"arguments for {where})")
        if tg.shape[1] < smax:
            raise RuntimeError(f"Expected tensor to have size at least {smax} at dimension 1, but "
                               f"got size {tg.shape[1]} for argument #2 'targets' (while checking "
                               f"arguments for {where})")
        tg = tg[:, :smax]
    for v in il:
        if v < 0:
            raise RuntimeError(f"Expected input_lengths to have value at least 0, but got value "
                               f"{v} (while checking arguments for {where})")
        if v > t_max:
            raise RuntimeError(f"Expected input_lengths to have value at most {t_max}, but got "
                               f"value {v} (while checking arguments for {where})")
    lab = np.full((n, 2 * smax + 1), blank, np.int64)
    lab[:, 1::2] = np.where(np.arange(smax) < tl[:, None], tg, blank)
    return lab


def ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=0, reduction="mean",
             zero_infinity=False):
    """The Connectionist Temporal Classification loss: -log of the total probability of the
    alignments of each input to its target (see :class:`CtcLoss` for the recursions).

    Shapes: ``log_probs`` (T, N, C) or unbatched (T, C) log-probabilities; ``targets``
    padded (N, S) or concatenated (sum(target_lengths),); ``input_lengths`` and
    ``target_lengths`` (N,) integral Tensors or sequences of ints. 'mean' divides each loss
    by its target length (at least 1), then averages over the batch; ``zero_infinity``
    zeroes infinite losses (impossible alignments) and their gradients.

    Example::

        >>> lp = torch.randn(50, 16, 20).log_softmax(2)
        >>> loss = F.ctc_loss(lp, torch.randint(1, 20, (16, 30)), (50,) * 16, (30,) * 16)
    """
    from ..nn._reduction import get_enum

    get_enum(reduction)  # torch validates it in Python, before the kernel's checks
    check_tensor(log_probs, "ctc_loss", "log_probs")
    check_tensor(targets, "ctc_loss", "targets", 2)
    if isinstance(input_lengths, Tensor) != isinstance(target_lengths, Tensor) or not all(
            isinstance(x, (Tensor, list, tuple)) for x in (input_lengths, target_lengths)):
        _ctc_type_error((log_probs, targets, input_lengths, target_lengths))
    il = _ctc_lengths(input_lengths, "input_lengths")
    tl = _ctc_lengths(target_lengths, "target_lengths")
    if log_probs._dtype not in (D.float32, D.float64):
        raise NotImplementedError(f"\"ctc_loss_cpu\" not implemented for "
                                  f"'{_short(log_probs._dtype)}'")
    if log_probs.numel() == 0:
        raise RuntimeError("log_probs tensor must not be empty")
    batched = log_probs.ndim == 3
    lp = log_probs if batched else log_probs.unsqueeze(1)
    where = "ctc_loss_allocate_outputs"
    if lp.ndim != 3:
        raise RuntimeError(f"Expected 3-dimensional tensor, but got {lp.ndim}-dimensional tensor "
                           f"for argument #1 'log_probs' (while checking arguments for {where})")
    if len(targets.shape) not in (1, 2):
        raise RuntimeError(f"Expected 1 to 2 dimensions, but got {len(targets.shape)}-dimensional "
                           f"tensor for argument #2 'targets' (while checking arguments for {where})")
    t_max, n, c = lp.shape
    if not 0 <= blank < c:
        raise RuntimeError("blank must be in label range")
    lab = _ctc_labels(targets, il, tl, blank, t_max, n, where)
    res = CtcLoss.apply(lp, lab, il, tl, zero_infinity)
    if zero_infinity:
        res = res.where(res != math.inf, _const(0, res._dtype))
    if reduction == "mean":
        return (res / _const(np.maximum(tl, 1), res._dtype)).mean()
    if reduction == "sum":
        return res.sum()
    return res if batched else res.squeeze(0)

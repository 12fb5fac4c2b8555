"""Dropout: dropout, dropout1d/2d/3d, alpha_dropout, feature_alpha_dropout.

Dropout multiplies its input by a random noise tensor, as torch does on the CPU, so the
graph holds one ``MulBackward0`` node whose backward is ``grad * noise``; alpha dropout
adds an affine shift afterwards (``AddBackward0``). Noise is drawn from numtorch's default
generator: ``numtorch.manual_seed`` makes it reproducible.

* plain dropout: ``noise = bernoulli(1 - p) / (1 - p)``, one draw per element;
* feature dropout: one draw per (sample, channel), broadcast over the spatial dims;
* alpha dropout (for SELU networks): dropped values are set to SELU's negative saturation
  ``-alpha'`` and the result is scaled by ``a`` and shifted by ``b`` so that zero mean and
  unit variance are kept: ``a = ((1 - p)(1 + p alpha'^2))^(-1/2)``, ``b = a alpha' p``.

``p == 0``, ``training=False`` and empty inputs return the input itself, like torch.
"""

import math
import warnings

import numpy as np

from .. import _dtype as D
from .._backend import to_device
from .._random import _rng, _uniform01
from .._tensor import _make
from ._util import check_tensor

# torch.dropout / alpha_dropout / feature_alpha_dropout(input, p, train) share their names
# with nn.functional's (input, p, training, inplace) forms, which own those attributes here;
# their ATen forms are _top_dropout, _top_alpha_dropout and _top_feature_alpha_dropout
__all__ = ["dropout_", "feature_dropout", "feature_dropout_", "alpha_dropout_",
           "feature_alpha_dropout_"]
__functional__ = ["dropout", "dropout1d", "dropout2d", "dropout3d", "alpha_dropout",
                  "feature_alpha_dropout"]

_ALPHA = 1.7580993408473766  # -scale * alpha of SELU: the value SELU saturates to


# ---------------------------------------------------------------- the kernel
def _noise(input, feature, keep):
    """0/1 Bernoulli(keep) samples in ``input``'s dtype: per element, or per (N, C)."""
    shape = input._array.shape
    if feature:
        if len(shape) < 2:
            raise RuntimeError("Feature dropout requires at least 2 dimensions in the input")
        shape = shape[:2] + (1,) * (len(shape) - 2)
    dt = input._dtype
    u = _uniform01(_rng(None), shape, dt if dt in (D.float32, D.float64) else D.float32)
    return to_device(np.asarray(u < keep).astype(dt._np), input._device)


def _dropout_impl(fname, input, p, train, inplace, feature=False, alpha=False):
    check_tensor(input, fname)
    if p < 0 or p > 1:
        raise RuntimeError(f"dropout probability has to be between 0 and 1, but got {p}")
    if p == 0 or not train or input._array.size == 0:
        return input
    if p == 1:
        zero = _make(to_device(np.zeros((), input._array.dtype), input._device), input._dtype)
        return input.mul_(zero) if inplace else input * zero
    if input._dtype._cat < D._FLOAT:
        # torch scales its noise in the input's dtype in place: an integer dtype cannot
        raise RuntimeError(f"result type Float can't be cast to the desired output type "
                           f"{D.short_name(input._dtype)}")
    m = _noise(input, feature, 1 - p)
    if not alpha:
        noise = _make(np.asarray(m / (1 - p)), input._dtype)
        return input.mul_(noise) if inplace else input * noise
    a = 1 / math.sqrt((_ALPHA * _ALPHA * p + 1) * (1 - p))
    shift = _make(np.asarray((m - 1) * (_ALPHA * a) + _ALPHA * a * p), input._dtype)
    noise = _make(np.asarray(m * a), input._dtype)
    if inplace:
        return input.mul_(noise).add_(shift)
    return input * noise + shift


# ---------------------------------------------------------------- torch.* (ATen) forms
def dropout(input, p=0.5, training=True, inplace=False):
    """Zero each element with probability ``p`` and scale the rest by ``1 / (1 - p)``.

    ``input``: any shape. In evaluation (``training=False``) or with ``p=0`` the input
    itself is returned. ``torch.dropout(input, p, train)`` is the same kernel.

    >>> F.dropout(torch.ones(4), 0.5)  # e.g. tensor([2., 0., 0., 2.])
    """
    _check_p(p)
    return _dropout_impl("dropout", input, p, training, inplace)


def _top(name, feature, alpha, inplace):
    def fn(input, p, train):
        return _dropout_impl(name, input, p, train, inplace, feature, alpha)

    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = f"torch.{name}(input, p, train): the ATen form (RuntimeError on a bad p)."
    return fn


_top_dropout = _top("dropout", False, False, False)
dropout_ = _top("dropout_", False, False, True)
feature_dropout = _top("feature_dropout", True, False, False)
feature_dropout_ = _top("feature_dropout_", True, False, True)
_top_alpha_dropout = _top("alpha_dropout", False, True, False)
alpha_dropout_ = _top("alpha_dropout_", False, True, True)
_top_feature_alpha_dropout = _top("feature_alpha_dropout", True, True, False)
feature_alpha_dropout_ = _top("feature_alpha_dropout_", True, True, True)


# ---------------------------------------------------------------- nn.functional forms
def _check_p(p):
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")


def _unbatched(fname, input, p, training, inplace):
    """Channel dropout of an input without its batch dimension: add one, drop, remove it."""
    check_tensor(input, fname)
    x = input.unsqueeze_(0) if inplace else input.unsqueeze(0)
    r = _dropout_impl(fname, x, p, training, inplace, feature=True)
    return r.squeeze_(0) if inplace else r.squeeze(0)


def dropout1d(input, p=0.5, training=True, inplace=False):
    """Zero whole channels: ``input`` (N, C, L) or (C, L); each channel kept with
    probability ``1 - p`` and scaled by ``1 / (1 - p)``."""
    _check_p(p)
    check_tensor(input, "dropout1d")
    nd = input.dim()
    if nd not in (2, 3):
        raise RuntimeError(
            f"dropout1d: Expected 2D or 3D input, but received a {nd}D input. Note that "
            "dropout1d exists to provide channel-wise dropout on inputs with 1 spatial "
            "dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D "
            "inputs).")
    if nd == 2:
        return _unbatched("dropout1d", input, p, training, inplace)
    return _dropout_impl("dropout1d", input, p, training, inplace, feature=True)


def _deprecated_rank(fname, nd, spatial, ranks):
    warnings.warn(
        f"{fname}: Received a {nd}-D input to {fname}, which is deprecated and will result in "
        "an error in a future release. To retain the behavior and silence this warning, "
        f"please use dropout instead. Note that {fname} exists to provide channel-wise "
        f"dropout on inputs with {spatial} spatial dimensions, a channel dimension, and an "
        f"optional batch dimension (i.e. {ranks[0]}D or {ranks[1]}D inputs).",
        UserWarning, stacklevel=3)


def dropout2d(input, p=0.5, training=True, inplace=False):
    """Zero whole channels of (N, C, H, W) or (C, H, W) inputs (a 3-D input is read as
    (N, C, L), with torch's warning)."""
    _check_p(p)
    check_tensor(input, "dropout2d")
    nd = input.dim()
    if nd not in (3, 4):
        _deprecated_rank("dropout2d", nd, 2, (3, 4))
    if nd == 3:
        warnings.warn(
            "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D "
            "dropout behavior is desired - input is interpreted as shape (N, C, L), where C "
            "is the channel dim. This behavior will change in a future release to interpret "
            "the input as one without a batch dimension, i.e. shape (C, H, W). To maintain "
            "the 1D channel-wise dropout behavior, please switch to using dropout1d instead.",
            UserWarning, stacklevel=2)
    return _dropout_impl("dropout2d", input, p, training, inplace, feature=True)


def dropout3d(input, p=0.5, training=True, inplace=False):
    """Zero whole channels of (N, C, D, H, W) or (C, D, H, W) inputs."""
    _check_p(p)
    check_tensor(input, "dropout3d")
    nd = input.dim()
    if nd not in (4, 5):
        _deprecated_rank("dropout3d", nd, 3, (4, 5))
    if nd != 5:
        return _unbatched("dropout3d", input, p, training, inplace)
    return _dropout_impl("dropout3d", input, p, training, inplace, feature=True)


def alpha_dropout(input, p=0.5, training=False, inplace=False):
    """Dropout for SELU networks: keeps zero mean and unit variance (see the module doc)."""
    _check_p(p)
    return _dropout_impl("alpha_dropout", input, p, training, inplace, alpha=True)


def feature_alpha_dropout(input, p=0.5, training=False, inplace=False):
    """Alpha dropout of whole channels: ``input`` (N, C, *)."""
    _check_p(p)
    return _dropout_impl("feature_alpha_dropout", input, p, training, inplace, feature=True,
                         alpha=True)

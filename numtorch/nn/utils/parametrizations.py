"""torch.nn.utils.parametrizations: weight_norm and spectral_norm as parametrizations.

Both are :func:`~numtorch.nn.utils.parametrize.register_parametrization` of a small
module, so the weight is recomputed on every access (wrap a forward in
``parametrize.cached()`` to compute it once) and state_dict keys are torch's
(``parametrizations.weight.original0``/``original1`` for weight norm,
``parametrizations.weight.original`` with buffers ``_u``/``_v`` for spectral norm).
"""

import numtorch
from numtorch import Tensor

from .. import functional as F
from ..modules.conv import ConvTranspose1d, ConvTranspose2d, ConvTranspose3d
from ..modules.module import Module
from . import parametrize

__all__ = ["spectral_norm", "weight_norm"]


def _norm_except_dim(v, dim):
    """torch.norm_except_dim(v, 2, dim): the 2-norm over every dim but ``dim`` (kept, as
    size-1 dims); ``dim=-1`` means the norm of the whole tensor, a 0-d tensor."""
    if dim == -1:
        return numtorch.linalg.vector_norm(v)
    dim = dim % v.dim()
    others = tuple(d for d in range(v.dim()) if d != dim)
    if not others:
        return v.abs()
    return numtorch.linalg.vector_norm(v, 2, dim=others, keepdim=True)


def _weight_norm(v, g, dim):
    """torch._weight_norm: w = g * v / ||v|| (norm over every dim but ``dim``)."""
    return v * (g / _norm_except_dim(v, dim))


class _WeightNorm(Module):
    def __init__(self, dim=0):
        super().__init__()
        if dim is None:
            dim = -1
        self.dim = dim

    def forward(self, weight_g, weight_v):
        return _weight_norm(weight_v, weight_g, self.dim)

    def right_inverse(self, weight):
        weight_g = _norm_except_dim(weight, self.dim)
        weight_v = weight
        return weight_g, weight_v


def weight_norm(module, name="weight", dim=0):
    r"""Weight normalization: ``module.<name>`` becomes :math:`g \, v / \|v\|`, with the
    magnitude ``g`` in ``parametrizations.<name>.original0`` and the direction ``v`` in
    ``original1``. The norm is taken per slice along ``dim`` (``dim=None``: the whole
    tensor). State dicts of the old :func:`torch.nn.utils.weight_norm` (``<name>_g``,
    ``<name>_v``) load too.

    >>> m = weight_norm(nn.Linear(20, 40))
    >>> m.parametrizations.weight.original0.shape, m.parametrizations.weight.original1.shape
    (torch.Size([40, 1]), torch.Size([40, 20]))
    """
    parametrize.register_parametrization(module, name, _WeightNorm(dim), unsafe=True)

    def _weight_norm_compat_hook(state_dict, prefix, local_metadata, strict, missing_keys,
                                 unexpected_keys, error_msgs):
        g_key = f"{prefix}{name}_g"
        v_key = f"{prefix}{name}_v"
        if g_key in state_dict and v_key in state_dict:
            original0 = state_dict.pop(g_key)
            original1 = state_dict.pop(v_key)
            state_dict[f"{prefix}parametrizations.{name}.original0"] = original0
            state_dict[f"{prefix}parametrizations.{name}.original1"] = original1

    module._register_load_state_dict_pre_hook(_weight_norm_compat_hook)
    return module


class _SpectralNorm(Module):
    def __init__(self, weight, n_power_iterations=1, dim=0, eps=1e-12):
        super().__init__()
        ndim = weight.ndim
        if dim >= ndim or dim < -ndim:
            raise IndexError("Dimension out of range (expected to be in range of "
                             f"[-{ndim}, {ndim - 1}] but got {dim})")
        if n_power_iterations <= 0:
            raise ValueError("Expected n_power_iterations to be positive, but "
                             f"got n_power_iterations={n_power_iterations}")
        self.dim = dim if dim >= 0 else dim + ndim
        self.eps = eps
        if ndim > 1:
            # a 1-d weight is just normalized: no power iteration, no buffers
            self.n_power_iterations = n_power_iterations
            weight_mat = self._reshape_weight_to_matrix(weight)
            h, w = weight_mat.size()
            u = weight_mat.new_empty(h).normal_(0, 1)
            v = weight_mat.new_empty(w).normal_(0, 1)
            self.register_buffer("_u", F.normalize(u, dim=0, eps=self.eps))
            self.register_buffer("_v", F.normalize(v, dim=0, eps=self.eps))
            # start from good singular vectors
            self._power_method(weight_mat, 15)

    def _reshape_weight_to_matrix(self, weight):
        # the output dim first, everything else flattened
        if self.dim != 0:
            weight = weight.permute(self.dim, *(d for d in range(weight.dim()) if d != self.dim))
        return weight.flatten(1)

    def _power_method(self, weight_mat, n_power_iterations):
        r"""Power iteration for the top singular vectors, in place in ``_u``/``_v``:
        :math:`u \leftarrow W v / \|W v\|,\ v \leftarrow W^H u / \|W^H u\|`."""
        with numtorch.no_grad():
            for _ in range(n_power_iterations):
                self._u = F.normalize(numtorch.mv(weight_mat, self._v), dim=0, eps=self.eps,
                                      out=self._u)
                self._v = F.normalize(numtorch.mv(weight_mat.H, self._u), dim=0,
                                      eps=self.eps, out=self._v)

    def forward(self, weight):
        if weight.ndim == 1:
            return F.normalize(weight, dim=0, eps=self.eps)
        weight_mat = self._reshape_weight_to_matrix(weight)
        if self.training:
            self._power_method(weight_mat, self.n_power_iterations)
        # clones: the buffers change in place at the next training forward
        u = self._u.clone()
        v = self._v.clone()
        sigma = numtorch.vdot(u, numtorch.mv(weight_mat, v))
        return weight / sigma

    def right_inverse(self, value):
        # any value is acceptable: forward rescales it
        return value


def spectral_norm(module, name="weight", n_power_iterations=1, eps=1e-12, dim=None):
    r"""Spectral normalization: ``module.<name>`` becomes :math:`W / \sigma(W)`, with
    :math:`\sigma` the largest singular value of ``W`` reshaped to a matrix (``dim``
    first; default 0, or 1 for ConvTranspose), estimated by ``n_power_iterations`` steps of
    power iteration at each access in training mode (buffers ``_u``, ``_v``; drawn from
    numtorch's generator and refined 15 steps at registration).

    >>> m = spectral_norm(nn.Linear(20, 40))
    >>> m.parametrizations.weight[0]._u.shape
    torch.Size([40])
    """
    weight = getattr(module, name, None)
    if not isinstance(weight, Tensor):
        raise ValueError(f"Module '{module}' has no parameter or buffer with name '{name}'")
    if dim is None:
        dim = 1 if isinstance(module, (ConvTranspose1d, ConvTranspose2d, ConvTranspose3d)) else 0
    parametrize.register_parametrization(
        module, name, _SpectralNorm(weight, n_power_iterations, dim, eps))
    return module

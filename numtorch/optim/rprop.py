"""Rprop: resilient backpropagation (Riedmiller & Braun, 1993)."""

import numtorch

from .optimizer import Optimizer, _check_lr, _scalar, _scalar_dtype, _use_grad

__all__ = ["Rprop"]


class Rprop(Optimizer):
    r"""Rprop: each weight has its own step size, multiplied by :math:`\eta_+` while its
    gradient keeps its sign and by :math:`\eta_-` when the sign flips (that step then
    skips the weight), clamped to ``step_sizes``; the weight moves by
    :math:`-\mathrm{sign}(g)` times its step size.

    Args:
        params: iterable of parameters or dicts defining parameter groups.
        lr (float): initial step size (default: 1e-2).
        etas (Tuple[float, float]): :math:`(\eta_-, \eta_+)` (default: (0.5, 1.2)).
        step_sizes (Tuple[float, float]): minimal and maximal step sizes (default: (1e-6, 50)).
        maximize (bool): maximize the objective (default: False).
        capturable, foreach, differentiable: accepted for compatibility.

    State per parameter: ``step``, ``prev`` (the last gradient used), ``step_size``.
    """

    _scalar_state_keys = ("step",)

    def __init__(self, params, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), *,
                 capturable=False, foreach=None, maximize=False, differentiable=False):
        _check_lr(lr)
        if not 0.0 < etas[0] < 1.0 < etas[1]:
            raise ValueError(f"Invalid eta values: {etas[0]}, {etas[1]}")
        defaults = dict(lr=lr, etas=etas, step_sizes=step_sizes, foreach=foreach,
                        maximize=maximize, differentiable=differentiable,
                        capturable=capturable)
        super().__init__(params, defaults)

    @_use_grad
    def step(self, closure=None):
        """Perform a single optimization step; ``closure`` re-evaluates the loss."""
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            lr = _scalar(group["lr"])
            etaminus, etaplus = group["etas"]
            step_size_min, step_size_max = group["step_sizes"]
            maximize = group["maximize"]
            for p in group["params"]:
                grad = p.grad
                if grad is None:
                    continue
                state = self.state[p]
                if not state:
                    state["step"] = numtorch.tensor(0.0, dtype=_scalar_dtype())
                    state["prev"] = numtorch.zeros_like(p)
                    state["step_size"] = numtorch.full_like(grad, lr)
                state["step"].add_(1)
                grad = -grad if maximize else grad.clone()
                prev, step_size = state["prev"], state["step_size"]
                # the factor: etaplus where the gradient kept its sign, etaminus where it
                # flipped, 1 where either is zero
                factor = grad.mul(prev).sign()
                flipped = factor < 0
                factor.masked_fill_(factor > 0, etaplus).masked_fill_(flipped, etaminus)
                factor.masked_fill_(factor == 0, 1)
                step_size.mul_(factor).clamp_(step_size_min, step_size_max)
                # after a sign flip the weight is left alone and the memory cleared
                grad.masked_fill_(flipped, 0)
                p.addcmul_(grad.sign(), step_size, value=-1)
                prev.copy_(grad)
        return loss

"""ASGD: averaged stochastic gradient descent (Polyak & Juditsky, 1992)."""

import numtorch

from .optimizer import Optimizer, _check_lr, _check_nonneg, _scalar, _scalar_dtype, _use_grad

__all__ = ["ASGD"]


class ASGD(Optimizer):
    r"""Averaged SGD.

    .. math::
        \theta &\leftarrow \theta(1 - \lambda\eta_t) - \eta_t (g + w\theta), \qquad
        a \leftarrow a + \mu_t(\theta - a) \\
        \eta_{t+1} &= \gamma / (1 + \lambda\gamma t)^\alpha, \qquad
        \mu_{t+1} = 1 / \max(1, t - t_0)

    Args:
        params: iterable of parameters or dicts defining parameter groups.
        lr (float): learning rate :math:`\gamma` (default: 1e-2).
        lambd (float): decay term :math:`\lambda` (default: 1e-4).
        alpha (float): power for the eta update (default: 0.75).
        t0 (float): step at which averaging starts (default: 1e6).
        weight_decay (float): L2 penalty :math:`w` (default: 0).
        maximize (bool): maximize the objective (default: False).
        foreach, differentiable, capturable: accepted for compatibility.

    State per parameter: ``step``, ``eta``, ``mu`` (0-d float32 tensors), ``ax`` (the
    average :math:`a`).
    """

    _scalar_state_keys = ("step", "eta", "mu")

    def __init__(self, params, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0,
                 foreach=None, maximize=False, differentiable=False, capturable=False):
        _check_lr(lr)
        _check_nonneg("weight_decay", weight_decay)
        defaults = dict(lr=lr, lambd=lambd, alpha=alpha, t0=t0, weight_decay=weight_decay,
                        foreach=foreach, maximize=maximize, differentiable=differentiable,
                        capturable=capturable)
        super().__init__(params, defaults)

    @_use_grad
    def step(self, closure=None):
        """Perform a single optimization step; ``closure`` re-evaluates the loss."""
        loss = self._closure_loss(closure)
        for group in self.param_groups:
            lr = _scalar(group["lr"])
            lambd = group["lambd"]
            alpha = group["alpha"]
            t0 = group["t0"]
            weight_decay = group["weight_decay"]
            maximize = group["maximize"]
            for p in group["params"]:
                grad = p.grad
                if grad is None:
                    continue
                state = self.state[p]
                if not state:
                    state["step"] = numtorch.tensor(0.0, dtype=_scalar_dtype())
                    state["eta"] = numtorch.tensor(lr, dtype=_scalar_dtype())
                    state["mu"] = numtorch.tensor(1.0, dtype=_scalar_dtype())
                    state["ax"] = numtorch.zeros_like(p)
                step = state["step"].add_(1).item()
                if maximize:
                    grad = -grad
                if weight_decay != 0:
                    grad = grad.add(p, alpha=weight_decay)
                eta = state["eta"].item()
                p.mul_(1 - lambd * eta)
                p.add_(grad, alpha=-eta)
                ax, mu = state["ax"], state["mu"].item()
                if mu != 1:
                    ax.add_(p.sub(ax).mul_(mu))
                else:
                    ax.copy_(p)
                # the new values pass through a default-dtype tensor, as in torch (so eta
                # and mu are float32-rounded even when loaded as float64)
                state["eta"].copy_(numtorch.tensor(lr / ((1 + lambd * lr * step) ** alpha)))
                state["mu"].copy_(numtorch.tensor(1 / max(1, step - t0)))
        return loss

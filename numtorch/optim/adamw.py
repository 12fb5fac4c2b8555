"""AdamW: Adam with decoupled weight decay (Loshchilov & Hutter, 2017)."""

from .adam import Adam

__all__ = ["AdamW"]


class AdamW(Adam):
    r"""Adam with decoupled weight decay: each step first shrinks the weights,
    :math:`\theta \leftarrow \theta (1 - \gamma\lambda)`, then takes Adam's step without
    an L2 term in the gradient. Same arguments and state as :class:`Adam`, with
    ``weight_decay`` defaulting to 1e-2.

    Example::

        >>> optimizer = numtorch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    """

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2,
                 amsgrad=False, *, maximize=False, foreach=None, capturable=False,
                 differentiable=False, fused=None):
        super().__init__(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                         amsgrad=amsgrad, foreach=foreach, maximize=maximize,
                         capturable=capturable, differentiable=differentiable, fused=fused,
                         decoupled_weight_decay=True)

    def __setstate__(self, state):
        super().__setstate__(state)
        for group in self.param_groups:
            group["decoupled_weight_decay"] = True

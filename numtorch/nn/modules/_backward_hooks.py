"""Module full backward hooks, built from an identity autograd Function used twice.

The module's tensor outputs pass through a ``_Tap`` whose backward sees grad_output (and
lets backward pre-hooks replace it); its tensor inputs pass through another, whose backward
sees grad_input once the module's own backward has produced it, and calls the hooks
``hook(module, grad_input, grad_output)``.
"""

import warnings

import numtorch
from numtorch import Tensor
from numtorch.autograd import Function


class _Tap(Function):
    """Identity on tensors whose backward hands the incoming gradients to ``callback`` and
    passes on what it returns."""

    @staticmethod
    def forward(ctx, callback, *tensors):
        ctx.callback = callback
        return tensors[0] if len(tensors) == 1 else tensors

    @staticmethod
    def backward(ctx, *grads):
        return (None,) + tuple(ctx.callback(grads))


class BackwardHook:
    def __init__(self, module, hooks, pre_hooks):
        self.module = module
        self.hooks = hooks
        self.pre_hooks = pre_hooks
        self.grad_output = None
        self.n_inputs = 0
        self.inputs_tracked = False

    @staticmethod
    def _wrap(callback, args):
        idx = [i for i, a in enumerate(args) if isinstance(a, Tensor) and a.requires_grad]
        if not idx or not numtorch.is_grad_enabled():
            return args, False
        out = _Tap.apply(callback, *[args[i] for i in idx])
        out = (out,) if isinstance(out, Tensor) else out
        new = list(args)
        for i, t in zip(idx, out):
            new[i] = t
        return new, True

    def setup_input_hook(self, args):
        self.n_inputs = sum(1 for a in args if isinstance(a, Tensor) and a.requires_grad)
        new, self.inputs_tracked = self._wrap(self._on_grad_input, list(args))
        return tuple(new)

    def setup_output_hook(self, result):
        single = isinstance(result, Tensor)
        items = [result] if single else (list(result) if isinstance(result, tuple) else None)
        if items is None:
            return result
        new, _ = self._wrap(self._on_grad_output, items)
        return new[0] if single else tuple(new)

    def _on_grad_output(self, grads):
        grads = tuple(grads)
        for hook in self.pre_hooks:
            res = hook(self.module, grads)
            if res is not None:
                grads = tuple(res)
        self.grad_output = grads
        if not self.inputs_tracked:
            # no input needs a gradient: torch still calls the hooks, with None inputs
            warnings.warn(
                "Full backward hook is firing when gradients are computed with respect to "
                "module outputs since no inputs require gradients. See https://docs.pytorch.org"
                "/docs/main/generated/torch.nn.Module.html#torch.nn.Module.register_full_"
                "backward_hook for more details.", stacklevel=5)
            for hook in self.hooks:
                hook(self.module, (None,) * max(self.n_inputs, 1), grads)
        return grads

    def _on_grad_input(self, grads):
        grads = tuple(grads)
        for hook in self.hooks:
            res = hook(self.module, grads, self.grad_output)
            if res is not None:
                if len(res) != len(grads):
                    raise RuntimeError(f"Backward hook returned an invalid number of grad_input, "
                                       f"got {len(res)}, but expected {len(grads)}")
                grads = tuple(res)
        return grads

"""numtorch.autograd: backward/grad, Function, grad modes, gradcheck, Variable."""

from .function import Function, InplaceFunction, once_differentiable, FunctionCtx  # noqa: F401
from .grad_mode import (no_grad, enable_grad, set_grad_enabled, inference_mode,  # noqa: F401
                        is_grad_enabled, is_inference_mode_enabled)
from . import engine as _engine
from . import function  # noqa: F401


def _seq(x):
    if x is None:
        return None
    from .._tensor import Tensor

    if isinstance(x, Tensor):
        return (x,)
    return tuple(x)


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False,
             grad_variables=None, inputs=None):
    """Accumulate d(tensors)/d(leaf) into each leaf's ``.grad``."""
    tensors = _seq(tensors)
    grads = _seq(grad_tensors) or (None,) * len(tensors)
    if inputs is not None:
        inputs = _seq(inputs)
        if len(inputs) == 0:
            raise RuntimeError("'inputs' argument to backward() cannot be empty.")
        res = _engine.run_backward(tensors, grads, retain_graph, create_graph, inputs=inputs,
                                   allow_unused=True, accumulate=False)
        from .function import _accumulator

        for t, g in zip(inputs, res):
            if g is not None:
                if t._grad_fn is None:
                    _engine._accumulate(_accumulator(t), g, create_graph)
                else:
                    t._grad = g if t._grad is None else t._grad + g
        return
    _engine.run_backward(tensors, grads, retain_graph, create_graph)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         only_inputs=True, allow_unused=None, is_grads_batched=False, materialize_grads=False):
    """Gradients of ``outputs`` with respect to ``inputs`` (nothing is accumulated)."""
    outputs = _seq(outputs)
    inputs_t = _seq(inputs)
    for i, t in enumerate(inputs_t):
        if not t._rg:
            raise RuntimeError("One of the differentiated Tensors does not require grad")
    grads = _seq(grad_outputs) or (None,) * len(outputs)
    if allow_unused is None:
        allow_unused = materialize_grads
    res = _engine.run_backward(outputs, grads, retain_graph, create_graph, inputs=inputs_t,
                               allow_unused=allow_unused, accumulate=False)
    if materialize_grads:
        from .._creation import zeros_like

        res = tuple(zeros_like(t) if g is None else g for t, g in zip(inputs_t, res))
    return res


class Variable:
    """The legacy wrapper: ``Variable(t, requires_grad=True)`` returns a Tensor."""

    def __new__(cls, data, requires_grad=False, volatile=False):
        t = data.detach()
        if requires_grad:
            t.requires_grad_(True)
        return t


from .gradcheck import gradcheck, gradgradcheck, GradcheckError  # noqa: E402,F401

"""Parameter and Buffer: the tensors a Module registers when they are assigned to it."""

from collections import OrderedDict

import numtorch
from numtorch import Tensor


class Parameter(Tensor):
    """A Tensor that is a module parameter: assigning one to a Module attribute registers
    it in ``parameters()``. Shares memory with ``data``; requires grad by default.

    >>> p = Parameter(numtorch.zeros(2))
    >>> p
    Parameter containing:
    tensor([0., 0.], requires_grad=True)
    """

    def __new__(cls, data=None, requires_grad=True):
        if data is None:
            data = numtorch.empty(0)
        if not isinstance(data, Tensor):
            raise TypeError(f"Parameter(): argument 'data' must be Tensor, not "
                            f"{type(data).__name__}")
        return Tensor._make_subclass(cls, data.detach(), requires_grad)

    def __init__(self, data=None, requires_grad=True):
        pass

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()

    def __reduce_ex__(self, proto):
        return (_rebuild_parameter, (self.detach(), self.requires_grad, OrderedDict()))

    def __deepcopy__(self, memo):
        if id(self) in memo:
            return memo[id(self)]
        result = type(self)(self.detach().clone(), self.requires_grad)
        memo[id(self)] = result
        return result


def _rebuild_parameter(data, requires_grad, backward_hooks):
    return Parameter(data, requires_grad)


class _BufferMeta(type):
    # torch.nn.Buffer(t) returns a plain Tensor marked as a buffer; isinstance checks the mark
    def __instancecheck__(cls, instance):
        return isinstance(instance, Tensor) and instance.__dict__.get("_is_buffer", False)


class Buffer(Tensor, metaclass=_BufferMeta):
    """Marks a tensor as a buffer: ``module.x = Buffer(t)`` equals
    ``module.register_buffer('x', t, persistent)``."""

    def __new__(cls, data=None, *, persistent=True):
        if data is None:
            data = numtorch.empty(0)
        t = data.detach()
        t.__dict__["_is_buffer"] = True
        t.__dict__["persistent"] = persistent
        return t


class UninitializedParameter(Parameter):
    """Placeholder of the lazy modules; numtorch has none, so using one is an error."""

    def __new__(cls, requires_grad=True, device=None, dtype=None):
        raise NotImplementedError("numtorch does not implement lazy modules "
                                  "(torch.nn.UninitializedParameter)")

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


# ------------------------------------------------------------ lazy modules' placeholders
# The Tensor methods an uninitialized tensor answers (torch's _allowed_methods); every other
# public method raises ValueError. Properties (dtype, device, requires_grad, grad, data) work.
_ALLOWED_METHODS = frozenset({
    "size", "copy_", "is_complex", "is_floating_point", "half", "float", "double", "char",
    "short", "int", "long", "cuda", "cpu", "to", "get_device", "materialize",
    "share_memory_", "requires_grad_",
})


class UninitializedTensorMixin:
    """A tensor whose shape is not known yet: it holds an empty tensor of the right dtype and
    device until ``materialize(shape)`` gives it data and turns it into ``cls_to_become``."""

    __slots__ = ()
    cls_to_become = None

    def __getattribute__(self, name):
        # torch refuses every op on an uninitialized tensor through __torch_function__;
        # numtorch has no such dispatch, so its methods are refused here (only instances of
        # these classes pay for the lookup)
        if name[0] != "_" and name not in _ALLOWED_METHODS:
            attr = getattr(Tensor, name, None)
            if callable(attr) and not isinstance(attr, (property, type)):
                cls = type(self).__name__
                raise ValueError(
                    f"Attempted to use an uninitialized parameter in <method '{name}' of "
                    "'torch._C.TensorBase' objects>. This error happens when you are using a "
                    "`LazyModule` or explicitly manipulating `torch.nn.parameter."
                    f"{cls}` objects. When using LazyModules Call `forward` with a dummy "
                    "batch to initialize the parameters before calling torch functions")
        return object.__getattribute__(self, name)

    def materialize(self, shape, device=None, dtype=None):
        """Give the tensor ``shape`` (uninitialized memory, on ``device`` with ``dtype``,
        defaulting to its own) and make it a ``cls_to_become`` (Parameter or Tensor)."""
        if device is None:
            device = self.device
        if dtype is None:
            dtype = self.dtype
        self.data = numtorch.empty(shape, device=device, dtype=dtype)
        self.__class__ = self.cls_to_become

    @property
    def shape(self):
        raise RuntimeError(
            "Can't access the shape of an uninitialized parameter or buffer. "
            "This error usually happens in `load_state_dict` when trying to load "
            "an uninitialized parameter into an initialized one. "
            "Call `forward` to initialize the parameters before accessing their attributes.")

    def share_memory_(self):
        raise RuntimeError(
            "Can't share memory on an uninitialized parameter or buffer. "
            "Call `forward` to initialize the parameters before calling "
            "`module.share_memory()`.")

    def __repr__(self):
        return f"<{self.__class__.__name__}>"

    def __reduce_ex__(self, proto):
        return (self.__class__, (self.requires_grad,))

    def __deepcopy__(self, memo):
        if id(self) in memo:
            return memo[id(self)]
        result = type(self)(self.requires_grad, self.device, self.dtype)
        memo[id(self)] = result
        return result


def is_lazy(param):
    """Whether ``param`` is an UninitializedParameter or UninitializedBuffer."""
    return isinstance(param, UninitializedTensorMixin)


class UninitializedParameter(UninitializedTensorMixin, Parameter):
    """A Parameter whose shape is not known yet (the lazy modules' weights): it holds no
    data; ``materialize(shape)`` turns it into a Parameter.

    >>> p = UninitializedParameter()
    >>> p
    <UninitializedParameter>
    >>> p.materialize((2, 3)); type(p).__name__, tuple(p.shape)
    ('Parameter', (2, 3))
    """

    cls_to_become = Parameter

    def __new__(cls, requires_grad=True, device=None, dtype=None):
        data = numtorch.empty(0, device=device, dtype=dtype)
        return Tensor._make_subclass(cls, data, requires_grad)

    def __init__(self, *args, **kwargs):
        pass


class UninitializedBuffer(UninitializedTensorMixin, Tensor):
    """A buffer whose shape is not known yet (the lazy norms' running statistics);
    ``materialize(shape)`` turns it into a Tensor. Assigning one to a Module attribute
    registers it as a buffer (``persistent`` says whether it goes into state_dict)."""

    cls_to_become = Tensor

    def __new__(cls, requires_grad=False, device=None, dtype=None, persistent=True):
        data = numtorch.empty(0, device=device, dtype=dtype)
        ret = Tensor._make_subclass(cls, data, requires_grad)
        ret.__dict__["persistent"] = persistent
        ret.__dict__["_is_buffer"] = True
        return ret

    def __init__(self, *args, **kwargs):
        pass

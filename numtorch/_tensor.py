"""Tensor: an array, a dtype, a device, and autograd state.

Slots hold what every tensor needs (``_array``, ``_dtype``, ``_rg``, ``_grad_fn``,
``_vc``); rarer state (``_grad``, ``_base``, hooks) falls back to class-level defaults and
lands in the instance ``__dict__`` only when set, so building a Tensor on the hot path is
five attribute stores. Each op method is a one-line ``def`` delegating into ``_ops``.
"""

import warnings

import numpy as np

from . import _dtype as D
from ._backend import CPU, as_device, to_device, xp_for

_new = object.__new__


class _Version:
    """A version counter shared by a tensor and its views; in-place ops bump it."""

    __slots__ = ("v",)

    def __init__(self):
        self.v = 0


def _make(array, dt):
    t = _new(Tensor)
    t._array = array
    t._dtype = dt
    t._rg = False
    t._grad_fn = None
    t._vc = None
    return t


def _make_view(array, base):
    """A tensor over ``array`` that is a view of ``base``: same memory, same counter."""
    t = _new(Tensor)
    t._array = array
    t._dtype = base._dtype
    t._rg = False
    t._grad_fn = None
    t._vc = base._get_vc()
    t._base = base._base if base._base is not None else base
    if base._device is not CPU:
        t._device = base._device
    return t


class Tensor:
    __slots__ = ("_array", "_dtype", "_rg", "_grad_fn", "_vc", "__dict__", "__weakref__")
    __array_priority__ = 1000  # ndarray (op) Tensor defers to Tensor's reflected operator

    # rarely-set state: class defaults, instance __dict__ when set
    _grad = None
    _base = None
    _out_nr = 0
    _accum = None
    _device = CPU
    _retains_grad = False
    _is_param = False
    _post_acc_hooks = ()

    # ------------------------------------------------------------ construction
    def __new__(cls, *args, device=None):
        """Legacy constructor: ``Tensor(2, 3)`` (uninitialised), ``Tensor([1, 2])``."""
        from ._creation import _legacy_new

        t = _legacy_new(D.get_default_dtype(), args, device)
        if cls is not Tensor:
            t = t.as_subclass(cls)
        return t

    def __init__(self, *args, **kwargs):
        pass

    @classmethod
    def _make_subclass(cls, cls2, data, require_grad=False):
        t = _new(cls2)
        t._array = data._array
        t._dtype = data._dtype
        t._rg = False
        t._grad_fn = None
        t._vc = data._get_vc()
        if data._device is not CPU:
            t._device = data._device
        if require_grad:
            t.requires_grad_(True)
        return t

    def as_subclass(self, cls):
        t = _new(cls)
        t._array = self._array
        t._dtype = self._dtype
        t._rg = self._rg
        t._grad_fn = self._grad_fn
        t._vc = self._get_vc()
        if self._device is not CPU:
            t._device = self._device
        return t

    def _get_vc(self):
        vc = self._vc
        if vc is None:
            vc = self._vc = _Version()
        return vc

    def _bump(self):
        vc = self._vc
        if vc is None:
            vc = self._vc = _Version()
        vc.v += 1

    def _device_xp(self):
        return np if self._device is CPU else xp_for(self._device)

    # ------------------------------------------------------------ properties
    @property
    def dtype(self):
        return self._dtype

    @property
    def device(self):
        return self._device

    @property
    def shape(self):
        return Size(self._array.shape)

    def size(self, dim=None):
        if dim is None:
            return Size(self._array.shape)
        return self._array.shape[_wrap_dim(dim, self._array.ndim)]

    def dim(self):
        return self._array.ndim

    ndimension = dim

    @property
    def ndim(self):
        return self._array.ndim

    def numel(self):
        return self._array.size

    nelement = numel

    def element_size(self):
        return self._dtype.itemsize

    @property
    def itemsize(self):
        return self._dtype.itemsize

    @property
    def nbytes(self):
        return self._array.size * self._dtype.itemsize

    def stride(self, dim=None):
        a = self._array
        if a.size == 0:  # NumPy gives empty arrays zero strides; torch, contiguous ones
            st, acc = [], 1
            for n in reversed(a.shape):
                st.append(acc)
                acc *= max(n, 1)
            st = tuple(reversed(st))
        else:
            item = a.itemsize
            st = tuple(s // item for s in a.strides)
        return st if dim is None else st[_wrap_dim(dim, self._array.ndim)]

    def storage_offset(self):
        base = self._base
        if base is None:
            return 0
        return (self._array.__array_interface__["data"][0]
                - base._array.__array_interface__["data"][0]) // self._array.itemsize

    def is_contiguous(self, memory_format=None):
        return bool(self._array.flags.c_contiguous)

    def data_ptr(self):
        if self._device is CPU:
            return self._array.__array_interface__["data"][0]
        return self._array.data.ptr

    def untyped_storage(self):
        return _Storage(self)

    @property
    def is_cuda(self):
        return self._device.type == "cuda"

    @property
    def is_cpu(self):
        return self._device.type == "cpu"

    @property
    def is_meta(self):
        return False

    @property
    def is_sparse(self):
        return False

    @property
    def is_quantized(self):
        return False

    @property
    def layout(self):
        return strided

    def is_floating_point(self):
        return self._dtype._cat == D._FLOAT

    def is_complex(self):
        return self._dtype._cat == D._COMPLEX

    def is_signed(self):
        return self._dtype.is_signed

    @property
    def is_leaf(self):
        return self._grad_fn is None

    @property
    def grad_fn(self):
        return self._grad_fn

    @property
    def output_nr(self):
        return self._out_nr

    @property
    def _version(self):
        vc = self._vc
        return 0 if vc is None else vc.v

    @property
    def requires_grad(self):
        return self._rg

    @requires_grad.setter
    def requires_grad(self, value):
        self.requires_grad_(value)

    def requires_grad_(self, requires_grad=True):
        if self._grad_fn is not None:
            if requires_grad:
                return self
            raise RuntimeError(
                "you can only change requires_grad flags of leaf variables. If you want to use "
                "a computed variable in a subgraph that doesn't require differentiation use "
                "var_no_grad = var.detach()."
            )
        if requires_grad and self._dtype._cat < D._FLOAT:
            raise RuntimeError("only Tensors of floating point and complex dtype can require "
                               "gradients")
        self._rg = bool(requires_grad)
        return self

    @property
    def grad(self):
        if self._grad_fn is not None and not self._retains_grad:
            warnings.warn(
                "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. "
                "Its .grad attribute won't be populated during autograd.backward(). If you "
                "indeed want the .grad field to be populated for a non-leaf Tensor, use "
                ".retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by "
                "mistake, make sure you access the leaf Tensor instead. See "
                "github.com/pytorch/pytorch/pull/30531 for more informations.",
                UserWarning,
                stacklevel=2,
            )
        return self._grad

    @grad.setter
    def grad(self, value):
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(f"assigned grad expected to be a Tensor or None but got grad "
                                f"of type {type(value).__name__}")
            if value._array.shape != self._array.shape:
                raise RuntimeError("assigned grad has data of a different size")
            if value._dtype is not self._dtype:
                raise RuntimeError("assigned grad has data of a different type")
        self._grad = value

    @grad.deleter
    def grad(self):
        self._grad = None

    @property
    def retains_grad(self):
        return self._retains_grad

    @property
    def data(self):
        # shares memory but neither history nor version counter (torch's .data)
        t = _make(self._array, self._dtype)
        if self._device is not CPU:
            t._device = self._device
        return t

    @data.setter
    def data(self, value):
        if not isinstance(value, Tensor):
            raise TypeError(f"Tensor.data must be a Tensor, not {type(value).__name__}")
        self._array = value._array
        self._dtype = value._dtype
        if value._device is not self._device:
            self._device = value._device

    @property
    def T(self):
        n = self._array.ndim
        if n != 2:
            warnings.warn(
                "The use of `x.T` on tensors of dimension other than 2 to reverse their shape "
                "is deprecated and it will throw an error in a future release. Consider `x.mT` "
                "to transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, "
                "-1))` to reverse the dimensions of a tensor.", UserWarning, stacklevel=2)
        return self.permute(*range(n - 1, -1, -1))

    @property
    def mT(self):
        if self._array.ndim < 2:
            raise RuntimeError("tensor.mT is only supported on matrices or batches of matrices. "
                               f"Got {self._array.ndim}-D tensor.")
        return self.transpose(-2, -1)

    @property
    def H(self):
        return self.T.conj()

    @property
    def mH(self):
        return self.mT.conj()

    @property
    def real(self):
        return _ew.real(self)

    @property
    def imag(self):
        return _ew.imag(self)

    @property
    def names(self):
        return (None,) * self._array.ndim

    # ------------------------------------------------------------ conversion
    def item(self):
        a = self._array
        if a.size != 1:
            raise RuntimeError(f"a Tensor with {a.size} elements cannot be converted to Scalar")
        if self._device is not CPU:
            a = to_device(a, CPU)
        return a.item() if self._dtype is not D.bfloat16 else float(a.reshape(()))

    def tolist(self):
        a = self._array if self._device is CPU else to_device(self._array, CPU)
        if self._dtype is D.bfloat16:
            a = a.astype(np.float32)
        return a.tolist()

    def numpy(self, *, force=False):
        if force:
            return to_device(self._array, CPU).copy() if self._device is not CPU \
                else self._array
        if self._rg:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use "
                               "tensor.detach().numpy() instead.")
        if self._device is not CPU:
            raise TypeError(f"can't convert {self._device} device type tensor to numpy. Use "
                            "Tensor.cpu() to copy the tensor to host memory first.")
        return self._array

    def __array__(self, dtype=None, copy=None):
        a = self.numpy()
        if dtype is not None:
            return a.astype(dtype)
        return a

    def _scalar(self, kind):
        if self._array.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return kind(self.item())

    def __float__(self):
        return self._scalar(float)

    def __int__(self):
        return self._scalar(int)

    def __complex__(self):
        return self._scalar(complex)

    def __index__(self):
        if self._dtype._cat > D._INT or self._array.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an "
                            "index")
        return int(self.item())

    def __bool__(self):
        n = self._array.size
        if n != 1:
            if n == 0:
                raise RuntimeError("Boolean value of Tensor with no values is ambiguous")
            raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
        return bool(self.item())

    def __len__(self):
        if self._array.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._array.shape[0]

    def __iter__(self):
        if self._array.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return iter(self.unbind(0))

    def __hash__(self):
        return id(self)

    def __contains__(self, element):
        if isinstance(element, (Tensor, int, float, bool)):
            return bool((self == element).any().item())
        raise RuntimeError(f"Tensor.__contains__ only supports Tensor or scalar, but you "
                           f"passed in a {type(element)}.")

    def __repr__(self, *, tensor_contents=None):
        from ._tensor_str import _str

        return _str(self, tensor_contents=tensor_contents)

    def __format__(self, spec):
        if self._array.ndim == 0 and not self._rg:
            return self.item().__format__(spec)
        return object.__format__(self, spec) if spec else repr(self)

    def __reduce_ex__(self, proto):
        return (_rebuild, (self.detach().cpu()._array.copy(), self._dtype, self._rg,
                           str(self._device)))

    def __deepcopy__(self, memo):
        if not self.is_leaf:
            raise RuntimeError("Only Tensors created explicitly by the user (graph leaves) "
                               "support the deepcopy protocol at the moment.  If you were "
                               "attempting to deepcopy a module, this may be because of a "
                               "torch.nn.utils.weight_norm usage, see "
                               "https://github.com/pytorch/pytorch/pull/103001")
        if id(self) in memo:
            return memo[id(self)]
        t = _make(self._array.copy(), self._dtype)
        if self._device is not CPU:
            t._device = self._device
        if type(self) is not Tensor:
            t = t.as_subclass(type(self))
            import copy as _copy

            for k, v in self.__dict__.items():
                if not k.startswith("_"):
                    t.__dict__[k] = _copy.deepcopy(v, memo)
        t._rg = self._rg
        if self._grad is not None:
            t._grad = self._grad.__deepcopy__(memo)
        memo[id(self)] = t
        return t

    # ------------------------------------------------------------ device / dtype
    def to(self, *args, **kwargs):
        return _ew.to(self, *args, **kwargs)

    def cpu(self, memory_format=None):
        return _ew.to(self, CPU)

    def cuda(self, device=None, non_blocking=False, memory_format=None):
        dev = as_device("cuda" if device is None else
                        (f"cuda:{device}" if isinstance(device, int) else device))
        return _ew.to(self, dev)

    def type(self, dtype=None, non_blocking=False, **kwargs):
        if dtype is None:
            return "torch." + _TYPE_NAMES[self._dtype]
        if isinstance(dtype, str):
            if dtype not in _TYPE_BY_NAME:
                raise ValueError(f"invalid type: '{dtype}'")
            dtype = _TYPE_BY_NAME[dtype]
        elif isinstance(dtype, type) and hasattr(dtype, "_legacy_dtype"):
            dtype = dtype._legacy_dtype
        return _ew.to(self, dtype)

    def type_as(self, other):
        return _ew.to(self, other._dtype, other._device)

    def float(self, memory_format=None):
        return _ew.to(self, D.float32)

    def double(self, memory_format=None):
        return _ew.to(self, D.float64)

    def half(self, memory_format=None):
        return _ew.to(self, D.float16)

    def bfloat16(self, memory_format=None):
        return _ew.to(self, D.bfloat16)

    def long(self, memory_format=None):
        return _ew.to(self, D.int64)

    def int(self, memory_format=None):
        return _ew.to(self, D.int32)

    def short(self, memory_format=None):
        return _ew.to(self, D.int16)

    def char(self, memory_format=None):
        return _ew.to(self, D.int8)

    def byte(self, memory_format=None):
        return _ew.to(self, D.uint8)

    def bool(self, memory_format=None):
        return _ew.to(self, D.bool)

    def cfloat(self):
        return _ew.to(self, D.complex64)

    def cdouble(self):
        return _ew.to(self, D.complex128)

    # ------------------------------------------------------------ autograd
    def backward(self, gradient=None, retain_graph=None, create_graph=False, inputs=None):
        """Accumulate the gradient of this tensor w.r.t. graph leaves into their ``.grad``."""
        if create_graph:
            warnings.warn(
                "Using backward() with create_graph=True will create a reference cycle between "
                "the parameter and its gradient which can cause a memory leak. We recommend "
                "using autograd.grad when creating the graph to avoid this. If you have to use "
                "this function, make sure to reset the .grad fields of your parameters to None "
                "after use to break the cycle and avoid the leak.", UserWarning, stacklevel=2)
        if gradient is None and inputs is None:
            _engine.backward_scalar(self, retain_graph, create_graph)
            return
        from .autograd import backward

        backward(self, gradient, retain_graph, create_graph, inputs=inputs)

    def register_hook(self, hook):
        if not self._rg:
            raise RuntimeError("cannot register a hook on a tensor that doesn't require "
                               "gradient")
        from .autograd.function import _accumulator

        if self._grad_fn is None:
            return _accumulator(self)._add_pre_hook(0, hook)
        return self._grad_fn._add_pre_hook(self._out_nr, hook)

    def register_post_accumulate_grad_hook(self, hook):
        if self._grad_fn is not None:
            raise RuntimeError("post accumulate grad hooks cannot be registered on non-leaf "
                               "tensors")
        if not self._post_acc_hooks:
            self._post_acc_hooks = []
        hooks = self._post_acc_hooks
        hooks.append(hook)
        from .autograd.function import _RemovableHandle

        return _RemovableHandle(hooks, hook)

    def retain_grad(self):
        if not self._rg:
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self._grad_fn is None or self._retains_grad:
            return
        import weakref

        ref = weakref.ref(self)

        def _retain(g):
            t = ref()
            if t is not None:
                t._grad = g.detach().clone() if t._grad is None else t._grad + g.detach()
            return None

        self._grad_fn._add_pre_hook(self._out_nr, _retain)
        self._retains_grad = True

    def detach(self):
        t = _make(self._array, self._dtype)
        t._vc = self._get_vc()
        if self._device is not CPU:
            t._device = self._device
        return t

    def detach_(self):
        if self._base is not None and self._grad_fn is not None:
            raise RuntimeError("Can't detach views in-place. Use detach() instead.")
        self._grad_fn = None
        self._rg = False
        return self

    # ------------------------------------------------------------ operators
    def __add__(self, other):
        return _Add(self, other)

    def __radd__(self, other):
        return _Add(self, other)

    def __iadd__(self, other):
        return _ew.add_(self, other)

    def __sub__(self, other):
        return _Sub(self, other)

    def __rsub__(self, other):
        return _ew.rsub(self, other)

    def __isub__(self, other):
        return _ew.sub_(self, other)

    def __mul__(self, other):
        return _Mul(self, other)

    def __rmul__(self, other):
        return _Mul(self, other)

    def __imul__(self, other):
        return _ew.mul_(self, other)

    def __truediv__(self, other):
        return _Div(self, other)

    def __rtruediv__(self, other):
        return _ew.reciprocal(self) * other if not isinstance(other, Tensor) \
            else _ew.div(other, self)

    def __itruediv__(self, other):
        return _ew.div_(self, other)

    def __floordiv__(self, other):
        return _ew.floor_divide(self, other)

    def __rfloordiv__(self, other):
        return _ew.floor_divide(_scalar_like(other, self), self)

    def __ifloordiv__(self, other):
        return _ew.floor_divide_(self, other)

    def __mod__(self, other):
        return _ew.remainder(self, other)

    def __rmod__(self, other):
        return _ew.remainder(_scalar_like(other, self), self)

    def __imod__(self, other):
        return _ew.remainder_(self, other)

    def __pow__(self, other):
        return _ew.pow(self, other)

    def __rpow__(self, other):
        return _ew.pow(other, self)

    def __ipow__(self, other):
        return _ew.pow_(self, other)

    def __matmul__(self, other):
        return _la.matmul(self, other)

    def __rmatmul__(self, other):
        return _la.matmul(other, self)

    def __neg__(self):
        return _ew.neg(self)

    def __pos__(self):
        return self

    def __abs__(self):
        return _ew.abs(self)

    def __invert__(self):
        if self._dtype._cat > D._INT:
            raise TypeError("~ (operator.invert) is only implemented on integer and Boolean-type "
                            "tensors")
        return _ew.bitwise_not(self)

    def __and__(self, other):
        return _ew.bitwise_and(self, other)

    __rand__ = __and__

    def __iand__(self, other):
        return _ew.bitwise_and_(self, other)

    def __or__(self, other):
        return _ew.bitwise_or(self, other)

    __ror__ = __or__

    def __ior__(self, other):
        return _ew.bitwise_or_(self, other)

    def __xor__(self, other):
        return _ew.bitwise_xor(self, other)

    __rxor__ = __xor__

    def __ixor__(self, other):
        return _ew.bitwise_xor_(self, other)

    def __lshift__(self, other):
        return _ew.bitwise_left_shift(self, other)

    def __rshift__(self, other):
        return _ew.bitwise_right_shift(self, other)

    def __eq__(self, other):
        return _ew.eq(self, other)

    def __ne__(self, other):
        return _ew.ne(self, other)

    def __lt__(self, other):
        return _ew.lt(self, other)

    def __le__(self, other):
        return _ew.le(self, other)

    def __gt__(self, other):
        return _ew.gt(self, other)

    def __ge__(self, other):
        return _ew.ge(self, other)

    def __getitem__(self, index):
        return _ix.getitem(self, index)

    def __setitem__(self, index, value):
        _ix.setitem(self, index, value)

    # ------------------------------------------------------------ elementwise methods
    def add(self, other, *, alpha=1):
        return _ew.add(self, other, alpha=alpha)

    def add_(self, other, *, alpha=1):
        return _ew.add_(self, other, alpha=alpha)

    def sub(self, other, *, alpha=1):
        return _ew.sub(self, other, alpha=alpha)

    def sub_(self, other, *, alpha=1):
        return _ew.sub_(self, other, alpha=alpha)

    subtract = sub
    subtract_ = sub_

    def mul(self, other):
        return _ew.mul(self, other)

    def mul_(self, other):
        return _ew.mul_(self, other)

    multiply = mul
    multiply_ = mul_

    def div(self, other, *, rounding_mode=None):
        return _ew.div(self, other, rounding_mode=rounding_mode)

    def div_(self, other, *, rounding_mode=None):
        return _ew.div_(self, other, rounding_mode=rounding_mode)

    divide = div
    divide_ = div_
    true_divide = div
    true_divide_ = div_

    def zero_(self):
        return _ew.zero_(self)

    def fill_(self, value):
        return _ew.fill_(self, value)

    def copy_(self, src, non_blocking=False):
        return _ew.copy_(self, src)

    def clone(self, *, memory_format=None):
        return _ew.clone(self)

    # ------------------------------------------------------------ ew family
    def abs(self, *args, **kwargs):
        return _ew.abs(self, *args, **kwargs)

    def abs_(self, *args, **kwargs):
        return _ew.abs_(self, *args, **kwargs)

    def absolute(self, *args, **kwargs):
        return _ew.absolute(self, *args, **kwargs)

    def absolute_(self, *args, **kwargs):
        return _ew.absolute_(self, *args, **kwargs)

    def neg(self, *args, **kwargs):
        return _ew.neg(self, *args, **kwargs)

    def neg_(self, *args, **kwargs):
        return _ew.neg_(self, *args, **kwargs)

    def negative(self, *args, **kwargs):
        return _ew.negative(self, *args, **kwargs)

    def negative_(self, *args, **kwargs):
        return _ew.negative_(self, *args, **kwargs)

    def exp(self, *args, **kwargs):
        return _ew.exp(self, *args, **kwargs)

    def exp_(self, *args, **kwargs):
        return _ew.exp_(self, *args, **kwargs)

    def exp2(self, *args, **kwargs):
        return _ew.exp2(self, *args, **kwargs)

    def exp2_(self, *args, **kwargs):
        return _ew.exp2_(self, *args, **kwargs)

    def expm1(self, *args, **kwargs):
        return _ew.expm1(self, *args, **kwargs)

    def expm1_(self, *args, **kwargs):
        return _ew.expm1_(self, *args, **kwargs)

    def log(self, *args, **kwargs):
        return _ew.log(self, *args, **kwargs)

    def log_(self, *args, **kwargs):
        return _ew.log_(self, *args, **kwargs)

    def log2(self, *args, **kwargs):
        return _ew.log2(self, *args, **kwargs)

    def log2_(self, *args, **kwargs):
        return _ew.log2_(self, *args, **kwargs)

    def log10(self, *args, **kwargs):
        return _ew.log10(self, *args, **kwargs)

    def log10_(self, *args, **kwargs):
        return _ew.log10_(self, *args, **kwargs)

    def log1p(self, *args, **kwargs):
        return _ew.log1p(self, *args, **kwargs)

    def log1p_(self, *args, **kwargs):
        return _ew.log1p_(self, *args, **kwargs)

    def sqrt(self, *args, **kwargs):
        return _ew.sqrt(self, *args, **kwargs)

    def sqrt_(self, *args, **kwargs):
        return _ew.sqrt_(self, *args, **kwargs)

    def rsqrt(self, *args, **kwargs):
        return _ew.rsqrt(self, *args, **kwargs)

    def rsqrt_(self, *args, **kwargs):
        return _ew.rsqrt_(self, *args, **kwargs)

    def square(self, *args, **kwargs):
        return _ew.square(self, *args, **kwargs)

    def square_(self, *args, **kwargs):
        return _ew.square_(self, *args, **kwargs)

    def sin(self, *args, **kwargs):
        return _ew.sin(self, *args, **kwargs)

    def sin_(self, *args, **kwargs):
        return _ew.sin_(self, *args, **kwargs)

    def cos(self, *args, **kwargs):
        return _ew.cos(self, *args, **kwargs)

    def cos_(self, *args, **kwargs):
        return _ew.cos_(self, *args, **kwargs)

    def tan(self, *args, **kwargs):
        return _ew.tan(self, *args, **kwargs)

    def tan_(self, *args, **kwargs):
        return _ew.tan_(self, *args, **kwargs)

    def asin(self, *args, **kwargs):
        return _ew.asin(self, *args, **kwargs)

    def asin_(self, *args, **kwargs):
        return _ew.asin_(self, *args, **kwargs)

    def acos(self, *args, **kwargs):
        return _ew.acos(self, *args, **kwargs)

    def acos_(self, *args, **kwargs):
        return _ew.acos_(self, *args, **kwargs)

    def atan(self, *args, **kwargs):
        return _ew.atan(self, *args, **kwargs)

    def atan_(self, *args, **kwargs):
        return _ew.atan_(self, *args, **kwargs)

    def arcsin(self, *args, **kwargs):
        return _ew.arcsin(self, *args, **kwargs)

    def arccos(self, *args, **kwargs):
        return _ew.arccos(self, *args, **kwargs)

    def arctan(self, *args, **kwargs):
        return _ew.arctan(self, *args, **kwargs)

    def atan2(self, *args, **kwargs):
        return _ew.atan2(self, *args, **kwargs)

    def atan2_(self, *args, **kwargs):
        return _ew.atan2_(self, *args, **kwargs)

    def arctan2(self, *args, **kwargs):
        return _ew.arctan2(self, *args, **kwargs)

    def sinh(self, *args, **kwargs):
        return _ew.sinh(self, *args, **kwargs)

    def sinh_(self, *args, **kwargs):
        return _ew.sinh_(self, *args, **kwargs)

    def cosh(self, *args, **kwargs):
        return _ew.cosh(self, *args, **kwargs)

    def cosh_(self, *args, **kwargs):
        return _ew.cosh_(self, *args, **kwargs)

    def tanh(self, *args, **kwargs):
        return _ew.tanh(self, *args, **kwargs)

    def tanh_(self, *args, **kwargs):
        return _ew.tanh_(self, *args, **kwargs)

    def asinh(self, *args, **kwargs):
        return _ew.asinh(self, *args, **kwargs)

    def acosh(self, *args, **kwargs):
        return _ew.acosh(self, *args, **kwargs)

    def atanh(self, *args, **kwargs):
        return _ew.atanh(self, *args, **kwargs)

    def arcsinh(self, *args, **kwargs):
        return _ew.arcsinh(self, *args, **kwargs)

    def arccosh(self, *args, **kwargs):
        return _ew.arccosh(self, *args, **kwargs)

    def arctanh(self, *args, **kwargs):
        return _ew.arctanh(self, *args, **kwargs)

    def sigmoid(self, *args, **kwargs):
        return _ew.sigmoid(self, *args, **kwargs)

    def sigmoid_(self, *args, **kwargs):
        return _ew.sigmoid_(self, *args, **kwargs)

    def logit(self, *args, **kwargs):
        return _ew.logit(self, *args, **kwargs)

    def sign(self, *args, **kwargs):
        return _ew.sign(self, *args, **kwargs)

    def sign_(self, *args, **kwargs):
        return _ew.sign_(self, *args, **kwargs)

    def sgn(self, *args, **kwargs):
        return _ew.sgn(self, *args, **kwargs)

    def signbit(self, *args, **kwargs):
        return _ew.signbit(self, *args, **kwargs)

    def floor(self, *args, **kwargs):
        return _ew.floor(self, *args, **kwargs)

    def floor_(self, *args, **kwargs):
        return _ew.floor_(self, *args, **kwargs)

    def ceil(self, *args, **kwargs):
        return _ew.ceil(self, *args, **kwargs)

    def ceil_(self, *args, **kwargs):
        return _ew.ceil_(self, *args, **kwargs)

    def round(self, *args, **kwargs):
        return _ew.round(self, *args, **kwargs)

    def round_(self, *args, **kwargs):
        return _ew.round_(self, *args, **kwargs)

    def trunc(self, *args, **kwargs):
        return _ew.trunc(self, *args, **kwargs)

    def trunc_(self, *args, **kwargs):
        return _ew.trunc_(self, *args, **kwargs)

    def fix(self, *args, **kwargs):
        return _ew.fix(self, *args, **kwargs)

    def fix_(self, *args, **kwargs):
        return _ew.fix_(self, *args, **kwargs)

    def frac(self, *args, **kwargs):
        return _ew.frac(self, *args, **kwargs)

    def frac_(self, *args, **kwargs):
        return _ew.frac_(self, *args, **kwargs)

    def clamp(self, *args, **kwargs):
        return _ew.clamp(self, *args, **kwargs)

    def clamp_(self, *args, **kwargs):
        return _ew.clamp_(self, *args, **kwargs)

    def clip(self, *args, **kwargs):
        return _ew.clip(self, *args, **kwargs)

    def clip_(self, *args, **kwargs):
        return _ew.clip_(self, *args, **kwargs)

    def clamp_min(self, *args, **kwargs):
        return _ew.clamp_min(self, *args, **kwargs)

    def clamp_min_(self, *args, **kwargs):
        return _ew.clamp_min_(self, *args, **kwargs)

    def clamp_max(self, *args, **kwargs):
        return _ew.clamp_max(self, *args, **kwargs)

    def clamp_max_(self, *args, **kwargs):
        return _ew.clamp_max_(self, *args, **kwargs)

    def reciprocal(self, *args, **kwargs):
        return _ew.reciprocal(self, *args, **kwargs)

    def reciprocal_(self, *args, **kwargs):
        return _ew.reciprocal_(self, *args, **kwargs)

    def pow(self, *args, **kwargs):
        return _ew.pow(self, *args, **kwargs)

    def pow_(self, *args, **kwargs):
        return _ew.pow_(self, *args, **kwargs)

    def float_power(self, *args, **kwargs):
        return _ew.float_power(self, *args, **kwargs)

    def remainder(self, *args, **kwargs):
        return _ew.remainder(self, *args, **kwargs)

    def remainder_(self, *args, **kwargs):
        return _ew.remainder_(self, *args, **kwargs)

    def fmod(self, *args, **kwargs):
        return _ew.fmod(self, *args, **kwargs)

    def fmod_(self, *args, **kwargs):
        return _ew.fmod_(self, *args, **kwargs)

    def floor_divide(self, *args, **kwargs):
        return _ew.floor_divide(self, *args, **kwargs)

    def floor_divide_(self, *args, **kwargs):
        return _ew.floor_divide_(self, *args, **kwargs)

    def maximum(self, *args, **kwargs):
        return _ew.maximum(self, *args, **kwargs)

    def minimum(self, *args, **kwargs):
        return _ew.minimum(self, *args, **kwargs)

    def fmax(self, *args, **kwargs):
        return _ew.fmax(self, *args, **kwargs)

    def fmin(self, *args, **kwargs):
        return _ew.fmin(self, *args, **kwargs)

    def lerp(self, *args, **kwargs):
        return _ew.lerp(self, *args, **kwargs)

    def lerp_(self, *args, **kwargs):
        return _ew.lerp_(self, *args, **kwargs)

    def addcmul(self, *args, **kwargs):
        return _ew.addcmul(self, *args, **kwargs)

    def addcmul_(self, *args, **kwargs):
        return _ew.addcmul_(self, *args, **kwargs)

    def addcdiv(self, *args, **kwargs):
        return _ew.addcdiv(self, *args, **kwargs)

    def addcdiv_(self, *args, **kwargs):
        return _ew.addcdiv_(self, *args, **kwargs)

    def erf(self, *args, **kwargs):
        return _ew.erf(self, *args, **kwargs)

    def erf_(self, *args, **kwargs):
        return _ew.erf_(self, *args, **kwargs)

    def erfc(self, *args, **kwargs):
        return _ew.erfc(self, *args, **kwargs)

    def erfc_(self, *args, **kwargs):
        return _ew.erfc_(self, *args, **kwargs)

    def erfinv(self, *args, **kwargs):
        return _ew.erfinv(self, *args, **kwargs)

    def erfinv_(self, *args, **kwargs):
        return _ew.erfinv_(self, *args, **kwargs)

    def logical_and(self, *args, **kwargs):
        return _ew.logical_and(self, *args, **kwargs)

    def logical_and_(self, *args, **kwargs):
        return _ew.logical_and_(self, *args, **kwargs)

    def logical_or(self, *args, **kwargs):
        return _ew.logical_or(self, *args, **kwargs)

    def logical_or_(self, *args, **kwargs):
        return _ew.logical_or_(self, *args, **kwargs)

    def logical_xor(self, *args, **kwargs):
        return _ew.logical_xor(self, *args, **kwargs)

    def logical_xor_(self, *args, **kwargs):
        return _ew.logical_xor_(self, *args, **kwargs)

    def logical_not(self, *args, **kwargs):
        return _ew.logical_not(self, *args, **kwargs)

    def logical_not_(self, *args, **kwargs):
        return _ew.logical_not_(self, *args, **kwargs)

    def bitwise_and(self, *args, **kwargs):
        return _ew.bitwise_and(self, *args, **kwargs)

    def bitwise_and_(self, *args, **kwargs):
        return _ew.bitwise_and_(self, *args, **kwargs)

    def bitwise_or(self, *args, **kwargs):
        return _ew.bitwise_or(self, *args, **kwargs)

    def bitwise_or_(self, *args, **kwargs):
        return _ew.bitwise_or_(self, *args, **kwargs)

    def bitwise_xor(self, *args, **kwargs):
        return _ew.bitwise_xor(self, *args, **kwargs)

    def bitwise_xor_(self, *args, **kwargs):
        return _ew.bitwise_xor_(self, *args, **kwargs)

    def bitwise_not(self, *args, **kwargs):
        return _ew.bitwise_not(self, *args, **kwargs)

    def bitwise_not_(self, *args, **kwargs):
        return _ew.bitwise_not_(self, *args, **kwargs)

    def bitwise_left_shift(self, *args, **kwargs):
        return _ew.bitwise_left_shift(self, *args, **kwargs)

    def bitwise_right_shift(self, *args, **kwargs):
        return _ew.bitwise_right_shift(self, *args, **kwargs)

    def eq(self, *args, **kwargs):
        return _ew.eq(self, *args, **kwargs)

    def eq_(self, *args, **kwargs):
        return _ew.eq_(self, *args, **kwargs)

    def ne(self, *args, **kwargs):
        return _ew.ne(self, *args, **kwargs)

    def ne_(self, *args, **kwargs):
        return _ew.ne_(self, *args, **kwargs)

    def lt(self, *args, **kwargs):
        return _ew.lt(self, *args, **kwargs)

    def lt_(self, *args, **kwargs):
        return _ew.lt_(self, *args, **kwargs)

    def le(self, *args, **kwargs):
        return _ew.le(self, *args, **kwargs)

    def le_(self, *args, **kwargs):
        return _ew.le_(self, *args, **kwargs)

    def gt(self, *args, **kwargs):
        return _ew.gt(self, *args, **kwargs)

    def gt_(self, *args, **kwargs):
        return _ew.gt_(self, *args, **kwargs)

    def ge(self, *args, **kwargs):
        return _ew.ge(self, *args, **kwargs)

    def ge_(self, *args, **kwargs):
        return _ew.ge_(self, *args, **kwargs)

    def greater(self, *args, **kwargs):
        return _ew.greater(self, *args, **kwargs)

    def greater_equal(self, *args, **kwargs):
        return _ew.greater_equal(self, *args, **kwargs)

    def less(self, *args, **kwargs):
        return _ew.less(self, *args, **kwargs)

    def less_equal(self, *args, **kwargs):
        return _ew.less_equal(self, *args, **kwargs)

    def not_equal(self, *args, **kwargs):
        return _ew.not_equal(self, *args, **kwargs)

    def isnan(self, *args, **kwargs):
        return _ew.isnan(self, *args, **kwargs)

    def isinf(self, *args, **kwargs):
        return _ew.isinf(self, *args, **kwargs)

    def isfinite(self, *args, **kwargs):
        return _ew.isfinite(self, *args, **kwargs)

    def isposinf(self, *args, **kwargs):
        return _ew.isposinf(self, *args, **kwargs)

    def isneginf(self, *args, **kwargs):
        return _ew.isneginf(self, *args, **kwargs)

    def isreal(self, *args, **kwargs):
        return _ew.isreal(self, *args, **kwargs)

    def nan_to_num(self, *args, **kwargs):
        return _ew.nan_to_num(self, *args, **kwargs)

    def nan_to_num_(self, *args, **kwargs):
        return _ew.nan_to_num_(self, *args, **kwargs)

    def hypot(self, *args, **kwargs):
        return _ew.hypot(self, *args, **kwargs)

    def logaddexp(self, *args, **kwargs):
        return _ew.logaddexp(self, *args, **kwargs)

    def logaddexp2(self, *args, **kwargs):
        return _ew.logaddexp2(self, *args, **kwargs)

    def xlogy(self, *args, **kwargs):
        return _ew.xlogy(self, *args, **kwargs)

    def copysign(self, *args, **kwargs):
        return _ew.copysign(self, *args, **kwargs)

    def heaviside(self, *args, **kwargs):
        return _ew.heaviside(self, *args, **kwargs)

    def deg2rad(self, *args, **kwargs):
        return _ew.deg2rad(self, *args, **kwargs)

    def rad2deg(self, *args, **kwargs):
        return _ew.rad2deg(self, *args, **kwargs)

    def conj(self, *args, **kwargs):
        return _ew.conj(self, *args, **kwargs)

    def resolve_conj(self, *args, **kwargs):
        return _ew.resolve_conj(self, *args, **kwargs)

    def resolve_neg(self, *args, **kwargs):
        return _ew.resolve_neg(self, *args, **kwargs)

    def positive(self, *args, **kwargs):
        return _ew.positive(self, *args, **kwargs)

    def sinc(self, *args, **kwargs):
        return _ew.sinc(self, *args, **kwargs)

    def nextafter(self, *args, **kwargs):
        return _ew.nextafter(self, *args, **kwargs)

    def angle(self, *args, **kwargs):
        return _ew.angle(self, *args, **kwargs)

    def rsub(self, *args, **kwargs):
        return _ew.rsub(self, *args, **kwargs)

    def lgamma(self, *args, **kwargs):
        return _ew.lgamma(self, *args, **kwargs)

    def digamma(self, *args, **kwargs):
        return _ew.digamma(self, *args, **kwargs)

    # ------------------------------------------------------------ more delegations
    def acosh_(self, *args, **kwargs):
        return _ew.acosh_(self, *args, **kwargs)

    def asinh_(self, *args, **kwargs):
        return _ew.asinh_(self, *args, **kwargs)

    def atanh_(self, *args, **kwargs):
        return _ew.atanh_(self, *args, **kwargs)

    def arcsin_(self, *args, **kwargs):
        return _ew.arcsin_(self, *args, **kwargs)

    def arccos_(self, *args, **kwargs):
        return _ew.arccos_(self, *args, **kwargs)

    def arctan_(self, *args, **kwargs):
        return _ew.arctan_(self, *args, **kwargs)

    def arcsinh_(self, *args, **kwargs):
        return _ew.arcsinh_(self, *args, **kwargs)

    def arccosh_(self, *args, **kwargs):
        return _ew.arccosh_(self, *args, **kwargs)

    def arctanh_(self, *args, **kwargs):
        return _ew.arctanh_(self, *args, **kwargs)

    def arctan2_(self, *args, **kwargs):
        return _ew.arctan2_(self, *args, **kwargs)

    def hypot_(self, *args, **kwargs):
        return _ew.hypot_(self, *args, **kwargs)

    def xlogy_(self, *args, **kwargs):
        return _ew.xlogy_(self, *args, **kwargs)

    def copysign_(self, *args, **kwargs):
        return _ew.copysign_(self, *args, **kwargs)

    def heaviside_(self, *args, **kwargs):
        return _ew.heaviside_(self, *args, **kwargs)

    def nextafter_(self, *args, **kwargs):
        return _ew.nextafter_(self, *args, **kwargs)

    def sgn_(self, *args, **kwargs):
        return _ew.sgn_(self, *args, **kwargs)

    def sinc_(self, *args, **kwargs):
        return _ew.sinc_(self, *args, **kwargs)

    def deg2rad_(self, *args, **kwargs):
        return _ew.deg2rad_(self, *args, **kwargs)

    def rad2deg_(self, *args, **kwargs):
        return _ew.rad2deg_(self, *args, **kwargs)

    def logit_(self, *args, **kwargs):
        return _ew.logit_(self, *args, **kwargs)

    def lgamma_(self, *args, **kwargs):
        return _ew.lgamma_(self, *args, **kwargs)

    def digamma_(self, *args, **kwargs):
        return _ew.digamma_(self, *args, **kwargs)

    def float_power_(self, *args, **kwargs):
        return _ew.float_power_(self, *args, **kwargs)

    def bitwise_left_shift_(self, *args, **kwargs):
        return _ew.bitwise_left_shift_(self, *args, **kwargs)

    def bitwise_right_shift_(self, *args, **kwargs):
        return _ew.bitwise_right_shift_(self, *args, **kwargs)

    def polygamma_(self, *args, **kwargs):
        return _ew.polygamma_(self, *args, **kwargs)

    def t(self, *args, **kwargs):
        return _sh.t(self, *args, **kwargs)

    def select(self, *args, **kwargs):
        return _sh.select(self, *args, **kwargs)

    def adjoint(self, *args, **kwargs):
        return _sh.adjoint(self, *args, **kwargs)

    def rot90(self, *args, **kwargs):
        return _sh.rot90(self, *args, **kwargs)

    def hsplit(self, *args, **kwargs):
        return _sh.hsplit(self, *args, **kwargs)

    def vsplit(self, *args, **kwargs):
        return _sh.vsplit(self, *args, **kwargs)

    def dsplit(self, *args, **kwargs):
        return _sh.dsplit(self, *args, **kwargs)

    def split_with_sizes(self, *args, **kwargs):
        return _sh.split_with_sizes(self, *args, **kwargs)

    def narrow_copy(self, *args, **kwargs):
        return _sh.narrow_copy(self, *args, **kwargs)

    def swapaxes_(self, *args, **kwargs):
        return _sh.swapaxes_(self, *args, **kwargs)

    def swapdims_(self, *args, **kwargs):
        return _sh.swapdims_(self, *args, **kwargs)

    def put(self, *args, **kwargs):
        return _ix.put(self, *args, **kwargs)

    def index_reduce(self, *args, **kwargs):
        return _ix.index_reduce(self, *args, **kwargs)

    def index_reduce_(self, *args, **kwargs):
        return _ix.index_reduce_(self, *args, **kwargs)

    def slice_scatter(self, *args, **kwargs):
        return _ix.slice_scatter(self, *args, **kwargs)

    def select_scatter(self, *args, **kwargs):
        return _ix.select_scatter(self, *args, **kwargs)

    def diagonal_scatter(self, *args, **kwargs):
        return _ix.diagonal_scatter(self, *args, **kwargs)

    def nonzero_static(self, *args, **kwargs):
        return _ix.nonzero_static(self, *args, **kwargs)

    def addr_(self, *args, **kwargs):
        return _la.addr_(self, *args, **kwargs)

    def diagflat(self, *args, **kwargs):
        return _la.diagflat(self, *args, **kwargs)

    def cholesky_inverse(self, *args, **kwargs):
        return _la.cholesky_inverse(self, *args, **kwargs)

    def cholesky_solve(self, *args, **kwargs):
        return _la.cholesky_solve(self, *args, **kwargs)

    def hardshrink(self, *args, **kwargs):
        return _act.hardshrink(self, *args, **kwargs)

    def prelu(self, *args, **kwargs):
        return _act.prelu(self, *args, **kwargs)

    def polygamma(self, n):
        return _ew.polygamma(n, self)

    def __rlshift__(self, other):
        return _ew.bitwise_left_shift(other, self)

    def __rrshift__(self, other):
        return _ew.bitwise_right_shift(other, self)

    # ------------------------------------------------------------ red family
    def sum(self, dim=None, keepdim=False, *, dtype=None):
        if dim is None and not keepdim:
            return _SumAll(self, dtype)
        return _red.sum(self, dim, keepdim, dtype=dtype)

    def nansum(self, *args, **kwargs):
        return _red.nansum(self, *args, **kwargs)

    def mean(self, *args, **kwargs):
        return _red.mean(self, *args, **kwargs)

    def nanmean(self, *args, **kwargs):
        return _red.nanmean(self, *args, **kwargs)

    def prod(self, *args, **kwargs):
        return _red.prod(self, *args, **kwargs)

    def max(self, *args, **kwargs):
        return _red.max(self, *args, **kwargs)

    def min(self, *args, **kwargs):
        return _red.min(self, *args, **kwargs)

    def amax(self, *args, **kwargs):
        return _red.amax(self, *args, **kwargs)

    def amin(self, *args, **kwargs):
        return _red.amin(self, *args, **kwargs)

    def aminmax(self, *args, **kwargs):
        return _red.aminmax(self, *args, **kwargs)

    def argmax(self, *args, **kwargs):
        return _red.argmax(self, *args, **kwargs)

    def argmin(self, *args, **kwargs):
        return _red.argmin(self, *args, **kwargs)

    def std(self, *args, **kwargs):
        return _red.std(self, *args, **kwargs)

    def var(self, *args, **kwargs):
        return _red.var(self, *args, **kwargs)

    def norm(self, *args, **kwargs):
        return _red.norm(self, *args, **kwargs)

    def logsumexp(self, *args, **kwargs):
        return _red.logsumexp(self, *args, **kwargs)

    def cumsum(self, *args, **kwargs):
        return _red.cumsum(self, *args, **kwargs)

    def cumsum_(self, *args, **kwargs):
        return _red.cumsum_(self, *args, **kwargs)

    def cumprod(self, *args, **kwargs):
        return _red.cumprod(self, *args, **kwargs)

    def cumprod_(self, *args, **kwargs):
        return _red.cumprod_(self, *args, **kwargs)

    def cummax(self, *args, **kwargs):
        return _red.cummax(self, *args, **kwargs)

    def cummin(self, *args, **kwargs):
        return _red.cummin(self, *args, **kwargs)

    def all(self, *args, **kwargs):
        return _red.all(self, *args, **kwargs)

    def any(self, *args, **kwargs):
        return _red.any(self, *args, **kwargs)

    def count_nonzero(self, *args, **kwargs):
        return _red.count_nonzero(self, *args, **kwargs)

    def median(self, *args, **kwargs):
        return _red.median(self, *args, **kwargs)

    def nanmedian(self, *args, **kwargs):
        return _red.nanmedian(self, *args, **kwargs)

    def mode(self, *args, **kwargs):
        return _red.mode(self, *args, **kwargs)

    def sort(self, *args, **kwargs):
        return _red.sort(self, *args, **kwargs)

    def argsort(self, *args, **kwargs):
        return _red.argsort(self, *args, **kwargs)

    def msort(self, *args, **kwargs):
        return _red.msort(self, *args, **kwargs)

    def topk(self, *args, **kwargs):
        return _red.topk(self, *args, **kwargs)

    def unique(self, *args, **kwargs):
        return _red.unique(self, *args, **kwargs)

    def unique_consecutive(self, *args, **kwargs):
        return _red.unique_consecutive(self, *args, **kwargs)

    def kthvalue(self, *args, **kwargs):
        return _red.kthvalue(self, *args, **kwargs)

    def sum_to_size(self, *args, **kwargs):
        return _red.sum_to_size(self, *args, **kwargs)

    def bincount(self, *args, **kwargs):
        return _red.bincount(self, *args, **kwargs)

    def histc(self, *args, **kwargs):
        return _red.histc(self, *args, **kwargs)

    def equal(self, *args, **kwargs):
        return _red.equal(self, *args, **kwargs)

    def allclose(self, *args, **kwargs):
        return _red.allclose(self, *args, **kwargs)

    def isclose(self, *args, **kwargs):
        return _red.isclose(self, *args, **kwargs)

    def dist(self, *args, **kwargs):
        return _red.dist(self, *args, **kwargs)

    def logcumsumexp(self, *args, **kwargs):
        return _red.logcumsumexp(self, *args, **kwargs)

    # ------------------------------------------------------------ sh family
    def view(self, *args, **kwargs):
        return _sh.view(self, *args, **kwargs)

    def view_as(self, *args, **kwargs):
        return _sh.view_as(self, *args, **kwargs)

    def reshape(self, *args, **kwargs):
        return _sh.reshape(self, *args, **kwargs)

    def reshape_as(self, *args, **kwargs):
        return _sh.reshape_as(self, *args, **kwargs)

    def permute(self, *args, **kwargs):
        return _sh.permute(self, *args, **kwargs)

    def transpose(self, *args, **kwargs):
        return _sh.transpose(self, *args, **kwargs)

    def transpose_(self, *args, **kwargs):
        return _sh.transpose_(self, *args, **kwargs)

    def swapaxes(self, *args, **kwargs):
        return _sh.swapaxes(self, *args, **kwargs)

    def swapdims(self, *args, **kwargs):
        return _sh.swapdims(self, *args, **kwargs)

    def t_(self, *args, **kwargs):
        return _sh.t_(self, *args, **kwargs)

    def squeeze(self, *args, **kwargs):
        return _sh.squeeze(self, *args, **kwargs)

    def squeeze_(self, *args, **kwargs):
        return _sh.squeeze_(self, *args, **kwargs)

    def unsqueeze(self, *args, **kwargs):
        return _sh.unsqueeze(self, *args, **kwargs)

    def unsqueeze_(self, *args, **kwargs):
        return _sh.unsqueeze_(self, *args, **kwargs)

    def flatten(self, *args, **kwargs):
        return _sh.flatten(self, *args, **kwargs)

    def unflatten(self, *args, **kwargs):
        return _sh.unflatten(self, *args, **kwargs)

    def expand(self, *args, **kwargs):
        return _sh.expand(self, *args, **kwargs)

    def expand_as(self, *args, **kwargs):
        return _sh.expand_as(self, *args, **kwargs)

    def broadcast_to(self, *args, **kwargs):
        return _sh.broadcast_to(self, *args, **kwargs)

    def repeat(self, *args, **kwargs):
        return _sh.repeat(self, *args, **kwargs)

    def tile(self, *args, **kwargs):
        return _sh.tile(self, *args, **kwargs)

    def split(self, *args, **kwargs):
        return _sh.split(self, *args, **kwargs)

    def chunk(self, *args, **kwargs):
        return _sh.chunk(self, *args, **kwargs)

    def unbind(self, *args, **kwargs):
        return _sh.unbind(self, *args, **kwargs)

    def flip(self, *args, **kwargs):
        return _sh.flip(self, *args, **kwargs)

    def fliplr(self, *args, **kwargs):
        return _sh.fliplr(self, *args, **kwargs)

    def flipud(self, *args, **kwargs):
        return _sh.flipud(self, *args, **kwargs)

    def roll(self, *args, **kwargs):
        return _sh.roll(self, *args, **kwargs)

    def contiguous(self, *args, **kwargs):
        return _sh.contiguous(self, *args, **kwargs)

    def narrow(self, *args, **kwargs):
        return _sh.narrow(self, *args, **kwargs)

    def movedim(self, *args, **kwargs):
        return _sh.movedim(self, *args, **kwargs)

    def moveaxis(self, *args, **kwargs):
        return _sh.moveaxis(self, *args, **kwargs)

    def tensor_split(self, *args, **kwargs):
        return _sh.tensor_split(self, *args, **kwargs)

    def ravel(self, *args, **kwargs):
        return _sh.ravel(self, *args, **kwargs)

    def unfold(self, *args, **kwargs):
        return _sh.unfold(self, *args, **kwargs)

    def as_strided(self, *args, **kwargs):
        return _sh.as_strided(self, *args, **kwargs)

    def resize_(self, *args, **kwargs):
        return _sh.resize_(self, *args, **kwargs)

    def resize_as_(self, *args, **kwargs):
        return _sh.resize_as_(self, *args, **kwargs)

    def repeat_interleave(self, *args, **kwargs):
        return _sh.repeat_interleave(self, *args, **kwargs)

    # ------------------------------------------------------------ ix family
    def index_select(self, *args, **kwargs):
        return _ix.index_select(self, *args, **kwargs)

    def gather(self, *args, **kwargs):
        return _ix.gather(self, *args, **kwargs)

    def scatter(self, *args, **kwargs):
        return _ix.scatter(self, *args, **kwargs)

    def scatter_(self, *args, **kwargs):
        return _ix.scatter_(self, *args, **kwargs)

    def scatter_add(self, *args, **kwargs):
        return _ix.scatter_add(self, *args, **kwargs)

    def scatter_add_(self, *args, **kwargs):
        return _ix.scatter_add_(self, *args, **kwargs)

    def scatter_reduce(self, *args, **kwargs):
        return _ix.scatter_reduce(self, *args, **kwargs)

    def scatter_reduce_(self, *args, **kwargs):
        return _ix.scatter_reduce_(self, *args, **kwargs)

    def masked_fill(self, *args, **kwargs):
        return _ix.masked_fill(self, *args, **kwargs)

    def masked_fill_(self, *args, **kwargs):
        return _ix.masked_fill_(self, *args, **kwargs)

    def masked_select(self, *args, **kwargs):
        return _ix.masked_select(self, *args, **kwargs)

    def masked_scatter(self, *args, **kwargs):
        return _ix.masked_scatter(self, *args, **kwargs)

    def masked_scatter_(self, *args, **kwargs):
        return _ix.masked_scatter_(self, *args, **kwargs)

    def take(self, *args, **kwargs):
        return _ix.take(self, *args, **kwargs)

    def take_along_dim(self, *args, **kwargs):
        return _ix.take_along_dim(self, *args, **kwargs)

    def nonzero(self, *args, **kwargs):
        return _ix.nonzero(self, *args, **kwargs)

    def where(self, condition, other):
        return _ix.where(condition, self, other)

    def index_add(self, *args, **kwargs):
        return _ix.index_add(self, *args, **kwargs)

    def index_add_(self, *args, **kwargs):
        return _ix.index_add_(self, *args, **kwargs)

    def index_fill(self, *args, **kwargs):
        return _ix.index_fill(self, *args, **kwargs)

    def index_fill_(self, *args, **kwargs):
        return _ix.index_fill_(self, *args, **kwargs)

    def index_copy(self, *args, **kwargs):
        return _ix.index_copy(self, *args, **kwargs)

    def index_copy_(self, *args, **kwargs):
        return _ix.index_copy_(self, *args, **kwargs)

    def put_(self, *args, **kwargs):
        return _ix.put_(self, *args, **kwargs)

    def index_put(self, *args, **kwargs):
        return _ix.index_put(self, *args, **kwargs)

    def index_put_(self, *args, **kwargs):
        return _ix.index_put_(self, *args, **kwargs)

    def argwhere(self, *args, **kwargs):
        return _ix.argwhere(self, *args, **kwargs)

    # ------------------------------------------------------------ la family
    def matmul(self, *args, **kwargs):
        return _la.matmul(self, *args, **kwargs)

    def mm(self, *args, **kwargs):
        return _la.mm(self, *args, **kwargs)

    def bmm(self, *args, **kwargs):
        return _la.bmm(self, *args, **kwargs)

    def mv(self, *args, **kwargs):
        return _la.mv(self, *args, **kwargs)

    def dot(self, *args, **kwargs):
        return _la.dot(self, *args, **kwargs)

    def vdot(self, *args, **kwargs):
        return _la.vdot(self, *args, **kwargs)

    def inner(self, *args, **kwargs):
        return _la.inner(self, *args, **kwargs)

    def outer(self, *args, **kwargs):
        return _la.outer(self, *args, **kwargs)

    def ger(self, *args, **kwargs):
        return _la.ger(self, *args, **kwargs)

    def cross(self, *args, **kwargs):
        return _la.cross(self, *args, **kwargs)

    def addmm(self, *args, **kwargs):
        return _la.addmm(self, *args, **kwargs)

    def addmm_(self, *args, **kwargs):
        return _la.addmm_(self, *args, **kwargs)

    def addbmm(self, *args, **kwargs):
        return _la.addbmm(self, *args, **kwargs)

    def addbmm_(self, *args, **kwargs):
        return _la.addbmm_(self, *args, **kwargs)

    def baddbmm(self, *args, **kwargs):
        return _la.baddbmm(self, *args, **kwargs)

    def baddbmm_(self, *args, **kwargs):
        return _la.baddbmm_(self, *args, **kwargs)

    def addmv(self, *args, **kwargs):
        return _la.addmv(self, *args, **kwargs)

    def addmv_(self, *args, **kwargs):
        return _la.addmv_(self, *args, **kwargs)

    def addr(self, *args, **kwargs):
        return _la.addr(self, *args, **kwargs)

    def trace(self, *args, **kwargs):
        return _la.trace(self, *args, **kwargs)

    def diag(self, *args, **kwargs):
        return _la.diag(self, *args, **kwargs)

    def diag_embed(self, *args, **kwargs):
        return _la.diag_embed(self, *args, **kwargs)

    def diagonal(self, *args, **kwargs):
        return _la.diagonal(self, *args, **kwargs)

    def triu(self, *args, **kwargs):
        return _la.triu(self, *args, **kwargs)

    def triu_(self, *args, **kwargs):
        return _la.triu_(self, *args, **kwargs)

    def tril(self, *args, **kwargs):
        return _la.tril(self, *args, **kwargs)

    def tril_(self, *args, **kwargs):
        return _la.tril_(self, *args, **kwargs)

    def inverse(self, *args, **kwargs):
        return _la.inverse(self, *args, **kwargs)

    def det(self, *args, **kwargs):
        return _la.det(self, *args, **kwargs)

    def logdet(self, *args, **kwargs):
        return _la.logdet(self, *args, **kwargs)

    def slogdet(self, *args, **kwargs):
        return _la.slogdet(self, *args, **kwargs)

    def svd(self, *args, **kwargs):
        return _la.svd(self, *args, **kwargs)

    def pinverse(self, *args, **kwargs):
        return _la.pinverse(self, *args, **kwargs)

    def cholesky(self, *args, **kwargs):
        return _la.cholesky(self, *args, **kwargs)

    def qr(self, *args, **kwargs):
        return _la.qr(self, *args, **kwargs)

    def matrix_power(self, *args, **kwargs):
        return _la.matrix_power(self, *args, **kwargs)

    def kron(self, *args, **kwargs):
        return _la.kron(self, *args, **kwargs)

    # ------------------------------------------------------------ act family
    def softmax(self, *args, **kwargs):
        return _act.softmax(self, *args, **kwargs)

    def log_softmax(self, *args, **kwargs):
        return _act.log_softmax(self, *args, **kwargs)

    def relu(self, *args, **kwargs):
        return _act.relu(self, *args, **kwargs)

    def relu_(self, *args, **kwargs):
        return _act.relu_(self, *args, **kwargs)

    # ------------------------------------------------------------ rnd family
    def uniform_(self, *args, **kwargs):
        return _rnd.uniform_(self, *args, **kwargs)

    def normal_(self, *args, **kwargs):
        return _rnd.normal_(self, *args, **kwargs)

    def bernoulli(self, *args, **kwargs):
        return _rnd.bernoulli(self, *args, **kwargs)

    def bernoulli_(self, *args, **kwargs):
        return _rnd.bernoulli_(self, *args, **kwargs)

    def random_(self, *args, **kwargs):
        return _rnd.random_(self, *args, **kwargs)

    def exponential_(self, *args, **kwargs):
        return _rnd.exponential_(self, *args, **kwargs)

    def geometric_(self, *args, **kwargs):
        return _rnd.geometric_(self, *args, **kwargs)

    def cauchy_(self, *args, **kwargs):
        return _rnd.cauchy_(self, *args, **kwargs)

    def log_normal_(self, *args, **kwargs):
        return _rnd.log_normal_(self, *args, **kwargs)

    def multinomial(self, *args, **kwargs):
        return _rnd.multinomial(self, *args, **kwargs)

    # ------------------------------------------------------------ cr family
    def new_tensor(self, *args, **kwargs):
        return _cr.new_tensor(self, *args, **kwargs)

    def new_zeros(self, *args, **kwargs):
        return _cr.new_zeros(self, *args, **kwargs)

    def new_ones(self, *args, **kwargs):
        return _cr.new_ones(self, *args, **kwargs)

    def new_full(self, *args, **kwargs):
        return _cr.new_full(self, *args, **kwargs)

    def new_empty(self, *args, **kwargs):
        return _cr.new_empty(self, *args, **kwargs)


def _scalar_like(value, t):
    from ._creation import tensor

    if isinstance(value, Tensor):
        return value
    return tensor(value, dtype=D.result_type(value), device=t._device)


def _rebuild(array, dt, rg, dev):
    t = _make(array, dt)
    if dev != "cpu":
        t = t.to(dev)
    t._rg = rg
    return t


def _wrap_dim(dim, ndim):
    """Normalise a possibly negative ``dim``; IndexError like torch's when out of range."""
    n = ndim if ndim > 0 else 1
    if not -n <= dim < n:
        raise IndexError(f"Dimension out of range (expected to be in range of [{-n}, {n - 1}], "
                         f"but got {dim})")
    return dim + n if dim < 0 else dim


class Size(tuple):
    """torch.Size: a tuple of ints with torch's repr; slicing and ``+`` keep the type."""

    def __new__(cls, sizes=()):
        return tuple.__new__(cls, sizes)

    def __repr__(self):
        return "torch.Size([" + ", ".join(str(s) for s in self) + "])"

    __str__ = __repr__

    def __getitem__(self, item):
        r = tuple.__getitem__(self, item)
        return Size(r) if isinstance(item, slice) else r

    def __add__(self, other):
        return Size(tuple.__add__(self, tuple(other)))

    def __radd__(self, other):
        return Size(tuple(other) + tuple(self))

    def numel(self):
        n = 1
        for s in self:
            n *= s
        return n

    def __mul__(self, other):
        return Size(tuple.__mul__(self, other))

    __rmul__ = __mul__

    def __reduce__(self):
        return (Size, (tuple(self),))


class _Layout:
    def __repr__(self):
        return "torch.strided"


strided = _Layout()


class _Storage:
    def __init__(self, t):
        self._t = t

    def data_ptr(self):
        base = self._t._base if self._t._base is not None else self._t
        return base.data_ptr()

    def nbytes(self):
        base = self._t._base if self._t._base is not None else self._t
        return base._array.nbytes

    def size(self):
        return self.nbytes()


_TYPE_NAMES = {D.float32: "FloatTensor", D.float64: "DoubleTensor", D.float16: "HalfTensor",
               D.bfloat16: "BFloat16Tensor", D.int64: "LongTensor", D.int32: "IntTensor",
               D.int16: "ShortTensor", D.int8: "CharTensor", D.uint8: "ByteTensor",
               D.bool: "BoolTensor", D.complex64: "ComplexFloatTensor",
               D.complex128: "ComplexDoubleTensor"}
_TYPE_BY_NAME = {"torch." + v: k for k, v in _TYPE_NAMES.items()}
_TYPE_BY_NAME.update({k[6:]: v for k, v in _TYPE_BY_NAME.items()})

# Op families, imported last: they import this module.
from ._ops import elementwise as _ew  # noqa: E402
from ._ops import index as _ix  # noqa: E402
from ._ops import linalg as _la  # noqa: E402
from ._ops import reduce as _red  # noqa: E402
from ._ops import shape as _sh  # noqa: E402
from ._ops import activation as _act  # noqa: E402
from . import _random as _rnd  # noqa: E402
from . import _creation as _cr  # noqa: E402
from .autograd import engine as _engine  # noqa: E402

# the hottest operators go straight to their Function (same checks, two calls fewer)
_Add, _Sub, _Mul, _Div = _ew.Add.apply, _ew.Sub.apply, _ew.Mul.apply, _ew.Div.apply
_SumAll = _red.SumAll.apply

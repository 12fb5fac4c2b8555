"""dtype objects, their NumPy mapping, the default dtype and torch's type promotion.

NumPy's promotion is not torch's: ``int64 + float16`` is float64 in NumPy and float16
in torch; a 0-d float64 array upcasts a float32 array in NumPy 2 but not in torch.
Every op therefore asks :func:`result_type` here and casts its operands itself.
"""

import numpy as np

_BOOL, _INT, _FLOAT, _COMPLEX = 0, 1, 2, 3


class dtype:
    """A tensor element type; ``repr`` is ``torch.float32`` like torch's."""

    __slots__ = ("_name", "_np", "_cat", "itemsize", "is_signed", "_unsigned")

    def __init__(self, name, np_dtype, cat, signed):
        self._name = name
        self._np = np.dtype(np_dtype) if np_dtype is not None else None
        self._cat = cat
        self.itemsize = self._np.itemsize if self._np is not None else 2
        self.is_signed = signed
        self._unsigned = cat == _INT and not signed

    @property
    def is_floating_point(self):
        return self._cat == _FLOAT

    @property
    def is_complex(self):
        return self._cat == _COMPLEX

    def to_real(self):
        """The real counterpart of a complex dtype (other dtypes map to themselves)."""
        return {complex64: float32, complex128: float64}.get(self, self)

    def to_complex(self):
        """The complex dtype with this dtype's precision (``float32`` -> ``complex64``)."""
        if self._cat == _COMPLEX:
            return self
        if self._cat != _FLOAT:
            raise RuntimeError(f"Unknown Complex ScalarType for {_SHORT[self._name]}")
        if self is float16:
            raise TypeError("torch.complex32 is not supported by numtorch")
        return complex128 if self is float64 else complex64

    def __repr__(self):
        return "torch." + self._name

    def __reduce__(self):
        return (_dtype_by_name, (self._name,))


def _dtype_by_name(name):
    return _BY_NAME[name]


float16 = dtype("float16", np.float16, _FLOAT, True)
float32 = dtype("float32", np.float32, _FLOAT, True)
float64 = dtype("float64", np.float64, _FLOAT, True)
complex64 = dtype("complex64", np.complex64, _COMPLEX, True)
complex128 = dtype("complex128", np.complex128, _COMPLEX, True)
int8 = dtype("int8", np.int8, _INT, True)
int16 = dtype("int16", np.int16, _INT, True)
int32 = dtype("int32", np.int32, _INT, True)
int64 = dtype("int64", np.int64, _INT, True)
uint8 = dtype("uint8", np.uint8, _INT, False)
bool = dtype("bool", np.bool_, _BOOL, False)  # noqa: A001 - torch.bool

try:  # bfloat16 needs the optional ml_dtypes package
    import ml_dtypes as _ml_dtypes

    bfloat16 = dtype("bfloat16", _ml_dtypes.bfloat16, _FLOAT, True)
except ImportError:  # pragma: no cover - depends on the environment
    bfloat16 = dtype("bfloat16", None, _FLOAT, True)

half, float, double = float16, float32, float64  # noqa: A001
cfloat, cdouble = complex64, complex128
short, int, long = int16, int32, int64  # noqa: A001

_SHORT = {"float16": "Half", "bfloat16": "BFloat16", "float32": "Float", "float64": "Double",
          "complex64": "ComplexFloat", "complex128": "ComplexDouble", "int8": "Char",
          "int16": "Short", "int32": "Int", "int64": "Long", "uint8": "Byte", "bool": "Bool"}

_ALL = (float16, float32, float64, complex64, complex128, int8, int16, int32, int64, uint8,
        bool, bfloat16)
_BY_NAME = {d._name: d for d in _ALL}
_FROM_NP = {d._np: d for d in _ALL if d._np is not None}


def from_numpy_dtype(npd):
    """The numtorch dtype for a NumPy dtype; TypeError for ones torch lacks."""
    try:
        return _FROM_NP[npd]
    except KeyError:
        raise TypeError(
            f"can't convert np.ndarray of type {np.dtype(npd)}. The only supported types are: "
            "float64, float32, float16, complex64, complex128, int64, int32, int16, int8, "
            "uint8, and bool."
        ) from None


def to_np(d):
    """NumPy dtype of a numtorch dtype, with a clear error for bfloat16 without ml_dtypes."""
    if d._np is None:
        raise TypeError("torch.bfloat16 needs the 'ml_dtypes' package: pip install ml_dtypes")
    return d._np


# ---------------------------------------------------------------- default dtype
_default = [float32]


def get_default_dtype():
    return _default[0]


def set_default_dtype(d):
    """Set the dtype of float tensors created from Python floats (float16/32/64, bfloat16)."""
    if not isinstance(d, dtype) or d._cat != _FLOAT:
        raise TypeError("only floating-point types are supported as the default type")
    _default[0] = d


def default_complex():
    return complex128 if _default[0] is float64 else complex64


# ---------------------------------------------------------------- promotion
_PROMO = {}


def promote_types(a, b):
    """torch.promote_types: the smallest dtype both ``a`` and ``b`` convert to."""
    if a is b:
        return a
    key = (a, b)
    r = _PROMO.get(key)
    if r is None:
        r = _PROMO[key] = _promote(a, b)
    return r


def _promote(a, b):
    if a._cat != b._cat:
        hi, lo = (a, b) if a._cat > b._cat else (b, a)
        if hi._cat == _COMPLEX and lo is float64:
            return complex128
        if hi._cat == _INT and hi._unsigned and lo._cat == _BOOL:
            return hi
        return hi
    if a._cat == _INT:
        if a._unsigned != b._unsigned:
            signed = b if a._unsigned else a
            return signed if signed.itemsize > 1 else int16
        return a if a.itemsize >= b.itemsize else b
    if a._cat == _FLOAT and {a, b} == {float16, bfloat16}:
        return float32
    return a if a.itemsize >= b.itemsize else b


def scalar_dtype(x):
    """dtype a Python scalar takes when it stands alone (torch.tensor(x))."""
    t = type(x)
    if t is builtins_bool or isinstance(x, (np.bool_,)):
        return bool
    if t is builtins_int or isinstance(x, np.integer):
        return int64
    if t is builtins_float or isinstance(x, np.floating):
        return _default[0]
    if isinstance(x, (complex, np.complexfloating)):
        return default_complex()
    raise TypeError(f"expected a number, got {type(x).__name__}")


import builtins as _b  # noqa: E402

builtins_bool, builtins_int, builtins_float = _b.bool, _b.int, _b.float


def _combine(higher, lower):
    # torch's rule: a lower priority class (0-d tensors, then Python scalars) only
    # changes the result when it is of a higher category (bool < int < float < complex).
    if higher is None:
        return lower
    if lower is None:
        return higher
    if higher._cat == _COMPLEX:
        return higher
    if lower._cat == _COMPLEX:
        # a float tensor keeps its precision: float32 tensor * 1j is complex64
        return higher.to_complex() if higher._cat == _FLOAT and higher is not float16 else lower
    if higher._cat == _FLOAT:
        return higher
    if higher._cat == _BOOL or lower._cat == _FLOAT:
        return promote_types(higher, lower)
    return higher


def result_type(*operands):
    """torch.result_type over Tensors and Python scalars."""
    dim = zero = wrapped = None
    for o in operands:
        d = getattr(o, "_dtype", None)
        if d is not None:
            if o._array.ndim:
                dim = d if dim is None else promote_types(dim, d)
            else:
                zero = d if zero is None else promote_types(zero, d)
        elif o is not None:
            t = type(o)
            if t is builtins_bool:
                d = bool
            elif t is builtins_int:
                d = int64
            elif t is builtins_float:
                d = _default[0]
            elif t is complex:
                d = default_complex()
            else:
                d = scalar_dtype(o)
            if d._cat == _FLOAT:
                d = _default[0]
            wrapped = d if wrapped is None else promote_types(wrapped, d)
    return _combine(dim, _combine(zero, wrapped))


def category(d):
    return d._cat


def is_float(d):
    return d._cat >= _FLOAT


def can_cast(from_, to):
    """torch.can_cast: no category downgrade (float->int, int->bool)."""
    return from_._cat <= to._cat


# bfloat16's limits, for finfo without ml_dtypes (bits, eps, max, tiny, resolution)
_BF16_INFO = (16, 0.0078125, 3.3895313892515355e38, 1.1754943508222875e-38, 0.01)


class finfo:
    """Machine limits of a floating point dtype (a complex dtype gives its real part's)."""

    def __init__(self, type=None):
        type = (type or _default[0]).to_real()
        if not isinstance(type, dtype) or type._cat != _FLOAT:
            raise TypeError("torch.finfo() requires a floating point input type. Use "
                            "torch.iinfo to handle 'torch.finfo'")
        if type._np is None:
            self.bits, self.eps, self.max, self.tiny, self.resolution = _BF16_INFO
        else:
            f = np.finfo(type._np)
            fl = builtins_float  # this module's ``float`` is torch.float
            self.bits, self.eps, self.max = f.bits, fl(f.eps), fl(f.max)
            self.tiny, self.resolution = fl(f.tiny), 10.0 ** -f.precision
        self.min = -self.max
        self.smallest_normal = self.tiny
        self.dtype = type._name

    def __eq__(self, other):
        return isinstance(other, finfo) and self.dtype == other.dtype

    def __hash__(self):
        return hash(self.dtype)

    def __repr__(self):
        return (f"finfo(resolution={self.resolution:g}, min={self.min:g}, max={self.max:g}, "
                f"eps={self.eps:g}, smallest_normal={self.tiny:g}, tiny={self.tiny:g}, "
                f"dtype={self.dtype})")


class iinfo:
    """Limits of an integer dtype."""

    def __init__(self, type):
        if type is bool:
            raise TypeError("torch.bool is not supported by torch.iinfo")
        if not isinstance(type, dtype) or type._cat != _INT:
            raise TypeError("torch.iinfo() requires an integer input type. Use torch.finfo to "
                            "handle 'torch.iinfo'")
        f = np.iinfo(type._np)
        self.bits, self.max, self.min = f.bits, builtins_int(f.max), builtins_int(f.min)
        self.dtype = type._name

    def __eq__(self, other):
        return isinstance(other, iinfo) and self.dtype == other.dtype

    def __hash__(self):
        return hash(self.dtype)

    def __repr__(self):
        return f"iinfo(min={self.min:g}, max={self.max:g}, dtype={self.dtype})"


def short_name(d):
    """torch's short type name used in messages: Float, Long, Bool, ..."""
    return _SHORT.get(d._name, d._name)


_C_NAMES = {"float32": "float", "float64": "double", "float16": "c10::Half",
            "bfloat16": "c10::BFloat16", "int64": "long int", "int32": "int",
            "int16": "short int", "int8": "signed char", "uint8": "unsigned char",
            "bool": "bool", "complex64": "c10::complex<float>",
            "complex128": "c10::complex<double>"}


def c_name(d, default=None):
    """torch's C++ type name used in messages: float, double, long int, c10::Half, ..."""
    return _C_NAMES.get(d._name, d._name if default is None else default)

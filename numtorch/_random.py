"""Randomness: numtorch's Generator (NumPy's PCG64 underneath) and every random op.

``manual_seed(s)`` reseeds the default generator, so every random op and DataLoader
shuffle that does not get its own generator is reproducible. Values are not torch's;
distributions, dtypes, shapes and errors are. Random ops are differentiable the way
torch's are: their gradient with respect to every input is zero.
"""

import math
import pickle
import warnings

import numpy as np

from . import _dtype as D
from ._backend import as_device
from ._tensor import Tensor, _make
from .autograd.function import Function, apply_inplace

__all__ = ["Generator", "manual_seed", "seed", "initial_seed", "get_rng_state",
           "set_rng_state", "rand", "randn", "randint", "randperm", "normal", "bernoulli",
           "multinomial", "rand_like", "randn_like", "randint_like", "poisson"]

_DEFAULT_SEED = 67280421310721
_U64 = (1 << 64) - 1


class Generator:
    """A source of random numbers; ``manual_seed`` makes it reproducible.

    >>> g = Generator().manual_seed(0)
    >>> rand(2, generator=g)  # the same values every run
    """

    def __init__(self, device="cpu"):
        # every generator draws on the CPU; CUDA tensors get their samples copied over
        self.device = as_device(device)
        self.manual_seed(_DEFAULT_SEED)

    def manual_seed(self, seed):
        """Reseed; negative seeds wrap to 64 bits like torch's."""
        seed = int(seed)
        if not -(1 << 63) <= seed <= _U64:
            raise ValueError("Overflow when unpacking long long")
        self._seed = seed & _U64
        self._rng = np.random.Generator(np.random.PCG64(self._seed))
        return self

    def seed(self):
        """Reseed from OS entropy and return the new seed."""
        s = int(np.random.SeedSequence().entropy) & _U64
        self.manual_seed(s)
        return s

    def initial_seed(self):
        return self._seed

    def get_state(self):
        """The generator's state as a uint8 tensor (for ``set_state``)."""
        state = pickle.dumps((self._seed, self._rng.bit_generator.state))
        return _make(np.frombuffer(state, dtype=np.uint8).copy(), D.uint8)

    def set_state(self, new_state):
        if not isinstance(new_state, Tensor) or new_state._dtype is not D.uint8:
            raise TypeError("expected a torch.ByteTensor, but got "
                            f"{type(new_state).__name__}")
        seed, st = pickle.loads(new_state._array.tobytes())  # numtorch's own bytes only
        self._seed = seed
        self._rng.bit_generator.state = st
        return self

    def __repr__(self):
        return f"<torch._C.Generator object at {hex(id(self))}>"


default_generator = Generator()


def _rng(generator):
    if generator is None:
        return default_generator._rng
    if not isinstance(generator, Generator):
        raise TypeError(f"expected a torch.Generator, got {type(generator).__name__}")
    return generator._rng


def manual_seed(seed):
    """Seed the default generator; returns it."""
    return default_generator.manual_seed(seed)


def seed():
    """Seed the default generator from OS entropy; returns the seed."""
    return default_generator.seed()


def initial_seed():
    return default_generator.initial_seed()


def get_rng_state():
    return default_generator.get_state()


def set_rng_state(new_state):
    default_generator.set_state(new_state)


# ---------------------------------------------------------------- helpers
_short = D.short_name


# the integers a float dtype holds exactly: 2 ** (mantissa bits + 1)
_FLOAT_DIGITS = {"float16": 11, "bfloat16": 8, "float32": 24, "float64": 53}


def _not_implemented(kernel, dt):
    return NotImplementedError(f"\"{kernel}\" not implemented for '{_short(dt)}'")


def _size(args, kw, fname):
    from ._creation import _varargs_size

    size = kw.pop("size", None)
    if kw:
        raise TypeError(f"{fname}() got an unexpected keyword argument '{next(iter(kw))}'")
    return _varargs_size(args, size, fname)


def _finish(arr, dt, device, requires_grad, out=None, fname="rand"):
    from ._creation import _finish as finish, _write

    return _write(finish(arr, dt, device, requires_grad), out, fname)


def _uniform01(rng, shape, dt):
    """Uniform [0, 1) samples exactly representable in ``dt`` (so 1.0 never appears)."""
    if dt is D.float64:
        return rng.random(shape)
    if dt is D.float32:
        return rng.random(shape, dtype=np.float32)
    bits = _FLOAT_DIGITS[dt._name]  # float16 / bfloat16: a multiple of 2**-bits
    return (rng.integers(0, 1 << bits, shape) * (1.0 / (1 << bits))).astype(np.float32)


def _standard_normal(rng, shape, dt):
    return rng.standard_normal(shape, dtype=np.float64 if dt is D.float64 else np.float32)


def _float_dt(dtype, kernel, allow_complex=True):
    dt = D.get_default_dtype() if dtype is None else dtype
    if dt._cat < D._FLOAT or (dt._cat == D._COMPLEX and not allow_complex):
        raise _not_implemented(kernel, dt)
    return dt


def _complex_parts(dt):
    return D.float64 if dt is D.complex128 else D.float32


# ---------------------------------------------------------------- rand / randn
def rand(*size, generator=None, out=None, dtype=None, layout=None, device=None,
         requires_grad=False, pin_memory=False, **kw):
    """Uniform samples in [0, 1): ``rand(2, 3)``, ``rand((2, 3), dtype=torch.float64)``."""
    shape = _size(size, kw, "rand")
    dt = _float_dt(dtype, "check_uniform_bounds")
    rng = _rng(generator)
    if dt._cat == D._COMPLEX:
        part = _complex_parts(dt)
        arr = _uniform01(rng, shape, part) + 1j * _uniform01(rng, shape, part)
    else:
        arr = _uniform01(rng, shape, dt)
    return _finish(arr.astype(D.to_np(dt), copy=False), dt, device, requires_grad, out, "rand")


def randn(*size, generator=None, out=None, dtype=None, layout=None, device=None,
          requires_grad=False, pin_memory=False, **kw):
    """Standard normal samples (complex: each part has variance 1/2)."""
    shape = _size(size, kw, "randn")
    dt = _float_dt(dtype, "normal_kernel_cpu")
    rng = _rng(generator)
    if dt._cat == D._COMPLEX:
        part = _complex_parts(dt)
        s = math.sqrt(0.5)
        arr = _standard_normal(rng, shape, part) * s + 1j * _standard_normal(rng, shape, part) * s
    else:
        arr = _standard_normal(rng, shape, dt)
    return _finish(arr.astype(D.to_np(dt), copy=False), dt, device, requires_grad, out, "randn")


def rand_like(input, *, dtype=None, layout=None, device=None, requires_grad=False,
              memory_format=None, generator=None):
    """``rand`` with the shape, dtype and device of ``input``."""
    return rand(input._array.shape, dtype=dtype or input._dtype,
                device=device or input._device, requires_grad=requires_grad,
                generator=generator)


def randn_like(input, *, dtype=None, layout=None, device=None, requires_grad=False,
               memory_format=None, generator=None):
    """``randn`` with the shape, dtype and device of ``input``."""
    return randn(input._array.shape, dtype=dtype or input._dtype,
                 device=device or input._device, requires_grad=requires_grad,
                 generator=generator)


# ---------------------------------------------------------------- integers
def _int_arg(v, fname, name, pos):
    if isinstance(v, Tensor) and v._dtype._cat <= D._INT and v._array.size == 1:
        return int(v.item())
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return int(v)
    raise TypeError(f"{fname}(): argument '{name}' (position {pos}) must be int, not "
                    f"{type(v).__name__}")


def _check_random_bounds(lo, hi, dt):
    """torch's checks for integers drawn from [lo, hi) into ``dt``."""
    if dt._cat == D._COMPLEX:
        raise RuntimeError("check_random_bounds handles only integral, floating-point and "
                           "boolean types")
    if lo >= hi:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={lo} "
                           f">= to={hi}")
    if dt._cat == D._FLOAT:
        digits = _FLOAT_DIGITS[dt._name]
        if lo < -(1 << digits) or hi - 1 > (1 << digits):
            which = "from" if lo < -(1 << digits) else "to - 1"
            warnings.warn(f"{which} is out of bounds [-(2^{digits}), 2^{digits}]. Due to "
                          f"precision limitations {D.c_name(dt)} can support discrete "
                          "uniform distribution only within this range. This warning will "
                          "become an error in version 1.7 release, please fix the code in "
                          "advance", UserWarning, stacklevel=3)
        return
    lo_ok, hi_ok = (0, 1) if dt is D.bool else (int(np.iinfo(dt._np).min),
                                                 int(np.iinfo(dt._np).max))
    if lo < lo_ok:
        raise RuntimeError(f"from is out of bounds for {D.c_name(dt)}")
    if hi - 1 > hi_ok:
        raise RuntimeError(f"to - 1 is out of bounds for {D.c_name(dt)}")


def _max_to(dt):
    """The exclusive upper bound of ``random_()``: the dtype's max (+1); for floats the
    largest integer they hold exactly (+1)."""
    if dt is D.bool:
        return 2
    if dt._cat == D._FLOAT:
        return (1 << _FLOAT_DIGITS[dt._name]) + 1
    return int(np.iinfo(dt._np).max) + 1


def _integers(rng, lo, hi, shape):
    return rng.integers(lo, hi - 1, shape, dtype=np.int64, endpoint=True)


def randint(*args, generator=None, out=None, dtype=None, layout=None, device=None,
            requires_grad=False, pin_memory=False, **kw):
    """Integers uniform in [low, high): ``randint(high, size)``, ``randint(low, high, size)``.

    dtype: int64 unless given (float dtypes hold the integer values).
    """
    args = list(args)
    size = kw.pop("size", None)
    low, high = kw.pop("low", None), kw.pop("high", None)
    if kw:
        raise TypeError(f"randint() got an unexpected keyword argument '{next(iter(kw))}'")
    n_pos = len(args)
    if size is None and args:
        size = args.pop()
    if high is None and args:
        high = args.pop()
    if low is None and args:
        low = args.pop()
    if size is None or high is None or args:
        raise TypeError(f"randint() received an invalid combination of arguments - got "
                        f"{n_pos} positional arguments")
    if not isinstance(size, (tuple, list)):
        raise TypeError(f"randint(): argument 'size' (position {n_pos}) must be tuple of ints, "
                        f"not {type(size).__name__}")
    high = _int_arg(high, "randint", "high", 2 if low is not None else 1)
    low = 0 if low is None else _int_arg(low, "randint", "low", 1)
    dt = D.int64 if dtype is None else dtype
    _check_random_bounds(low, high, dt)
    from ._creation import _size_args

    arr = _integers(_rng(generator), low, high, _size_args((size,), "randint"))
    return _finish(arr.astype(D.to_np(dt), copy=False), dt, device, requires_grad, out,
                   "randint")


def randint_like(input, low=0, high=None, *, dtype=None, layout=None, device=None,
                 requires_grad=False, memory_format=None, generator=None):
    """``randint`` with the shape (and dtype, device) of ``input``:
    ``randint_like(x, high)`` or ``randint_like(x, low, high)``."""
    if high is None:
        low, high = 0, low
    return randint(low, high, input._array.shape, dtype=dtype or input._dtype,
                   device=device or input._device, requires_grad=requires_grad,
                   generator=generator)


def randperm(n, *, generator=None, out=None, dtype=None, layout=None, device=None,
             requires_grad=False, pin_memory=False):
    """A random permutation of ``0 .. n-1`` (int64 unless given)."""
    n = _int_arg(n, "randperm", "n", 1)
    if n < 0:
        raise RuntimeError(f"Trying to create tensor with negative dimension {n}: [{n}]")
    dt = D.int64 if dtype is None else dtype
    if dt is D.bool or dt._cat == D._COMPLEX:
        raise _not_implemented("randperm", dt)
    if dt._cat == D._INT and n > 0 and n - 1 > np.iinfo(dt._np).max:
        raise RuntimeError(f"value cannot be converted to type {dt._name}_t without overflow")
    arr = _rng(generator).permutation(n).astype(D.to_np(dt), copy=False)
    return _finish(arr, dt, device, requires_grad, out, "randperm")


# ---------------------------------------------------------------- normal
def _zero_grad(g):
    from ._creation import zeros_like

    return zeros_like(g)


class _Sample(Function):
    """A sample ``arr`` (drawn beforehand) from a distribution parametrised by tensors.
    torch treats samples as constants: every parameter's gradient is zero."""

    _raw = True

    @staticmethod
    def forward(ctx, arr, *params):
        return arr

    @staticmethod
    def backward(ctx, grad):
        return (None,) + tuple(_zero_grad(grad) for _ in ctx._edges[1:])


class _NormalTensorFloat(_Sample):
    _grad_name = "NormalBackward1"


class _NormalFloatTensor(_Sample):
    _grad_name = "NormalBackward2"


class _NormalTensorTensor(_Sample):
    _grad_name = "NormalBackward3"


class _Bernoulli(_Sample):
    _grad_name = "BernoulliBackward0"


class _BernoulliFloat(_Sample):
    _grad_name = "NotImplemented"  # sic: torch's name for bernoulli(input, p) nodes


class _Poisson(_Sample):
    _grad_name = "PoissonBackward0"


def _broadcast_shape(a, b):
    """Broadcast shape with torch's error message."""
    try:
        return np.broadcast_shapes(a, b)
    except ValueError:
        n = max(len(a), len(b))
        pa, pb = (1,) * (n - len(a)) + tuple(a), (1,) * (n - len(b)) + tuple(b)
        for i in range(n - 1, -1, -1):
            if pa[i] != pb[i] and pa[i] != 1 and pb[i] != 1:
                raise RuntimeError(f"The size of tensor a ({pa[i]}) must match the size of "
                                   f"tensor b ({pb[i]}) at non-singleton dimension {i}") from None
        raise


def _check_std(std):
    if std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")


def normal(mean=0.0, std=1.0, size=None, *, generator=None, out=None, dtype=None, layout=None,
           device=None, requires_grad=False, pin_memory=False):
    """Normal samples. Overloads: ``normal(mean_tensor, std_tensor)`` (broadcast),
    ``normal(mean_tensor, std=1.0)``, ``normal(mean=0.0, std_tensor)``, and
    ``normal(mean, std, size)`` with numbers (default float dtype unless ``dtype``)."""
    rng = _rng(generator)
    mt, st = isinstance(mean, Tensor), isinstance(std, Tensor)
    if mt or st:
        ref = mean if mt else std
        dt = ref._dtype
        if dt._cat < D._FLOAT:
            raise _not_implemented("normal_kernel_cpu", dt)
        if st:
            if (std._array < 0).any():
                raise RuntimeError("normal expects all elements of std >= 0.0")
        else:
            _check_std(std)
        shape = _broadcast_shape(mean._array.shape if mt else (),
                                 std._array.shape if st else ())
        m = mean._array if mt else mean
        s = std._array if st else std
        arr = (m + s * _standard_normal(rng, shape, dt)).astype(dt._np, copy=False)
        if mt and st:
            t = _NormalTensorTensor.apply(arr, mean, std)
        elif mt:
            t = _NormalTensorFloat.apply(arr, mean)
        else:
            t = _NormalFloatTensor.apply(arr, std)
        from ._creation import _write

        return _write(t, out, "normal")
    if size is None:
        raise TypeError("normal() received an invalid combination of arguments - got "
                        f"({type(mean).__name__}, {type(std).__name__}), but expected one of: "
                        "(Tensor mean, Tensor std), (Tensor mean, float std), "
                        "(float mean, Tensor std), (float mean, float std, tuple of ints size)")
    _check_std(std)
    dt = _float_dt(dtype, "normal_kernel_cpu", allow_complex=False)
    from ._creation import _size_args

    shape = _size_args((size,), "normal")
    arr = (mean + std * _standard_normal(rng, shape, dt)).astype(D.to_np(dt), copy=False)
    return _finish(arr, dt, device, requires_grad, out, "normal")


# ---------------------------------------------------------------- bernoulli / poisson
def _check_p(p, fname="bernoulli_"):
    if not 0 <= p <= 1:
        raise RuntimeError(f"{fname} expects p to be in [0, 1], but got p={p:g}")


def _check_p_tensor(arr):
    if not ((arr >= 0) & (arr <= 1)).all():
        raise RuntimeError("Expected p_in >= 0 && p_in <= 1 to be true, but got false.  "
                           "(Could this error message be improved?  If so, please report an "
                           "enhancement request to PyTorch.)")


def bernoulli(input, p=None, *, generator=None, out=None):
    """1 with probability ``input`` (or ``p``), else 0; same dtype and shape as ``input``."""
    from ._ops._util import check_tensor

    check_tensor(input, "bernoulli")
    rng = _rng(generator)
    if isinstance(p, Tensor):
        p = p.item()
    if p is None:
        if input._dtype._cat != D._FLOAT:
            raise _not_implemented("bernoulli_tensor_cpu_p_", input._dtype)
        _check_p_tensor(input._array)
        arr = (rng.random(input._array.shape) < input._array).astype(input._dtype._np)
        t = _Bernoulli.apply(arr, input)
    else:
        _check_p(p)
        arr = (rng.random(input._array.shape) < p).astype(input._dtype._np)
        t = _BernoulliFloat.apply(arr, input)
    from ._creation import _write

    return _write(t, out, "bernoulli")


def poisson(input, generator=None):
    """Poisson samples with rates ``input`` (same dtype)."""
    if input._dtype._cat != D._FLOAT:
        raise _not_implemented("poisson_cpu", input._dtype)
    lam = input._array
    if not (lam >= 0).all():
        raise RuntimeError("invalid Poisson rate, expected rate to be non-negative")
    arr = _rng(generator).poisson(lam).astype(input._dtype._np)
    return _Poisson.apply(arr, input)


# ---------------------------------------------------------------- multinomial
def multinomial(input, num_samples, replacement=False, *, generator=None, out=None):
    """Indices sampled from the (unnormalised) categorical rows of ``input``.

    Without replacement it draws exponential keys ``p / E`` and keeps the top
    ``num_samples`` per row (categories of probability 0 come last), vectorised over rows.
    """
    if input._dtype._cat != D._FLOAT:
        raise RuntimeError(f"multinomial only supports floating-point dtypes for input, got: "
                           f"{_short(input._dtype)}")
    p = input._array.astype(np.float64)
    if p.ndim not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    n_cat = p.shape[-1]
    if num_samples <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    if not replacement and num_samples > n_cat:
        raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without "
                           "replacement")
    if not np.isfinite(p).all() or (p < 0).any():
        raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
    rows = p.reshape(-1, n_cat)
    totals = rows.sum(axis=1)
    if (totals <= 0).any():
        raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
    rng = _rng(generator)
    if replacement:
        cdf = np.cumsum(rows / totals[:, None], axis=1)
        cdf[:, -1] = 1.0
        u = rng.random((rows.shape[0], num_samples))
        # one searchsorted over all rows: row r's cdf is shifted into [r, r + 1]
        offs = np.arange(rows.shape[0], dtype=np.float64)[:, None]
        idx = np.searchsorted((cdf + offs).ravel(), (u + offs).ravel(), side="right")
        idx = idx.reshape(u.shape) - (offs * n_cat).astype(np.int64)
        idx = np.minimum(idx, n_cat - 1)
    else:
        with np.errstate(divide="ignore"):
            keys = rows / rng.exponential(size=rows.shape)
        idx = np.argsort(-keys, axis=1, kind="stable")[:, :num_samples]
    arr = idx.astype(np.int64).reshape(p.shape[:-1] + (num_samples,))
    from ._creation import _write

    return _write(_make(arr, D.int64), out, "multinomial")


# ---------------------------------------------------------------- in-place Tensor methods
class _Fill(Function):
    """``t.<dist>_(...)``: overwrite ``t`` with samples ``arr`` drawn beforehand. The
    result does not depend on ``t``'s old values: its gradient is zero."""

    _raw = True

    @staticmethod
    def forward(ctx, t, arr):
        return arr.astype(t._dtype._np, copy=False)

    @staticmethod
    def backward(ctx, grad):
        return _zero_grad(grad), None


def _fill_class(name):
    return type(name.replace("Backward", "Fill"), (_Fill,), {"_grad_name": name,
                                                           "__module__": __name__})


_UniformFill = _fill_class("UniformBackward0")
_NormalFill = _fill_class("NormalBackward0")
_BernoulliFillTensor = _fill_class("BernoulliBackward1")
_BernoulliFill = _fill_class("BernoulliBackward2")
_RandomFromTo = _fill_class("RandomBackward0")
_RandomTo = _fill_class("RandomBackward1")
_RandomFill = _fill_class("RandomBackward2")
_ExponentialFill = _fill_class("ExponentialBackward0")
_GeometricFill = _fill_class("GeometricBackward0")
_CauchyFill = _fill_class("CauchyBackward0")
_LogNormalFill = _fill_class("LogNormalBackward0")


def _fill(cls, t, arr):
    return apply_inplace(cls, t, arr)


def _continuous(t, dist):
    dt = t._dtype
    if dt._cat < D._FLOAT:
        # torch names the dtype 'Long' for exponential_ but 'long int' for cauchy_
        name = _short(dt) if dist == "Exponential" else D.c_name(dt)
        raise RuntimeError(f"{dist} distribution is a continuous probability distribution. "
                           f"dtype must be a floating point but you specified {name}")


def uniform_(self, from_=0.0, to=1.0, *, generator=None, **kw):
    """Fill with samples uniform in [from, to)."""
    from_ = kw.pop("from", from_)
    if kw:
        raise TypeError(f"uniform_() got an unexpected keyword argument '{next(iter(kw))}'")
    dt = self._dtype
    if dt._cat < D._FLOAT:
        raise _not_implemented("check_uniform_bounds", dt)
    if not math.isfinite(from_):
        raise RuntimeError(f"from is out of bounds for {D.c_name(dt, 'float')}")
    if not math.isfinite(to):
        raise RuntimeError(f"to is out of bounds for {D.c_name(dt, 'float')}")
    if from_ > to:
        raise RuntimeError(f"uniform_ expects to return a [from, to) range, but found "
                           f"from={from_:g} > to={to:g}")
    rng, shape = _rng(generator), self._array.shape
    if dt._cat == D._COMPLEX:
        part = _complex_parts(dt)
        u = _uniform01(rng, shape, part) + 1j * _uniform01(rng, shape, part)
    else:
        u = _uniform01(rng, shape, dt)
    width = to - from_
    return _fill(_UniformFill, self, from_ + width * u if (from_, to) != (0, 1) else u)


def normal_(self, mean=0.0, std=1.0, *, generator=None):
    """Fill with normal samples of ``mean`` and ``std``."""
    dt = self._dtype
    if dt._cat < D._FLOAT:
        raise _not_implemented("normal_kernel_cpu", dt)
    _check_std(std)
    rng, shape = _rng(generator), self._array.shape
    if dt._cat == D._COMPLEX:
        part, s = _complex_parts(dt), math.sqrt(0.5)
        z = _standard_normal(rng, shape, part) * s + 1j * _standard_normal(rng, shape, part) * s
    else:
        z = _standard_normal(rng, shape, dt)
    return _fill(_NormalFill, self, mean + std * z)


def bernoulli_(self, p=0.5, *, generator=None):
    """Fill with 1 with probability ``p`` (a number or a tensor broadcast to ``self``)."""
    u = _rng(generator).random(self._array.shape)
    if isinstance(p, Tensor):
        _check_p_tensor(p._array)
        try:
            probs = np.broadcast_to(p._array, self._array.shape)
        except ValueError:
            raise RuntimeError(f"The expanded size of the tensor ({self._array.shape[-1]}) must "
                               f"match the existing size ({p._array.shape[-1]}) at "
                               "non-singleton dimension") from None
        return _fill(_BernoulliFillTensor, self, u < probs)
    _check_p(p)
    return _fill(_BernoulliFill, self, u < p)


def random_(self, *args, generator=None, **kw):
    """Fill with integers: ``random_()`` in [0, max], ``random_(to)`` in [0, to),
    ``random_(from, to)`` in [from, to) (``to=None``: up to the dtype's max)."""
    dt = self._dtype
    frm, to = kw.pop("from", None), kw.pop("to", None)
    if kw:
        raise TypeError(f"random_() got an unexpected keyword argument '{next(iter(kw))}'")
    cls = _RandomFill
    if len(args) == 2:
        frm, to = args
        cls = _RandomFromTo
    elif len(args) == 1:
        if to is None and frm is None:
            to, cls = args[0], _RandomTo
        else:
            frm, cls = args[0], _RandomFromTo
    elif args:
        raise TypeError(f"random_() takes at most 2 positional arguments ({len(args)} given)")
    elif to is not None:
        cls = _RandomFromTo if frm is not None else _RandomTo
    frm = 0 if frm is None else int(frm)
    to = _max_to(dt) if to is None else int(to)
    _check_random_bounds(frm, to, dt)
    return _fill(cls, self, _integers(_rng(generator), frm, to, self._array.shape))


def exponential_(self, lambd=1.0, *, generator=None):
    """Fill with exponential samples of rate ``lambd``."""
    _continuous(self, "Exponential")
    if not lambd > 0:
        raise RuntimeError(f"exponential_ expects lambda > 0.0, but found lambda={lambd:g}")
    arr = _rng(generator).standard_exponential(self._array.shape, dtype=np.float32 if
                                               self._dtype is D.float32 else np.float64)
    return _fill(_ExponentialFill, self, arr / np.asarray(lambd, arr.dtype))


def geometric_(self, p, *, generator=None):
    """Fill with the number of Bernoulli(p) trials up to the first success (>= 1)."""
    if not 0 < p < 1:
        raise RuntimeError(f"geometric_ expects p to be in (0, 1), but got p={p:g}")
    return _fill(_GeometricFill, self, _rng(generator).geometric(p, self._array.shape))


def cauchy_(self, median=0.0, sigma=1.0, *, generator=None):
    """Fill with Cauchy samples of ``median`` and scale ``sigma``."""
    _continuous(self, "Cauchy")
    if not sigma > 0:
        raise RuntimeError(f"cauchy_ expects sigma > 0.0, but found sigma={sigma:g}")
    return _fill(_CauchyFill, self,
                 median + sigma * _rng(generator).standard_cauchy(self._array.shape))


def log_normal_(self, mean=1.0, std=2.0, *, generator=None):
    """Fill with ``exp(N(mean, std))`` samples."""
    if self._dtype._cat != D._FLOAT:
        raise _not_implemented("log_normal_cpu", self._dtype)
    if not std > 0:
        raise RuntimeError(f"log_normal_ expects std > 0.0, but found std={std:g}")
    return _fill(_LogNormalFill, self, _rng(generator).lognormal(mean, std, self._array.shape))

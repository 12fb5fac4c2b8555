"""Randomness: numtorch's Generator (NumPy's PCG64 underneath) and every random op.

``manual_seed(s)`` reseeds the default generator, so every random op and DataLoader
shuffle that does not get its own generator is reproducible. Values are not torch's.
"""

import numpy as np

from . import _dtype as D
from ._backend import CPU, as_device, to_device
from ._tensor import Tensor, _make

__all__ = ["Generator", "manual_seed", "seed", "initial_seed", "get_rng_state",
           "set_rng_state", "rand", "randn", "randint", "randperm", "normal", "bernoulli",
           "multinomial", "rand_like", "randn_like", "randint_like", "poisson"]


class Generator:
    """A source of random numbers; ``manual_seed`` makes it reproducible."""

    def __init__(self, device="cpu"):
        self.device = as_device(device)
        self._seed = 67280421310721
        self._rng = np.random.Generator(np.random.PCG64(self._seed))

    def manual_seed(self, seed):
        seed = int(seed)
        if seed < 0:
            seed &= 0xFFFFFFFFFFFFFFFF
        self._seed = seed
        self._rng = np.random.Generator(np.random.PCG64(seed))
        return self

    def seed(self):
        s = int(np.random.SeedSequence().entropy) & 0xFFFFFFFFFFFFFFFF
        self.manual_seed(s)
        return s

    def initial_seed(self):
        return self._seed

    def get_state(self):
        import pickle

        state = pickle.dumps((self._seed, self._rng.bit_generator.state))
        return _make(np.frombuffer(state, dtype=np.uint8).copy(), D.uint8)

    def set_state(self, new_state):
        import pickle

        seed, st = pickle.loads(new_state._array.tobytes())  # our own bytes only
        self._seed = seed
        self._rng.bit_generator.state = st
        return self


default_generator = Generator()


def _rng(generator):
    return (generator or default_generator)._rng


def manual_seed(seed):
    """Seed the default generator (and CUDA's, when there is one)."""
    default_generator.manual_seed(seed)
    return default_generator


def seed():
    return default_generator.seed()


def initial_seed():
    return default_generator.initial_seed()


def get_rng_state():
    return default_generator.get_state()


def set_rng_state(new_state):
    default_generator.set_state(new_state)


def _size(size):
    from ._creation import _size_args

    return _size_args(size, "rand")


def _out(arr, dtype, device, requires_grad):
    from ._creation import _finish

    return _finish(arr, dtype, device, requires_grad)


def _float_dt(dtype, fname):
    dt = dtype or D.get_default_dtype()
    if dt._cat != D._FLOAT:
        raise RuntimeError(f"\"{fname}\" not implemented for '{_short(dt)}'")
    return dt


def _short(dt):
    from .autograd.function import _SHORT_NAMES

    return _SHORT_NAMES[dt._name]


def rand(*size, generator=None, out=None, dtype=None, layout=None, device=None,
         requires_grad=False, pin_memory=False):
    """Uniform samples in [0, 1)."""
    dt = _float_dt(dtype, "check_uniform_bounds")
    arr = _rng(generator).random(_size(size), dtype=np.float64 if dt is D.float64
                                 else np.float32).astype(D.to_np(dt), copy=False)
    return _out(arr, dt, device, requires_grad)


def randn(*size, generator=None, out=None, dtype=None, layout=None, device=None,
          requires_grad=False, pin_memory=False):
    """Standard normal samples."""
    dt = _float_dt(dtype, "normal_kernel_cpu")
    arr = _rng(generator).standard_normal(_size(size), dtype=np.float64 if dt is D.float64
                                          else np.float32).astype(D.to_np(dt), copy=False)
    return _out(arr, dt, device, requires_grad)


def randint(low=0, high=None, size=None, *, generator=None, out=None, dtype=None, layout=None,
            device=None, requires_grad=False):
    """Integers uniform in [low, high)."""
    if size is None:  # randint(high, size)
        low, high, size = 0, low, high
    if high is None:
        low, high = 0, low
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} "
                           f">= to={high}")
    dt = dtype or D.int64
    arr = _rng(generator).integers(low, high, size=_size((size,)), dtype=np.int64)
    return _out(arr.astype(D.to_np(dt)), dt, device, requires_grad)


def randperm(n, *, generator=None, out=None, dtype=None, layout=None, device=None,
             requires_grad=False, pin_memory=False):
    if n < 0:
        raise RuntimeError(f"n must be non-negative, got{n}")
    dt = dtype or D.int64
    return _out(_rng(generator).permutation(n).astype(D.to_np(dt)), dt, device, requires_grad)


def rand_like(input, *, dtype=None, device=None, requires_grad=False, **kw):
    return rand(input._array.shape, dtype=dtype or input._dtype, device=device or input._device,
                requires_grad=requires_grad)


def randn_like(input, *, dtype=None, device=None, requires_grad=False, **kw):
    return randn(input._array.shape, dtype=dtype or input._dtype,
                 device=device or input._device, requires_grad=requires_grad)


def randint_like(input, low=0, high=None, *, dtype=None, device=None, requires_grad=False, **kw):
    if high is None:
        low, high = 0, low
    return randint(low, high, input._array.shape, dtype=dtype or input._dtype,
                   device=device or input._device)


def normal(mean=0.0, std=1.0, size=None, *, generator=None, out=None, dtype=None, device=None,
           requires_grad=False):
    """Normal samples; ``mean``/``std`` may be tensors (broadcast) or numbers with ``size``."""
    rng = _rng(generator)
    if isinstance(mean, Tensor) or isinstance(std, Tensor):
        m = mean._array if isinstance(mean, Tensor) else mean
        s = std._array if isinstance(std, Tensor) else std
        if np.any(np.asarray(s) < 0):
            raise RuntimeError("normal expects all elements of std >= 0.0")
        ref = mean if isinstance(mean, Tensor) else std
        shape = np.broadcast_shapes(np.shape(m), np.shape(s))
        arr = (m + s * rng.standard_normal(shape)).astype(ref._dtype._np)
        return _make(arr, ref._dtype)
    if std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std}")
    dt = dtype or D.get_default_dtype()
    arr = (mean + std * rng.standard_normal(_size((size,)) if size is not None else ()))
    return _out(np.asarray(arr).astype(D.to_np(dt)), dt, device, requires_grad)


def bernoulli(input, p=None, *, generator=None, out=None):
    """1 with probability ``input`` (or ``p``), else 0; same dtype as ``input``."""
    probs = input._array if p is None else np.full(input._array.shape, p)
    if np.any((probs < 0) | (probs > 1)):
        raise RuntimeError("Expected p_in >= 0 && p_in <= 1 to be true, but got false.")
    arr = (_rng(generator).random(input._array.shape) < probs).astype(input._dtype._np)
    return _make(arr, input._dtype)


def poisson(input, generator=None):
    return _make(_rng(generator).poisson(input._array).astype(input._dtype._np), input._dtype)


def multinomial(input, num_samples, replacement=False, *, generator=None, out=None):
    p = input._array.astype(np.float64)
    if p.ndim not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if np.any(p < 0) or np.any(~np.isfinite(p)):
        raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
    rows = p.reshape(-1, p.shape[-1])
    rng = _rng(generator)
    res = []
    for r in rows:
        s = r.sum()
        if s <= 0:
            raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
        if not replacement and num_samples > np.count_nonzero(r):
            raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without "
                               "replacement")
        res.append(rng.choice(len(r), size=num_samples, replace=replacement, p=r / s))
    arr = np.asarray(res, dtype=np.int64).reshape(p.shape[:-1] + (num_samples,))
    return _make(arr, D.int64)


# ---------------------------------------------------------------- in-place Tensor methods
def _fill_random(t, arr):
    from .autograd.function import check_inplace

    check_inplace(t)
    t._array[...] = arr
    t._bump()
    return t


def uniform_(self, from_=0.0, to=1.0, *, generator=None, **kw):
    from_ = kw.pop("from", from_)
    if from_ > to:
        raise RuntimeError(f"uniform_ expects to return a [from, to) range, but found "
                           f"from={from_} > to={to}")
    return _fill_random(self, _rng(generator).uniform(from_, to, self._array.shape))


def normal_(self, mean=0.0, std=1.0, *, generator=None):
    if std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std}")
    return _fill_random(self, mean + std * _rng(generator).standard_normal(self._array.shape))


def bernoulli_(self, p=0.5, *, generator=None):
    probs = p._array if isinstance(p, Tensor) else p
    return _fill_random(self, _rng(generator).random(self._array.shape) < probs)


def random_(self, from_=0, to=None, *, generator=None):
    if to is None:
        from_, to = 0, from_ if from_ else (2 ** 24 if self._dtype is D.float32 else 2 ** 63 - 1)
    return _fill_random(self, _rng(generator).integers(from_, to, self._array.shape))


def exponential_(self, lambd=1.0, *, generator=None):
    return _fill_random(self, _rng(generator).exponential(1.0 / lambd, self._array.shape))


def geometric_(self, p, *, generator=None):
    return _fill_random(self, _rng(generator).geometric(p, self._array.shape))


def cauchy_(self, median=0.0, sigma=1.0, *, generator=None):
    return _fill_random(self, median + sigma * _rng(generator).standard_cauchy(self._array.shape))


def log_normal_(self, mean=1.0, std=2.0, *, generator=None):
    return _fill_random(self, _rng(generator).lognormal(mean, std, self._array.shape))

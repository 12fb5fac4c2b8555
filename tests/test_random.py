"""Random ops: reproducibility under manual_seed and generator=, distributions (moments on
100k samples), dtypes/shapes/errors equal to torch's for every call form. Values are not
expected to equal torch's."""

import warnings

import numpy as np
import pytest
import torch

import numtorch as nt

N = 100_000

# every random op, as a function of (lib, generator); each draws from the generator given
RANDOM_OPS = {
    "rand": lambda lib, g: lib.rand(3, 4, generator=g),
    "rand_f64": lambda lib, g: lib.rand(5, dtype=lib.float64, generator=g),
    "randn": lambda lib, g: lib.randn(3, 4, generator=g),
    "randint": lambda lib, g: lib.randint(10, (6,), generator=g),
    "randint_low": lambda lib, g: lib.randint(3, 10, (6,), generator=g),
    "randperm": lambda lib, g: lib.randperm(10, generator=g),
    "normal_numbers": lambda lib, g: lib.normal(2.0, 3.0, (5,), generator=g),
    "normal_tensor_tensor": lambda lib, g: lib.normal(lib.zeros(4), lib.ones(4), generator=g),
    "normal_tensor_float": lambda lib, g: lib.normal(lib.zeros(4), 2.0, generator=g),
    "normal_float_tensor": lambda lib, g: lib.normal(1.0, lib.ones(4), generator=g),
    "bernoulli": lambda lib, g: lib.bernoulli(lib.full((20,), 0.5), generator=g),
    "bernoulli_p": lambda lib, g: lib.bernoulli(lib.zeros(20), 0.5, generator=g),
    "multinomial": lambda lib, g: lib.multinomial(lib.ones(10), 5, generator=g),
    "multinomial_repl": lambda lib, g: lib.multinomial(lib.ones(2, 10), 8, True, generator=g),
    "poisson": lambda lib, g: lib.poisson(lib.full((10,), 3.0), generator=g),
    "rand_like": lambda lib, g: lib.rand_like(lib.ones(2, 3), generator=g),
    "randn_like": lambda lib, g: lib.randn_like(lib.ones(2, 3), generator=g),
    "randint_like": lambda lib, g: lib.randint_like(lib.ones(2, 3), 10, generator=g),
    "uniform_": lambda lib, g: lib.empty(6).uniform_(generator=g),
    "normal_": lambda lib, g: lib.empty(6).normal_(generator=g),
    "bernoulli_": lambda lib, g: lib.empty(20).bernoulli_(0.5, generator=g),
    "random_": lambda lib, g: lib.empty(6).random_(generator=g),
    "random_int64": lambda lib, g: lib.empty((), dtype=lib.int64).random_(generator=g),
    "exponential_": lambda lib, g: lib.empty(6).exponential_(generator=g),
    "geometric_": lambda lib, g: lib.empty(6).geometric_(0.3, generator=g),
    "cauchy_": lambda lib, g: lib.empty(6).cauchy_(generator=g),
    "log_normal_": lambda lib, g: lib.empty(6).log_normal_(generator=g),
}

# the same ops on the default generator (generator=None), for manual_seed
DEFAULT_OPS = {k: (lambda f: lambda lib: f(lib, None))(f) for k, f in RANDOM_OPS.items()}


def _np(t):
    return t.detach().numpy()


@pytest.mark.parametrize("name", list(RANDOM_OPS))
def test_manual_seed_reproducible(name):
    op = DEFAULT_OPS[name]
    nt.manual_seed(1234)
    a = _np(op(nt)).copy()
    b = _np(op(nt)).copy()
    nt.manual_seed(1234)
    c = _np(op(nt))
    np.testing.assert_array_equal(a, c)
    if a.size > 1:
        assert not np.array_equal(a, b), "two draws in a row gave the same values"


@pytest.mark.parametrize("name", list(RANDOM_OPS))
def test_generator_honoured(name):
    op = RANDOM_OPS[name]
    g = nt.Generator().manual_seed(7)
    a = _np(op(nt, g)).copy()
    nt.manual_seed(0)  # the default generator must not matter
    _ = nt.rand(3)
    g.manual_seed(7)
    b = _np(op(nt, g))
    np.testing.assert_array_equal(a, b)
    # drawing from g must not advance the default generator
    nt.manual_seed(5)
    ref = _np(nt.rand(4)).copy()
    nt.manual_seed(5)
    op(nt, g)
    np.testing.assert_array_equal(_np(nt.rand(4)), ref)


@pytest.mark.parametrize("name", list(RANDOM_OPS))
def test_shapes_and_dtypes_equal_torch(name):
    op = RANDOM_OPS[name]
    ours = op(nt, nt.Generator().manual_seed(0))
    theirs = op(torch, torch.Generator().manual_seed(0))
    assert tuple(ours.shape) == tuple(theirs.shape)
    assert repr(ours.dtype) == repr(theirs.dtype)


def test_generator_state_roundtrip():
    g = nt.Generator()
    assert g.initial_seed() == torch.Generator().initial_seed()
    assert repr(g.device) == repr(torch.Generator().device)
    assert g.manual_seed(3) is g and g.initial_seed() == 3
    state = g.get_state()
    assert state.dtype is nt.uint8 and state.dim() == 1
    a = nt.rand(5, generator=g)
    g.set_state(state)
    b = nt.rand(5, generator=g)
    assert a.tolist() == b.tolist()
    s = g.seed()
    assert isinstance(s, int) and g.initial_seed() == s and 0 <= s < 2**64


def test_default_generator_functions():
    assert nt.manual_seed(11) is nt.default_generator
    assert nt.initial_seed() == 11
    st = nt.get_rng_state()
    a = nt.randn(4)
    nt.set_rng_state(st)
    assert nt.randn(4).tolist() == a.tolist()
    s = nt.seed()
    assert nt.initial_seed() == s


@pytest.mark.parametrize("seed", [-1, 2**64 - 1, 1.7, 0])
def test_manual_seed_values_like_torch(seed):
    assert nt.manual_seed(seed).initial_seed() == torch.manual_seed(seed).initial_seed()


def test_manual_seed_overflow():
    with pytest.raises(ValueError):
        torch.manual_seed(2**64)
    with pytest.raises(ValueError):
        nt.manual_seed(2**64)


def test_generators_are_independent():
    g1, g2 = nt.Generator().manual_seed(1), nt.Generator().manual_seed(1)
    assert nt.rand(3, generator=g1).tolist() == nt.rand(3, generator=g2).tolist()
    g3 = nt.Generator().manual_seed(2)
    assert nt.rand(3, generator=g1).tolist() != nt.rand(3, generator=g3).tolist()


def test_bad_generator():
    with pytest.raises(TypeError):
        nt.randn(2, generator=5)


# ---------------------------------------------------------------- distributions
@pytest.fixture
def seeded():
    nt.manual_seed(2024)


def _moments(t):
    a = _np(t).astype(np.float64)
    return a.mean(), a.std()


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_rand_distribution(seeded, dtype):
    x = nt.rand(N, dtype=getattr(nt, dtype))
    assert x.dtype is getattr(nt, dtype)
    a = _np(x)
    assert a.min() >= 0 and a.max() < 1
    m, s = _moments(x)
    assert abs(m - 0.5) < 0.01 and abs(s - (1 / 12) ** 0.5) < 0.01


def test_randn_distribution(seeded):
    x = nt.randn(N)
    assert x.dtype is nt.float32
    m, s = _moments(x)
    assert abs(m) < 0.02 and abs(s - 1) < 0.02


def test_complex_rand_and_randn(seeded):
    x = nt.randn(N, dtype=nt.complex64)
    assert x.dtype is nt.complex64
    a = _np(x)
    assert abs(np.mean(np.abs(a) ** 2) - 1) < 0.03  # total variance 1, like torch
    u = _np(nt.rand(N, dtype=nt.complex128))
    assert 0 <= u.real.min() and u.real.max() < 1 and 0 <= u.imag.min() and u.imag.max() < 1


def test_randint_distribution(seeded):
    x = nt.randint(3, 10, (N,))
    a = _np(x)
    assert a.min() == 3 and a.max() == 9
    freq = np.bincount(a - 3) / N
    assert np.abs(freq - 1 / 7).max() < 0.01
    assert nt.randint(-5, 0, (100,)).max().item() < 0


def test_randperm_is_permutation(seeded):
    for n in [0, 1, 7, 1000]:
        p = nt.randperm(n)
        assert p.dtype is nt.int64 and sorted(p.tolist()) == list(range(n))


def test_normal_distributions(seeded):
    m, s = _moments(nt.normal(2.0, 3.0, (N,)))
    assert abs(m - 2) < 0.05 and abs(s - 3) < 0.05
    mean = nt.tensor([0.0, 10.0]).reshape(1, 2).expand(N, 2) if hasattr(nt.Tensor, "expand") \
        else nt.tensor([[0.0, 10.0]] * N)
    x = _np(nt.normal(mean, nt.tensor([1.0, 0.1])))
    assert x.shape == (N, 2)
    assert abs(x[:, 0].mean()) < 0.02 and abs(x[:, 0].std() - 1) < 0.02
    assert abs(x[:, 1].mean() - 10) < 0.01 and abs(x[:, 1].std() - 0.1) < 0.005
    y = _np(nt.normal(nt.full((N,), 5.0), 2.0))
    assert abs(y.mean() - 5) < 0.05 and abs(y.std() - 2) < 0.05
    z = _np(nt.normal(-1.0, nt.full((N,), 0.5)))
    assert abs(z.mean() + 1) < 0.02 and abs(z.std() - 0.5) < 0.02


def test_bernoulli_distribution(seeded):
    x = nt.bernoulli(nt.full((N,), 0.3))
    a = _np(x)
    assert set(np.unique(a)) <= {0.0, 1.0} and abs(a.mean() - 0.3) < 0.01
    probs = nt.tensor([0.0, 1.0, 0.5])
    for _ in range(3):
        r = nt.bernoulli(probs).tolist()
        assert r[0] == 0 and r[1] == 1
    assert abs(_np(nt.bernoulli(nt.zeros(N), 0.8)).mean() - 0.8) < 0.01


def test_multinomial_distribution(seeded):
    p = nt.tensor([0.1, 0.2, 0.7])
    draws = _np(nt.multinomial(p, N, replacement=True))
    assert np.abs(np.bincount(draws, minlength=3) / N - [0.1, 0.2, 0.7]).max() < 0.01
    # unnormalised weights, several rows at once
    w = nt.tensor([[1.0, 0.0, 3.0], [0.0, 5.0, 5.0]])
    d = _np(nt.multinomial(w, 20000, replacement=True))
    assert (d[0] != 1).all() and (d[1] != 0).all()
    assert abs((d[0] == 2).mean() - 0.75) < 0.02 and abs((d[1] == 2).mean() - 0.5) < 0.02
    # without replacement: distinct indices; nonzero categories before zero ones
    q = nt.multinomial(nt.tensor([0.0, 1.0, 0.0, 2.0]), 4)
    assert sorted(q.tolist()) == [0, 1, 2, 3] and set(q.tolist()[:2]) == {1, 3}
    first = _np(nt.multinomial(nt.tensor([1.0, 3.0]).reshape(1, 2).expand(20000, 2)
                               if hasattr(nt.Tensor, "expand")
                               else nt.tensor([[1.0, 3.0]] * 20000), 1))
    assert abs(first.mean() - 0.75) < 0.02


def test_poisson_distribution(seeded):
    m, s = _moments(nt.poisson(nt.full((N,), 4.0)))
    assert abs(m - 4) < 0.05 and abs(s**2 - 4) < 0.1


def test_inplace_distributions(seeded):
    x = nt.empty(N)
    a = _np(x.uniform_(2, 5))
    assert a.min() >= 2 and a.max() < 5 and abs(a.mean() - 3.5) < 0.02
    m, s = _moments(nt.empty(N).normal_(1, 2))
    assert abs(m - 1) < 0.03 and abs(s - 2) < 0.03
    m, s = _moments(nt.empty(N).exponential_(2.0))
    assert abs(m - 0.5) < 0.01 and abs(s - 0.5) < 0.01
    g = _np(nt.empty(N).geometric_(0.25))
    assert g.min() == 1 and abs(g.mean() - 4) < 0.1
    c = _np(nt.empty(N).cauchy_(1.0, 2.0))
    q1, med, q3 = np.percentile(c, [25, 50, 75])
    assert abs(med - 1) < 0.05 and abs((q3 - q1) - 4) < 0.15
    ln = np.log(_np(nt.empty(N).log_normal_(0.0, 0.5)))
    assert abs(ln.mean()) < 0.01 and abs(ln.std() - 0.5) < 0.01
    b = _np(nt.empty(N).bernoulli_(0.7))
    assert abs(b.mean() - 0.7) < 0.01
    pb = _np(nt.empty(3, N).bernoulli_(nt.tensor([0.1, 0.5, 0.9]).reshape(3, 1)))
    assert np.abs(pb.mean(axis=1) - [0.1, 0.5, 0.9]).max() < 0.01


def test_random_ranges(seeded):
    f = _np(nt.empty(N).random_())
    assert f.min() >= 0 and f.max() <= 2**24 and (f == np.round(f)).all() and f.max() > 2**23
    assert set(np.unique(_np(nt.empty(N, dtype=nt.int64).random_(5)))) == {0, 1, 2, 3, 4}
    r = _np(nt.empty(N, dtype=nt.int64).random_(-3, 3))
    assert r.min() == -3 and r.max() == 2
    u8 = _np(nt.empty(N, dtype=nt.uint8).random_())
    assert u8.min() == 0 and u8.max() == 255
    b = _np(nt.empty(100, dtype=nt.bool).random_())
    assert b.any() and not b.all()
    big = _np(nt.empty(1000, dtype=nt.int64).random_())
    assert big.min() >= 0 and big.max() > 2**60
    assert _np(nt.empty(100).random_(5, None)).min() >= 5
    assert _np(nt.empty(100, dtype=nt.uint8).random_(to=7)).max() < 7


def test_float32_stays_float32(seeded):
    x = nt.empty(10)
    for op in [lambda t: t.uniform_(), lambda t: t.normal_(0.5, 2), lambda t: t.exponential_(),
               lambda t: t.cauchy_(), lambda t: t.log_normal_(), lambda t: t.random_(),
               lambda t: t.bernoulli_(0.2), lambda t: t.geometric_(0.5)]:
        assert op(x).dtype is nt.float32 and x._array.dtype == np.float32
    assert nt.normal(0.0, 1.0, (3,)).dtype is nt.float32
    assert nt.normal(nt.zeros(3), nt.ones(3, dtype=nt.float64)).dtype is nt.float32
    assert nt.normal(nt.zeros(3, dtype=nt.float64), nt.ones(3)).dtype is nt.float64


def test_default_dtype_followed(seeded):
    nt.set_default_dtype(nt.float64)
    try:
        assert nt.rand(2).dtype is nt.float64 and nt.randn(2).dtype is nt.float64
        assert nt.normal(0.0, 1.0, (2,)).dtype is nt.float64
    finally:
        nt.set_default_dtype(nt.float32)


# ---------------------------------------------------------------- call forms vs torch
FORMS = {
    "rand_varargs": lambda lib: lib.rand(2, 3),
    "rand_tuple": lambda lib: lib.rand((2, 3)),
    "rand_list": lambda lib: lib.rand([2]),
    "rand_0d": lambda lib: lib.rand(()),
    "rand_size_kw": lambda lib: lib.rand(size=(2,)),
    "rand_f64": lambda lib: lib.rand(2, dtype=lib.float64),
    "rand_f16": lambda lib: lib.rand(2, dtype=lib.float16),
    "rand_complex": lambda lib: lib.rand(2, dtype=lib.complex64),
    "rand_rg": lambda lib: lib.rand(2, requires_grad=True),
    "rand_out": lambda lib: lib.rand(2, out=lib.empty(2)),
    "randn_2d": lambda lib: lib.randn(2, 3),
    "randn_f64": lambda lib: lib.randn(2, dtype=lib.float64),
    "randn_complex": lambda lib: lib.randn(2, dtype=lib.complex128),
    "randn_0d": lambda lib: lib.randn(()),
    "randn_rg": lambda lib: lib.randn(2, 3, dtype=lib.float64, requires_grad=True),
    "randint_high": lambda lib: lib.randint(10, (3,)),
    "randint_low_high": lambda lib: lib.randint(3, 10, (3,)),
    "randint_int32": lambda lib: lib.randint(3, 10, (3,), dtype=lib.int32),
    "randint_float": lambda lib: lib.randint(3, 10, (3,), dtype=lib.float32),
    "randint_bool": lambda lib: lib.randint(0, 2, (2,), dtype=lib.bool),
    "randint_size_kw": lambda lib: lib.randint(0, 10, size=(2, 2)),
    "randint_all_kw": lambda lib: lib.randint(high=10, size=(2,)),
    "randint_all_kw2": lambda lib: lib.randint(low=2, high=10, size=(2,)),
    "randint_list_size": lambda lib: lib.randint(10, [2, 2]),
    "randint_0d": lambda lib: lib.randint(10, ()),
    "randint_negative": lambda lib: lib.randint(-5, 0, (4,)),
    "randint_big": lambda lib: lib.randint(0, 2**63 - 1, (2,)),
    "randint_tensor_high": lambda lib: lib.randint(lib.tensor(10), (2,)),
    "randint_int16": lambda lib: lib.randint(3, 10, (2,), dtype=lib.int16),
    "randperm": lambda lib: lib.randperm(5),
    "randperm_int32": lambda lib: lib.randperm(5, dtype=lib.int32),
    "randperm_float": lambda lib: lib.randperm(5, dtype=lib.float32),
    "randperm_f16": lambda lib: lib.randperm(4, dtype=lib.float16),
    "randperm_0": lambda lib: lib.randperm(0),
    "normal_numbers": lambda lib: lib.normal(0.0, 1.0, (2, 3)),
    "normal_ints_size": lambda lib: lib.normal(0, 1, size=(2,)),
    "normal_numbers_dtype": lambda lib: lib.normal(2.0, 3.0, size=(2,), dtype=lib.float64),
    "normal_numbers_rg": lambda lib: lib.normal(0.0, 1.0, (2,), requires_grad=True),
    "normal_mean_tensor": lambda lib: lib.normal(lib.zeros(3), 1.0),
    "normal_std_tensor": lambda lib: lib.normal(0.0, lib.ones(3)),
    "normal_std_f64": lambda lib: lib.normal(0.0, lib.ones(2, dtype=lib.float64)),
    "normal_both": lambda lib: lib.normal(lib.zeros(3), lib.ones(3)),
    "normal_broadcast": lambda lib: lib.normal(lib.zeros(2, 1), lib.ones(3)),
    "normal_mean_f64": lambda lib: lib.normal(lib.zeros(3, dtype=lib.float64), lib.ones(3)),
    "bernoulli": lambda lib: lib.bernoulli(lib.full((3,), 0.5)),
    "bernoulli_f64": lambda lib: lib.bernoulli(lib.full((3,), 0.5, dtype=lib.float64)),
    "bernoulli_p": lambda lib: lib.bernoulli(lib.zeros(3), 0.3),
    "bernoulli_p_kw": lambda lib: lib.bernoulli(lib.zeros(3), p=0.3),
    "bernoulli_p_tensor": lambda lib: lib.bernoulli(lib.zeros(3), p=lib.tensor(0.5)),
    "bernoulli_method": lambda lib: lib.full((3,), 0.5).bernoulli(),
    "multinomial_repl": lambda lib: lib.multinomial(lib.tensor([0.2, 0.8]), 3, replacement=True),
    "multinomial": lambda lib: lib.multinomial(lib.tensor([0.2, 0.8]), 2),
    "multinomial_2d": lambda lib: lib.multinomial(lib.tensor([[0.2, 0.8], [0.5, 0.5]]), 2),
    "multinomial_zeros": lambda lib: lib.multinomial(lib.tensor([0.0, 1.0, 0.0]), 2),
    "multinomial_f64": lambda lib: lib.multinomial(lib.tensor([1.0, 2.0], dtype=lib.float64), 1),
    "multinomial_f16": lambda lib: lib.multinomial(lib.tensor([1.0, 2.0], dtype=lib.float16), 1),
    "multinomial_method": lambda lib: lib.ones(3).multinomial(2),
    "rand_like": lambda lib: lib.rand_like(lib.ones(2, 3)),
    "rand_like_f64": lambda lib: lib.rand_like(lib.ones(2, dtype=lib.float64)),
    "randn_like_f16": lambda lib: lib.randn_like(lib.ones(2, dtype=lib.float16)),
    "randn_like_dtype": lambda lib: lib.randn_like(lib.ones(2), dtype=lib.float64),
    "rand_like_rg": lambda lib: lib.rand_like(lib.ones(2), requires_grad=True),
    "randint_like": lambda lib: lib.randint_like(lib.ones(2, 3), 10),
    "randint_like_int32": lambda lib: lib.randint_like(lib.ones(2, dtype=lib.int32), 3, 10),
    "randint_like_kw": lambda lib: lib.randint_like(lib.ones(2), low=3, high=10),
    "randint_like_dtype": lambda lib: lib.randint_like(lib.ones(2), 10, dtype=lib.int64),
    "poisson": lambda lib: lib.poisson(lib.full((3,), 2.0)),
    "poisson_f64": lambda lib: lib.poisson(lib.full((3,), 2.0, dtype=lib.float64)),
    "uniform_": lambda lib: lib.ones(3).uniform_(),
    "uniform_range": lambda lib: lib.ones(3).uniform_(2, 3),
    "uniform_f64": lambda lib: lib.ones(3, dtype=lib.float64).uniform_(-1, 1),
    "uniform_to_kw": lambda lib: lib.ones(3).uniform_(to=5),
    "uniform_complex": lambda lib: lib.ones(3, dtype=lib.complex64).uniform_(),
    "normal_": lambda lib: lib.ones(3).normal_(),
    "normal_args": lambda lib: lib.ones(3).normal_(2, 3),
    "normal_kw": lambda lib: lib.ones(3).normal_(mean=1.0, std=0.0),
    "normal_complex": lambda lib: lib.ones(3, dtype=lib.complex64).normal_(),
    "bernoulli_": lambda lib: lib.ones(3).bernoulli_(),
    "bernoulli_float": lambda lib: lib.ones(3).bernoulli_(0.3),
    "bernoulli_tensor": lambda lib: lib.ones(3).bernoulli_(lib.full((3,), 0.3)),
    "bernoulli_broadcast": lambda lib: lib.ones(2, 3).bernoulli_(lib.full((3,), 0.5)),
    "bernoulli_int": lambda lib: lib.ones(3, dtype=lib.int64).bernoulli_(0.5),
    "bernoulli_bool": lambda lib: lib.ones(3, dtype=lib.bool).bernoulli_(0.5),
    "bernoulli_kw": lambda lib: lib.ones(3).bernoulli_(p=0.2),
    "random_": lambda lib: lib.ones(3).random_(),
    "random_to": lambda lib: lib.ones(3).random_(10),
    "random_from_to": lambda lib: lib.ones(3).random_(2, 10),
    "random_int": lambda lib: lib.ones(3, dtype=lib.int64).random_(5),
    "random_int_negative": lambda lib: lib.ones(3, dtype=lib.int64).random_(-3, 5),
    "random_uint8": lambda lib: lib.ones(3, dtype=lib.uint8).random_(),
    "random_bool": lambda lib: lib.ones(3, dtype=lib.bool).random_(),
    "random_bool_2": lambda lib: lib.ones(3, dtype=lib.bool).random_(2),
    "random_from_none": lambda lib: lib.ones(3).random_(5, None),
    "random_to_kw": lambda lib: lib.ones(3).random_(to=4),
    "random_negative": lambda lib: lib.ones(3).random_(-3, 0),
    "random_uint8_to_kw": lambda lib: lib.ones(3, dtype=lib.uint8).random_(to=7),
    "exponential_": lambda lib: lib.ones(3).exponential_(),
    "exponential_lambd": lambda lib: lib.ones(3).exponential_(2.0),
    "geometric_": lambda lib: lib.ones(3).geometric_(0.5),
    "geometric_int": lambda lib: lib.ones(3, dtype=lib.int64).geometric_(0.5),
    "cauchy_": lambda lib: lib.ones(3).cauchy_(),
    "cauchy_args": lambda lib: lib.ones(3).cauchy_(1.0, 2.0),
    "log_normal_": lambda lib: lib.ones(3).log_normal_(),
    "log_normal_args": lambda lib: lib.ones(3).log_normal_(0.0, 0.5),
}

ERRORS = {
    "rand_int": lambda lib: lib.rand(2, dtype=lib.int64),
    "rand_negative": lambda lib: lib.rand(-1),
    "rand_no_size": lambda lib: lib.rand(),
    "rand_like_int": lambda lib: lib.rand_like(lib.ones(2, dtype=lib.int64)),
    "randn_int": lambda lib: lib.randn(2, dtype=lib.int32),
    "randint_empty_range": lambda lib: lib.randint(5, 5, (3,)),
    "randint_low_gt_high": lambda lib: lib.randint(6, 5, (3,)),
    "randint_int_size": lambda lib: lib.randint(10, 3),
    "randint_no_size": lambda lib: lib.randint(10),
    "randint_float_high": lambda lib: lib.randint(2.5, (3,)),
    "randint_bool_bounds": lambda lib: lib.randint(10, (3,), dtype=lib.bool),
    "randint_uint8_bounds": lambda lib: lib.randint(0, 300, (3,), dtype=lib.uint8),
    "randint_uint8_from": lambda lib: lib.randint(-1, 5, (2,), dtype=lib.uint8),
    "randint_int8_from": lambda lib: lib.randint(-200, 5, (2,), dtype=lib.int8),
    "randint_int32_bounds": lambda lib: lib.randint(0, 2**31 + 1, (2,), dtype=lib.int32),
    "randint_int16_bounds": lambda lib: lib.randint(0, 2**15 + 1, (2,), dtype=lib.int16),
    "randint_complex": lambda lib: lib.randint(0, 10, (2,), dtype=lib.complex64),
    "randint_requires_grad": lambda lib: lib.randint(10, (3,), requires_grad=True),
    "randint_like_empty_range": lambda lib: lib.randint_like(lib.ones(2), 5, 3),
    "randperm_negative": lambda lib: lib.randperm(-1),
    "randperm_bool": lambda lib: lib.randperm(4, dtype=lib.bool),
    "randperm_uint8_overflow": lambda lib: lib.randperm(300, dtype=lib.uint8),
    "randperm_float": lambda lib: lib.randperm(2.5),
    "randperm_requires_grad": lambda lib: lib.randperm(5, requires_grad=True),
    "normal_negative_std": lambda lib: lib.normal(0.0, -1.0, (2,)),
    "normal_tensor_negative_std": lambda lib: lib.normal(lib.zeros(2), -1.0),
    "normal_negative_std_tensor": lambda lib: lib.normal(lib.zeros(2), -lib.ones(2)),
    "normal_int_mean": lambda lib: lib.normal(lib.zeros(3, dtype=lib.int64), 1.0),
    "normal_int_dtype": lambda lib: lib.normal(0, 1, (2,), dtype=lib.int64),
    "normal_no_size": lambda lib: lib.normal(0, 1),
    "normal_shape_mismatch": lambda lib: lib.normal(lib.zeros(3), lib.ones(2)),
    "normal_shape_mismatch2": lambda lib: lib.normal(lib.zeros(2, 3), lib.ones(6)),
    "bernoulli_p_out_of_range": lambda lib: lib.bernoulli(lib.full((3,), 2.0)),
    "bernoulli_float_p_out_of_range": lambda lib: lib.bernoulli(lib.zeros(3), 1.5),
    "bernoulli_int": lambda lib: lib.bernoulli(lib.ones(3, dtype=lib.int64)),
    "bernoulli_bool": lambda lib: lib.bernoulli(lib.zeros(3, dtype=lib.bool)),
    "multinomial_too_many": lambda lib: lib.multinomial(lib.tensor([0.2, 0.8]), 3),
    "multinomial_zero_sum": lambda lib: lib.multinomial(lib.tensor([0.0, 0.0]), 1),
    "multinomial_zero_row": lambda lib: lib.multinomial(lib.tensor([[1.0, 0.0], [0.0, 0.0]]), 1),
    "multinomial_negative": lambda lib: lib.multinomial(lib.tensor([-1.0, 2.0]), 1),
    "multinomial_inf": lambda lib: lib.multinomial(lib.tensor([1.0, float("inf")]), 1),
    "multinomial_nan": lambda lib: lib.multinomial(lib.tensor([float("nan"), 1.0]), 1),
    "multinomial_zero_samples": lambda lib: lib.multinomial(lib.tensor([1.0, 2.0]), 0),
    "multinomial_3d": lambda lib: lib.multinomial(lib.ones(2, 2, 2), 1),
    "multinomial_0d": lambda lib: lib.multinomial(lib.tensor(1.0), 1),
    "multinomial_int": lambda lib: lib.multinomial(lib.tensor([1, 2]), 1),
    "poisson_negative": lambda lib: lib.poisson(lib.full((3,), -2.0)),
    "poisson_int": lambda lib: lib.poisson(lib.ones(2, dtype=lib.int64)),
    "uniform_reversed": lambda lib: lib.ones(3).uniform_(3.5, 2.25),
    "uniform_reversed_int_args": lambda lib: lib.ones(3).uniform_(3, 2),
    "uniform_int": lambda lib: lib.ones(3, dtype=lib.int64).uniform_(),
    "uniform_nan": lambda lib: lib.ones(3).uniform_(float("nan"), 1),
    "uniform_inf": lambda lib: lib.ones(3).uniform_(0, float("inf")),
    "uniform_leaf": lambda lib: lib.ones(3, requires_grad=True).uniform_(),
    "normal_negative": lambda lib: lib.ones(3).normal_(0, -1.5),
    "normal_int": lambda lib: lib.ones(3, dtype=lib.int64).normal_(),
    "normal_leaf": lambda lib: lib.ones(3, requires_grad=True).normal_(),
    "bernoulli_p_big": lambda lib: lib.ones(3).bernoulli_(1.5),
    "bernoulli_tensor_p_big": lambda lib: lib.ones(3).bernoulli_(lib.tensor([0.5, 2.0, 0.1])),
    "random_reversed": lambda lib: lib.ones(3).random_(5, 2),
    "random_zero": lambda lib: lib.ones(3).random_(0),
    "random_uint8_bounds": lambda lib: lib.ones(3, dtype=lib.uint8).random_(300),
    "random_int8_from": lambda lib: lib.ones(3, dtype=lib.int8).random_(-200, 0),
    "random_bool_bounds": lambda lib: lib.ones(3, dtype=lib.bool).random_(3),
    "exponential_negative": lambda lib: lib.ones(3).exponential_(-0.5),
    "exponential_zero": lambda lib: lib.ones(3).exponential_(lambd=0.0),
    "exponential_int": lambda lib: lib.ones(3, dtype=lib.int64).exponential_(),
    "geometric_big": lambda lib: lib.ones(3).geometric_(1.5),
    "geometric_zero": lambda lib: lib.ones(3).geometric_(0.0),
    "geometric_one": lambda lib: lib.ones(3).geometric_(1.0),
    "cauchy_negative": lambda lib: lib.ones(3).cauchy_(0.0, -1.0),
    "cauchy_int": lambda lib: lib.ones(3, dtype=lib.int64).cauchy_(),
    "log_normal_negative": lambda lib: lib.ones(3).log_normal_(0.0, -1.0),
    "log_normal_int": lambda lib: lib.ones(3, dtype=lib.int64).log_normal_(),
}

# torch's argument-parser messages list every overload: type checked, not text
LOOSE_MESSAGES = {"rand_no_size", "randint_no_size", "normal_no_size", "randperm_float",
                  "randint_requires_grad", "randperm_requires_grad", "normal_shape_mismatch2",
                  "uniform_leaf", "normal_leaf"}


def _result(fn, lib):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return fn(lib), None
        except Exception as e:  # noqa: BLE001 - compared by the caller
            return None, e


@pytest.mark.parametrize("name", list(FORMS))
def test_call_forms_like_torch(name):
    theirs, terr = _result(FORMS[name], torch)
    ours, oerr = _result(FORMS[name], nt)
    assert terr is None, terr
    if oerr is not None:
        raise oerr
    assert tuple(ours.shape) == tuple(theirs.shape)
    assert repr(ours.dtype) == repr(theirs.dtype)
    assert ours.requires_grad == theirs.requires_grad


@pytest.mark.parametrize("name", list(ERRORS))
def test_errors_like_torch(name):
    _, terr = _result(ERRORS[name], torch)
    _, oerr = _result(ERRORS[name], nt)
    assert terr is not None, "torch did not raise"
    assert oerr is not None, f"numtorch did not raise; torch raised {terr!r}"
    assert type(oerr) is type(terr), (oerr, terr)
    if name not in LOOSE_MESSAGES:
        assert str(oerr) == str(terr)


def test_randint_float_out_of_exact_range_warns():
    with pytest.warns(UserWarning, match=r"to - 1 is out of bounds \[-\(2\^24\), 2\^24\]"):
        nt.randint(0, 2**25, (2,), dtype=nt.float32)


# ---------------------------------------------------------------- autograd of samples
def test_normal_is_differentiable_with_zero_gradients():
    for lib in (nt, torch):
        m = lib.zeros(3, requires_grad=True)
        s = lib.ones(3, requires_grad=True)
        out = lib.normal(m, s)
        assert type(out.grad_fn).__name__ == "NormalBackward3"
        out.sum().backward()
        assert m.grad.tolist() == [0.0] * 3 and s.grad.tolist() == [0.0] * 3
    for fn, name in [(lambda lib, t: lib.normal(t, 2.0), "NormalBackward1"),
                     (lambda lib, t: lib.normal(1.0, t), "NormalBackward2"),
                     (lambda lib, t: lib.bernoulli(t), "BernoulliBackward0"),
                     (lambda lib, t: lib.poisson(t), "PoissonBackward0")]:
        for lib in (nt, torch):
            t = lib.full((3,), 0.5, requires_grad=True)
            out = fn(lib, t)
            assert out.requires_grad and type(out.grad_fn).__name__ == name, (lib, name)
            out.sum().backward()
            assert t.grad.tolist() == [0.0] * 3


@pytest.mark.parametrize("op", ["uniform_()", "normal_()", "bernoulli_()",
                                "bernoulli_(lib.full((3,), 0.5))", "random_()", "random_(5)",
                                "random_(1, 5)", "exponential_()", "geometric_(0.5)",
                                "cauchy_()", "log_normal_()"])
def test_inplace_random_on_graph_tensor(op):
    names = []
    for lib in (nt, torch):
        x = lib.ones(3, requires_grad=True)
        y = x * 2
        z = eval("y." + op, {"y": y, "lib": lib})
        assert z is y and y.requires_grad and not y.is_leaf
        names.append(type(y.grad_fn).__name__)
        assert type(y.grad_fn.next_functions[0][0]).__name__ == "MulBackward0"
        y.sum().backward()
        assert x.grad.tolist() == [0.0] * 3
    assert names[0] == names[1]


def test_inplace_random_under_no_grad_init():
    w = nt.ones(3, requires_grad=True)
    with nt.no_grad():
        w.normal_()  # initialising a parameter: allowed under no_grad
    assert w.is_leaf and w.requires_grad and w.grad_fn is None

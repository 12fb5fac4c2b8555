"""Dropout modules: eval-mode identity against torch, training statistics, reproducibility,
channel dropout, reprs and errors."""

import math
import warnings

import numpy as np
import pytest
import torch

import numtorch
from nn_util import check_module

CLASSES = ["Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout",
           "FeatureAlphaDropout"]
SHAPES = {"Dropout": (4, 5), "Dropout1d": (2, 3, 4), "Dropout2d": (2, 3, 4, 5),
          "Dropout3d": (2, 3, 2, 2, 2), "AlphaDropout": (4, 5), "FeatureAlphaDropout": (2, 3, 4)}


def _x(shape, dt="float64", seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(dt)


@pytest.mark.parametrize("name", CLASSES)
@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_eval_mode_matches_torch(name, dt):
    check_module(lambda lib: getattr(lib.nn, name)(p=0.3), _x(SHAPES[name], dt), modes=("eval",))


@pytest.mark.parametrize("name", CLASSES)
def test_p0_training_is_identity(name):
    check_module(lambda lib: getattr(lib.nn, name)(0.0), _x(SHAPES[name]), modes=("train",))
    x = numtorch.randn(*SHAPES[name])
    assert getattr(numtorch.nn, name)(0.0)(x) is x


@pytest.mark.parametrize("name", CLASSES)
def test_repr(name):
    for args in [(), (0.2,), (0.7, True), (1,)]:
        assert repr(getattr(numtorch.nn, name)(*args)) == repr(getattr(torch.nn, name)(*args))


@pytest.mark.parametrize("name", CLASSES)
@pytest.mark.parametrize("p", [1.5, -0.1])
def test_bad_p(name, p):
    with pytest.raises(ValueError):
        getattr(torch.nn, name)(p)
    msg = f"dropout probability has to be between 0 and 1, but got {p}"
    with pytest.raises(ValueError, match=msg):
        getattr(numtorch.nn, name)(p)


@pytest.mark.parametrize("p", [0.1, 0.5, 0.8])
@pytest.mark.parametrize("dt", ["float32", "float64"])
def test_dropout_statistics(p, dt):
    numtorch.manual_seed(0)
    n = 200_000
    x = numtorch.ones(n, dtype=getattr(numtorch, dt))
    y = numtorch.nn.Dropout(p)(x)
    assert y.dtype == x.dtype
    a = y.numpy()
    zero = a == 0
    sigma = math.sqrt(p * (1 - p) / n)
    assert abs(zero.mean() - p) < 5 * sigma
    # kept values are scaled by exactly 1 / (1 - p), computed in the input's dtype
    scale = np.array(1, dt) / np.array(1 - p, dt)
    assert np.all(a[~zero] == scale)
    assert abs(a.mean() - 1) < 5 * sigma / (1 - p)


def test_dropout_gradient_uses_the_same_mask():
    numtorch.manual_seed(1)
    x = numtorch.randn(50, 40, requires_grad=True)
    y = numtorch.nn.functional.dropout(x, 0.4)
    assert type(y.grad_fn).__name__ == "MulBackward0"
    y.sum().backward()
    kept = (y != 0).numpy()
    np.testing.assert_array_equal(x.grad.numpy(), np.where(kept, np.float32(1 / 0.6), 0))


def test_reproducible_under_manual_seed():
    outs = []
    for _ in range(2):
        numtorch.manual_seed(123)
        m = numtorch.nn.Dropout(0.5)
        outs.append(np.stack([m(numtorch.ones(10, 10)).numpy() for _ in range(2)]))
    np.testing.assert_array_equal(outs[0], outs[1])
    assert not np.array_equal(outs[0][0], outs[0][1])  # successive calls differ


def test_eval_and_p0_return_input():
    x = numtorch.randn(3, 4)
    m = numtorch.nn.Dropout(0.5).eval()
    assert m(x) is x
    assert numtorch.nn.functional.dropout(x, 0.5, training=False) is x
    assert numtorch.nn.functional.dropout(x, 0.0) is x


def test_p1_zeroes_everything():
    x = numtorch.randn(3, 4, requires_grad=True)
    y = numtorch.nn.Dropout(1.0)(x)
    assert float(y.abs().sum()) == 0
    y.sum().backward()
    assert float(x.grad.abs().sum()) == 0


@pytest.mark.parametrize("name,shape", [("Dropout1d", (8, 16, 30)), ("Dropout1d", (16, 30)),
                                        ("Dropout2d", (8, 16, 5, 6)),
                                        ("Dropout3d", (4, 16, 3, 4, 5)),
                                        ("Dropout3d", (16, 3, 4, 5))])
def test_channel_dropout_zeroes_whole_channels(name, shape):
    numtorch.manual_seed(0)
    y = getattr(numtorch.nn, name)(0.5)(numtorch.ones(*shape)).numpy()
    batched = len(shape) == {"Dropout1d": 3, "Dropout2d": 4, "Dropout3d": 5}[name]
    chans = y.reshape((shape[0] * shape[1] if batched else shape[0]), -1)
    assert np.all((chans == 0).all(1) | (chans == 2).all(1))
    assert 0.2 < (chans[:, 0] == 0).mean() < 0.8


def test_inplace():
    numtorch.manual_seed(0)
    x = numtorch.ones(100, 100)
    y = numtorch.nn.Dropout(0.5, inplace=True)(x)
    assert y is x
    assert set(np.unique(x.numpy())) == {0.0, 2.0}
    a = numtorch.randn(3, 4, requires_grad=True).clone()
    y = numtorch.nn.functional.dropout(a, 0.5, inplace=True)
    assert y is a and type(y.grad_fn).__name__ == "MulBackward0"


@pytest.mark.parametrize("feature", [False, True])
def test_alpha_dropout_keeps_mean_and_variance(feature):
    numtorch.manual_seed(0)
    x = numtorch.randn(4000, 200)
    m = numtorch.nn.FeatureAlphaDropout(0.2) if feature else numtorch.nn.AlphaDropout(0.2)
    y = m(x).numpy()
    assert abs(y.mean()) < 0.05 and abs(y.std() - 1) < 0.05
    # dropped values all equal a * -alpha' + b, one value for the whole tensor
    a = 1 / math.sqrt((1.7580993408473766 ** 2 * 0.2 + 1) * 0.8)
    dropped = a * 1.7580993408473766 * (0.2 - 1)
    frac = np.isclose(y, dropped, atol=1e-6).mean()
    assert abs(frac - 0.2) < 0.02


def test_alpha_dropout_default_training_false():
    x = numtorch.randn(5)
    assert numtorch.nn.functional.alpha_dropout(x, 0.5) is x
    assert numtorch.nn.functional.feature_alpha_dropout(x, 0.5) is x


def test_gradcheck_eval_and_fixed_mask():
    x = numtorch.randn(3, 4, dtype=numtorch.float64, requires_grad=True)

    def f(x):
        numtorch.manual_seed(5)  # the same mask at every evaluation
        return numtorch.nn.functional.dropout(x, 0.3)

    assert numtorch.autograd.gradcheck(f, (x,))
    assert numtorch.autograd.gradgradcheck(f, (x,))


def _warned(fn):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        fn()
    return [str(x.message) for x in w]


@pytest.mark.parametrize("fname,shape", [("dropout2d", (2, 3, 4)), ("dropout2d", (2, 3)),
                                         ("dropout2d", (2, 3, 4, 5, 6)),
                                         ("dropout3d", (2, 3, 4)), ("dropout3d", (2, 3))])
def test_odd_rank_warnings(fname, shape):
    ours = _warned(lambda: getattr(numtorch.nn.functional, fname)(numtorch.ones(*shape)))
    theirs = _warned(lambda: getattr(torch.nn.functional, fname)(torch.ones(*shape)))
    assert ours == theirs and ours


def test_channel_errors():
    for lib in (torch, numtorch):
        with pytest.raises(RuntimeError, match="dropout1d: Expected 2D or 3D input, but received "
                                               "a 4D input"):
            lib.nn.Dropout1d()(lib.ones(2, 3, 4, 5))
        with pytest.raises(RuntimeError, match="Feature dropout requires at least 2 dimensions"):
            lib.nn.FeatureAlphaDropout()(lib.ones(3))
        with pytest.raises(TypeError, match=r"argument 'input' \(position 1\) must be Tensor"):
            lib.nn.functional.dropout([1.0, 2.0])


def test_aten_forms_for_top_level_names():
    """torch.dropout / alpha_dropout / feature_alpha_dropout(input, p, train): defined in
    _ops.dropout under private names (the public names belong to nn.functional's forms)."""
    from numtorch._ops import dropout as D

    x = numtorch.ones(4, 3, 2)
    for ours, theirs in [(D._top_dropout, torch.dropout),
                         (D._top_alpha_dropout, torch.alpha_dropout),
                         (D._top_feature_alpha_dropout, torch.feature_alpha_dropout)]:
        assert ours(x, 0.5, False) is x and ours(x, 0.0, True) is x
        assert ours(x, 0.5, True).shape == theirs(torch.ones(4, 3, 2), 0.5, True).shape
        with pytest.raises(RuntimeError, match="dropout probability has to be between 0 and 1"):
            ours(x, 1.5, False)

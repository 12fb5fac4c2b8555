"""nn.Identity, Linear, Bilinear, Flatten, Unflatten against torch; F.linear's graph."""

import math

import numpy as np
import pytest
import torch

import numtorch
from nn_util import check_module


def _x(shape, dt="float64", seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(dt)


CASES = [
    ("Linear", lambda nn: nn.Linear(5, 3), [(4, 5)]),
    ("Linear-1d", lambda nn: nn.Linear(5, 3), [(5,)]),
    ("Linear-3d", lambda nn: nn.Linear(5, 3), [(2, 4, 5)]),
    ("Linear-nobias", lambda nn: nn.Linear(5, 3, bias=False), [(4, 5)]),
    ("Linear-nobias-3d", lambda nn: nn.Linear(5, 3, bias=False), [(2, 4, 5)]),
    ("Linear-1-10", lambda nn: nn.Linear(1, 10), [(7, 1)]),
    ("Linear-empty-batch", lambda nn: nn.Linear(5, 3), [(0, 5)]),
    ("Bilinear", lambda nn: nn.Bilinear(3, 4, 2), [(5, 3), (5, 4)]),
    ("Bilinear-nobias", lambda nn: nn.Bilinear(3, 4, 2, bias=False), [(5, 3), (5, 4)]),
    ("Bilinear-3d", lambda nn: nn.Bilinear(3, 4, 2), [(2, 5, 3), (2, 5, 4)]),
    ("Identity", lambda nn: nn.Identity(), [(3, 4)]),
    ("Flatten", lambda nn: nn.Flatten(), [(2, 3, 4, 5)]),
    ("Flatten-0-2", lambda nn: nn.Flatten(0, 2), [(2, 3, 4, 5)]),
    ("Flatten-neg", lambda nn: nn.Flatten(-3, -2), [(2, 3, 4, 5)]),
    ("Unflatten", lambda nn: nn.Unflatten(1, (2, 5)), [(3, 10)]),
    ("Unflatten-list", lambda nn: nn.Unflatten(-1, [2, -1, 3]), [(3, 12)]),
    ("Unflatten-dim0", lambda nn: nn.Unflatten(0, (1, 3)), [(3, 4)]),
    ("MLP", lambda nn: nn.Sequential(nn.Flatten(), nn.Linear(12, 8), nn.ReLU(),
                                     nn.Linear(8, 4), nn.Unflatten(1, (2, 2))), [(5, 3, 4)]),
]


@pytest.mark.parametrize("dt", ["float64", "float32"])
@pytest.mark.parametrize("name,ctor,shapes", CASES, ids=[c[0] for c in CASES])
def test_module(name, ctor, shapes, dt):
    check_module(lambda lib: ctor(lib.nn), *[_x(s, dt, i) for i, s in enumerate(shapes)])


def test_unflatten_torch_size():
    for lib in (numtorch, torch):
        m = lib.nn.Unflatten(-1, lib.Size([2, 5]))
        assert repr(m) == "Unflatten(dim=-1, unflattened_size=torch.Size([2, 5]))"
        assert tuple(m(lib.ones(3, 10)).shape) == (3, 2, 5)


@pytest.mark.parametrize("expr", [
    "Identity()", "Identity(54, unused_argument1=0.1)", "Linear(1, 10)",
    "Linear(3, 4, bias=False)", "Bilinear(2, 3, 4)", "Bilinear(2, 3, 4, False)",
    "Flatten()", "Flatten(0, 2)", "Unflatten(1, (2, 5))", "Unflatten(1, [2, 5])",
])
def test_repr(expr):
    assert repr(eval("numtorch.nn." + expr)) == repr(eval("torch.nn." + expr))


def test_reprs_exact():
    nn = numtorch.nn
    assert repr(nn.Linear(1, 10)) == "Linear(in_features=1, out_features=10, bias=True)"
    assert repr(nn.Flatten()) == "Flatten(start_dim=1, end_dim=-1)"
    assert repr(nn.Unflatten(1, (2, 5))) == "Unflatten(dim=1, unflattened_size=(2, 5))"


def test_linear_init():
    numtorch.manual_seed(0)
    m = numtorch.nn.Linear(400, 300)
    bound = 1 / math.sqrt(400)
    for p in (m.weight, m.bias):
        a = p.detach().numpy()
        assert a.dtype == np.float32 and np.abs(a).max() <= bound
        assert np.abs(a).max() > 0.95 * bound and abs(a.mean()) < 0.05 * bound
    w = m.weight.detach().numpy()
    assert abs(w.std() - bound / math.sqrt(3)) < 0.02 * bound  # uniform's std
    assert [n for n, _ in m.named_parameters()] == ["weight", "bias"]
    assert m.weight.shape == (300, 400) and m.bias.shape == (300,)
    m = numtorch.nn.Linear(4, 2, bias=False, dtype=numtorch.float64)
    assert m.bias is None and m.weight.dtype == numtorch.float64
    assert list(m.state_dict()) == ["weight"]
    b = numtorch.nn.Bilinear(4, 3, 2)
    assert b.weight.shape == (2, 4, 3) and b.weight.abs().max().item() <= 0.5


def test_linear_zero_in_features_warns_like_torch():
    with pytest.warns(UserWarning, match="Initializing zero-element tensors is a no-op"):
        m = numtorch.nn.Linear(0, 3)
    assert m.bias.abs().sum().item() == 0  # bound 0
    assert m(numtorch.ones(2, 0)).tolist() == [[0.0] * 3] * 2


def test_linear_graph_and_double_backward():
    x = numtorch.randn(4, 3, dtype=numtorch.float64, requires_grad=True)
    w = numtorch.randn(2, 3, dtype=numtorch.float64, requires_grad=True)
    b = numtorch.randn(2, dtype=numtorch.float64, requires_grad=True)
    F = numtorch.nn.functional
    assert type(F.linear(x, w, b).grad_fn).__name__ == "AddmmBackward0"
    assert type(F.linear(x, w).grad_fn).__name__ == "MmBackward0"
    assert numtorch.autograd.gradcheck(F.linear, (x, w, b))
    assert numtorch.autograd.gradgradcheck(F.linear, (x, w, b))
    x3 = numtorch.randn(2, 2, 3, dtype=numtorch.float64, requires_grad=True)
    assert numtorch.autograd.gradcheck(F.linear, (x3, w, b))
    m = numtorch.nn.Bilinear(2, 3, 2).double()
    x1 = numtorch.randn(3, 2, dtype=numtorch.float64, requires_grad=True)
    x2 = numtorch.randn(3, 3, dtype=numtorch.float64, requires_grad=True)
    assert numtorch.autograd.gradcheck(m, (x1, x2))


def test_linear_float32_stays_float32():
    m = numtorch.nn.Linear(3, 2)
    y = m(numtorch.ones(4, 3))
    assert y.dtype == numtorch.float32 and y.detach().numpy().dtype == np.float32
    y.sum().backward()
    assert m.weight.grad.dtype == numtorch.float32 and m.bias.grad.dtype == numtorch.float32
    np.testing.assert_allclose(m.bias.grad.numpy(), [4.0, 4.0])


def test_errors():
    nn = numtorch.nn
    m = nn.Linear(5, 2)
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied "
                                           r"\(4x3 and 5x2\)"):
        m(numtorch.ones(4, 3))
    with pytest.raises(RuntimeError, match="negative dimension -1"):
        nn.Linear(-1, 3)
    with pytest.raises(RuntimeError, match="negative dimension -2"):
        nn.Linear(3, -2)
    with pytest.raises(ValueError, match=r"in1_features must be > 0, but got \(in1_features=0\)"):
        nn.Bilinear(0, 2, 3)
    with pytest.raises(RuntimeError, match=r"Provided sizes \[2, 4\] don't multiply up to the "
                                           r"size of dim 1 \(10\)"):
        nn.Unflatten(1, (2, 4))(numtorch.ones(2, 10))
    with pytest.raises(TypeError, match="unflattened_size must be a tuple of ints, but found "
                                        "type int"):
        nn.Unflatten(1, 5)
    with pytest.raises(TypeError, match="found element of type float at pos 0"):
        nn.Unflatten(1, (2.0, 5))
    with pytest.raises(RuntimeError, match="start_dim cannot come after end_dim"):
        nn.Flatten(2, 1)(numtorch.ones(2, 3, 4))
    with pytest.raises(IndexError, match="Dimension out of range"):
        nn.Flatten()(numtorch.ones(2))
    # the same exception types in torch
    with pytest.raises(RuntimeError):
        torch.nn.Linear(5, 2)(torch.ones(4, 3))
    with pytest.raises(RuntimeError):
        torch.nn.Unflatten(1, (2, 4))(torch.ones(2, 10))


def test_sdpa_dropout_statistics():
    # value = identity: the output is the (dropped-out, rescaled) attention matrix itself
    numtorch.manual_seed(0)
    F = numtorch.nn.functional
    q, k = numtorch.zeros(1, 200, 4), numtorch.zeros(1, 100, 4)
    out = F.scaled_dot_product_attention(q, k, numtorch.eye(100)[None], dropout_p=0.25)
    a = out.numpy()
    kept = a != 0
    assert abs(kept.mean() - 0.75) < 0.01
    np.testing.assert_allclose(a[kept], 0.01 / 0.75, rtol=1e-5)
    same = F.scaled_dot_product_attention(q, k, numtorch.eye(100)[None])
    np.testing.assert_allclose(same.numpy(), 0.01, rtol=1e-5)

"""nn.utils: gradient clipping and parameter/vector conversion against torch."""

import numpy as np
import pytest
import torch

import numtorch

SHAPES = [(3, 4), (5,), (2, 2, 2), ()]


def _params(lib, dt="float32", scale=1.0, with_none=False):
    """The same parameters with the same gradients in ``lib``."""
    rng = np.random.default_rng(0)
    ps = []
    for i, s in enumerate(SHAPES):
        p = lib.nn.Parameter(lib.from_numpy(np.asarray(rng.standard_normal(s), dt)))
        g = np.asarray(rng.standard_normal(s) * scale, dt)
        if not (with_none and i == 1):
            p.grad = lib.from_numpy(g)
        ps.append(p)
    return ps


def _grads(ps):
    return [None if p.grad is None else p.grad.numpy() for p in ps]


def _same_grads(a, b, rtol=1e-6):
    for x, y in zip(_grads(a), _grads(b)):
        if y is None:
            assert x is None
        else:
            np.testing.assert_allclose(x, y, rtol=rtol, atol=1e-7)


@pytest.mark.parametrize("norm_type", [2.0, 1, float("inf"), 3.0, "inf"])
@pytest.mark.parametrize("max_norm", [0.5, 1e3])
@pytest.mark.parametrize("dt", ["float32", "float64"])
def test_clip_grad_norm_(norm_type, max_norm, dt):
    ours, theirs = _params(numtorch, dt), _params(torch, dt)
    n_o = numtorch.nn.utils.clip_grad_norm_((p for p in ours), max_norm, norm_type)
    n_t = torch.nn.utils.clip_grad_norm_((p for p in theirs), max_norm, norm_type)
    assert isinstance(n_o, numtorch.Tensor) and n_o.shape == () and str(n_o.dtype) == str(n_t.dtype)
    np.testing.assert_allclose(n_o.numpy(), n_t.numpy(), rtol=1e-6)
    _same_grads(ours, theirs)


def test_clip_grad_norm_single_tensor_and_missing_grads():
    for lib in (numtorch, torch):
        p = lib.nn.Parameter(lib.zeros(2))
        p.grad = lib.tensor([3.0, 4.0])
        total = lib.nn.utils.clip_grad_norm_(p, 1.0)
        assert float(total) == 5.0
        np.testing.assert_allclose(p.grad.numpy(), [0.6, 0.8], rtol=1e-6)
        q = lib.nn.Parameter(lib.zeros(3))
        assert float(lib.nn.utils.clip_grad_norm_([q], 1.0)) == 0.0 and q.grad is None
        assert lib.nn.utils.clip_grad_norm_([], 1.0).dtype == lib.float32
    ours, theirs = _params(numtorch, with_none=True), _params(torch, with_none=True)
    np.testing.assert_allclose(numtorch.nn.utils.clip_grad_norm_(ours, 0.1).numpy(),
                               torch.nn.utils.clip_grad_norm_(theirs, 0.1).numpy(), rtol=1e-6)
    _same_grads(ours, theirs)


def test_clip_grad_norm_nonfinite():
    for lib in (numtorch, torch):
        p = lib.nn.Parameter(lib.zeros(3))
        p.grad = lib.tensor([1.0, float("nan"), 2.0])
        with pytest.raises(RuntimeError, match=r"The total norm of order 2.0 for gradients from "
                                               r"`parameters` is non-finite, so it cannot be "
                                               r"clipped. To disable this error"):
            lib.nn.utils.clip_grad_norm_(p, 1.0, error_if_nonfinite=True)
        assert lib.nn.utils.clip_grad_norm_(p, 1.0).isnan()
        assert np.isnan(p.grad.numpy()).all()


def test_clip_grad_norm_deprecated_alias():
    p = numtorch.nn.Parameter(numtorch.zeros(2))
    p.grad = numtorch.tensor([3.0, 4.0])
    with pytest.warns(FutureWarning, match="is now deprecated in favor of"):
        assert float(numtorch.nn.utils.clip_grad_norm(p, 1.0)) == 5.0


def test_get_total_norm_and_clip_grads_with_norm_():
    ts = [np.array([3.0, 4.0], np.float32), np.array([12.0], np.float64)]
    for norm_type in (2.0, 1.0, float("inf"), 0):
        a = numtorch.nn.utils.get_total_norm([numtorch.from_numpy(t) for t in ts], norm_type)
        b = torch.nn.utils.get_total_norm([torch.from_numpy(t) for t in ts], norm_type)
        assert str(a.dtype) == str(b.dtype)
        np.testing.assert_allclose(a.numpy(), b.numpy())
    ours, theirs = _params(numtorch), _params(torch)
    numtorch.nn.utils.clip_grads_with_norm_(ours, 1.0, numtorch.tensor(8.0))
    torch.nn.utils.clip_grads_with_norm_(theirs, 1.0, torch.tensor(8.0))
    _same_grads(ours, theirs)


@pytest.mark.parametrize("clip", [0.5, 2, 10.0])
def test_clip_grad_value_(clip):
    ours, theirs = _params(numtorch, scale=2.0, with_none=True), _params(torch, scale=2.0,
                                                                         with_none=True)
    assert numtorch.nn.utils.clip_grad_value_(ours, clip) is None
    torch.nn.utils.clip_grad_value_(theirs, clip)
    _same_grads(ours, theirs, rtol=0)
    with pytest.raises(ValueError):
        numtorch.nn.utils.clip_grad_value_(ours, "a")


def test_clip_after_backward():
    """The usual loop: backward, clip, the same grads as torch."""
    res = []
    for lib in (numtorch, torch):
        lin = lib.nn.Linear(4, 3)
        with lib.no_grad():
            lin.weight.copy_(lib.from_numpy(np.arange(12.0, dtype=np.float32).reshape(3, 4) / 10))
            lin.bias.fill_(0.5)
        lin(lib.ones(5, 4)).pow(2).sum().backward()
        n = lib.nn.utils.clip_grad_norm_(lin.parameters(), 1.0)
        res.append((float(n), lin.weight.grad.numpy().copy(), lin.bias.grad.numpy().copy()))
    assert np.isclose(res[0][0], res[1][0], rtol=1e-6)
    np.testing.assert_allclose(res[0][1], res[1][1], rtol=1e-5)
    np.testing.assert_allclose(res[0][2], res[1][2], rtol=1e-5)


def test_parameters_to_vector_round_trip():
    ps = _params(numtorch)
    v = numtorch.nn.utils.parameters_to_vector(ps)
    vt = torch.nn.utils.parameters_to_vector(_params(torch))
    np.testing.assert_array_equal(v.detach().numpy(), vt.detach().numpy())
    assert type(v.grad_fn).__name__ == "CatBackward0"
    new = numtorch.arange(float(v.numel()))
    numtorch.nn.utils.vector_to_parameters(new, ps)
    for p, s in zip(ps, SHAPES):
        assert tuple(p.shape) == s and p.requires_grad
    np.testing.assert_array_equal(numtorch.nn.utils.parameters_to_vector(ps).detach().numpy(),
                                  new.numpy())
    # like torch, each parameter's data is now a view of the vector
    new[0] = 100.0
    assert float(ps[0][0, 0]) == 100.0


def test_parameters_to_vector_gradient():
    ps = _params(numtorch)
    for p in ps:
        p.grad = None
    (numtorch.nn.utils.parameters_to_vector(ps) * 2).sum().backward()
    for p in ps:
        np.testing.assert_array_equal(p.grad.numpy(), np.full(p.shape, 2.0, np.float32))


def test_vector_to_parameters_errors():
    for lib in (numtorch, torch):
        ps = [lib.nn.Parameter(lib.ones(2, 2)), lib.nn.Parameter(lib.zeros(3))]
        with pytest.raises(TypeError, match="expected torch.Tensor, but got: list"):
            lib.nn.utils.vector_to_parameters([1.0] * 7, ps)
        with pytest.raises(RuntimeError, match=r"shape '\[3\]' is invalid for input of size 2"):
            lib.nn.utils.vector_to_parameters(lib.arange(6.0), ps)


def test_submodules():
    from numtorch.nn.utils import clip_grad, convert_parameters, rnn  # noqa: F401

    assert numtorch.nn.utils.clip_grad.clip_grad_norm_ is numtorch.nn.utils.clip_grad_norm_
    assert hasattr(numtorch.nn.utils.rnn, "pad_sequence")

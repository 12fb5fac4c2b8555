"""nn.utils.parametrize, parametrizations.weight_norm/spectral_norm and the hook-based
weight_norm/spectral_norm against torch."""

import copy
import pickle
import warnings

import numpy as np
import pytest
import torch

import numtorch
from nn_util import check_module

P = "parametrizations"


def _quiet(fn):
    """Run ``fn`` with the old weight_norm's FutureWarning silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return fn()


def _same_error(fn):
    """``fn(lib)`` raises the same exception type and message in both libraries."""
    errs = []
    for lib in (numtorch, torch):
        with pytest.raises(Exception) as e:
            fn(lib)
        errs.append(e.value)
    assert type(errs[0]) is type(errs[1]), (errs[0], errs[1])
    assert str(errs[0]) == str(errs[1])


def _np(t):
    return t.detach().numpy()


def _copy_into(src, dst, lib):
    dst.load_state_dict({k: lib.from_numpy(_np(v).copy()) for k, v in src.state_dict().items()})


X2 = np.random.default_rng(0).standard_normal((2, 3, 6, 6)).astype(np.float32)
X1 = np.random.default_rng(1).standard_normal((5, 4)).astype(np.float32)


def _linear(lib):
    return lib.nn.Linear(4, 3)


def _conv(lib):
    return lib.nn.Conv2d(3, 2, 3)


def _convt(lib):
    return lib.nn.ConvTranspose2d(3, 2, 3)


# ------------------------------------------------------------ parametrizations.*
@pytest.mark.parametrize("dim", [0, 1, None, -2])
def test_weight_norm_linear(dim):
    ours, _ = check_module(lambda lib: lib.nn.utils.parametrizations.weight_norm(
        _linear(lib), dim=dim), X1)
    assert type(ours).__name__ == "ParametrizedLinear"


@pytest.mark.parametrize("make,x", [(_conv, X2), (_convt, X2)])
def test_weight_norm_conv(make, x):
    check_module(lambda lib: lib.nn.utils.parametrizations.weight_norm(make(lib)), x)
    check_module(lambda lib: lib.nn.utils.parametrizations.weight_norm(make(lib), dim=2), x)


@pytest.mark.parametrize("make,x", [(_linear, X1), (_conv, X2), (_convt, X2)])
def test_spectral_norm(make, x):
    # the state copy carries _u/_v, so training's power iteration matches too
    check_module(lambda lib: lib.nn.utils.parametrizations.spectral_norm(make(lib)), x)
    check_module(lambda lib: lib.nn.utils.parametrizations.spectral_norm(
        make(lib), n_power_iterations=3, dim=1, eps=1e-6), x)


def test_spectral_norm_bias_1d_and_buffers():
    # a 1-d tensor is only normalized: no buffers
    check_module(lambda lib: lib.nn.utils.parametrizations.spectral_norm(_linear(lib), "bias"),
                 X1)
    numtorch.manual_seed(0)
    m = numtorch.nn.utils.parametrizations.spectral_norm(numtorch.nn.Linear(6, 5))
    sn = m.parametrizations.weight[0]
    assert sn._u.shape == (5,) and sn._v.shape == (6,)
    # after 15 power iterations at registration, sigma is the largest singular value
    w = m.parametrizations.weight.original.detach().numpy()
    np.testing.assert_allclose(np.linalg.svd(m.weight.detach().numpy(), compute_uv=False)[0],
                               1.0, rtol=1e-3)
    assert np.isclose(np.linalg.svd(w, compute_uv=False)[0],
                      float(numtorch.vdot(sn._u, numtorch.mv(m.parametrizations.weight.original,
                                                             sn._v))), rtol=1e-3)


def test_spectral_norm_power_iteration_only_in_training():
    m = numtorch.nn.utils.parametrizations.spectral_norm(numtorch.nn.Linear(4, 3))
    u = m.parametrizations.weight[0]._u.clone()
    m.eval()
    m(numtorch.ones(1, 4))
    assert numtorch.equal(m.parametrizations.weight[0]._u, u)
    with numtorch.no_grad():
        m.parametrizations.weight.original.mul_(numtorch.tensor([[1.0], [3.0], [0.5]]))
    m.train()
    m(numtorch.ones(1, 4))
    assert not numtorch.equal(m.parametrizations.weight[0]._u, u)


def test_weight_norm_loads_old_state_dict():
    # torch's old-style checkpoint (weight_g, weight_v) into the parametrization
    old = _quiet(lambda: torch.nn.utils.weight_norm(torch.nn.Linear(4, 3)))
    with torch.no_grad():
        old.weight_g.mul_(2.0)
    new = numtorch.nn.utils.parametrizations.weight_norm(numtorch.nn.Linear(4, 3))
    new.load_state_dict({k: numtorch.from_numpy(_np(v).copy())
                         for k, v in old.state_dict().items()})
    np.testing.assert_allclose(_np(new.parametrizations.weight.original0), _np(old.weight_g))
    np.testing.assert_allclose(_np(new(numtorch.ones(1, 4))), _np(old(torch.ones(1, 4))),
                               rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("which", ["weight_norm", "spectral_norm"])
@pytest.mark.parametrize("leave", [True, False])
def test_remove_parametrizations(which, leave):
    make = lambda lib: getattr(lib.nn.utils.parametrizations, which)(  # noqa: E731
        lib.nn.Linear(4, 3))
    if which == "weight_norm" and not leave:
        _same_error(lambda lib: lib.nn.utils.parametrize.remove_parametrizations(
            make(lib), "weight", leave_parametrized=False))
        return
    theirs, ours = make(torch), make(numtorch)
    _copy_into(theirs, ours, numtorch)
    got = []
    for lib, m in ((numtorch, ours), (torch, theirs)):
        p = m.parametrizations.weight.original if which == "spectral_norm" else None
        lib.nn.utils.parametrize.remove_parametrizations(m, "weight", leave_parametrized=leave)
        assert type(m) is lib.nn.Linear and not hasattr(m, P)
        assert isinstance(m.weight, lib.nn.Parameter)
        if p is not None:
            assert m.weight is p  # the same Parameter: optimizers keep it
        assert list(m.state_dict()) == ["bias", "weight"]
        got.append(_np(m.weight))
    np.testing.assert_allclose(got[0], got[1], rtol=1e-5, atol=1e-6)


# ------------------------------------------------------------ custom parametrizations
def _symmetric(lib):
    class Symmetric(lib.nn.Module):
        def forward(self, X):
            return X.triu() + X.triu(1).mT

        def right_inverse(self, A):
            return A.triu()

    return Symmetric


def _scale(lib):
    class Scale(lib.nn.Module):
        def forward(self, X):
            return 2.0 * X

        def right_inverse(self, A):
            return A / 2.0

    return Scale


def _skew(lib):
    class Skew(lib.nn.Module):  # no right_inverse: assignment fails
        def forward(self, X):
            return X - X.mT

    return Skew


def test_custom_parametrization_against_torch():
    check_module(lambda lib: lib.nn.utils.parametrize.register_parametrization(
        lib.nn.Linear(4, 4), "weight", _symmetric(lib)()), X1)
    # two parametrizations on one tensor, and one on a buffer-free bias
    def two(lib):
        m = lib.nn.Linear(4, 4)
        lib.nn.utils.parametrize.register_parametrization(m, "weight", _symmetric(lib)())
        lib.nn.utils.parametrize.register_parametrization(m, "weight", _scale(lib)())
        lib.nn.utils.parametrize.register_parametrization(m, "bias", _scale(lib)())
        return m
    ours, _ = check_module(two, X1)
    assert list(ours.state_dict()) == ["parametrizations.weight.original",
                                       "parametrizations.bias.original"]


def test_right_inverse_and_assignment():
    for lib in (numtorch, torch):
        pz = lib.nn.utils.parametrize
        m = lib.nn.Linear(3, 3)
        w0 = m.weight
        A = lib.from_numpy(np.arange(9.0, dtype=np.float32).reshape(3, 3))
        pz.register_parametrization(m, "weight", _symmetric(lib)())
        pz.register_parametrization(m, "weight", _scale(lib)())
        orig = m.parametrizations.weight.original
        assert orig is w0 and isinstance(orig, lib.nn.Parameter)  # kept through set_
        assert pz.is_parametrized(m) and pz.is_parametrized(m, "weight")
        assert not pz.is_parametrized(m, "bias")
        assert pz.type_before_parametrizations(m) is lib.nn.Linear
        assert type(m).__name__ == "ParametrizedLinear" and isinstance(m, lib.nn.Linear)
        m.weight = A  # stored as Symmetric.right_inverse(Scale.right_inverse(A))
        np.testing.assert_array_equal(_np(orig), np.triu(A.numpy() / 2))
        assert m.parametrizations.weight.original is orig
        W = m.weight.detach().numpy()
        np.testing.assert_array_equal(W, W.T)
        np.testing.assert_array_equal(np.triu(W), np.triu(A.numpy()))
        # parametrizations are per instance: another Linear is untouched
        assert type(lib.nn.Linear(2, 2)).__name__ == "Linear"
        assert not isinstance(type(m).__dict__.get("bias"), property)
    _same_error(lambda lib: setattr(lib.nn.utils.parametrize.register_parametrization(
        lib.nn.Linear(3, 3), "weight", _skew(lib)()), "weight", lib.zeros(3, 3)))


def test_right_inverse_sequence_and_buffer():
    class Split(numtorch.nn.Module):
        def forward(self, a, b):
            return a + b

        def right_inverse(self, X):
            return X / 2, X / 2

    m = numtorch.nn.BatchNorm1d(3)
    m.running_mean.fill_(4.0)
    numtorch.nn.utils.parametrize.register_parametrization(m, "running_mean", Split())
    pl = m.parametrizations.running_mean
    assert not pl.is_tensor and pl.ntensors == 2
    assert [k for k in m.state_dict() if "running_mean" in k] == [
        "parametrizations.running_mean.original0", "parametrizations.running_mean.original1"]
    assert dict(m.named_buffers())["parametrizations.running_mean.original0"].tolist() == [2.0] * 3
    m.running_mean = numtorch.full((3,), 10.0)
    assert pl.original1.tolist() == [5.0] * 3 and m.running_mean.tolist() == [10.0] * 3
    numtorch.nn.utils.parametrize.remove_parametrizations(m, "running_mean")
    assert "running_mean" in m._buffers and m.running_mean.tolist() == [10.0] * 3


def test_cached():
    for lib in (numtorch, torch):
        pz = lib.nn.utils.parametrize
        m = pz.register_parametrization(lib.nn.Linear(3, 3), "weight", _symmetric(lib)())
        assert m.weight is not m.weight
        with pz.cached():
            w = m.weight
            assert m.weight is w
            with pz.cached():
                assert m.weight is w
            assert m.weight is w
        assert m.weight is not w


def test_remove_custom_leave_false_and_transfer():
    for lib in (numtorch, torch):
        pz = lib.nn.utils.parametrize
        m = pz.register_parametrization(lib.nn.Linear(3, 3), "weight", _scale(lib)())
        before = _np(m.parametrizations.weight.original)
        pz.remove_parametrizations(m, "weight", leave_parametrized=False)
        np.testing.assert_array_equal(_np(m.weight), before)
        assert type(m) is lib.nn.Linear and list(m.state_dict()) == ["bias", "weight"]

        src = pz.register_parametrization(lib.nn.Linear(3, 3), "weight", _symmetric(lib)())
        dst = lib.nn.Linear(3, 3)
        pz.transfer_parametrizations_and_params(src, dst)
        assert type(dst).__name__ == "ParametrizedLinear"
        assert dst.parametrizations.weight.original is src.parametrizations.weight.original
        np.testing.assert_array_equal(_np(dst.weight), _np(src.weight))


def test_deepcopy_and_pickle():
    for lib in (numtorch, torch):
        m = lib.nn.utils.parametrizations.weight_norm(lib.nn.Linear(3, 2))
        c = copy.deepcopy(m)
        assert type(c).__name__ == "ParametrizedLinear"
        np.testing.assert_array_equal(_np(c.weight), _np(m.weight))
        assert c.parametrizations.weight.original1 is not m.parametrizations.weight.original1
    _same_error(lambda lib: pickle.dumps(
        lib.nn.utils.parametrizations.weight_norm(lib.nn.Linear(3, 2))))


def test_parametrize_errors():
    pz = lambda lib: lib.nn.utils.parametrize  # noqa: E731

    class Bad:
        @staticmethod
        def shape(lib):
            class Shape(lib.nn.Module):
                def forward(self, X):
                    return X[0]
            return Shape()

        @staticmethod
        def dtype(lib):
            class Dtype(lib.nn.Module):
                def forward(self, X):
                    return X.double()
            return Dtype()

        @staticmethod
        def notensor(lib):
            class NoTensor(lib.nn.Module):
                def forward(self, X):
                    return 3
            return NoTensor()

    for kind in ("shape", "dtype", "notensor"):
        _same_error(lambda lib: pz(lib).register_parametrization(
            lib.nn.Linear(3, 3), "weight", getattr(Bad, kind)(lib)))
        # and when appended to an existing parametrization
        _same_error(lambda lib: pz(lib).register_parametrization(
            pz(lib).register_parametrization(lib.nn.Linear(3, 3), "weight", _scale(lib)()),
            "weight", getattr(Bad, kind)(lib)))
    # unsafe lets a shape change through
    for lib in (numtorch, torch):
        m = pz(lib).register_parametrization(lib.nn.Linear(3, 3), "weight", Bad.shape(lib),
                                             unsafe=True)
        assert m.weight.shape == (3,)
    _same_error(lambda lib: pz(lib).register_parametrization(
        lib.nn.Linear(3, 3), "nothing", _scale(lib)()))
    _same_error(lambda lib: pz(lib).remove_parametrizations(lib.nn.Linear(3, 3), "weight"))
    _same_error(lambda lib: pz(lib).ParametrizationList([], lib.zeros(2)))


# ------------------------------------------------------------ hook-based (old) versions
@pytest.mark.parametrize("make,x,dim", [(_linear, X1, 0), (_linear, X1, None),
                                        (_conv, X2, 0), (_conv, X2, 1)])
def test_old_weight_norm(make, x, dim):
    ours, _ = check_module(lambda lib: _quiet(lambda: lib.nn.utils.weight_norm(make(lib),
                                                                               dim=dim)), x)
    assert [n for n, _ in ours.named_parameters()] == ["bias", "weight_g", "weight_v"]


def test_old_weight_norm_warning_and_remove():
    msgs = []
    for lib in (numtorch, torch):
        with pytest.warns(FutureWarning) as rec:
            m = lib.nn.utils.weight_norm(lib.nn.Linear(4, 3))
        msgs.append(str(rec[0].message))
        if lib is numtorch:
            ours = m
        else:
            _copy_into(m, ours, numtorch)
            ours(numtorch.ones(1, 4))
        for mm, ll in ((ours, numtorch), (m, torch)):
            with pytest.warns(FutureWarning):
                _same_error(lambda _: ll.nn.utils.weight_norm(mm))
    assert msgs[0] == msgs[1]
    w = _np(m.weight)
    for lib, mm in ((numtorch, ours), (torch, m)):
        lib.nn.utils.remove_weight_norm(mm)
        assert [n for n, _ in mm.named_parameters()] == ["bias", "weight"]
        assert isinstance(mm.weight, lib.nn.Parameter) and not mm._forward_pre_hooks
        np.testing.assert_allclose(_np(mm.weight), w, rtol=1e-6)
    _same_error(lambda lib: lib.nn.utils.remove_weight_norm(lib.nn.Linear(4, 3)))


@pytest.mark.parametrize("make,x", [(_linear, X1), (_conv, X2), (_convt, X2)])
def test_old_spectral_norm(make, x):
    ours, theirs = check_module(lambda lib: lib.nn.utils.spectral_norm(make(lib)), x)
    assert list(ours.state_dict()) == list(theirs.state_dict())
    check_module(lambda lib: lib.nn.utils.spectral_norm(make(lib), n_power_iterations=2,
                                                        eps=1e-6, dim=1), x)


def test_old_spectral_norm_state_dict_and_remove():
    ms = {"torch": torch.nn.utils.spectral_norm(torch.nn.Linear(4, 3)),
          "numtorch": numtorch.nn.utils.spectral_norm(numtorch.nn.Linear(4, 3))}
    _copy_into(ms["torch"], ms["numtorch"], numtorch)
    for lib in (torch, numtorch):
        m = ms[lib.__name__]
        sd = m.state_dict()
        assert sd._metadata[""]["spectral_norm"] == {"weight.version": 1}
        m.load_state_dict(sd)  # round trip with metadata
        m(lib.ones(1, 4))
    # a version-0 checkpoint (weight, weight_orig, weight_u; no weight_v) is upgraded
    for lib in (torch, numtorch):
        m = ms[lib.__name__]
        sd = {k: v.clone() for k, v in m.state_dict().items() if k != "weight_v"}
        sd["weight"] = m.weight.detach().clone()
        fresh = lib.nn.utils.spectral_norm(lib.nn.Linear(4, 3))
        fresh.load_state_dict(sd)
        fresh.eval()
        np.testing.assert_allclose(_np(fresh(lib.ones(1, 4))), _np(m.eval()(lib.ones(1, 4))),
                                   rtol=1e-4, atol=1e-5)
    w = _np(ms["torch"].weight)
    for lib in (numtorch, torch):
        m = ms[lib.__name__]
        lib.nn.utils.remove_spectral_norm(m)
        assert [n for n, _ in m.named_parameters()] == ["bias", "weight"]
        assert list(m.state_dict()) == ["bias", "weight"]
        np.testing.assert_allclose(_np(m.weight), w, rtol=1e-5, atol=1e-6)
    _same_error(lambda lib: lib.nn.utils.remove_spectral_norm(lib.nn.Linear(4, 3)))
    _same_error(lambda lib: lib.nn.utils.spectral_norm(lib.nn.utils.spectral_norm(
        lib.nn.Linear(4, 3))))


def test_spectral_norm_errors():
    sn = lambda lib: lib.nn.utils.parametrizations.spectral_norm  # noqa: E731
    _same_error(lambda lib: sn(lib)(lib.nn.Linear(3, 3), n_power_iterations=0))
    _same_error(lambda lib: sn(lib)(lib.nn.Linear(3, 3), dim=2))
    _same_error(lambda lib: sn(lib)(lib.nn.Linear(3, 3), "nothing"))
    _same_error(lambda lib: lib.nn.utils.spectral_norm(lib.nn.Linear(3, 3),
                                                       n_power_iterations=0))
    _same_error(lambda lib: lib.nn.utils.spectral_norm(lib.nn.Linear(3, 3, bias=False), "bias"))

"""Lazy modules against torch: UninitializedParameter/Buffer, LazyModuleMixin and the
Lazy* layers (reprs before and after, the class switch, numbers, state_dicts, errors)."""

import copy
import pickle

import numpy as np
import pytest
import torch

import numtorch
from nn_util import check_module, copy_state, to_lib
from numtorch.nn.modules.lazy import LazyModuleMixin
from numtorch.nn.parameter import UninitializedBuffer, UninitializedParameter, is_lazy


def _x(*shape, seed=0):
    return np.random.default_rng(seed).uniform(-2, 2, shape).astype("float32")


# (class, args, kwargs, input shape)
LAZY = [
    ("LazyLinear", (3,), {}, (4, 5)),
    ("LazyLinear", (2,), {"bias": False}, (2, 3, 4)),
    ("LazyConv1d", (4, 3), {"padding": 1}, (2, 2, 7)),
    ("LazyConv1d", (4, 3), {"groups": 2, "bias": False}, (2, 7)),  # unbatched
    ("LazyConv2d", (4, 3), {"stride": 2, "dilation": 1}, (2, 3, 6, 6)),
    ("LazyConv3d", (2, 2), {"padding_mode": "circular", "padding": 1}, (1, 2, 3, 3, 3)),
    ("LazyConvTranspose1d", (3, 2), {"stride": 2, "output_padding": 1}, (2, 2, 5)),
    ("LazyConvTranspose2d", (4, 3), {"groups": 2, "dilation": 2}, (1, 2, 4, 4)),
    ("LazyConvTranspose3d", (2, 2), {}, (1, 3, 2, 2, 2)),
    ("LazyBatchNorm1d", (), {}, (4, 3)),
    ("LazyBatchNorm1d", (), {"affine": False, "momentum": None}, (4, 3, 5)),
    ("LazyBatchNorm2d", (), {"bias": False}, (2, 4, 3, 3)),
    ("LazyBatchNorm3d", (), {"track_running_stats": False}, (2, 2, 3, 2, 2)),
    ("LazyInstanceNorm1d", (), {}, (2, 3, 5)),
    ("LazyInstanceNorm2d", (), {"affine": False, "eps": 1e-3}, (2, 4, 3, 3)),
    ("LazyInstanceNorm3d", (), {"momentum": 0.3}, (2, 2, 3, 2, 2)),
]
IDS = [f"{c}-{i}" for i, (c, *_) in enumerate(LAZY)]


def _build(lib, name, args, kwargs, shape=None):
    m = getattr(lib.nn, name)(*args, **kwargs)
    if shape is not None:
        m(to_lib(lib, _x(*shape)))  # the dry run that materialises the parameters
    return m


@pytest.mark.parametrize("name,args,kwargs,shape", LAZY, ids=IDS)
def test_lazy_before(name, args, kwargs, shape):
    ours, theirs = _build(numtorch, name, args, kwargs), _build(torch, name, args, kwargs)
    assert repr(ours) == repr(theirs)
    assert type(ours).__name__ == name and isinstance(ours, LazyModuleMixin)
    assert ours.has_uninitialized_params() == theirs.has_uninitialized_params()
    so, st = ours.state_dict(), theirs.state_dict()
    assert list(so) == list(st)
    assert [repr(v) for v in so.values()] == [repr(v) for v in st.values()]
    assert [repr(p) for p in ours.parameters()] == [repr(p) for p in theirs.parameters()]
    assert [n for n, _ in ours.named_buffers()] == [n for n, _ in theirs.named_buffers()]


@pytest.mark.parametrize("name,args,kwargs,shape", LAZY, ids=IDS)
def test_lazy_materialised(name, args, kwargs, shape):
    # the dry run in both libraries, then torch's weights copied over: same numbers
    ours, theirs = check_module(lambda lib: _build(lib, name, args, kwargs, shape), _x(*shape))
    target = name.replace("Lazy", "")
    assert type(ours) is getattr(numtorch.nn, target)
    assert type(theirs) is getattr(torch.nn, target)
    assert not isinstance(ours, LazyModuleMixin)
    assert not ours._forward_pre_hooks and not ours._load_state_dict_pre_hooks
    assert not hasattr(ours, "_initialize_hook")
    assert all(type(p) is numtorch.nn.Parameter for p in ours.parameters())
    assert all(type(b) is numtorch.Tensor for b in ours.buffers())


def test_default_init_follows_target():
    # materialised values come from the target class's reset_parameters
    numtorch.manual_seed(0)
    m = numtorch.nn.LazyLinear(4)
    m(numtorch.ones(2, 9))
    bound = 1 / 9 ** 0.5
    assert float(m.weight.abs().max()) <= bound and float(m.weight.std()) > 0.05
    assert float(m.bias.abs().max()) <= bound
    bn = numtorch.nn.LazyBatchNorm2d()
    bn.eval()(numtorch.ones(1, 3, 2, 2))
    assert bn.weight.tolist() == [1.0] * 3 and bn.bias.tolist() == [0.0] * 3
    assert bn.running_mean.tolist() == [0.0] * 3 and bn.running_var.tolist() == [1.0] * 3
    c = numtorch.nn.LazyConv2d(2, 3, groups=2)
    c(numtorch.ones(1, 4, 5, 5))
    assert tuple(c.weight.shape) == (2, 2, 3, 3)
    assert float(c.weight.abs().max()) <= 1 / (2 * 9) ** 0.5


@pytest.mark.parametrize("name,args,kwargs,shape", [LAZY[0], LAZY[4], LAZY[7], LAZY[9]],
                         ids=["linear", "conv2d", "convT2d", "bn1d"])
def test_load_full_state_dict_into_lazy(name, args, kwargs, shape):
    theirs = _build(torch, name, args, kwargs, shape)
    ours = _build(numtorch, name, args, kwargs)
    t_lazy = _build(torch, name, args, kwargs)
    copy_state(theirs, t_lazy, torch)  # torch's own behaviour, for the record
    copy_state(theirs, ours, numtorch)
    # loading materialises but does not switch the class; the first forward does
    assert type(ours).__name__ == type(t_lazy).__name__ == name
    assert repr(ours) == repr(t_lazy)
    assert not ours.has_uninitialized_params()
    for k, v in theirs.state_dict().items():
        np.testing.assert_array_equal(ours.state_dict()[k].numpy(), v.numpy())
    theirs.eval(), ours.eval(), t_lazy.eval()
    x = _x(*shape, seed=3)
    y_o, y_t = ours(to_lib(numtorch, x)), t_lazy(to_lib(torch, x))
    np.testing.assert_allclose(y_o.detach().numpy(), y_t.detach().numpy(), rtol=1e-5,
                               atol=1e-6)
    assert repr(ours) == repr(t_lazy)  # torch keeps the 0 placeholder of conv/norm
    assert type(ours).__name__ == name.replace("Lazy", "")


def test_load_uninitialized_state_dict():
    # an uninitialized state_dict loads into a lazy module (a no-op), strictly
    for lib in (numtorch, torch):
        m = lib.nn.LazyLinear(3)
        r = m.load_state_dict(lib.nn.LazyLinear(3).state_dict())
        assert r.missing_keys == [] and r.unexpected_keys == []
        assert m.has_uninitialized_params()
    # ... but not into an initialized one: accessing the shape raises
    msgs = []
    for lib in (numtorch, torch):
        m = lib.nn.Linear(2, 3)
        with pytest.raises(RuntimeError) as e:
            m.load_state_dict(lib.nn.LazyLinear(3).state_dict())
        msgs.append(str(e.value))
    assert msgs[0] == msgs[1]
    # missing keys of a lazy module are still reported
    msgs = []
    for lib in (numtorch, torch):
        with pytest.raises(RuntimeError) as e:
            lib.nn.LazyLinear(3).load_state_dict({})
        msgs.append(str(e.value))
    assert msgs[0] == msgs[1]


def test_nested_lazy_mlp():
    def build(lib):
        return lib.nn.Sequential(lib.nn.LazyLinear(6), lib.nn.ReLU(), lib.nn.LazyLinear(2))

    ours, theirs = build(numtorch), build(torch)
    assert repr(ours) == repr(theirs)
    assert list(ours.state_dict()) == list(theirs.state_dict())
    x = _x(3, 4)
    ours(to_lib(numtorch, x)), theirs(to_lib(torch, x))
    assert repr(ours) == repr(theirs)
    copy_state(theirs, ours, numtorch)
    np.testing.assert_allclose(ours(to_lib(numtorch, x)).detach().numpy(),
                               theirs(to_lib(torch, x)).detach().numpy(), rtol=1e-5, atol=1e-6)


def test_optimizer_and_to_before_materialisation():
    # torch: an optimizer accepts uninitialized parameters and keeps them (same objects)
    for lib in (numtorch, torch):
        m = lib.nn.LazyLinear(2)
        opt = lib.optim.SGD(m.parameters(), lr=0.1)
        m.double()  # dtype/device moves are allowed before the dry run
        assert is_lazy(m.weight) if lib is numtorch else torch.nn.parameter.is_lazy(m.weight)
        y = m(lib.ones(3, 4, dtype=lib.float64))
        assert str(m.weight.dtype).endswith("float64") and y.dtype == m.weight.dtype
        assert opt.param_groups[0]["params"][0] is m.weight
        y.sum().backward()
        opt.step()


def test_uninitialized_tensors():
    p, tp = UninitializedParameter(), torch.nn.UninitializedParameter()
    assert repr(p) == repr(tp) == "<UninitializedParameter>"
    assert isinstance(p, numtorch.nn.Parameter) and p.requires_grad
    assert tuple(p.size()) == tuple(tp.size()) == (0,)
    assert str(p.dtype) == str(tp.dtype)
    p64 = UninitializedParameter(requires_grad=False, dtype=numtorch.float64)
    assert not p64.requires_grad and p64.dtype == numtorch.float64
    b, tb = UninitializedBuffer(), torch.nn.UninitializedBuffer()
    assert repr(b) == repr(tb) == "<UninitializedBuffer>" and not b.requires_grad
    assert isinstance(b, numtorch.nn.Buffer) and not isinstance(b, numtorch.nn.Parameter)
    assert is_lazy(p) and is_lazy(b) and not is_lazy(numtorch.zeros(1))
    # errors: shape, ops, share_memory_
    for ours, theirs in [(p, tp), (b, tb)]:
        for f in (lambda t: t.shape, lambda t: t.numel(), lambda t: t.dim(),
                  lambda t: t.detach(), lambda t: t.share_memory_()):
            with pytest.raises(Exception) as eo:
                f(ours)
            with pytest.raises(Exception) as et:
                f(theirs)
            assert type(eo.value) is type(et.value)
            assert str(eo.value) == str(et.value)
    # materialize: shape, dtype and class
    p.materialize((2, 3))
    assert type(p) is numtorch.nn.Parameter and tuple(p.shape) == (2, 3) and p.requires_grad
    b.materialize((4,), dtype=numtorch.float64)
    assert type(b) is numtorch.Tensor and b.dtype == numtorch.float64
    # copies and pickles stay uninitialized
    q = UninitializedParameter(requires_grad=False)
    for c in (copy.deepcopy(q), pickle.loads(pickle.dumps(q))):
        assert type(c) is UninitializedParameter and not c.requires_grad
    assert type(pickle.loads(pickle.dumps(UninitializedBuffer()))) is UninitializedBuffer


def test_errors():
    cases = [
        (lambda lib: lib.nn.LazyConv2d(4, 3), (3, 5)),  # wrong rank
        (lambda lib: lib.nn.LazyConv2d(4, 3, groups=2), (1, 3, 5, 5)),  # groups
        (lambda lib: lib.nn.LazyConv1d(3, 3, groups=2), (1, 4, 5)),  # out_channels
        (lambda lib: lib.nn.LazyConvTranspose1d(4, 3), (5,)),
        (lambda lib: lib.nn.LazyBatchNorm2d(), (2, 3, 4)),
    ]
    for ctor, shape in cases:
        errs = []
        for lib in (numtorch, torch):
            with pytest.raises(Exception) as e:
                ctor(lib)(to_lib(lib, _x(*shape)))
            errs.append(e.value)
        assert type(errs[0]) is type(errs[1]) and str(errs[0]) == str(errs[1])
    # with nothing to infer (affine=False, no running stats) the class switches at once:
    # num_features stays 0 and every forward warns
    for lib in (numtorch, torch):
        m = lib.nn.LazyInstanceNorm1d(affine=False, track_running_stats=False)
        with pytest.warns(UserWarning, match="does not match num_features"):
            m(lib.ones(2, 3, 4))
        assert type(m).__name__ == "InstanceNorm1d" and m.num_features == 0
    # a module that does not implement initialize_parameters
    for lib, mixin in ((numtorch, LazyModuleMixin),
                       (torch, torch.nn.modules.lazy.LazyModuleMixin)):
        class Bad(mixin, lib.nn.Module):
            def forward(self, x):
                return x

        with pytest.raises(NotImplementedError, match="initialize_parameters is not "
                           "implemented for Bad"):
            Bad()(lib.ones(1))

        class Half(mixin, lib.nn.Module):
            def __init__(self):
                super().__init__()
                self.w = (UninitializedParameter if lib is numtorch
                          else torch.nn.UninitializedParameter)()

            def initialize_parameters(self, x):
                pass

        with pytest.raises(RuntimeError, match="module Half has not been fully initialized"):
            Half()(lib.ones(1))


def test_in_features_check_after_load():
    # a LazyLinear loaded from a state_dict checks the first input against the weight
    errs = []
    for lib in (numtorch, torch):
        m = lib.nn.LazyLinear(3)
        m.load_state_dict(lib.nn.Linear(4, 3).state_dict())
        with pytest.raises(AssertionError) as e:
            m(lib.ones(2, 5))
        errs.append(str(e.value))
    assert errs[0] == errs[1]

"""nn activation modules and MultiheadAttention against torch (check_module), reprs, errors."""

import re

import numpy as np
import pytest
import torch

import numtorch
from nn_util import check_module


def _x(shape, dt="float64", seed=0, low=-3.0, high=3.0):
    x = np.random.default_rng(seed).uniform(low, high, shape)
    x = np.where(np.abs(x) < 0.05, 0.3, x)  # away from the kinks at 0
    return x.astype(dt)


# (id, ctor(nn), input shape)
ELEMENTWISE = [
    ("ReLU", lambda nn: nn.ReLU(), (4, 5)),
    ("ReLU6", lambda nn: nn.ReLU6(), (4, 5)),
    ("LeakyReLU", lambda nn: nn.LeakyReLU(), (4, 5)),
    ("LeakyReLU-0.2", lambda nn: nn.LeakyReLU(0.2), (2, 3, 4)),
    ("ELU", lambda nn: nn.ELU(), (4, 5)),
    ("ELU-2", lambda nn: nn.ELU(alpha=2.0), (4, 5)),
    ("SELU", lambda nn: nn.SELU(), (4, 5)),
    ("CELU", lambda nn: nn.CELU(0.5), (4, 5)),
    ("GELU", lambda nn: nn.GELU(), (4, 5)),
    ("GELU-tanh", lambda nn: nn.GELU("tanh"), (4, 5)),
    ("SiLU", lambda nn: nn.SiLU(), (4, 5)),
    ("Mish", lambda nn: nn.Mish(), (4, 5)),
    ("Sigmoid", lambda nn: nn.Sigmoid(), (4, 5)),
    ("Tanh", lambda nn: nn.Tanh(), (4, 5)),
    ("Softplus", lambda nn: nn.Softplus(), (4, 5)),
    ("Softplus-2-1", lambda nn: nn.Softplus(beta=2, threshold=1), (4, 5)),
    ("Softmax", lambda nn: nn.Softmax(dim=1), (3, 4, 5)),
    ("Softmax-neg", lambda nn: nn.Softmax(-1), (3, 4)),
    ("LogSoftmax", lambda nn: nn.LogSoftmax(dim=1), (3, 4)),
    ("Softmin", lambda nn: nn.Softmin(dim=0), (3, 4)),
    ("Softmax2d", lambda nn: nn.Softmax2d(), (2, 3, 4, 5)),
    ("Softmax2d-3d", lambda nn: nn.Softmax2d(), (3, 4, 5)),
    ("Softsign", lambda nn: nn.Softsign(), (4, 5)),
    ("Hardtanh", lambda nn: nn.Hardtanh(), (4, 5)),
    ("Hardtanh-2", lambda nn: nn.Hardtanh(-2.0, 2.5), (4, 5)),
    ("Hardsigmoid", lambda nn: nn.Hardsigmoid(), (4, 5)),
    ("Hardswish", lambda nn: nn.Hardswish(), (4, 5)),
    ("Hardshrink", lambda nn: nn.Hardshrink(), (4, 5)),
    ("Hardshrink-1", lambda nn: nn.Hardshrink(1.0), (4, 5)),
    ("Softshrink", lambda nn: nn.Softshrink(0.7), (4, 5)),
    ("Tanhshrink", lambda nn: nn.Tanhshrink(), (4, 5)),
    ("Threshold", lambda nn: nn.Threshold(0.1, 20.0), (4, 5)),
    ("PReLU", lambda nn: nn.PReLU(), (4, 5)),
    ("PReLU-3", lambda nn: nn.PReLU(3, 0.1), (2, 3, 4)),
    ("PReLU-3-4d", lambda nn: nn.PReLU(3), (2, 3, 2, 2)),
    ("RReLU-eval", lambda nn: nn.RReLU(0.1, 0.3), (4, 5)),
    ("GLU", lambda nn: nn.GLU(), (3, 4)),
    ("GLU-0", lambda nn: nn.GLU(0), (4, 3)),
    ("LogSigmoid", lambda nn: nn.LogSigmoid(), (4, 5)),
    ("Identity", lambda nn: nn.Identity(3, unused=1), (4, 5)),
]


@pytest.mark.parametrize("dt", ["float64", "float32"])
@pytest.mark.parametrize("name,ctor,shape", ELEMENTWISE, ids=[e[0] for e in ELEMENTWISE])
def test_elementwise_module(name, ctor, shape, dt):
    modes = ("eval",) if name.startswith("RReLU") else ("train", "eval")
    check_module(lambda lib: ctor(lib.nn), _x(shape, dt), modes=modes)


INPLACE = [
    lambda nn: nn.ReLU(inplace=True), lambda nn: nn.ReLU6(True),
    lambda nn: nn.LeakyReLU(0.1, True), lambda nn: nn.ELU(inplace=True),
    lambda nn: nn.SELU(True), lambda nn: nn.CELU(inplace=True), lambda nn: nn.SiLU(True),
    lambda nn: nn.Mish(True), lambda nn: nn.Hardtanh(inplace=True),
    lambda nn: nn.Hardsigmoid(True), lambda nn: nn.Hardswish(True),
    lambda nn: nn.Threshold(0.2, -1.0, True), lambda nn: nn.RReLU(inplace=True),
]


@pytest.mark.parametrize("i", range(len(INPLACE)))
def test_inplace_after_linear(i):
    modes = ("eval",) if i == len(INPLACE) - 1 else ("train", "eval")
    check_module(lambda lib: lib.nn.Sequential(lib.nn.Linear(5, 6), INPLACE[i](lib.nn)),
                 _x((4, 5)), modes=modes)


def test_inplace_overwrites_input():
    x = numtorch.tensor([-1.0, 2.0])
    y = numtorch.nn.ReLU(inplace=True)(x)
    assert y is x and x.tolist() == [0.0, 2.0]


def test_inplace_on_leaf_errors_like_torch():
    for lib in (torch, numtorch):
        x = lib.ones(3, requires_grad=True)
        with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
            lib.nn.ReLU(inplace=True)(x)


REPRS = [
    "Identity()", "ReLU()", "ReLU(inplace=True)", "ReLU6()", "ReLU6(inplace=True)",
    "LeakyReLU(negative_slope=0.01)", "LeakyReLU(negative_slope=0.2, inplace=True)",
    "ELU(alpha=1.0)", "ELU(alpha=2, inplace=True)", "SELU()", "SELU(inplace=True)",
    "CELU(alpha=1.0)", "GELU(approximate='none')", "GELU(approximate='tanh')", "SiLU()",
    "SiLU(inplace=True)", "Mish()", "Sigmoid()", "Tanh()", "Softplus(beta=1.0, threshold=20.0)",
    "Softplus(beta=2, threshold=10)", "Softmax(dim=None)", "Softmax(dim=1)",
    "LogSoftmax(dim=-1)", "Softmin(dim=0)", "Softmax2d()", "Softsign()",
    "Hardtanh(min_val=-1.0, max_val=1.0)", "Hardtanh(min_val=-2, max_val=2, inplace=True)",
    "Hardsigmoid()", "Hardsigmoid(True)", "Hardswish(True)", "Hardshrink()", "Hardshrink(1)",
    "Softshrink()", "Tanhshrink()", "Threshold(0.1, 20)", "Threshold(0.1, 20, True)",
    "PReLU()", "PReLU(3, 0.1)", "RReLU()", "RReLU(0.1, 0.3, True)", "GLU()", "GLU(1)",
    "LogSigmoid()", "MultiheadAttention(8, 2)",
    "MultiheadAttention(8, 2, bias=False, kdim=3, vdim=5, add_bias_kv=True, batch_first=True)",
]


@pytest.mark.parametrize("expr", REPRS)
def test_repr(expr):
    ours = eval("numtorch.nn." + expr)
    theirs = eval("torch.nn." + expr)
    assert repr(ours) == repr(theirs)


def test_prelu_param_grad():
    ours, theirs = check_module(lambda lib: lib.nn.PReLU(4), _x((3, 4, 5)))
    assert ours.weight.grad is None  # zero_grad (set_to_none) ran after the comparison
    p = numtorch.nn.PReLU(2, init=0.5)
    assert p.weight.tolist() == [0.5, 0.5] and p.weight.requires_grad
    x = numtorch.tensor([[-1.0, 2.0], [-3.0, -4.0]])
    p(x).sum().backward()
    assert p.weight.grad.tolist() == [-4.0, -4.0]


def test_rrelu_train_statistics():
    numtorch.manual_seed(0)
    m = numtorch.nn.RReLU(0.1, 0.3)
    x = -numtorch.ones(20000)
    y = m(x)
    slopes = (-y).numpy()
    assert slopes.min() >= 0.1 and slopes.max() <= 0.3
    assert abs(slopes.mean() - 0.2) < 0.005 and slopes.std() > 0.05
    m.eval()
    assert np.allclose(m(x).numpy(), -0.2)
    assert m(numtorch.ones(3)).tolist() == [1.0, 1.0, 1.0]


def test_softmax_implicit_dim_warns():
    x = _x((3, 4), "float32")
    for name in ("Softmax", "LogSoftmax", "Softmin"):
        with pytest.warns(UserWarning, match="Implicit dimension choice"):
            theirs = getattr(torch.nn, name)()(torch.from_numpy(x))
        lname = {"Softmax": "softmax", "LogSoftmax": "log_softmax", "Softmin": "softmin"}[name]
        with pytest.warns(UserWarning, match=f"Implicit dimension choice for {lname} has been "
                                             "deprecated"):
            ours = getattr(numtorch.nn, name)()(numtorch.from_numpy(x))
        np.testing.assert_allclose(ours.numpy(), theirs.numpy(), rtol=1e-6)


def test_errors():
    nn = numtorch.nn
    with pytest.raises(ValueError, match="Softmax2d: expected input to be 3D or 4D, got 2D"):
        nn.Softmax2d()(numtorch.ones(2, 3))
    with pytest.raises(AssertionError, match=r"max_val \(1\) must be greater than min_val \(2\)"):
        nn.Hardtanh(2, 1)
    with pytest.raises(RuntimeError, match="Found parameter numbers = 3 and channel size = 4"):
        nn.PReLU(3)(numtorch.ones(2, 4))
    with pytest.raises(RuntimeError, match="approximate argument must be either none or tanh"):
        nn.GELU("fast")(numtorch.ones(2))
    with pytest.raises(RuntimeError, match="Halving dimension must be even"):
        nn.GLU()(numtorch.ones(2, 3))
    with pytest.warns(FutureWarning, match="`min_value` is deprecated"):
        assert repr(nn.Hardtanh(min_value=-3.0)) == "Hardtanh(min_val=-3.0, max_val=1.0)"


# ---------------------------------------------------------------- MultiheadAttention
def _mha_case(args, kwargs, L=3, S=5, N=2, E=8, kdim=None, vdim=None, dt="float64",
              batch_first=False, self_attn=False, batched=True, kpm=False, am=False,
              float_am=False, causal=False, **fwd):
    """(ctor, inputs) for check_module: a wrapper module whose forward takes query (and key,
    value unless self-attention: key = value = query, the same tensor) and the masks as
    positional tensors and calls MultiheadAttention with ``fwd`` keyword arguments."""
    rng = np.random.default_rng(0)

    def shp(n, d):
        if not batched:
            return (n, d)
        return (N, n, d) if batch_first else (n, N, d)

    arrays = [rng.standard_normal(shp(L, E)).astype(dt)]
    if not self_attn:
        arrays += [rng.standard_normal(shp(S, kdim or E)).astype(dt),
                   rng.standard_normal(shp(S, vdim or E)).astype(dt)]
    names = []
    if kpm:
        m = rng.random((N, S) if batched else (S,)) < 0.3
        m[..., 0] = False
        arrays.append(m)
        names.append("key_padding_mask")
    if causal:
        arrays.append(np.triu(np.ones((L, S), bool), 1))
        names.append("attn_mask")
    if am or float_am:
        m = rng.random((L, S)) < 0.3 if am else rng.standard_normal((L, S)).astype(dt)
        if am:
            m[:, 1] = False
        arrays.append(m)
        names.append("attn_mask")

    def ctor(lib):
        class Wrap(lib.nn.Module):
            def __init__(self):
                super().__init__()
                self.mha = lib.nn.MultiheadAttention(*args, **kwargs)

            def forward(self, *ts):
                q, k, v = (ts[0],) * 3 if self_attn else ts[:3]
                masks = dict(zip(names, ts[1 if self_attn else 3:]))
                return self.mha(q, k, v, **masks, **fwd)
        return Wrap()
    return ctor, arrays


MHA = [
    ("basic", (8, 2), {}, {}),
    ("self", (8, 2), {}, {"self_attn": True}),
    ("batch_first", (8, 2), {"batch_first": True}, {"batch_first": True}),
    ("batch_first-self", (8, 4), {"batch_first": True}, {"batch_first": True,
                                                         "self_attn": True}),
    ("no_weights", (8, 2), {}, {"need_weights": False}),
    ("per_head", (8, 2), {}, {"average_attn_weights": False}),
    ("masks", (8, 2), {}, {"kpm": True, "am": True}),
    ("masks-no_weights", (8, 2), {}, {"kpm": True, "am": True, "need_weights": False}),
    ("float_mask", (8, 2), {}, {"float_am": True}),
    ("kdim_vdim", (8, 2), {"kdim": 3, "vdim": 5}, {"kdim": 3, "vdim": 5}),
    ("no_bias", (8, 2), {"bias": False}, {}),
    ("bias_kv", (8, 2), {"add_bias_kv": True}, {"kpm": True}),
    ("zero_attn", (8, 2), {"add_zero_attn": True}, {"am": True}),
    ("unbatched", (8, 2), {}, {"batched": False, "kpm": True}),
    ("unbatched-no_weights", (8, 2), {"batch_first": True}, {"batched": False,
                                                             "need_weights": False}),
    ("self-causal", (8, 2), {"batch_first": True}, {
        "self_attn": True, "batch_first": True, "L": 5, "S": 5, "causal": True, "is_causal": True,
        "need_weights": False}),
]


@pytest.mark.parametrize("dt", ["float64", "float32"])
@pytest.mark.parametrize("name,args,kwargs,inp", MHA, ids=[m[0] for m in MHA])
def test_multihead_attention(name, args, kwargs, inp, dt):
    ctor, arrays = _mha_case(args, kwargs, dt=dt, **inp)
    check_module(ctor, *arrays)


def test_mha_state_and_init():
    m = numtorch.nn.MultiheadAttention(8, 2, kdim=3, vdim=5, add_bias_kv=True)
    t = torch.nn.MultiheadAttention(8, 2, kdim=3, vdim=5, add_bias_kv=True)
    assert list(m.state_dict()) == list(t.state_dict())
    assert m.in_proj_weight is None and m._qkv_same_embed_dim is False
    m = numtorch.nn.MultiheadAttention(16, 4)
    assert m.in_proj_bias.abs().sum().item() == 0 and m.out_proj.bias.abs().sum().item() == 0
    bound = (6 / (16 + 48)) ** 0.5  # xavier_uniform_ of (48, 16)
    w = m.in_proj_weight.detach().numpy()
    assert np.abs(w).max() <= bound and np.abs(w).max() > 0.8 * bound
    assert m.bias_k is None and m.head_dim == 4
    assert type(m.out_proj).__name__ == "NonDynamicallyQuantizableLinear"
    assert isinstance(m.out_proj, numtorch.nn.Linear)


def test_mha_dropout_train_vs_eval():
    numtorch.manual_seed(0)
    m = numtorch.nn.MultiheadAttention(8, 2, dropout=0.5)
    x = numtorch.randn(4, 2, 8)
    _, w1 = m(x, x, x)
    _, w2 = m(x, x, x)
    assert not np.allclose(w1.detach().numpy(), w2.detach().numpy())
    m.eval()
    _, w3 = m(x, x, x)
    _, w4 = m(x, x, x)
    np.testing.assert_array_equal(w3.detach().numpy(), w4.detach().numpy())
    np.testing.assert_allclose(w3.sum(-1).detach().numpy(), 1, rtol=1e-6)


def test_mha_errors():
    nn = numtorch.nn
    with pytest.raises(AssertionError, match="embed_dim must be divisible by num_heads"):
        nn.MultiheadAttention(8, 3)
    with pytest.raises(ValueError, match="embed_dim and num_heads must be greater than 0, got "
                                         "embed_dim=0 and num_heads=1"):
        nn.MultiheadAttention(0, 1)
    m = nn.MultiheadAttention(8, 2)
    x = numtorch.randn(3, 2, 8)
    with pytest.raises(AssertionError, match=re.escape("expected `key_padding_mask` to be "
                                                       "`None` or 2-D")):
        m(x, x, x, key_padding_mask=numtorch.zeros(2, 3, 1, dtype=numtorch.bool))
    with pytest.raises(RuntimeError, match="Need attn_mask if specifying the is_causal hint"):
        m(x, x, x, is_causal=True)
    with pytest.warns(UserWarning, match="mismatched key_padding_mask and attn_mask"):
        m(x, x, x, key_padding_mask=numtorch.zeros(2, 3, dtype=numtorch.bool),
          attn_mask=numtorch.zeros(3, 3))

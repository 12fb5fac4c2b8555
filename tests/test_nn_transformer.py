"""Transformer layers against torch: check_module in train (dropout 0) and eval, torch's eval
fast paths (``_transformer_encoder_layer_fwd``, nested tensors) under no_grad, warnings,
reprs and errors."""

import copy
import warnings

import numpy as np
import pytest
import torch

import numtorch
import numtorch.nn.modules.transformer as nt_transformer
from nn_util import assert_close, check_module, copy_state, to_lib, TOL

D, H, FF, S, T, N = 8, 2, 16, 5, 4, 3  # d_model, nhead, dim_feedforward, src/tgt len, batch


def mod(lib):
    """The transformer module namespace of each library (until nn re-exports ours)."""
    return torch.nn if lib is torch else nt_transformer


def _data(shape, dt, seed):
    return np.random.default_rng(seed).standard_normal(shape).astype(dt)


def _kpm(n, s, seed, left_aligned=False):
    """A bool key padding mask (True = padded) that never pads a whole row."""
    if left_aligned:
        m = np.zeros((n, s), bool)
        for i in range(1, n):
            m[i, s - i:] = True  # row i: i padded positions at the end
        return m
    m = np.random.default_rng(seed).random((n, s)) < 0.35
    m[:, 0] = False
    return m


def _seq(n, L, bf, batched=True):
    if not batched:
        return (L, D)
    return (n, L, D) if bf else (L, n, D)


def _causal(L, dt):
    return np.triu(np.full((L, L), -np.inf), 1).astype(dt)


def _inputs(arrays):
    """check_module's callable inputs: float arrays become leaves needing grad, bool/float
    masks (tagged ("mask", a)) plain tensors, everything else passes through."""

    def make(lib):
        out = []
        for a in arrays:
            if isinstance(a, tuple) and a[0] == "mask":
                out.append(to_lib(lib, a[1]))
            elif isinstance(a, np.ndarray):
                out.append(to_lib(lib, a, requires_grad=True))
            else:
                out.append(a)
        return out
    return make


# ------------------------------------------------------------------ encoder layer
def _enc_layer_case(dt="float64", bf=False, batched=True, kpm=False, mask=None, causal=False,
                    **kw):
    """(ctor, inputs): mask in (None, "bool", "float", "causal", "3d")."""
    kw = {"dropout": 0.0, "batch_first": bf, **kw}
    x = _data(_seq(N, S, bf, batched), dt, 0)
    m = None
    if mask == "bool":
        m = np.random.default_rng(1).random((S, S)) < 0.3
        m[:, 0] = False
    elif mask == "float":
        m = _data((S, S), dt, 1)
    elif mask == "causal":
        m = _causal(S, dt)
    elif mask == "3d":
        m = _data((N * kw.get("nhead", H), S, S), dt, 1)
    k = None
    if kpm:
        k = _kpm(N, S, 2) if batched else _kpm(1, S, 2)[0]
        if mask in ("float", "causal", "3d"):
            k = np.where(k, -np.inf, 0.0).astype(dt)  # same type as the mask: no warning
    args = [x, None if m is None else ("mask", m), None if k is None else ("mask", k), causal]
    nhead = kw.pop("nhead", H)
    return (lambda lib: mod(lib).TransformerEncoderLayer(D, nhead, FF,
                                                         **_resolve_activation(kw, lib)),
            _inputs(args))


ENC_LAYER = {
    "plain": {},
    "float32": {"dt": "float32"},
    "batch_first": {"bf": True},
    "norm_first": {"norm_first": True},
    "gelu": {"activation": "gelu"},
    "gelu-float32-bf": {"activation": "gelu", "dt": "float32", "bf": True},
    "callable-act": {"activation": "tanh-callable"},
    "module-act": {"activation": "GELU-module"},
    "bool-mask": {"mask": "bool"},
    "float-mask": {"mask": "float"},
    "3d-mask": {"mask": "3d"},
    "kpm": {"kpm": True},
    "kpm-bf-norm_first": {"kpm": True, "bf": True, "norm_first": True},
    "bool-mask+kpm": {"mask": "bool", "kpm": True},
    "float-mask+kpm": {"mask": "float", "kpm": True, "bf": True},
    "causal": {"mask": "causal", "causal": True},
    "causal+kpm": {"mask": "causal", "causal": True, "kpm": True},
    "nhead1": {"nhead": 1},
    "nhead4": {"nhead": 4, "bf": True},
    "no-bias": {"bias": False},
    "eps": {"layer_norm_eps": 1e-3},
    "unbatched": {"batched": False, "kpm": True},
}


def _resolve_activation(ctor_kw, lib):
    """Activation names standing for per-library objects (a callable, a module)."""
    act = ctor_kw.get("activation")
    if act == "tanh-callable":
        return {**ctor_kw, "activation": lib.tanh}
    if act == "GELU-module":
        return {**ctor_kw, "activation": lib.nn.GELU()}
    return ctor_kw


@pytest.mark.parametrize("name", list(ENC_LAYER))
def test_encoder_layer(name):
    check_module(*_enc_layer_case(**ENC_LAYER[name]))


# ------------------------------------------------------------------ decoder layer
def _dec_inputs(dt="float64", bf=False, batched=True, tgt_mask=None, mem_mask=False,
                tgt_kpm=False, mem_kpm=False, tgt_causal=False):
    tgt = _data(_seq(N, T, bf, batched), dt, 0)
    mem = _data(_seq(N, S, bf, batched), dt, 1)
    tm = {None: None, "causal": _causal(T, dt), "float": _data((T, T), dt, 3)}.get(tgt_mask)
    if tgt_mask == "bool":
        tm = np.triu(np.ones((T, T), bool), 1)
    mm = None
    if mem_mask:
        mm = np.random.default_rng(4).random((T, S)) < 0.3
        mm[:, 0] = False
    tk = (_kpm(N, T, 5) if batched else _kpm(1, T, 5)[0]) if tgt_kpm else None
    if tk is not None and tm is not None and tm.dtype != bool:
        tk = np.where(tk, -np.inf, 0.0).astype(dt)
    mk = (_kpm(N, S, 6) if batched else _kpm(1, S, 6)[0]) if mem_kpm else None
    return [tgt, mem] + [None if a is None else ("mask", a) for a in (tm, mm, tk, mk)] + [
        tgt_causal]


DEC_LAYER = {
    "plain": ({}, {}),
    "float32-bf": ({"batch_first": True}, {"dt": "float32", "bf": True}),
    "norm_first": ({"norm_first": True}, {}),
    "gelu": ({"activation": "gelu"}, {}),
    "masks": ({}, {"tgt_mask": "bool", "mem_mask": True, "tgt_kpm": True, "mem_kpm": True}),
    "float-mask+kpm-bf": ({"batch_first": True}, {"bf": True, "tgt_mask": "float",
                                                  "tgt_kpm": True, "mem_kpm": True}),
    "causal": ({"norm_first": True}, {"tgt_mask": "causal", "tgt_causal": True}),
    "nhead4-no-bias": ({"nhead": 4, "bias": False}, {"mem_kpm": True}),
    "unbatched": ({}, {"batched": False, "tgt_kpm": True, "mem_kpm": True}),
}


@pytest.mark.parametrize("name", list(DEC_LAYER))
def test_decoder_layer(name):
    ctor_kw, in_kw = DEC_LAYER[name]
    ctor_kw = dict(ctor_kw)
    nhead = ctor_kw.pop("nhead", H)
    check_module(lambda lib: mod(lib).TransformerDecoderLayer(D, nhead, FF, dropout=0.0,
                                                              **ctor_kw),
                 _inputs(_dec_inputs(**in_kw)))


# ------------------------------------------------------------------ stacks
def _encoder(lib, num_layers=2, final_norm=True, bf=True, **kw):
    layer = mod(lib).TransformerEncoderLayer(D, H, FF, dropout=0.0, batch_first=bf, **kw)
    norm = lib.nn.LayerNorm(D) if final_norm else None
    return mod(lib).TransformerEncoder(layer, num_layers, norm, enable_nested_tensor=bf)


ENCODER = {
    "plain": ({}, {}),
    "seq-first-float32": ({"bf": False}, {"dt": "float32"}),
    "one-layer-no-norm": ({"num_layers": 1, "final_norm": False}, {"kpm": True}),
    "norm_first-gelu": ({"norm_first": True, "activation": "gelu", "bf": False}, {}),
    "kpm": ({}, {"kpm": True}),
    "bool-mask+kpm": ({}, {"mask": "bool", "kpm": True}),
    "causal-detected": ({}, {"mask": "causal"}),  # is_causal=None: detected from the mask
    "causal-hint": ({}, {"mask": "causal", "causal": True, "kpm": True}),
    "unbatched": ({}, {"batched": False, "kpm": True}),
}


@pytest.mark.parametrize("name", list(ENCODER))
def test_encoder(name):
    ctor_kw, in_kw = ENCODER[name]
    bf = ctor_kw.get("bf", True)
    _, inputs = _enc_layer_case(bf=bf, causal=None if "causal" not in in_kw else True,
                                **{k: v for k, v in in_kw.items() if k != "causal"})
    check_module(lambda lib: _encoder(lib, **ctor_kw), inputs)


def _decoder(lib, num_layers=2, final_norm=True, **kw):
    layer = mod(lib).TransformerDecoderLayer(D, H, FF, dropout=0.0, **kw)
    return mod(lib).TransformerDecoder(layer, num_layers, lib.nn.LayerNorm(D) if final_norm
                                       else None)


@pytest.mark.parametrize("ctor_kw,in_kw", [
    ({}, {}),
    ({"batch_first": True, "final_norm": False}, {"bf": True, "dt": "float32"}),
    ({"norm_first": True}, {"tgt_mask": "causal", "tgt_kpm": True, "mem_kpm": True}),
    ({}, {"tgt_mask": "causal", "tgt_causal": None}),  # causal detected from the mask
    ({"activation": "gelu"}, {"tgt_mask": "bool", "mem_mask": True, "batched": False}),
], ids=["plain", "bf-float32-no-norm", "norm_first-masks", "causal-detected", "unbatched"])
def test_decoder(ctor_kw, in_kw):
    check_module(lambda lib: _decoder(lib, **ctor_kw), _inputs(_dec_inputs(**in_kw)))


def _transformer(lib, **kw):
    kw = {"num_encoder_layers": 2, "num_decoder_layers": 1, "dim_feedforward": FF,
          "dropout": 0.0, **kw}
    with warnings.catch_warnings():  # compared in test_enable_nested_tensor_warning
        warnings.filterwarnings("ignore", "enable_nested_tensor is True")
        return mod(lib).Transformer(D, H, **kw)


def _transformer_inputs(dt="float64", bf=False, masks=False):
    src = _data(_seq(N, S, bf), dt, 0)
    tgt = _data(_seq(N, T, bf), dt, 1)
    args = [src, tgt]
    if masks:
        tgt_kpm = np.where(_kpm(N, T, 3), -np.inf, 0.0).astype(dt)  # float like tgt_mask
        args += [None, ("mask", _causal(T, dt)), None, ("mask", _kpm(N, S, 2)),
                 ("mask", tgt_kpm), ("mask", _kpm(N, S, 2))]
    return _inputs(args)


@pytest.mark.parametrize("ctor_kw,in_kw", [
    ({}, {}),
    ({"batch_first": True}, {"bf": True, "dt": "float32"}),
    ({"norm_first": True, "activation": "gelu"}, {"masks": True}),
    ({"batch_first": True, "bias": False}, {"bf": True, "masks": True}),
], ids=["plain", "bf-float32", "norm_first-gelu-masks", "bf-no-bias-masks"])
def test_transformer(ctor_kw, in_kw):
    check_module(lambda lib: _transformer(lib, **ctor_kw), _transformer_inputs(**in_kw))


# ------------------------------------------------------------------ torch's eval fast paths
def _eval_no_grad(ctor, args, torch_plain=False):
    """Outputs of both libraries in eval mode under no_grad (where torch takes its fast
    paths), with torch's weights; ``torch_plain``: torch keeps autograd on instead, so it
    runs its plain path (its fused kernel misreads float masks, see transformer.py)."""
    torch.manual_seed(0)
    theirs = ctor(torch).double().eval()
    ours = ctor(numtorch).double().eval()
    copy_state(theirs, ours, numtorch)
    outs = []
    for lib, m in ((numtorch, ours), (torch, theirs)):
        with lib.no_grad() if lib is numtorch or not torch_plain else lib.enable_grad():
            outs.append(m(*_inputs(args)(lib)))
    return [o.detach() for o in outs]


@pytest.mark.filterwarnings("ignore:The PyTorch API of nested tensors")
@pytest.mark.parametrize("left_aligned", [True, False])
def test_encoder_nested_tensor_path(left_aligned):
    # torch runs left-aligned padding on nested tensors: zeros at padded positions
    x = _data((N, S, D), "float64", 0)
    kpm = _kpm(N, S, 2, left_aligned=left_aligned)
    ours, theirs = _eval_no_grad(lambda lib: _encoder(lib, final_norm=False),
                                 [x, None, ("mask", kpm)])
    assert_close(ours, theirs, *TOL["float64"], "eval no_grad output")
    padded = theirs.numpy()[kpm]
    assert (padded == 0).all() == left_aligned


@pytest.mark.parametrize("kw,args", [
    ({}, "kpm"), ({"activation": "gelu"}, "mask+kpm"), ({}, "none"),
    ({"norm_first": True}, "kpm"), ({}, "3d-mask"), ({"norm_first": True}, "bool-mask"),
])
def test_encoder_layer_fast_path(kw, args):
    x = _data((N, S, D), "float64", 0)
    kpm = ("mask", _kpm(N, S, 2))
    # float masks: torch's fused kernel would read them as booleans (nonzero = masked out)
    # and give NaN for a query that can attend to nothing; numtorch computes the plain
    # math, so those cases compare with torch's plain path
    sparse = np.where(np.random.default_rng(3).random((S, S)) < 0.5, _data((S, S), "f8", 1), 0)
    sparse[0] = 1.0
    extra = {"kpm": [None, kpm], "mask+kpm": [("mask", sparse),
                                             ("mask", np.where(kpm[1], -np.inf, 0.0))],
             "3d-mask": [("mask", np.tile(sparse, (N * H, 1, 1))), None],
             "bool-mask": [("mask", sparse != 0), kpm],
             "none": []}[args]
    ours, theirs = _eval_no_grad(
        lambda lib: mod(lib).TransformerEncoderLayer(D, H, FF, batch_first=True, **kw),
        [x] + extra, torch_plain=args in ("mask+kpm", "3d-mask", "bool-mask"))
    assert_close(ours, theirs, *TOL["float64"], "eval no_grad output")
    assert not np.isnan(ours.numpy()).any()


def test_transformer_eval_no_grad():
    args = [_data((N, S, D), "float64", 0), _data((N, T, D), "float64", 1), None,
            ("mask", _causal(T, "float64")), None, ("mask", _kpm(N, S, 2)),
            ("mask", np.where(_kpm(N, T, 3), -np.inf, 0.0)), ("mask", _kpm(N, S, 2))]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "The PyTorch API of nested tensors")
        ours, theirs = _eval_no_grad(lambda lib: _transformer(lib, batch_first=True), args)
    assert_close(ours, theirs, *TOL["float64"], "eval no_grad output")


# ------------------------------------------------------------------ API details
def test_structure_and_repr():
    torch.manual_seed(0)
    for kw in ({}, {"batch_first": True, "norm_first": True, "bias": False,
                    "activation": "gelu", "layer_norm_eps": 1e-3}):
        ours, theirs = _transformer(numtorch, **kw), _transformer(torch, **kw)
        assert repr(ours) == repr(theirs)
        assert list(ours.state_dict()) == list(theirs.state_dict())
        for a in ("d_model", "nhead", "batch_first"):
            assert getattr(ours, a) == getattr(theirs, a)
        for m in (ours.encoder, ours.decoder):
            assert m.num_layers == len(m.layers)
            assert m.layers[0].linear1.weight is not m.layers[-1].linear1.weight or \
                m.num_layers == 1
        assert ours.encoder.layers[0].activation_relu_or_gelu == \
            theirs.encoder.layers[0].activation_relu_or_gelu
    # xavier_uniform_ on every matrix: bound sqrt(6 / (fan_in + fan_out))
    m = _transformer(numtorch, batch_first=True)
    w = m.encoder.layers[0].linear1.weight
    assert w.abs().max().item() <= (6 / (D + FF)) ** 0.5
    assert (m.decoder.norm.weight == 1).all() and (m.encoder.layers[0].linear1.bias != 0).any()


def test_generate_square_subsequent_mask():
    for kw in ({}, {"dtype": "float64"}):
        o = nt_transformer.Transformer.generate_square_subsequent_mask(
            4, **{k: getattr(numtorch, v) for k, v in kw.items()})
        t = torch.nn.Transformer.generate_square_subsequent_mask(
            4, **{k: getattr(torch, v) for k, v in kw.items()})
        assert_close(o, t, 0, 0, "mask")
        assert repr(o) == repr(t)


@pytest.mark.parametrize("kw", [
    {}, {"norm_first": True}, {"bias": False}, {"activation": "gelu"},
    {"activation": "callable"}, {"nhead": 1},
])
def test_enable_nested_tensor_warning(kw):
    """The same warning (or none) as torch for each reason it can't use nested tensors."""
    kw = dict(kw)
    nhead = kw.pop("nhead", H)
    msgs = []
    for lib in (numtorch, torch):
        k = {**kw, "activation": lib.tanh} if kw.get("activation") == "callable" else kw
        for bf in (False, True):
            layer = mod(lib).TransformerEncoderLayer(D, nhead, FF, batch_first=bf, **k)
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter("always")
                enc = mod(lib).TransformerEncoder(layer, 2)
                mod(lib).TransformerEncoder(layer, 2, enable_nested_tensor=False)
            msgs.append(([str(x.message) for x in w], enc.use_nested_tensor,
                         enc.enable_nested_tensor, [x.filename for x in w]))
    assert [m[:3] for m in msgs[:2]] == [m[:3] for m in msgs[2:]]
    assert all(f == __file__ for m in msgs[:2] for f in m[3])  # stacklevel: the caller


def test_mismatched_mask_types_warn():
    layer = nt_transformer.TransformerEncoderLayer(D, H, FF, dropout=0.0)
    x = numtorch.randn(S, N, D)
    with pytest.warns(UserWarning, match="Support for mismatched src_key_padding_mask and "
                      "src_mask is deprecated. Use same type for both instead."):
        layer(x, src_mask=numtorch.zeros(S, S), src_key_padding_mask=numtorch.zeros(
            N, S, dtype=numtorch.bool))


def _raises_like(fn):
    """Run ``fn(lib)`` in both libraries; same exception type and message."""
    errs = []
    for lib in (numtorch, torch):
        with pytest.raises(Exception) as e:
            fn(lib)
        errs.append((type(e.value), str(e.value)))
    assert errs[0] == errs[1]


@pytest.mark.parametrize("fn", [
    lambda lib: mod(lib).TransformerEncoderLayer(10, 3),
    lambda lib: mod(lib).TransformerDecoderLayer(8, 3, 16),
    lambda lib: mod(lib).TransformerEncoderLayer(8, 2, activation="tanh"),
    lambda lib: mod(lib).TransformerDecoderLayer(8, 2, activation="swish"),
    lambda lib: mod(lib).Transformer(8, 2, 1, 1, 16, batch_first=True)(
        lib.zeros(3, 5, 8), lib.zeros(2, 4, 8)),
    lambda lib: mod(lib).Transformer(8, 2, 1, 1, 16, batch_first=True)(
        lib.zeros(3, 5, 6), lib.zeros(3, 4, 6)),
    lambda lib: mod(lib).TransformerEncoderLayer(8, 2, 16)(
        lib.zeros(5, 3, 8), src_key_padding_mask=lib.zeros(3, 5, dtype=lib.int64)),
], ids=["enc-divisible", "dec-divisible", "enc-activation", "dec-activation", "batch",
        "features", "mask-dtype"])
def test_errors(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _raises_like(fn)


def test_deepcopy_and_state_dict_roundtrip():
    torch.manual_seed(0)
    theirs = _transformer(torch, batch_first=True)
    ours = _transformer(numtorch, batch_first=True)
    copy_state(theirs, ours, numtorch)
    back = copy.deepcopy(ours)
    for (k, a), b in zip(ours.state_dict().items(), back.state_dict().values()):
        assert np.array_equal(a.numpy(), b.numpy()), k


def test_save_whole_module_loads_in_torch(tmp_path):
    ours = nt_transformer.TransformerEncoderLayer(D, H, FF, batch_first=True, activation="gelu")
    numtorch.save(ours, tmp_path / "m.pt")
    theirs = torch.load(tmp_path / "m.pt", weights_only=False)
    assert type(theirs) is torch.nn.TransformerEncoderLayer and theirs.activation is \
        torch.nn.functional.gelu
    x = _data((N, S, D), "float64", 0)
    ours.double().eval()
    theirs.double().eval()
    assert_close(ours(to_lib(numtorch, x)), theirs(to_lib(torch, x)), *TOL["float64"], "out")

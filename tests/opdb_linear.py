"""opdb rows: linear, bilinear, scaled_dot_product_attention, multi_head_attention_forward."""

import numpy as np

from opdb import ErrorSample, OpInfo, Sample, rand


def _F(lib):
    return lib.nn.functional


def _e(*args, exc=RuntimeError, match=None, **kwargs):
    return ErrorSample(args, kwargs, exc=exc, match=match)


# ---------------------------------------------------------------- linear
def _linear_samples(rng, dt):
    w = rand(rng, (4, 3), dt)
    b = rand(rng, (4,), dt)
    return [
        Sample((rand(rng, (2, 3), dt), w, b)),  # tiny: gradchecked
        Sample((rand(rng, (3,), dt), w, None)),
        Sample((rand(rng, (5, 3), dt), w, None)),
        Sample((rand(rng, (3,), dt), w, b)),
        Sample((rand(rng, (2, 5, 3), dt), w, b)),
        Sample((rand(rng, (2, 5, 3), dt), w, None)),
        Sample((rand(rng, (2, 1, 2, 3), dt), w, b)),
        Sample((rand(rng, (5, 3), dt), w, rand(rng, (5, 4), dt))),  # bias broadcast to out
        Sample((rand(rng, (5, 3), dt), w, rand(rng, (1,), dt))),
        Sample((rand(rng, (2, 5, 3), dt), w, rand(rng, (5, 4), dt))),
        Sample((rand(rng, (3, 5), dt)[:, :3], w, b)),  # a non-contiguous input
        Sample((rand(rng, (5, 3), dt), rand(rng, (3,), dt), None)),  # vector weight: mv
        Sample((rand(rng, (0, 3), dt), w, b)),
        Sample((rand(rng, (5, 0), dt), rand(rng, (4, 0), dt), b)),
        Sample((rand(rng, (64, 33), dt), rand(rng, (17, 33), dt), rand(rng, (17,), dt))),
    ]


def _linear_int_samples(rng, dt):
    return [Sample((rand(rng, (5, 3), "int64"), rand(rng, (4, 3), "int64"),
                    rand(rng, (4,), "int64")))]


def _linear_errors(rng):
    x, w, b = rand(rng, (4, 5)), rand(rng, (2, 3)), rand(rng, (2,))
    return [
        _e(x, w, b, match=r"mat1 and mat2 shapes cannot be multiplied \(4x5 and 3x2\)"),
        _e(x, w, None, match=r"mat1 and mat2 shapes cannot be multiplied \(4x5 and 3x2\)"),
        _e(rand(rng, (3, 4, 5)), w, b, match=r"\(12x5 and 3x2\)"),
        _e(rand(rng, (4, 3)), w, rand(rng, (3,)), match=r"expanded size of the tensor \(2\)"),
        _e(rand(rng, (4, 3)), rand(rng, (2, 3), "float64"), match="same dtype"),
        _e(rand(rng, (4, 3)), rand(rng, (2, 3, 3)), match="<= 2 dimensions, but self is 3D"),
        _e(np.array(1.0, "float32"), w, match="at least 1D, but they are 0D and 2D"),
        _e(rand(rng, (4, 3)), w, rand(rng, (2,), "float64"), match="same dtype"),
        _e(rand(rng, (4, 3)).astype(bool), w.astype(bool), exc=NotImplementedError,
           match="not implemented for 'Bool'"),
        _e(rand(rng, (4, 3)), 3, exc=TypeError, match="argument 'weight'"),
    ]


# ---------------------------------------------------------------- bilinear
def _bilinear_samples(rng, dt):
    w = rand(rng, (2, 3, 4), dt)
    b = rand(rng, (2,), dt)
    return [
        Sample((rand(rng, (2, 3), dt), rand(rng, (2, 4), dt), w, b)),
        Sample((rand(rng, (3,), dt), rand(rng, (4,), dt), w, None)),
        Sample((rand(rng, (5, 3), dt), rand(rng, (5, 4), dt), w, None)),
        Sample((rand(rng, (2, 5, 3), dt), rand(rng, (2, 5, 4), dt), w, b)),
        Sample((rand(rng, (0, 3), dt), rand(rng, (0, 4), dt), w, b)),
    ]


def _bilinear_errors(rng):
    w, b = rand(rng, (2, 3, 5)), rand(rng, (2,))
    x1, x2 = rand(rng, (4, 3)), rand(rng, (4, 5))
    return [
        _e(x1, rand(rng, (5, 5)), w, b, match="batch dimensions do not match at dim 0: got 4 "
                                               "and 5"),
        _e(rand(rng, (4, 4)), x2, w, b, match="input1 size does not match weight size: got 4 "
                                              "but expected 3"),
        _e(x1, rand(rng, (4, 4)), w, b, match="input2 size does not match weight size"),
        _e(x1, x2, w, rand(rng, (3,)), match="bias size does not match weight size: got 3"),
        _e(x1, rand(rng, (4, 1, 5)), w, b, match="input dimensions do not match: got 2 and 3"),
        _e(x1.astype("float64"), x2, w, b, match="All tensors must have the same dtype, got "
                                                 "input1: double"),
        _e(x1, x2, rand(rng, (2, 3)), b, exc=IndexError),
    ]


# ---------------------------------------------------------------- attention
def _sdpa(lib, q, k, v, *args, **kw):
    return _F(lib).scaled_dot_product_attention(q, k, v, *args, **kw)


def _sdpa_samples(rng, dt):
    q, k, v = rand(rng, (2, 3, 4), dt), rand(rng, (2, 5, 4), dt), rand(rng, (2, 5, 3), dt)
    bool_mask = rng.random((3, 5)) < 0.7
    bool_mask[:, 0] = True
    dead = bool_mask.copy()
    dead[1] = False  # a fully masked row: zeros, zero gradient
    float_mask = rand(rng, (3, 5), dt)
    Q, K, V = (rand(rng, (2, 4, 6, 8), dt), rand(rng, (2, 4, 7, 8), dt),
               rand(rng, (2, 4, 7, 5), dt))
    return [
        Sample((q, k, v)),  # tiny: gradchecked
        Sample((q, k, v), {"attn_mask": bool_mask}),
        Sample((Q, K, V)),
        Sample((Q, K, V), {"is_causal": True}),
        Sample((Q, Q, Q), {"is_causal": True}),
        Sample((q, k, v), {"attn_mask": float_mask}),
        Sample((q, k, v), {"attn_mask": dead}),
        Sample((q, k, v), {"scale": 0.3}),
        Sample((q[0], k[0], v[0])),  # unbatched (L, E)
        Sample((Q, K[:, :1], V[:, :1])),  # broadcast key/value heads
        Sample((Q, K[:, :2], V[:, :2]), {"enable_gqa": True}),
        Sample((Q, K, V), {"attn_mask": rng.random((2, 1, 6, 7)) < 0.8}),
    ]


def _sdpa_dropout_samples(rng, dt):
    q, k, v = rand(rng, (2, 3, 4), dt), rand(rng, (2, 5, 4), dt), rand(rng, (2, 5, 3), dt)
    return [Sample((q, k, v), {"dropout_p": 0.5}), Sample((q, k, v), {"dropout_p": 0.2,
                                                                      "is_causal": True})]


def _sdpa_errors(rng):
    q, k, v = rand(rng, (2, 3, 4)), rand(rng, (2, 5, 4)), rand(rng, (2, 5, 3))
    return [
        _e(q, k, v, attn_mask=rng.random((3, 5)) < 0.5, is_causal=True,
           match="Explicit attn_mask should not be set when is_causal=True"),
        _e(q.astype("float64"), k, v, match="same dtype"),
        _e(q, k, v, attn_mask=rand(rng, (3, 5), "float64"), match="attn_mask dtype"),
        _e(q[0, 0], k[0, 0], v[0, 0], match="at least 2 dimensional"),
        _e(rand(rng, (2, 4, 3, 4)), rand(rng, (2, 3, 5, 4)), rand(rng, (2, 3, 5, 3)),
           enable_gqa=True, match="Number of heads"),
    ]


# ---------------------------------------------------------------- multi-head attention
def _mha(lib, query, key, value, w_in, b_in, w_out, b_out, self_attn=False, **kw):
    """F.multi_head_attention_forward with E=4, 2 heads (self_attn: key = value = query,
    the same object, taking the packed-projection path)."""
    if self_attn:
        key = value = query
    kw.setdefault("training", False)
    return _F(lib).multi_head_attention_forward(
        query, key, value, 4, 2, w_in, b_in, kw.pop("bias_k", None), kw.pop("bias_v", None),
        kw.pop("add_zero_attn", False), kw.pop("dropout_p", 0.0), w_out, b_out, **kw)


def _mha_samples(rng, dt):
    L, S, N, E = 3, 5, 2, 4
    w_in, b_in = rand(rng, (3 * E, E), dt, -0.7, 0.7), rand(rng, (3 * E,), dt)
    w_out, b_out = rand(rng, (E, E), dt, -0.7, 0.7), rand(rng, (E,), dt)
    q, k, v = rand(rng, (L, N, E), dt), rand(rng, (S, N, E), dt), rand(rng, (S, N, E), dt)
    params = (w_in, b_in, w_out, b_out)
    kpm = rng.random((N, S)) < 0.3
    kpm[:, 0] = False
    am = rng.random((L, S)) < 0.3
    am[:, 1] = False
    return [
        Sample((q[:, :1], k[:, :1], v[:, :1]) + params),
        Sample((q, k, v) + params),
        Sample((q, q, q) + params, {"self_attn": True}),
        Sample((q, k, v) + params, {"average_attn_weights": False}),
        Sample((q, k, v) + params, {"need_weights": False}),
        Sample((q, k, v) + params, {"key_padding_mask": kpm, "attn_mask": am}),
        Sample((q, k, v) + params, {"key_padding_mask": kpm, "need_weights": False}),
        Sample((q, k, v) + params, {"attn_mask": rand(rng, (N * 2, L, S), dt)}),
        Sample((q, k, v) + params, {"attn_mask": rand(rng, (L, S), dt), "need_weights": False}),
        Sample((q[:, 0], k[:, 0], v[:, 0]) + params, {"key_padding_mask": kpm[0]}),
        Sample((q[:, 0], k[:, 0], v[:, 0]) + params, {"need_weights": False}),
        Sample((q, k, v) + params, {"bias_k": rand(rng, (1, 1, E), dt),
                                    "bias_v": rand(rng, (1, 1, E), dt), "attn_mask": am,
                                    "key_padding_mask": kpm}),
        Sample((q, k, v) + params, {"add_zero_attn": True, "key_padding_mask": kpm}),
        Sample((q, q, q) + params, {"self_attn": True, "is_causal": True, "need_weights": False,
                                    "attn_mask": np.triu(np.ones((L, L), bool), 1)}),
        Sample((q, k, v) + (None,) + params[1:], {
            "use_separate_proj_weight": True, "q_proj_weight": rand(rng, (E, E), dt),
            "k_proj_weight": rand(rng, (E, E), dt), "v_proj_weight": rand(rng, (E, E), dt)}),
        Sample((q, k, v, w_in, None, w_out, None)),
    ]


def _mha_errors(rng):
    E = 4
    p = (rand(rng, (3 * E, E)), rand(rng, (3 * E,)), rand(rng, (E, E)), rand(rng, (E,)))
    q, k = rand(rng, (3, 2, E)), rand(rng, (5, 2, E))
    return [
        _e(q, k[:, 0], k[:, 0], *p, exc=AssertionError, match="expected `key` and `value` to "
                                                              "be 3-D"),
        _e(rand(rng, (3, 2, 6)), rand(rng, (5, 2, 6)), rand(rng, (5, 2, 6)), *p,
           exc=AssertionError, match="was expecting embedding dimension of 4, but got 6"),
        _e(q, k, k, *p, attn_mask=rng.random((3, 4)) < 0.5, match="shape of the 2D attn_mask"),
        _e(q, k, k, *p, attn_mask=rand(rng, (3, 3, 5)), match="shape of the 3D attn_mask"),
        _e(q, k, k, *p, key_padding_mask=rng.random((2, 4)) < 0.5, exc=AssertionError,
           match="key_padding_mask shape"),
        _e(q, k, k, *p, key_padding_mask=rand(rng, (2, 5), "int64"), exc=AssertionError,
           match="only bool and floating types of key_padding_mask are supported"),
        _e(q, k, k, *p, is_causal=True, match="Need attn_mask if specifying the is_causal"),
    ]


ROWS = [
    OpInfo("nn.functional.linear", lambda lib, x, w, b=None: _F(lib).linear(x, w, b),
           _linear_samples, gradgrad=True, errors=_linear_errors),
    OpInfo("nn.functional.linear/int", lambda lib, x, w, b=None: _F(lib).linear(x, w, b),
           _linear_int_samples, dtypes=("int64",), grad=False),
    OpInfo("nn.functional.bilinear", lambda lib, *a: _F(lib).bilinear(*a), _bilinear_samples,
           errors=_bilinear_errors),
    OpInfo("bilinear", lambda lib, *a: lib.bilinear(*a), _bilinear_samples),
    OpInfo("nn.functional.scaled_dot_product_attention", _sdpa, _sdpa_samples,
           atol=1e-5, rtol=1e-4, errors=_sdpa_errors),
    OpInfo("nn.functional.scaled_dot_product_attention/dropout", _sdpa, _sdpa_dropout_samples,
           compare_values=False, grad=False),
    OpInfo("nn.functional.multi_head_attention_forward", _mha, _mha_samples, atol=1e-5,
           rtol=1e-4, errors=_mha_errors),
]

"""nn kernels: linear, bilinear, scaled dot-product attention, multi-head attention.

``linear`` is the hot path of every MLP: one fused Function whose forward is one GEMM
(``x @ W.T``, the transpose handed to BLAS as a flag, no copy) plus an in-place bias add,
and whose backward is two GEMMs written in Tensor ops (double backward works). The
attention functions are compositions of public ops.
"""

import math
import warnings

import numpy as np

from .. import _dtype as D
from .._creation import ones, zeros
from .._tensor import Tensor
from ..autograd.function import Function
from ._util import check_tensor
from .shape import cat

__all__ = ["bilinear"]  # names torch also has at top level (torch.X)
__functional__ = ["linear", "bilinear", "scaled_dot_product_attention",
                  "multi_head_attention_forward"]  # names of torch.nn.functional defined here

_short = D.short_name


# ---------------------------------------------------------------- linear
def _half(dt):
    return dt.itemsize == 2 and dt.kind in "fV"


class Linear(Function):
    """``y = x W^T + b`` over the last dim of ``x`` (any leading dims; W: (out, in)).

    Forward: leading dims folded into one (rows, in) matrix, one GEMM, bias added in place.
    Backward: grad_x = g W, grad_W = g^T x (leading dims folded: one GEMM), grad_b = g
    (the engine sums it down to the bias's shape). One class per grad_fn name torch shows.
    """

    _raw = True
    _grad_name = "AddmmBackward0"  # 2-D input with bias

    @staticmethod
    def forward(ctx, x, w, b):
        ctx.save_for_backward(x, w)
        xa = x._array
        lead = xa.shape[:-1]
        if xa.ndim != 2:
            xa = xa.reshape(-1, xa.shape[-1])
        wt, dt = w._array.T, xa.dtype
        if _half(dt):  # BLAS has no half GEMM: compute in float32, round once at the end
            xa, wt = xa.astype(np.float32), wt.astype(np.float32)
        out = xa @ wt
        if len(lead) != 1:
            out = out.reshape(lead + out.shape[-1:])  # a view: the GEMM's output is contiguous
        if b is not None:
            out += b._array
        return out.astype(dt) if out.dtype != dt else out

    @staticmethod
    def backward(ctx, grad):
        x, w = ctx.saved_tensors
        need_x, need_w, need_b = ctx.needs_input_grad[:3]
        g2 = grad if grad.ndim == 2 else grad.reshape(-1, grad.shape[-1])
        gx = gw = None
        if need_x:
            gx = g2.mm(w)
            if x.ndim != 2:
                gx = gx.reshape(x.shape)
        if need_w:
            x2 = x if x.ndim == 2 else x.reshape(-1, x.shape[-1])
            gw = g2.mT.mm(x2)
        return gx, gw, (grad if need_b else None)


class _LinearMm(Linear):  # 2-D input, no bias
    _grad_name = "MmBackward0"


class _LinearView(Linear):  # 1-D or >2-D input with bias
    _grad_name = "ViewBackward0"


class _LinearUnsafeView(Linear):  # >2-D input, no bias
    _grad_name = "UnsafeViewBackward0"


class _LinearSqueeze(Linear):  # 1-D input, no bias
    _grad_name = "SqueezeBackward4"


def _linear_check(input, weight, bias):
    check_tensor(input, "linear")
    check_tensor(weight, "linear", "weight", 2)
    if bias is not None:
        check_tensor(bias, "linear", "bias", 3)
    xn, wn = input._array.ndim, weight._array.ndim
    if wn > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {wn}D")
    if xn == 0 or wn == 0:
        raise RuntimeError(f"both arguments to linear need to be at least 1D, but they are "
                           f"{xn}D and {wn}D")
    if input._dtype is not weight._dtype:
        raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: "
                           f"{D.c_name(input._dtype)} != "
                           f"{D.c_name(weight._dtype)}")
    if input._dtype is D.bool:
        raise NotImplementedError("\"addmm_impl_cpu_\" not implemented for 'Bool'")
    if bias is not None and bias._dtype is not input._dtype:
        raise RuntimeError(f"self and mat2 must have the same dtype, but got "
                           f"{_short(bias._dtype)} and {_short(input._dtype)}")


def linear(input, weight, bias=None):
    """``input @ weight.T + bias``.

    Shapes: input (*, in_features), weight (out_features, in_features) or (in_features,),
    bias (out_features) or anything broadcastable to the output -> (*, out_features).

    >>> linear(torch.ones(2, 3), torch.ones(4, 3)).shape
    torch.Size([2, 4])
    """
    _linear_check(input, weight, bias)
    if weight._array.ndim == 1:  # a vector of weights: torch's matmul (mv / dot)
        out = input.matmul(weight)
        return out if bias is None else out + bias
    xs, (n_out, n_in) = input._array.shape, weight._array.shape
    if xs[-1] != n_in:
        rows = math.prod(xs[:-1])
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({rows}x{xs[-1]} and "
                           f"{n_in}x{n_out})")
    out_shape = xs[:-1] + (n_out,)
    if bias is not None:
        _check_expand(bias._array.shape, out_shape)
    if len(xs) == 2:
        cls = Linear if bias is not None else _LinearMm
    elif len(xs) == 1:
        cls = _LinearView if bias is not None else _LinearSqueeze
    else:
        cls = _LinearView if bias is not None else _LinearUnsafeView
    return cls.apply(input, weight, bias)


def _check_expand(shape, target):
    """torch's error when ``shape`` (the bias) does not broadcast to ``target`` (the output)."""
    if len(shape) > len(target):
        raise RuntimeError(f"expand({list(shape)}, size={list(target)}): the number of sizes "
                           f"provided ({len(target)}) must be greater or equal to the number of "
                           f"dimensions in the tensor ({len(shape)})")
    off = len(target) - len(shape)
    for i, n in enumerate(shape):
        if n != 1 and n != target[off + i]:
            raise RuntimeError(f"The expanded size of the tensor ({target[off + i]}) must match "
                               f"the existing size ({n}) at non-singleton dimension {off + i}.  "
                               f"Target sizes: {list(target)}.  Tensor sizes: {list(shape)}")


# ---------------------------------------------------------------- bilinear
def bilinear(input1, input2, weight, bias=None):
    """``y[..., o] = sum_ij input1[..., i] weight[o, i, j] input2[..., j] + bias[o]``.

    Shapes: input1 (*, in1), input2 (*, in2), weight (out, in1, in2), bias (out) ->
    (*, out). Computed as one GEMM against weight folded to (in1, out * in2), then a
    product with input2 summed over in2.
    """
    check_tensor(input1, "bilinear", "input1", 1)
    check_tensor(input2, "bilinear", "input2", 2)
    check_tensor(weight, "bilinear", "weight", 3)
    a, b, w = input1._array, input2._array, weight._array
    if a.ndim != b.ndim:
        raise RuntimeError(f"bilinear(): input dimensions do not match: got {a.ndim} and "
                           f"{b.ndim}")
    if a.ndim == 0:
        raise IndexError("Dimension specified as -1 but tensor has no dimensions")
    for d in range(a.ndim - 1):
        if a.shape[d] != b.shape[d]:
            raise RuntimeError(f"bilinear(): input batch dimensions do not match at dim {d}: "
                               f"got {a.shape[d]} and {b.shape[d]}")
    if w.ndim != 3:
        raise IndexError(f"Dimension out of range (expected to be in range of "
                         f"[{-max(w.ndim, 1)}, {max(w.ndim, 1) - 1}], but got 2)")
    n_out, n1, n2 = w.shape
    for x, n, name in ((a, n1, "input1"), (b, n2, "input2")):
        if x.shape[-1] != n:
            raise RuntimeError(f"bilinear(): {name} size does not match weight size: got "
                               f"{x.shape[-1]} but expected {n}")
    if bias is not None:
        check_tensor(bias, "bilinear", "bias", 4)
        if bias._array.ndim != 1 or bias._array.shape[0] != n_out:
            got = bias._array.shape[0] if bias._array.ndim else bias._array.ndim
            raise RuntimeError(f"bilinear(): bias size does not match weight size: got {got} "
                               f"but expected {n_out}")
    ts = [input1, input2, weight] + ([] if bias is None else [bias])
    if len({t._dtype for t in ts}) > 1:
        names = ["input1", "input2", "weight", "bias"]
        got = ", ".join(f"{n}: {D.c_name(t._dtype)}"
                        for n, t in zip(names, ts))
        raise RuntimeError(f"All tensors must have the same dtype, got {got}")
    lead = a.shape[:-1]
    x1 = input1.reshape(-1, n1)
    x2 = input2.reshape(-1, 1, n2)
    u = x1.matmul(weight.permute(1, 0, 2).reshape(n1, n_out * n2)).reshape(-1, n_out, n2)
    out = (u * x2).sum(-1)
    out = out.reshape(lead + (n_out,))
    return out if bias is None else out + bias


# ---------------------------------------------------------------- attention
def _dropout(x, p):
    """Dropout that is always on (attention's ``dropout_p`` ignores training mode)."""
    from .dropout import dropout  # the dropout family (imported late: no import cycle)

    return dropout(x, p, True)


def _safe_softmax(scores):
    """Softmax over the last dim where a row of only -inf gives zeros, not nan (torch's
    math kernel), with zero gradient for such rows."""
    dead = (scores == -math.inf).all(-1, keepdim=True)
    if bool(dead.any()):
        return scores.masked_fill(dead, 0).softmax(-1).masked_fill(dead, 0)
    return scores.softmax(-1)


def scaled_dot_product_attention(query, key, value, attn_mask=None, dropout_p=0.0,
                                 is_causal=False, scale=None, enable_gqa=False):
    """``softmax(Q K^T * scale + mask) V``, scale defaulting to 1 / sqrt(E).

    Shapes: query (N, ..., L, E), key (N, ..., S, E), value (N, ..., S, Ev) ->
    (N, ..., L, Ev). ``attn_mask``: bool (True = may attend) or float (added to the
    scores), broadcastable to (N, ..., L, S). ``is_causal``: the top-left lower-triangular
    mask. ``enable_gqa``: key/value heads (dim -3) repeated to match query's.
    """
    for t, n, i in ((query, "query", 1), (key, "key", 2), (value, "value", 3)):
        check_tensor(t, "scaled_dot_product_attention", n, i)
    if not (query._dtype is key._dtype is value._dtype):
        raise RuntimeError(f"Expected query, key, and value to have the same dtype, but got "
                           f"query.dtype: {D.c_name(query._dtype)} key.dtype: "
                           f"{D.c_name(key._dtype)} and value.dtype: "
                           f"{D.c_name(value._dtype)} instead.")
    if query._dtype._cat < D._FLOAT:
        raise RuntimeError(f"scaled_dot_product_attention: expected query, key and value to "
                           f"be floating point, but got {_short(query._dtype)}")
    if min(query.ndim, key.ndim, value.ndim) < 2:
        raise RuntimeError(f"Expected query, key, and value to all be  at least 2 dimensional, "
                           f"but got query.dim: {query.ndim} key.dim: {key.ndim} and value.dim: "
                           f"{value.ndim} instead.")
    if query.shape[-1] != key.shape[-1]:
        raise RuntimeError(f"scaled_dot_product_attention: query and key must have the same "
                           f"embedding size, got {query.shape[-1]} and {key.shape[-1]}")
    if key.shape[-2] != value.shape[-2]:
        raise RuntimeError(f"scaled_dot_product_attention: key and value must have the same "
                           f"sequence length, got {key.shape[-2]} and {value.shape[-2]}")
    if is_causal and attn_mask is not None:
        raise RuntimeError("_scaled_dot_product_attention: Explicit attn_mask should not be "
                           "set when is_causal=True")
    if enable_gqa and query.ndim >= 3 and key.ndim >= 3:
        hq, hk, hv = query.shape[-3], key.shape[-3], value.shape[-3]
        if hq % hk or hq % hv:
            raise RuntimeError(f"Number of heads in key and value must divide the number of "
                               f"heads in query, got {hq} query heads, {hk} key heads and {hv} "
                               f"value heads")
        if hk != hq:
            key = key.repeat_interleave(hq // hk, -3)
        if hv != hq:
            value = value.repeat_interleave(hq // hv, -3)
    L, S = query.shape[-2], key.shape[-2]
    s = 1 / math.sqrt(query.shape[-1]) if scale is None else scale
    # scale the query, not the (L, S) scores: fewer multiplications when E < S
    scores = (query * s if s != 1 else query).matmul(key.transpose(-2, -1))
    if is_causal:
        keep = ones(L, S, dtype=D.bool, device=query.device).tril()
        scores = scores.masked_fill(keep.logical_not(), -math.inf)
    elif attn_mask is not None:
        check_tensor(attn_mask, "scaled_dot_product_attention", "attn_mask", 4)
        if attn_mask._dtype is D.bool:
            scores = scores.masked_fill(attn_mask.logical_not(), -math.inf)
        else:
            if attn_mask._dtype is not query._dtype:
                raise RuntimeError(f"Expected attn_mask dtype to be bool or float or to match "
                                   f"query dtype, but got attn_mask.dtype: "
                                   f"{D.c_name(attn_mask._dtype)} and  query.dtype: "
                                   f"{D.c_name(query._dtype)} instead.")
            scores = scores + attn_mask
    # only an explicit mask can leave a row with nothing to attend to (causal keeps column 0)
    attn = _safe_softmax(scores) if attn_mask is not None else scores.softmax(-1)
    if dropout_p > 0:
        attn = _dropout(attn, dropout_p)
    return attn.matmul(value)


def _canonical_mask(mask, name, dtype):
    """A bool mask (True = masked out) becomes a float mask with -inf; a float one passes."""
    if mask is None:
        return None
    if mask._dtype is D.bool:
        return zeros(mask.shape, dtype=dtype, device=mask.device).masked_fill(mask, -math.inf)
    if mask._dtype._cat != D._FLOAT:
        raise AssertionError(f"only bool and floating types of {name} are supported")
    return mask


def _pad_last(t):
    """Append one zero column along the last dim (for bias_k/bias_v/add_zero_attn)."""
    return cat([t, zeros(t.shape[:-1] + (1,), dtype=t.dtype, device=t.device)], -1)


def multi_head_attention_forward(query, key, value, embed_dim_to_check, num_heads,
                                 in_proj_weight, in_proj_bias, bias_k, bias_v, add_zero_attn,
                                 dropout_p, out_proj_weight, out_proj_bias, training=True,
                                 key_padding_mask=None, need_weights=True, attn_mask=None,
                                 use_separate_proj_weight=False, q_proj_weight=None,
                                 k_proj_weight=None, v_proj_weight=None, static_k=None,
                                 static_v=None, average_attn_weights=True, is_causal=False):
    """Multi-head attention (what ``nn.MultiheadAttention`` computes).

    Shapes (sequence first): query (L, N, E) or (L, E), key (S, N, Ek), value (S, N, Ev);
    returns ``(attn_output (L, N, E), attn_weights (N, L, S) averaged over heads, or
    (N, heads, L, S), or None when need_weights=False)``. Masks: bool (True = masked out)
    or float (added); key_padding_mask (N, S); attn_mask (L, S) or (N * heads, L, S).
    """
    batched = query.ndim == 3
    _mha_check_shapes(query, key, value, key_padding_mask, attn_mask, num_heads, batched)
    if not batched:
        query, key, value = query.unsqueeze(1), key.unsqueeze(1), value.unsqueeze(1)
        if key_padding_mask is not None:
            key_padding_mask = key_padding_mask.unsqueeze(0)
    tgt_len, bsz, embed_dim = query.shape
    src_len = key.shape[0]
    if embed_dim != embed_dim_to_check:
        raise AssertionError(f"was expecting embedding dimension of {embed_dim_to_check}, but "
                             f"got {embed_dim}")
    head_dim = embed_dim // num_heads
    if head_dim * num_heads != embed_dim:
        raise AssertionError(f"embed_dim {embed_dim} not divisible by num_heads {num_heads}")
    if (key_padding_mask is not None and attn_mask is not None
            and key_padding_mask.dtype != attn_mask.dtype):
        warnings.warn("Support for mismatched key_padding_mask and attn_mask is deprecated. "
                      "Use same type for both instead.", UserWarning, stacklevel=2)
    key_padding_mask = _canonical_mask(key_padding_mask, "key_padding_mask", query.dtype)
    if is_causal and attn_mask is None:
        raise RuntimeError("Need attn_mask if specifying the is_causal hint. You may use the "
                           "Transformer module method `generate_square_subsequent_mask` to "
                           "create this mask.")
    if is_causal and key_padding_mask is None and not need_weights:
        attn_mask = None  # sdpa applies the causal mask itself
    else:
        attn_mask = _canonical_mask(attn_mask, "attn_mask", query.dtype)
        is_causal = False if key_padding_mask is not None else is_causal

    # input projections
    if not use_separate_proj_weight:
        if in_proj_weight is None:
            raise AssertionError("use_separate_proj_weight is False but in_proj_weight is None")
        w_q, w_k, w_v = in_proj_weight.chunk(3)
    else:
        for w, n in ((q_proj_weight, "q"), (k_proj_weight, "k"), (v_proj_weight, "v")):
            if w is None:
                raise AssertionError(f"use_separate_proj_weight is True but {n}_proj_weight "
                                     "is None")
        w_q, w_k, w_v = q_proj_weight, k_proj_weight, v_proj_weight
    b_q = b_k = b_v = None
    if in_proj_bias is not None:
        b_q, b_k, b_v = in_proj_bias.chunk(3)
    if not use_separate_proj_weight and query is key and key is value:
        q, k, v = linear(query, in_proj_weight, in_proj_bias).chunk(3, -1)  # one GEMM
    else:
        q, k, v = linear(query, w_q, b_q), linear(key, w_k, b_k), linear(value, w_v, b_v)

    if attn_mask is not None:
        if attn_mask.ndim == 2:
            if tuple(attn_mask.shape) != (tgt_len, src_len):
                raise RuntimeError(f"The shape of the 2D attn_mask is {attn_mask.shape}, but "
                                   f"should be {(tgt_len, src_len)}.")
            attn_mask = attn_mask.unsqueeze(0)
        elif attn_mask.ndim == 3:
            if tuple(attn_mask.shape) != (bsz * num_heads, tgt_len, src_len):
                raise RuntimeError(f"The shape of the 3D attn_mask is {attn_mask.shape}, but "
                                   f"should be {(bsz * num_heads, tgt_len, src_len)}.")
        else:
            raise RuntimeError(f"attn_mask's dimension {attn_mask.ndim} is not supported")

    if bias_k is not None and bias_v is not None:
        if static_k is not None or static_v is not None:
            raise AssertionError("bias cannot be added to static key/value.")
        k = cat([k, bias_k.repeat(1, bsz, 1)])
        v = cat([v, bias_v.repeat(1, bsz, 1)])
        if attn_mask is not None:
            attn_mask = _pad_last(attn_mask)
        if key_padding_mask is not None:
            key_padding_mask = _pad_last(key_padding_mask)
    elif bias_k is not None or bias_v is not None:
        raise AssertionError("bias_k and bias_v must both be given or both be None")

    bh = bsz * num_heads
    q = q.reshape(tgt_len, bh, head_dim).transpose(0, 1)
    k = (k.reshape(k.shape[0], bh, head_dim).transpose(0, 1) if static_k is None
         else _static(static_k, bh, head_dim, "k"))
    v = (v.reshape(v.shape[0], bh, head_dim).transpose(0, 1) if static_v is None
         else _static(static_v, bh, head_dim, "v"))
    if add_zero_attn:
        k = cat([k, zeros((bh, 1, head_dim), dtype=k.dtype, device=k.device)], 1)
        v = cat([v, zeros((bh, 1, head_dim), dtype=v.dtype, device=v.device)], 1)
        if attn_mask is not None:
            attn_mask = _pad_last(attn_mask)
        if key_padding_mask is not None:
            key_padding_mask = _pad_last(key_padding_mask)
    src_len = k.shape[1]

    if key_padding_mask is not None:
        if tuple(key_padding_mask.shape) != (bsz, src_len):
            raise AssertionError(f"expecting key_padding_mask shape of {(bsz, src_len)}, but "
                                 f"got {tuple(key_padding_mask.shape)}")
        kpm = key_padding_mask.reshape(bsz, 1, 1, src_len).expand(-1, num_heads, -1, -1)
        kpm = kpm.reshape(bh, 1, src_len)
        attn_mask = kpm if attn_mask is None else attn_mask + kpm
    if not training:
        dropout_p = 0.0

    if need_weights:
        scores = (q * (1 / math.sqrt(head_dim))).matmul(k.transpose(-2, -1))
        if attn_mask is not None:
            scores = scores + attn_mask
        weights = scores.softmax(-1)
        if dropout_p > 0:
            weights = _dropout(weights, dropout_p)
        out = weights.matmul(v)  # (bh, L, head_dim)
        out = out.transpose(0, 1).reshape(tgt_len * bsz, embed_dim)
        out = linear(out, out_proj_weight, out_proj_bias).reshape(tgt_len, bsz, embed_dim)
        weights = weights.reshape(bsz, num_heads, tgt_len, src_len)
        if average_attn_weights:
            weights = weights.mean(1)
        if not batched:
            out, weights = out.squeeze(1), weights.squeeze(0)
        return out, weights

    if attn_mask is not None:
        if attn_mask.shape[0] == 1 and attn_mask.ndim == 3:
            attn_mask = attn_mask.unsqueeze(0)
        else:
            attn_mask = attn_mask.reshape(bsz, num_heads, -1, src_len)
    q = q.reshape(bsz, num_heads, tgt_len, head_dim)
    k = k.reshape(bsz, num_heads, src_len, head_dim)
    v = v.reshape(bsz, num_heads, src_len, head_dim)
    out = scaled_dot_product_attention(q, k, v, attn_mask, dropout_p, is_causal)
    out = out.permute(2, 0, 1, 3).reshape(bsz * tgt_len, embed_dim)
    out = linear(out, out_proj_weight, out_proj_bias).reshape(tgt_len, bsz, embed_dim)
    if not batched:
        out = out.squeeze(1)
    return out, None


def _static(t, bh, head_dim, name):
    if t.shape[0] != bh:
        raise AssertionError(f"expecting static_{name}.size(0) of {bh}, but got {t.shape[0]}")
    if t.shape[2] != head_dim:
        raise AssertionError(f"expecting static_{name}.size(2) of {head_dim}, but got "
                             f"{t.shape[2]}")
    return t


def _mha_check_shapes(query, key, value, key_padding_mask, attn_mask, num_heads, batched):
    """torch's checks of batched (3-D) vs unbatched (2-D) inputs and masks."""
    for t, n in ((query, "query"), (key, "key"), (value, "value")):
        if not isinstance(t, Tensor):
            raise TypeError(f"multi_head_attention_forward(): argument '{n}' must be Tensor, "
                            f"not {type(t).__name__}")
    if query.ndim == 3:
        if key.ndim != 3 or value.ndim != 3:
            raise AssertionError(f"For batched (3-D) `query`, expected `key` and `value` to be "
                                 f"3-D but found {key.ndim}-D and {value.ndim}-D tensors "
                                 f"respectively")
        if key_padding_mask is not None and key_padding_mask.ndim != 2:
            raise AssertionError(f"For batched (3-D) `query`, expected `key_padding_mask` to "
                                 f"be `None` or 2-D but found {key_padding_mask.ndim}-D tensor "
                                 f"instead")
        if attn_mask is not None and attn_mask.ndim not in (2, 3):
            raise AssertionError(f"For batched (3-D) `query`, expected `attn_mask` to be "
                                 f"`None`, 2-D or 3-D but found {attn_mask.ndim}-D tensor "
                                 f"instead")
    elif query.ndim == 2:
        if key.ndim != 2 or value.ndim != 2:
            raise AssertionError(f"For unbatched (2-D) `query`, expected `key` and `value` to "
                                 f"be 2-D but found {key.ndim}-D and {value.ndim}-D tensors "
                                 f"respectively")
        if key_padding_mask is not None and key_padding_mask.ndim != 1:
            raise AssertionError(f"For unbatched (2-D) `query`, expected `key_padding_mask` to "
                                 f"be `None` or 1-D but found {key_padding_mask.ndim}-D tensor "
                                 f"instead")
        if attn_mask is not None:
            if attn_mask.ndim not in (2, 3):
                raise AssertionError(f"For unbatched (2-D) `query`, expected `attn_mask` to be "
                                     f"`None`, 2-D or 3-D but found {attn_mask.ndim}-D tensor "
                                     f"instead")
            if attn_mask.ndim == 3:
                want = (num_heads, query.shape[0], key.shape[0])
                if tuple(attn_mask.shape) != want:
                    raise AssertionError(f"Expected `attn_mask` shape to be {want} but got "
                                         f"{tuple(attn_mask.shape)}")
    else:
        raise AssertionError(f"query should be unbatched 2D or batched 3D tensor but received "
                             f"{query.ndim}-D query tensor")

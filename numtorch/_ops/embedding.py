"""Embeddings and distances: embedding, embedding_bag, one_hot, cosine_similarity,
pairwise_distance, pdist.

``embedding`` is one Function (a row lookup). Its backward is another Function,
``EmbeddingDenseBackward`` (one sort, then a few fancy-indexed adds scatter the upstream
rows into the table), whose own backward is the lookup again, so double backward works as
in torch.
``embedding_bag`` reduces contiguous segments of looked-up rows (sum, mean or max) in one
Function. ``max_norm`` renormalises the looked-up rows of the weight in place before the
lookup, under no_grad, as torch does. The distances are compositions of public ops.
"""

import numpy as np

from .. import _dtype as D
from .._backend import to_device, xp_of
from .._tensor import _make
from ..autograd.function import Function, check_inplace
from ..autograd.grad_mode import no_grad
from ._util import check_tensor

# torch.embedding(weight, indices, ...) takes its arguments in the other order than
# F.embedding(input, weight, ...), so only F's form is defined here under that name (the
# top-level form is _embedding_aten); torch.embedding_bag returns a 4-tuple: not provided
__all__ = ["cosine_similarity", "pairwise_distance", "pdist", "embedding_renorm_"]
__functional__ = ["embedding", "embedding_bag", "one_hot", "cosine_similarity",
                  "pairwise_distance", "pdist"]


# ---------------------------------------------------------------- embedding
def _indices(indices, fname, pos=1):
    """The index array of a Long or Int tensor, with torch's dtype error."""
    if indices._dtype not in (D.int64, D.int32):
        raise RuntimeError(
            f"Expected tensor for argument #{pos} 'indices' to have one of the following scalar "
            f"types: Long, Int; but got torch.{D.short_name(indices._dtype)}Tensor instead "
            f"(while checking arguments for {fname})")
    return indices._array


_ROUNDS = 8  # occurrences of one index added by fancy-indexed rounds; the rest by segments


def _scatter_rows(idx, rows, num):
    """Sum the rows of ``rows`` (n, d) into a zero (num, d) array at rows ``idx`` (repeats
    add up, in order), after one stable sort of ``idx``.

    Mostly distinct indices (embedding lookups): round k adds the k-th occurrence of every
    index, distinct rows, so a fancy-indexed add is exact; occurrences past ``_ROUNDS`` are
    summed per segment. Many repeats: one segmented sum (``np.add.reduceat`` pays per
    segment, the rounds per occurrence). Both beat ``np.add.at`` on 2-D rows by far."""
    out = xp_of(rows).zeros((num,) + rows.shape[1:], rows.dtype)
    if not idx.size:
        return out
    order = np.argsort(idx, kind="stable")
    s, r = idx[order], rows[order]
    first = np.concatenate(([True], s[1:] != s[:-1]))
    starts = np.flatnonzero(first)
    if 4 * starts.size < s.size:
        out[s[starts]] = np.add.reduceat(r, starts, axis=0)
        return out
    pos = np.arange(s.size)
    rank = pos - np.maximum.accumulate(np.where(first, pos, 0))  # occurrence number
    out[s[starts]] = r[starts]
    for k in range(1, min(int(rank.max()) + 1, _ROUNDS)):
        sel = rank == k
        out[s[sel]] += r[sel]
    tail = np.flatnonzero(rank >= _ROUNDS)
    if tail.size:
        st = s[tail]
        starts = np.flatnonzero(np.concatenate(([True], st[1:] != st[:-1])))
        out[st[starts]] += np.add.reduceat(r[tail], starts, axis=0)
    return out


def _const(a, like, dt=None):
    """A constant Tensor of the array ``a`` on ``like``'s device (``like``'s dtype)."""
    return _make(to_device(np.ascontiguousarray(a), like._device), dt or like._dtype)


class EmbeddingDenseBackward(Function):
    """The weight gradient of a lookup: the (n, d) rows of ``grad``, times ``coef`` (per
    row, optional), summed into a (num, d) table at rows ``idx``; rows with ``keep`` False
    (padding) are left out. Its own backward is the lookup again."""

    _raw = True
    _grad_name = "EmbeddingDenseBackward0"

    @staticmethod
    def forward(ctx, grad, idx, coef, keep, num):
        ctx.idx, ctx.shape = idx, grad._array.shape
        g = grad._array.reshape(idx.size, ctx.shape[-1])
        if coef is not None:
            g = g * coef[:, None]
        if keep is not None:
            g, idx = g[keep], idx[keep]
            coef = keep.astype(g.dtype) if coef is None else coef * keep
        ctx.coef = coef
        return _scatter_rows(idx, g, num)

    @staticmethod
    def backward(ctx, gg):
        rows = gg.index_select(0, _const(ctx.idx, gg, D.int64))
        if ctx.coef is not None:
            rows = rows * _const(ctx.coef[:, None], gg)
        return rows.reshape(ctx.shape), None, None, None, None


class Embedding(Function):
    """``weight[indices]``: rows of a (num_embeddings, embedding_dim) table.

    Backward: the gradient of each output row goes to the row it was read from (repeats
    add up); the ``padding_idx`` row gets none; with ``scale_grad_by_freq`` each
    contribution is divided by how often its index occurs in ``indices``.
    """

    _raw = True
    _grad_name = "EmbeddingBackward0"

    @staticmethod
    def forward(ctx, weight, indices, padding_idx, scale_grad_by_freq):
        idx = indices._array
        ctx.idx, (ctx.num, ctx.dim) = idx, weight._array.shape
        ctx.padding_idx, ctx.scale = padding_idx, scale_grad_by_freq
        # np.take gathers rows faster than fancy indexing
        return np.take(weight._array, idx, axis=0)

    @staticmethod
    def backward(ctx, grad):
        idx = ctx.idx.reshape(-1).astype(np.int64, copy=False)
        coef = keep = None
        if ctx.scale:
            coef = (1 / np.bincount(idx, minlength=ctx.num)[idx]).astype(grad._array.dtype)
        if ctx.padding_idx >= 0:
            keep = idx != ctx.padding_idx
        g = grad.reshape(idx.size, ctx.dim)
        return EmbeddingDenseBackward.apply(g, idx, coef, keep, ctx.num), None, None, None


def _embedding_aten(weight, indices, padding_idx=-1, scale_grad_by_freq=False, sparse=False):
    """torch.embedding(weight, indices, ...): the kernel F.embedding calls."""
    check_tensor(weight, "embedding", "weight", 1)
    check_tensor(indices, "embedding", "indices", 2)
    if weight.dim() != 2:
        raise RuntimeError("'weight' must be 2-D")
    idx = _indices(indices, "embedding")
    n = weight._array.shape[0]
    if idx.size and (idx.min() < 0 or idx.max() >= n):
        raise IndexError("index out of range in self")
    # sparse=True: numtorch has no sparse tensors; the weight gets a dense gradient
    return Embedding.apply(weight, indices, padding_idx, scale_grad_by_freq)


def _row_norms(rows, norm_type):
    """The ``norm_type``-norm of each row of a 2-D array."""
    a = np.abs(rows)
    if norm_type == 2:
        return np.sqrt((a * a).sum(1))
    if norm_type == 1:
        return a.sum(1)
    if norm_type == float("inf"):
        return a.max(1, initial=0)
    if norm_type == float("-inf"):
        return a.min(1)
    if norm_type == 0:
        return (a != 0).sum(1).astype(a.dtype)
    return (a ** norm_type).sum(1) ** (1.0 / norm_type)


def embedding_renorm_(input, indices, max_norm, norm_type):
    """Scale in place each row of ``input`` named in ``indices`` whose ``norm_type``-norm
    exceeds ``max_norm`` down to norm ``max_norm`` (torch.embedding_renorm_)."""
    check_tensor(input, "embedding_renorm_", "input", 1)
    check_tensor(indices, "embedding_renorm_", "indices", 2)
    if input.dim() != 2:
        raise RuntimeError(f"Expected 2-dimensional tensor, but got {input.dim()}-dimensional "
                           "tensor for argument #1 'self' (while checking arguments for "
                           "embedding_renorm_)")
    idx = _indices(indices, "embedding_renorm_", 2)
    n = input._array.shape[0]
    if idx.size and (idx.min() < 0 or idx.max() >= n):
        bad = idx[(idx < 0) | (idx >= n)].flat[0]
        raise IndexError(f"select(): index {bad} out of range for tensor of size "
                         f"{list(input._array.shape)} at dimension 0")
    check_inplace(input)
    w = input._array
    rows = np.unique(idx)
    sel = w[rows]
    norms = _row_norms(sel, norm_type).astype(np.float64)
    big = norms > max_norm
    if big.any():
        scale = (max_norm / (norms[big] + 1e-7)).astype(w.dtype)
        w[rows[big]] = sel[big] * scale[:, None]
    input._bump()
    return input


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0,
              scale_grad_by_freq=False, sparse=False):
    """Look up rows of ``weight`` (num_embeddings, embedding_dim) at the integer
    ``input`` (any shape): the result has shape ``(*input.shape, embedding_dim)``.

    ``padding_idx``: that row gets no gradient. ``max_norm``: rows read are first scaled
    in place to norm ``max_norm`` (``norm_type``-norm) if larger. ``scale_grad_by_freq``:
    gradients divided by how often each index occurs in the batch.

    >>> F.embedding(torch.tensor([[0, 2]]), torch.eye(3))
    tensor([[[1., 0., 0.],
             [0., 0., 1.]]])
    """
    check_tensor(input, "embedding", "indices", 2)
    check_tensor(weight, "embedding", "weight", 1)
    n = weight.shape[0] if weight.dim() else 0
    if padding_idx is not None:
        if padding_idx > 0:
            if not padding_idx < n:
                raise AssertionError("Padding_idx must be within num_embeddings")
        elif padding_idx < 0:
            if not padding_idx >= -n:
                raise AssertionError("Padding_idx must be within num_embeddings")
            padding_idx = n + padding_idx
    else:
        padding_idx = -1
    if max_norm is not None:
        if weight.dim() != 2:
            raise RuntimeError("'weight' must be 2-D")
        _indices(input, "embedding")
        with no_grad():
            embedding_renorm_(weight, input, max_norm, norm_type)
    return _embedding_aten(weight, input, padding_idx, scale_grad_by_freq, sparse)


# ---------------------------------------------------------------- embedding_bag
_MODES = {"sum": 0, "mean": 1, "max": 2}


class EmbeddingBag(Function):
    """Reduce (sum, mean or max) the rows ``weight[idx]`` of each bag: bag ``b`` holds the
    positions ``bag == b`` of the flat indices (padding positions already removed).

    Backward: sum/mean send each bag's gradient (times the per-sample weight, or over the
    bag's size) to its rows; max sends it, per column, to the row that held the maximum.
    """

    _raw = True
    _grad_name = "EmbeddingBagBackward0"

    @staticmethod
    def forward(ctx, weight, psw, idx, bag, pos, n, nbags, mode, scale):
        w = weight._array
        num, dim = w.shape
        ctx.idx, ctx.bag, ctx.pos, ctx.n, ctx.mode = idx, bag, pos, n, mode
        ctx.num, ctx.psw_shape = num, None if psw is None else psw._array.shape
        rows = w[idx]
        out = xp_of(w).zeros((nbags, dim), w.dtype)
        # positions are sorted by bag: each non-empty bag is one segment of ``rows``
        start = np.concatenate(([True], bag[1:] != bag[:-1])) if bag.size else bag == 0
        starts = np.flatnonzero(start)
        filled = bag[starts]
        if mode == 2:
            ctx.argmax = np.full((nbags, dim), -1)
            if idx.size:
                best = np.maximum.reduceat(rows, starts, axis=0)
                seg = np.cumsum(start) - 1
                # the first position holding each bag's maximum, per column
                at = np.where(rows == best[seg], np.arange(idx.size)[:, None], idx.size)
                out[filled] = best
                ctx.argmax[filled] = idx[np.minimum.reduceat(at, starts, axis=0)]
            return out
        coef = None
        if psw is not None:
            coef = psw._array.reshape(-1)[pos]
            rows = rows * coef[:, None]
        if idx.size:
            out[filled] = np.add.reduceat(rows, starts, axis=0)
        if mode == 1:
            counts = np.bincount(bag, minlength=nbags)
            out /= np.maximum(counts, 1).astype(w.dtype)[:, None]
            coef = (1 / np.maximum(counts, 1)).astype(w.dtype)[bag]
        if scale:
            freq = (1 / np.bincount(idx, minlength=num)[idx]).astype(w.dtype)
            coef = freq if coef is None or psw is not None else coef * freq
            ctx.freq = freq
        ctx.coef = None if psw is not None else coef
        ctx.save_for_backward(weight, psw)
        return out

    @staticmethod
    def backward(ctx, grad):
        nones = (None,) * 7
        dim = grad.shape[1]
        if ctx.mode == 2:
            # each (bag, column) gradient goes to element (argmax row, column) of the table
            am = ctx.argmax
            keep = am >= 0
            flat = (am * dim + np.arange(dim))[keep]
            g = grad[_const(keep, grad, D.bool)].unsqueeze(1)
            gw = EmbeddingDenseBackward.apply(g, flat, None, None, ctx.num * dim)
            return (gw.view(ctx.num, dim), None) + nones
        weight, psw = ctx.saved_tensors
        g = grad.index_select(0, _const(ctx.bag, grad, D.int64))
        gpsw = None
        if psw is not None:
            pos = _const(ctx.pos, grad, D.int64)
            rows = g * psw.reshape(-1).index_select(0, pos).unsqueeze(1)
            if getattr(ctx, "freq", None) is not None:
                rows = rows * _const(ctx.freq[:, None], grad)
            if ctx.needs_input_grad[1]:
                contrib = (g * weight.index_select(0, _const(ctx.idx, grad, D.int64))).sum(1)
                zeros = _const(np.zeros(ctx.n, grad._array.dtype), grad)
                gpsw = zeros.index_add(0, pos, contrib).view(ctx.psw_shape)
        else:
            rows = g if ctx.coef is None else g * _const(ctx.coef[:, None], grad)
        gw = EmbeddingDenseBackward.apply(rows, ctx.idx, None, None, ctx.num)
        return (gw, gpsw) + nones


def embedding_bag(input, weight, offsets=None, max_norm=None, norm_type=2,
                  scale_grad_by_freq=False, mode="mean", sparse=False, per_sample_weights=None,
                  include_last_offset=False, padding_idx=None):
    """Sums, means or maxima of bags of embeddings, without building the (N, D) lookup.

    ``input`` 2-D (B, N): B bags of N indices each (``offsets`` must be None). ``input``
    1-D: the bags' indices concatenated, ``offsets`` (B,) the start of each bag (with
    ``include_last_offset``, B + 1 entries, the last the end). ``per_sample_weights``
    (``mode='sum'`` only) scales each looked-up row; indices equal to ``padding_idx``
    are left out (and not counted by the mean). Empty bags give zeros. Output (B, D).

    >>> F.embedding_bag(torch.tensor([1, 2, 4, 5]), torch.eye(6), torch.tensor([0, 2]),
    ...                 mode="sum")[0]
    tensor([0., 1., 1., 0., 0., 0.])
    """
    check_tensor(input, "embedding_bag", "input", 1)
    check_tensor(weight, "embedding_bag", "weight", 2)
    if per_sample_weights is not None and input.shape != per_sample_weights.shape:
        raise ValueError(
            f"embedding_bag: If per_sample_weights ({per_sample_weights.shape}) is not None, "
            f"then it must have the same shape as the input ({input.shape})")
    if weight.dim() != 2:
        raise ValueError(f"weight has to be a 2D Tensor, but got Tensor of dimension "
                         f"{weight.dim()}")
    if input.dim() == 2:
        if offsets is not None:
            raise ValueError(
                "if input is 2D, then offsets has to be None, as input is treated is a "
                "mini-batch of fixed length sequences. However, found offsets of type "
                f"{type(offsets)!r}".replace("numtorch", "torch"))
        b, length = input.shape
        if length == 0 and b:
            raise RuntimeError("step must be nonzero")
        offs = np.arange(0, b * length, max(length, 1), dtype=np.int64)
    elif input.dim() == 1:
        if offsets is None:
            raise ValueError("offsets has to be a 1D Tensor but got None")
        if offsets.dim() != 1:
            raise ValueError("offsets has to be a 1D Tensor")
        _indices(offsets, "embedding_bag", 2)
        offs = offsets._array.astype(np.int64, copy=False)
    else:
        raise ValueError(f"input has to be 1D or 2D Tensor, but got Tensor of dimension "
                         f"{input.dim()}")
    if mode not in _MODES:
        raise ValueError("mode has to be one of sum, mean or max")
    if max_norm is not None:
        with no_grad():
            embedding_renorm_(weight, input, max_norm, norm_type)
    if per_sample_weights is not None and mode != "sum":
        raise NotImplementedError(
            "embedding_bag: per_sample_weights was not None. per_sample_weights is only "
            f"supported for mode='sum' (got mode='{mode}'). Please open a feature request on "
            "GitHub.")
    if mode == "max":
        if scale_grad_by_freq:
            raise ValueError("max mode does not support scaling the gradient by the frequency")
        if sparse:
            raise ValueError("max mode does not support sparse weights")
    idx = _indices(input, "embedding_bag").reshape(-1).astype(np.int64, copy=False)
    if per_sample_weights is not None and per_sample_weights._dtype is not weight._dtype:
        raise RuntimeError(
            "Expected tensor for argument #1 'weight' to have the same type as tensor for "
            f"argument #1 'per_sample_weights'; but type torch.{D.short_name(weight._dtype)}"
            f"Tensor does not equal torch.{D.short_name(per_sample_weights._dtype)}Tensor "
            "(while checking arguments for embedding_bag)")
    num, n = weight.shape[0], idx.size
    if padding_idx is not None:
        if not -num <= padding_idx < num:
            raise RuntimeError(f"padding_idx must be within the number of embeddings, -{num} "
                               f"through {num - 1}, but got {padding_idx}")
        padding_idx %= num
    bad = (idx < 0) | (idx >= num)
    if bad.any():
        k = int(np.argmax(bad))
        raise RuntimeError(f"Index {k} of input takes value {idx[k]} which is not in the valid "
                           f"range [0, {num})")
    nbags = offs.size - 1 if include_last_offset else offs.size
    if offs.size:
        if offs[0] != 0:
            raise RuntimeError(
                "offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to "
                f"start from position 0. However, got {offs[0]}")
        if offs[-1] > n:
            raise RuntimeError(f"offsets[-1] can not be greater than input's length {n} but "
                               f"got offsets[-1] of {offs[-1]}")
    end = offs[nbags] if include_last_offset else n
    ends = np.append(offs[1:nbags], end) if nbags else offs[:0]
    bag = np.repeat(np.arange(nbags), np.maximum(ends - offs[:nbags], 0))
    pos = np.arange(bag.size)
    if padding_idx is not None:
        keep = idx[pos] != padding_idx
        bag, pos = bag[keep], pos[keep]
    # sparse=True: numtorch has no sparse tensors; the weight gets a dense gradient
    return EmbeddingBag.apply(weight, per_sample_weights, idx[pos], bag, pos, n, nbags,
                              _MODES[mode], scale_grad_by_freq)


# ---------------------------------------------------------------- one_hot
def one_hot(tensor, num_classes=-1):
    """(*) int64 class indices -> (*, num_classes) int64 with a 1 at each index.

    ``num_classes=-1`` means ``tensor.max() + 1``.

    >>> F.one_hot(torch.tensor([0, 2]), 3)
    tensor([[1, 0, 0],
            [0, 0, 1]])
    """
    check_tensor(tensor, "one_hot", "input", 1)
    if tensor._dtype is not D.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor.")
    idx = tensor._array
    if idx.size == 0:
        if num_classes <= 0:
            raise RuntimeError("Can not infer total number of classes from empty tensor.")
    else:
        if idx.min() < 0:
            raise RuntimeError("Class values must be non-negative.")
        if num_classes == -1:
            num_classes = int(idx.max()) + 1
        elif idx.max() >= num_classes:
            raise RuntimeError("Class values must be smaller than num_classes.")
    out = np.zeros(idx.shape + (num_classes,), np.int64)
    if idx.size:
        np.put_along_axis(out, idx[..., None], 1, axis=-1)
    return _make(to_device(out, tensor._device), D.int64)


# ---------------------------------------------------------------- distances
def _float_operands(x1, x2, fname):
    check_tensor(x1, fname, "x1", 1)
    check_tensor(x2, fname, "x2", 2)
    dt = D.result_type(x1, x2)
    if dt._cat < D._FLOAT:
        raise RuntimeError(f"expected common dtype to be floating point, yet common dtype is "
                           f"{D.short_name(dt)}")
    return dt


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """``sum(x1 * x2, dim) / (max(||x1||, eps) * max(||x2||, eps))`` with broadcasting.

    Each input is divided by its own (clamped) norm before the product, which keeps the
    product from overflowing; the clamp only changes values (its gradient passes through).
    """
    _float_operands(x1, x2, "cosine_similarity")
    import numtorch

    x1, x2 = numtorch.broadcast_tensors(x1, x2)
    n1 = numtorch.linalg.vector_norm(x1, 2, dim, True).clone()
    n2 = numtorch.linalg.vector_norm(x2, 2, dim, True).clone()
    with no_grad():
        n1.clamp_min_(eps)
        n2.clamp_min_(eps)
    return ((x1 / n1) * (x2 / n2)).sum(dim)


def pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False):
    """``||x1 - x2 + eps||_p`` over the last dimension (inputs broadcast)."""
    check_tensor(x1, "pairwise_distance", "x1", 1)
    check_tensor(x2, "pairwise_distance", "x2", 2)
    import numtorch

    nd = max(x1.dim(), x2.dim())
    return numtorch.norm(x1 - x2 + eps, p, nd - 1, keepdim)


def pdist(input, p=2):
    """The ``p``-norm distances between all pairs of rows of an (N, M) input, as the
    flat upper triangle (N * (N - 1) / 2,) in row-major order."""
    check_tensor(input, "pdist", "input", 1)
    if input.dim() != 2:
        raise RuntimeError(f"pdist only supports 2D tensors, got: {input.dim()}D")
    if input._dtype._cat != D._FLOAT:
        raise RuntimeError("pdist only supports floating-point dtypes")
    if p < 0:
        raise RuntimeError("pdist only supports non-negative p values")
    import numtorch

    n = input.shape[0]
    i, j = np.triu_indices(n, 1)
    ii = _make(to_device(i.astype(np.int64), input._device), D.int64)
    jj = _make(to_device(j.astype(np.int64), input._device), D.int64)
    diff = input.index_select(0, ii) - input.index_select(0, jj)
    return numtorch.linalg.vector_norm(diff, p, 1)


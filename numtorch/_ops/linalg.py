"""Linear algebra: matmul family, products, triangular/diagonal ops, decompositions, einsum.

Every product goes through one NumPy (BLAS) call: ``np.matmul`` handles batches and
broadcasting, so there are no Python loops over batch elements. Backward formulas are
Tensor ops (double backward works); decompositions with several outputs recompute them
as Tensor ops in backward when a graph of the backward is requested (``create_graph``).
The ``numtorch.linalg`` namespace re-exports the ``linalg_*`` functions defined here.
"""

import collections
import string
import warnings

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor, _make, _wrap_dim
from ..autograd.function import _SHORT_NAMES, Function, apply_inplace
from ..autograd.grad_mode import _state
from ._util import check_tensor, write_out

__all__ = [
    "matmul", "mm", "bmm", "mv", "dot", "vdot", "inner", "outer", "ger", "cross",
    "addmm", "addbmm", "baddbmm", "addmv", "addmv_", "addr", "trace", "diag", "diag_embed",
    "diagonal", "diagflat", "triu", "tril", "inverse", "det", "logdet", "slogdet", "svd",
    "pinverse", "cholesky", "cholesky_inverse", "cholesky_solve", "qr", "matrix_power",
    "kron", "tensordot", "einsum", "chain_matmul", "cdist", "block_diag", "cartesian_prod",
]


class LinAlgError(RuntimeError):
    """torch.linalg.LinAlgError: the matrix is singular / not positive-definite."""


# ---------------------------------------------------------------- helpers


_short = D.short_name


def _t(array, dt=None):
    """A constant (non-differentiable) Tensor over ``array``."""
    return _make(array, D.from_numpy_dtype(array.dtype) if dt is None else dt)


from ..return_types import make as _return_type  # noqa: E402


_slogdet_rt = _return_type("slogdet", ["sign", "logabsdet"])
_linalg_slogdet_rt = _return_type("linalg_slogdet", ["sign", "logabsdet"])
_svd_rt = _return_type("svd", ["U", "S", "V"])
_linalg_svd_rt = _return_type("linalg_svd", ["U", "S", "Vh"])
_qr_rt = _return_type("qr", ["Q", "R"])
_linalg_qr_rt = _return_type("linalg_qr", ["Q", "R"])
_eigh_rt = _return_type("linalg_eigh", ["eigenvalues", "eigenvectors"])
_lstsq_rt = _return_type("linalg_lstsq", ["solution", "residuals", "rank", "singular_values"])
_inv_ex_rt = _return_type("linalg_inv_ex", ["inverse", "info"])
_cholesky_ex_rt = _return_type("linalg_cholesky_ex", ["L", "info"])
_solve_ex_rt = _return_type("linalg_solve_ex", ["result", "info"])


def _not_implemented(kernel, dt):
    raise NotImplementedError(f"\"{kernel}\" not implemented for '{_short(dt)}'")


def _scale(t, s):
    return t if s == 1 else t * s


def _broadcast_shape(s1, s2):
    """torch's broadcasting of two shapes, with its error message."""
    n = max(len(s1), len(s2))
    a, b = (1,) * (n - len(s1)) + tuple(s1), (1,) * (n - len(s2)) + tuple(s2)
    out = []
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y and x != 1 and y != 1:
            raise RuntimeError(f"The size of tensor a ({x}) must match the size of tensor b "
                               f"({y}) at non-singleton dimension {i}")
        out.append(y if x == 1 else x)
    return tuple(out)


def _check_expand(shape, target):
    """torch's error when ``shape`` cannot be expanded to ``target``."""
    lead = len(target) - len(shape)
    ok = lead >= 0 and all(s == 1 or s == t for s, t in zip(shape, target[lead:]))
    if not ok:
        for i in range(len(target)):
            cur = shape[i - lead] if i >= lead else 1
            if cur != 1 and cur != target[i]:
                raise RuntimeError(
                    f"The expanded size of the tensor ({target[i]}) must match the existing "
                    f"size ({cur}) at non-singleton dimension {i}.  Target sizes: "
                    f"{list(target)}.  Tensor sizes: {list(shape)}")
        raise RuntimeError(f"expand: the number of sizes provided ({len(target)}) must be "
                           f"greater or equal to the number of dimensions in the tensor "
                           f"({len(shape)})")


def _check_float(A, fname):
    if A._dtype._cat < D._FLOAT:
        raise RuntimeError(f"{fname}: Expected a floating point or complex tensor as input. "
                           f"Got {_short(A._dtype)}")


def _check_square(A, fname, name="A"):
    check_tensor(A, fname.split(".")[-1])
    if A._array.ndim < 2:
        raise RuntimeError(f"{fname}: The input tensor {name} must have at least 2 dimensions.")
    m, n = A._array.shape[-2:]
    if m != n:
        raise RuntimeError(f"{fname}: {name} must be batches of square matrices, but they are "
                           f"{m} by {n} matrices")
    _check_float(A, fname)


def _matrix(A, fname, name="A"):
    check_tensor(A, fname.split(".")[-1])
    if A._array.ndim < 2:
        raise RuntimeError(f"{fname}: The input tensor {name} must have at least 2 dimensions.")
    _check_float(A, fname)


def _compute(x):
    """The array a product computes in: half precision goes through float32 (BLAS)."""
    return x.astype(np.float32) if x.dtype.itemsize == 2 and x.dtype.kind in "fV" else x


def _matmul_array(x, y):
    """np.matmul with batches folded into one GEMM when the right side is a matrix."""
    dt = x.dtype
    x, y = _compute(x), _compute(y)
    if x.ndim >= 3 and y.ndim <= 2 and x.flags.c_contiguous:
        r = (x.reshape(-1, x.shape[-1]) @ y).reshape(x.shape[:-1] + y.shape[1:])
    else:
        r = np.matmul(x, y)
    r = np.asarray(r)
    return r if r.dtype == dt else r.astype(dt)


def _grad_mode():
    return _state.enabled


# ---------------------------------------------------------------- matmul family
class _MatMul(Function):
    """``a @ b`` for any ranks >= 1 (torch's = NumPy's rules: 1-D operands are promoted to
    matrices and the added dim removed; batch dims broadcast). One class per grad_fn name
    torch shows for the case; all share this forward and backward."""

    _raw = True
    _grad_name = "UnsafeViewBackward0"

    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return _matmul_array(a._array, b._array)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        need_a, need_b = ctx.needs_input_grad[:2]
        if a.ndim == 1 and b.ndim == 1:
            return (grad * b if need_a else None), (grad * a if need_b else None)
        a2 = a.unsqueeze(0) if a.ndim == 1 else a
        b2 = b.unsqueeze(-1) if b.ndim == 1 else b
        if a.ndim == 1:
            grad = grad.unsqueeze(-2)
        if b.ndim == 1:
            grad = grad.unsqueeze(-1)
        ga = gb = None
        if need_a:
            ga = matmul(grad, b2.mT)  # the engine sums broadcast batch dims
            if a.ndim == 1:
                ga = ga.reshape(ga.shape[:-2] + (ga.shape[-1],))
        if need_b:
            if b2.ndim == 2 and a2.ndim > 2:  # fold the batch into one GEMM
                k, n = a2.shape[-1], grad.shape[-1]
                gb = mm(a2.reshape(-1, k).mT, grad.reshape(-1, n))
            else:
                gb = matmul(a2.mT, grad)
            if b.ndim == 1:
                gb = gb.reshape(gb.shape[:-1])
        return ga, gb


class Mm(_MatMul):
    _grad_name = "MmBackward0"


class Bmm(_MatMul):
    _grad_name = "BmmBackward0"


class Mv(_MatMul):
    _grad_name = "MvBackward0"


class Dot(_MatMul):
    _grad_name = "DotBackward0"


class Vdot(_MatMul):
    _grad_name = "VdotBackward0"


class _MatMulSqueeze(_MatMul):  # 1-D @ 2-D: torch runs mm on the unsqueezed vector
    _grad_name = "SqueezeBackward4"


class _MatMulClone(_MatMul):  # 2-D @ batched: torch transposes, folds and clones
    _grad_name = "CloneBackward0"


def _check_mm_dtypes(a, b, kernel="addmm_impl_cpu_"):
    if a._dtype is not b._dtype:
        raise RuntimeError(f"expected m1 and m2 to have the same dtype, but got: "
                           f"{D.c_name(a._dtype)} != {D.c_name(b._dtype)}")
    if a._dtype is D.bool:
        _not_implemented(kernel, a._dtype)


def _check_mm_shapes(s1, s2):
    if s1[1] != s2[0]:
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({s1[0]}x{s1[1]} and "
                           f"{s2[0]}x{s2[1]})")


def _check_mv(mat, vec):
    if mat._array.ndim != 2 or vec._array.ndim != 1:
        raise RuntimeError(f"vector + matrix @ vector expected, got 1, {mat._array.ndim}, "
                           f"{vec._array.ndim}")
    if mat._dtype is not vec._dtype:
        raise RuntimeError(f"addmv input tensors must have the same dtype, but got "
                           f"{_short(vec._dtype)}, {_short(mat._dtype)}, and "
                           f"{_short(vec._dtype)}")
    if mat._dtype is D.bool:
        _not_implemented("addmv_impl_cpu", mat._dtype)
    (n, m), k = mat._array.shape, vec._array.shape[0]
    if m != k:
        raise RuntimeError(f"size mismatch, got input ({n}), mat ({n}x{m}), vec ({k})")


def _check_dot(a, b, fname="dot"):
    if a._array.ndim != 1 or b._array.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a._array.ndim}D and "
                           f"{b._array.ndim}D tensors")
    if a._dtype is not b._dtype:
        raise RuntimeError(f"{fname} : expected both vectors to have same dtype, but found "
                           f"{_short(a._dtype)} and {_short(b._dtype)}")
    if a._dtype is D.bool:
        _not_implemented(fname, a._dtype)
    n, k = a._array.shape[0], b._array.shape[0]
    if n != k:
        raise RuntimeError(f"inconsistent tensor size, expected tensor [{n}] and src [{k}] to "
                           f"have the same number of elements, but got {n} and {k} elements "
                           "respectively")


def _check_bmm(a, b, name1="batch1", name2="batch2"):
    for t, name in ((a, name1), (b, name2)):
        if t._array.ndim != 3:
            raise RuntimeError(f"{name} must be a 3D tensor")
    (B, _, k), (B2, k2, _) = a._array.shape, b._array.shape
    if (B2, k2) != (B, k):
        raise RuntimeError(f"Expected size for first two dimensions of {name2} tensor to be: "
                           f"[{B}, {k}] but got: [{B2}, {k2}].")
    if a._dtype is not b._dtype:
        raise RuntimeError(f"expected scalar type {_short(a._dtype)} but found "
                           f"{_short(b._dtype)}")
    if a._dtype is D.bool:
        _not_implemented("bmm", a._dtype)


def matmul(input, other, *, out=None):
    """Matrix product with torch's rules for 1-D (promoted, then removed), 2-D and batched
    (broadcast) operands. ``(b, n, m) @ (m, p) -> (b, n, p)``; ``(n,) @ (n,) -> ()``."""
    check_tensor(input, "matmul")
    check_tensor(other, "matmul", "other", 2)
    an, bn = input._array.ndim, other._array.ndim
    if an == 0 or bn == 0:
        raise RuntimeError(f"both arguments to matmul need to be at least 1D, but they are "
                           f"{an}D and {bn}D")
    if an == 1 and bn == 1:
        return write_out(dot(input, other), out, "matmul")
    if an == 2 and bn == 1:
        return write_out(mv(input, other), out, "matmul")
    if an == 2 and bn == 2:
        return write_out(mm(input, other), out, "matmul")
    sa, sb = input._array.shape, other._array.shape
    k1, k2 = sa[-1], (sb[0] if bn == 1 else sb[-2])
    if bn <= 2:  # torch folds the batch of ``input`` into one mm / mv
        _check_mm_dtypes(input, other)
        rows = int(np.prod(sa[:-1]))
        if bn == 1 and k1 != k2:
            raise RuntimeError(f"size mismatch, got input ({rows}), mat ({rows}x{k1}), vec "
                               f"({k2})")
        _check_mm_shapes((rows, k1), (k2, sb[-1]))
    else:
        if input._dtype is not other._dtype:
            raise RuntimeError(f"expected scalar type {_short(input._dtype)} but found "
                               f"{_short(other._dtype)}")
        if input._dtype is D.bool:
            _not_implemented("bmm", input._dtype)
        batch = _broadcast_shape(sa[:-2], sb[:-2])
        if k1 != k2:
            B = int(np.prod(batch))
            raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to "
                               f"be: [{B}, {k1}] but got: [{B}, {k2}].")
    cls = _MatMulSqueeze if an == 1 and bn == 2 else _MatMulClone if an == 2 else _MatMul
    return write_out(cls.apply(input, other), out, "matmul")


def mm(input, mat2, *, out=None):
    """``(n, m) @ (m, p) -> (n, p)``; 2-D operands only."""
    check_tensor(input, "mm")
    check_tensor(mat2, "mm", "mat2", 2)
    if input._array.ndim != 2:
        raise RuntimeError("self must be a matrix")
    if mat2._array.ndim != 2:
        raise RuntimeError("mat2 must be a matrix")
    _check_mm_dtypes(input, mat2)
    _check_mm_shapes(input._array.shape, mat2._array.shape)
    return write_out(Mm.apply(input, mat2), out, "mm")


def bmm(input, mat2, *, out=None):
    """Batched ``(b, n, m) @ (b, m, p) -> (b, n, p)``; no broadcasting."""
    check_tensor(input, "bmm")
    check_tensor(mat2, "bmm", "mat2", 2)
    _check_bmm(input, mat2)
    return write_out(Bmm.apply(input, mat2), out, "bmm")


def mv(input, vec, *, out=None):
    """``(n, m) @ (m,) -> (n,)``."""
    check_tensor(input, "mv")
    check_tensor(vec, "mv", "vec", 2)
    _check_mv(input, vec)
    return write_out(Mv.apply(input, vec), out, "mv")


def dot(input, tensor, *, out=None):
    """``sum(input * tensor)`` of two 1-D tensors, a 0-d tensor."""
    check_tensor(input, "dot")
    check_tensor(tensor, "dot", "tensor", 2)
    _check_dot(input, tensor)
    return write_out(Dot.apply(input, tensor), out, "dot")


def vdot(input, other, *, out=None):
    """``sum(conj(input) * other)`` of two 1-D tensors (= dot for real tensors)."""
    check_tensor(input, "vdot")
    check_tensor(other, "vdot", "other", 2)
    _check_dot(input, other, "vdot")
    if input._dtype._cat == D._COMPLEX:
        return write_out(dot(input.conj(), other), out, "vdot")
    return write_out(Vdot.apply(input, other), out, "vdot")


def inner(input, other, *, out=None):
    """Sum of products over the last dims: ``(..., k), (..., k) -> (a..., b...)``."""
    check_tensor(input, "inner")
    check_tensor(other, "inner", "other", 2)
    if input._array.ndim == 0 or other._array.ndim == 0:
        return write_out(input * other, out, "inner")
    sa, sb = input._array.shape, other._array.shape
    if sa[-1] != sb[-1]:
        raise RuntimeError(f"inner() the last dimension must match on both input tensors but "
                           f"got shapes {list(sa)} and {list(sb)}")
    k = sa[-1]
    r = mm(input.reshape(-1, k), other.reshape(-1, k).mT).reshape(sa[:-1] + sb[:-1])
    return write_out(r, out, "inner")


def outer(input, vec2, *, out=None):
    """``input[i] * vec2[j]`` of two 1-D tensors, with type promotion."""
    check_tensor(input, "outer")
    check_tensor(vec2, "outer", "vec2", 2)
    for t, name in ((input, "self"), (vec2, "vec2")):
        if t._array.ndim != 1:
            raise RuntimeError(f"outer: Expected 1-D argument {name}, but got "
                               f"{t._array.ndim}-D")
    return write_out(input.reshape(-1, 1) * vec2, out, "outer")


ger = outer


# ---------------------------------------------------------------- cross
class Cross(Function):
    _raw = True
    _grad_name = "LinalgCrossBackward0"

    @staticmethod
    def forward(ctx, a, b, dim):
        ctx.save_for_backward(a, b)
        ctx.dim = dim
        return np.cross(a._array, b._array, axis=dim)

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        n = ctx.needs_input_grad
        ga = Cross.apply(b, grad, ctx.dim) if n[0] else None
        gb = Cross.apply(grad, a, ctx.dim) if n[1] else None
        return ga, gb, None


def _cross(input, other, dim):
    if input._array.ndim != other._array.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    if input._dtype is not other._dtype:
        raise RuntimeError(f"expected scalar type {_short(input._dtype)} but found "
                           f"{_short(other._dtype)}")
    shape = _broadcast_shape(input._array.shape, other._array.shape)
    return Cross.apply(input, other, _wrap_dim(dim, len(shape)))


def cross(input, other, dim=None, *, out=None):
    """Cross product of 3-vectors along ``dim`` (default: the first dim of size 3)."""
    check_tensor(input, "cross")
    check_tensor(other, "cross", "other", 2)
    if dim is None:
        warnings.warn(
            "Using torch.cross without specifying the dim arg is deprecated.\nPlease either "
            "pass the dim explicitly or simply use torch.linalg.cross.\nThe default value of "
            "dim will change to agree with that of linalg.cross in a future release.",
            UserWarning, stacklevel=2)
        shape = _broadcast_shape(input._array.shape, other._array.shape)
        dims = [i for i, s in enumerate(shape) if s == 3]
        if not dims:
            raise RuntimeError("no dimension of size 3 in input")
        dim = dims[0]
    else:
        if input._array.ndim != other._array.ndim:
            raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
        _cross_dim_check(input, other, dim)
    return write_out(_cross(input, other, dim), out, "cross")


def _cross_dim_check(input, other, dim):
    n = max(input._array.ndim, other._array.ndim)
    d = _wrap_dim(dim, n)
    sa = input._array.shape[d] if d < input._array.ndim else None
    sb = other._array.shape[d] if d < other._array.ndim else None
    if sa != 3 or sb != 3:
        raise RuntimeError(f"linalg.cross: inputs dimension {dim} must have length 3. Got {sa} "
                           f"and {sb}")


def linalg_cross(input, other, *, dim=-1, out=None):
    check_tensor(input, "linalg_cross")
    check_tensor(other, "linalg_cross", "other", 2)
    if input._array.ndim != other._array.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    _cross_dim_check(input, other, dim)
    return write_out(_cross(input, other, dim), out, "linalg_cross")


# ---------------------------------------------------------------- addmm family
def _check_beta_alpha(dt, beta, alpha):
    if dt._cat <= D._INT:
        for name, v in (("beta", beta), ("alpha", alpha)):
            if isinstance(v, float):
                raise RuntimeError(f"For integral input tensors, argument {name} must not be a "
                                   "floating point number.")


def _beta_alpha(inp, beta, prod, alpha):
    """``beta * inp + alpha * prod``; ``inp`` is ignored when beta is 0 (no nan leaks)."""
    r = prod if alpha == 1 else prod * alpha
    if beta == 0:
        return r
    return r + (inp if beta == 1 else inp * beta)


def _addmm_args(fname, input, a, b, out_shape):
    check_tensor(input, fname)
    _check_expand(input._array.shape, out_shape)
    if input._dtype is not b._dtype:
        raise RuntimeError(f"self and mat2 must have the same dtype, but got "
                           f"{_short(input._dtype)} and {_short(b._dtype)}")


def _int_scalars(dt, beta, alpha):
    """Integer products take beta/alpha as integers (torch truncates float ones)."""
    return (int(beta), int(alpha)) if dt._cat <= D._INT else (beta, alpha)


def _check_inplace_shape(input, shape):
    if tuple(input._array.shape) != tuple(shape):
        raise RuntimeError(f"Bad in-place call: input tensor size {list(input._array.shape)} "
                           f"and output tensor size {list(shape)} should match")


class Addmm(Function):
    _raw = True
    _grad_name = "AddmmBackward0"

    @staticmethod
    def forward(ctx, input, m1, m2, beta, alpha):
        ctx.save_for_backward(m1, m2)
        ctx.beta, ctx.alpha = beta, alpha
        return _beta_alpha(input._array, beta, _matmul_array(m1._array, m2._array), alpha)

    @staticmethod
    def backward(ctx, grad):
        m1, m2 = ctx.saved_tensors
        n = ctx.needs_input_grad
        return (_scale(grad, ctx.beta) if n[0] else None,
                _scale(mm(grad, m2.mT), ctx.alpha) if n[1] else None,
                _scale(mm(m1.mT, grad), ctx.alpha) if n[2] else None, None, None)


def _addmm_prep(input, mat1, mat2, beta, alpha, fname="addmm"):
    check_tensor(mat1, fname, "mat1", 2)
    check_tensor(mat2, fname, "mat2", 3)
    for t, name in ((mat1, "mat1"), (mat2, "mat2")):
        if t._array.ndim != 2:
            raise RuntimeError(f"{name} must be a matrix, got {t._array.ndim}-D tensor")
    _check_mm_dtypes(mat1, mat2)
    _check_mm_shapes(mat1._array.shape, mat2._array.shape)
    shape = (mat1._array.shape[0], mat2._array.shape[1])
    _addmm_args(fname, input, mat1, mat2, shape)
    return shape


def addmm(input, mat1, mat2, *, beta=1, alpha=1, out=None):
    """``beta * input + alpha * (mat1 @ mat2)``; ``input`` broadcasts to ``(n, p)``."""
    _addmm_prep(input, mat1, mat2, beta, alpha)
    beta, alpha = _int_scalars(input._dtype, beta, alpha)
    return write_out(Addmm.apply(input, mat1, mat2, beta, alpha), out, "addmm")


def addmm_(input, mat1, mat2, *, beta=1, alpha=1):
    _check_inplace_shape(input, _addmm_prep(input, mat1, mat2, beta, alpha))
    beta, alpha = _int_scalars(input._dtype, beta, alpha)
    return apply_inplace(Addmm, input, mat1, mat2, beta, alpha)


class Addbmm(Function):
    _raw = True
    _grad_name = "AddbmmBackward0"

    @staticmethod
    def forward(ctx, input, b1, b2, beta, alpha):
        ctx.save_for_backward(b1, b2)
        ctx.beta, ctx.alpha = beta, alpha
        x, y = b1._array, b2._array
        B, n, k = x.shape
        # sum_b x[b] @ y[b] is one GEMM: (n, B*k) @ (B*k, p)
        prod = _matmul_array(x.transpose(1, 0, 2).reshape(n, B * k), y.reshape(B * k, -1))
        return _beta_alpha(input._array, beta, prod, alpha)

    @staticmethod
    def backward(ctx, grad):
        b1, b2 = ctx.saved_tensors
        n = ctx.needs_input_grad
        g = grad.unsqueeze(0)
        return (_scale(grad, ctx.beta) if n[0] else None,
                _scale(matmul(g, b2.mT), ctx.alpha) if n[1] else None,
                _scale(matmul(b1.mT, g), ctx.alpha) if n[2] else None, None, None)


def _addbmm_prep(input, batch1, batch2, beta, alpha, fname, batched):
    check_tensor(batch1, fname, "batch1", 2)
    check_tensor(batch2, fname, "batch2", 3)
    _check_bmm(batch1, batch2)
    B, n, _ = batch1._array.shape
    shape = ((B,) if batched else ()) + (n, batch2._array.shape[2])
    _addmm_args(fname, input, batch1, batch2, shape)
    return shape


def addbmm(input, batch1, batch2, *, beta=1, alpha=1, out=None):
    """``beta * input + alpha * sum_b batch1[b] @ batch2[b]``."""
    _addbmm_prep(input, batch1, batch2, beta, alpha, "addbmm", False)
    beta, alpha = _int_scalars(input._dtype, beta, alpha)
    return write_out(Addbmm.apply(input, batch1, batch2, beta, alpha), out, "addbmm")


def addbmm_(input, batch1, batch2, *, beta=1, alpha=1):
    _check_inplace_shape(input, _addbmm_prep(input, batch1, batch2, beta, alpha, "addbmm",
                                             False))
    beta, alpha = _int_scalars(input._dtype, beta, alpha)
    return apply_inplace(Addbmm, input, batch1, batch2, beta, alpha)


class Baddbmm(Function):
    _raw = True
    _grad_name = "BaddbmmBackward0"

    @staticmethod
    def forward(ctx, input, b1, b2, beta, alpha):
        ctx.save_for_backward(b1, b2)
        ctx.beta, ctx.alpha = beta, alpha
        return _beta_alpha(input._array, beta, _matmul_array(b1._array, b2._array), alpha)

    @staticmethod
    def backward(ctx, grad):
        b1, b2 = ctx.saved_tensors
        n = ctx.needs_input_grad
        return (_scale(grad, ctx.beta) if n[0] else None,
                _scale(bmm(grad, b2.mT), ctx.alpha) if n[1] else None,
                _scale(bmm(b1.mT, grad), ctx.alpha) if n[2] else None, None, None)


def baddbmm(input, batch1, batch2, *, beta=1, alpha=1, out=None):
    """``beta * input + alpha * bmm(batch1, batch2)``."""
    _addbmm_prep(input, batch1, batch2, beta, alpha, "baddbmm", True)
    beta, alpha = _int_scalars(input._dtype, beta, alpha)
    return write_out(Baddbmm.apply(input, batch1, batch2, beta, alpha), out, "baddbmm")


def baddbmm_(input, batch1, batch2, *, beta=1, alpha=1):
    _check_inplace_shape(input, _addbmm_prep(input, batch1, batch2, beta, alpha, "baddbmm",
                                             True))
    beta, alpha = _int_scalars(input._dtype, beta, alpha)
    return apply_inplace(Baddbmm, input, batch1, batch2, beta, alpha)


class Addmv(Function):
    _raw = True
    _grad_name = "AddmvBackward0"

    @staticmethod
    def forward(ctx, input, mat, vec, beta, alpha):
        ctx.save_for_backward(mat, vec)
        ctx.beta, ctx.alpha = beta, alpha
        return _beta_alpha(input._array, beta, _matmul_array(mat._array, vec._array), alpha)

    @staticmethod
    def backward(ctx, grad):
        mat, vec = ctx.saved_tensors
        n = ctx.needs_input_grad
        return (_scale(grad, ctx.beta) if n[0] else None,
                _scale(grad.unsqueeze(-1) * vec, ctx.alpha) if n[1] else None,
                _scale(mv(mat.mT, grad), ctx.alpha) if n[2] else None, None, None)


def _addmv_prep(input, mat, vec, beta, alpha):
    check_tensor(input, "addmv")
    check_tensor(mat, "addmv", "mat", 2)
    check_tensor(vec, "addmv", "vec", 3)
    if mat._array.ndim == 2 and vec._array.ndim == 1 and not (
            input._dtype is mat._dtype is vec._dtype):
        raise RuntimeError(f"addmv input tensors must have the same dtype, but got "
                           f"{_short(input._dtype)}, {_short(mat._dtype)}, and "
                           f"{_short(vec._dtype)}")
    _check_mv(mat, vec)
    shape = (mat._array.shape[0],)
    _check_expand(input._array.shape, shape)
    return shape


def addmv(input, mat, vec, *, beta=1, alpha=1, out=None):
    """``beta * input + alpha * (mat @ vec)``."""
    _addmv_prep(input, mat, vec, beta, alpha)
    beta, alpha = _int_scalars(input._dtype, beta, alpha)
    return write_out(Addmv.apply(input, mat, vec, beta, alpha), out, "addmv")


def addmv_(input, mat, vec, *, beta=1, alpha=1):
    _check_inplace_shape(input, _addmv_prep(input, mat, vec, beta, alpha))
    beta, alpha = _int_scalars(input._dtype, beta, alpha)
    return apply_inplace(Addmv, input, mat, vec, beta, alpha)


class Addr(Function):
    _raw = True
    _grad_name = "AddrBackward0"

    @staticmethod
    def forward(ctx, input, v1, v2, beta, alpha, dt):
        ctx.save_for_backward(v1, v2)
        ctx.beta, ctx.alpha = beta, alpha
        x, y = v1._array.astype(dt._np, copy=False), v2._array.astype(dt._np, copy=False)
        inp = input._array.astype(dt._np, copy=False)
        if dt is D.bool:
            prod = np.logical_and.outer(x, y) if alpha else np.zeros((x.size, y.size), bool)
            return prod | (inp if beta else False)
        return _beta_alpha(inp, beta, np.multiply.outer(x, y), alpha)

    @staticmethod
    def backward(ctx, grad):
        v1, v2 = ctx.saved_tensors
        n = ctx.needs_input_grad
        return (_scale(grad, ctx.beta) if n[0] else None,
                _scale(mv(grad, v2.to(grad.dtype)), ctx.alpha) if n[1] else None,
                _scale(mv(grad.mT, v1.to(grad.dtype)), ctx.alpha) if n[2] else None,
                None, None, None)


def _addr_prep(input, vec1, vec2, beta, alpha):
    check_tensor(input, "addr")
    check_tensor(vec1, "addr", "vec1", 2)
    check_tensor(vec2, "addr", "vec2", 3)
    for t, name in ((vec1, "vec1"), (vec2, "vec2")):
        if t._array.ndim != 1:
            raise RuntimeError(f"addr: Expected 1-D argument {name}, but got "
                               f"{t._array.ndim}-D")
    dt = D.promote_types(D.promote_types(input._dtype, vec1._dtype), vec2._dtype)
    shape = (vec1._array.shape[0], vec2._array.shape[0])
    _check_expand(input._array.shape, shape)
    _check_beta_alpha(dt, beta, alpha)
    return dt, shape


def addr(input, vec1, vec2, *, beta=1, alpha=1, out=None):
    """``beta * input + alpha * outer(vec1, vec2)``, with type promotion."""
    dt, _ = _addr_prep(input, vec1, vec2, beta, alpha)
    return write_out(Addr.apply(input, vec1, vec2, beta, alpha, dt), out, "addr")


def addr_(input, vec1, vec2, *, beta=1, alpha=1):
    dt, shape = _addr_prep(input, vec1, vec2, beta, alpha)
    _check_inplace_shape(input, shape)
    return apply_inplace(Addr, input, vec1, vec2, beta, alpha, dt)


# ---------------------------------------------------------------- diagonals, triangles
def _diag_view(arr, offset, d1, d2):
    """A writable view of the diagonal of ``arr`` over dims ``d1, d2`` (appended last)."""
    rest = [i for i in range(arr.ndim) if i not in (d1, d2)]
    v = arr.transpose(rest + [d1, d2])
    r, c = v.shape[-2:]
    if offset >= 0:
        length, start = max(0, min(r, c - offset)), (0, offset)
    else:
        length, start = max(0, min(r + offset, c)), (-offset, 0)
    if length == 0:
        start = (0, 0)
    v = v[..., start[0]:, start[1]:]
    s = v.strides
    return np.lib.stride_tricks.as_strided(v, v.shape[:-2] + (length,),
                                           s[:-2] + (s[-2] + s[-1],), writeable=True)


class Diagonal(Function):
    _raw = True
    _grad_name = "DiagonalBackward0"

    @staticmethod
    def forward(ctx, a, offset, d1, d2):
        ctx.args = (a._array.shape, offset, d1, d2)
        return _diag_view(a._array, offset, d1, d2)

    @staticmethod
    def backward(ctx, grad):
        return DiagonalBackward.apply(grad, *ctx.args), None, None, None


class _DiagonalCopy(Diagonal):  # torch.diag of a matrix: a copy, not a view
    _grad_name = "DiagonalBackward0_copy"

    @staticmethod
    def forward(ctx, a, offset, d1, d2):
        return Diagonal.forward(ctx, a, offset, d1, d2).copy()


class DiagonalBackward(Function):
    """Writes ``grad`` onto the diagonal of zeros of the input's shape."""

    _raw = True
    _grad_name = "DiagonalBackwardBackward0"

    @staticmethod
    def forward(ctx, grad, shape, offset, d1, d2):
        ctx.args = (offset, d1, d2)
        out = np.zeros(shape, grad._array.dtype)
        _diag_view(out, offset, d1, d2)[...] = grad._array
        return out

    @staticmethod
    def backward(ctx, gg):
        return diagonal(gg, *ctx.args), None, None, None, None


def diagonal(input, offset=0, dim1=0, dim2=1):
    """A view of the diagonal over ``dim1, dim2`` (appended as the last dim)."""
    check_tensor(input, "diagonal")
    n = input._array.ndim
    d1, d2 = _wrap_dim(dim1, n), _wrap_dim(dim2, n)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    from .shape import _viewed

    return _viewed(Diagonal.apply(input, offset, d1, d2), input)


def linalg_diagonal(A, *, offset=0, dim1=-2, dim2=-1):
    return diagonal(A, offset, dim1, dim2)


class DiagEmbed(Function):
    _raw = True
    _grad_name = "DiagEmbedBackward0"

    @staticmethod
    def forward(ctx, a, offset, d1, d2):
        ctx.args = (offset, d1, d2)
        x = a._array
        m = x.shape[-1] + abs(offset)
        shape = list(x.shape[:-1])
        for d in sorted((d1, d2)):
            shape.insert(d, m)
        out = np.zeros(shape, x.dtype)
        _diag_view(out, offset, d1, d2)[...] = x
        return out

    @staticmethod
    def backward(ctx, grad):
        return diagonal(grad, *ctx.args), None, None, None


def diag_embed(input, offset=0, dim1=-2, dim2=-1):
    """Batched diagonal matrices: the last dim of ``input`` goes on the (``offset``)
    diagonal of dims ``dim1, dim2`` of the result."""
    check_tensor(input, "diag_embed")
    n = input._array.ndim + 1
    d1, d2 = _wrap_dim(dim1, n), _wrap_dim(dim2, n)
    if d1 == d2:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    return DiagEmbed.apply(input, offset, d1, d2)


def diag(input, diagonal=0, *, out=None):
    """1-D: the square matrix with ``input`` on diagonal ``diagonal``; 2-D: that diagonal."""
    check_tensor(input, "diag")
    n = input._array.ndim
    if n == 1:
        r = DiagEmbed.apply(input, diagonal, 0, 1)
    elif n == 2:
        r = _DiagonalCopy.apply(input, diagonal, 0, 1)
    else:
        raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {n}D")
    return write_out(r, out, "diag")


def diagflat(input, offset=0):
    """``diag(input.flatten(), offset)``."""
    check_tensor(input, "diagflat")
    return DiagEmbed.apply(input.reshape(-1), offset, 0, 1)


class Trace(Function):
    _raw = True
    _grad_name = "TraceBackward0"

    @staticmethod
    def forward(ctx, a):
        x = a._array
        ctx.shape = x.shape
        dt = np.int64 if a._dtype._cat <= D._INT else x.dtype
        return np.asarray(np.trace(x, dtype=dt))

    @staticmethod
    def backward(ctx, grad):
        return grad * _t(np.eye(*ctx.shape, dtype=grad._array.dtype), grad._dtype)


def trace(input):
    """Sum of the main diagonal of a matrix (integer inputs sum in int64)."""
    check_tensor(input, "trace")
    if input._array.ndim != 2:
        raise RuntimeError(f"trace: expected a matrix, but got tensor with dim "
                           f"{input._array.ndim}")
    return Trace.apply(input)


class Triu(Function):
    _raw = True
    _grad_name = "TriuBackward0"

    @staticmethod
    def forward(ctx, a, k):
        ctx.k = k
        return np.triu(a._array, k)

    @staticmethod
    def backward(ctx, grad):
        return triu(grad, ctx.k), None


class Tril(Function):
    _raw = True
    _grad_name = "TrilBackward0"

    @staticmethod
    def forward(ctx, a, k):
        ctx.k = k
        return np.tril(a._array, k)

    @staticmethod
    def backward(ctx, grad):
        return tril(grad, ctx.k), None


def _tri_check(input, fname):
    check_tensor(input, fname)
    if input._array.ndim < 2:
        raise RuntimeError(f"{fname}: input tensor must have at least 2 dimensions")


def triu(input, diagonal=0, *, out=None):
    """Zero the elements below diagonal ``diagonal`` of the last two dims."""
    _tri_check(input, "triu")
    return write_out(Triu.apply(input, diagonal), out, "triu")


def tril(input, diagonal=0, *, out=None):
    """Zero the elements above diagonal ``diagonal`` of the last two dims."""
    _tri_check(input, "tril")
    return write_out(Tril.apply(input, diagonal), out, "tril")


def triu_(input, diagonal=0):
    _tri_check(input, "triu")
    return apply_inplace(Triu, input, diagonal)


def tril_(input, diagonal=0):
    _tri_check(input, "tril")
    return apply_inplace(Tril, input, diagonal)


# ---------------------------------------------------------------- kron, block_diag, ...
class Kron(Function):
    _raw = True
    _grad_name = "UnsafeViewBackward0"

    @staticmethod
    def forward(ctx, a, b, dt):
        x, y = a._array.astype(dt._np, copy=False), b._array.astype(dt._np, copy=False)
        n = max(x.ndim, y.ndim)
        x, y = x.reshape((1,) * (n - x.ndim) + x.shape), y.reshape((1,) * (n - y.ndim) + y.shape)
        # interleave: out[i0*b0 + j0, ...] = x[i0, ...] * y[j0, ...]
        ctx.xs = tuple(s for p in zip(x.shape, (1,) * n) for s in p)
        ctx.ys = tuple(s for p in zip((1,) * n, y.shape) for s in p)
        ctx.save_for_backward(a, b)
        out = x.reshape(ctx.xs) * y.reshape(ctx.ys)
        return out.reshape(tuple(p * q for p, q in zip(x.shape, y.shape)))

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        full = tuple(max(p, q) for p, q in zip(ctx.xs, ctx.ys))
        g = grad.reshape(full)
        n = ctx.needs_input_grad
        ga = gb = None
        if n[0]:
            ga = (g * b.reshape(ctx.ys)).sum(tuple(range(1, len(full), 2))).reshape(a.shape)
        if n[1]:
            gb = (g * a.reshape(ctx.xs)).sum(tuple(range(0, len(full), 2))).reshape(b.shape)
        return ga, gb, None


def kron(input, other, *, out=None):
    """Kronecker product: block ``(i, j, ...)`` of the result is ``input[i, j, ...] * other``."""
    check_tensor(input, "kron")
    check_tensor(other, "kron", "other", 2)
    dt = D.promote_types(input._dtype, other._dtype)
    return write_out(Kron.apply(input, other, dt), out, "kron")


class BlockDiag(Function):
    _raw = True
    _grad_name = "BlockDiagBackward0"

    @staticmethod
    def forward(ctx, *tensors):
        dt = D.result_type(*tensors) if tensors else D.get_default_dtype()
        mats = [t._array.reshape((1,) * (2 - t._array.ndim) + t._array.shape) for t in tensors]
        rows, cols = sum(m.shape[0] for m in mats), sum(m.shape[1] for m in mats)
        out = np.zeros((rows, cols), dt._np)
        ctx.blocks = []
        r = c = 0
        for t, m in zip(tensors, mats):
            out[r:r + m.shape[0], c:c + m.shape[1]] = m
            ctx.blocks.append((slice(r, r + m.shape[0]), slice(c, c + m.shape[1]),
                               t._array.shape))
            r, c = r + m.shape[0], c + m.shape[1]
        return out

    @staticmethod
    def backward(ctx, grad):
        return tuple(grad[rs, cs].reshape(shape) if need else None
                     for (rs, cs, shape), need in zip(ctx.blocks, ctx.needs_input_grad))


def block_diag(*tensors):
    """The block-diagonal matrix of ``tensors`` (0-, 1- or 2-D), type-promoted."""
    for i, t in enumerate(tensors):
        check_tensor(t, "block_diag", "tensors", 1)
        if t._array.ndim > 2:
            raise RuntimeError(f"torch.block_diag: Input tensors must have 2 or fewer "
                               f"dimensions. Input {i} has {t._array.ndim} dimensions")
    if not tensors:
        return _t(np.zeros((1, 0), D.get_default_dtype()._np))
    return BlockDiag.apply(*tensors)


class CartesianProd(Function):
    _raw = True
    _grad_name = "StackBackward0"

    @staticmethod
    def forward(ctx, *tensors):
        grids = np.meshgrid(*[t._array for t in tensors], indexing="ij")
        ctx.sizes = tuple(t._array.shape[0] for t in tensors)
        return np.stack([g.reshape(-1) for g in grids], axis=1)

    @staticmethod
    def backward(ctx, grad):
        n = len(ctx.sizes)
        return tuple(grad[:, i].reshape(ctx.sizes).sum(tuple(j for j in range(n) if j != i))
                     if need else None for i, need in enumerate(ctx.needs_input_grad))


def cartesian_prod(*tensors):
    """Rows of all combinations of the elements of the 1-D ``tensors``."""
    for t in tensors:
        check_tensor(t, "cartesian_prod", "tensors", 1)
        if t._array.ndim != 1:
            raise RuntimeError(f"Expect a 1D vector, but got shape {list(t._array.shape)}")
    if len(tensors) == 1:
        return tensors[0]
    if any(t._dtype is not tensors[0]._dtype for t in tensors):
        raise RuntimeError("meshgrid expects all tensors to have the same dtype")
    return CartesianProd.apply(*tensors)


# ---------------------------------------------------------------- tensordot, einsum
def tensordot(a, b, dims=2, out=None):
    """Contract dims ``dims[0]`` of ``a`` with ``dims[1]`` of ``b`` (an int ``n``: the last n
    of ``a`` with the first n of ``b``), as one matrix product."""
    check_tensor(a, "tensordot", "a", 1)
    check_tensor(b, "tensordot", "b", 2)
    if isinstance(dims, Tensor):
        dims = dims.tolist()
    if isinstance(dims, int):
        if dims < 0:
            raise RuntimeError(f"tensordot expects dims >= 0, but got dims={dims}")
        da = list(range(-dims, 0))
        db = list(range(dims))
    else:
        da, db = dims
        da, db = ([da], [db]) if isinstance(da, int) else (list(da), list(db))
        if len(da) != len(db):
            raise RuntimeError("both dimension lists should have same length")
    sa, sb = a._array.shape, b._array.shape
    for x, y in zip(da, db):
        if sa[x] != sb[y]:
            raise RuntimeError(f"contracted dimensions need to match, but first has size "
                               f"{sa[x]} in dim {x} and second has size {sb[y]} in dim {y}")
    ca = [_wrap_dim(d, len(sa)) for d in da]
    cb = [_wrap_dim(d, len(sb)) for d in db]
    fa = [i for i in range(len(sa)) if i not in ca]
    fb = [i for i in range(len(sb)) if i not in cb]
    k = int(np.prod([sa[i] for i in ca]))
    x = a.permute(fa + ca).reshape(-1, k)
    y = b.permute(cb + fb).reshape(k, -1)
    r = mm(x, y).reshape(tuple(sa[i] for i in fa) + tuple(sb[i] for i in fb))
    return write_out(r, out, "tensordot")


def _einsum_parse(equation, shapes):
    """The equation with ``...`` replaced by fresh letters: (input terms, output term)."""
    eq = equation.replace(" ", "")
    lhs, arrow, rhs = eq.partition("->")
    terms = lhs.split(",")
    if len(terms) > len(shapes):
        raise RuntimeError("einsum(): fewer operands were provided than specified in the "
                           "equation")
    if len(terms) < len(shapes):
        raise RuntimeError("einsum(): more operands were provided than specified in the "
                           "equation")
    for c in eq:
        if not (c in string.ascii_letters or c in ".,->"):
            raise RuntimeError(f"einsum(): invalid subscript given at index {eq.index(c)} in "
                               f"the equation string, subscripts must be in [a-zA-Z]")
    free = [c for c in string.ascii_letters if c not in eq]
    ell_n = 0
    for i, (t, shp) in enumerate(zip(terms, shapes)):
        if "..." in t:
            ell_n = max(ell_n, len(shp) - (len(t) - 3))
        elif len(t) != len(shp):
            raise RuntimeError(f"einsum(): the number of subscripts in the equation ({len(t)}) "
                               f"does not match the number of dimensions ({len(shp)}) for "
                               f"operand {i} and no ellipsis was given")
    ell = "".join(free[:ell_n])
    new_terms = []
    for i, (t, shp) in enumerate(zip(terms, shapes)):
        if "..." in t:
            n = len(shp) - (len(t) - 3)
            if n < 0:
                raise RuntimeError(f"einsum(): the number of subscripts in the equation "
                                   f"({len(t) - 3}) is more than the number of dimensions "
                                   f"({len(shp)}) for operand {i}")
            t = t.replace("...", ell[ell_n - n:])
        new_terms.append(t)
    if arrow:
        out = rhs.replace("...", ell)
        for c in out:
            if not any(c in t for t in new_terms):
                raise RuntimeError(f"einsum(): output subscript {c} does not appear in the "
                                   "equation for any input operand")
    else:
        counts = collections.Counter("".join(terms).replace(".", ""))
        out = ell + "".join(sorted(c for c, k in counts.items() if k == 1))
    return new_terms, out


class Einsum(Function):
    _raw = True
    _grad_name = "ViewBackward0"

    @staticmethod
    def forward(ctx, terms, out, *ops):
        ctx.terms, ctx.out = terms, out
        ctx.save_for_backward(*ops)
        arrays = [_compute(t._array) for t in ops]
        # torch broadcasts size-1 dims of any subscript: expand them (views) for NumPy
        size = {}
        for t, x in zip(terms, arrays):
            for c, s in zip(t, x.shape):
                size[c] = s if size.get(c, 1) == 1 else size[c]
        arrays = [x if all(size[c] == s for c, s in zip(t, x.shape))
                  else np.broadcast_to(x, tuple(size[c] for c in t))
                  for t, x in zip(terms, arrays)]
        eq = ",".join(terms) + "->" + out
        r = np.asarray(np.einsum(eq, *arrays, optimize=len(arrays) > 1))
        return r.astype(ops[0]._array.dtype, copy=False)

    @staticmethod
    def backward(ctx, grad):
        ops = ctx.saved_tensors
        terms, out = ctx.terms, ctx.out
        grads = [None, None]
        for i, need in enumerate(ctx.needs_input_grad[2:]):
            grads.append(_einsum_grad(i, terms, out, ops, grad) if need else None)
        return tuple(grads)


class _EinsumPermute(Einsum):
    _grad_name = "PermuteBackward0"


class _EinsumSum(Einsum):
    _grad_name = "SumBackward1"


class _EinsumMul(Einsum):
    _grad_name = "MulBackward0"


def _einsum_grad(i, terms, out, ops, grad):
    """d(einsum)/d(operand i) as another einsum of the gradient with the other operands."""
    ti = terms[i]
    letters = list(dict.fromkeys(ti))  # unique, in order
    others = [t for j, t in enumerate(terms) if j != i]
    avail = set(out).union(*others) if others else set(out)
    target = "".join(c for c in letters if c in avail)
    g = _einsum_explicit([out] + others, target, [grad] + [o for j, o in enumerate(ops)
                                                           if j != i])
    sizes = {c: s for c, s in zip(ti, ops[i].shape)}
    if len(target) < len(letters):  # subscripts summed only in operand i: broadcast back
        g = g.reshape(tuple(g.shape[target.index(c)] if c in target else 1 for c in letters))
        g = g.expand(tuple(g.shape[k] if c in target else sizes[c]
                           for k, c in enumerate(letters)))
    if len(letters) < len(ti):  # repeated subscripts (a diagonal): embed with identities
        fresh = iter(c for c in string.ascii_letters if c not in "".join(terms) + out)
        seen, full, eyes, eye_terms = set(), "", [], []
        for c in ti:
            if c in seen:
                f = next(fresh)
                full += f
                eyes.append(_t(np.eye(sizes[c], dtype=grad._array.dtype), grad._dtype))
                eye_terms.append(c + f)
            else:
                seen.add(c)
                full += c
        g = _einsum_explicit(["".join(letters)] + eye_terms, full, [g] + eyes)
    return g


def _einsum_explicit(terms, out, ops):
    cls = Einsum
    letters_in = set("".join(terms))
    if len(ops) == 1 and letters_in == set(out):
        cls = _EinsumPermute
    elif len(ops) == 1:
        cls = _EinsumSum
    elif letters_in == set(out):
        cls = _EinsumMul
    return cls.apply(terms, out, *ops)


def _sublist_equation(args):
    """einsum(op1, [0, 1], op2, [1, 2], [0, 2]) -> ("ab,bc->ac", [op1, op2])."""
    def term(sub):
        return "".join("..." if s is Ellipsis else string.ascii_letters[s] for s in sub)

    ops, terms = list(args[0::2]), [term(s) for s in args[1::2]]
    if len(args) % 2:  # the last argument is the output sublist
        return ",".join(terms) + "->" + term(args[-1]), ops[:-1]
    return ",".join(terms), ops


def einsum(*args):
    """Einstein summation, e.g. ``einsum("bij,bjk->bik", a, b)``; operands as varargs or a
    list; ``...`` broadcasts; implicit output = subscripts seen once, sorted."""
    if not args:
        raise TypeError("einsum(): must specify the equation string and at least one operand, "
                        "or at least one operand and its subscripts list")
    if isinstance(args[0], str):
        equation, ops = args[0], args[1:]
        if len(ops) == 1 and isinstance(ops[0], (list, tuple)):
            ops = tuple(ops[0])
    else:
        equation, ops = _sublist_equation(args)
    for t in ops:
        check_tensor(t, "einsum", "operands", 2)
    if not ops:
        raise RuntimeError("einsum(): must provide at least one operand")
    for t in ops[1:]:
        if t._dtype is not ops[0]._dtype:
            raise RuntimeError(f"expected scalar type {_short(ops[0]._dtype)} but found "
                               f"{_short(t._dtype)}")
    terms, out = _einsum_parse(equation, [t._array.shape for t in ops])
    size = {}
    for i, (t, op) in enumerate(zip(terms, ops)):
        for c, s in zip(t, op._array.shape):
            if c in size and s != size[c] and s != 1 and size[c] != 1:
                raise RuntimeError(f"einsum(): subscript {c} has size {s} for operand {i} which "
                                   f"does not broadcast with previously seen size {size[c]}")
            size[c] = s if c not in size or size[c] == 1 else size[c]
    return _einsum_explicit(terms, out, list(ops))


# ---------------------------------------------------------------- chains of products
def _chain_order(dims):
    """The optimal parenthesisation of a matrix chain (classic dynamic programming)."""
    n = len(dims) - 1
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            cost[i][j] = float("inf")
            for k in range(i, j):
                c = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if c < cost[i][j]:
                    cost[i][j], split[i][j] = c, k
    return split


def multi_dot(tensors, *, out=None):
    """``tensors[0] @ tensors[1] @ ...`` in the cheapest order; the first and last may be
    1-D (row / column vectors)."""
    n = len(tensors)
    if n < 2:
        raise RuntimeError(f"multi_dot(): expected at least 2 tensors but got {n}")
    for t in tensors:
        check_tensor(t, "multi_dot", "tensors", 1)
    first, last = tensors[0]._array.ndim, tensors[-1]._array.ndim
    for i, t in enumerate(tensors):
        nd = t._array.ndim
        ok = nd == 2 or (nd == 1 and i in (0, n - 1))
        if not ok:
            where = ("first" if i == 0 else "last") if i in (0, n - 1) else None
            if where:
                raise RuntimeError(f"multi_dot(): the {where} tensor must be 1D or 2D but got "
                                   f"{nd}D")
            raise RuntimeError(f"multi_dot(): tensor {i} must be 2D but got {nd}D")
        if t._dtype is not tensors[0]._dtype:
            raise RuntimeError(f"multi_dot(): all tensors must have be the same dtype but tensor "
                               f"0 is {tensors[0]._dtype} and tensor {i} is {t._dtype}")
    mats = list(tensors)
    if first == 1:
        mats[0] = mats[0].unsqueeze(0)
    if last == 1:
        mats[-1] = mats[-1].unsqueeze(-1)
    for i in range(n - 1):
        s1, s2 = mats[i]._array.shape, mats[i + 1]._array.shape
        if s1[1] != s2[0]:
            raise RuntimeError(f"multi_dot(): tensors {i} and {i + 1} with shapes "
                               f"({s1[0]}, {s1[1]}) and ({s2[0]}, {s2[1]}) cannot be "
                               "multiplied")
    dims = [m._array.shape[0] for m in mats] + [mats[-1]._array.shape[1]]
    split = _chain_order(dims)

    def product(i, j):
        if i == j:
            return mats[i]
        k = split[i][j]
        return mm(product(i, k), product(k + 1, j))

    r = product(0, n - 1)
    shape = (() if first == 1 else (dims[0],)) + (() if last == 1 else (dims[-1],))
    return write_out(r.reshape(shape), out, "multi_dot")


def chain_matmul(*matrices, out=None):
    """Deprecated: ``multi_dot(matrices)``."""
    warnings.warn("torch.chain_matmul is deprecated and will be removed in a future PyTorch "
                  "release. Use torch.linalg.multi_dot instead, which accepts a list of two "
                  "or more tensors rather than multiple parameters.", UserWarning, stacklevel=2)
    if len(matrices) == 1:
        return write_out(matrices[0].clone(), out, "chain_matmul")
    return multi_dot(list(matrices), out=out)


# ---------------------------------------------------------------- cdist
class Cdist(Function):
    """p-norm distances; p = 2 on larger inputs uses |a|^2 + |b|^2 - 2 a b^T (one GEMM)."""

    _raw = True
    _grad_name = "CdistBackward0"

    @staticmethod
    def forward(ctx, x1, x2, p, use_mm):
        a, b = x1._array, x2._array
        ctx.p = p
        ctx.save_for_backward(x1, x2, ctx.OUTPUT)
        if p == 2 and use_mm:
            sq = ((a * a).sum(-1)[..., :, None] + (b * b).sum(-1)[..., None, :]
                  - 2 * np.matmul(a, b.swapaxes(-1, -2)))
            return np.sqrt(np.maximum(sq, 0))
        diff = np.abs(a[..., :, None, :] - b[..., None, :, :])
        if p == 0:
            return (diff != 0).sum(-1).astype(a.dtype)
        if p == 1:
            return diff.sum(-1)
        if p == float("inf"):
            return diff.max(-1, initial=0)
        if p == 2:
            return np.sqrt((diff * diff).sum(-1))
        return (diff ** p).sum(-1) ** (1 / p)

    @staticmethod
    def backward(ctx, grad):
        x1, x2, d = ctx.saved_tensors
        p = ctx.p
        if p == 0:
            return x1 * 0, x2 * 0, None, None
        if p == 2:  # G = grad / d (0 where d == 0); then two matrix products
            pos, zero = _masks(d)
            G = grad * pos / (d + zero)
            g1 = x1 * G.sum(-1, keepdim=True) - matmul(G, x2)
            g2 = x2 * G.sum(-2).unsqueeze(-1) - matmul(G.mT, x1)
            return g1, g2, None, None
        diff = x1.unsqueeze(-2) - x2.unsqueeze(-3)
        sgn = _t(np.sign(diff._array))
        if p == 1:
            t = sgn
        elif p == float("inf"):
            t = sgn * _t((np.abs(diff._array) == d._array[..., None]).astype(d._array.dtype))
        else:
            pos, zero = _masks(d.unsqueeze(-1))
            t = sgn * (diff * sgn) ** (p - 1) * pos / (d.unsqueeze(-1) + zero) ** (p - 1)
        t = grad.unsqueeze(-1) * t
        return t.sum(-2), -t.sum(-3), None, None


class _CdistMm(Cdist):  # torch computes this case as a composite ending in a view
    _grad_name = "ViewBackward0"


def _masks(d):
    """Constant float masks (d > 0, d <= 0): divide by d only where it is positive."""
    pos = d._array > 0
    return _t(pos.astype(d._array.dtype)), _t((~pos).astype(d._array.dtype))


def cdist(x1, x2, p=2.0, compute_mode="use_mm_for_euclid_dist_if_necessary"):
    """p-norm distances between the rows: ``(..., P, M), (..., R, M) -> (..., P, R)``."""
    check_tensor(x1, "cdist", "x1", 1)
    check_tensor(x2, "cdist", "x2", 2)
    for t, name in ((x1, "X1"), (x2, "X2")):
        if t._array.ndim < 2:
            raise RuntimeError(f"cdist only supports at least 2D tensors, {name} got: "
                               f"{t._array.ndim}D")
        if t._dtype._cat != D._FLOAT:
            raise RuntimeError(f"cdist only supports floating-point dtypes, {name} got: "
                               f"{_short(t._dtype)}")
    if x1._array.shape[-1] != x2._array.shape[-1]:
        raise RuntimeError(f"X1 and X2 must have the same number of columns. X1: "
                           f"{x1._array.shape[-1]} X2: {x2._array.shape[-1]}")
    if x1._dtype is not x2._dtype:
        raise RuntimeError(f"cdist only supports inputs of the same dtype, got "
                           f"{_short(x1._dtype)} and {_short(x2._dtype)}")
    if p < 0:
        raise RuntimeError(f"cdist only supports non-negative p values")
    _broadcast_shape(x1._array.shape[:-2], x2._array.shape[:-2])
    P, R = x1._array.shape[-2], x2._array.shape[-2]
    use_mm = (compute_mode == "use_mm_for_euclid_dist"
              or (compute_mode == "use_mm_for_euclid_dist_if_necessary" and (P > 25 or R > 25)))
    return (_CdistMm if use_mm and p == 2 else Cdist).apply(x1, x2, float(p), use_mm)


# ---------------------------------------------------------------- decomposition helpers
def _batch_index(flags):
    """Index of the first True in a batch of flags (flattened), as torch reports it."""
    return int(np.argmax(np.asarray(flags).reshape(-1)))


def _prefix(fname, arr, bad):
    """``fname: `` plus ``(Batch element i): `` for batched inputs."""
    if arr.ndim > 2:
        return f"{fname}: (Batch element {_batch_index(bad)}): "
    return f"{fname}: "


def _zero_pivot(m):
    """1-based index of the first zero pivot of LU with partial pivoting (0 if none)."""
    a = m.astype(np.float64 if m.dtype.itemsize > 4 else np.float32)
    n = a.shape[0]
    for k in range(n):
        p = k + int(np.argmax(np.abs(a[k:, k])))
        if a[p, k] == 0:
            return k + 1
        a[[k, p]] = a[[p, k]]
        a[k + 1:, k:] -= np.outer(a[k + 1:, k] / a[k, k], a[k, k:])
    return 0


def _raise_singular(x, fname):
    mats = x.reshape((-1,) + x.shape[-2:])
    pivots = [_zero_pivot(m) for m in mats]
    bad = [p > 0 for p in pivots]
    i = _batch_index(bad)
    raise LinAlgError(f"{_prefix(fname, x, bad)}The diagonal element {pivots[i]} is zero, the "
                      "inversion could not be completed because the input matrix is singular.")


def _inv_array(x, fname="linalg.inv"):
    try:
        return np.linalg.inv(x)
    except np.linalg.LinAlgError:
        _raise_singular(x, fname)


def _eye(n, t):
    return _t(np.eye(n, dtype=t._array.dtype), t._dtype)


def _offdiag_inverse(diff, n):
    """``1 / diff`` off the diagonal and 0 on it (Tensor ops, so differentiable)."""
    eye = _eye(n, diff)
    return (1 - eye) / (diff + eye)


# ---------------------------------------------------------------- inverse, det
class LinalgInv(Function):
    _raw = True
    _grad_name = "LinalgInvExBackward0"

    @staticmethod
    def forward(ctx, A):
        ctx.save_for_backward(ctx.OUTPUT)
        return _inv_array(A._array)

    @staticmethod
    def backward(ctx, grad):
        (X,) = ctx.saved_tensors
        return -matmul(matmul(X.mT, grad), X.mT)


def linalg_inv(A, *, out=None):
    """The inverse of (a batch of) square matrices; LinAlgError when singular."""
    _check_square(A, "linalg.inv")
    return write_out(LinalgInv.apply(A), out, "linalg_inv")


def inverse(input, *, out=None):
    return linalg_inv(input, out=out)


def linalg_inv_ex(A, *, check_errors=False, out=None):
    _check_square(A, "linalg.inv")
    x = A._array
    try:
        np.linalg.inv(x)
        info = np.zeros(x.shape[:-2], np.int32)
    except np.linalg.LinAlgError:
        if check_errors:
            _raise_singular(x, "linalg.inv_ex")
        mats = x.reshape((-1,) + x.shape[-2:])
        info = np.array([_zero_pivot(m) for m in mats], np.int32).reshape(x.shape[:-2])
        return _inv_ex_rt(_t(np.full(x.shape, np.nan, x.dtype), A._dtype), _t(info))
    return _inv_ex_rt(LinalgInv.apply(A), _t(info))


class LinalgDet(Function):
    _raw = True
    _grad_name = "LinalgDetBackward0"

    @staticmethod
    def forward(ctx, A):
        ctx.save_for_backward(A, ctx.OUTPUT)
        x = A._array
        if x.shape[-1] == 0:
            return np.ones(x.shape[:-2], x.dtype)
        return np.asarray(np.linalg.det(x))

    @staticmethod
    def backward(ctx, grad):
        A, d = ctx.saved_tensors
        g = (grad * d).unsqueeze(-1).unsqueeze(-1)
        if A.shape[-1] == 0:
            return A * 0
        if np.all(d._array != 0):
            return g * linalg_inv(A).mT
        # singular: d det / dA is the cofactor matrix, from the SVD A = U S Vh
        u, s, vh = np.linalg.svd(A._array)
        n = s.shape[-1]
        others = np.where(np.eye(n, dtype=bool), 1, s[..., None, :]).prod(-1)
        sign = np.linalg.det(u) * np.linalg.det(vh)
        cof = sign[..., None, None] * (u * others[..., None, :]) @ vh
        return grad.unsqueeze(-1).unsqueeze(-1) * _t(cof.astype(A._array.dtype), A._dtype)


def linalg_det(A, *, out=None):
    """Determinant of (a batch of) square matrices."""
    _check_square(A, "linalg.det")
    return write_out(LinalgDet.apply(A), out, "linalg_det")


def det(input):
    return linalg_det(input)


class LinalgSlogdet(Function):
    _raw = True
    _grad_name = "LinalgSlogdetBackward0"

    @staticmethod
    def forward(ctx, A):
        ctx.save_for_backward(A)
        sign, lad = np.linalg.slogdet(A._array)
        return np.asarray(sign), np.asarray(lad)

    @staticmethod
    def backward(ctx, gsign, glad):
        (A,) = ctx.saved_tensors
        return glad.unsqueeze(-1).unsqueeze(-1) * linalg_inv(A).mT


def linalg_slogdet(A, *, out=None):
    """(sign, log|det|) of (a batch of) square matrices."""
    _check_square(A, "linalg.slogdet")
    return _linalg_slogdet_rt(*LinalgSlogdet.apply(A))


def slogdet(input):
    _check_square(input, "linalg.slogdet")
    return _slogdet_rt(*LinalgSlogdet.apply(input))


class Logdet(Function):
    _raw = True
    _grad_name = "WhereBackward0"  # torch: where(sign < 0, nan, logabsdet)

    @staticmethod
    def forward(ctx, A):
        ctx.save_for_backward(A)
        sign, lad = np.linalg.slogdet(A._array)
        ctx.ok = sign >= 0
        return np.asarray(np.where(ctx.ok, lad, np.nan).astype(lad.dtype))

    @staticmethod
    def backward(ctx, grad):
        (A,) = ctx.saved_tensors
        g = grad * _t(np.asarray(ctx.ok, grad._array.dtype), grad._dtype)
        return g.unsqueeze(-1).unsqueeze(-1) * linalg_inv(A).mT


def logdet(input):
    """log(det(input)): nan for a negative determinant, -inf for a singular matrix."""
    _check_square(input, "linalg.slogdet")
    return Logdet.apply(input)


# ---------------------------------------------------------------- svd
def _svd_backward(U, S, Vh, gU, gS, gVh):
    """d(U, S, Vh)/dA for the reduced SVD A = U diag(S) Vh of a real matrix."""
    m, n, k = U.shape[-2], Vh.shape[-1], S.shape[-1]
    inner = diag_embed(gS)
    S2 = S * S
    F = _offdiag_inverse(S2.unsqueeze(-2) - S2.unsqueeze(-1), k)  # 1 / (s_j^2 - s_i^2)
    V, gV = Vh.mT, gVh.mT
    UtgU, VtgV = matmul(U.mT, gU), matmul(V.mT, gV)
    inner = inner + F * (UtgU - UtgU.mT) * S.unsqueeze(-2)
    inner = inner + S.unsqueeze(-1) * (F * (VtgV - VtgV.mT))
    gA = matmul(matmul(U, inner), Vh)
    if m > k:  # (I - U U^T) gU S^-1 Vh
        gA = gA + matmul((gU - matmul(U, UtgU)) / S.unsqueeze(-2), Vh)
    if n > k:  # U S^-1 gV^T (I - V V^T)
        gA = gA + matmul(U, ((gV - matmul(V, VtgV)) / S.unsqueeze(-2)).mT)
    return gA


class LinalgSvd(Function):
    _raw = True
    _grad_name = "LinalgSvdBackward0"

    @staticmethod
    def forward(ctx, A, full_matrices):
        U, S, Vh = np.linalg.svd(A._array, full_matrices=full_matrices)
        ctx.save_for_backward(A)
        ctx.usv = (U, S, Vh)
        return U, S, Vh

    @staticmethod
    def backward(ctx, gU, gS, gVh):
        (A,) = ctx.saved_tensors
        k = min(A.shape[-2:])
        if _grad_mode():  # a graph of the backward: the factors as differentiable outputs
            U, S, Vh = LinalgSvd.apply(A, False)
        else:
            U, S, Vh = (_t(np.ascontiguousarray(x), A._dtype) for x in ctx.usv)
            U, Vh = U[..., :k], Vh[..., :k, :]
        gU, gVh = gU[..., :k], gVh[..., :k, :]
        return _svd_backward(U, S, Vh, gU, gS, gVh), None


class LinalgSvdvals(Function):
    _raw = True
    _grad_name = "LinalgSvdBackward0"

    @staticmethod
    def forward(ctx, A):
        if not (_grad_mode() and A._rg):
            return np.linalg.svd(A._array, compute_uv=False)
        U, S, Vh = np.linalg.svd(A._array, full_matrices=False)
        ctx.save_for_backward(A)
        ctx.uv = (U, Vh)
        return S

    @staticmethod
    def backward(ctx, gS):
        (A,) = ctx.saved_tensors
        if _grad_mode():
            U, _, Vh = LinalgSvd.apply(A, False)
        else:
            U, Vh = (_t(x, A._dtype) for x in ctx.uv)
        return matmul(U * gS.unsqueeze(-2), Vh)


def linalg_svd(A, full_matrices=True, *, driver=None, out=None):
    """A = U diag(S) Vh; ``full_matrices=False`` gives the reduced factors."""
    _matrix(A, "linalg.svd")
    return _linalg_svd_rt(*LinalgSvd.apply(A, bool(full_matrices)))


def linalg_svdvals(A, *, driver=None, out=None):
    """The singular values of A, in descending order."""
    _matrix(A, "linalg.svdvals")
    return write_out(LinalgSvdvals.apply(A), out, "linalg_svdvals")


def svd(input, some=True, compute_uv=True, *, out=None):
    """Deprecated form: returns (U, S, V) with V = Vh^T; zero U, V when not compute_uv."""
    _matrix(input, "linalg.svd")
    if not compute_uv:
        S = LinalgSvdvals.apply(input)
        m, n = input._array.shape[-2:]
        batch = input._array.shape[:-2]
        z = input._array.dtype
        return _svd_rt(_t(np.zeros(batch + (m, m), z), input._dtype), S,
                       _t(np.zeros(batch + (n, n), z), input._dtype))
    U, S, Vh = LinalgSvd.apply(input, not some)
    return _svd_rt(U, S, Vh.mT)


# ---------------------------------------------------------------- pinv, lstsq, rank
def _tolerance(S, atol, rtol, shape):
    """max(atol, rtol * largest singular value), with torch's defaults for rtol."""
    eps = np.finfo(S.dtype).eps
    if isinstance(atol, Tensor):
        atol = atol._array
    if isinstance(rtol, Tensor):
        rtol = rtol._array
    if rtol is None:
        rtol = eps * max(shape[-2:]) if (atol is None or np.all(np.asarray(atol) <= 0)) else 0.0
    atol = 0.0 if atol is None else atol
    smax = S[..., :1] if S.shape[-1] else np.zeros(S.shape[:-1] + (1,), S.dtype)
    return np.maximum(np.asarray(atol)[..., None] if np.ndim(atol) else atol,
                      (np.asarray(rtol)[..., None] if np.ndim(rtol) else rtol) * smax)


class LinalgPinv(Function):
    _raw = True
    _grad_name = "LinalgPinvBackward0"

    @staticmethod
    def forward(ctx, A, atol, rtol):
        x = A._array
        ctx.save_for_backward(A, ctx.OUTPUT)
        U, S, Vh = np.linalg.svd(x, full_matrices=False)
        tol = _tolerance(S, atol, rtol, x.shape)
        keep = S > tol
        Sinv = np.where(keep, 1 / np.where(keep, S, 1), 0).astype(x.dtype)
        return np.matmul(Vh.swapaxes(-1, -2) * Sinv[..., None, :], U.swapaxes(-1, -2))

    @staticmethod
    def backward(ctx, grad):
        A, X = ctx.saved_tensors
        return _pinv_backward(A, X, grad), None, None


def _pinv_backward(A, X, g):
    """Gradient of X = pinv(A) (constant rank): -X^T g X^T + (I - A X) g^T X X^T
    + X^T X g^T (I - X A)."""
    gt = g.mT
    t1 = -matmul(matmul(X.mT, g), X.mT)
    t2 = matmul(gt - matmul(A, matmul(X, gt)), matmul(X, X.mT))
    t3 = matmul(matmul(X.mT, X), gt - matmul(matmul(gt, X), A))
    return t1 + t2 + t3


def linalg_pinv(A, *, atol=None, rtol=None, hermitian=False, out=None):
    """Moore-Penrose pseudo-inverse; singular values <= max(atol, rtol * s_max) count as 0."""
    _matrix(A, "linalg.pinv")
    return write_out(LinalgPinv.apply(A, atol, rtol), out, "linalg_pinv")


def pinverse(input, rcond=1e-15):
    _matrix(input, "linalg.pinv")
    return LinalgPinv.apply(input, 0.0, rcond)


def linalg_matrix_rank(A, *, atol=None, rtol=None, hermitian=False, tol=None, out=None):
    """Number of singular values above max(atol, rtol * s_max) (int64)."""
    check_tensor(A, "matrix_rank")
    if A._dtype._cat < D._FLOAT:
        raise RuntimeError("This function doesn't handle types other than float and double")
    if A._array.ndim < 2:
        raise RuntimeError("linalg.matrix_rank: The input tensor input must have at least 2 "
                           "dimensions.")
    if tol is not None:
        atol, rtol = tol, 0.0
    x = A._array
    S = (np.sort(np.abs(np.linalg.eigvalsh(x)), -1)[..., ::-1] if hermitian
         else np.linalg.svd(x, compute_uv=False))
    tol_ = _tolerance(S, atol, rtol, x.shape)
    return write_out(_t(np.asarray((S > tol_).sum(-1), np.int64)), out, "linalg_matrix_rank")


class LinalgLstsq(Function):
    _raw = True
    _grad_name = "LinalgLstsqBackward0"

    @staticmethod
    def forward(ctx, A, B, vector, rcond, residuals):
        a, b = A._array, B._array
        if vector:
            b = b[..., None]
        P = LinalgPinv.forward(ctx, A, None, rcond)
        ctx.save_for_backward(A, B)
        ctx.vector = vector
        X = np.matmul(P, b)
        if residuals:
            res = np.square(np.matmul(a, X) - b).sum(-2)
            res = res[..., 0] if vector else res
        else:
            res = np.zeros((0,), a.dtype)
        return (X[..., 0] if vector else X), res

    @staticmethod
    def backward(ctx, gX, gres):
        A, B = ctx.saved_tensors
        P = linalg_pinv(A)
        if ctx.vector:
            B, gX = B.unsqueeze(-1), gX.unsqueeze(-1)
        n = ctx.needs_input_grad
        gA = _pinv_backward(A, P, matmul(gX, B.mT)) if n[0] else None
        gB = matmul(P.mT, gX) if n[1] else None
        if gres.numel():  # residuals |A X - B|^2: X is optimal, so only the explicit terms
            g = gres.unsqueeze(-1) if ctx.vector else gres.unsqueeze(-2)
            r = (matmul(A, matmul(P, B)) - B) * g * 2
            gA = None if gA is None else gA + matmul(r, matmul(P, B).mT)
            gB = None if gB is None else gB - r
        if gB is not None and ctx.vector:
            gB = gB.reshape(gB.shape[:-1])
        return gA, gB, None, None, None


def linalg_lstsq(A, B, rcond=None, *, driver=None):
    """Least-squares solution of A X = B: (solution, residuals, rank, singular_values).
    Computed through the pseudo-inverse; residuals and singular values are filled for the
    drivers that give them (gelsd, gelss) like torch, empty for the default gelsy."""
    _matrix(A, "torch.linalg.lstsq")
    check_tensor(B, "linalg_lstsq", "B", 2)
    if A._dtype is not B._dtype:
        raise RuntimeError(f"torch.linalg.lstsq: Expected input and other to have the same "
                           f"dtype, but got input's dtype {A._dtype} and other's dtype "
                           f"{B._dtype}")
    vector = B._array.ndim == A._array.ndim - 1
    m, n = A._array.shape[-2:]
    if B._array.shape[-1 if vector else -2] != m:
        raise RuntimeError("torch.linalg.lstsq: input.size(-2) should match other.size(-2)")
    driver = driver or "gelsy"
    rank = linalg_matrix_rank(A, rtol=rcond)
    full = bool(np.all(rank._array == min(m, n)))
    with_sv = driver in ("gelsd", "gelss")
    X, res = LinalgLstsq.apply(A, B, vector, rcond, with_sv and m > n and full)
    sv = (_t(np.linalg.svd(A._array, compute_uv=False)) if with_sv
          else _t(np.zeros((0,), A._array.dtype)))
    if driver == "gels":
        rank = _t(np.zeros((0,), np.int64))
    return _lstsq_rt(X, res, rank, sv)


# ---------------------------------------------------------------- solve
class LinalgSolve(Function):
    _raw = True
    _grad_name = "LinalgSolveExBackward0"

    @staticmethod
    def forward(ctx, A, B, left, vector):
        a, b = A._array, B._array
        ctx.save_for_backward(A, ctx.OUTPUT)
        ctx.left, ctx.vector = left, vector
        if not left:
            a = a.swapaxes(-1, -2)
            b = b if vector else b.swapaxes(-1, -2)
        if vector:
            b = b[..., None]
        try:
            x = np.linalg.solve(a, b)
        except np.linalg.LinAlgError:
            raise LinAlgError("torch.linalg.solve: The solver failed because the input matrix "
                              "is singular.") from None
        if vector:
            return x[..., 0]
        return x if left else x.swapaxes(-1, -2)

    @staticmethod
    def backward(ctx, grad):
        A, X = ctx.saved_tensors
        left, vector = ctx.left, ctx.vector
        gB = LinalgSolve.apply(A.mT, grad, left, vector)
        if not ctx.needs_input_grad[0]:
            gA = None
        elif vector:
            gA = -(gB.unsqueeze(-1) * X.unsqueeze(-2) if left
                   else X.unsqueeze(-1) * gB.unsqueeze(-2))
        else:
            gA = -(matmul(gB, X.mT) if left else matmul(X.mT, gB))
        return gA, gB, None, None


def linalg_solve(A, B, *, left=True, out=None):
    """The solution X of A X = B (``left=False``: X A = B); B may be a (batch of) vector(s)."""
    _check_square(A, "linalg.solve")
    check_tensor(B, "linalg_solve", "B", 2)
    if A._dtype is not B._dtype:
        raise RuntimeError(f"linalg.solve: Expected A and B to have the same dtype, but found A "
                           f"of type {_short(A._dtype)} and B of type {_short(B._dtype)} "
                           "instead")
    sa, sb = A._array.shape, B._array.shape
    vector = len(sb) == 1 or (len(sb) == len(sa) - 1 and sb == sa[:-1])
    n = sa[-1]
    rows = sb[-1] if vector else (sb[-2] if left else sb[-1])
    if rows != n or (vector and not left):  # torch: X A = B needs a matrix B
        cols = 1 if vector else sb[-1]
        eq = "AX = B" if left else "XA = B"
        raise RuntimeError(f"linalg.solve: Incompatible shapes of A and B for the equation "
                           f"{eq} ({n}x{n} and {rows}x{cols})")
    if not vector:
        _broadcast_shape(sa[:-2], sb[:-2])
    return write_out(LinalgSolve.apply(A, B, bool(left), vector), out, "linalg_solve")


def linalg_solve_ex(A, B, *, left=True, check_errors=False, out=None):
    X = linalg_solve(A, B, left=left)
    return _solve_ex_rt(X, _t(np.zeros(A._array.shape[:-2], np.int32)))


# ---------------------------------------------------------------- cholesky
def _cholesky_array(x, fname):
    try:
        return np.linalg.cholesky(x)
    except np.linalg.LinAlgError:
        mats = x.reshape((-1,) + x.shape[-2:])
        orders = []
        for m in mats:
            order = 0
            for k in range(1, m.shape[-1] + 1):
                if not np.all(np.isfinite(m[:k, :k])):
                    order = k
                    break
                try:
                    np.linalg.cholesky(m[:k, :k])
                except np.linalg.LinAlgError:
                    order = k
                    break
            orders.append(order)
        bad = [o > 0 for o in orders]
        raise LinAlgError(f"{_prefix(fname, x, bad)}The factorization could not be completed "
                          "because the input is not positive-definite (the leading minor of "
                          f"order {orders[_batch_index(bad)]} is not positive-definite)."
                          ) from None


class LinalgCholesky(Function):
    _raw = True
    _grad_name = "LinalgCholeskyExBackward0"

    @staticmethod
    def forward(ctx, A, upper, fname):
        L = _cholesky_array(A._array, fname)
        ctx.upper = upper
        ctx.save_for_backward(ctx.OUTPUT)
        return np.ascontiguousarray(L.swapaxes(-1, -2)) if upper else L

    @staticmethod
    def backward(ctx, grad):
        (L,) = ctx.saved_tensors
        if ctx.upper:
            L, grad = L.mT, grad.mT
        n = L.shape[-1]
        # A = L L^T: gA = sym(L^-T Phi(L^T gL) L^-1), Phi = lower triangle, halved diagonal
        phi = tril(matmul(L.mT, grad)) * (1 - 0.5 * _eye(n, L))
        Linv = linalg_inv(L)
        S = matmul(matmul(Linv.mT, phi), Linv)
        return (S + S.mT) * 0.5, None, None


class _CholeskyOld(LinalgCholesky):
    _grad_name = "CholeskyBackward0"


def linalg_cholesky(A, *, upper=False, out=None):
    """L with A = L L^T (``upper``: U with A = U^T U) of a positive-definite A."""
    _check_square(A, "linalg.cholesky")
    return write_out(LinalgCholesky.apply(A, bool(upper), "linalg.cholesky"), out,
                     "linalg_cholesky")


def cholesky(input, upper=False, *, out=None):
    """Deprecated form of linalg.cholesky."""
    warnings.warn(
        "torch.cholesky is deprecated in favor of torch.linalg.cholesky and will be removed in "
        "a future PyTorch release.\nL = torch.cholesky(A)\nshould be replaced with\n"
        "L = torch.linalg.cholesky(A)\nand\nU = torch.cholesky(A, upper=True)\nshould be "
        "replaced with\nU = torch.linalg.cholesky(A).mH\nThis transform will produce "
        "equivalent results for all valid (symmetric positive definite) inputs.",
        UserWarning, stacklevel=2)
    _check_square(input, "cholesky")
    return write_out(_CholeskyOld.apply(input, bool(upper), "cholesky"), out, "cholesky")


def linalg_cholesky_ex(A, *, upper=False, check_errors=False, out=None):
    _check_square(A, "linalg.cholesky_ex")
    try:
        L = LinalgCholesky.apply(A, bool(upper), "linalg.cholesky_ex")
        info = np.zeros(A._array.shape[:-2], np.int32)
    except LinAlgError:
        if check_errors:
            raise
        x = A._array
        info = np.zeros(x.shape[:-2], np.int32)
        L = _t(np.zeros_like(x), A._dtype)
        flat = info.reshape(-1)
        for i, m in enumerate(x.reshape((-1,) + x.shape[-2:])):
            for k in range(1, m.shape[-1] + 1):
                try:
                    np.linalg.cholesky(m[:k, :k])
                except np.linalg.LinAlgError:
                    flat[i] = k
                    break
    return _cholesky_ex_rt(L, _t(info))


def cholesky_inverse(input, upper=False, *, out=None):
    """inverse(L L^T) (``upper``: inverse(U^T U)) from a Cholesky factor."""
    check_tensor(input, "cholesky_inverse")
    A = matmul(input.mT, input) if upper else matmul(input, input.mT)
    return write_out(linalg_inv(A), out, "cholesky_inverse")


def cholesky_solve(B, L, upper=False, *, out=None):
    """Solve (L L^T) X = B (``upper``: (U^T U) X = B) from a Cholesky factor."""
    check_tensor(B, "cholesky_solve")
    check_tensor(L, "cholesky_solve", "input2", 2)
    A = matmul(L.mT, L) if upper else matmul(L, L.mT)
    return write_out(linalg_solve(A, B), out, "cholesky_solve")


# ---------------------------------------------------------------- qr
class _Cat(Function):
    _raw = True
    _grad_name = "CatBackward0"

    @staticmethod
    def forward(ctx, dim, *tensors):
        ctx.dim = dim
        ctx.sizes = [t._array.shape[dim] for t in tensors]
        return np.concatenate([t._array for t in tensors], axis=dim)

    @staticmethod
    def backward(ctx, grad):
        out, start = [None], 0
        lead = (slice(None),) * ctx.dim
        for s in ctx.sizes:
            out.append(grad[lead + (slice(start, start + s),)])
            start += s
        return tuple(out)


def _cat(tensors, dim):
    return _Cat.apply(dim, *tensors)


def _qr_backward(Q, R, gQ, gR):
    """Gradient of the reduced QR (m >= n): (gQ + Q copyltu(M)) R^-T, M = R gR^T - gQ^T Q."""
    M = matmul(R, gR.mT) - matmul(gQ.mT, Q)
    b = gQ + matmul(Q, tril(M) + tril(M, -1).mT)
    return LinalgSolve.apply(R, b.mT, True, False).mT


class LinalgQr(Function):
    _raw = True
    _grad_name = "LinalgQrBackward0"

    @staticmethod
    def forward(ctx, A, mode):
        x = A._array
        ctx.mode = mode
        ctx.save_for_backward(A)
        if mode == "r":
            return np.zeros((0,), x.dtype), np.linalg.qr(x, mode="r")
        Q, R = np.linalg.qr(x, mode=mode)
        ctx.qr = (Q, R)
        return Q, R

    @staticmethod
    def backward(ctx, gQ, gR):
        (A,) = ctx.saved_tensors
        m, n = A.shape[-2:]
        if ctx.mode == "r":
            raise RuntimeError("The derivative of linalg.qr depends on Q, which is not computed "
                               "when mode='r'. Please use linalg.qr(A, mode='reduced') if you "
                               "are going to differentiate through linalg.qr.")
        if ctx.mode == "complete" and m > n:
            raise RuntimeError("The QR decomposition is not differentiable when "
                               "mode='complete' and nrows > ncols.")
        if _grad_mode():
            Q, R = LinalgQr.apply(A, ctx.mode)
        else:
            Q, R = (_t(x, A._dtype) for x in ctx.qr)
        if m >= n:
            return _qr_backward(Q, R, gQ, gR), None
        # wide A = [X | Y]: X = Q U is a square QR, Y = Q V
        Y, U, V = A[..., m:], R[..., :m], R[..., m:]
        gU, gV = gR[..., :m], gR[..., m:]
        gX = _qr_backward(Q, U, gQ + matmul(Y, gV.mT), gU)
        return _cat([gX, matmul(Q, gV)], A.ndim - 1), None


def linalg_qr(A, mode="reduced", *, out=None):
    """A = Q R; mode 'reduced' (Q: m x k), 'complete' (Q: m x m) or 'r' (R only)."""
    _matrix(A, "linalg.qr")
    if mode not in ("reduced", "complete", "r"):
        raise RuntimeError(f"qr received unrecognized mode '{mode}' but expected one of "
                           "'reduced' (default), 'r', or 'complete'")
    return _linalg_qr_rt(*LinalgQr.apply(A, mode))


def qr(input, some=True, *, out=None):
    """Deprecated form of linalg.qr."""
    warnings.warn(
        "torch.qr is deprecated in favor of torch.linalg.qr and will be removed in a future "
        "PyTorch release.\nThe boolean parameter 'some' has been replaced with a string "
        "parameter 'mode'.\nQ, R = torch.qr(A, some)\nshould be replaced with\nQ, R = "
        "torch.linalg.qr(A, 'reduced' if some else 'complete')", UserWarning, stacklevel=2)
    _matrix(input, "linalg.qr")
    return _qr_rt(*LinalgQr.apply(input, "reduced" if some else "complete"))


# ---------------------------------------------------------------- eigh
class LinalgEigh(Function):
    _raw = True
    _grad_name = "LinalgEighBackward0"

    @staticmethod
    def forward(ctx, A, uplo):
        L, V = np.linalg.eigh(A._array, UPLO=uplo)
        ctx.save_for_backward(A)
        ctx.uplo, ctx.lv = uplo, (L, V)
        return L, V

    @staticmethod
    def backward(ctx, gL, gV):
        (A,) = ctx.saved_tensors
        if _grad_mode():
            L, V = LinalgEigh.apply(A, ctx.uplo)
        else:
            L, V = (_t(x, A._dtype) for x in ctx.lv)
        F = _offdiag_inverse(L.unsqueeze(-2) - L.unsqueeze(-1), L.shape[-1])  # 1/(l_j - l_i)
        inner = diag_embed(gL) + F * matmul(V.mT, gV)
        gA = matmul(matmul(V, inner), V.mT)
        return (gA + gA.mT) * 0.5, None  # torch returns the symmetric part


class LinalgEigvalsh(Function):
    _raw = True
    _grad_name = "LinalgEighBackward0"

    @staticmethod
    def forward(ctx, A, uplo):
        if not (_grad_mode() and A._rg):
            return np.linalg.eigvalsh(A._array, UPLO=uplo)
        L, V = np.linalg.eigh(A._array, UPLO=uplo)
        ctx.save_for_backward(A)
        ctx.uplo, ctx.V = uplo, V
        return L

    @staticmethod
    def backward(ctx, gL):
        (A,) = ctx.saved_tensors
        V = LinalgEigh.apply(A, ctx.uplo)[1] if _grad_mode() else _t(ctx.V, A._dtype)
        return matmul(V * gL.unsqueeze(-2), V.mT), None


def _check_uplo(UPLO):
    if UPLO not in ("L", "U"):
        raise RuntimeError(f"Expected UPLO argument to be 'L' or 'U', but got {UPLO}")


def linalg_eigh(A, UPLO="L", *, out=None):
    """Eigenvalues (ascending) and eigenvectors of a symmetric matrix (its UPLO triangle)."""
    _check_square(A, "linalg.eigh")
    _check_uplo(UPLO)
    return _eigh_rt(*LinalgEigh.apply(A, UPLO))


def linalg_eigvalsh(A, UPLO="L", *, out=None):
    _check_square(A, "linalg.eigvalsh")
    _check_uplo(UPLO)
    return write_out(LinalgEigvalsh.apply(A, UPLO), out, "linalg_eigvalsh")


# ---------------------------------------------------------------- matrix_power
class _Eye(Function):
    """matrix_power(A, 0): identities shaped like A (zero gradient)."""

    _raw = True
    _grad_name = "CopyBackwards"

    @staticmethod
    def forward(ctx, A):
        x = A._array
        return np.ascontiguousarray(np.broadcast_to(np.eye(x.shape[-1], dtype=x.dtype), x.shape))

    @staticmethod
    def backward(ctx, grad):
        return grad * 0


def matrix_power(input, n, *, out=None):
    """A^n by repeated squaring (n < 0: of the inverse; n = 0: identities)."""
    check_tensor(input, "matrix_power")
    x = input._array
    if x.ndim < 2:
        raise RuntimeError("linalg.matrix_power: The input tensor A must have at least 2 "
                           "dimensions.")
    if x.shape[-1] != x.shape[-2]:
        raise RuntimeError(f"linalg.matrix_power: A must be batches of square matrices, but "
                           f"they are {x.shape[-2]} by {x.shape[-1]} matrices")
    if n == 0:
        r = _Eye.apply(input)
    else:
        inverted = n < 0
        if inverted:
            input, n = linalg_inv(input), -n
        if n == 1:
            r = input if inverted else input.clone()
        else:
            r, base = None, input
            while n:
                if n & 1:
                    r = base if r is None else matmul(r, base)
                n >>= 1
                if n:
                    base = matmul(base, base)
    return write_out(r, out, "matrix_power")


# ---------------------------------------------------------------- norms
def linalg_vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None, out=None):
    """(sum |x|^ord)^(1/ord) over ``dim`` (all dims when None); ord may be inf, -inf, 0."""
    check_tensor(x, "linalg_vector_norm", "input")
    _check_float(x, "linalg.vector_norm")
    if dtype is not None:
        x = x.to(dtype)
    ord = float(ord)
    if isinstance(dim, int):
        dim = (dim,)
    n = x._array.ndim
    dims = tuple(range(n)) if dim is None or len(dim) == 0 else tuple(_wrap_dim(d, n)
                                                                        for d in dim)
    if ord < 0 or ord == float("inf"):
        if x._array.size == 0 and (any(x._array.shape[d] == 0 for d in dims) or not dims):
            name = "inf" if ord == float("inf") else ("-inf" if ord == -float("inf") else ord)
            raise RuntimeError(f"linalg.vector_norm cannot compute the {name} norm on an empty "
                               "tensor because the operation does not have an identity")
    from .reduce import LinalgVectorNorm  # the one vector-norm kernel (torch.norm uses it too)

    return write_out(LinalgVectorNorm.apply(x, ord, dims, keepdim), out, "linalg_vector_norm")


class _Amax(Function):
    """max over the last dim (ties share the gradient), for matrix norms."""

    _raw = True
    _grad_name = "AmaxBackward0"

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x, ctx.OUTPUT)
        return np.asarray(x._array.max(-1))

    @staticmethod
    def backward(ctx, grad):
        x, m = ctx.saved_tensors
        hit = _t((x._array == m._array[..., None]).astype(x._array.dtype))
        return grad.unsqueeze(-1) * hit / hit.sum(-1, keepdim=True)


class _Amin(_Amax):
    _grad_name = "AminBackward0"

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x, ctx.OUTPUT)
        return np.asarray(x._array.min(-1))


def linalg_matrix_norm(A, ord="fro", dim=(-2, -1), keepdim=False, *, dtype=None, out=None):
    """Matrix norms over ``dim``: 'fro', 'nuc', 1, -1, 2, -2, inf, -inf."""
    check_tensor(A, "linalg_matrix_norm", "input")
    if A._array.ndim < 2:
        raise RuntimeError("linalg.matrix_norm: The input tensor A must have at least 2 "
                           "dimensions.")
    _check_float(A, "linalg.matrix_norm")
    if dtype is not None:
        A = A.to(dtype)
    n = A._array.ndim
    d0, d1 = (_wrap_dim(d, n) for d in dim)
    if ord == "fro":
        return write_out(linalg_vector_norm(A, 2, (d0, d1), keepdim), out, "linalg_matrix_norm")
    inf = float("inf")
    if ord not in ("nuc", 1, -1, 2, -2, inf, -inf):
        raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")
    rest = [i for i in range(n) if i not in (d0, d1)]
    M = A.permute(rest + [d0, d1])
    if ord == "nuc":
        r = linalg_svdvals(M).sum(-1)
    elif ord in (2, -2):
        s = linalg_svdvals(M)
        r = _Amax.apply(s) if ord == 2 else _Amin.apply(s)
    else:
        sums = M.abs().sum(-2 if ord in (1, -1) else -1)
        r = _Amax.apply(sums) if ord > 0 else _Amin.apply(sums)
    if keepdim:
        for d in sorted((d0, d1)):
            r = r.unsqueeze(d)
    return write_out(r, out, "linalg_matrix_norm")


def linalg_norm(A, ord=None, dim=None, keepdim=False, *, dtype=None, out=None):
    """Vector norm (``dim`` an int, or a 1-D input) or matrix norm (``dim`` a pair, or a
    2-D input with ``ord``); no ord and no dim: the 2-norm of the flattened input."""
    check_tensor(A, "linalg_norm", "input")
    if isinstance(dim, int):
        dim = (dim,)
    if dim is not None:
        if len(dim) == 1:
            return linalg_vector_norm(A, 2 if ord is None else ord, dim, keepdim, dtype=dtype,
                                      out=out)
        return linalg_matrix_norm(A, "fro" if ord is None else ord, dim, keepdim, dtype=dtype,
                                  out=out)
    if ord is None:
        return linalg_vector_norm(A, 2, None, keepdim, dtype=dtype, out=out)
    if A._array.ndim == 1:
        if isinstance(ord, str):
            raise RuntimeError("linalg.matrix_norm: The input tensor A must have at least 2 "
                               "dimensions.")
        return linalg_vector_norm(A, ord, None, keepdim, dtype=dtype, out=out)
    if A._array.ndim == 2:
        return linalg_matrix_norm(A, ord, (-2, -1), keepdim, dtype=dtype, out=out)
    raise RuntimeError(f"linalg.norm: If dim is not specified but ord is, the input must be 1D "
                       f"or 2D. Got {A._array.ndim}D.")


def linalg_vecdot(x, y, *, dim=-1, out=None):
    """sum(x * y, dim) (conj(x) for complex)."""
    check_tensor(x, "linalg_vecdot", "x", 1)
    check_tensor(y, "linalg_vecdot", "y", 2)
    if x._dtype is not y._dtype:
        raise RuntimeError(f"linalg.vecdot: Expected x and y to have the same dtype, but found "
                           f"x of type {_short(x._dtype)} and y of type {_short(y._dtype)} "
                           "instead")
    return write_out((x * y).sum(dim), out, "linalg_vecdot")


def linalg_matmul(input, other, *, out=None):
    return matmul(input, other, out=out)


def linalg_multi_dot(tensors, *, out=None):
    return multi_dot(tensors, out=out)


def linalg_matrix_power(A, n, *, out=None):
    return matrix_power(A, n, out=out)


def linalg_vander(x, *, N=None):
    """Vandermonde matrix: columns x^0, x^1, ..., x^(N-1)."""
    check_tensor(x, "linalg_vander", "x")
    if x._array.ndim < 1:
        raise RuntimeError("linalg.vander: x must have at least one dimension")
    N = x._array.shape[-1] if N is None else N
    if N < 1:
        raise RuntimeError("N must be greater than 1.")
    return _Vander.apply(x, N)


class _Vander(Function):
    _raw = True
    _grad_name = "CumprodBackward0"

    @staticmethod
    def forward(ctx, x, N):
        ctx.save_for_backward(x)
        ctx.N = N
        a = x._array
        return a[..., None] ** np.arange(N, dtype=np.int64 if a.dtype.kind in "iub" else a.dtype)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        k = _t(np.arange(1, ctx.N, dtype=x._array.dtype), x._dtype)
        d = x.unsqueeze(-1) ** (k - 1) * k
        return (grad[..., 1:] * d).sum(-1), None


def linalg_solve_triangular(A, B, *, upper, left=True, unitriangular=False, out=None):
    """Solve a triangular system (the other triangle of A is ignored)."""
    _check_square(A, "linalg.solve_triangular")
    T = triu(A) if upper else tril(A)
    if unitriangular:
        T = T * (1 - _eye(A.shape[-1], A)) + _eye(A.shape[-1], A)
    if B._array.ndim < 2:
        raise RuntimeError("linalg.solve_triangular: The input tensor B must have at least 2 "
                           "dimensions.")
    return write_out(LinalgSolve.apply(T, B, bool(left), False), out, "linalg_solve_triangular")

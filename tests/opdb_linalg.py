"""opdb rows: linear algebra (products, diagonals/triangles, decompositions, einsum, norms).

Decompositions whose factors are unique only up to signs (svd, eigh) are compared through
sign-invariant quantities: singular values, |U|, |Vh|, reconstructions. Inputs of
cholesky/eigh are made symmetric inside the row so gradients are those of a free matrix.
"""

import warnings

import numpy as np

from opdb import ErrorSample, OpInfo, Sample, rand

F64 = ("float64",)


def _quiet(f):
    """Run ``f`` with warnings ignored (torch's deprecated ops warn once per process)."""
    def run(lib, *a, **k):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return f(lib, *a, **k)
    return run


def _s(*shapes, gen=rand):
    """Samples of random float arrays with the given shapes."""
    def samples(rng, dt):
        return [Sample(tuple(gen(rng, s, dt) for s in shp)) for shp in shapes]
    return samples


def _wellcond(rng, shape, dt):
    """Random square matrices far from singular: uniform noise plus 3 * identity."""
    n = shape[-1]
    return (rand(rng, shape, dt, -1, 1) + 3 * np.eye(n)).astype(dt)


def _sq(*shapes):
    def samples(rng, dt):
        return [Sample(tuple(_wellcond(rng, s, dt) for s in shp)) for shp in shapes]
    return samples


def _ints(*shapes, dtype="int64"):
    def samples(rng, dt):
        return [Sample(tuple(rand(rng, s, dtype) for s in shp)) for shp in shapes]
    return samples


def _spd(lib, x):
    """A symmetric positive-definite matrix made from any square ``x``."""
    return x @ x.mT + 3 * lib.eye(x.shape[-1], dtype=x.dtype)


def _sym(x):
    return (x + x.mT) / 2 if x.shape[-1] == x.shape[-2] else x


def _svd_parts(U, S, Vh):
    return S, U.abs(), Vh.abs(), (U * S.unsqueeze(-2)) @ Vh


def _e(*args, exc=RuntimeError, match=None, **kwargs):
    return ErrorSample(args, kwargs, exc=exc, match=match)


def _matmul_errors(rng):
    f, d = rand(rng, (2, 3)), rand(rng, (3, 4), "float64")
    return [
        _e(f, rand(rng, (4, 5)),
           match=r"mat1 and mat2 shapes cannot be multiplied \(2x3 and 4x5\)"),
        _e(f, d, match="expected m1 and m2 to have the same dtype, but got: float != double"),
        _e(rand(rng, (3,)), rand(rng, (4,)), match="inconsistent tensor size"),
        _e(rand(rng, (5, 2, 3)), rand(rng, (4, 3, 2)), match="must match the size"),
        _e(rand(rng, ()), f, match="both arguments to matmul need to be at least 1D"),
        _e(f, rand(rng, (4,)), match="size mismatch"),
        _e(rand(rng, (2, 2), "bool"), rand(rng, (2, 2), "bool"), exc=NotImplementedError),
        _e(1.0, f, exc=TypeError),
    ]


def _addmm_samples(rng, dt):
    return [Sample((rand(rng, (2, 4), dt), rand(rng, (2, 3), dt), rand(rng, (3, 4), dt))),
            Sample((rand(rng, (4,), dt), rand(rng, (2, 3), dt), rand(rng, (3, 4), dt)),
                   dict(beta=0.5, alpha=-2.0)),
            Sample((rand(rng, (1, 1), dt), rand(rng, (2, 3), dt), rand(rng, (3, 4), dt)),
                   dict(beta=0))]


def _batched_add(shape_in, batched):
    def samples(rng, dt):
        b1, b2 = rand(rng, (5, 2, 3), dt), rand(rng, (5, 3, 4), dt)
        return [Sample((rand(rng, shape_in, dt), b1, b2)),
                Sample((rand(rng, (4,), dt), b1, b2), dict(beta=2.0, alpha=0.5))]
    return samples


def _einsum_samples(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [Sample(("ij,jk->ik", r(2, 3), r(3, 4))),
            Sample(("bij,bjk->bik", r(2, 2, 3), r(2, 3, 4))),
            Sample(("ii->i", r(3, 3))),
            Sample(("ii", r(3, 3))),
            Sample(("ij->", r(2, 3))),
            Sample(("i,j->ij", r(2), r(3))),
            Sample(("...ij->...ji", r(2, 2, 3))),
            Sample(("...ij,j", r(2, 3, 4), r(4))),
            Sample(("ba,Ab", r(2, 3), r(4, 2))),  # implicit output, sorted (A < a)
            Sample(("ij,ij->ij", r(1, 3), r(2, 3))),  # size-1 broadcast
            Sample(("ij,jk,kl->il", r(2, 3), r(3, 4), r(4, 2))),
            Sample(("bn,anm,bm->ba", r(2, 3), r(4, 3, 5), r(2, 5))),
            Sample(("i i -> i", r(2, 2))),
            Sample(("iij->ij", r(2, 2, 3))),
            Sample(("ij->j", r(0, 3)))]


def _cdist_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), rand(rng, (5, 4), dt))),
            Sample((rand(rng, (2, 3, 4), dt), rand(rng, (2, 5, 4), dt))),
            Sample((rand(rng, (2, 1, 3, 4), dt), rand(rng, (5, 6, 4), dt))),
            Sample((rand(rng, (30, 3), dt), rand(rng, (4, 3), dt))),  # the GEMM path
            Sample((rand(rng, (3, 4), dt), rand(rng, (5, 4), dt)), dict(p=1.0)),
            Sample((rand(rng, (3, 4), dt), rand(rng, (5, 4), dt)), dict(p=3.0)),
            Sample((rand(rng, (3, 4), dt), rand(rng, (5, 4), dt)), dict(p=float("inf")))]


def _norm_samples(rng, dt):
    x = rand(rng, (2, 3, 4), dt)
    return [Sample((x,)), Sample((x,), dict(ord=1, dim=1)), Sample((x,), dict(ord=3.0, dim=(0, 2),
                                                                        keepdim=True)),
            Sample((x,), dict(ord=float("inf"), dim=-1)), Sample((x,), dict(ord=-float("inf"))),
            Sample((x,), dict(ord=0, dim=-1)), Sample((x,), dict(ord=-1.5, dim=-1)),
            Sample((x,), dict(ord=2, dim=(), keepdim=True)),
            Sample((rand(rng, (), dt),)), Sample((rand(rng, (0, 3), dt),), dict(dim=1))]


def _mnorm_samples(rng, dt):
    x = rand(rng, (2, 4, 3), dt)
    return [Sample((x,), dict(ord=o)) for o in ("fro", "nuc", 1, -1, 2, -2, float("inf"),
                                               -float("inf"))] + [
        Sample((x,), dict(ord="nuc", dim=(0, 2), keepdim=True)),
        Sample((x,), dict(ord=1, dim=(2, 0)))]


def _lnorm_samples(rng, dt):
    return [Sample((rand(rng, (2, 4, 3), dt),)), Sample((rand(rng, (4, 3), dt),), dict(ord=2)),
            Sample((rand(rng, (4, 3), dt),), dict(ord="fro")),
            Sample((rand(rng, (4,), dt),), dict(ord=1)),
            Sample((rand(rng, (4, 3), dt),), dict(ord=3, dim=1)),
            Sample((rand(rng, (2, 4, 3), dt),), dict(dim=(0, 1)))]


def _inplace(name):
    """``x.clone().<name>(...)``; numtorch's function when its Tensor lacks the method."""
    def run(lib, x, *a, **k):
        x = x.clone()
        if not hasattr(x, name):
            from numtorch._ops import linalg

            return getattr(linalg, name)(x, *a, **k)
        return getattr(x, name)(*a, **k)
    return run


DEC = dict(atol=1e-4, rtol=1e-4)  # float32 decompositions: LAPACK builds differ

ROWS = [
    # ---------------------------------------------------------------- products
    OpInfo("matmul", lambda lib, a, b: lib.matmul(a, b),
           _s(((3, 4), (4, 5)), ((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((5, 2, 3), (3, 4)),
              ((5, 2, 3), (5, 3, 4)), ((5, 2, 3), (1, 3, 4)), ((2, 3), (5, 3, 4)),
              ((5, 2, 3), (3,)), ((3,), (5, 3, 4)), ((2, 1, 2, 3), (5, 3, 4)), ((0, 3), (3, 2)),
              ((2, 0), (0, 3))),
           covers=("Tensor.__matmul__", "linalg.matmul"), gradgrad=True, errors=_matmul_errors),
    OpInfo("matmul/operator", lambda lib, a, b: a @ b, _s(((2, 3, 4), (4,)))),
    OpInfo("matmul/int", lambda lib, a, b: lib.matmul(a, b),
           _ints(((3, 4), (4, 5)), ((2, 3, 4), (4,)), ((4,), (4,))), dtypes=("int",)),
    OpInfo("matmul/int32", lambda lib, a, b: lib.matmul(a, b), _ints(((3, 4), (4, 2)),
                                                                     dtype="int32"),
           dtypes=("int",)),
    OpInfo("matmul/out", lambda lib, a, b: lib.matmul(a, b, out=lib.empty(0, dtype=a.dtype)),
           _s(((3, 4), (4, 5))), grad=False),
    OpInfo("mm", lambda lib, a, b: lib.mm(a, b), _s(((3, 4), (4, 5)), ((0, 2), (2, 3))),
           covers=("Tensor.mm",), errors=lambda rng: [
               _e(rand(rng, (2, 3)), rand(rng, (4, 5)), match=r"\(2x3 and 4x5\)"),
               _e(rand(rng, (2, 3, 3)), rand(rng, (3, 5)), match="self must be a matrix"),
               _e(rand(rng, (2, 3)), rand(rng, (3,)), match="mat2 must be a matrix")]),
    OpInfo("bmm", lambda lib, a, b: lib.bmm(a, b), _s(((5, 2, 3), (5, 3, 4))),
           errors=lambda rng: [
               _e(rand(rng, (2, 3)), rand(rng, (3, 5)), match="batch1 must be a 3D tensor"),
               _e(rand(rng, (2, 2, 3)), rand(rng, (3, 3, 5)), match="batch2 tensor to be"),
               _e(rand(rng, (2, 2, 3)), rand(rng, (2, 3, 5), "float64"),
                  match="expected scalar type Float but found Double")]),
    OpInfo("mv", lambda lib, a, b: lib.mv(a, b), _s(((3, 4), (4,))), errors=lambda rng: [
        _e(rand(rng, (2, 3)), rand(rng, (4,)), match=r"size mismatch, got input \(2\), mat "
                                                     r"\(2x3\), vec \(4\)"),
        _e(rand(rng, (2, 3)), rand(rng, (3, 1)), match="vector \\+ matrix @ vector expected")]),
    OpInfo("dot", lambda lib, a, b: lib.dot(a, b), _s(((5,), (5,)), ((0,), (0,))),
           covers=("Tensor.dot",), errors=lambda rng: [
               _e(rand(rng, (2, 2)), rand(rng, (2, 2)),
                  match="1D tensors expected, but got 2D and 2D tensors"),
               _e(rand(rng, (2,)), rand(rng, (2,), "float64"),
                  match="dot : expected both vectors to have same dtype, but found Float and "
                        "Double")]),
    OpInfo("dot/int", lambda lib, a, b: lib.dot(a, b), _ints(((5,), (5,)), dtype="int32"),
           dtypes=("int",)),
    OpInfo("vdot", lambda lib, a, b: lib.vdot(a, b), _s(((5,), (5,)))),
    OpInfo("inner", lambda lib, a, b: lib.inner(a, b),
           _s(((3,), (3,)), ((2, 3), (4, 3)), ((2, 5, 3), (4, 3)), ((), (4, 3)))),
    OpInfo("outer", lambda lib, a, b: lib.outer(a, b), _s(((3,), (4,))), covers=("ger",),
           errors=lambda rng: [_e(rand(rng, (3, 2)), rand(rng, (4,)),
                                  match="outer: Expected 1-D argument self, but got 2-D")]),
    OpInfo("outer/promotion", lambda lib, a, b: lib.ger(a, b.double()), _s(((3,), (4,))),
           covers=("Tensor.ger",)),
    OpInfo("cross", lambda lib, a, b, **k: lib.cross(a, b, **k),
           lambda rng, dt: [Sample((rand(rng, (4, 3), dt), rand(rng, (4, 3), dt)), dict(dim=1)),
                            Sample((rand(rng, (3, 4), dt), rand(rng, (3, 1), dt)), dict(dim=0)),
                            Sample((rand(rng, (2, 3), dt), rand(rng, (2, 3), dt)), dict(dim=-1))],
           errors=lambda rng: [
               _e(rand(rng, (4, 2)), rand(rng, (4, 2)), dim=1, match="must have length 3"),
               _e(rand(rng, (4, 3)), rand(rng, (4, 2, 3)), dim=-1,
                  match="inputs must have the same number of dimensions")]),
    OpInfo("cross/default_dim", _quiet(lambda lib, a, b: lib.cross(a, b)),
           _s(((4, 3, 3), (4, 3, 3)))),
    OpInfo("linalg.cross", lambda lib, a, b, **k: lib.linalg.cross(a, b, **k),
           lambda rng, dt: [Sample((rand(rng, (4, 3), dt), rand(rng, (4, 3), dt))),
                            Sample((rand(rng, (2, 1, 3), dt), rand(rng, (1, 4, 3), dt))),
                            Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt)), dict(dim=0))],
           errors=lambda rng: [_e(rand(rng, (3, 4)), rand(rng, (3, 4)),
                                  match="inputs dimension -1 must have length 3. Got 4 and 4")]),
    OpInfo("addmm", lambda lib, a, b, c, **k: lib.addmm(a, b, c, **k), _addmm_samples,
           errors=lambda rng: [
               _e(rand(rng, (3,)), rand(rng, (2, 3)), rand(rng, (3, 4)),
                  match="The expanded size of the tensor"),
               _e(rand(rng, (2, 4), "float64"), rand(rng, (2, 3)), rand(rng, (3, 4)),
                  match="self and mat2 must have the same dtype"),
           ]),
    OpInfo("addmm/int", lambda lib, a, b, c: (lib.addmm(a, b, c, beta=2, alpha=3),
                                              lib.addmm(a, b, c, beta=0.5, alpha=2.7)),
           _ints(((2, 4), (2, 3), (3, 4))), dtypes=("int",)),
    OpInfo("addmm/inplace", _inplace("addmm_"),
           lambda rng, dt: [Sample((rand(rng, (2, 4), dt), rand(rng, (2, 3), dt),
                                    rand(rng, (3, 4), dt)), dict(beta=0.5, alpha=2))],
           covers=("Tensor.addmm_",), errors=lambda rng: [
               _e(rand(rng, (4,)), rand(rng, (2, 3)), rand(rng, (3, 4)),
                  match="Bad in-place call")]),
    OpInfo("addbmm", lambda lib, a, b, c, **k: lib.addbmm(a, b, c, **k),
           _batched_add((2, 4), False)),
    OpInfo("addbmm/inplace", _inplace("addbmm_"), _s(((2, 4), (5, 2, 3), (5, 3, 4))),
           covers=("Tensor.addbmm_",)),
    OpInfo("baddbmm", lambda lib, a, b, c, **k: lib.baddbmm(a, b, c, **k),
           _batched_add((5, 2, 4), True)),
    OpInfo("baddbmm/inplace", _inplace("baddbmm_"), _s(((5, 2, 4), (5, 2, 3), (5, 3, 4))),
           covers=("Tensor.baddbmm_",)),
    OpInfo("addmv", lambda lib, a, b, c, **k: lib.addmv(a, b, c, **k),
           lambda rng, dt: [Sample((rand(rng, (2,), dt), rand(rng, (2, 3), dt),
                                    rand(rng, (3,), dt))),
                            Sample((rand(rng, (1,), dt), rand(rng, (2, 3), dt),
                                    rand(rng, (3,), dt)), dict(beta=0.5, alpha=2))],
           errors=lambda rng: [_e(rand(rng, (2,)), rand(rng, (2, 3), "float64"),
                                  rand(rng, (3,)), match="must have the same dtype")]),
    OpInfo("addmv_", lambda lib, a, b, c: lib.addmv_(a.clone(), b, c, alpha=2),
           _s(((2,), (2, 3), (3,))), covers=("Tensor.addmv_",)),
    OpInfo("addr", lambda lib, a, b, c, **k: lib.addr(a, b, c, **k),
           lambda rng, dt: [Sample((rand(rng, (2, 3), dt), rand(rng, (2,), dt),
                                    rand(rng, (3,), dt))),
                            Sample((rand(rng, (2, 1), dt), rand(rng, (2,), dt),
                                    rand(rng, (3,), dt)), dict(beta=0.5, alpha=2))]),
    OpInfo("addr/int", lambda lib, a, b, c, **k: lib.addr(a, b, c, **k),
           lambda rng, dt: [Sample((rand(rng, (2, 3), "int64"), rand(rng, (2,), "int64"),
                                    rand(rng, (3,), "int64")), dict(beta=2, alpha=3)),
                            Sample((rand(rng, (2, 3), "int64"), rand(rng, (2,), "float32"),
                                    rand(rng, (3,), "float32")))], dtypes=("int",), grad=False,
           errors=lambda rng: [_e(rand(rng, (2, 3), "int64"), rand(rng, (2,), "int64"),
                                  rand(rng, (3,), "int64"), beta=2.5,
                                  match="must not be a floating point number")]),
    OpInfo("addr/inplace", _inplace("addr_"), _s(((2, 3), (2,), (3,))),
           covers=("Tensor.addr_",)),
    OpInfo("kron", lambda lib, a, b: lib.kron(a, b),
           _s(((2, 3), (4, 5)), ((2, 3), (4,)), ((2,), (3,)), ((2, 1, 2), (3, 2)))),
    OpInfo("kron/int", lambda lib, a, b: lib.kron(a, b.int()), _ints(((2, 3), (2,))),
           dtypes=("int",)),
    OpInfo("tensordot", lambda lib, a, b, **k: lib.tensordot(a, b, **k),
           lambda rng, dt: [Sample((rand(rng, (2, 3, 4), dt), rand(rng, (3, 4, 5), dt))),
                            Sample((rand(rng, (2, 3, 4), dt), rand(rng, (4, 3, 5), dt)),
                                   dict(dims=([1, 2], [1, 0]))),
                            Sample((rand(rng, (2, 3), dt), rand(rng, (3, 4), dt)), dict(dims=1)),
                            Sample((rand(rng, (2, 3), dt), rand(rng, (3, 4), dt)), dict(dims=0))],
           errors=lambda rng: [
               _e(rand(rng, (2, 3)), rand(rng, (4, 3)), match="contracted dimensions need to "
                  "match, but first has size 2 in dim -2 and second has size 4 in dim 0"),
               _e(rand(rng, (2, 3)), rand(rng, (3, 4)), dims=-1,
                  match="tensordot expects dims >= 0")]),
    OpInfo("einsum", lambda lib, eq, *ops: lib.einsum(eq, *ops), _einsum_samples,
           gradgrad=True, errors=lambda rng: [
               _e("ij,jk->ik", rand(rng, (2, 3)), rand(rng, (2, 3)),
                  match="subscript j has size 2 for operand 1"),
               _e("ij,jk", rand(rng, (2, 3)), match="fewer operands"),
               _e("ijk->ij", rand(rng, (2, 3)), match="does not match the number of dimensions"),
               _e("i,i", rand(rng, (2,)), rand(rng, (2,), "float64"),
                  match="expected scalar type Float but found Double")]),
    OpInfo("einsum/list", lambda lib, a, b: lib.einsum("ij,jk", [a, b]), _s(((2, 3), (3, 4)))),
    OpInfo("einsum/sublist", lambda lib, a, b: lib.einsum(a, [0, 1], b, [1, 2], [0, 2]),
           _s(((2, 3), (3, 4)))),
    OpInfo("einsum/int", lambda lib, a, b: lib.einsum("ij,j->i", a, b),
           _ints(((2, 3), (3,))), dtypes=("int",)),
    OpInfo("chain_matmul", _quiet(lambda lib, a, b, c: lib.chain_matmul(a, b, c)),
           _s(((2, 3), (3, 4), (4, 2)))),
    OpInfo("linalg.multi_dot", lambda lib, *ts: lib.linalg.multi_dot(list(ts)),
           _s(((2, 3), (3, 4), (4, 2)), ((3,), (3, 4), (4, 2), (2,)), ((3,), (3, 4)),
              ((5, 2), (2, 6), (6, 3), (3, 7)))),
    OpInfo("cdist", lambda lib, a, b, **k: lib.cdist(a, b, **k), _cdist_samples,
           errors=lambda rng: [
               _e(rand(rng, (3, 4)), rand(rng, (3, 5)),
                  match="X1 and X2 must have the same number of columns. X1: 4 X2: 5"),
               _e(rand(rng, (4,)), rand(rng, (3, 4)), match="at least 2D tensors"),
               _e(rand(rng, (3, 4), "int64"), rand(rng, (3, 4), "int64"),
                  match="floating-point dtypes")]),
    OpInfo("block_diag", lambda lib, *ts: lib.block_diag(*ts),
           _s(((2, 3), (1, 2), (3,), ()), ((2, 2),)),
           errors=lambda rng: [_e(rand(rng, (2, 2, 2)), match="2 or fewer dimensions")]),
    OpInfo("block_diag/promotion", lambda lib, a, b: lib.block_diag(a.long(), b),
           _s(((2,), (2, 2)))),
    OpInfo("cartesian_prod", lambda lib, *ts: lib.cartesian_prod(*ts),
           _s(((2,), (3,)), ((2,), (3,), (2,)), ((4,),)),
           errors=lambda rng: [_e(rand(rng, (2, 2)), rand(rng, (2,)), match="Expect a 1D vector")]),
    # ---------------------------------------------------------------- diagonals, triangles
    OpInfo("trace", lambda lib, a: lib.trace(a), _s(((3, 4),), ((3, 3),), ((0, 2),)),
           covers=("Tensor.trace",), errors=lambda rng: [
               _e(rand(rng, (3, 4, 2)), match="trace: expected a matrix")]),
    OpInfo("trace/int", lambda lib, a: lib.trace(a), _ints(((3, 4),), dtype="int32"),
           dtypes=("int",)),
    OpInfo("diag", lambda lib, a, *k: lib.diag(a, *k),
           lambda rng, dt: [Sample((rand(rng, (3,), dt),)), Sample((rand(rng, (3,), dt), -1)),
                            Sample((rand(rng, (3, 4), dt), 1)), Sample((rand(rng, (3, 4), dt),)),
                            Sample((rand(rng, (3, 4), dt), 10)),
                            Sample((rand(rng, (3, 4), dt), -2))],
           errors=lambda rng: [_e(rand(rng, (3, 4, 2)), match="Supports 1D or 2D tensors")]),
    OpInfo("diagflat", lambda lib, a, *k: lib.diagflat(a, *k),
           lambda rng, dt: [Sample((rand(rng, (2, 2), dt), 1)), Sample((rand(rng, (3,), dt),))]),
    OpInfo("diag_embed", lambda lib, a, *k: lib.diag_embed(a, *k),
           lambda rng, dt: [Sample((rand(rng, (2, 3), dt),)),
                            Sample((rand(rng, (2, 3), dt), 1, 0, 2)),
                            Sample((rand(rng, (2, 3), dt), -1, 2, 0))], gradgrad=True),
    OpInfo("diagonal", lambda lib, a, *k: lib.diagonal(a, *k),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),)),
                            Sample((rand(rng, (2, 3, 4), dt), 1, 0, 2)),
                            Sample((rand(rng, (2, 3, 4), dt), -1, -1, 1)),
                            Sample((rand(rng, (2, 3), dt), 5))],
           gradgrad=True, covers=("Tensor.diagonal",), errors=lambda rng: [
               _e(rand(rng, (2, 3, 4)), 1, 0, 0, match="diagonal dimensions cannot be identical"),
               _e(rand(rng, (2,)), 0, exc=IndexError)]),
    OpInfo("diagonal/view", lambda lib, a: (lambda d: (d.mul_(2), a, d._base is a))(
        lib.diagonal(a, 1)), _s(((3, 4),)), grad=False),
    OpInfo("linalg.diagonal", lambda lib, a, **k: lib.linalg.diagonal(a, **k),
           lambda rng, dt: [Sample((rand(rng, (2, 4, 3), dt),)),
                            Sample((rand(rng, (2, 4, 3), dt),), dict(offset=1, dim1=0, dim2=2))]),
    OpInfo("triu", lambda lib, a, *k: lib.triu(a, *k),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),)), Sample((rand(rng, (2, 3, 4), dt), 1)),
                            Sample((rand(rng, (3, 4), dt), -1))],
           errors=lambda rng: [_e(rand(rng, (3,)), match="at least 2 dimensions")]),
    OpInfo("tril", lambda lib, a, *k: lib.tril(a, *k),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),)), Sample((rand(rng, (2, 3, 4), dt), 1)),
                            Sample((rand(rng, (3, 4), dt), -1))]),
    OpInfo("tril/int", lambda lib, a: (lib.tril(a, -1), lib.triu(a.bool())),
           _ints(((3, 4),)), dtypes=("int",)),
    OpInfo("triu/inplace", lambda lib, a: (a.clone().triu_(1), a.clone().tril_(-1)),
           _s(((3, 4),)), covers=("Tensor.triu_", "Tensor.tril_")),
    # ---------------------------------------------------------------- decompositions
    OpInfo("inverse", lambda lib, a: lib.inverse(a), _sq(((3, 3),), ((2, 4, 4),)), **DEC,
           covers=("linalg.inv",), gradgrad=True, errors=lambda rng: [
               _e(rand(rng, (3, 4)), match="must be batches of square matrices, but they are "
                                           "3 by 4 matrices"),
               _e(np.ones((3, 3), "int64"), match="Expected a floating point"),
               _e(np.ones((2, 3, 3), "float32"), match=r"\(Batch element 0\): The diagonal "
                                                       "element 2 is zero"),
               _e(rand(rng, (3,)), match="at least 2 dimensions")]),
    OpInfo("linalg.inv", lambda lib, a: lib.linalg.inv(a), _sq(((3, 3),)), **DEC,
           errors=lambda rng: [_e(np.ones((3, 3), "float32"), match="The diagonal element 2 is "
                                                                   "zero")]),
    OpInfo("linalg.inv_ex", lambda lib, a: tuple(lib.linalg.inv_ex(a)), _sq(((3, 3),)), **DEC),
    OpInfo("det", lambda lib, a: lib.det(a), _sq(((3, 3),), ((2, 4, 4),)), **DEC,
           covers=("linalg.det", "Tensor.det")),
    OpInfo("det/singular", lambda lib, a: lib.linalg.det(a * a.new_tensor([1.0, 0.0, 1.0])),
           _sq(((3, 3),)), dtypes=F64),
    OpInfo("logdet", lambda lib, a: lib.logdet(a), lambda rng, dt: [
        Sample((_wellcond(rng, (3, 3), dt),)), Sample((_wellcond(rng, (2, 3, 3), dt),)),
        Sample((_wellcond(rng, (3, 3), dt) * np.array([-1, 1, 1], dt),))], **DEC),
    OpInfo("slogdet", lambda lib, a: tuple(lib.slogdet(a)), lambda rng, dt: [
        Sample((_wellcond(rng, (3, 3), dt),)),
        Sample((_wellcond(rng, (2, 3, 3), dt) * np.array([-1, 1, 1], dt),))], **DEC,
        covers=("linalg.slogdet",)),
    OpInfo("linalg.slogdet", lambda lib, a: tuple(lib.linalg.slogdet(a)), _sq(((3, 3),)), **DEC),
    OpInfo("svd", lambda lib, a, **k: (lambda r: (r.S, r.U.abs(), r.V.abs()))(lib.svd(a, **k)),
        lambda rng, dt: [Sample((rand(rng, (4, 3), dt),)), Sample((rand(rng, (2, 3, 5), dt),)),
                         Sample((rand(rng, (4, 3), dt),), dict(compute_uv=False))], **DEC),
    OpInfo("linalg.svd", lambda lib, a, **k: _svd_parts(*lib.linalg.svd(a, **k)),
           lambda rng, dt: [Sample((rand(rng, (4, 3), dt),), dict(full_matrices=False)),
                            Sample((rand(rng, (2, 3, 5), dt),), dict(full_matrices=False)),
                            Sample((rand(rng, (3, 3), dt),))], **DEC),
    OpInfo("linalg.svd/full", lambda lib, a: lib.linalg.svd(a).S, _s(((4, 3),)), **DEC),
    OpInfo("linalg.svdvals", lambda lib, a: lib.linalg.svdvals(a), _s(((4, 3),), ((2, 3, 5),)),
           **DEC),
    OpInfo("pinverse", lambda lib, a, **k: lib.pinverse(a, **k), _s(((4, 3),), ((2, 3, 5),)),
           **DEC),
    OpInfo("linalg.pinv", lambda lib, a, **k: lib.linalg.pinv(a, **k),
           lambda rng, dt: [Sample((rand(rng, (4, 3), dt),)),
                            Sample((rand(rng, (3, 4), dt),), dict(rtol=1e-3)),
                            Sample((rand(rng, (2, 4, 3), dt),), dict(atol=0.1))], **DEC),
    OpInfo("cholesky", _quiet(lambda lib, a, **k: lib.cholesky(_spd(lib, a), **k)),
           lambda rng, dt: [Sample((rand(rng, (3, 3), dt),)),
                            Sample((rand(rng, (2, 3, 3), dt),), dict(upper=True))], **DEC),
    OpInfo("cholesky/errors", _quiet(lambda lib, a: lib.cholesky(a)),
           lambda rng, dt: [Sample((np.eye(3, dtype=dt) * 2,))], grad=False, errors=lambda rng: [
               _e(-np.eye(3, dtype="float32"),
                  match="cholesky: The factorization could not be completed because the input "
                        "is not positive-definite \\(the leading minor of order 1")]),
    OpInfo("linalg.cholesky", lambda lib, a, **k: lib.linalg.cholesky(_spd(lib, a), **k),
           lambda rng, dt: [Sample((rand(rng, (3, 3), dt),)),
                            Sample((rand(rng, (2, 3, 3), dt),), dict(upper=True))], **DEC),
    OpInfo("linalg.cholesky/errors", lambda lib, a: lib.linalg.cholesky(a),
           lambda rng, dt: [Sample((np.eye(3, dtype=dt) * 2,))], grad=False, errors=lambda rng: [
               _e(np.diag([1.0, -1.0, 1.0]).astype("float32"),
                  match="linalg.cholesky: The factorization could not be completed because the "
                        "input is not positive-definite \\(the leading minor of order 2"),
               _e(np.stack([np.eye(3), -np.eye(3)]).astype("float32"),
                  match=r"\(Batch element 1\)")]),
    OpInfo("linalg.cholesky_ex", lambda lib, a: tuple(lib.linalg.cholesky_ex(_spd(lib, a))),
           _s(((3, 3),)), **DEC),
    OpInfo("cholesky_inverse", lambda lib, a, **k: lib.cholesky_inverse(
        lib.linalg.cholesky(_spd(lib, a)), **k), _s(((3, 3),)), **DEC),
    OpInfo("cholesky_solve", lambda lib, b, a: lib.cholesky_solve(
        b, lib.linalg.cholesky(_spd(lib, a))), _s(((3, 2), (3, 3))), **DEC),
    OpInfo("qr", _quiet(lambda lib, a, **k: tuple(lib.qr(a, **k))),
           lambda rng, dt: [Sample((rand(rng, (4, 3), dt),)),
                            Sample((rand(rng, (3, 3), dt),), dict(some=False))], **DEC),
    OpInfo("linalg.qr", lambda lib, a, **k: tuple(lib.linalg.qr(a, **k)),
           lambda rng, dt: [Sample((rand(rng, (4, 3), dt),)), Sample((rand(rng, (2, 3, 5), dt),)),
                            Sample((rand(rng, (3, 3), dt),), dict(mode="complete")),
                            Sample((rand(rng, (4, 3), dt),), dict(mode="r"), grad_args=())],
           **DEC),
    OpInfo("linalg.eigh", lambda lib, a, **k: (lambda r: (r[0], r[1].abs()))(
        lib.linalg.eigh(_sym(a), **k)),
        lambda rng, dt: [Sample((rand(rng, (3, 3), dt),)), Sample((rand(rng, (2, 4, 4), dt),)),
                         Sample((rand(rng, (3, 3), dt),), dict(UPLO="U"))], **DEC,
        errors=lambda rng: [_e(rand(rng, (3, 4)), match="must be batches of square matrices")]),
    OpInfo("linalg.eigvalsh", lambda lib, a, **k: lib.linalg.eigvalsh(_sym(a), **k),
           _s(((3, 3),), ((2, 4, 4),)), **DEC),
    OpInfo("linalg.solve", lambda lib, a, b, **k: lib.linalg.solve(a, b, **k),
           lambda rng, dt: [Sample((_wellcond(rng, (3, 3), dt), rand(rng, (3, 2), dt))),
                            Sample((_wellcond(rng, (2, 3, 3), dt), rand(rng, (3,), dt))),
                            Sample((_wellcond(rng, (2, 3, 3), dt), rand(rng, (2, 3), dt))),
                            Sample((_wellcond(rng, (2, 3, 3), dt), rand(rng, (3, 4), dt))),
                            Sample((_wellcond(rng, (3, 3), dt), rand(rng, (2, 3), dt)),
                                   dict(left=False))], **DEC,
           errors=lambda rng: [
               _e(np.ones((3, 3), "float32"), np.ones((3,), "float32"),
                  match="The solver failed because the input matrix is singular"),
               _e(np.ones((3, 3), "float32"), np.ones((4, 2), "float32"),
                  match=r"Incompatible shapes of A and B for the equation AX = B \(3x3 and 4x2\)"),
               _e(rand(rng, (3, 3)), rand(rng, (3,), "float64"),
                  match="Expected A and B to have the same dtype"),
               _e(rand(rng, (3, 3)), rand(rng, (3,)), left=False, match="XA = B")]),
    OpInfo("linalg.solve_ex", lambda lib, a, b: tuple(lib.linalg.solve_ex(a, b)),
           _sq(((3, 3), (3, 3))), **DEC),
    OpInfo("linalg.solve_triangular", lambda lib, a, b, **k: lib.linalg.solve_triangular(
        a, b, **k), lambda rng, dt: [
            Sample((_wellcond(rng, (3, 3), dt), rand(rng, (3, 2), dt)), dict(upper=True)),
            Sample((_wellcond(rng, (3, 3), dt), rand(rng, (2, 3), dt)),
                   dict(upper=False, left=False)),
            Sample((_wellcond(rng, (3, 3), dt), rand(rng, (3, 2), dt)),
                   dict(upper=False, unitriangular=True))], **DEC),
    OpInfo("linalg.lstsq", lambda lib, a, b, **k: tuple(lib.linalg.lstsq(a, b, **k)),
           lambda rng, dt: [Sample((rand(rng, (4, 3), dt), rand(rng, (4, 2), dt))),
                            Sample((rand(rng, (4, 3), dt), rand(rng, (4,), dt))),
                            Sample((rand(rng, (2, 4, 3), dt), rand(rng, (2, 4, 2), dt))),
                            Sample((rand(rng, (4, 3), dt), rand(rng, (4, 2), dt)),
                                   dict(driver="gelsd"))], **DEC),
    OpInfo("linalg.matrix_rank", lambda lib, a, **k: lib.linalg.matrix_rank(a, **k),
           lambda rng, dt: [Sample((rand(rng, (4, 3), dt),)),
                            Sample((np.ones((2, 3, 4), dt),)),
                            Sample((rand(rng, (3, 3), dt),), dict(hermitian=True)),
                            Sample((rand(rng, (4, 3), dt),), dict(atol=1.0, rtol=0.5))],
           grad=False, errors=lambda rng: [_e(np.ones((3, 3), "int64"))]),
    OpInfo("matrix_power", lambda lib, a, n: lib.matrix_power(a, n),
           lambda rng, dt: [Sample((_wellcond(rng, (3, 3), dt) / 3, n)) for n in (0, 1, 2, 3, 5)]
           + [Sample((_wellcond(rng, (2, 3, 3), dt) / 3, n)) for n in (-1, -2, 3)], **DEC,
           covers=("linalg.matrix_power",), errors=lambda rng: [
               _e(rand(rng, (3, 4)), 2, match="must be batches of square matrices")]),
    OpInfo("matrix_power/int", lambda lib, a: lib.matrix_power(a, 3), _ints(((3, 3),)),
           dtypes=("int",)),
    # ---------------------------------------------------------------- norms
    OpInfo("linalg.vector_norm", lambda lib, a, **k: lib.linalg.vector_norm(a, **k),
           _norm_samples, errors=lambda rng: [
               _e(np.ones(3, "int64"), match="Expected a floating point or complex tensor"),
               _e(np.ones((0, 3), "float32"), ord=float("inf"), match="identity")]),
    OpInfo("linalg.vector_norm/dtype", lambda lib, a: lib.linalg.vector_norm(
        a, dtype=lib.float64), _s(((3, 4),)), dtypes=("float32",)),
    OpInfo("linalg.matrix_norm", lambda lib, a, **k: lib.linalg.matrix_norm(a, **k),
           _mnorm_samples, **DEC, errors=lambda rng: [
               _e(rand(rng, (3,)), match="at least 2 dimensions"),
               _e(rand(rng, (3, 3)), ord=3, match="Order 3 not supported")]),
    OpInfo("linalg.norm", lambda lib, a, **k: lib.linalg.norm(a, **k), _lnorm_samples, **DEC,
           errors=lambda rng: [_e(rand(rng, (2, 3, 4)), ord=2, match="must be 1D or 2D")]),
    OpInfo("linalg.vecdot", lambda lib, a, b, **k: lib.linalg.vecdot(a, b, **k),
           lambda rng, dt: [Sample((rand(rng, (4, 3), dt), rand(rng, (4, 3), dt))),
                            Sample((rand(rng, (2, 4, 3), dt), rand(rng, (3,), dt))),
                            Sample((rand(rng, (4, 3), dt), rand(rng, (4, 3), dt)), dict(dim=0))]),
    OpInfo("linalg.vander", lambda lib, a, **k: lib.linalg.vander(a, **k),
           lambda rng, dt: [Sample((rand(rng, (4,), dt),)),
                            Sample((rand(rng, (2, 3), dt),), dict(N=5))]),
]

"""opdb rows: reductions, scans, sorting and selection."""

import numpy as np

from opdb import ErrorSample, OpInfo, Sample, positive, rand


# ---------------------------------------------------------------- sample generators
def _ties(rng, shape, dt):
    """Integer-valued floats in [-2, 2]: many ties."""
    return np.asarray(np.round(rand(rng, shape, dt)), dt)


def _nan(rng, shape, dt, k=3):
    a = rand(rng, shape, dt)
    a.reshape(-1)[rng.choice(a.size, k, replace=False)] = np.nan
    return a


def _zeros(rng, shape, dt):
    """Some zeros: one in row 0, two in row 1 (products, cumulative products)."""
    a = rand(rng, shape, dt)
    a[0, 1] = 0
    a[1, 0] = a[1, 2] = 0
    return a


def _red(rng, dt):
    """Samples for reductions taking ``dim`` as int/tuple/list/None and ``keepdim``."""
    return [Sample((rand(rng, (3, 4, 5), dt),), {}),
            Sample((rand(rng, (3, 4, 5), dt),), {"dim": 1}),
            Sample((rand(rng, (3, 4, 5), dt),), {"dim": (0, 2), "keepdim": True}),
            Sample((rand(rng, (3, 4, 5), dt),), {"dim": -1, "keepdim": False}),
            Sample((rand(rng, (3, 4, 5), dt),), {"dim": [-1, 0]}),
            Sample((rand(rng, (3, 4, 5), dt),), {"dim": None, "keepdim": True}),
            Sample((rand(rng, (3, 4), dt),), {"dim": []}),
            Sample((rand(rng, (), dt),), {}),
            Sample((rand(rng, (), dt),), {"dim": 0, "keepdim": True})]


def _red_empty(rng, dt):
    return [Sample((rand(rng, (0, 3), dt),), {"dim": 0}),
            Sample((rand(rng, (0, 3), dt),), {})]


def _one_dim(gen=rand):
    """Samples for ops taking one int ``dim`` (max/min over a dim, median, kthvalue...)."""
    def samples(rng, dt):
        return [Sample((gen(rng, (3, 5), dt),), {"dim": 1}),
                Sample((gen(rng, (4, 3, 5), dt),), {"dim": 0, "keepdim": True}),
                Sample((gen(rng, (4, 3, 5), dt),), {"dim": -2}),
                Sample((gen(rng, (2, 6), dt),), {"dim": -1, "keepdim": True}),
                Sample((gen(rng, (), dt),), {"dim": 0}),
                Sample((gen(rng, (0, 3), dt),), {"dim": 1})]
    return samples


def _full(gen=rand):
    def samples(rng, dt):
        return [Sample((gen(rng, (3, 5), dt),)), Sample((gen(rng, (2, 3, 4), dt),)),
                Sample((gen(rng, (), dt),)), Sample((gen(rng, (7,), dt),))]
    return samples


def _with_ties(base, ties_samples):
    """Tie-free samples first (gradcheck uses the first two), then samples with ties."""
    def samples(rng, dt):
        return base(rng, dt) + ties_samples(rng, dt)
    return samples


def _int_red(rng, dt):
    return [Sample((rand(rng, (3, 4), "int32"),), {}),
            Sample((rand(rng, (3, 4), "int64"),), {"dim": 1}),
            Sample((rand(rng, (3, 4), "uint8"),), {"dim": (0, 1), "keepdim": True}),
            Sample((rand(rng, (3, 4), "int8"),), {"dim": 0}),
            Sample((rand(rng, (3, 4), "bool"),), {"dim": -1})]


def _std(rng, dt):
    return [Sample((rand(rng, (3, 4, 5), dt),), {}),
            Sample((rand(rng, (3, 4, 5), dt),), {"dim": 1}),
            Sample((rand(rng, (3, 4, 5), dt),), {"dim": (0, 2), "keepdim": True}),
            Sample((rand(rng, (3, 4, 5), dt),), {"dim": -1, "correction": 0}),
            Sample((rand(rng, (3, 4, 5), dt),), {"dim": [0, 1], "unbiased": False}),
            Sample((rand(rng, (3, 4, 5), dt),), {"dim": 2, "correction": 2.5}),
            Sample((rand(rng, (3, 4), dt),), {"dim": None, "keepdim": True}),
            Sample((np.full((3, 4), 1.5, dt),), {"dim": 1})]  # zero spread


def _scan(rng, dt):
    return [Sample((rand(rng, (3, 4), dt),), {"dim": 1}),
            Sample((rand(rng, (3, 4, 2), dt),), {"dim": 0}),
            Sample((rand(rng, (3, 4), dt),), {"dim": -1}),
            Sample((rand(rng, (), dt),), {"dim": 0}),
            Sample((rand(rng, (0, 3), dt),), {"dim": 0})]


def _binary(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt))),
            Sample((rand(rng, (2, 3, 4), dt), rand(rng, (4,), dt))),
            Sample((rand(rng, (3, 1), dt), rand(rng, (1, 5), dt)))]


def _err(*args, exc=RuntimeError, match=None, **kwargs):
    return ErrorSample(args, kwargs, exc, match)


# ---------------------------------------------------------------- the rows
ROWS = [
    # sum, mean, prod
    OpInfo("sum", lambda lib, a, **kw: lib.sum(a, **kw), _red, gradgrad=True,
           errors=lambda rng: [_err(rand(rng, (3, 4)), dim=2, exc=IndexError),
                               _err(rand(rng, (3, 4)), dim=(0, -2), match="multiple times"),
                               _err(3, exc=TypeError)]),
    OpInfo("sum/method", lambda lib, a, **kw: a.sum(**kw), _red),
    OpInfo("sum/empty", lambda lib, a, **kw: lib.sum(a, **kw), _red_empty),
    OpInfo("sum/dtype", lambda lib, a: (a.sum(dtype=lib.float64), a.sum(1, dtype=lib.float64)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))]),
    OpInfo("sum/int", lambda lib, a, **kw: lib.sum(a, **kw), _int_red, dtypes=("int",),
           grad=False),
    OpInfo("sum/int_dtype", lambda lib, a: (a.sum(dtype=lib.int32), a.sum(0, dtype=lib.float32)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int8"),))], dtypes=("int",), grad=False),
    OpInfo("nansum", lambda lib, a, **kw: lib.nansum(a, **kw),
           _with_ties(_red, lambda rng, dt: [Sample((_nan(rng, (3, 4), dt),), {}),
                                             Sample((_nan(rng, (3, 4), dt),), {"dim": 1})])),
    OpInfo("nansum/int", lambda lib, a, **kw: a.nansum(**kw), _int_red, dtypes=("int",),
           grad=False),
    OpInfo("mean", lambda lib, a, **kw: lib.mean(a, **kw), _red, gradgrad=True,
           covers=("Tensor.mean",),
           errors=lambda rng: [_err(rand(rng, (3,), "int64"), match="Got: Long"),
                               _err(rand(rng, (3,)), dtype="dtype:int64", match="Optional")]),
    OpInfo("mean/empty", lambda lib, a, **kw: lib.mean(a, **kw), _red_empty),
    OpInfo("mean/dtype", lambda lib, a: (lib.mean(a, dtype=lib.float64),
                                        a.mean(1, dtype=lib.float32)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int32"),))], dtypes=("int",),
           grad=False),
    OpInfo("nanmean", lambda lib, a, **kw: lib.nanmean(a, **kw),
           _with_ties(_red, lambda rng, dt: [
               Sample((_nan(rng, (3, 4), dt),), {}),
               Sample((_nan(rng, (3, 4), dt, k=8),), {"dim": 0, "keepdim": True})]),
           errors=lambda rng: [_err(rand(rng, (3,), "int32"))]),
    OpInfo("prod", lambda lib, a, **kw: lib.prod(a, **kw), lambda rng, dt: [
        Sample((rand(rng, (3, 4), dt),), {}),
        Sample((_zeros(rng, (3, 4), dt),), {"dim": 1}),
        Sample((_zeros(rng, (3, 4), dt),), {}),
        Sample((_zeros(rng, (3, 4), dt),), {"dim": 0, "keepdim": True}),
        Sample((rand(rng, (2, 3, 4), dt),), {"dim": -1}),
        Sample((rand(rng, (), dt),), {"dim": 0}),
        Sample((rand(rng, (0, 3), dt),), {"dim": 0}),
        Sample((rand(rng, (3, 4), dt),), {"dtype": "dtype:float64"})],
        errors=lambda rng: [_err(rand(rng, (3, 4)), dim=(0, 1), exc=TypeError),
                            _err(rand(rng, (3, 4)), dim=3, exc=IndexError)]),
    OpInfo("prod/int", lambda lib, a, **kw: a.prod(**kw), lambda rng, dt: [
        Sample((rand(rng, (3, 4), "int32"),), {}), Sample((rand(rng, (3, 4), "int8"),), {"dim": 1}),
        Sample((rand(rng, (3, 4), "bool"),), {}),
        Sample((rand(rng, (3, 4), "int64"),), {"dim": 0, "dtype": "dtype:float32"})],
        dtypes=("int",), grad=False),

    # max, min, amax, amin, aminmax, argmax, argmin
    OpInfo("max", lambda lib, a, **kw: lib.max(a, **kw), _with_ties(_full(), lambda rng, dt: [
        Sample((_ties(rng, (3, 5), dt),)), Sample((_nan(rng, (3, 4), dt),))]),
        covers=("Tensor.max",),
        errors=lambda rng: [_err(rand(rng, (0, 3)), match="Expected reduction dim"),
                            _err(rand(rng, (0, 3)), dim=0, exc=IndexError),
                            _err(rand(rng, (3, 4)), dim=2, exc=IndexError),
                            _err(rand(rng, (3, 4)), dim=(0, 1), exc=TypeError)]),
    OpInfo("max/dim", lambda lib, a, **kw: lib.max(a, **kw),
           _with_ties(_one_dim(), _one_dim(_ties))),
    OpInfo("max/positional", lambda lib, a: (*a.max(1), *a.max(0, True), *lib.max(a, -1)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),)), Sample((rand(rng, (4, 3), dt),)),
                            Sample((_ties(rng, (4, 3), dt),))]),
    OpInfo("max/namedtuple", lambda lib, a: (a.max(1).values, a.max(dim=1).indices,
                                            lib.min(a, 0)[1], tuple(a.max(1))[0]),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))]),
    OpInfo("max/int", lambda lib, a: (lib.max(a), a.max(1), a.min(), a.min(0, True)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), t),)) for t in
                            ("int32", "int64", "uint8", "bool")],
           dtypes=("int",), grad=False),
    OpInfo("max/binary", lambda lib, a, b: (lib.max(a, b), a.max(b), lib.min(a, other=b)),
           _binary),
    OpInfo("min", lambda lib, a, **kw: lib.min(a, **kw), _with_ties(_full(), lambda rng, dt: [
        Sample((_ties(rng, (3, 5), dt),)), Sample((_nan(rng, (3, 4), dt),))]),
        covers=("Tensor.min",),
        errors=lambda rng: [_err(rand(rng, (0,)), match="Expected reduction dim"),
                            _err(rand(rng, (3, 0)), dim=-1, exc=IndexError)]),
    OpInfo("min/dim", lambda lib, a, **kw: lib.min(a, **kw),
           _with_ties(_one_dim(), _one_dim(_ties))),
    OpInfo("amax", lambda lib, a, **kw: lib.amax(a, **kw), _with_ties(_red, lambda rng, dt: [
        Sample((_ties(rng, (3, 5), dt),), {"dim": 1}),
        Sample((_ties(rng, (3, 5), dt),), {}),
        Sample((_ties(rng, (3, 5, 2), dt),), {"dim": (0, 2), "keepdim": True}),
        Sample((_nan(rng, (3, 4), dt),), {"dim": 0})]),
        gradgrad=True, covers=("Tensor.amax",),
        errors=lambda rng: [_err(rand(rng, (0, 3)), exc=RuntimeError),
                            _err(rand(rng, (0, 3)), dim=0, exc=IndexError),
                            _err(rand(rng, (3, 3)), dim=(0, 0), match="multiple times")]),
    OpInfo("amin", lambda lib, a, **kw: a.amin(**kw), _with_ties(_red, lambda rng, dt: [
        Sample((_ties(rng, (3, 5), dt),), {"dim": -1}),
        Sample((_ties(rng, (3, 5), dt),), {"dim": ()})])),
    OpInfo("amax/int", lambda lib, a, **kw: (lib.amax(a, **kw), lib.amin(a, **kw)), _int_red,
           dtypes=("int",), grad=False),
    OpInfo("aminmax", lambda lib, a, **kw: lib.aminmax(a, **kw), lambda rng, dt: [
        Sample((rand(rng, (3, 4), dt),), {}),
        Sample((rand(rng, (3, 4), dt),), {"dim": 1}),
        Sample((rand(rng, (3, 4, 2), dt),), {"dim": -3, "keepdim": True}),
        Sample((_ties(rng, (3, 4), dt),), {}),
        Sample((_ties(rng, (3, 4), dt),), {"dim": 0}),
        Sample((rand(rng, (0, 3), dt),), {"dim": 1})],
        covers=("Tensor.aminmax",),
        errors=lambda rng: [_err(rand(rng, (0, 3))),
                            _err(rand(rng, (0, 3)), dim=0, exc=IndexError)]),
    OpInfo("aminmax/fields", lambda lib, a: (lib.aminmax(a).min, lib.aminmax(a, dim=0).max),
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int32"),))], dtypes=("int",),
           grad=False),
    OpInfo("argmax", lambda lib, a, **kw: (lib.argmax(a, **kw), a.argmin(**kw)),
           lambda rng, dt: [
               Sample((rand(rng, (3, 4), dt),), {}),
               Sample((rand(rng, (3, 4), dt),), {"dim": 1}),
               Sample((rand(rng, (3, 4, 2), dt),), {"dim": -3, "keepdim": True}),
               Sample((rand(rng, (3, 4), dt),), {"keepdim": True}),
               Sample((_ties(rng, (4, 6), dt),), {"dim": 1}),  # first index among ties
               Sample((_ties(rng, (4, 6), dt),), {}),
               Sample((_nan(rng, (4, 6), dt),), {"dim": 0}),
               Sample((rand(rng, (), dt),), {"dim": 0}),
               Sample((rand(rng, (0, 3), dt),), {"dim": 1}),
               Sample((rand(rng, (3, 4), "int64"),), {"dim": 0}),
               Sample((rand(rng, (3, 4), "uint8"),), {})],
           grad=False, covers=("argmin",),
           errors=lambda rng: [_err(rand(rng, (3,), "bool"), match="bool"),
                               _err(rand(rng, (0, 3)), exc=IndexError),
                               _err(rand(rng, (0, 3)), dim=0, exc=IndexError),
                               _err(rand(rng, (3, 3)), dim=(0, 1), exc=TypeError)]),

    # std, var
    OpInfo("std", lambda lib, a, **kw: lib.std(a, **kw), _std, covers=("Tensor.std",)),
    OpInfo("var", lambda lib, a, *args, **kw: a.var(*args, **kw), _std, gradgrad=True,
           errors=lambda rng: [_err(rand(rng, (3, 4), "int32"), match="floating point"),
                               _err(rand(rng, (3, 4)), 0, 1, exc=TypeError)]),
    OpInfo("std/positional", lambda lib, a: (a.std(0, True, True), a.std(False),
                                            lib.var(a, 1, False), a.var(True)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))]),
    OpInfo("std_mean", lambda lib, a, **kw: lib.std_mean(a, **kw), _std),
    OpInfo("var_mean", lambda lib, a, **kw: lib.var_mean(a, **kw), _std),

    # norm, dist, logsumexp
    OpInfo("norm", lambda lib, a, p, **kw: lib.norm(a, p, **kw), lambda rng, dt: [
        Sample((rand(rng, (3, 4), dt), 2), {}),
        Sample((rand(rng, (3, 4), dt), "fro"), {"dim": 1}),
        Sample((rand(rng, (3, 4, 2), dt), 1), {"dim": (0, 2), "keepdim": True}),
        Sample((rand(rng, (3, 4), dt), float("inf")), {"dim": -1}),
        Sample((rand(rng, (3, 4), dt), float("-inf")), {}),
        Sample((rand(rng, (3, 4), dt), 0), {"dim": 0}),
        Sample((rand(rng, (3, 4), dt), 3), {"dim": [0, 1]}),
        Sample((positive(rng, (3, 4), dt), 0.5), {"dim": 1, "keepdim": True}),
        Sample((positive(rng, (3, 4), dt), -1), {"dim": 0}),
        Sample((rand(rng, (3, 4), dt), None), {}),
        Sample((rand(rng, (), dt), 2), {}),
        Sample((rand(rng, (0, 3), dt), 2), {"dim": 1}),
        Sample((np.zeros((3, 4), dt), 2), {"dim": 1}),  # zero norm: zero gradient
        Sample((np.zeros((3, 4), dt), 3), {"dim": 0})],
        errors=lambda rng: [_err(rand(rng, (3,), "int64"), 2, match="floating point"),
                            _err(rand(rng, (3, 3)), "bad"),
                            _err(rand(rng, (0, 3)), float("inf"))]),
    OpInfo("norm/method", lambda lib, a: (a.norm(), a.norm(dim=1), a.norm(p=1, dim=0),
                                          a.norm(dtype=lib.float64)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))], gradgrad=True),
    OpInfo("norm/nuc", lambda lib, a, **kw: lib.norm(a, "nuc", **kw), lambda rng, dt: [
        Sample((rand(rng, (3, 4), dt),), {}),
        Sample((rand(rng, (4, 3), dt),), {"dim": (0, 1), "keepdim": True})],
        errors=lambda rng: [_err(rand(rng, (3,)), match="at least 2 dimensions")]),
    OpInfo("dist", lambda lib, a, b, **kw: lib.dist(a, b, **kw), lambda rng, dt: [
        Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt))),
        Sample((rand(rng, (2, 3, 4), dt), rand(rng, (4,), dt)), {"p": 1}),
        Sample((rand(rng, (3, 4), dt), rand(rng, (3, 1), dt)), {"p": float("inf")}),
        Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt)), {"p": 3}),
        Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), "float64")), {})],
        covers=("Tensor.dist",),
        errors=lambda rng: [_err(rand(rng, (3,), "int64"), rand(rng, (3,), "int64")),
                            _err(rand(rng, (3,)), rand(rng, (4,)))]),
    OpInfo("logsumexp", lambda lib, a, **kw: lib.logsumexp(a, **kw), lambda rng, dt: [
        Sample((rand(rng, (3, 4, 5), dt),), {"dim": 1}),
        Sample((rand(rng, (3, 4, 5), dt),), {"dim": (0, 2), "keepdim": True}),
        Sample((rand(rng, (3, 4), dt) * 50 + 100,), {"dim": -1}),  # stable for large values
        Sample((rand(rng, (3, 4), dt) * 50 - 200,), {"dim": [0, 1]}),
        Sample((rand(rng, (), dt),), {"dim": 0}),
        Sample((rand(rng, (0, 3), dt),), {"dim": 0})],
        gradgrad=True, covers=("Tensor.logsumexp",)),
    OpInfo("logsumexp/int", lambda lib, a: (lib.logsumexp(a, 1), a.logsumexp(0, True)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), t),)) for t in ("int64", "bool")],
           dtypes=("int",), grad=False),

    # scans
    OpInfo("cumsum", lambda lib, a, **kw: lib.cumsum(a, **kw), _scan, gradgrad=True,
           covers=("Tensor.cumsum",),
           errors=lambda rng: [_err(rand(rng, (3, 4)), dim=2, exc=IndexError),
                               _err(rand(rng, (3, 4)), exc=TypeError)]),
    OpInfo("cumsum/dtype", lambda lib, a: (a.cumsum(0, dtype=lib.float64),
                                          lib.cumsum(a, 1, dtype=lib.int32)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))], grad=False),
    OpInfo("cumsum/int", lambda lib, a: (a.cumsum(0), a.cumsum(-1, dtype=lib.float32)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), t),)) for t in
                            ("int32", "int8", "uint8", "bool")],
           dtypes=("int",), grad=False),
    OpInfo("cumsum_", lambda lib, a, **kw: a.clone().cumsum_(**kw), _scan,
           covers=("cumprod_",)),
    OpInfo("cumsum_/int", lambda lib, a: (a.clone().cumsum_(1), a.clone().cumprod_(0)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int32"),))], dtypes=("int",),
           grad=False),
    OpInfo("cumprod", lambda lib, a, **kw: lib.cumprod(a, **kw), lambda rng, dt: [
        Sample((rand(rng, (3, 4), dt),), {"dim": 1}),
        Sample((_zeros(rng, (3, 4), dt),), {"dim": 1}),
        Sample((_zeros(rng, (3, 4), dt),), {"dim": 0}),
        Sample((_zeros(rng, (3, 4), dt),), {"dim": -1, "dtype": "dtype:float64"}),
        Sample((rand(rng, (2, 3, 4), dt),), {"dim": -2}),
        Sample((rand(rng, (), dt),), {"dim": 0}),
        Sample((rand(rng, (0, 3), dt),), {"dim": 1})],
        covers=("Tensor.cumprod",)),
    OpInfo("cumprod/gradgrad", lambda lib, a: a.cumprod(1),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))], gradgrad=True),
    OpInfo("cumprod_", lambda lib, a, **kw: a.clone().cumprod_(**kw), _scan),
    OpInfo("cumprod/int", lambda lib, a: (a.cumprod(0), a.cumprod(1, dtype=lib.float64)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), t),)) for t in ("int32", "bool")],
           dtypes=("int",), grad=False),
    OpInfo("cummax", lambda lib, a, **kw: lib.cummax(a, **kw),
           _with_ties(_scan, lambda rng, dt: [
               Sample((_ties(rng, (4, 6), dt),), {"dim": 1}),
               Sample((_nan(rng, (4, 6), dt, k=6),), {"dim": 1})]),
           covers=("Tensor.cummax",)),
    OpInfo("cummin", lambda lib, a, **kw: a.cummin(**kw),
           _with_ties(_scan, lambda rng, dt: [
               Sample((_ties(rng, (4, 6), dt),), {"dim": 0}),
               Sample((_nan(rng, (4, 6), dt, k=6),), {"dim": -1})])),
    OpInfo("cummax/int", lambda lib, a: (a.cummax(1), lib.cummin(a, 0)),
           lambda rng, dt: [Sample((rand(rng, (3, 6), t),)) for t in ("int64", "uint8", "bool")],
           dtypes=("int",), grad=False),
    OpInfo("logcumsumexp", lambda lib, a, **kw: lib.logcumsumexp(a, **kw), lambda rng, dt: [
        Sample((rand(rng, (3, 4), dt),), {"dim": 1}),
        Sample((rand(rng, (3, 4, 2), dt),), {"dim": 0}),
        Sample((rand(rng, (3, 5), dt) * 60,), {"dim": -1}),  # no overflow
        Sample((rand(rng, (), dt),), {"dim": 0}),
        Sample((rand(rng, (0, 3), dt),), {"dim": 0})],
        covers=("Tensor.logcumsumexp",),
        errors=lambda rng: [_err(rand(rng, (3,), "int64"), dim=0, exc=NotImplementedError)]),

    # logical reductions, counting
    OpInfo("all", lambda lib, a, **kw: (lib.all(a, **kw), lib.any(a, **kw)), lambda rng, dt: [
        Sample((rand(rng, (3, 4), t) * (rand(rng, (3, 4), "bool") | (t == "bool")),), kw)
        for t in ("float32", "float64", "int32", "uint8", "bool")
        for kw in ({}, {"dim": 1}, {"dim": (0, 1), "keepdim": True}, {"dim": []},
                   {"dim": -2, "keepdim": True})] + [
        Sample((np.ones((3, 4), "int64"),), {}), Sample((np.zeros((0, 3), "float32"),), {}),
        Sample((np.zeros((0, 3), "int32"),), {"dim": 1}),
        Sample((rand(rng, (), "float32"),), {"dim": 0})],
        dtypes=("int",), grad=False, covers=("any", "Tensor.all", "Tensor.any")),
    OpInfo("count_nonzero", lambda lib, a, **kw: lib.count_nonzero(a, **kw), lambda rng, dt: [
        Sample((rand(rng, (3, 4), t) * rand(rng, (3, 4), "bool"),), kw)
        for t in ("float32", "int64", "uint8")
        for kw in ({}, {"dim": 1}, {"dim": (0, 1)}, {"dim": [-1]})] + [
        Sample((rand(rng, (3, 4), "bool"),), {"dim": 0})],
        dtypes=("int",), grad=False, covers=("Tensor.count_nonzero",)),

    # median, mode, kthvalue
    OpInfo("median", lambda lib, a, **kw: lib.median(a, **kw), lambda rng, dt: [
        Sample((rand(rng, (3, 5), dt),)), Sample((rand(rng, (2, 4), dt),)),  # odd, even
        Sample((rand(rng, (), dt),)), Sample((_ties(rng, (3, 5), dt),)),
        Sample((_nan(rng, (3, 5), dt),)), Sample((rand(rng, (0, 3), dt),))],
        covers=("Tensor.median",),
        errors=lambda rng: [_err(rand(rng, (3,), "bool"), exc=NotImplementedError),
                            _err(rand(rng, (0, 3)), dim=0, exc=IndexError)]),
    OpInfo("median/dim", lambda lib, a, **kw: lib.median(a, **kw), lambda rng, dt: (
        _one_dim()(rng, dt) + [Sample((_nan(rng, (4, 6), dt, k=4),), {"dim": 1})])),
    OpInfo("median/int", lambda lib, a: (a.median(), a.median(1)), lambda rng, dt: [
        Sample((rng.permutation(15).reshape(3, 5).astype(t),)) for t in ("int32", "int64")],
        dtypes=("int",), grad=False),
    OpInfo("nanmedian", lambda lib, a: lib.nanmedian(a), lambda rng, dt: [
        Sample((rand(rng, (3, 5), dt),)), Sample((_nan(rng, (3, 5), dt),)),
        Sample((_nan(rng, (2, 4), dt, k=2),)), Sample((np.full((3,), np.nan, dt),)),
        Sample((_ties(rng, (3, 5), dt),))],
        covers=("Tensor.nanmedian",)),
    OpInfo("nanmedian/dim", lambda lib, a, **kw: a.nanmedian(**kw), lambda rng, dt: (
        _one_dim()(rng, dt) + [Sample((_nan(rng, (4, 6), dt, k=5),), {"dim": 1}),
                               Sample((_nan(rng, (3, 4), dt, k=6),), {"dim": 0})])),
    OpInfo("mode", lambda lib, a, **kw: lib.mode(a, **kw), lambda rng, dt: [
        Sample((_ties(rng, (4, 7), dt),), {}),
        Sample((_ties(rng, (4, 7), dt),), {"dim": 0, "keepdim": True}),
        Sample((_ties(rng, (3, 4, 5), dt),), {"dim": 1}),
        Sample((rand(rng, (3, 4), dt),), {"dim": -1}),
        Sample((np.array([2, 1, 1, 2, 3], dt),), {}),  # equally frequent: the smallest
        Sample((rand(rng, (), dt),), {}),
        Sample((rand(rng, (0, 3), dt),), {"dim": 1})],
        gradcheck=False,  # a mode is a discontinuous function of tied inputs
        covers=("Tensor.mode",),
        errors=lambda rng: [_err(rand(rng, (0, 3)), dim=0, exc=IndexError)]),
    OpInfo("mode/int", lambda lib, a: (a.mode(), lib.mode(a, 0)),
           lambda rng, dt: [Sample((rand(rng, (5, 6), t),)) for t in ("int64", "uint8", "bool")],
           dtypes=("int",), grad=False),
    OpInfo("kthvalue", lambda lib, a, k, **kw: lib.kthvalue(a, k, **kw), lambda rng, dt: [
        Sample((rand(rng, (3, 5), dt), 2), {}),
        Sample((rand(rng, (4, 3, 5), dt), 4), {"dim": 0, "keepdim": True}),
        Sample((rand(rng, (4, 3, 5), dt), 1), {"dim": -2}),
        Sample((rand(rng, (2, 6), dt), 6), {"dim": 1}),
        Sample((rand(rng, (), dt), 1), {}),
        Sample((rand(rng, (0, 3), dt), 3), {"dim": 1}),
        Sample((rng.permutation(15).reshape(3, 5).astype("int32"), 3), {})],
        covers=("Tensor.kthvalue",),
        errors=lambda rng: [_err(rand(rng, (3, 5)), 6, match="out of range"),
                            _err(rand(rng, (3, 5)), 0),
                            _err(rand(rng, (0, 3)), 1, dim=0, exc=IndexError)]),

    # sort, argsort, msort, topk
    OpInfo("sort", lambda lib, a, **kw: lib.sort(a, **kw), lambda rng, dt: [
        Sample((rand(rng, (3, 5), dt),), {}),
        Sample((rand(rng, (4, 3, 5), dt),), {"dim": 0, "descending": True}),
        Sample((rand(rng, (4, 3, 5), dt),), {"dim": -2, "stable": True}),
        Sample((_nan(rng, (3, 6), dt),), {}),
        Sample((_nan(rng, (3, 6), dt),), {"descending": True}),
        Sample((_ties(rng, (4, 7), dt),), {"stable": True}),
        Sample((_ties(rng, (4, 7), dt),), {"dim": 0, "descending": True, "stable": True}),
        Sample((rand(rng, (), dt),), {}),
        Sample((rand(rng, (0, 3), dt),), {"dim": 0})],
        covers=("Tensor.sort",),
        errors=lambda rng: [_err(rand(rng, (3, 5)), dim=2, exc=IndexError)]),
    OpInfo("sort/positional", lambda lib, a: (*a.sort(0, True), *a.sort(1)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))]),
    OpInfo("sort/int", lambda lib, a: (a.sort(stable=True), lib.sort(a, stable=True, dim=0,
                                                                     descending=True)),
           lambda rng, dt: [Sample((rand(rng, (4, 6), t),)) for t in ("int32", "uint8", "bool")],
           dtypes=("int",), grad=False),
    OpInfo("argsort", lambda lib, a, **kw: (lib.argsort(a, **kw), a.argsort(**kw)),
           lambda rng, dt: [
               Sample((rand(rng, (3, 5), dt),), {}),
               Sample((rand(rng, (3, 5), dt),), {"dim": 0, "descending": True}),
               Sample((_ties(rng, (4, 7), dt),), {"stable": True}),
               Sample((_ties(rng, (4, 7), dt),), {"dim": 0, "descending": True, "stable": True}),
               Sample((rand(rng, (), dt),), {}),
               Sample((rand(rng, (4, 6), "int64"),), {"stable": True})],
           grad=False),
    OpInfo("msort", lambda lib, a: lib.msort(a), lambda rng, dt: [
        Sample((rand(rng, (4, 3), dt),)), Sample((rand(rng, (5,), dt),))],
        covers=("Tensor.msort",)),
    OpInfo("topk", lambda lib, a, k, **kw: lib.topk(a, k, **kw), lambda rng, dt: [
        Sample((rand(rng, (3, 6), dt), 3), {}),
        Sample((rand(rng, (4, 3, 5), dt), 2), {"dim": 0, "largest": False}),
        Sample((rand(rng, (4, 3, 5), dt), 5), {"dim": -1, "sorted": True}),
        Sample((rand(rng, (3, 6), dt), 0), {}),
        Sample((rand(rng, (3, 6), dt), 6), {"largest": False}),
        Sample((rand(rng, (), dt), 1), {}),
        Sample((rand(rng, (3, 6), "int64") * 10 + np.arange(6), 2), {})],
        covers=("Tensor.topk",),
        errors=lambda rng: [_err(rand(rng, (3, 5)), 6, match="out of range"),
                            _err(rand(rng, (3, 5)), -1),
                            _err(rand(rng, (3, 5)), 1, dim=2, exc=IndexError)]),
    OpInfo("topk/positional", lambda lib, a: a.topk(2, 0, False, True),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))]),

    # unique, bincount, histc
    OpInfo("unique", lambda lib, a, **kw: lib.unique(a, **kw), lambda rng, dt: [
        Sample((_ties(rng, (3, 5), dt),), kw) for kw in (
            {}, {"return_inverse": True}, {"return_counts": True},
            {"return_inverse": True, "return_counts": True}, {"sorted": True})] + [
        Sample((_ties(rng, (4, 2), dt),), {"dim": 0, "return_inverse": True,
                                           "return_counts": True}),
        Sample((_ties(rng, (2, 5), dt),), {"dim": 1, "return_inverse": True}),
        Sample((rand(rng, (), dt),), {"return_inverse": True}),
        Sample((rand(rng, (4, 5), "int32"),), {"return_counts": True}),
        Sample((rand(rng, (6,), "bool"),), {})],
        grad=False, covers=("Tensor.unique",),
        errors=lambda rng: [_err(rand(rng, (3, 5)), dim=2, exc=IndexError)]),
    OpInfo("unique_consecutive", lambda lib, a, **kw: lib.unique_consecutive(a, **kw),
           lambda rng, dt: [
               Sample((np.array([1, 1, 2, 2, 3, 1, 1, 2], dt),),
                      {"return_inverse": True, "return_counts": True}),
               Sample((np.repeat(_ties(rng, (5,), dt), 2),), {}),
               Sample((np.repeat(_ties(rng, (3, 2), dt), 2, axis=0),), {"dim": 0,
                                                                       "return_counts": True}),
               Sample((np.repeat(_ties(rng, (2, 3), dt), 2, axis=1),), {"dim": 1,
                                                                       "return_inverse": True}),
               Sample((_ties(rng, (3, 4), dt),), {"return_inverse": True}),
               Sample((rand(rng, (), dt),), {"return_inverse": True, "return_counts": True}),
               Sample((rand(rng, (8,), "bool"),), {"return_counts": True})],
           grad=False, covers=("Tensor.unique_consecutive",)),
    OpInfo("bincount", lambda lib, a, **kw: lib.bincount(a, **kw), lambda rng, dt: [
        Sample((rng.integers(0, 6, 10),), {}),
        Sample((rng.integers(0, 6, 10),), {"minlength": 9}),
        Sample((rng.integers(0, 6, 10).astype("uint8"),), {"minlength": 2}),
        Sample((rng.integers(0, 6, 10),), {"weights": rand(rng, (10,), "float32")}),
        Sample((rng.integers(0, 6, 10).astype("int32"),),
               {"weights": rand(rng, (10,), "float64"), "minlength": 8}),
        Sample((rng.integers(0, 6, 10),), {"weights": rand(rng, (10,), "int64")}),
        Sample((np.zeros((0,), "int64"),), {}),
        Sample((np.zeros((0,), "int64"),), {"minlength": 3})],
        dtypes=("int",), grad=False, covers=("Tensor.bincount",),
        errors=lambda rng: [_err(np.array([-1, 2])), _err(np.array([[1, 2]])),
                            _err(np.array([1.0, 2.0]), exc=NotImplementedError),
                            _err(np.array([1, 2]), minlength=-1),
                            _err(np.array([1, 2]), weights=np.array([1.0]))]),
    OpInfo("histc", lambda lib, a, **kw: lib.histc(a, **kw), lambda rng, dt: [
        Sample((rand(rng, (50,), dt),), {}),
        Sample((rand(rng, (5, 10), dt),), {"bins": 7}),
        Sample((rand(rng, (50,), dt),), {"bins": 5, "min": -1, "max": 1}),
        Sample((np.full((4,), 1.5, dt),), {"bins": 3}),
        Sample((np.zeros((0,), dt),), {"bins": 4})],
        grad=False, covers=("Tensor.histc",),
        errors=lambda rng: [_err(rand(rng, (5,)), bins=0),
                            _err(rand(rng, (5,)), min=3, max=1),
                            _err(rand(rng, (5,), "int64"), exc=NotImplementedError)]),

    # comparisons of whole tensors
    OpInfo("equal", lambda lib, a, b: (lib.equal(a, b), lib.equal(a, a), a.equal(a[:1]),
                                      lib.equal(a, a.double())),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt))),
                            Sample((_nan(rng, (3, 4), dt), rand(rng, (3, 4), dt))),
                            Sample((rand(rng, (3, 4), "int32"), rand(rng, (3, 4), "int32")))],
           grad=False, errors=lambda rng: [_err(rand(rng, (3,)), 3, exc=TypeError)]),
    OpInfo("allclose", lambda lib, a, b, **kw: (lib.allclose(a, b, **kw),
                                               lib.allclose(a, a + 1e-7, **kw),
                                               a.allclose(a)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt))),
                            Sample((rand(rng, (3, 4), dt), rand(rng, (4,), dt)),
                                   {"rtol": 0.5, "atol": 2.0}),
                            Sample((_nan(rng, (3, 4), dt), rand(rng, (3, 4), dt)),
                                   {"equal_nan": True})],
           grad=False,
           errors=lambda rng: [_err(rand(rng, (3,)), rand(rng, (3,), "float64")),
                               _err(rand(rng, (3,)), rand(rng, (4,)))]),
    OpInfo("isclose", lambda lib, a, b, **kw: (lib.isclose(a, b, **kw), a.isclose(b, **kw)),
           lambda rng, dt: [
               Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt)), {"atol": 1.0}),
               Sample((rand(rng, (3, 4), dt), rand(rng, (4,), dt)), {"rtol": 0.5}),
               Sample((np.array([np.inf, np.nan, -np.inf, 1.0, np.nan], dt),
                       np.array([np.inf, np.nan, np.inf, 1.0 + 1e-9, 1.0], dt)),
                      {"equal_nan": True}),
               Sample((np.array([np.inf, np.nan, 2.0], dt), np.array([np.inf, np.nan, 2.1], dt)),
                      {}),
               Sample((rand(rng, (3, 4), "int64"), rand(rng, (3, 4), "int64")), {"atol": 1}),
               Sample((rand(rng, (5,), "bool"), rand(rng, (5,), "bool")), {})],
           grad=False,
           errors=lambda rng: [_err(rand(rng, (3,)), rand(rng, (3,), "float64"),
                                    match="Float did not match Double"),
                               _err(rand(rng, (3,)), rand(rng, (3,)), rtol=-1),
                               _err(rand(rng, (3,)), rand(rng, (3,)), atol=-1),
                               _err(rand(rng, (3,)), 1.0, exc=TypeError)]),
]

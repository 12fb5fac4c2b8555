"""opdb rows: indexing (t[idx], t[idx] = v), gather/scatter, index_*, masked_*, take/put,
where and nonzero."""

import warnings

import numpy as np

from opdb import ErrorSample, OpInfo, Sample, rand


def _quiet(fn):
    """``fn`` with warnings silenced (torch's beta/deprecation warnings, raised as errors
    under pytest, are emitted by both libraries)."""
    def wrapped(lib, *args, **kwargs):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return fn(lib, *args, **kwargs)
    return wrapped


def _idx(rng, n, shape):
    """int64 indices in [0, n) (repeats allowed)."""
    return rng.integers(0, n, size=shape).astype(np.int64)


def _f(rng, shape, dt="float32"):
    return rand(rng, shape, dt)


# ---------------------------------------------------------------- t[index]
def _basic(lib, a):
    return (a[1], a[-1], a[1:], a[:, 0], a[None], a[..., 1], a[0, 1:3], a[:, None, ::2],
            a[-3:, 0:], a[1, :9], a[0:, ::1], a[None, -3:],
            a[()], a[1:1], a[..., None, 0], a[-2:, -1], a[0][1][2], a[:, 1:4:2, None],
            a[0, ..., 0], a[10:], a[lib.tensor(1)], a[1, lib.tensor(2)], a[:][1:])


def _advanced(lib, a, i, m):
    return (a[[0, 2]], a[i], a[:, i], a[i, :, i], a[0, :, [0, 1]], a[:, [0, 1], 0],
            a[[0, 0, 1]], a[np.array([2, -1])], a[True], a[False], a[[True, False, True]],
            a[m], a[a > 0], a[:, m[0]], a[i, None], a[..., [1, 1]],
            a[[[0, 1], [1, 2]], [[0], [1]]], a[1:, [3, 0]], a[lib.tensor([], dtype=lib.int64)],
            a[None, i], a[i[:, None], i], a[0, True], a[1, [2, 0], 1:3])


def _adv_samples(rng, dt):
    a = rand(rng, (3, 4, 5), dt)
    return [Sample((a, np.array([1, 0, 1]), rng.random((3, 4)) < 0.5), grad_args=(0,))]


def _views(lib, a):
    """Basic indexing shares memory and the version counter; advanced indexing copies."""
    b = a.detach().clone()
    v, w = b[1:, 0], b[[0, 1]]
    v[0] = 100.0
    w[0] = -100.0
    u = b[..., 1]
    return (b, v, w, v._base is b, w._base is None, u._base is b, b[0][1:]._base is b,
            b[0].is_contiguous(), b[:, 0].is_contiguous(), b[:, 0].stride(), b[1:].storage_offset())


def _grad_fns(lib, a):
    """torch's node names for indexing and for assignments into a tensor in the graph."""
    x = a.detach().requires_grad_()
    names = [type(x[ix].grad_fn).__name__ for ix in (
        1, slice(1, None), None, Ellipsis, slice(None), (slice(None), slice(None)),
        (slice(1, None), 0), (0, slice(1, None)), (None, 0), (0, None), (Ellipsis, 0), [0, 1],
        (slice(1, None), [0, 1]), True, (slice(0, 3), slice(-4, None)), (1, lib.tensor(2)))]
    for ix, v in ((0, 1.0), ((slice(None), 1), x[0, 0]), ([0, 1], 2.0), (Ellipsis, 3.0),
                  (slice(None), x[0]), (x > 0, 0.0), ((0, [1]), 1.0), (None, 1.0)):
        y = x * 1
        y[ix] = v
        names.append(type(y.grad_fn).__name__)
    return names


def _getitem_int(lib, a):
    return a[0], a[:, -1], a[[1, 0]], a[a > 0] if a.dtype != lib.bool else a[a], a[None, 1:]


def _int_samples(*pairs):
    return lambda rng, dt: [Sample((rand(rng, s, d),)) for s, d in pairs]


def _getitem_errors(rng):
    a = _f(rng, (3, 4, 5))
    return [
        ErrorSample((a,), {"ix": 5}, exc=IndexError,
                    match="index 5 is out of bounds for dimension 0 with size 3"),
        ErrorSample((a,), {"ix": (slice(None), 7)}, exc=IndexError,
                    match="index 7 is out of bounds for dimension 1 with size 4"),
        ErrorSample((a,), {"ix": (None, 0, -5)}, exc=IndexError,
                    match="index -5 is out of bounds for dimension 2 with size 4"),
        ErrorSample((a,), {"ix": (slice(None), [0, 7])}, exc=IndexError,
                    match="index 7 is out of bounds for dimension 0 with size 4"),
        ErrorSample((a,), {"ix": ([0], [4], [0])}, exc=IndexError,
                    match="index 4 is out of bounds for dimension 1 with size 4"),
        ErrorSample((a,), {"ix": (0, 0, 0, 0)}, exc=IndexError,
                    match="too many indices for tensor of dimension 3"),
        ErrorSample((a,), {"ix": slice(None, None, -1)}, exc=ValueError,
                    match="step must be greater than zero"),
        ErrorSample((a,), {"ix": slice(0, 2, 0)}, exc=ValueError,
                    match="slice step cannot be zero"),
        ErrorSample((a,), {"ix": 1.5}, exc=IndexError,
                    match=r"only integers, slices .* \(got float\)"),
        ErrorSample((a,), {"ix": np.array([1.0]).astype(np.float32)}, exc=IndexError),
        ErrorSample((a,), {"ix": ([0, 1], [0, 1, 2])}, exc=IndexError,
                    match=r"shape mismatch: indexing tensors could not be broadcast together "
                          r"with shapes \[2\], \[3\]"),
        ErrorSample((a,), {"ix": np.ones((3, 5), bool)}, exc=IndexError,
                    match=r"The shape of the mask \[3, 5\] at index 1 does not match the shape of "
                          r"the indexed tensor \[3, 4, 5\] at index 1"),
        ErrorSample((a,), {"ix": (0, np.ones(3, bool))}, exc=IndexError,
                    match=r"The shape of the mask \[3\] at index 0 does not match the shape of "
                          r"the indexed tensor \[4, 5\] at index 0"),
        ErrorSample((a,), {"ix": "size-0"}, exc=IndexError,
                    match="^index is out of bounds for dimension with size 0$"),
        ErrorSample((a,), {"ix": "a"}, exc=TypeError),
        ErrorSample((a,), {"ix": "zero-dim"}, exc=IndexError, match="invalid index of a 0-dim"),
    ]


def _getitem_err_fn(lib, a, ix):
    if isinstance(ix, np.ndarray):
        ix = lib.from_numpy(ix)
    if isinstance(ix, str) and ix == "zero-dim":
        return a[0, 0, 0][0]
    if isinstance(ix, str) and ix == "size-0":
        return a[:, 0:0][:, [1]]
    return a[ix]


def _index_tensor(lib, a, ix):
    return a[ix]


GETITEM = [
    OpInfo("Tensor.__getitem__/basic", _basic,
           lambda rng, dt: [Sample((rand(rng, (3, 4, 5), dt),))], gradgrad=True),
    OpInfo("Tensor.__getitem__/advanced", _advanced, _adv_samples, gradgrad=True),
    OpInfo("Tensor.__getitem__/repeated", lambda lib, a, i: (a[i], a[i, i], a[:, i]),
           lambda rng, dt: [Sample((rand(rng, (4, 4), dt), np.array([0, 3, 0, 0, 1])))]),
    OpInfo("Tensor.__getitem__/0d", lambda lib, a: (a[...], a[None], a[True], a[False], a[()]),
           lambda rng, dt: [Sample((rand(rng, (), dt),))]),
    OpInfo("Tensor.__getitem__/empty",
           lambda lib, a: (a[0], a[:, :, [0, 1]], a[a > 0], a[1:], a[:, :, [9]], a[0, :, [-9]]),
           lambda rng, dt: [Sample((rand(rng, (2, 0, 3), dt),))]),
    OpInfo("Tensor.__getitem__/int", _getitem_int,
           _int_samples(((3, 4), "int64"), ((3, 4), "bool"), ((3, 4), "int32"),
                        ((2, 3), "uint8")), dtypes=("int",), grad=False),
    OpInfo("Tensor.__getitem__/deprecated",
           _quiet(lambda lib, a, m: (a[[0, slice(None)]], a[[[0, 1], [1, 2]]], a[[0, None]],
                                     a.detach()[m.to(lib.uint8)])),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), rng.random((3, 4)) < 0.5))]),
    OpInfo("Tensor.__getitem__/grad_fn", _grad_fns,
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))], grad=False),
    OpInfo("Tensor.__getitem__/views", _views,
           lambda rng, dt: [Sample((rand(rng, (3, 4, 5), dt),))], grad=False),
    OpInfo("Tensor.__getitem__/errors", _getitem_err_fn, lambda rng, dt: [], grad=False,
           errors=_getitem_errors),
    OpInfo("Tensor.__getitem__/index_dtypes", _index_tensor,
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), np.array([2, 0], np.int32))),
                            Sample((rand(rng, (3, 4), dt), np.array([True, False, True])))]),
]


# ---------------------------------------------------------------- t[index] = value
def _set(index, value_fn=None):
    """``b = a * 1; b[index] = value; return b`` (``value_fn(lib, v)`` builds the value)."""
    def fn(lib, a, v):
        b = a * 1
        b[index if not callable(index) else index(lib)] = value_fn(lib, v) if value_fn else v
        return b
    return fn


def _set_samples(vshape):
    return lambda rng, dt: [Sample((rand(rng, (3, 4), dt), rand(rng, vshape, dt)))]


def _set_chain(lib, a, v):
    """Several writes into one graph, through views too."""
    b = a * 1
    b[0] = v
    b[:, 1] = v[:3] * 2
    b[[2, 0], 2:] = v[None, :2]
    b[b > 1] = 0.5
    b[1][2] = v[3]
    row = b[2]
    row[0] = v[1] * v[2]
    b[..., -1] += v[:3]
    return b


def _set_misc(lib, a):
    """Value dtypes and broadcasting without a graph (a clone of a tensor)."""
    b = a.detach().clone()
    b[0] = 1
    b[1, :2] = True
    b[2] = lib.tensor([1.0, 2.0, 3.0, 4.0], dtype=lib.float64)
    b[:, 0] = lib.tensor(-3.0)
    b[[0, 0, 0], [1, 1, 1]] = lib.tensor([1.0, 2.0, 3.0], dtype=b.dtype)  # last write wins
    b[lib.tensor([False, True, False])] = 9.0
    b[..., 3] = b[..., 2]  # overlapping source
    b[1:] = b[:-1].clone()
    return b, b._version


def _set_int(lib, a):
    b = a.clone()
    b[0] = 1.7  # float into an integer tensor truncates
    b[1, :2] = lib.tensor([-2.9, 3.9])
    b[b < 0] = 0
    b[:, 1] = True
    b[[2, 2]] = lib.tensor([5, 6], dtype=b.dtype)[:, None]
    b[b > 3] = lib.tensor(2.5)  # a bool mask with a 0-d value casts
    return b


def _set_bool(lib, a):
    b = a.clone()
    b[0] = 1
    b[1, :2] = lib.tensor([0.0, 2.5])
    b[b] = False
    return b


def _set_no_grad(lib, a):
    a.requires_grad_(True)
    with lib.no_grad():
        a[0] = 2.0
        a[[1, 1]] += 1.0
    return a.detach().clone(), a.requires_grad, a.grad_fn is None, a._version


def _set_error(lib, a, case):
    b = a.clone()
    if case == "leaf":
        a.requires_grad_()
        a[0] = 1.0
    elif case == "leaf_adv":
        a.requires_grad_()
        a[[0, 1]] = 1.0
    elif case == "view_of_leaf":
        a.requires_grad_()
        v = a[0]
        v[1] = 1.0
    elif case == "shape":
        b[0] = lib.ones(3)
    elif case == "shape_adv":
        b[:, [0, 1]] = lib.ones(2, 1)
    elif case == "ndim":
        b[0] = lib.ones(2, 4)
    elif case == "list":
        b[0] = [1.0, 2.0, 3.0, 4.0]
    elif case == "overflow":
        c = b.to(lib.int8)
        c[0] = 300
    elif case == "complex":
        b[0] = 1j
    elif case == "step":
        b[::-1] = 1.0
    elif case == "oob":
        b[0, 10] = 1.0


def _set_errors(rng):
    a = _f(rng, (3, 4))
    cases = [("leaf", RuntimeError, "a view of a leaf Variable that requires grad"),
             ("leaf_adv", RuntimeError, "^a leaf Variable that requires grad"),
             ("view_of_leaf", RuntimeError, "a view of a leaf Variable that requires grad"),
             ("shape", RuntimeError, r"The expanded size of the tensor \(4\) must match the "
                                     r"existing size \(3\) at non-singleton dimension 0"),
             ("shape_adv", RuntimeError, r"shape mismatch: value tensor of shape \[2, 1\] cannot "
                                         r"be broadcast to indexing result of shape \[3, 2\]"),
             ("ndim", RuntimeError, "number of sizes provided"),
             ("list", TypeError, "can't assign a list to a torch.FloatTensor"),
             ("overflow", RuntimeError, "value cannot be converted to type int8_t without "
                                        "overflow"),
             ("complex", RuntimeError, "value cannot be converted to type float without overflow"),
             ("step", ValueError, "step must be greater than zero"),
             ("oob", IndexError, "index 10 is out of bounds for dimension 1 with size 4")]
    return [ErrorSample((a.copy(), c), exc=e, match=m) for c, e, m in cases]


SETITEM = [
    OpInfo("Tensor.__setitem__/int", _set(0), _set_samples((4,))),
    OpInfo("Tensor.__setitem__/slice", _set((slice(1, None), slice(0, 2)), lambda lib, v: v[:2]),
           _set_samples((4,))),
    OpInfo("Tensor.__setitem__/number", _set((slice(None), 1), lambda lib, v: 2.5),
           _set_samples((4,))),
    OpInfo("Tensor.__setitem__/ellipsis", _set(Ellipsis), _set_samples((4,))),
    OpInfo("Tensor.__setitem__/full_slice", _set(slice(None), lambda lib, v: 1.5),
           _set_samples((4,))),
    OpInfo("Tensor.__setitem__/none", _set((None, 1)), _set_samples((1, 4))),
    OpInfo("Tensor.__setitem__/advanced", _set(([0, 2],)), _set_samples((2, 4))),
    OpInfo("Tensor.__setitem__/adv_pairs", _set(([0, 1, 2], [3, 3, 0]), lambda lib, v: v[:3]),
           _set_samples((4,))),
    OpInfo("Tensor.__setitem__/adv_broadcast", _set((slice(None), [1, 2])),
           _set_samples((1, 2))),
    OpInfo("Tensor.__setitem__/int_and_adv", _set((0, [0, 1])), _set_samples((2,))),
    OpInfo("Tensor.__setitem__/repeated", _set(([0, 0, 2],)), _set_samples((3, 4)),
           grad=False),
    OpInfo("Tensor.__setitem__/mask",
           lambda lib, a, m, v: (lambda b: (b.__setitem__(m, v[0]), b)[1])(a * 1),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), rng.random((3, 4)) < 0.5,
                                    rand(rng, (2,), dt)))]),
    OpInfo("Tensor.__setitem__/mask_rows",
           lambda lib, a, m, v: (lambda b: (b.__setitem__(m, v), b)[1])(a * 1),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), np.array([True, False, True]),
                                    rand(rng, (4,), dt)))]),
    OpInfo("Tensor.__setitem__/index_tensor",
           lambda lib, a, i, v: (lambda b: (b.__setitem__((i, slice(1, 3)), v), b)[1])(a * 1),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), np.array([2, 0]),
                                    rand(rng, (2, 2), dt)))]),
    OpInfo("Tensor.__setitem__/leading_ones", _set(1), _set_samples((1, 4))),
    OpInfo("Tensor.__setitem__/value_dtype", _set(0, lambda lib, v: v.double()),
           _set_samples((4,))),
    OpInfo("Tensor.__setitem__/chain", _set_chain, _set_samples((4,))),
    OpInfo("Tensor.__setitem__/misc", _set_misc,
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))], grad=False),
    OpInfo("Tensor.__setitem__/no_grad", _set_no_grad,
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))], grad=False),
    OpInfo("Tensor.__setitem__/int_tensor", _set_int,
           _int_samples(((3, 4), "int64"), ((3, 4), "int32"), ((3, 4), "int8")),
           dtypes=("int",), grad=False),
    OpInfo("Tensor.__setitem__/bool_tensor", _set_bool, _int_samples(((3, 4), "bool")),
           dtypes=("int",), grad=False),
    OpInfo("Tensor.__setitem__/errors", _set_error, lambda rng, dt: [], grad=False,
           errors=_set_errors),
]


# ---------------------------------------------------------------- index_select / index_*
def _sel_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), 0, np.array([2, 0, 2]))),
            Sample((rand(rng, (2, 5, 3), dt), -2, np.array([4, 1]))),
            Sample((rand(rng, (3, 4), dt), 1, np.array(3))),
            Sample((rand(rng, (3, 4), dt), 1, np.array([], np.int64))),
            Sample((rand(rng, (), dt), 0, np.array([0]))),
            Sample((rand(rng, (3, 4), dt), 0, np.array([1, 2], np.int32)))]


def _sel_errors(rng):
    a = _f(rng, (3, 4))
    return [ErrorSample((a, 0, np.array([0, 5])), exc=IndexError,
                        match="index out of range in self"),
            ErrorSample((a, 0, np.array([0, -1])), exc=IndexError),
            ErrorSample((a, 0, np.array([[0]])), exc=IndexError, match="supposed to be a vector"),
            ErrorSample((a, 0, np.array([0.0])), exc=RuntimeError,
                        match=r"index_select\(\): Expected dtype int32 or int64 for index"),
            ErrorSample((a, 2, np.array([0])), exc=IndexError, match="Dimension out of range")]


def _index_add(lib, a, d, i, s, **kw):
    return a.index_add(d, i, s, **kw), lib.index_add(a, d, i, s, **kw), a.clone().index_add_(
        d, i, s, **kw)


def _ia_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), 0, np.array([0, 2, 0, 0]), rand(rng, (4, 4), dt))),
            Sample((rand(rng, (3, 4), dt), 1, np.array([3, 1]), rand(rng, (3, 2), dt)),
                   {"alpha": 2.5}),
            Sample((rand(rng, (2, 3, 2), dt), -1, np.array([1], np.int32),
                    rand(rng, (2, 3, 1), dt))),
            Sample((rand(rng, (), dt), 0, np.array([0]), rand(rng, (), dt)))]


def _ia_int(rng, dt):
    return [Sample((rand(rng, (3, 4), "int64"), 0, np.array([0, 0]), rand(rng, (2, 4), "int64")),
                   {"alpha": 3})]


def _ia_errors(rng):
    a = _f(rng, (3, 4))
    return [ErrorSample((a, 0, np.array([0, 3]), _f(rng, (2, 4))), exc=RuntimeError,
                        match="index 3 is out of bounds for dimension 0 with size 3"),
            ErrorSample((a, 0, np.array([0, 0]), _f(rng, (3, 4))), exc=RuntimeError,
                        match=r"Number of indices \(2\) should be equal to source.size\(dim\): "
                              r"\(3\), for dim: 0"),
            ErrorSample((a, 0, np.array([0, 0]), _f(rng, (2, 4), "float64")), exc=RuntimeError,
                        match=r"self \(Float\) and source \(Double\) must have the same scalar "
                              "type"),
            ErrorSample((a, 0, np.array([0.0, 0.0]), _f(rng, (2, 4))), exc=RuntimeError,
                        match="Expected dtype int32/int64 for index but got: Double")]


def _index_copy(lib, a, d, i, s):
    return a.index_copy(d, i, s), lib.index_copy(a, d, i, s), a.clone().index_copy_(d, i, s)


def _ic_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), 0, np.array([2, 0]), rand(rng, (2, 4), dt))),
            Sample((rand(rng, (2, 5), dt), -1, np.array([4, 1, 0]), rand(rng, (2, 3), dt))),
            Sample((rand(rng, (3, 4), dt), 1, np.array(2), rand(rng, (3, 1), dt)))]


def _ic_errors(rng):
    a = _f(rng, (3, 4))
    return [ErrorSample((a, 0, np.array([0, 5]), _f(rng, (2, 4))), exc=IndexError,
                        match=r"index_copy_\(\): index 5 is out of bounds for dimension 0 with "
                              "size 3"),
            ErrorSample((a, 0, np.array([0, 1], np.int32), _f(rng, (2, 4))), exc=RuntimeError,
                        match="Expected a long tensor for index, but got Int"),
            ErrorSample((a, 0, np.array([0, 1]), _f(rng, (2, 4), "float64")), exc=RuntimeError,
                        match="expected to have the same dtype"),
            ErrorSample((a, 0, np.array([0, 1]), _f(rng, (3, 4))), exc=IndexError,
                        match=r"Number of indices \(2\) should be equal to source.size\(dim\) "
                              r"\(3\)")]


def _index_fill(lib, a, d, i, v):
    return a.index_fill(d, i, v), lib.index_fill(a, d, i, v), a.clone().index_fill_(d, i, v)


def _if_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), 0, np.array([2, 0]), -1.5)),
            Sample((rand(rng, (2, 5), dt), -1, np.array([4, 4, 0]), rand(rng, (), dt))),
            Sample((rand(rng, (3, 4), dt), 1, np.array(2), 7.0)),
            Sample((rand(rng, (2, 5), dt), 1, np.array([-1, 0]), 7.0))]


def _if_int(rng, dt):
    return [Sample((rand(rng, (3, 4), "int64"), 0, np.array([2]), 2.7)),
            Sample((rand(rng, (3, 4), "bool"), 1, np.array([0, 3]), True))]


def _if_errors(rng):
    a = _f(rng, (3, 4))
    return [ErrorSample((a, 0, np.array([0, 5]), 1.0), exc=IndexError,
                        match="index 5 is out of bounds for dimension 0 with size 3"),
            ErrorSample((a, 0, np.array([0, 1], np.int32), 1.0), exc=IndexError,
                        match="Expected dtype int64 for index"),
            ErrorSample((a, 0, np.array([[0, 1]]), 1.0), exc=RuntimeError,
                        match="Index has to be a vector/scalar"),
            ErrorSample((a, 0, np.array([0, 1]), _f(rng, (1,))), exc=RuntimeError,
                        match="only supports a 0-dimensional value tensor")]


def _index_put(lib, a, v, *ix, accumulate=False):
    return (a.index_put(ix, v, accumulate=accumulate), lib.index_put(a, ix, v, accumulate),
            a.clone().index_put_(ix, v, accumulate=accumulate),
            lib.index_put_(a.clone(), list(ix), v, accumulate=accumulate))


def _ip_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), rand(rng, (4,), dt), np.array([2, 0]))),
            Sample((rand(rng, (3, 4), dt), rand(rng, (3,), dt), np.array([0, 1, 2]),
                    np.array([3, 3, 1]))),
            Sample((rand(rng, (3, 4), dt), rand(rng, (), dt), rng.random((3, 4)) < 0.5)),
            Sample((rand(rng, (3, 4), dt), rand(rng, (4,), dt), np.array([0, 0, 2, 0])),
                   {"accumulate": True}),
            Sample((rand(rng, (3, 4), dt), rand(rng, (2, 1), dt), np.array([[1], [1]]),
                    np.array([0, 0])), {"accumulate": True})]


def _ip_errors(rng):
    a = _f(rng, (3, 4))
    return [ErrorSample((a, _f(rng, (4,), "float64"), np.array([0])), exc=RuntimeError,
                        match="Index put requires the source and destination dtypes match"),
            ErrorSample((a, _f(rng, (3,)), np.array([0, 1])), exc=RuntimeError,
                        match=r"shape mismatch: value tensor of shape \[3\] cannot be broadcast "
                              r"to indexing result of shape \[2, 4\]"),
            ErrorSample((a, _f(rng, ()), np.array([5])), exc=IndexError,
                        match="index 5 is out of bounds for dimension 0 with size 3"),
            ErrorSample((a, _f(rng, ()), np.array([0.0])), exc=IndexError,
                        match="tensors used as indices must be long, int, byte or bool")]


def _index_reduce(lib, a, d, i, s, reduce, include_self=True):
    return lib.index_reduce(a, d, i, s, reduce, include_self=include_self)


def _ir_samples(rng, dt):
    out = []
    for r in ("prod", "mean", "amax", "amin"):
        for inc in (True, False):
            out.append(Sample((rand(rng, (3, 4), dt), 0, np.array([0, 2, 0]),
                               rand(rng, (3, 4), dt), r, inc)))
    out.append(Sample((rand(rng, (2, 3), dt), 1, np.array([2, 2]), rand(rng, (2, 2), dt),
                       "mean")))
    return out


def _ir_int(rng, dt):
    return [Sample((rand(rng, (3, 4), "int64"), 0, np.array([0, 0, 1]),
                    rand(rng, (3, 4), "int64"), r, inc))
            for r in ("prod", "mean", "amax", "amin") for inc in (True, False)]


def _ir_errors(rng):
    a = _f(rng, (3, 4))
    return [ErrorSample((a, 0, np.array([0, 1]), _f(rng, (2, 4)), "sum"), exc=RuntimeError,
                        match="Expected reduce to be one of prod, mean, amax or amin"),
            ErrorSample((a, 0, np.array([0, 5]), _f(rng, (2, 4)), "mean"), exc=IndexError,
                        match="index out of range in self"),
            ErrorSample((a, 0, np.array([0.0, 1.0]), _f(rng, (2, 4)), "mean"), exc=RuntimeError,
                        match="Expected dtype int32/int64 for index but got: Double")]


INDEX_DIM = [
    OpInfo("index_select", lambda lib, a, d, i: (lib.index_select(a, d, i), a.index_select(d, i)),
           _sel_samples, gradgrad=True, errors=_sel_errors, covers=("Tensor.index_select",)),
    OpInfo("index_select/int", lambda lib, a, d, i: lib.index_select(a, d, i),
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int64"), 1, np.array([0, 0, 3]))),
                            Sample((rand(rng, (3, 4), "bool"), 0, np.array([2])))],
           dtypes=("int",), grad=False),
    OpInfo("index_select/out",
           lambda lib, a, i: lib.index_select(a, 0, i, out=lib.empty(2, 3, dtype=a.dtype)),
           lambda rng, dt: [Sample((rand(rng, (3, 3), dt), np.array([1, 1])))], grad=False),
    OpInfo("index_add", _index_add, _ia_samples, errors=_ia_errors, gradgrad=True,
           covers=("Tensor.index_add", "Tensor.index_add_")),
    OpInfo("index_add/int", _index_add, _ia_int, dtypes=("int",), grad=False),
    OpInfo("index_copy", _index_copy, _ic_samples, errors=_ic_errors,
           covers=("Tensor.index_copy", "Tensor.index_copy_")),
    OpInfo("index_fill", _index_fill, _if_samples, errors=_if_errors,
           covers=("Tensor.index_fill", "Tensor.index_fill_")),
    OpInfo("index_fill/int", _index_fill, _if_int, dtypes=("int",), grad=False),
    OpInfo("index_put", _index_put, _ip_samples, errors=_ip_errors,
           covers=("index_put_", "Tensor.index_put", "Tensor.index_put_")),
    OpInfo("index_put/int", _index_put,
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int32"), rand(rng, (4,), "int32"),
                                    np.array([0, 0])), {"accumulate": True})],
           dtypes=("int",), grad=False),
    OpInfo("index_reduce", _quiet(_index_reduce), _ir_samples, errors=_ir_errors),
    OpInfo("index_reduce/int", _quiet(_index_reduce), _ir_int, dtypes=("int",), grad=False),
]


# ---------------------------------------------------------------- gather / scatter
def _gather(lib, a, d, i):
    return lib.gather(a, d, i), a.gather(d, i), lib.take_along_dim(a, i, d)


def _ga_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), 0, _idx(rng, 3, (2, 4)))),
            Sample((rand(rng, (3, 4), dt), 1, _idx(rng, 4, (3, 6)))),
            Sample((rand(rng, (2, 3, 4), dt), -1, _idx(rng, 4, (2, 3, 2)))),
            Sample((rand(rng, (4,), dt), 0, np.array([3, 3, 0], np.int64))),
            Sample((rand(rng, (3, 4), dt), 0, np.zeros((0, 4), np.int64)))]


def _gather_small(lib, a, d, i):
    return lib.gather(a, d, i)


def _ga_small_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), 1, _idx(rng, 4, (2, 2)))),
            Sample((rand(rng, (), dt), 0, np.array([0, 0]))),
            Sample((rand(rng, (3, 4), dt), 0, _idx(rng, 3, (1, 2)).astype(np.int32)))]


def _ga_errors(rng):
    a = _f(rng, (3, 4))
    return [ErrorSample((a, 0, np.array([[0, 5]])), exc=RuntimeError,
                        match="index 5 is out of bounds for dimension 0 with size 3"),
            ErrorSample((a, 0, np.array([[0, -1]])), exc=RuntimeError,
                        match="index -1 is out of bounds for dimension 0 with size 3"),
            ErrorSample((a, 0, np.array([0, 1])), exc=RuntimeError,
                        match="Index tensor must have the same number of dimensions as input"),
            ErrorSample((a, 1, np.zeros((4, 4), np.int64)), exc=RuntimeError,
                        match=r"Size does not match at dimension 0 expected index \[4, 4\] to be "
                              r"no larger than self \[3, 4\] apart from dimension 1"),
            ErrorSample((a, 0, np.array([[0.0]])), exc=RuntimeError,
                        match=r"gather\(\): Expected dtype int32/int64 for index"),
            ErrorSample((a, 2, np.array([[0]])), exc=IndexError)]


def _take_along(lib, a, i, d=None):
    return lib.take_along_dim(a, i, d), a.take_along_dim(i, dim=d)


def _tad_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), _idx(rng, 12, (5,)))),
            Sample((rand(rng, (3, 4), dt), _idx(rng, 4, (3, 2)), 1)),
            Sample((rand(rng, (3, 4), dt), _idx(rng, 3, (1, 1)), 0)),  # broadcast indices
            Sample((rand(rng, (3, 1), dt), _idx(rng, 3, (2, 5)), 0)),  # broadcast input
            Sample((rand(rng, (3, 4), dt), _idx(rng, 4, (1, 2)), -1))]


def _tad_errors(rng):
    a = _f(rng, (3, 4))
    return [ErrorSample((a, np.array([[0]], np.int32), 0), exc=RuntimeError,
                        match="dtype of indices should be Long but got Int"),
            ErrorSample((a, np.array([0]), 0), exc=RuntimeError,
                        match="input and indices should have the same number of dimensions")]


def _scatter(lib, a, d, i, s, **kw):
    return (lib.scatter(a, d, i, s, **kw), a.scatter(d, i, s, **kw),
            a.clone().scatter_(d, i, s, **kw))


def _perm_index(rng, n, rows, cols, d):
    """Index of shape (rows, cols) into n entries along d, without repeats along d."""
    if d == 0:
        return np.stack([rng.permutation(n)[:rows] for _ in range(cols)], 1).astype(np.int64)
    return np.stack([rng.permutation(n)[:cols] for _ in range(rows)]).astype(np.int64)


def _sc_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), 0, _perm_index(rng, 3, 2, 4, 0), rand(rng, (2, 4), dt))),
            Sample((rand(rng, (3, 5), dt), 1, _perm_index(rng, 5, 2, 3, 1), rand(rng, (2, 3), dt))),
            Sample((rand(rng, (3, 4), dt), -1, _perm_index(rng, 4, 3, 2, 1), 2.5)),
            Sample((rand(rng, (4,), dt), 0, np.array([3, 0]), rand(rng, (2,), dt)))]


def _sc_reduce_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), 0, _idx(rng, 3, (3, 4)), rand(rng, (3, 4), dt)),
                   {"reduce": r}) for r in ("add", "multiply")] + [
        Sample((rand(rng, (3, 4), dt), 1, _idx(rng, 4, (3, 4)), 1.5), {"reduce": "multiply"})]


def _sc_errors(rng):
    a = _f(rng, (3, 4))
    i = np.array([[0, 1, 2, 0]])
    return [ErrorSample((a, 0, i.astype(np.float32), a), exc=RuntimeError,
                        match=r"scatter\(\): Expected dtype int32/int64 for index"),
            ErrorSample((a, 0, i, a.astype(np.float64)), exc=RuntimeError,
                        match=r"scatter\(\): Expected self.dtype to be equal to src.dtype"),
            ErrorSample((a, 0, i[0], a), exc=RuntimeError,
                        match="Index tensor must have the same number of dimensions as self"),
            ErrorSample((a, 0, i + 5, a), exc=RuntimeError,
                        match="index 5 is out of bounds for dimension 0 with size 3"),
            ErrorSample((a, 0, np.zeros((4, 4), np.int64), a), exc=RuntimeError,
                        match=r"Expected index \[4, 4\] to be no larger than self \[3, 4\] apart "
                              r"from dimension 0 and to be no larger size than src \[3, 4\]"),
            ErrorSample((a, 0, i, a), {"reduce": "sum"}, exc=RuntimeError,
                        match="reduce argument must be either add or multiply")]


def _scatter_grad_error(lib, a, i):
    """scatter with reduce records a node whose backward raises."""
    a.requires_grad_(True)
    y = a.scatter(0, i, 1.5, reduce="multiply")
    return type(y.grad_fn).__name__, lib.autograd.grad(y.sum(), a)


def _scatter_add(lib, a, d, i, s):
    return (lib.scatter_add(a, d, i, s), a.scatter_add(d, i, s), a.clone().scatter_add_(d, i, s))


def _sa_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), 0, _idx(rng, 3, (3, 4)), rand(rng, (3, 4), dt))),
            Sample((rand(rng, (3, 4), dt), 1, _idx(rng, 4, (2, 6)), rand(rng, (2, 6), dt))),
            Sample((rand(rng, (2, 3, 4), dt), -1, _idx(rng, 4, (2, 3, 4)),
                    rand(rng, (2, 3, 4), dt))),
            Sample((rand(rng, (), dt), 0, np.array([0, 0]), rand(rng, (2,), dt)))]


def _sa_bigger_src(lib, a, d, i, s):
    """A src larger than index: only its leading corner is used (forward only: torch's
    backward rejects the shape)."""
    return lib.scatter_add(a, d, i, s), lib.scatter(a, d, i, s)


def _scatter_reduce(lib, a, d, i, s, reduce, include_self=True):
    return (lib.scatter_reduce(a, d, i, s, reduce, include_self=include_self),
            a.scatter_reduce(d, i, s, reduce=reduce, include_self=include_self),
            a.clone().scatter_reduce_(d, i, s, reduce, include_self=include_self))


def _sr_samples(rng, dt):
    out = []
    for r in ("sum", "prod", "mean", "amax", "amin"):
        for inc in (True, False):
            out.append(Sample((rand(rng, (3, 4), dt), 0, _idx(rng, 3, (4, 4)),
                               rand(rng, (4, 4), dt), r, inc)))
    # ties share the gradient; zeros in a product
    s = np.ones((4, 4), dt)
    out.append(Sample((np.ones((3, 4), dt), 0, np.array([[0, 0, 1, 2]] * 4), s, "amax")))
    out.append(Sample((np.ones((3, 4), dt), 0, np.array([[0, 0, 1, 2]] * 4), s, "amin", False)))
    z = rand(rng, (4, 4), dt)
    z[0, :2] = 0
    z[1, 0] = 0
    out.append(Sample((rand(rng, (3, 4), dt), 0, np.array([[0, 0, 1, 2]] * 4), z, "prod")))
    return out


def _sr_int(rng, dt):
    return [Sample((rand(rng, (3, 4), "int64"), 0, _idx(rng, 3, (3, 4)),
                    rand(rng, (3, 4), "int64"), r, inc))
            for r in ("sum", "prod", "mean", "amax", "amin") for inc in (True, False)]


def _sr_errors(rng):
    a = _f(rng, (3, 4))
    i = np.array([[0, 1, 2, 0]])
    return [ErrorSample((a, 0, i, a, "foo"), exc=RuntimeError,
                        match="reduce argument must be either sum, prod, mean, amax or amin, got "
                              "foo"),
            ErrorSample((a, 0, i, a.astype(np.float64), "sum"), exc=RuntimeError,
                        match="Expected self.dtype to be equal to src.dtype")]


GATHER = [
    OpInfo("gather", _gather, _ga_samples, errors=_ga_errors,
           covers=("Tensor.gather",)),
    OpInfo("gather/small", _gather_small, _ga_small_samples, gradgrad=True),
    OpInfo("gather/int", _gather_small,
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int64"), 1, _idx(rng, 4, (3, 2)))),
                            Sample((rand(rng, (3, 4), "bool"), 0, _idx(rng, 3, (2, 4))))],
           dtypes=("int",), grad=False),
    OpInfo("gather/out", lambda lib, a, i, odt=None: lib.gather(
               a, 1, i, out=lib.empty(3, 2, dtype=odt or a.dtype)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), _idx(rng, 4, (3, 2))))], grad=False,
           errors=lambda rng: [ErrorSample((_f(rng, (3, 4)), _idx(rng, 4, (3, 2))),
                                           {"odt": "dtype:float64"}, exc=RuntimeError,
                                           match="Expected out tensor to have dtype float, but "
                                                 "got double instead")]),
    OpInfo("take_along_dim", _take_along, _tad_samples, errors=_tad_errors,
           covers=("Tensor.take_along_dim",)),
    OpInfo("scatter", _scatter, _sc_samples, errors=_sc_errors,
           covers=("Tensor.scatter", "Tensor.scatter_")),
    OpInfo("scatter/value_kw", lambda lib, a, i: (lib.scatter(a, 0, i, value=-2.0),
                                                  a.scatter(0, i, src=a[:2] * 2)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), _perm_index(rng, 3, 2, 4, 0)))]),
    OpInfo("scatter/reduce", _quiet(_scatter), _sc_reduce_samples, grad=False),
    OpInfo("scatter/reduce_grad", _scatter_grad_error, lambda rng, dt: [], grad=False,
           errors=lambda rng: [ErrorSample((_f(rng, (3, 4)), np.array([[0, 0, 1, 1]])),
                                           exc=RuntimeError,
                                           match="derivative for aten::scatter is not "
                                                 "implemented")]),
    OpInfo("scatter/int", _scatter,
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int64"), 0, _perm_index(rng, 3, 2, 4, 0),
                                    rand(rng, (2, 4), "int64"))),
                            Sample((rand(rng, (3, 4), "int32"), 1, _perm_index(rng, 4, 3, 2, 1),
                                    2.7))],
           dtypes=("int",), grad=False),
    OpInfo("scatter_add", _scatter_add, _sa_samples, gradgrad=True,
           covers=("Tensor.scatter_add", "Tensor.scatter_add_")),
    OpInfo("scatter_add/bigger_src", _sa_bigger_src,
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), 0, _perm_index(rng, 3, 1, 4, 0),
                                    rand(rng, (3, 4), dt)))], grad=False),
    OpInfo("scatter_add/int", _scatter_add,
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int64"), 0, _idx(rng, 3, (3, 4)),
                                    rand(rng, (3, 4), "int64")))], dtypes=("int",), grad=False),
    OpInfo("scatter_reduce", _scatter_reduce, _sr_samples, errors=_sr_errors,
           covers=("Tensor.scatter_reduce", "Tensor.scatter_reduce_")),
    OpInfo("scatter_reduce/int", _scatter_reduce, _sr_int, dtypes=("int",), grad=False),
]


# ---------------------------------------------------------------- masked ops
def _masked_fill(lib, a, m, v):
    out = (lib.masked_fill(a, m, v), a.masked_fill(m, v))
    if tuple(lib.broadcast_shapes(a.shape, m.shape)) == tuple(a.shape):
        out += (a.clone().masked_fill_(m, v),)
    return out


def _mf_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), rng.random((3, 4)) < 0.5, -1.5)),
            Sample((rand(rng, (3, 4), dt), rng.random((4,)) < 0.5, 2)),
            Sample((rand(rng, (3, 1), dt), rng.random((2, 3, 4)) < 0.5, 0.25)),
            Sample((rand(rng, (3, 4), dt), rng.random((3, 4)) < 0.5, rand(rng, (), dt))),
            Sample((rand(rng, (), dt), np.array(True), 3.0)),
            Sample((rand(rng, (0, 4), dt), np.zeros((0, 4), bool), 1.0))]


def _mf_int(rng, dt):
    return [Sample((rand(rng, (3, 4), "int64"), rng.random((3, 4)) < 0.5, 2.7)),
            Sample((rand(rng, (3, 4), "int32"), rng.random((3, 4)) < 0.5,
                    np.array(2.7, np.float32))),
            Sample((rand(rng, (3, 4), "bool"), rng.random((4,)) < 0.5, True))]


def _mf_errors(rng):
    a = _f(rng, (3, 4))
    m = rng.random((3, 4)) < 0.5
    return [ErrorSample((a, m.astype(np.int32), 1.0), exc=RuntimeError,
                        match="masked_fill_ only supports boolean masks, but got mask with dtype "
                              "int$"),
            ErrorSample((a, m.astype(np.uint8), 1.0), exc=RuntimeError,
                        match="got mask with dtype unsigned char"),
            ErrorSample((a, m, _f(rng, (1,))), exc=RuntimeError,
                        match="only supports a 0-dimensional value tensor, but got tensor with 1 "
                              r"dimension\(s\)"),
            ErrorSample((a, m, 1j), exc=RuntimeError,
                        match="value cannot be converted to type float without overflow"),
            ErrorSample((a, rng.random((3,)) < 0.5, 1.0), exc=RuntimeError,
                        match=r"The size of tensor a \(4\) must match the size of tensor b \(3\) "
                              "at non-singleton dimension 1")]


def _mfi_error(lib, a, m):
    return a.clone().masked_fill_(m, 1.0)


def _masked_select(lib, a, m):
    return lib.masked_select(a, m), a.masked_select(m)


def _ms_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), rng.random((3, 4)) < 0.5)),
            Sample((rand(rng, (3, 4), dt), rng.random((4,)) < 0.5)),
            Sample((rand(rng, (4,), dt), rng.random((2, 4)) < 0.5)),
            Sample((rand(rng, (3, 4), dt), np.zeros((3, 4), bool)))]


def _masked_scatter(lib, a, m, s):
    out = (lib.masked_scatter(a, m, s), a.masked_scatter(m, s))
    if tuple(lib.broadcast_shapes(a.shape, m.shape)) == tuple(a.shape):
        out += (a.clone().masked_scatter_(m, s),)
    return out


def _msc_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), rng.random((3, 4)) < 0.5, rand(rng, (12,), dt))),
            Sample((rand(rng, (3, 4), dt), rng.random((4,)) < 0.5, rand(rng, (4, 5), dt))),
            Sample((rand(rng, (4,), dt), rng.random((2, 4)) < 0.5, rand(rng, (3, 3), dt)))]


def _msc_errors(rng):
    a = _f(rng, (3, 4))
    m = np.ones((3, 4), bool)
    return [ErrorSample((a, m, _f(rng, (2,))), exc=RuntimeError,
                        match="Number of elements of source < number of ones in mask"),
            ErrorSample((a, m, rand(rng, (12,), "int64")), exc=RuntimeError,
                        match="expected self and source to have same dtypes but gotFloat and "
                              "Long"),
            ErrorSample((a, m.astype(np.int32), _f(rng, (12,))), exc=RuntimeError,
                        match="masked_scatter_ only supports boolean masks, but got mask with "
                              "dtype Int")]


MASKED = [
    OpInfo("masked_fill", _masked_fill, _mf_samples, errors=_mf_errors, gradgrad=True,
           covers=("Tensor.masked_fill", "Tensor.masked_fill_")),
    OpInfo("masked_fill/int", _masked_fill, _mf_int, dtypes=("int",), grad=False),
    OpInfo("masked_fill/inplace_broadcast", _mfi_error, lambda rng, dt: [], grad=False,
           errors=lambda rng: [ErrorSample((_f(rng, (3, 4)), np.ones((2, 3, 4), bool)),
                                           exc=RuntimeError,
                                           match=r"output with shape \[3, 4\] doesn't match the "
                                                 r"broadcast shape \[2, 3, 4\]")]),
    OpInfo("masked_select", _masked_select, _ms_samples, gradgrad=True,
           covers=("Tensor.masked_select",),
           errors=lambda rng: [ErrorSample((_f(rng, (3, 4)), np.ones((3, 4), np.int32)),
                                           exc=RuntimeError,
                                           match="masked_select: expected BoolTensor for mask")]),
    OpInfo("masked_select/int", _masked_select,
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int64"), rng.random((3, 4)) < 0.5))],
           dtypes=("int",), grad=False),
    OpInfo("masked_select/out",
           lambda lib, a, m: lib.masked_select(a, m, out=lib.empty(0, dtype=a.dtype)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), rng.random((3, 4)) < 0.5))],
           grad=False),
    OpInfo("masked_scatter", _masked_scatter, _msc_samples, errors=_msc_errors,
           covers=("Tensor.masked_scatter", "Tensor.masked_scatter_")),
    OpInfo("masked_scatter/int", _masked_scatter,
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int64"), rng.random((3, 4)) < 0.5,
                                    rand(rng, (12,), "int64")))], dtypes=("int",), grad=False),
]


# ---------------------------------------------------------------- take / put
def _take(lib, a, i):
    return lib.take(a, i), a.take(i)


def _take_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), np.array([0, 11, -1, 5, 5]))),
            Sample((rand(rng, (3, 4), dt), _idx(rng, 12, (2, 3)))),
            Sample((rand(rng, (3, 4), dt), np.array(7))),
            Sample((rand(rng, (), dt), np.array([0, -1]))),
            Sample((rand(rng, (3, 4), dt), np.array([], np.int64)))]


def _take_errors(rng):
    a = _f(rng, (3, 4))
    return [ErrorSample((a, np.array([12])), exc=IndexError,
                        match=r"out of range: tried to access index 12 on a tensor of 12 "
                              r"elements\."),
            ErrorSample((a, np.array([-13])), exc=IndexError, match="index -13"),
            ErrorSample((a, np.array([0], np.int32)), exc=RuntimeError,
                        match=r"take\(\): Expected a long tensor for index, but got Int"),
            ErrorSample((_f(rng, (0,)), np.array([0])), exc=IndexError,
                        match=r"take\(\): tried to take from an empty tensor")]


def _put(lib, a, i, s, accumulate=False):
    return lib.put(a, i, s, accumulate), a.clone().put_(i, s, accumulate=accumulate)


def _put_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), np.array([0, 11, -2]), rand(rng, (3,), dt))),
            Sample((rand(rng, (3, 4), dt), np.array([[1, 2], [5, 7]]), rand(rng, (4,), dt))),
            Sample((rand(rng, (3, 4), dt), np.array([0, 0, 3, -12]), rand(rng, (2, 2), dt), True)),
            Sample((rand(rng, (), dt), np.array([0]), rand(rng, (1,), dt)))]


def _put_errors(rng):
    a = _f(rng, (3, 4))
    return [ErrorSample((a, np.array([0, 12]), _f(rng, (2,))), exc=IndexError,
                        match="out of range: tried to access index 12 on a tensor of 12"),
            ErrorSample((a, np.array([0, 1]), _f(rng, (1,))), exc=IndexError,
                        match=r"put_\(\): Expected source and index to have the same number of "
                              "elements"),
            ErrorSample((a, np.array([0, 1]), rand(rng, (2,), "int64")), exc=RuntimeError,
                        match="self and source expected to have the same dtype"),
            ErrorSample((a, np.array([0], np.int32), _f(rng, (1,))), exc=RuntimeError,
                        match="Expected a long tensor for index, but got Int")]


TAKE_PUT = [
    OpInfo("take", _take, _take_samples, errors=_take_errors, gradgrad=True,
           covers=("Tensor.take",)),
    OpInfo("take/int", _take, lambda rng, dt: [Sample((rand(rng, (3, 4), "int32"),
                                                       np.array([3, 0, 3])))],
           dtypes=("int",), grad=False),
    OpInfo("put", _put, _put_samples, errors=_put_errors, covers=("Tensor.put_",)),
    OpInfo("put/int", _put, lambda rng, dt: [Sample((rand(rng, (3, 4), "int64"),
                                                      np.array([1, 1]),
                                                      rand(rng, (2,), "int64"), True))],
           dtypes=("int",), grad=False),
]


# ---------------------------------------------------------------- slice/select/diagonal_scatter
def _sl_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), rand(rng, (1, 4), dt), 0, 1, 2)),
            Sample((rand(rng, (3, 4), dt), rand(rng, (3, 2), dt), 1, None, None, 2)),
            Sample((rand(rng, (3, 4), dt), rand(rng, (2, 4), dt), 0, -2)),
            Sample((rand(rng, (2, 3, 4), dt), rand(rng, (2, 3, 1), dt), -1, 3, 10))]


def _se_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), rand(rng, (4,), dt), 0, 1)),
            Sample((rand(rng, (3, 4), dt), rand(rng, (3,), dt), -1, -1)),
            Sample((rand(rng, (2, 3, 4), dt), rand(rng, (2, 4), dt), 1, 2)),
            Sample((rand(rng, (3, 4), dt), rand(rng, (4,), "float64"), 0, 1), grad_args=(0,))]


def _di_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), dt), rand(rng, (3,), dt))),
            Sample((rand(rng, (3, 4), dt), rand(rng, (3,), dt), 1)),
            Sample((rand(rng, (3, 4), dt), rand(rng, (2,), dt), -1)),
            Sample((rand(rng, (3, 4), dt), rand(rng, (3,), dt), 0, 1, 0)),
            Sample((rand(rng, (2, 3, 4), dt), rand(rng, (3, 2), dt), 0, 0, 2)),
            Sample((rand(rng, (2, 3, 4), dt), rand(rng, (2, 3), dt), 0, 1, 2)),
            Sample((rand(rng, (2, 3, 4), dt), rand(rng, (3, 1), dt), 1, 2, 0)),
            Sample((rand(rng, (2, 3, 4), dt), rand(rng, (2, 0), dt), 5, 1, 2))]


def _scatter_region_errors(rng):
    a = _f(rng, (3, 4))
    return [ErrorSample((a, _f(rng, (3,)), 0, 1), exc=RuntimeError,
                        match=r"expected src to have a size equal to the slice of self. src size "
                              r"= \[3\], slice size = \[4\]"),
            ErrorSample((a, _f(rng, (4,)), 0, 5), exc=IndexError,
                        match=r"select\(\): index 5 out of range for tensor of size \[3, 4\] at "
                              "dimension 0")]


REGION = [
    OpInfo("slice_scatter", lambda lib, a, s, *args: lib.slice_scatter(a, s, *args),
           _sl_samples, gradgrad=True,
           errors=lambda rng: [ErrorSample((_f(rng, (3, 4)), _f(rng, (3, 3)), 1, None, None, 2),
                                           exc=RuntimeError, match=r"src size = \[3, 3\], slice "
                                                                   r"size = \[3, 2\]"),
                               ErrorSample((_f(rng, (3, 4)), _f(rng, (3, 4)), 0, 0, 3, -1),
                                           exc=RuntimeError, match="slice step must be positive")]),
    OpInfo("select_scatter", lambda lib, a, s, *args: lib.select_scatter(a, s, *args),
           _se_samples, errors=_scatter_region_errors),
    OpInfo("diagonal_scatter", lambda lib, a, s, *args: lib.diagonal_scatter(a, s, *args),
           _di_samples,
           errors=lambda rng: [ErrorSample((_f(rng, (3, 4)), _f(rng, (2,)), 1),
                                           exc=RuntimeError, match=r"src size = \[2\], slice "
                                                                   r"size = \[3\]")]),
    OpInfo("slice_scatter/int", lambda lib, a, s: lib.slice_scatter(a, s, 1, 1, 3),
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int64"), rand(rng, (3, 2), "int64")))],
           dtypes=("int",), grad=False),
]


# ---------------------------------------------------------------- nonzero / where
def _with_zeros(rng, shape, dt):
    a = rand(rng, shape, dt)
    return np.where(rng.random(shape) < 0.4, 0, a).astype(dt)


def _nonzero(lib, a):
    return (lib.nonzero(a), lib.nonzero(a, as_tuple=True), a.nonzero(),
            a.nonzero(as_tuple=True), lib.argwhere(a), a.argwhere(), lib.where(a != 0),
            lib.nonzero_static(a, size=3), lib.nonzero_static(a, size=20, fill_value=-5))


def _nz_samples(rng, dt):
    d = dt if dt != "int" else "int64"
    out = [Sample((_with_zeros(rng, (3, 4), d),)), Sample((_with_zeros(rng, (2, 3, 2), d),)),
           Sample((_with_zeros(rng, (5,), d),)), Sample((np.zeros((0, 3), d),)),
           Sample((np.ones((), d),)), Sample((np.zeros((), d),))]
    if dt == "int":
        out += [Sample((rng.random((3, 4)) < 0.5,)), Sample((_with_zeros(rng, (3, 4), "int32"),))]
    return out


def _where(lib, c, a, b):
    return lib.where(c, a, b), a.where(c, b)


def _where_samples(rng, dt):
    return [Sample((rng.random((3, 4)) < 0.5, rand(rng, (3, 4), dt), rand(rng, (3, 4), dt))),
            Sample((rng.random((3, 1)) < 0.5, rand(rng, (1, 4), dt), rand(rng, (2, 3, 4), dt))),
            Sample((rng.random((3, 4)) < 0.5, rand(rng, (3, 4), dt), rand(rng, (), dt))),
            Sample((rng.random((3, 4)) < 0.5, rand(rng, (3, 4), dt), rand(rng, (4,), "float64")))]


def _where_scalars(lib, c, a):
    return (lib.where(c, a, 0.0), lib.where(c, 2, a), lib.where(c, 1, 2.5), lib.where(c, 1, 0),
            lib.where(c, True, False), lib.where(c, a, -1))


def _where_int(lib, c, a, b):
    return (lib.where(c, a, b), lib.where(c, a, 2.5), lib.where(c, a, 7), lib.where(c, b, a),
            lib.where(c, a.double(), b), lib.where(c, a, b.to(lib.int8)),
            lib.where(c, a.to(lib.int8), 100), lib.where(c.to(lib.bool), b, lib.tensor(1.5)))


def _where_errors(rng):
    c = rng.random((3, 4)) < 0.5
    a = _f(rng, (3, 4))
    return [ErrorSample((c.astype(np.int32), a, a), exc=RuntimeError,
                        match="where expected condition to be a boolean tensor, but got a tensor "
                              "with dtype Int"),
            ErrorSample((c, a, _f(rng, (2,))), exc=RuntimeError,
                        match=r"The size of tensor a \(4\) must match the size of tensor b \(2\) "
                              "at non-singleton dimension 1"),
            ErrorSample((c, rand(rng, (3, 4), "int8"), 1000), exc=RuntimeError,
                        match="value cannot be converted to type int8_t without overflow")]


WHERE = [
    OpInfo("nonzero", _nonzero, _nz_samples, dtypes=("float32", "float64", "int"), grad=False,
           covers=("argwhere", "nonzero_static", "Tensor.nonzero", "Tensor.argwhere")),
    OpInfo("nonzero/out", lambda lib, a: lib.nonzero(a, out=lib.empty(0, dtype=lib.int64)),
           lambda rng, dt: [Sample((_with_zeros(rng, (3, 4), dt),))], grad=False),
    OpInfo("where", _where, _where_samples, errors=_where_errors, gradgrad=True,
           covers=("Tensor.where",)),
    OpInfo("where/scalars", _where_scalars,
           lambda rng, dt: [Sample((rng.random((3, 4)) < 0.5, rand(rng, (3, 4), dt)))]),
    OpInfo("where/int", _where_int,
           lambda rng, dt: [Sample((rng.random((3, 4)) < 0.5, rand(rng, (3, 4), "int64"),
                                    rand(rng, (4,), "int32")))], dtypes=("int",), grad=False),
    OpInfo("where/out", lambda lib, c, a, odt=None: lib.where(
               c, a, -a, out=lib.empty(3, 4, dtype=odt or a.dtype)),
           lambda rng, dt: [Sample((rng.random((3, 4)) < 0.5, rand(rng, (3, 4), dt)))],
           grad=False,
           errors=lambda rng: [ErrorSample((rng.random((3, 4)) < 0.5, _f(rng, (3, 4))),
                                           {"odt": "dtype:float64"}, exc=RuntimeError,
                                           match="Expected out type to be Float but got Double")]),
]


ROWS = GETITEM + SETITEM + INDEX_DIM + GATHER + MASKED + TAKE_PUT + REGION + WHERE

"""opdb rows: shape ops (views, joins, splits, flips, repeats)."""

import warnings

import numpy as np

from opdb import ErrorSample, OpInfo, Sample, rand


def _one(*specs):
    """Samples of one random tensor each: ``specs`` are shapes or (shape, kwargs)."""
    def samples(rng, dt):
        out = []
        for s in specs:
            shape, kw = s if isinstance(s, tuple) and len(s) == 2 and isinstance(s[1], dict) \
                else (s, {})
            out.append(Sample((rand(rng, shape, dt),), kw))
        return out
    return samples


def _list(*groups):
    """Samples of one list of tensors each: ``groups`` are tuples of shapes (+ kwargs)."""
    def samples(rng, dt):
        out = []
        for g in groups:
            shapes, kw = (g[:-1], g[-1]) if isinstance(g[-1], dict) else (g, {})
            out.append(Sample(([rand(rng, s, dt) for s in shapes],), kw))
        return out
    return samples


def _int(*shapes_dtypes):
    return lambda rng, dt: [Sample((rand(rng, s, d),)) for s, d in shapes_dtypes]


def _err(*cases):
    """Error samples from (shape, args, exc, match): a float32 tensor of shape first."""
    def errors(rng):
        out = []
        for shape, args, exc, match in cases:
            a = rand(rng, shape, "float32") if shape is not None else None
            out.append(ErrorSample(((a,) if a is not None else ()) + args, exc=exc, match=match))
        return out
    return errors


def _list_err(*cases):
    def errors(rng):
        return [ErrorSample(([rand(rng, s, d) for s, d in shapes],) + args, exc=exc, match=m)
                for shapes, args, exc, m in cases]
    return errors


INT_SAMPLES = _int(((3, 4), "int64"), ((2, 3), "bool"), ((4,), "uint8"), ((2, 2), "int32"))


# ---------------------------------------------------------------- view semantics
def _view_ops(lib):
    """(name, op) pairs for ops that return views of a (2, 3, 4) tensor."""
    return [
        ("view", lambda b: b.view(6, 4)),
        ("view_as", lambda b: b.view_as(lib.zeros(24))),
        ("reshape", lambda b: b.reshape(4, -1)),
        ("permute", lambda b: b.permute(2, 0, 1)),
        ("transpose", lambda b: b.transpose(0, 2)),
        ("t", lambda b: lib.t(b[0])),
        ("squeeze", lambda b: b[:1].squeeze(0)),
        ("unsqueeze", lambda b: b.unsqueeze(1)),
        ("expand", lambda b: b[:, :1].expand(2, 5, 4)),
        ("narrow", lambda b: b.narrow(2, 1, 2)),
        ("select", lambda b: lib.select(b, 1, -1)),
        ("unbind", lambda b: b.unbind(1)[1]),
        ("split", lambda b: b.split(2, 2)[1]),
        ("chunk", lambda b: b.chunk(3, 1)[2]),
        ("tensor_split", lambda b: lib.tensor_split(b, [1, 3], 2)[1]),
        ("unflatten", lambda b: b.unflatten(2, (2, 2))),
        ("flatten", lambda b: b.flatten(1)),
        ("ravel", lambda b: b.ravel()),
        ("movedim", lambda b: b.movedim(0, -1)),
        ("unfold", lambda b: b.unfold(2, 2, 2)),  # overlapping windows: no writes
        ("as_strided", lambda b: b.as_strided((3, 2), (4, 1), 1)),
        ("swapaxes", lambda b: b.swapaxes(0, 1)),
        ("adjoint", lambda b: lib.adjoint(b)),
        ("hsplit", lambda b: lib.hsplit(b, 3)[0]),
        ("atleast_3d", lambda b: lib.atleast_3d(b[0])),
    ]


def _view_semantics(lib, a):
    """For each view op: is it a view of its base, its strides, its storage offset; then a
    write through it, which shows in the base and bumps the shared version counter."""
    out = []
    for name, op in _view_ops(lib):
        b = a.detach().clone()
        v = op(b)
        out += [name, v._base is b, v.is_contiguous(), tuple(v.stride()), v.storage_offset()]
        if name != "expand":  # torch refuses in-place writes to overlapping memory
            v.add_(1)
            out += [b, b._version, v._version]
    return out


def _copy_semantics(lib, a):
    """Ops that copy: the result is no view, and writing to it leaves the input alone."""
    out = []
    ops = [("reshape", lambda b: b.transpose(0, 1).reshape(-1)),
           ("flatten", lambda b: b.transpose(0, 1).flatten()),
           ("contiguous", lambda b: b.transpose(0, 1).contiguous()),
           ("flip", lambda b: b.flip(0)), ("roll", lambda b: b.roll(1, 1)),
           ("rot90", lambda b: lib.rot90(b, 1, (1, 2))), ("repeat", lambda b: b.repeat(1, 2, 1)),
           ("cat", lambda b: lib.cat([b, b])), ("stack", lambda b: lib.stack([b, b])),
           ("narrow_copy", lambda b: lib.narrow_copy(b, 1, 0, 2)),
           ("repeat_interleave", lambda b: b.repeat_interleave(2, 1))]
    for name, op in ops:
        b = a.detach().clone()
        c = op(b)
        out += [name, c._base is None, c.is_contiguous(), tuple(c.stride())]
        c.zero_()
        out += [b, b._version]
    b = a.detach().clone()
    out += [b.contiguous() is b, b.flatten(0, 0) is b, lib.atleast_1d(b) is b,
            lib.broadcast_tensors(b, b[0])[0] is b]
    return out


def _grad_fns(lib, a):
    """torch's grad_fn names for each op, on a (2, 3, 4) leaf requiring grad."""
    x = a.detach().requires_grad_()
    y = x * 1

    def name(r):
        if isinstance(r, (tuple, list)):
            return [name(v) for v in r] + [r[0].grad_fn is r[-1].grad_fn]
        return type(r.grad_fn).__name__

    ops = [
        x.view(24), x.view_as(x), x.reshape(6, 4), x.transpose(0, 1).reshape(-1),
        x.reshape_as(x), x.permute(1, 0, 2), x.transpose(0, 1), x.swapdims(0, 1), lib.t(x[0]),
        lib.t(x[0, 0]), lib.adjoint(x), x.mT, x[0].T, x[:1].squeeze(), x[:1].squeeze(0),
        x[:1].squeeze((0,)), x.unsqueeze(0), x.flatten(), x.transpose(0, 1).flatten(),
        x.unflatten(2, (2, 2)), x.ravel(), x.transpose(0, 1).ravel(), x[:, :1].expand(2, 3, 4),
        x[:, :1].expand_as(x), lib.broadcast_to(x, (2, 2, 3, 4)), x.repeat(1, 1, 2),
        lib.tile(x, (2,)), x.repeat_interleave(2, 1), x.repeat_interleave(2),
        x.repeat_interleave(lib.tensor([1, 0, 2]), 1), lib.cat([x, x]), lib.stack([x, x]),
        lib.hstack([x, x]), lib.vstack([x, x]), lib.dstack([x, x]),
        lib.column_stack([x[0, 0], x[0, 1]]), x.split(2, 2), x.split([1, 3], 2),
        x.chunk(2, 2), lib.tensor_split(x, 2, 2), x.unbind(1), x.flip(0), lib.fliplr(x),
        lib.flipud(x), x.roll(1), x.roll(1, 0), lib.rot90(x), x.transpose(0, 1).contiguous(),
        x.narrow(1, 0, 2), lib.narrow_copy(x, 1, 0, 2), lib.select(x, 1, 0), x.movedim(0, 2),
        x.unfold(2, 2, 2), x.as_strided((2, 2), (1, 1)), lib.atleast_2d(x[0, 0]),
        lib.atleast_3d(x[0]), lib.atleast_1d(x[0, 0, 0]), lib.meshgrid(x[0, 0], x[0, 1],
                                                                       indexing="ij"),
        lib.hsplit(x, 3), lib.broadcast_tensors(x, x[0])[0],
    ]
    out = [name(r) for r in ops]
    for op in (lambda z: z.transpose_(0, 1), lambda z: z.t_(), lambda z: z.squeeze_(),
               lambda z: z.squeeze_(0), lambda z: z.squeeze_((0,)), lambda z: z.unsqueeze_(0)):
        out.append(name(op(y[:1, 0] * 1)))  # a (1, 4) non-leaf
    return out


def _version_checks(lib, a):
    """In-place shape changes return self, keep memory and bump the version."""
    out = []
    for op in (lambda z: z.unsqueeze_(0), lambda z: z.squeeze_(), lambda z: z.t_(),
               lambda z: z.transpose_(0, 1), lambda z: z.resize_(3, 2), lambda z: z.resize_(2)):
        b = a.detach().clone()
        v = b.view(-1)
        r = op(b)
        out += [r is b, tuple(b.shape), b._version, v._version, b]
    # in place on a leaf that requires grad: torch's RuntimeError
    for op in (lambda z: z.unsqueeze_(0), lambda z: z.squeeze_(), lambda z: z.t_(),
               lambda z: z.transpose_(0, 1), lambda z: z.resize_(6)):
        try:
            op(a.detach().clone().requires_grad_())
            out.append("no error")
        except RuntimeError as e:
            out.append(str(e))
    return out


def _ri_errors(rng):
    a = rand(rng, (2, 3), "float32")
    return [
        ErrorSample((a, -1), exc=RuntimeError, match="Repeats must be non-negative"),
        ErrorSample((a, np.array([1, 2])), {"dim": 1}, exc=RuntimeError,
                    match=r"repeats must have the same size as input along dim, but got "
                          r"repeats.size\(0\) = 2 and input.size\(1\) = 3"),
        ErrorSample((a, np.array([[1, 2]])), exc=RuntimeError,
                    match="repeats must be 0-dim or 1-dim tensor"),
        ErrorSample((a, np.array([1, -1, 1])), {"dim": 1}, exc=RuntimeError,
                    match="repeats can not be negative"),
        ErrorSample((a, 2), {"dim": 0, "output_size": 5}, exc=RuntimeError,
                    match=r"Invalid output_size, expected 4 but got 5"),
        ErrorSample((a, np.array([1.0, 2.0, 1.0])), {"dim": 1}, exc=NotImplementedError,
                    match="not implemented for 'Double'"),
    ]


def _no_indexing(lib, a, b):
    """meshgrid without ``indexing`` warns and defaults to 'ij'. torch warns once per
    process, so this row is the only caller and runs once (float32, no grad test)."""
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        r = lib.meshgrid(a, b)
    return r + (len(w), str(w[0].message).split(" (Triggered")[0] if w else "")


# ---------------------------------------------------------------- rows
S234 = (2, 3, 4)

ROWS = [
    # view / reshape / flatten
    OpInfo("Tensor.view", lambda lib, a, shape: a.view(shape), lambda rng, dt: [
        Sample((rand(rng, S234, dt), (6, 4))), Sample((rand(rng, S234, dt), (-1,))),
        Sample((rand(rng, S234, dt), (4, -1, 2))), Sample((rand(rng, (), dt), (1, 1))),
        Sample((rand(rng, (1,), dt), ())), Sample((rand(rng, (0, 3), dt), (3, 0, 2)))],
        gradgrad=True, errors=_err(
            (S234, ((5, 5),), RuntimeError, r"shape '\[5, 5\]' is invalid for input of size 24"),
            (S234, ((-1, -1),), RuntimeError, "only one dimension can be inferred"),
            (S234, ((-2, 12),), RuntimeError, "invalid shape dimension -2"),
            ((0, 3), ((-1, 0),), RuntimeError, "ambiguous"))),
    OpInfo("Tensor.view/varargs",
           lambda lib, a: (a.view(4, 6), a.view(-1, 2, 3), a.view(size=(24,))), _one(S234)),
    OpInfo("Tensor.view/noncontiguous", lambda lib, a: a.transpose(0, 1).view(-1),
           lambda rng, dt: [],
           errors=_err((S234, (), RuntimeError, "view size is not compatible"))),
    OpInfo("Tensor.view/dtype", lambda lib, a: (a.view(lib.int32), a.view(lib.int16),
                                                a.view(lib.uint8)),
           _int(((3, 4), "float32"), ((3, 4), "int32")), dtypes=("int",), grad=False),
    OpInfo("Tensor.view/dtype_errors", lambda lib, a, dt: a.view(getattr(lib, dt)), lambda r, d: [],
           errors=lambda rng: [
               ErrorSample((rand(rng, (3, 3), "float32"), "float64"), exc=RuntimeError,
                           match="must be divisible by 2"),
               ErrorSample((rand(rng, (), "float32"), "float16"), exc=RuntimeError,
                           match="cannot be 0")]),
    OpInfo("Tensor.view_as", lambda lib, a, b: a.view_as(b), lambda rng, dt: [
        Sample((rand(rng, S234, dt), rand(rng, (4, 6), dt)), grad_args=(0,))]),
    OpInfo("reshape", lambda lib, a, shape: lib.reshape(a, shape), lambda rng, dt: [
        Sample((rand(rng, S234, dt), (4, -1))), Sample((rand(rng, (), dt), (-1,))),
        Sample((rand(rng, (1, 1), dt), ())), Sample((rand(rng, (0, 4), dt), (2, 0, 2))),
        Sample((rand(rng, (0, 4), dt), (-1, 2)))],
        covers=("Tensor.reshape",), gradgrad=True, errors=_err(
            (S234, ((7,),), RuntimeError, r"shape '\[7\]' is invalid for input of size 24"),
            (S234, ((),), RuntimeError, "invalid for input of size 24"))),
    OpInfo("reshape/method", lambda lib, a: (a.reshape(3, 8), a.reshape((8, 3)), a.reshape([-1]),
                                             a.reshape(shape=(2, 12))), _one(S234)),
    OpInfo("reshape/noncontiguous", lambda lib, a: lib.reshape(a.permute(2, 0, 1), (4, 6)),
           _one(S234), gradgrad=True),
    OpInfo("reshape/int", lambda lib, a: a.reshape(-1, 1), INT_SAMPLES, dtypes=("int",),
           grad=False),
    OpInfo("Tensor.reshape_as", lambda lib, a, b: a.reshape_as(b), lambda rng, dt: [
        Sample((rand(rng, S234, dt).transpose(1, 0, 2).copy(), rand(rng, (6, 4), dt)),
               grad_args=(0,))]),
    OpInfo("flatten", lambda lib, a, *args, **kw: lib.flatten(a, *args, **kw), _one(
        S234, (S234, {"start_dim": 1}), (S234, {"start_dim": 0, "end_dim": -2}),
        (S234, {"start_dim": 1, "end_dim": 1}), ((), {}), ((5,), {}), ((2, 0, 3), {})),
        covers=("Tensor.flatten",), errors=_err(
            (S234, (2, 1), RuntimeError, "start_dim cannot come after end_dim"),
            (S234, (0, 3), IndexError, "Dimension out of range"))),
    OpInfo("flatten/noncontiguous", lambda lib, a: a.transpose(0, 2).flatten(1), _one(S234)),
    OpInfo("ravel", lambda lib, a: lib.ravel(a), _one(S234, (), (0, 3)), covers=("Tensor.ravel",)),
    OpInfo("ravel/noncontiguous", lambda lib, a: a.transpose(0, 1).ravel(), _one(S234)),
    OpInfo("unflatten", lambda lib, a, dim, sizes: lib.unflatten(a, dim, sizes), lambda rng, dt: [
        Sample((rand(rng, S234, dt), 2, (2, 2))), Sample((rand(rng, S234, dt), -1, (-1, 2))),
        Sample((rand(rng, S234, dt), 0, [2, 1])), Sample((rand(rng, (3, 0), dt), 1, (4, 0)))],
        covers=("Tensor.unflatten",), errors=_err(
            (S234, (2, (3, 2)), RuntimeError, r"Provided sizes \[3, 2\] don't multiply up"),
            (S234, (2, (-1, 3)), RuntimeError, "don't multiply up"),
            (S234, (2, ()), RuntimeError, "sizes must be non-empty"),
            (S234, (2, (-1, -1)), RuntimeError, "unexpected error"))),
    OpInfo("unflatten/noncontiguous", lambda lib, a: a.mT.unflatten(0, (2, 2)), _one((3, 4))),
    OpInfo("Tensor.contiguous", lambda lib, a: (a.contiguous(), a.transpose(0, 2).contiguous(),
                                                a.transpose(0, 2).contiguous().is_contiguous()),
           _one(S234), gradcheck=False),

    # permute / transpose
    OpInfo("permute", lambda lib, a, dims: lib.permute(a, dims), lambda rng, dt: [
        Sample((rand(rng, S234, dt), (2, 0, 1))), Sample((rand(rng, S234, dt), (-1, 0, -2))),
        Sample((rand(rng, (), dt), ())), Sample((rand(rng, (3, 0), dt), (1, 0)))],
        covers=("Tensor.permute",), gradgrad=True, errors=_err(
            (S234, ((0, 1),), RuntimeError, "number of dimensions in the tensor input"),
            (S234, ((0, 1, 1),), RuntimeError, "duplicate dims are not allowed"),
            (S234, ((0, 1, 3),), IndexError, "Dimension out of range"))),
    OpInfo("permute/method", lambda lib, a: (a.permute(1, 0, 2), a.permute([2, 1, 0]),
                                             a.permute(dims=(0, 2, 1)), a[0].T), _one(S234)),
    OpInfo("permute/int", lambda lib, a: a.permute(1, 0), _int(
        ((3, 4), "int64"), ((2, 3), "bool")), dtypes=("int",), grad=False),
    OpInfo("transpose", lambda lib, a, d0, d1: lib.transpose(a, d0, d1), lambda rng, dt: [
        Sample((rand(rng, S234, dt), 0, -1)), Sample((rand(rng, S234, dt), 1, 1)),
        Sample((rand(rng, (), dt), 0, -1))],
        covers=("Tensor.transpose", "swapaxes", "swapdims", "Tensor.swapaxes",
                "Tensor.swapdims"), gradgrad=True,
        errors=_err((S234, (0, 3), IndexError, "Dimension out of range"))),
    OpInfo("transpose/aliases", lambda lib, a: (lib.swapaxes(a, 0, 1), lib.swapdims(a, 2, 0),
                                                a.swapaxes(1, 2), a.swapdims(-1, 0), a.mT),
           _one(S234)),
    OpInfo("Tensor.transpose_", lambda lib, a: (a * 1).transpose_(0, 2) * 2, _one(S234)),
    OpInfo("t", lambda lib, a: lib.t(a), _one((3, 4), (5,), ()), gradgrad=True,
           errors=_err((S234, (), RuntimeError, r"t\(\) expects a tensor with <= 2 dimensions"))),
    OpInfo("Tensor.t_", lambda lib, a: (a * 1).t_() * 2, _one((3, 4), (5,)),
           errors=lambda rng: [ErrorSample((rand(rng, S234, "float32"),), exc=RuntimeError,
                                           match=r"t_\(\) expects")]),
    OpInfo("adjoint", lambda lib, a: lib.adjoint(a), _one((3, 4), S234),
           errors=_err(((5,), (), RuntimeError, "only supported on matrices"))),
    OpInfo("movedim", lambda lib, a, s, d: lib.movedim(a, s, d), lambda rng, dt: [
        Sample((rand(rng, S234, dt), 0, 2)), Sample((rand(rng, S234, dt), -1, 0)),
        Sample((rand(rng, S234, dt), (0, 1), (2, 0))),
        Sample((rand(rng, (2, 3, 4, 5), dt), [3, 0], [0, -1])), Sample((rand(rng, (), dt), 0, 0))],
        covers=("moveaxis", "Tensor.movedim", "Tensor.moveaxis"), errors=_err(
            (S234, ((0, 0), (1, 2)), RuntimeError, "repeated dim in `source`"),
            (S234, ((0, 1), (1, 1)), RuntimeError, "repeated dim in `destination`"),
            (S234, ((0, 1), (1,)), RuntimeError, "should contain the same number of dims"),
            (S234, (3, 0), IndexError, "Dimension out of range"))),
    OpInfo("movedim/aliases", lambda lib, a: (lib.moveaxis(a, 0, 1), a.moveaxis(2, 0),
                                              a.movedim((1,), (0,))), _one(S234)),

    # squeeze / unsqueeze / atleast
    OpInfo("squeeze", lambda lib, a, *args, **kw: lib.squeeze(a, *args, **kw), _one(
        (1, 3, 1, 2), ((1, 3, 1, 2), {"dim": 2}), ((1, 3, 1, 2), {"dim": 1}),
        ((1, 3, 1, 2), {"dim": (0, -2)}), ((1, 3, 1, 2), {"dim": [1, 2]}),
        ((1, 3, 1, 2), {"dim": ()}), ((), {}), ((), {"dim": 0}), ((), {"dim": -1}),
        ((1, 0), {})), covers=("Tensor.squeeze",), gradgrad=True, errors=_err(
            ((3, 4), (2,), IndexError, "Dimension out of range"),
            ((1, 3, 1), ((0, 0),), RuntimeError, "dim 0 appears multiple times"),
            ((1, 3, 1), ((0, -3),), RuntimeError, "appears multiple times"))),
    OpInfo("squeeze/method", lambda lib, a: (a.squeeze(), a.squeeze(0), a.squeeze((0, 2))),
           _one((1, 3, 1)), grad=True),
    OpInfo("Tensor.squeeze_", lambda lib, a: ((a * 1).squeeze_() * 2, (a * 1).squeeze_(0),
                                              (a * 1).squeeze_((0, 2)) + 0),
           _one((1, 3, 1))),
    OpInfo("unsqueeze", lambda lib, a, dim: lib.unsqueeze(a, dim), lambda rng, dt: [
        Sample((rand(rng, (2, 3), dt), 1)), Sample((rand(rng, (2, 3), dt), -1)),
        Sample((rand(rng, (2, 3), dt), -3)), Sample((rand(rng, (), dt), 0)),
        Sample((rand(rng, (0,), dt), 1))],
        covers=("Tensor.unsqueeze",), gradgrad=True,
        errors=_err(((2, 3), (3,), IndexError, "Dimension out of range"),
                    ((2, 3), (-4,), IndexError, "Dimension out of range"))),
    OpInfo("Tensor.unsqueeze_", lambda lib, a: (a * 1).unsqueeze_(-1) * 2, _one((2, 3), ())),
    OpInfo("unsqueeze/int", lambda lib, a: (a.unsqueeze(0), a.squeeze(), lib.t(a)),
           _int(((3, 4), "int64"), ((1, 3), "bool")), dtypes=("int",), grad=False),
    OpInfo("atleast_1d", lambda lib, *a: lib.atleast_1d(*a), lambda rng, dt: [
        Sample((rand(rng, (), dt),)), Sample((rand(rng, (3,), dt),)),
        Sample((rand(rng, (2, 3), dt),)), Sample((rand(rng, (), dt), rand(rng, (2,), dt))),
        Sample(([rand(rng, (), dt), rand(rng, (2, 2), dt)],)), Sample(([rand(rng, (), dt)],))]),
    OpInfo("atleast_2d", lambda lib, *a: lib.atleast_2d(*a), lambda rng, dt: [
        Sample((rand(rng, (), dt),)), Sample((rand(rng, (3,), dt),)),
        Sample((rand(rng, (2, 3), dt),)), Sample((rand(rng, S234, dt),)),
        Sample((rand(rng, (), dt), rand(rng, (2,), dt)))]),
    OpInfo("atleast_3d", lambda lib, *a: lib.atleast_3d(*a), lambda rng, dt: [
        Sample((rand(rng, (), dt),)), Sample((rand(rng, (3,), dt),)),
        Sample((rand(rng, (2, 3), dt),)), Sample((rand(rng, (2, 3, 4, 1), dt),)),
        Sample(([rand(rng, (3,), dt), rand(rng, (2, 3), dt)],))]),

    # expand / broadcast
    OpInfo("Tensor.expand", lambda lib, a, size: a.expand(size), lambda rng, dt: [
        Sample((rand(rng, (3, 1), dt), (3, 4))), Sample((rand(rng, (3, 1), dt), (2, -1, 5))),
        Sample((rand(rng, (), dt), (2, 3))), Sample((rand(rng, (4,), dt), (4,))),
        Sample((rand(rng, (1,), dt), (0,))), Sample((rand(rng, (), dt), ()))],
        gradgrad=True, errors=_err(
            ((3, 4), ((3, 5),), RuntimeError, r"The expanded size of the tensor \(5\) must match "
                                              r"the existing size \(4\) at non-singleton "
                                              r"dimension 1.  Target sizes: \[3, 5\]"),
            ((3, 4), ((4,),), RuntimeError, r"expand\(torch.FloatTensor\{\[3, 4\]\}, size=\[4\]\):"
                                            r" the number of sizes provided \(1\)"),
            ((3, 4), ((-1, 3, 4),), RuntimeError, "isn't allowed in a leading, non-existing"))),
    OpInfo("Tensor.expand/varargs", lambda lib, a: (a.expand(2, 3, 4), a.expand(-1, 4),
                                                    a.expand(size=(5, 3, 4))), _one((3, 1))),
    OpInfo("Tensor.expand_as", lambda lib, a, b: a.expand_as(b), lambda rng, dt: [
        Sample((rand(rng, (3, 1), dt), rand(rng, (2, 3, 4), dt)), grad_args=(0,))]),
    OpInfo("broadcast_to", lambda lib, a, s: lib.broadcast_to(a, s), lambda rng, dt: [
        Sample((rand(rng, (3, 1), dt), (2, 3, 4))), Sample((rand(rng, (3, 1), dt), [-1, 4]))],
        covers=("Tensor.broadcast_to",),
        errors=_err(((3, 4), ((5, 4),), RuntimeError, "must match the existing size"))),
    OpInfo("broadcast_tensors", lambda lib, *a: lib.broadcast_tensors(*a), lambda rng, dt: [
        Sample((rand(rng, (3, 1), dt), rand(rng, (4,), dt))),
        Sample((rand(rng, (2, 1, 1), dt), rand(rng, (3, 1), dt), rand(rng, (), dt))),
        Sample((rand(rng, (2, 3), dt),))],
        errors=lambda rng: [ErrorSample((rand(rng, (2,), "float32"), rand(rng, (3,), "float32")),
                                        exc=RuntimeError, match=r"The size of tensor a \(2\) must "
                                        r"match the size of tensor b \(3\) at non-singleton "
                                        r"dimension 0")]),
    OpInfo("broadcast_shapes", lambda lib, *s: lib.broadcast_shapes(*s), lambda rng, dt: [
        Sample(((2, 1), (4,), (1, 1, 1))), Sample((3, (2, 1))), Sample(()),
        Sample(([2, 0], (1,)))], grad=False,
        errors=lambda rng: [
            ErrorSample(((2, 3), (4, 3)), exc=RuntimeError,
                        match=r"Attempting to broadcast a dimension of length 4 at -2! "
                              r"Mismatching argument at index 1 had \(4, 3\); but expected shape"
                              r" should be broadcastable to \[2, 3\]"),
            ErrorSample(((-1,), (2,)), exc=ValueError, match="negative length")]),
    OpInfo("meshgrid", lambda lib, *a, **kw: lib.meshgrid(*a, **kw), lambda rng, dt: [
        Sample((rand(rng, (3,), dt), rand(rng, (2,), dt)), {"indexing": "ij"}),
        Sample((rand(rng, (3,), dt), rand(rng, (2,), dt), rand(rng, (4,), dt)),
               {"indexing": "xy"}),
        Sample(([rand(rng, (3,), dt), rand(rng, (), dt)],), {"indexing": "xy"}),
        Sample((rand(rng, (3,), dt),), {"indexing": "xy"})],
        errors=lambda rng: [
            ErrorSample((rand(rng, (3,), "float32"), rand(rng, (2, 2), "float32")),
                        {"indexing": "ij"}, exc=RuntimeError, match="Expected 0D or 1D tensor"),
            ErrorSample((rand(rng, (3,), "float32"), rand(rng, (2,), "float64")),
                        {"indexing": "ij"}, exc=RuntimeError, match="same dtype"),
            ErrorSample((rand(rng, (3,), "float32"),), {"indexing": "ab"}, exc=RuntimeError,
                        match="indexing must be one of"),
            ErrorSample((), {"indexing": "ij"}, exc=RuntimeError, match="non-empty")]),
    OpInfo("meshgrid/no_indexing", lambda lib, a, b: _no_indexing(lib, a, b), lambda rng, dt: [
        Sample((rand(rng, (3,), dt), rand(rng, (2,), dt)))], dtypes=("float32",), grad=False),

    # repeat / tile / repeat_interleave
    OpInfo("Tensor.repeat", lambda lib, a, reps: a.repeat(reps), lambda rng, dt: [
        Sample((rand(rng, (2, 3), dt), (2, 1))), Sample((rand(rng, (2, 3), dt), (3, 1, 2))),
        Sample((rand(rng, (), dt), (2, 3))), Sample((rand(rng, (2, 3), dt), (0, 2))),
        Sample((rand(rng, (), dt), ()))], gradgrad=True, errors=_err(
            ((2, 3), ((2,),), RuntimeError, "can not be smaller than number of dimensions"),
            ((3, 4), ((-1, 1),), RuntimeError, r"negative dimension -3: \[-3, 4\]"))),
    OpInfo("Tensor.repeat/varargs", lambda lib, a: (a.repeat(2, 2), a.repeat(repeats=(1, 1, 2))),
           _one((2, 3))),
    OpInfo("Tensor.repeat/int", lambda lib, a: a.repeat(2, 1), INT_SAMPLES, dtypes=("int",),
           grad=False),
    OpInfo("tile", lambda lib, a, dims: lib.tile(a, dims), lambda rng, dt: [
        Sample((rand(rng, (2, 3), dt), (2,))), Sample((rand(rng, (2, 3), dt), (2, 1, 2))),
        Sample((rand(rng, (2, 3), dt), ())), Sample((rand(rng, (), dt), (3,)))],
        covers=("Tensor.tile",),
        errors=_err(((3, 4), ((-1,),), RuntimeError, "negative dimension"))),
    OpInfo("tile/method", lambda lib, a: (a.tile(2, 1), a.tile((3,))), _one((2, 3))),
    OpInfo("repeat_interleave", lambda lib, a, r, **kw: lib.repeat_interleave(a, r, **kw),
           lambda rng, dt: [
               Sample((rand(rng, (2, 3), dt), 2)), Sample((rand(rng, (2, 3), dt), 2), {"dim": 1}),
               Sample((rand(rng, (2, 3), dt), 3), {"dim": -2, "output_size": 6}),
               Sample((rand(rng, (), dt), 2)), Sample((rand(rng, (2, 3), dt), 0), {"dim": 0}),
               Sample((rand(rng, (2, 3), dt), np.array([1, 0, 2])), {"dim": 1}),
               Sample((rand(rng, (2, 3), dt), np.array([2])), {"dim": 0}),
               Sample((rand(rng, (2, 3), dt), np.array(3))),
               Sample((rand(rng, (2, 2), dt), np.array([1, 2, 0, 1]))),
               Sample((rand(rng, (3, 2), dt), np.array([0, 0, 0])), {"dim": 0})],
           covers=("Tensor.repeat_interleave",), gradgrad=True, errors=_ri_errors),
    OpInfo("repeat_interleave/indices", lambda lib, r: lib.repeat_interleave(r),
           lambda rng, dt: [Sample((np.array([1, 0, 3]),)),
                            Sample((np.array([2, 1], dtype=np.int32),))],
           dtypes=("int",), grad=False),

    # cat / stack
    OpInfo("cat", lambda lib, ts, *args, **kw: lib.cat(ts, *args, **kw), _list(
        ((2, 3), (4, 3)), ((2, 3), (2, 1), (2, 2), {"dim": 1}), ((2, 3), (2, 3), {"dim": -1}),
        ((0,), (2, 3)), ((0,), (0,)), ((2, 0, 3), (2, 2, 3), {"dim": 1}), ((5,),)),
        covers=("concat", "concatenate"), gradgrad=True,
        errors=_list_err(
            ([((3, 4), "float32"), ((2, 3), "float32")], (), RuntimeError,
             r"Sizes of tensors must match except in dimension 0. Expected size 4 but got size 3 "
             r"for tensor number 1 in the list."),
            ([((3, 4), "float32"), ((3, 4, 1), "float32")], (), RuntimeError,
             "Tensors must have same number of dimensions: got 2 and 3"),
            ([((3, 4), "float32"), ((3, 4), "float32")], (2,), IndexError,
             "Dimension out of range"),
            ([((), "float32"), ((), "float32")], (), RuntimeError,
             r"zero-dimensional tensor \(at position 0\) cannot be concatenated"),
            ([], (), ValueError, "expected a non-empty list of Tensors"))),
    OpInfo("cat/aliases", lambda lib, ts: (lib.concat(ts, dim=1), lib.concatenate(ts, axis=1),
                                           lib.concatenate(ts, 0), lib.cat(tuple(ts), 1)),
           _list(((2, 3), (2, 3)))),
    OpInfo("cat/promotion", lambda lib, ts: lib.cat(ts), lambda rng, dt: [
        Sample(([rand(rng, (2,), "int32"), rand(rng, (3,), "float32")],)),
        Sample(([rand(rng, (2,), "int64"), rand(rng, (1,), "bool")],)),
        Sample(([rand(rng, (2,), "uint8"), rand(rng, (2,), "int8")],)),
        Sample(([rand(rng, (0,), "float64"), rand(rng, (2, 2), "float32")],)),
        Sample(([rand(rng, (2, 2), "bool"), rand(rng, (2, 2), "bool")],))],
        dtypes=("int",), grad=False),
    OpInfo("cat/mixed_grad", lambda lib, a, b: lib.cat([a, b.double()]), lambda rng, dt: [
        Sample((rand(rng, (2, 2), dt), rand(rng, (3, 2), "float32")))], dtypes=("float64",),
        gradcheck=False),
    OpInfo("cat/out", lambda lib, a: (lib.cat([a, a], out=lib.empty(4, 3)),
                                      lib.cat([a, a], 1, out=lib.empty(2, 6, dtype=lib.float64))),
           _one((2, 3)), dtypes=("float32",), grad=False),
    OpInfo("cat/out_dtype", lambda lib, ts, **kw: lib.cat(ts, **kw), lambda rng, dt: [],
           errors=lambda rng: [ErrorSample(([rand(rng, (2,), "float32")],),
                                           {"out": np.zeros(2, np.int64)}, exc=TypeError,
                                           match="can't be cast to the desired output type Long")]),
    OpInfo("cat/type_errors", lambda lib, *a: lib.cat(*a), lambda rng, dt: [], errors=lambda rng: [
        ErrorSample((rand(rng, (2,), "float32"),), exc=TypeError, match="must be tuple of Tensors"),
        ErrorSample(([1, 2],), exc=TypeError,
                    match="expected Tensor as element 0 in argument 0, but got int")]),
    OpInfo("stack", lambda lib, ts, *args, **kw: lib.stack(ts, *args, **kw), _list(
        ((2, 3), (2, 3)), ((2, 3), (2, 3), (2, 3), {"dim": 2}), ((2, 3), (2, 3), {"dim": -1}),
        ((), ()), ((0, 2), (0, 2), {"dim": 1})), gradgrad=True,
        errors=_list_err(
            ([((3, 4), "float32"), ((3, 3), "float32")], (), RuntimeError,
             r"stack expects each tensor to be equal size, but got \[3, 4\] at entry 0 and "
             r"\[3, 3\] at entry 1"),
            ([((3, 4), "float32")], (3,), IndexError, "Dimension out of range"),
            ([], (), RuntimeError, "stack expects a non-empty TensorList"))),
    OpInfo("stack/promotion", lambda lib, ts: (lib.stack(ts), lib.stack(ts, 1)), lambda rng, dt: [
        Sample(([rand(rng, (2,), "int32"), rand(rng, (2,), "float32")],)),
        Sample(([rand(rng, (3,), "bool"), rand(rng, (3,), "int8")],))],
        dtypes=("int",), grad=False),
    OpInfo("stack/out", lambda lib, a: lib.stack([a, a], 1, out=lib.empty(2, 2, 3)), _one((2, 3)),
           dtypes=("float32",), grad=False),
    OpInfo("hstack", lambda lib, ts: lib.hstack(ts), _list(
        ((2, 3), (2, 1)), ((3,), (2,)), ((), ()), ((2, 3, 1), (2, 2, 1))),
        errors=_list_err(([], (), RuntimeError, "hstack expects a non-empty TensorList"))),
    OpInfo("vstack", lambda lib, ts: (lib.vstack(ts), lib.row_stack(ts)), _list(
        ((2, 3), (1, 3)), ((3,), (3,)), ((), ()), ((1, 2, 2), (2, 2, 2))),
        covers=("row_stack",),
        errors=_list_err(([], (), RuntimeError, "vstack expects a non-empty TensorList"))),
    OpInfo("dstack", lambda lib, ts: lib.dstack(ts), _list(
        ((2, 3), (2, 3)), ((3,), (3,)), ((), ()), ((2, 2, 1), (2, 2, 3))),
        errors=_list_err(([], (), RuntimeError, "dstack expects a non-empty TensorList"))),
    OpInfo("column_stack", lambda lib, ts: lib.column_stack(ts), _list(
        ((3,), (3,)), ((3, 2), (3,), (3, 1)), ((), ()), ((2, 3), (2, 1))),
        errors=_list_err(([], (), RuntimeError, "column_stack expects a non-empty TensorList"))),
    OpInfo("hstack/out", lambda lib, a: (lib.hstack([a, a], out=lib.empty(2, 6)),
                                         lib.vstack([a, a], out=lib.empty(4, 3)),
                                         lib.dstack([a, a], out=lib.empty(0)),
                                         lib.column_stack([a, a], out=lib.empty(2, 6))),
           _one((2, 3)), dtypes=("float32",), grad=False, covers=("row_stack",)),

    # split / chunk / unbind
    OpInfo("split", lambda lib, a, s, *args, **kw: lib.split(a, s, *args, **kw), lambda rng, dt: [
        Sample((rand(rng, (5, 3), dt), 2)), Sample((rand(rng, (5, 3), dt), 3), {"dim": 1}),
        Sample((rand(rng, (5, 3), dt), [1, 0, 4])), Sample((rand(rng, (5, 3), dt), (1, 2), 1)),
        Sample((rand(rng, (5, 3), dt), 7)), Sample((rand(rng, (0, 2), dt), 0))],
        covers=("Tensor.split",), gradgrad=True, errors=_err(
            ((3, 4), (0,), RuntimeError, "split_size can only be 0 if dimension size is 0"),
            ((3, 4), (-1,), RuntimeError, "split expects split_size be non-negative"),
            ((3, 4), ([1, 1],), RuntimeError, r"split_with_sizes expects split_sizes to sum "
                                              r"exactly to 3"),
            ((3, 4), ([4, -1],), RuntimeError, "only non-negative entries"),
            ((), (1,), RuntimeError, "split expects at least a 1-dimensional tensor"))),
    OpInfo("split/method", lambda lib, a: (a.split(2), a.split([1, 3], 1), a.split(1, dim=-1)),
           _one((3, 4)), gradcheck=False),
    OpInfo("split_with_sizes", lambda lib, a: (lib.split_with_sizes(a, [1, 2]),
                                               lib.split_with_sizes(a, [3, 0, 1], dim=1)),
           _one((3, 4)), gradcheck=False),
    OpInfo("chunk", lambda lib, a, c, **kw: lib.chunk(a, c, **kw), lambda rng, dt: [
        Sample((rand(rng, (5, 3), dt), 2)), Sample((rand(rng, (6, 4), dt), 4)),
        Sample((rand(rng, (5, 3), dt), 3), {"dim": 1}), Sample((rand(rng, (5, 3), dt), 8)),
        Sample((rand(rng, (0, 3), dt), 3)), Sample((rand(rng, (2, 3), dt), 2), {"dim": -1})],
        covers=("Tensor.chunk",), gradgrad=True, errors=_err(
            ((3, 4), (0,), RuntimeError, "chunk expects `chunks` to be greater than 0, got: 0"),
            ((), (1,), RuntimeError, "chunk expects at least a 1-dimensional tensor"))),
    OpInfo("tensor_split", lambda lib, a, s, **kw: lib.tensor_split(a, s, **kw), lambda rng, dt: [
        Sample((rand(rng, (7, 2), dt), 3)), Sample((rand(rng, (7, 2), dt), [2, 9, 1])),
        Sample((rand(rng, (7, 2), dt), (-2,))), Sample((rand(rng, (2, 7), dt), 2), {"dim": 1}),
        Sample((rand(rng, (7, 2), dt), np.array([1, 4]))),
        Sample((rand(rng, (7, 2), dt), np.array(2))), Sample((rand(rng, (3, 2), dt), 5))],
        covers=("Tensor.tensor_split",), errors=_err(
            ((3, 4), (0,), RuntimeError, "number of sections must be larger than 0, got 0"),
            ((), (1,), RuntimeError, "tensor_split expected at least a 1-dimensional tensor"),
            ((3, 4), (np.array([1.0]),), RuntimeError, "to have dtype of long, but got Double"))),
    OpInfo("tensor_split/kwargs", lambda lib, a: (lib.tensor_split(a, sections=2),
                                                  lib.tensor_split(a, indices=[1], dim=1)),
           _one((3, 4)), gradcheck=False),
    OpInfo("hsplit", lambda lib, a, s: lib.hsplit(a, s), lambda rng, dt: [
        Sample((rand(rng, (2, 4), dt), 2)), Sample((rand(rng, (6,), dt), 3)),
        Sample((rand(rng, (2, 4, 3), dt), [1, 3]))], errors=_err(
            ((), (1,), RuntimeError, "requires a tensor with at least 1 dimension, but got a "
                                     "tensor with 0 dimensions!"),
            ((5,), (2,), RuntimeError, "attempted to split along dimension 0, but the size of "
                                       "the dimension 5 is not divisible by the split_size 2!"))),
    OpInfo("vsplit", lambda lib, a, s: lib.vsplit(a, s), lambda rng, dt: [
        Sample((rand(rng, (4, 2), dt), 2)), Sample((rand(rng, (4, 2, 3), dt), [1]))],
        errors=_err(((5,), (5,), RuntimeError, "requires a tensor with at least 2 dimension"),
                    ((3, 2), (2,), RuntimeError, "not divisible"))),
    OpInfo("dsplit", lambda lib, a, s: lib.dsplit(a, s), lambda rng, dt: [
        Sample((rand(rng, (2, 2, 4), dt), 2)), Sample((rand(rng, (2, 1, 4), dt), [1, 2]))],
        errors=_err(((3, 2), (2,), RuntimeError, "requires a tensor with at least 3 dimension"))),
    OpInfo("unbind", lambda lib, a, *d: lib.unbind(a, *d), lambda rng, dt: [
        Sample((rand(rng, (2, 3), dt), 1)), Sample((rand(rng, (2, 3), dt),)),
        Sample((rand(rng, (2, 3, 2), dt), -1)), Sample((rand(rng, (3,), dt), 0)),
        Sample((rand(rng, (0, 2), dt), 0))],
        covers=("Tensor.unbind", "Tensor.__iter__"), gradgrad=True, errors=_err(
            ((), (), IndexError, "Dimension specified as 0 but tensor has no dimensions"),
            ((2, 3), (2,), IndexError, "Dimension out of range"))),
    OpInfo("unbind/iter", lambda lib, a: list(a), _one((3, 2))),
    OpInfo("split/int", lambda lib, a: (a.split(1), a.chunk(2), a.unbind(0),
                                        lib.tensor_split(a, 2), lib.hsplit(a, 1)),
           INT_SAMPLES, dtypes=("int",), grad=False),

    # narrow / select
    OpInfo("narrow", lambda lib, a, *args: lib.narrow(a, *args), lambda rng, dt: [
        Sample((rand(rng, (3, 4), dt), 0, 1, 2)), Sample((rand(rng, (3, 4), dt), -1, 1, 3)),
        Sample((rand(rng, (3, 4), dt), 1, -2, 2)), Sample((rand(rng, (3, 4), dt), 0, 3, 0))],
        covers=("Tensor.narrow",), gradgrad=True, errors=_err(
            ((3, 4), (0, 2, 2), RuntimeError, r"start \(2\) \+ length \(2\) exceeds dimension "
                                              r"size \(3\)."),
            ((3, 4), (0, 0, -1), RuntimeError, "length must be non-negative"),
            ((3, 4), (0, 4, 0), IndexError, r"start out of range \(expected to be in range of "
                                            r"\[-3, 3\], but got 4\)"),
            ((), (0, 0, 1), RuntimeError, "cannot be applied to a 0-dim tensor"))),
    OpInfo("narrow_copy", lambda lib, a: (lib.narrow_copy(a, 0, 1, 2),
                                          lib.narrow_copy(a, -1, 0, 1)), _one((3, 4)),
           gradgrad=True),
    OpInfo("select", lambda lib, a, d, i: lib.select(a, d, i), lambda rng, dt: [
        Sample((rand(rng, (3, 4), dt), 0, 1)), Sample((rand(rng, (3, 4), dt), -1, -1)),
        Sample((rand(rng, (3,), dt), 0, 2))],
        covers=("Tensor.select",), gradgrad=True, errors=_err(
            ((3, 4), (0, 3), IndexError, r"select\(\): index 3 out of range for tensor of size "
                                         r"\[3, 4\] at dimension 0"),
            ((), (0, 0), IndexError, "select.. cannot be applied to a 0-dim tensor"))),

    # flip / roll / rot90
    OpInfo("flip", lambda lib, a, dims: lib.flip(a, dims), lambda rng, dt: [
        Sample((rand(rng, S234, dt), (0,))), Sample((rand(rng, S234, dt), (0, -1))),
        Sample((rand(rng, S234, dt), ())), Sample((rand(rng, (), dt), (0,))),
        Sample((rand(rng, (2, 0), dt), (1,)))],
        covers=("Tensor.flip",), gradgrad=True, errors=_err(
            ((3, 4), ((0, 0),), RuntimeError, "dim 0 appears multiple times in the list of dims"),
            ((3, 4), ((2,),), IndexError, "Dimension out of range"))),
    OpInfo("flip/method", lambda lib, a: (a.flip(0), a.flip(0, 1), a.flip([1]),
                                          a.flip(dims=(2,))), _one(S234)),
    OpInfo("fliplr", lambda lib, a: lib.fliplr(a), _one((3, 4), S234), covers=("Tensor.fliplr",),
           errors=_err(((5,), (), RuntimeError, r"Input must be >= 2-d."))),
    OpInfo("flipud", lambda lib, a: lib.flipud(a), _one((3, 4), (5,)), covers=("Tensor.flipud",),
           errors=_err(((), (), RuntimeError, r"Input must be >= 1-d."))),
    OpInfo("flip/int", lambda lib, a: (a.flip(0), lib.flipud(a), a.roll(1), lib.rot90(a.view(
        -1, 1) if a.dim() == 1 else a)), INT_SAMPLES, dtypes=("int",), grad=False),
    OpInfo("roll", lambda lib, a, s, *d: lib.roll(a, s, *d), lambda rng, dt: [
        Sample((rand(rng, (3, 4), dt), 1)), Sample((rand(rng, (3, 4), dt), -5, 1)),
        Sample((rand(rng, (3, 4), dt), (1, 2), (0, 1))), Sample((rand(rng, (3, 4), dt), [2], [-1])),
        Sample((rand(rng, (3, 4), dt), (1, 1), (0, 0))), Sample((rand(rng, (), dt), 3)),
        Sample((rand(rng, (0, 3), dt), 1, 0))],
        covers=("Tensor.roll",), gradgrad=True, errors=_err(
            ((3, 4), ((1, 2), (0,)), RuntimeError, "shifts and dimensions must align. shifts: 2,"
                                                   " dims:1"),
            ((3, 4), ((1, 2),), RuntimeError, "shifts: 2, dims:0"),
            ((3, 4), ((),), RuntimeError, "`shifts` required"),
            ((), (1, 0), IndexError, "Dimension specified as 0 but tensor has no dimensions"))),
    OpInfo("roll/noncontiguous", lambda lib, a: a.mT.roll(1, 1), _one((3, 4))),
    OpInfo("rot90", lambda lib, a, *args: lib.rot90(a, *args), lambda rng, dt: [
        Sample((rand(rng, (3, 4), dt),)), Sample((rand(rng, (3, 4), dt), 2)),
        Sample((rand(rng, (3, 4), dt), 3)), Sample((rand(rng, (3, 4), dt), -1)),
        Sample((rand(rng, (3, 4), dt), 0)), Sample((rand(rng, (3, 4), dt), 5)),
        Sample((rand(rng, S234, dt), 1, (2, 0))), Sample((rand(rng, S234, dt), 3, [-1, 1]))],
        covers=("Tensor.rot90",), gradgrad=True, errors=_err(
            ((5,), (), RuntimeError, "expected total dims >= 2, but got total dims = 1"),
            ((3, 4), (1, (0, 0)), RuntimeError, "expected rotation dims to be different"),
            ((3, 4), (1, (0,)), RuntimeError, "expected total rotation dims == 2"),
            ((3, 4), (1, (0, 2)), IndexError, "Dimension out of range"))),
    OpInfo("rot90/strides", lambda lib, a: [(tuple(r.stride()), r.is_contiguous()) for r in (
        lib.rot90(a, k) for k in range(4))], _one(S234), grad=False),

    # unfold / as_strided / resize_
    OpInfo("Tensor.unfold", lambda lib, a, *args: a.unfold(*args), lambda rng, dt: [
        Sample((rand(rng, (7,), dt), 0, 2, 1)), Sample((rand(rng, (7,), dt), 0, 3, 2)),
        Sample((rand(rng, (3, 8), dt), 1, 5, 3)), Sample((rand(rng, (6, 3), dt), -2, 2, 2)),
        Sample((rand(rng, (5,), dt), 0, 0, 1)), Sample((rand(rng, (), dt), 0, 1, 1)),
        Sample((rand(rng, (5, 2), dt), 0, 5, 1)), Sample((rand(rng, (5,), dt), 0, 1, 7))],
        gradgrad=True, errors=_err(
            ((5,), (0, 6, 1), RuntimeError, "maximum size for tensor at dimension 0 is 5 but "
                                            "size is 6"),
            ((5,), (0, 2, 0), RuntimeError, "step is 0 but must be > 0"),
            ((5,), (0, -1, 1), RuntimeError, "size is -1 but must be >= 0"),
            ((5,), (1, 1, 1), IndexError, "Dimension out of range"))),
    OpInfo("Tensor.unfold/strides", lambda lib, a: [
        (tuple(u.stride()), u.storage_offset(), u._base is a) for u in (
            a.unfold(1, 3, 2), a.unfold(0, 2, 1), a[1:].unfold(1, 2, 2))], _one((3, 8)),
        grad=False),
    OpInfo("as_strided", lambda lib, a, *args: lib.as_strided(a, *args), lambda rng, dt: [
        Sample((rand(rng, (3, 4), dt), (2, 2), (1, 2))),
        Sample((rand(rng, (3, 4), dt), (3, 3), (1, 1), 2)),  # overlapping windows
        Sample((rand(rng, (6,), dt), (2, 3), (3, 1))), Sample((rand(rng, (3, 4), dt), (), (), 5)),
        Sample((rand(rng, (3, 4), dt), (4,), (3,)))],
        covers=("Tensor.as_strided",), gradgrad=True, errors=_err(
            ((5,), ((3, 3), (2, 1)), RuntimeError, r"setStorage: sizes \[3, 3\], strides \[2, 1\],"
                                                   r" storage offset 0, and itemsize 4 requiring a"
                                                   r" storage size of 28 are out of bounds for "
                                                   r"storage of size 20"),
            ((5,), ((2,), (-1,)), RuntimeError, "Negative strides are not supported"))),
    OpInfo("as_strided/of_view", lambda lib, a: (a[1].as_strided((2, 2), (1, 1)),
                                                 a[1:].as_strided((3,), (2,), 5),
                                                 a.mT.as_strided((2,), (4,))), _one((3, 4))),
    OpInfo("Tensor.resize_", lambda lib, a: (lambda b: (
        b.resize_(2, 3).clone(), b.resize_([2]).clone(), b._version, b.clone().resize_(0),
        b.resize_(1, 1, 2)))(a.clone()), _one((2, 4)), grad=False,
        covers=("Tensor.resize_as_",)),
    OpInfo("resize_as_", lambda lib, a, b: (lib.resize_as_(a.clone(), b),
                                            a.clone().resize_as_(b[:1, :1]),
                                            a.clone().resize_(4, 4)[:2]),
           lambda rng, dt: [Sample((rand(rng, (2, 4), dt), rand(rng, (4, 2), dt)))], grad=False),

    # view semantics, grad_fn names, versions
    OpInfo("Tensor.view/semantics", _view_semantics, _one(S234), grad=False,
           dtypes=("float32",)),
    OpInfo("Tensor.view/copies", _copy_semantics, _one(S234), grad=False, dtypes=("float32",)),
    OpInfo("Tensor.view/grad_fn_names", _grad_fns, _one(S234), grad=False, dtypes=("float64",)),
    OpInfo("Tensor.view/inplace_versions", _version_checks, _one((2, 3)), grad=False,
           dtypes=("float32",)),
]

"""opdb rows: elementwise ops."""

import numpy as np

from opdb import OpInfo, Sample, ErrorSample, rand, positive, away_from_zero


# ---------------------------------------------------------------- sample generators
def _binary(rng, dt):
    return [
        Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt))),
        Sample((rand(rng, (2, 3, 4), dt), rand(rng, (4,), dt))),  # broadcast
        Sample((rand(rng, (3, 1), dt), rand(rng, (1, 5), dt))),
        Sample((rand(rng, (3, 4), dt), 2.5)),  # Python scalar
        # a 0-d float64 doesn't upcast (4 elements: float32 sums agree with torch's)
        Sample((rand(rng, (4,), dt), rand(rng, (), "float64"))),
        Sample((rand(rng, (0, 4), dt), rand(rng, (4,), dt))),  # empty
    ]


def _binary_tensors(gen=rand, gen2=None):
    """Two-Tensor samples (ops whose ``other`` must be a Tensor)."""
    gen2 = gen2 or gen

    def samples(rng, dt):
        return [Sample((gen(rng, (3, 4), dt), gen2(rng, (3, 4), dt))),
                Sample((gen(rng, (2, 3, 4), dt), gen2(rng, (4,), dt))),
                Sample((gen(rng, (3, 1), dt), gen2(rng, (1, 5), dt))),
                Sample((gen(rng, (), dt), gen2(rng, (), dt))),
                Sample((gen(rng, (4,), dt), gen2(rng, (), "float64"))),
                Sample((gen(rng, (0, 3), dt), gen2(rng, (3,), dt)))]
    return samples


def _unary(gen):
    def samples(rng, dt):
        return [Sample((gen(rng, (3, 4), dt),)), Sample((gen(rng, (), dt),)),
                Sample((gen(rng, (2, 0, 3), dt),))]
    return samples


def _int_mixed(rng, dt):
    return [Sample((rand(rng, (3, 4), "int64"), 2.5)),
            Sample((rand(rng, (3, 4), "int32"), rand(rng, (3, 4), "float32"))),
            Sample((rand(rng, (3, 4), "uint8"), rand(rng, (3, 4), "int8"))),
            Sample((rand(rng, (3, 4), "bool"), 3)),
            Sample((rand(rng, (3, 4), "int64"), rand(rng, (), "float64")))]


def _ints(rng, dt=None):
    """One Tensor each of the integer dtypes and bool."""
    return [Sample((rand(rng, (3, 4), d),)) for d in ("int64", "int32", "uint8", "int8", "bool")]


def _int_pairs(gen2=None):
    def samples(rng, dt):
        g = gen2 or rand
        return [Sample((rand(rng, (3, 4), "int64"), g(rng, (3, 4), "int64"))),
                Sample((rand(rng, (2, 3), "int32"), g(rng, (3,), "int32"))),
                Sample((rand(rng, (3, 4), "uint8"), g(rng, (3, 4), "uint8"))),
                Sample((rand(rng, (3, 4), "int64"), g(rng, (3, 4), "float32")))]
    return samples


def _between(low, high):
    return lambda rng, shape, dt="float32": rand(rng, shape, dt, low, high)


_unit = _between(-0.9, 0.9)
_prob = _between(0.05, 0.95)
_wide = _between(-3.0, 3.0)


def _gt1(rng, shape, dt="float32"):
    return rand(rng, shape, dt, 1.2, 3.0)


def _nonzero_int(rng, shape, dt="int64"):
    """Integers without zeros (divisors)."""
    a = rng.integers(1, 5, size=shape) * np.where(rng.random(shape) < 0.5, -1, 1)
    if np.dtype(dt).kind == "u":
        a = np.abs(a)
    return a.astype(dt)


def _gamma_arg(rng, shape, dt="float32"):
    """Positive values and negative non-integers (away from lgamma's poles)."""
    pos = rng.uniform(0.3, 4.0, size=shape)
    neg = -rng.integers(0, 3, size=shape) - rng.uniform(0.2, 0.8, size=shape)
    return np.asarray(np.where(rng.random(shape) < 0.7, pos, neg)).astype(dt)


def _with_specials(rng, shape, dt="float32"):
    """Random values with nan, inf and -inf mixed in."""
    a = rand(rng, shape, dt)
    flat = a.reshape(-1)
    if flat.size >= 3:
        flat[:3] = [np.nan, np.inf, -np.inf]
    return a


def _ties(rng, dt):
    """Pairs for max/min: distinct values, then ties and nans."""
    a, b = rand(rng, (3, 4), dt), rand(rng, (3, 4), dt)
    b2 = b.copy()
    b2[0] = a[0]  # ties
    an, bn = a.copy(), b.copy()
    an[0, 0], bn[1, 1] = np.nan, np.nan
    return [Sample((a, b)), Sample((rand(rng, (2, 3), dt), rand(rng, (3,), dt))),
            Sample((a, b2)), Sample((an, bn))]


def _clamp_away(rng, shape, dt="float32"):
    """Values away from the clamp bounds -0.5 and 0.8 (kinks)."""
    a = rand(rng, shape, dt)
    a = np.where(np.abs(a + 0.5) < 0.05, a + 0.2, a)
    return np.asarray(np.where(np.abs(a - 0.8) < 0.05, a + 0.2, a)).astype(dt)


# ---------------------------------------------------------------- unary ops
# name, input generator, extra covers, gradgrad, Tensor.X_ exists (in numtorch's Tensor),
# torch.X_ exists
_UNARY = [
    ("exp2", rand, (), False, True, True),
    ("expm1", rand, (), False, True, True),
    ("log2", positive, (), False, True, True),
    ("log10", positive, (), False, True, True),
    ("log1p", positive, (), False, True, True),
    ("rsqrt", positive, (), True, True, True),
    ("sin", rand, (), True, True, True),
    ("cos", rand, (), True, True, True),
    ("tan", _between(-1.2, 1.2), (), True, True, True),
    ("asin", _unit, ("arcsin", "arcsin_"), True, True, True),
    ("acos", _unit, ("arccos", "arccos_"), False, True, True),
    ("atan", rand, ("arctan", "arctan_"), True, True, True),
    ("sinh", rand, (), False, True, True),
    ("cosh", rand, (), False, True, True),
    ("asinh", rand, ("arcsinh", "arcsinh_"), False, True, True),
    ("acosh", _gt1, ("arccosh", "arccosh_"), False, True, True),
    ("atanh", _unit, ("arctanh", "arctanh_"), False, True, True),
    ("erf", _wide, (), True, True, True),
    ("erfc", _wide, (), True, True, True),
    ("erfinv", _unit, (), True, True, False),
    ("lgamma", _gamma_arg, (), True, False, False),
    ("digamma", _gamma_arg, (), False, False, False),
    ("deg2rad", rand, (), False, False, True),
    ("rad2deg", rand, (), False, False, True),
    ("sinc", rand, (), True, False, True),
    ("exp", rand, (), True, True, True),
    ("log", positive, (), True, True, True),
    ("sqrt", positive, (), True, True, True),
    ("sigmoid", rand, (), True, True, True),
    ("tanh", rand, (), True, True, True),
    ("reciprocal", away_from_zero, (), True, True, True),
    ("abs", away_from_zero, ("absolute", "absolute_"), False, True, True),
    ("neg", rand, ("negative", "negative_"), False, True, True),
    ("frac", rand, (), False, True, True),
    ("floor", rand, (), False, True, True),
    ("ceil", rand, (), False, True, True),
    ("trunc", rand, ("fix", "fix_"), False, True, True),
    ("sign", away_from_zero, (), False, True, False),
    ("sgn", away_from_zero, (), False, False, False),
    ("angle", away_from_zero, (), False, False, False),
    ("square", rand, (), True, True, True),
]

# ops that keep integer dtypes (the others give the default float dtype)
_INT_OK = {"abs", "neg", "floor", "ceil", "trunc", "sign", "sgn", "square"}
_NO_BOOL = {"abs", "neg", "floor", "ceil", "trunc"}  # torch raises for bool inputs
_NO_INT = {"frac"}


def _unary_rows():
    rows = []
    for name, gen, covers, gg, method_, torch_ in _UNARY:
        def fn(lib, a, _n=name):
            return getattr(lib, _n)(a)

        # torch's gradient of sgn is a ZeroTensor, which the harness can't read
        rows.append(OpInfo(name, fn, _unary(gen), covers=covers + ((name + "_",) if torch_ else ()),
                           gradgrad=gg, errors=_unary_errors(name), grad=name != "sgn"))

        def inplace(lib, a, _n=name, _t=torch_):
            x = a.clone()
            r = getattr(lib, _n + "_")(x) if _t else getattr(x, _n + "_")()
            assert r is x
            with lib.no_grad():
                o = getattr(lib, _n)(a, out=lib.empty(0, dtype=a.dtype))
            return x, o

        if method_ or torch_:
            # torch has no derivative for asinh_/acosh_/atanh_ (NotImplementedError)
            rows.append(OpInfo(name + "/inplace_out", inplace, _unary(gen), gradcheck=False,
                               grad=name not in ("asinh", "acosh", "atanh")))
        if name in _NO_INT:
            continue

        def int_fn(lib, a, _n=name):
            if a.dtype == lib.bool and _n in _NO_BOOL:
                return a
            return getattr(lib, _n)(a)

        rows.append(OpInfo(name + "/int", int_fn, _ints, dtypes=("int",), grad=False))
    return rows


def _unary_errors(name):
    errs = [ErrorSample((0,), exc=TypeError, match="must be Tensor, not int")]
    if name in _NO_BOOL:
        errs.append(ErrorSample((np.array([True, False]),), exc=(NotImplementedError, RuntimeError)))
    if name in _NO_INT:
        errs.append(ErrorSample((np.array([1, 2]),), exc=NotImplementedError,
                                match="not implemented for 'Long'"))
    return lambda rng: errs


def _inplace_int_error(name):
    """Float-valued in-place op on an integer tensor: result type can't be cast."""
    return OpInfo(name + "/inplace_int_error", lambda lib, a: getattr(a, name + "_")(),
                  lambda rng, dt: [], errors=lambda rng: [
                      ErrorSample((np.array([1, 2]),), exc=RuntimeError,
                                  match="result type Float can't be cast to the desired "
                                        "output type Long")])


def _errors(name, fn, errs):
    """A row that only checks error cases (``fn`` may take keyword arguments)."""
    return OpInfo(name + "/errors", fn, lambda rng, dt: [], grad=False, errors=errs)


# ---------------------------------------------------------------- the table
ROWS = [
    OpInfo("add", lambda lib, a, b: lib.add(a, b), _binary, covers=("Tensor.__add__",),
           errors=lambda rng: [ErrorSample((rand(rng, (3,)), rand(rng, (4,))), exc=RuntimeError,
                                           match="must match the size of tensor b")]),
    OpInfo("add/alpha", lambda lib, a, b: lib.add(a, b, alpha=2), _binary),
    OpInfo("add/promotion", lambda lib, a, b: a + b, _int_mixed, dtypes=("int",), grad=False),
    OpInfo("add/inplace_out", lambda lib, a, b: a.clone().add_(b),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), rand(rng, (4,), dt))),
                            Sample((rand(rng, (3, 4), dt), 1.5))], gradcheck=False,
           errors=lambda rng: [ErrorSample((rand(rng, (1, 4)), rand(rng, (3, 4))),
                                           exc=RuntimeError, match="doesn't match the broadcast")]),
    OpInfo("mul", lambda lib, a, b: a * b, _binary, covers=("multiply",), gradgrad=True),
    OpInfo("mul/promotion", lambda lib, a, b: a * b, _int_mixed, dtypes=("int",), grad=False),
    OpInfo("sub", lambda lib, a, b: lib.sub(a, b), _binary, covers=("subtract",),
           errors=lambda rng: [ErrorSample((rand(rng, (3,), "bool"), rand(rng, (3,), "bool")),
                                           exc=RuntimeError, match="Subtraction")]),
    OpInfo("rsub", lambda lib, a, b: (3.0 - a, lib.rsub(a, b) if not isinstance(b, float)
                                      else lib.rsub(a, 2.0, alpha=2)), _binary),
    OpInfo("div", lambda lib, a, b: a / (b * b + 0.5) if not isinstance(b, float) else a / b,
           _binary, covers=("divide", "true_divide")),
    OpInfo("div/int", lambda lib, a, b: a / b, lambda rng, dt: [
        Sample((rand(rng, (3, 4), "int64"), positive(rng, (3, 4), "int64") + 1))],
        dtypes=("int",), grad=False),
    OpInfo("div/rounding", lambda lib, a, b: (lib.div(a, b, rounding_mode="floor"),
                                              lib.div(a, b, rounding_mode="trunc"),
                                              a.clone().div_(b, rounding_mode="floor")),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt, -5, 5), away_from_zero(rng, (3, 4), dt))),
                            Sample((rand(rng, (2, 3), dt, -5, 5), 0.7)),
                            Sample((rand(rng, (3,), dt), np.array([0.0, -0.0, 0.0], dt)))],
           gradcheck=False),
    _errors("div", lambda lib, a, b, **k: lib.div(a, b, **k), lambda rng: [
        ErrorSample((rand(rng, (3,)), 1.0), {"rounding_mode": "round"}, exc=RuntimeError,
                    match="rounding_mode"),
        ErrorSample((np.array([1, 2]), np.array([1, 0])), {"rounding_mode": "floor"},
                    exc=RuntimeError, match="ZeroDivisionError"),
        ErrorSample((np.array([True]), np.array([True])), {"rounding_mode": "trunc"},
                    exc=NotImplementedError)]),
    OpInfo("div/rounding_int", lambda lib, a, b: (lib.div(a, b, rounding_mode="floor"),
                                                  lib.div(a, b, rounding_mode="trunc")),
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int64", -9, 9),
                                    _nonzero_int(rng, (3, 4), "int64"))),
                            Sample((rand(rng, (3, 4), "int32", -9, 9), -2)),
                            Sample((rand(rng, (3, 4), "uint8"), _nonzero_int(rng, (4,), "uint8"))),
                            Sample((rand(rng, (3, 4), "int64"), 2.5))],
           dtypes=("int",), grad=False),
    OpInfo("pow/scalar", lambda lib, a: a ** 3, _unary(rand), covers=("pow",), gradgrad=True),
    OpInfo("pow/tensor", lambda lib, a, b: lib.pow(a, b),
           lambda rng, dt: [Sample((positive(rng, (3, 4), dt), rand(rng, (3, 4), dt))),
                            Sample((positive(rng, (2, 3), dt), rand(rng, (3,), dt)))]),
    OpInfo("pow/rscalar", lambda lib, a: 2.0 ** a, _unary(rand)),
    OpInfo("pow/inplace", lambda lib, a, b: (a.clone().pow_(2), a.clone().abs().pow_(b)),
           lambda rng, dt: [Sample((away_from_zero(rng, (3, 4), dt), rand(rng, (4,), dt)))],
           gradcheck=False),
    OpInfo("float_power", lambda lib, a, b: (lib.float_power(a, b), lib.float_power(a, 2),
                                             lib.float_power(2, b)),
           lambda rng, dt: [Sample((positive(rng, (3, 4), dt), rand(rng, (3, 4), dt))),
                            Sample((positive(rng, (3,), dt), rand(rng, (2, 3), "float64")))]),
    OpInfo("float_power/int", lambda lib, a, b: (lib.float_power(a, b), lib.float_power(a, 2.5)),
           lambda rng, dt: [Sample((positive(rng, (3, 4), "int64"), rand(rng, (3, 4), "int32")))],
           dtypes=("int",), grad=False),
    OpInfo("clone", lambda lib, a: lib.clone(a), _unary(rand)),
    OpInfo("eq", lambda lib, a, b: lib.eq(a, b), _binary, grad=False,
           covers=("ne", "lt", "le", "gt", "ge", "greater", "greater_equal", "less",
                   "less_equal", "not_equal")),
    OpInfo("eq/operators", lambda lib, a, b: (a < b, a <= b, a > b, a >= b, a != b, a == b),
           _binary, grad=False),
    OpInfo("positive", lambda lib, a: lib.positive(a), _unary(rand),
           covers=("conj", "resolve_conj", "resolve_neg", "real"),
           errors=lambda rng: [ErrorSample((np.array([True]),), exc=RuntimeError,
                                           match="bool tensor is not supported")]),
    OpInfo("positive/aliases", lambda lib, a: (lib.conj(a), lib.resolve_conj(a),
                                               lib.resolve_neg(a), lib.real(a), a.real),
           _unary(rand)),
    OpInfo("imag", lambda lib, a: lib.imag(a), lambda rng, dt: [], grad=False,
           errors=lambda rng: [ErrorSample((rand(rng, (3,)),), exc=RuntimeError,
                                           match="non-complex dtypes")]),
    OpInfo("round", lambda lib, a: lib.round(a), lambda rng, dt: [
        Sample((rand(rng, (3, 4), dt, -5, 5),)), Sample((rand(rng, (), dt),)),
        Sample((np.array([0.5, 1.5, 2.5, -0.5, -2.5], dt),))], covers=("round_",)),
    OpInfo("round/decimals", lambda lib, a: (lib.round(a, decimals=2), lib.round(a, decimals=-1),
                                             a.clone().round_(decimals=1)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt, -50, 50),))], gradcheck=False),
    _errors("round", lambda lib, a, **k: lib.round(a, **k), lambda rng: [
        ErrorSample((np.array([1, 2]),), {"decimals": 1}, exc=NotImplementedError),
        ErrorSample((np.array([True]),), exc=NotImplementedError)]),
    OpInfo("round/inplace_out", lambda lib, a: (a.clone().round_(),
                                                lib.round_(a.clone())),
           _unary(rand), gradcheck=False),
    OpInfo("round/int", lambda lib, a: lib.round(a),
           lambda rng, dt: [Sample((rand(rng, (3, 4), d),)) for d in ("int64", "uint8")],
           dtypes=("int",), grad=False),
    OpInfo("signbit", lambda lib, a: lib.signbit(a), lambda rng, dt: [
        Sample((np.array([-1.0, 0.0, -0.0, np.inf, -np.inf, np.nan, 2.0], dt),)),
        Sample((rand(rng, (3, 4), dt),))], grad=False),
    OpInfo("signbit/int", lambda lib, a: lib.signbit(a), _ints, dtypes=("int",), grad=False),
    OpInfo("sign/specials", lambda lib, a: (lib.sign(a), lib.sgn(a), lib.angle(a)),
           lambda rng, dt: [Sample((np.array([-1.0, 0.0, -0.0, np.inf, -np.inf, np.nan], dt),))],
           grad=False),
    OpInfo("logit", lambda lib, a: lib.logit(a), _unary(_prob), covers=("logit_",), gradgrad=True),
    OpInfo("logit/eps", lambda lib, a: (lib.logit(a, eps=0.1), lib.logit(a, 0.2)),
           lambda rng, dt: [Sample((np.array([0.05, 0.3, 0.5, 0.7, 0.95], dt),)),
                            Sample((rand(rng, (), dt, 0.3, 0.7),))]),
    OpInfo("logit/outside", lambda lib, a: lib.logit(a), lambda rng, dt: [
        Sample((np.array([-0.5, 0.0, 0.5, 1.0, 1.5], dt),))], gradcheck=False),
    OpInfo("logit/inplace_int", lambda lib, a, b: (lib.logit_(a.clone(), eps=0.1),
                                                   lib.logit(b)),
           lambda rng, dt: [Sample((_prob(rng, (3, 4), dt), np.array([0, 1, 2])))],
           gradcheck=False),
    OpInfo("nan_to_num", lambda lib, a: (lib.nan_to_num(a), lib.nan_to_num(a, nan=2.0, posinf=3.0),
                                         lib.nan_to_num(a, 1.0, 5.0, -5.0)),
           lambda rng, dt: [Sample((_with_specials(rng, (3, 4), dt),)),
                            Sample((rand(rng, (), dt),))],
           covers=("nan_to_num_",), gradcheck=False),
    OpInfo("nan_to_num/inplace_int", lambda lib, a, b: (a.clone().nan_to_num_(nan=-1.0),
                                                        lib.nan_to_num_(a.clone()),
                                                        lib.nan_to_num(b, nan=1.5)),
           lambda rng, dt: [Sample((_with_specials(rng, (3, 4), dt), rand(rng, (3,), "int64")))],
           gradcheck=False),
    OpInfo("polygamma", lambda lib, a: (lib.polygamma(1, a), lib.polygamma(2, a),
                                        lib.polygamma(0, a)),
           _unary(_between(0.5, 4.0)), gradgrad=True),
    _errors("polygamma", lambda lib, n, a: lib.polygamma(n, a), lambda rng: [
        ErrorSample((-1, rand(rng, (3,))), exc=RuntimeError, match="negative n")]),
    OpInfo("polygamma/int", lambda lib, a: lib.polygamma(1, a), lambda rng, dt: [
        Sample((np.array([1, 2, 3]),))], dtypes=("int",), grad=False),
    # ---- clamp
    OpInfo("clamp", lambda lib, a: (lib.clamp(a, -0.5, 0.8), lib.clamp(a, min=-0.5),
                                    lib.clamp(a, max=0.8), lib.clamp(a, 0.8, -0.5)),
           _unary(_clamp_away), covers=("clip",), gradgrad=True),
    _errors("clamp", lambda lib, a, *b, **k: lib.clamp(a, *b, **k), lambda rng: [
        ErrorSample((rand(rng, (3,)),), exc=RuntimeError, match="At least one of"),
        ErrorSample((rand(rng, (3,)), None, None), exc=RuntimeError),
        ErrorSample((rand(rng, (3,)),), {"min": None}, exc=RuntimeError),
        ErrorSample((rand(rng, (3,), "uint8"), -1, 300), exc=RuntimeError,
                    match="without overflow"),
        ErrorSample((rand(rng, (3,)), "a"), exc=TypeError),
        ErrorSample((3.0, 1.0), exc=TypeError)]),
    OpInfo("clamp/tensor", lambda lib, a, lo, hi: (lib.clamp(a, lo, hi), lib.clamp(a, min=lo),
                                                   lib.clamp(a, max=hi), lib.clip(a, lo)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt, -1.5, -0.5),
                                    rand(rng, (4,), dt, 0.5, 1.5))),
                            # min > max in places
                            Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt, -1, 1),
                                    rand(rng, (3, 4), dt, -1, 1))),
                            Sample((rand(rng, (2, 3), dt), rand(rng, (), "float64", -1, 0),
                                    rand(rng, (), dt, 0, 1)))]),
    OpInfo("clamp/int", lambda lib, a: (lib.clamp(a, 0, 3), lib.clamp(a, 0.5),
                                        lib.clamp(a, max=2), lib.clamp(a, 3, 1)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), d),)) for d in ("int64", "int32", "bool")],
           dtypes=("int",), grad=False),
    OpInfo("clamp/int_tensor", lambda lib, a, b: (lib.clamp(a, b), lib.clamp(a, max=b)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int64"), rand(rng, (4,), "int32"))),
                            Sample((rand(rng, (3, 4), "int64"), rand(rng, (4,), "float32")))],
           dtypes=("int",), grad=False),
    OpInfo("clamp/inplace_out", lambda lib, a, lo: (
        a.clone().clamp_(-0.5, 0.8), lib.clamp_(a.clone(), min=lo), lib.clip_(a.clone(), max=0.8),
        a.clone().clip_(lo, lo + 1)),
        lambda rng, dt: [Sample((_clamp_away(rng, (3, 4), dt), rand(rng, (4,), dt, -1, 0)))],
        covers=("clamp_", "clip_"), gradcheck=False,
        errors=lambda rng: [ErrorSample((np.array([1, 2]), 0.5), exc=RuntimeError,
                                        match="can't be cast")]),
    OpInfo("clamp/out", lambda lib, a: lib.clamp(a, -0.5, 0.5, out=lib.empty(0, dtype=a.dtype)),
           _unary(rand), grad=False),
    OpInfo("clamp_min", lambda lib, a, t: (lib.clamp_min(a, -0.5), lib.clamp_min(a, t),
                                           a.clone().clamp_min_(0.3), lib.clamp_min_(a.clone(), t)),
           lambda rng, dt: [Sample((_clamp_away(rng, (3, 4), dt), rand(rng, (4,), dt)))],
           covers=("clamp_min_",)),
    OpInfo("clamp_max", lambda lib, a, t: (lib.clamp_max(a, 0.8), lib.clamp_max(a, t),
                                           a.clone().clamp_max_(0.3), lib.clamp_max_(a.clone(), t)),
           lambda rng, dt: [Sample((_clamp_away(rng, (3, 4), dt), rand(rng, (4,), dt)))],
           covers=("clamp_max_",)),
    # ---- binary math
    OpInfo("atan2", lambda lib, a, b: lib.atan2(a, b), _binary_tensors(away_from_zero),
           covers=("arctan2",), gradgrad=True,
           errors=lambda rng: [ErrorSample((rand(rng, (3,)), 2.0), exc=TypeError,
                                           match="must be Tensor, not float")]),
    OpInfo("atan2/inplace_int", lambda lib, a, b: (a.clone().atan2_(b), lib.atan2(b, a)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), away_from_zero(rng, (4,), dt)))],
           gradcheck=False),
    OpInfo("atan2/int", lambda lib, a, b: lib.atan2(a, b), _int_pairs(_nonzero_int),
           dtypes=("int",), grad=False),
    OpInfo("hypot", lambda lib, a, b: lib.hypot(a, b),
           _binary_tensors(away_from_zero), gradgrad=True,
           errors=lambda rng: [ErrorSample((np.array([1, 2]), np.array([1, 2])),
                                           exc=NotImplementedError, match="hypot_cpu")]),
    OpInfo("logaddexp", lambda lib, a, b: lib.logaddexp(a, b), _binary_tensors(), gradgrad=True,
           errors=lambda rng: [ErrorSample((np.array([1, 2]), np.array([1, 2])),
                                           exc=NotImplementedError)]),
    OpInfo("logaddexp2", lambda lib, a, b: lib.logaddexp2(a, b), _binary_tensors()),
    OpInfo("logaddexp/specials", lambda lib, a, b: (lib.logaddexp(a, b), lib.logaddexp2(a, b)),
           lambda rng, dt: [Sample((np.array([np.inf, -np.inf, np.inf, 1.0, np.nan], dt),
                                    np.array([np.inf, -np.inf, -np.inf, 1000.0, 1.0], dt)))],
           grad=False),
    OpInfo("nextafter", lambda lib, a, b: lib.nextafter(a, b) - a,
           _binary_tensors(), gradcheck=False),
    OpInfo("copysign", lambda lib, a, b: (lib.copysign(a, b), a.copysign(-0.0),
                                          lib.copysign(a, 2)),
           _binary_tensors(away_from_zero),
           errors=lambda rng: [ErrorSample((2.0, rand(rng, (3,))), exc=TypeError)]),
    OpInfo("copysign/int", lambda lib, a, b: (lib.copysign(b, a), lib.copysign(b, -1)),
           lambda rng, dt: [Sample((away_from_zero(rng, (3, 4), dt), rand(rng, (4,), "int64")))],
           gradcheck=False),
    OpInfo("xlogy", lambda lib, a, b: (lib.xlogy(a, b), lib.xlogy(a, 2.5), lib.xlogy(3, b)),
           _binary_tensors(rand, positive), covers=("xlogy_",)),
    OpInfo("xlogy/zeros", lambda lib, a, b: (lib.xlogy(a, b), lib.xlogy_(a.clone(), b),
                                             lib.xlogy_(a.clone(), 2.0)),
           lambda rng, dt: [Sample((np.array([0.0, 0.0, 1.0, 2.0, 0.0], dt),
                                    np.array([0.0, np.nan, 0.0, 3.0, 2.0], dt)))],
           grad=False),
    OpInfo("xlogy/int", lambda lib, a, b: (lib.xlogy(a, b), lib.xlogy(a, 2)),
           _int_pairs(), dtypes=("int",), grad=False),
    OpInfo("maximum", lambda lib, a, b: lib.maximum(a, b), _ties,
           covers=("minimum",), errors=lambda rng: [
               ErrorSample((rand(rng, (3,)), 1.0), exc=TypeError, match="must be Tensor")]),
    OpInfo("minimum", lambda lib, a, b: lib.minimum(a, b), _ties),
    OpInfo("fmax", lambda lib, a, b: lib.fmax(a, b), _ties),
    OpInfo("fmin", lambda lib, a, b: lib.fmin(a, b), _ties),
    OpInfo("maximum/int", lambda lib, a, b: (lib.maximum(a, b), lib.minimum(a, b),
                                             lib.fmax(a, b), lib.fmin(a, b)),
           lambda rng, dt: _int_pairs()(rng, dt) + [
               Sample((rand(rng, (3,), "bool"), rand(rng, (3,), "bool")))],
           dtypes=("int",), grad=False),
    OpInfo("heaviside", lambda lib, a, b: lib.heaviside(a, b),
           lambda rng, dt: [Sample((np.array([-1.0, 0.0, 2.0, 0.0, np.nan], dt),
                                    np.array([0.5, 0.3, 0.1, 2.0, 0.5], dt))),
                            Sample((rand(rng, (3, 4), dt), rand(rng, (4,), dt)))],
           grad=False,
           errors=lambda rng: [ErrorSample((rand(rng, (3,)), rand(rng, (3,), "float64")),
                                           exc=RuntimeError, match="different dtypes"),
                               ErrorSample((rand(rng, (3,)), 0.5), exc=TypeError)]),
    OpInfo("heaviside/int", lambda lib, a, b: lib.heaviside(a, b), lambda rng, dt: [
        Sample((rand(rng, (3, 4), "int64"), rand(rng, (3, 4), "int64")))], dtypes=("int",),
        grad=False),
    OpInfo("remainder", lambda lib, a, b: (lib.remainder(a, b), a % b),
           _binary_tensors(_between(-5, 5), away_from_zero), covers=("fmod",)),
    OpInfo("remainder/scalar", lambda lib, a: (lib.remainder(a, 1.5), a % -0.7, lib.fmod(a, 1.5),
                                               lib.fmod(a, -0.7)),
           _unary(_between(-5, 5))),
    OpInfo("remainder/rscalar", lambda lib, a: (lib.remainder(2.5, a), 3 % a),
           _unary(away_from_zero), grad=False),
    OpInfo("remainder/inplace", lambda lib, a, b: (a.clone().remainder_(b), a.clone().fmod_(b),
                                                   a.clone().remainder_(0.6), a.clone().fmod_(0.6)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt, -5, 5), away_from_zero(rng, (4,), dt)))],
           gradcheck=False),
    OpInfo("fmod", lambda lib, a, b: lib.fmod(a, b), _binary_tensors(_between(-5, 5),
                                                                     away_from_zero)),
    OpInfo("remainder/int", lambda lib, a, b: (lib.remainder(a, b), lib.fmod(a, b),
                                               lib.remainder(a, 3), lib.fmod(a, -3)),
           _int_pairs(_nonzero_int), dtypes=("int",), grad=False,
           errors=lambda rng: [
               ErrorSample((np.array([1, 2]), np.array([1, 0])), exc=RuntimeError,
                           match="ZeroDivisionError"),
               ErrorSample((np.array([True]), np.array([True])), exc=NotImplementedError)]),
    OpInfo("remainder/specials", lambda lib, a, b: (lib.remainder(a, b), lib.fmod(a, b),
                                                    lib.floor_divide(a, b)),
           lambda rng, dt: [Sample((np.array([1.0, -1.0, 0.0, 5.0, np.inf, 3.0, -7.0], dt),
                                    np.array([np.inf, np.inf, -3.0, 0.0, 2.0, np.nan, 2.0], dt)))],
           grad=False),
    OpInfo("floor_divide", lambda lib, a, b: (lib.floor_divide(a, b), a // b,
                                              lib.floor_divide(a, 0.7), 5.0 // a,
                                              a.clone().floor_divide_(b)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt, -5, 5), away_from_zero(rng, (3, 4), dt))),
                            Sample((rand(rng, (2, 3), dt, -5, 5), away_from_zero(rng, (3,), dt)))],
           grad=False),
    OpInfo("floor_divide/int", lambda lib, a, b: (lib.floor_divide(a, b), a // 3, 7 // b),
           _int_pairs(_nonzero_int), dtypes=("int",), grad=False,
           errors=lambda rng: [ErrorSample((np.array([1, 2]), np.array([1, 0])),
                                           exc=RuntimeError, match="ZeroDivisionError")]),
    OpInfo("lerp", lambda lib, a, b: (lib.lerp(a, b, 0.3), lib.lerp(a, b, 0.8), a.lerp(b, -1.5)),
           lambda rng, dt: [s for s in _binary_tensors()(rng, dt) if s.args[1].dtype == dt],
           gradgrad=True),
    _errors("lerp", lambda lib, a, b, w: lib.lerp(a, b, w), lambda rng: [
        ErrorSample((rand(rng, (3,)), rand(rng, (3,), "float64"), 0.5), exc=RuntimeError,
                    match="expected dtype float for `end` but got dtype double"),
        ErrorSample((np.array([1, 2]), np.array([1, 2]), 0.5), exc=NotImplementedError),
        ErrorSample((rand(rng, (3,)), 2.0, 0.5), exc=TypeError),
        ErrorSample((rand(rng, (3,)), rand(rng, (4,)), 0.5), exc=RuntimeError,
                    match="must match the size")]),
    OpInfo("lerp/tensor_weight", lambda lib, a, b, w: lib.lerp(a, b, w),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt),
                                    rand(rng, (3, 4), dt, -0.5, 1.5))),
                            Sample((rand(rng, (4,), dt), rand(rng, (3, 4), dt),
                                    rand(rng, (2, 1, 1), dt))),
                            Sample((rand(rng, (3,), dt), rand(rng, (3,), dt),
                                    rand(rng, (), "float64")))],
           errors=lambda rng: [ErrorSample((rand(rng, (3,)), rand(rng, (3,)),
                                            rand(rng, (3,), "float64")), exc=RuntimeError,
                                           match="for `weight`")]),
    OpInfo("lerp/inplace_out", lambda lib, a, b, w: (
        a.clone().lerp_(b, 0.3), a.clone().lerp_(b, w)),
        lambda rng, dt: [Sample((rand(rng, (3, 4), dt), rand(rng, (4,), dt), rand(rng, (3, 4), dt)))],
        gradcheck=False,
        errors=lambda rng: [ErrorSample((rand(rng, (1,)), rand(rng, (2,)), rand(rng, (1,))),
                                        exc=RuntimeError, match="doesn't match the broadcast")]),
    OpInfo("addcmul", lambda lib, a, b, c: (lib.addcmul(a, b, c), lib.addcmul(a, b, c, value=-0.5),
                                            a.clone().addcmul_(b, c, value=2)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt),
                                    rand(rng, (3, 4), dt))),
                            Sample((rand(rng, (3, 4), dt), rand(rng, (4,), dt),
                                    rand(rng, (3, 1), dt))),
                            Sample((rand(rng, (4,), dt), rand(rng, (), dt), rand(rng, (), "float64")))],
           gradgrad=True),
    OpInfo("addcmul/int", lambda lib, a, b, c: (lib.addcmul(a, b, c, value=2),
                                                lib.addcmul(a, b, c, value=2.5)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int64"), rand(rng, (3, 4), "int64"),
                                    rand(rng, (4,), "int32"))),
                            Sample((rand(rng, (3, 4), "int64"), rand(rng, (3, 4), "float32"),
                                    rand(rng, (4,), "int32")))],
           dtypes=("int",), grad=False),
    OpInfo("addcdiv", lambda lib, a, b, c: (lib.addcdiv(a, b, c), lib.addcdiv(a, b, c, value=-0.5),
                                            a.clone().addcdiv_(b, c, value=2)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt),
                                    away_from_zero(rng, (3, 4), dt))),
                            Sample((rand(rng, (3, 4), dt), rand(rng, (4,), dt),
                                    away_from_zero(rng, (3, 1), dt)))],
           gradgrad=True,
           errors=lambda rng: [ErrorSample((rand(rng, (3,)), np.array([1, 2, 3]),
                                            np.array([1, 2, 3])), exc=RuntimeError,
                                           match="Integer division with addcdiv")]),
    OpInfo("addcmul/out", lambda lib, a, b, c: (
        lib.addcmul(a, b, c, out=lib.empty(0, dtype=a.dtype)),
        lib.addcdiv(a, b, c, out=lib.empty(0, dtype=a.dtype)),
        lib.lerp(a, b, 0.5, out=lib.empty(0, dtype=a.dtype)),
        lib.remainder(a, c, out=lib.empty(0, dtype=a.dtype)),
        lib.atan2(a, c, out=lib.empty(0, dtype=a.dtype)),
        lib.maximum(a, b, out=lib.empty(0, dtype=a.dtype)),
        lib.xlogy(a, c.abs(), out=lib.empty(0, dtype=a.dtype))),
        lambda rng, dt: [Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt),
                                 away_from_zero(rng, (3, 4), dt)))], grad=False),
    OpInfo("sin/float16", lambda lib, a: (
        lib.sin(a), lib.exp(a), lib.erf(a), lib.sinc(a), lib.lgamma(a + 3), lib.sigmoid(a),
        lib.atan2(a, a + 3), lib.clamp(a, -0.5, 0.5), lib.floor(a), lib.remainder(a, 0.7),
        lib.maximum(a, -a), lib.rsqrt(a + 3), a.half() ** 2),
        _unary(rand), dtypes=("float16",), grad=False),
    # ---- predicates, logical and bitwise
    OpInfo("isnan", lambda lib, a: (lib.isnan(a), lib.isinf(a), lib.isfinite(a), lib.isposinf(a),
                                    lib.isneginf(a), lib.isreal(a), a.isnan()),
           lambda rng, dt: [Sample((_with_specials(rng, (3, 4), dt),)), Sample((rand(rng, (), dt),)),
                            Sample((rand(rng, (0,), dt),))],
           covers=("isinf", "isfinite", "isposinf", "isneginf", "isreal"), grad=False),
    OpInfo("isnan/int", lambda lib, a: (lib.isnan(a), lib.isinf(a), lib.isfinite(a),
                                        lib.isposinf(a), lib.isneginf(a), lib.isreal(a)),
           _ints, dtypes=("int",), grad=False),
    OpInfo("isposinf/out", lambda lib, a: (lib.isposinf(a, out=lib.empty(0, dtype=lib.bool)),
                                           lib.isneginf(a, out=lib.empty(0, dtype=lib.bool))),
           lambda rng, dt: [Sample((_with_specials(rng, (3, 4), dt),))], grad=False),
    OpInfo("logical_and", lambda lib, a, b: (lib.logical_and(a, b), lib.logical_or(a, b),
                                             lib.logical_xor(a, b), lib.logical_not(a)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt).round(), rand(rng, (3, 4), dt).round())),
                            Sample((rand(rng, (3, 4), "int64"), rand(rng, (4,), "bool"))),
                            Sample((rand(rng, (3,), "bool"), rand(rng, (2, 3), dt).round()))],
           covers=("logical_or", "logical_xor", "logical_not"), grad=False,
           errors=lambda rng: [ErrorSample((rand(rng, (3,)), 1), exc=TypeError,
                                           match="must be Tensor")]),
    OpInfo("logical_and/inplace_out", lambda lib, a, b: (
        a.clone().logical_and_(b), a.clone().logical_or_(b), a.clone().logical_xor_(b),
        a.clone().logical_not_(),
        lib.logical_and(a, b, out=lib.empty(0, dtype=lib.int32)),
        lib.logical_not(a, out=lib.empty(0, dtype=lib.bool))),
        lambda rng, dt: [Sample((rand(rng, (3, 4), dt).round(), rand(rng, (4,), dt).round())),
                         Sample((rand(rng, (3, 4), "int64"), rand(rng, (3, 4), "bool")))],
        grad=False),
    OpInfo("bitwise_and", lambda lib, a, b: (lib.bitwise_and(a, b), lib.bitwise_or(a, b),
                                             lib.bitwise_xor(a, b), lib.bitwise_not(a),
                                             a & b, a | b, a ^ b, ~a),
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int64", -50, 50),
                                    rand(rng, (3, 4), "int64", -50, 50))),
                            Sample((rand(rng, (3, 4), "uint8"), rand(rng, (4,), "int8"))),
                            Sample((rand(rng, (3, 4), "bool"), rand(rng, (3, 4), "bool"))),
                            Sample((rand(rng, (3, 4), "bool"), rand(rng, (4,), "int32"))),
                            Sample((rand(rng, (3, 4), "int32"), 6)),
                            Sample((rand(rng, (3,), "bool"), True))],
           dtypes=("int",), grad=False, covers=("bitwise_or", "bitwise_xor", "bitwise_not"),
           errors=lambda rng: [
               ErrorSample((rand(rng, (3,)), rand(rng, (3,))), exc=NotImplementedError,
                           match="bitwise_and_cpu"),
               ErrorSample((np.array([1, 2]), 2.5), exc=NotImplementedError)]),
    OpInfo("bitwise_and/rscalar", lambda lib, a: (lib.bitwise_and(6, a), lib.bitwise_or(6, a),
                                                  lib.bitwise_xor(6, a), 5 & a, 5 | a, 5 ^ a),
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int64"),))], dtypes=("int",), grad=False),
    OpInfo("bitwise_not/float", lambda lib, a: lib.bitwise_not(a), lambda rng, dt: [],
           grad=False, errors=lambda rng: [ErrorSample((rand(rng, (3,)),),
                                                       exc=NotImplementedError)]),
    OpInfo("bitwise_and/inplace_out", lambda lib, a, b: (
        a.clone().bitwise_and_(b), a.clone().bitwise_or_(b), a.clone().bitwise_xor_(b),
        a.clone().bitwise_not_(), lib.bitwise_and(a, b, out=lib.empty(0, dtype=a.dtype))),
        lambda rng, dt: [Sample((rand(rng, (3, 4), "int64", -50, 50), rand(rng, (4,), "int32"))),
                         Sample((rand(rng, (3, 4), "bool"), rand(rng, (3, 4), "bool")))],
        dtypes=("int",), grad=False,
        errors=lambda rng: [ErrorSample((np.array([True]), np.array([3])), exc=RuntimeError)]),
    OpInfo("bitwise_left_shift", lambda lib, a, b: (lib.bitwise_left_shift(a, b),
                                                    lib.bitwise_right_shift(a, b), a << 2,
                                                    a >> 1, lib.bitwise_left_shift(1, a & 7)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int64", -50, 50),
                                    rng.integers(-2, 70, (3, 4)))),
                            Sample((rand(rng, (3, 4), "int8", -50, 50),
                                    rng.integers(-2, 10, (4,)).astype("int8"))),
                            Sample((rand(rng, (3, 4), "uint8"), rng.integers(0, 10, (4,)).astype("uint8"))),
                            Sample((rand(rng, (3, 4), "int32"), 3))],
           dtypes=("int",), grad=False, covers=("bitwise_right_shift",),
           errors=lambda rng: [
               ErrorSample((rand(rng, (3,)), 1), exc=NotImplementedError, match="lshift_cpu"),
               ErrorSample((np.array([True]), np.array([True])), exc=NotImplementedError)]),
]


ROWS += _unary_rows()
ROWS += [_inplace_int_error(n) for n in ("exp", "sin", "sqrt", "erf")]

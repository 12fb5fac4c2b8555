"""opdb rows: elementwise ops."""

from opdb import OpInfo, Sample, ErrorSample, rand, positive, away_from_zero


def _binary(rng, dt):
    return [
        Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt))),
        Sample((rand(rng, (2, 3, 4), dt), rand(rng, (4,), dt))),  # broadcast
        Sample((rand(rng, (3, 1), dt), rand(rng, (1, 5), dt))),
        Sample((rand(rng, (3, 4), dt), 2.5)),  # Python scalar
        Sample((rand(rng, (3, 4), dt), rand(rng, (), "float64"))),  # 0-d doesn't upcast
    ]


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


ROWS = [
    OpInfo("add", lambda lib, a, b: lib.add(a, b), _binary, covers=("Tensor.__add__",)),
    OpInfo("add/alpha", lambda lib, a, b: lib.add(a, b, alpha=2), _binary),
    OpInfo("add/promotion", lambda lib, a, b: a + b, _int_mixed, dtypes=("int",), grad=False),
    OpInfo("mul", lambda lib, a, b: a * b, _binary, covers=("multiply",), gradgrad=True),
    OpInfo("mul/promotion", lambda lib, a, b: a * b, _int_mixed, dtypes=("int",), grad=False),
    OpInfo("sub", lambda lib, a, b: lib.sub(a, b), _binary, covers=("subtract",)),
    OpInfo("rsub", lambda lib, a, b: 3.0 - a, _binary),
    OpInfo("div", lambda lib, a, b: a / (b * b + 0.5) if not isinstance(b, float) else a / b,
           _binary, covers=("divide", "true_divide")),
    OpInfo("div/int", lambda lib, a, b: a / b, lambda rng, dt: [
        Sample((rand(rng, (3, 4), "int64"), positive(rng, (3, 4), "int64") + 1))],
        dtypes=("int",), grad=False),
    OpInfo("neg", lambda lib, a: lib.neg(a), _unary(rand), covers=("negative",)),
    OpInfo("pow/scalar", lambda lib, a: a ** 3, _unary(rand), covers=("pow",), gradgrad=True),
    OpInfo("pow/tensor", lambda lib, a, b: lib.pow(a, b),
           lambda rng, dt: [Sample((positive(rng, (3, 4), dt), rand(rng, (3, 4), dt)))]),
    OpInfo("pow/rscalar", lambda lib, a: 2.0 ** a, _unary(rand)),
    OpInfo("square", lambda lib, a: lib.square(a), _unary(rand)),
    OpInfo("exp", lambda lib, a: lib.exp(a), _unary(rand), gradgrad=True,
           errors=lambda rng: [ErrorSample((0,), exc=TypeError, match="must be Tensor, not int")]),
    OpInfo("log", lambda lib, a: lib.log(a), _unary(positive)),
    OpInfo("sqrt", lambda lib, a: lib.sqrt(a), _unary(positive)),
    OpInfo("abs", lambda lib, a: lib.abs(a), _unary(away_from_zero), covers=("absolute",)),
    OpInfo("sigmoid", lambda lib, a: lib.sigmoid(a), _unary(rand)),
    OpInfo("tanh", lambda lib, a: lib.tanh(a), _unary(rand), gradgrad=True),
    OpInfo("reciprocal", lambda lib, a: lib.reciprocal(a), _unary(away_from_zero)),
    OpInfo("clone", lambda lib, a: lib.clone(a), _unary(rand)),
    OpInfo("eq", lambda lib, a, b: lib.eq(a, b), _binary, grad=False,
           covers=("ne", "lt", "le", "gt", "ge", "greater", "greater_equal", "less",
                   "less_equal", "not_equal")),
    OpInfo("eq/operators", lambda lib, a, b: (a < b, a <= b, a > b, a >= b, a != b, a == b),
           _binary, grad=False),
]

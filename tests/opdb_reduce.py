"""opdb rows: reductions."""

from opdb import OpInfo, Sample, rand


def _red(rng, dt):
    return [Sample((rand(rng, (3, 4, 5), dt),), {}),
            Sample((rand(rng, (3, 4, 5), dt),), {"dim": 1}),
            Sample((rand(rng, (3, 4, 5), dt),), {"dim": (0, 2), "keepdim": True}),
            Sample((rand(rng, (3, 4, 5), dt),), {"dim": -1, "keepdim": False}),
            Sample((rand(rng, (), dt),), {})]


ROWS = [
    OpInfo("sum", lambda lib, a, **kw: lib.sum(a, **kw), _red, gradgrad=True),
    OpInfo("sum/int", lambda lib, a, **kw: lib.sum(a, **kw),
           lambda rng, dt: [Sample((rand(rng, (3, 4), "int32"),)), Sample((rand(rng, (3, 4), "bool"),))],
           dtypes=("int",), grad=False),
    OpInfo("mean", lambda lib, a, **kw: lib.mean(a, **kw), _red),
]

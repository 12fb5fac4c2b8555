"""opdb rows: indexing."""

from opdb import OpInfo, Sample, rand

ROWS = [
    OpInfo("getitem", lambda lib, a: a[1:, ::2], lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))],
           covers=("where",)),
]

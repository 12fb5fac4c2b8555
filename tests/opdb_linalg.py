"""opdb rows: linear algebra."""

from opdb import OpInfo, Sample, rand

ROWS = [
    OpInfo("matmul", lambda lib, a, b: lib.matmul(a, b),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt), rand(rng, (4, 5), dt)))], covers=("mm",)),
]

"""opdb rows: activations."""

from opdb import OpInfo, Sample, rand

ROWS = [
    OpInfo("relu", lambda lib, a: lib.relu(a), lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))]),
]

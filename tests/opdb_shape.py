"""opdb rows: shape ops."""

from opdb import OpInfo, Sample, rand

ROWS = [
    OpInfo("reshape", lambda lib, a: lib.reshape(a, (4, -1)), lambda rng, dt: [Sample((rand(rng, (2, 3, 4), dt),))],
           covers=("Tensor.view",)),
    OpInfo("permute", lambda lib, a: lib.permute(a, (2, 0, 1)), lambda rng, dt: [Sample((rand(rng, (2, 3, 4), dt),))]),
    OpInfo("transpose", lambda lib, a: lib.transpose(a, 0, -1), lambda rng, dt: [Sample((rand(rng, (2, 3, 4), dt),))]),
    OpInfo("unsqueeze", lambda lib, a: lib.unsqueeze(a, 1), lambda rng, dt: [Sample((rand(rng, (2, 3), dt),))]),
    OpInfo("unbind", lambda lib, a: lib.unbind(a, 1), lambda rng, dt: [Sample((rand(rng, (2, 3), dt),))]),
]

"""opdb rows: nn.functional.ctc_loss.

Log-probabilities come from ``log_softmax`` inside the row's lambda: torch's CTC gradient
(exp(log_probs) - occupancy) is the gradient for normalised log-probabilities, equal to the
true one only after log_softmax's backward, so the float64 gradcheck runs through it.
Targets and lengths are integer arrays (not differentiated).
"""

import numpy as np

from opdb import ErrorSample, OpInfo, Sample, rand


def _ctc(lib, x, targets, il, tl, **kw):
    return lib.nn.functional.ctc_loss(x.log_softmax(-1), targets, il, tl, **kw)


def _i(*v):
    return np.array(v, np.int64)


def _samples(rng, dt):
    def targets(n, s, c):
        return rng.integers(1, c, size=(n, s)).astype(np.int64)

    return [
        Sample((rand(rng, (4, 2, 3), dt), targets(2, 2, 3), _i(4, 3), _i(2, 1)), grad_args=(0,)),
        Sample((rand(rng, (5, 3), dt), _i(1, 2), _i(5), _i(2)), {"reduction": "none"},
               grad_args=(0,)),
        Sample((rand(rng, (9, 3, 5), dt), targets(3, 4, 5), _i(9, 7, 5), _i(4, 2, 3)),
               {"reduction": "sum"}, grad_args=(0,)),
        Sample((rand(rng, (9, 3, 5), dt), targets(3, 4, 5), _i(9, 2, 5), _i(4, 2, 0)),
               {"reduction": "none", "zero_infinity": True}, grad_args=(0,)),
        Sample((rand(rng, (9, 2, 5), dt), _i(1, 2, 2, 3, 4), _i(9, 6), _i(3, 2)),
               {"blank": 0}, grad_args=(0,)),
        Sample((rand(rng, (6, 2, 4), dt), targets(2, 3, 3), (6, 6), (3, 1)),
               {"blank": 3}, grad_args=(0,)),
    ]


def _errors(rng):
    x, t = rand(rng, (5, 2, 4)), _i(1, 2, 1, 2, 3, 3).reshape(2, 3)

    def e(*args, exc=RuntimeError, match=None, **kw):
        return ErrorSample(args, kw, exc=exc, match=match)

    return [
        e(x, t, _i(5, 4), _i(3, 2), blank=4, match="blank must be in label range"),
        e(x, t, _i(6, 4), _i(3, 2), match="Expected input_lengths to have value at most 5"),
        e(x, t, _i(5, 4), _i(4, 2), match="Expected tensor to have size at least 4 at dimension 1"),
        e(x, t, _i(5, 4, 3), _i(3, 2), match="input_lengths must be of size batch_size"),
        e(x, t, _i(5, 4), _i(3, 2), exc=ValueError, reduction="foo",
          match="foo is not a valid value for reduction"),
    ]


ROWS = [
    OpInfo("nn.functional.ctc_loss", _ctc, _samples, errors=_errors, atol=1e-5, rtol=1e-5),
]

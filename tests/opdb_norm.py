"""opdb rows: normalization (batch_norm, instance_norm, layer_norm, group_norm, rms_norm,
local_response_norm, normalize).

Running statistics are plain (non-differentiable) arguments: ``grad_args`` restricts the
leaves to the input, weight and bias. Their in-place updates are compared in
test_nn_norm.py.
"""

import numpy as np

from opdb import ErrorSample, OpInfo, Sample, positive, rand


def _e(*args, exc=RuntimeError, match=None, **kwargs):
    return ErrorSample(args, kwargs, exc=exc, match=match)


def _f(name):
    def fn(lib, *args, **kwargs):
        return getattr(lib.nn.functional, name)(*args, **kwargs)
    return fn


# ---------------------------------------------------------------- batch_norm
def _bn_samples(rng, dt):
    def stats(c):
        return rand(rng, (c,), dt), positive(rng, (c,), dt)

    def affine(c):
        return rand(rng, (c,), dt), rand(rng, (c,), dt)

    out = []
    # (tiny first: gradcheck runs on the first two samples)
    for shape, training in (((3, 2, 2), True), ((2, 3), False), ((4, 3), True),
                            ((2, 3, 5), True), ((2, 4, 3, 3), True), ((2, 4, 3, 3), False),
                            ((2, 2, 2, 3, 2), True), ((3, 2, 4), False)):
        c = shape[1]
        x = rand(rng, shape, dt)
        out.append(Sample((x, *stats(c), *affine(c)), {"training": training},
                          grad_args=(0, 3, 4)))
    x = rand(rng, (5, 3, 4), dt)
    out += [
        Sample((x, None, None), {"training": True}, grad_args=(0,)),  # batch stats only
        Sample((x, None, None, rand(rng, (3,), dt)), {"training": True, "eps": 1e-3},
               grad_args=(0, 3)),
        Sample((x, *stats(3), None, rand(rng, (3,), dt)), {"training": True, "momentum": 0.5},
               grad_args=(0, 4)),
        Sample((x, *stats(3)), {"training": False}, grad_args=(0,)),
        Sample((rand(rng, (0, 3), dt), *stats(3)), {"training": True}, grad_args=(0,)),
    ]
    return out


def _bn_errors(rng):
    x = rand(rng, (4, 3, 5))
    one, three = np.ones(3, "float32"), np.ones(3, "float32")
    return [
        _e(rand(rng, (1, 3)), one, three, training=True, exc=ValueError,
           match=r"Expected more than 1 value per channel when training, got input size "
                 r"torch\.Size\(\[1, 3\]\)"),
        _e(x, np.zeros(4, "float32"), np.ones(4, "float32"), training=True,
           match="running_mean should contain 3 elements not 4"),
        _e(x, one, three, np.ones(4, "float32"), match="weight should contain 3 elements not 4"),
        _e(x, one, three, None, np.ones(4, "float32"),
           match="bias should contain 3 elements not 4"),
        _e(x, None, None, training=False, match="running_mean must be defined in evaluation"),
        _e(x, one, None, training=True, exc=ValueError, match="both be None or neither"),
        _e(x, one, three, training=True, eps=0.0, exc=ValueError,
           match="eps must be positive during training, but got 0.0"),
        _e(x, one, three, eps=-1.0, exc=ValueError, match="eps must be non-negative, but got"),
        _e(x.astype("int64"), one, three, exc=NotImplementedError,
           match="\"batch_norm\" not implemented for 'Long'"),
        _e(x, one, three, np.ones(3), match="mixed dtype"),
        _e(x.astype("float64"), one, three, match="mixed dtype"),
        _e(rand(rng, (3,)), None, None, training=True, exc=IndexError,
           match="Dimension out of range"),
    ]


# ---------------------------------------------------------------- instance_norm
def _in_samples(rng, dt):
    out = []
    for shape in ((2, 2, 3), (1, 3, 2, 2), (2, 3, 4, 5), (2, 2, 2, 3, 2)):
        c = shape[1]
        out.append(Sample((rand(rng, shape, dt), None, None, rand(rng, (c,), dt),
                           rand(rng, (c,), dt)), grad_args=(0, 3, 4)))
    x = rand(rng, (3, 2, 6), dt)
    rm, rv = rand(rng, (2,), dt), positive(rng, (2,), dt)
    out += [Sample((x,)),
            Sample((x, rm, rv), {"momentum": 0.3}, grad_args=(0,)),
            Sample((x, rm, rv), {"use_input_stats": False, "eps": 1e-3}, grad_args=(0,))]
    return out


def _in_errors(rng):
    x = rand(rng, (2, 3, 4))
    return [
        _e(rand(rng, (2, 3, 1)), exc=ValueError,
           match=r"Expected more than 1 spatial element when training, got input size "
                 r"torch\.Size\(\[2, 3, 1\]\)"),
        _e(x, np.zeros(4, "float32"), np.ones(4, "float32"),
           match="running_mean should contain 6 elements not 8"),
        _e(x, np.zeros(3, "float32"), None, exc=ValueError, match="both be None or neither"),
        _e(x, use_input_stats=False, match="to be defined when use_input_stats is false"),
    ]


# ---------------------------------------------------------------- layer_norm / rms_norm
def _ln_samples(rng, dt):
    return [
        Sample((rand(rng, (3, 4), dt), (4,), rand(rng, (4,), dt), rand(rng, (4,), dt))),
        Sample((rand(rng, (2, 2, 3), dt), [2, 3], rand(rng, (2, 3), dt), rand(rng, (2, 3), dt))),
        Sample((rand(rng, (4, 5, 6), dt), (6,), rand(rng, (6,), dt), rand(rng, (6,), dt))),
        Sample((rand(rng, (2, 3, 4, 5), dt), (3, 4, 5), rand(rng, (3, 4, 5), dt), None),
               {"eps": 1e-3}),
        Sample((rand(rng, (2, 3, 4), dt), (2, 3, 4))),
        Sample((rand(rng, (7,), dt), (7,), None, rand(rng, (7,), dt))),
        Sample((rand(rng, (0, 5), dt), (5,), rand(rng, (5,), dt), rand(rng, (5,), dt))),
        Sample((rand(rng, (3, 4), dt) * 1e3 + 1e4, (4,))),  # large offset: stable variance
    ]


def _ln_errors(rng):
    x = rand(rng, (4, 3, 5))
    return [
        _e(x, 5, exc=TypeError, match="'normalized_shape' .* must be tuple of ints, not int"),
        _e(x, (), match="Expected normalized_shape to be at least 1-dimensional"),
        _e(x, (4,), match=r"Given normalized_shape=\[4\], expected input with shape \[\*, 4\], "
                          r"but got input of size\[4, 3, 5\]"),
        _e(x, (5,), rand(rng, (4,)), match="Expected weight to be of same shape as "
                                           r"normalized_shape, but got weight of shape \[4\]"),
        _e(x, (5,), None, rand(rng, (1, 5)), match="Expected bias to be of same shape"),
        _e(x.astype("int64"), (5,), exc=NotImplementedError,
           match="\"LayerNormKernelImpl\" not implemented for 'Long'"),
        _e(x, (5,), rand(rng, (5,), "float64"), match="mixed dtype"),
    ]


def _rms_samples(rng, dt):
    return [
        Sample((rand(rng, (3, 4), dt), (4,), rand(rng, (4,), dt))),
        Sample((rand(rng, (2, 2, 3), dt), [2, 3])),
        Sample((rand(rng, (4, 5, 6), dt), (6,), rand(rng, (6,), dt)), {"eps": 1e-3}),
    ]


def _rms_errors(rng):
    x = rand(rng, (2, 4))
    return [_e(x, (3,), match=r"Given normalized_shape=\[3\], expected input with shape \[\*3\]"),
            _e(x, 4, exc=TypeError, match="must be tuple of ints")]


# ---------------------------------------------------------------- group_norm
def _gn_samples(rng, dt):
    return [
        Sample((rand(rng, (2, 4, 3), dt), 2, rand(rng, (4,), dt), rand(rng, (4,), dt))),
        Sample((rand(rng, (3, 2), dt), 1, rand(rng, (2,), dt), rand(rng, (2,), dt))),
        Sample((rand(rng, (2, 6, 4, 5), dt), 3, rand(rng, (6,), dt), rand(rng, (6,), dt))),
        # (no weight with a bias: torch's own backward fails there)
        Sample((rand(rng, (2, 6, 4, 5), dt), 6, rand(rng, (6,), dt)), {"eps": 1e-3}),
        Sample((rand(rng, (2, 4, 2, 3, 2), dt), 4, rand(rng, (4,), dt))),
        Sample((rand(rng, (3, 6, 5), dt), 2)),
        Sample((rand(rng, (0, 4, 3), dt), 2, rand(rng, (4,), dt), rand(rng, (4,), dt))),
    ]


def _gn_errors(rng):
    x = rand(rng, (4, 6, 5))
    return [
        _e(x, 4, match=r"channels in input to be divisible by num_groups, but got input of "
                       r"shape \[4, 6, 5\] and num_groups=4"),
        _e(x, -2, match="Expected num groups to be greater than 0, got -2"),
        _e(x, 3, rand(rng, (4,)), match=r"Expected weight to be a vector of size equal to the "
                                        r"number of channels in input, but got weight of shape "
                                        r"\[4\] and input of shape \[4, 6, 5\]"),
        _e(x, 3, rand(rng, (6, 1))),
        _e(x.astype("int64"), 3, exc=NotImplementedError,
           match="\"GroupNormKernelImpl\" not implemented for 'Long'"),
        _e(rand(rng, (1, 6)), 6, exc=ValueError, match="Expected more than 1 value per channel"),
        _e(rand(rng, (6,)), 3, match="Expected at least 2 dimensions for input tensor but "
                                     "received 1"),
        _e(x, 3.0, exc=TypeError, match="'num_groups' .* must be int, not float"),
    ]


# ---------------------------------------------------------------- compositions
def _lrn_samples(rng, dt):
    return [Sample((rand(rng, (2, 4, 3), dt), 3)),
            Sample((rand(rng, (1, 3, 2, 2), dt), 2), {"alpha": 0.1, "beta": 0.5, "k": 2.0}),
            Sample((rand(rng, (2, 6, 4, 5), dt), 5), {"alpha": 1e-2}),
            Sample((rand(rng, (2, 5, 2, 3, 2), dt), 4), {"beta": 1.5}),
            Sample((rand(rng, (2, 3, 4), dt), 1)),
            Sample((rand(rng, (2, 3, 4), dt), 8), {"alpha": 0.5})]


def _lrn_errors(rng):
    return [_e(rand(rng, (3, 4)), 2, exc=ValueError,
               match=r"Expected 3D or higher dimensionality\s+input \(got 2 dimensions\)")]


def _normalize_samples(rng, dt):
    x = rand(rng, (3, 4, 5), dt)
    return [Sample((rand(rng, (3, 4), dt),)),
            Sample((rand(rng, (2, 3, 2), dt),), {"p": 1.0, "dim": -1}),
            Sample((x,), {"dim": 0}),
            Sample((x,), {"p": 3.0, "dim": 2, "eps": 1e-6}),
            Sample((np.zeros((2, 3), dt),))]


_HALF = ("float16", "float32", "float64")  # half is computed in float32, like torch

ROWS = [
    OpInfo("nn.functional.batch_norm", _f("batch_norm"), _bn_samples, errors=_bn_errors,
           dtypes=_HALF),
    OpInfo("nn.functional.instance_norm", _f("instance_norm"), _in_samples,
           errors=_in_errors),
    OpInfo("nn.functional.layer_norm", _f("layer_norm"), _ln_samples, errors=_ln_errors,
           covers=("layer_norm",), dtypes=_HALF),
    OpInfo("layer_norm", lambda lib, x, ns, *a, **kw: lib.layer_norm(x, ns, *a, **kw),
           lambda rng, dt: _ln_samples(rng, dt)[:3]),
    OpInfo("nn.functional.rms_norm", _f("rms_norm"), _rms_samples, errors=_rms_errors,
           covers=("rms_norm",)),
    OpInfo("rms_norm", lambda lib, x, ns, *a, **kw: lib.rms_norm(x, ns, *a, **kw), _rms_samples),
    OpInfo("nn.functional.group_norm", _f("group_norm"), _gn_samples, errors=_gn_errors,
           dtypes=_HALF),
    OpInfo("group_norm", lambda lib, x, g, *a, **kw: lib.group_norm(x, g, *a, **kw),
           lambda rng, dt: _gn_samples(rng, dt)[:3]),
    OpInfo("nn.functional.local_response_norm", _f("local_response_norm"), _lrn_samples,
           errors=_lrn_errors),
    OpInfo("nn.functional.normalize", _f("normalize"), _normalize_samples),
]

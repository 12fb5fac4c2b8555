"""opdb rows: activations.

Top-level torch names (relu, softmax, selu, ...) are rows of their own; the kernels only
``torch.nn.functional`` exposes (gelu, silu, elu, ...) are rows ``relu/<name>`` that call
numtorch's ``_ops.activation.<name>`` against ``torch.nn.functional.<name>``.
"""

import numpy as np

from opdb import ErrorSample, OpInfo, Sample, away_from_zero, rand


def _F(lib, name):
    """The nn.functional kernel ``name`` of ``lib``."""
    if lib.__name__ == "torch":
        import torch.nn.functional as F

        return getattr(F, name)
    from numtorch._ops import activation

    return getattr(activation, name)


def _unary(gen=away_from_zero, low=None):
    def samples(rng, dt):
        g = gen if low is None else (lambda r, s, d: rand(r, s, d, low, -low))
        return [Sample((g(rng, (3, 4), dt),)), Sample((g(rng, (2, 3, 4), dt),)),
                Sample((g(rng, (), dt),)), Sample((g(rng, (0, 3), dt),))]
    return samples


def _wide(rng, dt):
    """Values across the interesting ranges of the piecewise activations (kinks avoided)."""
    x = rand(rng, (4, 5), dt, -6, 6)
    x = np.where(np.abs(x) < 0.2, 0.7, x)
    for k in (-3.0, 3.0, 1.0, -1.0, 6.0, 0.5, -0.5):
        x = np.where(np.abs(x - k) < 0.05, k + 0.2, x)
    return x.astype(dt)


def _wide_samples(rng, dt):
    return [Sample((_wide(rng, dt),)), Sample((_wide(rng, dt)[None],)),
            Sample((np.array(40.0, dt),)), Sample((np.array(-40.0, dt),))]


def _kernel(name, *args, inplace=False, **kwargs):
    """Row fn calling nn.functional's kernel ``name``; in place on a clone."""
    if inplace:
        kwargs = dict(kwargs, inplace=True)

    def run(lib, x, *more, **more_kw):
        if inplace or name.endswith("_"):
            x = x.clone()
        return _F(lib, name)(x, *args, *more, **kwargs, **more_kw)
    return run


def _int_samples(rng, dt):
    return [Sample((rand(rng, (3, 4), "int64"),)), Sample((rand(rng, (5,), "int32"),))]


def _e(*args, exc=RuntimeError, match=None, **kwargs):
    return ErrorSample(args, kwargs, exc=exc, match=match)


def _int_error(kernel):
    return lambda rng: [_e(rand(rng, (3,), "int64"), exc=NotImplementedError,
                           match=f"\"{kernel}\" not implemented for 'Long'")]


def _softmax_samples(rng, dt):
    x = rand(rng, (3, 4, 5), dt, -5, 5)
    return [Sample((x, 1)), Sample((x, -1)), Sample((x, 0)), Sample((rand(rng, (4,), dt), 0)),
            Sample((rand(rng, (), dt), 0)), Sample((rand(rng, (0, 3), dt), 1)),
            Sample((np.array([1000.0, 0.0, -1000.0], dt), 0))]  # stability


def _softmax_errors(rng):
    return [_e(rand(rng, (3, 4)), 2, exc=IndexError, match="Dimension out of range"),
            _e(rand(rng, (3,), "int64"), 0, exc=NotImplementedError,
               match="not implemented for 'Long'"),
            _e(rand(rng, (3, 4)), exc=TypeError)]


ROWS = [
    # ---------------------------------------------------------------- top-level torch names
    OpInfo("relu", lambda lib, a: lib.relu(a), _unary(), gradgrad=True,
           covers=("Tensor.relu",),
           errors=lambda rng: [_e(rand(rng, (3,), "bool"), match="Boolean inputs not supported "
                                                                 "for relu"),
                               _e(1.0, exc=TypeError)]),
    OpInfo("relu/int", lambda lib, a: lib.relu(a), _int_samples, dtypes=("int",)),
    OpInfo("relu_", lambda lib, a: lib.relu_(a.clone()), _unary(), covers=("Tensor.relu_",)),
    OpInfo("relu/inplace_method", lambda lib, a: a.clone().relu_(), _unary()),
    OpInfo("softmax", lambda lib, a, d: lib.softmax(a, d), _softmax_samples, gradgrad=True,
           covers=("Tensor.softmax",), errors=_softmax_errors),
    OpInfo("softmax/dtype", lambda lib, a: (lib.softmax(a, 1, dtype=lib.float64),
                                           a.softmax(0, lib.float64)),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))]),
    OpInfo("softmax/int_dtype", lambda lib, a: lib.softmax(a, 0, dtype=lib.float32),
           _int_samples, dtypes=("int",)),
    OpInfo("softmax/method", lambda lib, a: a.softmax(-1), _unary(rand)),
    OpInfo("log_softmax", lambda lib, a, d: lib.log_softmax(a, d), _softmax_samples,
           gradgrad=True, covers=("Tensor.log_softmax",), errors=_softmax_errors),
    OpInfo("log_softmax/dtype", lambda lib, a: a.log_softmax(1, dtype=lib.float64),
           lambda rng, dt: [Sample((rand(rng, (3, 4), dt),))]),
    OpInfo("selu", lambda lib, a: lib.selu(a), _wide_samples, gradgrad=True,
           errors=_int_error("elu_cpu")),
    OpInfo("selu_", lambda lib, a: lib.selu_(a.clone()), _wide_samples),
    OpInfo("celu", lambda lib, a, **k: lib.celu(a, **k), lambda rng, dt: [
        Sample((_wide(rng, dt),)), Sample((_wide(rng, dt),), dict(alpha=2.0))], gradgrad=True),
    OpInfo("celu_", lambda lib, a: lib.celu_(a.clone(), 0.5), _wide_samples),
    OpInfo("hardshrink", lambda lib, a, *k: lib.hardshrink(a, *k), lambda rng, dt: [
        Sample((_wide(rng, dt),)), Sample((_wide(rng, dt), 1.5))],
        errors=_int_error("hardshrink_cpu")),
    OpInfo("threshold", lambda lib, a: lib.threshold(a, 0.1, 20.0), _wide_samples),
    OpInfo("threshold/int", lambda lib, a: lib.threshold(a, 0, 5), _int_samples,
           dtypes=("int",)),
    OpInfo("threshold_", lambda lib, a: lib.threshold_(a.clone(), 0.1, -2.0), _wide_samples),
    OpInfo("prelu", lambda lib, a, w: lib.prelu(a, w), lambda rng, dt: [
        Sample((_wide(rng, dt), rand(rng, (5,), dt))),
        Sample((_wide(rng, dt), rand(rng, (1,), dt))),
        Sample((rand(rng, (2, 3, 4), dt), rand(rng, (3,), dt))),
        Sample((rand(rng, (), dt), rand(rng, (1,), dt))),
        Sample((rand(rng, (4,), dt), rand(rng, (), dt)))],
        errors=lambda rng: [
            _e(rand(rng, (3, 4)), rand(rng, (3,)), match="Found parameter numbers = 3 and "
                                                         "channel size = 4"),
            _e(rand(rng, (3, 4)), rand(rng, (1, 4)), match="scalar or 1D tensor")]),
    OpInfo("rrelu", lambda lib, a: lib.rrelu(a), _wide_samples),
    OpInfo("rrelu/args", lambda lib, a: lib.rrelu(a, 0.1, 0.3), _wide_samples),
    OpInfo("rrelu/training", lambda lib, a: lib.rrelu(a, 0.1, 0.3, True), _wide_samples,
           compare_values=False, grad=False),
    OpInfo("rrelu_", lambda lib, a: lib.rrelu_(a.clone()), _wide_samples),
    # ---------------------------------------------------------------- nn.functional kernels
    OpInfo("relu/relu6", _kernel("relu6"), _wide_samples),
    OpInfo("relu/relu6_int", _kernel("relu6"), _int_samples, dtypes=("int",)),
    OpInfo("relu/relu6_inplace", _kernel("relu6", inplace=True), _wide_samples),
    OpInfo("relu/hardtanh", _kernel("hardtanh"), lambda rng, dt: [
        Sample((_wide(rng, dt), -2.0, 3.0)), Sample((_wide(rng, dt),))],
        errors=lambda rng: [_e(rand(rng, (3,)), 2.0, 1.0, exc=ValueError,
                               match="min_val cannot be greater than max_val")]),
    OpInfo("relu/hardtanh_inplace", _kernel("hardtanh_"), _wide_samples),
    OpInfo("relu/hardtanh_int", _kernel("hardtanh"), _int_samples, dtypes=("int",)),
    OpInfo("relu/leaky_relu", _kernel("leaky_relu"), _wide_samples, gradgrad=True,
           errors=_int_error("leaky_relu_cpu")),
    OpInfo("relu/leaky_relu_slope", _kernel("leaky_relu", 0.2), _wide_samples),
    OpInfo("relu/leaky_relu_inplace", _kernel("leaky_relu", 0.2, inplace=True), _wide_samples),
    OpInfo("relu/leaky_relu_", _kernel("leaky_relu_", 0.3), _wide_samples),
    OpInfo("relu/elu", _kernel("elu"), _wide_samples, gradgrad=True,
           errors=_int_error("elu_cpu")),
    OpInfo("relu/elu_alpha", _kernel("elu", 0.5), _wide_samples),
    OpInfo("relu/elu_inplace", _kernel("elu", 2.0, inplace=True), _wide_samples),
    OpInfo("relu/elu_", lambda lib, a: _F(lib, "elu_")(a.clone()), _wide_samples),
    OpInfo("relu/selu_inplace", _kernel("selu", inplace=True), _wide_samples),
    OpInfo("relu/celu_inplace", _kernel("celu", 1.5, inplace=True), _wide_samples),
    OpInfo("relu/silu", _kernel("silu"), _wide_samples, gradgrad=True,
           errors=_int_error("silu_cpu")),
    OpInfo("relu/silu_inplace", _kernel("silu", inplace=True), _wide_samples),
    OpInfo("relu/mish", _kernel("mish"), _wide_samples, gradgrad=True,
           errors=_int_error("mish_cpu")),
    OpInfo("relu/mish_inplace", _kernel("mish", inplace=True), _wide_samples),
    OpInfo("relu/gelu", _kernel("gelu"), _wide_samples, gradgrad=True,
           errors=lambda rng: [_e(rand(rng, (3,)), approximate="foo",
                                  match="approximate argument must be either none or tanh"),
                               _e(rand(rng, (3,), "int64"), exc=NotImplementedError)]),
    OpInfo("relu/gelu_tanh", _kernel("gelu", approximate="tanh"), _wide_samples, gradgrad=True),
    OpInfo("relu/gelu_values", _kernel("gelu"), lambda rng, dt: [
        Sample((np.linspace(-9, 9, 1001).astype(dt),))], grad=False),
    OpInfo("relu/softplus", _kernel("softplus"), _wide_samples, gradgrad=True,
           errors=_int_error("softplus_cpu")),
    OpInfo("relu/softplus_beta", _kernel("softplus", 2.0, 5.0), _wide_samples),
    OpInfo("relu/softsign", _kernel("softsign"), _wide_samples),
    OpInfo("relu/softsign_int", _kernel("softsign"), _int_samples, dtypes=("int",)),
    OpInfo("relu/logsigmoid", _kernel("logsigmoid"), _wide_samples, gradgrad=True,
           errors=_int_error("log_sigmoid_cpu")),
    OpInfo("relu/tanhshrink", _kernel("tanhshrink"), _wide_samples),
    OpInfo("relu/hardsigmoid", _kernel("hardsigmoid"), _wide_samples,
           errors=_int_error("hardsigmoid_cpu")),
    OpInfo("relu/hardsigmoid_inplace", _kernel("hardsigmoid", inplace=True), _wide_samples),
    OpInfo("relu/hardswish", _kernel("hardswish"), _wide_samples, gradgrad=True),
    OpInfo("relu/hardswish_inplace", _kernel("hardswish", inplace=True), _wide_samples),
    OpInfo("relu/softshrink", _kernel("softshrink"), _wide_samples,
           errors=lambda rng: [_e(rand(rng, (3,)), -1.0,
                                  match=r"lambda must be in range \[0, 3.40282e\+38\] for input "
                                        "dtype Float, but found -1")]),
    OpInfo("relu/softshrink_lambd", _kernel("softshrink", 1.5), _wide_samples),
    OpInfo("relu/glu", lambda lib, a, *d: _F(lib, "glu")(a, *d), lambda rng, dt: [
        Sample((rand(rng, (3, 4), dt),)), Sample((rand(rng, (4, 3), dt), 0)),
        Sample((rand(rng, (2, 6, 3), dt), 1))], gradgrad=True,
        errors=lambda rng: [_e(rand(rng, (3, 3)), 0, match="Halving dimension must be even, "
                                                           "but dimension 0 is size 3"),
                            _e(rand(rng, ()), 0, match="glu does not support scalars")]),
    OpInfo("relu/softmin", lambda lib, a, d: _F(lib, "softmin")(a, d), _softmax_samples),
    OpInfo("relu/rrelu_eval_inplace", lambda lib, a: _F(lib, "rrelu")(a.clone(), inplace=True),
           _wide_samples),
]

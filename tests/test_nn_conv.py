"""Convolution and padding modules against torch (check_module), reprs, errors, init."""

import math
import re
import warnings

import numpy as np
import pytest
import torch

import numtorch
from nn_util import check_module


def _x(*shape, dt="float64", seed=0):
    return np.random.default_rng(seed).uniform(-2, 2, shape).astype(dt)


# (id, ctor(nn), input shape)
CONV = [
    ("Conv1d", lambda nn: nn.Conv1d(3, 4, 3), (2, 3, 9)),
    ("Conv1d-strided", lambda nn: nn.Conv1d(4, 6, 3, stride=2, padding=2, dilation=2, groups=2),
     (2, 4, 11)),
    ("Conv1d-same-reflect", lambda nn: nn.Conv1d(3, 4, 4, padding="same", padding_mode="reflect",
                                                 bias=False), (2, 3, 9)),
    ("Conv1d-unbatched", lambda nn: nn.Conv1d(3, 2, 3, padding=1, padding_mode="circular"),
     (3, 7)),
    ("Conv2d", lambda nn: nn.Conv2d(3, 4, 3), (2, 3, 8, 7)),
    ("Conv2d-lenet", lambda nn: nn.Conv2d(1, 6, 5, padding=2), (2, 1, 12, 12)),
    ("Conv2d-strided", lambda nn: nn.Conv2d(3, 4, (3, 2), stride=(2, 1), padding=(1, 0),
                                            dilation=(1, 2)), (2, 3, 9, 8)),
    ("Conv2d-groups", lambda nn: nn.Conv2d(4, 6, 3, groups=2, bias=False), (2, 4, 6, 6)),
    ("Conv2d-depthwise", lambda nn: nn.Conv2d(4, 8, 3, groups=4, padding=1), (2, 4, 5, 5)),
    ("Conv2d-same", lambda nn: nn.Conv2d(3, 4, 3, padding="same"), (2, 3, 6, 5)),
    ("Conv2d-same-even", lambda nn: nn.Conv2d(3, 4, (4, 2), padding="same", dilation=(1, 3)),
     (2, 3, 7, 8)),
    ("Conv2d-valid", lambda nn: nn.Conv2d(3, 4, 3, padding="valid"), (2, 3, 6, 5)),
    ("Conv2d-reflect", lambda nn: nn.Conv2d(3, 4, 3, padding=1, padding_mode="reflect"),
     (2, 3, 6, 5)),
    ("Conv2d-replicate", lambda nn: nn.Conv2d(3, 4, 3, padding=(2, 1),
                                              padding_mode="replicate"), (2, 3, 6, 5)),
    ("Conv2d-circular", lambda nn: nn.Conv2d(3, 4, 3, stride=2, padding=1,
                                             padding_mode="circular"), (2, 3, 6, 5)),
    ("Conv2d-same-reflect", lambda nn: nn.Conv2d(3, 8, 4, padding="same", bias=False,
                                                 padding_mode="reflect"), (2, 3, 6, 6)),
    ("Conv2d-zeros-explicit", lambda nn: nn.Conv2d(3, 4, 3, padding=1, padding_mode="zeros"),
     (2, 3, 5, 5)),
    ("Conv2d-unbatched", lambda nn: nn.Conv2d(3, 4, 3, padding=1), (3, 5, 5)),
    ("Conv2d-batch8", lambda nn: nn.Conv2d(3, 4, 3, stride=2, padding=1,
                                           padding_mode="reflect"), (8, 3, 7, 6)),
    ("Conv3d", lambda nn: nn.Conv3d(2, 3, 3, padding=1), (2, 2, 4, 5, 4)),
    ("Conv3d-strided", lambda nn: nn.Conv3d(4, 4, (2, 3, 2), stride=(1, 2, 1), groups=2,
                                            padding_mode="replicate", padding=(1, 0, 1)),
     (1, 4, 4, 5, 4)),
    ("Conv3d-same", lambda nn: nn.Conv3d(2, 3, 2, padding="same", padding_mode="circular"),
     (1, 2, 4, 4, 3)),
    ("ConvTranspose1d", lambda nn: nn.ConvTranspose1d(3, 4, 3, stride=2, output_padding=1),
     (2, 3, 5)),
    ("ConvTranspose1d-groups", lambda nn: nn.ConvTranspose1d(4, 6, 3, groups=2, dilation=2,
                                                             padding=1, bias=False), (2, 4, 5)),
    ("ConvTranspose2d", lambda nn: nn.ConvTranspose2d(3, 4, 3), (2, 3, 4, 5)),
    ("ConvTranspose2d-strided", lambda nn: nn.ConvTranspose2d(3, 4, (3, 2), stride=(2, 3),
                                                              padding=(1, 0),
                                                              output_padding=(1, 2)),
     (2, 3, 4, 5)),
    ("ConvTranspose2d-groups", lambda nn: nn.ConvTranspose2d(4, 6, 3, groups=2, dilation=2,
                                                             bias=False), (2, 4, 3, 3)),
    ("ConvTranspose2d-batch8", lambda nn: nn.ConvTranspose2d(3, 4, 3, stride=2, padding=1),
     (8, 3, 4, 5)),
    ("ConvTranspose2d-unbatched", lambda nn: nn.ConvTranspose2d(3, 2, 2, stride=2), (3, 3, 4)),
    ("ConvTranspose3d", lambda nn: nn.ConvTranspose3d(2, 3, 3, stride=2, padding=1,
                                                      output_padding=1), (1, 2, 3, 2, 3)),
]


@pytest.mark.parametrize("case", CONV, ids=[c[0] for c in CONV])
def test_conv_module(case):
    _, ctor, shape = case
    with warnings.catch_warnings():  # torch: padding='same' with an even kernel copies
        warnings.simplefilter("ignore", UserWarning)
        check_module(lambda lib: ctor(lib.nn), _x(*shape))


def test_conv_module_float32():
    check_module(lambda lib: lib.nn.Conv2d(8, 16, 3, padding=1), _x(4, 8, 10, 10, dt="float32"),
                 modes=("train",), atol=1e-5, rtol=1e-4)
    check_module(lambda lib: lib.nn.ConvTranspose2d(8, 4, 4, stride=2, padding=1),
                 _x(2, 8, 5, 5, dt="float32"), modes=("train",), atol=1e-5, rtol=1e-4)


@pytest.mark.parametrize("output_size", [[7, 7], [8, 8], [1, 4, 7, 8], (8, 7)])
def test_conv_transpose_output_size(output_size):
    x = _x(1, 3, 4, 4)
    check_module(lambda lib: lib.nn.ConvTranspose2d(3, 4, 3, stride=2, padding=1),
                 lambda lib: (lib.from_numpy(x.copy()).requires_grad_(True), output_size),
                 modes=("train",), reverse=False)


def test_conv_transpose_output_size_unbatched():
    m = numtorch.nn.ConvTranspose2d(3, 2, 3, stride=2)
    assert m(numtorch.zeros(3, 8, 8), output_size=[2, 18, 18]).shape == (2, 18, 18)
    assert m(numtorch.zeros(3, 8, 8), output_size=[17, 18]).shape == (2, 17, 18)


PAD = [
    ("ZeroPad1d", lambda nn: nn.ZeroPad1d((1, 2)), (2, 3, 4)),
    ("ZeroPad2d", lambda nn: nn.ZeroPad2d(2), (2, 3, 4, 4)),
    ("ZeroPad2d-neg", lambda nn: nn.ZeroPad2d((1, -1, 2, 0)), (3, 4, 4)),
    ("ZeroPad3d", lambda nn: nn.ZeroPad3d((1, 0, 1, 2, 0, 1)), (1, 2, 3, 3, 3)),
    ("ConstantPad1d", lambda nn: nn.ConstantPad1d(2, 3.5), (2, 4)),
    ("ConstantPad2d", lambda nn: nn.ConstantPad2d((1, 2, 0, 1), -1), (2, 3, 3, 3)),
    ("ConstantPad3d", lambda nn: nn.ConstantPad3d(1, 0.5), (2, 2, 2, 2)),
    ("ReflectionPad1d", lambda nn: nn.ReflectionPad1d((2, 1)), (2, 3, 4)),
    ("ReflectionPad2d", lambda nn: nn.ReflectionPad2d(2), (2, 3, 4, 4)),
    ("ReflectionPad2d-unbatched", lambda nn: nn.ReflectionPad2d((1, 2, 3, 0)), (3, 4, 5)),
    ("ReflectionPad3d", lambda nn: nn.ReflectionPad3d((1, 0, 1, 2, 0, 1)), (1, 2, 3, 3, 3)),
    ("ReplicationPad1d", lambda nn: nn.ReplicationPad1d(3), (2, 3, 2)),
    ("ReplicationPad2d", lambda nn: nn.ReplicationPad2d((1, 2, 3, 0)), (2, 3, 3, 4)),
    ("ReplicationPad3d", lambda nn: nn.ReplicationPad3d(1), (2, 2, 2, 3)),
    ("CircularPad1d", lambda nn: nn.CircularPad1d((2, 1)), (2, 3, 4)),
    ("CircularPad2d", lambda nn: nn.CircularPad2d(1), (2, 3, 4, 4)),
    ("CircularPad2d-unbatched", lambda nn: nn.CircularPad2d((3, 0, 1, 2)), (3, 4, 3)),
    ("CircularPad3d", lambda nn: nn.CircularPad3d((1, 1, 0, 1, 2, 0)), (1, 2, 3, 3, 3)),
]


@pytest.mark.parametrize("case", PAD, ids=[c[0] for c in PAD])
def test_pad_module(case):
    _, ctor, shape = case
    check_module(lambda lib: ctor(lib.nn), _x(*shape), modes=("train",), reverse=False)


# ---------------------------------------------------------------- reprs
REPRS = [
    lambda nn: nn.Conv2d(1, 6, 5),
    lambda nn: nn.Conv2d(1, 1, 3, stride=2, padding=1),
    lambda nn: nn.Conv2d(3, 8, 3, padding="same", bias=False, padding_mode="reflect"),
    lambda nn: nn.Conv2d(3, 8, 3, padding="valid"),
    lambda nn: nn.Conv2d(4, 8, (3, 1), dilation=2, groups=2, padding=(1, 0)),
    lambda nn: nn.Conv2d(4, 8, [3, 3], padding=[1, 2], stride=[1, 2]),
    lambda nn: nn.Conv1d(4, 8, 3),
    lambda nn: nn.Conv3d(4, 8, 3, stride=(1, 2, 1), padding_mode="circular"),
    lambda nn: nn.ConvTranspose1d(4, 8, 3),
    lambda nn: nn.ConvTranspose2d(4, 8, 3, stride=2, output_padding=1),
    lambda nn: nn.ConvTranspose2d(4, 8, 3, groups=2, bias=False, dilation=2),
    lambda nn: nn.ConvTranspose3d(4, 8, 3, padding=1),
    lambda nn: nn.ZeroPad1d(2),
    lambda nn: nn.ZeroPad2d((1, 2, 3, 4)),
    lambda nn: nn.ZeroPad2d((1, 2)),
    lambda nn: nn.ZeroPad3d(2),
    lambda nn: nn.ConstantPad1d(2, 3.5),
    lambda nn: nn.ConstantPad2d((1, 2, 3, 4), 3),
    lambda nn: nn.ConstantPad3d(1, 0.0),
    lambda nn: nn.ReflectionPad1d([1, 2]),
    lambda nn: nn.ReflectionPad2d(1),
    lambda nn: nn.ReflectionPad3d(1),
    lambda nn: nn.ReplicationPad1d(2),
    lambda nn: nn.ReplicationPad2d((1, 2, 3, 4)),
    lambda nn: nn.ReplicationPad3d(1),
    lambda nn: nn.CircularPad1d(2),
    lambda nn: nn.CircularPad2d(2),
    lambda nn: nn.CircularPad3d(1),
]


@pytest.mark.parametrize("ctor", REPRS)
def test_repr(ctor):
    ours, theirs = ctor(numtorch.nn), ctor(torch.nn)
    assert repr(ours) == repr(theirs)
    for attr in ("padding", "stride", "dilation", "kernel_size", "output_padding", "value",
                 "padding_mode", "groups", "transposed", "_reversed_padding_repeated_twice"):
        if hasattr(theirs, attr):
            assert getattr(ours, attr) == getattr(theirs, attr), attr


def test_repr_in_sequential():
    def net(nn):
        return nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReflectionPad2d(1),
                             nn.ConvTranspose2d(6, 3, 2, stride=2))

    assert repr(net(numtorch.nn)) == repr(net(torch.nn))


def test_attributes_and_state():
    m = numtorch.nn.Conv2d(4, 8, 3, groups=2)
    assert m.weight.shape == (8, 2, 3, 3) and m.bias.shape == (8,)
    assert list(m.state_dict()) == ["weight", "bias"]
    t = numtorch.nn.ConvTranspose2d(4, 8, 3, groups=2, bias=False)
    assert t.weight.shape == (4, 4, 3, 3) and t.bias is None
    assert list(t.state_dict()) == ["weight"]
    assert numtorch.nn.Conv2d(4, 8, 3, dtype=numtorch.float64).weight.dtype == numtorch.float64


def test_default_init_bounds():
    numtorch.manual_seed(0)
    m = numtorch.nn.Conv2d(16, 32, 3)
    bound = 1 / math.sqrt(16 * 9)
    w, b = m.weight.detach().numpy(), m.bias.detach().numpy()
    assert np.abs(w).max() <= bound and np.abs(w).max() > 0.9 * bound
    assert np.abs(b).max() <= bound and np.abs(b).max() > 0.5 * bound
    assert abs(w.std() - bound / math.sqrt(3)) < 0.05 * bound  # uniform's std
    t = numtorch.nn.ConvTranspose2d(16, 32, 3)  # fan_in of (16, 32, 3, 3) is 32 * 9
    assert np.abs(t.bias.detach().numpy()).max() <= 1 / math.sqrt(32 * 9)


# ---------------------------------------------------------------- errors
CTOR_ERRORS = [
    (lambda nn: nn.Conv2d(3, 8, 3, groups=2), ValueError,
     "in_channels must be divisible by groups"),
    (lambda nn: nn.Conv2d(4, 7, 3, groups=2), ValueError,
     "out_channels must be divisible by groups"),
    (lambda nn: nn.Conv2d(4, 8, 3, groups=0), ValueError, "groups must be a positive integer"),
    (lambda nn: nn.Conv1d(4, 8, 3, groups=-1), ValueError, "groups must be a positive integer"),
    (lambda nn: nn.Conv2d(4, 8, 3, padding="same", stride=2), ValueError,
     "padding='same' is not supported for strided convolutions"),
    (lambda nn: nn.Conv2d(4, 8, 3, padding="foo"), ValueError,
     r"Invalid padding string 'foo', should be one of \{'(valid|same)', '(valid|same)'\}"),
    (lambda nn: nn.Conv3d(4, 8, 3, padding_mode="foo"), ValueError,
     r"padding_mode must be one of \{.*'zeros'.*\}, but got padding_mode='foo'"),
    (lambda nn: nn.ConvTranspose2d(4, 8, 3, padding_mode="reflect"), ValueError,
     'Only "zeros" padding mode is supported for ConvTranspose2d'),
    (lambda nn: nn.Conv2d(-1, 8, 3), RuntimeError, "negative dimension -1"),
]


@pytest.mark.parametrize("case", CTOR_ERRORS)
def test_constructor_errors(case):
    ctor, exc, match = case
    with pytest.raises(exc):
        ctor(torch.nn)
    with pytest.raises(exc, match=match):
        ctor(numtorch.nn)


FORWARD_ERRORS = [
    (lambda nn: nn.Conv2d(3, 2, 3), (8, 8), RuntimeError,
     r"Expected 3D \(unbatched\) or 4D \(batched\) input to conv2d, but got input of size: "
     r"\[8, 8\]"),
    (lambda nn: nn.Conv2d(1, 6, 5), (1, 3, 32, 32), RuntimeError,
     r"Given groups=1, weight of size \[6, 1, 5, 5\], expected input\[1, 3, 32, 32\] to have 1 "
     "channels, but got 3 channels instead"),
    (lambda nn: nn.Conv2d(1, 1, 3), (1, 1, 2, 2), RuntimeError,
     r"Calculated padded input size per channel: \(2 x 2\)"),
    (lambda nn: nn.Conv2d(3, 2, 3, padding=1, padding_mode="reflect"), (8, 8),
     NotImplementedError, "Padding size 4 is not supported for 2D input tensor"),
    (lambda nn: nn.Conv1d(3, 2, 3, padding=3, padding_mode="reflect"), (1, 3, 3), RuntimeError,
     "Padding size should be less than the corresponding input dimension"),
    (lambda nn: nn.CircularPad2d(1), (3, 3), ValueError,
     r"expected 3D or 4D input \(got 2D input\)"),
    (lambda nn: nn.CircularPad1d(1), (3,), ValueError, r"expected 2D or 3D input \(got 1D input\)"),
    (lambda nn: nn.ReflectionPad2d(1), (3, 3), NotImplementedError, "Padding size 4"),
    (lambda nn: nn.ZeroPad2d(1), (3,), RuntimeError, "Padding length should be less than"),
]


@pytest.mark.parametrize("case", FORWARD_ERRORS)
def test_forward_errors(case):
    ctor, shape, exc, match = case
    x = _x(*shape, dt="float32")
    with pytest.raises(exc):
        ctor(torch.nn)(torch.from_numpy(x.copy()))
    with pytest.raises(exc, match=match):
        ctor(numtorch.nn)(numtorch.from_numpy(x.copy()))


@pytest.mark.parametrize("output_size,match", [
    ([19, 17], r"requested an output size of \[19, 17\], but valid sizes range from \[17, 17\] "
               r"to \[18, 18\] \(for an input of torch.Size\(\[8, 8\]\)\)"),
    ([17], r"ConvTranspose2D: for 4D input, output_size must have 2 or 4 elements \(got 1\)"),
])
def test_output_size_errors(output_size, match):
    x = _x(1, 3, 8, 8, dt="float32")
    with pytest.raises(ValueError):
        torch.nn.ConvTranspose2d(3, 2, 3, stride=2)(torch.from_numpy(x), output_size=output_size)
    with pytest.raises(ValueError, match=match):
        numtorch.nn.ConvTranspose2d(3, 2, 3, stride=2)(numtorch.from_numpy(x),
                                                       output_size=output_size)


# ---------------------------------------------------------------- autograd details
def test_grad_fn_names():
    x = numtorch.randn(1, 2, 5, 5, requires_grad=True)
    w = numtorch.randn(3, 2, 3, 3, requires_grad=True)
    F = numtorch.nn.functional
    assert type(F.conv2d(x, w)).__name__ == "Tensor"
    assert F.conv2d(x, w).grad_fn.name() == "ConvolutionBackward0"
    assert F.conv_transpose2d(x, w.transpose(0, 1)).grad_fn.name() == "ConvolutionBackward0"
    assert F.conv2d(x[0], w).grad_fn.name() == "SqueezeBackward1"
    assert F.pad(x, (1, 1)).grad_fn.name() == "ConstantPadNdBackward0"
    assert F.pad(x, (1, 1, 1, 1), mode="reflect").grad_fn.name() == "ReflectionPad2DBackward0"
    assert F.pad(x[0], (1, 1), mode="replicate").grad_fn.name() == "ReplicationPad1DBackward0"
    assert F.unfold(x, 2).grad_fn.name() == "Im2ColBackward0"


def test_conv_gradcheck_and_double_backward():
    rng = np.random.default_rng(0)
    x = numtorch.from_numpy(rng.standard_normal((1, 2, 4, 4))).requires_grad_(True)
    w = numtorch.from_numpy(rng.standard_normal((2, 1, 2, 2))).requires_grad_(True)
    b = numtorch.from_numpy(rng.standard_normal(2)).requires_grad_(True)

    def f(x, w, b):
        return numtorch.nn.functional.conv2d(x, w, b, stride=2, padding=1, groups=2)

    assert numtorch.autograd.gradcheck(f, (x, w, b))
    assert numtorch.autograd.gradgradcheck(f, (x, w, b))

    # a gradient penalty (WGAN-GP style) matches torch
    def penalty(lib, xa, wa):
        xt = lib.from_numpy(xa.copy()).requires_grad_(True)
        wt = lib.from_numpy(wa.copy()).requires_grad_(True)
        y = lib.nn.functional.conv2d(xt, wt, padding=1).tanh().sum()
        (gx,) = lib.autograd.grad(y, xt, create_graph=True)
        (gw,) = lib.autograd.grad((gx ** 2).sum(), wt)
        return gw.numpy()

    xa, wa = rng.standard_normal((2, 3, 5, 5)), rng.standard_normal((4, 3, 3, 3))
    np.testing.assert_allclose(penalty(numtorch, xa, wa), penalty(torch, xa, wa), rtol=1e-7,
                               atol=1e-9)


def test_float32_stays_float32():
    x = numtorch.randn(2, 3, 6, 6, requires_grad=True)
    m = numtorch.nn.Conv2d(3, 4, 3, padding=1, padding_mode="reflect")
    y = m(x)
    assert y.dtype == numtorch.float32
    y.sum().backward()
    assert x.grad.dtype == m.weight.grad.dtype == m.bias.grad.dtype == numtorch.float32
    assert y.is_contiguous()


def test_conv_no_grad_keeps_no_columns():
    m = numtorch.nn.Conv2d(3, 4, 3)
    with numtorch.no_grad():
        y = m(numtorch.randn(1, 3, 5, 5))
    assert y.grad_fn is None and not y.requires_grad


def test_message_names_the_values():
    with pytest.raises(RuntimeError, match=re.escape("[6, 1, 5, 5]")):
        numtorch.nn.functional.conv2d(numtorch.zeros(1, 3, 8, 8), numtorch.zeros(6, 1, 5, 5))


@pytest.mark.parametrize("case", [
    ("conv2d", (3, 4, 7, 6), (6, 2, 3, 2), dict(stride=1, padding=1, groups=2)),  # batch first
    ("conv2d", (9, 4, 7, 6), (6, 4, 3, 3), dict(stride=2, padding=(1, 2))),  # batch last
    ("conv2d", (8, 2, 6, 5), (3, 2, 2, 3), dict(padding="same", dilation=2)),
    ("conv1d", (8, 3, 9), (4, 3, 3), dict(stride=2, padding=1)),
    ("conv3d", (2, 2, 4, 4, 3), (3, 2, 2, 2, 2), dict(padding=1)),
    ("conv_transpose2d", (8, 4, 4, 5), (4, 3, 3, 3), dict(stride=2, output_padding=1)),
    ("conv_transpose2d", (2, 4, 4, 5), (4, 3, 3, 3), dict(padding=1)),
], ids=lambda c: f"{c[0]}-{c[1][0]}")
def test_many_column_blocks(case, monkeypatch):
    """Tiny blocks: im2col, GEMM and col2im run block by block (samples or output rows)."""
    import numtorch._ops.conv as kernels

    monkeypatch.setattr(kernels, "_BLOCK", 64)
    name, xs, ws, kw = case
    xa, wa, ba = _x(*xs, seed=1), _x(*ws, seed=2), _x(ws[1] if "transpose" in name else ws[0],
                                                      seed=3)
    results = []
    for lib in (numtorch, torch):
        x, w, b = (lib.from_numpy(a.copy()).requires_grad_(True) for a in (xa, wa, ba))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            y = getattr(lib.nn.functional, name)(x, w, b, **kw)
        g = lib.from_numpy(np.random.default_rng(4).standard_normal(tuple(y.shape)))
        results.append([y.detach().numpy()] + [t.numpy() for t in
                                               lib.autograd.grad(y, (x, w, b), g)])
    for a, b in zip(*results):
        np.testing.assert_allclose(a, b, rtol=1e-7, atol=1e-9)

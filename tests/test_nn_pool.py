"""Pooling and upsampling modules against torch (check_module), reprs, and the kernel
corner cases the op table does not reach (NaN, -inf, deprecation warnings)."""

import numpy as np
import pytest
import torch

import numtorch
from nn_util import check_module


def _x(*shape, dtype="float64", seed=0):
    return np.random.default_rng(seed).uniform(-2, 2, shape).astype(dtype)


MODULES = [
    (lambda lib: lib.nn.MaxPool1d(3, 2, 1), (2, 3, 9)),
    (lambda lib: lib.nn.MaxPool1d(2, return_indices=True, ceil_mode=True), (3, 9)),
    (lambda lib: lib.nn.MaxPool2d(2), (2, 3, 8, 8)),
    (lambda lib: lib.nn.MaxPool2d((2, 3), stride=1, padding=1, dilation=2, ceil_mode=True),
     (2, 3, 9, 8)),
    (lambda lib: lib.nn.MaxPool2d(3, 2, 1, return_indices=True), (3, 7, 7)),
    (lambda lib: lib.nn.MaxPool3d(2, ceil_mode=True), (1, 2, 5, 5, 5)),
    (lambda lib: lib.nn.MaxPool3d((1, 2, 2), (1, 2, 1), return_indices=True), (2, 4, 6, 6)),
    (lambda lib: lib.nn.AvgPool1d(3, 2, 1, count_include_pad=False), (2, 3, 9)),
    (lambda lib: lib.nn.AvgPool1d(2), (3, 8)),
    (lambda lib: lib.nn.AvgPool2d(2), (2, 3, 8, 8)),
    (lambda lib: lib.nn.AvgPool2d(3, 2, 1, True, False), (2, 3, 7, 8)),
    (lambda lib: lib.nn.AvgPool2d((2, 3), divisor_override=4), (3, 6, 6)),
    (lambda lib: lib.nn.AvgPool3d(2, padding=1, count_include_pad=False), (1, 2, 4, 5, 5)),
    (lambda lib: lib.nn.AdaptiveAvgPool1d(4), (2, 3, 10)),
    (lambda lib: lib.nn.AdaptiveAvgPool2d(1), (2, 3, 7, 7)),
    (lambda lib: lib.nn.AdaptiveAvgPool2d((None, 3)), (2, 3, 5, 7)),
    (lambda lib: lib.nn.AdaptiveAvgPool2d((3, 4)), (3, 7, 9)),
    (lambda lib: lib.nn.AdaptiveAvgPool3d((2, 3, 4)), (1, 2, 5, 6, 7)),
    (lambda lib: lib.nn.AdaptiveMaxPool1d(4), (2, 3, 10)),
    (lambda lib: lib.nn.AdaptiveMaxPool2d((3, 4), return_indices=True), (2, 3, 7, 9)),
    (lambda lib: lib.nn.AdaptiveMaxPool3d(2), (2, 5, 6, 7)),
    (lambda lib: lib.nn.LPPool1d(2, 3, 2), (2, 3, 9)),
    (lambda lib: lib.nn.LPPool2d(1.5, 2), (2, 3, 6, 6)),
    (lambda lib: lib.nn.LPPool3d(2, (1, 2, 2)), (1, 2, 3, 4, 4)),
    (lambda lib: lib.nn.Upsample(scale_factor=2), (2, 3, 4, 5)),
    (lambda lib: lib.nn.Upsample(size=7, mode="linear"), (2, 3, 4)),
    (lambda lib: lib.nn.Upsample(scale_factor=(2, 1.5), mode="bilinear", align_corners=True),
     (2, 3, 4, 5)),
    (lambda lib: lib.nn.Upsample(size=(5, 6), mode="bicubic"), (2, 3, 4, 4)),
    (lambda lib: lib.nn.Upsample(scale_factor=1.5, mode="trilinear",
                                 recompute_scale_factor=True), (1, 2, 3, 4, 5)),
    (lambda lib: lib.nn.Upsample(size=(3, 4), mode="area"), (2, 3, 7, 9)),
    (lambda lib: lib.nn.Upsample(scale_factor=1.7, mode="nearest-exact"), (2, 3, 4, 5)),
    (lambda lib: lib.nn.UpsamplingNearest2d(scale_factor=3), (2, 3, 2, 3)),
    (lambda lib: lib.nn.UpsamplingBilinear2d(size=(5, 7)), (2, 3, 3, 4)),
    (lambda lib: lib.nn.PixelShuffle(2), (2, 8, 3, 3)),
    (lambda lib: lib.nn.PixelUnshuffle(2), (2, 2, 4, 6)),
]


@pytest.mark.parametrize("ctor,shape", MODULES, ids=lambda v: "" if callable(v) else str(v))
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_module(ctor, shape, dtype):
    check_module(ctor, _x(*shape, dtype=dtype), reverse=False)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_max_unpool_module(n):
    """MaxPoolNd(return_indices=True) then MaxUnpoolNd restores the maxima in place."""
    shape = (2, 3) + (6,) * n
    x = _x(*shape)

    def inputs(lib):
        t = lib.from_numpy(x.copy()).requires_grad_(True)
        pool = getattr(lib.nn, f"MaxPool{n}d")(2, return_indices=True)
        return pool(t)

    check_module(lambda lib: getattr(lib.nn, f"MaxUnpool{n}d")(2), inputs, reverse=False)
    # an explicit output_size (the next size up) through the module's forward
    x7 = _x(*((2, 3) + (7,) * n))
    for lib in (numtorch, torch):
        v, i = getattr(lib.nn, f"MaxPool{n}d")(2, return_indices=True)(lib.from_numpy(x7))
        out = getattr(lib.nn, f"MaxUnpool{n}d")(2)(v, i, output_size=x7.shape[2:])
        assert tuple(out.shape) == x7.shape


REPRS = [
    lambda lib: lib.nn.MaxPool1d(2),
    lambda lib: lib.nn.MaxPool2d(2),
    lambda lib: lib.nn.MaxPool2d((2, 3), stride=1, padding=1, dilation=2, return_indices=True,
                                 ceil_mode=True),
    lambda lib: lib.nn.MaxPool3d([2, 2, 1]),
    lambda lib: lib.nn.AvgPool1d(2),
    lambda lib: lib.nn.AvgPool1d(3, 2, 1, True, False),
    lambda lib: lib.nn.AvgPool2d(2),
    lambda lib: lib.nn.AvgPool2d([2, 2], [1, 1], 1, divisor_override=2),
    lambda lib: lib.nn.AvgPool3d(2),
    lambda lib: lib.nn.AdaptiveAvgPool1d(3),
    lambda lib: lib.nn.AdaptiveAvgPool2d(1),
    lambda lib: lib.nn.AdaptiveAvgPool2d((None, 3)),
    lambda lib: lib.nn.AdaptiveAvgPool3d(2),
    lambda lib: lib.nn.AdaptiveMaxPool1d(3),
    lambda lib: lib.nn.AdaptiveMaxPool2d((2, 3), return_indices=True),
    lambda lib: lib.nn.AdaptiveMaxPool3d(2),
    lambda lib: lib.nn.LPPool1d(2, 3),
    lambda lib: lib.nn.LPPool2d(2.5, (2, 3), 1, True),
    lambda lib: lib.nn.LPPool3d(2, 3),
    lambda lib: lib.nn.MaxUnpool1d(2),
    lambda lib: lib.nn.MaxUnpool2d(2),
    lambda lib: lib.nn.MaxUnpool3d(2, 1, 1),
    lambda lib: lib.nn.Upsample(scale_factor=2),
    lambda lib: lib.nn.Upsample(size=4),
    lambda lib: lib.nn.Upsample(size=[2, 3]),
    lambda lib: lib.nn.Upsample(scale_factor=(2, 3), mode="bilinear", align_corners=True),
    lambda lib: lib.nn.Upsample(size=(2, 3), mode="bicubic", recompute_scale_factor=True),
    lambda lib: lib.nn.UpsamplingNearest2d(scale_factor=2),
    lambda lib: lib.nn.UpsamplingBilinear2d(size=3),
    lambda lib: lib.nn.PixelShuffle(2),
    lambda lib: lib.nn.PixelUnshuffle(3),
    lambda lib: lib.nn.Sequential(lib.nn.MaxPool2d(2), lib.nn.AdaptiveAvgPool2d((1, 1))),
]


@pytest.mark.parametrize("ctor", REPRS)
def test_repr(ctor):
    assert repr(ctor(numtorch)) == repr(ctor(torch))


def test_upsample_list_scale_factor_is_torch_type_error():
    with pytest.raises(TypeError):
        torch.nn.Upsample(scale_factor=[2, 3])
    with pytest.raises(TypeError):
        numtorch.nn.Upsample(scale_factor=[2, 3])


@pytest.mark.parametrize("name", ["upsample", "upsample_nearest", "upsample_bilinear"])
def test_deprecated_upsample_warns(name):
    x = numtorch.ones(1, 1, 2, 2)
    with pytest.warns(UserWarning, match=f"`nn.functional.{name}` is deprecated. Use "
                      "`nn.functional.interpolate` instead."):
        getattr(numtorch.nn.functional, name)(x, scale_factor=2)


def _both(fn, *arrays):
    res = []
    for lib in (numtorch, torch):
        res.append(fn(lib, *[lib.from_numpy(a.copy()) for a in arrays]))
    return res


def _same(a, b):
    for x, y in zip(a if isinstance(a, tuple) else (a,), b if isinstance(b, tuple) else (b,)):
        np.testing.assert_array_equal(x.numpy(), y.numpy())


def test_max_pool_nan_and_inf_like_torch():
    x = _x(2, 2, 6, 6, dtype="float32")
    x[0, 0, 1, 1] = np.nan
    x[0, 0, 0, 0] = np.nan
    x[1, 1, :3, :3] = -np.inf  # an all -inf window beside the padding
    for kw in (dict(kernel_size=2), dict(kernel_size=3, stride=2, padding=1),
               dict(kernel_size=3, stride=1, padding=1, dilation=1)):
        ours, theirs = _both(lambda lib, t: lib.nn.functional.max_pool2d(
            t, return_indices=True, **kw), x)
        _same(ours, theirs)
    ours, theirs = _both(lambda lib, t: lib.nn.functional.adaptive_max_pool2d(
        t, (4, 5), return_indices=True), x)
    _same(ours, theirs)


def test_max_pool_grad_fn_names():
    x = numtorch.randn(1, 2, 6, 6, requires_grad=True)
    F = numtorch.nn.functional
    assert type(F.max_pool2d(x, 2).grad_fn).__name__ == "MaxPool2DWithIndicesBackward0"
    assert type(F.avg_pool2d(x, 2).grad_fn).__name__ == "AvgPool2DBackward0"
    assert type(F.adaptive_avg_pool2d(x, 4).grad_fn).__name__ == "AdaptiveAvgPool2DBackward0"
    assert type(F.adaptive_avg_pool2d(x, 1).grad_fn).__name__ == "MeanBackward1"
    assert type(F.adaptive_max_pool2d(x, 4).grad_fn).__name__ == "AdaptiveMaxPool2DBackward0"
    assert type(F.max_pool1d(x[0], 2).grad_fn).__name__ == "SqueezeBackward1"
    assert type(F.interpolate(x, scale_factor=2).grad_fn).__name__ == \
        "UpsampleNearest2DBackward0"
    assert type(F.interpolate(x, scale_factor=2, mode="bilinear").grad_fn).__name__ == \
        "UpsampleBilinear2DBackward0"
    assert type(F.pixel_shuffle(x[:, :, :2, :2].reshape(1, 8, 1, 1), 2).grad_fn).__name__ == \
        "PixelShuffleBackward0"


def test_float32_stays_float32():
    x = numtorch.randn(2, 3, 7, 7, requires_grad=True)
    F = numtorch.nn.functional
    outs = [F.max_pool2d(x, 3, 2, 1), F.avg_pool2d(x, 3, 2, 1, count_include_pad=False),
            F.adaptive_avg_pool2d(x, 3), F.adaptive_max_pool2d(x, 3), F.lp_pool2d(x, 2, 2),
            F.interpolate(x, scale_factor=1.5, mode="bicubic"),
            F.interpolate(x, size=4, mode="bilinear"), F.interpolate(x, size=9)]
    for o in outs:
        assert o.dtype == numtorch.float32
        (g,) = numtorch.autograd.grad(o.sum(), x)
        assert g.dtype == numtorch.float32 and g._array.dtype == np.float32


def test_gradcheck_pool_float64():
    rng = np.random.default_rng(5)
    F = numtorch.nn.functional
    x = numtorch.from_numpy(rng.uniform(-2, 2, (1, 2, 5, 5))).requires_grad_(True)
    for f in (lambda t: F.max_pool2d(t, 3, 2, 1, ceil_mode=True),
              lambda t: F.avg_pool2d(t, 3, 2, 1, ceil_mode=True, count_include_pad=False),
              lambda t: F.adaptive_max_pool2d(t, (3, 4)),
              lambda t: F.interpolate(t, size=(4, 7), mode="bicubic", align_corners=True),
              lambda t: F.interpolate(t, scale_factor=1.5, mode="nearest-exact")):
        assert numtorch.autograd.gradcheck(f, (x,), eps=1e-6, atol=1e-5, rtol=1e-3)

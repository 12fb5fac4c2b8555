"""opdb rows: pooling (max, avg, adaptive, lp, max_unpool) and upsampling (interpolate,
pixel_shuffle). The first two samples of each row are tiny (they are gradchecked); max
pooling inputs are random uniform, so windows have no ties."""

import numpy as np

from opdb import ErrorSample, OpInfo, Sample, positive, rand


def _F(name):
    return lambda lib, *a, **kw: getattr(lib.nn.functional, name)(*a, **kw)


def _top(name):
    return lambda lib, *a, **kw: getattr(lib, name)(*a, **kw)


def _e(*args, exc=RuntimeError, match=None, **kwargs):
    return ErrorSample(args, kwargs, exc=exc, match=match)


def _tied(rng, shape, dt):
    """Small integers: many ties inside windows (torch keeps the first maximum)."""
    return rng.integers(-2, 3, size=shape).astype(dt)


# ---------------------------------------------------------------- max pooling
def _max1d(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(1, 2, 7), 2)),
        Sample((r(2, 9), 3), dict(stride=2, padding=1, return_indices=True)),
        Sample((r(2, 3, 10), 3), dict(stride=1, dilation=2, ceil_mode=True)),
        Sample((r(2, 3, 10), 4), dict(stride=3, padding=2, ceil_mode=True, return_indices=True)),
        Sample((r(0, 3, 10), 2)),
        Sample((_tied(rng, (2, 3, 12), dt), 3), dict(return_indices=True)),
    ]


def _max2d(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(1, 2, 4, 4), 2)),
        Sample((r(2, 5, 5), 3), dict(stride=2, padding=1, return_indices=True)),
        Sample((r(2, 3, 9, 8), (3, 2)), dict(stride=(2, 1), padding=(1, 0), dilation=(2, 1),
                                             return_indices=True)),
        Sample((r(2, 3, 7, 7), 2), dict(ceil_mode=True, return_indices=True)),
        Sample((r(2, 3, 8, 9), 3), dict(stride=2, padding=1, ceil_mode=True)),
        Sample((r(4, 3, 12, 12), 2), dict(stride=2)),
        Sample((r(2, 3, 8, 8), [2, 3], [1, 2], [1, 1], [1, 2]), dict(return_indices=True)),
        Sample((r(0, 3, 4, 4), 2)),
        Sample((_tied(rng, (2, 3, 6, 6), dt), 3), dict(stride=1, return_indices=True)),
        Sample((_tied(rng, (2, 6, 6), dt), 2), dict(padding=1, return_indices=True)),
    ]


def _max3d(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(1, 1, 4, 4, 4), 2)),
        Sample((r(1, 3, 4, 5), 3), dict(stride=2, padding=1, return_indices=True)),
        Sample((r(2, 2, 5, 6, 7), (2, 3, 2)), dict(stride=(1, 2, 2), dilation=(2, 1, 1),
                                                   ceil_mode=True, return_indices=True)),
        Sample((_tied(rng, (1, 2, 4, 4, 4), dt), 2), dict(stride=1, return_indices=True)),
    ]


def _max2d_int(rng, dt):
    return [Sample((rng.integers(-50, 50, (2, 3, 6, 6)), 2), dict(return_indices=True)),
            Sample((rng.integers(-50, 50, (2, 3, 6, 6)).astype("int32"), 3),
                   dict(stride=2, padding=1))]


def _max_errors(n):
    def errors(rng):
        sp = (2,) * n
        small = rand(rng, (1, 1) + sp)
        out = [_e(small, 2, padding=2, match=r"pad should be at most half of effective kernel "
                  r"size, but got pad=2, kernel_size=2 and dilation=1"),
               _e(small, 3, match=r"Output size is too small"),
               _e(small, 2, stride=0, match="stride should not be zero"),
               _e(small, 2, dilation=0, match="dilation should be greater than zero"),
               _e(small, 2, padding=-1, match="pad must be non-negative, but got pad: -1"),
               _e(small, (2,) * (n + 1), match="kernel_size must either be a single int, or a "
                  "tuple of"),
               _e(rand(rng, sp), 2, match="non-empty"),
               _e(small.astype(bool), 2, exc=NotImplementedError, match="not implemented for "
                  "'Bool'")]
        if n == 2:
            out += [_e(rand(rng, (1, 1, 2, 2)), 3, match=r"Given input size: \(1x2x2\). "
                       r"Calculated output size: \(1x0x0\). Output size is too small"),
                    _e(rand(rng, (1, 0, 4, 4)), 2, match=r"Expected 3D or 4D \(batch mode\) "
                       r"tensor with optional 0 dim batch size for input, but got:\[1, 0, 4, 4\]"),
                    _e(rand(rng, (1, 1, 4, 4)), 0, 1, match="kernel size should be greater than "
                       "zero, but got kH: 0 kW: 0"),
                    _e([1.0, 2.0], 2, exc=TypeError, match="must be Tensor, not list"),
                    _e(rand(rng, (1, 1, 4, 4)), 2.5, exc=TypeError, match="kernel_size")]
        return out
    return errors


def _max1d_errors(rng):
    x = rand(rng, (1, 2, 2))
    return [_e(x, 2, padding=2, match="padding should be at most half of kernel size, but got "
               "padding=2 and kernel_size=2"),
            _e(x, 3, match="Invalid computed output size: 0"),
            _e(x, 0, match="kernel_size must be greater than zero, but got 0"),
            _e(x, 2, 0, match="stride must be greater than zero, but got 0"),
            _e(x, 2, padding=-1, match="padding must be non-negative, but got -1"),
            _e(rand(rng, (4,)), 2, match=r"Expected 2 to 3 dimensions, but got 1-dimensional"),
            _e(x, (2, 2), match="kernel_size must be an int, list of ints or tuple of ints of "
               "size 1 but got size 2"),
            _e(x.astype("int64"), 2, exc=NotImplementedError,
               match="\"max_pool1d_impl\" not implemented for 'Long'"),
            _e(x, 3, return_indices=True, match="Output size is too small"),
            _e(x, 2, 1, 2, return_indices=True, match="pad should be at most half")]


# ---------------------------------------------------------------- average pooling
def _avg1d(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(1, 2, 7), 2)),
        Sample((r(2, 9), 3), dict(stride=2, padding=1)),
        Sample((r(2, 3, 10), 3), dict(stride=2, padding=1, count_include_pad=False)),
        Sample((r(2, 3, 10), 4), dict(stride=3, padding=2, ceil_mode=True)),
        Sample((r(2, 3, 10), 4, 3, 2, True, False)),
    ]


def _avg2d(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(1, 2, 4, 4), 2)),
        Sample((r(2, 5, 5), 3), dict(stride=2, padding=1, count_include_pad=False)),
        Sample((r(2, 3, 9, 8), (3, 2)), dict(stride=(2, 1), padding=(1, 0))),
        Sample((r(2, 3, 7, 7), 3), dict(stride=2, padding=1, ceil_mode=True)),
        Sample((r(2, 3, 7, 8), 3), dict(stride=2, padding=1, ceil_mode=True,
                                        count_include_pad=False)),
        Sample((r(2, 3, 6, 6), 2), dict(divisor_override=3)),
        Sample((r(2, 3, 7, 7), 3), dict(stride=2, padding=1, ceil_mode=True, divisor_override=2)),
        Sample((r(4, 3, 12, 12), 2)),
        Sample((r(0, 3, 4, 4), 2)),
    ]


def _avg3d(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(1, 1, 4, 4, 4), 2)),
        Sample((r(1, 3, 4, 5), 3), dict(stride=2, padding=1)),
        Sample((r(2, 2, 5, 6, 7), (2, 3, 2)), dict(stride=(1, 2, 2), padding=(1, 1, 0),
                                                   ceil_mode=True, count_include_pad=False)),
        Sample((r(1, 2, 4, 4, 4), 2), dict(divisor_override=5)),
    ]


def _avg_int(rng, dt):
    return [Sample((rng.integers(-50, 50, (2, 3, 6, 6)), 3), dict(stride=2, padding=1)),
            Sample((rng.integers(-50, 50, (2, 3, 6, 6)), 2), dict(divisor_override=3))]


def _avg_errors(n):
    def errors(rng):
        small = rand(rng, (1, 1) + (2,) * n)
        out = [_e(small, 2, padding=2, match="pad should be at most half of effective kernel "
                  "size"),
               _e(small, 2, 0, match="stride should not be zero"),
               _e(small, 2, divisor_override=0, match="divisor must be not zero"),
               _e(small.astype("int32"), 2, exc=NotImplementedError,
                  match=f"\"avg_pool{n}d\" not implemented for 'Int'")]
        if n == 2:
            out += [_e(small, 3, match="Output size is too small"),
                    _e(rand(rng, (4, 4)), 2, exc=IndexError, match="Dimension out of range"),
                    _e(small, (2, 2, 2), match="avg_pool2d: kernel_size must either be a "
                       "single int, or a tuple of two ints")]
        return out
    return errors


def _avg1d_errors(rng):
    x = rand(rng, (1, 2, 2))
    return [_e(x, 2, padding=2, match="pad should be at most half"),
            _e(x, 3, match=r"Given input size: \(2x1x2\). Calculated output size: \(2x1x0\)"),
            _e(x, (2, 2), match="avg_pool1d\\(\\) argument 'kernel_size' should contain one "
               "int \\(got 2\\)"),
            _e(rand(rng, (1, 1, 4, 4)), 2, match="Expected 2 to 3 dimensions, but got "
               "4-dimensional tensor")]


# ---------------------------------------------------------------- adaptive pooling
def _adaptive(n):
    def samples(rng, dt):
        r = lambda *s: rand(rng, s, dt)  # noqa: E731
        sp = {1: [(5,), (7,), (10,)], 2: [(5, 4), (7, 9), (10, 6)],
              3: [(3, 4, 5), (5, 6, 4), (6, 6, 6)]}[n]
        outs = {1: [3, (4,), 10, 1, 13], 2: [3, (2, 3), (None, 4), 1, (9, 13)],
                3: [2, (1, 2, 3), (None, 2, None), 1, (4, 7, 3)]}[n]
        return [
            Sample((r(1, 2, *sp[0]), outs[0])),
            Sample((r(2, *sp[0]), outs[1])),
            Sample((r(2, 3, *sp[1]), outs[2])),
            Sample((r(2, 3, *sp[2]), outs[3])),
            Sample((r(2, 3, *sp[1]), outs[4])),
            Sample((r(2, 3, *sp[2]), outs[1])),
            Sample((r(0, 3, *sp[0]), outs[0])),
        ]
    return samples


def _adaptive_max_samples(n):
    base = _adaptive(n)

    def samples(rng, dt):
        out = base(rng, dt)
        for s in out[:4]:
            s.kwargs = dict(return_indices=True)
        sp = (6,) * n
        out.append(Sample((_tied(rng, (2, 3) + sp, dt), 4), dict(return_indices=True)))
        return out
    return samples


def _adaptive_errors(n, avg):
    def errors(rng):
        x = rand(rng, (1, 1) + (4,) * n)
        name = f"adaptive_{'avg' if avg else 'max'}_pool{n}d"
        out = [_e(x.astype("int64"), 2, exc=NotImplementedError, match="not implemented for "
                  "'Long'")]
        if n > 1:
            out += [_e(rand(rng, (4,) * n), 2, match=f"{name}\\(\\): Expected {n + 1}D or "
                       f"{n + 2}D tensor"),
                    _e(rand(rng, (1, 1, 0) + (4,) * (n - 1)), 2, match="Expected input to have "
                       "non-zero size for non-batch dimensions")]
            if avg:
                out += [_e(x, -1, match="elements of output_size must be greater than or equal "
                           "to 0"), _e(x, (1,) * (n + 1), match=f"output_size must be {n}")]
            else:
                out += [_e(x, -1, match="negative dimension -1")]
        else:
            out += [_e(rand(rng, (4,)), 2, match="Expected 2 to 3 dimensions"),
                    _e(x, (1, 2), match="argument 'output_size' should contain one int")]
        return out
    return errors


# ---------------------------------------------------------------- lp pooling / unpooling
def _lp(n):
    def samples(rng, dt):
        sp = {1: (8,), 2: (6, 6), 3: (4, 4, 4)}[n]
        small = {1: (1, 2, 6), 2: (1, 1, 4, 4), 3: (1, 1, 2, 4, 4)}[n]
        return [Sample((positive(rng, small, dt), 2, 2)),
                Sample((positive(rng, small, dt), 3.0, 2), dict(ceil_mode=True)),
                Sample((rand(rng, (2, 3) + sp, dt), 2, 3), dict(stride=2)),
                Sample((positive(rng, (2, 3) + sp, dt), 1.5, 2, 1))]
    return samples


def _unpool(n):
    def fn(lib, x, k, stride=None, padding=0, output_size=None):
        F = lib.nn.functional
        pool = getattr(F, f"max_pool{n}d")
        v, i = pool(x, k, stride, padding, return_indices=True)
        return getattr(F, f"max_unpool{n}d")(v, i, k, stride, padding, output_size)
    return fn


def _unpool_samples(n):
    def samples(rng, dt):
        sp = {1: (8,), 2: (4, 4), 3: (4, 4, 4)}[n]
        big = {1: (9,), 2: (7, 9), 3: (5, 6, 7)}[n]
        return [Sample((rand(rng, (1, 2) + sp, dt), 2)),
                Sample((rand(rng, (2,) + sp, dt), 2, 2, 1)),
                Sample((rand(rng, (2, 3) + big, dt), 2), dict(output_size=big)),
                Sample((rand(rng, (2, 3) + big, dt), 3, 2, 1), dict(output_size=(2, 3) + big)),
                Sample((rand(rng, (2, 3) + big, dt), 3, 1, 1)),  # overlapping windows
                Sample((rand(rng, (2, 3) + sp, dt), 3, 2, 1), dict(output_size=sp))]
    return samples


def _unpool_errors(rng):
    x = rand(rng, (1, 1, 2, 2))
    idx = np.zeros((1, 1, 2, 2), np.int64)
    return [_e(x, idx, 2, output_size=(9, 9), exc=ValueError, match="invalid output_size"),
            _e(x, idx, 2, output_size=(1, 2, 3), exc=ValueError,
               match="output_size should be a sequence containing 2 or 4 elements"),
            _e(x, idx.astype(np.int32), 2, match="elements in indices should be type int64"),
            _e(x, idx[..., :1], 2, match="Expected shape of indices to be same as that of the "
               "input tensor"),
            _e(x, idx + 16, 2, match=r"Found an invalid max index: 16 \(output volumes are of "
               r"size 4x4\)")]


ROWS = [
    OpInfo("nn.functional.max_pool1d", _F("max_pool1d"), _max1d, errors=lambda rng:
           _max1d_errors(rng), covers=("max_pool1d",)),
    OpInfo("nn.functional.max_pool1d_with_indices", _F("max_pool1d_with_indices"),
           lambda rng, dt: _max1d(rng, dt)[:4], covers=("max_pool1d_with_indices",)),
    OpInfo("nn.functional.max_pool2d", _F("max_pool2d"), _max2d, errors=_max_errors(2)),
    OpInfo("max_pool2d", _top("max_pool2d"),
           lambda rng, dt: [s for s in _max2d(rng, dt) if "return_indices" not in s.kwargs]),
    OpInfo("nn.functional.max_pool2d/int", _F("max_pool2d"), _max2d_int, dtypes=("int64",)),
    OpInfo("nn.functional.max_pool2d_with_indices", _F("max_pool2d_with_indices"),
           lambda rng, dt: _max2d(rng, dt)[:4]),
    OpInfo("nn.functional.max_pool3d", _F("max_pool3d"), _max3d, errors=_max_errors(3),
           covers=("max_pool3d",)),
    OpInfo("nn.functional.max_pool3d_with_indices", _F("max_pool3d_with_indices"),
           lambda rng, dt: _max3d(rng, dt)[:3]),
    OpInfo("nn.functional.avg_pool1d", _F("avg_pool1d"), _avg1d, errors=_avg1d_errors,
           covers=("avg_pool1d",)),
    OpInfo("nn.functional.avg_pool2d", _F("avg_pool2d"), _avg2d, errors=_avg_errors(2)),
    OpInfo("nn.functional.avg_pool2d/int", _F("avg_pool2d"), _avg_int, dtypes=("int64",)),
    OpInfo("nn.functional.avg_pool3d", _F("avg_pool3d"), _avg3d, errors=_avg_errors(3)),
    OpInfo("nn.functional.adaptive_avg_pool1d", _F("adaptive_avg_pool1d"), _adaptive(1),
           errors=_adaptive_errors(1, True), covers=("adaptive_avg_pool1d",)),
    OpInfo("nn.functional.adaptive_avg_pool2d", _F("adaptive_avg_pool2d"), _adaptive(2),
           errors=_adaptive_errors(2, True)),
    OpInfo("nn.functional.adaptive_avg_pool3d", _F("adaptive_avg_pool3d"), _adaptive(3),
           errors=_adaptive_errors(3, True)),
    OpInfo("nn.functional.adaptive_max_pool1d", _F("adaptive_max_pool1d"),
           _adaptive_max_samples(1), errors=_adaptive_errors(1, False)),
    OpInfo("nn.functional.adaptive_max_pool2d", _F("adaptive_max_pool2d"),
           _adaptive_max_samples(2), errors=_adaptive_errors(2, False)),
    OpInfo("nn.functional.adaptive_max_pool3d", _F("adaptive_max_pool3d"),
           _adaptive_max_samples(3), errors=_adaptive_errors(3, False)),
    OpInfo("nn.functional.adaptive_max_pool1d_with_indices",
           _F("adaptive_max_pool1d_with_indices"), lambda rng, dt: _adaptive(1)(rng, dt)[:3]),
    OpInfo("nn.functional.adaptive_max_pool2d_with_indices",
           _F("adaptive_max_pool2d_with_indices"), lambda rng, dt: _adaptive(2)(rng, dt)[:3]),
    OpInfo("nn.functional.adaptive_max_pool3d_with_indices",
           _F("adaptive_max_pool3d_with_indices"), lambda rng, dt: _adaptive(3)(rng, dt)[:3]),
    OpInfo("nn.functional.lp_pool1d", _F("lp_pool1d"), _lp(1), atol=1e-4),
    OpInfo("nn.functional.lp_pool2d", _F("lp_pool2d"), _lp(2), atol=1e-4),
    OpInfo("nn.functional.lp_pool3d", _F("lp_pool3d"), _lp(3), atol=1e-4),
    OpInfo("nn.functional.max_unpool1d", _unpool(1), _unpool_samples(1)),
    OpInfo("nn.functional.max_unpool2d", _unpool(2), _unpool_samples(2)),
    OpInfo("nn.functional.max_unpool2d/errors", _F("max_unpool2d"), lambda rng, dt: [],
           dtypes=("float32",), errors=_unpool_errors),
    OpInfo("nn.functional.max_unpool3d", _unpool(3), _unpool_samples(3)),
]


# ---------------------------------------------------------------- upsampling
def _interp_samples(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    S = Sample
    return [
        S((r(1, 2, 3, 3),), dict(scale_factor=2, mode="bilinear")),
        S((r(1, 2, 4),), dict(size=7, mode="linear", align_corners=True)),
        # nearest / nearest-exact, 1-3 d, sizes and scale factors (non-integer too)
        S((r(2, 3, 5),), dict(scale_factor=2)),
        S((r(2, 3, 5, 4),), dict(size=(7, 9))),
        S((r(2, 3, 6, 7),), dict(size=(4, 3))),
        S((r(2, 3, 5, 4),), dict(scale_factor=1.7)),
        S((r(2, 3, 5, 4),), dict(scale_factor=(0.6, 2.5), recompute_scale_factor=True)),
        S((r(2, 2, 3, 4, 5),), dict(scale_factor=(2, 1.5, 0.8))),
        S((r(2, 3, 5, 4),), dict(size=(7, 9), mode="nearest-exact")),
        S((r(2, 3, 7),), dict(scale_factor=0.6, mode="nearest-exact")),
        S((r(1, 2, 3, 4, 5),), dict(size=(5, 3, 8), mode="nearest-exact")),
        # linear family, align_corners both ways, up and down
        S((r(2, 3, 5),), dict(size=11, mode="linear")),
        S((r(2, 3, 9),), dict(scale_factor=0.4, mode="linear")),
        S((r(2, 3, 5, 4),), dict(size=(7, 9), mode="bilinear", align_corners=True)),
        S((r(2, 3, 6, 7),), dict(size=(4, 3), mode="bilinear")),
        S((r(2, 3, 5, 4),), dict(scale_factor=(1.7, 2.3), mode="bilinear")),
        S((r(2, 3, 5, 4),), dict(scale_factor=1.7, mode="bilinear", recompute_scale_factor=True)),
        S((r(2, 3, 5, 4),), dict(size=(1, 6), mode="bilinear", align_corners=True)),
        S((r(1, 2, 3, 4, 5),), dict(size=(5, 3, 8), mode="trilinear")),
        S((r(1, 2, 3, 4, 5),), dict(scale_factor=1.5, mode="trilinear", align_corners=True)),
        # bicubic
        S((r(2, 3, 5, 4),), dict(size=(9, 7), mode="bicubic")),
        S((r(2, 3, 6, 7),), dict(size=(4, 3), mode="bicubic", align_corners=True)),
        S((r(2, 3, 5, 4),), dict(scale_factor=2.5, mode="bicubic")),
        # area = adaptive average pooling
        S((r(2, 3, 7, 9),), dict(size=(3, 4), mode="area")),
        S((r(2, 3, 8),), dict(scale_factor=0.5, mode="area")),
        S((r(0, 3, 4, 4),), dict(scale_factor=2, mode="bilinear")),
    ]


def _interp_errors(rng):
    x = rand(rng, (1, 1, 4, 4))
    x3 = rand(rng, (1, 1, 4))
    return [
        _e(x, exc=ValueError, match="either size or scale_factor should be defined"),
        _e(x, size=2, scale_factor=2, exc=ValueError, match="only one of size or scale_factor"),
        _e(x, scale_factor=2, mode="foo", exc=NotImplementedError, match=r"\(got foo\)"),
        _e(x, scale_factor=2, align_corners=True, exc=ValueError,
           match="align_corners option can only be set with the interpolating modes"),
        _e(x3, scale_factor=2, mode="bilinear", exc=NotImplementedError,
           match="Got 3D input, but bilinear mode needs 4D input"),
        _e(x, scale_factor=2, mode="linear", exc=NotImplementedError,
           match="Got 4D input, but linear mode needs 3D input"),
        _e(x3, scale_factor=2, mode="bicubic", exc=NotImplementedError,
           match=r"Only 3D, 4D and 5D input Tensors supported \(got 3D\)"),
        _e(x, size=(1, 2, 3), exc=ValueError, match="Input and output must have the same number "
           "of spatial dimensions"),
        _e(x, scale_factor=(1.0, 2.0, 3.0), exc=ValueError, match="Input and scale_factor must "
           "have the same number of spatial dimensions"),
        _e(rand(rng, (4, 4)), scale_factor=2, exc=NotImplementedError,
           match=r"\(got 2D\)"),
        _e(x, scale_factor=0.0, match=r"Input and output sizes should be greater than 0, but got "
           r"input \(H: 4, W: 4\) output \(H: 0, W: 0\)"),
        _e(x3, size=0, mode="linear", match=r"input \(W: 4\) and output \(W: 0\)"),
        _e(x, size=3, recompute_scale_factor=True, exc=ValueError,
           match="recompute_scale_factor is not meaningful with an explicit size"),
        _e(x, scale_factor=0.5, antialias=True, exc=ValueError,
           match="Anti-alias option is restricted to bilinear, bicubic"),
        _e(x, size=(2.0, 3), exc=TypeError, match="expected size to be one of int"),
        _e(x.astype("int64"), scale_factor=2, exc=NotImplementedError, match="'Long'"),
    ]


def _deprecated(name):
    def fn(lib, *a, **kw):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return getattr(lib.nn.functional, name)(*a, **kw)
    return fn


def _up_samples(rng, dt):
    return [Sample((rand(rng, (1, 2, 3, 3), dt),), dict(scale_factor=2)),
            Sample((rand(rng, (2, 3, 4, 5), dt),), dict(size=(7, 3)))]


def _shuffle_samples(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [Sample((r(1, 8, 2, 3), 2)), Sample((r(9, 2, 2), 3)), Sample((r(2, 3, 4, 2, 2), 1)),
            Sample((r(2, 3, 8, 3, 2), 2))]


def _unshuffle_samples(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [Sample((r(1, 2, 4, 6), 2)), Sample((r(1, 6, 3), 3)), Sample((r(2, 3, 2, 4, 6), 2))]


def _shuffle_errors(rng):
    return [_e(rand(rng, (1, 3, 2, 2)), 2, match=r"input.size\(-3\)=3 is not divisible by 4"),
            _e(rand(rng, (3, 2)), 2, match="at least 3 dimensions, but got input with 2 "
               r"dimension\(s\)"),
            _e(rand(rng, (1, 4, 2, 2)), 0, match="expects a positive upscale_factor, but got 0")]


def _unshuffle_errors(rng):
    return [_e(rand(rng, (1, 1, 3, 4)), 2, match=r"height to be divisible by downscale_factor, "
               r"but input.size\(-2\)=3 is not divisible by 2"),
            _e(rand(rng, (1, 1, 4, 3)), 2, match=r"width to be divisible"),
            _e(rand(rng, (1, 4, 2, 2)), 0, match="expects a positive downscale_factor, but got 0")]


ROWS += [
    OpInfo("nn.functional.interpolate", _F("interpolate"), _interp_samples, errors=_interp_errors,
           atol=2e-5),
    OpInfo("nn.functional.interpolate/uint8", _F("interpolate"),
           lambda rng, dt: [Sample((rng.integers(0, 255, (2, 3, 4, 5)).astype("uint8"),),
                                   dict(size=(7, 3)))], dtypes=("uint8",)),
    OpInfo("nn.functional.upsample", _deprecated("upsample"), _up_samples),
    OpInfo("nn.functional.upsample_nearest", _deprecated("upsample_nearest"), _up_samples),
    OpInfo("nn.functional.upsample_bilinear", _deprecated("upsample_bilinear"), _up_samples),
    OpInfo("nn.functional.pixel_shuffle", _F("pixel_shuffle"), _shuffle_samples,
           errors=_shuffle_errors, gradgrad=True, covers=("pixel_shuffle",)),
    OpInfo("nn.functional.pixel_unshuffle", _F("pixel_unshuffle"), _unshuffle_samples,
           errors=_unshuffle_errors, gradgrad=True, covers=("pixel_unshuffle",)),
]

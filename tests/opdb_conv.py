"""opdb rows: convolutions (conv1d/2d/3d, conv_transpose1d/2d/3d), F.pad and
constant_pad_nd, unfold/fold. The first two samples of each row are tiny (gradchecked)."""

import warnings

import numpy as np

from opdb import ErrorSample, OpInfo, Sample, rand


def _quiet(f):
    """torch warns (once) that padding='same' with an even kernel copies the input."""

    def call(lib, *a, **kw):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return f(lib, *a, **kw)

    return call


def _F(name):
    return _quiet(lambda lib, *a, **kw: getattr(lib.nn.functional, name)(*a, **kw))


def _top(name):
    return _quiet(lambda lib, *a, **kw: getattr(lib, name)(*a, **kw))


def _e(*args, exc=RuntimeError, match=None, **kwargs):
    return ErrorSample(args, kwargs, exc=exc, match=match)


# ---------------------------------------------------------------- convolutions
def _conv1d(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(1, 2, 6), r(3, 2, 3), r(3))),
        Sample((r(2, 7), r(2, 2, 2)), dict(stride=2, padding=1, dilation=2)),
        Sample((r(2, 4, 11), r(6, 2, 3), r(6)), dict(stride=2, padding=2, groups=2)),
        Sample((r(2, 3, 8), r(4, 3, 4)), dict(padding="same")),
        Sample((r(2, 3, 8), r(4, 3, 3), None, 1, "same", 2)),
        Sample((r(2, 3, 8), r(4, 3, 3)), dict(padding="valid")),
        Sample((r(0, 3, 8), r(4, 3, 3))),
        Sample((r(9, 4, 10), r(6, 2, 3), r(6)), dict(stride=2, padding=1, dilation=2, groups=2)),
    ]


def _conv2d(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(1, 2, 4, 4), r(2, 2, 2, 2), r(2))),
        Sample((r(2, 5, 4), r(2, 2, 3, 2)), dict(stride=2, padding=1)),
        Sample((r(2, 3, 9, 8), r(4, 3, 3, 2), r(4)), dict(stride=(2, 1), padding=(1, 2),
                                                         dilation=(2, 1))),
        Sample((r(2, 4, 7, 7), r(6, 2, 3, 3), r(6)), dict(groups=2, padding=1)),
        Sample((r(2, 4, 6, 6), r(4, 1, 3, 3)), dict(groups=4, stride=2)),  # depthwise
        Sample((r(2, 3, 7, 6), r(4, 3, 4, 2)), dict(padding="same", dilation=(1, 3))),
        Sample((r(2, 3, 7, 6), r(4, 3, 3, 3), r(4)), dict(padding="same")),
        Sample((r(2, 3, 5, 5), r(4, 3, 5, 5)), dict(padding="valid")),
        Sample((r(3, 8, 8), r(5, 3, 1, 1), r(5))),  # 1x1, unbatched
        Sample((r(2, 3, 8, 8), r(4, 3, 3, 3), None, [2], [1], [1], 1)),
        Sample((r(0, 3, 5, 5), r(4, 3, 3, 3))),
        # batch >= 8: the batch-last column layout (narrow or strided outputs)
        Sample((r(8, 3, 9, 9), r(4, 3, 3, 3), r(4)), dict(stride=2, padding=1)),
        Sample((r(8, 4, 7, 6), r(6, 2, 3, 2), r(6)), dict(padding=(2, 1), dilation=(1, 2),
                                                         groups=2)),
        Sample((r(8, 2, 6, 6), r(3, 2, 4, 4)), dict(padding="same")),
    ]


def _conv3d(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(1, 1, 3, 3, 3), r(2, 1, 2, 2, 2), r(2))),
        Sample((r(2, 3, 4, 3), r(1, 2, 2, 2, 2)), dict(stride=2, padding=1)),
        Sample((r(2, 4, 5, 6, 5), r(4, 2, 3, 2, 3), r(4)), dict(stride=(1, 2, 1), padding=1,
                                                               dilation=(1, 1, 2), groups=2)),
        Sample((r(1, 2, 5, 4, 4), r(3, 2, 2, 3, 2)), dict(padding="same")),
        Sample((r(8, 2, 4, 5, 4), r(3, 2, 2, 2, 3), r(3)), dict(stride=(1, 2, 1), padding=1)),
    ]


def _tconv1d(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(1, 2, 4), r(2, 3, 3), r(3))),
        Sample((r(2, 3), r(2, 2, 2)), dict(stride=2, padding=1, output_padding=1)),
        Sample((r(2, 4, 6), r(4, 2, 3), r(4)), dict(stride=3, padding=1, output_padding=2,
                                                    groups=2, dilation=2)),
        Sample((r(2, 3, 5), r(3, 2, 3), None, 1, 0, 1, 1, 2)),  # output_padding < dilation
        Sample((r(8, 4, 5), r(4, 3, 3), r(6)), dict(stride=2, output_padding=1, groups=2)),
    ]


def _tconv2d(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(1, 2, 3, 3), r(2, 2, 2, 2), r(2))),
        Sample((r(2, 3, 2), r(2, 1, 3, 2)), dict(stride=2, padding=1, output_padding=1)),
        Sample((r(2, 6, 4, 5), r(6, 2, 3, 2), r(6)), dict(stride=(2, 3), padding=(1, 0),
                                                         output_padding=(0, 2), groups=3,
                                                         dilation=(1, 2))),
        Sample((r(2, 3, 4, 4), r(3, 4, 3, 3)), dict(stride=2, padding=1, output_padding=1)),
        Sample((r(3, 5, 5), r(3, 2, 1, 1), r(2))),
        Sample((r(2, 3, 4, 4), r(3, 2, 4, 4), None, [2], [1], [0], 1, [1])),
        Sample((r(8, 4, 5, 4), r(4, 3, 4, 3), r(3)), dict(stride=2, padding=1,
                                                         output_padding=(1, 0))),
        Sample((r(9, 3, 4, 4), r(3, 2, 3, 3), r(2)), dict(padding=1, dilation=2)),
    ]


def _tconv3d(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(1, 1, 2, 2, 2), r(1, 2, 2, 2, 2), r(2))),
        Sample((r(2, 2, 2, 3), r(2, 1, 2, 2, 2)), dict(stride=2, padding=1, output_padding=1)),
        Sample((r(2, 4, 3, 4, 3), r(4, 2, 3, 2, 3), r(4)), dict(stride=(1, 2, 2), padding=1,
                                                               groups=2)),
    ]


def _conv_errors(rng):
    r = lambda *s: rand(rng, s)  # noqa: E731
    x = r(1, 3, 8, 8)
    return [
        _e(r(5, 5), r(6, 1, 5, 5), match=r"Expected 3D \(unbatched\) or 4D \(batched\) input to "
                                         r"conv2d, but got input of size: \[5, 5\]"),
        _e(r(1, 3, 32, 32), r(6, 1, 5, 5),
           match=r"Given groups=1, weight of size \[6, 1, 5, 5\], expected input\[1, 3, 32, 32\] "
                 r"to have 1 channels, but got 3 channels instead"),
        _e(r(3, 32, 32), r(6, 1, 5, 5), match=r"expected input\[1, 3, 32, 32\] to have 1"),
        _e(r(1, 1, 2, 2), r(1, 1, 3, 3),
           match=r"Calculated padded input size per channel: \(2 x 2\). Kernel size: \(3 x 3\). "
                 "Kernel size can't be greater than actual input size"),
        _e(r(1, 1, 4, 4), r(1, 1, 3, 3), dilation=2, match=r"Kernel size: \(5 x 5\)"),
        _e(x, r(6, 3, 3, 3), stride=0, match="non-positive stride"),
        _e(x, r(6, 3, 3, 3), padding=-1, match="negative padding"),
        _e(x, r(6, 3, 3, 3), dilation=0, match="non-positive dilation"),
        _e(x, r(6, 3, 3, 3), groups=0, match="non-positive groups"),
        _e(x, r(5, 1, 3, 3), groups=3,
           match=r"expected weight to be divisible by 3 at dimension 0"),
        _e(x, r(6, 3, 3, 3), stride=(1, 2, 3),
           match=r"expected stride to be a single integer value or a list of 2 values.*"
                 r"stride=\[1, 2, 3\]"),
        _e(x, r(6, 3, 3, 3), padding="foo", match="Invalid padding string: 'foo'"),
        _e(x, r(6, 3, 3, 3), padding="same", stride=2, match="padding='same' is not supported for "
                                                             "strided convolutions"),
        _e(x, r(6, 3, 3, 3), r(5), match=r"expected bias to be 1-dimensional with 6 elements, but "
                                         r"got bias of size \[5\]"),
        _e(x, r(6, 3, 3, 3).astype(np.float64), match=r"Input type \(torch.FloatTensor\) and "
                                                      r"weight type \(torch.DoubleTensor\)"),
        _e(x, r(6, 3, 3, 3), r(6).astype(np.float64), match=r"Input type \(float\) and bias type "
                                                            r"\(double\)"),
        _e(x, r(6, 3, 3, 3), padding=1.5, exc=TypeError, match="padding"),
        _e(x, r(6, 3, 3, 3), groups=1.5, exc=TypeError, match="groups"),
        _e(x, r(6, 3, 3), match="expected stride to be a single integer value or a list of 1"),
        _e(x, r(6, 3, 0, 3), match="kernel size should be greater than zero"),
        _e(r(2, 3, 5, 5), r(0, 3, 3, 3), match="expected weight to be at least 1 at dimension 0"),
    ]


def _tconv_errors(rng):
    r = lambda *s: rand(rng, s)  # noqa: E731
    x = r(1, 3, 8, 8)
    return [
        _e(r(8, 8), r(3, 2, 3, 3), match=r"Expected 3D \(unbatched\) or 4D \(batched\) input to "
                                         "conv_transpose2d"),
        _e(x, r(3, 2, 3, 3), stride=2, output_padding=2,
           match="output padding must be smaller than either stride or dilation, but got "
                 "output_padding_height: 2 output_padding_width: 2 stride_height: 2 "
                 "stride_width: 2 dilation_height: 1 dilation_width: 1"),
        _e(x, r(4, 2, 3, 3), match=r"Given transposed=1, weight of size \[4, 2, 3, 3\], expected "
                                   r"input\[1, 3, 8, 8\] to have 4 channels, but got 3"),
        _e(r(3, 2, 2), r(3, 2, 3, 3), padding=2,
           match=r"Given input size per channel: \(2 x 2\). Calculated output size per channel: "
                 r"\(0 x 0\). Output size is too small"),
        _e(x, r(3, 2, 3, 3), r(3), match=r"Given transposed=1, weight of size \[3, 2, 3, 3\], "
                                         "expected bias to be 1-dimensional with 2 elements"),
        _e(x, r(3, 2, 3, 3), groups=2, match="expected weight to be divisible by 2"),
        _e(x, r(3, 2, 3, 3), output_padding=-1, match="negative output_padding"),
        _e(x, r(3, 2, 3, 3), padding="same", exc=TypeError, match="padding"),
    ]


def _tconv1d_errors(rng):
    r = lambda *s: rand(rng, s)  # noqa: E731
    return [
        _e(r(1, 3, 5), r(3, 2, 3), output_padding=1,
           match="output_padding_height: 0 output_padding_width: 1 stride_height: 1"),
        _e(r(1, 3, 1), r(3, 2, 3), padding=2, match=r"Calculated output size per channel: "
                                                    r"\(1 x -1\)"),
        _e(r(5), r(3, 2, 3), match="Expected 2D"),
    ]


def _conv1d_errors(rng):
    r = lambda *s: rand(rng, s)  # noqa: E731
    return [
        _e(r(5), r(6, 1, 5), match=r"Expected 2D \(unbatched\) or 3D \(batched\) input to conv1d, "
                                   r"but got input of size: \[5\]"),
        _e(r(1, 1, 2), r(1, 1, 3), match=r"size per channel: \(2\). Kernel size: \(3\)"),
    ]


def _conv3d_errors(rng):
    r = lambda *s: rand(rng, s)  # noqa: E731
    return [
        _e(r(5, 5), r(6, 1, 5, 5, 5), match=r"Expected 4D \(unbatched\) or 5D \(batched\) input "
                                            "to conv3d"),
        _e(r(1, 1, 2, 2, 2), r(1, 1, 3, 3, 3), match=r"\(2 x 2 x 2\). Kernel size: \(3 x 3 x 3\)"),
    ]


def _top_conv(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [Sample((r(1, 2, 5, 5), r(2, 2, 3, 3), r(2), 1, 1, 1, 1)),
            Sample((r(2, 4, 6, 6), r(4, 2, 3, 3), None, 2, 0, 2, 2))]


def _top_conv1d(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [Sample((r(1, 2, 5), r(2, 2, 3), r(2), 1, "same", 1, 1))]


def _top_conv3d(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [Sample((r(1, 2, 3, 3, 3), r(2, 2, 2, 2, 2), r(2), 1, 1, 1, 1))]


def _top_tconv(nd):
    def samples(rng, dt):
        r = lambda *s: rand(rng, s, dt)  # noqa: E731
        sp = (3,) * nd
        return [Sample((r(1, 2, *sp), r(2, 2, *(2,) * nd), r(4), 2, 1, 1, 2, 1))]

    return samples


def _int_conv(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [Sample((r(2, 3, 5, 5), r(4, 3, 3, 3), r(4)), dict(padding=1))]


ROWS = [
    OpInfo("nn.functional.conv1d", _F("conv1d"), _conv1d, errors=_conv1d_errors, gradgrad=True),
    OpInfo("nn.functional.conv2d", _F("conv2d"), _conv2d, errors=_conv_errors, atol=1e-5,
           gradgrad=True),
    OpInfo("nn.functional.conv2d/int", _F("conv2d"), _int_conv, dtypes=("int64", "int32")),
    OpInfo("nn.functional.conv3d", _F("conv3d"), _conv3d, errors=_conv3d_errors, atol=1e-5,
           gradgrad=True),
    OpInfo("nn.functional.conv_transpose1d", _F("conv_transpose1d"), _tconv1d,
           errors=_tconv1d_errors),
    OpInfo("nn.functional.conv_transpose2d", _F("conv_transpose2d"), _tconv2d,
           errors=_tconv_errors, atol=1e-5, gradgrad=True),
    OpInfo("nn.functional.conv_transpose3d", _F("conv_transpose3d"), _tconv3d, atol=1e-5),
    OpInfo("conv1d", _top("conv1d"), _top_conv1d),
    OpInfo("conv2d", _top("conv2d"), _top_conv),
    OpInfo("conv3d", _top("conv3d"), _top_conv3d),
    OpInfo("conv_transpose1d", _top("conv_transpose1d"), _top_tconv(1)),
    OpInfo("conv_transpose2d", _top("conv_transpose2d"), _top_tconv(2)),
    OpInfo("conv_transpose3d", _top("conv_transpose3d"), _top_tconv(3)),
]


# ---------------------------------------------------------------- padding
def _pad_constant(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(2, 3), (1, 2))),
        Sample((r(2, 3, 4), (1, -1, 2, 0)), dict(value=1.5)),
        Sample((r(2, 3, 4, 5), (0, 0, -1, 2, 1, 1)), dict(mode="constant", value=-2)),
        Sample((r(5), [2, 3])),
        Sample((r(2, 3, 4), (-1, -2))),
        Sample((r(2, 3, 4), (1, 1, 1, 1, 1, 1))),
        Sample((r(2, 3, 4), (0, 0, -1, -2))),  # an empty dim
    ]


def _pad_mode(mode):
    def samples(rng, dt):
        r = lambda *s: rand(rng, s, dt)  # noqa: E731
        return [
            Sample((r(1, 2, 5), (2, 1)), dict(mode=mode)),
            Sample((r(2, 4, 3), (1, 2, 2, 0)), dict(mode=mode)),
            Sample((r(2, 3, 6), (3, -1)), dict(mode=mode)),
            Sample((r(2, 3, 6, 5), (1, 2, 3, 1)), dict(mode=mode)),
            Sample((r(3, 6, 5), (-1, 2, 2, -2)), dict(mode=mode)),
            Sample((r(2, 3, 4, 5, 5), (1, 2, 0, 1, 2, 1)), dict(mode=mode)),
            Sample((r(2, 4, 5, 5), (1, 1, 2, 2, 3, 3)), dict(mode=mode)),
            Sample((r(0, 3, 6), (2, 2)), dict(mode=mode)),
        ]

    return samples


def _pad_errors(rng):
    r = lambda *s: rand(rng, s)  # noqa: E731
    x = r(1, 2, 3)
    nce = NotImplementedError
    return [
        _e(x, (1,), match="Padding length must be divisible by 2"),
        _e(x, (1,) * 8, match="Padding length should be less than or equal to two times the "
                              "input dimension but got padding length 8 and input of dimension 3"),
        _e(x, (3, 3), mode="reflect",
           match=r"Argument #4: Padding size should be less than the corresponding input "
                 r"dimension, but got: padding \(3, 3\) at dimension 2 of input \[1, 2, 3\]"),
        _e(r(1, 2, 3, 3), (1, 1, 3, 1), mode="reflect", match=r"Argument #6: .* padding \(3, 1\) "
                                                             r"at dimension 2"),
        _e(x, (4, 3), mode="circular", match="Padding value causes wrapping around more than once"),
        _e(x, (-3, -1), mode="circular", match="Negative padding value is resulting in an empty"),
        _e(x, (1, 1), mode="foo", exc=nce, match="Unrecognised padding mode foo"),
        _e(x, (1, 1), mode="reflect", value=2.0, match="Padding mode \"reflect\" doesn't take in "
                                                       "value argument"),
        _e(r(3), (1, 1), mode="reflect", exc=nce, match="Padding size 2 is not supported for 1D "
                                                        "input tensor"),
        _e(x, (1, 1, 1, 1, 1, 1), mode="replicate", exc=nce, match="Padding size 6 is not "
                                                                  "supported for 3D"),
        _e(r(1, 0, 3), (1, 1), mode="reflect", match=r"Expected 2D or 3D \(batch mode\) tensor "
                                                     r"with possibly 0 batch size.*\[1, 0, 3\]"),
        _e(x, (-2, -1), mode="replicate", match=r"input \(W: 3\) is too small. Calculated output "
                                                "W: 0"),
        _e(x, (-2, -2), match="narrow"),
        _e(x, (1.0, 1), exc=TypeError, match="pad"),
        _e(x.astype(bool), (1, 1), mode="reflect", exc=nce, match="not implemented for 'Bool'"),
    ]


def _constant_pad_nd(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [Sample((r(2, 3), (1, 2), 2.5)), Sample((r(2, 3, 4), [1, -1, 0, 2]))]


ROWS += [
    OpInfo("nn.functional.pad", _F("pad"), _pad_constant, errors=_pad_errors, gradgrad=True,
           dtypes=("float32", "float64", "int64", "bool")),
    OpInfo("nn.functional.pad/reflect", _F("pad"), _pad_mode("reflect"), gradgrad=True,
           dtypes=("float32", "float64", "int64")),
    OpInfo("nn.functional.pad/replicate", _F("pad"), _pad_mode("replicate")),
    OpInfo("nn.functional.pad/circular", _F("pad"), _pad_mode("circular"), gradgrad=True,
           dtypes=("float32", "float64", "int64", "bool")),
    OpInfo("constant_pad_nd", _top("constant_pad_nd"), _constant_pad_nd,
           dtypes=("float32", "float64", "int32")),
]


# ---------------------------------------------------------------- unfold / fold
def _unfold(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(1, 2, 4, 4), 2)),
        Sample((r(2, 4, 3), (2, 3)), dict(dilation=(1, 2), padding=1, stride=(2, 1))),
        Sample((r(2, 3, 7, 6), (2, 3)), dict(dilation=(2, 1), padding=1, stride=(2, 1))),
        Sample((r(2, 3, 6, 6), 3), dict(stride=3)),
        Sample((r(0, 3, 5, 5), 2)),
    ]


def _fold(rng, dt):
    r = lambda *s: rand(rng, s, dt)  # noqa: E731
    return [
        Sample((r(1, 8, 9), (4, 4), 2)),
        Sample((r(12, 9), (5, 5), 2), dict(stride=2, padding=1)),
        Sample((r(2, 12, 9), (5, 6), (2, 3)), dict(padding=1, stride=2)),
        Sample((r(2, 18, 24), (7, 6), (2, 3)), dict(dilation=(2, 1), padding=1, stride=(2, 1))),
    ]


def _unfold_errors(rng):
    r = lambda *s: rand(rng, s)  # noqa: E731
    x = r(2, 3, 5, 5)
    return [
        _e(x, 6, match=r"Given input with spatial size \(5, 5\), kernel_size=\(6, 6\), "
                       r"dilation=\(1, 1\), padding=\(0, 0\), calculated shape of the array of "
                       r"sliding blocks as \(0, 0\), but its components must be at least one."),
        _e(x, 0, match="kernel size should be greater than zero, but got kernel_height: 0 "
                       "kernel_width: 0"),
        _e(x, 2, stride=0, match="stride should be greater than zero, but got stride_height: 0"),
        _e(x, 2, padding=-1, match="padding should be non-negative, but got pad_height: -1"),
        _e(x, 2, dilation=0, match="dilation should be greater than zero"),
        _e(r(2, 3, 4, 5, 5), 2, match=r"Expected 3D or 4D \(batch mode\) tensor"),
        _e(x, (2, 2, 2), match="It is expected kernel_size equals to 2, but got size 3"),
    ]


def _fold_errors(rng):
    r = lambda *s: rand(rng, s)  # noqa: E731
    return [
        _e(r(2, 12, 15), (5, 5), 2, match=r"expected size of input's dimension 2 to match the "
                                          r"calculated number of sliding blocks 4 \* 4 = 16, "
                                          r"but got input.size\(2\)=15"),
        _e(r(2, 13, 16), (5, 5), 2, match=r"Expected size of input's dimension 1 to be divisible "
                                          r"by the product of kernel_size, but got "
                                          r"input.size\(1\)=13 and kernel_size=\(2, 2\)"),
        _e(r(12), 5, 2, match=r"Expected 2D or 3D \(batch mode\) tensor for input"),
    ]


ROWS += [
    OpInfo("nn.functional.unfold", _F("unfold"), _unfold, errors=_unfold_errors, gradgrad=True),
    OpInfo("nn.functional.fold", _F("fold"), _fold, errors=_fold_errors, gradgrad=True),
]

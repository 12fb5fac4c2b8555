"""Upsampling: interpolate (nearest, nearest-exact, linear, bilinear, bicubic, trilinear,
area), the deprecated upsample* wrappers, pixel_shuffle and pixel_unshuffle.

Every interpolation mode is separable: along each spatial axis the output is a fixed
linear combination of a few input entries (one for nearest, two for linear, four for
cubic), so ``interpolate`` builds one ``pool.Map1d`` per axis and applies them one axis
at a time (the last axis first, as torch's kernels interpolate W before H). Source
coordinates follow torch's kernels, in the input's float precision (nearest: float32).
The backward is the transposed maps (a segment sum per tap), on raw arrays behind
``once_differentiable``: a fused kernel whose Tensor-op form would be a graph node per tap.
"""

import math
import warnings

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor, _make
from ..autograd.function import Function, once_differentiable
from ._util import check_tensor
from .pool import Map1d, adaptive_avg_pool1d, adaptive_avg_pool2d, adaptive_avg_pool3d, \
    apply_maps, transpose_maps

__all__ = ["pixel_shuffle", "pixel_unshuffle"]
__functional__ = ["interpolate", "upsample", "upsample_nearest", "upsample_bilinear",
                  "pixel_shuffle", "pixel_unshuffle"]

_short = D.short_name
_MODES = ("nearest | linear | bilinear | bicubic | trilinear | lanczos | area | "
          "nearest-exact")


# ---------------------------------------------------------------- 1-d maps per mode
def _nearest_map(L, out, scale, exact):
    """out index -> input index: floor(o * s) (or floor((o + 0.5) * s) for nearest-exact)
    with s = 1 / scale_factor or L / out, in float32 as torch computes it."""
    o = np.arange(out)
    if not exact and out == L:
        idx = o
    elif not exact and out == 2 * L:
        idx = o >> 1
    else:
        s = np.float32(1.0 / scale) if scale is not None and scale > 0 else \
            np.float32(L) / np.float32(out)
        if exact:
            pos = ((o + 0.5) * np.float64(s)).astype(np.float32)
        else:
            pos = o.astype(np.float32) * s
        idx = np.minimum(np.floor(pos).astype(np.int64), L - 1)
    return Map1d(L, out, [(idx, None)])


def _source(L, out, scale, align_corners, dt, cubic):
    """Source coordinate of every output index (torch's area_pixel_compute_source_index)."""
    o = np.arange(out).astype(dt)
    if align_corners:
        s = dt.type(L - 1) / dt.type(out - 1) if out > 1 else dt.type(0)
        return s * o
    s = dt.type(1.0 / scale) if scale is not None and scale > 0 else dt.type(L) / dt.type(out)
    src = s * (o + dt.type(0.5)) - dt.type(0.5)
    return src if cubic else np.maximum(src, dt.type(0))


def _linear_map(L, out, scale, align_corners, dt):
    src = _source(L, out, scale, align_corners, dt, False)
    i0 = np.minimum(src.astype(np.int64), L - 1)
    l1 = np.clip(src - i0.astype(dt), 0, 1).astype(dt)
    l0 = (dt.type(1) - l1).astype(dt)
    i1 = np.minimum(i0 + 1, L - 1)
    return Map1d(L, out, [(i0, l0), (i1, l1)])


def _cubic_map(L, out, scale, align_corners, dt):
    """Keys' cubic convolution (a = -0.75) on the 4 neighbours, clamped at the borders."""
    src = _source(L, out, scale, align_corners, dt, True)
    i0 = np.floor(src)
    t = (src - i0).astype(dt)
    i0 = i0.astype(np.int64)
    a = dt.type(-0.75)

    def near(x):  # |x| <= 1
        return ((a + 2) * x - (a + 3)) * x * x + 1

    def far(x):  # 1 < |x| < 2
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a

    one = dt.type(1)
    ws = [far(t + one), near(t), near(one - t), far(dt.type(2) - t)]
    return Map1d(L, out, [(np.clip(i0 + k - 1, 0, L - 1), w.astype(dt))
                          for k, w in enumerate(ws)])


class _Upsample(Function):
    _raw = True

    @staticmethod
    def forward(ctx, a, maps):
        x = a._array
        ctx.maps = maps
        if x.dtype.kind != "f" or x.dtype == np.float16:  # compute in float32
            y = apply_maps(x.astype(np.float32), maps)
            if x.dtype.kind in "iu":
                info = np.iinfo(x.dtype)
                y = np.clip(np.rint(y), info.min, info.max)
            return y.astype(x.dtype)
        return apply_maps(x, maps)

    @staticmethod
    @once_differentiable
    def backward(ctx, grad):
        return _make(transpose_maps(grad._array, ctx.maps), grad._dtype), None


def _node(name):
    return type(name, (_Upsample,), {"_grad_name": name + "Backward0"})


_NODES = {(mode, n): _node(f"Upsample{label}{n}D") for mode, label in
          (("nearest", "Nearest"), ("nearest-exact", "NearestExact")) for n in (1, 2, 3)}
_NODES.update({("linear", 1): _node("UpsampleLinear1D"),
               ("bilinear", 2): _node("UpsampleBilinear2D"),
               ("bicubic", 2): _node("UpsampleBicubic2D"),
               ("trilinear", 3): _node("UpsampleTrilinear3D")})


# ---------------------------------------------------------------- interpolate
def _is_int(v):
    return isinstance(v, (int, np.integer)) and not isinstance(v, bool) or \
        (isinstance(v, Tensor) and v.dim() == 0 and not v.is_floating_point())


def _check_sizes(sp, out):
    names = ("D", "H", "W")[3 - len(sp):]
    if any(o <= 0 for o in out) or any(L <= 0 for L in sp):
        ins = ", ".join(f"{n}: {v}" for n, v in zip(names, sp))
        outs = ", ".join(f"{n}: {v}" for n, v in zip(names, out))
        sep = " and" if len(sp) == 1 else ""
        raise RuntimeError("Input and output sizes should be greater than 0, but got input "
                           f"({ins}){sep} output ({outs})")


def interpolate(input, size=None, scale_factor=None, mode="nearest", align_corners=None,
                recompute_scale_factor=None, antialias=False):
    """Resize the spatial dims of (N, C, *spatial) input (1 to 3 spatial dims) to ``size``
    or ``floor(L * scale_factor)``.

    Modes: 'nearest' (input[floor(o * L / out)]), 'nearest-exact' (rounds at half
    pixels), 'linear' / 'bilinear' / 'trilinear' (source coordinate
    (o + 0.5) * L / out - 0.5, or o * (L - 1) / (out - 1) with align_corners), 'bicubic'
    (cubic convolution, a = -0.75) and 'area' (adaptive average pooling). With a
    scale_factor (and recompute_scale_factor not True) the kernels use 1 / scale_factor
    as the coordinate scale, like torch.

    >>> F.interpolate(torch.tensor([[[1., 2.]]]), scale_factor=2, mode='linear')
    tensor([[[1.0000, 1.2500, 1.7500, 2.0000]]])
    """
    if not isinstance(input, Tensor):
        raise AttributeError(f"'{type(input).__name__}' object has no attribute 'dim'")
    if mode in ("nearest", "area", "nearest-exact"):
        if align_corners is not None:
            raise ValueError("align_corners option can only be set with the interpolating "
                             "modes: linear | bilinear | bicubic | trilinear")
    elif align_corners is None:
        align_corners = False
    dim = input.dim() - 2
    if size is not None and scale_factor is not None:
        raise ValueError("only one of size or scale_factor should be defined")
    if size is not None:
        scales = None
        if isinstance(size, (list, tuple)):
            if len(size) != dim:
                raise ValueError(
                    "Input and output must have the same number of spatial dimensions, but got "
                    f"input with spatial dimensions of {list(input.shape[2:])} and output size "
                    f"of {size}. Please provide input tensor in (N, C, d1, d2, ...,dK) format "
                    "and output size in (o1, o2, ...,oK) format.")
            if not all(_is_int(v) for v in size):
                raise TypeError("expected size to be one of int or Tuple[int] or Tuple[int, int] "
                                "or Tuple[int, int, int], but got size with types "
                                f"{[type(v) for v in size]}")
            out = [int(v) for v in size]
        else:
            if not _is_int(size):
                raise TypeError(f"interpolate(): size must be an int or a tuple of ints, "
                                f"not {type(size).__name__}")
            out = [int(size)] * dim
    elif scale_factor is not None:
        out = None
        if isinstance(scale_factor, (list, tuple)):
            if len(scale_factor) != dim:
                raise ValueError(
                    "Input and scale_factor must have the same number of spatial dimensions, "
                    f"but got input with spatial dimensions of {list(input.shape[2:])} and "
                    f"scale_factor of shape {scale_factor}. Please provide input tensor in "
                    "(N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.")
            scales = [float(s) for s in scale_factor]
        else:
            scales = [float(scale_factor)] * dim
    else:
        raise ValueError("either size or scale_factor should be defined")
    if recompute_scale_factor and size is not None:
        raise ValueError("recompute_scale_factor is not meaningful with an explicit size.")
    if mode == "area" and out is None:
        recompute_scale_factor = True
    sp = list(input.shape[2:])
    if recompute_scale_factor:
        out = [math.floor(L * s) for L, s in zip(sp, scales)]
        scales = None
    if antialias and not (mode in ("bilinear", "bicubic", "lanczos") and input.dim() == 4):
        raise ValueError("Anti-alias option is restricted to bilinear, bicubic, and lanczos "
                         "modes and requires a 4-D tensor as input")
    if antialias:
        raise NotImplementedError("interpolate(): antialias=True is not supported by numtorch")
    n = input.dim()
    if mode == "area" and n in (3, 4, 5):
        return (adaptive_avg_pool1d, adaptive_avg_pool2d, adaptive_avg_pool3d)[n - 3](input, out)
    need = {"linear": 3, "bilinear": 4, "bicubic": 4, "trilinear": 5}
    if mode in ("nearest", "nearest-exact") and n in (3, 4, 5) or need.get(mode) == n:
        return _resize(input, mode, out, scales, align_corners)
    if mode in ("linear", "bilinear", "trilinear") and n in (3, 4, 5):
        raise NotImplementedError(f"Got {n}D input, but {mode} mode needs {need[mode]}D input")
    raise NotImplementedError(f"Input Error: Only 3D, 4D and 5D input Tensors supported (got "
                              f"{n}D) for the modes: {_MODES} (got {mode})")


def _resize(input, mode, out, scales, align_corners):
    sp = list(input.shape[2:])
    n = len(sp)
    if out is None:
        out = [int(L * s) for L, s in zip(sp, scales)]
    _check_sizes(sp, out)
    dt = input._dtype
    if dt._cat < D._FLOAT and dt is not D.uint8:
        raise NotImplementedError(f"\"upsample_{mode.replace('-', '_')}{n}d\" not implemented "
                                  f"for '{_short(dt)}'")
    wdt = np.dtype(np.float64) if dt is D.float64 else np.dtype(np.float32)
    scales = scales or [None] * n
    maps = []
    for L, o, s in zip(sp, out, scales):
        if mode in ("nearest", "nearest-exact"):
            maps.append(_nearest_map(L, o, s, mode == "nearest-exact"))
        elif mode == "bicubic":
            maps.append(_cubic_map(L, o, s, align_corners, wdt))
        else:
            maps.append(_linear_map(L, o, s, align_corners, wdt))
    return _NODES[(mode, n)].apply(input, maps)


def upsample(input, size=None, scale_factor=None, mode="nearest", align_corners=None):
    """Deprecated alias of interpolate."""
    warnings.warn("`nn.functional.upsample` is deprecated. Use `nn.functional.interpolate` "
                  "instead.", stacklevel=2)
    return interpolate(input, size, scale_factor, mode, align_corners)


def upsample_nearest(input, size=None, scale_factor=None):
    """Deprecated: interpolate(..., mode='nearest')."""
    warnings.warn("`nn.functional.upsample_nearest` is deprecated. Use "
                  "`nn.functional.interpolate` instead.", stacklevel=2)
    return interpolate(input, size, scale_factor, mode="nearest")


def upsample_bilinear(input, size=None, scale_factor=None):
    """Deprecated: interpolate(..., mode='bilinear', align_corners=True)."""
    warnings.warn("`nn.functional.upsample_bilinear` is deprecated. Use "
                  "`nn.functional.interpolate` instead.", stacklevel=2)
    return interpolate(input, size, scale_factor, mode="bilinear", align_corners=True)


# ---------------------------------------------------------------- pixel shuffle
def _shuffle(x, r):
    *lead, c, h, w = x.shape
    y = x.reshape(*lead, c // (r * r), r, r, h, w)
    k = len(lead)
    y = y.transpose(*range(k), k, k + 3, k + 1, k + 4, k + 2)
    return y.reshape(*lead, c // (r * r), h * r, w * r)


def _unshuffle(x, r):
    *lead, c, h, w = x.shape
    y = x.reshape(*lead, c, h // r, r, w // r, r)
    k = len(lead)
    y = y.transpose(*range(k), k, k + 2, k + 4, k + 1, k + 3)
    return y.reshape(*lead, c * r * r, h // r, w // r)


class PixelShuffle(Function):
    """(*, C * r * r, H, W) -> (*, C, H * r, W * r); the backward is pixel_unshuffle."""

    _raw = True
    _grad_name = "PixelShuffleBackward0"

    @staticmethod
    def forward(ctx, a, r):
        ctx.r = r
        return _shuffle(a._array, r)

    @staticmethod
    def backward(ctx, grad):
        return PixelUnshuffle.apply(grad, ctx.r), None


class PixelUnshuffle(Function):
    """(*, C, H * r, W * r) -> (*, C * r * r, H, W); the backward is pixel_shuffle."""

    _raw = True
    _grad_name = "PixelUnshuffleBackward0"

    @staticmethod
    def forward(ctx, a, r):
        ctx.r = r
        return _unshuffle(a._array, r)

    @staticmethod
    def backward(ctx, grad):
        return PixelShuffle.apply(grad, ctx.r), None


def _check_factor(input, fname, argname, r):
    check_tensor(input, fname)
    if not _is_int(r):
        raise TypeError(f"{fname}(): argument '{argname}' (position 2) must be int, not "
                        f"{type(r).__name__}")
    if input.dim() < 3:
        raise RuntimeError(f"{fname} expects input to have at least 3 dimensions, but got input "
                           f"with {input.dim()} dimension(s)")
    if r <= 0:
        raise RuntimeError(f"{fname} expects a positive {argname}, but got {r}")
    return int(r)


def pixel_shuffle(input, upscale_factor):
    """Rearrange (*, C * r^2, H, W) into (*, C, H * r, W * r) (sub-pixel convolution)."""
    r = _check_factor(input, "pixel_shuffle", "upscale_factor", upscale_factor)
    c = input.shape[-3]
    if c % (r * r):
        raise RuntimeError("pixel_shuffle expects its input's 'channel' dimension to be divisible "
                           f"by the square of upscale_factor, but input.size(-3)={c} is not "
                           f"divisible by {r * r}")
    return PixelShuffle.apply(input, r)


def pixel_unshuffle(input, downscale_factor):
    """Rearrange (*, C, H * r, W * r) into (*, C * r^2, H, W): the inverse of pixel_shuffle."""
    r = _check_factor(input, "pixel_unshuffle", "downscale_factor", downscale_factor)
    h, w = input.shape[-2:]
    if h % r:
        raise RuntimeError("pixel_unshuffle expects height to be divisible by downscale_factor, "
                           f"but input.size(-2)={h} is not divisible by {r}")
    if w % r:
        raise RuntimeError("pixel_unshuffle expects width to be divisible by downscale_factor, "
                           f"but input.size(-1)={w} is not divisible by {r}")
    return PixelUnshuffle.apply(input, r)

"""The tensor half of ``transforms.functional``: images are numtorch tensors ``(..., C, H, W)``.

Crops, flips, normalize, padding, colour blends and resizing are numtorch operations, so
they keep the device and stay differentiable where torchvision's are. Resampling by an
arbitrary coordinate map (rotate, affine), the HSV round trip of ``adjust_hue`` and the
blur run on the NumPy array: they are gathers and stencils with no useful gradient here.
"""


import numpy as np

import numtorch
from numtorch import Tensor

def _assert_image_tensor(img):
    if not (isinstance(img, Tensor) and img.ndim >= 2):
        raise TypeError("Tensor is not a torch image.")


def get_dimensions(img):
    """[channels, height, width]; a 2-D tensor is one channel."""
    _assert_image_tensor(img)
    channels = 1 if img.ndim == 2 else img.shape[-3]
    height, width = img.shape[-2:]
    return [channels, height, width]


def get_image_num_channels(img):
    return get_dimensions(img)[0]


def get_image_size(img):
    _assert_image_tensor(img)
    return [img.shape[-1], img.shape[-2]]


def _max_value(dtype):
    """Largest value of an image of this dtype: 1.0 for floats, the integer maximum else."""
    if dtype.is_floating_point:
        return 1.0
    if dtype == numtorch.bool:
        return 1
    return numtorch.iinfo(dtype).max


def _assert_channels(img, permitted):
    c = get_dimensions(img)[0]
    if c not in permitted:
        raise TypeError(f"Input image tensor permitted channel values are {permitted}, "
                        f"but found {c}")


def _to_np(img):
    return img.detach().cpu().numpy()


def _from_np(arr, like):
    out = numtorch.from_numpy(np.ascontiguousarray(arr))
    return out if like.device.type == "cpu" else out.to(like.device)


def _float_dtype(img):
    return img.dtype if img.is_floating_point() else numtorch.float32


def _cast_out(img, dtype):
    """Back to an integer dtype by rounding (torchvision's ``_cast_squeeze_out``)."""
    if img.dtype == dtype:
        return img
    if not dtype.is_floating_point:
        img = numtorch.round(img)
    return img.to(dtype)


# ----------------------------------------------------------------------- dtype, geometry
def convert_image_dtype(image, dtype=numtorch.float32):
    """Rescale values to ``dtype``'s range: ints span [0, max], floats [0, 1]."""
    if not isinstance(image, Tensor):
        raise TypeError("Input img should be Tensor Image")
    if image.dtype == dtype:
        return image
    if image.is_floating_point():
        if dtype.is_floating_point:
            return image.to(dtype)
        if ((image.dtype == numtorch.float32 and dtype in (numtorch.int32, numtorch.int64))
                or (image.dtype == numtorch.float64 and dtype == numtorch.int64)):
            raise RuntimeError(f"The cast from {image.dtype} to {dtype} cannot be performed "
                               "safely.")
        # 1 - eps below max + 1 so that 1.0 maps to max and the bins are equally wide
        eps = 1e-3
        max_val = float(_max_value(dtype))
        return image.mul(max_val + 1.0 - eps).to(dtype)
    input_max = float(_max_value(image.dtype))
    if dtype.is_floating_point:
        return image.to(dtype) / input_max
    output_max = float(_max_value(dtype))
    if input_max > output_max:
        factor = int((input_max + 1) // (output_max + 1))
        return numtorch.div(image, factor, rounding_mode="floor").to(dtype)
    factor = int((output_max + 1) // (input_max + 1))
    return image.to(dtype) * factor


def hflip(img):
    _assert_image_tensor(img)
    return img.flip(-1)


def vflip(img):
    _assert_image_tensor(img)
    return img.flip(-2)


def crop(img, top, left, height, width):
    """``img[..., top:top+height, left:left+width]``; parts outside the image are zeros."""
    _assert_image_tensor(img)
    _, h, w = get_dimensions(img)
    right, bottom = left + width, top + height
    if left < 0 or top < 0 or right > w or bottom > h:
        padding_ltrb = [max(-left + min(0, right), 0), max(-top + min(0, bottom), 0),
                        max(right - max(w, left), 0), max(bottom - max(h, top), 0)]
        return pad(img[..., max(top, 0):bottom, max(left, 0):right], padding_ltrb, fill=0)
    return img[..., top:bottom, left:right]


def _pad_index(n, before, after, mode):
    """Source indices of a padded axis, NumPy's rule for 'edge'/'reflect'/'symmetric'."""
    return np.pad(np.arange(n), (before, after), mode=mode)


def pad(img, padding, fill=0, padding_mode="constant"):
    """Pad the last two dims by (left, top, right, bottom); negative values crop."""
    _assert_image_tensor(img)
    if fill is None:
        fill = 0
    if not isinstance(padding, (int, tuple, list)):
        raise TypeError("Got inappropriate padding arg")
    if not isinstance(fill, (int, float)):
        raise TypeError("Got inappropriate fill arg")
    if not isinstance(padding_mode, str):
        raise TypeError("Got inappropriate padding_mode arg")
    if isinstance(padding, (tuple, list)) and len(padding) not in [1, 2, 4]:
        raise ValueError("Padding must be an int or a 1, 2, or 4 element tuple, not a "
                         f"{len(padding)} element tuple")
    if padding_mode not in ["constant", "edge", "reflect", "symmetric"]:
        raise ValueError("Padding mode should be either constant, edge, reflect or symmetric")
    from ._functional_pil import _ltrb

    left, top, right, bottom = _ltrb(padding)
    if min(left, top, right, bottom) < 0:
        h, w = img.shape[-2:]
        img = img[..., max(-top, 0):h - max(-bottom, 0), max(-left, 0):w - max(-right, 0)]
        left, top, right, bottom = (max(p, 0) for p in (left, top, right, bottom))
    if padding_mode == "constant":
        h, w = img.shape[-2:]
        out = img.new_full(img.shape[:-2] + (h + top + bottom, w + left + right), fill)
        out[..., top:top + h, left:left + w] = img
        return out
    h, w = img.shape[-2:]
    if padding_mode == "reflect" and (max(top, bottom) >= h or max(left, right) >= w):
        raise RuntimeError("Padding size should be less than the corresponding input "
                           f"dimension, but got: padding ({left}, {right}) at dimension "
                           f"{img.ndim - 1} of input {tuple(img.shape)}")
    rows = numtorch.from_numpy(_pad_index(h, top, bottom, padding_mode))
    cols = numtorch.from_numpy(_pad_index(w, left, right, padding_mode))
    return img.index_select(-2, rows.to(img.device)).index_select(-1, cols.to(img.device))


# ----------------------------------------------------------------------- resize
def _filter(x, mode, a):
    """Triangle (bilinear) or Keys cubic with parameter ``a`` (bicubic) at distances x."""
    x = np.abs(x)
    if mode == "bilinear":
        return np.maximum(1.0 - x, 0.0)
    return np.where(x < 1.0, ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0,
                    np.where(x < 2.0, (((x - 5.0) * x + 8.0) * x - 4.0) * a, 0.0))


def _resize_weights(in_size, out_size, mode, antialias):
    """The (out_size, in_size) matrix that resamples one axis, as torch's interpolate does
    with align_corners=False: antialiased (Pillow's filter, widened by the scale when
    downsampling, weights renormalised at the borders) or plain (clamped taps)."""
    scale = in_size / out_size
    i = np.arange(out_size, dtype=np.float64)
    if antialias:
        half = 1.0 if mode == "bilinear" else 2.0
        support = half * scale if scale >= 1.0 else half
        invscale = 1.0 / scale if scale >= 1.0 else 1.0
        center = scale * (i + 0.5)
        xmin = np.maximum((center - support + 0.5).astype(np.int64), 0)
        xmax = np.minimum((center + support + 0.5).astype(np.int64), in_size)
        j = np.arange(in_size)
        w = _filter((j[None, :] - center[:, None] + 0.5) * invscale, mode, -0.5)
        w = w * ((j[None, :] >= xmin[:, None]) & (j[None, :] < xmax[:, None]))
        total = w.sum(axis=1, keepdims=True)
        return w / np.where(total == 0.0, 1.0, total)
    src = scale * (i + 0.5) - 0.5
    weights = np.zeros((out_size, in_size))
    rows = np.arange(out_size)
    if mode == "bilinear":
        src = np.maximum(src, 0.0)
        i0 = np.minimum(np.floor(src).astype(np.int64), in_size - 1)
        lam = np.clip(src - i0, 0.0, 1.0)
        i1 = np.minimum(i0 + 1, in_size - 1)
        np.add.at(weights, (rows, i0), 1.0 - lam)
        np.add.at(weights, (rows, i1), lam)
        return weights
    i0 = np.floor(src).astype(np.int64)
    t = src - i0
    for k in (-1, 0, 1, 2):
        idx = np.clip(i0 + k, 0, in_size - 1)
        np.add.at(weights, (rows, idx), _filter(t - k, "bicubic", -0.75))
    return weights


def _nearest_index(in_size, out_size, exact):
    # torch computes the scale in float32: floor(dst * scale) (or (dst + 0.5) * scale)
    scale = np.float32(in_size) / np.float32(out_size)
    dst = np.arange(out_size, dtype=np.float32) + np.float32(0.5 if exact else 0.0)
    return np.minimum(np.floor(dst * scale).astype(np.int64), in_size - 1)


def resize(img, size, interpolation="bilinear", antialias=True):
    """Resample the last two dims to ``size`` = [height, width] with one of 'nearest',
    'nearest-exact', 'bilinear', 'bicubic'; integer images are rounded back."""
    _assert_image_tensor(img)
    if interpolation not in ("nearest", "nearest-exact", "bilinear", "bicubic"):
        raise ValueError("This interpolation mode is unsupported with Tensor input")
    oh, ow = int(size[0]), int(size[1])
    h, w = img.shape[-2:]
    if interpolation.startswith("nearest"):
        exact = interpolation == "nearest-exact"
        rows = numtorch.from_numpy(_nearest_index(h, oh, exact)).to(img.device)
        cols = numtorch.from_numpy(_nearest_index(w, ow, exact)).to(img.device)
        return img.index_select(-2, rows).index_select(-1, cols)
    out_dtype = img.dtype
    x = img if img.dtype in (numtorch.float32, numtorch.float64) else img.to(numtorch.float32)
    wh = numtorch.from_numpy(_resize_weights(h, oh, interpolation, bool(antialias)))
    ww = numtorch.from_numpy(_resize_weights(w, ow, interpolation, bool(antialias)).T)
    out = wh.to(x.device, x.dtype) @ x @ ww.to(x.device, x.dtype)
    if interpolation == "bicubic" and out_dtype == numtorch.uint8:
        out = out.clamp(min=0, max=255)
    return _cast_out(out, out_dtype)


# ----------------------------------------------------------------------- colour
def rgb_to_grayscale(img, num_output_channels=1):
    """L = 0.2989 R + 0.587 G + 0.114 B (torchvision's tensor weights), cast back."""
    if img.ndim < 3:
        raise TypeError(f"Input image tensor should have at least 3 dimensions, but found "
                        f"{img.ndim}")
    _assert_channels(img, [1, 3])
    if num_output_channels not in (1, 3):
        raise ValueError("num_output_channels should be either 1 or 3")
    if img.shape[-3] == 3:
        r, g, b = img.unbind(dim=-3)
        l_img = (0.2989 * r + 0.587 * g + 0.114 * b).to(img.dtype).unsqueeze(dim=-3)
    else:
        l_img = img.clone()
    if num_output_channels == 3:
        return l_img.expand(img.shape)
    return l_img


def _blend(img1, img2, ratio):
    ratio = float(ratio)
    bound = _max_value(img1.dtype)
    return (ratio * img1 + (1.0 - ratio) * img2).clamp(0, bound).to(img1.dtype)


def adjust_brightness(img, brightness_factor):
    if brightness_factor < 0:
        raise ValueError(f"brightness_factor ({brightness_factor}) is not non-negative.")
    _assert_image_tensor(img)
    _assert_channels(img, [1, 3])
    return _blend(img, numtorch.zeros_like(img), brightness_factor)


def adjust_contrast(img, contrast_factor):
    """Blend with the mean grey level of each image."""
    if contrast_factor < 0:
        raise ValueError(f"contrast_factor ({contrast_factor}) is not non-negative.")
    _assert_image_tensor(img)
    _assert_channels(img, [3, 1])
    dtype = _float_dtype(img)
    grey = rgb_to_grayscale(img) if img.shape[-3] == 3 else img
    mean = grey.to(dtype).mean(dim=(-3, -2, -1), keepdim=True)
    return _blend(img, mean, contrast_factor)


def adjust_saturation(img, saturation_factor):
    if saturation_factor < 0:
        raise ValueError(f"saturation_factor ({saturation_factor}) is not non-negative.")
    _assert_image_tensor(img)
    _assert_channels(img, [1, 3])
    if img.shape[-3] == 1:
        return img
    return _blend(img, rgb_to_grayscale(img), saturation_factor)


def _rgb_to_hsv(rgb):
    """(..., 3, H, W) floats in [0, 1] -> hue, saturation, value (hue in [0, 1))."""
    r, g, b = rgb[..., 0, :, :], rgb[..., 1, :, :], rgb[..., 2, :, :]
    maxc = rgb.max(axis=-3)
    minc = rgb.min(axis=-3)
    chroma = maxc - minc
    grey = chroma == 0
    s = chroma / np.where(grey, 1, maxc)
    div = np.where(grey, 1, chroma)
    rc, gc, bc = (maxc - r) / div, (maxc - g) / div, (maxc - b) / div
    h = np.where(maxc == r, bc - gc, np.where(maxc == g, 2.0 + rc - bc, 4.0 + gc - rc))
    h = np.fmod(np.where(grey, 0, h) / 6.0 + 1.0, 1.0)
    return h, s, maxc


def _hsv_to_rgb(h, s, v):
    i = np.floor(h * 6.0)
    f = h * 6.0 - i
    i = i.astype(np.int64) % 6
    p = np.clip(v * (1.0 - s), 0.0, 1.0)
    q = np.clip(v * (1.0 - s * f), 0.0, 1.0)
    t = np.clip(v * (1.0 - s * (1.0 - f)), 0.0, 1.0)
    # the six sectors of the hue circle: which of v, q, p, t each channel takes
    r = np.choose(i, [v, q, p, p, t, v])
    g = np.choose(i, [t, v, v, q, p, p])
    b = np.choose(i, [p, p, t, v, v, q])
    return np.stack([r, g, b], axis=-3)


def adjust_hue(img, hue_factor):
    """Shift the hue by ``hue_factor`` turns (in [-0.5, 0.5]) through HSV."""
    if not (-0.5 <= hue_factor <= 0.5):
        raise ValueError(f"hue_factor ({hue_factor}) is not in [-0.5, 0.5].")
    _assert_image_tensor(img)
    _assert_channels(img, [1, 3])
    if img.shape[-3] == 1:
        return img
    orig_dtype = img.dtype
    x = convert_image_dtype(img, numtorch.float32)
    h, s, v = _rgb_to_hsv(_to_np(x))
    h = np.mod(h + np.float32(hue_factor), np.float32(1.0)).astype(np.float32)
    out = _from_np(_hsv_to_rgb(h, s, v).astype(np.float32), img)
    return convert_image_dtype(out, orig_dtype)


def adjust_gamma(img, gamma, gain=1):
    """``gain * img ** gamma`` on the [0, 1] scale, clamped."""
    _assert_image_tensor(img)
    if gamma < 0:
        raise ValueError("Gamma should be a non-negative real number")
    result = img if img.is_floating_point() else convert_image_dtype(img, numtorch.float32)
    result = (gain * result ** gamma).clamp(0, 1)
    return convert_image_dtype(result, img.dtype)


def invert(img):
    _assert_image_tensor(img)
    _assert_channels(img, [1, 3])
    return _max_value(img.dtype) - img


def solarize(img, threshold):
    _assert_image_tensor(img)
    _assert_channels(img, [1, 3])
    if threshold > _max_value(img.dtype):
        raise TypeError("Threshold should be less than bound of img.")
    return numtorch.where(img >= threshold, invert(img), img)


def posterize(img, bits):
    _assert_image_tensor(img)
    if img.dtype != numtorch.uint8:
        raise TypeError(f"Only torch.uint8 image tensors are supported, but found {img.dtype}")
    _assert_channels(img, [1, 3])
    mask = -int(2 ** (8 - bits))
    return _from_np(_to_np(img) & np.uint8(mask & 0xFF), img)


# ----------------------------------------------------------------------- resampling maps
def _affine_output_size(matrix, w, h):
    """(width, height) of the box holding the four transformed corners, measured as Pillow
    does (corners shifted to [0, w] x [0, h]) in float32, with torchvision's 1e-4
    truncation so that 3.0000001 does not round up to 4."""
    pts = np.array([[-0.5 * w, -0.5 * h, 1.0], [-0.5 * w, 0.5 * h, 1.0],
                    [0.5 * w, 0.5 * h, 1.0], [0.5 * w, -0.5 * h, 1.0]], dtype=np.float32)
    theta = np.asarray(matrix, dtype=np.float32).reshape(2, 3)
    new_pts = pts @ theta.T
    halfs = np.array([w * 0.5, h * 0.5], dtype=np.float32)
    tol = np.float32(1e-4)
    inv_tol = np.float32(1.0 / 1e-4)
    cmax = np.ceil(np.trunc((new_pts.max(axis=0) + halfs) * inv_tol) * tol)
    cmin = np.floor(np.trunc((new_pts.min(axis=0) + halfs) * inv_tol) * tol)
    size = cmax - cmin
    return int(size[0]), int(size[1])


def _sample(arr, ix, iy, mode):
    """Sample (N, C, H, W) at pixel coordinates (oh, ow) with zeros outside."""
    h, w = arr.shape[-2:]
    if mode == "nearest":
        xi, yi = np.rint(ix).astype(np.int64), np.rint(iy).astype(np.int64)
        ok = (xi >= 0) & (xi < w) & (yi >= 0) & (yi < h)
        return arr[..., np.clip(yi, 0, h - 1), np.clip(xi, 0, w - 1)] * ok
    x0, y0 = np.floor(ix).astype(np.int64), np.floor(iy).astype(np.int64)
    fx, fy = (ix - x0).astype(arr.dtype), (iy - y0).astype(arr.dtype)
    out = 0
    for dy, wy in ((0, 1 - fy), (1, fy)):
        for dx, wx in ((0, 1 - fx), (1, fx)):
            xs, ys = x0 + dx, y0 + dy
            ok = (xs >= 0) & (xs < w) & (ys >= 0) & (ys < h)
            out = out + arr[..., np.clip(ys, 0, h - 1), np.clip(xs, 0, w - 1)] * (wx * wy * ok)
    return out


def _apply_affine(img, matrix, interpolation, fill, out_size=None):
    """Resample with the inverse affine ``matrix`` (output pixel -> input pixel, both
    measured from the image centre); outside pixels take ``fill`` (zeros when None)."""
    _assert_image_tensor(img)
    if interpolation not in ("nearest", "bilinear"):
        raise ValueError(f"Interpolation mode '{interpolation}' is unsupported with Tensor "
                         "input")
    h, w = img.shape[-2:]
    oh, ow = out_size if out_size is not None else (h, w)
    dtype = np.float64 if img.dtype == numtorch.float64 else np.float32
    arr = _to_np(img).astype(dtype, copy=False)
    if img.ndim == 2:
        arr = arr[None]
    lead, c = arr.shape[:-3], arr.shape[-3]
    arr = arr.reshape(-1, c, h, w)
    xs = np.arange(ow) - (ow - 1) * 0.5
    ys = np.arange(oh) - (oh - 1) * 0.5
    gx, gy = np.meshgrid(xs, ys)
    m = matrix
    ix = (m[0] * gx + m[1] * gy + m[2] + (w - 1) * 0.5).astype(dtype)
    iy = (m[3] * gx + m[4] * gy + m[5] + (h - 1) * 0.5).astype(dtype)
    out = _sample(arr, ix, iy, interpolation)
    if fill is not None:
        fills = list(fill) if isinstance(fill, (list, tuple)) else [float(fill)]
        fill_arr = np.asarray(fills, dtype=dtype).reshape(1, -1, 1, 1)
        mask = _sample(np.ones((1, 1, h, w), dtype), ix, iy, interpolation)
        if interpolation == "nearest":
            out = np.where(mask < 0.5, fill_arr, out)
        else:
            out = out * mask + (1.0 - mask) * fill_arr
    out = out.astype(dtype, copy=False).reshape(lead + (c, oh, ow))
    if img.ndim == 2:
        out = out[0]
    return _cast_out(_from_np(out, img), img.dtype)


def gaussian_blur(img, kernel_size, sigma):
    """Separable Gaussian blur of the last two dims with reflect padding."""
    _assert_image_tensor(img)
    out_dtype = img.dtype
    dtype = np.float64 if img.dtype == numtorch.float64 else np.float32
    arr = _to_np(img).astype(dtype)
    kx, ky = kernel_size
    pad_width = [(0, 0)] * (arr.ndim - 2) + [(ky // 2, ky // 2), (kx // 2, kx // 2)]
    arr = np.pad(arr, pad_width, mode="reflect")
    h, w = img.shape[-2:]
    for axis, (k, s) in ((-1, (kx, sigma[0])), (-2, (ky, sigma[1]))):
        x = np.linspace(-(k - 1) * 0.5, (k - 1) * 0.5, k).astype(dtype)
        pdf = np.exp(-0.5 * (x / dtype(s)) ** 2)
        kernel = (pdf / pdf.sum()).astype(dtype)
        if axis == -1:
            acc = sum(kernel[t] * arr[..., t:t + w] for t in range(k))
        else:
            acc = sum(kernel[t] * arr[..., t:t + h, :] for t in range(k))
        arr = acc
    return _cast_out(_from_np(arr, img), out_dtype)


def erase(img, i, j, h, w, v, inplace=False):
    _assert_image_tensor(img)
    if not inplace:
        img = img.clone()
    img[..., i:i + h, j:j + w] = v
    return img


def normalize(tensor, mean, std, inplace=False):
    """``(tensor - mean[c]) / std[c]`` per channel of a float (..., C, H, W) tensor."""
    _assert_image_tensor(tensor)
    if not tensor.is_floating_point():
        raise TypeError(f"Input tensor should be a float tensor. Got {tensor.dtype}.")
    if tensor.ndim < 3:
        raise ValueError("Expected tensor to be a tensor image of size (..., C, H, W). Got "
                         f"tensor.size() = {tensor.size()}")
    if (not inplace and not tensor.requires_grad and tensor.device.type == "cpu"
            and not isinstance(mean, Tensor) and not isinstance(std, Tensor)):
        # per-sample hot path in data pipelines: two NumPy ops instead of six tensor ops
        # (same float32 arithmetic as sub_/div_); shape mismatches take the tensor path,
        # which raises torch's error
        arr = tensor.numpy()
        mean_a = np.asarray(mean, dtype=arr.dtype)
        std_a = np.asarray(std, dtype=arr.dtype)
        if (std_a == 0).any():
            raise ValueError(f"std evaluated to zero after conversion to {tensor.dtype}, "
                             "leading to division by zero.")
        if mean_a.ndim == 1:
            mean_a = mean_a.reshape(-1, 1, 1)
        if std_a.ndim == 1:
            std_a = std_a.reshape(-1, 1, 1)
        try:
            out = np.subtract(arr, mean_a)
            out /= std_a
        except ValueError:
            pass
        else:
            return numtorch.from_numpy(out)
    if not inplace:
        tensor = tensor.clone()
    dtype = tensor.dtype
    mean = numtorch.as_tensor(mean, dtype=dtype, device=tensor.device)
    std = numtorch.as_tensor(std, dtype=dtype, device=tensor.device)
    if (std == 0).any():
        raise ValueError(f"std evaluated to zero after conversion to {dtype}, leading to "
                         "division by zero.")
    if mean.ndim == 1:
        mean = mean.view(-1, 1, 1)
    if std.ndim == 1:
        std = std.view(-1, 1, 1)
    return tensor.sub_(mean).div_(std)

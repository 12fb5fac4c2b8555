"""torchvision.transforms.functional: stateless image operations.

Each function takes a PIL image or a numtorch tensor image ``(..., C, H, W)`` (where
torchvision accepts both), validates its arguments with torchvision's exception types and
messages, and dispatches to ``_functional_pil`` or ``_functional_tensor``.

Example::

    >>> img = to_tensor(pil_img)                      # (C, H, W) float32 in [0, 1]
    >>> img = normalize(img, mean=[0.5], std=[0.5])   # (img - 0.5) / 0.5
"""

import math
import numbers
from enum import Enum

import numpy as np
from PIL import Image

import numtorch
from numtorch import Tensor

from . import _functional_pil as F_pil
from . import _functional_tensor as F_t

__all__ = [
    "InterpolationMode", "get_dimensions", "get_image_num_channels", "get_image_size",
    "to_tensor", "pil_to_tensor", "to_pil_image", "convert_image_dtype", "normalize",
    "resize", "pad", "crop", "center_crop", "resized_crop", "hflip", "vflip", "five_crop",
    "ten_crop", "rotate", "affine", "adjust_brightness", "adjust_contrast",
    "adjust_saturation", "adjust_hue", "adjust_gamma", "adjust_sharpness", "rgb_to_grayscale",
    "to_grayscale", "gaussian_blur", "invert", "posterize", "solarize", "autocontrast",
    "equalize", "erase",
]


class InterpolationMode(Enum):
    """Interpolation modes; the value is the name torch's ``interpolate`` uses."""

    NEAREST = "nearest"
    NEAREST_EXACT = "nearest-exact"
    BILINEAR = "bilinear"
    BICUBIC = "bicubic"
    # PIL only
    BOX = "box"
    HAMMING = "hamming"
    LANCZOS = "lanczos"


_INT_TO_MODE = {0: InterpolationMode.NEAREST, 2: InterpolationMode.BILINEAR,
                3: InterpolationMode.BICUBIC, 4: InterpolationMode.BOX,
                5: InterpolationMode.HAMMING, 1: InterpolationMode.LANCZOS}

pil_modes_mapping = {
    InterpolationMode.NEAREST: 0, InterpolationMode.BILINEAR: 2,
    InterpolationMode.BICUBIC: 3, InterpolationMode.NEAREST_EXACT: 0,
    InterpolationMode.BOX: 4, InterpolationMode.HAMMING: 5, InterpolationMode.LANCZOS: 1,
}


def _interpolation_modes_from_int(i):
    """Pillow's resampling constants (``Image.BILINEAR`` == 2, ...) -> InterpolationMode."""
    return _INT_TO_MODE[int(i)]


def _check_interpolation(interpolation):
    if isinstance(interpolation, int):
        return _interpolation_modes_from_int(interpolation)
    if not isinstance(interpolation, InterpolationMode):
        raise TypeError("Argument interpolation should be a InterpolationMode or a "
                        "corresponding Pillow integer constant")
    return interpolation


def _is_pil_image(img):
    return isinstance(img, Image.Image)


def _check_img(img):
    if not isinstance(img, (Tensor, Image.Image)):
        raise TypeError(f"img should be PIL Image or Tensor. Got {type(img)}")


def get_dimensions(img):
    """[channels, height, width] of a PIL image or tensor image."""
    if isinstance(img, Tensor):
        return F_t.get_dimensions(img)
    return F_pil.get_dimensions(img)


def get_image_size(img):
    """[width, height]."""
    if isinstance(img, Tensor):
        return F_t.get_image_size(img)
    return F_pil.get_image_size(img)


def get_image_num_channels(img):
    if isinstance(img, Tensor):
        return F_t.get_image_num_channels(img)
    return F_pil.get_image_num_channels(img)


# ----------------------------------------------------------------------- conversions
_DEFAULT_NP_FLOAT = {}

# PIL modes whose pixels are not 8-bit: to_tensor keeps their values (no /255)
_MODE_TO_NP = {"I": np.int32, "I;16": np.int16, "F": np.float32}
# modes stored as one byte per band: their raw bytes are the (H, W, C) uint8 array
_BYTE_MODES = frozenset(["L", "P", "RGB", "RGBA", "RGBX", "CMYK", "YCbCr", "LAB", "HSV",
                         "LA", "PA", "La", "RGBa"])


def _np_float(dtype):
    """NumPy dtype of a numtorch floating dtype (cached: to_tensor runs once per sample)."""
    np_dtype = _DEFAULT_NP_FLOAT.get(dtype)
    if np_dtype is None:
        np_dtype = _DEFAULT_NP_FLOAT[dtype] = numtorch.empty(0, dtype=dtype).numpy().dtype
    return np_dtype


def _hwc_to_float_chw(arr):
    """uint8 (H, W, C) -> contiguous (C, H, W) in the default float dtype, / 255."""
    out = np.ascontiguousarray(arr.transpose(2, 0, 1),
                               dtype=_np_float(numtorch.get_default_dtype()))
    out /= 255  # a true division, as torch's div(255): x * (1/255) rounds differently
    return numtorch.from_numpy(out)


def to_tensor(pic):
    """PIL image or (H, W[, C]) ndarray -> (C, H, W) tensor.

    8-bit images (modes 'L', 'RGB', 'RGBA', 'P', '1', uint8 arrays) become the default float
    dtype scaled to [0, 1] (value / 255); modes 'I', 'I;16', 'F' and non-uint8 arrays keep
    their values and dtype.
    """
    if isinstance(pic, Image.Image):
        mode = pic.mode
        if mode in _BYTE_MODES:
            # the hot path of every image dataset: raw bytes -> one cast -> one division
            w, h = pic.size
            arr = np.frombuffer(pic.tobytes(), dtype=np.uint8)
            return _hwc_to_float_chw(arr.reshape(h, w, -1))
        np_dtype = _MODE_TO_NP.get(mode)
        if np_dtype is None:
            arr = np.asarray(pic, dtype=np.uint8)
            if mode == "1":
                arr = arr * np.uint8(255)
            if arr.ndim == 2:
                arr = arr[:, :, None]
            return _hwc_to_float_chw(arr)
        arr = np.array(pic, dtype=np_dtype)
        arr = arr.reshape(pic.size[1], pic.size[0], -1).transpose(2, 0, 1)
        return numtorch.from_numpy(np.ascontiguousarray(arr))
    if not isinstance(pic, np.ndarray):
        raise TypeError(f"pic should be PIL Image or ndarray. Got {type(pic)}")
    if pic.ndim not in (2, 3):
        raise ValueError(f"pic should be 2/3 dimensional. Got {pic.ndim} dimensions.")
    if pic.ndim == 2:
        pic = pic[:, :, None]
    if pic.dtype == np.uint8:
        return _hwc_to_float_chw(pic)
    return numtorch.from_numpy(np.ascontiguousarray(pic.transpose(2, 0, 1)))


def pil_to_tensor(pic):
    """PIL image -> (C, H, W) tensor with the image's own dtype and values (no scaling)."""
    if not isinstance(pic, Image.Image):
        raise TypeError(f"pic should be PIL Image. Got {type(pic)}")
    arr = np.array(pic)
    if arr.dtype == np.uint16:  # numtorch has no uint16: 'I;16' values fit int32
        arr = arr.astype(np.int32)
    arr = arr.reshape(pic.size[1], pic.size[0], len(pic.getbands()))
    return numtorch.from_numpy(arr).permute((2, 0, 1))


def to_pil_image(pic, mode=None):
    """(C, H, W) tensor or (H, W, C) ndarray -> PIL image, inferring the mode from the
    dtype and channel count like torchvision ('L', 'LA', 'RGB', 'RGBA', 'I', 'I;16', 'F').
    Floats are scaled by 255 unless ``mode='F'``."""
    if isinstance(pic, Tensor):
        if pic.ndim not in {2, 3}:
            raise ValueError(f"pic should be 2/3 dimensional. Got {pic.ndim} dimensions.")
        if pic.ndim == 2:
            pic = pic.unsqueeze(0)
        if pic.shape[-3] > 4:
            raise ValueError(f"pic should not have > 4 channels. Got {pic.shape[-3]} channels.")
        pic = pic.detach().cpu().numpy().transpose(1, 2, 0)
    elif not isinstance(pic, np.ndarray):
        raise TypeError(f"pic should be Tensor or ndarray. Got {type(pic)}.")
    if pic.ndim == 2:
        pic = pic[:, :, None]
    if pic.ndim != 3:
        raise ValueError(f"pic should be 2/3 dimensional. Got {pic.ndim} dimensions.")
    if pic.shape[-1] > 4:
        raise ValueError(f"pic should not have > 4 channels. Got {pic.shape[-1]} channels.")
    npimg = pic
    if np.issubdtype(npimg.dtype, np.floating) and mode != "F":
        npimg = (npimg * 255).astype(np.uint8)

    channels = npimg.shape[2]
    if channels == 1:
        npimg = npimg[:, :, 0]
        expected = {np.dtype(np.uint8): "L", np.dtype(np.int16): "I;16",
                    np.dtype(np.uint16): "I;16", np.dtype(np.int32): "I",
                    np.dtype(np.float32): "F"}.get(npimg.dtype)
        if mode is not None and mode != expected:
            raise ValueError(f"Incorrect mode ({mode}) supplied for input type {np.dtype}. "
                             f"Should be {expected}")
        mode = expected
    else:
        permitted = {2: ["LA"], 3: ["RGB", "YCbCr", "HSV"], 4: ["RGBA", "CMYK", "RGBX"]}
        permitted = permitted[channels]
        if mode is not None and mode not in permitted:
            raise ValueError(f"Only modes {permitted} are supported for {channels}D inputs")
        if mode is None and npimg.dtype == np.uint8:
            mode = permitted[0]
    if mode is None:
        raise TypeError(f"Input type {npimg.dtype} is not supported")
    return _from_array(npimg, mode)


def _from_array(arr, mode):
    """Image.fromarray with an explicit mode; recent Pillow infers the mode from the dtype
    and refuses others, so the bytes are handed over directly when they differ."""
    h, w = arr.shape[:2]
    if mode == "I;16":
        arr = arr.astype("<u2")
    elif mode == "I":
        arr = arr.astype(np.int32)
    img = Image.fromarray(np.ascontiguousarray(arr))
    if img.mode == mode:
        return img
    return Image.frombytes(mode, (w, h), np.ascontiguousarray(arr).tobytes())


def convert_image_dtype(image, dtype=numtorch.float32):
    """Convert a tensor image to ``dtype`` rescaling values: integer images span
    [0, MAX_INT], float images [0, 1] (uint8 255 <-> 1.0)."""
    return F_t.convert_image_dtype(image, dtype)


def normalize(tensor, mean, std, inplace=False):
    """``output[c] = (input[c] - mean[c]) / std[c]`` for a float tensor (..., C, H, W)."""
    if not isinstance(tensor, Tensor):
        raise TypeError(f"img should be Tensor Image. Got {type(tensor)}")
    return F_t.normalize(tensor, mean=mean, std=std, inplace=inplace)


# ----------------------------------------------------------------------- geometry
def _compute_resized_output_size(image_size, size, max_size=None):
    """[new_h, new_w]: a 1-element ``size`` matches the smaller edge (aspect kept, the
    longer edge truncated), capped by ``max_size`` on the longer edge."""
    h, w = image_size
    short, long = (w, h) if w <= h else (h, w)
    if size is None or len(size) == 1:
        if size is None:
            new_long = max_size
            new_short = int(max_size * short / long)
        else:
            requested_new_short = size[0]
            new_short, new_long = requested_new_short, int(requested_new_short * long / short)
            if max_size is not None:
                if max_size <= requested_new_short:
                    raise ValueError(f"max_size = {max_size} must be strictly greater than the "
                                     f"requested size for the smaller edge size = {size}")
                if new_long > max_size:
                    new_short, new_long = int(max_size * new_short / new_long), max_size
        new_w, new_h = (new_short, new_long) if w <= h else (new_long, new_short)
        return [new_h, new_w]
    return [size[0], size[1]]


def resize(img, size, interpolation=InterpolationMode.BILINEAR, max_size=None,
           antialias=True):
    """Resize to ``size``: (h, w), or an int / [int] for the smaller edge (aspect kept).

    PIL images use Pillow's resize with the matching filter (always antialiased); tensors
    use torch's interpolate semantics (align_corners=False; ``antialias`` for
    bilinear/bicubic widens the filter when downsampling, as Pillow does).
    """
    interpolation = _check_interpolation(interpolation)
    if isinstance(size, (list, tuple)):
        if len(size) not in [1, 2]:
            raise ValueError("Size must be an int or a 1 or 2 element tuple/list, not a "
                             f"{len(size)} element tuple/list")
        if max_size is not None and len(size) != 1:
            raise ValueError("max_size should only be passed if size specifies the length of "
                             "the smaller edge, i.e. size should be an int or a sequence of "
                             "length 1 in torchscript mode.")
    elif size is None:
        if max_size is None:
            raise ValueError("max_size must be an integer when size is None, but got None "
                             "instead.")
    elif not isinstance(size, int):
        raise TypeError(f"Size should be int or sequence. Got {type(size)}")
    _check_img(img)
    _, image_height, image_width = get_dimensions(img)
    if isinstance(size, int):
        size = [size]
    output_size = _compute_resized_output_size((image_height, image_width), size, max_size)
    if [image_height, image_width] == output_size:
        return img
    if not isinstance(img, Tensor):
        if antialias is False:
            import warnings

            warnings.warn("Anti-alias option is always applied for PIL Image input. Argument "
                          "antialias is ignored.")
        return F_pil.resize(img, size=output_size,
                            interpolation=pil_modes_mapping[interpolation])
    return F_t.resize(img, size=output_size, interpolation=interpolation.value,
                      antialias=antialias)


def pad(img, padding, fill=0, padding_mode="constant"):
    """Pad all sides: ``padding`` is an int, (left/right, top/bottom) or (left, top, right,
    bottom); ``padding_mode`` 'constant' (``fill``), 'edge', 'reflect' or 'symmetric'."""
    if not isinstance(padding, (numbers.Number, tuple, list)):
        raise TypeError("Got inappropriate padding arg")
    if fill is not None and not isinstance(fill, (numbers.Number, tuple, list)):
        raise TypeError("Got inappropriate fill arg")
    if not isinstance(padding_mode, str):
        raise TypeError("Got inappropriate padding_mode arg")
    if isinstance(padding, (tuple, list)) and len(padding) not in [1, 2, 4]:
        raise ValueError("Padding must be an int or a 1, 2, or 4 element tuple, not a "
                         f"{len(padding)} element tuple")
    if padding_mode not in ["constant", "edge", "reflect", "symmetric"]:
        raise ValueError("Padding mode should be either constant, edge, reflect or symmetric")
    _check_img(img)
    if isinstance(img, Tensor):
        return F_t.pad(img, padding=padding, fill=fill, padding_mode=padding_mode)
    return F_pil.pad(img, padding=padding, fill=fill, padding_mode=padding_mode)


def crop(img, top, left, height, width):
    """The box with top-left corner (top, left) and size (height, width); parts outside
    the image are zero."""
    _check_img(img)
    if isinstance(img, Tensor):
        return F_t.crop(img, top, left, height, width)
    return F_pil.crop(img, top, left, height, width)


def center_crop(img, output_size):
    """Crop the centre ``output_size`` (int or (h, w)); zero-pads first when the crop is
    larger than the image."""
    if isinstance(output_size, numbers.Number):
        output_size = (int(output_size), int(output_size))
    elif isinstance(output_size, (tuple, list)) and len(output_size) == 1:
        output_size = (output_size[0], output_size[0])
    _, image_height, image_width = get_dimensions(img)
    crop_height, crop_width = output_size
    if crop_width > image_width or crop_height > image_height:
        padding_ltrb = [
            (crop_width - image_width) // 2 if crop_width > image_width else 0,
            (crop_height - image_height) // 2 if crop_height > image_height else 0,
            (crop_width - image_width + 1) // 2 if crop_width > image_width else 0,
            (crop_height - image_height + 1) // 2 if crop_height > image_height else 0,
        ]
        img = pad(img, padding_ltrb, fill=0)
        _, image_height, image_width = get_dimensions(img)
        if crop_width == image_width and crop_height == image_height:
            return img
    crop_top = int(round((image_height - crop_height) / 2.0))
    crop_left = int(round((image_width - crop_width) / 2.0))
    return crop(img, crop_top, crop_left, crop_height, crop_width)


def resized_crop(img, top, left, height, width, size,
                 interpolation=InterpolationMode.BILINEAR, antialias=True):
    """crop, then resize to ``size``."""
    _check_img(img)
    img = crop(img, top, left, height, width)
    return resize(img, size, interpolation, antialias=antialias)


def hflip(img):
    """Mirror left-right."""
    _check_img(img)
    if isinstance(img, Tensor):
        return F_t.hflip(img)
    return F_pil.hflip(img)


def vflip(img):
    """Mirror top-bottom."""
    _check_img(img)
    if isinstance(img, Tensor):
        return F_t.vflip(img)
    return F_pil.vflip(img)


def _setup_crop_size(size):
    if isinstance(size, numbers.Number):
        return (int(size), int(size))
    if isinstance(size, (tuple, list)) and len(size) == 1:
        return (size[0], size[0])
    if len(size) != 2:
        raise ValueError("Please provide only two dimensions (h, w) for size.")
    return size


def five_crop(img, size):
    """The four corner crops and the centre crop: (tl, tr, bl, br, center)."""
    size = _setup_crop_size(size)
    _, image_height, image_width = get_dimensions(img)
    crop_height, crop_width = size
    if crop_width > image_width or crop_height > image_height:
        raise ValueError(f"Requested crop size {size} is bigger than input size "
                         f"{(image_height, image_width)}")
    tl = crop(img, 0, 0, crop_height, crop_width)
    tr = crop(img, 0, image_width - crop_width, crop_height, crop_width)
    bl = crop(img, image_height - crop_height, 0, crop_height, crop_width)
    br = crop(img, image_height - crop_height, image_width - crop_width, crop_height,
              crop_width)
    center = center_crop(img, [crop_height, crop_width])
    return tl, tr, bl, br, center


def ten_crop(img, size, vertical_flip=False):
    """five_crop of the image and of its (horizontally, or vertically) flipped version."""
    size = _setup_crop_size(size)
    first_five = five_crop(img, size)
    img = vflip(img) if vertical_flip else hflip(img)
    return first_five + five_crop(img, size)


def _get_inverse_affine_matrix(center, angle, translate, scale, shear, inverted=True):
    """The 2x3 matrix (row-major, 6 numbers) of
    ``T(translate) C R(angle) S(shear) Scale C^-1`` or its inverse (output -> input)."""
    rot = math.radians(angle)
    sx, sy = math.radians(shear[0]), math.radians(shear[1])
    cx, cy = center
    tx, ty = translate
    # the rotation-and-shear part  [[a, b], [c, d]]
    a = math.cos(rot - sy) / math.cos(sy)
    b = -math.cos(rot - sy) * math.tan(sx) / math.cos(sy) - math.sin(rot)
    c = math.sin(rot - sy) / math.cos(sy)
    d = -math.sin(rot - sy) * math.tan(sx) / math.cos(sy) + math.cos(rot)
    if inverted:
        matrix = [x / scale for x in (d, -b, 0.0, -c, a, 0.0)]
        matrix[2] += matrix[0] * (-cx - tx) + matrix[1] * (-cy - ty)
        matrix[5] += matrix[3] * (-cx - tx) + matrix[4] * (-cy - ty)
        matrix[2] += cx
        matrix[5] += cy
    else:
        matrix = [a * scale, b * scale, 0.0, c * scale, d * scale, 0.0]
        matrix[2] += matrix[0] * (-cx) + matrix[1] * (-cy)
        matrix[5] += matrix[3] * (-cx) + matrix[4] * (-cy)
        matrix[2] += cx + tx
        matrix[5] += cy + ty
    return matrix


def _tensor_fill(fill, img):
    if fill is None or isinstance(fill, (list, tuple)):
        return None if fill is None else [float(f) for f in fill]
    return [float(fill)] * get_dimensions(img)[0]


def rotate(img, angle, interpolation=InterpolationMode.NEAREST, expand=False, center=None,
           fill=None):
    """Rotate counter-clockwise by ``angle`` degrees about ``center`` ((x, y), default the
    image centre). ``expand`` grows the output to hold the whole rotated image; pixels from
    outside take ``fill``."""
    interpolation = _check_interpolation(interpolation)
    if not isinstance(angle, (int, float)):
        raise TypeError("Argument angle should be int or float")
    if center is not None and not isinstance(center, (list, tuple)):
        raise TypeError("Argument center should be a sequence")
    _check_img(img)
    if not isinstance(img, Tensor):
        return F_pil.rotate(img, angle=angle, interpolation=pil_modes_mapping[interpolation],
                            expand=expand, center=center, fill=fill)
    center_f = [0.0, 0.0]
    if center is not None:
        _, height, width = get_dimensions(img)
        center_f = [1.0 * (c - s * 0.5) for c, s in zip(center, [width, height])]
    matrix = _get_inverse_affine_matrix(center_f, -angle, [0.0, 0.0], 1.0, [0.0, 0.0])
    h, w = img.shape[-2:]
    out_size = None
    if expand:
        ow, oh = F_t._affine_output_size(matrix, w, h)
        out_size = (oh, ow)
    fill = None if fill is None else _tensor_fill(fill, img)
    return F_t._apply_affine(img, matrix, interpolation.value, fill, out_size)


def affine(img, angle, translate, scale, shear, interpolation=InterpolationMode.NEAREST,
           fill=None, center=None):
    """Rotate by ``angle``, translate by (tx, ty) pixels, scale, and shear by (sx, sy)
    degrees, about ``center`` (default the image centre); the image size is kept."""
    interpolation = _check_interpolation(interpolation)
    if not isinstance(angle, (int, float)):
        raise TypeError("Argument angle should be int or float")
    if not isinstance(translate, (list, tuple)):
        raise TypeError("Argument translate should be a sequence")
    if len(translate) != 2:
        raise ValueError("Argument translate should be a sequence of length 2")
    if scale <= 0.0:
        raise ValueError("Argument scale should be positive")
    if not isinstance(shear, (numbers.Number, list, tuple)):
        raise TypeError("Shear should be either a single value or a sequence of two values")
    if isinstance(angle, int):
        angle = float(angle)
    if isinstance(translate, tuple):
        translate = list(translate)
    if isinstance(shear, numbers.Number):
        shear = [shear, 0.0]
    if isinstance(shear, tuple):
        shear = list(shear)
    if len(shear) == 1:
        shear = [shear[0], shear[0]]
    if len(shear) != 2:
        raise ValueError(f"Shear should be a sequence containing two values. Got {shear}")
    if center is not None and not isinstance(center, (list, tuple)):
        raise TypeError("Argument center should be a sequence")
    _check_img(img)
    _, height, width = get_dimensions(img)
    if not isinstance(img, Tensor):
        if center is None:
            center = [width * 0.5, height * 0.5]
        matrix = _get_inverse_affine_matrix(center, angle, translate, scale, shear)
        return F_pil.affine(img, matrix=matrix,
                            interpolation=pil_modes_mapping[interpolation], fill=fill)
    center_f = [0.0, 0.0]
    if center is not None:
        center_f = [1.0 * (c - s * 0.5) for c, s in zip(center, [width, height])]
    translate_f = [1.0 * t for t in translate]
    matrix = _get_inverse_affine_matrix(center_f, angle, translate_f, scale, shear)
    fill = None if fill is None else _tensor_fill(fill, img)
    return F_t._apply_affine(img, matrix, interpolation.value, fill)


# ----------------------------------------------------------------------- colour
def _color_op(name, img, *args):
    _check_img(img)
    module = F_t if isinstance(img, Tensor) else F_pil
    return getattr(module, name)(img, *args)


def adjust_brightness(img, brightness_factor):
    """Multiply by ``brightness_factor`` (0 gives black, 1 the original), clamped."""
    if brightness_factor < 0:
        raise ValueError(f"brightness_factor ({brightness_factor}) is not non-negative.")
    return _color_op("adjust_brightness", img, brightness_factor)


def adjust_contrast(img, contrast_factor):
    """Blend with the mean grey level: 0 gives a solid grey image, 1 the original."""
    if contrast_factor < 0:
        raise ValueError(f"contrast_factor ({contrast_factor}) is not non-negative.")
    return _color_op("adjust_contrast", img, contrast_factor)


def adjust_saturation(img, saturation_factor):
    """Blend with the grayscale image: 0 gives grey, 1 the original, 2 doubles saturation."""
    if saturation_factor < 0:
        raise ValueError(f"saturation_factor ({saturation_factor}) is not non-negative.")
    return _color_op("adjust_saturation", img, saturation_factor)


def adjust_hue(img, hue_factor):
    """Shift the hue by ``hue_factor`` in [-0.5, 0.5] (a fraction of the colour wheel)."""
    if not (-0.5 <= hue_factor <= 0.5):
        raise ValueError(f"hue_factor ({hue_factor}) is not in [-0.5, 0.5].")
    return _color_op("adjust_hue", img, hue_factor)


def adjust_gamma(img, gamma, gain=1):
    """``gain * img ** gamma`` on the [0, 1] scale."""
    if gamma < 0:
        raise ValueError("Gamma should be a non-negative real number")
    return _color_op("adjust_gamma", img, gamma, gain)


def adjust_sharpness(img, sharpness_factor):
    if sharpness_factor < 0:
        raise ValueError(f"sharpness_factor ({sharpness_factor}) is not non-negative.")
    if isinstance(img, Tensor):
        raise NotImplementedError("adjust_sharpness is implemented for PIL images only")
    return F_pil.adjust_sharpness(img, sharpness_factor)


def rgb_to_grayscale(img, num_output_channels=1):
    """ITU-R 601-2 luma; 1 or 3 output channels. PIL images use Pillow's convert('L')
    (L = R*299/1000 + G*587/1000 + B*114/1000); tensors 0.2989 R + 0.587 G + 0.114 B."""
    _check_img(img)
    if isinstance(img, Tensor):
        return F_t.rgb_to_grayscale(img, num_output_channels)
    return F_pil.to_grayscale(img, num_output_channels)


def to_grayscale(img, num_output_channels=1):
    """rgb_to_grayscale for PIL images."""
    if isinstance(img, Image.Image):
        return F_pil.to_grayscale(img, num_output_channels)
    raise TypeError("Input should be PIL Image")


def gaussian_blur(img, kernel_size, sigma=None):
    """Blur with a Gaussian kernel of odd ``kernel_size`` (int or (kx, ky)) and ``sigma``
    (default 0.3 * ((k - 1) * 0.5 - 1) + 0.8); borders reflect."""
    if not isinstance(kernel_size, (int, list, tuple)):
        raise TypeError(f"kernel_size should be int or a sequence of integers. Got "
                        f"{type(kernel_size)}")
    if isinstance(kernel_size, int):
        kernel_size = [kernel_size, kernel_size]
    if len(kernel_size) != 2:
        raise ValueError(f"If kernel_size is a sequence its length should be 2. Got "
                         f"{len(kernel_size)}")
    for ksize in kernel_size:
        if ksize % 2 == 0 or ksize < 0:
            raise ValueError(f"kernel_size should have odd and positive integers. Got "
                             f"{kernel_size}")
    if sigma is None:
        sigma = [ksize * 0.15 + 0.35 for ksize in kernel_size]
    if not isinstance(sigma, (int, float, list, tuple)):
        raise TypeError(f"sigma should be either float or sequence of floats. Got "
                        f"{type(sigma)}")
    if isinstance(sigma, (int, float)):
        sigma = [float(sigma), float(sigma)]
    if isinstance(sigma, (list, tuple)) and len(sigma) == 1:
        sigma = [sigma[0], sigma[0]]
    if len(sigma) != 2:
        raise ValueError(f"If sigma is a sequence, its length should be 2. Got {len(sigma)}")
    for s in sigma:
        if s <= 0.0:
            raise ValueError(f"sigma should have positive values. Got {sigma}")
    _check_img(img)
    if isinstance(img, Tensor):
        return F_t.gaussian_blur(img, kernel_size, sigma)
    out = F_t.gaussian_blur(pil_to_tensor(img), kernel_size, sigma)
    return to_pil_image(out, mode=img.mode)


def invert(img):
    """max_value - img."""
    return _color_op("invert", img)


def posterize(img, bits):
    """Keep the ``bits`` most significant bits of each uint8 value."""
    if not (0 <= bits <= 8):
        raise ValueError(f"The number if bits should be between 0 and 8. Got {bits}")
    return _color_op("posterize", img, bits)


def solarize(img, threshold):
    """Invert the values >= ``threshold``."""
    return _color_op("solarize", img, threshold)


def autocontrast(img):
    if isinstance(img, Tensor):
        raise NotImplementedError("autocontrast is implemented for PIL images only")
    return F_pil.autocontrast(img)


def equalize(img):
    if isinstance(img, Tensor):
        raise NotImplementedError("equalize is implemented for PIL images only")
    return F_pil.equalize(img)


def erase(img, i, j, h, w, v, inplace=False):
    """Set ``img[..., i:i+h, j:j+w] = v`` (a copy unless ``inplace``)."""
    if not isinstance(img, Tensor):
        raise TypeError(f"img should be Tensor Image. Got {type(img)}")
    return F_t.erase(img, i, j, h, w, v, inplace=inplace)

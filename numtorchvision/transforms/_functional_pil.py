"""The PIL half of ``transforms.functional``: each function takes and returns a PIL image.

``functional.py`` dispatches here for PIL inputs (as torchvision does); these functions use
Pillow's own operations (resize, rotate, ImageEnhance, ...) so results equal torchvision's
for the same image, byte for byte.
"""

import numbers

import numpy as np
from PIL import Image, ImageEnhance, ImageOps

_FLIP_LEFT_RIGHT = Image.Transpose.FLIP_LEFT_RIGHT
_FLIP_TOP_BOTTOM = Image.Transpose.FLIP_TOP_BOTTOM


def _is_pil_image(img):
    return isinstance(img, Image.Image)


def _check(img):
    if not isinstance(img, Image.Image):
        raise TypeError(f"img should be PIL Image. Got {type(img)}")


def get_image_num_channels(img):
    _check(img)
    return len(img.getbands())


def get_dimensions(img):
    """[channels, height, width] of a PIL image."""
    _check(img)
    width, height = img.size
    return [len(img.getbands()), height, width]


def get_image_size(img):
    _check(img)
    return list(img.size)


def hflip(img):
    _check(img)
    return img.transpose(_FLIP_LEFT_RIGHT)


def vflip(img):
    _check(img)
    return img.transpose(_FLIP_TOP_BOTTOM)


def crop(img, top, left, height, width):
    """Pillow's crop: areas outside the image come out as zeros."""
    _check(img)
    return img.crop((left, top, left + width, top + height))


def resize(img, size, interpolation):
    """``size`` is the final [height, width]; ``interpolation`` a Pillow resampling constant."""
    _check(img)
    return img.resize((int(size[1]), int(size[0])), interpolation)


def _parse_fill(fill, img, name="fillcolor"):
    """Pillow's keyword for a fill colour: one value per band, ints except for mode 'F'."""
    num_channels = get_image_num_channels(img)
    if fill is None:
        fill = 0
    if isinstance(fill, (int, float)) and num_channels > 1:
        fill = tuple([fill] * num_channels)
    if isinstance(fill, (list, tuple)):
        if len(fill) == 1:
            fill = tuple(fill) * num_channels
        elif len(fill) != num_channels:
            raise ValueError("The number of elements in 'fill' does not match the number of "
                             f"channels of the image ({len(fill)} != {num_channels})")
        fill = tuple(fill)
    if img.mode != "F":
        fill = tuple(int(x) for x in fill) if isinstance(fill, tuple) else int(fill)
    return {name: fill}


def pad(img, padding, fill=0, padding_mode="constant"):
    """Pad (left, top, right, bottom); 'constant' through Pillow, other modes through
    ``numpy.pad``, whose 'edge'/'reflect'/'symmetric' are torchvision's modes. Negative
    padding crops."""
    _check(img)
    left, top, right, bottom = _ltrb(padding)
    if min(left, top, right, bottom) < 0:
        w, h = img.size
        img = img.crop((max(-left, 0), max(-top, 0), w - max(-right, 0), h - max(-bottom, 0)))
        left, top, right, bottom = (max(p, 0) for p in (left, top, right, bottom))
    if padding_mode == "constant":
        opts = _parse_fill(fill, img, name="fill")
        if img.mode == "P":
            palette = img.getpalette()
            out = ImageOps.expand(img, border=(left, top, right, bottom), **opts)
            out.putpalette(palette)
            return out
        return ImageOps.expand(img, border=(left, top, right, bottom), **opts)
    arr = np.asarray(img)
    widths = ((top, bottom), (left, right)) + (((0, 0),) if arr.ndim == 3 else ())
    out = Image.fromarray(np.pad(arr, widths, mode=padding_mode))
    if img.mode == "P":
        out.putpalette(img.getpalette())
    return out


def _ltrb(padding):
    """torchvision's padding forms -> (left, top, right, bottom)."""
    if isinstance(padding, numbers.Number):
        p = int(padding)
        return p, p, p, p
    padding = tuple(int(p) for p in padding)
    if len(padding) == 1:
        return padding * 4
    if len(padding) == 2:
        return padding[0], padding[1], padding[0], padding[1]
    return padding


def rotate(img, angle, interpolation=0, expand=False, center=None, fill=None):
    """Pillow's rotate: counter-clockwise degrees about ``center`` (default the middle)."""
    _check(img)
    opts = _parse_fill(fill, img)
    return img.rotate(angle, interpolation, expand, center, **opts)


def affine(img, matrix, interpolation=0, fill=None):
    """Pillow's affine transform with the inverse matrix (output -> input coordinates)."""
    _check(img)
    opts = _parse_fill(fill, img)
    return img.transform(img.size, Image.Transform.AFFINE, matrix, interpolation, **opts)


def perspective(img, perspective_coeffs, interpolation=3, fill=None):
    _check(img)
    opts = _parse_fill(fill, img)
    return img.transform(img.size, Image.Transform.PERSPECTIVE, perspective_coeffs,
                         interpolation, **opts)


def adjust_brightness(img, brightness_factor):
    _check(img)
    return ImageEnhance.Brightness(img).enhance(brightness_factor)


def adjust_contrast(img, contrast_factor):
    _check(img)
    return ImageEnhance.Contrast(img).enhance(contrast_factor)


def adjust_saturation(img, saturation_factor):
    _check(img)
    return ImageEnhance.Color(img).enhance(saturation_factor)


def adjust_sharpness(img, sharpness_factor):
    _check(img)
    return ImageEnhance.Sharpness(img).enhance(sharpness_factor)


def adjust_hue(img, hue_factor):
    """Rotate the hue channel in Pillow's 8-bit HSV; it wraps around, as intended."""
    _check(img)
    mode = img.mode
    if mode in {"L", "1", "I", "F"}:
        return img
    h, s, v = img.convert("HSV").split()
    shift = int(hue_factor * 255)  # truncation toward zero, like an int8 cast
    np_h = ((np.asarray(h).astype(np.int16) + shift) % 256).astype(np.uint8)
    h = Image.fromarray(np_h)
    return Image.merge("HSV", (h, s, v)).convert(mode)


def adjust_gamma(img, gamma, gain=1.0):
    """Per-value lookup table: 255 * gain * (v / 255) ** gamma, then rounded."""
    _check(img)
    mode = img.mode
    img = img.convert("RGB")
    table = [int((255 + 1 - 1e-3) * gain * pow(ele / 255.0, gamma)) for ele in range(256)]
    table = [min(max(v, 0), 255) for v in table] * 3
    return img.point(table).convert(mode)


def to_grayscale(img, num_output_channels):
    """ITU-R 601-2 luma through Pillow's convert('L'); 3 channels repeat it."""
    _check(img)
    if num_output_channels == 1:
        return img.convert("L")
    if num_output_channels == 3:
        arr = np.asarray(img.convert("L"))
        return Image.fromarray(np.dstack([arr, arr, arr]))
    raise ValueError("num_output_channels should be either 1 or 3")


def invert(img):
    _check(img)
    return ImageOps.invert(img)


def posterize(img, bits):
    _check(img)
    return ImageOps.posterize(img, bits)


def solarize(img, threshold):
    _check(img)
    return ImageOps.solarize(img, threshold)


def autocontrast(img):
    _check(img)
    return ImageOps.autocontrast(img)


def equalize(img):
    _check(img)
    return ImageOps.equalize(img)

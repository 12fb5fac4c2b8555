"""numtorchvision.transforms and numtorchvision.utils.

Deterministic transforms are checked against the math on fixed inputs (and against torch's
own interpolate / grid_sample / conv2d on the same numbers where torchvision calls them),
PIL paths against Pillow's operations, random transforms by seed reproducibility and
invariants. Images are tiny so the file runs in a few seconds.
"""

import io
import pickle

import numpy as np
import pytest
import torch
from PIL import Image

import numtorch
import numtorchvision
import numtorchvision.transforms as T
import numtorchvision.transforms.functional as F
from numtorchvision.transforms import InterpolationMode
from numtorchvision.utils import make_grid, save_image

RNG = np.random.default_rng(1234)
RGB = RNG.integers(0, 256, (6, 7, 3), dtype=np.uint8)
GREY = RNG.integers(0, 256, (6, 7), dtype=np.uint8)
RGBA = RNG.integers(0, 256, (5, 4, 4), dtype=np.uint8)


def pil(arr):
    return Image.fromarray(arr)


def nt(arr):
    return numtorch.from_numpy(np.ascontiguousarray(arr))


def chw(arr):
    """(H, W[, C]) uint8 -> (C, H, W) numtorch uint8 tensor."""
    arr = arr[:, :, None] if arr.ndim == 2 else arr
    return nt(arr.transpose(2, 0, 1))


def as_np(x):
    if isinstance(x, Image.Image):
        return np.asarray(x)
    return x.numpy()


# ----------------------------------------------------------------------- conversions
@pytest.mark.parametrize("arr", [GREY, RGB, RGBA], ids=["L", "RGB", "RGBA"])
def test_to_tensor_pil_is_bytes_over_255_chw(arr):
    x = T.ToTensor()(pil(arr))
    hwc = arr[:, :, None] if arr.ndim == 2 else arr
    assert x.dtype == numtorch.float32
    assert tuple(x.shape) == (hwc.shape[2], hwc.shape[0], hwc.shape[1])
    expected = hwc.transpose(2, 0, 1).astype(np.float32) / np.float32(255)
    np.testing.assert_array_equal(x.numpy(), expected)
    assert x.is_contiguous()


def test_to_tensor_ndarrays():
    x = F.to_tensor(RGB)
    np.testing.assert_array_equal(x.numpy(), RGB.transpose(2, 0, 1) / np.float32(255))
    assert x.dtype == numtorch.float32
    x = F.to_tensor(GREY)
    assert tuple(x.shape) == (1, 6, 7)
    # non-uint8 arrays keep dtype and values
    f64 = RNG.random((3, 4, 2))
    y = F.to_tensor(f64)
    assert y.dtype == numtorch.float64
    np.testing.assert_array_equal(y.numpy(), f64.transpose(2, 0, 1))


def test_to_tensor_other_modes():
    bits = pil(GREY > 128).convert("1")
    x = F.to_tensor(bits)
    np.testing.assert_array_equal(x.numpy()[0], (GREY > 128).astype(np.float32))
    ints = Image.fromarray(GREY.astype(np.int32) * 1000)
    y = F.to_tensor(ints)
    assert y.dtype == numtorch.int32
    np.testing.assert_array_equal(y.numpy()[0], GREY.astype(np.int32) * 1000)
    floats = Image.fromarray(GREY.astype(np.float32) / 3)
    z = F.to_tensor(floats)
    assert z.dtype == numtorch.float32
    np.testing.assert_array_equal(z.numpy()[0], GREY.astype(np.float32) / 3)


def test_to_tensor_errors():
    with pytest.raises(TypeError, match="pic should be PIL Image or ndarray"):
        F.to_tensor([[1, 2]])
    with pytest.raises(ValueError, match="pic should be 2/3 dimensional. Got 4"):
        F.to_tensor(np.zeros((1, 2, 3, 4), np.uint8))


def test_pil_to_tensor():
    x = T.PILToTensor()(pil(RGB))
    assert x.dtype == numtorch.uint8
    np.testing.assert_array_equal(x.numpy(), RGB.transpose(2, 0, 1))
    x = F.pil_to_tensor(pil(GREY))
    assert tuple(x.shape) == (1, 6, 7)
    with pytest.raises(TypeError, match="pic should be PIL Image"):
        F.pil_to_tensor(RGB)


@pytest.mark.parametrize("arr,mode", [(GREY, "L"), (RGB, "RGB"), (RGBA, "RGBA"),
                                      (RGB[:, :, :2], "LA")])
def test_to_pil_image_modes_and_round_trip(arr, mode):
    img = T.ToPILImage()(chw(arr))
    assert img.mode == mode
    np.testing.assert_array_equal(np.asarray(img), arr)
    # float tensors in [0, 1] are scaled by 255: ToTensor -> ToPILImage is lossless
    back = F.to_pil_image(F.to_tensor(pil(arr)))
    assert back.mode == mode
    np.testing.assert_array_equal(np.asarray(back), arr)


def test_to_pil_image_other_dtypes():
    f = numtorch.tensor([[[0.0, 0.5, 1.0]]])
    np.testing.assert_array_equal(np.asarray(F.to_pil_image(f)), [[0, 127, 255]])
    img = F.to_pil_image(f, mode="F")
    assert img.mode == "F"
    np.testing.assert_array_equal(np.asarray(img), [[0.0, 0.5, 1.0]])
    i32 = numtorch.tensor([[[1, 70000]]], dtype=numtorch.int32)
    img = F.to_pil_image(i32)
    assert img.mode == "I"
    np.testing.assert_array_equal(np.asarray(img), [[1, 70000]])
    i16 = numtorch.tensor([[[1, 300]]], dtype=numtorch.int16)
    assert F.to_pil_image(i16).mode == "I;16"
    np.testing.assert_array_equal(np.asarray(F.to_pil_image(i16)), [[1, 300]])
    # a (H, W, C) ndarray is taken as is; a 2-D tensor is one channel
    assert F.to_pil_image(RGB).size == (7, 6)
    assert F.to_pil_image(numtorch.zeros(3, 5, dtype=numtorch.uint8)).size == (5, 3)
    assert T.ToPILImage(mode="YCbCr")(chw(RGB)).mode == "YCbCr"
    assert repr(T.ToPILImage(mode="L")) == "ToPILImage(mode=L)"


def test_to_pil_image_errors():
    with pytest.raises(TypeError, match="pic should be Tensor or ndarray"):
        F.to_pil_image([1, 2])
    with pytest.raises(ValueError, match="pic should be 2/3 dimensional. Got 4"):
        F.to_pil_image(numtorch.zeros(1, 1, 2, 2))
    with pytest.raises(ValueError, match="pic should not have > 4 channels. Got 5"):
        F.to_pil_image(numtorch.zeros(5, 2, 2))
    with pytest.raises(ValueError, match="Only modes"):
        F.to_pil_image(chw(RGB), mode="L")
    with pytest.raises(ValueError, match="Incorrect mode"):
        F.to_pil_image(chw(GREY), mode="RGB")
    with pytest.raises(TypeError, match="Input type int64 is not supported"):
        F.to_pil_image(numtorch.zeros(3, 2, 2, dtype=numtorch.int64))


def test_convert_image_dtype():
    u8 = numtorch.tensor([[[0, 1, 127, 128, 255]]], dtype=numtorch.uint8)
    f = T.ConvertImageDtype(numtorch.float32)(u8)
    assert f.dtype == numtorch.float32
    np.testing.assert_array_equal(f.numpy(), u8.numpy().astype(np.float32) / np.float32(255))
    # float -> int: x * (max + 1 - 1e-3) truncated, so 1.0 -> 255 and equal-width bins
    x = numtorch.tensor([[[0.0, 0.5, 0.999, 1.0]]])
    assert F.convert_image_dtype(x, numtorch.uint8).tolist() == [[[0, 127, 255, 255]]]
    # int -> wider int multiplies by (2**31 / 2**8); narrower divides (floor)
    assert F.convert_image_dtype(u8, numtorch.int32).tolist() == [[[0, 1 << 23, 127 << 23,
                                                                     128 << 23, 255 << 23]]]
    i32 = numtorch.tensor([[[0, (1 << 23) - 1, 1 << 23, 2**31 - 1]]], dtype=numtorch.int32)
    assert F.convert_image_dtype(i32, numtorch.uint8).tolist() == [[[0, 0, 1, 255]]]
    assert F.convert_image_dtype(u8, numtorch.uint8) is u8
    with pytest.raises(RuntimeError, match="cannot be performed safely"):
        F.convert_image_dtype(x, numtorch.int32)
    with pytest.raises(TypeError, match="Input img should be Tensor Image"):
        F.convert_image_dtype(RGB, numtorch.float32)


# ----------------------------------------------------------------------- normalize
def test_normalize_formula_and_torch():
    a = RNG.random((2, 3, 4, 5), dtype=np.float32)
    mean, std = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
    out = T.Normalize(mean, std)(nt(a))
    ref = (torch.from_numpy(a) - torch.tensor(mean).view(-1, 1, 1)) / torch.tensor(std).view(
        -1, 1, 1)
    assert out.dtype == numtorch.float32
    np.testing.assert_array_equal(out.numpy(), ref.numpy())
    x = nt(a[0])
    y = F.normalize(x, [0.5], [0.5])
    np.testing.assert_array_equal(y.numpy(), (a[0] - np.float32(0.5)) / np.float32(0.5))
    np.testing.assert_array_equal(x.numpy(), a[0])  # not in place by default
    z = F.normalize(x, [0.5], [0.5], inplace=True)
    assert z is x
    np.testing.assert_array_equal(x.numpy(), y.numpy())


def test_normalize_is_differentiable():
    x = numtorch.rand(1, 2, 2, requires_grad=True)
    F.normalize(x, [0.5], [0.25]).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), np.full((1, 2, 2), 4.0, np.float32))


def test_normalize_errors():
    x = numtorch.rand(3, 2, 2)
    with pytest.raises(ValueError, match="std evaluated to zero after conversion to "
                                         "torch.float32, leading to division by zero"):
        T.Normalize((0.5, 0.5, 0.5), (0.5, 0.0, 0.5))(x)
    with pytest.raises(TypeError, match="Input tensor should be a float tensor. Got torch.uint8"):
        F.normalize(chw(RGB), [0.5], [0.5])
    with pytest.raises(ValueError, match=r"Expected tensor to be a tensor image of size "
                                         r"\(..., C, H, W\)"):
        F.normalize(numtorch.rand(2, 2), [0.5], [0.5])
    with pytest.raises(TypeError, match="img should be Tensor Image"):
        F.normalize(RGB, [0.5], [0.5])


# ----------------------------------------------------------------------- crops, pads, flips
@pytest.mark.parametrize("to_img", [pil, chw], ids=["pil", "tensor"])
def test_crop_center_crop_exact(to_img):
    img = to_img(RGB)
    hwc = lambda x: as_np(x) if isinstance(x, Image.Image) else as_np(x).transpose(1, 2, 0)  # noqa
    np.testing.assert_array_equal(hwc(F.crop(img, 1, 2, 3, 4)), RGB[1:4, 2:6])
    # 6x7 image, crop 4x3: top = round(1.0) = 1, left = round(2.0) = 2
    np.testing.assert_array_equal(hwc(T.CenterCrop((4, 3))(img)), RGB[1:5, 2:5])
    np.testing.assert_array_equal(hwc(T.CenterCrop(5)(img)), RGB[0:5, 1:6])
    # a crop larger than the image zero-pads: (10 - 6) // 2 = 2 rows on top, (9 - 7)//2 = 1 left
    big = hwc(F.center_crop(img, [10, 9]))
    expected = np.zeros((10, 9, 3), np.uint8)
    expected[2:8, 1:8] = RGB
    np.testing.assert_array_equal(big, expected)
    # crop boxes outside the image read zeros
    out = hwc(F.crop(img, -1, 5, 3, 4))
    expected = np.zeros((3, 4, 3), np.uint8)
    expected[1:, :2] = RGB[0:2, 5:7]
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("mode", ["constant", "edge", "reflect", "symmetric"])
@pytest.mark.parametrize("padding", [2, (1, 3), (1, 2, 3, 0)])
def test_pad_matches_numpy_pad(mode, padding):
    p = (padding,) * 4 if isinstance(padding, int) else (
        padding * 2 if len(padding) == 2 else padding)
    left, top, right, bottom = p
    kw = {"constant_values": 9} if mode == "constant" else {}
    expected = np.pad(RGB, ((top, bottom), (left, right), (0, 0)), mode=mode, **kw)
    fill = 9
    out_pil = np.asarray(T.Pad(padding, fill=fill, padding_mode=mode)(pil(RGB)))
    np.testing.assert_array_equal(out_pil, expected)
    out_t = F.pad(chw(RGB), list(padding) if isinstance(padding, tuple) else padding,
                  fill=fill, padding_mode=mode)
    np.testing.assert_array_equal(out_t.numpy().transpose(1, 2, 0), expected)


def test_pad_fill_per_channel_and_errors():
    out = np.asarray(F.pad(pil(RGB), 1, fill=(1, 2, 3)))
    assert out[0, 0].tolist() == [1, 2, 3]
    np.testing.assert_array_equal(out[1:-1, 1:-1], RGB)
    with pytest.raises(ValueError, match="Padding mode should be either constant, edge, "
                                         "reflect or symmetric"):
        T.Pad(1, padding_mode="wrap")
    with pytest.raises(ValueError, match="Padding must be an int or a 1, 2, or 4 element tuple, "
                                         "not a 3 element tuple"):
        F.pad(chw(RGB), (1, 2, 3))
    with pytest.raises(TypeError, match="Got inappropriate padding arg"):
        F.pad(chw(RGB), "1")
    with pytest.raises(ValueError, match="The number of elements in 'fill' does not match"):
        F.pad(pil(RGB), 1, fill=(1, 2))


@pytest.mark.parametrize("to_img", [pil, chw], ids=["pil", "tensor"])
def test_flips_exact(to_img):
    img = to_img(RGB)
    axis_w, axis_h = (1, 0) if isinstance(img, Image.Image) else (2, 1)
    np.testing.assert_array_equal(as_np(F.hflip(img)), np.flip(as_np(img), axis_w))
    np.testing.assert_array_equal(as_np(F.vflip(img)), np.flip(as_np(img), axis_h))
    np.testing.assert_array_equal(as_np(T.RandomHorizontalFlip(p=1.0)(img)),
                                  np.flip(as_np(img), axis_w))
    np.testing.assert_array_equal(as_np(T.RandomVerticalFlip(p=0.0)(img)), as_np(img))


def test_flips_batch_tensor():
    x = numtorch.rand(2, 3, 4, 5)
    np.testing.assert_array_equal(F.hflip(x).numpy(), x.numpy()[..., ::-1])
    np.testing.assert_array_equal(F.vflip(x).numpy(), x.numpy()[..., ::-1, :])


def test_five_and_ten_crop():
    crops = T.FiveCrop(3)(chw(RGB))
    assert len(crops) == 5
    np.testing.assert_array_equal(crops[0].numpy(), chw(RGB).numpy()[:, :3, :3])
    np.testing.assert_array_equal(crops[3].numpy(), chw(RGB).numpy()[:, 3:, 4:])
    ten = T.TenCrop(3)(pil(RGB))
    assert len(ten) == 10
    np.testing.assert_array_equal(np.asarray(ten[5]), np.flip(RGB, 1)[:3, :3])
    with pytest.raises(ValueError, match="bigger than input size"):
        F.five_crop(pil(RGB), 8)


# ----------------------------------------------------------------------- resize
@pytest.mark.parametrize("interp,pil_filter", [
    (InterpolationMode.NEAREST, Image.NEAREST), (InterpolationMode.BILINEAR, Image.BILINEAR),
    (InterpolationMode.BICUBIC, Image.BICUBIC), (InterpolationMode.LANCZOS, Image.LANCZOS),
    (InterpolationMode.BOX, Image.BOX), (InterpolationMode.HAMMING, Image.HAMMING)])
def test_resize_pil_equals_pillow(interp, pil_filter):
    img = pil(RGB)
    out = T.Resize((4, 11), interpolation=interp)(img)
    assert out.size == (11, 4)
    np.testing.assert_array_equal(np.asarray(out), np.asarray(img.resize((11, 4), pil_filter)))
    # Pillow's integer constants are accepted for interpolation
    np.testing.assert_array_equal(np.asarray(T.Resize((4, 11), interpolation=pil_filter)(img)),
                                  np.asarray(out))


def test_resize_smaller_edge_and_max_size():
    img = pil(np.zeros((10, 20, 3), np.uint8))  # h=10, w=20
    assert T.Resize(5)(img).size == (10, 5)
    assert T.Resize([7])(img).size == (14, 7)
    assert T.Resize(8, max_size=12)(img).size == (12, 6)
    tall = chw(np.zeros((9, 4), np.uint8))  # h=9, w=4: long edge truncated int(8 * 9 / 4)
    assert tuple(T.Resize(8)(tall).shape) == (1, 18, 8)
    assert tuple(T.Resize(3)(tall).shape) == (1, 6, 3)
    assert F.resize(img, [10, 20]) is img  # same size: unchanged
    with pytest.raises(ValueError, match="max_size = 5 must be strictly greater"):
        F.resize(img, 5, max_size=5)


@pytest.mark.parametrize("mode", ["nearest", "nearest-exact", "bilinear", "bicubic"])
@pytest.mark.parametrize("antialias", [True, False])
@pytest.mark.parametrize("size", [(5, 3), (13, 16)])
def test_resize_tensor_matches_torch_interpolate(mode, antialias, size):
    a = RNG.random((2, 3, 9, 7), dtype=np.float32)
    out = F.resize(nt(a), list(size), InterpolationMode(mode), antialias=antialias)
    kw = {}
    if mode in ("bilinear", "bicubic"):
        kw = dict(align_corners=False, antialias=antialias)
    ref = torch.nn.functional.interpolate(torch.from_numpy(a), size=size, mode=mode, **kw)
    assert out.dtype == numtorch.float32
    np.testing.assert_allclose(out.numpy(), ref.numpy(), rtol=0, atol=2e-6)


def test_resize_tensor_uint8_rounds():
    a = RGB.transpose(2, 0, 1)
    out = F.resize(nt(a), [3, 4], InterpolationMode.BILINEAR, antialias=True)
    assert out.dtype == numtorch.uint8
    ref = torch.nn.functional.interpolate(torch.from_numpy(a[None].astype(np.float32)),
                                          size=(3, 4), mode="bilinear", antialias=True)
    assert np.abs(out.numpy().astype(int) - ref.round().numpy()[0].astype(int)).max() <= 1


def test_resize_errors_and_repr():
    with pytest.raises(ValueError, match="If size is a sequence, it should have 1 or 2 values"):
        T.Resize((1, 2, 3))
    with pytest.raises(TypeError, match="Size should be int or sequence. Got <class 'float'>"):
        T.Resize(2.5)
    with pytest.raises(ValueError, match="Size must be an int or a 1 or 2 element tuple/list, "
                                         "not a 3 element tuple/list"):
        F.resize(pil(RGB), [1, 2, 3])
    with pytest.raises(ValueError, match="max_size should only be passed if size specifies"):
        F.resize(pil(RGB), [4, 4], max_size=10)
    with pytest.raises(TypeError, match="Argument interpolation should be a InterpolationMode"):
        F.resize(pil(RGB), 4, interpolation="bilinear")
    with pytest.raises(ValueError, match="unsupported with Tensor input"):
        F.resize(chw(RGB), [3, 3], InterpolationMode.LANCZOS)
    assert repr(T.Resize(32)) == ("Resize(size=32, interpolation=bilinear, max_size=None, "
                                  "antialias=True)")
    assert repr(T.Resize((3, 4), interpolation=Image.BICUBIC)) == (
        "Resize(size=(3, 4), interpolation=bicubic, max_size=None, antialias=True)")


def test_resized_crop():
    out = F.resized_crop(pil(RGB), 1, 2, 4, 4, [8, 8])
    np.testing.assert_array_equal(np.asarray(out),
                                  np.asarray(pil(RGB[1:5, 2:6]).resize((8, 8), Image.BILINEAR)))


# ----------------------------------------------------------------------- rotation, affine
def _torch_rotate_reference(a, angle, mode, fill):
    """torchvision's tensor rotate spelled out with torch: inverse rotation matrix about
    the centre, a grid of output pixel centres, grid_sample (zeros) and a fill mask."""
    n, c, h, w = a.shape
    rot = np.radians(-angle)
    m = [np.cos(rot), np.sin(rot), 0.0, -np.sin(rot), np.cos(rot), 0.0]
    xs = torch.linspace(-w * 0.5 + 0.5, w * 0.5 - 0.5, w)
    ys = torch.linspace(-h * 0.5 + 0.5, h * 0.5 - 0.5, h)
    gy, gx = torch.meshgrid(ys, xs, indexing="ij")
    ix = (m[0] * gx + m[1] * gy + m[2]) / (0.5 * w)
    iy = (m[3] * gx + m[4] * gy + m[5]) / (0.5 * h)
    grid = torch.stack([ix, iy], dim=-1)[None].expand(n, h, w, 2).float()
    x = torch.cat([torch.from_numpy(a), torch.ones(n, 1, h, w)], dim=1)
    out = torch.nn.functional.grid_sample(x, grid, mode=mode, padding_mode="zeros",
                                          align_corners=False)
    img, mask = out[:, :-1], out[:, -1:].expand(n, c, h, w)
    fill_img = torch.tensor(fill, dtype=torch.float32).view(1, -1, 1, 1).expand_as(img)
    if mode == "nearest":
        return torch.where(mask < 0.5, fill_img, img).numpy()
    return (img * mask + (1 - mask) * fill_img).numpy()


@pytest.mark.parametrize("mode", ["nearest", "bilinear"])
@pytest.mark.parametrize("angle", [30.0, -75.0])
def test_rotate_tensor_matches_grid_sample(mode, angle):
    a = RNG.random((2, 3, 8, 11), dtype=np.float32)
    fill = [0.1, 0.2, 0.3]
    out = F.rotate(nt(a), angle, InterpolationMode(mode), fill=fill)
    ref = _torch_rotate_reference(a, angle, mode, fill)
    np.testing.assert_allclose(out.numpy(), ref, rtol=0, atol=1e-5)


def test_rotate_quarter_turn_and_expand():
    sq = RNG.integers(0, 256, (5, 5, 3), dtype=np.uint8)
    # counter-clockwise, as Pillow
    np.testing.assert_array_equal(np.asarray(F.rotate(pil(sq), 90)), np.rot90(sq))
    np.testing.assert_array_equal(F.rotate(chw(sq), 90).numpy(),
                                  np.rot90(sq).transpose(2, 0, 1))
    # expand: the output holds the whole rotated image, sized as Pillow sizes it
    for angle in (30, -45, 120):
        w, h = pil(RGB).rotate(angle, expand=True).size
        assert tuple(F.rotate(chw(RGB), angle, expand=True).shape) == (3, h, w)
        assert tuple(T.RandomRotation((angle, angle), expand=True)(chw(RGB)).shape) == (3, h, w)
    # the PIL path is Pillow's rotate
    img = pil(RGB)
    np.testing.assert_array_equal(np.asarray(F.rotate(img, 33, InterpolationMode.BILINEAR,
                                                      fill=7)),
                                  np.asarray(img.rotate(33, Image.BILINEAR, fillcolor=(7, 7, 7))))


def test_affine_pure_translation():
    x = chw(RGB)
    out = F.affine(x, angle=0, translate=[2, 1], scale=1.0, shear=[0.0, 0.0])
    expected = np.zeros_like(RGB)
    expected[1:, 2:] = RGB[:-1, :-2]
    np.testing.assert_array_equal(out.numpy().transpose(1, 2, 0), expected)
    out_pil = F.affine(pil(RGB), angle=0, translate=[2, 1], scale=1.0, shear=0)
    np.testing.assert_array_equal(np.asarray(out_pil), expected)


def test_random_rotation_and_affine():
    img = pil(RGB)
    np.testing.assert_array_equal(np.asarray(T.RandomRotation(0)(img)), RGB)
    x = chw(RGB)
    np.testing.assert_array_equal(T.RandomRotation((0, 0))(x).numpy(), x.numpy())
    np.testing.assert_array_equal(T.RandomAffine(0)(x).numpy(), x.numpy())
    t = T.RandomRotation(45, interpolation=InterpolationMode.BILINEAR, fill=(1, 2, 3))
    assert _same_under_seed(t, x)
    assert _differs_across_seeds(t, x)
    a = T.RandomAffine(20, translate=(0.1, 0.2), scale=(0.8, 1.2), shear=10)
    assert _same_under_seed(a, img)
    assert _differs_across_seeds(a, img)
    with pytest.raises(ValueError, match="If degrees is a single number, it must be positive"):
        T.RandomRotation(-3)
    with pytest.raises(ValueError, match="degrees should be a sequence of length 2"):
        T.RandomRotation([1, 2, 3])
    with pytest.raises(TypeError, match="Argument angle should be int or float"):
        F.rotate(img, "30")
    with pytest.raises(ValueError, match="translation values should be between 0 and 1"):
        T.RandomAffine(0, translate=(0.1, 1.5))


# ----------------------------------------------------------------------- colour
def test_grayscale_pil_is_itu_601_luma():
    out = T.Grayscale()(pil(RGB))
    assert out.mode == "L"
    r, g, b = (RGB[..., i].astype(np.float64) for i in range(3))
    luma = r * 299 / 1000 + g * 587 / 1000 + b * 114 / 1000
    assert np.abs(np.asarray(out) - luma).max() <= 0.5
    out3 = T.Grayscale(num_output_channels=3)(pil(RGB))
    assert out3.mode == "RGB"
    np.testing.assert_array_equal(np.asarray(out3)[..., 2], np.asarray(out))
    with pytest.raises(ValueError, match="num_output_channels should be either 1 or 3"):
        F.rgb_to_grayscale(pil(RGB), 2)


def test_grayscale_tensor_weights():
    a = RNG.random((2, 3, 4, 4), dtype=np.float32)
    out = F.rgb_to_grayscale(nt(a), num_output_channels=3)
    t = torch.from_numpy(a)
    ref = (0.2989 * t[:, 0] + 0.587 * t[:, 1] + 0.114 * t[:, 2]).unsqueeze(1).expand(2, 3, 4, 4)
    np.testing.assert_allclose(out.numpy(), ref.numpy(), rtol=0, atol=1e-7)
    u8 = F.rgb_to_grayscale(chw(RGB))
    assert u8.dtype == numtorch.uint8 and tuple(u8.shape) == (1, 6, 7)
    with pytest.raises(TypeError, match="permitted channel values are"):
        F.rgb_to_grayscale(numtorch.rand(2, 3, 3))
    with pytest.raises(TypeError, match="Input should be PIL Image"):
        F.to_grayscale(nt(a))


def test_adjust_color_tensor_formulas():
    a = RNG.random((3, 4, 5), dtype=np.float32)
    x = nt(a)
    np.testing.assert_allclose(F.adjust_brightness(x, 1.7).numpy(), np.clip(a * 1.7, 0, 1),
                               atol=1e-7)
    grey = 0.2989 * a[0] + 0.587 * a[1] + 0.114 * a[2]
    np.testing.assert_allclose(F.adjust_saturation(x, 0.3).numpy(),
                               np.clip(0.3 * a + 0.7 * grey, 0, 1), atol=1e-6)
    np.testing.assert_allclose(F.adjust_contrast(x, 0.6).numpy(),
                               np.clip(0.6 * a + 0.4 * grey.mean(), 0, 1), atol=1e-6)
    # uint8: blended in float, clamped, truncated back
    u8 = chw(RGB)
    np.testing.assert_array_equal(F.adjust_brightness(u8, 1.5).numpy(),
                                  np.clip(RGB.transpose(2, 0, 1) * np.float32(1.5), 0, 255)
                                  .astype(np.uint8))
    with pytest.raises(ValueError, match=r"brightness_factor \(-1\) is not non-negative"):
        F.adjust_brightness(x, -1)
    with pytest.raises(ValueError, match=r"hue_factor \(0.7\) is not in \[-0.5, 0.5\]"):
        F.adjust_hue(x, 0.7)


def test_adjust_hue_tensor_matches_colorsys():
    import colorsys

    a = RNG.random((3, 2, 3), dtype=np.float32)
    out = F.adjust_hue(nt(a), 0.25).numpy()
    for i in range(2):
        for j in range(3):
            h, s, v = colorsys.rgb_to_hsv(*a[:, i, j].tolist())
            expected = colorsys.hsv_to_rgb((h + 0.25) % 1.0, s, v)
            np.testing.assert_allclose(out[:, i, j], expected, atol=1e-5)
    np.testing.assert_allclose(F.adjust_hue(nt(a), 0.0).numpy(), a, atol=1e-6)
    u8 = F.adjust_hue(chw(RGB), -0.1)
    assert u8.dtype == numtorch.uint8


def test_adjust_color_pil_is_image_enhance():
    from PIL import ImageEnhance

    img = pil(RGB)
    np.testing.assert_array_equal(np.asarray(F.adjust_contrast(img, 0.4)),
                                  np.asarray(ImageEnhance.Contrast(img).enhance(0.4)))
    np.testing.assert_array_equal(np.asarray(F.adjust_saturation(img, 1.6)),
                                  np.asarray(ImageEnhance.Color(img).enhance(1.6)))
    assert F.adjust_hue(img, 0.2).mode == "RGB"
    assert F.adjust_hue(pil(GREY), 0.2).mode == "L"


def test_color_jitter():
    img, x = pil(RGB), chw(RGB)
    for im in (img, x):
        np.testing.assert_array_equal(as_np(T.ColorJitter()(im)), as_np(im))  # identity
    # a degenerate range fixes the factor: brightness 0.5 exactly
    y = T.ColorJitter(brightness=(0.5, 0.5))(nt(RGB.transpose(2, 0, 1) / np.float32(255)))
    np.testing.assert_allclose(y.numpy(), RGB.transpose(2, 0, 1) / np.float32(255) * 0.5,
                               atol=1e-7)
    cj = T.ColorJitter(0.4, 0.4, 0.4, 0.1)
    assert _same_under_seed(cj, img) and _same_under_seed(cj, x)
    assert _differs_across_seeds(cj, x)
    assert repr(cj) == ("ColorJitter(brightness=(0.6, 1.4), contrast=(0.6, 1.4), "
                        "saturation=(0.6, 1.4), hue=(-0.1, 0.1))")
    with pytest.raises(ValueError, match="If brightness is a single number, it must be non "
                                         "negative"):
        T.ColorJitter(brightness=-0.1)
    with pytest.raises(ValueError, match=r"hue values should be between \(-0.5, 0.5\)"):
        T.ColorJitter(hue=0.6)
    with pytest.raises(TypeError, match="contrast should be a single number or a list/tuple"):
        T.ColorJitter(contrast=(1, 2, 3))


def test_gaussian_blur_matches_conv2d():
    a = RNG.random((1, 3, 9, 10), dtype=np.float32)
    out = F.gaussian_blur(nt(a), [5, 3], [1.2, 0.7]).numpy()

    def k1d(k, s):
        x = torch.linspace(-(k - 1) * 0.5, (k - 1) * 0.5, k)
        pdf = torch.exp(-0.5 * (x / s) ** 2)
        return pdf / pdf.sum()

    kernel = (k1d(3, 0.7)[:, None] * k1d(5, 1.2)[None, :]).expand(3, 1, 3, 5)
    padded = torch.nn.functional.pad(torch.from_numpy(a), [2, 2, 1, 1], mode="reflect")
    ref = torch.nn.functional.conv2d(padded, kernel, groups=3).numpy()
    np.testing.assert_allclose(out, ref, rtol=0, atol=1e-6)
    blurred = T.GaussianBlur(3, sigma=(0.5, 0.5))(pil(RGB))
    assert blurred.mode == "RGB" and blurred.size == (7, 6)
    with pytest.raises(ValueError, match="Kernel size value should be an odd and positive"):
        T.GaussianBlur(4)
    with pytest.raises(ValueError, match="kernel_size should have odd and positive integers"):
        F.gaussian_blur(nt(a), 2)


def test_other_color_ops():
    x = chw(RGB)
    np.testing.assert_array_equal(F.invert(x).numpy(), 255 - RGB.transpose(2, 0, 1))
    np.testing.assert_array_equal(np.asarray(F.invert(pil(RGB))), 255 - RGB)
    np.testing.assert_array_equal(F.posterize(x, 3).numpy(), RGB.transpose(2, 0, 1) & 0xE0)
    np.testing.assert_array_equal(F.solarize(x, 128).numpy(),
                                  np.where(RGB >= 128, 255 - RGB, RGB).transpose(2, 0, 1))
    np.testing.assert_array_equal(T.RandomInvert(p=1.0)(x).numpy(), F.invert(x).numpy())
    e = F.erase(numtorch.zeros(3, 4, 4), 1, 1, 2, 2, 5.0)
    assert e.sum().item() == 5.0 * 3 * 4


# ----------------------------------------------------------------------- random transforms
def _same_under_seed(t, img):
    outs = []
    for _ in range(2):
        numtorch.manual_seed(7)
        outs.append([as_np(t(img)).copy() for _ in range(3)])
    return all(np.array_equal(a, b) for a, b in zip(*outs))


def _differs_across_seeds(t, img):
    outs = []
    for seed in range(6):
        numtorch.manual_seed(seed)
        outs.append(as_np(t(img)).copy())
    return any(o.shape != outs[0].shape or not np.array_equal(o, outs[0]) for o in outs[1:])


@pytest.mark.parametrize("t", [
    T.RandomCrop(4, padding=2), T.RandomCrop((3, 5)), T.RandomHorizontalFlip(),
    T.RandomVerticalFlip(), T.RandomResizedCrop(5), T.RandomGrayscale(p=0.5),
    T.RandomApply([T.ColorJitter(0.5)], p=0.5), T.GaussianBlur(3),
    T.RandomChoice([T.RandomHorizontalFlip(1.0), T.RandomVerticalFlip(1.0), T.Grayscale(3)]),
    T.RandomOrder([T.Pad(1), T.RandomCrop(6), T.RandomHorizontalFlip(1.0)]),
], ids=lambda t: type(t).__name__)
@pytest.mark.parametrize("to_img", [pil, chw], ids=["pil", "tensor"])
def test_random_transforms_follow_manual_seed(t, to_img):
    img = to_img(RGB)
    assert _same_under_seed(t, img)
    assert _differs_across_seeds(t, img)


def test_random_erasing():
    x = numtorch.rand(3, 8, 8) + 0.5
    before = x.numpy().copy()
    t = T.RandomErasing(p=1.0, value=0)
    assert _same_under_seed(t, x) and _differs_across_seeds(t, x)
    out = t(x)
    erased = out.numpy() == 0
    assert erased.any() and erased.all(axis=0).sum() == erased[0].sum()  # a box, all channels
    np.testing.assert_array_equal(x.numpy(), before)  # the input is untouched
    noisy = T.RandomErasing(p=1.0, value="random")(x)
    assert not numtorch.equal(noisy, x)
    with pytest.raises(ValueError, match="If value is str, it should be 'random'"):
        T.RandomErasing(value="noise")


def test_random_crop_invariants():
    img = pil(RGB)
    for _ in range(5):
        out = T.RandomCrop(4, padding=3)(img)
        assert out.size == (4, 4)
    out = T.RandomCrop((8, 9), pad_if_needed=True)(chw(RGB))
    assert tuple(out.shape) == (3, 8, 9)
    # every crop of the unpadded image is a window of it
    out = np.asarray(T.RandomCrop((3, 5))(img))
    windows = [RGB[i:i + 3, j:j + 5] for i in range(4) for j in range(3)]
    assert any(np.array_equal(out, w) for w in windows)
    with pytest.raises(ValueError, match=r"Required crop size \(8, 8\) is larger than input "
                                         r"image size \(6, 7\)"):
        T.RandomCrop(8)(img)


def test_random_flip_is_flip_or_identity():
    x = chw(RGB)
    seen = set()
    numtorch.manual_seed(0)
    for _ in range(20):
        out = T.RandomHorizontalFlip()(x).numpy()
        if np.array_equal(out, x.numpy()):
            seen.add("id")
        else:
            np.testing.assert_array_equal(out, x.numpy()[..., ::-1])
            seen.add("flip")
    assert seen == {"id", "flip"}


def test_random_resized_crop_params():
    img = pil(np.zeros((40, 30, 3), np.uint8))
    numtorch.manual_seed(0)
    for _ in range(20):
        i, j, h, w = T.RandomResizedCrop.get_params(img, (0.08, 1.0), (3 / 4, 4 / 3))
        assert 0 < h <= 40 and 0 < w <= 30 and i + h <= 40 and j + w <= 30
        assert 0.08 * 1200 * 0.8 <= h * w <= 1200 * 1.1
    # an impossible scale falls back to the centre crop with the ratio clamped: 30/40 = 0.75
    assert T.RandomResizedCrop.get_params(img, (5.0, 6.0), (1.0, 2.0)) == (5, 0, 30, 30)
    assert T.RandomResizedCrop.get_params(img, (5.0, 6.0), (0.5, 1.0)) == (0, 0, 40, 30)
    out = T.RandomResizedCrop((5, 6))(chw(RGB))
    assert tuple(out.shape) == (3, 5, 6)
    assert T.RandomResizedCrop(9)(img).size == (9, 9)
    with pytest.warns(UserWarning, match="Scale and ratio should be of kind"):
        T.RandomResizedCrop(9, scale=(1.0, 0.5))


# ----------------------------------------------------------------------- composition, reprs
def test_compose_lambda_and_module_classes():
    t = T.Compose([T.ToTensor(), T.Normalize((0.5,), (0.5,)), T.Lambda(lambda x: x * 2)])
    out = t(pil(GREY))
    np.testing.assert_allclose(out.numpy()[0], (GREY / np.float32(255) - 0.5) / 0.5 * 2,
                               atol=1e-6)
    for cls in (T.Normalize, T.Resize, T.CenterCrop, T.RandomCrop, T.RandomHorizontalFlip,
                T.RandomResizedCrop, T.ColorJitter, T.RandomRotation, T.Grayscale, T.Pad,
                T.ConvertImageDtype, T.RandomApply, T.GaussianBlur):
        assert issubclass(cls, numtorch.nn.Module), cls
    for cls in (T.Compose, T.ToTensor, T.PILToTensor, T.ToPILImage, T.Lambda, T.RandomChoice):
        assert not issubclass(cls, numtorch.nn.Module), cls
    with pytest.raises(TypeError, match="Argument lambd should be callable, got 'int'"):
        T.Lambda(3)
    with pytest.raises(TypeError, match="Argument transforms should be a sequence"):
        T.RandomOrder(T.ToTensor())


def test_transforms_pickle():
    t = T.Compose([T.RandomCrop(4, padding=1), T.ToTensor(), T.Normalize((0.5,), (0.5,))])
    t2 = pickle.loads(pickle.dumps(t))
    numtorch.manual_seed(3)
    a = t(pil(GREY))
    numtorch.manual_seed(3)
    b = t2(pil(GREY))
    assert numtorch.equal(a, b)


def test_reprs():
    t = T.Compose([T.ToTensor(), T.Normalize(mean=(0.5,), std=(0.5,))])
    assert repr(t) == "Compose(\n    ToTensor()\n    Normalize(mean=(0.5,), std=(0.5,))\n)"
    assert repr(T.RandomHorizontalFlip()) == "RandomHorizontalFlip(p=0.5)"
    assert repr(T.RandomVerticalFlip(0.3)) == "RandomVerticalFlip(p=0.3)"
    assert repr(T.CenterCrop(10)) == "CenterCrop(size=(10, 10))"
    assert repr(T.RandomCrop(32, padding=4)) == "RandomCrop(size=(32, 32), padding=4)"
    assert repr(T.Pad(2)) == "Pad(padding=2, fill=0, padding_mode=constant)"
    assert repr(T.RandomRotation(10)) == ("RandomRotation(degrees=[-10.0, 10.0], "
                                          "interpolation=nearest, expand=False, fill=0)")
    assert repr(T.RandomResizedCrop(224)) == (
        "RandomResizedCrop(size=(224, 224), scale=(0.08, 1.0), ratio=(0.75, 1.3333), "
        "interpolation=bilinear, antialias=True)")
    assert repr(T.ColorJitter()) == ("ColorJitter(brightness=None, contrast=None, "
                                     "saturation=None, hue=None)")
    assert repr(T.Grayscale()) == "Grayscale(num_output_channels=1)"
    assert repr(T.RandomGrayscale()) == "RandomGrayscale(p=0.1)"
    assert repr(T.Lambda(abs)) == "Lambda()"
    assert repr(T.PILToTensor()) == "PILToTensor()"
    assert repr(T.ConvertImageDtype(numtorch.float32)) == "ConvertImageDtype()"
    assert repr(T.GaussianBlur(3)) == "GaussianBlur(kernel_size=(3, 3), sigma=(0.1, 2.0))"
    assert repr(T.RandomApply([T.RandomHorizontalFlip()], p=0.3)) == (
        "RandomApply(\n    p=0.3\n    RandomHorizontalFlip(p=0.5)\n)")
    assert repr(T.RandomChoice([T.ToTensor()])) == "RandomChoice(\n    ToTensor()\n)(p=None)"
    assert repr(T.RandomAffine(10, translate=(0.1, 0.1))) == (
        "RandomAffine(degrees=[-10.0, 10.0], translate=(0.1, 0.1))")
    assert repr(InterpolationMode.BILINEAR) == "<InterpolationMode.BILINEAR: 'bilinear'>"


def test_package_surface():
    assert numtorchvision.transforms is T
    assert T.functional is F
    assert T.InterpolationMode is F.InterpolationMode
    for name in T.__all__:
        assert hasattr(T, name), name


def test_center_crop_errors():
    with pytest.raises(ValueError, match=r"Please provide only two dimensions \(h, w\) for size"):
        T.CenterCrop((1, 2, 3))


# ----------------------------------------------------------------------- utils
def test_make_grid_layout():
    x = numtorch.arange(5 * 2 * 3, dtype=numtorch.float32).reshape(5, 1, 2, 3)
    g = make_grid(x, nrow=2, padding=1, pad_value=-1.0)
    # 5 images, 2 per row -> 3 rows; each cell (2 + 1) x (3 + 1), plus the outer padding
    assert tuple(g.shape) == (3, 3 * 3 + 1, 2 * 4 + 1)
    expected = np.full((10, 9), -1.0, np.float32)
    for k in range(5):
        y, xx = divmod(k, 2)
        expected[1 + 3 * y:3 + 3 * y, 1 + 4 * xx:4 + 4 * xx] = x.numpy()[k, 0]
    for c in range(3):  # one channel repeated into three
        np.testing.assert_array_equal(g.numpy()[c], expected)
    g = make_grid(numtorch.rand(10, 3, 4, 4))  # defaults: nrow=8, padding=2
    assert tuple(g.shape) == (3, 2 * 6 + 2, 8 * 6 + 2)
    assert tuple(make_grid(numtorch.rand(3, 4, 5)).shape) == (3, 4, 5)
    assert tuple(make_grid(numtorch.rand(4, 5)).shape) == (3, 4, 5)
    lst = [numtorch.rand(3, 4, 4) for _ in range(3)]
    g = make_grid(lst, padding=0)
    assert tuple(g.shape) == (3, 4, 12)
    np.testing.assert_array_equal(g.numpy()[:, :, 4:8], lst[1].numpy())


def test_make_grid_normalize():
    x = numtorch.tensor([[[[-2.0, 0.0], [2.0, 6.0]]], [[[1.0, 2.0], [3.0, 5.0]]]])
    g = make_grid(x, normalize=True, padding=0)
    np.testing.assert_allclose(g.numpy()[0], (np.concatenate(x.numpy()[:, 0], axis=1) + 2) / 8)
    g = make_grid(x, normalize=True, scale_each=True, padding=0)
    np.testing.assert_allclose(g.numpy()[0, :, 2:], (x.numpy()[1, 0] - 1) / 4)
    g = make_grid(x, normalize=True, value_range=(0.0, 4.0), padding=0)
    np.testing.assert_allclose(g.numpy()[0, :, :2], [[0.0, 0.0], [0.5, 1.0]])
    assert x.numpy().min() == -2.0  # the input is not modified
    with pytest.raises(TypeError, match="value_range has to be a tuple"):
        make_grid(x, normalize=True, value_range=[0, 1])
    with pytest.raises(TypeError, match="tensor or list of tensors expected, got <class 'str'>"):
        make_grid("x")
    with pytest.raises(TypeError, match="got a list containing <class 'int'>"):
        make_grid([1, 2])


def test_save_image_png_round_trip(tmp_path):
    x = numtorch.from_numpy(RGB.transpose(2, 0, 1) / np.float32(255))
    path = tmp_path / "img.png"
    save_image(x, path)
    with Image.open(path) as im:
        assert im.format == "PNG" and im.mode == "RGB"
        np.testing.assert_array_equal(np.asarray(im), RGB)
    # values are rounded (x * 255 + 0.5, truncated) and clamped
    y = numtorch.tensor([[[0.0, 0.5, 1.0, 1.7, -0.3, 0.1]]])
    buf = io.BytesIO()
    save_image(y, buf, format="png")
    buf.seek(0)
    with Image.open(buf) as im:
        assert np.asarray(im)[0, :, 0].tolist() == [0, 128, 255, 255, 0, 26]
    # a batch goes through make_grid
    save_image(numtorch.rand(4, 1, 3, 3), tmp_path / "grid.png", nrow=2, padding=1)
    with Image.open(tmp_path / "grid.png") as im:
        assert im.size == (2 * 4 + 1, 2 * 4 + 1)


# ----------------------------------------------------------------------- v2 subset
def test_v2_pipeline_and_samples():
    from numtorchvision.transforms import v2

    t = v2.Compose([v2.ToImage(), v2.ToDtype(numtorch.float32, scale=True),
                    v2.Normalize([0.5] * 3, [0.5] * 3)])
    x = t(pil(RGB))
    np.testing.assert_allclose(x.numpy(), (RGB.transpose(2, 0, 1) / np.float32(255) - 0.5) / 0.5,
                               atol=1e-6)
    img = v2.ToImage()(pil(RGB))
    assert img.dtype == numtorch.uint8 and tuple(img.shape) == (3, 6, 7)
    assert v2.ToDtype(numtorch.float32)(img).max().item() == RGB.max()  # no scaling
    # a sample: the image is transformed, the label passes through
    out, label = v2.RandomHorizontalFlip(p=1.0)(img, 3)
    assert label == 3
    np.testing.assert_array_equal(out.numpy(), img.numpy()[..., ::-1])
    d = v2.CenterCrop(4)({"image": pil(RGB), "label": 5})
    assert d["image"].size == (4, 4) and d["label"] == 5
    assert pickle.loads(pickle.dumps(v2.RandomCrop(3)))(pil(RGB)).size == (3, 3)
    assert isinstance(v2.Resize(3), T.Resize)
    with pytest.raises(ValueError, match="dtype must be a torch.dtype"):
        v2.ToDtype({"image": numtorch.float32})

"""Record what numtorchvision.models must match, from a real torch + torchvision install.

Not part of the package or the test suite: it documents how tests/data/torchvision_models.json.gz
and tests/data/tv_tiny_mobilenet_v2.pth were made. torchvision does not import beside the
torch 2.13 in .venv, so run it from a separate venv outside the repository:

    python3 -m venv /tmp/tvenv
    /tmp/tvenv/bin/pip install torch==2.14.1 torchvision==0.29.1
    /tmp/tvenv/bin/python tools/record_torchvision_manifests.py

For every builder (and a few constructor variants) it writes: the ordered state_dict keys with
shapes and dtypes, the parameter count, repr(model), and, for a subset, the eval-mode output on
a fixed input after every state_dict entry is overwritten by a deterministic pattern
(``pattern_fill`` below, mirrored in the tests) so values are checked without storing weights.
It also records each weights enum (url, meta without the category list, preset transform
arguments), ImageNet's category count, the legacy-argument warnings, and one tiny real
torchvision checkpoint with its input and output.
"""

import gzip
import json
import pathlib
import warnings

import numpy as np
import torch
import torchvision
from torchvision import models

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data"

# (manifest name, builder, kwargs, value-check input shape or None)
CASES = [
    ("alexnet", "alexnet", {}, None),
    ("alexnet_nc5", "alexnet", {"num_classes": 5}, (1, 3, 64, 64)),
    ("vgg11", "vgg11", {}, None),
    ("vgg11_bn", "vgg11_bn", {}, None),
    ("vgg13", "vgg13", {}, None),
    ("vgg13_bn", "vgg13_bn", {}, None),
    ("vgg16", "vgg16", {}, None),
    ("vgg16_bn", "vgg16_bn", {}, None),
    ("vgg19", "vgg19", {}, None),
    ("vgg19_bn", "vgg19_bn", {}, None),
    ("vgg11_bn_nc5", "vgg11_bn", {"num_classes": 5}, (1, 3, 32, 32)),
    ("resnet18", "resnet18", {}, None),
    ("resnet18_nc5", "resnet18", {"num_classes": 5}, (2, 3, 32, 32)),
    ("resnet34", "resnet34", {}, None),
    ("resnet50", "resnet50", {}, None),
    ("resnet50_nc5", "resnet50", {"num_classes": 5}, (1, 3, 32, 32)),
    ("resnet50_dilated", "resnet50",
     {"num_classes": 5, "replace_stride_with_dilation": [False, True, True]}, (1, 3, 32, 32)),
    ("resnet101", "resnet101", {}, None),
    ("resnet152", "resnet152", {}, None),
    ("resnext50_32x4d", "resnext50_32x4d", {}, None),
    ("resnext50_32x4d_nc5", "resnext50_32x4d", {"num_classes": 5}, (1, 3, 32, 32)),
    ("resnext101_32x8d", "resnext101_32x8d", {}, None),
    ("resnext101_64x4d", "resnext101_64x4d", {}, None),
    ("wide_resnet50_2", "wide_resnet50_2", {}, None),
    ("wide_resnet101_2", "wide_resnet101_2", {}, None),
    ("mobilenet_v2", "mobilenet_v2", {}, None),
    ("mobilenet_v2_nc5", "mobilenet_v2", {"num_classes": 5}, (1, 3, 32, 32)),
    ("mobilenet_v2_w035", "mobilenet_v2", {"width_mult": 0.35, "num_classes": 7}, (1, 3, 32, 32)),
]

TINY = {"num_classes": 5, "width_mult": 0.25,
        "inverted_residual_setting": [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 1, 2]]}


def pattern_fill(state_dict, period=1009):
    """Overwrite every floating entry with a deterministic pattern of unit-ish scale.

    Entry number k gets ``p[i mod period]`` with ``p = sin(0.37 i + k)`` scaled per kind:
    weights ``p / sqrt(fan_in)`` (fan_in = numel / dim 0), biases and running means ``0.1 p``,
    BN weights and running variances ``1 + 0.25 p`` (positive). The pattern is computed once
    per entry and tiled in float32, so VGG's 100M-element layer costs a copy, not 100M sines.
    """
    out = {}
    for k, (name, t) in enumerate(state_dict.items()):
        if not t.is_floating_point():
            out[name] = t.clone()
            continue
        p = np.sin(0.37 * np.arange(period, dtype=np.float64) + k)
        if name.endswith("running_var") or (t.dim() == 1 and name.endswith("weight")):
            p = 1.0 + 0.25 * p
        elif t.dim() == 1:
            p = 0.1 * p
        else:
            p = p / np.sqrt(t.numel() / t.shape[0])
        a = np.resize(p.astype(np.float32), t.numel()).reshape(tuple(t.shape))
        out[name] = torch.from_numpy(a)
    return out


def pattern_input(shape):
    n = int(np.prod(shape))
    return np.cos(0.11 * np.arange(n, dtype=np.float64)).astype(np.float32).reshape(shape)


def record_model(builder, kwargs, input_shape):
    torch.manual_seed(0)
    model = getattr(models, builder)(**kwargs)
    sd = model.state_dict()
    entry = {
        "builder": builder,
        "kwargs": kwargs,
        "num_params": sum(p.numel() for p in model.parameters()),
        "keys": [[k, list(v.shape), str(v.dtype)] for k, v in sd.items()],
        "repr": repr(model),
    }
    if input_shape is not None:
        model.load_state_dict(pattern_fill(sd))
        model.eval()
        with torch.no_grad():
            y = model(torch.from_numpy(pattern_input(input_shape)))
        entry["input_shape"] = list(input_shape)
        entry["output"] = y.numpy().astype(float).tolist()
    return entry


def record_weights():
    enums = {}
    for builder in sorted({b for _, b, _, _ in CASES}):
        cls = models.get_model_weights(builder)
        members = {}
        for name, w in cls.__members__.items():
            if name == "DEFAULT":
                continue
            meta = {k: v for k, v in w.meta.items() if k != "categories"}
            meta["min_size"] = list(meta["min_size"])
            categories = w.meta["categories"]
            members[name] = {"url": w.url, "meta": meta,
                             "num_categories": None if categories is None else len(categories),
                             "transforms": dict(w.transforms.keywords)}
        enums[builder] = {"class": cls.__name__, "members": members,
                          "default": cls.DEFAULT.name}
    return enums


def record_warnings():
    out = {}
    for label, args, kwargs in [("pretrained_false", (), {"pretrained": False}),
                                ("positional_false", (False,), {})]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            models.alexnet(*args, **kwargs)
        out[label] = [str(w.message) for w in caught]
    return out


def pattern_image(width=300, height=260):
    """A deterministic RGB PIL image with smooth gradients and some texture."""
    from PIL import Image

    yy, xx = np.mgrid[0:height, 0:width]
    r = (xx * 255 // (width - 1))
    g = (yy * 255 // (height - 1))
    b = ((np.sin(xx * 0.05) * np.cos(yy * 0.07) + 1) * 127.5).astype(np.int64)
    arr = np.stack([r, g, b], axis=-1).astype(np.uint8)
    return Image.fromarray(arr, "RGB")


def record_preset():
    """``ResNet50_Weights.DEFAULT.transforms()`` (resize 232, crop 224): repr and a summary of
    its output on ``pattern_image()``: shape, per-channel means, and every 16th pixel."""
    preset = models.ResNet50_Weights.DEFAULT.transforms()
    y = preset(pattern_image())
    return {"repr": repr(preset), "shape": list(y.shape),
            "channel_mean": y.mean(dim=(1, 2)).double().tolist(),
            "subsample": y[:, ::16, ::16].double().tolist(),
            "repr_v1": repr(models.ResNet18_Weights.DEFAULT.transforms())}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = {
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "models": {name: record_model(b, kw, shape) for name, b, kw, shape in CASES},
        "weights": record_weights(),
        "list_models_classification": sorted(
            m for m in models.list_models(module=models) if m in {b for _, b, _, _ in CASES}),
        "warnings": record_warnings(),
        "preset": record_preset(),
    }
    # one real torchvision checkpoint, small enough to keep in the repository
    torch.manual_seed(0)
    tiny = models.mobilenet_v2(**TINY).eval()
    torch.save(tiny.state_dict(), OUT / "tv_tiny_mobilenet_v2.pth")
    x = pattern_input((2, 3, 32, 32))
    with torch.no_grad():
        y = tiny(torch.from_numpy(x))
    manifest["tiny_mobilenet_v2"] = {"kwargs": TINY, "input_shape": [2, 3, 32, 32],
                                     "output": y.numpy().astype(float).tolist()}
    data = json.dumps(manifest, separators=(",", ":")).encode()
    with gzip.GzipFile(OUT / "torchvision_models.json.gz", "wb", mtime=0) as f:
        f.write(data)
    print(f"{len(data)} bytes of JSON -> {OUT / 'torchvision_models.json.gz'}")


if __name__ == "__main__":
    main()

"""numtorchvision.models against torchvision 0.29 (tools/record_torchvision_manifests.py).

The manifest holds, per builder and variant, torchvision's ordered state_dict keys, shapes,
dtypes, parameter count and repr, and for a subset the eval-mode output after every
state_dict entry is set to a deterministic pattern. Structure is checked on models built with
random initialisation switched off (``fast_init``): building VGG-19 with real init takes
seconds, and keys, shapes and reprs do not depend on the values.
"""

import gzip
import json
import math
import pathlib
import warnings

import numpy as np
import pytest

import numtorch
from numtorch import nn
from numtorchvision import models
from numtorchvision.models import _api
from numtorchvision.models._utils import Conv2dNormActivation, _make_divisible

DATA = pathlib.Path(__file__).resolve().parent / "data"
MANIFEST = json.loads(gzip.decompress((DATA / "torchvision_models.json.gz").read_bytes()))
CASES = MANIFEST["models"]
VALUE_CASES = [name for name, e in CASES.items() if "output" in e]


@pytest.fixture
def fast_init(monkeypatch):
    """Random fills become no-ops while a model is built (structure-only tests)."""
    monkeypatch.setattr(numtorch.Tensor, "uniform_", lambda self, *a, **k: self)
    monkeypatch.setattr(numtorch.Tensor, "normal_", lambda self, *a, **k: self)


def build(name):
    entry = CASES[name]
    return getattr(models, entry["builder"])(**entry["kwargs"])


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
        out[name] = numtorch.from_numpy(a)
    return out


def pattern_input(shape):
    n = int(np.prod(shape))
    x = np.cos(0.11 * np.arange(n, dtype=np.float64)).astype(np.float32).reshape(shape)
    return numtorch.from_numpy(x)


def n_params(model):
    return sum(p.numel() for p in model.parameters())


# ---------------------------------------------------------------------------- structure

@pytest.mark.parametrize("builder,count", [("resnet18", 11_689_512), ("alexnet", 61_100_840),
                                           ("vgg11", 132_863_336), ("mobilenet_v2", 3_504_872)])
def test_published_parameter_counts(fast_init, builder, count):
    assert n_params(getattr(models, builder)()) == count


@pytest.mark.parametrize("name", list(CASES))
def test_structure_equals_torchvision(fast_init, name):
    entry = CASES[name]
    model = build(name)
    keys = [[k, list(v.shape), str(v.dtype)] for k, v in model.state_dict().items()]
    assert keys == entry["keys"]
    assert n_params(model) == entry["num_params"]
    assert repr(model) == entry["repr"]


def test_list_models_and_get_model(fast_init):
    recorded = MANIFEST["list_models_classification"]
    assert models.list_models() == recorded
    assert models.list_models(module=models) == recorded
    assert models.list_models(include="resnet*", exclude="*50*") == [
        "resnet101", "resnet152", "resnet18", "resnet34"]
    assert models.list_models(include=["vgg1?", "alex*"]) == [
        "alexnet", "vgg11", "vgg13", "vgg16", "vgg19"]
    net = models.get_model("ResNet18", weights=None, num_classes=3)
    assert isinstance(net, models.ResNet) and net.fc.out_features == 3
    assert models.get_model_builder("mobilenet_v2") is models.mobilenet_v2
    with pytest.raises(ValueError, match="Unknown model foo"):
        models.get_model("foo")


# ---------------------------------------------------------------------------- values

@pytest.mark.parametrize("name", VALUE_CASES)
def test_forward_equals_torchvision(fast_init, name):
    entry = CASES[name]
    model = build(name)
    model.load_state_dict(pattern_fill(model.state_dict()))
    model.eval()
    with numtorch.no_grad():
        y = model(pattern_input(entry["input_shape"]))
    ref = np.array(entry["output"], dtype=np.float32)
    assert y.dtype == numtorch.float32 and tuple(y.shape) == ref.shape
    np.testing.assert_allclose(y.numpy(), ref, rtol=1e-4, atol=1e-4 * np.abs(ref).max())


def test_real_torchvision_checkpoint_loads_and_matches():
    entry = MANIFEST["tiny_mobilenet_v2"]
    model = models.mobilenet_v2(**entry["kwargs"])
    sd = numtorch.load(DATA / "tv_tiny_mobilenet_v2.pth")
    result = model.load_state_dict(sd, strict=True)
    assert list(result.missing_keys) == [] and list(result.unexpected_keys) == []
    model.eval()
    with numtorch.no_grad():
        y = model(pattern_input(entry["input_shape"]))
    np.testing.assert_allclose(y.numpy(), np.array(entry["output"], dtype=np.float32),
                               rtol=1e-4, atol=1e-6)
    # and back: our state_dict round-trips through numtorch.save with identical tensors
    assert all(numtorch.equal(model.state_dict()[k], v) for k, v in sd.items())


@pytest.mark.parametrize("builder,size", [("resnet18", 64), ("mobilenet_v2", 32),
                                          ("resnext50_32x4d", 32)])
def test_forward_shapes_eval(builder, size):
    model = getattr(models, builder)(num_classes=7).eval()
    with numtorch.no_grad():
        y = model(numtorch.randn(2, 3, size, size))
    assert tuple(y.shape) == (2, 7) and y.dtype == numtorch.float32
    assert bool(numtorch.isfinite(y).all())


def test_train_step_reaches_every_parameter():
    numtorch.manual_seed(0)
    model = models.resnet18(num_classes=3)
    x, target = numtorch.randn(2, 3, 32, 32), numtorch.tensor([0, 2])
    loss = nn.functional.cross_entropy(model(x), target)
    loss.backward()
    assert all(p.grad is not None and p.grad.shape == p.shape for p in model.parameters())
    assert model.bn1.num_batches_tracked.item() == 1  # train mode updated the BN statistics
    mb = models.mobilenet_v2(num_classes=3, width_mult=0.35)
    nn.functional.cross_entropy(mb(x), target).backward()
    assert all(p.grad is not None for p in mb.parameters())


# ---------------------------------------------------------------------------- initialisation

def test_resnet_initialisation():
    numtorch.manual_seed(0)
    model = models.resnet18()
    w = model.layer3[0].conv2.weight  # 256 x 256 x 3 x 3: fan_out = 2304
    assert abs(w.std().item() - math.sqrt(2.0 / (256 * 9))) < 0.002
    assert abs(w.mean().item()) < 0.001
    assert all(bool((m.weight == 1).all()) and bool((m.bias == 0).all())
               for m in model.modules() if isinstance(m, nn.BatchNorm2d))
    bound = 1 / math.sqrt(512)  # fc keeps Linear's default init
    assert model.fc.weight.abs().max().item() <= bound
    zero = models.resnet50(zero_init_residual=True)
    assert all(bool((b.bn3.weight == 0).all()) for layer in (zero.layer1, zero.layer4)
               for b in layer)
    assert bool((zero.layer1[0].bn2.weight == 1).all())
    zero18 = models.resnet18(zero_init_residual=True)
    assert bool((zero18.layer2[1].bn2.weight == 0).all())


def test_mobilenet_initialisation():
    numtorch.manual_seed(0)
    model = models.mobilenet_v2()
    lin = model.classifier[1]
    assert abs(lin.weight.std().item() - 0.01) < 0.0005 and bool((lin.bias == 0).all())
    conv = model.features[18][0]  # 1x1, 320 -> 1280, fan_out = 1280, gain sqrt(2)
    assert abs(conv.weight.std().item() - math.sqrt(2.0 / 1280)) < 0.002
    assert isinstance(model.classifier[0], nn.Dropout) and model.classifier[0].p == 0.2


def test_vgg_initialisation_calls(monkeypatch, fast_init):
    calls = []
    monkeypatch.setattr(nn.init, "kaiming_normal_",
                        lambda t, **kw: calls.append(("kaiming", tuple(t.shape), kw)))
    monkeypatch.setattr(nn.init, "normal_",
                        lambda t, mean, std: calls.append(("normal", tuple(t.shape), mean, std)))
    model = models.vgg11_bn(num_classes=10)
    kaiming = [c for c in calls if c[0] == "kaiming"]
    assert len(kaiming) == 8
    assert all(c[2] == {"mode": "fan_out", "nonlinearity": "relu"} for c in kaiming)
    assert [c[1:] for c in calls if c[0] == "normal"] == [
        ((4096, 25088), 0, 0.01), ((4096, 4096), 0, 0.01), ((10, 4096), 0, 0.01)]
    assert all(bool((m.bias == 0).all()) for m in model.modules()
               if isinstance(m, (nn.Conv2d, nn.Linear)))
    calls.clear()
    models.vgg11(init_weights=False)
    assert calls == []


def test_constructor_options(fast_init):
    assert models.vgg16(dropout=0.3).classifier[2].p == 0.3
    assert models.alexnet(dropout=0.1).classifier[0].p == 0.1
    gn = models.resnet18(norm_layer=lambda c: nn.GroupNorm(2, c))
    assert isinstance(gn.layer1[0].bn1, nn.GroupNorm)
    assert models.resnet18(num_classes=10).fc.out_features == 10
    dil = models.resnet50(replace_stride_with_dilation=[False, True, True])
    assert dil.layer4[0].conv2.dilation == (2, 2) and dil.layer4[1].conv2.dilation == (4, 4)
    assert dil.layer4[0].conv2.stride == (1, 1) and dil.layer4[0].downsample[0].stride == (1, 1)
    wide = models.resnet50(width_per_group=128)
    assert wide.layer1[0].conv2.out_channels == 128
    mb = models.mobilenet_v2(width_mult=0.5, round_nearest=8, dropout=0.1)
    assert mb.features[0][0].out_channels == 16 and mb.last_channel == 1280
    assert mb.classifier[0].p == 0.1
    custom = models.MobileNetV2(inverted_residual_setting=[[1, 8, 1, 1], [2, 16, 1, 2]],
                                num_classes=3)
    assert len(custom.features) == 4 and custom.features[2].conv[-2].out_channels == 16
    block = models.mobilenetv2.InvertedResidual(16, 16, 1, expand_ratio=6)
    assert block.use_res_connect and len(block.conv) == 4


def test_make_divisible_and_conv_norm_activation():
    assert [_make_divisible(v, 8) for v in (32 * 0.35, 16 * 0.25, 1280, 96 * 0.75, 3)] == [
        16, 8, 1280, 72, 8]
    assert _make_divisible(10, 8) == 16  # 8 would lose more than 10 %
    block = Conv2dNormActivation(4, 6, kernel_size=3, stride=2, activation_layer=nn.ReLU6)
    assert repr(block) == (
        "Conv2dNormActivation(\n"
        "  (0): Conv2d(4, 6, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)\n"
        "  (1): BatchNorm2d(6, eps=1e-05, momentum=0.1, affine=True, bias=True, "
        "track_running_stats=True)\n"
        "  (2): ReLU6(inplace=True)\n)")
    bare = Conv2dNormActivation(4, 6, kernel_size=(1, 3), norm_layer=None, activation_layer=None)
    assert len(bare) == 1 and bare[0].bias is not None and bare[0].padding == (0, 1)
    assert bare.out_channels == 6


# ---------------------------------------------------------------------------- errors

def test_bad_arguments_raise_torchvision_errors(fast_init):
    with pytest.raises(ValueError, match="BasicBlock only supports groups=1 and base_width=64"):
        models.resnet18(groups=2)
    with pytest.raises(ValueError, match=r"3-element tuple, got \[True\]"):
        models.resnet50(replace_stride_with_dilation=[True])
    with pytest.raises(NotImplementedError, match="Dilation > 1 not supported in BasicBlock"):
        models.resnet18(replace_stride_with_dilation=[True, False, False])
    with pytest.raises(ValueError, match="stride should be 1 or 2 instead of 3"):
        models.mobilenetv2.InvertedResidual(4, 4, 3, 2)
    with pytest.raises(ValueError, match=r"non-empty or a 4-element list, got \[\[1, 2\]\]"):
        models.MobileNetV2(inverted_residual_setting=[[1, 2]])
    with pytest.raises(TypeError, match="unexpected keyword argument 'nope'"):
        models.resnet18(nope=3)
    with pytest.raises(TypeError, match="expected ResNet18_Weights but received VGG11_Weights"):
        models.resnet18(weights=models.VGG11_Weights.DEFAULT)
    with pytest.raises(KeyError, match="FOO"):
        models.resnet18(weights="FOO")
    with pytest.raises(ValueError, match="'num_classes' expected value 1000 but got 10"):
        models.resnet18(weights="DEFAULT", num_classes=10)
    with pytest.raises(ValueError, match="'groups' expected value 32 but got 8"):
        models.resnext50_32x4d(groups=8)
    with pytest.raises(TypeError, match="unexpected keyword argument 'pretrained'"):
        models.alexnet(weights=None, pretrained=True)


# ---------------------------------------------------------------------------- weights

def test_weights_enums_equal_torchvision():
    for builder, rec in MANIFEST["weights"].items():
        enum_cls = models.get_model_weights(builder)
        assert enum_cls.__name__ == rec["class"]
        assert enum_cls is getattr(models, rec["class"])
        assert [n for n in enum_cls.__members__ if n != "DEFAULT"] == list(rec["members"])
        assert enum_cls.DEFAULT is enum_cls[rec["default"]]
        for member_name, member in rec["members"].items():
            w = enum_cls[member_name]
            assert w.url == member["url"]
            categories = w.meta["categories"]
            assert (None if categories is None else len(categories)) == member["num_categories"]
            for key in ("num_params", "recipe", "_ops", "_file_size"):
                assert w.meta[key] == member["meta"][key], (builder, member_name, key)
            assert list(w.meta["min_size"]) == member["meta"]["min_size"]
            got = w.meta["_metrics"]["ImageNet-1K"]
            want = member["meta"]["_metrics"]["ImageNet-1K"]
            assert all(got[k] == want[k] or (math.isnan(got[k]) and want[k] is None
                                             or math.isnan(got[k]) and math.isnan(want[k]))
                       for k in want)
            kw = dict(w.transforms.keywords)
            kw = {k: list(v) if isinstance(v, tuple) else v for k, v in kw.items()}
            assert kw == member["transforms"]
    weights = models.ResNet50_Weights
    assert repr(weights.DEFAULT) == "ResNet50_Weights.IMAGENET1K_V2"
    assert models.get_weight("ResNet50_Weights.DEFAULT") is weights.IMAGENET1K_V2
    assert weights.DEFAULT.meta["categories"][:3] == ["tench", "goldfish", "great white shark"]
    assert models.get_model_weights(models.resnet50) is weights
    with pytest.raises(ValueError, match="Invalid weight name provided: 'nodot'"):
        models.get_weight("nodot")
    with pytest.raises(ValueError, match="weight enum 'FOO' for the specific method"):
        models.get_weight("FOO.BAR")
    with pytest.raises(KeyError):
        models.get_weight("ResNet18_Weights.BAR")


def test_legacy_pretrained_warnings(fast_init):
    rec = MANIFEST["warnings"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = models.alexnet(pretrained=False)
    assert [str(w.message) for w in caught] == rec["pretrained_false"]
    assert all(w.category is UserWarning for w in caught)
    assert isinstance(model, models.AlexNet)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        models.alexnet(False)
    assert [str(w.message) for w in caught] == rec["positional_false"]
    with pytest.warns(UserWarning, match="Using 'weights' and 'progress' as positional"):
        models.resnet18(None, False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the modern spelling warns about nothing
        models.resnet18(weights=None, progress=False)


def test_pretrained_true_fails_clearly_offline(tmp_path, monkeypatch):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    with pytest.warns(UserWarning) as record:
        with pytest.raises(RuntimeError) as info:
            models.resnet18(pretrained=True)
    messages = [str(w.message) for w in record]
    assert "`weights=ResNet18_Weights.IMAGENET1K_V1`" in messages[1]
    assert "You can also use `weights=ResNet18_Weights.DEFAULT`" in messages[1]
    text = str(info.value)
    assert "never downloads" in text and "resnet18-f37072fd.pth" in text
    assert "https://download.pytorch.org/models/resnet18-f37072fd.pth" in text
    assert str(tmp_path / "torch" / "hub" / "checkpoints") in text
    assert "load_state_dict(numtorch.load(path))" in text
    with pytest.raises(RuntimeError, match="mobilenet_v2-7ebf99e0.pth"):
        models.mobilenet_v2(weights="DEFAULT")


def test_cached_checkpoint_is_hash_checked_and_loaded(tmp_path, monkeypatch):
    monkeypatch.setenv("TORCH_HOME", str(tmp_path))
    ckpt = tmp_path / "hub" / "checkpoints"
    ckpt.mkdir(parents=True)
    (ckpt / "mobilenet_v2-b0353104.pth").write_bytes(b"not the real file")
    with pytest.raises(RuntimeError, match='invalid hash value \\(expected "b0353104"'):
        models.mobilenet_v2(weights=models.MobileNet_V2_Weights.IMAGENET1K_V1)
    # a file named after its own SHA-256 prefix passes the check and loads
    import hashlib
    blob = (DATA / "tv_tiny_mobilenet_v2.pth").read_bytes()
    name = f"tiny-{hashlib.sha256(blob).hexdigest()[:8]}.pth"
    (ckpt / name).write_bytes(blob)
    sd = _api.load_state_dict_from_url("https://example.invalid/models/" + name, check_hash=True)
    model = models.mobilenet_v2(**MANIFEST["tiny_mobilenet_v2"]["kwargs"])
    model.load_state_dict(sd)
    assert numtorch.equal(model.classifier[1].weight, sd["classifier.1.weight"])


def test_weights_preset_transform():
    pytest.importorskip("PIL")
    from PIL import Image
    rec = MANIFEST["preset"]
    preset = models.ResNet50_Weights.DEFAULT.transforms()
    assert repr(preset) == rec["repr"]
    assert repr(models.ResNet18_Weights.DEFAULT.transforms()) == rec["repr_v1"]
    height, width = 260, 300
    yy, xx = np.mgrid[0:height, 0:width]
    b = ((np.sin(xx * 0.05) * np.cos(yy * 0.07) + 1) * 127.5).astype(np.int64)
    arr = np.stack([xx * 255 // (width - 1), yy * 255 // (height - 1), b], -1).astype(np.uint8)
    y = preset(Image.fromarray(arr, "RGB"))
    assert list(y.shape) == rec["shape"] and y.dtype == numtorch.float32
    np.testing.assert_allclose(y.numpy().mean(axis=(1, 2)), rec["channel_mean"], atol=2e-3)
    np.testing.assert_allclose(y.numpy()[:, ::16, ::16], rec["subsample"], atol=0.05)

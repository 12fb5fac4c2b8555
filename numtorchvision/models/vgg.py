"""VGG 11/13/16/19 (Simonyan & Zisserman, 2014), with and without batch norm."""

import functools

import numtorch
from numtorch import nn

from ._api import _RECIPE, WeightsEnum, _imagenet, _load_weights, builder

__all__ = [
    "VGG", "VGG11_Weights", "VGG11_BN_Weights", "VGG13_Weights", "VGG13_BN_Weights",
    "VGG16_Weights", "VGG16_BN_Weights", "VGG19_Weights", "VGG19_BN_Weights",
    "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn",
]


class VGG(nn.Module):
    """A VGG classifier around a given ``features`` stack (see :func:`make_layers`).

    ``features`` maps (N, 3, H, W) to (N, 512, h, w); ``avgpool`` adapts to 7x7; the
    classifier is Linear(25088, 4096) - ReLU - Dropout - Linear(4096, 4096) - ReLU - Dropout -
    Linear(4096, num_classes).

    Args:
        features (nn.Module): the convolutional part.
        num_classes (int): size of the output. Default 1000.
        init_weights (bool): torchvision's initialisation: convs kaiming-normal (fan_out, relu)
            with zero bias, batch norms weight 1 bias 0, linears N(0, 0.01) with zero bias.
        dropout (float): classifier dropout probability. Default 0.5.
    """

    def __init__(self, features, num_classes=1000, init_weights=True, dropout=0.5):
        super().__init__()
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))
        self.classifier = nn.Sequential(
            nn.Linear(512 * 7 * 7, 4096),
            nn.ReLU(True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, num_classes),
        )
        if init_weights:
            for m in self.modules():
                if isinstance(m, nn.Conv2d):
                    nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                    if m.bias is not None:
                        nn.init.constant_(m.bias, 0)
                elif isinstance(m, nn.BatchNorm2d):
                    nn.init.constant_(m.weight, 1)
                    nn.init.constant_(m.bias, 0)
                elif isinstance(m, nn.Linear):
                    nn.init.normal_(m.weight, 0, 0.01)
                    nn.init.constant_(m.bias, 0)

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = numtorch.flatten(x, 1)
        return self.classifier(x)


def make_layers(cfg, batch_norm=False):
    """The feature stack of a configuration: an int is a 3x3 conv (padding 1) with that many
    output channels, followed by BatchNorm2d when ``batch_norm`` and a ReLU; ``"M"`` is a
    2x2 max pool of stride 2."""
    layers = []
    in_channels = 3
    for v in cfg:
        if v == "M":
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
        else:
            layers.append(nn.Conv2d(in_channels, v, kernel_size=3, padding=1))
            if batch_norm:
                layers.append(nn.BatchNorm2d(v))
            layers.append(nn.ReLU(inplace=True))
            in_channels = v
    return nn.Sequential(*layers)


cfgs = {
    "A": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "B": [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "D": [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"],
    "E": [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M",
          512, 512, 512, 512, "M"],
}


def _vgg(cfg, batch_norm, weights, progress, kwargs):
    if weights is not None:
        kwargs["init_weights"] = False  # the checkpoint overwrites every parameter anyway
    build = functools.partial(_build_vgg, cfg, batch_norm)
    return _load_weights(build, weights, progress, kwargs)


def _build_vgg(cfg, batch_norm, **kwargs):
    return VGG(make_layers(cfgs[cfg], batch_norm=batch_norm), **kwargs)


_vgg_weights = functools.partial(
    _imagenet, recipe=_RECIPE + "alexnet-and-vgg", min_size=(32, 32),
    docs="These weights were trained from scratch by using a simplified training recipe.")


class VGG11_Weights(WeightsEnum):
    IMAGENET1K_V1 = _vgg_weights("vgg11-8a719046.pth", 132863336, 69.02, 88.628, 7.609, 506.84)
    DEFAULT = IMAGENET1K_V1


class VGG11_BN_Weights(WeightsEnum):
    IMAGENET1K_V1 = _vgg_weights("vgg11_bn-6002323d.pth", 132868840, 70.37, 89.81, 7.609, 506.881)
    DEFAULT = IMAGENET1K_V1


class VGG13_Weights(WeightsEnum):
    IMAGENET1K_V1 = _vgg_weights("vgg13-19584684.pth", 133047848, 69.928, 89.246, 11.308, 507.545)
    DEFAULT = IMAGENET1K_V1


class VGG13_BN_Weights(WeightsEnum):
    IMAGENET1K_V1 = _vgg_weights("vgg13_bn-abd245e5.pth", 133053736, 71.586, 90.374, 11.308,
                                 507.59)
    DEFAULT = IMAGENET1K_V1


class VGG16_Weights(WeightsEnum):
    IMAGENET1K_V1 = _vgg_weights("vgg16-397923af.pth", 138357544, 71.592, 90.382, 15.47, 527.796)
    # Only `features` holds trained values (SSD's backbone); inputs standardised the Caffe way.
    IMAGENET1K_FEATURES = _vgg_weights(
        "vgg16_features-amdegroot-88682ab5.pth", 138357544, float("nan"), float("nan"), 15.47,
        527.802, recipe="https://github.com/amdegroot/ssd.pytorch#training-ssd",
        categories=None, mean=(0.48235, 0.45882, 0.40784),
        std=(1.0 / 255.0, 1.0 / 255.0, 1.0 / 255.0),
        docs="These weights can't be used for classification because they are missing values "
             "in the `classifier` module. Only the `features` module has valid values and can "
             "be used for feature extraction.")
    DEFAULT = IMAGENET1K_V1


class VGG16_BN_Weights(WeightsEnum):
    IMAGENET1K_V1 = _vgg_weights("vgg16_bn-6c64b313.pth", 138365992, 73.36, 91.516, 15.47,
                                 527.866)
    DEFAULT = IMAGENET1K_V1


class VGG19_Weights(WeightsEnum):
    IMAGENET1K_V1 = _vgg_weights("vgg19-dcbb9e9d.pth", 143667240, 72.376, 90.876, 19.632, 548.051)
    DEFAULT = IMAGENET1K_V1


class VGG19_BN_Weights(WeightsEnum):
    IMAGENET1K_V1 = _vgg_weights("vgg19_bn-c79401a0.pth", 143678248, 74.218, 91.842, 19.632,
                                 548.143)
    DEFAULT = IMAGENET1K_V1


def _doc(fn, depth, bn):
    fn.__doc__ = (
        f"VGG-{depth}{' with batch norm' if bn else ''} from \"Very Deep Convolutional Networks "
        "for Large-Scale Image Recognition\".\n\n"
        "    Args:\n"
        "        weights (optional): a member of the weights enum or its name; loaded from "
        "torch's\n            hub cache when the checkpoint is there (never downloaded).\n"
        "        progress (bool): kept for torchvision compatibility.\n"
        "        **kwargs: passed to :class:`VGG` (``num_classes``, ``init_weights``, "
        "``dropout``).\n")
    return fn


@builder(VGG11_Weights)
def vgg11(*, weights=None, progress=True, **kwargs):
    return _vgg("A", False, VGG11_Weights.verify(weights), progress, kwargs)


@builder(VGG11_BN_Weights)
def vgg11_bn(*, weights=None, progress=True, **kwargs):
    return _vgg("A", True, VGG11_BN_Weights.verify(weights), progress, kwargs)


@builder(VGG13_Weights)
def vgg13(*, weights=None, progress=True, **kwargs):
    return _vgg("B", False, VGG13_Weights.verify(weights), progress, kwargs)


@builder(VGG13_BN_Weights)
def vgg13_bn(*, weights=None, progress=True, **kwargs):
    return _vgg("B", True, VGG13_BN_Weights.verify(weights), progress, kwargs)


@builder(VGG16_Weights)
def vgg16(*, weights=None, progress=True, **kwargs):
    return _vgg("D", False, VGG16_Weights.verify(weights), progress, kwargs)


@builder(VGG16_BN_Weights)
def vgg16_bn(*, weights=None, progress=True, **kwargs):
    return _vgg("D", True, VGG16_BN_Weights.verify(weights), progress, kwargs)


@builder(VGG19_Weights)
def vgg19(*, weights=None, progress=True, **kwargs):
    return _vgg("E", False, VGG19_Weights.verify(weights), progress, kwargs)


@builder(VGG19_BN_Weights)
def vgg19_bn(*, weights=None, progress=True, **kwargs):
    return _vgg("E", True, VGG19_BN_Weights.verify(weights), progress, kwargs)


for _fn, _depth in [(vgg11, 11), (vgg11_bn, 11), (vgg13, 13), (vgg13_bn, 13), (vgg16, 16),
                    (vgg16_bn, 16), (vgg19, 19), (vgg19_bn, 19)]:
    _doc(_fn, _depth, _fn.__name__.endswith("_bn"))
del _fn, _depth

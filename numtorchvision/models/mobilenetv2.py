"""MobileNetV2 (Sandler et al., 2018): inverted residuals with linear bottlenecks."""

import numtorch
from numtorch import nn

from ._api import WeightsEnum, _imagenet, _load_weights, builder
from ._utils import Conv2dNormActivation, _make_divisible

__all__ = ["MobileNetV2", "InvertedResidual", "MobileNet_V2_Weights", "mobilenet_v2"]


class InvertedResidual(nn.Module):
    """Expand (1x1, unless ``expand_ratio`` is 1) - depthwise 3x3 (stride) - project (1x1, linear).

    ``conv`` is that Sequential; the input is added back when the stride is 1 and the channel
    count is unchanged (``use_res_connect``).
    """

    def __init__(self, inp, oup, stride, expand_ratio, norm_layer=None):
        super().__init__()
        self.stride = stride
        if stride not in [1, 2]:
            raise ValueError(f"stride should be 1 or 2 instead of {stride}")
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        hidden_dim = int(round(inp * expand_ratio))
        self.use_res_connect = self.stride == 1 and inp == oup

        layers = []
        if expand_ratio != 1:
            layers.append(Conv2dNormActivation(inp, hidden_dim, kernel_size=1,
                                               norm_layer=norm_layer, activation_layer=nn.ReLU6))
        layers.extend([
            Conv2dNormActivation(hidden_dim, hidden_dim, stride=stride, groups=hidden_dim,
                                 norm_layer=norm_layer, activation_layer=nn.ReLU6),
            nn.Conv2d(hidden_dim, oup, 1, 1, 0, bias=False),  # linear bottleneck: no activation
            norm_layer(oup),
        ])
        self.conv = nn.Sequential(*layers)
        self.out_channels = oup
        self._is_cn = stride > 1

    def forward(self, x):
        if self.use_res_connect:
            return x + self.conv(x)
        return self.conv(x)


class MobileNetV2(nn.Module):
    """``features`` (a stem conv, the inverted-residual stages, a 1x1 conv to
    ``last_channel``), global average pooling, then ``classifier`` (Dropout, Linear).

    (N, 3, H, W) -> (N, num_classes); the output stride is 32.

    Args:
        num_classes (int): size of the output. Default 1000.
        width_mult (float): channel multiplier, each width rounded by :func:`_make_divisible`
            to a multiple of ``round_nearest`` (``last_channel`` only grows, never shrinks).
        inverted_residual_setting (list of [t, c, n, s]): expansion, channels, repeats, stride
            of each stage. Default: the paper's seven stages.
        round_nearest (int): channel rounding. Default 8.
        block: the residual block class. Default :class:`InvertedResidual`.
        norm_layer: callable ``norm_layer(channels)``. Default ``nn.BatchNorm2d``.
        dropout (float): classifier dropout probability. Default 0.2.
    """

    def __init__(self, num_classes=1000, width_mult=1.0, inverted_residual_setting=None,
                 round_nearest=8, block=None, norm_layer=None, dropout=0.2):
        super().__init__()
        if block is None:
            block = InvertedResidual
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        input_channel = 32
        last_channel = 1280
        if inverted_residual_setting is None:
            inverted_residual_setting = [
                # t, c, n, s
                [1, 16, 1, 1],
                [6, 24, 2, 2],
                [6, 32, 3, 2],
                [6, 64, 4, 2],
                [6, 96, 3, 1],
                [6, 160, 3, 2],
                [6, 320, 1, 1],
            ]
        if len(inverted_residual_setting) == 0 or len(inverted_residual_setting[0]) != 4:
            raise ValueError("inverted_residual_setting should be non-empty or a 4-element list, "
                             f"got {inverted_residual_setting}")

        input_channel = _make_divisible(input_channel * width_mult, round_nearest)
        self.last_channel = _make_divisible(last_channel * max(1.0, width_mult), round_nearest)
        features = [Conv2dNormActivation(3, input_channel, stride=2, norm_layer=norm_layer,
                                         activation_layer=nn.ReLU6)]
        for t, c, n, s in inverted_residual_setting:
            output_channel = _make_divisible(c * width_mult, round_nearest)
            for i in range(n):
                stride = s if i == 0 else 1
                features.append(block(input_channel, output_channel, stride, expand_ratio=t,
                                      norm_layer=norm_layer))
                input_channel = output_channel
        features.append(Conv2dNormActivation(input_channel, self.last_channel, kernel_size=1,
                                             norm_layer=norm_layer, activation_layer=nn.ReLU6))
        self.features = nn.Sequential(*features)
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(self.last_channel, num_classes),
        )

        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0, 0.01)
                nn.init.zeros_(m.bias)

    def _forward_impl(self, x):
        x = self.features(x)
        x = nn.functional.adaptive_avg_pool2d(x, (1, 1))
        x = numtorch.flatten(x, 1)
        return self.classifier(x)

    def forward(self, x):
        return self._forward_impl(x)


class MobileNet_V2_Weights(WeightsEnum):
    IMAGENET1K_V1 = _imagenet(
        "mobilenet_v2-b0353104.pth", 3504872, 71.878, 90.286, 0.301, 13.555,
        "https://github.com/pytorch/vision/tree/main/references/classification#mobilenetv2",
        docs="These weights reproduce closely the results of the paper using a simple training "
             "recipe.")
    IMAGENET1K_V2 = _imagenet(
        "mobilenet_v2-7ebf99e0.pth", 3504872, 72.154, 90.822, 0.301, 13.598,
        "https://github.com/pytorch/vision/issues/3995#new-recipe-with-reg-tuning",
        resize_size=232,
        docs="These weights improve upon the results of the original paper by using a modified "
             "version of TorchVision's new training recipe.")
    DEFAULT = IMAGENET1K_V2


@builder(MobileNet_V2_Weights)
def mobilenet_v2(*, weights=None, progress=True, **kwargs):
    """MobileNetV2 from "MobileNetV2: Inverted Residuals and Linear Bottlenecks".

    Args:
        weights (MobileNet_V2_Weights or str, optional): pretrained weights, loaded from
            torch's hub cache when the checkpoint is there (never downloaded). Default ``None``.
        progress (bool): kept for torchvision compatibility.
        **kwargs: passed to :class:`MobileNetV2` (``num_classes``, ``width_mult``,
            ``round_nearest``, ``dropout``, ...).
    """
    weights = MobileNet_V2_Weights.verify(weights)
    return _load_weights(MobileNetV2, weights, progress, kwargs)

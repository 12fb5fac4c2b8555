"""Building blocks shared by the model files: channel rounding and conv-norm-activation stacks."""

from numtorch import nn

__all__ = ["Conv2dNormActivation", "_make_divisible", "_ovewrite_named_param"]


def _make_divisible(v, divisor, min_value=None):
    """Round ``v`` to the nearest multiple of ``divisor`` (at least ``min_value``).

    MobileNet's channel rule: never go below ``min_value`` (default ``divisor``) and never
    round down by more than 10 %, e.g. ``_make_divisible(32 * 0.35, 8) == 16``.
    """
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:  # rounding down lost more than 10 %: go one step up
        new_v += divisor
    return new_v


def _ovewrite_named_param(kwargs, param, new_value):
    """Set ``kwargs[param]`` to what the weights require; a conflicting user value is an error.

    (The misspelling is torchvision's own name for this helper.)
    """
    if param in kwargs:
        if kwargs[param] != new_value:
            raise ValueError(
                f"The parameter '{param}' expected value {new_value} but got {kwargs[param]} "
                "instead."
            )
    else:
        kwargs[param] = new_value


class Conv2dNormActivation(nn.Sequential):
    """``Conv2d -> norm_layer -> activation_layer`` as one Sequential (torchvision.ops.misc).

    The children are named ``0``, ``1``, ``2`` (the norm or the activation is left out when
    its layer is ``None``), so state_dict keys read ``<name>.0.weight``, ``<name>.1.running_mean``.

    Args:
        in_channels, out_channels (int): channels of the input and of the output.
        kernel_size (int or tuple): default 3. stride: default 1.
        padding: default ``(kernel_size - 1) // 2 * dilation`` ("same" for odd kernels at stride 1).
        groups (int): conv groups. dilation: conv dilation.
        norm_layer: a callable ``norm_layer(out_channels)``; default ``nn.BatchNorm2d``.
        activation_layer: a callable ``activation_layer(inplace=inplace)``; default ``nn.ReLU``.
        inplace (bool or None): passed to the activation (``None``: not passed).
        bias (bool or None): conv bias; default ``True`` only when there is no norm layer.
        conv_layer: default ``nn.Conv2d``.
    """

    def __init__(self, in_channels, out_channels, kernel_size=3, stride=1, padding=None, groups=1,
                 norm_layer=nn.BatchNorm2d, activation_layer=nn.ReLU, dilation=1, inplace=True,
                 bias=None, conv_layer=nn.Conv2d):
        if padding is None:
            if isinstance(kernel_size, int) and isinstance(dilation, int):
                padding = (kernel_size - 1) // 2 * dilation
            else:
                n = len(kernel_size) if isinstance(kernel_size, (tuple, list)) else len(dilation)
                ks = _ntuple(kernel_size, n)
                dil = _ntuple(dilation, n)
                padding = tuple((ks[i] - 1) // 2 * dil[i] for i in range(n))
        if bias is None:
            bias = norm_layer is None  # a norm layer's shift makes the conv bias redundant
        layers = [conv_layer(in_channels, out_channels, kernel_size, stride, padding,
                             dilation=dilation, groups=groups, bias=bias)]
        if norm_layer is not None:
            layers.append(norm_layer(out_channels))
        if activation_layer is not None:
            params = {} if inplace is None else {"inplace": inplace}
            layers.append(activation_layer(**params))
        super().__init__(*layers)
        self.out_channels = out_channels


def _ntuple(x, n):
    return tuple(x) if isinstance(x, (tuple, list)) else (x,) * n

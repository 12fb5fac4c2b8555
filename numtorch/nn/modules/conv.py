"""Convolution layers: Conv1d/2d/3d and ConvTranspose1d/2d/3d.

Each layer holds ``weight`` (and ``bias``) and makes one ``F`` call. A padding_mode other
than 'zeros' pads with ``F.pad`` first and convolves without padding, as torch does.
"""

import math

import numtorch

from .. import functional as F
from .. import init
from ..parameter import Parameter
from .module import Module
from ..parameter import UninitializedParameter
from .lazy import LazyModuleMixin

__all__ = ["Conv1d", "Conv2d", "Conv3d", "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d",
           "LazyConv1d", "LazyConv2d", "LazyConv3d", "LazyConvTranspose1d", "LazyConvTranspose2d",
           "LazyConvTranspose3d"]


def _ntuple(n):
    """An int -> n copies; anything iterable -> a tuple of it (torch's _single/_pair/...)."""

    def parse(x):
        if isinstance(x, (list, tuple, str)) or hasattr(x, "__iter__"):
            return tuple(x)
        return (x,) * n

    return parse


_single, _pair, _triple = _ntuple(1), _ntuple(2), _ntuple(3)


class _ConvNd(Module):
    """Shared state of the convolution layers: channels, geometry, weight and bias.
    ``_conv`` is the subclass's F function (conv2d, conv_transpose2d, ...)."""

    _conv = None

    def __init__(self, in_channels, out_channels, kernel_size, stride, padding, dilation,
                 transposed, output_padding, groups, bias, padding_mode, device=None,
                 dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        super().__init__()
        if groups <= 0:
            raise ValueError("groups must be a positive integer")
        if in_channels % groups != 0:
            raise ValueError("in_channels must be divisible by groups")
        if out_channels % groups != 0:
            raise ValueError("out_channels must be divisible by groups")
        valid_padding_strings = {"same", "valid"}
        if isinstance(padding, str):
            if padding not in valid_padding_strings:
                raise ValueError(f"Invalid padding string {padding!r}, should be one of "
                                 f"{valid_padding_strings}")
            if padding == "same" and any(s != 1 for s in stride):
                raise ValueError("padding='same' is not supported for strided convolutions")
        valid_padding_modes = {"zeros", "reflect", "replicate", "circular"}
        if padding_mode not in valid_padding_modes:
            raise ValueError(f"padding_mode must be one of {valid_padding_modes}, but got "
                             f"padding_mode='{padding_mode}'")
        self.in_channels = in_channels
        self.out_channels = out_channels
        self.kernel_size = kernel_size
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.transposed = transposed
        self.output_padding = output_padding
        self.groups = groups
        self.padding_mode = padding_mode
        # F.pad's argument for a non-zero padding_mode: last dim first, (left, right) each
        if isinstance(self.padding, str):
            pads = [0, 0] * len(kernel_size)
            if padding == "same":
                for d, k, i in zip(dilation, kernel_size, range(len(kernel_size) - 1, -1, -1)):
                    total = d * (k - 1)
                    pads[2 * i] = total // 2
                    pads[2 * i + 1] = total - total // 2
            self._reversed_padding_repeated_twice = pads
        else:
            self._reversed_padding_repeated_twice = tuple(
                p for p in reversed(self.padding) for _ in range(2))
        if transposed:
            shape = (in_channels, out_channels // groups, *kernel_size)
        else:
            shape = (out_channels, in_channels // groups, *kernel_size)
        self.weight = Parameter(numtorch.empty(shape, **factory_kwargs))
        if bias:
            self.bias = Parameter(numtorch.empty(out_channels, **factory_kwargs))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        # kaiming_uniform_ with a=sqrt(5) gives U(-1/sqrt(fan_in), 1/sqrt(fan_in)), as does
        # the bias
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            if fan_in != 0:
                bound = 1 / math.sqrt(fan_in)
                init.uniform_(self.bias, -bound, bound)

    def _conv_forward(self, input, weight, bias):
        conv = type(self)._conv
        if self.padding_mode != "zeros":
            padded = F.pad(input, self._reversed_padding_repeated_twice, mode=self.padding_mode)
            return conv(padded, weight, bias, self.stride, (0,) * len(self.kernel_size),
                        self.dilation, self.groups)
        return conv(input, weight, bias, self.stride, self.padding, self.dilation, self.groups)

    def forward(self, input):
        return self._conv_forward(input, self.weight, self.bias)

    def extra_repr(self):
        s = (f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
             f"stride={self.stride}")
        if self.padding != (0,) * len(self.padding):
            s += f", padding={self.padding}"
        if self.dilation != (1,) * len(self.dilation):
            s += f", dilation={self.dilation}"
        if self.output_padding != (0,) * len(self.output_padding):
            s += f", output_padding={self.output_padding}"
        if self.groups != 1:
            s += f", groups={self.groups}"
        if self.bias is None:
            s += ", bias=False"
        if self.padding_mode != "zeros":
            s += f", padding_mode={self.padding_mode}"
        return s


class Conv1d(_ConvNd):
    """1-d convolution (cross-correlation) over (N, C_in, L) or (C_in, L) inputs.

    Args: in_channels, out_channels, kernel_size, stride=1, padding=0 (int, tuple, 'valid'
    or 'same'), dilation=1, groups=1, bias=True, padding_mode='zeros' ('reflect',
    'replicate', 'circular').

    Shape: (N, C_in, L_in) -> (N, C_out, L_out),
    L_out = (L_in + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1.

    >>> nn.Conv1d(16, 33, 3, stride=2)(torch.randn(20, 16, 50)).shape
    torch.Size([20, 33, 24])
    """

    _conv = staticmethod(F.conv1d)

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 dilation=1, groups=1, bias=True, padding_mode="zeros", device=None,
                 dtype=None):
        kernel_size = _single(kernel_size)
        stride = _single(stride)
        padding = padding if isinstance(padding, str) else _single(padding)
        dilation = _single(dilation)
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation,
                         False, _single(0), groups, bias, padding_mode, device, dtype)


class Conv2d(_ConvNd):
    """2-d convolution (cross-correlation) over (N, C_in, H, W) or (C_in, H, W) inputs.

    Args: in_channels, out_channels, kernel_size, stride=1, padding=0 (int, tuple, 'valid'
    or 'same'), dilation=1, groups=1, bias=True, padding_mode='zeros' ('reflect',
    'replicate', 'circular').

    Shape: (N, C_in, H, W) -> (N, C_out, H_out, W_out), each
    out = (in + 2 * padding - dilation * (kernel_size - 1) - 1) // stride + 1.

    Attributes: weight (C_out, C_in / groups, kH, kW) and bias (C_out), both
    U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = C_in / groups * kH * kW.

    >>> nn.Conv2d(16, 33, 3, stride=2)(torch.randn(20, 16, 50, 100)).shape
    torch.Size([20, 33, 24, 49])
    """

    _conv = staticmethod(F.conv2d)

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 dilation=1, groups=1, bias=True, padding_mode="zeros", device=None,
                 dtype=None):
        kernel_size = _pair(kernel_size)
        stride = _pair(stride)
        padding = padding if isinstance(padding, str) else _pair(padding)
        dilation = _pair(dilation)
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation,
                         False, _pair(0), groups, bias, padding_mode, device, dtype)


class Conv3d(_ConvNd):
    """3-d convolution (cross-correlation) over (N, C_in, D, H, W) or (C_in, D, H, W).

    Args and shapes as Conv2d with a third spatial dim.

    >>> nn.Conv3d(16, 33, 3, stride=2)(torch.randn(20, 16, 10, 50, 100)).shape
    torch.Size([20, 33, 4, 24, 49])
    """

    _conv = staticmethod(F.conv3d)

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 dilation=1, groups=1, bias=True, padding_mode="zeros", device=None,
                 dtype=None):
        kernel_size = _triple(kernel_size)
        stride = _triple(stride)
        padding = padding if isinstance(padding, str) else _triple(padding)
        dilation = _triple(dilation)
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation,
                         False, _triple(0), groups, bias, padding_mode, device, dtype)


class _ConvTransposeNd(_ConvNd):
    """Shared by the transposed convolutions: only 'zeros' padding, and ``output_size``."""

    _nd = 0
    _conv = None
    _parse = None

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 output_padding=0, groups=1, bias=True, dilation=1, padding_mode="zeros",
                 device=None, dtype=None):
        if padding_mode != "zeros":
            raise ValueError(f'Only "zeros" padding mode is supported for {type(self).__name__}')
        parse = type(self)._parse
        super().__init__(in_channels, out_channels, parse(kernel_size), parse(stride),
                         parse(padding), parse(dilation), True, parse(output_padding), groups,
                         bias, padding_mode, device, dtype)

    def _output_padding(self, input, output_size, stride, padding, kernel_size,
                        num_spatial_dims, dilation=None):
        """The output_padding giving ``output_size`` (spatial, or with batch/channel dims)."""
        if output_size is None:
            return _single(self.output_padding)
        has_batch_dim = input.dim() == num_spatial_dims + 2
        num_non_spatial = 2 if has_batch_dim else 1
        if len(output_size) == num_non_spatial + num_spatial_dims:
            output_size = output_size[num_non_spatial:]
        if len(output_size) != num_spatial_dims:
            raise ValueError(f"ConvTranspose{num_spatial_dims}D: for {input.dim()}D input, "
                             f"output_size must have {num_spatial_dims} or "
                             f"{num_non_spatial + num_spatial_dims} elements (got "
                             f"{len(output_size)})")
        min_sizes, max_sizes = [], []
        for d in range(num_spatial_dims):
            size = ((input.size(d + num_non_spatial) - 1) * stride[d] - 2 * padding[d]
                    + (dilation[d] if dilation is not None else 1) * (kernel_size[d] - 1) + 1)
            min_sizes.append(size)
            max_sizes.append(size + stride[d] - 1)
        for d in range(num_spatial_dims):
            if not min_sizes[d] <= output_size[d] <= max_sizes[d]:
                raise ValueError(f"requested an output size of {output_size}, but valid sizes "
                                 f"range from {min_sizes} to {max_sizes} (for an input of "
                                 f"{input.size()[2:]})")
        return tuple(output_size[d] - min_sizes[d] for d in range(num_spatial_dims))

    def forward(self, input, output_size=None):
        nd = type(self)._nd
        output_padding = self._output_padding(input, output_size, self.stride, self.padding,
                                              self.kernel_size, nd, self.dilation)
        return type(self)._conv(input, self.weight, self.bias, self.stride, self.padding,
                                output_padding, self.groups, self.dilation)


class ConvTranspose1d(_ConvTransposeNd):
    """1-d transposed convolution (the gradient of Conv1d with respect to its input).

    Shape: (N, C_in, L_in) -> (N, C_out, L_out), L_out = (L_in - 1) * stride
    - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1.

    >>> nn.ConvTranspose1d(16, 33, 3, stride=2)(torch.randn(20, 16, 50)).shape
    torch.Size([20, 33, 101])
    """

    _nd = 1
    _conv = staticmethod(F.conv_transpose1d)
    _parse = staticmethod(_single)


class ConvTranspose2d(_ConvTransposeNd):
    """2-d transposed convolution ("deconvolution"): the gradient of Conv2d with respect to
    its input. ``forward(input, output_size=None)``: ``output_size`` picks among the sizes
    a strided convolution maps to the same input size.

    Shape: (N, C_in, H, W) -> (N, C_out, H_out, W_out), each out = (in - 1) * stride
    - 2 * padding + dilation * (kernel_size - 1) + output_padding + 1.

    Attributes: weight (C_in, C_out / groups, kH, kW), bias (C_out).

    >>> nn.ConvTranspose2d(16, 33, 3, stride=2)(torch.randn(20, 16, 50, 100)).shape
    torch.Size([20, 33, 101, 201])
    """

    _nd = 2
    _conv = staticmethod(F.conv_transpose2d)
    _parse = staticmethod(_pair)


class ConvTranspose3d(_ConvTransposeNd):
    """3-d transposed convolution; shapes as ConvTranspose2d with a third spatial dim.

    >>> nn.ConvTranspose3d(16, 33, 3, stride=2)(torch.randn(2, 16, 5, 6, 7)).shape
    torch.Size([2, 33, 11, 13, 15])
    """

    _nd = 3
    _conv = staticmethod(F.conv_transpose3d)
    _parse = staticmethod(_triple)


class _LazyConvXdMixin(LazyModuleMixin):
    """in_channels inference and materialisation shared by the lazy convolutions."""

    def _make_lazy(self, out_channels, bias, factory_kwargs):
        """After the target class's __init__ (built with 0 channels and no bias): the
        parameters become placeholders, materialised by the first forward."""
        self.weight = UninitializedParameter(**factory_kwargs)
        self.out_channels = out_channels
        if bias:
            self.bias = UninitializedParameter(**factory_kwargs)

    def reset_parameters(self):
        if not self.has_uninitialized_params() and self.in_channels != 0:
            super().reset_parameters()

    def initialize_parameters(self, input, *args, **kwargs):
        """Infer ``in_channels`` from ``input`` and initialise weight and bias."""
        if self.has_uninitialized_params():
            self.in_channels = self._get_in_channels(input)
            if self.in_channels % self.groups != 0:
                raise ValueError("in_channels must be divisible by groups")
            if not isinstance(self.weight, UninitializedParameter):
                raise AssertionError("self.weight must be an UninitializedParameter")
            if self.transposed:
                self.weight.materialize(
                    (self.in_channels, self.out_channels // self.groups, *self.kernel_size))
            else:
                self.weight.materialize(
                    (self.out_channels, self.in_channels // self.groups, *self.kernel_size))
            if self.bias is not None:
                if not isinstance(self.bias, UninitializedParameter):
                    raise AssertionError("self.bias must be an UninitializedParameter")
                self.bias.materialize((self.out_channels,))
            self.reset_parameters()

    def _get_in_channels(self, input):
        num_spatial_dims = self._get_num_spatial_dims()
        num_dims_no_batch = num_spatial_dims + 1  # +1 for the channels dim
        num_dims_batch = num_dims_no_batch + 1
        if input.dim() not in (num_dims_no_batch, num_dims_batch):
            raise RuntimeError(
                f"Expected {num_dims_no_batch}D (unbatched) or {num_dims_batch}D (batched) "
                f"input to {self.__class__.__name__}, but got input of size: {input.shape}")
        return input.shape[1] if input.dim() == num_dims_batch else input.shape[0]

    def _get_num_spatial_dims(self):
        raise NotImplementedError


class LazyConv1d(_LazyConvXdMixin, Conv1d):
    """A Conv1d whose ``in_channels`` is inferred from the first input (``input.size(1)``,
    or ``size(0)`` unbatched); it becomes a Conv1d on the first forward."""

    cls_to_become = Conv1d

    def __init__(self, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
                 bias=True, padding_mode="zeros", device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        # bias=False: no tensor is made that would at once be replaced
        super().__init__(0, 0, kernel_size, stride, padding, dilation, groups, False, padding_mode,
                         **factory_kwargs)
        self._make_lazy(out_channels, bias, factory_kwargs)

    def _get_num_spatial_dims(self):
        return 1


class LazyConv2d(_LazyConvXdMixin, Conv2d):
    """A Conv2d whose ``in_channels`` is inferred from the first input (``input.size(1)``,
    or ``size(0)`` unbatched); it becomes a Conv2d on the first forward."""

    cls_to_become = Conv2d

    def __init__(self, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
                 bias=True, padding_mode="zeros", device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        # bias=False: no tensor is made that would at once be replaced
        super().__init__(0, 0, kernel_size, stride, padding, dilation, groups, False, padding_mode,
                         **factory_kwargs)
        self._make_lazy(out_channels, bias, factory_kwargs)

    def _get_num_spatial_dims(self):
        return 2


class LazyConv3d(_LazyConvXdMixin, Conv3d):
    """A Conv3d whose ``in_channels`` is inferred from the first input (``input.size(1)``,
    or ``size(0)`` unbatched); it becomes a Conv3d on the first forward."""

    cls_to_become = Conv3d

    def __init__(self, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
                 bias=True, padding_mode="zeros", device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        # bias=False: no tensor is made that would at once be replaced
        super().__init__(0, 0, kernel_size, stride, padding, dilation, groups, False, padding_mode,
                         **factory_kwargs)
        self._make_lazy(out_channels, bias, factory_kwargs)

    def _get_num_spatial_dims(self):
        return 3


class LazyConvTranspose1d(_LazyConvXdMixin, ConvTranspose1d):
    """A ConvTranspose1d whose ``in_channels`` is inferred from the first input (``input.size(1)``,
    or ``size(0)`` unbatched); it becomes a ConvTranspose1d on the first forward."""

    cls_to_become = ConvTranspose1d

    def __init__(self, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1,
                 bias=True, dilation=1, padding_mode="zeros", device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        # bias=False: no tensor is made that would at once be replaced
        super().__init__(0, 0, kernel_size, stride, padding, output_padding, groups, False,
                         dilation, padding_mode, **factory_kwargs)
        self._make_lazy(out_channels, bias, factory_kwargs)

    def _get_num_spatial_dims(self):
        return 1


class LazyConvTranspose2d(_LazyConvXdMixin, ConvTranspose2d):
    """A ConvTranspose2d whose ``in_channels`` is inferred from the first input (``input.size(1)``,
    or ``size(0)`` unbatched); it becomes a ConvTranspose2d on the first forward."""

    cls_to_become = ConvTranspose2d

    def __init__(self, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1,
                 bias=True, dilation=1, padding_mode="zeros", device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        # bias=False: no tensor is made that would at once be replaced
        super().__init__(0, 0, kernel_size, stride, padding, output_padding, groups, False,
                         dilation, padding_mode, **factory_kwargs)
        self._make_lazy(out_channels, bias, factory_kwargs)

    def _get_num_spatial_dims(self):
        return 2


class LazyConvTranspose3d(_LazyConvXdMixin, ConvTranspose3d):
    """A ConvTranspose3d whose ``in_channels`` is inferred from the first input (``input.size(1)``,
    or ``size(0)`` unbatched); it becomes a ConvTranspose3d on the first forward."""

    cls_to_become = ConvTranspose3d

    def __init__(self, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1,
                 bias=True, dilation=1, padding_mode="zeros", device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        # bias=False: no tensor is made that would at once be replaced
        super().__init__(0, 0, kernel_size, stride, padding, output_padding, groups, False,
                         dilation, padding_mode, **factory_kwargs)
        self._make_lazy(out_channels, bias, factory_kwargs)

    def _get_num_spatial_dims(self):
        return 3

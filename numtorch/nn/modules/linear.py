"""Linear layers: Identity, Linear, Bilinear (and MultiheadAttention's out_proj class)."""

import math

import numtorch

from .. import functional as F
from .. import init
from ..parameter import Parameter
from .module import Module
from ..parameter import UninitializedParameter
from .lazy import LazyModuleMixin

__all__ = ["Identity", "Linear", "Bilinear", "LazyLinear"]


class Identity(Module):
    """Returns its input unchanged; accepts and ignores any constructor arguments.

    >>> nn.Identity(54, unused="x")(torch.ones(2)).shape
    torch.Size([2])
    """

    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, input):
        return input


class Linear(Module):
    """``y = x W^T + b``.

    Args:
        in_features: size of each input sample's last dim.
        out_features: size of each output sample's last dim.
        bias: learn an additive bias (default True).

    Shape: input (*, in_features) -> output (*, out_features).

    Attributes:
        weight: (out_features, in_features), U(-1/sqrt(in_features), 1/sqrt(in_features))
            (kaiming_uniform_ with a=sqrt(5)).
        bias: (out_features,), the same distribution.

    >>> nn.Linear(20, 30)(torch.randn(128, 20)).shape
    torch.Size([128, 30])
    """

    def __init__(self, in_features, out_features, bias=True, device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        super().__init__()
        self.in_features = in_features
        self.out_features = out_features
        self.weight = Parameter(numtorch.empty((out_features, in_features), **factory_kwargs))
        if bias:
            self.bias = Parameter(numtorch.empty(out_features, **factory_kwargs))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        # kaiming_uniform_(a=sqrt(5)) gives U(-1/sqrt(fan_in), 1/sqrt(fan_in)); the bias
        # draws from the same interval
        init.kaiming_uniform_(self.weight, a=math.sqrt(5))
        if self.bias is not None:
            fan_in, _ = init._calculate_fan_in_and_fan_out(self.weight)
            bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input):
        return F.linear(input, self.weight, self.bias)

    def extra_repr(self):
        return (f"in_features={self.in_features}, out_features={self.out_features}, "
                f"bias={self.bias is not None}")


class NonDynamicallyQuantizableLinear(Linear):
    """A Linear under another name: MultiheadAttention's ``out_proj`` (torch keeps it apart
    for its quantization tooling)."""


class Bilinear(Module):
    """``y = x1^T A x2 + b``.

    Shape: input1 (*, in1_features), input2 (*, in2_features) -> (*, out_features).

    Attributes:
        weight: (out_features, in1_features, in2_features), U(-k, k), k = 1/sqrt(in1_features).
        bias: (out_features,), U(-k, k).
    """

    def __init__(self, in1_features, in2_features, out_features, bias=True, device=None,
                 dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        super().__init__()
        if in1_features <= 0:  # the init bound is 1 / sqrt(in1_features)
            raise ValueError(f"in1_features must be > 0, but got (in1_features={in1_features})")
        self.in1_features = in1_features
        self.in2_features = in2_features
        self.out_features = out_features
        self.weight = Parameter(numtorch.empty((out_features, in1_features, in2_features),
                                               **factory_kwargs))
        if bias:
            self.bias = Parameter(numtorch.empty(out_features, **factory_kwargs))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        bound = 1 / math.sqrt(self.weight.size(1))
        init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input1, input2):
        return F.bilinear(input1, input2, self.weight, self.bias)

    def extra_repr(self):
        return (f"in1_features={self.in1_features}, in2_features={self.in2_features}, "
                f"out_features={self.out_features}, bias={self.bias is not None}")


class LazyLinear(LazyModuleMixin, Linear):
    """A Linear whose ``in_features`` is inferred from the first input's last dim; it
    becomes a Linear (initialised by ``Linear.reset_parameters``) on the first forward.

    >>> m = nn.LazyLinear(3)
    >>> m(torch.ones(2, 5)).shape, m
    (torch.Size([2, 3]), Linear(in_features=5, out_features=3, bias=True))
    """

    cls_to_become = Linear

    def __init__(self, out_features, bias=True, device=None, dtype=None):
        factory_kwargs = {"device": device, "dtype": dtype}
        # bias=False: no tensor is made that would at once be replaced
        super().__init__(0, 0, False)
        self.weight = UninitializedParameter(**factory_kwargs)
        self.out_features = out_features
        if bias:
            self.bias = UninitializedParameter(**factory_kwargs)

    def reset_parameters(self):
        if not self.has_uninitialized_params() and self.in_features != 0:
            super().reset_parameters()

    def initialize_parameters(self, input):
        """Infer ``in_features`` from ``input.shape[-1]`` and initialise the parameters."""
        if self.has_uninitialized_params():
            with numtorch.no_grad():
                self.in_features = input.shape[-1]
                self.weight.materialize((self.out_features, self.in_features))
                if self.bias is not None:
                    self.bias.materialize((self.out_features,))
                self.reset_parameters()
        if self.in_features == 0:
            # loaded from a state_dict: in_features is still the placeholder
            if input.shape[-1] != self.weight.shape[-1]:
                raise AssertionError(
                    f"The in_features inferred from input: {input.shape[-1]} is not equal "
                    f"to in_features from self.weight: {self.weight.shape[-1]}")
            self.in_features = input.shape[-1]

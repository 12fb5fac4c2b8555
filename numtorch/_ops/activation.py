"""Activations: relu, softmax, log_softmax, gelu, silu, elu, leaky_relu, softplus, ..."""

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor, _make
from ..autograd.function import Function, apply_inplace
from ._util import check_tensor, wrap_dim, write_out

__all__ = ["relu"]


class Relu(Function):
    _raw = True
    _grad_name = "ReluBackward0"

    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(ctx.OUTPUT)
        return np.maximum(a._array, 0)

    @staticmethod
    def backward(ctx, grad):
        (out,) = ctx.saved_tensors
        return grad * (out > 0)


def relu(input, inplace=False):
    check_tensor(input, "relu")
    if inplace:
        return apply_inplace(Relu, input)
    return Relu.apply(input)


def relu_(input):
    return apply_inplace(Relu, input)

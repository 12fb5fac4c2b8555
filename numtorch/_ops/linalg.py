"""Linear algebra: matmul family, products, triangular/diagonal ops, decompositions, einsum."""

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor, _make
from ..autograd.function import Function
from ._util import check_tensor, operands, write_out

__all__ = ["matmul", "mm"]


class MatMul(Function):
    _raw = True
    _grad_name = "MmBackward0"

    @staticmethod
    def forward(ctx, a, b):
        dt, x, y = operands(a, b)
        ctx.save_for_backward(a, b)
        return x @ y

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return grad.matmul(b.mT), a.mT.matmul(grad)


def matmul(input, other, *, out=None):
    r = MatMul.apply(input, other)
    return r if out is None else write_out(r, out, "matmul")


mm = matmul

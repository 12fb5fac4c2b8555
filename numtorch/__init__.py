"""numtorch: PyTorch's API implemented in Python on NumPy.

``import numtorch as torch`` and write PyTorch. This module only re-exports.
"""

__version__ = "2.13.0+numtorch.0.1"

import numpy as _np

# torch computes with IEEE semantics and never warns about inf/nan (inf * 0, log(0), x / 0);
# NumPy's default would print (or, under -W error, raise) RuntimeWarnings from inside ops.
_np.seterr(all="ignore")

from . import _dtype
from ._dtype import (  # noqa: F401
    dtype, float16, float32, float64, bfloat16, complex64, complex128, int8, int16, int32,
    int64, uint8, bool, half, float, double, cfloat, cdouble, short, int, long,
    get_default_dtype, set_default_dtype, promote_types, can_cast, finfo, iinfo,
)
from ._backend import device  # noqa: F401
from ._tensor import Tensor, Size, strided  # noqa: F401
from ._creation import *  # noqa: F401,F403
from ._creation import (  # noqa: F401
    FloatTensor, DoubleTensor, HalfTensor, LongTensor, IntTensor, ShortTensor, CharTensor,
    ByteTensor, BoolTensor, BFloat16Tensor, range,
)
from ._random import *  # noqa: F401,F403
from ._random import default_generator  # noqa: F401
from ._ops.elementwise import *  # noqa: F401,F403
from ._ops.reduce import *  # noqa: F401,F403
from ._ops.shape import *  # noqa: F401,F403
from ._ops.index import *  # noqa: F401,F403
from ._ops.linalg import *  # noqa: F401,F403
from ._ops.activation import *  # noqa: F401,F403
from ._ops.conv import *  # noqa: F401,F403
from ._ops.pool import *  # noqa: F401,F403
from ._ops.norm import *  # noqa: F401,F403
from ._ops.loss import *  # noqa: F401,F403
from ._ops.rnn import *  # noqa: F401,F403
from ._ops.linear import *  # noqa: F401,F403
from ._ops.dropout import *  # noqa: F401,F403
from ._ops.embedding import *  # noqa: F401,F403
from ._ops.upsample import *  # noqa: F401,F403
# torch's top-level forms whose signatures differ from nn.functional's same-named functions
from ._ops.dropout import (  # noqa: F401,E402
    _top_dropout as dropout, _top_alpha_dropout as alpha_dropout,
    _top_feature_alpha_dropout as feature_alpha_dropout,
)
from ._ops.embedding import _embedding_aten as embedding  # noqa: F401,E402
from ._ops.norm import (  # noqa: F401,E402
    _top_batch_norm as batch_norm, _top_instance_norm as instance_norm,
)
from ._tensor_str import set_printoptions  # noqa: F401
from .autograd.grad_mode import (  # noqa: F401
    no_grad, enable_grad, set_grad_enabled, inference_mode, is_grad_enabled,
    is_inference_mode_enabled,
)
from . import autograd, cuda, linalg, random, return_types, testing  # noqa: F401,E402

# The layers above the core load on first use (``numtorch.nn``, ``import numtorch.optim``,
# ``numtorch.save``): a script that only computes with tensors does not pay for them.
_LAZY_MODULES = ("nn", "optim", "utils", "serialization")
_LAZY_ATTRS = {"save": "serialization", "load": "serialization"}


def __getattr__(name):
    import importlib

    if name in _LAZY_MODULES:
        return importlib.import_module("." + name, __name__)
    if name in _LAZY_ATTRS:
        value = getattr(importlib.import_module("." + _LAZY_ATTRS[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module '{__name__}' has no attribute '{name}'")


def __dir__():
    return sorted(set(globals()) | set(_LAZY_MODULES) | set(_LAZY_ATTRS))


def result_type(tensor1, tensor2):
    return _dtype.result_type(tensor1, tensor2)


def typename(obj):
    """'torch.FloatTensor' for a float32 tensor, the qualified class name otherwise."""
    if isinstance(obj, Tensor):
        return obj.type()
    module, name = type(obj).__module__, type(obj).__qualname__
    return name if module in ("builtins", None) else f"{module}.{name}"


def is_tensor(obj):
    return isinstance(obj, Tensor)


def is_floating_point(input):
    return input.is_floating_point()


def is_complex(input):
    return input.is_complex()


def numel(input):
    return input.numel()


def is_nonzero(input):
    if input.numel() != 1:
        raise RuntimeError("Boolean value of Tensor with more than one value is ambiguous")
    return input.item() != 0


def set_num_threads(n):
    from ._threads import set_num_threads as _s

    _s(n)


def get_num_threads():
    from ._threads import get_num_threads as _g

    return _g()

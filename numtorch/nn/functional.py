"""torch.nn.functional: the functional form of every layer and loss.

Each function validates its arguments and makes one op call. The nn kernels live in the
op families (``numtorch/_ops/conv.py``, ``pool.py``, ``norm.py``, ``loss.py``, ...), whose
``__functional__`` lists name the functions defined there with torch.nn.functional's
signatures; this module re-exports them, as torch's ``functional.py`` re-exports
``torch._C._nn``. Activations come from ``_ops/activation.py``.
"""

from .._ops import (
    conv as _conv, dropout as _dropout, embedding as _embedding, linear as _linear,
    loss as _loss, norm as _norm, pool as _pool, rnn as _rnn, upsample as _upsample,
)
from .._ops.activation import (  # noqa: F401
    celu, celu_, elu, elu_, gelu, glu, hardshrink, hardsigmoid, hardswish, hardtanh, hardtanh_,
    leaky_relu, leaky_relu_, logsigmoid, mish, prelu, relu, relu6, relu_, rrelu, rrelu_, selu,
    selu_, silu, softmin, softplus, softshrink, softsign, tanhshrink,
    threshold, threshold_,
)
from .._ops.activation import (  # noqa: F401  (F's signatures: dim may be omitted)
    functional_log_softmax as log_softmax, functional_softmax as softmax,
)
from .._ops.elementwise import sigmoid, tanh  # noqa: F401

_name = None
for _family in (_conv, _dropout, _embedding, _linear, _loss, _norm, _pool, _rnn, _upsample):
    for _name in _family.__functional__:
        globals()[_name] = getattr(_family, _name)
del _family, _name

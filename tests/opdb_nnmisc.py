"""opdb rows: dropout, embedding, one_hot and the distances (nn.functional and torch.*).

Dropout is random: rows ``.../random`` compare shapes and dtypes only (values, and the
gradient's values, come from different generators); the plain rows use the deterministic
settings (p=0, p=1, training=False), whose values must match exactly.
"""

import numpy as np

from opdb import ErrorSample, OpInfo, Sample, rand


def _F(lib):
    return lib.nn.functional


def _e(*args, exc=RuntimeError, match=None, **kwargs):
    return ErrorSample(args, kwargs, exc=exc, match=match)


# ---------------------------------------------------------------- dropout
def _drop_fn(name, inplace=False):
    def run(lib, x, *args, **kw):
        if inplace:
            x = x.clone()
            kw = dict(kw, inplace=True)
        return getattr(_F(lib), name)(x, *args, **kw)
    return run


def _fixed_samples(shapes):
    """The deterministic settings: p=0, p=1, evaluation mode."""
    def samples(rng, dt):
        out = []
        for s in shapes:
            out += [Sample((rand(rng, s, dt),), {"p": 0.0}),
                    Sample((rand(rng, s, dt), 1.0), {"training": True}),
                    Sample((rand(rng, s, dt), 0.5, False))]
        return out
    return samples


def _random_samples(shapes, ps=(0.5, 0.2)):
    def samples(rng, dt):
        return [Sample((rand(rng, s, dt), p), {"training": True}) for s in shapes for p in ps]
    return samples


_SHAPES = {
    "dropout": [(3, 4), (2, 3, 4), (), (0, 3)],
    "dropout1d": [(2, 3, 4), (3, 4)],
    "dropout2d": [(2, 3, 4, 5), (2, 3, 2, 2)],
    "dropout3d": [(2, 3, 2, 2, 2), (3, 2, 2, 2)],
    "alpha_dropout": [(3, 4), (2, 3, 4)],
    "feature_alpha_dropout": [(2, 3, 4), (3, 4, 2, 2)],
}


def _drop_errors(name, good_shape, bad_shape=None):
    def errors(rng):
        es = [_e(rand(rng, good_shape), 1.5, exc=ValueError,
                 match=r"dropout probability has to be between 0 and 1, but got 1.5"),
              _e(rand(rng, good_shape), -0.1, exc=ValueError, match="but got -0.1"),
              _e(rand(rng, good_shape, "int64"), 0.5, True,
                 match="result type Float can't be cast to the desired output type Long")]
        if bad_shape is not None:
            es.append(_e(rand(rng, bad_shape), 0.5, True, match="Expected 2D or 3D input"
                         if name == "dropout1d" else "at least 2 dimensions"))
        return es
    return errors


_BAD_SHAPE = {"dropout1d": (2, 3, 4, 5), "feature_alpha_dropout": (4,)}

_DROPOUT_ROWS = []
for _name, _shapes in _SHAPES.items():
    _DROPOUT_ROWS += [
        OpInfo(f"nn.functional.{_name}", _drop_fn(_name), _fixed_samples(_shapes),
               errors=_drop_errors(_name, _shapes[0], _BAD_SHAPE.get(_name))),
        OpInfo(f"nn.functional.{_name}/random", _drop_fn(_name), _random_samples(_shapes),
               compare_values=False, gradcheck=False),
        OpInfo(f"nn.functional.{_name}/inplace", _drop_fn(_name, True),
               _random_samples(_shapes[:1], (0.5,)), compare_values=False, gradcheck=False),
    ]


def _top(name, inplace=False):
    def run(lib, x, *args, **kw):
        return getattr(lib, name)(x.clone() if inplace else x, *args, **kw)
    return run


def _top_samples(shape):
    def samples(rng, dt):
        return [Sample((rand(rng, shape, dt), p, train))
                for p, train in [(0.5, True), (0.0, True), (1.0, True), (0.3, False)]]
    return samples


def _top_errors(rng):
    return [_e(rand(rng, (3, 4)), 1.5, True, match="dropout probability has to be between 0 and "
               "1, but got 1.5"),
            _e(rand(rng, (3, 4)), 1.5, False, match="but got 1.5")]


_TOP_ROWS = [
    OpInfo(n, _top(n, n.endswith("_")), _top_samples((2, 3, 4)), compare_values=False,
           gradcheck=False, errors=_top_errors)
    for n in ("dropout_", "feature_dropout", "feature_dropout_", "alpha_dropout_",
              "feature_alpha_dropout_")
]


# ---------------------------------------------------------------- embedding
def _embedding(lib, idx, w, **kw):
    return _F(lib).embedding(idx, w, **kw)


def _emb_samples(rng, dt):
    w = lambda n=10, d=3: rand(rng, (n, d), dt)  # noqa: E731
    idx = np.array([[1, 2, 4, 4], [4, 3, 9, 2]])
    return [
        Sample((idx, w()), grad_args=(1,)),
        Sample((np.array(7), w()), grad_args=(1,)),
        # padding_idx and scale_grad_by_freq change the gradient on purpose: no gradcheck,
        # which reads only the first two samples
        Sample((np.array([0, 3, 3, 1]), w(5, 2)), {"padding_idx": 3}, grad_args=(1,)),
        Sample((idx, w()), {"padding_idx": -1}, grad_args=(1,)),
        Sample((idx.astype(np.int32), w()), {"padding_idx": 0}, grad_args=(1,)),
        Sample((idx, w()), {"scale_grad_by_freq": True}, grad_args=(1,)),
        Sample((idx, w()), {"scale_grad_by_freq": True, "padding_idx": 4}, grad_args=(1,)),
        Sample((np.zeros((0, 2), np.int64), w()), grad_args=(1,)),
        # max_norm renormalises the weight in place: values near and above max_norm
        Sample((idx, rand(rng, (10, 3), dt, -3, 3)), {"max_norm": 1.0}, grad_args=(1,)),
        Sample((idx, rand(rng, (10, 3), dt, -3, 3)), {"max_norm": 2.0, "norm_type": 1.0},
               grad_args=(1,)),
        Sample((idx, rand(rng, (10, 3), dt, -3, 3)), {"max_norm": 1.5, "norm_type": float("inf")},
               grad_args=(1,)),
        Sample((idx, rand(rng, (10, 3), dt, -3, 3)), {"max_norm": 1.5, "norm_type": 3.0},
               grad_args=(1,)),
    ]


def _emb_errors(rng):
    w = rand(rng, (10, 3))
    idx = np.array([[1, 2], [4, 9]])
    return [
        _e(idx.astype(np.float32), w, match="Expected tensor for argument #1 'indices' to have "
           r"one of the following scalar types: Long, Int; but got torch.FloatTensor instead"),
        _e(idx.astype(np.int16), w, match="but got torch.ShortTensor"),
        _e(idx + 1, w, exc=IndexError, match="index out of range in self"),
        _e(idx - 2, w, exc=IndexError, match="index out of range in self"),
        _e(idx, w, padding_idx=10, exc=AssertionError,
           match="Padding_idx must be within num_embeddings"),
        _e(idx, w, padding_idx=-11, exc=AssertionError,
           match="Padding_idx must be within num_embeddings"),
        _e(idx, w[0], match="'weight' must be 2-D"),
        _e(idx, rand(rng, (2, 3, 4)), match="'weight' must be 2-D"),
        _e([1, 2], w, exc=TypeError, match=r"argument 'indices' \(position 2\) must be Tensor"),
    ]


def _renorm(lib, w, idx, max_norm, norm_type):
    w = w.clone()
    lib.embedding_renorm_(w, idx, max_norm, norm_type)
    return w


def _renorm_samples(rng, dt):
    idx = np.array([1, 2, 4, 4, 0])
    return [Sample((rand(rng, (6, 3), dt, -3, 3), idx, 1.0, 2.0)),
            Sample((rand(rng, (6, 3), dt, -3, 3), idx, 2.0, 1.0)),
            Sample((rand(rng, (6, 3), dt, -3, 3), idx, 1.0, float("inf")))]


def _renorm_errors(rng):
    return [_e(rand(rng, (6, 3)), np.array([1.0]), 1.0, 2.0, match="argument #2 'indices'"),
            _e(rand(rng, (6,)), np.array([1]), 1.0, 2.0, match="Expected 2-dimensional tensor"),
            _e(rand(rng, (6, 3)), np.array([7]), 1.0, 2.0, exc=IndexError,
               match=r"select\(\): index 7 out of range for tensor of size \[6, 3\] at "
                     "dimension 0")]


# ---------------------------------------------------------------- embedding_bag
def _bag(lib, idx, w, offsets=None, psw=None, **kw):
    return _F(lib).embedding_bag(idx, w, offsets, per_sample_weights=psw, **kw)


def _bag_samples(rng, dt):
    w = lambda: rand(rng, (8, 3), dt)  # noqa: E731
    idx = np.array([1, 2, 4, 4, 4, 3, 7, 0, 1])
    offs = np.array([0, 2, 2, 5])  # bag 1 is empty
    psw = rand(rng, (9,), dt)
    return [
        Sample((idx, w(), offs), grad_args=(1,)),
        Sample((idx, w(), offs, psw), {"mode": "sum"}, grad_args=(1, 3)),
        Sample((idx, w(), offs), {"mode": "sum"}, grad_args=(1,)),
        Sample((idx, w(), offs), {"mode": "max"}, grad_args=(1,)),
        Sample((idx, w(), np.append(offs, 9)), {"mode": "max", "include_last_offset": True},
               grad_args=(1,)),
        Sample((idx, w(), offs.astype(np.int32)), {"padding_idx": 4}, grad_args=(1,)),
        Sample((idx, w(), offs), {"mode": "max", "padding_idx": -1}, grad_args=(1,)),
        Sample((idx.reshape(3, 3), w()), {"mode": "sum"}, grad_args=(1,)),
        Sample((idx.reshape(3, 3), w(), None, psw.reshape(3, 3)),
               {"mode": "sum", "padding_idx": 0}, grad_args=(1, 3)),
        Sample((idx.reshape(3, 3).astype(np.int32), w()), {"mode": "max"}, grad_args=(1,)),
        # scale_grad_by_freq with indices that each occur the same number of times: torch
        # 2.13's CPU kernel divides by the wrong count otherwise (pytorch#190063)
        Sample((np.array([1, 1, 3, 3, 5, 5]), w(), np.array([0, 3])),
               {"mode": "sum", "scale_grad_by_freq": True}, grad_args=(1,)),
        Sample((idx, rand(rng, (8, 3), dt, -3, 3), offs), {"max_norm": 1.0}, grad_args=(1,)),
        Sample((np.zeros(0, np.int64), w(), np.array([0, 0])), grad_args=(1,)),
    ]


def _bag_errors(rng):
    w = rand(rng, (8, 3))
    idx = np.array([1, 2, 4, 5])
    offs = np.array([0, 2])
    return [
        _e(idx, w, exc=ValueError, match="offsets has to be a 1D Tensor but got None"),
        _e(idx, w, offs[None], exc=ValueError, match="offsets has to be a 1D Tensor"),
        _e(idx.reshape(2, 2), w, offs, exc=ValueError,
           match="if input is 2D, then offsets has to be None"),
        _e(idx.reshape(1, 2, 2), w, exc=ValueError,
           match="input has to be 1D or 2D Tensor, but got Tensor of dimension 3"),
        _e(idx, w, offs, mode="prod", exc=ValueError,
           match="mode has to be one of sum, mean or max"),
        _e(idx, w, offs, rand(rng, (4,)), exc=NotImplementedError,
           match="per_sample_weights is only supported for mode='sum' \\(got mode='mean'\\)"),
        _e(idx, w, offs, rand(rng, (3,)), mode="sum", exc=ValueError,
           match="must have the same shape as the input"),
        _e(idx, w, offs, mode="max", scale_grad_by_freq=True, exc=ValueError,
           match="max mode does not support scaling the gradient by the frequency"),
        _e(idx + 4, w, offs, match=r"Index 2 of input takes value 8 which is not in the valid "
           r"range \[0, 8\)"),
        _e(idx.astype(np.float32), w, offs, match="argument #1 'indices'"),
        _e(idx, w, np.array([1, 2]), match="offsets\\[0\\] has to be 0"),
        _e(idx, w, np.array([0, 5]), match="offsets\\[-1\\] can not be greater than input's "
           "length 4 but got offsets\\[-1\\] of 5"),
        _e(idx, w, offs, padding_idx=8, match="padding_idx must be within the number of "
           "embeddings, -8 through 7, but got 8"),
    ]


# ---------------------------------------------------------------- one_hot
def _one_hot(lib, x, *args, **kw):
    return _F(lib).one_hot(x, *args, **kw)


def _one_hot_samples(rng, dt):
    return [Sample((np.array([0, 2, 1]),)), Sample((np.array([0, 2, 1]), 5)),
            Sample((np.array([[0, 1], [3, 1]]), -1)), Sample((np.array(2), 3)),
            Sample((np.zeros((0,), np.int64), 3)), Sample((np.zeros((2, 0), np.int64), 4))]


def _one_hot_errors(rng):
    return [_e(np.array([0, -1]), 3, match="Class values must be non-negative."),
            _e(np.array([0, 3]), 3, match="Class values must be smaller than num_classes."),
            _e(np.array([0, 1]), -2, match="Class values must be smaller than num_classes."),
            _e(np.array([0.0, 1.0]), 3,
               match="one_hot is only applicable to index tensor of type LongTensor."),
            _e(np.array([0, 1], np.int32), 3, match="LongTensor"),
            _e(np.zeros((0,), np.int64), match="Can not infer total number of classes from empty"),
            _e(np.zeros((0,), np.int64), 0, match="Can not infer total number of classes")]


# ---------------------------------------------------------------- distances
def _cos(lib, a, b, *args, **kw):
    return _F(lib).cosine_similarity(a, b, *args, **kw)


def _cos_samples(rng, dt):
    tiny = rand(rng, (2, 3), dt) * 1e-9
    return [Sample((rand(rng, (2, 3), dt), rand(rng, (2, 3), dt))),
            Sample((rand(rng, (4, 5), dt), rand(rng, (4, 5), dt), 0)),
            Sample((rand(rng, (4, 5), dt), rand(rng, (5,), dt)), {"dim": -1}),
            Sample((rand(rng, (2, 3, 4), dt), rand(rng, (2, 1, 4), dt)), {"dim": 2}),
            Sample((rand(rng, (5,), dt), rand(rng, (5,), dt), 0)),
            Sample((tiny, rand(rng, (2, 3), dt))),  # norm below eps: clamped
            Sample((rand(rng, (2, 3), dt), rand(rng, (2, 3), dt)), {"eps": 0.5})]


def _cos_errors(rng):
    return [_e(rand(rng, (4, 5)), rand(rng, (4, 5)), 2, exc=IndexError,
               match="Dimension out of range"),
            _e(rand(rng, (4, 5)), rand(rng, (3, 5)), match="must match the size"),
            _e(rand(rng, (4,), "int64"), rand(rng, (4,), "int64"), 0,
               match="expected common dtype to be floating point, yet common dtype is Long")]


def _pd(lib, a, b, *args, **kw):
    return _F(lib).pairwise_distance(a, b, *args, **kw)


def _pd_samples(rng, dt):
    return [Sample((rand(rng, (2, 3), dt), rand(rng, (2, 3), dt))),
            Sample((rand(rng, (4, 5), dt), rand(rng, (4, 5), dt)), {"keepdim": True}),
            Sample((rand(rng, (4, 5), dt), rand(rng, (5,), dt)), {"p": 1.0}),
            Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt)), {"p": 3.0, "eps": 0.0}),
            Sample((rand(rng, (3, 4), dt), rand(rng, (3, 4), dt)), {"p": float("inf")}),
            Sample((rand(rng, (2, 3, 4), dt), rand(rng, (2, 3, 4), dt))),
            Sample((rand(rng, (4,), dt), rand(rng, (4,), dt))),
            Sample((rand(rng, (2, 4), "int64"), rand(rng, (2, 4), "int64")))]


def _pd_errors(rng):
    return [_e(rand(rng, (4, 5)), rand(rng, (3, 5)), match="must match the size")]


def _pdist(lib, x, *args, **kw):
    return _F(lib).pdist(x, *args, **kw)


def _pdist_samples(rng, dt):
    return [Sample((rand(rng, (4, 3), dt),)), Sample((rand(rng, (5, 2), dt), 1.0)),
            Sample((rand(rng, (4, 3), dt),), {"p": 3.0}), Sample((rand(rng, (3, 4), dt), 0.5)),
            Sample((rand(rng, (1, 3), dt),))]  # (0, M): torch 2.13's backward segfaults


def _pdist_errors(rng):
    return [_e(rand(rng, (4,)), match="pdist only supports 2D tensors, got: 1D"),
            _e(rand(rng, (4, 3), "int64"), match="pdist only supports floating-point dtypes"),
            _e(rand(rng, (4, 3)), -1.0, match="pdist only supports non-negative p values")]


ROWS = _DROPOUT_ROWS + _TOP_ROWS + [
    OpInfo("nn.functional.embedding", _embedding, _emb_samples, errors=_emb_errors),
    OpInfo("nn.functional.embedding_bag", _bag, _bag_samples, errors=_bag_errors),
    OpInfo("embedding_renorm_", _renorm, _renorm_samples, grad=False, gradcheck=False,
           errors=_renorm_errors),
    OpInfo("nn.functional.one_hot", _one_hot, _one_hot_samples, dtypes=("int64",), grad=False,
           gradcheck=False, errors=_one_hot_errors),
    OpInfo("nn.functional.cosine_similarity", _cos, _cos_samples, covers=("cosine_similarity",),
           errors=_cos_errors),
    OpInfo("nn.functional.pairwise_distance", _pd, _pd_samples, covers=("pairwise_distance",),
           errors=_pd_errors),
    OpInfo("nn.functional.pdist", _pdist, _pdist_samples, covers=("pdist",),
           errors=_pdist_errors),
]


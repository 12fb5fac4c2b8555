"""nn.Embedding, CosineSimilarity, PairwiseDistance against torch; from_pretrained, max_norm,
sparse, errors."""

import numpy as np
import pytest
import torch

import numtorch
from nn_util import check_module

IDX = np.array([[1, 2, 4, 4], [4, 3, 9, 2]])


def _x(shape, dt="float64", seed=0):
    return np.random.default_rng(seed).standard_normal(shape).astype(dt)


def _idx(idx):
    return lambda lib: (lib.from_numpy(idx.copy()),)


EMB_CASES = [
    ("plain", lambda nn: nn.Embedding(10, 3), IDX),
    ("padding", lambda nn: nn.Embedding(10, 3, padding_idx=2), IDX),
    ("padding-neg", lambda nn: nn.Embedding(10, 3, padding_idx=-1), IDX),
    ("padding-0", lambda nn: nn.Embedding(10, 3, padding_idx=0), np.array([0, 1, 0, 5])),
    ("max_norm", lambda nn: nn.Embedding(10, 3, max_norm=1.0), IDX),
    ("max_norm-l1", lambda nn: nn.Embedding(10, 3, max_norm=1.5, norm_type=1.0), IDX),
    ("scale_grad", lambda nn: nn.Embedding(10, 3, scale_grad_by_freq=True), IDX),
    ("all", lambda nn: nn.Embedding(10, 4, padding_idx=4, max_norm=2.0, norm_type=3.0,
                                     scale_grad_by_freq=True), IDX),
    ("int32", lambda nn: nn.Embedding(10, 3), IDX.astype(np.int32)),
    ("0-d", lambda nn: nn.Embedding(10, 3), np.array(3)),
    ("empty", lambda nn: nn.Embedding(10, 3), np.zeros((2, 0), np.int64)),
]


@pytest.mark.parametrize("name,ctor,idx", EMB_CASES, ids=[c[0] for c in EMB_CASES])
def test_embedding_matches_torch(name, ctor, idx):
    ours, theirs = check_module(lambda lib: ctor(lib.nn), _idx(idx))
    # max_norm renormalised the weight in place, identically
    np.testing.assert_allclose(ours.weight.detach().numpy(), theirs.weight.detach().numpy(),
                               rtol=1e-5, atol=1e-6)


def test_embedding_float64():
    def inputs(lib):
        return (lib.from_numpy(IDX.copy()),)

    def ctor(lib):
        return lib.nn.Embedding(10, 3, padding_idx=1, dtype=lib.float64)

    check_module(ctor, inputs)


def test_init_and_padding_row():
    numtorch.manual_seed(0)
    e = numtorch.nn.Embedding(1000, 50, padding_idx=3)
    w = e.weight.detach().numpy()
    assert e.weight.requires_grad and e.weight.dtype == numtorch.float32
    assert np.all(w[3] == 0)
    rest = np.delete(w, 3, axis=0)
    assert abs(rest.mean()) < 0.01 and abs(rest.std() - 1) < 0.01  # N(0, 1)


def test_padding_row_gets_no_gradient():
    e = numtorch.nn.Embedding(5, 2, padding_idx=0)
    e(numtorch.tensor([0, 1, 0, 2])).sum().backward()
    g = e.weight.grad.numpy()
    assert np.all(g[0] == 0) and np.all(g[1] == 1) and np.all(g[3] == 0)


def test_max_norm_renormalises_weight_in_place():
    numtorch.manual_seed(0)
    e = numtorch.nn.Embedding(6, 4, max_norm=1.0)
    with numtorch.no_grad():
        e.weight.mul_(3)
    before = e.weight.detach().numpy().copy()
    v = e.weight._version
    e(numtorch.tensor([1, 3]))
    after = e.weight.detach().numpy()
    assert e.weight._version > v
    np.testing.assert_allclose(np.linalg.norm(after[[1, 3]], axis=1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(after[[0, 2, 4, 5]], before[[0, 2, 4, 5]])


def test_sparse_flag_gives_torch_values_as_dense_grad():
    res = []
    for lib in (numtorch, torch):
        lib.manual_seed(0)
        w = lib.from_numpy(_x((10, 3), "float32"))
        e = lib.nn.Embedding(10, 3, sparse=True, _weight=w)
        e(lib.from_numpy(IDX.copy())).sum().backward()
        g = e.weight.grad
        res.append((g.to_dense() if g.layout == torch.sparse_coo else g).numpy())
    np.testing.assert_allclose(res[0], res[1])
    assert repr(numtorch.nn.Embedding(10, 3, sparse=True)) == "Embedding(10, 3, sparse=True)"


def test_from_pretrained():
    for lib in (numtorch, torch):
        w = lib.from_numpy(_x((4, 2), "float32"))
        e = lib.nn.Embedding.from_pretrained(w)
        assert repr(e) == "Embedding(4, 2)"
        assert not e.weight.requires_grad
        assert e.weight.data_ptr() == w.data_ptr()
        out = e(lib.tensor([3, 0]))
        np.testing.assert_array_equal(out.numpy(), w.numpy()[[3, 0]])
        e = lib.nn.Embedding.from_pretrained(w, freeze=False, padding_idx=1, max_norm=5.0)
        assert e.weight.requires_grad
        assert repr(e) == "Embedding(4, 2, padding_idx=1, max_norm=5.0)"
        assert np.any(e.weight.detach().numpy()[1] != 0)  # the padding row is kept as given
        with pytest.raises(AssertionError, match="Embeddings parameter is expected to be "
                                                 "2-dimensional"):
            lib.nn.Embedding.from_pretrained(lib.ones(4))


def test_weight_and_freeze_arguments():
    w = numtorch.ones(3, 2)
    e = numtorch.nn.Embedding(3, 2, _weight=w, _freeze=True)
    assert not e.weight.requires_grad and e.weight.data_ptr() == w.data_ptr()
    for lib in (numtorch, torch):
        with pytest.raises(AssertionError, match="Shape of weight does not match num_embeddings "
                                                 "and embedding_dim"):
            lib.nn.Embedding(3, 2, _weight=lib.ones(2, 2))


@pytest.mark.parametrize("kw", [{}, {"padding_idx": 0}, {"padding_idx": -2}, {"max_norm": 1},
                                {"max_norm": 1.0, "norm_type": 1.0, "scale_grad_by_freq": True,
                                 "sparse": True}, {"norm_type": 3.0}, {"norm_type": 2}])
def test_repr(kw):
    assert repr(numtorch.nn.Embedding(10, 3, **kw)) == repr(torch.nn.Embedding(10, 3, **kw))


def test_errors():
    for lib in (numtorch, torch):
        for pad in (10, -11):
            with pytest.raises(AssertionError, match="Padding_idx must be within num_embeddings"):
                lib.nn.Embedding(10, 3, padding_idx=pad)
        e = lib.nn.Embedding(10, 3)
        with pytest.raises(IndexError, match="index out of range in self"):
            e(lib.tensor([1, 10]))
        with pytest.raises(IndexError, match="index out of range in self"):
            e(lib.tensor([-1]))
        with pytest.raises(RuntimeError, match="Expected tensor for argument #1 'indices' to have "
                                               "one of the following scalar types: Long, Int; but "
                                               "got torch.FloatTensor instead"):
            e(lib.tensor([1.0]))


def test_embedding_gradgradcheck():
    w = numtorch.randn(6, 2, dtype=numtorch.float64, requires_grad=True)
    idx = numtorch.tensor([[0, 5], [5, 2]])

    def f(w):
        return numtorch.nn.functional.embedding(idx, w) ** 2

    assert numtorch.autograd.gradcheck(f, (w,))
    assert numtorch.autograd.gradgradcheck(f, (w,))


# ---------------------------------------------------------------- distances
DIST_CASES = [
    ("cos", lambda nn: nn.CosineSimilarity(), [(4, 5), (4, 5)]),
    ("cos-dim0", lambda nn: nn.CosineSimilarity(dim=0, eps=1e-3), [(4, 5), (4, 5)]),
    ("cos-bcast", lambda nn: nn.CosineSimilarity(dim=-1), [(2, 3, 4), (3, 4)]),
    ("pd", lambda nn: nn.PairwiseDistance(), [(4, 5), (4, 5)]),
    ("pd-l1-keepdim", lambda nn: nn.PairwiseDistance(p=1.0, eps=1e-3, keepdim=True),
     [(4, 5), (4, 5)]),
    ("pd-inf", lambda nn: nn.PairwiseDistance(p=float("inf")), [(4, 5), (5,)]),
    ("pd-1d", lambda nn: nn.PairwiseDistance(p=3.0), [(5,), (5,)]),
]


@pytest.mark.parametrize("name,ctor,shapes", DIST_CASES, ids=[c[0] for c in DIST_CASES])
@pytest.mark.parametrize("dt", ["float64", "float32"])
def test_distance_modules(name, ctor, shapes, dt):
    check_module(lambda lib: ctor(lib.nn), *[_x(s, dt, seed=i) for i, s in enumerate(shapes)])


def test_distance_reprs():
    for args, kw in [((), {}), ((0, 1e-3), {}), ((), {"dim": 2})]:
        assert repr(numtorch.nn.CosineSimilarity(*args, **kw)) == \
            repr(torch.nn.CosineSimilarity(*args, **kw))
    assert repr(numtorch.nn.PairwiseDistance(1, 1e-3, True)) == "PairwiseDistance()"
    assert numtorch.nn.PairwiseDistance(p=3).norm == 3


# ---------------------------------------------------------------- EmbeddingBag
BAG_IDX = np.array([1, 2, 4, 4, 4, 3, 7, 0, 1])
BAG_OFFS = np.array([0, 2, 2, 5])


def _bag_inputs(idx, offs=None, psw=None):
    def inputs(lib):
        args = [lib.from_numpy(idx.copy()), None if offs is None else lib.from_numpy(offs.copy())]
        if psw is not None:
            args.append(lib.from_numpy(psw.copy()).requires_grad_())
        return tuple(args)
    return inputs


BAG_CASES = [
    ("mean", lambda nn: nn.EmbeddingBag(10, 3), _bag_inputs(BAG_IDX, BAG_OFFS)),
    ("sum", lambda nn: nn.EmbeddingBag(10, 3, mode="sum"), _bag_inputs(BAG_IDX, BAG_OFFS)),
    ("max", lambda nn: nn.EmbeddingBag(10, 3, mode="max"), _bag_inputs(BAG_IDX, BAG_OFFS)),
    ("2d", lambda nn: nn.EmbeddingBag(10, 3), _bag_inputs(BAG_IDX.reshape(3, 3))),
    ("psw", lambda nn: nn.EmbeddingBag(10, 3, mode="sum"),
     _bag_inputs(BAG_IDX, BAG_OFFS, _x((9,), "float32"))),
    ("padding", lambda nn: nn.EmbeddingBag(10, 3, padding_idx=4), _bag_inputs(BAG_IDX, BAG_OFFS)),
    ("last-offset", lambda nn: nn.EmbeddingBag(10, 3, mode="sum", include_last_offset=True),
     _bag_inputs(BAG_IDX, np.append(BAG_OFFS, 9))),
    ("max_norm", lambda nn: nn.EmbeddingBag(10, 3, max_norm=1.0, mode="max"),
     _bag_inputs(BAG_IDX, BAG_OFFS)),
]


@pytest.mark.parametrize("name,ctor,inputs", BAG_CASES, ids=[c[0] for c in BAG_CASES])
def test_embedding_bag_matches_torch(name, ctor, inputs):
    check_module(lambda lib: ctor(lib.nn), inputs)


def test_embedding_bag_repr_and_from_pretrained():
    for kw in [{}, {"mode": "sum", "padding_idx": -1, "max_norm": 1.0, "norm_type": 1,
                    "scale_grad_by_freq": True, "sparse": True, "include_last_offset": True}]:
        ours, theirs = numtorch.nn.EmbeddingBag(10, 3, **kw), torch.nn.EmbeddingBag(10, 3, **kw)
        assert repr(ours) == repr(theirs)
    for lib in (numtorch, torch):
        w = lib.from_numpy(_x((4, 2), "float32"))
        bag = lib.nn.EmbeddingBag.from_pretrained(w, mode="max")
        assert repr(bag) == "EmbeddingBag(4, 2, mode='max')" and not bag.weight.requires_grad
        out = bag(lib.tensor([[0, 3]]))
        np.testing.assert_array_equal(out.numpy(), w.numpy()[[0, 3]].max(0, keepdims=True))
        with pytest.raises(AssertionError, match="padding_idx must be within num_embeddings"):
            lib.nn.EmbeddingBag(4, 2, padding_idx=4)


def test_embedding_bag_scale_grad_by_freq():
    """Each row's gradient divided by its index's count in the input (torch's documented
    semantics; torch 2.13's CPU kernel picks the wrong count for mixed counts, #190063)."""
    w = numtorch.ones(4, 1, requires_grad=True)
    out = numtorch.nn.functional.embedding_bag(numtorch.tensor([1, 1, 3]), w,
                                                numtorch.tensor([0]), mode="sum",
                                                scale_grad_by_freq=True)
    out.sum().backward()
    assert w.grad.flatten().tolist() == [0.0, 1.0, 0.0, 1.0]


def test_embedding_bag_gradcheck():
    w = numtorch.randn(6, 2, dtype=numtorch.float64, requires_grad=True)
    psw = numtorch.randn(5, dtype=numtorch.float64, requires_grad=True)
    idx, offs = numtorch.tensor([0, 5, 5, 2, 1]), numtorch.tensor([0, 3, 3])

    def f(w, psw):
        return numtorch.nn.functional.embedding_bag(idx, w, offs, mode="sum",
                                                    per_sample_weights=psw) ** 2

    assert numtorch.autograd.gradcheck(f, (w, psw))

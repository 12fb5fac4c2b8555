"""Loss modules against torch: values, gradients, reprs, legacy arguments, warnings, errors."""

import re
import warnings

import numpy as np
import pytest
import torch

import numtorch
from nn_util import check_module

rng = np.random.default_rng(0)


def _r(*shape, dt="float64", lo=-2.0, hi=2.0):
    return rng.uniform(lo, hi, size=shape).astype(dt)


def _sign(*shape, dt="float64"):
    return np.where(rng.random(shape) < 0.5, -1.0, 1.0).astype(dt)


def _labels(shape, c, ignore=None):
    t = rng.integers(0, c, size=shape).astype(np.int64)
    if ignore is not None:
        t[rng.random(shape) < 0.3] = ignore
    return t


def _w(lib, *values):
    return lib.tensor(list(values), dtype=lib.float64)


def _const_target(x, t):
    """inputs(lib) for a loss whose target must not require grad."""
    return lambda lib: (lib.from_numpy(x.copy()).requires_grad_(), lib.from_numpy(t.copy()))


# ---------------------------------------------------------------- every module vs torch
CASES = [
    ("L1Loss", lambda lib: lib.nn.L1Loss(), (_r(3, 4), _r(3, 4))),
    ("L1Loss-sum", lambda lib: lib.nn.L1Loss(reduction="sum"), (_r(3, 4), _r(3, 4))),
    ("MSELoss", lambda lib: lib.nn.MSELoss(), (_r(3, 4), _r(3, 4))),
    ("MSELoss-f32", lambda lib: lib.nn.MSELoss(), (_r(8, 5, dt="float32"), _r(8, 5, dt="float32"))),
    ("MSELoss-none", lambda lib: lib.nn.MSELoss(reduction="none"), (_r(3, 4), _r(3, 4))),
    ("SmoothL1Loss", lambda lib: lib.nn.SmoothL1Loss(beta=0.5), (_r(3, 4), _r(3, 4))),
    ("HuberLoss", lambda lib: lib.nn.HuberLoss(reduction="sum", delta=0.7), (_r(3, 4), _r(3, 4))),
    ("SoftMarginLoss", lambda lib: lib.nn.SoftMarginLoss(),
     (_const_target(_r(3, 4), _sign(3, 4)),)),
    ("CrossEntropyLoss", lambda lib: lib.nn.CrossEntropyLoss(), (_r(6, 5), _labels((6,), 5))),
    ("CrossEntropyLoss-f32", lambda lib: lib.nn.CrossEntropyLoss(),
     (_r(256, 10, dt="float32"), _labels((256,), 10))),
    ("CrossEntropyLoss-opts",
     lambda lib: lib.nn.CrossEntropyLoss(weight=_w(lib, 1, 2, 0.5, 1.5, 1), ignore_index=2,
                                         label_smoothing=0.1),
     (_r(6, 5, 2), _labels((6, 2), 5, ignore=2))),
    ("CrossEntropyLoss-probs", lambda lib: lib.nn.CrossEntropyLoss(reduction="sum"),
     (_r(4, 5), rng.dirichlet(np.ones(5), size=4))),
    ("NLLLoss", lambda lib: lib.nn.NLLLoss(weight=_w(lib, 1, 2, 3, 4)),
     (_r(5, 4), _labels((5,), 4))),
    ("NLLLoss-2d", lambda lib: lib.nn.NLLLoss(reduction="none", ignore_index=0),
     (_r(2, 4, 3, 3), _labels((2, 3, 3), 4))),
    ("BCELoss", lambda lib: lib.nn.BCELoss(), (_r(3, 4, lo=0.05, hi=0.95), _r(3, 4, lo=0, hi=1))),
    ("BCELoss-weight", lambda lib: lib.nn.BCELoss(weight=_w(lib, 1, 2, 3, 4), reduction="sum"),
     (_const_target(_r(3, 4, lo=0.05, hi=0.95), _r(3, 4, lo=0, hi=1)),)),
    ("BCEWithLogitsLoss", lambda lib: lib.nn.BCEWithLogitsLoss(), (_r(3, 4), _r(3, 4, lo=0, hi=1))),
    ("BCEWithLogitsLoss-weights",
     lambda lib: lib.nn.BCEWithLogitsLoss(weight=_w(lib, 1, 2, 3, 4),
                                          pos_weight=_w(lib, 3, 1, 2, 0.5)),
     (_r(3, 4), _r(3, 4, lo=0, hi=1))),
    ("KLDivLoss", lambda lib: lib.nn.KLDivLoss(reduction="batchmean"),
     (_r(3, 4), _r(3, 4, lo=0.1, hi=1))),
    ("KLDivLoss-log", lambda lib: lib.nn.KLDivLoss(reduction="sum", log_target=True),
     (_r(3, 4), _r(3, 4))),
    ("PoissonNLLLoss", lambda lib: lib.nn.PoissonNLLLoss(), (_r(3, 4), _r(3, 4, lo=0, hi=3))),
    ("PoissonNLLLoss-full", lambda lib: lib.nn.PoissonNLLLoss(log_input=False, full=True),
     (_r(3, 4, lo=0.5, hi=2), _r(3, 4, lo=0, hi=3))),
    ("GaussianNLLLoss", lambda lib: lib.nn.GaussianNLLLoss(full=True),
     (_r(3, 4), _r(3, 4), _r(3, 1, lo=0.5, hi=2))),
    ("MarginRankingLoss", lambda lib: lib.nn.MarginRankingLoss(margin=0.3),
     (_r(5), _r(5), _sign(5))),
    ("HingeEmbeddingLoss", lambda lib: lib.nn.HingeEmbeddingLoss(margin=0.5),
     (_r(3, 4), _sign(3, 4))),
    ("MultiLabelSoftMarginLoss",
     lambda lib: lib.nn.MultiLabelSoftMarginLoss(weight=_w(lib, 1, 2, 3, 4)),
     (_r(3, 4), (rng.random((3, 4)) < 0.5).astype("float64"))),
    ("CosineEmbeddingLoss", lambda lib: lib.nn.CosineEmbeddingLoss(margin=0.2),
     (_r(4, 3), _r(4, 3), _sign(4))),
    ("TripletMarginLoss", lambda lib: lib.nn.TripletMarginLoss(margin=2.0, p=1.0, swap=True),
     (_r(4, 3), _r(4, 3), _r(4, 3))),
    ("TripletMarginWithDistanceLoss", lambda lib: lib.nn.TripletMarginWithDistanceLoss(),
     (_r(4, 3), _r(4, 3), _r(4, 3))),
    ("TripletMarginWithDistanceLoss-cos",
     lambda lib: lib.nn.TripletMarginWithDistanceLoss(
         distance_function=lib.nn.CosineSimilarity(), swap=True, reduction="none"),
     (_r(4, 3), _r(4, 3), _r(4, 3))),
    ("MultiMarginLoss", lambda lib: lib.nn.MultiMarginLoss(p=2, weight=_w(lib, 1, 2, 3, 4)),
     (_r(3, 4), _labels((3,), 4))),
    ("MultiLabelMarginLoss", lambda lib: lib.nn.MultiLabelMarginLoss(),
     (_r(2, 4), np.array([[3, 0, -1, 1], [1, 2, 3, -1]]))),
    ("CTCLoss", lambda lib: lib.nn.CTCLoss(),  # more cases in test_nn_ctc.py
     (np.log(rng.dirichlet(np.ones(5), size=(6, 2))), np.array([[1, 2], [3, 3]]),
      np.array([6, 5]), np.array([2, 2]))),
]


@pytest.mark.parametrize("ctor,inputs", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_module_vs_torch(ctor, inputs):
    check_module(ctor, *inputs, modes=("train",))


def test_every_loss_module_is_tested():
    from numtorch.nn.modules import loss

    tested = {c[0].split("-")[0] for c in CASES}
    assert set(loss.__all__) <= tested, set(loss.__all__) - tested


# ---------------------------------------------------------------- structure
def test_reprs_buffers_and_attributes():
    for lib in (numtorch, torch):
        m = lib.nn.BCEWithLogitsLoss(pos_weight=lib.ones(3))
        assert list(m.state_dict()) == ["pos_weight"]
        assert m.weight is None and m.reduction == "mean"
        ce = lib.nn.CrossEntropyLoss(weight=lib.ones(3), ignore_index=1, label_smoothing=0.2)
        assert list(ce.state_dict()) == ["weight"]
        assert (ce.ignore_index, ce.label_smoothing) == (1, 0.2)
    assert repr(numtorch.nn.CrossEntropyLoss()) == "CrossEntropyLoss()"
    assert repr(numtorch.nn.Sequential(numtorch.nn.MSELoss())) == repr(
        torch.nn.Sequential(torch.nn.MSELoss()))
    assert isinstance(numtorch.nn.CrossEntropyLoss(), numtorch.nn.modules.loss._WeightedLoss)
    assert isinstance(numtorch.nn.MSELoss(), numtorch.nn.modules.loss._Loss)


def test_constructor_errors():
    for ctor, match in [(lambda lib: lib.nn.MultiMarginLoss(p=3), "only p == 1 and p == 2"),
                        (lambda lib: lib.nn.MultiMarginLoss(weight=lib.ones(2, 2)),
                         "expected weight to be None or 1D tensor, got 2D instead"),
                        (lambda lib: lib.nn.TripletMarginLoss(margin=0),
                         "expected margin to be greater than 0, got 0 instead"),
                        (lambda lib: lib.nn.TripletMarginWithDistanceLoss(margin=-1),
                         "TripletMarginWithDistanceLoss: expected margin to be greater than 0, "
                         "got -1 instead")]:
        with pytest.raises(ValueError):
            ctor(torch)
        with pytest.raises(ValueError, match=match):
            ctor(numtorch)


# ---------------------------------------------------------------- legacy size_average / reduce
LEGACY = [(sa, rd) for sa in (None, True, False) for rd in (None, True, False)
          if (sa, rd) != (None, None)]


@pytest.mark.parametrize("sa,rd", LEGACY)
def test_legacy_args(sa, rd):
    expected = "none" if rd is False else ("sum" if sa is False else "mean")
    text = (f"size_average and reduce args will be deprecated, please use "
            f"reduction='{expected}' instead.")
    with pytest.warns(UserWarning, match=re.escape(text)):
        m = numtorch.nn.MSELoss(size_average=sa, reduce=rd)
    with pytest.warns(UserWarning, match=re.escape(text)):
        t = torch.nn.MSELoss(size_average=sa, reduce=rd)
    assert m.reduction == t.reduction == expected
    x, y = _r(3, 2), _r(3, 2)
    with pytest.warns(UserWarning, match=re.escape(text)):
        ours = numtorch.nn.functional.l1_loss(numtorch.from_numpy(x), numtorch.from_numpy(y),
                                              size_average=sa, reduce=rd)
    with pytest.warns(UserWarning, match=re.escape(text)):
        theirs = torch.nn.functional.l1_loss(torch.from_numpy(x), torch.from_numpy(y),
                                             size_average=sa, reduce=rd)
    np.testing.assert_allclose(ours.numpy(), theirs.numpy())


def test_legacy_args_weighted_and_reduction_helpers():
    from numtorch.nn import _reduction

    with pytest.warns(UserWarning, match="reduction='sum'"):
        m = numtorch.nn.CrossEntropyLoss(size_average=False)
    assert m.reduction == "sum"
    assert _reduction.legacy_get_string(None, False, emit_warning=False) == "none"
    assert [_reduction.get_enum(r) for r in ("none", "mean", "sum")] == [0, 1, 2]
    with pytest.raises(ValueError, match="foo is not a valid value for reduction"):
        _reduction.get_enum("foo")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _reduction.legacy_get_string(True, True, emit_warning=False) == "mean"


# ---------------------------------------------------------------- warnings
@pytest.mark.parametrize("name", ["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss"])
def test_target_size_warning(name):
    x, y = _r(3, 1), _r(3)
    text = ("Using a target size (torch.Size([3])) that is different to the input size "
            "(torch.Size([3, 1])). This will likely lead to incorrect results due to "
            "broadcasting. Please ensure they have the same size.")
    with pytest.warns(UserWarning, match=re.escape(text)):
        ours = getattr(numtorch.nn.functional, name)(numtorch.from_numpy(x),
                                                     numtorch.from_numpy(y))
    with pytest.warns(UserWarning, match=re.escape(text)):
        theirs = getattr(torch.nn.functional, name)(torch.from_numpy(x), torch.from_numpy(y))
    np.testing.assert_allclose(ours.numpy(), theirs.numpy(), rtol=1e-12)


def test_target_size_mismatch_error_after_warning():
    for lib in (numtorch, torch):
        with pytest.warns(UserWarning, match="different to the input size"):
            with pytest.raises(RuntimeError, match="must match the size of tensor b"):
                lib.nn.functional.mse_loss(lib.zeros(3, 2), lib.zeros(4))


def test_kl_div_mean_warning():
    x, y = _r(2, 3), _r(2, 3, lo=0.1, hi=1)
    text = "reduction: 'mean' divides the total loss by both the batch size and the support size."
    with pytest.warns(UserWarning, match=re.escape(text)):
        ours = numtorch.nn.KLDivLoss()(numtorch.from_numpy(x), numtorch.from_numpy(y))
    with pytest.warns(UserWarning, match=re.escape(text)):
        theirs = torch.nn.KLDivLoss()(torch.from_numpy(x), torch.from_numpy(y))
    np.testing.assert_allclose(ours.numpy(), theirs.numpy(), rtol=1e-12)


# ---------------------------------------------------------------- errors through modules
def _both(fn, exc, match):
    with pytest.raises(exc):
        fn(torch)
    with pytest.raises(exc, match=match):
        fn(numtorch)


def test_module_errors():
    x, t = _r(3, 5), np.array([0, 5, 1])
    _both(lambda lib: lib.nn.CrossEntropyLoss()(lib.from_numpy(x), lib.from_numpy(t)),
          IndexError, "Target 5 is out of bounds.")
    _both(lambda lib: lib.nn.NLLLoss()(lib.from_numpy(x), lib.from_numpy(t[:2])),
          ValueError, re.escape("Expected input batch_size (3) to match target batch_size (2)."))
    _both(lambda lib: lib.nn.BCELoss()(lib.full((3,), 1.5), lib.zeros(3)),
          RuntimeError, "all elements of input should be between 0 and 1")
    _both(lambda lib: lib.nn.BCEWithLogitsLoss()(lib.zeros(3), lib.zeros(2)), ValueError,
          re.escape("Target size (torch.Size([2])) must be the same as input size "
                    "(torch.Size([3]))"))
    _both(lambda lib: lib.nn.MSELoss(reduction="foo")(lib.zeros(3), lib.zeros(3)), ValueError,
          "foo is not a valid value for reduction")
    _both(lambda lib: lib.nn.CrossEntropyLoss()(lib.zeros(3, 5), lib.zeros(3)), RuntimeError,
          "expected target dtype to be Long or Byte, but got Float")
    _both(lambda lib: lib.nn.functional.nll_loss(
        lib.zeros(3, 5), lib.tensor([0, 1, 2]), weight=lib.ones(5, requires_grad=True)),
        RuntimeError, "not differentiable with respect to argument 'weight'")
    _both(lambda lib: lib.nn.functional.soft_margin_loss(
        lib.zeros(3), lib.ones(3, requires_grad=True)),
        RuntimeError, "not differentiable with respect to argument 'target'")


# ---------------------------------------------------------------- numerics
def test_cross_entropy_dtypes_and_mixed_precision():
    x, p = _r(4, 5, dt="float32"), rng.dirichlet(np.ones(5), size=4)
    for xd, pd in [("float32", "float64"), ("float64", "float32")]:
        ours = numtorch.nn.functional.cross_entropy(numtorch.from_numpy(x.astype(xd)),
                                                    numtorch.from_numpy(p.astype(pd)))
        theirs = torch.nn.functional.cross_entropy(torch.from_numpy(x.astype(xd)),
                                                   torch.from_numpy(p.astype(pd)))
        assert str(ours.dtype) == str(theirs.dtype)
        np.testing.assert_allclose(ours.numpy(), theirs.numpy(), rtol=1e-6)
    out = numtorch.nn.functional.cross_entropy(numtorch.from_numpy(x),
                                               numtorch.tensor([0, 1, 2, 3]))
    assert out.dtype == numtorch.float32


def test_grad_fn_names():
    F = numtorch.nn.functional
    x = numtorch.randn(3, 5, requires_grad=True)
    y = numtorch.rand(3, 5)
    t = numtorch.tensor([0, 1, 2])
    assert F.cross_entropy(x, t).grad_fn.name() == "NllLossBackward0"
    assert F.cross_entropy(x.reshape(3, 5, 1), t.reshape(3, 1)).grad_fn.name() == \
        "NllLoss2DBackward0"
    assert F.nll_loss(x, t).grad_fn.name() == "NllLossBackward0"
    assert F.cross_entropy(x, t, label_smoothing=0.1).grad_fn.name() == "AddBackward0"
    assert F.cross_entropy(x, y).grad_fn.name() == "DivBackward1"
    assert F.cross_entropy(x, y, reduction="sum").grad_fn.name() == "NegBackward0"
    assert F.mse_loss(x, y).grad_fn.name() == "MseLossBackward0"
    assert F.smooth_l1_loss(x, y).grad_fn.name() == "SmoothL1LossBackward0"
    assert F.huber_loss(x, y).grad_fn.name() == "HuberLossBackward0"
    assert F.binary_cross_entropy(y.requires_grad_(), y.detach()).grad_fn.name() == \
        "BinaryCrossEntropyBackward0"
    assert F.binary_cross_entropy_with_logits(x, y.detach()).grad_fn.name() == \
        "BinaryCrossEntropyWithLogitsBackward0"


GRADCHECKS = [
    ("ce-probs", lambda F, x, p: F.cross_entropy(x, p, label_smoothing=0.2),
     lambda: (_r(3, 4), rng.dirichlet(np.ones(4), size=3))),
    ("ce-probs-2d", lambda F, x, p: F.cross_entropy(x, p, reduction="none"),
     lambda: (_r(2, 3, 2), rng.dirichlet(np.ones(3), size=(2, 2)).transpose(0, 2, 1).copy())),
    ("bce-target", lambda F, x, y: F.binary_cross_entropy(x, y),
     lambda: (_r(3, 2, lo=0.1, hi=0.9), _r(3, 2, lo=0, hi=1))),
    ("bcel-pos-weight", lambda F, x, y: F.binary_cross_entropy_with_logits(
        x, y, pos_weight=numtorch.tensor([2.0, 0.5], dtype=numtorch.float64)),
     lambda: (_r(3, 2), _r(3, 2, lo=0, hi=1))),
    ("gaussian-var", lambda F, x, y, v: F.gaussian_nll_loss(x, y, v),
     lambda: (_r(3, 2), _r(3, 2), _r(3, 2, lo=0.5, hi=2))),
    ("huber", lambda F, x, y: F.huber_loss(x, y, delta=0.5),
     lambda: (_r(3, 2), _r(3, 2))),
]


@pytest.mark.parametrize("fn,make", [g[1:] for g in GRADCHECKS], ids=[g[0] for g in GRADCHECKS])
def test_gradcheck(fn, make):
    args = tuple(numtorch.from_numpy(a).requires_grad_() for a in make())
    F = numtorch.nn.functional
    assert numtorch.autograd.gradcheck(lambda *a: fn(F, *a), args, eps=1e-6, atol=1e-5)


def test_double_backward_of_pointwise_losses():
    F = numtorch.nn.functional
    for fn in (F.mse_loss, F.smooth_l1_loss, F.huber_loss, F.binary_cross_entropy_with_logits):
        x = numtorch.from_numpy(_r(3, 2)).requires_grad_()
        y = numtorch.from_numpy(_r(3, 2, lo=0, hi=1))
        assert numtorch.autograd.gradgradcheck(lambda a: fn(a, y), (x,))


def test_cross_entropy_all_ignored_and_empty():
    for lib in (numtorch, torch):
        x = lib.zeros(2, 3, requires_grad=True)
        t = lib.tensor([-100, -100])
        loss = lib.nn.functional.cross_entropy(x, t)
        assert loss.isnan().item()
        loss.backward()
        assert (x.grad == 0).all().item()
        e = lib.nn.functional.cross_entropy(lib.zeros(0, 3), lib.zeros(0, dtype=lib.int64),
                                            reduction="sum")
        assert e.item() == 0.0


# ---------------------------------------------------------------- dtype rules and edge cases
EDGE = {
    "mse-f32-f64": lambda L: L.nn.functional.mse_loss(L.ones(3), L.zeros(3, dtype=L.float64)),
    "mse-int": lambda L: L.nn.functional.mse_loss(L.ones(3, dtype=L.int64),
                                                  L.zeros(3, dtype=L.int64)),
    "mse-0d-target": lambda L: L.nn.functional.mse_loss(L.ones(3), L.tensor(2.0)),
    "huber-f32-f64": lambda L: L.nn.functional.huber_loss(L.ones(3), L.zeros(3, dtype=L.float64)),
    "huber-f64-f32": lambda L: L.nn.functional.huber_loss(L.ones(3, dtype=L.float64), L.zeros(3)),
    "smooth_l1-int": lambda L: L.nn.functional.smooth_l1_loss(L.ones(3, dtype=L.int64),
                                                              L.zeros(3, dtype=L.int64)),
    "soft_margin-f32-f64": lambda L: L.nn.functional.soft_margin_loss(
        L.ones(3), L.ones(3, dtype=L.float64)),
    "soft_margin-int": lambda L: L.nn.functional.soft_margin_loss(L.ones(3, dtype=L.int64),
                                                                  L.ones(3, dtype=L.int64)),
    "bce-f32-f64": lambda L: L.nn.functional.binary_cross_entropy(
        L.full((3,), 0.5), L.zeros(3, dtype=L.float64)),
    "bce-weight-f64": lambda L: L.nn.functional.binary_cross_entropy(
        L.full((2, 3), 0.5), L.zeros(2, 3), weight=L.ones(2, 3, dtype=L.float64)),
    "bce-weight-bad-shape": lambda L: L.nn.functional.binary_cross_entropy(
        L.full((2, 3), 0.5), L.zeros(2, 3), weight=L.ones(4)),
    "bce-target-range": lambda L: L.nn.functional.binary_cross_entropy(
        L.full((2, 3), 0.5), L.full((2, 3), 2.0)),
    "bce-int": lambda L: L.nn.functional.binary_cross_entropy(L.ones(3, dtype=L.int64),
                                                              L.zeros(3, dtype=L.int64)),
    "bcel-f64-f32": lambda L: L.nn.functional.binary_cross_entropy_with_logits(
        L.ones(3, dtype=L.float64), L.zeros(3)),
    "bcel-int-target": lambda L: L.nn.functional.binary_cross_entropy_with_logits(
        L.ones(3), L.zeros(3, dtype=L.int64)),
    "nll-unbatched-1": lambda L: L.nn.functional.nll_loss(L.arange(3.0), L.tensor([1]),
                                                          reduction="none"),
    "ce-unbatched-none": lambda L: L.nn.functional.cross_entropy(L.arange(3.0), L.tensor(1),
                                                                 reduction="none"),
    "ce-unbatched-probs-weight": lambda L: L.nn.functional.cross_entropy(
        L.arange(3.0), L.tensor([0.2, 0.3, 0.5]), weight=L.tensor([1.0, 2, 3])),
    "ce-first-bad-target": lambda L: L.nn.functional.cross_entropy(L.ones(3, 3),
                                                                   L.tensor([0, 7, 5])),
    "ce-uint8-target": lambda L: L.nn.functional.cross_entropy(
        L.arange(6.0).reshape(2, 3), L.tensor([2, 0], dtype=L.uint8)),
    "kl-0d-batchmean": lambda L: L.nn.functional.kl_div(L.tensor(0.5), L.tensor(0.3),
                                                        reduction="batchmean"),
    "hinge-int-target": lambda L: L.nn.functional.hinge_embedding_loss(L.ones(3),
                                                                       L.tensor([1, -1, 1])),
    "mlsm-3d": lambda L: L.nn.functional.multilabel_soft_margin_loss(L.ones(2, 3, 4),
                                                                     L.ones(2, 3, 4)),
    "multi_margin-range": lambda L: L.nn.functional.multi_margin_loss(L.ones(2, 3),
                                                                      L.tensor([0, 3])),
    "multilabel_margin-range": lambda L: L.nn.functional.multilabel_margin_loss(
        L.ones(2, 3), L.tensor([[0, 3, -1], [0, -1, 0]])),
    "multilabel_margin-repeated": lambda L: L.nn.functional.multilabel_margin_loss(
        L.arange(6.0).reshape(2, 3), L.tensor([[0, 0, -1], [1, 1, 2]])),
    "triplet-3d": lambda L: L.nn.functional.triplet_margin_loss(
        L.ones(2, 3, 4), L.zeros(2, 3, 4), L.ones(2, 3, 4) * 2),
}


def _outcome(lib, fn):
    try:
        r = fn(lib)
    except Exception as e:  # noqa: BLE001  (the exception type is what is compared)
        return type(e).__name__, str(e)
    return str(r.dtype), tuple(r.shape), r.detach().numpy()


@pytest.mark.parametrize("fn", EDGE.values(), ids=EDGE.keys())
def test_edge_cases_match_torch(fn):
    ours, theirs = _outcome(numtorch, fn), _outcome(torch, fn)
    assert ours[0] == theirs[0], (ours, theirs)
    if len(theirs) == 2:
        assert ours[1] == theirs[1]  # same message
    else:
        assert ours[1] == theirs[1]
        np.testing.assert_allclose(ours[2], theirs[2], rtol=1e-6)

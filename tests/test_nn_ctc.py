"""CTC loss against torch: values, gradients (torch's CPU formula), every reduction,
padded and concatenated targets, batched and unbatched inputs, zero_infinity, errors."""

import time

import numpy as np
import pytest
import torch

import numtorch
from nn_util import check_module

TOL = {"float32": (2e-5, 2e-6), "float64": (1e-10, 1e-12)}


def _log_probs(rng, shape, dt):
    return np.log(rng.dirichlet(np.ones(shape[-1]), size=shape[:-1])).astype(dt)


def _lengths(lib, v, as_tensor):
    return lib.tensor(v) if as_tensor else tuple(v)


def _run(lib, lp, targets, il, tl, as_tensor=True, grad_seed=1, **kw):
    """Loss, d loss / d log_probs for a random upstream gradient, and the grad_fn name."""
    x = lib.from_numpy(lp.copy()).requires_grad_()
    out = lib.nn.functional.ctc_loss(x, lib.from_numpy(np.asarray(targets).copy()),
                                     _lengths(lib, il, as_tensor), _lengths(lib, tl, as_tensor),
                                     **kw)
    g = np.random.default_rng(grad_seed).standard_normal(tuple(out.shape)).astype(lp.dtype)
    out.backward(lib.from_numpy(g))
    return out.detach().numpy(), x.grad.numpy(), type(out.grad_fn).__name__, str(out.dtype)


def _compare(lp, targets, il, tl, **kw):
    ours = _run(numtorch, lp, targets, il, tl, **kw)
    theirs = _run(torch, lp, targets, il, tl, **kw)
    rtol, atol = TOL[str(lp.dtype)]
    np.testing.assert_allclose(ours[0], theirs[0], rtol=rtol, atol=atol, err_msg="loss")
    np.testing.assert_allclose(ours[1], theirs[1], rtol=rtol, atol=atol, equal_nan=True,
                               err_msg="grad")
    assert ours[2:] == theirs[2:]
    return ours


T, N, C, S = 12, 4, 6, 5
IL, TL = [12, 10, 7, 3], [5, 3, 4, 1]


def _padded(rng):
    tg = rng.integers(1, C, size=(N, S))
    tg[0, 1] = tg[0, 0]  # a repeated label: the alignment needs a blank between them
    tg[1, 3:] = -1  # padding past a target's length is never read
    return tg


@pytest.mark.parametrize("dt", ["float32", "float64"])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("as_tensor", [True, False])
def test_padded_targets(dt, reduction, as_tensor):
    rng = np.random.default_rng(0)
    _compare(_log_probs(rng, (T, N, C), dt), _padded(rng), IL, TL, reduction=reduction,
             as_tensor=as_tensor)


@pytest.mark.parametrize("dt", ["float32", "float64"])
@pytest.mark.parametrize("reduction", ["mean", "none"])
def test_concatenated_targets(dt, reduction):
    rng = np.random.default_rng(1)
    tg = rng.integers(1, C, size=sum(TL))
    _compare(_log_probs(rng, (T, N, C), dt), tg, IL, TL, reduction=reduction)
    # the same targets padded give the same loss
    pad = np.zeros((N, S), np.int64)
    for i, (o, n) in enumerate(zip(np.cumsum([0] + TL[:-1]), TL)):
        pad[i, :n] = tg[o:o + n]
    lp = _log_probs(np.random.default_rng(1), (T, N, C), dt)
    a = _run(numtorch, lp, tg, IL, TL, reduction="none")[0]
    np.testing.assert_array_equal(a, _run(numtorch, lp, pad, IL, TL, reduction="none")[0])


@pytest.mark.parametrize("dt", ["float32", "float64"])
def test_blank_and_empty_targets(dt):
    rng = np.random.default_rng(2)
    lp = _log_probs(rng, (T, N, C), dt)
    tg = rng.integers(0, C - 1, size=(N, S))
    _compare(lp, tg, IL, [5, 0, 2, 0], blank=C - 1, reduction="none")
    _compare(lp, tg, [12, 0, 0, 3], [5, 0, 2, 0], reduction="none")  # empty inputs
    _compare(lp, np.zeros(0, np.int64), IL, [0, 0, 0, 0])
    _compare(lp, tg % 3, IL, TL, blank=2, reduction="sum")  # labels equal to the blank


@pytest.mark.parametrize("dt", ["float32", "float64"])
@pytest.mark.parametrize("reduction", ["mean", "none"])
def test_unbatched(dt, reduction):
    rng = np.random.default_rng(3)
    lp = _log_probs(rng, (T, C), dt)
    tg = rng.integers(1, C, size=S)
    _compare(lp, tg, [T], [S], reduction=reduction)
    _compare(lp, tg[None], [9], [3], reduction=reduction)  # a (1, S) padded target
    _compare(lp, tg, (T,), (S,), reduction=reduction, as_tensor=False)
    out = numtorch.nn.functional.ctc_loss(numtorch.from_numpy(lp), numtorch.from_numpy(tg),
                                          numtorch.tensor(T), numtorch.tensor(S), reduction="none")
    assert out.shape == ()


@pytest.mark.parametrize("dt", ["float32", "float64"])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_impossible_alignments(dt, reduction):
    """Targets longer than their inputs (or needing blanks between repeats that don't fit)
    have infinite loss and NaN gradient; zero_infinity zeroes both."""
    rng = np.random.default_rng(4)
    lp = _log_probs(rng, (T, N, C), dt)
    tg = rng.integers(1, C, size=(N, S))
    tg[1, :2] = 3  # a repeat: 2 labels need 3 steps
    il, tl = [3, 2, 7, 12], [5, 2, 4, 1]
    loss, grad = _compare(lp, tg, il, tl, reduction=reduction)[:2]
    assert np.isinf(loss).any() and np.isnan(grad).any()
    loss, grad = _compare(lp, tg, il, tl, reduction=reduction, zero_infinity=True)[:2]
    assert np.isfinite(loss).all() and np.isfinite(grad).all()
    assert (grad[:, :2] == 0).all() and (grad[:, 2:7] != 0).any()


def test_gradcheck():
    """torch's gradient is exp(log_probs) - occupancy: the true gradient once it passes
    back through log_softmax (the term exp(log_probs) sums to 1 per step and cancels)."""
    rng = np.random.default_rng(5)
    x = numtorch.from_numpy(rng.standard_normal((5, 2, 4))).requires_grad_()
    tg = numtorch.tensor([[1, 1, 2], [3, 2, 0]])

    def f(x):
        return numtorch.nn.functional.ctc_loss(x.log_softmax(2), tg, (5, 4), (2, 2),
                                               reduction="none")

    assert numtorch.autograd.gradcheck(f, (x,), eps=1e-6, atol=1e-6, rtol=1e-4)
    g = numtorch.nn.functional.ctc_loss(x.log_softmax(2), tg, (5, 4), (2, 2), zero_infinity=True)
    assert numtorch.autograd.gradcheck(lambda x: numtorch.nn.functional.ctc_loss(
        x.log_softmax(2), tg, (5, 1), (2, 2), zero_infinity=True), (x,))
    assert g.requires_grad


def test_larger_batch_fast():
    """torch's docstring example: vectorised over batch and labels, looping only over time."""
    rng = np.random.default_rng(6)
    lp = _log_probs(rng, (50, 16, 20), "float32")
    tg = rng.integers(1, 20, size=(16, 30))
    tl = rng.integers(10, 30, size=16).tolist()
    start = time.perf_counter()
    _compare(lp, tg, [50] * 16, tl)
    assert time.perf_counter() - start < 2


def test_module():
    rng = np.random.default_rng(7)
    lp = _log_probs(rng, (T, N, C), "float64")
    tg = _padded(rng)

    def inputs(lib):
        return (lib.from_numpy(lp.copy()).requires_grad_(), lib.from_numpy(tg.copy()),
                lib.tensor(IL), lib.tensor(TL))

    for kw in ({}, {"blank": 0, "reduction": "sum"}, {"reduction": "none", "zero_infinity": True}):
        check_module(lambda lib: lib.nn.CTCLoss(**kw), inputs)
    m = numtorch.nn.CTCLoss(blank=2, reduction="sum", zero_infinity=True)
    assert repr(m) == "CTCLoss()" == repr(torch.nn.CTCLoss(blank=2))
    assert (m.blank, m.reduction, m.zero_infinity) == (2, "sum", True)
    assert list(m.state_dict()) == [] and numtorch.nn.CTCLoss.__constants__ == ["blank",
                                                                               "reduction"]


def _both(f):
    """The exception type and message of ``f(lib)`` for each library."""
    out = []
    for lib in (numtorch, torch):
        with pytest.raises(Exception) as info:
            f(lib)
        out.append((info.type, str(info.value).replace("numtorch", "torch")))
    return out


def _lp(lib, shape=(5, 2, 4), dtype="float32"):
    return lib.zeros(shape, dtype=getattr(lib, dtype)).log_softmax(-1)


def _tg(lib, *shape):
    return lib.ones(shape or (2, 3), dtype=lib.int64)


ERRORS = {
    "blank": lambda lib, F: F.ctc_loss(_lp(lib), _tg(lib), (5, 4), (3, 2), blank=4),
    "negative blank": lambda lib, F: F.ctc_loss(_lp(lib), _tg(lib), (5, 4), (3, 2), blank=-1),
    "input too long": lambda lib, F: F.ctc_loss(_lp(lib), _tg(lib), (6, 4), (3, 2)),
    "negative input": lambda lib, F: F.ctc_loss(_lp(lib), _tg(lib), (-1, 4), (3, 2)),
    "negative target": lambda lib, F: F.ctc_loss(_lp(lib), _tg(lib), (5, 4), (-1, 2)),
    "target too long": lambda lib, F: F.ctc_loss(_lp(lib), _tg(lib), (5, 4), (4, 2)),
    "concatenated size": lambda lib, F: F.ctc_loss(_lp(lib), _tg(lib, 6), (5, 4), (3, 2)),
    "targets rows": lambda lib, F: F.ctc_loss(_lp(lib), _tg(lib, 1, 3), (5, 4), (3, 2)),
    "targets dims": lambda lib, F: F.ctc_loss(_lp(lib), _tg(lib, 2, 3, 1), (5, 4), (3, 2)),
    "input lengths size": lambda lib, F: F.ctc_loss(_lp(lib), _tg(lib), (5, 4, 3), (3, 2)),
    "target lengths size": lambda lib, F: F.ctc_loss(_lp(lib), _tg(lib), (5, 4), (3,)),
    "log_probs dims": lambda lib, F: F.ctc_loss(_lp(lib, (1, 5, 2, 4)), _tg(lib), (5, 4), (3, 2)),
    "log_probs 1-d": lambda lib, F: F.ctc_loss(_lp(lib, (5,)), _tg(lib), (5, 4), (3, 2)),
    "empty": lambda lib, F: F.ctc_loss(_lp(lib, (0, 2, 4)), _tg(lib), (0, 0), (0, 0)),
    "half": lambda lib, F: F.ctc_loss(_lp(lib, dtype="float16"), _tg(lib), (5, 4), (3, 2)),
    "integer": lambda lib, F: F.ctc_loss(_tg(lib, 5, 2, 4), _tg(lib), (5, 4), (3, 2)),
    "float lengths": lambda lib, F: F.ctc_loss(_lp(lib), _tg(lib), lib.tensor([5.0, 4.0]),
                                               lib.tensor([3, 2])),
    "float target lengths": lambda lib, F: F.ctc_loss(_lp(lib), _tg(lib), lib.tensor([5, 4]),
                                                      lib.tensor([3.0, 2.0])),
    "reduction": lambda lib, F: F.ctc_loss(_lp(lib), _tg(lib), (5, 4), (3, 2), reduction="x"),
}


@pytest.mark.parametrize("case", list(ERRORS))
def test_errors(case):
    ours, theirs = _both(lambda lib: ERRORS[case](lib, lib.nn.functional))
    assert ours == theirs


def test_mixed_length_kinds_are_a_type_error():
    for il, tl in (((5, 4), "tensor"), ("tensor", (3, 2)), (5, 3)):
        def f(lib):
            a = lib.tensor([5, 4]) if il == "tensor" else il
            b = lib.tensor([3, 2]) if tl == "tensor" else tl
            return lib.nn.functional.ctc_loss(_lp(lib), _tg(lib), a, b)

        (to, mo), (tt, mt) = _both(f)
        assert to is tt is TypeError
        assert mo.splitlines()[0] == mt.splitlines()[0]

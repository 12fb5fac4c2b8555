"""nn.RNN / LSTM / GRU, the cells and nn.utils.rnn against torch: same weights, same
outputs and gradients, torch's reprs and errors, dropout between layers, gradcheck."""

import warnings

import numpy as np
import pytest
import torch

import numtorch
import numtorch.nn.utils.rnn as nrnn
import torch.nn.utils.rnn as trnn
from nn_util import check_module

RNG = np.random.default_rng(0)


def _x(*shape, dt=np.float64):
    return RNG.uniform(-1, 1, shape).astype(dt)


def _utils(lib):
    return nrnn if lib is numtorch else trnn


# ---------------------------------------------------------------- modules vs torch
LSTM_CASES = [
    ("default", lambda lib: lib.nn.LSTM(4, 6), (_x(5, 3, 4),)),
    ("2 layers bidirectional h0 c0",
     lambda lib: lib.nn.LSTM(4, 5, num_layers=2, bidirectional=True),
     lambda lib: (lib.from_numpy(_X1).requires_grad_(),
                  (lib.from_numpy(_H4).requires_grad_(), lib.from_numpy(_C4).requires_grad_()))),
    ("batch_first no bias", lambda lib: lib.nn.LSTM(4, 5, bias=False, batch_first=True),
     (_x(3, 6, 4),)),
    ("proj_size", lambda lib: lib.nn.LSTM(4, 5, num_layers=2, proj_size=3, bidirectional=True),
     (_x(4, 2, 4),)),
    ("unbatched", lambda lib: lib.nn.LSTM(4, 5, num_layers=2), (_x(6, 4),)),
    ("unbatched hx", lambda lib: lib.nn.LSTM(4, 5, batch_first=True),
     lambda lib: (lib.from_numpy(_X2).requires_grad_(),
                  (lib.from_numpy(_H1).requires_grad_(), lib.from_numpy(_C1).requires_grad_()))),
    ("dropout eval", lambda lib: lib.nn.LSTM(4, 5, num_layers=3, dropout=0.5), (_x(3, 2, 4),)),
]
_X1, _H4, _C4 = _x(5, 3, 4), _x(4, 3, 5), _x(4, 3, 5)
_X2, _H1, _C1 = _x(4, 4), _x(1, 5), _x(1, 5)


@pytest.mark.parametrize("name,ctor,inputs", LSTM_CASES, ids=[c[0] for c in LSTM_CASES])
def test_lstm(name, ctor, inputs):
    modes = ("eval",) if "dropout" in name else ("train", "eval")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "LSTM with projections is not supported")
        check_module(ctor, *(inputs if isinstance(inputs, tuple) else (inputs,)), modes=modes)


_HG = _x(2, 3, 6)
GRU_RNN_CASES = [
    ("gru default", lambda lib: lib.nn.GRU(4, 6), (_x(5, 3, 4),)),
    ("gru 2 layers bidirectional h0", lambda lib: lib.nn.GRU(4, 6, num_layers=2),
     (_x(5, 3, 4), _HG)),
    ("gru bidirectional batch_first no bias",
     lambda lib: lib.nn.GRU(4, 5, bidirectional=True, batch_first=True, bias=False),
     (_x(3, 6, 4),)),
    ("gru unbatched hx", lambda lib: lib.nn.GRU(4, 6, num_layers=2), (_x(5, 4), _x(2, 6))),
    ("rnn tanh", lambda lib: lib.nn.RNN(4, 6), (_x(5, 3, 4),)),
    ("rnn relu 2 layers bidirectional h0",
     lambda lib: lib.nn.RNN(4, 6, 2, "relu", bidirectional=True), (_x(5, 3, 4), _x(4, 3, 6))),
    ("rnn batch_first no bias unbatched",
     lambda lib: lib.nn.RNN(4, 5, nonlinearity="relu", bias=False, batch_first=True),
     (_x(6, 4),)),
    ("gru dropout eval", lambda lib: lib.nn.GRU(4, 5, num_layers=2, dropout=0.3), (_x(3, 2, 4),)),
]


@pytest.mark.parametrize("name,ctor,inputs", GRU_RNN_CASES, ids=[c[0] for c in GRU_RNN_CASES])
def test_gru_rnn(name, ctor, inputs):
    modes = ("eval",) if "dropout" in name else ("train", "eval")
    check_module(ctor, *inputs, modes=modes)


def test_lstm_float32():
    check_module(lambda lib: lib.nn.LSTM(8, 16, num_layers=2, bidirectional=True),
                 _x(7, 4, 8, dt=np.float32))
    check_module(lambda lib: lib.nn.GRU(8, 16, batch_first=True), _x(4, 7, 8, dt=np.float32))


CELL_CASES = [
    ("rnn cell", lambda lib: lib.nn.RNNCell(4, 5), (_x(3, 4), _x(3, 5))),
    ("rnn cell relu no hx", lambda lib: lib.nn.RNNCell(4, 5, nonlinearity="relu"), (_x(3, 4),)),
    ("rnn cell no bias unbatched", lambda lib: lib.nn.RNNCell(4, 5, bias=False),
     (_x(4), _x(5))),
    ("lstm cell", lambda lib: lib.nn.LSTMCell(4, 5),
     lambda lib: (lib.from_numpy(_CX).requires_grad_(),
                  (lib.from_numpy(_CH).requires_grad_(), lib.from_numpy(_CC).requires_grad_()))),
    ("lstm cell no bias no hx", lambda lib: lib.nn.LSTMCell(3, 4, bias=False), (_x(2, 3),)),
    ("lstm cell unbatched", lambda lib: lib.nn.LSTMCell(3, 4), (_x(3),)),
    ("gru cell", lambda lib: lib.nn.GRUCell(4, 5), (_x(3, 4), _x(3, 5))),
    ("gru cell no bias unbatched", lambda lib: lib.nn.GRUCell(4, 5, bias=False), (_x(4),)),
]
_CX, _CH, _CC = _x(3, 4), _x(3, 5), _x(3, 5)


@pytest.mark.parametrize("name,ctor,inputs", CELL_CASES, ids=[c[0] for c in CELL_CASES])
def test_cells(name, ctor, inputs):
    check_module(ctor, *(inputs if isinstance(inputs, tuple) else (inputs,)))


@pytest.mark.parametrize("cls", ["LSTM", "GRU", "RNN"])
def test_packed_input(cls):
    lengths = [5, 3, 2]
    x = _x(5, 3, 4)

    def inputs(lib):
        t = lib.from_numpy(x.copy()).requires_grad_()
        return (_utils(lib).pack_padded_sequence(t, lengths[::-1], enforce_sorted=False),)

    def ctor(lib):
        return getattr(lib.nn, cls)(4, 5, num_layers=2, bidirectional=True)

    ours, theirs = check_module(ctor, inputs)
    out_o, h_o = ours(*inputs(numtorch))
    assert isinstance(out_o, nrnn.PackedSequence)
    padded, lens = nrnn.pad_packed_sequence(out_o)
    padded_t, lens_t = trnn.pad_packed_sequence(theirs(*inputs(torch))[0])
    np.testing.assert_allclose(padded.detach().numpy(), padded_t.detach().numpy(), atol=1e-9)
    assert lens.tolist() == lens_t.tolist()


def test_packed_input_with_hidden():
    x, h0, c0 = _x(4, 3, 4), _x(2, 3, 5), _x(2, 3, 5)

    def inputs(lib):
        t = lib.from_numpy(x.copy())
        packed = _utils(lib).pack_padded_sequence(t, [2, 4, 1], enforce_sorted=False)
        h = lib.from_numpy(h0.copy()).requires_grad_()
        c = lib.from_numpy(c0.copy()).requires_grad_()
        return packed, (h, c)

    check_module(lambda lib: lib.nn.LSTM(4, 5, bidirectional=True), inputs)


def test_saved_state_rules():
    m = numtorch.nn.LSTM(3, 4)
    x = numtorch.randn(2, 1, 3, requires_grad=True)
    loss = m(x)[0].sum()
    loss.backward(retain_graph=True)
    loss.backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        loss.backward()
    loss = m(x)[0].sum()
    with numtorch.no_grad():
        m.weight_hh_l0.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        loss.backward()


# ---------------------------------------------------------------- attributes
def test_weights_attributes():
    for lib in (numtorch, torch):
        m = lib.nn.LSTM(3, 4, num_layers=2, bidirectional=True, proj_size=2)
        assert m._flat_weights_names[:5] == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0",
                                             "bias_hh_l0", "weight_hr_l0"]
        assert len(m.all_weights) == 4 and m.all_weights[1][0] is m.weight_ih_l0_reverse
        assert m._flat_weights[0] is m.weight_ih_l0
        m.flatten_parameters()
    m = numtorch.nn.GRU(3, 4, bias=False)
    assert list(m.state_dict()) == ["weight_ih_l0", "weight_hh_l0"]
    bound = 1 / np.sqrt(4)
    for p in m.parameters():
        a = p.detach().numpy()
        assert a.min() >= -bound and a.max() <= bound
    assert numtorch.nn.RNNCell(3, 4).bias_ih.shape == (4,)
    assert numtorch.nn.GRUCell(3, 4, bias=False).bias_hh is None


def test_replaced_weight_is_used():
    m = numtorch.nn.RNN(2, 3)
    m.weight_hh_l0 = numtorch.nn.Parameter(numtorch.zeros(3, 3))
    m.weight_ih_l0 = numtorch.nn.Parameter(numtorch.zeros(3, 2))
    with numtorch.no_grad():
        m.bias_ih_l0.zero_()
        m.bias_hh_l0.fill_(0.5)
    out, h = m(numtorch.ones(4, 1, 2))
    np.testing.assert_allclose(out.detach().numpy(), np.tanh(0.5), rtol=1e-6)


# ---------------------------------------------------------------- dropout between layers
def test_dropout_train():
    m = numtorch.nn.LSTM(4, 8, num_layers=3, dropout=0.5)
    x = numtorch.from_numpy(_x(6, 5, 4, dt=np.float32))
    numtorch.manual_seed(3)
    a, (ha, ca) = m(x)
    numtorch.manual_seed(3)
    b, (hb, cb) = m(x)
    assert a.shape == (6, 5, 8) and ha.shape == (3, 5, 8)
    np.testing.assert_array_equal(a.detach().numpy(), b.detach().numpy())
    c, _ = m(x)
    assert not np.array_equal(a.detach().numpy(), c.detach().numpy())
    m.eval()
    e1, _ = m(x)
    e2, _ = m(x)
    np.testing.assert_array_equal(e1.detach().numpy(), e2.detach().numpy())
    assert not np.array_equal(a.detach().numpy(), e1.detach().numpy())
    # the first layer's states do not see dropout: same in train and eval
    m.train()
    _, (ht, _) = m(x)
    np.testing.assert_allclose(ht[0].detach().numpy(), m.eval()(x)[1][0][0].detach().numpy(),
                               rtol=1e-6)
    # gradients flow through the dropout mask
    m.train()
    x.requires_grad_()
    m(x)[0].sum().backward()
    assert x.grad is not None and m.weight_ih_l2.grad is not None


def test_dropout_one_zeroes_between_layers():
    m = numtorch.nn.RNN(3, 4, num_layers=2, dropout=1.0)
    with numtorch.no_grad():
        m.bias_ih_l1.zero_()
        m.bias_hh_l1.zero_()
    _, h = m(numtorch.ones(2, 1, 3))
    # layer 1 sees only zeros and starts from zeros
    np.testing.assert_array_equal(h[1].detach().numpy(), 0)


# ---------------------------------------------------------------- gradcheck
def test_gradcheck_cells():
    gc = numtorch.autograd.gradcheck
    d = numtorch.float64
    for cell, hx in [(numtorch.nn.RNNCell(3, 2), lambda: numtorch.randn(2, 2, dtype=d)),
                     (numtorch.nn.GRUCell(3, 2), lambda: numtorch.randn(2, 2, dtype=d)),
                     (numtorch.nn.LSTMCell(3, 2), None)]:
        cell.double()
        x = numtorch.randn(2, 3, dtype=d, requires_grad=True)
        if hx is None:
            h = numtorch.randn(2, 2, dtype=d, requires_grad=True)
            c = numtorch.randn(2, 2, dtype=d, requires_grad=True)
            assert gc(lambda x, h, c, *w: cell(x, (h, c)), (x, h, c, *cell.parameters()))
        else:
            h = hx().requires_grad_()
            assert gc(lambda x, h, *w: cell(x, h), (x, h, *cell.parameters()))


@pytest.mark.parametrize("cls", ["LSTM", "GRU", "RNN"])
def test_gradcheck_layers(cls):
    numtorch.manual_seed(0)
    m = getattr(numtorch.nn, cls)(2, 2, num_layers=2, bidirectional=True).double()
    x = numtorch.randn(3, 2, 2, dtype=numtorch.float64, requires_grad=True)
    h = numtorch.randn(4, 2, 2, dtype=numtorch.float64, requires_grad=True)
    hx = (h, numtorch.randn(4, 2, 2, dtype=numtorch.float64, requires_grad=True)) \
        if cls == "LSTM" else h

    def f(x, *hx):
        out, h = m(x, hx if cls == "LSTM" else hx[0])
        return (out, *h) if cls == "LSTM" else (out, h)

    args = (x,) + (hx if cls == "LSTM" else (hx,))
    assert numtorch.autograd.gradcheck(f, args)
    # weights too (a smaller net keeps it quick)
    w = list(m.parameters())[:4]
    assert numtorch.autograd.gradcheck(lambda *ws: m(x, hx)[0], tuple(w))


# ---------------------------------------------------------------- errors
def _both(fn, exc, match):
    with pytest.raises(exc):
        fn(torch)
    with pytest.raises(exc, match=match):
        fn(numtorch)


ERRORS = [
    (lambda lib: lib.nn.LSTM(10, 20)(lib.randn(2, 3, 5)), RuntimeError,
     r"input.size\(-1\) must be equal to input_size. Expected 10, got 5"),
    (lambda lib: lib.nn.LSTM(10, 20)(lib.randn(2, 3, 5, 1)), ValueError,
     "LSTM: Expected input to be 2D or 3D, got 4D instead"),
    (lambda lib: lib.nn.RNN(10, 20)(lib.randn(2, 3, 5, 1)), ValueError,
     "RNN: Expected input to be 2D or 3D, got 4D tensor instead"),
    (lambda lib: lib.nn.GRU(10, 20)(lib.randn(2, 3, 10), lib.randn(2, 3, 20)), RuntimeError,
     r"Expected hidden size \(1, 3, 20\), got \[2, 3, 20\]"),
    (lambda lib: lib.nn.LSTM(10, 20)(lib.randn(2, 3, 10), (lib.randn(2, 3, 20),
                                                           lib.randn(1, 3, 20))),
     RuntimeError, r"Expected hidden\[0\] size \(1, 3, 20\), got \[2, 3, 20\]"),
    (lambda lib: lib.nn.LSTM(10, 20)(lib.randn(2, 3, 10), (lib.randn(1, 3, 20),
                                                           lib.randn(1, 3, 21))),
     RuntimeError, r"Expected hidden\[1\] size \(1, 3, 20\), got \[1, 3, 21\]"),
    (lambda lib: lib.nn.GRU(10, 20)(lib.randn(3, 10), lib.randn(2, 3, 20)), RuntimeError,
     "For unbatched 2-D input, hx should also be 2-D but got 3-D tensor"),
    (lambda lib: lib.nn.LSTM(10, 20)(lib.randn(2, 3, 10), (lib.randn(3, 20), lib.randn(3, 20))),
     RuntimeError, r"For batched 3-D input, hx and cx should also be 3-D but got \(2-D, 2-D\)"),
    (lambda lib: lib.nn.LSTM(4, 5)(lib.randn(2, 3, 4, dtype=lib.float64)), ValueError,
     r"RNN input dtype \(torch.float64\) does not match weight dtype \(torch.float32\)"),
    (lambda lib: lib.nn.LSTM(10, 20)(lib.randn(0, 3, 10)), RuntimeError,
     "Expected sequence length to be larger than 0 in RNN"),
    (lambda lib: lib.nn.RNN(10, 20, nonlinearity="foo"), ValueError,
     "Unknown nonlinearity 'foo'. Select from 'tanh' or 'relu'."),
    (lambda lib: lib.nn.RNN(10, 20, dropout=1.5), ValueError,
     r"dropout should be a number in range \[0, 1\]"),
    (lambda lib: lib.nn.GRU(10, 20, dropout=True), ValueError,
     r"dropout should be a number in range \[0, 1\]"),
    (lambda lib: lib.nn.RNN(10, 20, num_layers=0), ValueError,
     "num_layers must be greater than zero"),
    (lambda lib: lib.nn.LSTM(10, 0), ValueError, "hidden_size must be greater than zero"),
    (lambda lib: lib.nn.LSTM(10, 2.0), TypeError, "hidden_size should be of type int, got: float"),
    (lambda lib: lib.nn.LSTM(10, 20, bias=1), TypeError, "bias should be of type bool, got: int"),
    (lambda lib: lib.nn.LSTM(10, 20, proj_size=20), ValueError,
     "proj_size has to be smaller than hidden_size"),
    (lambda lib: lib.nn.LSTM(10, 20, proj_size=-1), ValueError,
     "proj_size should be a positive integer or zero"),
    (lambda lib: lib.nn.GRU(10, 20, proj_size=2), ValueError,
     "proj_size argument is only supported for LSTM, not RNN or GRU"),
    (lambda lib: lib.nn.LSTMCell(10, 20)(lib.randn(3, 5)), RuntimeError,
     "input has inconsistent input_size: got 5 expected 10"),
    (lambda lib: lib.nn.GRUCell(10, 20)(lib.randn(3, 3, 10)), ValueError,
     "GRUCell: Expected input to be 1D or 2D, got 3D instead"),
    (lambda lib: lib.nn.LSTMCell(10, 20)(lib.randn(3, 10), (lib.randn(3, 20), lib.randn(2, 20))),
     RuntimeError, "Input batch size 3 doesn't match hidden1 batch size 2"),
    (lambda lib: lib.nn.GRUCell(10, 20)(lib.randn(3, 10), lib.randn(3, 21)), RuntimeError,
     "hidden0 has inconsistent hidden_size: got 21, expected 20"),
    (lambda lib: lib.nn.RNNCell(10, 20, nonlinearity="foo")(lib.randn(3, 10)), RuntimeError,
     "Unknown nonlinearity: foo"),
    (lambda lib: lib.nn.LSTMCell(10, 20)(lib.randn(3, 10), (lib.randn(3, 20, 1),
                                                            lib.randn(3, 20))),
     ValueError, r"LSTMCell: Expected hx\[0\] to be 1D or 2D, got 3D instead"),
    (lambda lib: lib.lstm_cell(lib.randn(3, 10), (lib.randn(3, 20),), lib.randn(80, 10),
                               lib.randn(80, 20)), RuntimeError, "lstm_cell expects two hidden"),
]


@pytest.mark.parametrize("fn,exc,match", ERRORS, ids=[e[2][:40] for e in ERRORS])
def test_errors(fn, exc, match):
    _both(fn, exc, match)


def test_dropout_warning():
    msg = ("dropout option adds dropout after all but last recurrent layer, so non-zero dropout "
           "expects num_layers greater than 1, but got dropout=0.5 and num_layers=1")
    for lib in (numtorch, torch):
        with pytest.warns(UserWarning, match=msg):
            lib.nn.GRU(3, 4, dropout=0.5)


# ---------------------------------------------------------------- nn.utils.rnn
def _pair(fn):
    """fn(lib, leaves) on both libraries with the same float64 leaves; compare every
    output and the leaves' gradients for a random upstream gradient."""
    seqs = [_x(4, 3), _x(2, 3), _x(3, 3)]
    res = []
    for lib in (numtorch, torch):
        leaves = [lib.from_numpy(s.copy()).requires_grad_() for s in seqs]
        out = fn(lib, leaves)
        flat = [o for o in (out if isinstance(out, (tuple, list)) else [out])]
        flat = [f for o in flat for f in (o if isinstance(o, (tuple, list)) else [o])]
        ts = [o for o in flat if o is not None and o.requires_grad]
        rng = np.random.default_rng(5)
        gs = [lib.from_numpy(rng.standard_normal(tuple(t.shape))) for t in ts]
        lib.autograd.backward(ts, gs)
        res.append(([None if o is None else o.detach().numpy() for o in flat],
                    [leaf.grad.numpy() if leaf.grad is not None else None for leaf in leaves]))
    (vo, go), (vt, gt) = res
    assert len(vo) == len(vt)
    for a, b in zip(vo + go, vt + gt):
        if b is None:
            assert a is None
        else:
            assert a.shape == b.shape and a.dtype == b.dtype
            np.testing.assert_allclose(a, b)


@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("side", ["right", "left"])
def test_pad_sequence(batch_first, side):
    _pair(lambda lib, s: _utils(lib).pad_sequence(s, batch_first, -1.0, side))


@pytest.mark.parametrize("batch_first", [False, True])
def test_pack_roundtrip(batch_first):
    def fn(lib, s):
        u = _utils(lib)
        padded = u.pad_sequence(s, batch_first=batch_first)
        packed = u.pack_padded_sequence(padded, lib.tensor([4, 2, 3]), batch_first=batch_first,
                                        enforce_sorted=False)
        out, lengths = u.pad_packed_sequence(packed, batch_first=batch_first,
                                             padding_value=2.0, total_length=6)
        return (packed.data, packed.batch_sizes, packed.sorted_indices,
                packed.unsorted_indices, out, lengths)
    _pair(fn)


def test_pack_sequence_sorted_and_unpack():
    def fn(lib, s):
        u = _utils(lib)
        packed = u.pack_sequence([s[0], s[2], s[1]])
        return (packed.data, packed.batch_sizes, *u.unpack_sequence(packed))
    _pair(fn)
    p = nrnn.pack_sequence([numtorch.ones(2, 1), numtorch.ones(1, 1)])
    assert p.sorted_indices is None and p.unsorted_indices is None
    assert repr(p) == repr(trnn.pack_sequence([torch.ones(2, 1), torch.ones(1, 1)]))
    assert p.double().data.dtype == numtorch.float64
    padded, lengths = nrnn.pad_packed_sequence(p)
    assert [t.shape for t in nrnn.unpad_sequence(padded, lengths)] == [(2, 1), (1, 1)]


PACK_ERRORS = [
    (lambda lib: _utils(lib).pack_sequence([lib.ones(1, 2), lib.ones(3, 2)]), RuntimeError,
     "`lengths` array must be sorted in decreasing order"),
    (lambda lib: _utils(lib).pack_padded_sequence(lib.zeros(3, 2, 1), [3, 0]), RuntimeError,
     "Length of all samples has to be greater than 0"),
    (lambda lib: _utils(lib).pack_padded_sequence(lib.zeros(3, 2, 1), [3]), RuntimeError,
     r"Expected `len\(lengths\)` to be equal to batch_size, but got 1 \(batch_size=2\)"),
    (lambda lib: _utils(lib).pad_packed_sequence(
        _utils(lib).pack_sequence([lib.ones(3, 1)]), total_length=1), ValueError,
     "Expected total_length to be at least the length of the longest sequence"),
    (lambda lib: _utils(lib).pad_sequence([lib.ones(1)], padding_side="x"), RuntimeError,
     "Expected padding_side to be one of left or right, but got x."),
    (lambda lib: _utils(lib).pad_sequence([]), RuntimeError, "received an empty list"),
]


@pytest.mark.parametrize("fn,exc,match", PACK_ERRORS, ids=[e[2][:30] for e in PACK_ERRORS])
def test_pack_errors(fn, exc, match):
    _both(fn, exc, match)

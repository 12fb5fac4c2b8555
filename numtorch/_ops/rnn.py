"""Recurrent kernels: the cells (``lstm_cell``, ``gru_cell``, ``rnn_tanh_cell``,
``rnn_relu_cell``) and the whole-sequence ops (``lstm``, ``gru``, ``rnn_tanh``,
``rnn_relu``) that ``nn.RNN``/``nn.LSTM``/``nn.GRU`` call, with torch's signatures.

Cells are compositions of Tensor ops (torch's cells are too: ``lstm_cell``'s outputs
carry ``MulBackward0``/``AddBackward0``), so they differentiate any number of times.

A sequence layer (one layer, one direction) is one fused Function, ``_RnnLayer``:

* the input projection of every time step is ONE GEMM, ``X @ W_ih^T + b``;
* each step makes one GEMM for the hidden projection and the gate math on raw arrays;
* backward is hand-written back-propagation through time on raw arrays: the gate
  gradients of all steps are collected into one array, so ``dX``, ``dW_ih``, ``dW_hh`` and
  the biases are again single GEMMs / sums after the loop.

Sequences are processed in torch's packed layout: ``data`` is (N, features) with the rows
of step ``t`` at ``offsets[t]:offsets[t] + batch_sizes[t]`` (batch sizes non-increasing).
A padded (T, B, features) input is the special case ``batch_sizes = [B] * T``, so one
kernel serves ``PackedSequence`` and plain tensors. Gate orders are torch's: LSTM
(i, f, g, o), GRU (r, z, n) with ``n = tanh(W_in x + b_in + r * (W_hn h + b_hn))``.
"""

import numpy as np

from .._backend import xp_of
from .._tensor import _make
from ..autograd.function import Function, once_differentiable
from ._util import check_tensor
from .shape import cat, stack

__all__ = ["lstm", "gru", "rnn_tanh", "rnn_relu", "lstm_cell", "gru_cell", "rnn_tanh_cell",
           "rnn_relu_cell"]
__functional__ = []  # torch.nn.functional has no recurrent functions


# ---------------------------------------------------------------- cells
def _check_cell(fname, input, hx, w_ih, w_hh):
    check_tensor(input, fname)
    if input.dim() != 2 and input.dim() != 1:
        raise RuntimeError(f"{fname}: Expected input to be 1D or 2D, got {input.dim()}D instead")
    if input.shape[-1] != w_ih.shape[1]:
        raise RuntimeError(f"input has inconsistent input_size: got {input.shape[-1]} expected "
                           f"{w_ih.shape[1]}")
    for k, h in enumerate(hx):
        hs = h.shape
        if len(hs) < 2:
            hs = (1,) * (2 - len(hs)) + tuple(hs)
        if hs[0] != input.shape[0]:
            raise RuntimeError(f"Input batch size {input.shape[0]} doesn't match hidden{k} batch "
                               f"size {hs[0]}")
        if hs[1] != w_hh.shape[1]:
            raise RuntimeError(f"hidden{k} has inconsistent hidden_size: got {hs[1]}, expected "
                               f"{w_hh.shape[1]}")


def _proj(x, w, b):
    """x @ w^T + b for the cells (Tensor ops)."""
    y = x.matmul(w.t())
    return y if b is None else y + b


def rnn_tanh_cell(input, hx, w_ih, w_hh, b_ih=None, b_hh=None):
    """h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)."""
    _check_cell("rnn_tanh_cell", input, (hx,), w_ih, w_hh)
    return (_proj(input, w_ih, b_ih) + _proj(hx, w_hh, b_hh)).tanh()


def rnn_relu_cell(input, hx, w_ih, w_hh, b_ih=None, b_hh=None):
    """h' = relu(x W_ih^T + b_ih + h W_hh^T + b_hh)."""
    _check_cell("rnn_relu_cell", input, (hx,), w_ih, w_hh)
    return (_proj(input, w_ih, b_ih) + _proj(hx, w_hh, b_hh)).relu()


def lstm_cell(input, hx, w_ih, w_hh, b_ih=None, b_hh=None):
    """One LSTM step; ``hx = (h, c)``; returns ``(h', c')`` with gates (i, f, g, o):
    c' = f * c + i * g, h' = o * tanh(c')."""
    if len(hx) != 2:
        raise RuntimeError("lstm_cell expects two hidden states")
    _check_cell("lstm_cell", input, hx, w_ih, w_hh)
    gates = _proj(input, w_ih, b_ih) + _proj(hx[0], w_hh, b_hh)
    i, f, g, o = gates.chunk(4, 1)
    cy = f.sigmoid() * hx[1] + i.sigmoid() * g.tanh()
    hy = o.sigmoid() * cy.tanh()
    return hy, cy


def gru_cell(input, hx, w_ih, w_hh, b_ih=None, b_hh=None):
    """One GRU step with gates (r, z, n): n = tanh(x_n + r * (W_hn h + b_hn)),
    h' = (1 - z) * n + z * h."""
    _check_cell("gru_cell", input, (hx,), w_ih, w_hh)
    xr, xz, xn = _proj(input, w_ih, b_ih).chunk(3, 1)
    hr, hz, hn = _proj(hx, w_hh, b_hh).chunk(3, 1)
    r = (xr + hr).sigmoid()
    z = (xz + hz).sigmoid()
    n = (xn + r * hn).tanh()
    return n + z * (hx - n)


# ---------------------------------------------------------------- raw-array helpers
def _sigmoid_(x, out):
    """out = 1 / (1 + exp(-x)) in four in-place passes (exp(-x) = inf gives exactly 0)."""
    np.negative(x, out=out)
    np.exp(out, out=out)
    out += 1
    np.reciprocal(out, out=out)
    return out


def _steps(batch_sizes, reverse):
    """(row offset, batch size) of each step in processing order."""
    offs = np.concatenate(([0], np.cumsum(batch_sizes)[:-1])).tolist()
    steps = list(zip(offs, batch_sizes))
    return steps[::-1] if reverse else steps


def _project(X, Wih, bias):
    """The input projection of every step at once: one GEMM (plus the folded biases)."""
    XG = np.matmul(X, Wih.T)
    if bias is not None:
        XG += bias
    return XG


def _t(a):
    return None if a is None else a._array


# ---------------------------------------------------------------- one layer, one direction
class _RnnLayer(Function):
    """One recurrent layer in one direction over a whole (packed) sequence.

    forward(x, h0, c0, w_ih, w_hh, b_ih, b_hh, w_hr, mode, reverse, batch_sizes) ->
    (output, h_n[, c_n]); ``x`` is (T, B, I) (batch_sizes None) or packed (N, I).
    """

    _raw = True
    _grad_name = "RnnLayerBackward0"

    @staticmethod
    def forward(ctx, x, h0, c0, w_ih, w_hh, b_ih, b_hh, w_hr, mode, reverse, batch_sizes):
        xa = x._array
        in_shape = xa.shape
        if batch_sizes is None:
            batch_sizes = [in_shape[1]] * in_shape[0]
        X = xa.reshape(-1, in_shape[-1])
        Wih, Whh, Whr = w_ih._array, w_hh._array, _t(w_hr)
        bih, bhh = _t(b_ih), _t(b_hh)
        dt = X.dtype
        xp = xp_of(X)  # array creation on the input's device (NumPy or CuPy)
        N = X.shape[0]
        H = Whh.shape[1] if Whr is None else Whr.shape[1]  # cell size
        G = Wih.shape[0]
        h = h0._array.copy()
        steps = _steps(batch_sizes, reverse)
        Ho = h.shape[1]
        out = xp.empty((N, Ho), dt)
        hprev = xp.empty((N, Ho), dt)
        gh = xp.empty((h.shape[0], G), dt)
        if mode == "LSTM":
            # sigmoid(x) = 0.5 tanh(x / 2) + 0.5: with the sigmoid gates' weights halved (exact
            # in floating point), each step activates its contiguous gate block with one tanh,
            # one multiply and one add instead of four strided sigmoid/tanh calls
            scale = xp.full(G, 0.5, dt)
            scale[2 * H:3 * H] = 1
            shift = xp.full(G, 0.5, dt)
            shift[2 * H:3 * H] = 0
            # the input projection of every step at once (with both biases); each step's rows
            # are then overwritten by its activated gates i, f, g, o
            act = np.matmul(X, (Wih * scale[:, None]).T)
            if bih is not None:
                act += (bih + bhh) * scale
            WhhT = xp.ascontiguousarray((Whh * scale[:, None]).T)  # faster GEMMs than a view
            c = c0._array.copy()
            cprev = xp.empty((N, H), dt)
            tc = xp.empty((N, H), dt)  # tanh(c_t)
            ht = xp.empty((N, H), dt) if Whr is not None else out  # o * tanh(c_t)
            for off, b in steps:
                rows = slice(off, off + b)
                hp, cp = h[:b], c[:b]
                hprev[rows] = hp
                cprev[rows] = cp
                a = act[rows]
                a += np.matmul(hp, WhhT, out=gh[:b])
                np.tanh(a, out=a)
                a *= scale
                a += shift
                cp *= a[:, H:2 * H]
                cp += a[:, :H] * a[:, 2 * H:3 * H]
                t = np.tanh(cp, out=tc[rows])
                hn = np.multiply(a[:, 3 * H:], t, out=ht[rows])
                if Whr is not None:
                    hn = np.matmul(hn, Whr.T, out=out[rows])
                h[:b] = hn
            saved = (act, cprev, tc, ht if Whr is not None else None)
            res = (out, h, c)
        elif mode == "GRU":
            XG = _project(X, Wih, bih)  # b_hh stays with the hidden side for the n gate
            WhhT = xp.ascontiguousarray(Whh.T)
            act = xp.empty((N, G), dt)  # r, z, n
            ghn = xp.empty((N, H), dt)  # W_hn h + b_hn
            for off, b in steps:
                rows = slice(off, off + b)
                hp = h[:b]
                hprev[rows] = hp
                g = np.matmul(hp, WhhT, out=gh[:b])
                if bhh is not None:
                    g += bhh
                xg = XG[rows]
                a = act[rows]
                np.add(xg[:, :2 * H], g[:, :2 * H], out=a[:, :2 * H])
                _sigmoid_(a[:, :2 * H], a[:, :2 * H])
                ghn[rows] = g[:, 2 * H:]
                n = np.multiply(a[:, :H], g[:, 2 * H:], out=a[:, 2 * H:])
                n += xg[:, 2 * H:]
                np.tanh(n, out=n)
                # h' = n + z * (h - n)
                hn = np.subtract(hp, n, out=out[rows])
                hn *= a[:, H:2 * H]
                hn += n
                h[:b] = hn
            saved = (act, ghn)
            res = (out, h)
        else:
            XG = _project(X, Wih, None if bih is None else bih + bhh)
            WhhT = xp.ascontiguousarray(Whh.T)
            relu = mode == "RNN_RELU"
            for off, b in steps:
                rows = slice(off, off + b)
                hp = h[:b]
                hprev[rows] = hp
                g = np.matmul(hp, WhhT, out=out[rows])
                g += XG[rows]
                if relu:
                    np.maximum(g, 0, out=g)
                else:
                    np.tanh(g, out=g)
                h[:b] = g
            saved = (ctx.OUTPUT,)  # the output itself: an in-place change of it is caught
            res = (out, h)
        # the kernel's intermediates travel as saved tensors (released after backward, like
        # every op's); the inputs and weights are saved themselves, so modifying one in place
        # before backward raises torch's error
        ctx.save_for_backward(x, w_ih, w_hh, w_hr, _make(hprev, x._dtype),
                              *[a if a is None or a is ctx.OUTPUT else _make(a, x._dtype)
                                for a in saved])
        ctx.meta = (mode, steps, H)
        if len(in_shape) == 3:
            res = (out.reshape(in_shape[0], in_shape[1], Ho),) + res[1:]
        return res

    @staticmethod
    @once_differentiable
    def backward(ctx, grad_out, grad_h, grad_c=None):
        # Hand-written backpropagation through time on raw arrays: recording one autograd
        # node per gate per step would cost far more than the math itself, and the gate
        # gradients of all steps gathered in one array turn the weight gradients into GEMMs.
        x, *arrays = [None if t is None else t._array for t in ctx.saved_tensors]
        Wih, Whh, Whr, hprev, *saved = arrays
        in_shape = x.shape
        X = x.reshape(-1, in_shape[-1])
        mode, steps, H = ctx.meta
        need = ctx.needs_input_grad
        dY = grad_out._array.reshape(-1, hprev.shape[1])
        dt = X.dtype
        xp = xp_of(X)
        N = X.shape[0]
        dh = grad_h._array.astype(dt, copy=True)
        dgh = None
        if mode == "LSTM":
            act, cprev, tc, ht = saved
            dc = grad_c._array.astype(dt, copy=True)
            dG = xp.empty((N, Wih.shape[0]), dt)
            dYp = np.empty_like(dY) if Whr is not None else None  # grads of projected h
            for off, b in reversed(steps):
                rows = slice(off, off + b)
                d = dh[:b] + dY[rows]
                if Whr is not None:
                    dYp[rows] = d
                    d = d @ Whr
                a = act[rows]
                i, f, g, o = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
                t = tc[rows]
                dg_ = dG[rows]
                # do = d * tanh(c) * o (1 - o)
                np.multiply(d, t, out=dg_[:, 3 * H:])
                dg_[:, 3 * H:] *= o - o * o
                # dc += d * o * (1 - tanh(c)^2)
                d *= o
                d *= 1 - t * t
                dcb = dc[:b]
                dcb += d
                # di = dc * g * i (1 - i); df = dc * c_prev * f (1 - f); dg = dc * i (1 - g^2)
                np.multiply(dcb, g, out=dg_[:, :H])
                dg_[:, :H] *= i - i * i
                np.multiply(dcb, cprev[rows], out=dg_[:, H:2 * H])
                dg_[:, H:2 * H] *= f - f * f
                np.multiply(dcb, i, out=dg_[:, 2 * H:3 * H])
                dg_[:, 2 * H:3 * H] *= 1 - g * g
                dcb *= f
                np.matmul(dg_, Whh, out=dh[:b])
            dGi = dGh = dG
        elif mode == "GRU":
            act, ghn = saved
            dGi = xp.empty((N, Wih.shape[0]), dt)
            dGh = np.empty_like(dGi)
            for off, b in reversed(steps):
                rows = slice(off, off + b)
                d = dh[:b] + dY[rows]
                a = act[rows]
                r, z, n = a[:, :H], a[:, H:2 * H], a[:, 2 * H:]
                gi, gh = dGi[rows], dGh[rows]
                # dz = d * (h_prev - n) * z (1 - z)
                np.subtract(hprev[rows], n, out=gi[:, H:2 * H])
                gi[:, H:2 * H] *= d
                gi[:, H:2 * H] *= z - z * z
                # dn_pre = d * (1 - z) * (1 - n^2)
                dn = np.multiply(d, 1 - z, out=gi[:, 2 * H:])
                dn *= 1 - n * n
                # dr = dn_pre * (W_hn h + b_hn) * r (1 - r)
                np.multiply(dn, ghn[rows], out=gi[:, :H])
                gi[:, :H] *= r - r * r
                gh[:, :2 * H] = gi[:, :2 * H]
                np.multiply(dn, r, out=gh[:, 2 * H:])
                d *= z
                d += gh @ Whh
                dh[:b] = d
        else:
            out = saved[0].reshape(N, -1)
            dG = xp.empty((N, Wih.shape[0]), dt)
            relu = mode == "RNN_RELU"
            for off, b in reversed(steps):
                rows = slice(off, off + b)
                d = np.add(dh[:b], dY[rows], out=dG[rows])
                y = out[rows]
                if relu:
                    d *= y > 0
                else:
                    d *= 1 - y * y
                np.matmul(d, Whh, out=dh[:b])
            dGi = dGh = dG
        # one GEMM per weight over all steps
        dx = dh0 = dc0 = dwih = dwhh = dbih = dbhh = dwhr = None
        if need[0]:
            dx = _make(np.matmul(dGi, Wih).reshape(in_shape), grad_out._dtype)
        if need[1]:
            dh0 = _make(dh, grad_out._dtype)
        if mode == "LSTM" and need[2]:
            dc0 = _make(dc, grad_out._dtype)
        if need[3]:
            dwih = _make(dGi.T @ X, grad_out._dtype)
        if need[4]:
            dwhh = _make(dGh.T @ hprev, grad_out._dtype)
        if need[5]:
            dbih = _make(dGi.sum(0), grad_out._dtype)
        if need[6]:
            dbhh = _make(dGh.sum(0), grad_out._dtype)
        if Whr is not None and need[7]:
            dwhr = _make(dYp.T @ ht, grad_out._dtype)
        return dx, dh0, dc0, dwih, dwhh, dbih, dbhh, dwhr, None, None, None


# ---------------------------------------------------------------- whole networks
def _dropout(t, p):
    """Inverted dropout between layers, drawn from numtorch's generator."""
    from .._random import _rng

    a = t._array
    if p >= 1:
        mask = np.zeros(a.shape, a.dtype)
    else:
        mask = (_rng(None).random(a.shape) >= p).astype(a.dtype)
        mask *= a.dtype.type(1 / (1 - p))
    return t * _make(mask, t._dtype)


def _run(mode, input, batch_sizes, hx, params, has_biases, num_layers, dropout, train,
         bidirectional, batch_first):
    check_tensor(input, mode.lower())
    if batch_sizes is None:
        if input.dim() != 3:
            raise RuntimeError(f"input must have 3 dimensions, got {input.dim()}")
        if batch_first:
            input = input.transpose(0, 1)
        if input.shape[0] == 0:
            raise RuntimeError("Expected sequence length to be larger than 0 in RNN")
    else:
        batch_sizes = [int(b) for b in batch_sizes.tolist()]
    lstm = mode == "LSTM"
    h0, c0 = (hx[0], hx[1]) if lstm else (hx, None)
    dt = input.dtype
    if not input.is_floating_point():
        raise RuntimeError(f"{mode.lower()}: expected a floating-point input, got {dt}")
    for name, t in [("hx[0]" if lstm else "hx", h0), ("hx[1]", c0)] + \
            [(f"params[{k}]", p) for k, p in enumerate(params)]:
        if t is not None and t.dtype != dt:
            raise RuntimeError(f"{mode.lower()}: expected {name} to have the input's dtype {dt}, "
                               f"got {t.dtype}")
    dirs = 2 if bidirectional else 1
    params = list(params)
    per = len(params) // (num_layers * dirs)
    proj = per == (5 if has_biases else 3)
    if per not in ((4, 5) if has_biases else (2, 3)):
        want = num_layers * dirs * (4 if has_biases else 2)
        raise RuntimeError(f"{mode.lower()}: expected {want} parameters, got {len(params)}")
    hs, cs = [], []
    x = input
    for layer in range(num_layers):
        outs = []
        for d in range(dirs):
            k = layer * dirs + d
            w = params[k * per:(k + 1) * per]
            w_ih, w_hh = w[0], w[1]
            b_ih, b_hh = (w[2], w[3]) if has_biases else (None, None)
            w_hr = w[-1] if proj else None
            r = _RnnLayer.apply(x, h0[k], c0[k] if lstm else None, w_ih, w_hh, b_ih, b_hh,
                                w_hr, mode, d == 1, batch_sizes)
            outs.append(r[0])
            hs.append(r[1])
            if lstm:
                cs.append(r[2])
        x = outs[0] if dirs == 1 else cat(outs, -1)
        if dropout and train and layer < num_layers - 1:
            x = _dropout(x, dropout)
    if batch_sizes is None and batch_first:
        x = x.transpose(0, 1)
    h_n = stack(hs, 0)
    if lstm:
        return x, h_n, stack(cs, 0)
    return x, h_n


def _dispatch(mode, args):
    """torch's two overloads: (input, hx, params, has_biases, num_layers, dropout, train,
    bidirectional, batch_first) and, for packed sequences, (data, batch_sizes, hx, params,
    has_biases, num_layers, dropout, train, bidirectional)."""
    if len(args) != 9:
        raise TypeError(f"{mode.lower()}() takes 9 positional arguments but {len(args)} were "
                        "given")
    if isinstance(args[3], (list, tuple)):
        data, bs, hx, params, hb, nl, p, train, bidir = args
        return _run(mode, data, bs, hx, params, hb, nl, p, train, bidir, False)
    input, hx, params, hb, nl, p, train, bidir, bf = args
    return _run(mode, input, None, hx, params, hb, nl, p, train, bidir, bf)


def lstm(*args):
    """torch.lstm(input, hx, params, has_biases, num_layers, dropout, train, bidirectional,
    batch_first) -> (output, h_n, c_n); or with (data, batch_sizes, hx, ...) for packed
    sequences. ``params`` lists per layer and direction w_ih, w_hh[, b_ih, b_hh][, w_hr]."""
    return _dispatch("LSTM", args)


def gru(*args):
    """torch.gru(input, hx, params, has_biases, num_layers, dropout, train, bidirectional,
    batch_first) -> (output, h_n); or the packed overload."""
    return _dispatch("GRU", args)


def rnn_tanh(*args):
    """torch.rnn_tanh: an Elman RNN with tanh, same signature as ``gru``."""
    return _dispatch("RNN_TANH", args)


def rnn_relu(*args):
    """torch.rnn_relu: an Elman RNN with relu, same signature as ``gru``."""
    return _dispatch("RNN_RELU", args)

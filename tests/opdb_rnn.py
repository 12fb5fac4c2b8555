"""opdb rows: the recurrent kernels torch has at top level (torch.lstm, torch.gru,
torch.rnn_tanh, torch.rnn_relu and the four cells).

The sequence ops take ``params`` (per layer and direction: w_ih, w_hh[, b_ih, b_hh]
[, w_hr]) as a tuple; the rows pass them as trailing positional arrays so every weight is
a gradient leaf. The first sample of each row is tiny, for float64 gradcheck.
"""

import warnings

from opdb import ErrorSample, OpInfo, Sample, rand

_GATES = {"lstm": 4, "gru": 3, "rnn_tanh": 1, "rnn_relu": 1}


def _weights(rng, dt, mode, I, H, layers=1, dirs=1, bias=True, proj=0):
    G = _GATES[mode] * H
    Ho = proj or H
    ws = []
    for layer in range(layers):
        for _ in range(dirs):
            n_in = I if layer == 0 else Ho * dirs
            ws += [rand(rng, (G, n_in), dt, -0.7, 0.7), rand(rng, (G, Ho), dt, -0.7, 0.7)]
            if bias:
                ws += [rand(rng, (G,), dt, -0.5, 0.5), rand(rng, (G,), dt, -0.5, 0.5)]
            if proj:
                ws += [rand(rng, (proj, H), dt, -0.7, 0.7)]
    return ws


def _seq_samples(mode):
    def samples(rng, dt):
        out = []
        # (T, B, I, H, layers, bidirectional, bias, batch_first, proj)
        configs = [(2, 2, 2, 2, 1, False, True, False, 0), (4, 3, 3, 4, 2, True, True, False, 0),
                   (3, 2, 3, 3, 1, False, False, True, 0), (3, 2, 2, 3, 2, True, False, True, 0)]
        if mode == "lstm":
            configs += [(3, 2, 3, 4, 2, True, True, False, 2),
                        (2, 2, 2, 3, 1, False, False, False, 1)]
        for T, B, I, H, L, bidir, bias, bf, proj in configs:
            D = 2 if bidir else 1
            x = rand(rng, (B, T, I) if bf else (T, B, I), dt, -1, 1)
            h0 = rand(rng, (L * D, B, proj or H), dt, -1, 1)
            ws = _weights(rng, dt, mode, I, H, L, D, bias, proj)
            extra = {"bias": bias, "layers": L, "bidir": bidir, "bf": bf}
            if mode == "lstm":
                c0 = rand(rng, (L * D, B, H), dt, -1, 1)
                out.append(Sample((x, h0, c0, *ws), extra))
            else:
                out.append(Sample((x, h0, *ws), extra))
        return out
    return samples


def _lstm(lib, x, h0, c0, *ws, bias, layers, bidir, bf):
    with warnings.catch_warnings():  # torch's oneDNN path notes it cannot do projections
        warnings.filterwarnings("ignore", "LSTM with projections is not supported")
        return lib.lstm(x, (h0, c0), ws, bias, layers, 0.0, False, bidir, bf)


def _seq_fn(mode):
    def run(lib, x, h0, *ws, bias, layers, bidir, bf):
        return getattr(lib, mode)(x, h0, ws, bias, layers, 0.0, False, bidir, bf)
    return run


def _cell_samples(mode):
    def samples(rng, dt):
        out = []
        for B, I, H, bias in [(2, 2, 2, True), (3, 4, 5, True), (3, 2, 3, False)]:
            x = rand(rng, (B, I), dt, -1, 1)
            h = rand(rng, (B, H), dt, -1, 1)
            ws = _weights(rng, dt, mode.replace("_cell", ""), I, H, bias=bias)
            hx = [h, rand(rng, (B, H), dt, -1, 1)] if mode == "lstm_cell" else [h]
            out.append(Sample((x, *hx, *ws)))
        return out
    return samples


def _cell_fn(mode):
    def run(lib, x, *rest):
        if mode == "lstm_cell":
            return lib.lstm_cell(x, (rest[0], rest[1]), *rest[2:])
        return getattr(lib, mode)(x, *rest)
    return run


def _cell_errors(mode):
    def errors(rng):
        m = mode.replace("_cell", "")
        G = _GATES[m] * 4
        w = (rand(rng, (G, 3)), rand(rng, (G, 4)))
        h = [rand(rng, (2, 4))] * (2 if mode == "lstm_cell" else 1)
        return [
            ErrorSample((rand(rng, (2, 5)), *h, *w), exc=RuntimeError,
                        match="input has inconsistent input_size: got 5 expected 3"),
            ErrorSample((rand(rng, (3, 3)), *h, *w), exc=RuntimeError,
                        match="Input batch size 3 doesn't match hidden0 batch size 2"),
            ErrorSample((rand(rng, (2, 3)), *([rand(rng, (2, 5))] * len(h)), *w),
                        exc=RuntimeError,
                        match="hidden0 has inconsistent hidden_size: got 5, expected 4"),
        ]
    return errors


def _seq_errors(mode):
    def errors(rng):
        w = _weights(rng, "float32", mode, 3, 4)
        h = [rand(rng, (1, 2, 4))] * (2 if mode == "lstm" else 1)
        kw = {"bias": True, "layers": 1, "bidir": False, "bf": False}
        return [ErrorSample((rand(rng, (0, 2, 3)), *h, *w), kw, exc=RuntimeError,
                            match="Expected sequence length to be larger than 0")]
    return errors


_TOL = {"atol": 1e-5, "rtol": 1e-4}

ROWS = [
    OpInfo("lstm", _lstm, _seq_samples("lstm"), errors=_seq_errors("lstm"), **_TOL),
    OpInfo("gru", _seq_fn("gru"), _seq_samples("gru"), errors=_seq_errors("gru"), **_TOL),
    OpInfo("rnn_tanh", _seq_fn("rnn_tanh"), _seq_samples("rnn_tanh"),
           errors=_seq_errors("rnn_tanh"), **_TOL),
    OpInfo("rnn_relu", _seq_fn("rnn_relu"), _seq_samples("rnn_relu"),
           errors=_seq_errors("rnn_relu"), **_TOL),
    OpInfo("lstm_cell", _cell_fn("lstm_cell"), _cell_samples("lstm_cell"),
           errors=_cell_errors("lstm_cell"), gradgrad=True, **_TOL),
    OpInfo("gru_cell", _cell_fn("gru_cell"), _cell_samples("gru_cell"),
           errors=_cell_errors("gru_cell"), gradgrad=True, **_TOL),
    OpInfo("rnn_tanh_cell", _cell_fn("rnn_tanh_cell"), _cell_samples("rnn_tanh_cell"),
           errors=_cell_errors("rnn_tanh_cell"), gradgrad=True, **_TOL),
    OpInfo("rnn_relu_cell", _cell_fn("rnn_relu_cell"), _cell_samples("rnn_relu_cell"),
           errors=_cell_errors("rnn_relu_cell"), **_TOL),
]

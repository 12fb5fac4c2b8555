"""Module tests against torch: the same weights, the same inputs, the same numbers.

``check_module(ctor, *inputs)`` builds the module in both libraries (``ctor(lib)``),
compares ``repr`` and state_dict layout, copies torch's weights into numtorch through
NumPy, and compares outputs, input gradients and every parameter's gradient for a random
upstream gradient, in each mode; then copies numtorch's (freshly initialised) weights into
torch and compares once more.
"""

import numpy as np
import torch

import numtorch

TOL = {"float32": (1e-4, 1e-5), "float64": (1e-7, 1e-9), "float16": (1e-2, 1e-2)}


def to_lib(lib, a, requires_grad=False):
    t = lib.from_numpy(np.array(a, copy=True))
    if requires_grad and t.is_floating_point():
        t.requires_grad_(True)
    return t


def flat(x):
    """Tensors of a nested output (tuples, lists, PackedSequence-like namedtuples), in order."""
    if isinstance(x, (tuple, list)):
        out = []
        for o in x:
            out.extend(flat(o))
        return out
    return [x]


def _np(t):
    return t.detach().cpu().numpy() if hasattr(t, "detach") else np.asarray(t)


def assert_close(ours, theirs, rtol, atol, what):
    fo, ft = flat(ours), flat(theirs)
    assert len(fo) == len(ft), f"{what}: {len(fo)} values vs torch's {len(ft)}"
    for i, (o, t) in enumerate(zip(fo, ft)):
        if t is None:
            assert o is None, f"{what}[{i}]: expected None, got {type(o)}"
            continue
        if isinstance(t, torch.Tensor):
            assert isinstance(o, numtorch.Tensor), f"{what}[{i}]: got {type(o)}, not a Tensor"
            assert tuple(o.shape) == tuple(t.shape), \
                f"{what}[{i}]: shape {tuple(o.shape)} vs torch {tuple(t.shape)}"
            assert str(o.dtype) == str(t.dtype), f"{what}[{i}]: dtype {o.dtype} vs {t.dtype}"
            a, b = _np(o), _np(t)
            if a.dtype.kind in "fc":
                np.testing.assert_allclose(a, b, rtol=rtol, atol=atol, equal_nan=True,
                                           err_msg=f"{what}[{i}]")
            else:
                np.testing.assert_array_equal(a, b, err_msg=f"{what}[{i}]")
        else:
            assert o == t, f"{what}[{i}]: {o!r} vs torch {t!r}"


def copy_state(src, dst, dst_lib):
    """Load ``src``'s state_dict into ``dst`` (the other library) through NumPy."""
    state = {k: dst_lib.from_numpy(_np(v).copy()) for k, v in src.state_dict().items()}
    dst.load_state_dict(state)


def _make_inputs(lib, inputs):
    if len(inputs) == 1 and callable(inputs[0]):
        return list(inputs[0](lib))
    return [to_lib(lib, a, requires_grad=True) if isinstance(a, np.ndarray) else a
            for a in inputs]


def _leaves(args):
    return [a for a in flat(args) if hasattr(a, "requires_grad") and a.requires_grad
            and a.grad_fn is None]


def _precision(inputs):
    if len(inputs) == 1 and callable(inputs[0]):
        args = flat(inputs[0](numtorch))
        dts = {str(a.dtype) for a in args if isinstance(a, numtorch.Tensor)
               and a.is_floating_point()}
        return "float64" if "numtorch.float64" in dts or "torch.float64" in dts else "float32"
    for a in inputs:
        if isinstance(a, np.ndarray) and a.dtype == np.float64:
            return "float64"
    return "float32"


def run_and_compare(ours, theirs, inputs, mode, grad, rtol, atol, seed):
    ours.train(mode == "train")
    theirs.train(mode == "train")
    args_o = _make_inputs(numtorch, inputs)
    args_t = _make_inputs(torch, inputs)
    out_o = ours(*args_o)
    out_t = theirs(*args_t)
    assert_close(out_o, out_t, rtol, atol, f"{mode} output")
    # state after forward (BatchNorm's running stats move in training)
    so, st = ours.state_dict(), theirs.state_dict()
    assert_close([so[k] for k in st], list(st.values()), rtol, atol, f"{mode} state after forward")
    if not grad:
        return
    outs_t = [o for o in flat(out_t) if isinstance(o, torch.Tensor) and o.requires_grad]
    outs_o = [o for o in flat(out_o) if isinstance(o, numtorch.Tensor) and o.requires_grad]
    assert len(outs_o) == len(outs_t), "a different number of outputs require grad"
    if not outs_t:
        return
    rng = np.random.default_rng(seed + 7)
    gos = [rng.standard_normal(tuple(o.shape)).astype(_np(o).dtype) for o in outs_t]
    torch.autograd.backward(outs_t, [torch.from_numpy(g.copy()) for g in gos])
    numtorch.autograd.backward(outs_o, [numtorch.from_numpy(g.copy()) for g in gos])
    leaves_o, leaves_t = _leaves(args_o), _leaves(args_t)
    assert_close([x.grad for x in leaves_o], [x.grad for x in leaves_t], rtol, atol,
                 f"{mode} input grad")
    po = dict(ours.named_parameters())
    for name, p in theirs.named_parameters():
        assert name in po, f"parameter {name} missing in numtorch"
        if p.grad is None:
            assert po[name].grad is None, f"{mode}: {name}.grad should be None"
            continue
        assert po[name].grad is not None, f"{mode}: {name}.grad is None in numtorch"
        assert_close(po[name].grad, p.grad, rtol, atol, f"{mode} grad of {name}")
    ours.zero_grad()
    theirs.zero_grad()


def check_module(ctor, *inputs, modes=("train", "eval"), grad=True, atol=None, rtol=None,
                 seed=0, reverse=True):
    """Compare ``ctor(numtorch)`` with ``ctor(torch)``; returns ``(ours, theirs)``."""
    prec = _precision(inputs)
    r, a = TOL[prec]
    rtol = r if rtol is None else rtol
    atol = a if atol is None else atol

    def build(s):
        torch.manual_seed(s)
        numtorch.manual_seed(s)
        theirs = ctor(torch)
        ours = ctor(numtorch)
        if prec == "float64":
            theirs.double()
            ours.double()
        return ours, theirs

    ours, theirs = build(seed)
    assert repr(ours) == repr(theirs), f"repr differs:\n{ours!r}\n--- torch:\n{theirs!r}"
    so, st = ours.state_dict(), theirs.state_dict()
    assert list(so.keys()) == list(st.keys()), f"state_dict keys {list(so)} vs {list(st)}"
    for k in st:
        assert tuple(so[k].shape) == tuple(st[k].shape), f"{k}: shape {so[k].shape} vs {st[k].shape}"
        assert str(so[k].dtype) == str(st[k].dtype), f"{k}: dtype {so[k].dtype} vs {st[k].dtype}"
    assert [n for n, _ in ours.named_parameters()] == [n for n, _ in theirs.named_parameters()]
    copy_state(theirs, ours, numtorch)
    for mode in modes:
        run_and_compare(ours, theirs, inputs, mode, grad, rtol, atol, seed)
    if reverse:
        ours2, theirs2 = build(seed + 1)
        copy_state(ours2, theirs2, torch)
        run_and_compare(ours2, theirs2, inputs, modes[0], grad, rtol, atol, seed + 1)
    return ours, theirs

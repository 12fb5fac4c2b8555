"""Every op row in opdb run on numtorch and torch with the same NumPy inputs."""

import re

import numpy as np
import pytest
import torch

import numtorch
from opdb import ROWS

FLOAT = ("float16", "float32", "float64")
TOL = {"float16": (1e-3, 1e-3), "float32": (1.3e-6, 1e-5), "float64": (1e-7, 1e-7)}


def _params():
    for row in ROWS:
        for dt in row.dtypes:
            yield pytest.param(row, dt, id=f"{row.name}-{dt}")


def _convert(lib, sample, requires_grad):
    out = []
    grad_idx = sample.grad_args
    for i, a in enumerate(sample.args):
        if isinstance(a, np.ndarray):
            t = lib.from_numpy(a.copy())
            want = (grad_idx is None and a.dtype.kind == "f") or (grad_idx is not None and i in grad_idx)
            if requires_grad and want:
                t.requires_grad_(True)
            out.append(t)
        elif isinstance(a, list) and a and all(isinstance(x, np.ndarray) for x in a):
            ts = [lib.from_numpy(x.copy()) for x in a]
            if requires_grad:
                ts = [t.requires_grad_(True) if t.is_floating_point() else t for t in ts]
            out.append(ts)
        else:
            out.append(a)
    return out


def _kwargs(lib, kw):
    return {k: (lib.from_numpy(v.copy()) if isinstance(v, np.ndarray) else
                (getattr(lib, v[6:]) if isinstance(v, str) and v.startswith("dtype:") else v))
            for k, v in kw.items()}


def _leaves(args):
    for a in args:
        if isinstance(a, (list, tuple)):
            yield from _leaves(a)
        elif hasattr(a, "requires_grad") and a.requires_grad:
            yield a


def _flat(out):
    if isinstance(out, (tuple, list)):
        r = []
        for o in out:
            r.extend(_flat(o))
        return r
    return [out]


def assert_same(ours, theirs, dt, row, what="output"):
    fo, ft = _flat(ours), _flat(theirs)
    assert len(fo) == len(ft), f"{what}: {len(fo)} results vs torch's {len(ft)}"
    for o, t in zip(fo, ft):
        if isinstance(t, torch.Tensor):
            assert isinstance(o, numtorch.Tensor), f"{what}: expected a Tensor, got {type(o)}"
            assert tuple(o.shape) == tuple(t.shape), f"{what}: shape {tuple(o.shape)} vs {tuple(t.shape)}"
            assert str(o.dtype) == str(t.dtype), f"{what}: dtype {o.dtype} vs {t.dtype}"
            if not row.compare_values:
                continue
            a, b = o.detach().numpy(), t.detach().numpy()
            if a.dtype.kind in "fc":
                rtol, atol = TOL.get(str(a.dtype), (1e-6, 1e-6))
                rtol, atol = row.rtol or rtol, row.atol or atol
                np.testing.assert_allclose(a, b, rtol=rtol, atol=atol, equal_nan=True,
                                           err_msg=f"{what} of {row.name}")
            else:
                np.testing.assert_array_equal(a, b, err_msg=f"{what} of {row.name}")
        elif isinstance(t, torch.Size):
            assert tuple(o) == tuple(t)
        elif isinstance(t, float):
            assert isinstance(o, float) and np.isclose(o, t, equal_nan=True), (o, t)
        else:
            assert o == t, f"{what}: {o!r} vs {t!r}"


@pytest.mark.parametrize("row,dt", list(_params()))
def test_forward(row, dt):
    rng = np.random.default_rng(0)
    for sample in row.samples(rng, dt):
        ours = row.fn(numtorch, *_convert(numtorch, sample, False), **_kwargs(numtorch, sample.kwargs))
        theirs = row.fn(torch, *_convert(torch, sample, False), **_kwargs(torch, sample.kwargs))
        assert_same(ours, theirs, dt, row)


@pytest.mark.parametrize("row,dt", [p for p in _params() if p.values[1] in FLOAT[1:] and p.values[0].grad])
def test_grad(row, dt):
    rng = np.random.default_rng(1)
    for sample in row.samples(rng, dt):
        results = []
        for lib in (numtorch, torch):
            args = _convert(lib, sample, True)
            leaves = list(_leaves(args))
            out = row.fn(lib, *args, **_kwargs(lib, sample.kwargs))
            outs = [o for o in _flat(out) if hasattr(o, "requires_grad") and o.requires_grad]
            if not leaves or not outs:
                results.append(None)
                continue
            g_rng = np.random.default_rng(2)
            gos = [lib.from_numpy(g_rng.standard_normal(tuple(o.shape)).astype(dt)) for o in outs]
            grads = lib.autograd.grad(outs, leaves, gos, allow_unused=True)
            results.append([g if g is not None else lib.zeros_like(x) for g, x in zip(grads, leaves)])
        if results[1] is None:
            assert results[0] is None or all(float(g.abs().sum()) == 0 for g in results[0])
            continue
        assert results[0] is not None, f"{row.name}: numtorch recorded no graph"
        assert_same(results[0], results[1], dt, row, what="gradient")


@pytest.mark.parametrize("row", [r for r in ROWS if r.gradcheck and r.grad and "float64" in r.dtypes], ids=lambda r: r.name)
def test_gradcheck(row):
    rng = np.random.default_rng(3)
    for sample in row.samples(rng, "float64")[:2]:
        args = _convert(numtorch, sample, True)
        kw = _kwargs(numtorch, sample.kwargs)
        if not list(_leaves(args)):
            continue
        if sum(a.numel() for a in _leaves(args)) > 200:
            continue

        def f(*a):
            return row.fn(numtorch, *a, **kw)

        assert numtorch.autograd.gradcheck(f, tuple(args), eps=1e-6, atol=1e-5, rtol=1e-3)
        if row.gradgrad:
            assert numtorch.autograd.gradgradcheck(f, tuple(args))


@pytest.mark.parametrize("row", [r for r in ROWS if r.errors], ids=lambda r: r.name)
def test_errors(row):
    rng = np.random.default_rng(4)
    for es in row.errors(rng):
        with pytest.raises(es.exc):
            row.fn(torch, *_convert(torch, es, False), **_kwargs(torch, es.kwargs))
        with pytest.raises(es.exc) as info:
            row.fn(numtorch, *_convert(numtorch, es, False), **_kwargs(numtorch, es.kwargs))
        assert info.type.__module__.split(".")[0] not in ("numpy",)
        if es.match:
            assert re.search(es.match, str(info.value)), str(info.value)

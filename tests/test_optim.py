"""numtorch.optim against torch.optim: identical parameters and gradients, N steps, compare
parameters and every state buffer; state_dict round trips both ways; reprs; errors."""

import copy
import importlib
import pickle
import warnings

import numpy as np
import pytest
import torch

import numtorch

CASES = [
    ("SGD", dict(lr=0.1)),
    ("SGD", dict(lr=0.1, momentum=0.9)),
    ("SGD", dict(lr=0.1, momentum=0.9, dampening=0.3)),
    ("SGD", dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.1)),
    ("SGD", dict(lr=0.1, weight_decay=0.1, maximize=True)),
    ("SGD", dict(lr=0.1, momentum=0.5, dampening=0.5, weight_decay=0.1, maximize=True)),
    ("Adam", {}),
    ("Adam", dict(lr=0.01, amsgrad=True)),
    ("Adam", dict(weight_decay=0.1, maximize=True)),
    ("Adam", dict(betas=(0.8, 0.99), eps=1e-6, decoupled_weight_decay=True, weight_decay=0.1)),
    ("Adam", dict(lr=0.01, weight_decay=0.1, amsgrad=True, maximize=True)),
    ("AdamW", {}),
    ("AdamW", dict(lr=0.01, amsgrad=True, weight_decay=0.1)),
    ("AdamW", dict(maximize=True, betas=(0.5, 0.9))),
    ("RMSprop", {}),
    ("RMSprop", dict(alpha=0.9, eps=1e-6, weight_decay=0.1)),
    ("RMSprop", dict(momentum=0.9)),
    ("RMSprop", dict(centered=True)),
    ("RMSprop", dict(centered=True, momentum=0.5, weight_decay=0.1, maximize=True)),
    ("Adagrad", {}),
    ("Adagrad", dict(lr_decay=0.01, initial_accumulator_value=0.1)),
    ("Adagrad", dict(weight_decay=0.1, maximize=True, eps=1e-6)),
    ("Adadelta", {}),
    ("Adadelta", dict(lr=0.5, rho=0.5, eps=1e-4, weight_decay=0.1, maximize=True)),
    ("Adamax", {}),
    ("Adamax", dict(weight_decay=0.1, maximize=True, betas=(0.8, 0.9), eps=1e-3)),
    ("NAdam", {}),
    ("NAdam", dict(momentum_decay=0.01, weight_decay=0.1)),
    ("NAdam", dict(decoupled_weight_decay=True, weight_decay=0.1, maximize=True)),
    ("RAdam", {}),
    ("RAdam", dict(weight_decay=0.1)),
    ("RAdam", dict(decoupled_weight_decay=True, weight_decay=0.1, maximize=True)),
    ("ASGD", {}),
    ("ASGD", dict(t0=5, lambd=0.01, alpha=0.5, weight_decay=0.1, maximize=True)),
    ("Rprop", {}),
    ("Rprop", dict(etas=(0.3, 1.5), step_sizes=(1e-3, 0.05), maximize=True)),
]
NAMES = sorted({name for name, _ in CASES})
SHAPES = [(3, 4), (5,), ()]
TOL = {np.float32: dict(rtol=1e-5, atol=1e-6), np.float64: dict(rtol=1e-12, atol=1e-14)}


def _case_id(case):
    name, kw = case
    return name + "-" + "-".join(f"{k}={v}" for k, v in kw.items())


# ---------------------------------------------------------------- helpers
def make_params(dtype=np.float32, seed=0, shapes=SHAPES):
    rng = np.random.default_rng(seed)
    arrays = [rng.standard_normal(s).astype(dtype) for s in shapes]
    tp = [torch.nn.Parameter(torch.from_numpy(a.copy())) for a in arrays]
    npar = [numtorch.nn.Parameter(numtorch.from_numpy(a.copy())) for a in arrays]
    return tp, npar


def set_grads(tp, npar, rng):
    for a, b in zip(tp, npar):
        g = rng.standard_normal(tuple(a.shape)).astype(a.detach().numpy().dtype)
        a.grad = torch.from_numpy(g.copy())
        b.grad = numtorch.from_numpy(g.copy())


def run_steps(topt, nopt, tp, npar, steps, rng):
    for _ in range(steps):
        set_grads(tp, npar, rng)
        topt.step()
        nopt.step()


def assert_tensor_equal(t, n, tol):
    assert isinstance(n, numtorch.Tensor), type(n)
    assert str(n.dtype) == str(t.dtype)
    assert tuple(n.shape) == tuple(t.shape)
    np.testing.assert_allclose(n.detach().numpy(), t.detach().numpy(), **tol)


def assert_same_state(topt, nopt, tp, npar, tol):
    for a, b in zip(tp, npar):
        assert_tensor_equal(a, b, tol)
        ts, ns = topt.state.get(a, {}), nopt.state.get(b, {})
        assert list(ts) == list(ns)
        for key in ts:
            if isinstance(ts[key], torch.Tensor):
                assert_tensor_equal(ts[key], ns[key], tol)
            else:
                assert ts[key] == ns[key]


def to_numtorch(obj):
    """A torch state_dict (nested containers of tensors) with numtorch tensors."""
    if isinstance(obj, torch.Tensor):
        return numtorch.from_numpy(obj.detach().numpy().copy())
    if isinstance(obj, dict):
        return type(obj)((k, to_numtorch(v)) for k, v in obj.items())
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_numtorch(v) for v in obj)
    return obj


def to_torch(obj):
    if isinstance(obj, numtorch.Tensor):
        return torch.from_numpy(obj.detach().numpy().copy())
    if isinstance(obj, dict):
        return type(obj)((k, to_torch(v)) for k, v in obj.items())
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_torch(v) for v in obj)
    return obj


def outcome(fn):
    """(exception type name, message) or ('ok', warnings) of calling fn."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - compared against torch's
            return type(e).__name__, str(e)
    return "ok", [(w.category.__name__, str(w.message)) for w in caught]


# ---------------------------------------------------------------- the algorithms
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["f32", "f64"])
@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_matches_torch_20_steps(case, dtype):
    name, kw = case
    tp, npar = make_params(dtype)
    topt = getattr(torch.optim, name)(tp, **kw)
    nopt = getattr(numtorch.optim, name)(npar, **kw)
    run_steps(topt, nopt, tp, npar, 20, np.random.default_rng(1))
    assert_same_state(topt, nopt, tp, npar, TOL[dtype])
    assert repr(nopt) == repr(topt)


@pytest.mark.parametrize("name", NAMES)
def test_param_groups_lr_mutation_and_missing_grads(name):
    tp, npar = make_params(np.float64)
    kw = {"lr": 0.05}
    topt = getattr(torch.optim, name)([{"params": tp[:2]}, {"params": tp[2:], "lr": 0.2}], **kw)
    nopt = getattr(numtorch.optim, name)([{"params": npar[:2]}, {"params": npar[2:], "lr": 0.2}],
                                         **kw)
    rng = np.random.default_rng(2)
    run_steps(topt, nopt, tp, npar, 5, rng)
    for tg, ng in zip(topt.param_groups, nopt.param_groups):
        tg["lr"] *= 0.1
        ng["lr"] *= 0.1
    run_steps(topt, nopt, tp, npar, 5, rng)
    # a parameter without a gradient is skipped (and gets no state)
    tp[1].grad = None
    npar[1].grad = None
    topt.step()
    nopt.step()
    assert_same_state(topt, nopt, tp, npar, TOL[np.float64])
    assert repr(nopt) == repr(topt)

    extra_t, extra_n = make_params(np.float64, seed=5, shapes=[(2, 2)])
    topt.add_param_group({"params": extra_t, "lr": 0.3})
    nopt.add_param_group({"params": extra_n, "lr": 0.3})
    assert repr(nopt) == repr(topt)
    run_steps(topt, nopt, tp + extra_t, npar + extra_n, 3, rng)
    assert_same_state(topt, nopt, tp + extra_t, npar + extra_n, TOL[np.float64])


def test_untouched_param_has_no_state():
    tp, npar = make_params()
    opt = numtorch.optim.Adam(npar)
    npar[0].grad = numtorch.ones(3, 4)
    opt.step()
    assert set(opt.state) == {npar[0]}
    before = npar[1].detach().clone()
    assert numtorch.equal(npar[1].detach(), before)
    sgd = numtorch.optim.SGD(npar, lr=0.1)  # momentum 0 keeps no state at all, like torch
    sgd.step()
    assert len(sgd.state) == 0


def test_float32_stays_float32():
    _, npar = make_params(np.float32)
    for name in NAMES:
        opt = getattr(numtorch.optim, name)(npar)
        for p in npar:
            p.grad = numtorch.ones_like(p)
        opt.step()
        for p in npar:
            assert p.dtype == numtorch.float32
            for key, value in opt.state[p].items():
                assert value.dtype == numtorch.float32, (name, key)
                assert value.shape == (() if key in ("step", "mu_product", "eta", "mu")
                                       else p.shape), (name, key)


def test_training_loop_matches_torch():
    torch.manual_seed(0)
    tnet = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))
    nnet = numtorch.nn.Sequential(numtorch.nn.Linear(4, 8), numtorch.nn.Tanh(),
                                  numtorch.nn.Linear(8, 1))
    nnet.load_state_dict(to_numtorch(tnet.state_dict()))
    topt = torch.optim.Adam(tnet.parameters(), lr=0.01, weight_decay=1e-3)
    nopt = numtorch.optim.Adam(nnet.parameters(), lr=0.01, weight_decay=1e-3)
    rng = np.random.default_rng(3)
    x = rng.standard_normal((16, 4)).astype(np.float32)
    y = rng.standard_normal((16, 1)).astype(np.float32)
    for _ in range(10):
        topt.zero_grad()
        nopt.zero_grad()
        torch.nn.functional.mse_loss(tnet(torch.from_numpy(x)), torch.from_numpy(y)).backward()
        numtorch.nn.functional.mse_loss(nnet(numtorch.from_numpy(x)),
                                        numtorch.from_numpy(y)).backward()
        topt.step()
        nopt.step()
    for (k, t), (k2, n) in zip(tnet.state_dict().items(), nnet.state_dict().items()):
        assert k == k2
        np.testing.assert_allclose(n.numpy(), t.numpy(), rtol=1e-4, atol=1e-5)


# ---------------------------------------------------------------- base class behaviour
def test_zero_grad():
    _, npar = make_params()
    opt = numtorch.optim.SGD(npar, lr=0.1)
    for p in npar:
        p.grad = numtorch.ones_like(p)
    grad = npar[0].grad
    opt.zero_grad(set_to_none=False)
    assert npar[0].grad is grad and float(grad.abs().sum()) == 0.0
    assert not grad.requires_grad
    opt.zero_grad()
    assert all(p.grad is None for p in npar)
    opt.zero_grad()  # no grads: nothing to do


def test_step_closure():
    for lib in (torch, numtorch):
        w = lib.nn.Parameter(lib.tensor([1.0, -2.0]))
        opt = lib.optim.SGD([w], lr=0.1)
        calls = []

        def closure():
            calls.append(lib.is_grad_enabled())
            opt.zero_grad()
            loss = (w * w).sum()
            loss.backward()
            return loss

        with lib.no_grad():
            loss = opt.step(closure)
        assert calls == [True]
        assert float(loss.detach()) == 5.0
        np.testing.assert_allclose(w.detach().numpy(), [0.8, -1.6], rtol=1e-6)
        assert opt.step() is None


def test_step_runs_without_grad_recording():
    w = numtorch.nn.Parameter(numtorch.ones(3))
    opt = numtorch.optim.Adam([w])
    w.grad = numtorch.ones(3)
    opt.step()  # in-place updates of a leaf that requires grad: only legal under no_grad
    assert w.grad_fn is None and w.requires_grad and w.is_leaf
    assert opt.state[w]["exp_avg"].grad_fn is None


@pytest.mark.parametrize("name", NAMES)
def test_repr_matches_torch(name):
    tp, npar = make_params()
    assert repr(getattr(numtorch.optim, name)(npar)) == repr(getattr(torch.optim, name)(tp))
    groups_t = [{"params": tp[:1]}, {"params": tp[1:], "lr": 0.5}]
    groups_n = [{"params": npar[:1]}, {"params": npar[1:], "lr": 0.5}]
    assert (repr(getattr(numtorch.optim, name)(groups_n, lr=0.03))
            == repr(getattr(torch.optim, name)(groups_t, lr=0.03)))


def test_sgd_repr_literal():
    _, npar = make_params()
    assert repr(numtorch.optim.SGD(npar, lr=0.03)) == (
        "SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n"
        "    foreach: None\n    fused: None\n    lr: 0.03\n    maximize: False\n"
        "    momentum: 0\n    nesterov: False\n    weight_decay: 0\n)")


def test_param_groups_filled_from_defaults():
    tp, npar = make_params()
    topt = torch.optim.Adam([{"params": tp[:1], "lr": 0.5}, {"params": tp[1:]}], betas=(0.8, 0.9))
    nopt = numtorch.optim.Adam([{"params": npar[:1], "lr": 0.5}, {"params": npar[1:]}],
                               betas=(0.8, 0.9))
    for tg, ng in zip(topt.param_groups, nopt.param_groups):
        assert list(ng) == list(tg)
        assert {k: v for k, v in ng.items() if k != "params"} == {
            k: v for k, v in tg.items() if k != "params"}
        assert ng["params"] == [p for p in npar if any(p is q for q in ng["params"])]
    assert nopt.defaults == topt.defaults


def test_named_parameters():
    tp, npar = make_params()
    topt = torch.optim.Adam([("a", tp[0]), ("b", tp[1])])
    nopt = numtorch.optim.Adam([("a", npar[0]), ("b", npar[1])])
    assert nopt.param_groups[0]["param_names"] == ["a", "b"]
    assert nopt.param_groups[0]["params"][0] is npar[0]
    assert repr(nopt) == repr(topt)
    assert nopt.state_dict()["param_groups"] == topt.state_dict()["param_groups"]


def _param_error_cases(lib):
    p = lib.nn.Parameter(lib.ones(2))
    q = lib.nn.Parameter(lib.ones(3))
    opt = lib.optim.SGD
    return [
        lambda: opt([]),
        lambda: opt(p),
        lambda: opt([p, 1]),
        lambda: opt([p * 2]),
        lambda: opt([p, p]),
        lambda: opt([{"params": {p}}]),
        lambda: opt([{"params": [p]}, {"params": [p, q]}]),
        lambda: opt([p]).add_param_group([q]),
        lambda: opt([p]).add_param_group({"params": [p]}),
        lambda: opt([p, ("b", q)]),
        lambda: opt([{"params": [p]}, {"params": [("a", q)]}]),
        lambda: opt([{"params": [("a", p)]}, {"params": [q]}]),
        lambda: opt([p], lr=None),
        lambda: lib.optim.Adam([{"params": [p]}], lr=lib.tensor([0.1, 0.2])),
        lambda: opt([p], lr=0.1, fused=True, foreach=True),
        lambda: lib.optim.Adam([p], fused=True, differentiable=True),
    ]


@pytest.mark.parametrize("i", range(len(_param_error_cases(torch))))
def test_param_errors_match_torch(i):
    expected = outcome(_param_error_cases(torch)[i])
    got = outcome(_param_error_cases(numtorch)[i])
    assert got[0] == expected[0]
    if got[0] == "ok":
        assert got[1] == expected[1]  # the duplicate-parameter UserWarning
    else:
        assert got[1] == expected[1]


HYPER_ERRORS = [
    ("SGD", dict(lr=-1)), ("SGD", dict(momentum=-0.1)), ("SGD", dict(weight_decay=-1)),
    ("SGD", dict(nesterov=True)), ("SGD", dict(nesterov=True, momentum=0.9, dampening=0.1)),
    ("Adam", dict(lr=-1)), ("Adam", dict(eps=-1)), ("Adam", dict(betas=(1.0, 0.9))),
    ("Adam", dict(betas=(0.9, -0.1))), ("Adam", dict(weight_decay=-1)),
    ("Adam", dict(betas=(0, 0.99))), ("AdamW", dict(weight_decay=-1)),
    ("AdamW", dict(betas=(0.9, 1))),
    ("RMSprop", dict(lr=-1)), ("RMSprop", dict(eps=-1)), ("RMSprop", dict(momentum=-1)),
    ("RMSprop", dict(weight_decay=-1)), ("RMSprop", dict(alpha=-1)),
    ("Adagrad", dict(lr=-1)), ("Adagrad", dict(lr_decay=-1)), ("Adagrad", dict(weight_decay=-1)),
    ("Adagrad", dict(initial_accumulator_value=-1)), ("Adagrad", dict(eps=-1)),
    ("Adadelta", dict(lr=-1)), ("Adadelta", dict(rho=1.1)), ("Adadelta", dict(eps=-1)),
    ("Adadelta", dict(weight_decay=-1)),
    ("Adamax", dict(lr=-1)), ("Adamax", dict(eps=-1)), ("Adamax", dict(betas=(1.0, 0.9))),
    ("Adamax", dict(betas=(0.9, 1.0))), ("Adamax", dict(weight_decay=-1)),
    ("NAdam", dict(lr=-1)), ("NAdam", dict(eps=-1)), ("NAdam", dict(betas=(1.0, 0.9))),
    ("NAdam", dict(weight_decay=-1)), ("NAdam", dict(momentum_decay=-1)),
    ("RAdam", dict(lr=-1)), ("RAdam", dict(eps=-1)), ("RAdam", dict(betas=(0.9, 1.0))),
    ("RAdam", dict(weight_decay=-1)),
    ("ASGD", dict(lr=-1)), ("ASGD", dict(weight_decay=-1)),
    ("Rprop", dict(lr=-1)), ("Rprop", dict(etas=(1.1, 1.2))), ("Rprop", dict(etas=(0.5, 0.9))),
    # several bad values: the first check torch makes wins
    ("Adagrad", dict(lr=1, weight_decay=-1, initial_accumulator_value=-1, eps=-1)),
    ("NAdam", dict(lr=1, betas=(2, 2), weight_decay=-1, momentum_decay=-1)),
    ("RMSprop", dict(lr=1, eps=-1, momentum=-1, weight_decay=-1, alpha=-1)),
]


@pytest.mark.parametrize("case", HYPER_ERRORS, ids=[_case_id(c) for c in HYPER_ERRORS])
def test_hyperparameter_errors_match_torch(case):
    name, kw = case
    tp, npar = make_params()
    expected = outcome(lambda: getattr(torch.optim, name)(tp, **kw))
    assert expected[0] != "ok"
    assert outcome(lambda: getattr(numtorch.optim, name)(npar, **kw)) == expected


def test_step_hooks():
    _, npar = make_params()
    opt = numtorch.optim.SGD(npar, lr=0.1)
    log = []
    pre = opt.register_step_pre_hook(lambda o, args, kwargs: log.append(("pre", o is opt)))
    post = opt.register_step_post_hook(lambda o, args, kwargs: log.append(("post", o is opt)))
    glob = numtorch.optim.optimizer.register_optimizer_step_pre_hook(
        lambda o, args, kwargs: log.append(("global", o is opt)))
    opt.step()
    assert log == [("global", True), ("pre", True), ("post", True)]
    pre.remove()
    post.remove()
    glob.remove()
    opt.step()
    assert len(log) == 3
    bad = opt.register_step_pre_hook(lambda o, args, kwargs: 1)
    with pytest.raises(RuntimeError, match="must return None or a tuple"):
        opt.step()
    bad.remove()


def test_lr_as_tensor():
    tp, npar = make_params()
    for name in ("SGD", "Adam", "RMSprop"):
        topt = getattr(torch.optim, name)(tp, lr=torch.tensor(0.1))
        nopt = getattr(numtorch.optim, name)(npar, lr=numtorch.tensor(0.1))
        assert repr(nopt) == repr(topt)
        run_steps(topt, nopt, tp, npar, 3, np.random.default_rng(4))
        assert_same_state(topt, nopt, tp, npar, TOL[np.float32])


def test_fused_and_foreach_accepted():
    tp, npar = make_params()
    topt = torch.optim.AdamW(tp, fused=True)
    nopt = numtorch.optim.AdamW(npar, fused=True)
    assert repr(nopt) == repr(topt)
    run_steps(topt, nopt, tp, npar, 3, np.random.default_rng(4))
    assert_same_state(topt, nopt, tp, npar, TOL[np.float32])
    nopt = numtorch.optim.SGD(npar, foreach=True, momentum=0.9)
    assert nopt.param_groups[0]["foreach"] is True


# ---------------------------------------------------------------- state dicts
SD_CASES = [
    ("SGD", dict(lr=0.1, momentum=0.9, nesterov=True)),
    ("Adam", dict(amsgrad=True, weight_decay=0.1)),
    ("AdamW", {}),
    ("RMSprop", dict(centered=True, momentum=0.5)),
    ("Adagrad", dict(lr_decay=0.01)),
    ("Adadelta", {}),
    ("Adamax", {}),
    ("NAdam", {}),
    ("RAdam", {}),
    ("ASGD", dict(t0=3)),
    ("Rprop", {}),
]


def _groups(params):
    return [{"params": params[:2]}, {"params": params[2:], "lr": 0.02}]


@pytest.mark.parametrize("case", SD_CASES, ids=[_case_id(c) for c in SD_CASES])
def test_state_dict_layout_and_round_trips(case):
    name, kw = case
    tol = TOL[np.float64]
    tp, npar = make_params(np.float64)
    topt = getattr(torch.optim, name)(_groups(tp), **kw)
    nopt = getattr(numtorch.optim, name)(_groups(npar), **kw)
    rng = np.random.default_rng(6)
    run_steps(topt, nopt, tp, npar, 5, rng)

    tsd, nsd = topt.state_dict(), nopt.state_dict()
    # torch's layout: the same keys in the same order, params as ints across groups
    assert nsd["param_groups"] == tsd["param_groups"]
    assert list(nsd["state"]) == list(tsd["state"])
    for idx in tsd["state"]:
        assert list(nsd["state"][idx]) == list(tsd["state"][idx])
        for key, value in tsd["state"][idx].items():
            assert_tensor_equal(value, nsd["state"][idx][key], tol)

    # numtorch -> numtorch: a fresh optimizer on copies of the parameters continues the same
    copies = [numtorch.nn.Parameter(p.detach().clone()) for p in npar]
    nopt2 = getattr(numtorch.optim, name)(_groups(copies), lr=0.5)
    nopt2.load_state_dict(copy.deepcopy(nsd))
    assert repr(nopt2) == repr(nopt)

    # numtorch -> torch and torch -> numtorch, through NumPy
    tcopies = [torch.nn.Parameter(p.detach().clone()) for p in tp]
    topt2 = getattr(torch.optim, name)(_groups(tcopies), lr=0.5)
    topt2.load_state_dict(to_torch(nsd))
    ncopies = [numtorch.nn.Parameter(p.detach().clone()) for p in npar]
    nopt3 = getattr(numtorch.optim, name)(_groups(ncopies), lr=0.5)
    nopt3.load_state_dict(to_numtorch(tsd))

    for _ in range(5):
        grads = [rng.standard_normal(tuple(p.shape)) for p in tp]
        for params, lib in ((tp, torch), (tcopies, torch), (npar, numtorch), (copies, numtorch),
                            (ncopies, numtorch)):
            for p, g in zip(params, grads):
                p.grad = lib.from_numpy(g.copy())
        for opt in (topt, topt2, nopt, nopt2, nopt3):
            opt.step()
    # a loaded optimizer casts scalar state other than 'step' (NAdam's mu_product, ASGD's
    # eta and mu) to the parameter's dtype, as torch does: compare loaded with loaded
    assert_same_state(topt, nopt, tp, npar, tol)
    assert_same_state(topt2, nopt2, tcopies, copies, tol)
    assert_same_state(topt2, nopt3, tcopies, ncopies, tol)


def test_state_dict_shares_live_buffers_and_load_keeps_them():
    _, npar = make_params()
    opt = numtorch.optim.SGD(npar, lr=0.1, momentum=0.9)
    for p in npar:
        p.grad = numtorch.ones_like(p)
    opt.step()
    sd = opt.state_dict()
    assert sd["state"][0]["momentum_buffer"] is opt.state[npar[0]]["momentum_buffer"]
    opt2 = numtorch.optim.SGD(npar, lr=0.1, momentum=0.9)
    opt2.load_state_dict(sd)
    # as in torch, tensors already of the right dtype are used as they are
    assert opt2.state[npar[0]]["momentum_buffer"] is sd["state"][0]["momentum_buffer"]
    assert opt2.param_groups[0]["params"][0] is npar[0]


def test_load_state_dict_casts_to_param_dtype():
    _, p32 = make_params(np.float32)
    _, p64 = make_params(np.float64)
    opt32 = numtorch.optim.Adam(p32)
    for p in p32:
        p.grad = numtorch.ones_like(p)
    opt32.step()
    opt64 = numtorch.optim.Adam(p64)
    opt64.load_state_dict(opt32.state_dict())
    state = opt64.state[p64[0]]
    assert state["exp_avg"].dtype == numtorch.float64
    assert state["step"].dtype == numtorch.float32 and float(state["step"]) == 1.0


def test_load_old_checkpoint_with_number_steps():
    _, npar = make_params()
    opt = numtorch.optim.Adam(npar)
    old = {"state": {0: {"step": 3, "exp_avg": numtorch.zeros(3, 4),
                         "exp_avg_sq": numtorch.zeros(3, 4)}},
           "param_groups": [{"lr": 0.01, "betas": (0.9, 0.999), "eps": 1e-8,
                             "weight_decay": 0, "amsgrad": False, "params": [0, 1, 2]}]}
    opt.load_state_dict(old)
    step = opt.state[npar[0]]["step"]
    assert isinstance(step, numtorch.Tensor) and step.dtype == numtorch.float32
    assert float(step) == 3.0
    group = opt.param_groups[0]
    assert group["lr"] == 0.01 and group["maximize"] is False and group["foreach"] is None
    npar[0].grad = numtorch.ones(3, 4)
    opt.step()
    assert float(opt.state[npar[0]]["step"]) == 4.0


def _load_error_cases(lib):
    p = lib.nn.Parameter(lib.ones(2))
    q = lib.nn.Parameter(lib.ones(3))
    two_groups = lib.optim.SGD([{"params": [p]}, {"params": [q]}]).state_dict()
    two_params = lib.optim.SGD([p, q]).state_dict()
    return [
        lambda: lib.optim.SGD([p]).load_state_dict(two_groups),
        lambda: lib.optim.SGD([p]).load_state_dict(two_params),
        lambda: lib.optim.SGD([p]).load_state_dict({"state": {}}),
    ]


@pytest.mark.parametrize("i", range(3))
def test_load_state_dict_errors_match_torch(i):
    assert outcome(_load_error_cases(numtorch)[i]) == outcome(_load_error_cases(torch)[i])


def test_adagrad_state_created_at_construction():
    tp, npar = make_params()
    tsd = torch.optim.Adagrad(tp, initial_accumulator_value=0.5).state_dict()
    nsd = numtorch.optim.Adagrad(npar, initial_accumulator_value=0.5).state_dict()
    assert list(nsd["state"]) == list(tsd["state"]) == [0, 1, 2]
    assert_tensor_equal(tsd["state"][0]["sum"], nsd["state"][0]["sum"], TOL[np.float32])
    assert_tensor_equal(tsd["state"][0]["step"], nsd["state"][0]["step"], TOL[np.float32])


@pytest.mark.parametrize("name", ["SGD", "Adam", "NAdam"])
def test_pickle_and_deepcopy(name):
    tp, npar = make_params()
    kw = {"momentum": 0.9} if name == "SGD" else {}
    topt = getattr(torch.optim, name)(tp, **kw)
    nopt = getattr(numtorch.optim, name)(npar, **kw)
    rng = np.random.default_rng(7)
    run_steps(topt, nopt, tp, npar, 3, rng)
    clone = pickle.loads(pickle.dumps(nopt))
    dup = copy.deepcopy(nopt)
    for other in (clone, dup):
        assert repr(other) == repr(nopt)
        params = other.param_groups[0]["params"]
        assert all(p in other.state for p in params)  # state still keyed by the same objects
        for p in params:
            p.grad = None
    cparams = clone.param_groups[0]["params"]
    dparams = dup.param_groups[0]["params"]
    for _ in range(3):
        set_grads(tp, npar, rng)
        for a, b, c in zip(npar, cparams, dparams):
            b.grad = a.grad.clone()
            c.grad = a.grad.clone()
        for opt in (topt, nopt, clone, dup):
            opt.step()
    assert_same_state(topt, clone, tp, cparams, TOL[np.float32])
    assert_same_state(topt, dup, tp, dparams, TOL[np.float32])
    assert_same_state(topt, nopt, tp, npar, TOL[np.float32])


# ---------------------------------------------------------------- L-BFGS
def _rosenbrock(x):
    return (100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2).sum()


LBFGS_CASES = [
    {},
    dict(line_search_fn="strong_wolfe"),
    dict(history_size=3, max_iter=7, lr=0.5),
    dict(history_size=3, max_iter=30, line_search_fn="strong_wolfe", tolerance_change=1e-12),
]


@pytest.mark.parametrize("kw", LBFGS_CASES, ids=[_case_id(("LBFGS", kw)) for kw in LBFGS_CASES])
def test_lbfgs_matches_torch(kw):
    x0 = np.random.default_rng(0).standard_normal(6)
    results = []
    for lib in (torch, numtorch):
        x = lib.nn.Parameter(lib.from_numpy(x0.copy()))
        opt = lib.optim.LBFGS([x], **kw)

        def closure():
            opt.zero_grad()
            loss = _rosenbrock(x)
            loss.backward()
            return loss

        losses = [float(opt.step(closure).detach()) for _ in range(3)]
        state = opt.state[x]
        results.append((x.detach().numpy().copy(), losses, state["func_evals"],
                        state["n_iter"], repr(opt), len(state["old_dirs"])))
    (xt, lt, *meta_t), (xn, ln, *meta_n) = results
    assert meta_n == meta_t
    np.testing.assert_allclose(ln, lt, rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(xn, xt, rtol=1e-8, atol=1e-10)


def test_lbfgs_errors_match_torch():
    def cases(lib):
        p = lib.nn.Parameter(lib.ones(2))
        q = lib.nn.Parameter(lib.ones(2))

        def closure():
            p.grad = None
            loss = (p * p).sum()
            loss.backward()
            return loss

        return [
            lambda: lib.optim.LBFGS([{"params": [p]}, {"params": [q]}]),
            lambda: lib.optim.LBFGS([p], lr=-1),
            lambda: lib.optim.LBFGS([p], line_search_fn="foo").step(closure),
        ]

    for mine, theirs in zip(cases(numtorch), cases(torch)):
        p_t = outcome(theirs)
        assert p_t[0] != "ok"
        assert outcome(mine) == p_t


def test_lbfgs_state_dict_round_trip():
    x0 = np.array([-1.2, 1.0, 0.5])
    xs = [numtorch.nn.Parameter(numtorch.from_numpy(x0.copy())) for _ in range(2)]
    opts = [numtorch.optim.LBFGS([x], max_iter=4, history_size=5) for x in xs]

    def make_closure(opt, x):
        def closure():
            opt.zero_grad()
            loss = _rosenbrock(x)
            loss.backward()
            return loss
        return closure

    opts[0].step(make_closure(opts[0], xs[0]))
    with numtorch.no_grad():
        xs[1].copy_(xs[0])
    opts[1].load_state_dict(pickle.loads(pickle.dumps(opts[0].state_dict())))
    for opt, x in zip(opts, xs):
        opt.step(make_closure(opt, x))
    np.testing.assert_array_equal(xs[1].detach().numpy(), xs[0].detach().numpy())
    assert opts[1].state[xs[1]]["n_iter"] == opts[0].state[xs[0]]["n_iter"] == 8


# ---------------------------------------------------------------- user subclasses, numbering
def test_duplicate_params_numbering_matches_torch():
    tp, npar = make_params()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tsd = torch.optim.SGD([{"params": [tp[0], tp[0]]}, {"params": tp[1:]}]).state_dict()
        nsd = numtorch.optim.SGD([{"params": [npar[0], npar[0]]}, {"params": npar[1:]}]
                                 ).state_dict()
    assert nsd["param_groups"] == tsd["param_groups"]
    assert nsd["param_groups"][0]["params"] == [1, 1]
    assert nsd["param_groups"][1]["params"] == [2, 3]


def _custom_optimizer(lib):
    class PlainSGD(lib.optim.Optimizer):
        def __init__(self, params, lr=importlib.import_module(
                lib.__name__ + ".optim.optimizer").required):
            super().__init__(params, dict(lr=lr))

        @lib.no_grad()
        def step(self, closure=None):
            for group in self.param_groups:
                for p in group["params"]:
                    if p.grad is not None:
                        p.add_(p.grad, alpha=-group["lr"])

    return PlainSGD


def test_user_defined_optimizer():
    tp, npar = make_params()
    topt = _custom_optimizer(torch)([{"params": tp[:1], "lr": 0.1}, {"params": tp[1:], "lr": 1.0}])
    nopt = _custom_optimizer(numtorch)([{"params": npar[:1], "lr": 0.1},
                                        {"params": npar[1:], "lr": 1.0}])
    assert repr(nopt) == repr(topt)
    calls = []
    nopt.register_step_post_hook(lambda o, a, k: calls.append(1))
    run_steps(topt, nopt, tp, npar, 3, np.random.default_rng(8))
    assert calls == [1, 1, 1]
    assert_same_state(topt, nopt, tp, npar, TOL[np.float32])
    assert nopt.state_dict()["param_groups"] == topt.state_dict()["param_groups"]
    expected = outcome(lambda: _custom_optimizer(torch)(tp))
    assert expected[0] == "ValueError"
    assert outcome(lambda: _custom_optimizer(numtorch)(npar)) == expected


def test_state_dict_hooks():
    _, npar = make_params()
    opt = numtorch.optim.SGD(npar, lr=0.1)
    opt.register_state_dict_post_hook(lambda o, sd: {**sd, "extra": 1})
    assert opt.state_dict()["extra"] == 1
    loaded = []
    opt.register_load_state_dict_post_hook(lambda o: loaded.append(o))
    opt.load_state_dict(opt.state_dict())
    assert loaded == [opt]

"""optim.lr_scheduler against torch: lr (and momentum) sequences, state_dicts, warnings, errors.

Every schedule runs the same loop in both libraries: ``optimizer.step(); scheduler.step()``
for 50 steps on an optimizer with two param groups of different lrs; the lrs written into
the groups, ``get_last_lr()`` and the cycled momentum/betas must be *equal* to torch's
(the recursive formulas are evaluated in the same order, so the floats match exactly).
"""

import copy
import importlib
import math
import re
import warnings

import numpy as np
import pytest
import torch
from torch.optim import lr_scheduler as T

import numtorch
from numtorch.optim import lr_scheduler as N

STEPS = 50


# ----------------------------------------------------------------------------------------
# The same optimizer in both libraries


def _optimizer_class(lib, name):
    cls = getattr(lib.optim, name, None)
    if cls is None:  # numtorch.optim not wired yet: its module, else a stand-in
        try:
            cls = getattr(importlib.import_module(f"numtorch.optim.{name.lower()}"), name)
        except (ImportError, AttributeError):
            cls = _STAND_INS[name]
    return cls


class _StandIn:
    """Minimal optimizer: torch's param_groups/defaults/state_dict layout, no-op step."""

    DEFAULTS = {}

    def __init__(self, params, **kwargs):
        self.defaults = dict(self.DEFAULTS, **kwargs)
        params = list(params)
        groups = params if isinstance(params[0], dict) else [{"params": params}]
        self.param_groups = [dict(self.defaults, **g) for g in groups]
        self.state = {}

    def step(self, closure=None):
        return None

    def state_dict(self):
        groups = [{k: v for k, v in g.items() if k != "params"} for g in self.param_groups]
        return {"state": {}, "param_groups": copy.deepcopy(groups)}

    def load_state_dict(self, state_dict):
        for g, saved in zip(self.param_groups, state_dict["param_groups"]):
            g.update(copy.deepcopy(saved))


class _SGD(_StandIn):
    DEFAULTS = {"lr": 1e-3, "momentum": 0, "dampening": 0, "weight_decay": 0}


class _Adam(_StandIn):
    DEFAULTS = {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0}


class _Adagrad(_StandIn):
    DEFAULTS = {"lr": 1e-2, "lr_decay": 0, "eps": 1e-10}


_STAND_INS = {"SGD": _SGD, "Adam": _Adam, "Adagrad": _Adagrad}


def make_optimizer(lib, name="SGD", lrs=(0.1, 0.01), **kwargs):
    """Two param groups (lrs 0.1 and 0.01 by default), each with a gradient of ones."""
    groups = []
    for i, lr in enumerate(lrs):
        p = lib.nn.Parameter(lib.from_numpy(np.linspace(-1, 1, 3 + i).astype(np.float32)))
        p.grad = lib.ones_like(p)
        groups.append({"params": [p], "lr": lr})
    return _optimizer_class(lib, name)(groups, **kwargs)


def _snapshot(opt, sched):
    """What a step changed: the groups' lr, momentum, betas, and get_last_lr()."""
    out = []
    for g in opt.param_groups:
        out.append((g["lr"], g.get("momentum"), g.get("betas")))
    return out, list(sched.get_last_lr())


def _run(sched, opt, steps, metrics=None):
    history = [_snapshot(opt, sched)]
    for i in range(steps):
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[i])
        history.append(_snapshot(opt, sched))
    return history


def _both(opt_name, make_sched, opt_kwargs=None, steps=STEPS, lrs=(0.1, 0.01)):
    """Run the schedule in torch and numtorch; return both histories."""
    results = []
    for lib, mod in ((torch, T), (numtorch, N)):
        opt = make_optimizer(lib, opt_name, lrs, **(opt_kwargs or {}))
        sched = make_sched(mod, opt)
        results.append(_run(sched, opt, steps))
    return results


def _assert_same_history(expected, actual):
    assert len(expected) == len(actual)
    for step, (e, a) in enumerate(zip(expected, actual)):
        assert a == e, f"step {step}: numtorch {a} != torch {e}"


# ----------------------------------------------------------------------------------------
# Every schedule, 50 steps, two groups


class Halve:
    """A callable object: LambdaLR saves its __dict__ in state_dict."""

    def __init__(self):
        self.every = 7

    def __call__(self, epoch):
        return 0.5 ** (epoch // self.every)


CASES = {
    "StepLR": ("SGD", lambda L, o: L.StepLR(o, step_size=7, gamma=0.5)),
    "StepLR-default-gamma": ("SGD", lambda L, o: L.StepLR(o, 3)),
    "MultiStepLR": ("SGD", lambda L, o: L.MultiStepLR(o, milestones=[5, 12, 12, 30], gamma=0.3)),
    "ConstantLR": ("SGD", lambda L, o: L.ConstantLR(o, factor=0.25, total_iters=8)),
    "ConstantLR-default": ("SGD", lambda L, o: L.ConstantLR(o)),
    "LinearLR": ("SGD", lambda L, o: L.LinearLR(o, start_factor=0.2, end_factor=0.9,
                                                total_iters=13)),
    "LinearLR-decay": ("SGD", lambda L, o: L.LinearLR(o, start_factor=1.0, end_factor=0.05,
                                                      total_iters=40)),
    "ExponentialLR": ("SGD", lambda L, o: L.ExponentialLR(o, gamma=0.93)),
    "CosineAnnealingLR": ("SGD", lambda L, o: L.CosineAnnealingLR(o, T_max=10, eta_min=0.001)),
    "CosineAnnealingLR-long": ("SGD", lambda L, o: L.CosineAnnealingLR(o, T_max=7)),
    "LambdaLR": ("SGD", lambda L, o: L.LambdaLR(o, [lambda e: 1 / (e + 1), lambda e: 0.9 ** e])),
    "LambdaLR-one": ("SGD", lambda L, o: L.LambdaLR(o, Halve())),
    "MultiplicativeLR": ("SGD", lambda L, o: L.MultiplicativeLR(o, lambda e: 0.95)),
    "PolynomialLR": ("SGD", lambda L, o: L.PolynomialLR(o, total_iters=20, power=2.0)),
    "PolynomialLR-default": ("SGD", lambda L, o: L.PolynomialLR(o)),
    "CosineAnnealingWarmRestarts": (
        "SGD", lambda L, o: L.CosineAnnealingWarmRestarts(o, T_0=5, T_mult=2, eta_min=0.001)),
    "CosineAnnealingWarmRestarts-T_mult1": (
        "SGD", lambda L, o: L.CosineAnnealingWarmRestarts(o, T_0=6)),
    "SequentialLR": ("SGD", lambda L, o: L.SequentialLR(
        o, [L.LinearLR(o, start_factor=0.1, total_iters=5), L.ExponentialLR(o, gamma=0.9)],
        milestones=[5])),
    "SequentialLR-3": ("SGD", lambda L, o: L.SequentialLR(
        o, [L.ConstantLR(o, factor=0.5, total_iters=4), L.CosineAnnealingLR(o, T_max=12),
            L.StepLR(o, step_size=4)], milestones=[6, 20])),
    "ChainedScheduler": ("SGD", lambda L, o: L.ChainedScheduler(
        [L.ConstantLR(o, factor=0.1, total_iters=4), L.ExponentialLR(o, gamma=0.9)])),
    "ChainedScheduler-warmup-cosine": ("SGD", lambda L, o: L.ChainedScheduler(
        [L.LinearLR(o, start_factor=0.3, total_iters=6), L.CosineAnnealingLR(o, T_max=15)],
        optimizer=o)),
    "CyclicLR-triangular": ("SGD", lambda L, o: L.CyclicLR(
        o, base_lr=[0.01, 0.001], max_lr=[0.1, 0.05], step_size_up=4, step_size_down=6)),
    "CyclicLR-triangular2": ("SGD", lambda L, o: L.CyclicLR(
        o, base_lr=0.01, max_lr=0.1, step_size_up=5, mode="triangular2",
        base_momentum=[0.7, 0.8], max_momentum=0.95)),
    "CyclicLR-exp_range": ("SGD", lambda L, o: L.CyclicLR(
        o, base_lr=0.01, max_lr=0.1, step_size_up=3, mode="exp_range", gamma=0.97)),
    "CyclicLR-scale_fn-iterations": ("SGD", lambda L, o: L.CyclicLR(
        o, 0.01, 0.1, step_size_up=4, scale_fn=lambda x: 1 / (1 + 0.05 * x),
        scale_mode="iterations")),
    "CyclicLR-no-momentum": ("SGD", lambda L, o: L.CyclicLR(
        o, 0.01, 0.1, step_size_up=4, cycle_momentum=False)),
    "CyclicLR-Adam": ("Adam", lambda L, o: L.CyclicLR(o, 0.001, 0.01, step_size_up=6)),
    "OneCycleLR": ("SGD", lambda L, o: L.OneCycleLR(o, max_lr=[0.1, 0.05], total_steps=STEPS)),
    "OneCycleLR-linear": ("SGD", lambda L, o: L.OneCycleLR(
        o, max_lr=0.1, total_steps=60, anneal_strategy="linear", pct_start=0.25)),
    "OneCycleLR-three_phase": ("SGD", lambda L, o: L.OneCycleLR(
        o, max_lr=0.1, epochs=5, steps_per_epoch=10, three_phase=True, div_factor=10.0,
        final_div_factor=100.0)),
    "OneCycleLR-Adam": ("Adam", lambda L, o: L.OneCycleLR(
        o, max_lr=0.01, total_steps=STEPS, base_momentum=0.8, max_momentum=[0.9, 0.92])),
    "OneCycleLR-no-momentum": ("SGD", lambda L, o: L.OneCycleLR(
        o, max_lr=0.1, total_steps=STEPS, cycle_momentum=False)),
}

MOMENTUM_KWARGS = {"SGD": {"momentum": 0.9}, "Adam": {}}


@pytest.mark.parametrize("case", sorted(CASES))
def test_schedule_matches_torch(case):
    opt_name, make = CASES[case]
    expected, actual = _both(opt_name, make, MOMENTUM_KWARGS[opt_name])
    _assert_same_history(expected, actual)
    lrs = {step[0][0][0] for step in actual}
    assert len(lrs) > 1 or case.startswith("CyclicLR-no"), "the schedule never moved"


def test_schedule_moves_parameters_with_its_lr():
    """The lr the scheduler writes is the lr the optimizer uses (real SGD step)."""
    finals = []
    for lib, mod in ((torch, T), (numtorch, N)):
        opt = make_optimizer(lib, "SGD")
        sched = mod.ExponentialLR(opt, gamma=0.5)
        for _ in range(5):
            opt.step()
            sched.step()
        finals.append([g["params"][0].detach().numpy().copy() for g in opt.param_groups])
    if _optimizer_class(numtorch, "SGD") is _SGD:
        pytest.skip("numtorch.optim.SGD not available yet")
    for t, n in zip(*finals):
        np.testing.assert_allclose(n, t, rtol=1e-6)


def test_onecycle_steps_past_total_raise():
    for mod, lib in ((T, torch), (N, numtorch)):
        opt = make_optimizer(lib, "SGD", momentum=0.9)
        sched = mod.OneCycleLR(opt, max_lr=0.1, total_steps=3)
        for _ in range(3):
            opt.step()
            sched.step()
        with pytest.raises(ValueError, match="Tried to step 4 times. The specified number of "
                                             "total steps is 3"):
            sched.step()


# ----------------------------------------------------------------------------------------
# Resuming: last_epoch >= 0, state_dict round trips


RESUMABLE = ["StepLR", "MultiStepLR", "ConstantLR", "LinearLR", "ExponentialLR",
             "CosineAnnealingLR", "LambdaLR", "MultiplicativeLR", "PolynomialLR",
             "CosineAnnealingWarmRestarts", "CyclicLR-triangular", "CyclicLR-exp_range",
             "OneCycleLR", "OneCycleLR-Adam"]


@pytest.mark.parametrize("case", RESUMABLE)
def test_last_epoch_resume_matches_torch(case):
    """A scheduler built with last_epoch=k on an optimizer that holds initial_lr."""
    opt_name, make = CASES[case]
    histories = []
    for lib, mod in ((torch, T), (numtorch, N)):
        opt = make_optimizer(lib, opt_name, **MOMENTUM_KWARGS[opt_name])
        make(mod, opt)  # sets initial_lr (and max_lr, momentum bounds) in the groups
        resumed = _with_last_epoch(make, mod, opt, 9)
        histories.append(_run(resumed, opt, 20))
    _assert_same_history(*histories)


def _with_last_epoch(make, mod, opt, last_epoch):
    """Rebuild the scheduler of ``make`` with ``last_epoch`` by wrapping the class."""
    built = {}

    class Proxy:
        def __getattr__(self, name):
            cls = getattr(mod, name)

            def build(*args, **kwargs):
                kwargs["last_epoch"] = last_epoch
                built["s"] = cls(*args, **kwargs)
                return built["s"]

            return build

    return make(Proxy(), opt)


@pytest.mark.parametrize("case", sorted(CASES))
def test_state_dict_round_trip(case):
    """Save optimizer and scheduler mid-way, rebuild both, load, continue: identical."""
    opt_name, make = CASES[case]
    kwargs = MOMENTUM_KWARGS[opt_name]

    opt = make_optimizer(numtorch, opt_name, **kwargs)
    sched = make(N, opt)
    _run(sched, opt, 20)
    opt_state, sched_state = copy.deepcopy(opt.state_dict()), copy.deepcopy(sched.state_dict())
    expected = _run(sched, opt, 30)

    opt2 = make_optimizer(numtorch, opt_name, **kwargs)
    sched2 = make(N, opt2)
    opt2.load_state_dict(opt_state)
    sched2.load_state_dict(sched_state)
    assert sched2.get_last_lr() == expected[0][1]
    _assert_same_history(expected, _run(sched2, opt2, 30))


@pytest.mark.parametrize("case", sorted(CASES))
def test_state_dict_matches_torch(case):
    """Same keys (in torch's order) and values; torch's state loads into numtorch."""
    opt_name, make = CASES[case]
    kwargs = MOMENTUM_KWARGS[opt_name]
    t_opt = make_optimizer(torch, opt_name, **kwargs)
    n_opt = make_optimizer(numtorch, opt_name, **kwargs)
    t_sched, n_sched = make(T, t_opt), make(N, n_opt)
    for _ in range(17):
        t_opt.step(), n_opt.step()
        t_sched.step(), n_sched.step()
    t_state, n_state = t_sched.state_dict(), n_sched.state_dict()
    assert list(n_state) == list(t_state)
    assert n_state == t_state

    # torch's scheduler state (e.g. from a torch checkpoint) continues in numtorch
    n_opt2 = make_optimizer(numtorch, opt_name, **kwargs)
    n_sched2 = make(N, n_opt2)
    n_opt2.load_state_dict(_groups_only(t_opt.state_dict()))
    n_sched2.load_state_dict(copy.deepcopy(t_state))
    _assert_same_history(_run(t_sched, t_opt, 20), _run(n_sched2, n_opt2, 20))


def _groups_only(opt_state):
    """An optimizer state_dict without per-parameter buffers (torch tensors)."""
    return {"state": {}, "param_groups": copy.deepcopy(opt_state["param_groups"])}


def test_lambda_state_dict_skips_functions():
    for mod, lib in ((T, torch), (N, numtorch)):
        opt = make_optimizer(lib)
        halve = Halve()
        sched = mod.LambdaLR(opt, [lambda e: 0.9 ** e, halve])
        state = sched.state_dict()
        assert state["lr_lambdas"] == [None, {"every": 7}]
        assert "optimizer" not in state
        # a callable object's attributes are restored
        halve2 = Halve()
        halve2.every = 1
        sched2 = mod.LambdaLR(make_optimizer(lib), [lambda e: 1.0, halve2])
        sched2.load_state_dict(state)
        assert halve2.every == 7
        assert state["lr_lambdas"] == [None, {"every": 7}]  # the input is left as it was


def test_cyclic_state_dict_custom_scale_fn_object():
    class Scale:
        def __init__(self):
            self.k = 0.5

        def __call__(self, x):
            return self.k

    for mod, lib in ((T, torch), (N, numtorch)):
        sched = mod.CyclicLR(make_optimizer(lib, momentum=0.9), 0.01, 0.1, scale_fn=Scale())
        state = sched.state_dict()
        assert state["_scale_fn_custom"] == {"k": 0.5}
        other = Scale()
        other.k = 0.1
        sched2 = mod.CyclicLR(make_optimizer(lib, momentum=0.9), 0.01, 0.1, scale_fn=other)
        sched2.load_state_dict(state)
        assert other.k == 0.5


def test_sequential_state_dict_nests_children():
    opt = make_optimizer(numtorch)
    a, b = N.LinearLR(opt, 0.5, total_iters=2), N.ExponentialLR(opt, 0.9)
    sched = N.SequentialLR(opt, [a, b], milestones=[2])
    state = sched.state_dict()
    assert state["_schedulers"] == [a.state_dict(), b.state_dict()]
    assert "optimizer" not in state["_schedulers"][0]


# ----------------------------------------------------------------------------------------
# The deprecated epoch argument, get_lr outside step, the step-order warning


@pytest.mark.parametrize("case", ["StepLR", "MultiStepLR", "ConstantLR", "LinearLR",
                                  "ExponentialLR", "CosineAnnealingLR", "PolynomialLR",
                                  "LambdaLR", "CosineAnnealingWarmRestarts"])
def test_step_with_epoch_uses_closed_form(case):
    _, make = CASES[case]
    results = []
    for lib, mod in ((torch, T), (numtorch, N)):
        opt = make_optimizer(lib)
        sched = make(mod, opt)
        lrs = []
        for epoch in (3, 17, 5, 40, 0):
            opt.step()
            if case == "CosineAnnealingWarmRestarts":  # its epoch argument is not deprecated
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    sched.step(epoch + 0.5)
            else:
                with pytest.warns(UserWarning, match=re.escape(N.EPOCH_DEPRECATION_WARNING)):
                    sched.step(epoch)
            lrs.append([g["lr"] for g in opt.param_groups])
        results.append(lrs)
    assert results[1] == results[0]


def test_epoch_deprecation_text_is_torchs():
    assert N.EPOCH_DEPRECATION_WARNING == T.EPOCH_DEPRECATION_WARNING


def _warning_texts(fn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fn()
    return [str(w.message) for w in caught if issubclass(w.category, UserWarning)]


def test_scheduler_step_before_optimizer_step_warns():
    texts = []
    for lib, mod in ((torch, T), (numtorch, N)):
        opt = make_optimizer(lib)
        sched = mod.StepLR(opt, 3)
        texts.append(_warning_texts(sched.step))
    assert texts[0] and texts[1] == texts[0]
    expected = ("Detected call of `lr_scheduler.step()` before `optimizer.step()`. "
                "In PyTorch 1.1.0 and later, you should call them in the opposite order: "
                "`optimizer.step()` before `lr_scheduler.step()`.")
    opt = make_optimizer(numtorch)
    sched = N.ExponentialLR(opt, 0.9)
    with pytest.warns(UserWarning, match=re.escape(expected)):
        sched.step()
    # only once: later steps stay silent
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sched.step()


def test_right_order_does_not_warn_and_wrapper_is_shared():
    opt = make_optimizer(numtorch)
    first = N.StepLR(opt, 3)
    step = opt.step
    second = N.ExponentialLR(opt, 0.9)
    assert opt.step is step  # wrapped once, however many schedulers
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert opt.step() is None
        first.step()
        second.step()


def test_overridden_optimizer_step_warns():
    texts = []
    for lib, mod in ((torch, T), (numtorch, N)):
        opt = make_optimizer(lib)
        sched = mod.StepLR(opt, 3)
        opt.step = lambda closure=None: None
        opt.step()
        texts.append(_warning_texts(sched.step))
    assert texts[0] and texts[1] == texts[0]
    assert texts[1][0].startswith("Seems like `optimizer.step()` has been overridden")


def test_get_lr_outside_step_warns():
    texts = []
    for lib, mod in ((torch, T), (numtorch, N)):
        sched = mod.StepLR(make_optimizer(lib), 3)
        texts.append(_warning_texts(sched.get_lr))
    assert texts[1] == texts[0] == [
        "To get the last learning rate computed by the scheduler, please use `get_last_lr()`."
    ]


def test_get_last_lr_is_a_copy():
    opt = make_optimizer(numtorch)
    sched = N.StepLR(opt, 2, gamma=0.5)
    last = sched.get_last_lr()
    assert last == [0.1, 0.01]
    opt.param_groups[0]["lr"] = 3.0  # changes after the step are not seen ...
    assert sched.get_last_lr() == [0.1, 0.01]
    opt.step()
    sched.step()  # ... until the next one; StepLR chains on the current lr
    assert sched.get_last_lr() == [3.0, 0.01]


def test_custom_subclass_of_base():
    """A user scheduler implementing get_lr on the base class, as in torch."""
    histories = []
    for lib, mod in ((torch, T), (numtorch, N)):

        class Warmup(mod.LRScheduler):
            def __init__(self, optimizer, warmup, last_epoch=-1):
                self.warmup = warmup
                super().__init__(optimizer, last_epoch)

            def get_lr(self):
                scale = min(1.0, (self.last_epoch + 1) / self.warmup)
                return [base_lr * scale for base_lr in self.base_lrs]

        opt = make_optimizer(lib)
        histories.append(_run(Warmup(opt, 6), opt, 10))
    _assert_same_history(*histories)
    assert histories[1][0][1] == [0.1 * (1 / 6), 0.01 * (1 / 6)]


def test_initial_lr_and_base_lrs():
    opt = make_optimizer(numtorch)
    sched = N.LinearLR(opt, start_factor=0.5)
    assert [g["initial_lr"] for g in opt.param_groups] == [0.1, 0.01]
    assert sched.base_lrs == [0.1, 0.01]
    assert sched.last_epoch == 0
    assert sched.get_last_lr() == [0.05, 0.005]
    assert issubclass(N._LRScheduler, N.LRScheduler) and N._LRScheduler.__name__ == "_LRScheduler"


def test_tensor_lr_is_updated_in_place():
    opt = make_optimizer(numtorch)
    lr = numtorch.tensor(0.1, dtype=numtorch.float64)
    opt.param_groups[0]["lr"] = lr
    sched = N.StepLR(opt, 1, gamma=0.5)
    opt.step()
    sched.step()
    assert opt.param_groups[0]["lr"] is lr and float(lr) == 0.05
    last = sched.get_last_lr()[0]
    assert isinstance(last, numtorch.Tensor) and last is not lr and float(last) == 0.05


# ----------------------------------------------------------------------------------------
# ReduceLROnPlateau


PLATEAU = {
    "min-rel": dict(mode="min", patience=2),
    "min-abs-cooldown": dict(mode="min", threshold=0.05, threshold_mode="abs", patience=1,
                             cooldown=2, factor=0.5),
    "max-rel": dict(mode="max", patience=0, factor=0.7, min_lr=[0.02, 0.005]),
    "max-abs-min_lr": dict(mode="max", threshold_mode="abs", patience=1, min_lr=0.004),
    "eps": dict(mode="min", patience=0, factor=0.5, eps=0.01),
}


@pytest.mark.parametrize("name", sorted(PLATEAU))
def test_reduce_on_plateau_matches_torch(name):
    rng = np.random.default_rng(3)
    # improving, then flat with noise, then improving again
    metrics = list(np.concatenate([np.linspace(1, 0.5, 10), 0.5 + 0.01 * rng.random(25),
                                   np.linspace(0.5, 0.1, 15)]))
    if PLATEAU[name]["mode"] == "max":
        metrics = [-m for m in metrics]
    histories = []
    for lib, mod in ((torch, T), (numtorch, N)):
        opt = make_optimizer(lib)
        sched = mod.ReduceLROnPlateau(opt, **PLATEAU[name])
        values = [lib.tensor(m) if i % 3 == 0 else float(m) for i, m in enumerate(metrics)]
        histories.append(_run(sched, opt, len(metrics), values))
    _assert_same_history(*histories)
    assert len({h[0][0][0] for h in histories[1]}) > 1


def test_reduce_on_plateau_state_dict():
    t_opt, n_opt = make_optimizer(torch), make_optimizer(numtorch)
    t_sched = T.ReduceLROnPlateau(t_opt, patience=1, cooldown=1)
    n_sched = N.ReduceLROnPlateau(n_opt, patience=1, cooldown=1)
    for m in (1.0, 0.9, 0.95, 0.97, 0.99, 0.99):
        t_sched.step(m)
        n_sched.step(m)
    t_state, n_state = t_sched.state_dict(), n_sched.state_dict()
    assert list(n_state) == list(t_state) and n_state == t_state
    resumed = N.ReduceLROnPlateau(make_optimizer(numtorch), mode="max")
    resumed.load_state_dict(n_state)
    assert resumed.mode == "min" and resumed.best == 0.9 and resumed.mode_worse == math.inf
    assert resumed.get_last_lr() == n_sched.get_last_lr()


def test_reduce_on_plateau_new_param_group():
    opt = make_optimizer(numtorch, lrs=(0.1,))
    sched = N.ReduceLROnPlateau(opt, patience=0, min_lr=[0.05])
    opt.param_groups.append(dict(opt.param_groups[0], lr=0.2))
    sched.step(1.0)
    with pytest.raises(RuntimeError, match=r"The number of param groups in the `optimizer` "
                                           r"\(2\) differs from when `ReduceLROnPlateau` was "
                                           r"initialized \(1\)"):
        sched.step(2.0)


# ----------------------------------------------------------------------------------------
# Errors: torch's type and text


ERRORS = {
    "not-an-optimizer": lambda L, o: L.StepLR(object(), 3),
    "plateau-not-an-optimizer": lambda L, o: L.ReduceLROnPlateau([1, 2]),
    "resume-without-initial_lr": lambda L, o: L.StepLR(o, 3, last_epoch=5),
    "T_0": lambda L, o: L.CosineAnnealingWarmRestarts(o, T_0=-1),
    "T_0-float": lambda L, o: L.CosineAnnealingWarmRestarts(o, T_0=2.5),
    "T_mult": lambda L, o: L.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=0),
    "eta_min": lambda L, o: L.CosineAnnealingWarmRestarts(o, T_0=3, eta_min="0"),
    "restarts-negative-epoch": lambda L, o: L.CosineAnnealingWarmRestarts(o, 3).step(-1),
    "onecycle-no-total": lambda L, o: L.OneCycleLR(o, 0.1),
    "onecycle-total_steps": lambda L, o: L.OneCycleLR(o, 0.1, total_steps=0),
    "onecycle-epochs": lambda L, o: L.OneCycleLR(o, 0.1, epochs=-1, steps_per_epoch=3),
    "onecycle-steps_per_epoch": lambda L, o: L.OneCycleLR(o, 0.1, epochs=2, steps_per_epoch=1.5),
    "onecycle-pct_start": lambda L, o: L.OneCycleLR(o, 0.1, total_steps=9, pct_start=1.5),
    "onecycle-pct_start-int": lambda L, o: L.OneCycleLR(o, 0.1, total_steps=9, pct_start=0),
    "onecycle-anneal": lambda L, o: L.OneCycleLR(o, 0.1, total_steps=9, anneal_strategy="exp"),
    "onecycle-max_lr-length": lambda L, o: L.OneCycleLR(o, [0.1, 0.2, 0.3], total_steps=9),
    "plateau-factor": lambda L, o: L.ReduceLROnPlateau(o, factor=1.0),
    "plateau-mode": lambda L, o: L.ReduceLROnPlateau(o, mode="lowest"),
    "plateau-threshold_mode": lambda L, o: L.ReduceLROnPlateau(o, threshold_mode="pct"),
    "plateau-min_lr": lambda L, o: L.ReduceLROnPlateau(o, min_lr=[0.1]),
    "constant-factor": lambda L, o: L.ConstantLR(o, factor=2),
    "linear-start": lambda L, o: L.LinearLR(o, start_factor=0),
    "linear-end": lambda L, o: L.LinearLR(o, end_factor=1.5),
    "cyclic-mode": lambda L, o: L.CyclicLR(o, 0.01, 0.1, mode="square"),
    "cyclic-base_lr-length": lambda L, o: L.CyclicLR(o, [0.01], 0.1),
    "cyclic-base_momentum-length": lambda L, o: L.CyclicLR(o, 0.01, 0.1, base_momentum=[0.8]),
    "lambda-count": lambda L, o: L.LambdaLR(o, [lambda e: 1.0]),
    "multiplicative-callable": lambda L, o: L.MultiplicativeLR(o, 0.9),
    "sequential-empty": lambda L, o: L.SequentialLR(o, [], []),
    "sequential-milestones": lambda L, o: L.SequentialLR(o, [L.StepLR(o, 2)], [3]),
    "sequential-plateau": lambda L, o: L.SequentialLR(o, [L.ReduceLROnPlateau(o)], []),
    "sequential-no-optimizer": lambda L, o: L.SequentialLR(o, [object()], []),
    "chained-empty": lambda L, o: L.ChainedScheduler([]),
    "chained-plateau": lambda L, o: L.ChainedScheduler([L.StepLR(o, 2),
                                                        L.ReduceLROnPlateau(o)]),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_errors_match_torch(name):
    caught = []
    for lib, mod in ((torch, T), (numtorch, N)):
        opt = make_optimizer(lib, momentum=0.9)
        with pytest.raises(Exception) as info:
            ERRORS[name](mod, opt)
        caught.append(info)
    assert caught[1].type is caught[0].type
    assert str(caught[1].value) == str(caught[0].value)


def test_cycle_momentum_needs_momentum_or_betas():
    msg = "optimizer must support momentum or beta1 with `cycle_momentum` option enabled"
    for lib, mod in ((torch, T), (numtorch, N)):
        for make in (lambda o: mod.CyclicLR(o, 0.01, 0.1),
                     lambda o: mod.OneCycleLR(o, 0.1, total_steps=10)):
            with pytest.raises(ValueError, match=re.escape(msg)):
                make(make_optimizer(lib, "Adagrad"))
        # without cycling momentum, any optimizer will do
        mod.CyclicLR(make_optimizer(lib, "Adagrad"), 0.01, 0.1, cycle_momentum=False)


def test_schedulers_on_different_optimizers_rejected():
    o1, o2 = make_optimizer(numtorch), make_optimizer(numtorch)
    with pytest.raises(ValueError, match="SequentialLR expects all schedulers to belong to the "
                                         "same optimizer, but got scheduler StepLR at index 1"):
        N.SequentialLR(o1, [N.StepLR(o1, 2), N.StepLR(o2, 2)], milestones=[3])
    with pytest.raises(ValueError, match="ChainedScheduler expects all schedulers to belong"):
        N.ChainedScheduler([N.StepLR(o1, 2), N.StepLR(o2, 2)])

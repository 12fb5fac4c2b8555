"""nn.Module, Parameter and the containers, each scenario run on numtorch and torch."""

import copy
import pickle
import re
from collections import OrderedDict

import numpy as np
import pytest
import torch

import numtorch
from nn_util import check_module

LIBS = pytest.mark.parametrize("lib", [numtorch, torch], ids=["numtorch", "torch"])


def both(fn):
    """fn(lib) on both libraries; the results must be equal."""
    ours, theirs = fn(numtorch), fn(torch)
    assert ours == theirs, f"\nnumtorch: {ours!r}\ntorch:    {theirs!r}"
    return ours


def raises_both(fn, exc):
    msgs = []
    for lib in (numtorch, torch):
        with pytest.raises(exc) as info:
            fn(lib)
        msgs.append(str(info.value))
    assert msgs[0] == msgs[1], f"\nnumtorch: {msgs[0]}\ntorch:    {msgs[1]}"


def _classes(lib):
    class Leaf(lib.nn.Module):
        def __init__(self, n=3, m=4):
            super().__init__()
            self.weight = lib.nn.Parameter(lib.ones(m, n))
            self.bias = lib.nn.Parameter(lib.zeros(m))
            self.register_buffer("running", lib.zeros(m))
            self.register_buffer("scratch", lib.zeros(1), persistent=False)
            self.register_buffer("count", lib.tensor(0))

        def forward(self, x):
            return x @ self.weight.t() + self.bias

        def extra_repr(self):
            return f"n={self.weight.shape[1]}, m={self.weight.shape[0]}"

    class Net(lib.nn.Module):
        def __init__(self):
            super().__init__()
            self.hidden = Leaf(3, 4)
            self.act = lib.nn.Sequential()
            self.out = Leaf(4, 2)
            self.none = None

        def forward(self, x):
            return self.out(self.act(self.hidden(x)).tanh())

    return Leaf, Net


# ---------------------------------------------------------------- registration
def test_registries_and_state_dict_match_torch():
    def f(lib):
        _, Net = _classes(lib)
        net = Net()
        sd = net.state_dict()
        return (type(sd).__name__, list(sd), dict(sd._metadata),
                [n for n, _ in net.named_parameters()], [n for n, _ in net.named_buffers()],
                [n for n, _ in net.named_modules()], [n for n, _ in net.named_children()],
                [n for n, _ in net.named_parameters(prefix="p", recurse=False)],
                [n for n, _ in net.hidden.named_parameters(prefix="h")], repr(net))

    both(f)


def test_shared_parameters_and_modules_listed_once():
    def f(lib):
        Leaf, _ = _classes(lib)
        leaf = Leaf()
        seq = lib.nn.Sequential(leaf, lib.nn.Sequential(), leaf)
        seq.extra = leaf.weight
        return ([n for n, _ in seq.named_parameters()], len(list(seq.parameters())),
                [n for n, _ in seq.named_modules()], list(seq.state_dict()),
                [n for n, _ in seq.named_parameters(remove_duplicate=False)])

    both(f)


def test_shared_module_gradient_accumulates():
    def f(lib):
        Leaf, _ = _classes(lib)
        leaf = Leaf(3, 3)
        net = lib.nn.Sequential(leaf, leaf)
        x = lib.from_numpy(np.arange(6.0, dtype=np.float32).reshape(2, 3))
        net(x).sum().backward()
        return leaf.weight.grad.tolist(), leaf.bias.grad.tolist()

    both(f)


@pytest.mark.parametrize("case", [
    "param_before_init", "module_before_init", "buffer_before_init", "bad_param_type",
    "bad_child_type", "bad_buffer_type", "dotted_buffer", "empty_param", "existing_attr",
    "non_leaf_param", "add_module_type", "missing_attr", "bad_train_mode",
])
def test_registration_errors_match_torch(case):
    def f(lib):
        Leaf, _ = _classes(lib)
        nn = lib.nn

        class Early(nn.Module):
            def __init__(self, what):
                if what == "param":
                    self.w = nn.Parameter(lib.ones(1))
                elif what == "module":
                    self.m = nn.Sequential()
                else:
                    self.register_buffer("b", lib.ones(1))
                super().__init__()

        m = Leaf()
        if case == "param_before_init":
            Early("param")
        elif case == "module_before_init":
            Early("module")
        elif case == "buffer_before_init":
            Early("buffer")
        elif case == "bad_param_type":
            m.weight = lib.ones(4, 3)
        elif case == "bad_child_type":
            m.child = nn.Sequential()
            m.child = 3
        elif case == "bad_buffer_type":
            m.register_buffer("x", [1, 2])
        elif case == "dotted_buffer":
            m.register_buffer("a.b", lib.ones(1))
        elif case == "empty_param":
            m.register_parameter("", None)
        elif case == "existing_attr":
            m.foo = 1
            m.register_buffer("foo", lib.ones(1))
        elif case == "non_leaf_param":
            p = nn.Parameter(lib.ones(2))
            m.register_parameter("q", (p * 2).as_subclass(nn.Parameter))
        elif case == "add_module_type":
            m.add_module("x", 3)
        elif case == "missing_attr":
            m.nothing
        elif case == "bad_train_mode":
            m.train(1)

    excs = {"param_before_init": AttributeError, "module_before_init": AttributeError,
            "buffer_before_init": AttributeError, "bad_param_type": TypeError,
            "bad_child_type": TypeError, "bad_buffer_type": TypeError, "dotted_buffer": KeyError,
            "empty_param": KeyError, "existing_attr": KeyError, "non_leaf_param": ValueError,
            "add_module_type": TypeError, "missing_attr": AttributeError,
            "bad_train_mode": ValueError}
    raises_both(f, excs[case])


def test_setattr_moves_between_registries():
    def f(lib):
        Leaf, _ = _classes(lib)
        m = Leaf()
        m.running = lib.ones(4)  # stays a buffer
        m.bias = None  # parameter slot set to None
        m.extra = lib.nn.Parameter(lib.ones(1))
        del m.extra
        m.buf2 = lib.nn.Buffer(lib.ones(2), persistent=False)
        return (list(m.state_dict()), [n for n, _ in m.named_parameters()],
                [n for n, _ in m.named_buffers()], m.bias, hasattr(m, "extra"))

    both(f)


# ---------------------------------------------------------------- state_dict loading
def test_load_state_dict_results_and_errors_match_torch():
    def f(lib):
        Leaf, Net = _classes(lib)
        net = Net()
        sd = OrderedDict(net.state_dict())
        sd["hidden.weight"] = sd["hidden.weight"] + 1
        del sd["out.bias"]
        sd["out.extra"] = lib.ones(1)
        res = net.load_state_dict(sd, strict=False)
        return (repr(res), res.missing_keys, res.unexpected_keys, net.hidden.weight.sum().item(),
                repr(net.load_state_dict(net.state_dict())))

    both(f)

    def strict(lib):
        _, Net = _classes(lib)
        net = Net()
        sd = OrderedDict(net.state_dict())
        del sd["out.bias"]
        sd["out.extra"] = lib.ones(1)
        sd["hidden.weight"] = lib.ones(2, 2)
        net.load_state_dict(sd)

    raises_both(strict, RuntimeError)

    def not_a_mapping(lib):
        _classes(lib)[1]().load_state_dict([1, 2])

    raises_both(not_a_mapping, TypeError)


def test_load_state_dict_copies_values_in_place():
    Leaf, _ = _classes(numtorch)
    m = Leaf()
    w = m.weight
    m.load_state_dict({k: v + 2 if v.is_floating_point() else v
                       for k, v in m.state_dict().items()})
    assert m.weight is w and float(m.weight.sum()) == 36.0 and m.weight.requires_grad


# ---------------------------------------------------------------- modes, apply, conversion
def test_train_eval_apply_zero_grad():
    def f(lib):
        _, Net = _classes(lib)
        net = Net()
        order = []
        res = net.apply(lambda m: order.append(type(m).__name__))
        net.eval()
        modes = [m.training for m in net.modules()]
        net.train()
        x = lib.ones(2, 3)
        net(x).sum().backward()
        had = net.hidden.weight.grad is not None
        net.zero_grad()
        return order, res is net, modes, had, net.hidden.weight.grad, net.training

    both(f)


def test_to_double_float_keeps_identity_and_int_buffers():
    def f(lib):
        Leaf, _ = _classes(lib)
        m = Leaf()
        w = m.weight
        m.double()
        r1 = (m.weight is w, str(m.weight.dtype), str(m.running.dtype), str(m.count.dtype),
              type(m.weight).__name__, m.weight.requires_grad)
        m.to(lib.float32)
        m.to("cpu")
        m.to(lib.zeros(1, dtype=lib.float64))
        return r1, str(m.weight.dtype), str(m.count.dtype), m.weight is w

    both(f)

    def bad(lib):
        _classes(lib)[0]().to(lib.int64)

    raises_both(bad, TypeError)


def test_requires_grad_():
    def f(lib):
        m = _classes(lib)[0]().requires_grad_(False)
        return [p.requires_grad for p in m.parameters()]

    both(f)


# ---------------------------------------------------------------- hooks
def test_forward_hooks_and_removal():
    def f(lib):
        Leaf, _ = _classes(lib)
        m = Leaf()
        log = []
        h1 = m.register_forward_pre_hook(lambda mod, args: (args[0] * 2,))
        h2 = m.register_forward_hook(lambda mod, args, out: out + 1)
        h3 = m.register_forward_hook(lambda mod, args, kw, out: log.append(sorted(kw)),
                                     with_kwargs=True)
        x = lib.ones(1, 3)
        a = m(x).tolist()
        h1.remove()
        h2.remove()
        h3.remove()
        return a, m(x).tolist(), log

    both(f)


def test_full_backward_hook_matches_torch():
    def f(lib):
        Leaf, _ = _classes(lib)
        m = Leaf(3, 2)
        seen = []

        def hook(mod, gin, gout):
            seen.append(([None if g is None else g.tolist() for g in gin],
                         [g.tolist() for g in gout]))
            return None if gin[0] is None else (gin[0] * 10,)

        m.register_full_backward_hook(hook)
        x = lib.from_numpy(np.array([[1.0, 2.0, 3.0]], dtype=np.float32)).requires_grad_()
        (m(x) * lib.tensor([[1.0, -1.0]])).sum().backward()
        # an input that needs no gradient: grad_input is (None,), with torch's warning
        with pytest.warns(UserWarning, match="Full backward hook is firing"):
            m(lib.ones(1, 3)).sum().backward()
        return seen, x.grad.tolist()

    both(f)


# ---------------------------------------------------------------- repr and Parameter
def test_parameter_repr_and_type():
    def f(lib):
        p = lib.nn.Parameter(lib.tensor([1.0, 2.0]))
        q = lib.nn.Parameter(lib.ones(2, 2), requires_grad=False)
        return (repr(p), repr(q), p.is_leaf, type(p * 2).__name__, repr(p.detach()),
                isinstance(p, lib.Tensor), repr(lib.nn.Parameter()))

    both(f)


def test_parameter_shares_memory():
    t = numtorch.zeros(3)
    p = numtorch.nn.Parameter(t)
    t[0] = 5
    assert p[0].item() == 5.0


def test_container_reprs_match_torch():
    def f(lib):
        nn = lib.nn
        Leaf, _ = _classes(lib)
        ml = nn.ModuleList([Leaf() for _ in range(3)] + [nn.Sequential(), Leaf(2, 2)])
        pl = nn.ParameterList([nn.Parameter(lib.ones(4, 4)) for _ in range(2)])
        pl.append(lib.zeros(3))
        pd = nn.ParameterDict({"b": nn.Parameter(lib.ones(2)), "a": lib.zeros(1, 2)})
        md = nn.ModuleDict({"x": Leaf(), "y": nn.Sequential()})
        return (repr(ml), repr(pl), repr(pd), repr(md), repr(nn.ModuleList()),
                list(pd.keys()), [type(p).__name__ for p in pl])

    both(f)


# ---------------------------------------------------------------- containers
def test_sequential_behaviour():
    def f(lib):
        nn = lib.nn
        Leaf, _ = _classes(lib)
        a, b, c = Leaf(3, 3), Leaf(3, 3), Leaf(3, 3)
        s = nn.Sequential(OrderedDict([("first", a), ("second", b)]))
        s.add_module("third", c)
        t = nn.Sequential(a, b, c)
        t.append(nn.Sequential())
        r = [len(s), s[0] is a, s[-1] is c, type(s[1:]).__name__, list(s[1:]._modules),
             [type(m).__name__ for m in t], list(t._modules)]
        del t[1]
        r.append(list(t._modules))
        t.insert(0, b)
        r.append([m is b for m in t])
        x = lib.ones(1, 3)
        r.append(s(x).tolist())
        r.append(repr(s))
        r.append(len(s + t))
        return r

    both(f)

    def out_of_range(lib):
        lib.nn.Sequential(lib.nn.Sequential())[3]

    raises_both(out_of_range, IndexError)


def test_modulelist_moduledict_parameterlist():
    def f(lib):
        nn = lib.nn
        Leaf, _ = _classes(lib)
        ml = nn.ModuleList([Leaf(), Leaf()])
        ml.append(Leaf())
        ml.extend([Leaf()])
        ml.insert(1, nn.Sequential())
        md = nn.ModuleDict([("a", Leaf()), ("b", nn.Sequential())])
        md["c"] = Leaf()
        pl = nn.ParameterList()
        pl.append(nn.Parameter(lib.ones(2)))
        pl.extend([lib.zeros(3)])
        pd = nn.ParameterDict()
        pd["w"] = lib.ones(2)
        pd.update({"z": lib.ones(1), "a": lib.ones(1)})
        owner = nn.Module()
        owner.ml, owner.md, owner.pl, owner.pd = ml, md, pl, pd
        return (len(ml), type(ml[1]).__name__, len(ml[1:3]), list(md.keys()), "a" in md,
                len(pl), pl[-1].shape == (3,), list(pd.keys()), list(owner.state_dict()),
                [n for n, _ in owner.named_parameters()])

    both(f)


# ---------------------------------------------------------------- copying and pickling
Leaf, Net = _classes(numtorch)  # module level, so whole modules pickle
Leaf.__qualname__, Net.__qualname__ = "Leaf", "Net"


def test_deepcopy_and_pickle_whole_module():
    net = Net()
    net.hidden.weight.data.mul_(3)
    c = copy.deepcopy(net)
    assert c.hidden.weight is not net.hidden.weight
    assert isinstance(c.hidden.weight, numtorch.nn.Parameter) and c.hidden.weight.requires_grad
    assert c.hidden.weight.tolist() == net.hidden.weight.tolist()
    assert repr(c) == repr(net)
    p = pickle.loads(pickle.dumps(c))
    assert isinstance(p.out.weight, numtorch.nn.Parameter)
    assert list(p.state_dict()) == list(net.state_dict())
    x = numtorch.ones(2, 3)
    assert p(x).tolist() == net(x).tolist()


def test_check_module_helper_on_a_custom_module():
    def ctor(lib):
        Leaf, Net = _classes(lib)
        return Net()

    check_module(ctor, np.random.default_rng(0).standard_normal((5, 3)))


def test_forward_not_implemented():
    def f(lib):
        lib.nn.Module()(1)

    raises_both(f, NotImplementedError)


def test_init_functions_statistics_and_errors():
    init = numtorch.nn.init
    w = numtorch.empty(400, 300)
    init.kaiming_uniform_(w, a=5 ** 0.5)
    assert abs(float(w.abs().max()) - 1 / 300 ** 0.5) < 1e-3
    init.xavier_normal_(w)
    assert abs(float(w.std()) - (2 / 700) ** 0.5) < 2e-3
    init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu")
    assert abs(float(w.std()) - (2 / 400) ** 0.5) < 2e-3
    init.trunc_normal_(w, std=0.5, a=-0.4, b=0.4)
    assert float(w.abs().max()) <= 0.4
    q = init.orthogonal_(numtorch.empty(3, 5))
    np.testing.assert_allclose((q @ q.t()).numpy(), np.eye(3), atol=1e-5)
    assert w.dtype == numtorch.float32
    for name, args in [("relu", ()), ("tanh", ()), ("leaky_relu", (0.2,)), ("selu", ()),
                       ("conv2d", ())]:
        assert init.calculate_gain(name, *args) == torch.nn.init.calculate_gain(name, *args)
    d = init.dirac_(numtorch.empty(4, 2, 3, 3), groups=2)
    np.testing.assert_array_equal(d.numpy(), torch.nn.init.dirac_(torch.empty(4, 2, 3, 3),
                                                                  groups=2).numpy())
    np.testing.assert_array_equal(init.eye_(numtorch.empty(2, 3)).numpy(), np.eye(2, 3))
    assert init.constant_(numtorch.empty(2), 0.3).tolist() == pytest.approx([0.3, 0.3])
    for lib in (numtorch, torch):
        with pytest.raises(ValueError, match="Fan in and fan out"):
            lib.nn.init.xavier_uniform_(lib.empty(3))
        with pytest.raises(ValueError, match="Unsupported nonlinearity"):
            lib.nn.init.calculate_gain("foo")
        with pytest.raises(ValueError, match="Mode fan_up not supported"):
            lib.nn.init.kaiming_uniform_(lib.empty(3, 3), mode="fan_up")
        with pytest.warns(UserWarning, match=re.escape("Initializing zero-element tensors")):
            lib.nn.init.kaiming_uniform_(lib.empty(0, 3))
    with numtorch.no_grad():
        p = numtorch.nn.Parameter(numtorch.empty(2, 2))
    assert init.uniform_(p) is p and p.grad_fn is None

"""Autograd behaviour against torch, with the same inputs: accumulation, retain_graph,
backward(gradient), grad_fn graphs, grad modes, autograd.grad (double backward), hooks,
retain_grad, detach, in-place semantics and version counters, custom Functions,
Variable, gradcheck/gradgradcheck, and the SPEC examples."""

import re
import sys
import warnings

import numpy as np
import pytest
import torch

import numtorch as nt

LIBS = pytest.mark.parametrize("lib", [nt, torch], ids=["numtorch", "torch"])


def _np(t):
    return None if t is None else t.detach().numpy()


def same(fn, rtol=1e-6, atol=1e-7):
    """Run ``fn(lib)`` on both libraries; its results (tensors, numbers, strings, lists of
    them) must agree, tensors in shape, dtype and value."""
    ours, theirs = fn(nt), fn(torch)
    _same(ours, theirs, rtol, atol)
    return ours


def _same(ours, theirs, rtol, atol):
    if isinstance(theirs, torch.Tensor):
        assert isinstance(ours, nt.Tensor), ours
        assert tuple(ours.shape) == tuple(theirs.shape)
        assert repr(ours.dtype) == repr(theirs.dtype)
        np.testing.assert_allclose(_np(ours), _np(theirs), rtol=rtol, atol=atol)
    elif isinstance(theirs, (list, tuple)):
        assert len(ours) == len(theirs)
        for o, t in zip(ours, theirs):
            _same(o, t, rtol, atol)
    else:
        assert ours == theirs


def raises_like(fn, match=None):
    """``fn(lib)`` raises the same exception type on both; numtorch's message matches."""
    with pytest.raises(Exception) as theirs:
        fn(torch)
    with pytest.raises(type(theirs.value)) as ours:
        fn(nt)
    if match is not None:
        assert re.search(match, str(theirs.value)), str(theirs.value)
        assert re.search(match, str(ours.value)), str(ours.value)
    return ours.value


def data(lib, arr, requires_grad=True):
    return lib.tensor(np.asarray(arr, dtype=np.float32), requires_grad=requires_grad)


# ---------------------------------------------------------------- SPEC examples
def test_spec_mean_example():
    def run(lib):
        x = lib.ones(2, 2, requires_grad=True)
        y = x + 2
        z = y * y * 3
        out = z.mean()
        out.backward()
        names = [type(t.grad_fn).__name__ for t in (y, z, out)]
        return [x.grad, out, names]

    x_grad, out, names = same(run)
    assert x_grad.tolist() == [[4.5, 4.5], [4.5, 4.5]] and out.item() == 27.0
    assert names == ["AddBackward0", "MulBackward0", "MeanBackward0"]


def test_spec_retain_graph_two_losses():
    def run(lib):
        w = data(lib, [[0.5, -1.0], [2.0, 0.25]])
        x = data(lib, [1.0, 2.0], requires_grad=False)
        h = (w @ x).tanh()
        loss1 = h.sum()
        loss2 = (h * h).mean()
        loss1.backward(retain_graph=True)
        g1 = w.grad.clone()
        loss2.backward()
        return [g1, w.grad]

    g1, g12 = same(run)
    assert not np.allclose(_np(g1), _np(g12))


# ---------------------------------------------------------------- accumulation and retain
def test_grad_accumulates_over_backward_calls():
    def run(lib):
        x = data(lib, [1.0, -2.0, 3.0])
        grads = []
        for _ in range(2):
            (x * x).sum().backward()
            grads.append(x.grad.clone())
        x.grad.zero_()
        (x * 3).sum().backward()
        grads.append(x.grad.clone())
        x.grad = None
        (x * 5).sum().backward()
        grads.append(x.grad)
        return grads

    g = same(run)
    assert g[1].tolist() == [4.0, -8.0, 12.0] and g[2].tolist() == [3.0] * 3


@LIBS
def test_second_backward_without_retain_graph_raises(lib):
    x = data(lib, [1.0, 2.0])
    y = (x * x).sum()
    y.backward()
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second "
                                           "time"):
        y.backward()


@LIBS
def test_retain_graph_allows_second_backward(lib):
    x = data(lib, [1.0, 2.0])
    y = (x.exp() * x).sum()
    y.backward(retain_graph=True)
    y.backward()
    expected = 2 * (np.exp([1.0, 2.0]) * (1 + np.array([1.0, 2.0])))
    np.testing.assert_allclose(_np(x.grad), expected, rtol=1e-6)


@LIBS
def test_graph_without_saved_tensors_can_backward_twice(lib):
    x = data(lib, [1.0, 2.0])
    y = (x + 2).sum()
    y.backward()
    y.backward()  # no saved tensors were freed: torch allows it
    assert x.grad.tolist() == [2.0, 2.0]


# ---------------------------------------------------------------- backward(gradient)
def test_backward_with_gradient_for_non_scalar():
    def run(lib):
        x = data(lib, [1.0, 2.0, 3.0])
        y = x * 2
        y.backward(lib.FloatTensor([1, 0.1, 0.01]))
        return x.grad

    assert np.allclose(_np(same(run)), [2.0, 0.2, 0.02])


def test_backward_gradient_of_other_forms():
    def run(lib):
        x = data(lib, [[1.0, 2.0], [3.0, 4.0]])
        (x * x).backward(lib.ones(2, 2))
        g1 = x.grad.clone()
        x.grad = None
        lib.autograd.backward([(x * 2).sum(), (x * 3).sum()])
        g2 = x.grad.clone()
        x.grad = None
        lib.autograd.backward(x * x, grad_tensors=lib.full((2, 2), 0.5))
        return [g1, g2, x.grad]

    same(run)


@LIBS
def test_implicit_gradient_only_for_scalars(lib):
    x = data(lib, [1.0, 2.0])
    with pytest.raises(RuntimeError, match="grad can be implicitly created only for scalar "
                                           "outputs"):
        (x * 2).backward()


def test_backward_errors_like_torch():
    raises_like(lambda lib: (data(lib, [1.0, 2.0]) * 2).backward(lib.ones(3)),
                "Mismatch in shape")
    raises_like(lambda lib: lib.ones(2).sum().backward(),
                "element 0 of tensors does not require grad and does not have a grad_fn")
    raises_like(lambda lib: lib.autograd.grad((data(lib, [1.0]) * 2).sum(), lib.ones(1)),
                "One of the differentiated Tensors does not require grad")


def test_backward_inputs_argument():
    def run(lib):
        x, y = data(lib, [1.0, 2.0]), data(lib, [3.0, 4.0])
        (x * y).sum().backward(inputs=[x])
        return [x.grad, y.grad is None]

    same(run)


# ---------------------------------------------------------------- requires_grad / is_leaf
def test_requires_grad_propagation_and_is_leaf():
    def run(lib):
        a = lib.ones(2)
        b = lib.ones(2, requires_grad=True)
        c = a + b
        d = a * 2
        e = c.detach()
        return [a.requires_grad, b.requires_grad, c.requires_grad, d.requires_grad,
                e.requires_grad, a.is_leaf, b.is_leaf, c.is_leaf, d.is_leaf, e.is_leaf,
                (b > 0).requires_grad, b.sum().requires_grad,
                (b.long() if hasattr(b, "long") else b).requires_grad]

    same(run)


def test_requires_grad_on_int_tensors_raises():
    raises_like(lambda lib: lib.tensor([1, 2]).requires_grad_(),
                "only Tensors of floating point")
    raises_like(lambda lib: lib.tensor([1, 2], requires_grad=True),
                "Only Tensors of floating point and complex dtype can require gradients")
    raises_like(lambda lib: lib.ones(2, dtype=lib.int64, requires_grad=True))


def test_requires_grad_flag_on_non_leaf():
    raises_like(lambda lib: (data(lib, [1.0]) * 2).requires_grad_(False),
                "you can only change requires_grad flags of leaf variables")

    def run(lib):
        y = data(lib, [1.0]) * 2
        y.requires_grad_(True)  # a no-op on a non-leaf that requires grad
        x = lib.ones(2)
        x.requires_grad = True
        return [y.requires_grad, x.requires_grad, x.is_leaf]

    same(run)


# ---------------------------------------------------------------- grad_fn graphs
def _graph(fn, depth=4):
    """(name, [children]) of a grad_fn graph, down to ``depth`` levels."""
    if fn is None:
        return None
    name = type(fn).__name__
    if depth == 0:
        return name
    return (name, [(_graph(c, depth - 1), nr) for c, nr in fn.next_functions])


GRAPHS = {
    "add": lambda lib, x, y: x + y,
    "add_scalar": lambda lib, x, y: x + 2,
    "radd": lambda lib, x, y: 2 + x,
    "sub": lambda lib, x, y: x - y,
    "rsub": lambda lib, x, y: 1 - x,
    "mul_scalar": lambda lib, x, y: x * 2,
    "div": lambda lib, x, y: x / y,
    "neg": lambda lib, x, y: -x,
    "pow_scalar": lambda lib, x, y: x**3,
    "exp_log": lambda lib, x, y: (x.exp() + 1).log(),
    "tanh_sigmoid": lambda lib, x, y: x.tanh() * x.sigmoid(),
    "sum_mean": lambda lib, x, y: (x * y).sum() + x.mean(),
    "no_grad_operand": lambda lib, x, y: x * lib.ones(3),
    "matmul": lambda lib, x, y: x.reshape(1, 3) @ y.reshape(3, 1),
    "shapes": lambda lib, x, y: x.unsqueeze(0).transpose(0, 1).reshape(3).permute(0),
    "shared": lambda lib, x, y: x * x + x,
    "sqrt_abs": lambda lib, x, y: (x * x).sqrt().abs(),
    "reciprocal": lambda lib, x, y: x.reciprocal(),
    "relu": lambda lib, x, y: lib.relu(x - 1),
}


@pytest.mark.parametrize("name", list(GRAPHS))
def test_grad_fn_graph_like_torch(name):
    def run(lib):
        x = data(lib, [1.0, 2.0, 3.0])
        y = data(lib, [0.5, -1.0, 2.0])
        return repr(_graph(GRAPHS[name](lib, x, y).grad_fn))

    same(run)


def test_accumulate_grad_node_and_variable():
    for lib in (nt, torch):
        x = data(lib, [1.0, 2.0])
        y = x * lib.ones(2)
        acc, nr = y.grad_fn.next_functions[0]
        assert type(acc).__name__ == "AccumulateGrad" and nr == 0
        assert acc.variable is x
        assert y.grad_fn.next_functions[1] == (None, 0)
        assert x.grad_fn is None


def test_grad_fn_repr():
    x = nt.ones(2, requires_grad=True)
    y = x + 2
    assert re.fullmatch(r"<AddBackward0 object at 0x[0-9a-f]+>", repr(y.grad_fn))
    assert re.fullmatch(r"<AddBackward0 object at 0x[0-9a-f]+>", str(y.grad_fn))
    assert re.fullmatch(r"<MeanBackward0 object at 0x[0-9a-f]+>", str(y.mean().grad_fn))
    assert y.grad_fn.name() == "AddBackward0"


# ---------------------------------------------------------------- grad modes
def test_no_grad_context_and_decorator():
    for lib in (nt, torch):
        x = lib.ones(2, requires_grad=True)
        with lib.no_grad():
            y = x * 2
            assert not lib.is_grad_enabled()
        assert lib.is_grad_enabled()
        assert not y.requires_grad and y.grad_fn is None

        @lib.no_grad()
        def f(t):
            return t * 2

        @lib.no_grad
        def g(t):
            return t * 2

        assert not f(x).requires_grad and not g(x).requires_grad
        assert f.__name__ == "f"
        assert (x * 2).requires_grad


def test_enable_grad_inside_no_grad():
    for lib in (nt, torch):
        x = lib.ones(2, requires_grad=True)
        with lib.no_grad():
            with lib.enable_grad():
                y = x * 2
            z = x * 2

            @lib.enable_grad()
            def h(t):
                return t * 3

            w = h(x)
        assert y.requires_grad and not z.requires_grad and w.requires_grad


def test_set_grad_enabled_call_context_decorator():
    for lib in (nt, torch):
        x = lib.ones(2, requires_grad=True)
        try:
            lib.set_grad_enabled(False)  # as a call: switches immediately
            y = x * 2
            assert not lib.is_grad_enabled()
            assert not y.requires_grad and y.grad_fn is None
        finally:
            lib.set_grad_enabled(True)
        assert lib.is_grad_enabled()
        with lib.set_grad_enabled(False):
            assert not (x * 2).requires_grad
        with lib.set_grad_enabled(True):
            assert (x * 2).requires_grad
        assert lib.is_grad_enabled()

        @lib.set_grad_enabled(False)
        def f(t):
            return t * 2

        assert lib.is_grad_enabled()  # decorating does not switch the mode
        assert not f(x).requires_grad and lib.is_grad_enabled()
        with lib.no_grad():
            with lib.set_grad_enabled(True):
                assert (x * 2).requires_grad
            assert not lib.is_grad_enabled()


def test_set_grad_enabled_rejects_non_bool():
    raises_like(lambda lib: lib.set_grad_enabled(1))


def test_inference_mode():
    for lib in (nt, torch):
        x = lib.ones(2, requires_grad=True)
        with lib.inference_mode():
            y = x * 2
            assert lib.is_inference_mode_enabled() and not lib.is_grad_enabled()
        assert not y.requires_grad and not lib.is_inference_mode_enabled()
        with lib.inference_mode(False):
            assert (x * 2).requires_grad

        @lib.inference_mode()
        def f(t):
            return t * 2

        assert not f(x).requires_grad


def test_grad_modes_restore_after_exception():
    for lib in (nt, torch):
        with pytest.raises(ValueError):
            with lib.no_grad():
                raise ValueError
        assert lib.is_grad_enabled()


# ---------------------------------------------------------------- autograd.grad
def test_autograd_grad_basic():
    def run(lib):
        x = data(lib, [1.0, 2.0, 3.0])
        y = data(lib, [0.5, -1.0, 2.0])
        out = (x * y + x.exp()).sum()
        gx, gy = lib.autograd.grad(out, (x, y))
        g2 = lib.autograd.grad(x * y, [x], grad_outputs=lib.ones(3))
        return [gx, gy, g2[0], x.grad is None]

    same(run)


def test_double_backward_of_cube():
    def run(lib):
        x = data(lib, [1.0, -2.0, 0.5])
        (g,) = lib.autograd.grad((x**3).sum(), x, create_graph=True)
        assert g.requires_grad
        (h,) = lib.autograd.grad(g.sum(), x)
        return [g, h]

    g, h = same(run)
    np.testing.assert_allclose(_np(h), 6 * np.array([1.0, -2.0, 0.5]))


def test_double_backward_of_sin_composite():
    def run(lib):
        x = data(lib, [0.3, 1.2, -0.7])
        y = (x.sin() * x.sin() + x.sin()).sum()  # composite of sin
        (g,) = lib.autograd.grad(y, x, create_graph=True)
        (h,) = lib.autograd.grad(g.sum(), x)
        return [g, h]

    g, h = same(run, rtol=1e-5)
    x = np.array([0.3, 1.2, -0.7])
    np.testing.assert_allclose(_np(h), 2 * np.cos(2 * x) - np.sin(x), rtol=1e-5)


def test_double_backward_of_matmul():
    def run(lib):
        a = data(lib, [[1.0, 2.0], [3.0, -1.0]])
        x = data(lib, [0.5, -0.25])
        y = ((a @ x) ** 2).sum()
        (gx,) = lib.autograd.grad(y, x, create_graph=True)
        hvp = lib.autograd.grad(gx, x, grad_outputs=lib.ones(2), retain_graph=True)[0]
        ga = lib.autograd.grad(gx.sum(), a)[0]
        return [gx, hvp, ga]

    _, hvp, _ = same(run, rtol=1e-5)
    a = np.array([[1.0, 2.0], [3.0, -1.0]])
    np.testing.assert_allclose(_np(hvp), 2 * a.T @ a @ np.ones(2), rtol=1e-5)


def test_double_backward_through_backward_call():
    def run(lib):
        x = data(lib, [1.5, 2.0])
        y = (x**3).sum()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch warns about the x <-> x.grad cycle
            y.backward(create_graph=True)
        g = x.grad
        assert g.requires_grad
        x.grad = None
        g.sum().backward()
        return x.grad

    np.testing.assert_allclose(_np(same(run)), [9.0, 12.0])


def test_autograd_grad_allow_unused_and_errors():
    def run(lib):
        x, y = data(lib, [1.0]), data(lib, [2.0])
        gx, gy = lib.autograd.grad((x * 2).sum(), (x, y), allow_unused=True)
        gm = lib.autograd.grad((x * 2).sum(), (x, y), materialize_grads=True)
        return [gx, gy is None, gm[1]]

    same(run)
    raises_like(lambda lib: lib.autograd.grad((data(lib, [1.0]) * 2).sum(),
                                              [data(lib, [1.0])]),
                "appears to not have been used in the graph. Set allow_unused=True if this "
                "is the desired behavior.")


def test_autograd_grad_unused_message_exact():
    def unused(lib):
        x = data(lib, [1.0])
        lib.autograd.grad((x * 2).sum(), [x, data(lib, [1.0])])

    err = raises_like(unused)
    with pytest.raises(RuntimeError) as theirs:
        unused(torch)
    assert str(err) == str(theirs.value)


def test_autograd_grad_retain_graph_default():
    for lib in (nt, torch):
        x = data(lib, [1.0, 2.0])
        y = (x * x).sum()
        lib.autograd.grad(y, x)
        with pytest.raises(RuntimeError, match="backward through the graph a second time"):
            lib.autograd.grad(y, x)
        z = (x * x).sum()
        lib.autograd.grad(z, x, retain_graph=True)
        lib.autograd.grad(z, x)


# ---------------------------------------------------------------- hooks
def test_hooks_modify_gradients():
    def run(lib):
        x = data(lib, [1.0, 2.0, 3.0])
        seen = []
        h1 = x.register_hook(lambda g: g * 2)  # leaf hook: changes what accumulates
        y = x * x
        y.register_hook(lambda g: seen.append(g.clone()))  # observes, returns None
        y.register_hook(lambda g: g + 1)  # non-leaf hook: changes what flows on
        y.sum().backward()
        first = x.grad.clone()
        h1.remove()
        x.grad = None
        (x * x).sum().backward()
        return [first, seen[0], x.grad]

    first, seen, after = same(run)
    assert first.tolist() == [8.0, 16.0, 24.0] and after.tolist() == [2.0, 4.0, 6.0]


def test_hook_on_tensor_used_twice_and_errors():
    def run(lib):
        x = data(lib, [1.0, 2.0])
        calls = []
        x.register_hook(lambda g: calls.append(1))
        (x * x + x).sum().backward()
        return [x.grad, len(calls)]

    same(run)
    raises_like(lambda lib: lib.ones(2).register_hook(lambda g: g),
                "cannot register a hook on a tensor that doesn't require gradient")


def test_retain_grad():
    def run(lib):
        x = data(lib, [1.0, 2.0])
        y = x * 3
        y.retain_grad()
        z = (y * y).sum()
        z.backward()
        return [y.grad, x.grad, y.retains_grad, x.retains_grad]

    same(run)


@LIBS
def test_non_leaf_grad_access_warns(lib):
    y = lib.ones(2, requires_grad=True) * 2
    with pytest.warns(UserWarning, match="is not a leaf Tensor is being accessed"):
        assert y.grad is None


# ---------------------------------------------------------------- detach / .data
def test_detach_and_detach_():
    def run(lib):
        x = data(lib, [1.0, 2.0])
        y = x * 2
        d = y.detach()
        d_info = [d.requires_grad, d.is_leaf, d.grad_fn is None]
        d[0] = 10  # shares memory with y
        z = y * 3
        z.detach_()
        return d_info + [y, z.requires_grad, z.is_leaf, z.grad_fn is None]

    same(run)


def test_data_changes_are_not_tracked():
    def run(lib):
        x = data(lib, [1.0, 2.0])
        y = x * 3
        x.data.add_(1)
        x.data[0] = 5
        y.sum().backward()
        return [x.grad, x, x._version]

    same(run)


# ---------------------------------------------------------------- in-place
def test_version_counter_bumps_on_fresh_tensor():
    def run(lib):
        x = lib.ones(3)
        v0 = x._version
        x.add_(1)
        x.mul_(2)
        x[0] = 3
        return [v0, x._version]

    same(run)


def test_version_counter_shared_with_views():
    def run(lib):
        x = data(lib, [1.0, 2.0, 3.0])
        y = x * 1  # a graph tensor: saved / tracked
        v = y[1:]
        before = [y._version, v._version]
        v.mul_(2)
        y.add_(1)
        return before + [y._version, v._version, y]

    same(run)


def test_modified_saved_tensor_raises_at_backward():
    def saved_input(lib):
        x = data(lib, [1.0, 2.0])
        y = x * 2
        z = y * y  # saves y
        y.add_(1)
        z.sum().backward()

    def saved_output(lib):
        x = data(lib, [1.0, 2.0])
        y = x.exp()  # saves its output
        y.mul_(2)
        y.sum().backward()

    for fn in (saved_input, saved_output):
        raises_like(fn, "one of the variables needed for gradient computation has been "
                        "modified by an inplace operation")


def test_inplace_on_leaf_requiring_grad_raises():
    for op in [lambda x: x.add_(1), lambda x: x.mul_(2), lambda x: x.zero_(),
               lambda x: x.exp_()]:
        raises_like(lambda lib: op(data(lib, [1.0, 2.0])),
                    "a leaf Variable that requires grad is being used in an in-place "
                    "operation.")

    def under_no_grad(lib):
        x = data(lib, [1.0, 2.0])
        with lib.no_grad():
            x.mul_(3)
        return [x, x.requires_grad, x.is_leaf]

    same(under_no_grad)


def test_inplace_on_non_leaf_is_recorded():
    def run(lib):
        x = data(lib, [1.0, 2.0, 3.0])
        w = data(lib, [0.5, 0.5, 2.0])
        y = x * 2
        y.mul_(3)
        names = [type(y.grad_fn).__name__]
        y.add_(w * x)
        y.exp_()
        names.append(type(y.grad_fn).__name__)
        y.sum().backward()
        return [x.grad, w.grad, y, y.is_leaf, names]

    same(run, rtol=1e-5)


def test_spec_inplace_mul_on_non_leaf():
    def run(lib):
        x = lib.ones(3, requires_grad=True)
        y = x * 2
        y.mul_(3)
        y.sum().backward()
        return x.grad

    assert same(run).tolist() == [6.0, 6.0, 6.0]


def test_setitem_on_graph_tensor_is_differentiable():
    def run(lib):
        x = data(lib, [1.0, 2.0, 3.0, 4.0])
        v = data(lib, [10.0, 20.0])
        y = x * 2
        y[1:3] = v * v
        y[0] = 7.0
        (y * data(lib, [1.0, 2.0, 3.0, 4.0], False)).sum().backward()
        return [x.grad, v.grad, y]

    same(run)


def test_shared_use_accumulates():
    def run(lib):
        x = data(lib, [1.0, -2.0, 3.0])
        y = x * x + x
        z = (y + y * x).sum()
        z.backward()
        return x.grad

    same(run)


def test_broadcast_and_dtype_of_gradients():
    def run(lib):
        a = data(lib, [1.0, 2.0, 3.0])
        b = lib.tensor(np.arange(6.0).reshape(2, 3), requires_grad=True)  # float64
        s = lib.tensor(2.0, requires_grad=True)
        out = (a * b + s).sum()
        out.backward()
        return [out, a.grad, b.grad, s.grad]

    same(run)


# ---------------------------------------------------------------- custom Function
def _functions(lib):
    Function = lib.autograd.Function

    class MyExp(Function):
        @staticmethod
        def forward(ctx, x):
            y = x.exp()
            ctx.save_for_backward(y)
            return y

        @staticmethod
        def backward(ctx, g):
            (y,) = ctx.saved_tensors
            return g * y

    class MulConstant(Function):
        @staticmethod
        def forward(ctx, x, k):
            ctx.k = k  # a ctx attribute
            return x * k

        @staticmethod
        def backward(ctx, g):
            return g * ctx.k, None

    class NeedsGrad(Function):
        @staticmethod
        def forward(ctx, a, b):
            ctx.save_for_backward(a, b)
            ctx.flags = ctx.needs_input_grad
            return a * b

        @staticmethod
        def backward(ctx, g):
            a, b = ctx.saved_tensors
            ga = g * b if ctx.needs_input_grad[0] else None
            gb = g * a if ctx.needs_input_grad[1] else None
            return ga, gb

    class SortLike(Function):
        @staticmethod
        def forward(ctx, x):
            idx = (x > 0).long()
            out = x * 2
            ctx.mark_non_differentiable(idx)
            return out, idx

        @staticmethod
        def backward(ctx, g, g_idx):
            return g * 2

    class Cube(Function):
        @staticmethod
        def forward(x):
            return x**3

        @staticmethod
        def setup_context(ctx, inputs, output):
            (x,) = inputs
            ctx.save_for_backward(x)

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * 3 * x * x

    class Once(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        @lib.autograd.function.once_differentiable
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 2 * x * g

    class Wrong(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 3 * x * g  # wrong on purpose: d(x^2)/dx is 2x

    return dict(MyExp=MyExp, MulConstant=MulConstant, NeedsGrad=NeedsGrad, SortLike=SortLike,
                Cube=Cube, Once=Once, Wrong=Wrong)


def test_custom_function_save_for_backward():
    def run(lib):
        f = _functions(lib)["MyExp"]
        x = data(lib, [0.5, -1.0])
        y = f.apply(x)
        (y * y).sum().backward()
        return [y, x.grad, type(y.grad_fn).__name__, y.requires_grad]

    out = same(run)
    assert out[2] == "MyExpBackward"


def test_custom_function_non_tensor_args_and_ctx_attributes():
    def run(lib):
        f = _functions(lib)["MulConstant"]
        x = data(lib, [1.0, 2.0])
        y = f.apply(x, 2.5)
        y.sum().backward()
        return [y, x.grad]

    same(run)


def test_custom_function_next_functions_skip_non_tensors():
    def run(lib):
        f = _functions(lib)["MulConstant"]
        y = f.apply(data(lib, [1.0, 2.0]), 2.5)
        return [type(n).__name__ for n, _ in y.grad_fn.next_functions]

    same(run)


def test_custom_function_needs_input_grad_and_none_grads():
    def run(lib):
        f = _functions(lib)["NeedsGrad"]
        a = data(lib, [1.0, 2.0])
        b = data(lib, [3.0, 4.0], requires_grad=False)
        y = f.apply(a, b)
        flags = list(y.grad_fn.needs_input_grad)
        y.sum().backward()
        return [flags, a.grad, b.grad is None]

    flags, _, _ = same(run)
    assert flags == [True, False]


def test_custom_function_needs_input_grad_inside_forward():
    def run(lib):
        f = _functions(lib)["NeedsGrad"]
        y = f.apply(data(lib, [1.0, 2.0]), data(lib, [3.0, 4.0], requires_grad=False))
        return list(y.grad_fn.flags)

    assert same(run) == [True, False]


def test_custom_function_mark_non_differentiable():
    def run(lib):
        f = _functions(lib)["SortLike"]
        x = data(lib, [1.0, -2.0])
        out, idx = f.apply(x)
        out.sum().backward()
        return [out, idx, out.requires_grad, idx.requires_grad, x.grad]

    same(run)


def test_custom_function_setup_context_style():
    def run(lib):
        f = _functions(lib)["Cube"]
        x = data(lib, [1.0, -2.0])
        y = f.apply(x)
        y.sum().backward()
        return [y, x.grad]

    same(run)


def test_custom_function_once_differentiable():
    def run(lib):
        f = _functions(lib)["Once"]
        x = data(lib, [1.0, -2.0])
        y = f.apply(x)
        y.sum().backward()
        return [y, x.grad]

    same(run)


def test_custom_function_without_grad_inputs():
    def run(lib):
        f = _functions(lib)["MyExp"]
        y = f.apply(lib.ones(2))
        return [y, y.requires_grad, y.grad_fn is None]

    same(run)


def test_custom_function_in_a_larger_graph():
    def run(lib):
        fs = _functions(lib)
        x = data(lib, [0.1, 0.2, 0.3])
        y = fs["MulConstant"].apply(fs["MyExp"].apply(x * 2), 3.0)
        z = fs["Cube"].apply(y).mean()
        z.backward()
        return [z, x.grad]

    same(run, rtol=1e-5)


def test_variable_wrapper():
    for lib in (nt, torch):
        v = lib.autograd.Variable(lib.ones(2), requires_grad=True)
        assert isinstance(v, lib.Tensor) and v.requires_grad and v.is_leaf
        (v * 3).sum().backward()
        assert v.grad.tolist() == [3.0, 3.0]
        w = lib.autograd.Variable(lib.ones(2))
        assert not w.requires_grad


# ---------------------------------------------------------------- gradcheck
GRADCHECK_FUNCS = {
    "cube": lambda x, y: x**3,
    "sin": lambda x, y: x.sin() * y,
    "matmul": lambda x, y: x.reshape(2, 2) @ y.reshape(2, 2),
    "sigmoid_tanh": lambda x, y: x.sigmoid() * y.tanh(),
    "div_exp": lambda x, y: (x / (y * y + 1)).exp(),
    "mean_broadcast": lambda x, y: (x.reshape(4, 1) * y).mean(),
}


def _gradcheck_inputs(lib):
    rng = np.random.default_rng(0)
    x = lib.tensor(rng.uniform(-1, 1, 4), dtype=lib.float64, requires_grad=True)
    y = lib.tensor(rng.uniform(-1, 1, 4), dtype=lib.float64, requires_grad=True)
    return x, y


@pytest.mark.parametrize("name", list(GRADCHECK_FUNCS))
def test_gradcheck(name):
    fn = GRADCHECK_FUNCS[name]
    assert torch.autograd.gradcheck(fn, _gradcheck_inputs(torch))
    assert nt.autograd.gradcheck(fn, _gradcheck_inputs(nt))


@pytest.mark.parametrize("name", list(GRADCHECK_FUNCS))
def test_gradgradcheck(name):
    fn = GRADCHECK_FUNCS[name]
    assert torch.autograd.gradgradcheck(fn, _gradcheck_inputs(torch))
    assert nt.autograd.gradgradcheck(fn, _gradcheck_inputs(nt))


def test_gradcheck_on_custom_functions():
    fs = _functions(nt)
    x = nt.tensor([0.3, -0.8], dtype=nt.float64, requires_grad=True)
    assert nt.autograd.gradcheck(fs["MyExp"].apply, (x,))
    assert nt.autograd.gradcheck(fs["Cube"].apply, (x,))
    assert nt.autograd.gradcheck(lambda t: fs["MulConstant"].apply(t, 1.5), (x,))


def test_gradcheck_detects_a_wrong_backward():
    for lib in (nt, torch):
        wrong = _functions(lib)["Wrong"]
        x = lib.tensor([0.3, -0.8], dtype=lib.float64, requires_grad=True)
        with pytest.raises(sys.modules["torch.autograd.gradcheck"].GradcheckError
                           if lib is torch else lib.autograd.GradcheckError):
            lib.autograd.gradcheck(wrong.apply, (x,))
        assert lib.autograd.gradcheck(wrong.apply, (x,), raise_exception=False) is False
    assert issubclass(nt.autograd.GradcheckError, RuntimeError)

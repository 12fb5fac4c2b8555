"""Normalization modules against torch: BatchNorm*, InstanceNorm*, LayerNorm, GroupNorm,
RMSNorm, LocalResponseNorm (values, gradients, running statistics, reprs, errors)."""

import numpy as np
import pytest
import torch

import numtorch
from nn_util import check_module


def _nn(lib, name):
    """``lib.nn.<name>``; numtorch's instance norms also from their file until exported."""
    if lib is numtorch and not hasattr(numtorch.nn, name):
        from numtorch.nn.modules import instancenorm

        return getattr(instancenorm, name)
    return getattr(lib.nn, name)


def _x(*shape, dtype="float64", seed=0):
    return np.random.default_rng(seed).uniform(-2, 2, shape).astype(dtype)


# ---------------------------------------------------------------- check_module
BATCHNORM = [
    ("BatchNorm1d", (3,), {}, (4, 3)),
    ("BatchNorm1d", (3,), {"momentum": None, "eps": 1e-3}, (4, 3, 5)),
    ("BatchNorm1d", (3,), {"affine": False}, (4, 3, 5)),
    ("BatchNorm1d", (3,), {"bias": False}, (4, 3)),
    ("BatchNorm1d", (3,), {"track_running_stats": False}, (4, 3, 5)),
    ("BatchNorm2d", (4,), {}, (2, 4, 3, 3)),
    ("BatchNorm2d", (4,), {"momentum": 0.5, "affine": False, "track_running_stats": False},
     (2, 4, 3, 3)),
    ("BatchNorm3d", (2,), {}, (2, 2, 3, 2, 2)),
    ("InstanceNorm1d", (3,), {}, (2, 3, 5)),
    ("InstanceNorm1d", (3,), {"affine": True}, (3, 5)),  # no batch dim
    ("InstanceNorm1d", (3,), {"affine": True, "track_running_stats": True}, (2, 3, 5)),
    ("InstanceNorm2d", (4,), {"affine": True, "bias": False}, (2, 4, 3, 3)),
    ("InstanceNorm2d", (4,), {"track_running_stats": True, "momentum": 0.3}, (4, 3, 3)),
    ("InstanceNorm3d", (2,), {"affine": True, "eps": 1e-3}, (2, 2, 3, 2, 2)),
    ("LayerNorm", (5,), {}, (3, 4, 5)),
    ("LayerNorm", ([4, 5],), {"eps": 1e-3}, (3, 4, 5)),
    ("LayerNorm", ((4, 5),), {"elementwise_affine": False}, (3, 4, 5)),
    ("LayerNorm", (5,), {"bias": False}, (2, 5)),
    ("GroupNorm", (2, 4), {}, (3, 4, 5)),
    ("GroupNorm", (3, 6), {"affine": False, "eps": 1e-3}, (2, 6, 2, 3)),
    ("GroupNorm", (1, 4), {"bias": False}, (2, 4)),
    ("GroupNorm", (4, 4), {}, (2, 4, 2, 2, 2)),
    ("RMSNorm", (5,), {}, (3, 4, 5)),
    ("RMSNorm", ([4, 5],), {"eps": 1e-3, "elementwise_affine": False}, (3, 4, 5)),
    ("LocalResponseNorm", (2,), {}, (2, 5, 3)),
    ("LocalResponseNorm", (3,), {"alpha": 0.1, "beta": 0.5, "k": 2.0}, (2, 5, 3, 3)),
]


@pytest.mark.parametrize("name,args,kwargs,shape", BATCHNORM,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(BATCHNORM)])
def test_module_float64(name, args, kwargs, shape):
    check_module(lambda lib: _nn(lib, name)(*args, **kwargs), _x(*shape))


@pytest.mark.parametrize("name,args,shape", [
    ("BatchNorm2d", (8,), (4, 8, 6, 6)), ("LayerNorm", (32,), (4, 10, 32)),
    ("GroupNorm", (4, 8), (4, 8, 6, 6)), ("InstanceNorm2d", (8,), (4, 8, 6, 6)),
    ("RMSNorm", (32,), (4, 10, 32)),
])
def test_module_float32(name, args, shape):
    check_module(lambda lib: _nn(lib, name)(*args), _x(*shape, dtype="float32"))


# ---------------------------------------------------------------- running statistics
@pytest.mark.parametrize("momentum", [0.1, None, 0.7])
@pytest.mark.parametrize("name,shape", [("BatchNorm1d", (6, 3, 4)), ("BatchNorm2d", (4, 3, 2, 2)),
                                        ("InstanceNorm1d", (4, 3, 5))])
def test_running_stats(name, shape, momentum):
    kw = {"track_running_stats": True} if name.startswith("Instance") else {}
    ours = _nn(numtorch, name)(3, momentum=momentum, **kw)
    theirs = _nn(torch, name)(3, momentum=momentum, **kw)
    for step in range(3):
        x = _x(*shape, dtype="float32", seed=step) * (step + 1) + step
        ours(numtorch.from_numpy(x))
        theirs(torch.from_numpy(x))
    for key in ("running_mean", "running_var", "num_batches_tracked"):
        a, b = getattr(ours, key).numpy(), getattr(theirs, key).numpy()
        assert a.dtype == b.dtype, key
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7, err_msg=key)
    ours.eval()
    theirs.eval()
    x = _x(*shape, dtype="float32", seed=9)
    np.testing.assert_allclose(ours(numtorch.from_numpy(x)).detach().numpy(),
                               theirs(torch.from_numpy(x)).detach().numpy(), rtol=1e-6,
                               atol=1e-6)
    # eval leaves the statistics alone
    before = ours.running_mean.numpy().copy()
    ours(numtorch.from_numpy(x))
    np.testing.assert_array_equal(ours.running_mean.numpy(), before)


def test_batchnorm_eval_without_running_stats_uses_batch():
    x = _x(4, 3, 5, dtype="float32")
    for lib in (numtorch, torch):
        m = lib.nn.BatchNorm1d(3, track_running_stats=False).eval()
        y = m(lib.from_numpy(x)).detach().numpy()
        np.testing.assert_allclose(y.mean((0, 2)), 0, atol=1e-6)
        assert m.running_mean is None and m.num_batches_tracked is None


def test_reset_running_stats_and_parameters():
    m = numtorch.nn.BatchNorm1d(3)
    m(numtorch.from_numpy(_x(4, 3, dtype="float32")))
    with numtorch.no_grad():
        m.weight.mul_(3)
    assert int(m.num_batches_tracked) == 1
    m.reset_running_stats()
    assert int(m.num_batches_tracked) == 0 and float(m.running_var.sum()) == 3.0
    assert float(m.weight.sum()) == 9.0
    m.reset_parameters()
    assert float(m.weight.sum()) == 3.0 and float(m.bias.abs().sum()) == 0.0


def test_buffers_and_dtypes():
    m = numtorch.nn.BatchNorm2d(5)
    assert [n for n, _ in m.named_buffers()] == ["running_mean", "running_var",
                                                  "num_batches_tracked"]
    assert m.num_batches_tracked.dtype == numtorch.int64 and m.num_batches_tracked.dim() == 0
    m.double()
    assert m.running_mean.dtype == numtorch.float64
    assert m.num_batches_tracked.dtype == numtorch.int64


def test_functional_running_stats_in_place():
    x = _x(5, 3, 4, dtype="float32")
    res = []
    for lib in (numtorch, torch):
        rm, rv = lib.zeros(3), lib.ones(3)
        lib.nn.functional.batch_norm(lib.from_numpy(x), rm, rv, training=True, momentum=0.2)
        res.append((rm.numpy(), rv.numpy()))
    np.testing.assert_allclose(res[0][0], res[1][0], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(res[0][1], res[1][1], rtol=1e-6)


# ---------------------------------------------------------------- state_dict versions
def test_load_old_checkpoint_without_num_batches_tracked():
    m = numtorch.nn.BatchNorm1d(3)
    m.num_batches_tracked.fill_(5)
    sd = {k: v for k, v in numtorch.nn.BatchNorm1d(3).state_dict().items()
          if k != "num_batches_tracked"}  # a plain dict: no version metadata
    m.load_state_dict(sd)
    assert int(m.num_batches_tracked) == 5
    m2 = numtorch.nn.Sequential(numtorch.nn.BatchNorm1d(3))
    sd = m2.state_dict()
    del sd["0.num_batches_tracked"]
    with pytest.raises(RuntimeError, match="num_batches_tracked"):
        m2.load_state_dict(sd)  # version 2 metadata: the key really is missing
    sd._metadata["0"]["version"] = 1
    m2.load_state_dict(sd)


def test_instance_norm_old_checkpoint_running_stats():
    for lib in (numtorch, torch):
        m = _nn(lib, "InstanceNorm1d")(3)
        sd = {"running_mean": lib.zeros(3), "running_var": lib.ones(3)}
        with pytest.raises(RuntimeError, match="Unexpected running stats buffer"):
            m.load_state_dict(sd)


# ---------------------------------------------------------------- errors
@pytest.mark.parametrize("ctor,shape,exc,match", [
    (lambda lib: lib.nn.BatchNorm1d(3), (2, 3, 4, 5), ValueError,
     r"expected 2D or 3D input \(got 4D input\)"),
    (lambda lib: lib.nn.BatchNorm2d(3), (2, 3, 4), ValueError, r"expected 4D input \(got 3D"),
    (lambda lib: lib.nn.BatchNorm3d(3), (2, 3, 4), ValueError, r"expected 5D input \(got 3D"),
    (lambda lib: lib.nn.BatchNorm1d(3), (1, 3), ValueError,
     r"Expected more than 1 value per channel when training, got input size "
     r"torch\.Size\(\[1, 3\]\)"),
    (lambda lib: lib.nn.BatchNorm1d(4), (2, 3), RuntimeError,
     "running_mean should contain 3 elements not 4"),
    (lambda lib: _nn(lib, "InstanceNorm1d")(3), (2, 3, 4, 5), ValueError,
     r"expected 2D or 3D input \(got 4D input\)"),
    (lambda lib: _nn(lib, "InstanceNorm2d")(3), (2, 3), ValueError,
     r"expected 3D or 4D input \(got 2D input\)"),
    (lambda lib: _nn(lib, "InstanceNorm1d")(3, affine=True), (4, 4), ValueError,
     r"expected input's size at dim=0 to match num_features \(3\), but got: 4\."),
    (lambda lib: _nn(lib, "InstanceNorm1d")(3), (2, 3, 1), ValueError,
     "Expected more than 1 spatial element when training"),
    (lambda lib: lib.nn.LayerNorm(3), (2, 4), RuntimeError,
     r"Given normalized_shape=\[3\], expected input with shape \[\*, 3\], but got input of "
     r"size\[2, 4\]"),
    (lambda lib: lib.nn.GroupNorm(2, 4), (2, 6), RuntimeError,
     "Expected weight to be a vector of size equal to the number of channels"),
    (lambda lib: lib.nn.LocalResponseNorm(2), (2, 3), ValueError,
     r"Expected 3D or higher dimensionality\s+input \(got 2 dimensions\)"),
])
def test_forward_errors(ctor, shape, exc, match):
    x = _x(*shape, dtype="float32")
    with pytest.raises(exc):
        ctor(torch)(torch.from_numpy(x))
    with pytest.raises(exc, match=match):
        ctor(numtorch)(numtorch.from_numpy(x))


def test_constructor_errors():
    for lib in (numtorch, torch):
        with pytest.raises(ValueError, match=r"num_channels \(4\) must be divisible by "
                                             r"num_groups \(3\)"):
            lib.nn.GroupNorm(3, 4)


def test_instance_norm_size_mismatch_warns():
    x = _x(2, 4, 5, dtype="float32")
    for lib in (numtorch, torch):
        with pytest.warns(UserWarning, match="input's size at dim=1 does not match num_features"):
            _nn(lib, "InstanceNorm1d")(3)(lib.from_numpy(x))


# ---------------------------------------------------------------- autograd
def _leaf(shape, seed=0):
    return numtorch.from_numpy(_x(*shape, seed=seed)).requires_grad_()


@pytest.mark.parametrize("fn", [
    lambda x, w, b: numtorch.nn.functional.batch_norm(x, None, None, w, b, training=True),
    lambda x, w, b: numtorch.nn.functional.batch_norm(
        x, numtorch.zeros(3, dtype=numtorch.float64), numtorch.ones(3, dtype=numtorch.float64),
        w, b),
    lambda x, w, b: numtorch.nn.functional.group_norm(x, 3, w, b),
    lambda x, w, b: numtorch.nn.functional.layer_norm(x, (2,), w[:2], b[:2]),
    lambda x, w, b: numtorch.nn.functional.instance_norm(x, None, None, w, b),
], ids=["batch_norm", "batch_norm_eval", "group_norm", "layer_norm", "instance_norm"])
def test_gradcheck_and_double_backward(fn):
    args = (_leaf((3, 3, 2)), _leaf((3,), 1), _leaf((3,), 2))
    assert numtorch.autograd.gradcheck(fn, args)
    assert numtorch.autograd.gradgradcheck(fn, args)


def test_double_backward_matches_torch():
    x, w = _x(4, 3, 5), _x(3, seed=1)
    res = []
    for lib in (numtorch, torch):
        xt = lib.from_numpy(x.copy()).requires_grad_()
        wt = lib.from_numpy(w.copy()).requires_grad_()
        y = lib.nn.functional.batch_norm(xt, None, None, wt, None, training=True)
        (gx,) = lib.autograd.grad((y * y * y).sum(), xt, create_graph=True)
        gx.pow(2).sum().backward()
        res.append((xt.grad.numpy(), wt.grad.numpy()))
    np.testing.assert_allclose(res[0][0], res[1][0], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(res[0][1], res[1][1], rtol=1e-7, atol=1e-9)


def test_grad_fn_names():
    x = numtorch.from_numpy(_x(2, 4, 3)).requires_grad_()
    F = numtorch.nn.functional
    assert F.batch_norm(x, None, None, training=True).grad_fn.name() == "NativeBatchNormBackward0"
    assert F.layer_norm(x, (3,)).grad_fn.name() == "NativeLayerNormBackward0"
    assert F.group_norm(x, 2).grad_fn.name() == "NativeGroupNormBackward0"
    w = numtorch.ones(3, dtype=numtorch.float64, requires_grad=True)
    nf = F.layer_norm(x, (3,), None, w).grad_fn.next_functions
    assert [n is None for n, _ in nf] == [False, True, False]  # input, weight, bias


def test_saved_input_modified_in_place():
    x = numtorch.from_numpy(_x(4, 3)).requires_grad_()
    y = x * 1
    out = numtorch.nn.functional.layer_norm(y, (3,))
    y.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        out.sum().backward()


def test_running_stats_requires_grad_error():
    x = numtorch.from_numpy(_x(4, 3, dtype="float32"))
    rm = numtorch.zeros(3, requires_grad=True)
    with pytest.raises(RuntimeError, match="not differentiable with respect to argument "
                                           "'running_mean'"):
        numtorch.nn.functional.batch_norm(x, rm, numtorch.ones(3), training=True)


def test_top_level_batch_and_instance_norm_match_torch():
    import torch as _torch

    rng = np.random.default_rng(5)
    x = rng.standard_normal((4, 3, 5))
    w, b = rng.standard_normal(3), rng.standard_normal(3)
    outs = []
    for lib in (numtorch, _torch):
        rm, rv = lib.zeros(3, dtype=lib.float64), lib.ones(3, dtype=lib.float64)
        t = [lib.from_numpy(a.copy()) for a in (x, w, b)]
        y1 = lib.batch_norm(t[0], t[1], t[2], rm, rv, True, 0.1, 1e-5, False)
        y2 = lib.instance_norm(t[0], t[1], t[2], None, None, True, 0.1, 1e-5, False)
        outs.append([y1.numpy(), y2.numpy(), rm.numpy(), rv.numpy()])
        with pytest.raises(TypeError, match="missing 4 required positional argument"):
            lib.batch_norm(t[0], t[1], t[2], rm, rv)
    for a, b_ in zip(*outs):
        np.testing.assert_allclose(a, b_, rtol=1e-10, atol=1e-12)

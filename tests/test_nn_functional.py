"""The torch.nn.functional surface itself: names, and F's own signatures where they differ
from the top-level torch.* ones."""

import numpy as np
import pytest
import torch

import numtorch


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin"])
@pytest.mark.parametrize("shape", [(4,), (2, 3), (2, 3, 4)])
def test_implicit_dim_warns_and_matches_torch(name, shape):
    x = np.random.default_rng(0).standard_normal(shape).astype(np.float32)
    res = []
    for lib in (numtorch, torch):
        with pytest.warns(UserWarning, match=f"Implicit dimension choice for {name}"):
            res.append(getattr(lib.nn.functional, name)(lib.from_numpy(x)).numpy())
    np.testing.assert_allclose(res[0], res[1], rtol=1e-5, atol=1e-6)


def test_functional_softmax_keyword_forms():
    x = np.random.default_rng(1).standard_normal((3, 5))
    for kw in ({"dim": 1}, {"dim": 0, "dtype": "float32"}):
        out = []
        for lib in (numtorch, torch):
            k = dict(kw)
            if "dtype" in k:
                k["dtype"] = getattr(lib, k["dtype"])
            out.append(lib.nn.functional.log_softmax(lib.from_numpy(x), **k))
        assert str(out[0].dtype) == str(out[1].dtype)
        np.testing.assert_allclose(out[0].numpy(), out[1].numpy(), rtol=1e-5, atol=1e-6)


def test_functional_names_exist_in_torch():
    """Every public name numtorch.nn.functional exports is a torch.nn.functional name."""
    ours = {n for n in dir(numtorch.nn.functional) if not n.startswith("_")
            and callable(getattr(numtorch.nn.functional, n))}
    extra = sorted(n for n in ours if not hasattr(torch.nn.functional, n))
    assert not extra, extra

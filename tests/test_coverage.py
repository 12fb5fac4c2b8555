"""Every public op has at least one opdb row (by its name or a row's ``covers``).

Core families list their public names in ``__all__``; the nn kernel families also list
the torch.nn.functional names they define in ``__functional__``, covered by rows named
``nn.functional.<name>``.
"""

import importlib

import pytest

from opdb import ROWS

FAMILIES = ["elementwise", "reduce", "shape", "index", "linalg", "activation"]
NN_FAMILIES = ["conv", "pool", "norm", "loss", "rnn", "linear", "dropout", "embedding",
               "upsample"]


def _covered():
    names = set()
    for r in ROWS:
        names.add(r.name)
        names.update(r.covers)
    return names


@pytest.mark.parametrize("family", FAMILIES + NN_FAMILIES)
def test_every_public_op_has_a_row(family):
    mod = importlib.import_module(f"numtorch._ops.{family}")
    missing = sorted(set(mod.__all__) - _covered())
    assert not missing, f"public ops of {family} with no opdb row: {missing}"


@pytest.mark.parametrize("family", NN_FAMILIES)
def test_every_functional_op_has_a_row(family):
    mod = importlib.import_module(f"numtorch._ops.{family}")
    covered = _covered()
    missing = sorted(n for n in mod.__functional__ if "nn.functional." + n not in covered)
    assert not missing, f"nn.functional ops of {family} with no opdb row: {missing}"


def _resolve(lib, dotted):
    obj = lib
    for part in dotted.split("."):
        obj = getattr(obj, part)
    return obj


def test_rows_name_real_functions():
    import numtorch

    for r in ROWS:
        for n in (r.name,) + tuple(r.covers):
            if n.startswith("nn.functional."):
                assert callable(_resolve(numtorch, n.split("/")[0])), n
                continue
            base = n.split("/")[0].split(".")[-1]
            assert (hasattr(numtorch, base) or hasattr(numtorch.Tensor, base)
                    or n.startswith(("Tensor.", "linalg.", "special.", "fft."))), n

"""Every public op has at least one opdb row (by its name or a row's ``covers``)."""

import importlib

import pytest

from opdb import ROWS

FAMILIES = ["elementwise", "reduce", "shape", "index", "linalg", "activation"]


def _covered():
    names = set()
    for r in ROWS:
        names.add(r.name)
        names.update(r.covers)
    return names


@pytest.mark.parametrize("family", FAMILIES)
def test_every_public_op_has_a_row(family):
    mod = importlib.import_module(f"numtorch._ops.{family}")
    missing = sorted(set(mod.__all__) - _covered())
    assert not missing, f"public ops of {family} with no opdb row: {missing}"


def test_rows_name_real_functions():
    import numtorch

    for r in ROWS:
        for n in (r.name,) + tuple(r.covers):
            base = n.split("/")[0].split(".")[-1]
            assert (hasattr(numtorch, base) or hasattr(numtorch.Tensor, base)
                    or n.startswith(("Tensor.", "linalg.", "special.", "fft."))), n

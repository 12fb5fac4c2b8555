"""The op table: one OpInfo row per public op, run unchanged on numtorch and on torch.

A row's ``fn(lib, *args, **kwargs)`` is called with ``lib`` = numtorch or torch and the
sample's arguments converted to that library's tensors (NumPy arrays become tensors;
everything else passes through). Family files ``opdb_<family>.py`` each define ROWS.
"""

import dataclasses
from typing import Callable, Optional

import numpy as np


@dataclasses.dataclass
class Sample:
    args: tuple
    kwargs: dict = dataclasses.field(default_factory=dict)
    # indices of args that are differentiable inputs (default: every float ndarray)
    grad_args: Optional[tuple] = None


@dataclasses.dataclass
class ErrorSample:
    args: tuple
    kwargs: dict = dataclasses.field(default_factory=dict)
    exc: type = Exception  # the exception type torch raises (checked on both)
    match: Optional[str] = None  # a regex numtorch's message must match
    grad_args: Optional[tuple] = None


@dataclasses.dataclass
class OpInfo:
    name: str
    fn: Callable
    samples: Callable  # samples(rng, np_dtype) -> list[Sample]
    dtypes: tuple = ("float32", "float64")
    grad: bool = True  # compare gradients against torch
    gradcheck: bool = True  # numerical gradcheck in float64 (numtorch only)
    gradgrad: bool = False  # also gradgradcheck
    atol: Optional[float] = None
    rtol: Optional[float] = None
    covers: tuple = ()  # more public names this row exercises (aliases, methods, in-place)
    errors: Optional[Callable] = None  # errors(rng) -> list[ErrorSample]
    compare_values: bool = True  # False for random ops (shape/dtype only)

    @property
    def id(self):
        return self.name


def rand(rng, shape, dtype="float32", low=-2.0, high=2.0):
    """Uniform values in [low, high) as an ndarray of ``dtype``."""
    dt = np.dtype(dtype)
    if dt == np.bool_:
        return rng.random(shape) < 0.5
    if np.issubdtype(dt, np.integer):
        lo = 0 if np.issubdtype(dt, np.unsignedinteger) else int(low) - 3
        return rng.integers(lo, int(high) + 4, size=shape).astype(dt)
    return rng.uniform(low, high, size=shape).astype(dt)


def positive(rng, shape, dtype="float32"):
    return rand(rng, shape, dtype, 0.5, 2.5)


def away_from_zero(rng, shape, dtype="float32"):
    a = rand(rng, shape, dtype, 0.3, 2.0)
    return np.asarray(a * np.where(rng.random(shape) < 0.5, -1, 1).astype(a.dtype))


def _collect():
    import importlib
    import pathlib

    rows = []
    here = pathlib.Path(__file__).parent
    for p in sorted(here.glob("opdb_*.py")):
        mod = importlib.import_module(p.stem)
        rows.extend(mod.ROWS)
    return rows


ROWS = _collect()

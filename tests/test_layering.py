"""Import rules: numtorch never imports torch; only the device seam mentions CuPy."""

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "numtorch"
VISION = ROOT.parent / "numtorchvision"


def test_numtorch_never_imports_torch():
    for path in list(ROOT.rglob("*.py")) + list(VISION.rglob("*.py")):
        text = path.read_text()
        assert not re.search(r"^\s*(import torch|from torch\b)", text, re.M), path


def test_only_backend_imports_cupy():
    for path in ROOT.rglob("*.py"):
        if path.name == "_backend.py":
            continue
        assert not re.search(r"^\s*(import cupy|from cupy\b)", path.read_text(), re.M), path


def test_import_is_light():
    code = ("import sys, numtorch; bad = [m for m in ('torch', 'scipy', 'pandas', 'cupy') "
            "if m in sys.modules]; print(bad)")
    out = subprocess.check_output([sys.executable, "-c", code]).decode().strip()
    assert out == "[]", out


def test_numtorchvision_imports_no_numtorch_internals():
    """numtorchvision is built on numtorch's public API only."""
    for path in VISION.rglob("*.py"):
        text = path.read_text()
        assert not re.search(r"^\s*(from numtorch\.(_\w+)|import numtorch\._)", text, re.M), path


def test_upper_layers_use_the_public_api():
    """nn (but functional.py, the kernels' re-export surface), optim and utils.data import
    no numtorch internals (``_ops``, ``_tensor``, ``autograd.function``...)."""
    bad = re.compile(r"^\s*(from numtorch\._|import numtorch\._|from \.\.+_(?!reduction)"
                     r"|from \.\.+autograd\.)", re.M)
    for sub in ("nn", "optim", "utils/data"):
        for path in (ROOT / sub).rglob("*.py"):
            if path.name == "functional.py" and path.parent.name == "nn":
                continue
            assert not bad.search(path.read_text()), path

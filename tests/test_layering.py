"""Import rules: numtorch never imports torch; only the device seam mentions CuPy."""

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "numtorch"


def test_numtorch_never_imports_torch():
    for path in ROOT.rglob("*.py"):
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

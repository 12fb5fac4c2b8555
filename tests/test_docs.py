"""docs/supported.md is generated from the code and must be current."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))

import gen_supported  # noqa: E402


def test_supported_md_is_current():
    with open(gen_supported.path()) as f:
        current = f.read()
    assert current == gen_supported.render(), (
        "docs/supported.md is stale: run .venv/bin/python tools/gen_supported.py")

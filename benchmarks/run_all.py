"""Run every benchmark script; each writes benchmarks/results/<name>.md."""

import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
for name in sorted(os.listdir(here)):
    if name.startswith("bench_") and name.endswith(".py"):
        print(f"== {name}", flush=True)
        subprocess.run([sys.executable, os.path.join(here, name)], check=True, cwd=here)

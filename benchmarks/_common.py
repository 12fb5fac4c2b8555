"""Shared timing helpers: numtorch and torch timed in the same process, same inputs."""

import datetime
import os
import platform
import statistics
import time


def timeit(fn, *, repeat=5, min_time=0.2):
    """Best-of-``repeat`` seconds per call of ``fn`` (each repeat runs >= ``min_time``)."""
    fn()  # warm up
    n = 1
    while True:
        t = time.perf_counter()
        for _ in range(n):
            fn()
        dt = time.perf_counter() - t
        if dt >= min_time / 5:
            break
        n *= 2
    n = max(1, int(n * (min_time / 5) / max(dt, 1e-9) * 5 / 5))
    best = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        best.append((time.perf_counter() - t) / n)
    return min(best)


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write_results(name, title, rows, notes=""):
    """Write a Markdown table of (case, numtorch s, torch s, ratio, target) rows."""
    import numpy
    import torch

    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "results", f"{name}.md")
    lines = [f"## {title}", "",
             f"{datetime.date.today().isoformat()} · {machine()} · NumPy {numpy.__version__} · "
             f"torch {torch.__version__}", "",
             "| case | numtorch | torch | ratio | target |", "|---|---:|---:|---:|---|"]
    for case, ours, theirs, target in rows:
        lines.append(f"| {case} | {_fmt(ours)} | {_fmt(theirs)} | {ours / theirs:.2f}x | "
                     f"{target} |")
    if notes:
        lines += ["", notes]
    text = "\n".join(lines) + "\n"
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)
    print(text)
    return path


def _fmt(s):
    if s >= 1:
        return f"{s:.2f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.2f} ms"
    return f"{s * 1e6:.1f} µs"


def median(xs):
    return statistics.median(xs)

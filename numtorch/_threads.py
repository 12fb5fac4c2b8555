"""BLAS thread control: ``set_num_threads``/``get_num_threads``.

numtorch's only compute threads are BLAS's (NumPy's elementwise math is single-threaded).
OpenBLAS spins its threads while waiting; with 2 threads on a 2-core machine whose other
core is busy (a DataLoader worker, the test runner, another process) GEMMs get several
times slower instead of faster. numtorch therefore leaves the BLAS default alone at import
(import stays fast and NumPy users keep their setting), honours ``NUMTORCH_NUM_THREADS``,
and makes ``set_num_threads(n)`` act on the loaded OpenBLAS through ctypes (no dependency),
falling back to threadpoolctl when it is installed.
"""

import ctypes
import os

_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
            "openblas_set_num_threads64_", "openblas_set_num_threads")
_GETTERS = ("scipy_openblas_get_num_threads64_", "scipy_openblas_get_num_threads",
            "openblas_get_num_threads64_", "openblas_get_num_threads")
_lib = []


def _openblas():
    if _lib:
        return _lib[0]
    found = None
    try:
        import numpy  # noqa: F401  (loads its BLAS)

        with open("/proc/self/maps") as f:
            paths = {line.split()[-1] for line in f if "openblas" in line.lower()}
        for p in sorted(paths):
            lib = ctypes.CDLL(p)
            for s, g in zip(_SETTERS, _GETTERS):
                if hasattr(lib, s):
                    found = (getattr(lib, s), getattr(lib, g, None))
                    break
            if found:
                break
    except OSError:  # no /proc (macOS, Windows): threadpoolctl or nothing
        found = None
    _lib.append(found)
    return found


def set_num_threads(n):
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise RuntimeError(f"set_num_threads expects a positive integer, got {n}")
    ob = _openblas()
    if ob is not None:
        ob[0](ctypes.c_int(n))
        return
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(n, user_api="blas")
    except ImportError:
        os.environ["OPENBLAS_NUM_THREADS"] = str(n)  # effective only for later processes


def get_num_threads():
    ob = _openblas()
    if ob is not None and ob[1] is not None:
        ob[1].restype = ctypes.c_int
        return int(ob[1]())
    return int(os.environ.get("OPENBLAS_NUM_THREADS", os.cpu_count() or 1))


def _apply_env():
    n = os.environ.get("NUMTORCH_NUM_THREADS")
    if n and n.isdigit():
        set_num_threads(int(n))

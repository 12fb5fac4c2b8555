"""BLAS thread control (threadpoolctl when installed, else the environment at import)."""

import os

_n = [None]


def set_num_threads(n):
    if not isinstance(n, int) or n < 1:
        raise RuntimeError(f"set_num_threads expects a positive integer, got {n}")
    _n[0] = n
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(n, user_api="blas")
    except ImportError:
        pass


def get_num_threads():
    if _n[0] is not None:
        return _n[0]
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        if os.environ.get(var, "").isdigit():
            return int(os.environ[var])
    return os.cpu_count() or 1

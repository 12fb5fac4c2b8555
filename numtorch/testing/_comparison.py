"""``assert_close``: recursive comparison of tensors, numbers, sequences and mappings with
torch's default tolerances per dtype and torch's AssertionError messages."""

import collections.abc
import numbers

import numpy as np

from .. import _dtype as D
from .._tensor import Tensor

# (rtol, atol) per dtype; integer and bool dtypes compare exactly
_DEFAULT_TOLERANCES = {
    D.float16: (1e-3, 1e-5),
    D.bfloat16: (1.6e-2, 1e-5),
    D.float32: (1.3e-6, 1e-5),
    D.float64: (1e-7, 1e-7),
    D.complex64: (1.3e-6, 1e-5),
    D.complex128: (1e-7, 1e-7),
}


class _Failure(Exception):
    """A mismatch found somewhere in the inputs: the exception type to raise, its message,
    and the path of items that leads to it."""

    def __init__(self, exc_type, message, path=()):
        super().__init__(message)
        self.exc_type, self.message, self.path = exc_type, message, path


def assert_close(actual, expected, *, allow_subclasses=True, rtol=None, atol=None,
                 equal_nan=False, check_device=True, check_dtype=True, check_layout=True,
                 check_stride=False, msg=None):
    """Assert that ``actual`` and ``expected`` are close:
    ``|actual - expected| <= atol + rtol * |expected|`` elementwise.

    Inputs may be tensors, NumPy arrays, Python numbers, or sequences / mappings of them
    (compared item by item). Without ``rtol``/``atol`` the defaults depend on the dtype
    (float32: rtol 1.3e-6, atol 1e-5; float64: 1e-7, 1e-7; integers: exact).
    ``msg`` replaces the message (a callable receives the generated one).

    >>> assert_close(tensor([1.0, 2.0]), tensor([1.0, 2.0 + 1e-7]))
    """
    if (rtol is None) != (atol is None):
        missing = "atol" if atol is None else "rtol"
        raise ValueError(f"Both 'rtol' and 'atol' must be either specified or omitted, but "
                         f"got no {missing}.")
    opts = dict(rtol=rtol, atol=atol, equal_nan=equal_nan, check_device=check_device,
                check_dtype=check_dtype, check_stride=check_stride)
    try:
        _compare(actual, expected, (), opts)
    except _Failure as f:
        message = f.message
        if f.exc_type is AssertionError:
            if f.path:
                message += "\n\nThe failure occurred for item " + "".join(
                    f"[{p!r}]" for p in f.path)
            if msg is not None:
                message = msg(message) if callable(msg) else msg
        raise f.exc_type(message) from None


def _kind(x):
    if x is None:
        return "none"
    if isinstance(x, (bool, np.bool_)):
        return "bool"
    if isinstance(x, Tensor):
        return "tensor"
    if isinstance(x, np.ndarray):
        return "ndarray"
    if isinstance(x, numbers.Number):
        return "number"
    if isinstance(x, collections.abc.Mapping):
        return "mapping"
    if isinstance(x, collections.abc.Sequence) and not isinstance(x, (str, bytes)):
        return "sequence"
    return None


def _compare(actual, expected, path, opts):
    ka, ke = _kind(actual), _kind(expected)
    if ka != ke or ka is None:
        if ka == "none" or ke == "none":
            raise _Failure(AssertionError, f"None mismatch: {actual} is not {expected}", path)
        raise _Failure(TypeError, f"No comparison pair was able to handle inputs of type "
                                  f"{type(actual)} and {type(expected)}.")
    if ka == "none":
        return
    if ka == "bool":
        if bool(actual) != bool(expected):
            raise _Failure(AssertionError, f"Booleans mismatch: {actual} is not {expected}",
                           path)
        return
    if ka == "mapping":
        ak, ek = set(actual), set(expected)
        if ak != ek:
            lines = ["The keys of the mappings do not match:"]
            if ek - ak:
                lines.append(f"Missing keys in the actual mapping: {sorted(ek - ak)}")
            if ak - ek:
                lines.append(f"Additional keys in the actual mapping: {sorted(ak - ek)}")
            raise _Failure(AssertionError, "\n".join(lines), path)
        for k in expected:
            _compare(actual[k], expected[k], path + (k,), opts)
        return
    if ka == "sequence":
        if len(actual) != len(expected):
            raise _Failure(AssertionError, f"The length of the sequences mismatch: "
                                           f"{len(actual)} != {len(expected)}", path)
        for i, (a, e) in enumerate(zip(actual, expected)):
            _compare(a, e, path + (i,), opts)
        return
    if ka == "number":
        _compare_numbers(actual, expected, path, opts)
        return
    if ka == "ndarray":
        from .._creation import tensor

        actual, expected = tensor(actual), tensor(expected)
    _compare_tensors(actual, expected, path, opts)


# ---------------------------------------------------------------- numbers
def _number_type(x):
    if isinstance(x, numbers.Integral):
        return int
    if isinstance(x, numbers.Real):
        return float
    return complex


def _compare_numbers(actual, expected, path, opts):
    ta, te = _number_type(actual), _number_type(expected)
    if opts["check_dtype"] and ta is not te:
        raise _Failure(AssertionError, f"The (d)types do not match: {ta} != {te}.", path)
    exact_types = ta is int and te is int
    rtol, atol = opts["rtol"], opts["atol"]
    if rtol is None:
        rtol, atol = (0.0, 0.0) if exact_types else (1e-7, 1e-7)
    a, e = ta(actual), te(expected)
    if a == e or (opts["equal_nan"] and _isnan(a) and _isnan(e)):
        return
    # non-finite values must be equal (inf is not "close" to -inf); nan never passes
    if _isfinite(a) and _isfinite(e) and abs(a - e) <= atol + rtol * abs(e):
        return
    raise _Failure(AssertionError, _scalar_message(actual, expected, rtol, atol), path)


def _isfinite(x):
    return np.isfinite(x)


def _scalar_message(actual, expected, rtol, atol):
    abs_diff = abs(actual - expected)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel_diff = float(np.float64(abs_diff) / np.float64(abs(expected)))
    equal = rtol == 0 and atol == 0
    lines = [f"Scalars are not {'equal' if equal else 'close'}!", "",
             f"Expected {expected} but got {actual}.",
             f"Absolute difference: {abs_diff}" + ("" if equal else f" (up to {atol} allowed)"),
             f"Relative difference: {rel_diff}" + ("" if equal else f" (up to {rtol} allowed)")]
    return "\n".join(lines)


def _isnan(x):
    return x != x


# ---------------------------------------------------------------- tensors
def _attr_mismatch(name, a, e, path):
    raise _Failure(AssertionError, f"The values for attribute '{name}' do not match: {a} != "
                                   f"{e}.", path)


def _compare_tensors(actual, expected, path, opts):
    if actual.shape != expected.shape:
        _attr_mismatch("shape", actual.shape, expected.shape, path)
    if opts["check_device"] and actual.device != expected.device:
        _attr_mismatch("device", actual.device, expected.device, path)
    if opts["check_dtype"] and actual.dtype is not expected.dtype:
        _attr_mismatch("dtype", actual.dtype, expected.dtype, path)
    if opts["check_stride"] and actual.stride() != expected.stride():
        _attr_mismatch("stride()", actual.stride(), expected.stride(), path)
    dt = D.promote_types(actual.dtype, expected.dtype)
    rtol, atol = opts["rtol"], opts["atol"]
    if rtol is None:
        ra, aa = _DEFAULT_TOLERANCES.get(actual.dtype, (0.0, 0.0))
        re_, ae = _DEFAULT_TOLERANCES.get(expected.dtype, (0.0, 0.0))
        rtol, atol = max(ra, re_), max(aa, ae)
    a, e = _values(actual, dt), _values(expected, dt)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        matches = a == e
        if rtol or atol:  # non-finite values must be equal: inf is not close to -inf
            finite = np.isfinite(a) & np.isfinite(e)
            matches |= finite & (np.abs(a - e) <= atol + rtol * np.abs(e))
        if opts["equal_nan"] and dt._cat >= D._FLOAT:
            matches |= np.isnan(a) & np.isnan(e)
    if matches.all():
        return
    raise _Failure(AssertionError, _mismatch_message(a, e, matches, rtol, atol), path)


def _values(t, dt):
    """The tensor's values as a NumPy array in the comparison dtype (ints as int64, so
    differences cannot wrap around)."""
    arr = np.asarray(t.detach().cpu().numpy())
    if dt._cat <= D._INT:
        return arr.astype(np.int64)
    return arr.astype(D.to_np(dt), copy=False)


def _mismatch_message(a, e, matches, rtol, atol):
    if a.ndim == 0:  # a 0-d tensor is reported like a number
        return _scalar_message(a.item(), e.item(), rtol, atol)
    equal = rtol == 0 and atol == 0
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        abs_diff = np.abs(a - e)
        # integer differences are divided in the default float dtype, like torch's int / int
        denom = np.abs(e) if a.dtype.kind in "fc" else np.abs(e).astype(np.float32)
        num = abs_diff if a.dtype.kind in "fc" else abs_diff.astype(np.float32)
        rel_diff = num / denom
    if abs_diff.dtype.kind == "c":  # |complex| is real already; keep the real dtype
        abs_diff = abs_diff.real
    allowed = ("", "") if equal else (f" (up to {atol} allowed)", f" (up to {rtol} allowed)")
    abs_diff = abs_diff.ravel().copy()
    rel_diff = rel_diff.ravel().copy()
    flat_matches = matches.ravel()
    abs_diff[flat_matches] = 0  # only mismatches count
    rel_diff[flat_matches] = 0
    n_bad, total = int((~flat_matches).sum()), matches.size
    ia, ir = int(np.argmax(abs_diff)), int(np.argmax(rel_diff))  # the first nan wins

    def index(i):
        return tuple(int(k) for k in np.unravel_index(i, a.shape))

    lines = [f"Tensor-likes are not {'equal' if equal else 'close'}!", "",
             f"Mismatched elements: {n_bad} / {total} ({n_bad / total:.1%})",
             f"Greatest absolute difference: {abs_diff[ia].item()} at index {index(ia)}"
             f"{allowed[0]}",
             f"Greatest relative difference: {rel_diff[ir].item()} at index {index(ir)}"
             f"{allowed[1]}"]
    return "\n".join(lines)

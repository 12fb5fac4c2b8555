"""Printing tensors exactly like torch: ``repr(t)`` is byte-identical to torch's.

How torch lays a tensor out (observed behaviour, reimplemented on NumPy):

* One formatter per tensor (two for complex: real and imaginary parts) decides from the
  nonzero finite values of the *shown* data whether every value is an integer
  (``int_mode``: ``1.``), whether scientific notation is needed (``sci_mode``: largest /
  smallest > 1000, largest > 1e8 or smallest < 1e-4, unless ``sci_mode`` is forced), and
  one common width; every element is right-aligned to that width.
* Past ``threshold`` elements the tensor is summarised: each dimension longer than
  ``2 * edgeitems`` shows its first and last ``edgeitems`` entries around ``...``.
* Rows wrap at ``linewidth`` with a continuation indent; blocks of an n-d tensor are
  separated by ``n - 1`` newlines; suffixes (``device=``, ``dtype=``, ``grad_fn=``...)
  follow, each on a new line when it would pass ``linewidth``.

Printing reads ``t._array`` only: it never runs a Tensor op, so it never touches autograd.
"""

import math

import numpy as np

from . import _dtype as D
from ._backend import CPU, to_device


class _PrintOptions:
    __slots__ = ("precision", "threshold", "edgeitems", "linewidth", "sci_mode")

    def __init__(self):
        self.precision = 4
        self.threshold = 1000
        self.edgeitems = 3
        self.linewidth = 80
        self.sci_mode = None


PRINT_OPTS = _PrintOptions()

_PROFILES = {
    "default": (4, 1000, 3, 80),
    "short": (2, 1000, 2, 80),
    "full": (4, math.inf, 3, 80),
}


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None,
                     profile=None, sci_mode=None):
    """Set options for printing tensors.

    Args:
        precision: digits after the decimal point for floating point output (default 4).
        threshold: number of elements past which the output is summarised (default 1000).
        edgeitems: items shown at each end of a summarised dimension (default 3).
        linewidth: characters per line before wrapping (default 80).
        profile: ``"default"``, ``"short"`` or ``"full"``; the other arguments override it.
        sci_mode: force (True) or forbid (False) scientific notation; None chooses
            automatically. Like torch, every call sets it (to None when not given).

    Example::

        >>> torch.set_printoptions(precision=2)
        >>> torch.tensor([1.12345])
        tensor([1.12])
        >>> torch.set_printoptions(profile="default")
    """
    opts = PRINT_OPTS
    if profile is not None and profile in _PROFILES:
        opts.precision, opts.threshold, opts.edgeitems, opts.linewidth = _PROFILES[profile]
    if precision is not None:
        opts.precision = precision
    if threshold is not None:
        opts.threshold = threshold
    if edgeitems is not None:
        opts.edgeitems = edgeitems
    if linewidth is not None:
        opts.linewidth = linewidth
    opts.sci_mode = sci_mode


def get_printoptions():
    """The current print options, as keyword arguments for :func:`set_printoptions`."""
    return {k: getattr(PRINT_OPTS, k) for k in _PrintOptions.__slots__}


# ---------------------------------------------------------------- formatting numbers
class _Formatter:
    """Chooses int_mode / sci_mode / width from ``values`` (a NumPy array of the shown
    data) and formats lists of Python scalars to strings of that common width."""

    def __init__(self, values, floating):
        self.floating = floating
        self.int_mode = True
        self.sci_mode = False
        self.max_width = 1
        if values.size == 0:
            return
        if not floating:
            if values.dtype == np.bool_:
                self.max_width = 5 if not values.all() else 4
            else:
                lo, hi = values.min().item(), values.max().item()
                self.max_width = max(1, len(str(lo)), len(str(hi)))
            return
        v = values.reshape(-1).astype(np.float64)
        nz = v[np.isfinite(v) & (v != 0)]
        if nz.size == 0:
            return
        ab = np.abs(nz)
        lo, hi = ab.min().item(), ab.max().item()
        self.int_mode = bool((nz == np.ceil(nz)).all())
        if PRINT_OPTS.sci_mode is None:
            self.sci_mode = hi / lo > 1000.0 or hi > 1.0e8 or lo < 1.0e-4
        else:
            self.sci_mode = bool(PRINT_OPTS.sci_mode)
        p = PRINT_OPTS.precision
        if self.sci_mode:
            fmt, extra = f"{{:.{p}e}}".format, 0
        elif self.int_mode:
            fmt, extra = "{:.0f}".format, 1  # room for the trailing "."
        else:
            fmt, extra = f"{{:.{p}f}}".format, 0
        # a formatted width only grows with |value| for each sign, so the extremes of the
        # positive and of the negative values give the widest string
        pos, neg = nz[nz > 0], nz[nz < 0]
        cands = []
        if pos.size:
            cands += [pos.min().item(), pos.max().item()]
        if neg.size:
            cands += [neg.min().item(), neg.max().item()]
        self.max_width = max(1, max(len(fmt(c)) + extra for c in cands))

    def width(self):
        return self.max_width

    def format_list(self, vals):
        """Format Python scalars (a flat list) to right-aligned strings."""
        w = self.max_width
        if not self.floating:
            return [str(x).rjust(w) for x in vals]
        p = PRINT_OPTS.precision
        if self.sci_mode:
            fmt = f"{{:{w}.{p}e}}".format
            return [fmt(x).rjust(w) for x in vals]
        if self.int_mode:
            out = []
            for x in vals:
                s = f"{x:.0f}"
                if s[-1] not in "nf":  # nan / inf / -inf get no "."
                    s += "."
                out.append(s.rjust(w))
            return out
        fmt = f"{{:.{p}f}}".format
        return [fmt(x).rjust(w) for x in vals]


def _join_complex(real_strs, imag_strs):
    out = []
    for r, i in zip(real_strs, imag_strs):
        i = (i + "j").lstrip()
        out.append(r + i if i[0] in "+-" else r + "+" + i)
    return out


def _to_printable(a):
    """Host NumPy array whose ``tolist`` gives the Python scalars torch formats."""
    if a.dtype.kind == "V" or a.dtype.name == "bfloat16":  # ml_dtypes bfloat16
        return a.astype(np.float32)
    return a


def _summarize(a, edge):
    """The shown part of ``a``: per dimension longer than ``2 * edge``, its ends."""
    for d, n in enumerate(a.shape):
        if n > 2 * edge:
            idx = np.concatenate([np.arange(edge), np.arange(n - edge, n)])
            a = np.take(a, idx, axis=d)
    return a


def _format_all(a, summarize):
    """Strings for every shown element of ``a`` (nested lists shaped like the shown data)
    and the per-element width used for line wrapping."""
    edge = PRINT_OPTS.edgeitems
    shown = _summarize(a, edge) if summarize else a
    kind = a.dtype.kind
    if kind == "c":
        re, im = shown.real, shown.imag
        f1, f2 = _Formatter(re, True), _Formatter(im, True)
        strs = _join_complex(f1.format_list(re.reshape(-1).tolist()),
                             f2.format_list(im.reshape(-1).tolist()))
        elem_len = f1.width() + 2 + f2.width() + 1
    else:
        f1 = _Formatter(shown, kind == "f")
        strs = f1.format_list(shown.reshape(-1).tolist())
        elem_len = f1.width() + 2
    if shown.ndim == 0:
        return strs[0], elem_len
    return np.array(strs, dtype=object).reshape(shown.shape).tolist(), elem_len


def _tensor_str(a, indent):
    """The bracketed body of a non-empty array, laid out like torch."""
    summarize = a.size > PRINT_OPTS.threshold
    edge = PRINT_OPTS.edgeitems
    if a.ndim == 0:
        return _format_all(a, False)[0]
    if summarize and not edge:
        return "[...]"
    nested, elem_len = _format_all(a, summarize)
    cut = [summarize and n > 2 * edge for n in a.shape]
    linewidth = PRINT_OPTS.linewidth

    def render(block, depth, ind):
        ndim = a.ndim - depth
        if ndim == 1:
            items = block
            if cut[depth]:
                items = block[:edge] + [" ..."] + block[edge:]
            per_line = max(1, math.floor((linewidth - ind) / elem_len))
            lines = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
            return "[" + (",\n" + " " * (ind + 1)).join(lines) + "]"
        subs = [render(b, depth + 1, ind + 1) for b in block]
        if cut[depth]:
            subs = subs[:edge] + ["..."] + subs[edge:]
        return "[" + ("," + "\n" * (ndim - 1) + " " * (ind + 1)).join(subs) + "]"

    return render(nested, 0, indent)


def _add_suffixes(text, suffixes, indent):
    parts = [text]
    # torch's measure of the last line (two more than its length on a single line)
    last = len(text) - text.rfind("\n") + 1
    for s in suffixes:
        if last + len(s) + 2 > PRINT_OPTS.linewidth:
            parts.append(",\n" + " " * indent + s)
            last = indent + len(s)
        else:
            parts.append(", " + s)
            last += len(s) + 2
    parts.append(")")
    return "".join(parts)


def _is_parameter_class(cls):
    return cls.__name__ == "Parameter" and cls.__module__.startswith("numtorch")


def _str(t, tensor_contents=None):
    """``repr(t)``: torch's layout, dtype / device / autograd suffixes included."""
    from ._tensor import Tensor

    cls = type(t)
    plain = cls is Tensor or _is_parameter_class(cls)
    prefix = "tensor(" if plain else cls.__name__ + "("
    indent = len(prefix)
    suffixes = []

    dev = t._device
    if dev.type != "cpu":
        suffixes.append(f"device='{dev}'")

    dt = t._dtype
    default = D.get_default_dtype()
    default_complex = D.complex128 if default is D.float64 else D.complex64
    has_default_dtype = dt in (default, default_complex, D.int64, D.bool)

    a = t._array
    if a.size == 0:
        if a.ndim != 1:
            suffixes.append("size=" + str(tuple(a.shape)))
        if dt is not default:
            suffixes.append("dtype=" + repr(dt))
        body = "[]" if tensor_contents is None else tensor_contents
    else:
        if not PRINT_OPTS.edgeitems:
            suffixes.append("size=" + str(tuple(a.shape)))
        if not has_default_dtype:
            suffixes.append("dtype=" + repr(dt))
        if tensor_contents is None:
            if dev.type != "cpu":
                a = to_device(a, CPU)
            body = _tensor_str(_to_printable(np.asarray(a)), indent)
        else:
            body = tensor_contents

    gf = t._grad_fn
    if gf is not None:
        suffixes.append(f"grad_fn=<{getattr(gf, '_name', None) or type(gf).__name__}>")
    elif t._rg:
        suffixes.append("requires_grad=True")

    out = _add_suffixes(prefix + body, suffixes, indent)
    if not plain and any(_is_parameter_class(c) for c in cls.__mro__):
        out = f"Parameter({out})"
    return out

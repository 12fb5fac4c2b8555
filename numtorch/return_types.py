"""torch.return_types: the named tuples ops return, e.g. ``max(dim=...)``'s (values, indices).

Each class is made once here, by ``make``, and registered as an attribute of this module
so that pickling and ``numtorch.return_types.max`` work.
"""

import collections
import sys


def make(name, fields):
    """A named tuple class printing like ``torch.return_types.<name>(...)``."""
    existing = globals().get(name)
    if existing is not None:
        return existing

    def __repr__(self):
        body = ",\n".join(f"{f}={v!r}" for f, v in zip(self._fields, self))
        return f"torch.return_types.{name}(\n{body})"

    base = collections.namedtuple(name, fields)
    cls = type(name, (base,), {"__slots__": (), "__repr__": __repr__,
                               "__module__": __name__})
    setattr(sys.modules[__name__], name, cls)
    return cls

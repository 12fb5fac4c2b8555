"""Helpers behind DataLoader: collation, fetching, worker processes, error forwarding."""

import sys
import traceback

# How often (seconds) a waiting DataLoader checks that its workers are alive, and a worker
# that its parent is. torch waits 5 s; a short interval makes a dead worker an error
# within a fraction of a second and costs nothing while data flows.
MP_STATUS_CHECK_INTERVAL = 0.1


class KeyErrorMessage(str):
    """A str whose repr is itself: KeyError prints repr(arg), which would hide newlines."""

    __slots__ = ()

    def __repr__(self):
        return self


class ExceptionWrapper:
    """An exception and its formatted traceback, picklable across processes.

    Only the type and the text travel (a traceback object holds frames, which neither
    pickle nor should outlive the worker). ``reraise`` raises the same type in the main
    process with torch's text: ``Caught ValueError in DataLoader worker process 0.``
    followed by ``Original Traceback (most recent call last): ...``.
    """

    def __init__(self, exc_info=None, where="in background"):
        if exc_info is None:
            exc_info = sys.exc_info()
        self.exc_type = exc_info[0]
        self.exc_msg = "".join(traceback.format_exception(*exc_info))
        self.where = where

    def reraise(self):
        # raised straight from the call: no local name holds the exception, so no
        # frame <-> traceback cycle keeps the DataLoader iterator (and its workers) alive
        raise self._rebuild()

    def _rebuild(self):
        msg = f"Caught {self.exc_type.__name__} {self.where}.\nOriginal {self.exc_msg}"
        if self.exc_type is KeyError:
            msg = KeyErrorMessage(msg)
        elif getattr(self.exc_type, "message", None):
            # exceptions whose first argument is not the text but that take ``message=``
            return self.exc_type(message=msg)
        try:
            return self.exc_type(msg)
        except Exception:
            pass
        return RuntimeError(msg)  # a type that cannot be built from one string

"""numtorch.testing: ``assert_close`` (torch's tolerances and failure messages) and
``make_tensor`` (random test inputs of any dtype)."""

from ._comparison import assert_close  # noqa: F401
from ._creation import make_tensor  # noqa: F401

__all__ = ["assert_close", "make_tensor"]

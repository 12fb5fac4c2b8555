"""torch.utils."""

from . import data, safetensors  # noqa: F401

"""numtorch.linalg (filled by the linalg family)."""

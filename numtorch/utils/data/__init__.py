"""torch.utils.data (work in progress)."""

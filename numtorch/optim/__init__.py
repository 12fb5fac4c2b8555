"""torch.optim (work in progress)."""

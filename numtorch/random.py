"""numtorch.random: the seeding functions under torch's ``torch.random`` names."""

from ._random import (  # noqa: F401
    Generator, default_generator, get_rng_state, initial_seed, manual_seed, seed, set_rng_state,
)


class fork_rng:
    """``with torch.random.fork_rng():`` restores the default generator's state on exit."""

    def __init__(self, devices=None, enabled=True, **kwargs):
        self.enabled = enabled

    def __enter__(self):
        if self.enabled:
            self.state = get_rng_state()

    def __exit__(self, *exc):
        if self.enabled:
            set_rng_state(self.state)
        return False

"""torch.utils.hooks: the handle every ``register_*_hook`` method returns."""

import itertools
import weakref

__all__ = ["RemovableHandle"]


class RemovableHandle:
    """Returned by the register_*_hook methods; ``remove()`` unregisters the hook (also on
    leaving a ``with`` block). Holds the hook dicts weakly, so it keeps no module alive."""

    _next_id = itertools.count()

    def __init__(self, hooks_dict, *, extra_dict=None):
        self.hooks_dict_ref = weakref.ref(hooks_dict)
        self.id = next(RemovableHandle._next_id)
        self.extra_dict_ref = () if extra_dict is None else (weakref.ref(extra_dict),)

    def remove(self):
        hooks_dict = self.hooks_dict_ref()
        if hooks_dict is not None and self.id in hooks_dict:
            del hooks_dict[self.id]
        for ref in self.extra_dict_ref:
            d = ref()
            if d is not None and self.id in d:
                del d[self.id]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()

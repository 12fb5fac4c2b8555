"""Grad-mode switches: no_grad, enable_grad, set_grad_enabled, inference_mode.

The flag lives on one small object (``_state.enabled``) that ``Function.apply`` reads on
every call, so checking it costs one attribute load.
"""

import functools


class _GradState:
    __slots__ = ("enabled", "inference")

    def __init__(self):
        self.enabled = True
        self.inference = False


_state = _GradState()


def is_grad_enabled():
    return _state.enabled


def is_inference_mode_enabled():
    return _state.inference


class _DecoratorContextManager:
    """Usable as ``with no_grad():`` and as ``@no_grad()`` (or bare ``@no_grad``)."""

    def __new__(cls, *args, **kwargs):
        # bare decorator use: @no_grad with the function as the only argument
        if cls is not set_grad_enabled and len(args) == 1 and callable(args[0]) and not kwargs:
            return cls()(args[0])
        return super().__new__(cls)

    def __call__(self, func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with self.clone():
                return func(*args, **kwargs)

        return wrapper

    def clone(self):
        return self.__class__()


class no_grad(_DecoratorContextManager):
    """Disable graph recording: results of ops have ``requires_grad=False``."""

    def __init__(self):
        self.prev = _state.enabled

    def __enter__(self):
        self.prev = _state.enabled
        _state.enabled = False

    def __exit__(self, *exc):
        _state.enabled = self.prev
        return False


class enable_grad(_DecoratorContextManager):
    def __init__(self):
        self.prev = _state.enabled

    def __enter__(self):
        self.prev = _state.enabled
        _state.enabled = True

    def __exit__(self, *exc):
        _state.enabled = self.prev
        return False


class set_grad_enabled(_DecoratorContextManager):
    """``set_grad_enabled(False)`` switches recording off at once (as a call) or for a block."""

    def __init__(self, mode):
        if not isinstance(mode, bool):
            raise TypeError(f"set_grad_enabled(): argument 'mode' must be bool, not "
                            f"{type(mode).__name__}")
        self.prev = _state.enabled
        self.mode = mode
        _state.enabled = mode

    def __enter__(self):
        _state.enabled = self.mode

    def __exit__(self, *exc):
        _state.enabled = self.prev
        return False

    def __call__(self, func):
        # as a decorator the constructor must not leave the mode switched
        _state.enabled = self.prev
        return super().__call__(func)

    def clone(self):
        return set_grad_enabled.__new__(set_grad_enabled)._init_quiet(self.mode)

    def _init_quiet(self, mode):
        self.prev = _state.enabled
        self.mode = mode
        return self


class inference_mode(_DecoratorContextManager):
    """Like no_grad (numtorch keeps no extra inference-tensor bookkeeping)."""

    def __init__(self, mode=True):
        self.mode = mode
        self.prev = (_state.enabled, _state.inference)

    def __enter__(self):
        self.prev = (_state.enabled, _state.inference)
        if self.mode:
            _state.enabled = False
            _state.inference = True

    def __exit__(self, *exc):
        _state.enabled, _state.inference = self.prev
        return False

    def clone(self):
        return inference_mode(self.mode)

"""torch.utils: data loading, hooks, safetensors (each loaded on first use)."""

_SUBMODULES = ("data", "hooks", "safetensors")


def __getattr__(name):
    if name in _SUBMODULES:
        import importlib

        return importlib.import_module("." + name, __name__)
    raise AttributeError(f"module '{__name__}' has no attribute '{name}'")


def __dir__():
    return sorted(set(globals()) | set(_SUBMODULES))

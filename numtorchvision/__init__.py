"""numtorchvision: torchvision's API on numtorch.

``import numtorchvision as torchvision`` gives the same ``datasets``, ``transforms``,
``models`` and ``utils`` as torchvision, built only on numtorch's public API
(plus ``Tensor.numpy()`` / ``numtorch.from_numpy``). Pillow is the image dependency
(``pip install numtorch[vision]``).
"""

__version__ = "0.28.0+numtorch"

_image_backend = "PIL"


def set_image_backend(backend):
    """Choose the package that ``ImageFolder``'s default loader uses: 'PIL' or 'accimage'."""
    global _image_backend
    if backend not in ("PIL", "accimage"):
        raise ValueError(f"Invalid backend '{backend}'. Options are 'PIL' and 'accimage'")
    _image_backend = backend


def get_image_backend():
    """Name of the package used to load images ('PIL' unless changed)."""
    return _image_backend


from . import datasets, models, transforms, utils  # noqa: E402

__all__ = [
    "datasets",
    "models",
    "transforms",
    "utils",
    "get_image_backend",
    "set_image_backend",
    "__version__",
]

"""The model registry, the weights enums and torchvision's legacy ``pretrained=`` interface.

No weights are ever downloaded. A weights enum names torchvision's checkpoint file; when
that file is already in torch's hub cache (``$TORCH_HOME/hub/checkpoints``, default
``~/.cache/torch/hub/checkpoints``) it is loaded from there, exactly as torchvision would;
otherwise the builder raises a RuntimeError that names the file, the URL and the local
alternative ``model.load_state_dict(numtorch.load(path))``.
"""

import enum
import fnmatch
import functools
import hashlib
import os
import re
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Dict
from urllib.parse import urlparse

import numtorch

__all__ = ["Weights", "WeightsEnum", "get_model", "get_model_builder", "get_model_weights",
           "get_weight", "list_models", "register_model", "load_state_dict_from_url"]


@dataclass
class Weights:
    """One set of pretrained weights: the checkpoint URL, its preset transform, its metadata."""

    url: str
    transforms: Callable
    meta: Dict[str, Any]


class WeightsEnum(enum.Enum):
    """Base of ``ResNet18_Weights`` and friends; ``DEFAULT`` is an alias of the best member."""

    @classmethod
    def verify(cls, obj):
        """Accept ``None``, a member, or a member's name (``"DEFAULT"``,
        ``"ResNet18_Weights.DEFAULT"``); anything else is a TypeError."""
        if obj is not None:
            if type(obj) is str:
                obj = cls[obj.replace(cls.__name__ + ".", "")]
            elif not isinstance(obj, cls):
                raise TypeError(f"Invalid Weight class provided; expected {cls.__name__} but "
                                f"received {obj.__class__.__name__}.")
        return obj

    def get_state_dict(self, *args, **kwargs):
        return load_state_dict_from_url(self.url, *args, **kwargs)

    def __repr__(self):
        return f"{self.__class__.__name__}.{self._name_}"

    @property
    def url(self):
        return self.value.url

    @property
    def transforms(self):
        return self.value.transforms

    @property
    def meta(self):
        return self.value.meta


# ---------------------------------------------------------------------------- checkpoints

_HASH_PREFIX = re.compile(r"-([a-f0-9]*)\.")


def _hub_checkpoint_dir():
    """torch.hub's cache: ``$TORCH_HOME/hub/checkpoints`` (TORCH_HOME defaults to
    ``$XDG_CACHE_HOME/torch``, XDG_CACHE_HOME to ``~/.cache``)."""
    cache = os.getenv("XDG_CACHE_HOME", os.path.join("~", ".cache"))
    home = os.path.expanduser(os.getenv("TORCH_HOME", os.path.join(cache, "torch")))
    return os.path.join(home, "hub", "checkpoints")


def _cached_checkpoint(url, model_dir=None, file_name=None):
    """The local path of ``url``'s checkpoint; a RuntimeError naming it when it is missing."""
    model_dir = _hub_checkpoint_dir() if model_dir is None else model_dir
    name = file_name or os.path.basename(urlparse(url).path)
    path = os.path.join(model_dir, name)
    if not os.path.isfile(path):
        raise RuntimeError(
            "Pretrained weights are not available: numtorchvision never downloads weights, "
            f"and the checkpoint '{name}' is not in the local cache ({path}). Fetch {url} on a "
            f"machine with network access and copy it to {path}, or build the model with "
            "weights=None and load a local file with "
            "model.load_state_dict(numtorch.load(path)).")
    return path


def load_state_dict_from_url(url, model_dir=None, map_location=None, progress=True,
                             check_hash=False, file_name=None, weights_only=True):
    """torch.hub.load_state_dict_from_url without the download: load the cached file.

    ``check_hash=True`` compares the file's SHA-256 with the hex digits after the last ``-``
    of its name (torchvision's naming convention, e.g. ``resnet18-f37072fd.pth``).
    """
    path = _cached_checkpoint(url, model_dir, file_name)
    if check_hash:
        match = _HASH_PREFIX.search(os.path.basename(path))
        if match:
            digest = hashlib.sha256()
            with open(path, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    digest.update(chunk)
            if not digest.hexdigest().startswith(match.group(1)):
                raise RuntimeError(f'invalid hash value (expected "{match.group(1)}", got '
                                   f'"{digest.hexdigest()}") for the checkpoint {path}')
    return numtorch.load(path, map_location=map_location, weights_only=weights_only)


# ---------------------------------------------------------------------------- registry

BUILTIN_MODELS = {}


def register_model(name=None):
    """Decorator adding a builder to the registry under ``name`` (default: its own name)."""

    def wrapper(fn):
        key = name if name is not None else fn.__name__
        if key in BUILTIN_MODELS:
            raise ValueError(f"An entry is already registered under the name '{key}'.")
        BUILTIN_MODELS[key] = fn
        return fn

    return wrapper


def list_models(module=None, include=None, exclude=None):
    """Sorted names of the registered builders, optionally only those of ``module`` and
    filtered by Unix-style patterns (``include="resnet*"``, ``exclude=["*_bn"]``)."""
    names = {k for k, v in BUILTIN_MODELS.items()
             if module is None or v.__module__.rsplit(".", 1)[0] == module.__name__}
    if include:
        patterns = [include] if isinstance(include, str) else include
        names = {n for n in names if any(fnmatch.fnmatch(n, p) for p in patterns)}
    if exclude:
        patterns = [exclude] if isinstance(exclude, str) else exclude
        names = {n for n in names if not any(fnmatch.fnmatch(n, p) for p in patterns)}
    return sorted(names)


def get_model_builder(name):
    """The builder function registered as ``name`` (case-insensitive)."""
    name = name.lower()
    try:
        return BUILTIN_MODELS[name]
    except KeyError:
        raise ValueError(f"Unknown model {name}") from None


def get_model(name, **config):
    """Build a registered model: ``get_model("resnet18", weights=None, num_classes=10)``."""
    return get_model_builder(name)(**config)


def get_model_weights(name):
    """The weights enum class of a builder (given by name or as the function)."""
    fn = get_model_builder(name) if isinstance(name, str) else name
    weights = getattr(fn, "_weights_enum", None)
    if weights is None:
        raise ValueError("The WeightsEnum class for the specific method couldn't be retrieved. "
                         "Make sure the typing info is correct.")
    return weights


def get_weight(name):
    """A weights member from its full name, e.g. ``get_weight("ResNet50_Weights.DEFAULT")``."""
    try:
        enum_name, value_name = name.split(".")
    except ValueError:
        raise ValueError(f"Invalid weight name provided: '{name}'.") from None
    for fn in BUILTIN_MODELS.values():
        enum_cls = getattr(fn, "_weights_enum", None)
        if enum_cls is not None and enum_cls.__name__ == enum_name:
            return enum_cls[value_name]
    raise ValueError(f"The weight enum '{enum_name}' for the specific method couldn't be "
                     "retrieved.")


# ---------------------------------------------------------------------------- builders

def _sequence_to_str(seq, separate_last=""):
    if not seq:
        return ""
    if len(seq) == 1:
        return f"'{seq[0]}'"
    head = "'" + "', '".join(str(item) for item in seq[:-1]) + "'"
    tail = f"{'' if len(seq) == 2 else ','} {separate_last}'{seq[-1]}'"
    return head + tail


def builder(weights_enum):
    """Turn ``fn(*, weights=None, progress=True, **kwargs)`` into a registered model builder.

    It adds torchvision's deprecated calling conventions, each with torchvision's warning:
    positional ``weights``/``progress``, and ``pretrained=True/False`` (or a bool for
    ``weights``), which mean the enum's ``IMAGENET1K_V1`` member or ``None``.
    """

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if args:
                names = ("weights", "progress")
                if len(args) > len(names):
                    raise TypeError(f"{fn.__name__}() takes at most {len(names)} positional "
                                    f"arguments (weights, progress) but {len(args)} were given")
                used = names[:len(args)]
                for param in used:
                    if param in kwargs:
                        raise TypeError(f"{fn.__name__}() got multiple values for argument "
                                        f"'{param}'")
                warnings.warn(f"Using {_sequence_to_str(used, separate_last='and ')} as "
                              "positional parameter(s) is deprecated since 0.13 and may be "
                              "removed in the future. Please use keyword parameter(s) instead.")
                kwargs.update(zip(used, args))
            _legacy_pretrained(kwargs, weights_enum)
            return fn(**kwargs)

        wrapper._weights_enum = weights_enum
        register_model()(wrapper)
        return wrapper

    return decorate


def _legacy_pretrained(kwargs, weights_enum):
    """Map ``pretrained=`` / a bool ``weights=`` onto a weights member, as torchvision does."""
    missing = object()
    weights_arg = kwargs.get("weights", missing)
    if (("weights" not in kwargs and "pretrained" not in kwargs)
            or isinstance(weights_arg, WeightsEnum)
            or (isinstance(weights_arg, str) and weights_arg != "legacy")
            or weights_arg is None):
        return
    if weights_arg is not missing:  # a bool (or "legacy") given where the weights go
        kwargs["pretrained"] = pretrained = kwargs.pop("weights")
    else:
        pretrained = kwargs["pretrained"]
        warnings.warn("The parameter 'pretrained' is deprecated since 0.13 and may be removed "
                      "in the future, please use 'weights' instead.")
    default = weights_enum.IMAGENET1K_V1 if pretrained else None
    msg = ("Arguments other than a weight enum or `None` for 'weights' are deprecated since "
           "0.13 and may be removed in the future. The current behavior is equivalent to "
           f"passing `weights={default}`.")
    if pretrained:
        msg += (f" You can also use `weights={type(default).__name__}.DEFAULT` to get the most "
                "up-to-date weights.")
    warnings.warn(msg)
    del kwargs["pretrained"]
    kwargs["weights"] = default


def _load_weights(model_fn, weights, progress, kwargs):
    """Build ``model_fn(**kwargs)`` and, when ``weights`` is given, load its checkpoint.

    The checkpoint is located before the model is built so a missing file fails at once
    (a VGG takes seconds to initialise).
    """
    if weights is not None:
        from ._utils import _ovewrite_named_param
        _ovewrite_named_param(kwargs, "num_classes", len(weights.meta["categories"]))
        _cached_checkpoint(weights.url)
    model = model_fn(**kwargs)
    if weights is not None:
        model.load_state_dict(weights.get_state_dict(progress=progress, check_hash=True))
    return model


def _imagenet(url, num_params, acc1, acc5, ops, file_size, recipe, min_size=(1, 1),
              resize_size=None, docs="", categories="imagenet", **transform_kw):
    """A Weights entry for an ImageNet-1k classifier checkpoint (torchvision's metadata)."""
    from ._meta import _IMAGENET_CATEGORIES
    from ._presets import ImageClassification

    if resize_size is not None:
        transform_kw["resize_size"] = resize_size
    categories = _IMAGENET_CATEGORIES if categories == "imagenet" else categories
    meta = {"min_size": tuple(min_size), "categories": categories,
            "num_params": num_params, "recipe": recipe,
            "_metrics": {"ImageNet-1K": {"acc@1": acc1, "acc@5": acc5}},
            "_ops": ops, "_file_size": file_size, "_docs": docs}
    return Weights(url=_URL + url, meta=meta,
                   transforms=functools.partial(ImageClassification, crop_size=224,
                                                **transform_kw))


_URL = "https://download.pytorch.org/models/"
_RECIPE = "https://github.com/pytorch/vision/tree/main/references/classification#"
_NEW_RECIPE = "https://github.com/pytorch/vision/issues/3995#"
_DOCS_V1 = ("These weights reproduce closely the results of the paper using a simple training "
            "recipe.")
_DOCS_V2 = ("These weights improve upon the results of the original paper by using TorchVision's "
            "new training recipe.")

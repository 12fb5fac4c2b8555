"""LazyModuleMixin: modules whose parameter shapes come from their first input."""

import itertools

import numtorch

from ..parameter import is_lazy

__all__ = ["LazyModuleMixin"]


class LazyModuleMixin:
    """A mixin for modules that infer their parameters' shapes from the first input.

    Until the first forward the module holds ``UninitializedParameter``/``UninitializedBuffer``
    entries; a forward pre-hook calls ``initialize_parameters(*args, **kwargs)``, which
    materialises them and runs the target class's ``reset_parameters``; then the hooks go
    and the module becomes ``cls_to_become`` (LazyLinear -> Linear). Loading a state_dict
    with real tensors materialises the uninitialized entries with the loaded shapes.

    >>> m = nn.LazyLinear(3)
    >>> m
    LazyLinear(in_features=0, out_features=3, bias=True)
    >>> m(torch.ones(2, 5)).shape, m
    (torch.Size([2, 3]), Linear(in_features=5, out_features=3, bias=True))
    """

    cls_to_become = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._load_hook = self._register_load_state_dict_pre_hook(self._lazy_load_hook)
        self._initialize_hook = self.register_forward_pre_hook(self._infer_parameters,
                                                               with_kwargs=True)

    def _save_to_state_dict(self, destination, prefix, keep_vars):
        # uninitialized entries go in as they are (torch shows <UninitializedParameter>)
        for name, param in self._parameters.items():
            if param is not None:
                if not (is_lazy(param) or keep_vars):
                    param = param.detach()
                destination[prefix + name] = param
        for name, buf in self._buffers.items():
            if buf is not None and name not in self._non_persistent_buffers_set:
                if not (is_lazy(buf) or keep_vars):
                    buf = buf.detach()
                destination[prefix + name] = buf

    def _lazy_load_hook(self, state_dict, prefix, local_metadata, strict, missing_keys,
                        unexpected_keys, error_msgs):
        """load_state_dict pre-hook: materialise each uninitialized entry that the state_dict
        gives a real tensor for, with that tensor's shape (the copy then fills it)."""
        for name, param in itertools.chain(self._parameters.items(), self._buffers.items()):
            key = prefix + name
            if key in state_dict and param is not None:
                input_param = state_dict[key]
                if is_lazy(param) and not is_lazy(input_param):
                    with numtorch.no_grad():
                        param.materialize(input_param.shape)

    def _load_from_state_dict(self, state_dict, prefix, local_metadata, strict, missing_keys,
                              unexpected_keys, error_msgs):
        # torch skips the shape check for an uninitialized target and copies an
        # uninitialized entry into it as a no-op; Module's loader compares shapes
        # unconditionally, so those pairs are left out here and not reported missing
        both_lazy = {prefix + name for name, t in itertools.chain(self._parameters.items(),
                                                                  self._buffers.items())
                     if is_lazy(t) and is_lazy(state_dict.get(prefix + name))}
        if both_lazy:
            state_dict = {k: v for k, v in state_dict.items() if k not in both_lazy}
        n_missing = len(missing_keys)
        super()._load_from_state_dict(state_dict, prefix, local_metadata, strict, missing_keys,
                                      unexpected_keys, error_msgs)
        if both_lazy:
            missing_keys[n_missing:] = [k for k in missing_keys[n_missing:]
                                        if k not in both_lazy]

    def initialize_parameters(self, *args, **kwargs):
        """Materialise the parameters from the first input's properties (subclasses)."""
        raise NotImplementedError(
            f"initialize_parameters is not implemented for {self.__class__.__name__}")

    def has_uninitialized_params(self):
        """Whether any parameter or buffer of this module is still uninitialized."""
        for param in itertools.chain(self._parameters.values(), self._buffers.values()):
            if is_lazy(param):
                return True
        return False

    def _infer_parameters(self, module, args, kwargs=None):
        # the forward pre-hook: initialise, drop both hooks, become the target class
        kwargs = kwargs if kwargs else {}
        module.initialize_parameters(*args, **kwargs)
        if module.has_uninitialized_params():
            raise RuntimeError(f"module {self._get_name()} has not been fully initialized")
        module._initialize_hook.remove()
        module._load_hook.remove()
        delattr(module, "_initialize_hook")
        delattr(module, "_load_hook")
        if module.cls_to_become is not None:
            module.__class__ = module.cls_to_become

    def _replicate_for_data_parallel(self):
        raise RuntimeError(
            "Modules with uninitialized parameters can't be used with `DataParallel`. "
            "Run a dummy forward pass to correctly initialize the modules")

"""parameters_to_vector / vector_to_parameters: all parameters as one flat vector."""

import numtorch

__all__ = ["parameters_to_vector", "vector_to_parameters"]


def _check_same_device(param, old_device):
    if old_device is not None and param.device != old_device:
        raise TypeError("Found two parameters on different devices, this is currently not "
                        "supported.")
    return param.device


def parameters_to_vector(parameters):
    """Flatten and concatenate ``parameters`` into one vector (differentiable: a cat).

    >>> parameters_to_vector(nn.Linear(3, 2).parameters()).shape
    torch.Size([8])
    """
    device = None
    vec = []
    for param in parameters:
        device = _check_same_device(param, device)
        vec.append(param.view(-1))
    return numtorch.cat(vec)


def vector_to_parameters(vec, parameters):
    """Copy consecutive slices of the vector ``vec`` into ``parameters``: each parameter's
    ``data`` becomes a view of its slice of ``vec``, as in torch."""
    if not isinstance(vec, numtorch.Tensor):
        raise TypeError(f"expected torch.Tensor, but got: {type(vec).__name__}")
    device = None
    pointer = 0
    for param in parameters:
        device = _check_same_device(param, device)
        n = param.numel()
        param.data = vec[pointer:pointer + n].view_as(param).data
        pointer += n

"""Collation: turn a list of samples into one batch (``default_collate``), or convert one
sample's NumPy arrays to tensors (``default_convert``, used when auto-batching is off).

``collate`` walks the structure of the first sample: a type found in ``collate_fn_map``
(exact type first, then ``isinstance`` in the map's order) is handled by its function;
otherwise Mappings, namedtuples and Sequences are collated field by field. The outputs
follow torch: tensors are stacked on a new first dimension, NumPy arrays become tensors
and are stacked, NumPy scalars become a 1-d tensor of their dtype, Python ints int64,
floats float64, bools bool; strings and bytes stay a sequence of the originals.

>>> default_collate([(1, 'a'), (2, 'b')])
[tensor([1, 2]), ('a', 'b')]
"""

import collections.abc
import copy
import re

import numpy as np

import numtorch

__all__ = ["default_collate", "default_convert", "collate", "default_collate_fn_map",
           "collate_tensor_fn", "collate_numpy_array_fn", "collate_numpy_scalar_fn",
           "collate_float_fn", "collate_int_fn", "collate_str_fn"]

default_collate_err_msg_format = (
    "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; "
    "found {}")

# NumPy dtype codes of bytes, str, unicode and object arrays: no tensor dtype holds them
np_str_obj_array_pattern = re.compile(r"[SaUO]")


def _map_fields(batch, keys, collate_fn_map):
    return {key: collate([d[key] for d in batch], collate_fn_map=collate_fn_map)
            for key in keys}


def collate(batch, *, collate_fn_map=None):
    """Collate ``batch`` (a sequence of samples of the same structure) recursively.

    ``collate_fn_map`` maps a type (or tuple of types) to ``fn(batch, *, collate_fn_map)``;
    ``default_collate`` is ``collate`` with ``default_collate_fn_map``.
    """
    elem = batch[0]
    elem_type = type(elem)

    if collate_fn_map is not None:
        fn = collate_fn_map.get(elem_type)
        if fn is not None:
            return fn(batch, collate_fn_map=collate_fn_map)
        for collate_type, fn in collate_fn_map.items():
            if isinstance(elem, collate_type):
                return fn(batch, collate_fn_map=collate_fn_map)

    if isinstance(elem, collections.abc.Mapping):
        fields = _map_fields(batch, elem, collate_fn_map)
        try:
            if isinstance(elem, collections.abc.MutableMapping):
                # a copy keeps the mapping's own attributes (defaultdict's factory, ...)
                out = copy.copy(elem)
                out.update(fields)
                return out
            return elem_type(fields)
        except TypeError:  # a mapping type that can neither be copied nor built from a dict
            return fields

    if isinstance(elem, tuple) and hasattr(elem, "_fields"):  # namedtuple: keep its type
        return elem_type(*(collate(samples, collate_fn_map=collate_fn_map)
                           for samples in zip(*batch)))

    if isinstance(elem, collections.abc.Sequence):
        size = len(elem)
        if any(len(sample) != size for sample in batch):
            raise RuntimeError("each element in list of batch should be of equal size")
        columns = [collate(samples, collate_fn_map=collate_fn_map)
                   for samples in zip(*batch)]
        if isinstance(elem, tuple):
            return columns  # torch gives a list for tuples (backwards compatibility)
        try:
            if isinstance(elem, collections.abc.MutableSequence):
                out = copy.copy(elem)
                for i, column in enumerate(columns):
                    out[i] = column
                return out
            return elem_type(columns)
        except TypeError:  # e.g. range: cannot be built from a list
            return columns

    raise TypeError(default_collate_err_msg_format.format(elem_type))


def collate_tensor_fn(batch, *, collate_fn_map=None):
    """Stack tensors on a new first dimension (torch's error when their sizes differ)."""
    return numtorch.stack(list(batch), 0)


def collate_numpy_array_fn(batch, *, collate_fn_map=None):
    """Convert each NumPy array to a tensor, then collate those (so: stack them)."""
    dtype = batch[0].dtype
    if np_str_obj_array_pattern.search(dtype.str) is not None:
        raise TypeError(default_collate_err_msg_format.format(dtype))
    return collate([numtorch.as_tensor(b) for b in batch], collate_fn_map=collate_fn_map)


def collate_numpy_scalar_fn(batch, *, collate_fn_map=None):
    """NumPy scalars -> a 1-d tensor of their dtype."""
    return numtorch.as_tensor(batch)  # torch's promotion (int32 + float32 -> float32)


def collate_float_fn(batch, *, collate_fn_map=None):
    return numtorch.tensor(batch, dtype=numtorch.float64)


def collate_int_fn(batch, *, collate_fn_map=None):
    """Python ints -> int64; bools (a subclass of int) -> bool."""
    return numtorch.tensor(batch)


def collate_str_fn(batch, *, collate_fn_map=None):
    """Strings and bytes are not collated: the batch is returned as it is."""
    return batch


# Order matters for the isinstance fallback: NumPy scalars (np.float64 is also a float)
# must be found before float and int.
default_collate_fn_map = {
    numtorch.Tensor: collate_tensor_fn,
    np.ndarray: collate_numpy_array_fn,
    (np.bool_, np.number, np.object_): collate_numpy_scalar_fn,
    float: collate_float_fn,
    int: collate_int_fn,
    str: collate_str_fn,
    bytes: collate_str_fn,
}


def default_collate(batch):
    """Collate a list of samples into a batch, the way DataLoader does by default.

    * tensors -> ``stack(batch)`` (shape ``(B, *sample_shape)``)
    * NumPy arrays -> tensors, stacked; NumPy scalars -> a tensor of their dtype
    * ``int`` -> int64 tensor, ``float`` -> float64 tensor, ``bool`` -> bool tensor
    * ``str`` / ``bytes`` -> unchanged
    * ``Mapping`` -> the same mapping type, each key collated
    * namedtuple -> the same namedtuple, each field collated
    * tuple -> a list of collated fields; other sequences -> the same type

    >>> default_collate([{'x': 0, 'y': 1.5}, {'x': 1, 'y': 2.5}])
    {'x': tensor([0, 1]), 'y': tensor([1.5000, 2.5000], dtype=torch.float64)}
    """
    return collate(batch, collate_fn_map=default_collate_fn_map)


def default_convert(data):
    """Convert NumPy arrays and scalars inside ``data`` to tensors, keeping its structure
    (the default ``collate_fn`` when ``batch_size=None`` disables auto-batching).

    Tensors and everything else pass through; tuples become lists, like torch's.
    """
    if isinstance(data, numtorch.Tensor):
        return data
    elem_type = type(data)
    if elem_type.__module__ == "numpy" and elem_type.__name__ not in ("str_", "bytes_",
                                                                       "string_"):
        if isinstance(data, np.ndarray) and np_str_obj_array_pattern.search(data.dtype.str):
            return data  # strings / objects have no tensor dtype
        return numtorch.as_tensor(data)
    if isinstance(data, collections.abc.Mapping):
        fields = {key: default_convert(data[key]) for key in data}
        try:
            if isinstance(data, collections.abc.MutableMapping):
                out = copy.copy(data)
                out.update(fields)
                return out
            return elem_type(fields)
        except TypeError:
            return fields
    if isinstance(data, tuple) and hasattr(data, "_fields"):  # namedtuple
        return elem_type(*(default_convert(d) for d in data))
    if isinstance(data, tuple):
        return [default_convert(d) for d in data]
    if isinstance(data, collections.abc.Sequence) and not isinstance(data, (str, bytes)):
        items = [default_convert(d) for d in data]
        try:
            if isinstance(data, collections.abc.MutableSequence):
                out = copy.copy(data)
                for i, d in enumerate(items):
                    out[i] = d
                return out
            return elem_type(items)
        except TypeError:
            return items
    return data

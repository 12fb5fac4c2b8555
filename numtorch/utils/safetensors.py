"""The safetensors format, with ``safetensors.torch``'s API: ``save_file``, ``load_file``,
``save``, ``load``. No pickle, so loading never runs code.

A file is an 8-byte little-endian header length N, N bytes of JSON header (padded with
spaces so the data starts 8-byte aligned), then the raw little-endian C-order data::

    {"__metadata__": {"format": "pt"},
     "weight": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}, ...}

``data_offsets`` are relative to the first byte after the header; the tensors' byte ranges
tile the data exactly.

>>> save_file({"w": numtorch.ones(2)}, "model.safetensors")
>>> load_file("model.safetensors")["w"]
tensor([1., 1.])
"""

import json
import os
import struct
import sys

import numpy as np

import numtorch

__all__ = ["save_file", "load_file", "save", "load"]

_CODES = {"bool": "BOOL", "uint8": "U8", "int8": "I8", "int16": "I16", "int32": "I32",
          "int64": "I64", "float16": "F16", "bfloat16": "BF16", "float32": "F32",
          "float64": "F64", "complex64": "C64"}
_DTYPES = {code: name for name, code in _CODES.items()}
# the reference writer orders tensors by dtype, widest first, then by name
_RANK = {c: i for i, c in enumerate(["BOOL", "U8", "I8", "I16", "F16", "BF16", "I32", "F32",
                                     "C64", "F64", "I64"])}
_MAX_HEADER = 100_000_000


def _name(dtype):
    return repr(dtype)[len("torch."):]


def _memory_root(arr):
    while isinstance(arr.base, np.ndarray) or hasattr(arr.base, "__array_interface__"):
        arr = arr.base
    return arr


def _prepare(tensors, metadata):
    if not isinstance(tensors, dict):
        raise ValueError(f"Expected a dict of [str, torch.Tensor] but received "
                         f"{type(tensors).__name__}")
    if metadata is not None and not (isinstance(metadata, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in metadata.items())):
        raise ValueError("metadata must be a dict of str to str")
    arrays, roots = {}, {}
    for name, t in tensors.items():
        if not isinstance(name, str) or not isinstance(t, numtorch.Tensor):
            raise ValueError(f"Key `{name}` is invalid, expected str to torch.Tensor but "
                             f"received {type(name).__name__} to {type(t).__name__}")
        if _name(t.dtype) not in _CODES:
            raise ValueError(f"safetensors cannot store dtype {t.dtype} (tensor `{name}`)")
        if not t.is_contiguous():
            raise ValueError(f"You are trying to save a non contiguous tensor: `{name}` which "
                             "is not allowed. It either means you are trying to save tensors "
                             "which are reference of each other in which case it's "
                             "recommended to save only the full tensors, and reslice at load "
                             "time, or simply call `.contiguous()` on your tensor to pack it "
                             "before saving.")
        arr = t.detach().cpu().numpy()
        if arr.size:
            roots.setdefault(id(_memory_root(arr)), []).append(name)
        arrays[name] = arr
    shared = [names for names in roots.values() if len(names) > 1]
    if shared:
        raise RuntimeError(f"Some tensors share memory, this will lead to duplicate memory on "
                           f"disk and potential differences when loading them again: {shared}."
                           " A potential way to correctly save your model is to use "
                           "`save_model`, or clone the tensors first.")
    # widest dtype first, then by name (the reference writer's order): every tensor starts
    # aligned to its itemsize
    order = sorted(arrays, key=lambda n: (-_RANK[_CODES[_name(tensors[n].dtype)]], n))
    header, offset = {}, 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name in order:
        arr = arrays[name]
        header[name] = {"dtype": _CODES[_name(tensors[name].dtype)], "shape": list(arr.shape),
                        "data_offsets": [offset, offset + arr.nbytes]}
        offset += arr.nbytes
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * (-(8 + len(raw)) % 8)
    return struct.pack("<Q", len(raw)) + raw, [arrays[n] for n in order]


def _le_bytes(arr):
    if sys.byteorder != "little" and arr.itemsize > 1:
        arr = arr.byteswap()
    return memoryview(np.ascontiguousarray(arr).reshape(-1).view(np.uint8))


def save(tensors, metadata=None):
    """The safetensors bytes of a dict ``{name: tensor}``."""
    head, arrays = _prepare(tensors, metadata)
    return head + b"".join(bytes(_le_bytes(a)) for a in arrays)


def save_file(tensors, filename, metadata=None):
    """Write ``{name: tensor}`` to ``filename`` (atomically, like ``numtorch.save``)."""
    from ..serialization import _atomic_open

    head, arrays = _prepare(tensors, metadata)
    with _atomic_open(os.fspath(filename)) as out:
        out.write(head)
        for a in arrays:
            out.write(_le_bytes(a))


def _parse(buf, source):
    if len(buf) < 8:
        raise RuntimeError(f"Error while deserializing header: HeaderTooSmall ({source} is "
                           f"{len(buf)} bytes)")
    (n,) = struct.unpack("<Q", bytes(buf[:8]))
    if n > _MAX_HEADER:
        raise RuntimeError("Error while deserializing header: HeaderTooLarge")
    if 8 + n > len(buf):
        raise RuntimeError(f"Error while deserializing header: InvalidHeaderLength ({source} "
                           "is truncated)")
    try:
        header = json.loads(bytes(buf[8:8 + n]).decode("utf-8"))
        if not isinstance(header, dict):
            raise ValueError("not an object")
    except (ValueError, UnicodeDecodeError) as e:
        raise RuntimeError(f"Error while deserializing header: InvalidHeaderDeserialization "
                           f"({e})") from None
    header.pop("__metadata__", None)
    data = memoryview(buf)[8 + n:]
    out, end = {}, 0
    for name, info in sorted(header.items(), key=lambda kv: _offsets(kv)[0]):
        start, stop = _offsets((name, info))
        code = info.get("dtype")
        if code not in _DTYPES:
            raise TypeError(f"numtorch cannot load safetensors dtype {code!r} (tensor `{name}`)")
        dtype = getattr(numtorch, _DTYPES[code])
        npd = numtorch.empty(0, dtype=dtype).numpy().dtype.newbyteorder("<")
        shape = info.get("shape")
        if not isinstance(shape, list) or not all(type(s) is int and s >= 0 for s in shape):
            raise RuntimeError(f"Error while deserializing header: invalid shape of `{name}`")
        numel = int(np.prod(shape, dtype=np.int64))
        if start != end or stop - start != numel * npd.itemsize or stop > len(data):
            raise RuntimeError(f"Error while deserializing header: InvalidOffset(`{name}`)")
        arr = np.frombuffer(data[start:stop], npd).reshape(shape).astype(npd.newbyteorder("="))
        out[name] = numtorch.from_numpy(arr)
        end = stop
    if end != len(data):
        raise RuntimeError("Error while deserializing header: MetadataIncompleteBuffer")
    return {name: out[name] for name in sorted(out)}


def _offsets(item):
    name, info = item
    off = info.get("data_offsets") if isinstance(info, dict) else None
    if not (isinstance(off, list) and len(off) == 2 and all(type(o) is int for o in off)
            and 0 <= off[0] <= off[1]):
        raise RuntimeError(f"Error while deserializing header: invalid entry `{name}`")
    return off


def load(data):
    """``{name: tensor}`` from safetensors bytes."""
    return _parse(data, "the buffer")


def load_file(filename, device="cpu"):
    """``{name: tensor}`` from a .safetensors file, on ``device``."""
    with open(filename, "rb") as fh:
        out = _parse(fh.read(), repr(os.fspath(filename)))
    if str(device) != "cpu":
        out = {k: v.to(device) for k, v in out.items()}
    return out

"""THE device seam: device objects, ``xp_for(device)`` and moving arrays between devices.

This is the only module that may import CuPy. Ops reach array math through the ``xp``
this module hands out, so a CuPy backend changes nothing in ``_ops``.
"""

import numpy as np


class device:
    """``torch.device('cpu')``, ``torch.device('cuda:0')``, ``torch.device('cuda', 1)``."""

    __slots__ = ("type", "index")

    def __new__(cls, type_or_str, index=None):
        if isinstance(type_or_str, device):
            if index is not None:
                raise TypeError("device(): unexpected index with a device argument")
            return type_or_str
        if isinstance(type_or_str, int) and not isinstance(type_or_str, bool):
            return _make_device("cuda", type_or_str)
        if not isinstance(type_or_str, str):
            raise TypeError(
                f"device() received an invalid combination of arguments - got "
                f"({type(type_or_str).__name__})"
            )
        s = type_or_str.strip()
        if not s:
            raise RuntimeError("Device string must not be empty")
        typ, _, idx = s.partition(":")
        if typ not in ("cpu", "cuda", "meta", "mps"):
            raise RuntimeError(
                "Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, "
                f"fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone device type "
                f"at start of device string: {type_or_str}"
            )
        if idx:
            if index is not None:
                raise RuntimeError(f"type (string) must not include an index because index was "
                                   f"passed explicitly: {type_or_str}")
            if not idx.isdigit():
                raise RuntimeError(f"Invalid device string: '{type_or_str}'")
            index = int(idx)
        if index is not None and index < 0:
            raise RuntimeError(f"Device index must not be negative")
        return _make_device(typ, index)

    def __repr__(self):
        if self.index is None:
            return f"device(type='{self.type}')"
        return f"device(type='{self.type}', index={self.index})"

    def __str__(self):
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other):
        # like torch 2.13: a device never equals a string
        if not isinstance(other, device):
            return NotImplemented
        return self.type == other.type and self.index == other.index

    def __hash__(self):
        return hash((self.type, self.index))

    def __reduce__(self):
        return (device, (self.type, self.index))


_DEVICES = {}


def _make_device(typ, index):
    key = (typ, index)
    d = _DEVICES.get(key)
    if d is None:
        d = object.__new__(device)
        d.type = typ
        d.index = index
        _DEVICES[key] = d
    return d


CPU = _make_device("cpu", None)

# ---------------------------------------------------------------- CUDA through CuPy
_cupy = None
_cupy_checked = False


def _get_cupy():
    global _cupy, _cupy_checked
    if not _cupy_checked:
        _cupy_checked = True
        try:
            import cupy

            if cupy.cuda.runtime.getDeviceCount() > 0:
                _cupy = cupy
        except Exception:  # no CuPy, no driver, or no GPU: CUDA is simply unavailable
            _cupy = None
    return _cupy


def cuda_is_available():
    return _get_cupy() is not None


def cuda_device_count():
    cp = _get_cupy()
    return 0 if cp is None else cp.cuda.runtime.getDeviceCount()


def _check_cuda(dev):
    if _get_cupy() is None:
        raise AssertionError("Torch not compiled with CUDA enabled")
    n = cuda_device_count()
    idx = dev.index or 0
    if idx >= n:
        raise RuntimeError(
            f"CUDA error: invalid device ordinal (device {idx} requested, {n} available)"
        )


def as_device(d):
    """Normalise None / str / int / device to a device object (None means CPU)."""
    if d is None:
        return CPU
    if d.__class__ is device:
        return d
    return device(d)


def xp_for(dev):
    """The array module for a device: numpy for CPU, cupy for CUDA."""
    if dev.type == "cpu":
        return np
    if dev.type == "cuda":
        _check_cuda(dev)
        return _cupy
    raise RuntimeError(f"numtorch does not support the '{dev.type}' device")


def xp_of(array):
    """The array module an array belongs to."""
    if isinstance(array, np.ndarray):
        return np
    return _cupy if _cupy is not None else np


def to_device(array, dev):
    """Copy ``array`` to ``dev`` (no copy when it is already there)."""
    if dev.type == "cpu":
        if isinstance(array, np.ndarray):
            return array
        return array.get()
    if dev.type == "cuda":
        _check_cuda(dev)
        with _cupy.cuda.Device(dev.index or 0):
            return _cupy.asarray(array)
    raise RuntimeError(f"numtorch does not support the '{dev.type}' device")


def device_of(array):
    if isinstance(array, np.ndarray):
        return CPU
    return _make_device("cuda", int(array.device.id))

"""torch.save / torch.load in PyTorch's own file format.

A checkpoint is a zip archive (``torch.save``'s format since PyTorch 1.6)::

    <archive>/data.pkl                  the object, pickled (protocol 2)
    <archive>/.format_version           "1"
    <archive>/.storage_alignment        "64"
    <archive>/byteorder                 "little"
    <archive>/data/<key>                one raw storage per key, aligned to 64 bytes
    <archive>/version                   "3"
    <archive>/.data/serialization_id    40 digits

The pickle names torch's globals, never numtorch's: a tensor is
``torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad,
backward_hooks)`` where ``storage`` is the persistent id ``('storage', torch.FloatStorage,
'<key>', 'cpu', numel)``; a Parameter wraps that in ``torch._utils._rebuild_parameter``;
``torch.Size``, ``torch.device`` and dtypes (``torch.float32``) are torch's globals too. So
``torch.load`` reads numtorch's files with ``weights_only=True``, and numtorch reads torch's
without torch installed. This module is the only place that knows these names.

Whole objects (``save(model)``) are written for torch too: numtorch's classes that torch has
(``numtorch.nn.modules.*``, ``numtorch.optim.*``, ``numtorchvision.models.*``, ...) and
``numtorch.nn.functional``'s functions are named as torch's (``torch.nn.modules.linear.Linear``,
``torchvision.ops.misc.Conv2dNormActivation``, ``torch.nn.functional.relu``) and each
Module's state gets the attributes torch's ``__setstate__`` needs, so
``torch.load(f, weights_only=False)`` gives working torch modules; ``load`` maps torch's names
back. User classes pickle by reference as usual. Plain ``pickle`` keeps numtorch's names.

Tensors that share memory (``a`` and ``a[1:]``) are written as one storage and share it
again after loading. ``load(weights_only=True)`` (the default, as in torch >= 2.6) unpickles
with an allow-list: any other global raises ``pickle.UnpicklingError`` naming it, before
anything is called.
"""

import codecs
import collections
import contextlib
import hashlib
import io
import mmap
import os
import pickle
import secrets
import struct
import sys
import types
import warnings
import zipfile
import zlib
from collections import OrderedDict

import numpy as np

import numtorch

__all__ = ["save", "load", "add_safe_globals", "clear_safe_globals", "get_safe_globals",
           "safe_globals", "DEFAULT_PROTOCOL"]

DEFAULT_PROTOCOL = 2
MAGIC_NUMBER = 0x1950A86A20F9469CFC6C  # the legacy (pre-1.6) format's first pickle
PROTOCOL_VERSION = 1001
_ALIGNMENT = 64  # torch aligns every record's data, so files can be mmapped

# numtorch dtype name -> torch's legacy typed-storage class name
_STORAGE_OF = {
    "float16": "HalfStorage", "bfloat16": "BFloat16Storage", "float32": "FloatStorage",
    "float64": "DoubleStorage", "complex64": "ComplexFloatStorage",
    "complex128": "ComplexDoubleStorage", "int8": "CharStorage", "int16": "ShortStorage",
    "int32": "IntStorage", "int64": "LongStorage", "uint8": "ByteStorage", "bool": "BoolStorage",
}
# torch dtypes (and storages) that numtorch cannot represent: loading them is a clear error
_FOREIGN_DTYPES = (
    ["uint16", "uint32", "uint64", "complex32", "float8_e4m3fn", "float8_e5m2",
     "float8_e4m3fnuz", "float8_e5m2fnuz", "float8_e8m0fnu", "float4_e2m1fn_x2", "qint8",
     "quint8", "qint32", "quint4x2", "quint2x4", "bits1x8", "bits2x4", "bits4x2", "bits8",
     "bits16"] + [f"int{i}" for i in range(1, 8)] + [f"uint{i}" for i in range(1, 8)]
)
_FOREIGN_STORAGES = {"ComplexHalfStorage": "complex32", "QInt8Storage": "qint8",
                     "QUInt8Storage": "quint8", "QInt32Storage": "qint32",
                     "QUInt4x2Storage": "quint4x2", "QUInt2x4Storage": "quint2x4"}

UNSAFE_MESSAGE = (
    "In PyTorch 2.6, we changed the default value of the `weights_only` argument in "
    "`torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` set to "
    "`False` will likely succeed, but it can result in arbitrary code execution. Do it only if "
    "you got the file from a trusted source."
)
_DOCS_MESSAGE = (
    "\n\nCheck the documentation of torch.load to learn more about types accepted by default "
    "with weights_only https://pytorch.org/docs/stable/generated/torch.load.html."
)
_CORRUPT = (
    "This is an internal miniz error. If you are seeing this error, there is a high likelihood "
    "that your checkpoint file is corrupted. This can happen if the checkpoint was not saved "
    "properly, was transferred incorrectly, or the file was modified after saving."
)
_BLOCKED_MODULES = ("sys", "os", "posix", "nt")


def _by_name(name):
    return getattr(numtorch, name)


_NP_DTYPES = {}


def _np_dtype(dtype):
    """The NumPy dtype of a numtorch dtype (through the public API; bfloat16 needs
    ml_dtypes and says so)."""
    npd = _NP_DTYPES.get(dtype)
    if npd is None:
        npd = _NP_DTYPES[dtype] = numtorch.empty(0, dtype=dtype).numpy().dtype
    return npd


def _dtype_name(dtype):
    return repr(dtype)[len("torch."):]


# =============================================================================== safe globals
_user_safe_globals = {}


def _global_key(obj):
    if isinstance(obj, tuple):
        obj, name = obj
        return name, obj
    return f"{obj.__module__}.{obj.__qualname__}", obj


def add_safe_globals(safe_globals):
    """Allow ``weights_only=True`` loading to use these classes/functions (or
    ``(obj, "module.name")`` pairs). A numtorch object also allows its torch name
    (``numtorch.nn.Linear`` allows ``torch.nn.modules.linear.Linear``)."""
    for g in safe_globals:
        key, obj = _global_key(g)
        _user_safe_globals[key] = obj
        if key.startswith("numtorch."):
            _user_safe_globals["torch." + key[len("numtorch."):]] = obj


def clear_safe_globals():
    _user_safe_globals.clear()


def get_safe_globals():
    return list(dict.fromkeys(_user_safe_globals.values()))


@contextlib.contextmanager
def safe_globals(safe_globals):
    """Context manager: ``add_safe_globals`` for the duration of the block."""
    saved = dict(_user_safe_globals)
    add_safe_globals(safe_globals)
    try:
        yield
    finally:
        _user_safe_globals.clear()
        _user_safe_globals.update(saved)


# =============================================================================== zip writer
_ZIP64_LIMIT = 0xFFFFFFFF  # a module constant so tests can force the zip64 code paths


class _ZipWriter:
    """Writes torch's uncompressed zip layout sequentially (any writable stream, seekable or
    not): each record's data starts on a 64-byte boundary, padded by an ``FB`` extra field
    as torch (miniz) does; zip64 fields only where sizes or offsets need them."""

    def __init__(self, out, archive):
        self._out = out
        self._prefix = archive + "/"
        self._pos = 0
        self._entries = []  # (name, crc, size, offset)
        self._crcs = hashlib.sha1()

    def _write(self, data):
        self._out.write(data)
        self._pos += len(data)

    def write_record(self, name, data):
        name = (self._prefix + name).encode("utf-8")
        view = memoryview(data).cast("B")
        size = view.nbytes
        crc = zlib.crc32(view)
        self._crcs.update(struct.pack("<IQ", crc, size))
        offset = self._pos
        zip64 = size >= _ZIP64_LIMIT
        extra = struct.pack("<HHQQ", 1, 16, size, size) if zip64 else b""
        pad = -(offset + 30 + len(name) + len(extra) + 4) % _ALIGNMENT
        extra += b"FB" + struct.pack("<H", pad) + b"Z" * pad
        small = 0xFFFFFFFF if zip64 else size
        self._write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 45 if zip64 else 20, 0, 0, 0, 0,
                                crc, small, small, len(name), len(extra)))
        self._write(name)
        self._write(extra)
        if size:
            self._write(view)
        self._entries.append((name, crc, size, offset))

    def serialization_id(self):
        return str(int(self._crcs.hexdigest(), 16))[:40].rjust(40, "0")

    def close(self):
        cd_start = self._pos
        for name, crc, size, offset in self._entries:
            big_size, big_off = size >= _ZIP64_LIMIT, offset >= _ZIP64_LIMIT
            extra = b""
            if big_size or big_off:
                fields = (size, size) * big_size + (offset,) * big_off
                extra = struct.pack(f"<HH{len(fields)}Q", 1, 8 * len(fields), *fields)
            small = 0xFFFFFFFF if big_size else size
            version = 45 if extra else 20
            self._write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, version, version, 0, 0,
                                    0, 0, crc, small, small, len(name), len(extra), 0, 0, 0,
                                    0, 0xFFFFFFFF if big_off else offset))
            self._write(name)
            self._write(extra)
        cd_size = self._pos - cd_start
        n = len(self._entries)
        eocd64 = self._pos
        # like torch, always a zip64 end record; the classic one carries the real values
        # unless they overflow it
        self._write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, n, n, cd_size,
                                cd_start))
        self._write(struct.pack("<IIQI", 0x07064B50, 0, eocd64, 1))
        self._write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, min(n, 0xFFFF), min(n, 0xFFFF),
                                min(cd_size, 0xFFFFFFFF), min(cd_start, 0xFFFFFFFF), 0))


# =============================================================================== pickling
class _Global:
    """A global written under a torch name (``torch._utils._rebuild_tensor_v2``): files for
    torch must never name numtorch. Only the pickler sees these."""

    __slots__ = ("module", "name")

    def __call__(self, *args):  # save_reduce insists that a reduce function is callable
        raise TypeError("a pickled name, not a function")


_GLOBALS = {}


def _g(module, name):
    key = (module, name)
    g = _GLOBALS.get(key)
    if g is None:
        g = _GLOBALS[key] = _Global()
        g.module, g.name = module, name
    return g


class _Reduce:
    """A nested ``func(*args)`` in the pickle that is not memoized (a Parameter's inner
    tensor)."""

    __slots__ = ("func", "args")

    def __init__(self, func, args):
        self.func, self.args = func, args


class _StorageRef:
    """One storage being saved: the bytes of the array that owns the memory."""

    __slots__ = ("key", "dtype", "nbytes_view", "numel", "location", "root")


def _memory_root(arr):
    """The array that owns ``arr``'s memory: follow ``.base`` through views (and NumPy's
    as_strided/broadcast_to helper objects)."""
    root, r = arr, arr
    while True:
        b = getattr(r, "base", None)
        if isinstance(b, np.ndarray):
            root = r = b
        elif b is not None and hasattr(b, "__array_interface__") and hasattr(b, "base"):
            r = b
        else:
            return root


def _ptr(arr):
    return arr.__array_interface__["data"][0]


class _StorageTable:
    """Assigns storage keys ('0', '1', ...) in first-seen order; tensors over the same
    memory get the same storage, so sharing survives the round trip."""

    def __init__(self):
        self._by_root = {}
        self.refs = []

    def add(self, t):
        """-> (storage ref, storage_offset, stride) for tensor ``t``."""
        dev = t.device
        if dev.type == "cpu":
            arr, location = t.detach().numpy(), "cpu"
        else:
            arr = t.detach().cpu().numpy()
            location = f"{dev.type}:{dev.index or 0}"
        item = arr.itemsize
        root = _memory_root(arr)
        placed = self._place(arr, root) if root.flags.contiguous or root.flags.f_contiguous \
            else None
        if placed is None:  # memory NumPy cannot describe as one buffer: save a compact copy
            root = np.ascontiguousarray(arr)
            placed = (0, tuple(s // item for s in root.strides))
        ref = self._by_root.get(id(root))
        if ref is None:
            ref = _StorageRef()
            ref.key = str(len(self.refs))
            ref.dtype = t.dtype
            ref.root = root  # keeps id(root) valid while saving
            ref.nbytes_view = root.reshape(-1, order="A").view(np.uint8) if root.size \
                else np.zeros(0, np.uint8)
            ref.numel = root.nbytes // item
            ref.location = location
            self._by_root[id(root)] = ref
            self.refs.append(ref)
        elif ref.dtype is not t.dtype:
            raise RuntimeError("Cannot save multiple tensors or storages that view the same "
                               "data as different types")
        return ref, placed[0], placed[1]

    @staticmethod
    def _place(arr, root):
        item = arr.itemsize
        off = _ptr(arr) - _ptr(root)
        if off % item or any(s % item or s < 0 for s in arr.strides):
            return None
        end = off + (sum((n - 1) * s for n, s in zip(arr.shape, arr.strides)) + item
                     if arr.size else 0)
        if off < 0 or end > root.nbytes or root.nbytes % item:
            return None
        return off // item, tuple(s // item for s in arr.strides)


def _tensor_state(t):
    """Python attributes a user set on a tensor (``t.foo = 3``): torch saves them."""
    d = getattr(t, "__dict__", None) or {}
    return {k: v for k, v in d.items()
            if not k.startswith("_") and not (k == "persistent" and d.get("_is_buffer"))}


# ------------------------------------------------------- whole modules under torch's names
# numtorch and numtorchvision mirror torch's and torchvision's files, so a class in one of
# these modules is saved under the same path with the package renamed
# (numtorch.nn.modules.linear.Linear -> torch.nn.modules.linear.Linear); a test checks
# that every such class exists in torch (and torchvision) under that name.
_MIRRORED = ("numtorch.nn.modules.", "numtorch.optim.", "numtorchvision.models.",
             "numtorchvision.transforms.")
_NOT_MIRRORED = ("numtorch.optim.lr_scheduler",)  # schedulers' state differs from torch's
_MIRRORED_MODULES = ("numtorch.nn.parameter",)
# classes that live in another file in torch/torchvision: numtorch's (module, name) -> torch's
_MOVED = {
    ("numtorch.nn.modules.upsampling", "PixelShuffle"):
        ("torch.nn.modules.pixelshuffle", "PixelShuffle"),
    ("numtorch.nn.modules.upsampling", "PixelUnshuffle"):
        ("torch.nn.modules.pixelshuffle", "PixelUnshuffle"),
    ("numtorchvision.models._utils", "Conv2dNormActivation"):
        ("torchvision.ops.misc", "Conv2dNormActivation"),
    ("numtorchvision.models._presets", "ImageClassification"):
        ("torchvision.transforms._presets", "ImageClassification"),
}
_MOVED_BACK = {v: k for k, v in _MOVED.items()}
_NUMTORCH_ONLY = {("numtorch.nn.modules.padding", "_ModePadNd"),  # private bases torch lacks
                  ("numtorchvision.transforms.transforms", "_RandomColorOp")}


def _torch_module_name(module):
    """``numtorch.nn.modules.conv`` -> ``torch.nn.modules.conv``."""
    return module[3:]  # numtorch -> torch, numtorchvision -> torchvision


def _torch_class_name(cls):
    """torch's (module, qualname) for a numtorch class that torch has under that name, or
    None (the class is saved under its own name)."""
    module = getattr(cls, "__module__", None)
    name = getattr(cls, "__qualname__", None)
    if not isinstance(module, str) or not isinstance(name, str):
        return None
    moved = _MOVED.get((module, name))
    if moved is not None:
        return moved
    if "." in name or "<" in name or (module, name) in _NUMTORCH_ONLY:
        return None
    if module in _MIRRORED_MODULES or (
            module.startswith(_MIRRORED) and module not in _NOT_MIRRORED and
            not any(p.startswith("_") for p in module.split(".")[2:])):
        return _torch_module_name(module), name
    return None


_FUNCTION_NAMES = None


def _function_names():
    """{id: (function, ("torch.nn.functional", name))} for numtorch.nn.functional."""
    global _FUNCTION_NAMES
    if _FUNCTION_NAMES is None:
        import numtorch.nn.functional as F

        table = {}
        for name in sorted(vars(F)):
            obj = vars(F)[name]
            if not name.startswith("_") and callable(obj) and not isinstance(obj, type) and \
                    str(getattr(obj, "__module__", "")).startswith("numtorch"):
                table.setdefault(id(obj), (obj, ("torch.nn.functional", name)))
        _FUNCTION_NAMES = table
    return _FUNCTION_NAMES


def _torch_function_name(fn):
    """torch.nn.functional's name for one of numtorch.nn.functional's functions, or None."""
    hit = _function_names().get(id(fn))
    return hit[1] if hit is not None and hit[0] is fn else None


def _module_state(module, state):
    """A numtorch Module's pickled ``__dict__`` as torch's ``Module.__setstate__`` expects
    it. numtorch keeps torch's attributes (same names, same values) except two:
    ``_is_full_backward_hook`` (torch's flag telling full backward hooks from the legacy
    kind; numtorch's are all full, so True when there are any, else None) and, for the
    recurrent layers, the ``_flat_weights`` list (a property in numtorch), which torch's
    ``RNNBase.__setstate__`` reads. Both are added in torch's order."""
    full = True if state.get("_backward_hooks") else None
    out = {}
    for k, v in state.items():
        out[k] = v
        if k == "_backward_hooks" and "_is_full_backward_hook" not in state:
            out["_is_full_backward_hook"] = full
    if "_parameters" in out:
        out.setdefault("_is_full_backward_hook", full)
    if isinstance(module, numtorch.nn.RNNBase) and "_flat_weights_names" in out:
        out["_flat_weights"] = [getattr(module, n, None) for n in out["_flat_weights_names"]]
        out.pop("_flat_weight_refs", None)
    return out


class _TorchPickler(pickle._Pickler):
    """pickle's own machinery with torch's names: tensors become ``_rebuild_tensor_v2``
    calls over persistent storage ids, numtorch's Size/device/dtypes become torch's."""

    dispatch = dict(pickle._Pickler.dispatch)

    def __init__(self, file, protocol, storages, legacy=False):
        super().__init__(file, protocol)
        self._storages = storages
        self._legacy = legacy

    def persistent_id(self, obj):
        if type(obj) is not _StorageRef:
            return None
        pid = ("storage", _g("torch", _STORAGE_OF[_dtype_name(obj.dtype)]), obj.key,
               obj.location, obj.numel)
        return pid + (None,) if self._legacy else pid

    def reducer_override(self, obj):
        if isinstance(obj, numtorch.Tensor):
            return self._reduce_tensor(obj)
        t = type(obj)
        if t is numtorch.Size:
            return _g("torch", "Size"), (tuple(obj),)
        if t is numtorch.device:
            return _g("torch", "device"), ((obj.type,) if obj.index is None
                                           else (obj.type, obj.index))
        if isinstance(obj, numtorch.nn.Module):
            return self._reduce_module(obj)
        return NotImplemented

    def _reduce_module(self, m):
        """The module's own reduction (``copyreg.__newobj__``, its class, ``__dict__`` as
        the state unless the class says otherwise), with the state made torch's."""
        rv = m.__reduce_ex__(self.proto)
        if not isinstance(rv, tuple) or len(rv) < 3 or not isinstance(rv[2], dict):
            return rv
        return (rv[0], rv[1], _module_state(m, rv[2])) + rv[3:]

    def save_global(self, obj, name=None):
        """Classes and functions of numtorch that torch has are written under torch's
        name; everything else (user classes) by reference as usual."""
        if name is None:
            torch_name = (_torch_class_name(obj) if isinstance(obj, type)
                          else _torch_function_name(obj))
            if torch_name is not None:
                self.save(_g(*torch_name))
                return
        super().save_global(obj, name)

    def _reduce_tensor(self, t):
        ref, offset, stride = self._storages.add(t)
        is_param = isinstance(t, numtorch.nn.Parameter)
        rebuild = _g("torch._utils", "_rebuild_tensor_v2")
        args = (ref, offset, tuple(t.shape), stride, t.requires_grad and not is_param,
                OrderedDict())
        state = _tensor_state(t)
        if is_param:  # torch: _rebuild_parameter(_rebuild_tensor_v2(...), requires_grad, ...)
            if type(t) is not numtorch.nn.Parameter:
                raise pickle.PicklingError(f"cannot save a {type(t).__name__} (a subclass of "
                                           "Parameter)")
            inner = _Reduce(rebuild, args)
            if state:
                return (_g("torch._utils", "_rebuild_parameter_with_state"),
                        (inner, t.requires_grad, OrderedDict(), state))
            return _g("torch._utils", "_rebuild_parameter"), (inner, t.requires_grad,
                                                             OrderedDict())
        if state or type(t) is not numtorch.Tensor:
            new_type = _g("torch", "Tensor") if type(t) is numtorch.Tensor else type(t)
            return _g("torch._tensor", "_rebuild_from_type_v2"), (rebuild, new_type, args,
                                                                 state)
        return rebuild, args

    def _save_torch_global(self, g):
        if self.proto >= 4:
            self.save(g.module)
            self.save(g.name)
            self.write(pickle.STACK_GLOBAL)
        else:
            self.write(pickle.GLOBAL + f"{g.module}\n{g.name}\n".encode("utf-8"))
        self.memoize(g)

    dispatch[_Global] = _save_torch_global
    dispatch[type] = lambda self, obj: self.save_global(obj)
    dispatch[types.FunctionType] = lambda self, obj: self.save_global(obj)
    dispatch[_Reduce] = lambda self, r: self.save_reduce(r.func, r.args)
    dispatch[numtorch.dtype] = lambda self, d: self.save(_g("torch", _dtype_name(d)))


def _pickle(obj, protocol, legacy=False):
    storages = _StorageTable()
    buf = io.BytesIO()
    _TorchPickler(buf, protocol, storages, legacy).dump(obj)
    return buf.getvalue(), storages.refs


# =============================================================================== save
def save(obj, f, pickle_module=pickle, pickle_protocol=DEFAULT_PROTOCOL,
         _use_new_zipfile_serialization=True, _disable_byteorder_record=False):
    """Save ``obj`` to ``f`` (a path, ``pathlib.Path`` or binary file object) in torch's
    checkpoint format; ``torch.load(f)`` reads it.

    A path is written atomically: to a temporary file in the same directory, flushed to
    disk, then renamed over ``f``, so an interrupted save leaves the old file intact.

    A whole model (``save(model)``) is written under torch's class names, with the module
    state torch expects: ``torch.load(f, weights_only=False)`` rebuilds it as torch modules.

    >>> numtorch.save({'w': numtorch.ones(2)}, 'ckpt.pt')
    """
    if pickle_module is not pickle and pickle_module is not None:
        warnings.warn("numtorch.save ignores pickle_module: it always writes with pickle's "
                      "own machinery so the file carries torch's names", UserWarning,
                      stacklevel=2)
    data_pkl, refs = _pickle(obj, pickle_protocol, legacy=not _use_new_zipfile_serialization)
    if isinstance(f, (str, bytes, os.PathLike)):
        path = os.fsdecode(f)
        with _atomic_open(path) as out:
            _write(out, data_pkl, refs, _archive_name(path), _use_new_zipfile_serialization,
                   _disable_byteorder_record)
    else:
        if not hasattr(f, "write"):
            raise AttributeError(f"expected 'f' to be string, path, or a file-like object with "
                                 f"a 'write' attribute, got {type(f).__name__}")
        _write(f, data_pkl, refs, "archive", _use_new_zipfile_serialization,
               _disable_byteorder_record)
        if hasattr(f, "flush"):
            f.flush()


def _archive_name(path):
    name = os.path.basename(path)
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    return stem or "archive"


def _write(out, data_pkl, refs, archive, zip_format, no_byteorder):
    if not zip_format:
        return _write_legacy(out, data_pkl, refs)
    z = _ZipWriter(out, archive)
    z.write_record("data.pkl", data_pkl)
    z.write_record(".format_version", b"1")
    z.write_record(".storage_alignment", str(_ALIGNMENT).encode())
    if not no_byteorder:
        z.write_record("byteorder", sys.byteorder.encode())
    for ref in refs:
        z.write_record(f"data/{ref.key}", ref.nbytes_view)
    z.write_record("version", b"3\n")
    z.write_record(".data/serialization_id", z.serialization_id().encode())
    z.close()


def _write_legacy(out, data_pkl, refs):
    """torch.save(..., _use_new_zipfile_serialization=False): header pickles, the object,
    the storage keys, then each storage as int64 numel + raw bytes."""
    p = lambda o: pickle.dumps(o, protocol=2)  # noqa: E731
    out.write(p(MAGIC_NUMBER))
    out.write(p(PROTOCOL_VERSION))
    out.write(p({"protocol_version": PROTOCOL_VERSION, "little_endian": sys.byteorder ==
                 "little", "type_sizes": {"short": 2, "int": 4, "long": 4}}))
    out.write(data_pkl)
    out.write(p([ref.key for ref in refs]))
    for ref in refs:
        out.write(struct.pack("<q", ref.numel))
        out.write(memoryview(ref.nbytes_view))


@contextlib.contextmanager
def _atomic_open(path):
    """A binary file that replaces ``path`` only once completely written and synced."""
    target = os.path.realpath(path)  # a symlink keeps pointing where it pointed
    parent = os.path.dirname(target)
    if not os.path.isdir(parent):
        raise RuntimeError(f"Parent directory {os.path.dirname(os.path.abspath(path))} does "
                           "not exist.")
    if os.path.isdir(target):
        raise IsADirectoryError(21, "Is a directory", path)
    while True:
        tmp = os.path.join(parent, f".{os.path.basename(target)}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if os.path.exists(target):  # keep the replaced file's permissions, as open() would
            os.chmod(tmp, os.stat(target).st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable
        with contextlib.suppress(OSError):
            dfd = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)


# =============================================================================== loading
class _StorageType:
    """torch.FloatStorage & co. in a file: only their dtype matters."""

    def __init__(self, name, dtype_name):
        self.name, self.dtype_name = name, dtype_name  # dtype_name None: untyped (bytes)

    def __repr__(self):
        return f"StorageType(torch.{self.name})"


class _ForeignDtype:
    """A torch dtype numtorch lacks (uint16, float8, ...): an error once a tensor uses it."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"torch.{self.name}"


class _LoadedStorage:
    """A storage read from a file: its bytes (a NumPy uint8 array), its element dtype
    (None for an UntypedStorage) and the device its tensors go to."""

    __slots__ = ("data", "dtype", "device")

    def __init__(self, data, dtype, device):
        self.data, self.dtype, self.device = data, dtype, device

    def __repr__(self):
        return f"<storage of {self.data.nbytes} bytes, dtype {self.dtype}, on {self.device}>"


def _resolve_dtype(d):
    if isinstance(d, _ForeignDtype):
        raise TypeError(f"numtorch cannot load a tensor of dtype {d!r}: numtorch has no such "
                        "dtype (supported: float16/32/64, bfloat16, complex64/128, int8/16/32/64, "
                        "uint8, bool)")
    if not isinstance(d, numtorch.dtype):
        raise pickle.UnpicklingError(f"expected a dtype in the checkpoint, got {d!r}")
    return d


def _check_ints(name, v, n=None):
    if not isinstance(v, (tuple, list)) or not all(type(x) is int for x in v) or \
            (n is not None and len(v) != n):
        raise pickle.UnpicklingError(f"corrupt checkpoint: tensor {name} is {v!r}")


def _build_tensor(storage, offset, size, stride, requires_grad, dtype=None):
    if not isinstance(storage, _LoadedStorage):
        raise pickle.UnpicklingError(f"corrupt checkpoint: a tensor's storage is {storage!r}")
    dtype = _resolve_dtype(dtype if dtype is not None else storage.dtype)
    _check_ints("size", size)
    _check_ints("stride", stride, len(size))
    if type(offset) is not int or offset < 0 or any(s < 0 for s in size) or \
            any(s < 0 for s in stride):
        raise pickle.UnpicklingError(f"corrupt checkpoint: tensor storage_offset {offset!r}, "
                                     f"size {size}, stride {stride}")
    npd = _np_dtype(dtype)
    item = npd.itemsize
    data = storage.data
    numel = data.nbytes // item
    if any(s == 0 for s in size):
        arr = np.empty(tuple(size), npd)
    else:
        last = offset + sum((n - 1) * s for n, s in zip(size, stride))
        if last >= numel:
            raise RuntimeError(f"corrupt checkpoint: a tensor of size {tuple(size)}, stride "
                               f"{tuple(stride)} and storage offset {offset} needs "
                               f"{last + 1} elements, but its storage has {numel}")
        typed = data[: numel * item].view(npd)
        arr = np.lib.stride_tricks.as_strided(typed[offset:], tuple(size),
                                              tuple(s * item for s in stride))
    t = numtorch.from_numpy(arr)
    if storage.device != "cpu":
        t = t.to(storage.device)
    if requires_grad:
        t.requires_grad_(True)
    return t


def _rebuild_tensor(storage, storage_offset, size, stride):
    return _build_tensor(storage, storage_offset, size, stride, False)


def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks,
                       metadata=None):
    return _build_tensor(storage, storage_offset, size, stride, requires_grad)


def _rebuild_tensor_v3(storage, storage_offset, size, stride, requires_grad, backward_hooks,
                       dtype, metadata=None):
    return _build_tensor(storage, storage_offset, size, stride, requires_grad, dtype)


def _set_state(obj, state):
    if isinstance(state, tuple) and len(state) == 2:
        state, slots = state
    else:
        slots = None
    for k, v in [*(state or {}).items(), *(slots or {}).items()]:
        if not isinstance(k, str) or k.startswith("__"):
            raise pickle.UnpicklingError(f"corrupt checkpoint: tensor attribute {k!r}")
        setattr(obj, k, v)
    return obj


def _rebuild_parameter(data, requires_grad, backward_hooks):
    return numtorch.nn.Parameter(data, requires_grad)


def _rebuild_parameter_with_state(data, requires_grad, backward_hooks, state):
    return _set_state(numtorch.nn.Parameter(data, requires_grad), state)


def _rebuild_from_type_v2(func, new_type, args, state):
    t = func(*args)
    if not isinstance(new_type, type) or not issubclass(new_type, numtorch.Tensor):
        raise pickle.UnpicklingError(f"cannot rebuild a tensor as {new_type!r}")
    if type(t) is not new_type:
        t = t.as_subclass(new_type)
    return _set_state(t, state)


def _unsupported_rebuild(name):
    def rebuild(*args, **kwargs):
        raise RuntimeError(f"numtorch cannot load tensors saved through torch._utils.{name} "
                           "(sparse, quantized, nested, meta or subclass tensors); only dense "
                           "tensors of numtorch's dtypes")
    rebuild.__name__ = name
    return rebuild


def _torch_globals():
    """torch's names a weights-only checkpoint may use, mapped onto numtorch objects."""
    g = {
        "collections.OrderedDict": OrderedDict,
        "collections.Counter": collections.Counter,
        "torch.nn.parameter.Parameter": numtorch.nn.Parameter,
        "torch.Size": numtorch.Size,
        "torch.Tensor": numtorch.Tensor,
        "torch.device": numtorch.device,
        "_codecs.encode": codecs.encode,
        "builtins.bytearray": bytearray,
        "builtins.set": set,
        "builtins.complex": complex,
        "torch._utils._rebuild_tensor": _rebuild_tensor,
        "torch._utils._rebuild_tensor_v2": _rebuild_tensor_v2,
        "torch._utils._rebuild_tensor_v3": _rebuild_tensor_v3,
        "torch._utils._rebuild_parameter": _rebuild_parameter,
        "torch._utils._rebuild_parameter_with_state": _rebuild_parameter_with_state,
        "torch._tensor._rebuild_from_type_v2": _rebuild_from_type_v2,
        "torch.storage.UntypedStorage": _StorageType("UntypedStorage", None),
    }
    for name in ("_rebuild_sparse_tensor", "_rebuild_nested_tensor", "_rebuild_qtensor",
                 "_rebuild_meta_tensor_no_storage", "_rebuild_wrapper_subclass",
                 "_rebuild_device_tensor_from_cpu_tensor", "_rebuild_device_tensor_from_numpy",
                 "_rebuild_xla_tensor", "_rebuild_mtia_tensor", "_rebuild_mps_tensor"):
        g[f"torch._utils.{name}"] = _unsupported_rebuild(name)
    for dname, sname in _STORAGE_OF.items():
        g[f"torch.{dname}"] = _by_name(dname)
        for mod in ("torch", "torch.cuda"):
            g[f"{mod}.{sname}"] = _StorageType(sname, dname)
    for dname in _FOREIGN_DTYPES:
        g[f"torch.{dname}"] = _ForeignDtype(dname)
    for sname, dname in _FOREIGN_STORAGES.items():
        g[f"torch.{sname}"] = g[f"torch.cuda.{sname}"] = _StorageType(sname, dname)
    return g


_TORCH_GLOBALS = None


def _allowed():
    global _TORCH_GLOBALS
    if _TORCH_GLOBALS is None:
        _TORCH_GLOBALS = _torch_globals()
    return _TORCH_GLOBALS


def _fix_py2_name(module, name):
    import _compat_pickle

    if (module, name) in _compat_pickle.NAME_MAPPING:
        return _compat_pickle.NAME_MAPPING[(module, name)]
    return _compat_pickle.IMPORT_MAPPING.get(module, module), name


def _numtorch_equivalent(module, name):
    """``torch.nn.modules.linear.Linear`` -> ``numtorch.nn.modules.linear.Linear`` (and
    torchvision -> numtorchvision), or None."""
    import importlib

    moved = _MOVED_BACK.get((module, name))
    if moved is not None:
        module, name = moved
        return getattr(importlib.import_module(module), name)
    for src, dst in (("torchvision", "numtorchvision"), ("torch", "numtorch")):
        if module == src or module.startswith(src + "."):
            candidates = [dst + module[len(src):]]
            if module.startswith(src + ".nn."):
                candidates.append(dst + ".nn")
            candidates.append(dst)
            for cand in candidates:
                try:
                    obj = importlib.import_module(cand)
                    for part in name.split("."):
                        obj = getattr(obj, part)
                    return obj
                except (ImportError, AttributeError):
                    continue
            return None
    return None


class _Unpickler(pickle.Unpickler):
    """Unpickles ``data.pkl``: torch's names map onto numtorch; storages come from
    ``storage_for(pid)``. With ``restricted`` (weights_only), ``find_class`` is an allow-list
    lookup, so no other global (``os.system``, ``builtins.eval``...) can ever be reached:
    REDUCE and friends can only call what ``find_class`` returned."""

    def __init__(self, file, storage_for, restricted, **kwargs):
        super().__init__(file, **kwargs)
        self._storage_for = storage_for
        self._restricted = restricted

    def find_class(self, module, name):
        module, name = _fix_py2_name(module, name)
        full = f"{module}.{name}"
        obj = _allowed().get(full)
        if obj is None:
            obj = _user_safe_globals.get(full)
        if obj is not None:
            return obj
        if self._restricted:
            if module in _BLOCKED_MODULES:
                raise pickle.UnpicklingError(f"Trying to load unsupported GLOBAL {full} whose "
                                             f"module {module} is blocked.")
            shown = full[len("builtins."):] if full.startswith("builtins.") else full
            raise pickle.UnpicklingError(
                f"Unsupported global: GLOBAL {shown} was not an allowed global by default. "
                f"Please use `torch.serialization.add_safe_globals([{shown}])` or the "
                f"`torch.serialization.safe_globals([{shown}])` context manager to allowlist "
                "this global if you trust this class/function.")
        if module == "torch" or module.startswith(("torch.", "torchvision")):
            obj = _numtorch_equivalent(module, name)
            if obj is None:
                raise pickle.UnpicklingError(f"numtorch has no equivalent of {full}, which the "
                                             "checkpoint uses")
            return obj
        return super().find_class(module, name)

    def persistent_load(self, pid):
        if not isinstance(pid, tuple) or not pid or _ascii(pid[0]) != "storage":
            raise pickle.UnpicklingError(f"Only persistent_load of storage is allowed, but got "
                                         f"{pid!r}")
        if len(pid) not in (5, 6) or not isinstance(pid[1], _StorageType):
            raise pickle.UnpicklingError(f"corrupt checkpoint: storage id {pid!r}")
        return self._storage_for(pid)


def _ascii(s):
    return s.decode("ascii") if isinstance(s, bytes) else s


def _wo_message(message):
    """torch's explanation around a weights-only failure."""
    if "was not an allowed global by default" in message:
        return ("Weights only load failed. This file can still be loaded, to do so you have "
                "two options, \033[1mdo those steps only if you trust the source of the "
                f"checkpoint\033[0m. \n\t(1) {UNSAFE_MESSAGE}\n\t(2) Alternatively, to load "
                "with `weights_only=True` please check the recommended steps in the following "
                "error message.\n\tWeightsUnpickler error: " + message + _DOCS_MESSAGE)
    out = f"Weights only load failed. {UNSAFE_MESSAGE}\n"
    if "is blocked" not in message:
        out += ("Please file an issue with the following so that we can make "
                "`weights_only=True` compatible with your use case: WeightsUnpickler error: ")
    return out + "\n\n" + message + _DOCS_MESSAGE


# ---------------------------------------------------------------- map_location
def _restore_location(map_location, location):
    """Where a storage saved at ``location`` goes ('cpu', 'cuda:0', ...)."""
    if map_location is None:
        loc = location
    elif isinstance(map_location, dict):
        loc = map_location.get(location, location)
    elif isinstance(map_location, (str, bytes)):
        loc = _ascii(map_location)
    elif isinstance(map_location, numtorch.device):
        loc = str(map_location)
    else:
        raise TypeError(f"map_location should be a str, device, dict or callable, got "
                        f"{type(map_location).__name__}")
    if isinstance(loc, numtorch.device):
        loc = str(loc)
    if loc == "cpu":
        return "cpu"
    if isinstance(loc, str) and loc.startswith("cuda"):
        if not numtorch.cuda.is_available():
            raise RuntimeError(
                "Attempting to deserialize object on a CUDA device but "
                "torch.cuda.is_available() is False. If you are running on a CPU-only machine, "
                "please use torch.load with map_location=torch.device('cpu') to map your "
                "storages to the CPU.")
        return loc
    raise RuntimeError(f"don't know how to restore data location of "
                       f"torch.storage.UntypedStorage (tagged with {loc})")


def _make_storage(data, stype, location, map_location, filled=True):
    """A _LoadedStorage from raw bytes ``data`` (uint8 array) and its pickled type.
    ``filled=False``: the bytes are read later (legacy format), so the storage must stay in
    that very buffer, on the CPU."""
    dname = stype.dtype_name
    dtype = None
    if dname is not None:
        dtype = _ForeignDtype(dname) if dname in _FOREIGN_DTYPES else _by_name(dname)
    location = _ascii(location)
    if callable(map_location) and not isinstance(map_location, (dict, str, bytes,
                                                                 numtorch.device)):
        view = data
        if dtype is not None and not isinstance(dtype, _ForeignDtype):
            npd = _np_dtype(dtype)
            view = data[: data.nbytes - data.nbytes % npd.itemsize].view(npd)
        given = numtorch.from_numpy(view)
        result = map_location(given, location)
        if result is None:
            device = _restore_location(None, location)
        elif result is given or (result.device.type == "cpu" and
                                 np.shares_memory(result.detach().numpy(), data)):
            device = "cpu"
        else:
            if not filled:
                raise RuntimeError(_LEGACY_CPU_ONLY)
            device = str(result.device)
            data = result.detach().cpu().numpy().reshape(-1).view(np.uint8)
    else:
        device = _restore_location(map_location, location)
    if device != "cpu" and not filled:
        raise RuntimeError(_LEGACY_CPU_ONLY)
    return _LoadedStorage(data, dtype, device)


_LEGACY_CPU_ONLY = ("numtorch loads legacy-format (pre-1.6) checkpoints onto the CPU only: "
                    "load with map_location='cpu', then move the result with .to(device)")


# ---------------------------------------------------------------- zip archives
class _ZipReader:
    def __init__(self, fileobj, path=None, use_mmap=False):
        self._f = fileobj
        try:
            self._zip = zipfile.ZipFile(fileobj)
            names = self._zip.namelist()
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, struct.error) as e:
            raise RuntimeError("PytorchStreamReader failed reading zip archive: failed finding "
                               f"central directory. {_CORRUPT}") from e
        if not names or "/" not in names[0]:
            raise RuntimeError("PytorchStreamReader failed reading zip archive: not a torch "
                               "checkpoint (no '<archive>/data.pkl' record)")
        self.prefix = names[0].split("/", 1)[0] + "/"
        self._names = set(names)
        self._mmap = None
        if use_mmap:  # copy-on-write, like torch's MAP_PRIVATE: writes never reach the file
            with open(path, "rb") as fh:
                self._mmap = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_COPY)

    def has(self, name):
        return self.prefix + name in self._names

    def _fail(self, name, why="invalid header or archive is corrupted"):
        return RuntimeError(f"PytorchStreamReader failed reading file {name}: {why}. {_CORRUPT}")

    def read(self, name):
        """A record's bytes as a writable NumPy uint8 array (checked against its CRC)."""
        try:
            info = self._zip.getinfo(self.prefix + name)
        except KeyError:
            raise RuntimeError(f"PytorchStreamReader failed locating file {name}: file not "
                               "found") from None
        try:
            if info.compress_type != zipfile.ZIP_STORED:
                return np.frombuffer(bytearray(self._zip.read(info)), np.uint8)
            start = self._data_start(info)
            if self._mmap is not None:
                if start + info.file_size > len(self._mmap):
                    raise self._fail(name)
                # one array per record, over the mapping itself: each is its own storage
                return np.frombuffer(self._mmap, np.uint8, info.file_size, start)
            out = np.empty(info.file_size, np.uint8)
            self._f.seek(start)
            got = self._f.readinto(memoryview(out)) if info.file_size else 0
            if got != info.file_size or zlib.crc32(out) != info.CRC:
                raise self._fail(name)
            return out
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, struct.error) as e:
            raise self._fail(name) from e

    def _data_start(self, info):
        self._f.seek(info.header_offset)
        head = self._f.read(30)
        if len(head) != 30 or head[:4] != b"PK\x03\x04":
            raise self._fail(info.filename[len(self.prefix):])
        n, e = struct.unpack("<HH", head[26:30])
        return info.header_offset + 30 + n + e


# =============================================================================== load
def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None,
         **pickle_load_args):
    """Load an object saved by ``numtorch.save`` or ``torch.save`` (zip format, or the
    legacy pre-1.6 format), without torch installed.

    ``weights_only=True`` (the default unless ``pickle_module`` is given) allows only
    tensors, Parameters, containers, numbers, strings, ``Size``, ``device``, dtypes and
    ``add_safe_globals`` entries; anything else raises ``pickle.UnpicklingError`` naming the
    global. ``weights_only=False`` unpickles anything (whole modules): only for trusted
    files. ``map_location``: None, 'cpu', a device, a dict {saved: target}, or a callable
    ``(storage, location) -> storage``. ``mmap=True`` maps a file path's storages instead of
    reading them (copy-on-write).

    >>> sd = numtorch.load('ckpt.pt')
    """
    if weights_only is None:
        weights_only = pickle_module is None
    if weights_only:
        if pickle_module is not None:
            raise RuntimeError("Can not safely load weights when explicit pickle_module is "
                               "specified")
        if pickle_load_args:
            warnings.warn("pickle_load_args only works if `weights_only=False`.", stacklevel=2)
            pickle_load_args = {k: v for k, v in pickle_load_args.items() if k == "encoding"}
    else:
        pickle_module = pickle_module or pickle
    pickle_load_args.setdefault("encoding", "utf-8")
    is_path = isinstance(f, (str, bytes, os.PathLike))
    if is_path and os.fsdecode(f).endswith(".safetensors"):
        from .utils import safetensors as _st

        if isinstance(map_location, dict) or (callable(map_location) and not isinstance(
                map_location, (str, numtorch.device))):
            raise RuntimeError("Loading safetensors file with dict or callable map_location is "
                               "not supported. Use a device string or torch.device instead.")
        return _st.load_file(f, device=str(map_location) if map_location else "cpu")
    with _open_for_read(f) as fh:
        start = fh.tell()
        magic = fh.read(4)
        fh.seek(start)
        if not magic:
            raise EOFError(f"Ran out of input: {_describe(f)} is empty; it holds no checkpoint "
                           "(was the save interrupted?)")
        if mmap and not is_path:
            raise ValueError("f must be a file path in order to use the mmap argument")
        if magic == b"PK\x03\x04":
            reader = _ZipReader(fh, os.fsdecode(f) if is_path else None, bool(mmap))
            return _run_unpickler(
                lambda restricted: _load_zip(reader, map_location, pickle_module, restricted,
                                             pickle_load_args), weights_only)
        if mmap:
            name = "" if not isinstance(f, str) else f"{f}, "
            raise RuntimeError("mmap can only be used with files saved with "
                               f"`torch.save({name}_use_new_zipfile_serialization=True), "
                               "please torch.save your checkpoint with this option in order "
                               "to use mmap.")
        return _run_unpickler(
            lambda restricted: _load_legacy(fh, f, map_location, pickle_module, restricted,
                                            pickle_load_args), weights_only)


def _describe(f):
    return repr(os.fsdecode(f)) if isinstance(f, (str, bytes, os.PathLike)) else "the file"


@contextlib.contextmanager
def _open_for_read(f):
    if isinstance(f, (str, bytes, os.PathLike)):
        with open(f, "rb") as fh:
            yield fh
        return
    if not hasattr(f, "read"):
        raise AttributeError(f"expected 'f' to be string, path, or a file-like object with a "
                             f"'read' attribute, got {type(f).__name__}")
    seekable = getattr(f, "seekable", lambda: False)()
    yield f if seekable and hasattr(f, "readinto") else io.BytesIO(f.read())


def _run_unpickler(run, weights_only):
    if not weights_only:
        return run(False)
    try:
        return run(True)
    except pickle.UnpicklingError as e:
        raise pickle.UnpicklingError(_wo_message(str(e))) from None


def _unpickler_class(pickle_module, restricted):
    base = pickle.Unpickler if restricted else getattr(pickle_module, "Unpickler",
                                                       pickle.Unpickler)
    if base is pickle.Unpickler:
        return _Unpickler
    return type("_Unpickler", (_Unpickler, base), {})


def _load_zip(reader, map_location, pickle_module, restricted, load_args):
    if not reader.has("data.pkl"):
        if reader.has("constants.pkl"):
            raise RuntimeError("this is a TorchScript archive (torch.jit.save); numtorch cannot "
                               "load TorchScript")
        raise RuntimeError("PytorchStreamReader failed locating file data.pkl: file not found")
    byteorder = "little"
    if reader.has("byteorder"):
        byteorder = reader.read("byteorder").tobytes().decode("ascii", "replace")
        if byteorder not in ("little", "big"):
            raise RuntimeError(f"Unknown endianness type: {byteorder}")
    loaded = {}

    def storage_for(pid):
        _, stype, key, location, numel = pid[:5]
        key = _ascii(key)
        if key not in loaded:
            data = reader.read(f"data/{key}")
            if byteorder != sys.byteorder and stype.dtype_name is not None:
                data = _swapped(data, stype.dtype_name)
            loaded[key] = _make_storage(data, stype, location, map_location)
        return loaded[key]

    cls = _unpickler_class(pickle_module, restricted)
    data_pkl = reader.read("data.pkl")
    return cls(io.BytesIO(data_pkl.tobytes()), storage_for, restricted, **load_args).load()


def _swapped(data, dname):
    if dname in _FOREIGN_DTYPES:
        return data
    npd = _np_dtype(_by_name(dname))
    if npd.itemsize == 1:
        return data
    if npd.kind == "c":  # swap each component of a complex number
        npd = np.dtype(f"f{npd.itemsize // 2}")
    return data.view(npd).byteswap().view(np.uint8)


# ---------------------------------------------------------------- legacy format
def _load_legacy(fh, f, map_location, pickle_module, restricted, load_args):
    """torch.save(..., _use_new_zipfile_serialization=False): pickled magic number, protocol
    version and system info, the object (storages as persistent ids), the list of storage
    keys, then each storage as int64 numel + raw bytes. The bytes come after the pickle, so
    storages are allocated while unpickling and filled afterwards."""
    head = fh.read(512)
    fh.seek(-len(head), io.SEEK_CUR)
    if len(head) >= 262 and head[257:262] == b"ustar":
        raise RuntimeError("this checkpoint uses the tar format of torch < 0.4, which numtorch "
                           "cannot read; re-save it with a recent torch")
    cls = _unpickler_class(pickle_module, restricted)

    def header():  # the small pickles around the object never need a global
        return cls(fh, _no_storage, True, **load_args).load()

    try:
        magic = header()
    except (pickle.UnpicklingError, EOFError, ValueError, KeyError, IndexError,
            struct.error) as e:
        raise RuntimeError(f"{_describe(f)} is not a torch checkpoint: neither a zip archive "
                           "nor the legacy format (invalid magic number; corrupt file?)") from e
    if magic != MAGIC_NUMBER:
        raise RuntimeError("Invalid magic number; corrupt file?")
    roots = {}  # root key -> (uint8 buffer, storage type)
    storages = {}  # root or view key -> _LoadedStorage

    def storage_for(pid):
        _, stype, root_key, location, numel = pid[:5]
        view = pid[5] if len(pid) == 6 else None
        root_key = _ascii(root_key)
        if root_key not in roots:
            roots[root_key] = (np.empty(int(numel) * _itemsize(stype), np.uint8), stype)
        buf, stype = roots[root_key]
        key = root_key
        if view is not None:  # a storage slice (torch < 1.0)
            key, offset, size = _ascii(view[0]), view[1], view[2]
            item = _itemsize(stype)
            buf = buf[offset * item:(offset + size) * item]
        if key not in storages:
            storages[key] = _make_storage(buf, stype, location, map_location, filled=False)
        return storages[key]

    try:
        version = header()
        if version != PROTOCOL_VERSION:
            raise RuntimeError(f"Invalid protocol version: {version}")
        sys_info = header()
        little = sys_info.get("little_endian", True) if isinstance(sys_info, dict) else True
        result = cls(fh, storage_for, restricted, **load_args).load()
        for key in header():
            buf, stype = roots[_ascii(key)]
            (numel,) = struct.unpack("<q", _read_exact(fh, 8))
            if numel * _itemsize(stype) != buf.nbytes:
                raise RuntimeError(f"corrupt checkpoint: storage {key} holds {numel} elements")
            if buf.nbytes and fh.readinto(memoryview(buf)) != buf.nbytes:
                raise EOFError
            if little != (sys.byteorder == "little"):
                buf[:] = _swapped(buf.copy(), stype.dtype_name)
    except (EOFError, struct.error) as e:
        raise RuntimeError(f"{_describe(f)} is truncated: the checkpoint ends before all its "
                           "data (was the save interrupted?)") from e
    return result


def _itemsize(stype):
    if stype.dtype_name is None or stype.dtype_name in _FOREIGN_DTYPES:
        return 1
    return _np_dtype(_by_name(stype.dtype_name)).itemsize


def _no_storage(pid):
    raise pickle.UnpicklingError("corrupt checkpoint: a storage id in a header pickle")


def _read_exact(fh, n):
    b = fh.read(n)
    if len(b) != n:
        raise EOFError
    return b

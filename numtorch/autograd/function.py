"""Function, the graph node/ctx, AccumulateGrad and saved tensors.

``Function.apply`` is the ONLY place graph nodes are built. Each Function subclass gets
its own node class (``MulBackward0``, ``MyFnBackward``); one instance of it is both the
``ctx`` handed to ``forward``/``backward`` and the ``grad_fn`` of the outputs, as in
torch. A node's ``_edges`` holds, per forward argument, ``None`` or
``(next_node, output_nr, shape, dtype)``: the engine uses shape and dtype to reduce a
broadcast gradient and cast it to the input's dtype (the one home of both).
"""

import weakref

import numpy as _np

from .. import _tensor
from .._dtype import _FROM_NP
from .grad_mode import _state

Tensor = _tensor.Tensor
_make = _tensor._make
_new = object.__new__
_ndarray = _np.ndarray

_FREED = object()  # marks saved tensors released by a backward without retain_graph
_OUT = object()  # raw forwards save their output with ctx.save_for_backward(..., ctx.OUTPUT)


class _SavedOutput:
    """An output saved for backward, kept without a reference cycle: the array and
    version counter are held, and the Tensor is rebuilt with ``grad_fn`` = its node."""

    __slots__ = ("array", "dtype", "vc", "version", "out_nr", "rg")

    def __init__(self, t):
        self.array = t._array
        self.dtype = t._dtype
        self.vc = t._get_vc()
        self.version = self.vc.v
        self.out_nr = t._out_nr
        self.rg = t._rg


class Node:
    """A node of the backward graph; also the ``ctx`` of its forward."""

    __slots__ = ("_edges", "__dict__", "__weakref__")
    # rarely set: class defaults, so building a node on the hot path stores one attribute
    _saved = None
    _pre_hooks = None
    _post_hooks = None
    _out_meta = None  # per-output (shape, dtype, device) for multi-output nodes
    _name = "Node"
    _fn = None
    OUTPUT = _OUT
    materialize_grads = True

    def __repr__(self):
        return f"<{self._name} object at {hex(id(self))}>"

    def name(self):
        return self._name

    # ---- graph inspection
    @property
    def next_functions(self):
        edges = self._edges
        if edges is None:
            return ()
        # torch wraps a Python-number operand of add/sub/mul/div into a tensor, which
        # shows as (None, 0); other non-Tensor arguments are not inputs of the node
        shown = self._fn._wrapped_scalars if self._fn is not None else 0
        return tuple((e[0], e[1]) if e else (None, 0) for i, e in enumerate(edges)
                     if e is not False or i < shown)

    @property
    def needs_input_grad(self):
        edges = self._edges
        if edges is None:
            return ()
        return tuple(bool(e) for e in edges)

    @property
    def metadata(self):
        return self.__dict__.setdefault("_metadata", {})

    # ---- saved tensors
    def save_for_backward(self, *tensors):
        self._saved = tensors

    def mark_non_differentiable(self, *tensors):
        self.__dict__["_non_diff"] = {id(t) for t in tensors}

    def mark_dirty(self, *tensors):
        self.__dict__["_dirty"] = {id(t) for t in tensors}

    def set_materialize_grads(self, value):
        self.__dict__["materialize_grads"] = bool(value)

    @property
    def saved_tensors(self):
        saved = self._saved
        if saved is None:
            return ()
        if saved is _FREED:
            raise RuntimeError(
                "Trying to backward through the graph a second time (or directly access saved "
                "tensors after they have already been freed). Saved intermediate values of the "
                "graph are freed when you call .backward() or autograd.grad(). Specify "
                "retain_graph=True if you need to backward through the graph a second time or "
                "if you need to access saved tensors after calling backward."
            )
        out = []
        for rec in saved:
            if rec is None:
                out.append(None)
                continue
            if rec.__class__ is _SavedOutput:
                if rec.vc.v != rec.version:
                    _raise_modified(rec.array, rec.dtype, self, rec.out_nr, rec.version, rec.vc.v)
                t = _make(rec.array, rec.dtype)
                t._vc = rec.vc
                if rec.rg:
                    t._rg = True
                    t._grad_fn = self
                    t._out_nr = rec.out_nr
                out.append(t)
                continue
            t, version = rec
            if t._vc is not None and t._vc.v != version:
                _raise_modified(t._array, t._dtype, t._grad_fn, t._out_nr, version, t._vc.v)
            out.append(t)
        return tuple(out)

    # torch's old name, still used by some code
    saved_variables = saved_tensors

    def _release(self):
        if self._saved is not None:
            self._saved = _FREED

    # ---- hooks
    def register_hook(self, fn):
        if self._post_hooks is None:
            self._post_hooks = []
        self._post_hooks.append(fn)
        return _RemovableHandle(self._post_hooks, fn)

    def register_prehook(self, fn):
        return self._add_pre_hook(0, fn, whole=True)

    def _add_pre_hook(self, out_nr, fn, whole=False):
        if self._pre_hooks is None:
            self._pre_hooks = []
        entry = (None if whole else out_nr, fn)
        self._pre_hooks.append(entry)
        return _RemovableHandle(self._pre_hooks, entry)


class _RemovableHandle:
    __slots__ = ("_list", "_item")

    def __init__(self, lst, item):
        self._list, self._item = lst, item

    def remove(self):
        try:
            self._list.remove(self._item)
        except ValueError:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()


def _raise_modified(array, dt, grad_fn, out_nr, expected, now):
    shape = "[" + ", ".join(str(s) for s in array.shape) + "]"
    tname = _TYPE_NAMES.get(dt._name, "Tensor")
    where = f"output {out_nr} of {grad_fn._name}" if grad_fn is not None else "a leaf tensor"
    raise RuntimeError(
        "one of the variables needed for gradient computation has been modified by an inplace "
        f"operation: [torch.{tname} {shape}], which is {where}, is at version {now}; "
        f"expected version {expected} instead. Hint: the backtrace further above can point "
        "to the operation that failed to compute its gradient. The variable in question was "
        "changed in there or anywhere later. Good luck!"
    )


_TYPE_NAMES = {"float32": "FloatTensor", "float64": "DoubleTensor", "float16": "HalfTensor",
               "int64": "LongTensor", "int32": "IntTensor", "int16": "ShortTensor",
               "int8": "CharTensor", "uint8": "ByteTensor", "bool": "BoolTensor",
               "bfloat16": "BFloat16Tensor"}


class AccumulateGrad(Node):
    """The sink of a leaf tensor: adds the incoming gradient into ``variable.grad``."""

    __slots__ = ("_var",)
    _name = "AccumulateGrad"

    def name(self):
        return "torch::autograd::AccumulateGrad"

    @property
    def variable(self):
        return self._var()


def _accumulator(t):
    acc = t._accum
    if acc is None:
        acc = _new(AccumulateGrad)
        acc._edges = ()
        acc._var = weakref.ref(t)
        t._accum = acc
    return acc


_NONTENSOR = False  # edge placeholder for a non-Tensor argument (falsy, like None)


class _FunctionMeta(type):
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        node_name = ns.get("_grad_name")
        if node_name is None:
            if name in ("Function", "InplaceFunction"):
                node_name = "Function"
            else:
                node_name = name + "Backward"
        short = node_name.rsplit(".", 1)[-1]
        cls._Node = type(short, (Node,), {"_name": node_name if ns.get("_raw", cls._raw)
                                           else "torch.autograd.function." + node_name,
                                           "_fn": cls, "__slots__": ()})
        cls._Node.__module__ = cls.__module__
        if ns.get("_raw"):
            cls.apply = classmethod(_apply_raw)


class Function(metaclass=_FunctionMeta):
    """Base of every differentiable op and of user-defined autograd functions.

    Subclasses define ``forward(ctx, *args)`` and ``backward(ctx, *grad_outputs)`` as
    staticmethods. numtorch's own ops set ``_raw = True``: their forward takes Tensors and
    returns raw arrays (one or a tuple), which ``apply`` wraps.
    """

    _raw = False
    _differentiable_outputs = True
    _wrapped_scalars = 0  # leading operands torch lists in next_functions even as numbers

    def __init__(self, *args, **kwargs):
        raise RuntimeError(
            "Legacy autograd function with non-static forward method is deprecated. Please "
            "use new-style autograd function with static forward method."
        )

    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError("You must implement the forward function for custom "
                                  "autograd.Function.")

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise NotImplementedError("setup_context is not implemented.")

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError("You must implement either the backward or vjp method for "
                                  "your custom autograd.Function to use it with backward "
                                  "mode AD.")

    vjp = backward

    @classmethod
    def apply(cls, *args, **kwargs):
        if cls._raw:
            return _apply_raw(cls, *args)
        return _apply_custom(cls, args, kwargs)


def _apply_raw(cls, *args):
    """The hot path for numtorch's own ops: forward on arrays, wrap, record if needed."""
    node = _new(cls._Node)
    edges = None
    if _state.enabled:
        for a in args:
            if (a.__class__ is Tensor or isinstance(a, Tensor)) and a._rg:
                edges = _edges(args)
                break
    out = cls.forward(node, *args)
    if out.__class__ is not tuple:
        if out.__class__ is not _ndarray and isinstance(out, _np.generic):
            out = _np.asarray(out)  # NumPy returns scalars from 0-d math
        result = _make(out, _FROM_NP[out.dtype])
        if edges is not None:
            node._edges = edges
            if result._dtype._cat >= 2:
                result._rg = True
                result._grad_fn = node
            if node._saved is not None:
                _save(node, (result,))
        return result
    outs = tuple([_make(_np.asarray(arr) if isinstance(arr, _np.generic) else arr,
                        _FROM_NP[arr.dtype]) for arr in out])
    if edges is not None:
        node._edges = edges
        node._out_meta = [(t._array.shape, t._dtype, t._device) for t in outs]
        for i, t in enumerate(outs):
            if t._dtype._cat >= 2:
                t._rg = True
                t._grad_fn = node
                t._out_nr = i
        if node._saved is not None:
            _save(node, outs)
    return outs


def _edges(args):
    """Per argument: None (no grad needed), False (not a Tensor) or
    (next node, its output number, input shape, input dtype)."""
    edges = []
    for a in args:
        if a.__class__ is Tensor or isinstance(a, Tensor):
            if a._rg:
                fn = a._grad_fn
                if fn is None:
                    edges.append((a._accum or _accumulator(a), 0, a._array.shape, a._dtype))
                else:
                    edges.append((fn, a._out_nr, a._array.shape, a._dtype))
            else:
                edges.append(None)
        else:
            edges.append(False)
    return edges


def _save(node, outs):
    res = []
    for s in node._saved:
        if s is None:
            res.append(None)
        elif s is _OUT:
            res.append(_SavedOutput(outs[0]))
        else:
            vc = s._vc
            if vc is None:
                vc = s._get_vc()
            res.append((s, vc.v))
    node._saved = res


def _apply_custom(cls, args, kwargs):
    node = _new(cls._Node)
    record = _state.enabled and any(isinstance(a, Tensor) and a._rg for a in args)
    # edges before forward: ctx.needs_input_grad is read there, and a dirty (in-place
    # modified) input gets this node as its grad_fn below while its edge must keep
    # pointing at its old history
    edges = []
    for a in args:
        if isinstance(a, Tensor):
            if a._rg and record:
                fn = a._grad_fn
                edges.append((_accumulator(a), 0, a._array.shape, a._dtype) if fn is None
                             else (fn, a._out_nr, a._array.shape, a._dtype))
            else:
                edges.append(None)
        else:
            edges.append(_NONTENSOR)
    node._edges = edges
    prev = _state.enabled
    _state.enabled = False
    try:
        if _overrides_setup_context(cls):
            out = cls.forward(*args, **kwargs)
            cls.setup_context(node, args, out)
        else:
            out = cls.forward(node, *args, **kwargs)
    finally:
        _state.enabled = prev
    is_tuple = isinstance(out, tuple)
    outs = list(out) if is_tuple else [out]
    if not record:
        return out
    non_diff = node.__dict__.get("_non_diff", ())
    input_ids = {id(a) for a in args if isinstance(a, Tensor)}
    dirty = node.__dict__.get("_dirty", ())
    wrapped = []
    for i, o in enumerate(outs):
        if isinstance(o, Tensor):
            if id(o) in input_ids and id(o) not in dirty:
                o = _alias(o)
            if id(o) not in non_diff and o._dtype._cat >= 2:
                o._rg = True
                o._grad_fn = node
                o._out_nr = i
        wrapped.append(o)
    node._edges = edges
    node._out_meta = [(o._array.shape, o._dtype, o._device) if isinstance(o, Tensor) else None
                      for o in wrapped]
    saved = node._saved
    if saved is not None:
        node._saved = tuple(None if s is None else (s, s._get_vc().v) for s in saved)
    return tuple(wrapped) if is_tuple else wrapped[0]


def _alias(t):
    a = _make(t._array, t._dtype)
    a._vc = t._get_vc()
    return a


def _overrides_setup_context(cls):
    for klass in cls.__mro__:
        if "setup_context" in klass.__dict__:
            return klass is not Function
    return False


class InplaceFunction(Function):
    pass


def once_differentiable(fn):
    """Mark a backward as not differentiable twice: it runs under no_grad."""
    import functools

    @functools.wraps(fn)
    def wrapper(ctx, *args):
        prev = _state.enabled
        _state.enabled = False
        try:
            return fn(ctx, *args)
        finally:
            _state.enabled = prev

    return wrapper


class FunctionCtx:  # for isinstance checks in user code
    pass


BackwardCFunction = Node


from .._dtype import _SHORT as _SHORT_NAMES  # noqa: E402  (torch's short type names)


def check_inplace(t, others=()):
    """torch's checks before modifying ``t`` in place; returns whether to record it."""
    if not _state.enabled:
        return False
    base = t._base
    if base is not None and base._rg and base._grad_fn is None:
        raise RuntimeError("a view of a leaf Variable that requires grad is being used in an "
                           "in-place operation.")
    if t._rg:
        if t._grad_fn is None:
            raise RuntimeError("a leaf Variable that requires grad is being used in an in-place "
                               "operation.")
        return True
    for o in others:
        if (o.__class__ is Tensor or isinstance(o, Tensor)) and o._rg:
            return True
    return False


def check_cast(result_dtype, t):
    """In-place and out= results must not lose category (float into an int tensor)."""
    if result_dtype._cat > t._dtype._cat:
        raise RuntimeError(f"result type {_SHORT_NAMES[result_dtype._name]} can't be cast to the "
                           f"desired output type {_SHORT_NAMES[t._dtype._name]}")


def _check_no_internal_overlap(a):
    """torch refuses to write into a tensor whose elements share memory (an expand())."""
    if any(st == 0 and n > 1 for st, n in zip(a.strides, a.shape)):
        raise RuntimeError("unsupported operation: more than one element of the written-to "
                           "tensor refers to a single memory location. Please clone() the "
                           "tensor before performing the operation.")


def apply_inplace(cls, t, *args):
    """``t.op_(*args)``: run the op ``cls`` and write its result into ``t``.

    When recording, the op is applied to a stand-in for ``t``'s old value (so the node
    can save it), then ``t`` takes the node as its ``grad_fn`` (torch's rebase of history).
    """
    a = t._array
    if 0 in a.strides and a.size > 1:
        _check_no_internal_overlap(a)
    record = check_inplace(t, args)
    if record:
        base = t._base
        geom = _geometry(t._array, base._array) if base is not None else None
        old = _make(t._array.copy(), t._dtype)
        old._rg = t._rg
        old._grad_fn = t._grad_fn
        old._out_nr = t._out_nr
        out = cls.apply(old, *args)
        check_cast(out._dtype, t)
        t._array[...] = out._array
        t._bump()
        node = out._grad_fn
        if node is not None and node._saved:
            # an op that saved its output saved ``out``: it is ``t`` now, so later in-place
            # changes of ``t`` must be caught by the version check
            for rec in node._saved:
                if rec.__class__ is _SavedOutput:
                    rec.array, rec.vc, rec.version = t._array, t._vc, t._vc.v
        if out._rg:
            if base is not None:
                _rebase_view(t, base, out, geom)
            else:
                t._rg = True
                t._grad_fn = out._grad_fn
                t._out_nr = out._out_nr
        return t
    else:
        prev = _state.enabled
        _state.enabled = False
        try:
            out = cls.apply(t, *args)
        finally:
            _state.enabled = prev
        check_cast(out._dtype, t)
        if out._array is not t._array:
            t._array[...] = out._array
    t._bump()
    return t


# ---------------------------------------------------------------- in-place on a view
# Writing into a view changes its base: the base's history becomes CopySlices(old base,
# new view value) and the view is re-derived from the new base (AsStridedBackward0), as
# in torch. A view is located inside its base by its strides and element offset.


def _geometry(view, base):
    if not base.flags.c_contiguous:
        raise RuntimeError("in-place operation on a view of a non-contiguous tensor that is "
                           "part of the autograd graph is not supported; use .contiguous() "
                           "first or apply the operation out of place")
    offset = view.__array_interface__["data"][0] - base.__array_interface__["data"][0]
    return view.shape, view.strides, offset // base.itemsize


def _strided(arr, geom):
    shape, strides, offset = geom
    import numpy as np

    flat = np.ascontiguousarray(arr).reshape(-1)
    return np.lib.stride_tricks.as_strided(flat[offset:], shape, strides)


class _CopySlices(Function):
    _raw = True
    _grad_name = "CopySlices"

    @staticmethod
    def forward(ctx, base, value, geom):
        ctx.geom = geom
        return base._array  # the write already happened, through the view

    @staticmethod
    @once_differentiable
    def backward(ctx, grad):
        import numpy as np

        g_base = np.array(grad._array, copy=True, order="C")
        _strided(g_base, ctx.geom)[...] = 0
        g_value = _strided(grad._array, ctx.geom).copy()
        return _make(g_base, grad._dtype), _make(g_value, grad._dtype), None


_CopySlices._Node.name = lambda self: "torch::autograd::CopySlices"


class _AsStrided(Function):
    _raw = True
    _grad_name = "AsStridedBackward0"

    @staticmethod
    def forward(ctx, base, geom):
        ctx.geom = geom
        ctx.shape = base._array.shape
        return _strided(base._array, geom)

    @staticmethod
    @once_differentiable
    def backward(ctx, grad):
        import numpy as np

        g = np.zeros(ctx.shape, grad._array.dtype)
        _strided(g, ctx.geom)[...] = grad._array
        return _make(g, grad._dtype), None


def _rebase_view(view, base, new_value, geom):
    old_base = _make(base._array, base._dtype)
    old_base._rg, old_base._grad_fn, old_base._out_nr = base._rg, base._grad_fn, base._out_nr
    new_base = _CopySlices.apply(old_base, new_value, geom)
    base._rg = True
    base._grad_fn = new_base._grad_fn
    base._out_nr = 0
    rederived = _AsStrided.apply(base, geom)
    view._rg = True
    view._grad_fn = rederived._grad_fn
    view._out_nr = 0

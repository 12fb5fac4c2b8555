"""The ONLY graph walk: backward() and autograd.grad().

Order: a node runs once every node that feeds it a gradient has run (dependency counts,
then a LIFO ready list, which is a topological order). Here, and only here, a gradient
whose shape was broadcast is summed back to its input's shape and cast to its dtype.
Backward formulas run under no_grad unless ``create_graph``.
"""

from .. import _tensor
from .._dtype import _FROM_NP
from .function import AccumulateGrad, _NONTENSOR, _accumulator
from .grad_mode import _state

Tensor = _tensor.Tensor
_make = _tensor._make


def _sum_to(g, shape):
    from .._ops.reduce import sum_to_size

    return sum_to_size(g, shape)


def _roots(tensors, grad_tensors, for_grad):
    roots = []
    for i, (t, g) in enumerate(zip(tensors, grad_tensors)):
        if not isinstance(t, Tensor):
            raise TypeError(f"backward(): tensors must be Tensors, got {type(t).__name__}")
        if not t._rg:
            raise RuntimeError(
                f"element {i} of tensors does not require grad and does not have a grad_fn"
            )
        if g is None:
            if t._array.size != 1:
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            if not t._dtype.is_floating_point:
                raise RuntimeError("grad can be implicitly created only for real scalar "
                                   f"outputs but got {t._dtype!r}")
            g = _make(t._device_xp().ones_like(t._array), t._dtype)
        else:
            if not isinstance(g, Tensor):
                from .._creation import tensor as _tensor_fn

                g = _tensor_fn(g, dtype=t._dtype)
            if g._array.shape != t._array.shape:
                if g._array.size == t._array.size == 1:
                    g = g.reshape(t._array.shape)
                else:
                    raise RuntimeError(
                        f"Mismatch in shape: grad_output[{i}] has a shape of "
                        f"{_size(g._array.shape)} and output[{i}] has a shape of "
                        f"{_size(t._array.shape)}."
                    )
            if g._dtype is not t._dtype:
                g = g.to(t._dtype)
        node = t._grad_fn
        roots.append((node if node is not None else _accumulator(t), t._out_nr, g))
    return roots


def _size(shape):
    return "torch.Size([" + ", ".join(str(s) for s in shape) + "])"


def _n_outputs(node):
    meta = node._out_meta
    return 1 if meta is None else len(meta)


def run_backward(tensors, grad_tensors, retain_graph, create_graph, inputs=None,
                 allow_unused=True, accumulate=True):
    """Backpropagate from ``tensors``. With ``inputs`` (autograd.grad), return the
    gradients reaching those tensors instead of (or besides) accumulating."""
    roots = _roots(tensors, grad_tensors, inputs is not None)
    if retain_graph is None:
        retain_graph = create_graph

    # capture points for autograd.grad / backward(inputs=...)
    captures = None
    if inputs is not None:
        captures = {}
        for k, t in enumerate(inputs):
            node = t._grad_fn if t._grad_fn is not None else _accumulator(t)
            captures.setdefault((node, t._out_nr if t._grad_fn is not None else 0), []).append(k)

    # dependency counts over the reachable graph
    deps = {}
    seen = set()
    stack = []
    for node, _, _ in roots:
        if node not in seen:
            seen.add(node)
            stack.append(node)
    while stack:
        node = stack.pop()
        for e in node._edges:
            if e is None or e is _NONTENSOR:
                continue
            child = e[0]
            deps[child] = deps.get(child, 0) + 1
            if child not in seen:
                seen.add(child)
                stack.append(child)

    needed = None
    if captures is not None:
        needed = _needed_nodes(seen, {n for n, _ in captures})

    buffers = {}
    for node, nr, g in roots:
        buf = buffers.get(node)
        if buf is None:
            buf = buffers[node] = [None] * _n_outputs(node)
        buf[nr] = g if buf[nr] is None else buf[nr] + g
    ready = [n for n in buffers if not deps.get(n)]
    results = [None] * len(inputs) if inputs is not None else None

    prev = _state.enabled
    _state.enabled = create_graph
    try:
        while ready:
            node = ready.pop()
            grads = buffers.pop(node)
            pre = node._pre_hooks
            if pre:
                grads = _run_pre_hooks(pre, grads)
            if captures is not None:
                for nr, g in enumerate(grads):
                    for k in captures.get((node, nr), ()):
                        results[k] = g
                if node not in needed:
                    if not retain_graph:
                        node._release()
                    continue
            if node.__class__ is AccumulateGrad:
                if accumulate:
                    _accumulate(node, grads[0], create_graph)
                continue
            in_grads = _call_backward(node, grads)
            if node._post_hooks:
                for hook in node._post_hooks:
                    r = hook(in_grads, tuple(grads))
                    if r is not None:
                        in_grads = tuple(r)
            if not retain_graph:
                node._release()
            edges = node._edges
            for i, e in enumerate(edges):
                if e is None or e is _NONTENSOR:
                    continue
                child, nr, shape, dt = e
                g = in_grads[i] if i < len(in_grads) else None
                if g is not None:
                    if g._array.shape != shape:
                        g = _sum_to(g, shape)
                    if g._dtype is not dt:
                        g = g.to(dt)
                    buf = buffers.get(child)
                    if buf is None:
                        buf = buffers[child] = [None] * _n_outputs(child)
                    old = buf[nr]
                    buf[nr] = g if old is None else old + g
                d = deps[child] - 1
                deps[child] = d
                if d == 0:
                    if child in buffers:
                        ready.append(child)
                    else:  # nothing flowed into it: its own inputs get nothing either
                        _propagate_none(child, deps, buffers, ready)
    finally:
        _state.enabled = prev

    if inputs is not None:
        for k, (t, r) in enumerate(zip(inputs, results)):
            if r is None and not allow_unused:
                raise RuntimeError(
                    "One of the differentiated Tensors appears to not have been used in the "
                    "graph. Set allow_unused=True if this is the desired behavior."
                )
        return tuple(results)
    return None


def _propagate_none(node, deps, buffers, ready):
    # a node reached by no gradient: decrement its children so they can still run
    stack = [node]
    while stack:
        n = stack.pop()
        for e in n._edges:
            if e is None or e is _NONTENSOR:
                continue
            child = e[0]
            d = deps[child] - 1
            deps[child] = d
            if d == 0:
                if child in buffers:
                    ready.append(child)
                else:
                    stack.append(child)


def _needed_nodes(nodes, targets):
    """Nodes from which some target is reachable (only they must run for autograd.grad)."""
    needed = set(targets)
    changed = True
    order = list(nodes)
    while changed:  # graphs are small enough that a fixpoint is cheap
        changed = False
        for n in order:
            if n in needed:
                continue
            for e in n._edges:
                if e is not None and e is not _NONTENSOR and e[0] in needed:
                    needed.add(n)
                    changed = True
                    break
    return needed


def _run_pre_hooks(pre, grads):
    grads = list(grads)
    for nr, fn in pre:
        if nr is None:
            r = fn(tuple(grads))
            if r is not None:
                grads = list(r)
        elif grads[nr] is not None:
            r = fn(grads[nr])
            if r is not None:
                grads[nr] = r
    return grads


def _call_backward(node, grads):
    fn = node._fn
    if not fn._raw:
        meta = node._out_meta
        if node.materialize_grads and meta is not None:
            grads = [
                g if g is not None or m is None
                else _make(_tensor.xp_for(m[2]).zeros(m[0], m[1]._np), m[1])
                for g, m in zip(grads, meta)
            ]
        out = fn.backward(node, *grads)
        if not isinstance(out, tuple):
            out = (out,)
        n_args = len(node._edges)
        if len(out) != n_args:
            if len(out) > n_args and all(o is None for o in out[n_args:]):
                out = out[:n_args]
            else:
                raise RuntimeError(
                    f"function {node._name} returned an incorrect number of gradients "
                    f"(expected {n_args}, got {len(out)})"
                )
        return out
    meta = node._out_meta
    if meta is not None:  # multi-output op: outputs that got no gradient get zeros
        grads = [
            g if g is not None else _make(_tensor.xp_for(m[2]).zeros(m[0], m[1]._np), m[1])
            for g, m in zip(grads, meta)
        ]
        out = fn.backward(node, *grads)
    else:
        out = fn.backward(node, grads[0])
    return out if out.__class__ is tuple else (out,)


def _accumulate(acc, g, create_graph):
    t = acc._var()
    if t is None:
        return
    old = t._grad
    if old is None:
        if create_graph:
            t._grad = g
        else:
            # never store an array another tensor may hold: copy once
            t._grad = _make(g._array.copy(), g._dtype)
    elif create_graph or old._rg:
        t._grad = old + g
    else:
        old._array += g._array
        old._bump()
    for hook in t.__dict__.get("_post_acc_hooks", ()):
        hook(t)

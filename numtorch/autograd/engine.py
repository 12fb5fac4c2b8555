"""The ONLY graph walk: backward() and autograd.grad().

Order: a node runs once every node that feeds it a gradient has run (dependency counts,
then a LIFO ready list, which is a topological order). Here, and only here, a gradient
whose shape was broadcast is summed back to its input's shape and cast to its dtype.
Backward formulas run under no_grad unless ``create_graph``.
"""

import numpy as np

from .. import _tensor
from .._backend import CPU as _CPU
from .._dtype import _FROM_NP
from .function import AccumulateGrad, _accumulator
from .grad_mode import _state

Tensor = _tensor.Tensor
_make = _tensor._make


def _sum_to(g, shape):
    global _sum_to_size
    if _sum_to_size is None:
        from .._ops.reduce import sum_to_size as _sum_to_size
    return _sum_to_size(g, shape)


_sum_to_size = None


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
            g = _implicit_grad(t)
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


def _implicit_grad(t):
    """The gradient 1 of a scalar output (a shared read-only 0-d one on the CPU)."""
    a = t._array
    if a.size != 1:
        raise RuntimeError("grad can be implicitly created only for scalar outputs")
    dt = t._dtype
    if dt._cat != 2:
        raise RuntimeError(f"grad can be implicitly created only for real scalar outputs but "
                           f"got {dt!r}")
    if a.ndim == 0 and t._device is _CPU:
        one = _ONES.get(dt)
        if one is None:
            one = _ONES[dt] = np.ones((), dt._np)
            one.flags.writeable = False
        return _make(one, dt)
    return _make(t._device_xp().ones_like(a), dt)


_ONES = {}


def backward_scalar(t, retain_graph, create_graph):
    """``loss.backward()``: the common case, without the argument juggling."""
    if not t._rg:
        raise RuntimeError("element 0 of tensors does not require grad and does not have a "
                           "grad_fn")
    node = t._grad_fn
    root = node if node is not None else _accumulator(t)
    run_backward_roots([(root, t._out_nr, _implicit_grad(t))], retain_graph, create_graph)


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
    return run_backward_roots(roots, retain_graph, create_graph, inputs, allow_unused,
                              accumulate)


def run_backward_roots(roots, retain_graph, create_graph, inputs=None, allow_unused=True,
                       accumulate=True):
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
    root_nodes = {node for node, _, _ in roots}
    deps = {}
    stack = list(root_nodes)
    while stack:
        for e in stack.pop()._edges:
            if e:
                child = e[0]
                if child in deps:
                    deps[child] += 1
                else:
                    deps[child] = 1
                    if child not in root_nodes:
                        stack.append(child)

    needed = None
    if captures is not None:
        needed = _needed_nodes(set(deps) | root_nodes, {n for n, _ in captures})

    # a buffer holds the gradient of a single-output node, or a list per output
    buffers = {}
    for node, nr, g in roots:
        _add_to_buffer(buffers, node, nr, g)
    ready = [n for n in buffers if not deps.get(n)]
    results = [None] * len(inputs) if inputs is not None else None

    direct = captures is None and accumulate and not create_graph
    prev = _state.enabled
    _state.enabled = create_graph
    try:
        while ready:
            node = ready.pop()
            grads = buffers.pop(node)
            single = node._out_meta is None
            if node._pre_hooks:
                grads = _run_pre_hooks(node._pre_hooks, [grads] if single else grads)
                if single:
                    grads = grads[0]
            if captures is not None:
                for nr, g in enumerate([grads] if single else grads):
                    for k in captures.get((node, nr), ()):
                        results[k] = g
                if node not in needed:
                    if not retain_graph:
                        node._release()
                    continue
            if node.__class__ is AccumulateGrad:
                if accumulate:
                    _accumulate(node, grads, create_graph)
                continue
            fn = node._fn
            if single and fn._raw:
                in_grads = fn.backward(node, grads)
                if in_grads.__class__ is not tuple:
                    in_grads = (in_grads,)
            else:
                in_grads = _call_backward(node, [grads] if single else grads)
            if node._post_hooks:
                for hook in node._post_hooks:
                    r = hook(in_grads, (grads,) if single else tuple(grads))
                    if r is not None:
                        in_grads = tuple(r)
            if not retain_graph and node._saved is not None:
                node._release()
            for e, g in zip(node._edges, in_grads):
                if not e:
                    continue
                child, nr, shape, dt = e
                if g is not None:
                    if g._array.shape != shape:
                        g = _sum_to(g, shape)
                    if g._dtype is not dt:
                        g = g.to(dt)
                    if direct and child.__class__ is AccumulateGrad and not child._pre_hooks:
                        # straight into .grad: the same sum as buffering first, one add less
                        _accumulate(child, g, False)
                        continue
                    if child._out_meta is None:
                        old = buffers.get(child)
                        buffers[child] = g if old is None else old + g
                    else:
                        _add_to_buffer(buffers, child, nr, g)
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
                    f"The differentiated Tensor at index {k} appears to not have been used in "
                    "the graph. Set allow_unused=True if this is the desired behavior."
                )
        return tuple(results)
    return None


def _add_to_buffer(buffers, node, nr, g):
    if node._out_meta is None:
        old = buffers.get(node)
        buffers[node] = g if old is None else old + g
        return
    buf = buffers.get(node)
    if buf is None:
        buf = buffers[node] = [None] * len(node._out_meta)
    buf[nr] = g if buf[nr] is None else buf[nr] + g


def _propagate_none(node, deps, buffers, ready):
    # a node reached by no gradient: decrement its children so they can still run
    stack = [node]
    while stack:
        n = stack.pop()
        for e in n._edges:
            if not e:
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
                if e and e[0] in needed:
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
            elif len(out) < n_args and all(not e for e in node._edges[len(out):]):
                out = out + (None,) * (n_args - len(out))
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
        # never store an array another tensor may hold: copy once (kept when create_graph)
        t._grad = g if create_graph else _make(g._array.copy(), g._dtype)
    elif create_graph or old._rg:
        t._grad = old + g
    else:
        old._array += g._array
        if old._vc is not None:
            old._vc.v += 1
    for hook in t._post_acc_hooks:
        hook(t)

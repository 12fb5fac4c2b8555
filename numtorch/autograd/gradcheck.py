"""gradcheck / gradgradcheck: analytic gradients against float64 central differences."""

import numpy as np


class GradcheckError(RuntimeError):
    pass


def _as_tuple(x):
    from .._tensor import Tensor

    return (x,) if isinstance(x, Tensor) else tuple(x)


def _jacobians(func, inputs, outputs, eps):
    """Numerical jacobian per (input, output) by central differences, in place on inputs."""
    from .grad_mode import no_grad

    num = []
    for x in inputs:
        if not (hasattr(x, "_rg") and x._rg):
            num.append(None)
            continue
        cols = []
        flat = x._array.reshape(-1)
        for k in range(flat.size):
            orig = flat[k].item()
            with no_grad():
                flat[k] = orig + eps
                plus = [o._array.astype(np.float64).copy() for o in _as_tuple(func(*inputs))]
                flat[k] = orig - eps
                minus = [o._array.astype(np.float64).copy() for o in _as_tuple(func(*inputs))]
                flat[k] = orig
            cols.append([(p - m).reshape(-1) / (2 * eps) for p, m in zip(plus, minus)])
        num.append(cols)
    return num


def gradcheck(func, inputs, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True,
              nondet_tol=0.0, check_undefined_grad=True, check_grad_dtypes=False,
              check_batched_grad=False, check_batched_forward_grad=False,
              check_forward_ad=False, check_backward_ad=True, fast_mode=False, masked=None):
    """True when the analytic vector-Jacobian products of ``func`` at ``inputs`` match
    float64 central differences; otherwise raise GradcheckError (or return False)."""
    from . import grad as autograd_grad
    from .._creation import zeros_like

    inputs = _as_tuple(inputs)
    for x in inputs:
        if hasattr(x, "_rg") and x._rg and x._dtype._name != "float64":
            import warnings

            warnings.warn("Input #0 requires gradient and is not a double precision floating "
                          "point. This check will likely fail if all the inputs are not of "
                          "double precision floating point. ", UserWarning, stacklevel=2)
    outputs = _as_tuple(func(*inputs))
    num = _jacobians(func, inputs, outputs, eps)
    diff_inputs = [x for x in inputs if hasattr(x, "_rg") and x._rg]
    for j, out in enumerate(outputs):
        if not out.requires_grad:
            continue
        n_out = out.numel()
        for r in range(n_out):
            go = zeros_like(out)
            go._array.reshape(-1)[r] = 1
            outs = _as_tuple(func(*inputs))
            grads = autograd_grad(outs[j], diff_inputs, go, retain_graph=True,
                                  allow_unused=True)
            di = 0
            for i, x in enumerate(inputs):
                if num[i] is None:
                    continue
                g = grads[di]
                di += 1
                analytic = np.zeros(x.numel()) if g is None else \
                    g._array.astype(np.float64).reshape(-1)
                numeric = np.array([num[i][k][j][r] for k in range(x.numel())])
                if not np.allclose(analytic, numeric, rtol=rtol, atol=atol):
                    if raise_exception:
                        raise GradcheckError(
                            f"Jacobian mismatch for output {j} with respect to input {i},\n"
                            f"numerical:{numeric}\nanalytical:{analytic}\n")
                    return False
    return True


def gradgradcheck(func, inputs, grad_outputs=None, *, eps=1e-6, atol=1e-5, rtol=1e-3,
                  gen_non_contig_grad_outputs=False, raise_exception=True, **kw):
    """gradcheck of the first derivative (built with create_graph=True)."""
    from . import grad as autograd_grad
    from .._random import randn
    from .._tensor import Tensor

    inputs = _as_tuple(inputs)
    outputs = _as_tuple(func(*inputs))
    if grad_outputs is None:
        grad_outputs = tuple(randn(o.shape, dtype=o.dtype).requires_grad_(True)
                             for o in outputs if o.requires_grad)
    grad_outputs = _as_tuple(grad_outputs)
    diff = [x for x in inputs if isinstance(x, Tensor) and x.requires_grad]
    n_in = len(inputs)

    from .grad_mode import enable_grad

    def first(*args):
        # the first derivative needs a graph even while gradcheck perturbs under no_grad
        with enable_grad():
            ins, gos = args[:n_in], args[n_in:]
            outs = [o for o in _as_tuple(func(*ins)) if o.requires_grad]
            dins = [x for x in ins if isinstance(x, Tensor) and x.requires_grad]
            gs = autograd_grad(outs, dins, gos, create_graph=True, allow_unused=True)
            return tuple(g for g in gs if g is not None)

    return gradcheck(first, inputs + grad_outputs, eps=eps, atol=atol, rtol=rtol,
                     raise_exception=raise_exception)

"""Run an unmodified PyTorch script on numtorch: ``torch`` -> ``numtorch`` import aliasing.

``python -m numtorch run script.py [args]`` calls :func:`install` and then :func:`run_path`.
After :func:`install`, ``import torch``, ``import torch.nn.functional as F``,
``from torchvision import transforms`` ... (in the script *and* in any library it uses)
give numtorch's and numtorchvision's module objects: each module is registered in
``sys.modules`` under both names, so ``sys.modules["torch.nn"] is numtorch.nn``,
``isinstance(x, torch.Tensor)`` holds for numtorch tensors, and pickles made under one
name load under the other. A real torch installed alongside is never imported: the alias
finder sits first on ``sys.meta_path`` and answers every ``torch.*`` name.

What numtorch lacks fails loudly and names the torch API:

* ``import torch.distributed`` -> ``ModuleNotFoundError: No module named
  'torch.distributed' (numtorch does not implement torch.distributed)``
* ``torch.compile`` -> ``AttributeError: module 'torch' has no attribute 'compile'
  (numtorch does not implement torch.compile)``
"""

import importlib
import importlib.abc
import importlib.util
import os
import sys
import tempfile
import traceback

# alias package -> implementing package
ALIASES = {"torch": "numtorch", "torchvision": "numtorchvision"}

_installed = False


def _split(fullname):
    """``"torch.nn.functional"`` -> ``("torch", "numtorch.nn.functional")``, else None."""
    for alias, real in ALIASES.items():
        if fullname == alias or fullname.startswith(alias + "."):
            return alias, real + fullname[len(alias):]
    return None


def _alias_name(realname):
    """``"numtorch.nn"`` -> ``"torch.nn"``; None for names outside the aliased packages."""
    for alias, real in ALIASES.items():
        if realname == real or realname.startswith(real + "."):
            return alias + realname[len(real):]
    return None


def _not_implemented(fullname):
    err = ModuleNotFoundError(
        f"No module named '{fullname}' (numtorch does not implement {fullname})", name=fullname)
    return err


class _AliasLoader(importlib.abc.Loader):
    """Hands the import system the already-imported numtorch module; executes nothing."""

    def __init__(self, module):
        self._module = module
        self._spec = getattr(module, "__spec__", None)

    def create_module(self, spec):
        return self._module

    def exec_module(self, module):
        # the import system has just set module.__spec__ to the alias's spec; the module
        # keeps its own (relative imports inside numtorch read __spec__.parent)
        if self._spec is not None:
            module.__spec__ = self._spec


class _AliasFinder(importlib.abc.MetaPathFinder):
    """First on ``sys.meta_path``: resolves ``torch.*`` / ``torchvision.*`` to numtorch's."""

    def find_spec(self, fullname, path=None, target=None):
        split = _split(fullname)
        if split is None:
            return None
        _alias, realname = split
        try:
            module = importlib.import_module(realname)
        except ModuleNotFoundError as e:
            # only "this module does not exist" becomes the clear error; a missing
            # dependency inside an existing module keeps its own message
            if e.name and (realname == e.name or realname.startswith(e.name + ".")):
                raise _not_implemented(fullname) from None
            raise
        _alias_module(module, fullname)
        _alias_loaded()  # and whatever importing it imported (torchvision.datasets, ...)
        # ... but not ``fullname`` itself yet: finding it in sys.modules, the import system
        # would load ``module.__spec__`` (numtorch's own) again as a second module object
        if sys.modules.get(fullname) is module:
            del sys.modules[fullname]
        return importlib.util.spec_from_loader(
            fullname, _AliasLoader(module), is_package=hasattr(module, "__path__"))

    def invalidate_caches(self):
        pass


def _make_getattr(module, alias, original):
    """A module ``__getattr__`` whose AttributeError names the missing torch API.

    A name that is a not-yet-imported submodule is imported (torch imports some of its
    submodules lazily too)."""

    missing = set()  # names already found to be no submodule (hasattr in a loop stays cheap)

    def __getattr__(name):
        if original is not None:
            try:
                return original(name)
            except AttributeError:
                pass
        if not (name.startswith("__") and name.endswith("__")):
            if name not in missing and "__path__" in module.__dict__:
                sub = f"{module.__name__}.{name}"
                if importlib.util.find_spec(sub) is not None:
                    return importlib.import_module(sub)
                missing.add(name)
            raise AttributeError(f"module '{alias}' has no attribute '{name}' "
                                 f"(numtorch does not implement {alias}.{name})", name=name,
                                 obj=module)
        raise AttributeError(f"module '{alias}' has no attribute '{name}'", name=name,
                             obj=module)

    __getattr__._numtorch_alias = alias
    return __getattr__


def _alias_module(module, alias):
    """Register ``module`` as ``sys.modules[alias]`` and give it the clear-error getattr."""
    sys.modules.setdefault(alias, module)
    original = module.__dict__.get("__getattr__")
    if getattr(original, "_numtorch_alias", None) is None:
        module.__getattr__ = _make_getattr(module, alias, original)


def _alias_loaded():
    """Alias every numtorch / numtorchvision module imported so far."""
    for name, module in list(sys.modules.items()):
        alias = _alias_name(name)
        if alias is not None and module is not None:
            _alias_module(module, alias)


# A spawned (or forkserver) worker process, e.g. a DataLoader worker, re-imports the
# script without our finder; a shim package named ``torch`` on ``sys.path`` (inherited by
# the child) installs the aliasing there on first import and then replaces itself.
_SHIM = '''"""numtorch run shim: makes this process resolve {alias} to {real}."""
__numtorch_shim__ = True
import sys
import numtorch._run
numtorch._run.install()
sys.modules[__name__] = sys.modules["{alias}"]
'''


def _shim_dir():
    root = os.path.join(tempfile.gettempdir(), f"numtorch-run-shim-{os.getuid()}")
    try:
        for alias, real in ALIASES.items():
            pkg = os.path.join(root, alias)
            os.makedirs(pkg, exist_ok=True)
            path = os.path.join(pkg, "__init__.py")
            text = _SHIM.format(alias=alias, real=real)
            try:
                with open(path) as f:
                    if f.read() == text:
                        continue
            except OSError:
                pass
            tmp = f"{path}.{os.getpid()}.tmp"
            with open(tmp, "w") as f:
                f.write(text)
            os.replace(tmp, path)
    except OSError:  # a read-only /tmp only costs the spawn-worker case
        return None
    return root


def _set_path0(first):
    """Replace ``sys.path[0]`` (the cwd, for ``python -m``) by ``first`` and the shim.

    When numtorch itself was found through that entry (run from a source checkout that is
    not installed), the entry moves to the end, so numtorchvision stays importable."""
    import numtorch

    shim = _shim_dir()
    old = sys.path[0] if sys.path else ""
    sys.path[0:1] = [first] + ([shim] if shim else [])
    home = os.path.dirname(os.path.dirname(os.path.abspath(numtorch.__file__)))
    if os.path.abspath(old or os.curdir) == home and home not in sys.path:
        sys.path.append(home)


def install():
    """Make ``torch``/``torchvision`` (and every submodule) resolve to numtorch's modules.

    Idempotent. Real torch modules already imported are an error: two ``torch.Tensor``
    classes would be live at once."""
    global _installed
    if _installed:
        return
    for alias in ALIASES:
        mod = sys.modules.get(alias)
        if getattr(mod, "__numtorch_shim__", False):
            del sys.modules[alias]  # the shim importing us: numtorch's module replaces it
        elif mod is not None and _split(getattr(mod, "__name__", alias)) is not None:
            raise RuntimeError(f"the real {alias} is already imported; numtorch's aliasing "
                               "must be installed before anything imports it")
    sys.meta_path.insert(0, _AliasFinder())
    import numtorch  # noqa: F401  (the core is always there; numtorchvision on demand)

    _alias_loaded()
    _installed = True


def _trimmed_traceback(exc, filename):
    """Print ``exc``'s traceback from the first frame of ``filename`` (the script) on,
    without the frames of this file (the runner, the missing-attribute hook)."""
    tb = exc.__traceback__
    t = tb
    while t is not None and t.tb_frame.f_code.co_filename != filename:
        t = t.tb_next
    te = traceback.TracebackException(type(exc), exc, t if t is not None else tb)
    te.stack = traceback.StackSummary.from_list(
        [f for f in te.stack if f.filename != __file__])
    sys.stderr.write("".join(te.format()))


def _run(code_runner, filename):
    try:
        code_runner()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        sys.stdout.flush()
        _trimmed_traceback(exc, filename)
        return 1
    return 0


def run_path(path, args=()):
    """Run the script at ``path`` as ``__main__`` with ``sys.argv = [path, *args]``.

    Returns the exit status (0, or 1 after printing an uncaught exception's traceback
    from the script's first frame on); ``sys.exit`` in the script propagates."""
    install()
    # as `python script.py`: the script's folder first on sys.path
    _set_path0(os.path.dirname(os.path.abspath(path)))
    sys.argv = [path, *args]
    filename = os.path.abspath(path) if os.path.exists(path) else path
    code = _compile_file(path)
    return _run(lambda: _exec_main(code, filename), filename)


def _compile_file(path):
    import io
    import tokenize

    try:
        with io.open_code(path) as f:
            source = f.read()
    except OSError as e:
        sys.stderr.write(f"numtorch run: can't open file '{path}': [Errno {e.errno}] "
                         f"{e.strerror}\n")
        raise SystemExit(2)
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
        return compile(source.decode(encoding), os.path.abspath(path), "exec")
    except (SyntaxError, UnicodeDecodeError, ValueError) as e:
        traceback.print_exception(type(e), e, None)  # as python: no frames of ours
        raise SystemExit(1)


def _exec_main(code, filename):
    """Execute ``code`` in a fresh ``__main__`` module, as the interpreter runs a script.

    The module stays ``sys.modules["__main__"]`` afterwards (atexit handlers, pickles of
    its classes and spawned workers find it there)."""
    import types

    main = types.ModuleType("__main__")
    main.__file__ = filename
    main.__builtins__ = __builtins__
    # the module that ran ``python -m numtorch`` keeps executing: keep it alive
    _replaced_main.append(sys.modules.get("__main__"))
    sys.modules["__main__"] = main
    exec(code, main.__dict__)


_replaced_main = []


def run_command(source, args=()):
    """``python -m numtorch run -c "code" [args]``: ``sys.argv = ["-c", *args]``."""
    install()
    _set_path0("")
    sys.argv = ["-c", *args]
    try:
        code = compile(source, "<string>", "exec")
    except (SyntaxError, ValueError) as e:
        traceback.print_exception(type(e), e, None)
        return 1
    return _run(lambda: _exec_main(code, "<string>"), "<string>")


def run_module(name, args=()):
    """``python -m numtorch run -m module [args]``: runs a module as ``__main__``."""
    import runpy

    install()
    _set_path0(os.getcwd())
    sys.argv = [name, *args]

    def go():
        runpy.run_module(name, run_name="__main__", alter_sys=True)

    return _run(go, None)

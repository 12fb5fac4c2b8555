"""Whole pickled modules (``torch.save(model)``) cross between numtorch and PyTorch.

numtorch writes torch's class names (``torch.nn.modules.linear.Linear``,
``torchvision.models.resnet.ResNet``, ``torch.optim.sgd.SGD``) and module state that
torch's ``__setstate__`` turns into working torch modules. A subprocess with numtorch
*blocked* (``sys.modules['numtorch'] = None``) loads numtorch's files with real torch and
checks each model's forward output, state_dict, repr, training flags and instance
attributes against numtorch's; it also writes the same models from torch, which numtorch
loads back. A user-defined model (a helper module written in torch style) is saved and
loaded under ``python -m numtorch run``.
"""

import copy
import json
import os
import pathlib
import pickle
import pickletools
import subprocess
import sys
import traceback
import zipfile

import numpy as np
import pytest

try:  # the torch subprocess imports this module with numtorch blocked
    import numtorch
    import numtorch.serialization as S
except ImportError:
    numtorch = S = None

ROOT = pathlib.Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------------------ the cases
def _inputs_for(case, rng):
    """numpy inputs of a case: a list of float32 arrays (int64 for an 'int' spec)."""
    out = []
    for spec in CASES[case].get("inputs", []):
        if spec[0] == "int":
            out.append(rng.integers(0, spec[2], spec[1]).astype(np.int64))
        else:
            out.append(rng.standard_normal(spec).astype(np.float32))
    return out


def _vision(t):
    """numtorchvision for numtorch, torchvision for torch (None where it is missing)."""
    name = "numtorchvision" if t.__name__ == "numtorch" else "torchvision"
    try:
        return __import__(name)
    except Exception:  # torchvision missing, or not importable beside this torch build
        return None


CASES = {
    "linear": {"build": lambda t: t.nn.Linear(4, 3), "inputs": [(2, 4)]},
    "conv1d_reflect": {"build": lambda t: t.nn.Conv1d(2, 3, 3, padding=1,
                                                      padding_mode="reflect"),
                       "inputs": [(2, 2, 8)]},
    "conv2d_reflect": {"build": lambda t: t.nn.Conv2d(2, 3, 3, stride=2, padding=1,
                                                      padding_mode="reflect", bias=False),
                       "inputs": [(2, 2, 7, 7)]},
    "conv_transpose2d": {"build": lambda t: t.nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1,
                                                                 output_padding=1),
                         "inputs": [(1, 2, 4, 4)]},
    "batchnorm1d_train": {"build": lambda t: t.nn.BatchNorm1d(4), "inputs": [(5, 4)],
                          "warm": True, "train": True},
    "batchnorm2d": {"build": lambda t: t.nn.BatchNorm2d(3), "inputs": [(2, 3, 4, 4)],
                    "warm": True},
    "layernorm": {"build": lambda t: t.nn.LayerNorm([4]), "inputs": [(3, 4)]},
    "groupnorm": {"build": lambda t: t.nn.GroupNorm(2, 4), "inputs": [(2, 4, 3, 3)]},
    "embedding": {"build": lambda t: t.nn.Embedding(10, 3, padding_idx=0),
                  "inputs": [("int", (2, 3), 10)]},
    "dropout": {"build": lambda t: t.nn.Dropout(0.3), "inputs": [(2, 5)]},
    "pooling": {"build": lambda t: t.nn.Sequential(
        t.nn.MaxPool2d(2), t.nn.AvgPool2d(2, ceil_mode=True), t.nn.AdaptiveAvgPool2d((2, 1)),
        t.nn.Flatten()), "inputs": [(2, 3, 9, 9)]},
    "activations": {"build": lambda t: t.nn.Sequential(
        t.nn.Linear(4, 6), t.nn.GELU(approximate="tanh"), t.nn.ReLU(), t.nn.Softmax(dim=1)),
        "inputs": [(3, 4)]},
    "lstm": {"build": lambda t: t.nn.LSTM(3, 4, num_layers=2, bidirectional=True,
                                          batch_first=True), "inputs": [(2, 5, 3)]},
    "gru": {"build": lambda t: t.nn.GRU(3, 4), "inputs": [(5, 2, 3)]},
    "mha": {"build": lambda t: t.nn.MultiheadAttention(4, 2, batch_first=True),
            "inputs": [(2, 3, 4), (2, 3, 4), (2, 3, 4)]},
    "containers": {"build": lambda t: t.nn.ModuleDict({
        "seq": t.nn.Sequential(t.nn.Linear(2, 2), t.nn.Tanh()),
        "list": t.nn.ModuleList([t.nn.Identity(), t.nn.Linear(2, 1)]),
        "params": t.nn.ParameterList([t.nn.Parameter(t.ones(3)),
                                      t.nn.Parameter(t.zeros(2, 2), requires_grad=False)]),
        "pdict": t.nn.ParameterDict({"a": t.nn.Parameter(t.full((2,), 0.5))})})},
    "resnet18": {"build": lambda t: _vision(t).models.resnet18(num_classes=10),
                 "inputs": [(2, 3, 32, 32)], "warm": True,
                 "vision": ("torchvision.models.resnet", "ResNet")},
    "transforms": {"build": lambda t: t.nn.Sequential(
        _vision(t).transforms.Normalize([0.5, 0.2], [0.5, 2.0]),
        _vision(t).transforms.RandomHorizontalFlip(p=0.0),
        _vision(t).transforms.Resize(
            4, interpolation=_vision(t).transforms.InterpolationMode.NEAREST)),
        "inputs": [(2, 5, 5)], "vision": ("torchvision.transforms.transforms", "Resize")},
}


# what torch's whole-module files hold beyond numtorch's attributes: numtorch keeps them
# (its RNNBase._flat_weights is a property that shadows the stale list)
TORCH_ONLY_ATTRIBUTES = ("_is_full_backward_hook", "_flat_weights")


def _flat(out):
    if isinstance(out, (tuple, list)):
        return [t for o in out for t in _flat(o)]
    return [] if out is None else [out]


def _prepare(t, case, model, inputs):
    """Put a freshly built model in the state it is saved in; -> its outputs (a list)."""
    spec = CASES[case]
    if spec.get("warm"):  # BatchNorm running stats move away from their defaults
        model.train()
        with t.no_grad():
            model(*inputs)
    model.train(bool(spec.get("train")))
    if not spec.get("inputs"):
        return []
    with t.no_grad():
        return [o.detach().clone() for o in _flat(model(*inputs))]


def _record(model, outputs, inputs):
    return {"inputs": inputs, "outputs": outputs, "state_dict": model.state_dict(),
            "repr": repr(model), "training": [m.training for m in model.modules()]}


def _compare(t, case, model, ref, fresh=None):
    """Checks ``model`` (just loaded) against the other library's record ``ref``."""
    problems = []
    if repr(model) != ref["repr"]:
        problems.append(f"repr:\n{model!r}\n!=\n{ref['repr']}")
    if [m.training for m in model.modules()] != ref["training"]:
        problems.append("training flags differ")
    sd, rsd = model.state_dict(), ref["state_dict"]
    if list(sd) != list(rsd):
        problems.append(f"state_dict keys {list(sd)} != {list(rsd)}")
    for k in sd:
        if k in rsd and (sd[k].dtype != rsd[k].dtype or not t.equal(sd[k], rsd[k])):
            problems.append(f"state_dict[{k!r}] differs")
    if fresh is not None:  # the loaded modules have the attributes the library's own have
        for (name, a), b in zip(model.named_modules(), fresh.modules()):
            diff = set(vars(a)) ^ set(vars(b))
            if t.__name__ == "numtorch":  # torch's own attributes, unused by numtorch
                diff -= set(TORCH_ONLY_ATTRIBUTES)
            if type(a) is not type(b) or diff:
                problems.append(f"module {name!r}: {type(a)} {sorted(diff)}")
    if ref["outputs"]:
        state = [m.training for m in model.modules()]
        with t.no_grad():
            got = _flat(model(*ref["inputs"]))
        if len(got) != len(ref["outputs"]):
            problems.append(f"{len(got)} outputs, expected {len(ref['outputs'])}")
        for i, (g, e) in enumerate(zip(got, ref["outputs"])):
            if g.shape != e.shape or not np.allclose(g.numpy(), e.numpy(), rtol=1e-5,
                                                     atol=1e-6):
                problems.append(f"output {i} differs: {g} != {e}")
        if [m.training for m in model.modules()] != state:
            problems.append("forward changed training flags")
    if problems:
        raise AssertionError(f"{case}: " + "\n".join(problems))


def _pickle_globals(path):
    """The (module, name) globals a numtorch/torch zip checkpoint's data.pkl names."""
    with zipfile.ZipFile(path) as z:
        data = z.read([n for n in z.namelist() if n.endswith("/data.pkl")][0])
    names = set()
    for op, arg, _ in pickletools.genops(data):
        if op.name == "GLOBAL":
            names.add(tuple(arg.split(" ", 1)))
    return names


# ------------------------------------------------------------------------------ torch side
def _torch_side(d):
    """Runs in a subprocess with real torch and numtorch blocked: loads numtorch's files,
    writes torch's; -> {check: 'ok' | error}."""
    import importlib

    import torch

    d = pathlib.Path(d)
    tv = _vision(torch)
    results = {}

    def check(name):
        def wrap(fn):
            try:
                fn()
                results[name] = "ok"
            except Exception:
                results[name] = traceback.format_exc()
        return wrap

    for case, spec in CASES.items():
        ref = torch.load(d / f"n_{case}_io.pt")  # weights_only: numtorch's record

        @check(f"load:{case}")
        def _():
            if spec.get("vision"):
                names = _pickle_globals(d / f"n_{case}.pt")
                foreign = {n for n in names if not n[0].startswith(("torch", "collections",
                                                                     "__builtin__"))}
                assert not foreign, foreign
                assert spec["vision"] in names, names
                if tv is None:
                    results[f"full:{case}"] = "torchvision is not installed"
                    return
            model = torch.load(d / f"n_{case}.pt", weights_only=False)
            assert all(type(m).__module__.startswith(("torch.", "torchvision."))
                       for m in model.modules())
            torch.manual_seed(0)
            _compare(torch, case, model, ref, fresh=spec["build"](torch))
            outs = _flat(model(*ref["inputs"])) if ref["outputs"] else []
            floats = [o for o in outs if o.requires_grad]
            if floats:  # the parameters are torch's leaves: gradients reach them
                sum(o.sum() for o in floats).backward()
                assert all(p.grad is not None for p in model.parameters() if p.requires_grad)

        @check(f"save:{case}")
        def _():
            if spec.get("vision") and tv is None:
                return
            torch.manual_seed(0)
            model = spec["build"](torch)
            outputs = _prepare(torch, case, model, ref["inputs"])
            torch.save(model, d / f"t_{case}.pt")
            torch.save(_record(model, outputs, ref["inputs"]), d / f"t_{case}_io.pt")

    @check("user_module")
    def _():
        sys.path.insert(0, str(d))
        model = torch.load(d / "n_user.pt", weights_only=False)
        ref = torch.load(d / "n_user_io.pt")
        assert type(model).__module__ == "nt_user_model" and model.act is \
            torch.nn.functional.relu
        import nt_user_model

        _compare(torch, "user", model, ref, fresh=nt_user_model.Net())
        assert model.head._is_full_backward_hook is True  # numtorch's hooks are full ones
        model(ref["inputs"][0]).sum().backward()
        assert nt_user_model.CALLS == ["Linear"], nt_user_model.CALLS
        torch.manual_seed(1)
        net = nt_user_model.Net()
        x = torch.randn(3, 1, 8, 8)
        net(x)
        net.eval()
        with torch.no_grad():
            y = net(x)
        torch.save(net, d / "t_user.pt")
        torch.save(_record(net, [y], [x]), d / "t_user_io.pt")

    @check("optimizer")
    def _():
        obj = torch.load(d / "n_optim.pt", weights_only=False)
        ref = torch.load(d / "n_optim_io.pt")
        lin, opt = obj["model"], obj["opt"]
        assert type(opt) is torch.optim.SGD and opt.param_groups[0]["params"][0] is lin.weight
        sd, rsd = opt.state_dict(), ref["opt_state"]
        assert sd["param_groups"] == rsd["param_groups"], (sd["param_groups"],
                                                           rsd["param_groups"])
        for i, st in rsd["state"].items():
            assert torch.equal(sd["state"][i]["momentum_buffer"], st["momentum_buffer"])
        lin(ref["x"]).sum().backward()
        opt.step()
        assert torch.allclose(lin.weight, ref["weight_after_step"], rtol=1e-6, atol=1e-7)

    @check("class_names")
    def _():
        missing = []
        for (module, name), ours in json.loads((d / "names.json").read_text()):
            if module.startswith("torchvision") and tv is None:
                continue
            try:
                obj = getattr(importlib.import_module(module), name)
            except (ImportError, AttributeError):
                missing.append(f"{module}.{name} (for {ours})")
                continue
            if ours.startswith("class") != isinstance(obj, type):
                missing.append(f"{module}.{name} is not a {ours}")
        assert not missing, missing

    loaded = [k for k, v in sys.modules.items() if v is not None
              and k.split(".")[0] in ("numtorch", "numtorchvision")]
    results["no_numtorch"] = "ok" if not loaded else f"numtorch imported: {loaded}"
    return results


# ------------------------------------------------------------------------------ numtorch side
USER_MODULE = '''\
"""A model written for PyTorch (here: real torch, or numtorch under numtorch run)."""
import torch
import torch.nn.functional as F
from torch import nn


CALLS = []


def count_grad(module, grad_input, grad_output):
    CALLS.append(type(module).__name__)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.rnn = nn.GRU(4, 3, batch_first=True)
        self.head = nn.Linear(3, 5)
        self.act = F.relu
        self.register_buffer("scale", torch.tensor(2.0))

    def forward(self, x):
        x = F.max_pool2d(self.act(self.bn(self.conv(x))), 2)  # (N, 4, 4, 4)
        out, _ = self.rnn(x.flatten(2).transpose(1, 2))
        return self.head(out[:, -1]) * self.scale
'''

RUN_SAVE = '''\
import sys
import torch
d = sys.argv[1]
sys.path.insert(0, d)
import nt_user_model
assert type(torch.nn.Linear(1, 1)).__module__.startswith("numtorch.")  # the run aliasing
torch.manual_seed(0)
net = nt_user_model.Net()
x = torch.randn(3, 1, 8, 8)
net(x)
net.eval()
with torch.no_grad():
    y = net(x)
net.head.register_full_backward_hook(nt_user_model.count_grad)
torch.save(net, d + "/n_user.pt")
torch.save({"inputs": [x], "outputs": [y], "state_dict": net.state_dict(), "repr": repr(net),
            "training": [m.training for m in net.modules()]}, d + "/n_user_io.pt")
'''

RUN_LOAD = '''\
import sys
import numpy as np
import torch
d = sys.argv[1]
sys.path.insert(0, d)
net = torch.load(d + "/t_user.pt", weights_only=False)
ref = torch.load(d + "/t_user_io.pt")
assert type(net).__module__ == "nt_user_model", type(net)
assert all(type(m).__module__.startswith(("numtorch.", "nt_user_model")) for m in net.modules())
assert net.act is torch.nn.functional.relu and type(net.scale) is torch.Tensor
assert repr(net) == ref["repr"], repr(net)
assert list(net.state_dict()) == list(ref["state_dict"])
assert all(torch.equal(v, ref["state_dict"][k]) for k, v in net.state_dict().items())
with torch.no_grad():
    np.testing.assert_allclose(net(*ref["inputs"]).numpy(), ref["outputs"][0].numpy(),
                               rtol=1e-5, atol=1e-6)
print("LOADED OK")
'''


def _run(args, d, timeout=120):
    env = dict(os.environ, PYTHONWARNINGS="error")
    proc = subprocess.run([sys.executable, *args], cwd=d, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def _mapped_names():
    """Every class/function numtorch.save writes under a torch name: [[torch's], ours]."""
    import importlib
    import pkgutil

    out = []
    for pkg in ("numtorch.nn.modules", "numtorch.optim", "numtorchvision.models",
                "numtorchvision.transforms"):
        p = importlib.import_module(pkg)
        mods = [p] + [importlib.import_module(m.name) for m in
                      pkgutil.walk_packages(p.__path__, pkg + ".")]
        for mod in mods:
            for obj in vars(mod).values():
                if isinstance(obj, type) and obj.__module__ == mod.__name__:
                    name = S._torch_class_name(obj)
                    if name is not None:
                        out.append([name, f"class {obj.__module__}.{obj.__qualname__}"])
    out += [[list(S._torch_function_name(f)), f"function {f.__name__}"]
            for f, _ in S._function_names().values()]
    for obj in vars(numtorch.nn.parameter).values():
        if isinstance(obj, type) and obj.__module__ == "numtorch.nn.parameter":
            out.append([list(S._torch_class_name(obj)), f"class {obj.__qualname__}"])
    return out


@pytest.fixture(scope="module")
def exchanged(tmp_path_factory):
    """numtorch's files -> torch subprocess (which also writes torch's) -> its results."""
    d = tmp_path_factory.mktemp("modules")
    rng = np.random.default_rng(0)
    models = {}
    for case, spec in CASES.items():
        inputs = [numtorch.from_numpy(a) for a in _inputs_for(case, rng)]
        numtorch.manual_seed(0)
        model = spec["build"](numtorch)
        outputs = _prepare(numtorch, case, model, inputs)
        numtorch.save(model, d / f"n_{case}.pt")
        numtorch.save(_record(model, outputs, inputs), d / f"n_{case}_io.pt")
        models[case] = model
    # an optimizer with momentum state, saved with its model
    numtorch.manual_seed(0)
    lin = numtorch.nn.Linear(3, 2)
    opt = numtorch.optim.SGD(lin.parameters(), lr=0.1, momentum=0.9, weight_decay=0.01)
    x = numtorch.from_numpy(rng.standard_normal((4, 3)).astype(np.float32))
    lin(x).sum().backward()
    opt.step()
    numtorch.save({"model": lin, "opt": opt}, d / "n_optim.pt")
    opt_state = copy.deepcopy(opt.state_dict())  # the state_dict shares the live buffers
    opt.zero_grad()  # gradients are not saved
    lin(x).sum().backward()
    opt.step()
    numtorch.save({"opt_state": opt_state, "x": x, "weight_after_step": lin.weight.detach()},
                  d / "n_optim_io.pt")
    (d / "names.json").write_text(json.dumps(_mapped_names()))
    # the user model, under `python -m numtorch run` (torch.save is numtorch.save there)
    (d / "nt_user_model.py").write_text(USER_MODULE)
    (d / "run_save.py").write_text(RUN_SAVE)
    (d / "run_load.py").write_text(RUN_LOAD)
    _run(["-m", "numtorch", "run", "run_save.py", str(d)], d)
    code = ("import sys, json; sys.modules['numtorch'] = sys.modules['numtorchvision'] = None; "
            f"sys.path.insert(0, {str(ROOT / 'tests')!r}); "
            "import test_serialization_modules as T; "
            f"print('RESULT' + json.dumps(T._torch_side({str(d)!r})))")
    out = _run(["-c", code], d)
    results = json.loads([ln for ln in out.splitlines() if ln.startswith("RESULT")][-1][6:])
    return d, models, results


@pytest.mark.parametrize("case", list(CASES))
def test_numtorch_module_loads_in_torch(exchanged, case):
    _, _, results = exchanged
    assert results[f"load:{case}"] == "ok", results[f"load:{case}"]
    if f"full:{case}" in results:
        pytest.skip(f"names checked only: {results[f'full:{case}']}")


@pytest.mark.parametrize("case", list(CASES))
def test_torch_module_loads_in_numtorch(exchanged, case):
    d, _, results = exchanged
    assert results[f"save:{case}"] == "ok", results[f"save:{case}"]
    if not (d / f"t_{case}.pt").exists():
        pytest.skip("torchvision is not installed beside torch")
    model = numtorch.load(d / f"t_{case}.pt", weights_only=False)
    assert all(type(m).__module__.startswith(("numtorch.", "numtorchvision."))
               for m in model.modules())
    numtorch.manual_seed(0)
    _compare(numtorch, case, model, numtorch.load(d / f"t_{case}_io.pt"),
             fresh=CASES[case]["build"](numtorch))


@pytest.mark.parametrize("case", list(CASES))
def test_numtorch_round_trip(exchanged, case):
    d, models, _ = exchanged
    model = numtorch.load(d / f"n_{case}.pt", weights_only=False)
    assert type(model) is type(models[case]) and model is not models[case]
    _compare(numtorch, case, model, numtorch.load(d / f"n_{case}_io.pt"))


def test_user_module_under_numtorch_run(exchanged):
    d, _, results = exchanged
    assert results["user_module"] == "ok", results["user_module"]
    assert ("nt_user_model", "Net") in _pickle_globals(d / "n_user.pt")
    assert ("torch.nn.functional", "relu") in _pickle_globals(d / "n_user.pt")
    assert "LOADED OK" in _run(["-m", "numtorch", "run", "run_load.py", str(d)], d)


def test_optimizer_loads_in_torch(exchanged):
    assert exchanged[2]["optimizer"] == "ok", exchanged[2]["optimizer"]


def test_every_torch_name_exists_in_torch(exchanged):
    assert exchanged[2]["class_names"] == "ok", exchanged[2]["class_names"]


def test_torch_process_never_needed_numtorch(exchanged):
    assert exchanged[2]["no_numtorch"] == "ok", exchanged[2]["no_numtorch"]
    names = set().union(*(_pickle_globals(p) for p in exchanged[0].glob("n_*.pt")))
    assert not [n for n in names if n[0].startswith("numtorch")], names


def test_files_name_torch_classes_only_through_save(tmp_path):
    net = numtorch.nn.Sequential(numtorch.nn.Linear(2, 3), numtorch.nn.LSTM(3, 2))
    numtorch.save(net, tmp_path / "net.pt")
    names = _pickle_globals(tmp_path / "net.pt")
    assert ("torch.nn.modules.container", "Sequential") in names
    assert ("torch.nn.modules.rnn", "LSTM") in names
    # plain pickle keeps numtorch's own names, and numtorch's state
    data = pickle.dumps(net)
    assert b"numtorch.nn.modules.container" in data and b"_is_full_backward_hook" not in data
    clone = pickle.loads(data)
    assert type(clone) is numtorch.nn.Sequential and "_flat_weights" not in vars(clone[1])
    assert "_is_full_backward_hook" not in vars(net) and "_flat_weights" not in vars(net[1])
    # other pickle protocols and the legacy format name torch's classes too
    torch = pytest.importorskip("torch")
    x = numtorch.randn(4, 1, 2)
    with numtorch.no_grad():
        want = net(x)[0].numpy()
    for kw in ({"pickle_protocol": 4}, {"pickle_protocol": 1},
               {"_use_new_zipfile_serialization": False}):
        numtorch.save(net, tmp_path / "p.pt", **kw)
        got = torch.load(tmp_path / "p.pt", weights_only=False)
        assert type(got[1]) is torch.nn.LSTM, kw
        with torch.no_grad():
            np.testing.assert_allclose(got(torch.from_numpy(x.numpy()))[0].numpy(), want,
                                       rtol=1e-5, atol=1e-6)


def test_weights_only_refuses_whole_modules(exchanged):
    d, _, _ = exchanged
    with pytest.raises(pickle.UnpicklingError, match=r"GLOBAL torch\.nn\.modules\.rnn\.LSTM "
                                                     r"was not an allowed global[\s\S]*"
                                                     r"weights_only"):
        numtorch.load(d / "n_lstm.pt")
    with pytest.raises(pickle.UnpicklingError, match=r"torchvision\.models\.resnet\.ResNet"):
        numtorch.load(d / "n_resnet18.pt")


def test_moved_torchvision_classes_map_back():
    from numtorchvision.models._utils import Conv2dNormActivation

    assert S._torch_class_name(Conv2dNormActivation) == ("torchvision.ops.misc",
                                                          "Conv2dNormActivation")
    assert S._numtorch_equivalent("torchvision.ops.misc", "Conv2dNormActivation") is \
        Conv2dNormActivation
    assert S._numtorch_equivalent("torchvision.models.resnet", "ResNet").__module__ == \
        "numtorchvision.models.resnet"

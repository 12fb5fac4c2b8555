"""save/load in torch's checkpoint format, both ways between numtorch and torch.

torch writes files here that numtorch reads in a subprocess where torch cannot be imported;
numtorch writes files that torch reads with ``weights_only=True``. Plus round trips,
the weights-only allow-list against malicious pickles, atomic writes and corrupt files.
"""

import collections
import io
import json
import os
import pathlib
import pickle
import signal
import struct
import subprocess
import sys
import time
import traceback
import warnings
import zipfile

import numpy as np
import pytest

import numtorch
import numtorch.serialization as S

try:  # the subprocess below imports this module with torch blocked
    import torch
except ImportError:
    torch = None

ROOT = pathlib.Path(__file__).resolve().parent.parent
DTYPES = ["float16", "float32", "float64", "complex64", "complex128", "int8", "int16", "int32",
          "int64", "uint8", "bool"]
try:
    import ml_dtypes  # noqa: F401

    HAVE_BF16 = True
except ImportError:
    HAVE_BF16 = False


def _values(name, shape=(2, 3), seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape) * 50
    if name == "bool":
        return x > 0
    if name.startswith("complex"):
        return (x + 1j * rng.standard_normal(shape)).astype(name)
    if name.startswith(("int", "uint")):
        return np.clip(x, -100 if name != "uint8" else 0, 100).astype(name)
    return x.astype(name)


def _np(t):
    return t.detach().cpu().numpy()


# =============================================================================== torch -> numtorch
def _write_torch_files(d):
    """Files torch writes, and the expected values each check needs (.npz)."""
    d = pathlib.Path(d)
    expect = {}
    torch.manual_seed(0)
    tensors = {n: torch.from_numpy(_values(n)) for n in DTYPES}
    torch.save(tensors, d / "dtypes.pt")
    expect.update({f"dtype_{n}": _values(n) for n in DTYPES})

    base = torch.arange(24.0).reshape(4, 6)
    views = {"base": base, "rows": base[1:3], "col": base[:, 2], "t": base.t(),
             "step": base[::2, ::3], "expand": torch.arange(3.0).expand(4, 3),
             "scalar": torch.tensor(2.5), "empty": torch.zeros(0, 3), "flat": base.view(-1)}
    torch.save(views, d / "views.pt")
    for k, v in views.items():
        expect[f"view_{k}"] = v.numpy()
        expect[f"stride_{k}"] = np.array(v.stride() if v.numel() else [-1], np.int64)

    obj = {"list": [1, 2.5, "s", None, True], "tuple": (torch.ones(2), (3, 4)),
           "od": collections.OrderedDict([("b", 1), ("a", torch.arange(3))]),
           "size": torch.Size([2, 3]), "device": torch.device("cpu"), "dtype": torch.int16,
           "big": 2**70, "complex": 1 + 2j, "bytes": b"\x00\xff", "set": {1, 2},
           "nested": {"x": [{"y": torch.full((2,), 7)}]}, "str": "héllo"}
    torch.save(obj, d / "containers.pt")

    net = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.BatchNorm1d(3))
    x = torch.randn(5, 4)
    net(x)  # train mode: running stats and num_batches_tracked move
    torch.save(net.state_dict(), d / "module.pt")
    net.eval()
    expect["module_x"] = x.numpy()
    with torch.no_grad():
        expect["module_y"] = net(x).numpy()

    opt = torch.optim.Adam(net.parameters(), lr=0.01, betas=(0.8, 0.9), amsgrad=True)
    net.train()
    net(x).pow(2).sum().backward()
    opt.step()
    torch.save(opt.state_dict(), d / "optim.pt")
    for i, st in opt.state_dict()["state"].items():
        for k, v in st.items():
            expect[f"optim_{i}_{k}"] = v.numpy()

    p = torch.nn.Parameter(torch.randn(3))
    q = torch.nn.Parameter(torch.randn(2), requires_grad=False)
    g = torch.randn(2, requires_grad=True)
    torch.save({"p": p, "q": q, "g": g}, d / "params.pt")
    expect["param_p"], expect["param_q"] = p.detach().numpy(), q.numpy()

    torch.save(views, d / "legacy.pt", _use_new_zipfile_serialization=False)
    lin = torch.nn.Linear(3, 2)
    torch.save(lin, d / "whole_module.pt")
    with torch.no_grad():
        expect["whole_y"] = lin(torch.ones(1, 3)).numpy()
    torch.save({"u": torch.ones(2, dtype=torch.uint16)}, d / "uint16.pt")
    torch.save({"h": torch.ones(2, dtype=torch.bfloat16)}, d / "bf16.pt")
    t = torch.ones(2)
    t.note = "hi"
    torch.save(t, d / "attr.pt")
    np.savez(d / "expect.npz", **expect)


def _check(r, cond, what):
    if not cond:
        raise AssertionError(what)


def _check_torch_files(d):
    """Runs in a subprocess without torch: loads each file, returns {case: 'ok' | error}."""
    d = pathlib.Path(d)
    ex = np.load(d / "expect.npz")
    out = {}

    def case(name):
        def run(fn):
            try:
                fn()
                out[name] = "ok"
            except BaseException:
                out[name] = traceback.format_exc()
        return run

    @case("no_torch")
    def _():
        _check(None, "torch" not in sys.modules or sys.modules["torch"] is None, "torch loaded")
        try:
            import torch as _t  # noqa: F401
        except ImportError:
            return
        raise AssertionError("torch importable")

    @case("dtypes")
    def _():
        r = numtorch.load(d / "dtypes.pt")
        _check(r, sorted(r) == sorted(DTYPES), sorted(r))
        for n in DTYPES:
            _check(r, r[n].dtype is getattr(numtorch, n), (n, r[n].dtype))
            np.testing.assert_array_equal(r[n].numpy(), ex[f"dtype_{n}"])

    for fname in ("views", "legacy"):
        @case(fname)
        def _(fname=fname):
            r = numtorch.load(str(d / f"{fname}.pt"))
            for k, v in r.items():
                np.testing.assert_array_equal(v.numpy(), ex[f"view_{k}"], err_msg=k)
                if v.numel():
                    _check(v, list(v.stride()) == list(ex[f"stride_{k}"]), (k, v.stride()))
            r["base"][1, 2] = -1.0  # the views share the base's storage again
            _check(r, r["rows"][0, 2].item() == -1 and r["col"][1].item() == -1 and
                   r["t"][2, 1].item() == -1 and r["flat"][8].item() == -1, "not shared")

    @case("containers")
    def _():
        with open(d / "containers.pt", "rb") as fh:
            r = numtorch.load(fh)
        _check(r, r["list"] == [1, 2.5, "s", None, True], r["list"])
        _check(r, isinstance(r["tuple"], tuple) and r["tuple"][1] == (3, 4), r["tuple"])
        np.testing.assert_array_equal(r["tuple"][0].numpy(), [1.0, 1.0])
        _check(r, type(r["od"]) is collections.OrderedDict and list(r["od"]) == ["b", "a"], "od")
        _check(r, type(r["size"]) is numtorch.Size and r["size"] == (2, 3), r["size"])
        _check(r, r["device"] == numtorch.device("cpu") and r["dtype"] is numtorch.int16, "dev")
        _check(r, r["big"] == 2**70 and r["complex"] == 1 + 2j and r["bytes"] == b"\x00\xff",
               "numbers")
        _check(r, r["set"] == {1, 2} and r["str"] == "héllo", "set/str")
        y = r["nested"]["x"][0]["y"]
        _check(r, y.dtype is numtorch.int64 and y.tolist() == [7, 7], y)

    @case("module_state_dict")
    def _():
        sd = numtorch.load(d / "module.pt")
        _check(sd, type(sd) is collections.OrderedDict, type(sd))
        _check(sd, list(sd) == ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean",
                                "1.running_var", "1.num_batches_tracked"], list(sd))
        _check(sd, sd["1.num_batches_tracked"].dtype is numtorch.int64 and
               sd["1.num_batches_tracked"].item() == 1, "num_batches_tracked")
        _check(sd, sd._metadata["1"]["version"] == 2, sd._metadata)
        net = numtorch.nn.Sequential(numtorch.nn.Linear(4, 3), numtorch.nn.BatchNorm1d(3))
        net.load_state_dict(sd)
        net.eval()
        with numtorch.no_grad():
            y = net(numtorch.from_numpy(ex["module_x"]))
        np.testing.assert_allclose(y.numpy(), ex["module_y"], rtol=1e-5, atol=1e-6)

    @case("optimizer_state_dict")
    def _():
        sd = numtorch.load(d / "optim.pt")
        g = sd["param_groups"][0]
        _check(sd, g["params"] == [0, 1, 2, 3] and g["lr"] == 0.01 and g["betas"] == (0.8, 0.9)
               and g["amsgrad"] is True, g)
        _check(sd, sorted(sd["state"]) == [0, 1, 2, 3], sd["state"].keys())
        for i, st in sd["state"].items():
            _check(st, sorted(st) == ["exp_avg", "exp_avg_sq", "max_exp_avg_sq", "step"], st)
            for k, v in st.items():
                np.testing.assert_array_equal(v.numpy(), ex[f"optim_{i}_{k}"])

    @case("parameters")
    def _():
        r = numtorch.load(d / "params.pt")
        p, q, g = r["p"], r["q"], r["g"]
        _check(r, type(p) is numtorch.nn.Parameter and p.requires_grad, repr(p))
        _check(r, type(q) is numtorch.nn.Parameter and not q.requires_grad, repr(q))
        _check(r, type(g) is numtorch.Tensor and g.requires_grad and g.is_leaf, repr(g))
        np.testing.assert_array_equal(p.detach().numpy(), ex["param_p"])
        np.testing.assert_array_equal(q.numpy(), ex["param_q"])

    @case("whole_module")
    def _():
        try:
            numtorch.load(d / "whole_module.pt")
            raise AssertionError("weights_only=True loaded a module")
        except pickle.UnpicklingError as e:
            _check(e, "torch.nn.modules.linear.Linear" in str(e) and "weights_only" in str(e),
                   str(e))
        lin = numtorch.load(d / "whole_module.pt", weights_only=False)
        _check(lin, type(lin) is numtorch.nn.Linear, type(lin))
        with numtorch.no_grad():
            np.testing.assert_allclose(lin(numtorch.ones(1, 3)).numpy(), ex["whole_y"],
                                       rtol=1e-6)

    @case("unsupported_dtype")
    def _():
        try:
            numtorch.load(d / "uint16.pt")
        except TypeError as e:
            _check(e, "torch.uint16" in str(e), str(e))
            return
        raise AssertionError("uint16 loaded")

    @case("bfloat16")
    def _():
        try:
            r = numtorch.load(d / "bf16.pt")
        except TypeError as e:  # without ml_dtypes numtorch has no bfloat16 arrays
            _check(e, "ml_dtypes" in str(e), str(e))
            return
        _check(r, r["h"].dtype is numtorch.bfloat16 and r["h"].float().tolist() == [1, 1], r)

    @case("tensor_attributes")
    def _():
        t = numtorch.load(d / "attr.pt")
        _check(t, t.note == "hi" and t.tolist() == [1.0, 1.0], t)

    @case("mmap")
    def _():
        r = numtorch.load(d / "views.pt", mmap=True)
        np.testing.assert_array_equal(r["rows"].numpy(), ex["view_rows"])
        r["base"][0, 0] = 5.0  # copy-on-write: the file does not change
        _check(r, r["base"][0, 0].item() == 5.0, "mmap write")
        _check(r, numtorch.load(d / "views.pt")["base"][0, 0].item() == 0.0, "file changed")

    return out


@pytest.fixture(scope="module")
def torch_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("from_torch")
    _write_torch_files(d)
    code = ("import sys, json; sys.modules['torch'] = None; "
            f"sys.path.insert(0, {str(ROOT / 'tests')!r}); sys.path.insert(0, {str(ROOT)!r}); "
            "import test_serialization as T; "
            f"print('RESULT' + json.dumps(T._check_torch_files({str(d)!r})))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, cwd=d)
    assert proc.returncode == 0, proc.stderr
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT")][-1]
    return json.loads(line[len("RESULT"):])


TORCH_CASES = ["no_torch", "dtypes", "views", "legacy", "containers", "module_state_dict",
               "optimizer_state_dict", "parameters", "whole_module", "unsupported_dtype",
               "bfloat16", "tensor_attributes", "mmap"]


@pytest.mark.parametrize("case", TORCH_CASES)
def test_torch_written_files_load_without_torch(torch_files, case):
    assert torch_files[case] == "ok", torch_files[case]


def test_every_torch_case_ran(torch_files):
    assert sorted(torch_files) == sorted(TORCH_CASES)


# =============================================================================== numtorch -> torch
def _tload(path, **kw):
    return torch.load(path, weights_only=True, **kw)


@pytest.mark.parametrize("dt", DTYPES)
def test_numtorch_files_load_in_torch_each_dtype(tmp_path, dt):
    v = _values(dt, (3, 4), seed=1)
    t = numtorch.from_numpy(v)
    numtorch.save({"t": t, "nc": t.t(), "z": t[0, 0], "e": t[:0]}, tmp_path / "d.pt")
    r = _tload(tmp_path / "d.pt")
    assert r["t"].dtype == getattr(torch, dt)
    np.testing.assert_array_equal(r["t"].numpy(), v)
    np.testing.assert_array_equal(r["nc"].numpy(), v.T)
    assert r["nc"].stride() == (1, 4) and r["z"].shape == () and r["e"].shape == (0, 4)
    assert r["z"].item() == v[0, 0]


def test_numtorch_views_stay_shared_in_torch(tmp_path):
    a = numtorch.arange(12.0).reshape(3, 4)
    obj = {"a": a, "row": a[1], "col": a[:, 1], "t": a.t(), "e": numtorch.ones(3).expand(2, 3),
           "other": numtorch.zeros(2)}
    numtorch.save(obj, tmp_path / "v.pt")
    r = _tload(tmp_path / "v.pt")
    ptr = r["a"].untyped_storage().data_ptr()
    assert all(r[k].untyped_storage().data_ptr() == ptr for k in ("row", "col", "t"))
    assert r["other"].untyped_storage().data_ptr() != ptr
    assert r["row"].storage_offset() == 4 and r["col"].storage_offset() == 1
    assert r["col"].stride() == (4,) and r["t"].stride() == (1, 4) and r["e"].stride() == (0, 1)
    assert r["a"].untyped_storage().nbytes() == 48 and r["e"].untyped_storage().nbytes() == 12
    r["a"][1, 1] = -5
    assert r["row"][1].item() == -5 and r["col"][1].item() == -5 and r["t"][1, 1].item() == -5
    with zipfile.ZipFile(tmp_path / "v.pt") as z:  # one storage each: a, e, other
        assert sorted(n for n in z.namelist() if "/data/" in n) == ["v/data/0", "v/data/1",
                                                                    "v/data/2"]


def test_numtorch_file_layout_matches_torch(tmp_path):
    numtorch.save({"w": numtorch.ones(3)}, tmp_path / "ckpt.pt")
    torch.save({"w": torch.ones(3)}, tmp_path / "ref.pt")
    with zipfile.ZipFile(tmp_path / "ckpt.pt") as z, zipfile.ZipFile(tmp_path / "ref.pt") as zr:
        ours = [n.split("/", 1)[1] for n in z.namelist()]
        assert z.namelist()[0] == "ckpt/data.pkl"
        assert ours == [n.split("/", 1)[1] for n in zr.namelist()]
        for name in ("byteorder", "version", ".format_version", ".storage_alignment"):
            assert z.read("ckpt/" + name) == zr.read("ref/" + name)
        assert z.read("ckpt/data.pkl") == zr.read("ref/data.pkl")
        raw = (tmp_path / "ckpt.pt").read_bytes()
        for info in z.infolist():  # every record's data is 64-byte aligned, like torch's
            n, e = struct.unpack("<HH", raw[info.header_offset + 26:info.header_offset + 30])
            assert (info.header_offset + 30 + n + e) % 64 == 0
        assert len(z.read("ckpt/.data/serialization_id")) == 40
    # no numtorch name may appear in a file meant for torch
    a = numtorch.arange(3.0)
    numtorch.save({"p": numtorch.nn.Parameter(a), "s": a.shape, "d": a.device, "t": a.dtype},
                  tmp_path / "names.pt")
    with zipfile.ZipFile(tmp_path / "names.pt") as z:
        assert b"numtorch" not in z.read("names/data.pkl")


def test_numtorch_objects_in_torch(tmp_path):
    p = numtorch.nn.Parameter(numtorch.tensor([1.0, 2.0]))
    q = numtorch.nn.Parameter(numtorch.tensor([3.0]), requires_grad=False)
    g = numtorch.ones(2, requires_grad=True)
    obj = {"p": p, "q": q, "g": g, "size": numtorch.Size([4, 5]), "dev": numtorch.device("cpu"),
           "dt": numtorch.float64, "list": [1, 2.0, "x", None, (True, 3 + 4j)], "b": b"ab",
           "od": collections.OrderedDict(k=numtorch.arange(2)), "set": {3}, "big": -(2**80)}
    numtorch.save(obj, tmp_path / "o.pt")
    r = _tload(tmp_path / "o.pt")
    assert type(r["p"]) is torch.nn.Parameter and r["p"].requires_grad
    assert type(r["q"]) is torch.nn.Parameter and not r["q"].requires_grad
    assert type(r["g"]) is torch.Tensor and r["g"].requires_grad
    assert r["p"].tolist() == [1.0, 2.0] and r["q"].tolist() == [3.0]
    assert type(r["size"]) is torch.Size and r["size"] == (4, 5)
    assert r["dev"] == torch.device("cpu") and r["dt"] is torch.float64
    assert r["list"] == [1, 2.0, "x", None, (True, 3 + 4j)] and r["b"] == b"ab"
    assert type(r["od"]) is collections.OrderedDict and r["od"]["k"].tolist() == [0, 1]
    assert r["set"] == {3} and r["big"] == -(2**80)
    # Python attributes on tensors and Parameters travel too (torch's *_with_state forms)
    t, p = numtorch.ones(2), numtorch.nn.Parameter(numtorch.zeros(1))
    t.note, p.info = "n", {"k": 1}
    numtorch.save([t, p], tmp_path / "attrs.pt")
    for lib, r in ((torch, _tload(tmp_path / "attrs.pt")),
                   (numtorch, numtorch.load(tmp_path / "attrs.pt"))):
        assert r[0].note == "n" and r[1].info == {"k": 1}
        assert type(r[0]) is lib.Tensor and type(r[1]) is lib.nn.Parameter


def test_numtorch_module_state_dict_in_torch(tmp_path):
    numtorch.manual_seed(0)
    net = numtorch.nn.Sequential(numtorch.nn.Linear(4, 3), numtorch.nn.ReLU(),
                                 numtorch.nn.BatchNorm1d(3))
    net(numtorch.randn(6, 4))
    numtorch.save(net.state_dict(), tmp_path / "sd.pt")
    sd = _tload(tmp_path / "sd.pt")
    assert sd._metadata == net.state_dict()._metadata
    ref = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.BatchNorm1d(3))
    ref.load_state_dict(sd)
    assert ref[2].num_batches_tracked.item() == 1
    x = np.random.default_rng(0).standard_normal((5, 4)).astype(np.float32)
    net.eval()
    ref.eval()
    with torch.no_grad(), numtorch.no_grad():
        np.testing.assert_allclose(net(numtorch.from_numpy(x)).numpy(),
                                   ref(torch.from_numpy(x)).numpy(), rtol=1e-5, atol=1e-6)


def test_optimizer_state_dict_round_trips_with_torch(tmp_path):
    numtorch.manual_seed(0)
    w = numtorch.nn.Parameter(numtorch.randn(3, 2))
    b = numtorch.nn.Parameter(numtorch.randn(2))
    opt = numtorch.optim.Adam([w, b], lr=0.01, amsgrad=True)
    for _ in range(2):
        opt.zero_grad()
        (w.sum(0) * b).pow(2).sum().backward()
        opt.step()
    numtorch.save(opt.state_dict(), tmp_path / "opt.pt")
    sd = _tload(tmp_path / "opt.pt")
    ours = opt.state_dict()
    assert sd["param_groups"] == ours["param_groups"]
    for i in ours["state"]:
        for k, v in ours["state"][i].items():
            np.testing.assert_array_equal(sd["state"][i][k].numpy(), _np(v), err_msg=k)
    # torch can resume from it
    tw = torch.nn.Parameter(torch.from_numpy(_np(w)))
    tb = torch.nn.Parameter(torch.from_numpy(_np(b)))
    topt = torch.optim.Adam([tw, tb], lr=0.01, amsgrad=True)
    topt.load_state_dict(sd)
    assert topt.state_dict()["state"][0]["step"].item() == 2
    # and back: torch's state_dict loads into a numtorch optimizer
    torch.save(topt.state_dict(), tmp_path / "topt.pt")
    back = numtorch.load(tmp_path / "topt.pt")
    opt2 = numtorch.optim.Adam([w, b], lr=0.5)
    opt2.load_state_dict(back)
    assert opt2.param_groups[0]["lr"] == 0.01
    np.testing.assert_array_equal(_np(opt2.state[w]["exp_avg"]), _np(ours["state"][0]["exp_avg"]))


def test_legacy_format_written_by_numtorch(tmp_path):
    a = numtorch.arange(6.0).reshape(2, 3)
    obj = {"a": a, "b": a[1], "i": numtorch.arange(3, dtype=numtorch.int16),
           "p": numtorch.nn.Parameter(numtorch.ones(2))}
    numtorch.save(obj, tmp_path / "leg.pt", _use_new_zipfile_serialization=False)
    assert not zipfile.is_zipfile(tmp_path / "leg.pt")
    r = _tload(tmp_path / "leg.pt")
    assert r["b"].tolist() == [3.0, 4.0, 5.0] and r["i"].dtype == torch.int16
    assert r["a"].untyped_storage().data_ptr() == r["b"].untyped_storage().data_ptr()
    assert type(r["p"]) is torch.nn.Parameter
    o = numtorch.load(tmp_path / "leg.pt")
    assert o["b"].tolist() == [3.0, 4.0, 5.0] and o["i"].dtype is numtorch.int16
    o["a"][1, 0] = 9
    assert o["b"][0].item() == 9


def test_zip64_records_read_by_torch_and_numtorch(tmp_path, monkeypatch):
    monkeypatch.setattr(S, "_ZIP64_LIMIT", 40)  # force zip64 sizes and offsets
    v = np.arange(30, dtype=np.float32)
    numtorch.save({"v": numtorch.from_numpy(v), "s": numtorch.ones(2)}, tmp_path / "z.pt")
    r = _tload(tmp_path / "z.pt")
    np.testing.assert_array_equal(r["v"].numpy(), v)
    assert numtorch.load(tmp_path / "z.pt")["v"].tolist() == v.tolist()
    with zipfile.ZipFile(tmp_path / "z.pt") as z:
        assert z.testzip() is None


def test_device_and_map_location_reach_torch(tmp_path):
    numtorch.save(numtorch.ones(2), tmp_path / "c.pt")
    r = torch.load(tmp_path / "c.pt", map_location="cpu", weights_only=True)
    assert r.device.type == "cpu" and r.tolist() == [1.0, 1.0]


# =============================================================================== round trips
def test_round_trip_path_pathlib_and_file_objects(tmp_path):
    obj = {"x": numtorch.arange(4.0), "n": [1, "a"]}
    numtorch.save(obj, str(tmp_path / "a.pt"))
    numtorch.save(obj, tmp_path / "b.pt")
    buf = io.BytesIO()
    numtorch.save(obj, buf)
    assert zipfile.ZipFile(io.BytesIO(buf.getvalue())).namelist()[0] == "archive/data.pkl"
    with open(tmp_path / "c.pt", "wb") as fh:
        numtorch.save(obj, fh)
    buf.seek(0)
    with open(tmp_path / "c.pt", "rb") as fh:
        loaded = [numtorch.load(str(tmp_path / "a.pt")), numtorch.load(tmp_path / "b.pt"),
                  numtorch.load(buf), numtorch.load(fh)]
    for r in loaded:
        assert r["x"].tolist() == [0.0, 1.0, 2.0, 3.0] and r["n"] == [1, "a"]
    # torch reads the BytesIO too
    assert torch.load(io.BytesIO(buf.getvalue()), weights_only=True)["x"].tolist() == [0, 1, 2, 3]


def test_round_trip_non_seekable_streams(tmp_path):
    class Pipe(io.RawIOBase):  # write-only / read-only, no seek
        def __init__(self, data=b""):
            self.data = bytearray(data)

        def writable(self):
            return True

        def write(self, b):
            self.data += bytes(b)
            return len(b)

        def readable(self):
            return True

        def read(self, n=-1):
            n = len(self.data) if n < 0 else n
            out, self.data = bytes(self.data[:n]), self.data[n:]
            return out

    w = Pipe()
    numtorch.save({"x": numtorch.ones(3)}, w)
    assert numtorch.load(Pipe(w.data))["x"].tolist() == [1.0, 1.0, 1.0]
    assert torch.load(io.BytesIO(bytes(w.data)))["x"].tolist() == [1.0, 1.0, 1.0]


def test_round_trip_keeps_dtype_values_sharing_and_grad(tmp_path):
    a = numtorch.arange(10.0)
    w = numtorch.nn.Parameter(numtorch.randn(2, 2))
    obj = {"a": a, "v": a[2:5], "w": w, "w2": w, "g": numtorch.ones(1, requires_grad=True)}
    numtorch.save(obj, tmp_path / "r.pt")
    r = numtorch.load(tmp_path / "r.pt")
    assert r["w"] is r["w2"]  # the same object twice stays one object
    assert type(r["w"]) is numtorch.nn.Parameter and r["w"].requires_grad
    assert r["g"].requires_grad and r["g"].is_leaf
    np.testing.assert_array_equal(_np(r["w"]), _np(w))
    assert r["v"].tolist() == [2.0, 3.0, 4.0]
    r["v"][0] = -1
    assert r["a"][2].item() == -1
    # saving what was loaded keeps it shared
    numtorch.save(r, tmp_path / "r2.pt")
    r2 = numtorch.load(tmp_path / "r2.pt")
    r2["a"][3] = 42
    assert r2["v"][1].item() == 42
    # the loaded parameter trains
    loss = (r["w"] * 2).sum()
    loss.backward()
    assert r["w"].grad.tolist() == [[2.0, 2.0], [2.0, 2.0]]


def test_whole_module_round_trip(tmp_path):
    numtorch.manual_seed(1)
    net = numtorch.nn.Sequential(numtorch.nn.Linear(4, 8), numtorch.nn.ReLU(),
                                 numtorch.nn.Linear(8, 2))
    numtorch.save(net, tmp_path / "net.pkl")
    with pytest.raises(pickle.UnpicklingError, match=r"GLOBAL torch\.nn\.modules\.container\."
                                                     r"Sequential[\s\S]*weights_only"):
        numtorch.load(tmp_path / "net.pkl")
    clone = numtorch.load(tmp_path / "net.pkl", weights_only=False)
    assert type(clone) is numtorch.nn.Sequential and clone is not net
    x = numtorch.randn(3, 4)
    clone.eval()
    assert numtorch.equal(clone(x), net(x))
    # allow-listing the classes makes weights_only=True accept it
    with S.safe_globals([numtorch.nn.Sequential, numtorch.nn.Linear, numtorch.nn.ReLU, set]):
        assert type(numtorch.load(tmp_path / "net.pkl")) is numtorch.nn.Sequential
    assert S.get_safe_globals() == []
    with pytest.raises(pickle.UnpicklingError):
        numtorch.load(tmp_path / "net.pkl")


def test_map_location_forms(tmp_path):
    numtorch.save({"x": numtorch.arange(3.0)}, tmp_path / "m.pt")
    seen = []

    def keep(storage, loc):
        seen.append(loc)
        return storage

    for ml in (None, "cpu", numtorch.device("cpu"), {"cpu": "cpu"}, keep, lambda s, loc: None):
        r = numtorch.load(tmp_path / "m.pt", map_location=ml)
        assert r["x"].tolist() == [0.0, 1.0, 2.0] and r["x"].device.type == "cpu"
    assert seen == ["cpu"]
    if not numtorch.cuda.is_available():
        with pytest.raises(RuntimeError, match="torch.cuda.is_available\\(\\) is False"):
            numtorch.load(tmp_path / "m.pt", map_location="cuda:0")
        with pytest.raises(RuntimeError, match="torch.cuda.is_available\\(\\) is False"):
            numtorch.load(tmp_path / "m.pt", map_location={"cpu": "cuda:0"})
    with pytest.raises(RuntimeError, match=r"tagged with foo"):
        numtorch.load(tmp_path / "m.pt", map_location="foo")


def test_load_argument_errors(tmp_path):
    numtorch.save(1, tmp_path / "i.pt")
    with pytest.raises(RuntimeError, match="Can not safely load weights when explicit "
                                           "pickle_module is specified"):
        numtorch.load(tmp_path / "i.pt", pickle_module=pickle, weights_only=True)
    assert numtorch.load(tmp_path / "i.pt", pickle_module=pickle) == 1  # implies weights_only=False
    with pytest.warns(UserWarning, match="pickle_load_args only works"):
        numtorch.load(tmp_path / "i.pt", errors="strict")
    with pytest.raises(ValueError, match="f must be a file path in order to use the mmap"):
        numtorch.load(io.BytesIO((tmp_path / "i.pt").read_bytes()), mmap=True)
    numtorch.save(1, tmp_path / "l.pt", _use_new_zipfile_serialization=False)
    with pytest.raises(RuntimeError, match="mmap can only be used with files saved with"):
        numtorch.load(tmp_path / "l.pt", mmap=True)
    with pytest.raises(FileNotFoundError):
        numtorch.load(tmp_path / "missing.pt")
    with pytest.raises(RuntimeError, match="Parent directory .*nodir does not exist"):
        numtorch.save(1, tmp_path / "nodir" / "x.pt")
    with pytest.raises(AttributeError, match="file-like object"):
        numtorch.save(1, 42)


def test_cannot_save_views_of_different_dtypes():
    a = numtorch.arange(4, dtype=numtorch.int32)
    b = a.view(numtorch.float32)
    with pytest.raises(RuntimeError, match="view the same data as different types"):
        numtorch.save([a, b], io.BytesIO())


# =============================================================================== safety
def _zip_with_pickle(path, payload, archive="archive"):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr(f"{archive}/data.pkl", payload)
        z.writestr(f"{archive}/byteorder", "little")
        z.writestr(f"{archive}/version", "3\n")


def _malicious_payloads(marker):
    cmd = f"touch {marker}"
    code = f"open({str(marker)!r}, 'w')"
    return {
        "os.system": b"\x80\x02cos\nsystem\nq\x00X" + struct.pack("<I", len(cmd)) +
                     cmd.encode() + b"\x85R.",
        "posix.system": pickle.dumps(_Evil(cmd), protocol=2),
        "builtins.eval": (b"c__builtin__\neval\n(X" + struct.pack("<I", len(code)) +
                          code.encode() + b"tR."),
        "subprocess.Popen": (b"csubprocess\nPopen\n((X\x05\x00\x00\x00touchX" +
                             struct.pack("<I", len(str(marker))) + str(marker).encode() +
                             b"ltR."),
        "protocol0 INST": f"(S'{cmd}'\nios\nsystem\n.".encode(),
        "protocol4 STACK_GLOBAL": pickle.dumps(_Evil(cmd), protocol=4),
        "NEWOBJ": b"\x80\x02cbuiltins\nobject\n)\x81.",
        "nested in dict": b"\x80\x02}X\x01\x00\x00\x00a" + pickle.dumps(_Evil(cmd),
                                                                        protocol=2)[2:-1] + b"s.",
    }


class _Evil:
    def __init__(self, cmd):
        self.cmd = cmd

    def __reduce__(self):
        return os.system, (self.cmd,)


@pytest.mark.parametrize("kind", list(_malicious_payloads("m")))
def test_malicious_pickle_never_runs(tmp_path, kind):
    marker = tmp_path / "PWNED"
    payload = _malicious_payloads(marker)[kind]
    _zip_with_pickle(tmp_path / "evil.pt", payload)
    with pytest.raises(pickle.UnpicklingError) as e:
        numtorch.load(tmp_path / "evil.pt")
    assert not marker.exists()
    msg = str(e.value)
    assert msg.startswith("Weights only load failed.") and "weights_only" in msg
    assert any(name in msg for name in ("system", "eval", "Popen", "object"))
    # torch refuses it as well
    with pytest.raises(pickle.UnpicklingError), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch warns about protocol 4
        torch.load(tmp_path / "evil.pt", weights_only=True)
    assert not marker.exists()


def test_malicious_message_matches_torch(tmp_path):
    _zip_with_pickle(tmp_path / "evil.pt", _malicious_payloads(tmp_path / "M")["os.system"])
    _zip_with_pickle(tmp_path / "eval.pt", _malicious_payloads(tmp_path / "M")["builtins.eval"])
    for name in ("evil.pt", "eval.pt"):
        with pytest.raises(pickle.UnpicklingError) as ours:
            numtorch.load(tmp_path / name)
        with pytest.raises(pickle.UnpicklingError) as theirs:
            torch.load(tmp_path / name)
        assert str(ours.value) == str(theirs.value)


def test_malicious_legacy_format_never_runs(tmp_path):
    marker = tmp_path / "PWNED"
    p = lambda o: pickle.dumps(o, protocol=2)  # noqa: E731
    for header in ([_Evil(f"touch {marker}")],
                   [S.MAGIC_NUMBER, _Evil(f"touch {marker}")],
                   [S.MAGIC_NUMBER, S.PROTOCOL_VERSION, {}, _Evil(f"touch {marker}")]):
        (tmp_path / "l.pt").write_bytes(b"".join(p(h) for h in header))
        with pytest.raises((pickle.UnpicklingError, RuntimeError)):
            numtorch.load(tmp_path / "l.pt")
        assert not marker.exists()


def test_weights_only_allows_what_torch_allows(tmp_path):
    # torch's own non-tensor objects allowed by default (Counter, set, complex, bytearray...)
    obj = {"c": collections.Counter("aab"), "ba": bytearray(b"xy"), "set": {1}, "cx": 2j}
    torch.save(obj, tmp_path / "ok.pt")
    r = numtorch.load(tmp_path / "ok.pt")
    assert r == obj
    torch.save({"s": slice(1, 2)}, tmp_path / "slice.pt")  # torch refuses slice; so do we
    with pytest.raises(pickle.UnpicklingError, match="GLOBAL slice was not an allowed global"):
        numtorch.load(tmp_path / "slice.pt")
    with S.safe_globals([slice]):
        assert numtorch.load(tmp_path / "slice.pt") == {"s": slice(1, 2)}


# =============================================================================== atomic write
_SLOW_SAVE = """
import sys, time, numtorch, numtorch.serialization as S
orig = S._ZipWriter.write_record
def slow(self, name, data):
    orig(self, name, data)
    if name == "data/0":
        print("writing", flush=True)
        time.sleep(60)
S._ZipWriter.write_record = slow
numtorch.save({"w": numtorch.full((1000,), 2.0)}, sys.argv[1])
"""


def test_killed_save_leaves_old_file_intact(tmp_path):
    path = tmp_path / "ckpt.pt"
    numtorch.save({"w": numtorch.ones(3)}, path)
    old = path.read_bytes()
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_SAVE, str(path)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        leftovers = [p.name for p in tmp_path.iterdir() if p.name != "ckpt.pt"]
        assert len(leftovers) == 1 and leftovers[0].startswith(".ckpt.pt.")
        assert (tmp_path / leftovers[0]).stat().st_size > 0  # it was mid-write
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    assert path.read_bytes() == old
    assert numtorch.load(path)["w"].tolist() == [1.0, 1.0, 1.0]
    # the torn temporary is hidden, named *.tmp, and is no checkpoint
    (tmp,) = [p for p in tmp_path.iterdir() if p.name != "ckpt.pt"]
    assert tmp.name.endswith(".tmp")
    with pytest.raises(RuntimeError, match="failed finding central directory"):
        numtorch.load(tmp)


def test_failed_save_removes_temp_and_keeps_old_file(tmp_path, monkeypatch):
    path = tmp_path / "ckpt.pt"
    numtorch.save([1, 2], path)

    def boom(self, name, data):
        raise OSError("disk full")

    monkeypatch.setattr(S._ZipWriter, "write_record", boom)
    with pytest.raises(OSError, match="disk full"):
        numtorch.save(numtorch.ones(2), path)
    monkeypatch.undo()
    assert [p.name for p in tmp_path.iterdir()] == ["ckpt.pt"]
    assert numtorch.load(path) == [1, 2]

    class Unpicklable:
        def __reduce__(self):
            raise TypeError("nope")

    with pytest.raises(TypeError, match="nope"):
        numtorch.save({"a": Unpicklable()}, path)
    assert [p.name for p in tmp_path.iterdir()] == ["ckpt.pt"] and numtorch.load(path) == [1, 2]


def test_save_replaces_file_keeping_mode_and_symlink(tmp_path):
    real = tmp_path / "real.pt"
    numtorch.save(1, real)
    os.chmod(real, 0o640)
    link = tmp_path / "link.pt"
    link.symlink_to(real)
    numtorch.save(2, link)
    assert link.is_symlink() and numtorch.load(real) == 2
    assert real.stat().st_mode & 0o777 == 0o640


# =============================================================================== corrupt files
@pytest.fixture()
def good_file(tmp_path):
    path = tmp_path / "good.pt"
    numtorch.save({"w": numtorch.arange(100.0), "b": numtorch.ones(3)}, path)
    return path


@pytest.mark.parametrize("cut", [0.25, 0.5, 0.9, 0.999])
def test_truncated_file_raises_clear_error(good_file, cut):
    raw = good_file.read_bytes()
    good_file.write_bytes(raw[: int(len(raw) * cut)])
    with pytest.raises(RuntimeError, match="failed finding central directory.*corrupted"):
        numtorch.load(good_file)


def test_corrupt_data_record_raises_clear_error(good_file):
    raw = bytearray(good_file.read_bytes())
    with zipfile.ZipFile(good_file) as z:
        info = z.getinfo("good/data/0")
    n, e = struct.unpack("<HH", raw[info.header_offset + 26:info.header_offset + 30])
    raw[info.header_offset + 30 + n + e + 17] ^= 0xFF  # flip bits inside the tensor data
    good_file.write_bytes(bytes(raw))
    with pytest.raises(RuntimeError, match="failed reading file data/0.*corrupted"):
        numtorch.load(good_file)


def test_empty_and_foreign_files(tmp_path):
    (tmp_path / "empty.pt").write_bytes(b"")
    with pytest.raises(EOFError, match="is empty"):
        numtorch.load(tmp_path / "empty.pt")
    (tmp_path / "text.pt").write_bytes(b"this is not a checkpoint at all")
    with pytest.raises(RuntimeError, match="not a torch checkpoint"):
        numtorch.load(tmp_path / "text.pt")
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as z:
        z.writestr("readme.txt", "hi")
    with pytest.raises(RuntimeError, match="data.pkl"):
        numtorch.load(tmp_path / "other.zip")
    numtorch.save(1, tmp_path / "leg.pt", _use_new_zipfile_serialization=False)
    raw = (tmp_path / "leg.pt").read_bytes()
    numtorch.save(numtorch.ones(50), tmp_path / "leg2.pt", _use_new_zipfile_serialization=False)
    raw2 = (tmp_path / "leg2.pt").read_bytes()
    (tmp_path / "leg2.pt").write_bytes(raw2[:-20])
    with pytest.raises(RuntimeError, match="truncated"):
        numtorch.load(tmp_path / "leg2.pt")
    assert numtorch.load(io.BytesIO(raw)) == 1


def test_corrupt_tensor_metadata_is_rejected(tmp_path):
    # a storage of 2 floats, viewed as 5 elements: refuse instead of reading out of bounds
    pkl = (b"\x80\x02ctorch._utils\n_rebuild_tensor_v2\n((X\x07\x00\x00\x00storagectorch\n"
           b"FloatStorage\nX\x01\x00\x00\x000X\x03\x00\x00\x00cpuK\x02tQK\x00K\x05\x85K\x01"
           b"\x85\x89ccollections\nOrderedDict\n)RtR.")
    with zipfile.ZipFile(tmp_path / "bad.pt", "w") as z:
        z.writestr("archive/data.pkl", pkl)
        z.writestr("archive/data/0", np.ones(2, np.float32).tobytes())
    with pytest.raises(RuntimeError, match="needs 5 elements, but its storage has 2"):
        numtorch.load(tmp_path / "bad.pt")
    with pytest.raises(RuntimeError):
        torch.load(tmp_path / "bad.pt")


def test_save_load_speed_many_tensors(tmp_path):
    sd = collections.OrderedDict((f"layer{i}.weight", numtorch.ones(64, 64)) for i in range(300))
    t0 = time.perf_counter()
    numtorch.save(sd, tmp_path / "big.pt")
    r = numtorch.load(tmp_path / "big.pt")
    assert len(r) == 300 and r["layer299.weight"].shape == (64, 64)
    assert time.perf_counter() - t0 < 5.0


# =============================================================================== safetensors
# written by the reference `safetensors` package (0.8.0): safetensors.torch.save({
#   'w': [[1.5, -2.0], [0.25, 4.0]], 'i': [7, -1], 'm': [True, False, True],
#   'h': float16 [0.5]}, metadata={'format': 'pt'})
REF_SAFETENSORS = bytes.fromhex(
    "00010000000000007b225f5f6d657461646174615f5f223a7b22666f726d6174223a227074227d2c2269223a"
    "7b226474797065223a22493634222c227368617065223a5b325d2c22646174615f6f666673657473223a5b30"
    "2c31365d7d2c2277223a7b226474797065223a22463332222c227368617065223a5b322c325d2c2264617461"
    "5f6f666673657473223a5b31362c33325d7d2c2268223a7b226474797065223a22463136222c227368617065"
    "223a5b315d2c22646174615f6f666673657473223a5b33322c33345d7d2c226d223a7b226474797065223a22"
    "424f4f4c222c227368617065223a5b335d2c22646174615f6f666673657473223a5b33342c33375d7d7d2020"
    "0700000000000000ffffffffffffffff0000c03f000000c00000803e000080400038010001")


def _ref_tensors(lib):
    return {"w": lib.tensor([[1.5, -2.0], [0.25, 4.0]]), "i": lib.tensor([7, -1]),
            "m": lib.tensor([True, False, True]), "h": lib.tensor([0.5], dtype=lib.float16)}


def test_safetensors_matches_reference_bytes(tmp_path):
    from numtorch.utils import safetensors as st

    assert st.save(_ref_tensors(numtorch), metadata={"format": "pt"}) == REF_SAFETENSORS
    r = st.load(REF_SAFETENSORS)
    assert list(r) == ["h", "i", "m", "w"]
    for k, v in _ref_tensors(torch).items():
        assert str(r[k].dtype) == str(v.dtype) and r[k].tolist() == v.tolist()
    (tmp_path / "m.safetensors").write_bytes(REF_SAFETENSORS)
    for r in (st.load_file(tmp_path / "m.safetensors"), numtorch.load(tmp_path /
                                                                      "m.safetensors")):
        assert r["w"].tolist() == [[1.5, -2.0], [0.25, 4.0]] and r["m"].dtype is numtorch.bool


def test_safetensors_round_trip_and_errors(tmp_path):
    from numtorch.utils import safetensors as st

    ts = {n: numtorch.from_numpy(_values(n, (2, 3))) for n in DTYPES if n != "complex128"}
    ts["scalar"], ts["empty"] = numtorch.tensor(3.0), numtorch.zeros(0, 4)
    st.save_file(ts, tmp_path / "a.safetensors")
    r = st.load_file(tmp_path / "a.safetensors")
    assert sorted(r) == sorted(ts)
    for k, v in ts.items():
        assert r[k].dtype is v.dtype and r[k].shape == v.shape
        np.testing.assert_array_equal(r[k].numpy(), v.numpy())
    r["float32"][0, 0] = 99  # loaded tensors own their memory
    assert r["float64"][0, 0].item() != 99 and st.save(r)
    a = numtorch.arange(6.0)
    with pytest.raises(RuntimeError, match="Some tensors share memory"):
        st.save({"a": a, "b": a[:3]})
    with pytest.raises(ValueError, match="non contiguous tensor: `t`"):
        st.save({"t": a.reshape(2, 3).t()})
    with pytest.raises(ValueError, match="dtype"):
        st.save({"c": numtorch.ones(1, dtype=numtorch.complex128)})
    bad = bytearray(REF_SAFETENSORS)
    with pytest.raises(RuntimeError, match="InvalidHeaderLength"):
        st.load(bytes(bad[:100]))
    with pytest.raises(RuntimeError, match="MetadataIncompleteBuffer|InvalidOffset"):
        st.load(bytes(bad[:-1]))
    bad[9] = ord("X")
    with pytest.raises(RuntimeError, match="InvalidHeaderDeserialization"):
        st.load(bytes(bad))


def test_mmap_load_then_save_again(tmp_path):
    sd = collections.OrderedDict(w=numtorch.arange(1000.0), n=numtorch.tensor(3),
                                 h=numtorch.ones(4, dtype=numtorch.float16))
    numtorch.save(sd, tmp_path / "a.pt")
    r = numtorch.load(tmp_path / "a.pt", mmap=True)
    assert r["w"][999].item() == 999.0 and r["n"].item() == 3 and r["h"].dtype is numtorch.float16
    r["w"][0] = -1.0  # copy-on-write
    numtorch.save(r, tmp_path / "b.pt")  # each record is its own storage, not the whole file
    with zipfile.ZipFile(tmp_path / "b.pt") as z:
        sizes = sorted(i.file_size for i in z.infolist() if "/data/" in i.filename)
    assert sizes == [8, 8, 4000]
    assert numtorch.load(tmp_path / "b.pt")["w"][0].item() == -1.0
    assert numtorch.load(tmp_path / "a.pt")["w"][0].item() == 0.0

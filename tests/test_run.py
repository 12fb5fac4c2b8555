"""``python -m numtorch run``: unmodified PyTorch scripts (tests/scripts/) run on numtorch.

Real torch is installed in this environment, so every script also proves the alias wins.
"""

import os
import pathlib
import subprocess
import sys

import pytest

SCRIPTS = pathlib.Path(__file__).resolve().parent / "scripts"


def run(*args, cwd=None, timeout=60):
    env = dict(os.environ, PYTHONWARNINGS="error")
    env.pop("NUMTORCH_SMOKE", None)
    return subprocess.run([sys.executable, "-m", "numtorch", *map(str, args)], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=timeout)


def run_script(name, *args, cwd=None, timeout=60):
    return run("run", SCRIPTS / name, *args, cwd=cwd, timeout=timeout)


def test_aliases_are_numtorch_modules(tmp_path):
    p = run_script("check_aliases.py", "a", "--flag", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "no real torch module: True" in p.stdout
    assert "OK aliases ['a', '--flag']" in p.stdout
    assert "False" not in p.stdout


def test_morvan_regression_trains():
    p = run_script("morvan_regression.py")
    assert p.returncode == 0, p.stderr
    assert "Linear(in_features=1, out_features=10, bias=True)" in p.stdout
    assert "OK morvan" in p.stdout


def test_d2l_mlp_custom_module():
    p = run_script("d2l_mlp.py")
    assert p.returncode == 0, p.stderr
    assert p.stdout.count("epoch ") == 10
    assert "(flatten): FlattenLayer()" in p.stdout
    assert "OK d2l acc" in p.stdout


def test_pickled_model_round_trip_and_torch_reads_the_files(tmp_path):
    p = run_script("pickle_model.py", tmp_path)
    assert p.returncode == 0, p.stderr
    assert "equal: True True" in p.stdout
    # the state_dict and data files are torch's format: the real torch loads them
    import torch

    sd = torch.load(tmp_path / "net_params.pkl")
    assert list(sd) == ["conv.weight", "conv.bias", "bn.weight", "bn.bias", "bn.running_mean",
                        "bn.running_var", "bn.num_batches_tracked", "fc.weight", "fc.bias"]
    assert sd["fc.weight"].shape == (10, 64) and sd["bn.num_batches_tracked"].item() == 1
    data = torch.load(tmp_path / "data.pt")
    assert data["list"] == [1, 2.5, "three"] and data["x"].shape == (3, 1, 8, 8)


def test_exit_code_and_argv(tmp_path):
    p = run_script("exit_code.py", "7", cwd=tmp_path)
    assert p.returncode == 7
    assert f"argv ['{SCRIPTS / 'exit_code.py'}', '7']" in p.stdout
    assert "name __main__" in p.stdout


def test_missing_attribute_names_the_torch_api():
    p = run_script("missing_api.py")
    assert p.returncode == 1
    assert "before the missing API" in p.stdout and "not reached" not in p.stdout
    err = p.stderr
    assert ("AttributeError: module 'torch' has no attribute 'compile_for_the_moon' "
            "(numtorch does not implement torch.compile_for_the_moon)") in err
    # the traceback shows the script's frame, not the runner's
    assert 'missing_api.py", line 7, in <module>' in err
    assert "_run.py" not in err and "runpy" not in err


def test_missing_submodule_and_nested_attribute():
    code = ("import torch.nn as nn\n"
            "try:\n    nn.TransformerOfTheFuture\n"
            "except AttributeError as e:\n    print(e)\n"
            "import torch.distributed.rpc\n")
    p = run("run", "-c", code)
    assert p.returncode == 1
    assert ("module 'torch.nn' has no attribute 'TransformerOfTheFuture' (numtorch does not "
            "implement torch.nn.TransformerOfTheFuture)") in p.stdout
    assert ("ModuleNotFoundError: No module named 'torch.distributed' (numtorch does not "
            "implement torch.distributed)") in p.stderr


def test_exceptions_keep_their_type_and_frames(tmp_path):
    script = tmp_path / "bad.py"
    script.write_text("import torch\n\ndef f():\n    return torch.ones(2, 3) @ torch.ones(2, 3)\n"
                      "\nf()\n")
    p = run("run", script)
    assert p.returncode == 1
    assert "RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)" in p.stderr
    assert 'bad.py", line 6, in <module>' in p.stderr and 'line 4, in f' in p.stderr


def test_syntax_error_and_missing_file(tmp_path):
    script = tmp_path / "syntax.py"
    script.write_text("import torch\nx = (\n")
    p = run("run", script)
    assert p.returncode == 1 and "SyntaxError" in p.stderr
    p = run("run", tmp_path / "nope.py")
    assert p.returncode == 2 and "can't open file" in p.stderr and "nope.py" in p.stderr


def test_spawned_workers_see_numtorch_too():
    # spawn re-imports the script in fresh interpreters without our import hook
    p = run_script("workers.py", "spawn", timeout=120)
    assert p.returncode == 0, p.stderr
    assert "OK workers" in p.stdout


def test_run_module_and_torch_dash_c(tmp_path):
    (tmp_path / "mymod.py").write_text(
        "import sys, torch\nprint(torch.__name__, __name__, sys.argv[0].endswith('mymod.py'),"
        " sys.argv[1:])\n")
    p = run("run", "-m", "mymod", "x", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "numtorch __main__ True ['x']"
    p = run("run", "-c", "import sys, torch; print(torch.tensor([1, 2]), sys.argv)", "q")
    assert p.stdout.strip() == "tensor([1, 2]) ['-c', 'q']"


def test_cli_version_and_usage(capsys):
    import numtorch
    from numtorch.__main__ import main

    p = run("--version")
    assert p.returncode == 0 and p.stdout.strip() == f"numtorch {numtorch.__version__}"
    assert main(["-h"]) == 0 and "python -m numtorch run script.py" in capsys.readouterr().out
    assert main([]) == 2 and "usage:" in capsys.readouterr().err
    assert main(["fly"]) == 2 and "unknown command 'fly'" in capsys.readouterr().err
    assert main(["run", "-c"]) == 2 and "-c expects a value" in capsys.readouterr().err


def test_install_refuses_after_real_torch():
    import torch  # the real one, imported by the oracle tests anyway

    from numtorch import _run

    assert torch.__name__ == "torch" and not _run._installed
    with pytest.raises(RuntimeError, match="the real torch is already imported"):
        _run.install()
    assert sys.modules["torch"] is torch and not _run._installed


@pytest.mark.parametrize("script", ["vision_script.py"])
def test_torchvision_script(script, tmp_path):
    nv = pytest.importorskip("numtorchvision")
    for name in ("Compose", "ToTensor", "Normalize", "RandomHorizontalFlip"):
        if not hasattr(nv.transforms, name):
            pytest.skip(f"numtorchvision.transforms.{name} not there yet")
    if not hasattr(nv.datasets, "FakeData") or not hasattr(nv.models, "resnet18"):
        pytest.skip("numtorchvision FakeData/resnet18 not there yet")
    p = run_script(script, tmp_path)
    assert p.returncode == 0, p.stderr
    assert "OK vision" in p.stdout
    import torch

    sd = torch.load(tmp_path / "resnet18.pth")
    assert len(sd) == 122 and sd["fc.weight"].shape == (10, 512)
    assert list(sd)[:3] == ["conv1.weight", "bn1.weight", "bn1.bias"]
    assert (tmp_path / "grid.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _as_pytorch(src):
    """An example rewritten in plain PyTorch style: numtorch -> torch everywhere."""
    return src.replace("numtorchvision", "torchvision").replace("numtorch", "torch")


@pytest.mark.parametrize("name", ["linear_regression_concise.py", "save_load.py"])
def test_examples_in_plain_pytorch_style(name, tmp_path):
    examples = SCRIPTS.parent.parent / "examples"
    for f in ("_common.py", name):
        src = (examples / f).read_text()
        assert "import numtorch as torch" in src or f == "_common.py"
        (tmp_path / f).write_text(_as_pytorch(src))
    assert "numtorch" not in (tmp_path / name).read_text()
    p = run("run", tmp_path / name, "--smoke", "--out", tmp_path / "out", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "w:" in p.stdout or "Y_clone == Y: tensor([[True]," in p.stdout

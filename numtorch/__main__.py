"""``python -m numtorch``: run unmodified PyTorch scripts on numtorch.

    python -m numtorch run script.py [args]     # torch/torchvision imports -> numtorch's
    python -m numtorch run -c "code" [args]
    python -m numtorch run -m package.module [args]
    python -m numtorch --version
"""

import sys

USAGE = """\
usage: python -m numtorch run script.py [args ...]
       python -m numtorch run -c CODE [args ...]
       python -m numtorch run -m MODULE [args ...]
       python -m numtorch --version

Runs a PyTorch program unchanged on numtorch: `import torch`, `torch.nn`, ...,
`torchvision`, `torchvision.transforms`, ... resolve to numtorch and numtorchvision (the
same module objects under both names, so isinstance and pickling work; an installed
PyTorch is never imported). sys.argv is [script, *args] and the exit status is the
script's. An API numtorch lacks fails with an error naming the missing torch.X.

options:
  -h, --help     show this help and exit
  --version      print numtorch's version (the torch version it mirrors) and exit
"""


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        out = sys.stdout if argv else sys.stderr
        out.write(USAGE)
        return 0 if argv else 2
    if argv[0] in ("--version", "-V"):
        import numtorch

        print(f"numtorch {numtorch.__version__}")
        return 0
    if argv[0] != "run":
        sys.stderr.write(f"numtorch: unknown command {argv[0]!r}\n\n{USAGE}")
        return 2
    rest = argv[1:]
    if not rest or rest[0] in ("-h", "--help"):
        (sys.stdout if rest else sys.stderr).write(USAGE)
        return 0 if rest else 2

    from . import _run

    if rest[0] in ("-c", "-m"):
        if len(rest) < 2:
            sys.stderr.write(f"numtorch run: argument {rest[0]} expects a value\n\n{USAGE}")
            return 2
        if rest[0] == "-c":
            return _run.run_command(rest[1], rest[2:])
        return _run.run_module(rest[1], rest[2:])
    if rest[0] == "--":
        rest = rest[1:]
    if rest[0].startswith("-") and rest[0] != "-":
        sys.stderr.write(f"numtorch run: unknown option {rest[0]!r}\n\n{USAGE}")
        return 2
    return _run.run_path(rest[0], rest[1:])


if __name__ == "__main__":
    sys.exit(main())

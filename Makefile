# make demo: set up and train on Fashion-MNIST.  make test: set up and run the whole suite.
# Both start from a fresh clone on a fresh machine and are idempotent (quick once set up).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# where Debian's dataset-fashion-mnist package puts the real data (FashionMNIST finds it)
FMNIST := /usr/share/datasets/fashion-mnist

.PHONY: setup data test demo bench clean

setup: $(STAMP)

# Debian ships venv separately (python3-venv); install it when we may and it is missing
$(BIN)/python:
	$(PY) -m venv $(VENV) || { rm -rf $(VENV); \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get install -y -q python3-venv || { apt-get update -q && apt-get install -y -q python3-venv; }; \
	    $(PY) -m venv $(VENV); \
	  else echo "make: '$(PY) -m venv' failed; install python3-venv" >&2; exit 1; fi; }

# numtorch (editable) + numtorchvision + the test oracle (torch CPU) + pillow/matplotlib/tqdm
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# The real Fashion-MNIST: apt-get install dataset-fashion-mnist when it is missing, apt-get
# exists and we are root (or have non-interactive sudo); otherwise say so and go on (the
# tests that need it skip; the demo then tries FashionMNIST's download).
data:
	@if [ -f $(FMNIST)/train-images-idx3-ubyte.gz ] && [ -f $(FMNIST)/t10k-labels-idx1-ubyte.gz ]; then \
	  :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
	  echo "make data: no apt-get; Fashion-MNIST not installed in $(FMNIST) (skipped)"; \
	else \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	  else echo "make data: not root; run 'sudo apt-get install dataset-fashion-mnist' (skipped)"; exit 0; fi; \
	  echo "make data: apt-get install dataset-fashion-mnist"; \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q dataset-fashion-mnist >/dev/null 2>&1 \
	  || { $$SUDO apt-get update -q >/dev/null 2>&1 \
	       && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q dataset-fashion-mnist >/dev/null; } \
	  || echo "make data: could not install dataset-fashion-mnist (skipped)"; \
	fi

test: setup data
	$(BIN)/python -m pytest tests

demo: setup data
	$(BIN)/python examples/demo.py

bench: setup data
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache demo_out

# make test: set up .venv (once) and run the whole suite.  make demo: train and show.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: test demo bench setup clean

setup: $(STAMP)

$(BIN)/python:
	$(PY) -m venv $(VENV)

# torch (the test oracle, CPU build) installs from the machine's local wheel when present
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest tests

demo: $(STAMP)
	$(BIN)/python examples/linear_regression.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache

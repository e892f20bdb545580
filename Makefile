# Two commands do all set-up on a fresh machine with Python 3.11, pip and apt:
#   make demo   install, extract samples/ into outputs/, print a summary and the gold evaluation
#   make test   install with the dev extra and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/kehoach extract samples/ -o outputs/
	$(BIN)/kehoach eval --gold samples/gold -o outputs/ --tables-only

test: install
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) outputs/*.parquet build *.egg-info

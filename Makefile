# Two commands do all set-up on a fresh machine with Python 3.11, pip and apt:
#   make demo   install, extract samples/ into outputs/, print a summary and the gold evaluation
#   make test   install with the dev extra and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install system demo test bench clean

# Debian packages the pipeline and its tests use: Tesseract with Vietnamese for scanned PDFs,
# Chromium and ChromeDriver for the HTML report's browser test. Installed only when missing.
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie chromium chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

system:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: system $(STAMP)

demo: install
	$(BIN)/kehoach extract samples/ -o outputs/
	$(BIN)/kehoach eval --gold samples/gold -o outputs/ --tables-only
	$(BIN)/kehoach compare outputs/ --xlsx outputs/compare.xlsx --html outputs/compare.html

test: install
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/run.py
	$(BIN)/python bench/pdf_speed.py --results bench/RESULTS.md
	$(BIN)/python bench/ocr_speed.py --results bench/RESULTS.md

clean:
	rm -rf $(VENV) outputs/*.parquet build *.egg-info

# Two commands for a fresh machine: `make run` and `make test`. Everything else is a detail.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
PACKAGE_STAMP := $(VENV)/.installed-package

.PHONY: run test lint bench package catalogs check-python clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "SMWG Desktop needs Python 3.11 or newer (set PYTHON=...)")'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(PACKAGE_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[package]'
	touch $(PACKAGE_STAMP)

run: $(STAMP)
	$(BIN)/smwg-desktop

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# Timings against baselines for issue 8 (bench/README.md); --quick for a small size.
bench: $(STAMP)
	$(BIN)/python bench/run.py

# The translation catalogs updated with every marked string; then translate the empty entries.
catalogs: $(STAMP)
	$(BIN)/python build/update_catalogs.py

# The one-folder app in build/dist/smwg/, then its own self-test (README: Packaging).
package: $(PACKAGE_STAMP)
	$(BIN)/pyinstaller build/smwg.spec --noconfirm --log-level WARN \
		--distpath build/dist --workpath build/work
	build/dist/smwg/smwg self-test

clean:
	rm -rf $(VENV) build/dist build/work

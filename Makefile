# govgraph: `make run` serves the bundled data; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY_STAMP   := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: install run test check lint typecheck bench clean

install: $(PY_STAMP) ## Create .venv and install govgraph with its test tools

$(PY_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: $(PY_STAMP) ## Load the bundled datasets and serve http://127.0.0.1:8000/graphql
	$(BIN)/govgraph ingest data/*/
	$(BIN)/govgraph serve --no-bundled

test: $(PY_STAMP) $(NODE_STAMP) check ## Lint, type-check and run every test
	$(BIN)/python -m pytest

check: lint typecheck

bench: $(PY_STAMP) ## Time every analysis on synthetic networks (2,000 and 20,000 people)
	$(BIN)/python benchmarks/analyses.py

lint: $(PY_STAMP)
	$(BIN)/ruff check .

typecheck: $(PY_STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) node_modules var .mypy_cache .ruff_cache .pytest_cache

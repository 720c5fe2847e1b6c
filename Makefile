# govgraph: `make run` serves the bundled data; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY_STAMP   := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# The dashboard (dashboard/, TypeScript + Vite) is built into api/static, which the package ships.
DASH_NODE_STAMP := dashboard/node_modules/.installed
ASSETS_STAMP    := api/static/.built
# `make run` builds the guide once, and again when its sources change (the reference pages
# are generated from the code, so the schema, settings and CLI are sources too).
GUIDE_STAMP   := api/guide/.built
GUIDE_SOURCES := mkdocs.yml $(shell find docs -type f) govgraph/reference.py govgraph/settings.py govgraph/cli.py $(wildcard schema/*.py schema/types/*.py)
DASH_SOURCES    := $(shell find dashboard -path dashboard/node_modules -prune -o -type f -print)
# The local Neo4j 5 (neo4j-launcher/, Maven): the tests start it for the Neo4j half of the contract.
NEO4J_STAMP   := neo4j-launcher/target/.built
NEO4J_SOURCES := neo4j-launcher/pom.xml $(shell find neo4j-launcher/src -type f)
# The peer of the Neo4j benchmark: @neo4j/graphql over the same Neo4j (benchmarks/peer/).
PEER_STAMP    := benchmarks/peer/node_modules/.installed

.PHONY: neo4j run-neo4j bench-neo4j install run test check lint typecheck dashboard-check browser assets dist bench bench-ingest bench-robustness bench-load bench-scale clean

install: $(PY_STAMP) ## Create .venv and install govgraph with its test tools

$(PY_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(DASH_NODE_STAMP): dashboard/package.json dashboard/package-lock.json
	cd dashboard && npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: $(ASSETS_STAMP) ## Build the dashboard, GraphiQL and API docs pages into api/static

$(ASSETS_STAMP): $(DASH_NODE_STAMP) $(DASH_SOURCES)
	cd dashboard && npm run --silent build -- --logLevel warn
	touch $@

dist: $(PY_STAMP) $(ASSETS_STAMP) docs ## Build a wheel (with the built dashboard and guide) into dist/
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir dist .

# HOST and PORT (e.g. `make run HOST=0.0.0.0 PORT=8080`) override GOVGRAPH_HOST and GOVGRAPH_PORT.
run: $(PY_STAMP) $(ASSETS_STAMP) $(GUIDE_STAMP) ## Load the bundled datasets and serve http://127.0.0.1:8000/dashboard
	$(BIN)/govgraph ingest data/*/
	$(BIN)/govgraph serve --no-bundled $(if $(HOST),--host $(HOST)) $(if $(PORT),--port $(PORT))

test: $(PY_STAMP) $(NODE_STAMP) $(ASSETS_STAMP) $(NEO4J_STAMP) check browser ## Lint, type-check and run every test
	$(BIN)/python -m pytest

check: lint typecheck dashboard-check

dashboard-check: $(DASH_NODE_STAMP) ## The front end's own linter (ESLint) and type checker (tsc)
	cd dashboard && npm run --silent lint && npm run --silent typecheck

# The browser tests drive Debian's chromium (Playwright's own browser download is not used);
# Korean labels need a CJK font. Installed here when missing and we are root.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list :lang=ko 2>/dev/null | grep -q .; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else \
	    echo "make test: chromium (and fonts-noto-cjk) missing and not root: install them with"; \
	    echo "  sudo apt-get install chromium fonts-noto-cjk"; \
	    echo "or set CHROMIUM=/path/to/chromium. tests/browser skips without a browser (fails when CI=true)."; \
	  fi; \
	fi

bench: $(PY_STAMP) $(ASSETS_STAMP) $(NEO4J_STAMP) $(PEER_STAMP) browser ## Every benchmark: analyses, dashboard, ingest (2k-200k people, national), robustness, scale (2k, 20k, 200k)
	$(BIN)/python benchmarks/analyses.py
	$(BIN)/python -m benchmarks.dashboard
	$(BIN)/python -m benchmarks.ingest
	$(BIN)/python -m benchmarks.robustness
	$(BIN)/python -m benchmarks.scale
	$(BIN)/python -m benchmarks.scale --people 200000 --no-exact
	$(BIN)/python -m benchmarks.edits
	$(BIN)/python -m benchmarks.peer

bench-ingest: $(PY_STAMP) ## Ingest vs LadybugDB's own COPY FROM at 2k/20k/200k people, re-ingest, national network
	$(BIN)/python -m benchmarks.ingest $(BENCH_INGEST_ARGS)

bench-robustness: $(PY_STAMP) ## Crash, heavy-request, limit, load and fuzz figures in one table (ARGS=--quick for a short run)
	$(BIN)/python -m benchmarks.robustness $(ARGS)

bench-load: $(PY_STAMP) ## 32 clients running the dashboard mix for 60 s: errors and p99 ratio
	$(BIN)/python -m benchmarks.load $(ARGS)

bench-scale: $(PY_STAMP) ## Query and centrality lines: govgraph against floors measured in the same run
	$(BIN)/python -m benchmarks.scale $(BENCH_SCALE_ARGS)

.PHONY: docs
docs: $(PY_STAMP) ## Build the guide (MkDocs, offline; any warning fails) into api/guide, served at /guide
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet  # no vendor banner
	touch $(GUIDE_STAMP)

$(GUIDE_STAMP): $(PY_STAMP) $(GUIDE_SOURCES)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet
	touch $@

lint: $(PY_STAMP)
	$(BIN)/ruff check .

typecheck: $(PY_STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) node_modules dashboard/node_modules api/static dist var .mypy_cache .ruff_cache .pytest_cache

neo4j: $(NEO4J_STAMP) ## Build the local Neo4j 5 launcher (Maven fetches Neo4j community from Maven Central)

# Offline first when ~/.m2 already holds everything; a fresh machine downloads.
$(NEO4J_STAMP): $(NEO4J_SOURCES)
	cd neo4j-launcher && (mvn -q -B -o package 2>/dev/null || mvn -q -B package)
	touch $@

run-neo4j: $(PY_STAMP) $(ASSETS_STAMP) $(GUIDE_STAMP) $(NEO4J_STAMP) ## Start the local Neo4j (var/neo4j), load the bundled datasets, serve the dashboard on it
	$(BIN)/python -m graph.backends.neo4j_local --dir var/neo4j -- \
	  sh -c '$(BIN)/govgraph ingest data/*/ && exec $(BIN)/govgraph serve --no-bundled $(SERVE_ARGS)'

$(PEER_STAMP): benchmarks/peer/package.json benchmarks/peer/package-lock.json
	cd benchmarks/peer && npm ci --no-audit --no-fund --loglevel=error
	touch $@

bench-neo4j: $(PY_STAMP) $(NEO4J_STAMP) $(PEER_STAMP) ## govgraph on Neo4j and on LadybugDB vs @neo4j/graphql on the same Neo4j (ARGS=--seats 4000 for a short run)
	$(BIN)/python -m benchmarks.peer $(ARGS)

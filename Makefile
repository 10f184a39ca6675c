# Two commands a newcomer needs: `make run` (the whole system, locally) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
NPM := $(shell command -v npm)
WEB_DEPS := frontend/node_modules/.package-lock.json
WEB_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) frontend/index.html \
	frontend/vite.config.ts frontend/tsconfig.json frontend/tsconfig.app.json

.PHONY: run test lint format install install-dev web test-web

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

run: install web
	./scripts/run.sh

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: install-dev lint $(WEB_DEPS)
	scripts/test-tools.sh
	$(BIN)/python scripts/stores.py
	$(BIN)/pytest
	$(MAKE) test-web

# --- the web front end (frontend/): Node.js 20.19+ and npm ----------------------------------------

# npm ci again only when package-lock.json changed (npm writes the hidden lockfile it installed).
$(WEB_DEPS): frontend/package-lock.json
	@test -n "$(NPM)" || { echo "npm is needed for the web front end: install Node.js 20.19+"; exit 1; }
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

frontend/dist/index.html: $(WEB_DEPS) $(WEB_SOURCES)
	cd frontend && npm run build

# The API serves frontend/dist when it exists; without npm it runs without the web front end.
web:
ifneq ($(NPM),)
	@$(MAKE) --no-print-directory frontend/dist/index.html
else
	@echo "npm not found: the API will run without the web front end (install Node.js 20.19+)"
endif

# ESLint, type check and build, Vitest, then Playwright against the real system (needs
# /usr/bin/chromium: apt-get install chromium).
test-web: $(WEB_DEPS)
	cd frontend && npm run lint
	cd frontend && npm run build
	cd frontend && npm test
	cd frontend && npm run e2e

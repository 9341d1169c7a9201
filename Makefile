# The two commands of the README: `make dev` runs the platform, `make test` runs every test.
# Both install what they need on first use (fast when already installed).

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Python 3.12 (the Lambda runtime) when the machine has it, else 3.11+.
PYTHON ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12 python3.11 python3; do \
	"$$p" -c 'import sys; assert sys.version_info >= (3, 11)' >/dev/null 2>&1 && { echo "$$p"; break; }; done)
INSTALLED := $(VENV)/.installed
WEB := frontend
WEB_INSTALLED := $(WEB)/node_modules/.installed
WEB_BUILT := $(WEB)/dist/index.html
WEB_SOURCES := $(shell find $(WEB)/src $(WEB)/public -type f 2>/dev/null) $(WEB)/index.html $(WEB)/vite.config.ts $(WEB)/tsconfig.json

.PHONY: dev test lint test-python test-web install web browser synth bench clean-data test-localstack

# --- install ------------------------------------------------------------------------------
$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[local,test,aws]'
	@touch $@

install: $(INSTALLED)

$(WEB_INSTALLED): $(WEB)/package.json $(WEB)/package-lock.json
	cd $(WEB) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(WEB_BUILT): $(WEB_INSTALLED) $(WEB_SOURCES)
	cd $(WEB) && npm run build --silent

web: $(WEB_BUILT)

# Debian's Chromium for the browser tests (and Korean fonts for readable screenshots).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum >/dev/null; }

# --- the two commands ---------------------------------------------------------------------
dev: $(INSTALLED) $(WEB_BUILT)
	$(BIN)/interview dev

# Every test: the linters and type checkers, Python (unit, API, integration, AI, infra, and the
# LocalStack end-to-end run in tests/localstack), then the web app (Vitest, and Chromium end-to-end).
test: lint test-python test-web

# ruff (lint and format check) and mypy on the Python; tsc (strict) on the web app.
lint: $(INSTALLED) $(WEB_INSTALLED)
	$(BIN)/ruff check --no-cache .
	$(BIN)/ruff format --check --no-cache .
	$(BIN)/mypy
	cd $(WEB) && npx --no-install tsc -p tsconfig.json --noEmit

test-python: $(INSTALLED)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-web: $(INSTALLED) $(WEB_BUILT) browser
	cd $(WEB) && npm test --silent
	cd $(WEB) && npm run e2e --silent

# Every CDK stage (local, dev, prod) synthesized offline into cdk.out/<stage>.
synth: $(INSTALLED)
	$(BIN)/python -m infra_cdk.synth

# Measured, not assumed: the offline evaluator and sentiment analyser on labeled data (bench/README.md).
bench: $(INSTALLED)
	$(BIN)/python -m bench.evaluator_bench
	$(BIN)/python -m bench.gaming_bench
	$(BIN)/python -m bench.sentiment_bench
	$(BIN)/python -m bench.load_bench
	$(BIN)/python -m bench.perf_bench

# Only the LocalStack run (part of test-python): the `local` CDK stage on LocalStack (no Docker;
# localstack/README.md): the seed's scenario 1, and an organization approved, an invitation mailed through SQS and accepted.
test-localstack: $(INSTALLED)
	$(BIN)/python -m pytest tests/localstack -q

clean-data:
	-$(BIN)/interview db stop
	rm -rf .data

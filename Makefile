# The two commands of the README: `make dev` runs the platform, `make test` runs every test.
# Both create .venv and install what they need on first use (fast when already installed).

SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
# Python 3.12 (the Lambda runtime) when the machine has it, else 3.11+.
PYTHON ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3.12 python3.11 python3; do \
	"$$p" -c 'import sys; assert sys.version_info >= (3, 11)' >/dev/null 2>&1 && { echo "$$p"; break; }; done)
INSTALLED := $(VENV)/.installed

.PHONY: dev test install clean-data

$(INSTALLED): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[local,test]'
	@touch $@

install: $(INSTALLED)

dev: $(INSTALLED)
	$(BIN)/interview dev

test: $(INSTALLED)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean-data:
	-$(BIN)/interview db stop
	rm -rf .data

# Verbatim: set-up and everyday commands. GNU make 4.3; `make` alone lists the targets.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SEEDS  ?= seeds
# Written after a successful install; lives inside the venv so deleting .venv resets it.
STAMP  := $(VENV)/.installed
# Zensical (the successor engine) gets its own venv: the tests check that mkdocs.yml builds with it too.
ZVENV  := .venv-zensical
ZSTAMP := $(ZVENV)/.installed

# MkDocs Material prints a banner about MkDocs 2.0 on every build; pip nags about upgrades.
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
.PHONY: help install site test report clean distclean chromium

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(PY):
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }

# requirements.lock holds runtime and test pins alike, so one install serves both
# `site` and `test`; it reruns only when the lock or pyproject.toml changes.
$(STAMP): requirements.lock pyproject.toml | $(PY)
	$(PY) -m pip install -r requirements.lock
	$(PY) -m pip install --no-deps -e .
	$(PY) -m pip check
	touch $@

install: $(STAMP) ## Create .venv and install the pinned dependencies

site: $(STAMP) ## Generate docs/stories from seeds/ and build the site into site/
	$(PY) -m generator build --seeds $(SEEDS)

$(ZSTAMP): requirements-zensical.lock
	$(PYTHON) -m venv $(ZVENV) || { rm -rf $(ZVENV); exit 1; }
	$(ZVENV)/bin/python -m pip install -r requirements-zensical.lock
	touch $@

# The browser tests drive Debian's Chromium (never a browser Playwright downloads).
# Installing it needs root, as in CI.
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update && apt-get install -y chromium; }

test: $(STAMP) $(ZSTAMP) chromium ## Check the layers (import-linter), then run the test suite, browser and Zensical checks included
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest

# Install output goes to stderr so stdout carries only the JSON.
report: ## Print the JSON report for seeds/ on stdout
	@$(MAKE) -s --no-print-directory install >&2
	@$(PY) -m generator report --seeds $(SEEDS) --format json

clean: ## Remove generated pages, the built site and caches (keeps .venv)
	rm -rf site docs/stories build .pytest_cache .hypothesis *.egg-info .verbatim-cache
	find . \( -path ./$(VENV) -o -path ./$(ZVENV) \) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean ## Also remove .venv and .venv-zensical
	rm -rf $(VENV) $(ZVENV)

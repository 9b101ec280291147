# Verbatim: set-up and everyday commands. GNU make 4.3; `make` alone lists the targets.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SEEDS  ?= seeds
# Written after a successful install; lives inside the venv so deleting .venv resets it.
STAMP  := $(VENV)/.installed

# MkDocs Material prints a banner about MkDocs 2.0 on every build; pip nags about upgrades.
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
.PHONY: help install site test report clean distclean

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

test: $(STAMP) ## Run the test suite
	$(PY) -m pytest

# Install output goes to stderr so stdout carries only the JSON.
report: ## Print the JSON report for seeds/ on stdout
	@$(MAKE) -s --no-print-directory install >&2
	@$(PY) -m generator report --seeds $(SEEDS) --format json

clean: ## Remove generated pages, the built site and caches (keeps .venv)
	rm -rf site docs/stories build .pytest_cache .hypothesis *.egg-info
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean ## Also remove .venv
	rm -rf $(VENV)

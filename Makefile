# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

.PHONY: demo test build
demo: $(VENV)/.installed
	$(VENV)/bin/nndl demo

test: $(VENV)/.installed
	$(VENV)/bin/python -m pytest

build: $(VENV)/.installed
	$(VENV)/bin/nndl build

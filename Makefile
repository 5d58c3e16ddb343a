# The two commands of the README, `make demo` and `make test`; `make lab` for JupyterLab at the course root.
PYTHON ?= python3
VENV := .venv

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

.PHONY: demo test build lab
demo: $(VENV)/.installed
	$(VENV)/bin/nndl demo

test: $(VENV)/.installed
	$(VENV)/bin/python -m pytest

build: $(VENV)/.installed
	$(VENV)/bin/nndl build

# JupyterLab at the course root: the venv's bin/ on PATH (nbgrader runs `alembic` from there when it
# creates the gradebook) and the course's Jupyter configuration (jupyter/: no Assignment List).
lab: $(VENV)/.installed
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
		$(VENV)/bin/jupyter lab

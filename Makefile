# The two commands of the README, `make demo` and `make test`; `make lab` for JupyterLab at the course root.
PYTHON ?= python3
VENV := .venv

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $@

# The hub's installation: every account (instructor, students) runs it, so it is a venv made from the system's
# Python, which every user can reach (a pyenv Python under /root is not). It is also the oldest Python we support.
HUB_PYTHON ?= /usr/bin/python3
HUB_VENV := .venv-hub
$(HUB_VENV)/.installed: pyproject.toml
	$(HUB_PYTHON) -m venv $(HUB_VENV)
	$(HUB_VENV)/bin/pip install --quiet --upgrade pip
	$(HUB_VENV)/bin/pip install --quiet -e '.[hub,test]'
	touch $@

# JupyterHub's proxy, from npm, local to this checkout (nndl hub finds it in node_modules/).
PROXY := node_modules/.bin/configurable-http-proxy
$(PROXY):
	npm install --no-save --no-package-lock --no-fund --no-audit configurable-http-proxy@4

.PHONY: demo test test-oldest-python build lab hub
demo: $(VENV)/.installed
	$(VENV)/bin/nndl demo

test: $(VENV)/.installed $(HUB_VENV)/.installed $(PROXY)
	$(VENV)/bin/python -m pytest

# Maintainers regenerate the committed source/ and release/ (release/ is not what students get before deadlines).
build: $(VENV)/.installed
	$(VENV)/bin/nndl build --before-deadline

# JupyterLab at the course root (COURSE=demo for the demo's class): the venv's bin/ on PATH (nbgrader runs
# `alembic` from there when it creates the gradebook) and the course's Jupyter configuration (jupyter/: no
# Assignment List). As root it adds --allow-root; LAB_ARGS="--port 9999 ..." are passed to JupyterLab.
COURSE ?= .
LAB_ARGS ?=
lab: $(VENV)/.installed
	cd $(COURSE) && PATH="$(CURDIR)/$(VENV)/bin:$$PATH" \
		JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
		$(CURDIR)/$(VENV)/bin/jupyter lab $$([ "$$(id -u)" = 0 ] && echo --allow-root) $(LAB_ARGS)

# The course on a JupyterHub on this machine (as root): Unix users for the instructor and the roster (COURSE's
# roster.csv, else the demo roster), nbgrader's exchange, the instructor's course folder, then JupyterHub on
# http://127.0.0.1:8000/. HUB_ARGS="--ip 0.0.0.0 --port 8000 --roster FILE ..." are passed to `nndl hub`.
HUB_ARGS ?=
hub: $(HUB_VENV)/.installed $(PROXY)
	$(HUB_VENV)/bin/nndl --root $(COURSE) hub $(HUB_ARGS)

# The oldest Python the package supports (requires-python): Debian 12's own 3.11.2 (HUB_PYTHON), whose tarfile has
# no extraction filter. The hub's venv, made from it, runs the tests of what differs between Python releases:
# instructor bundles unpacked in a worker, faults of the machinery, and a class graded end to end.
test-oldest-python: $(HUB_VENV)/.installed
	$(HUB_VENV)/bin/python --version
	$(HUB_VENV)/bin/python -m pytest -p no:cacheprovider tests/test_bundle.py tests/test_machinery_faults.py \
		tests/test_class_pipeline.py -k "not two_runs"

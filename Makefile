# The course's commands. Each one creates the project-local .venv on first use.
#
#   make html    build both languages into _build/html (SOLUTIONS=hide: student edition)
#   make test    the project's own tests: builds, grading checks, browser tests
#   make grade   grade your own `checkpoints` package (same as `pytest exercises`)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.ready
SOLUTIONS ?= show

.PHONY: venv html test grade clean

venv: $(READY)

# Reinstalls whenever requirements.txt changes.
$(READY): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

html: $(READY)
	$(PY) -m course.build --solutions $(SOLUTIONS)

test: $(READY)
	$(PY) -m pytest tests

grade: $(READY)
	$(PY) -m pytest exercises

clean:
	rm -rf _build

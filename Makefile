# The course's commands. Each one creates the project-local .venv on first use.
#
#   make html    build both languages into _build/html: the student edition, without
#                solutions (instructors: make html SOLUTIONS=show); ends with the page to open
#   make jupyter the lesson notebooks in JupyterLab (installed into .venv on first use)
#   make test    the project's own tests: builds, grading checks, browser tests
#   make grade   grade your own `checkpoints` package (students: prefer ./grade,
#                which ends with the verdict instead of a make error line)
#   make watch   grade again each time a file in checkpoints/ is saved
#   make bench   time grading, builds, save/load; writes bench/results.md
#   make mutants (instructors) mutate solutions/ with cosmic-ray, grade each
#                mutant: kill scores per task, and the survivors to judge
#   make axe     install axe-core (pinned in package-lock.json) for the accessibility tests
#
# ARGS passes options on to the grading: make grade ARGS="--task 1 --lang de"

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.ready
SOLUTIONS ?= hide
ARGS ?=
AXE := node_modules/axe-core/axe.min.js

.PHONY: venv html jupyter test grade watch bench mutants axe clean

venv: $(READY)

# Reinstalls whenever requirements.txt changes.
$(READY): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

html: $(READY)
	$(PY) -m course.build --solutions $(SOLUTIONS)

# JupyterLab goes into .venv only here, from its own requirements file. Writes
# each lesson's notebook into notebooks/<lang>/ (never over one that is there),
# then starts JupyterLab in the course folder (Ctrl+C stops it).
JUPYTER_READY := $(VENV)/.jupyter-ready

jupyter: $(READY) $(JUPYTER_READY)
	$(PY) -m course.notebooks --out notebooks --solutions $(SOLUTIONS) --jupyter

$(JUPYTER_READY): requirements-jupyter.txt $(READY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-jupyter.txt
	touch $@

# With npm at hand, the accessibility tests get axe-core first; without it
# they skip (and fail under COURSE_REQUIRE_BROWSER=1, as in .ci/run).
test: $(READY) $(if $(shell command -v npm),$(AXE))
	$(PY) -m pytest tests

grade: $(READY)
	$(PY) -m pytest exercises $(ARGS)

# Grades once, then again after every save in checkpoints/, forked from a
# process that has imported torch already (Ctrl+C stops).
watch: $(READY)
	$(PY) -m course.grading.watch -- $(ARGS)

bench: $(READY)
	$(PY) -m bench

# cosmic-ray goes into .venv only here, from its own requirements file: the
# course (make test, make html) never needs it. ARGS="--lesson basics" runs one lesson.
MUTANTS_READY := $(VENV)/.mutants-ready

mutants: $(READY) $(MUTANTS_READY)
	$(PY) -m course.mutants $(ARGS)

$(MUTANTS_READY): requirements-mutants.txt $(READY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-mutants.txt
	touch $@

axe: $(AXE)

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf _build

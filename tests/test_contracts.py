"""Every promise of a task's docstring is graded: the contract maps.

``exercises/contracts/<lesson>.toml`` lists, per task, the promises of the
German docstring (each ``:param``, ``:returns:``, ``:raises``, and sentences
such as "before it changes anything") and the grading tests that fail when
that promise alone is broken. These tests keep the maps honest:

- every parameter of every task function (for a class: of ``__init__`` and
  of each public method) has an entry, and so do ``:returns:`` and ``:raises``;
- every test an entry names exists in that task's grading module;
- the grading really passes every parameter a value other than its default
  (else a learner who ignores it passes): one grading run of the reference
  through ``tests.contract_probe`` notes what each call receives, also in the
  grading's child processes.
"""

from __future__ import annotations

import ast
import inspect
import tomllib
from pathlib import Path

import pytest

import solutions
from course.grading.tasks import all_lessons, tasks_of
from tests.contract_probe import public_methods
from tests.grading import grade

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / "exercises" / "contracts"
LESSONS = [lesson.id for lesson in all_lessons()]

pytestmark = pytest.mark.timeout(600)


def promises(lesson: str) -> list[dict]:
    path = CONTRACTS / f"{lesson}.toml"
    assert path.exists(), f"lesson {lesson} has no contract map {path.relative_to(ROOT)}"
    return tomllib.loads(path.read_text(encoding="utf-8"))["promise"]


def german(docstring: str | None) -> str:
    """The ``[de]`` part of a bilingual docstring."""
    text = inspect.cleandoc(docstring or "")
    return text.partition("[de]")[2].partition("[az]")[0]


def parameters(task_object) -> dict[str, inspect.Parameter]:
    """``param`` name as the map writes it -> the parameter.

    A function's parameters by name; a class's as ``method.name``, for
    ``__init__`` and each public method.
    """
    def own(function) -> dict[str, inspect.Parameter]:
        return {name: p for name, p in inspect.signature(function).parameters.items()
                if name not in ("self", "cls") and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}

    if not inspect.isclass(task_object):
        return own(task_object)
    found = {}
    for method, member in public_methods(task_object).items():
        found |= {f"{method}.{name}": p for name, p in own(member).items()}
    return found


def docstrings(task_object) -> str:
    texts = [german(task_object.__doc__)]
    if inspect.isclass(task_object):
        texts += [german(m.__doc__) for m in vars(task_object).values() if inspect.isfunction(m)]
    return "\n".join(texts)


def grading_tests(number: int) -> set[str]:
    """The test functions of task ``number``'s grading module."""
    (module,) = (ROOT / "exercises").glob(f"test_task{number}_*.py")
    tree = ast.parse(module.read_text(encoding="utf-8"))
    return {node.name for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_")}


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_map_covers_every_parameter_and_result(lesson: str) -> None:
    entries = promises(lesson)
    missing = []
    for task in tasks_of(lesson):
        task_object = getattr(solutions, task.function)
        mapped = {e["param"] for e in entries if e["task"] == task.number and "param" in e}
        wanted = set(parameters(task_object))
        text = docstrings(task_object)
        if ":returns:" in text or ":return:" in text:
            wanted.add("returns")
        if ":raises" in text:
            wanted.add("raises")
        missing += [f"task {task.number} ({task.function}): {name}" for name in sorted(wanted - mapped)]
    assert not missing, "promises without an entry in the contract map:\n" + "\n".join(missing)


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_map_names_real_tests(lesson: str) -> None:
    wrong = []
    for entry in promises(lesson):
        assert entry.get("tests"), f"an entry of {lesson} names no test: {entry}"
        assert entry.get("says", "").strip(), f"an entry of {lesson} quotes no promise: {entry}"
        known = grading_tests(entry["task"])
        wrong += [f"task {entry['task']}: {name}" for name in entry["tests"] if name not in known]
    assert not wrong, "the contract map names tests that do not exist:\n" + "\n".join(wrong)


@pytest.fixture(scope="module")
def passed_parameters(request, tmp_path_factory) -> set[str]:
    """Grade the reference through the probe, on the lessons the selected tests need."""
    chosen = sorted({item.callspec.params["lesson"] for item in request.session.items
                     if item.originalname == "test_the_grading_sets_every_parameter"})
    log = tmp_path_factory.mktemp("probe") / "passed.log"
    log.touch()
    options = [option for lesson in chosen for option in ("--lesson", lesson)]
    verdicts = grade("tests.contract_probe", *options, env={"COURSE_PROBE_LOG": str(log)}, cold=True)
    failed = {name: v.message for name, v in verdicts.items() if v.outcome not in ("passed", "skipped")}
    assert not failed, f"the reference, wrapped by the probe, fails: {failed}"
    return set(log.read_text(encoding="utf-8").split())


@pytest.mark.parametrize("lesson", LESSONS)
def test_the_grading_sets_every_parameter(lesson: str, passed_parameters: set[str]) -> None:
    """A parameter left at its default by every grading test could be ignored unnoticed."""
    unset = []
    for task in tasks_of(lesson):
        for name in parameters(getattr(solutions, task.function)):
            if f"{task.function}.{name}" not in passed_parameters:
                unset.append(f"task {task.number}: {task.function}({name}=...)")
    assert not unset, ("no grading test passes these parameters a value other than the default:\n"
                       + "\n".join(unset))

"""The grading suite tells right from wrong: rule 2 of the house.

- On the untouched stubs every grading test fails as "not implemented yet".
- On the reference solutions every grading test passes.
- Each realistic mistake in ``tests/mistakes`` fails the test meant to catch
  it, with the verdict meant for it; correct variants written differently pass.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from course.grading.feedback import texts
from tests.grading import GradingFailed, grade
from tests.mistakes import catalogues

# Many grading runs of a few seconds each, shared by every test below.
pytestmark = pytest.mark.timeout(600)

CATALOGUES = catalogues()
# (lesson catalogue, mistake or variant module) for every module of every lesson
MODULES = [(c, m) for c in CATALOGUES for m in [*c.mistakes, *c.correct_variants]]
MISTAKES = [(c, m) for c in CATALOGUES for m in c.mistakes]
VARIANTS = [(c, m) for c in CATALOGUES for m in c.correct_variants]


def ids(pairs) -> list[str]:
    return [f"{c.lesson}/{m}" for c, m in pairs]


# What the tests that are not per module grade.
ALWAYS = {"test_every_test_fails_on_the_stubs_as_not_implemented": {"checkpoints": ()},
          "test_every_test_passes_on_the_solutions": {"checkpoints": (), "solutions": ()},
          "test_a_missing_function_fails_only_its_own_task": {
              "tests.mistakes.basics.only_save": ("--lesson", "basics")}}


@pytest.fixture(scope="module")
def verdicts(request):
    """Grade what the selected tests need, once each, two at a time (2 cores here).

    A lesson's modules are graded on that lesson only (``--lesson``): faster,
    and a mistake module need not define other lessons' functions. With
    ``-k accelerate`` only that lesson's modules are graded.
    """
    runs: dict[str, tuple[str, ...]] = {}
    for item in request.session.items:
        params = item.callspec.params if hasattr(item, "callspec") else {}
        if "catalogue" in params:
            catalogue = params["catalogue"]
            module = params.get("mistake") or params.get("variant")
            runs[catalogue.impl(module)] = ("--lesson", catalogue.lesson)
        runs |= ALWAYS.get(item.originalname, {})
    with ThreadPoolExecutor(max_workers=2) as pool:
        graded = pool.map(lambda impl: _grade_or_failure(impl, runs[impl]), runs)
        return Gradings(zip(runs, graded))


def _grade_or_failure(impl: str, options: tuple[str, ...]):
    try:
        return grade(impl, *options)
    except GradingFailed as failure:
        return failure


class Gradings(dict):
    """impl -> its verdicts. A run that ended without them fails only the
    tests that read it, with that run's output, not every test here."""

    def __getitem__(self, impl: str):
        graded = super().__getitem__(impl)
        if isinstance(graded, GradingFailed):
            pytest.fail(str(graded), pytrace=False)
        return graded


def words_of(key: str) -> str:
    """The longest fixed part of a message: it shows whatever the placeholders hold."""
    return max(re.split(r"\{[^}]*\}", texts(key)["de"]), key=len).strip()


def skipped_here(graded: dict) -> set[str]:
    """Tests this machine cannot run (the CUDA ones without a GPU)."""
    return {name for name, v in graded.items() if v.outcome == "skipped"}


def test_every_test_fails_on_the_stubs_as_not_implemented(verdicts):
    stubs = verdicts["checkpoints"]
    ran = {name: v for name, v in stubs.items() if name not in skipped_here(stubs)}
    assert len(ran) >= 20
    assert all(v.outcome == "failed" for v in ran.values()), \
        [name for name, v in ran.items() if v.outcome != "failed"]
    expected = words_of("common.not_implemented")
    assert all(expected in v.message for v in ran.values()), \
        [name for name, v in ran.items() if expected not in v.message]


def test_every_test_passes_on_the_solutions(verdicts):
    solutions, stubs = verdicts["solutions"], verdicts["checkpoints"]
    assert solutions.keys() == stubs.keys()
    assert skipped_here(solutions) == skipped_here(stubs)  # skipped for the machine, not the code
    failing = {name: v.message for name, v in solutions.items()
               if v.outcome not in ("passed", "skipped")}
    assert not failing


@pytest.mark.parametrize(("catalogue", "mistake"), MISTAKES, ids=ids(MISTAKES))
def test_mistake_is_caught_with_its_verdict(verdicts, catalogue, mistake):
    graded = verdicts[catalogue.impl(mistake)]
    for test, key in catalogue.mistakes[mistake].items():
        assert test in graded, f"{mistake}: no grading test {test} ran"
        assert graded[test].outcome == "failed", f"{mistake} passes {test}"
        assert words_of(key) in graded[test].message, graded[test].message


def test_a_missing_function_fails_only_its_own_task(verdicts):
    graded = verdicts["tests.mistakes.basics.only_save"].values()
    task1 = [v.outcome for v in graded if v.module == "test_task1_save_checkpoint"]
    task2 = [v.outcome for v in graded if v.module == "test_task2_load_checkpoint"]
    assert task1 and set(task1) == {"passed"}
    assert task2 and set(task2) == {"failed"}


@pytest.mark.parametrize(("catalogue", "variant"), VARIANTS, ids=ids(VARIANTS))
def test_correct_solution_written_differently_passes(verdicts, catalogue, variant):
    graded = verdicts[catalogue.impl(variant)]
    assert graded, f"{variant}: no grading test ran"
    # "skipped": the CUDA tests on a machine without a GPU
    assert {name: v.message for name, v in graded.items()
            if v.outcome not in ("passed", "skipped")} == {}

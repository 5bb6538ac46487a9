"""Self-grading that an instructor can trust: the code under test cannot pass itself.

Each module in ``tests/cheats/`` is the untouched basics stub plus a few lines
that go after the verdict instead of the task: patching pytest's reports,
registering a plugin, ending the process with status 0 after pytest. Graded
as a learner would (``./grade --lesson basics --results FILE``), each one
must end with the supervisor's refusal, exit status 3, the refusal as the
last line, and no results file to collect.
"""

from __future__ import annotations

import pkgutil

import pytest

import tests.cheats
from course.grading.feedback import texts
from course.grading.supervisor import NO_VERDICT
from tests.grading import cold_run, run

CHEATS = sorted(info.name for info in pkgutil.iter_modules(tests.cheats.__path__))
# An atexit handler runs only when the interpreter itself ends: a warm
# server's fork ends with os._exit, so that cheat needs a real interpreter.
NEEDS_AN_INTERPRETER = {"exits_with_0_at_exit"}
REFUSALS = ("supervisor.changed", "supervisor.status_changed")


def opening(key: str) -> str:
    """The German words of a message before its first placeholder."""
    return texts(key)["de"].partition("{")[0]


@pytest.mark.parametrize("cheat", CHEATS)
def test_a_student_who_changes_the_grading_never_passes(cheat: str, tmp_path) -> None:
    output, results = tmp_path / "output.txt", tmp_path / "results.json"
    args = ["exercises", "--impl", f"tests.cheats.{cheat}", "--lesson", "basics", "-q",
            "-p", "no:randomly", "-p", "no:cacheprovider", "--results", str(results)]
    status = (cold_run if cheat in NEEDS_AN_INTERPRETER else run)(
        args, env={"COURSE_LANG": "de"}, output=str(output))
    text = output.read_text(encoding="utf-8", errors="replace")
    assert status == NO_VERDICT, f"{cheat} ended with exit status {status}:\n{text[-2000:]}"
    last = text.strip().splitlines()[-1]
    assert last.startswith(tuple(opening(key) for key in REFUSALS)), last
    assert not results.exists(), "a refused run must leave no results to collect"

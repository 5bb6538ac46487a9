"""What a learner reads after ``pytest exercises``: the progress table.

Each test runs the grading the way a learner does and reads its terminal
output: the table in the chosen language(s), the next step, stubs as todo,
``--task``, and the timeout that stops a hanging function.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from functools import cache

from course.grading.feedback import texts
from tests.grading import ROOT


@cache
def grading_output(impl: str, *options: str, lang: str | None = None) -> tuple[int, str]:
    """(exit status, terminal output) of ``pytest exercises --impl impl``."""
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_LANG", "LANG")}
    env |= {"LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "100"}
    if lang:
        env["COURSE_LANG"] = lang
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "exercises", "--impl", impl, *options],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    return done.returncode, done.stdout


def test_stubs_are_todo_with_the_first_hint_in_german():
    status, out = grading_output("checkpoints", "--lang", "de")
    assert status != 0
    assert "Dein Fortschritt" in out and "Sizin irəliləyişiniz" not in out
    assert "1  Checkpoint speichern  noch nicht implementiert   0/11" in out
    assert "2  Checkpoint laden      noch nicht implementiert   0/17" in out
    assert "Als Nächstes: Aufgabe 1, Checkpoint speichern" in out
    assert "Hinweis: Lege ein Dictionary" in out
    assert "Lektion: _build/html/de/checkpoints.html#task-1" in out
    # todo, not 28 failures with a section and a summary line each
    assert "28 todo" in out
    assert "FAILED" not in out and "short test summary info" not in out


def test_reference_passes_everything_in_azerbaijani():
    status, out = grading_output("solutions", lang="az")
    assert status == 0
    assert "Sizin irəliləyişiniz" in out and "Dein Fortschritt" not in out
    assert re.search(r"1  Checkpoint-i yadda saxlamaq  keçdi +11/11", out)
    assert "Bütün tapşırıqlar keçdi." in out


def test_without_a_course_language_both_are_shown():
    _, out = grading_output("checkpoints", "--task", "1")
    assert "Dein Fortschritt" in out and "Sizin irəliləyişiniz" in out
    assert "Lektion: _build/html/de/" in out and "Dərs: _build/html/az/" in out


def test_the_next_step_is_the_first_unsolved_task():
    _, out = grading_output("tests.mistakes.basics.only_save", "--lang", "de")
    assert "1  Checkpoint speichern  bestanden" in out
    assert "Als Nächstes: Aufgabe 2, Checkpoint laden" in out
    assert "Lektion: _build/html/de/checkpoints.html#task-2" in out


def test_task_option_grades_one_task():
    _, out = grading_output("checkpoints", "--task", "2", "--lang", "az")
    assert "17 todo" in out and "11 deselected" in out
    assert "Checkpoint-i yükləmək" in out and "Checkpoint-i yadda saxlamaq" not in out
    assert "Növbəti addım: Tapşırıq 2" in out


def test_unknown_task_is_a_usage_error():
    status, _ = grading_output("checkpoints", "--task", "99")
    assert status == 4  # pytest's "usage error"


def test_a_hanging_function_is_stopped_with_a_verdict():
    status, out = grading_output("tests.mistakes.basics.hangs_in_save", "--task", "1", "-x",
                                 "--timeout", "1", "--lang", "de")
    assert status != 0
    assert texts("common.timeout")["de"].format(seconds="1") in out
    assert "Traceback" not in out


def test_pytests_own_summary_comes_back_with_r():
    _, out = grading_output("tests.mistakes.basics.only_save", "--task", "1", "-rA")
    assert "short test summary info" in out
    assert "PASSED exercises/test_task1_save_checkpoint.py::" in out

"""What a learner reads after ``pytest exercises``: the progress table.

Each test runs the grading the way a learner does and reads its terminal
output: the table in the chosen language(s), lesson by lesson, the next step,
stubs as todo, ``--task`` and ``--lesson``, the timeout that stops a hanging
function, a run that dies or does not import, and bad options.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from functools import cache

import pytest

from course.grading import report
from course.grading.feedback import texts
from course.grading.plugin import python_error
from course.grading.report import FAILING, PASSED, TODO
from course.grading.supervisor import NO_VERDICT
from course.grading.tasks import all_tasks
from tests.grading import ROOT


@cache
def grading_output(impl: str, *options: str, lang: str | None = None,
                   path: str | None = None) -> tuple[int, str]:
    """(exit status, terminal output) of ``pytest exercises --impl impl``: both streams.

    ``path`` is put in front of PYTHONPATH, for a learner module made by a test.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_LANG", "LANG")}
    env |= {"LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "100"}
    if lang:
        env["COURSE_LANG"] = lang
    if path:
        env["PYTHONPATH"] = os.pathsep.join([path, str(ROOT)])
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "exercises", "--impl", impl, *options],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    return done.returncode, done.stdout + done.stderr  # usage errors go to stderr


def test_stubs_are_todo_with_the_first_hint_in_german():
    status, out = grading_output("checkpoints", "--lesson", "basics", "--lang", "de")
    assert status != 0
    assert "Dein Fortschritt" in out and "Sizin irəliləyişiniz" not in out
    save = re.search(r"1  Checkpoint speichern +noch nicht implementiert +0/(\d+)", out)
    load = re.search(r"2  Checkpoint laden +noch nicht implementiert +0/(\d+)", out)
    assert save and load, out
    assert "Als Nächstes: Aufgabe 1, Checkpoint speichern" in out
    assert "Hinweis: Lege ein Dictionary" in out
    assert "Lektion: _build/html/de/checkpoints.html#task-1" in out
    # todo, not 28 failures with a section and a summary line each
    assert f"{int(save[1]) + int(load[1])} todo" in out
    assert "FAILED" not in out and "short test summary info" not in out


def test_reference_passes_everything_in_azerbaijani():
    status, out = grading_output("solutions", lang="az")
    assert status == 0
    assert "Sizin irəliləyişiniz" in out and "Dein Fortschritt" not in out
    assert re.search(r"1  Checkpoint-i yadda saxlamaq +keçdi +(\d+)/\1\b", out)
    assert "Bütün tapşırıqlar keçdi." in out


def test_without_a_course_language_both_are_shown():
    _, out = grading_output("checkpoints", "--task", "1")
    assert "Dein Fortschritt" in out and "Sizin irəliləyişiniz" in out
    assert "Lektion: _build/html/de/" in out and "Dərs: _build/html/az/" in out


def test_the_next_step_is_the_first_unsolved_task():
    _, out = grading_output("tests.mistakes.basics.only_save", "--lesson", "basics",
                            "--lang", "de")
    assert re.search(r"1  Checkpoint speichern +bestanden", out)
    assert "Als Nächstes: Aufgabe 2, Checkpoint laden (Lektion 1). Bewerten: ./grade --task 2" in out
    assert "Lektion: _build/html/de/checkpoints.html#task-2" in out


def test_task_option_grades_one_task():
    _, out = grading_output("checkpoints", "--task", "2", "--lang", "az")
    load = re.search(r"2  Checkpoint-i yükləmək +hələ həyata keçirilməyib +0/(\d+)", out)
    assert load and f"{load[1]} todo" in out and "passed" not in out, out
    assert "Checkpoint-i yükləmək" in out and "Checkpoint-i yadda saxlamaq" not in out
    assert "Növbəti addım: Tapşırıq 2, Checkpoint-i yükləmək (Dərs 1). " \
           "Yoxlamaq üçün: ./grade --task 2" in out


def test_a_hanging_function_is_stopped_with_a_verdict():
    status, out = grading_output("tests.mistakes.basics.hangs_in_save", "--task", "1", "-x",
                                 "--timeout", "1", "--lang", "de")
    assert status != 0
    assert texts("common.timeout")["de"].format(seconds="1") in out
    assert "Traceback" not in out


def test_a_failure_just_before_the_limit_still_gets_its_verdict():
    # The limit covers the test function only, not pytest's report of its failure.
    status, out = grading_output("tests.mistakes.basics.fails_at_its_time_limit", "--task", "1",
                                 "-x", "--timeout", "2", "--lang", "de")
    assert status == 1, out
    assert "INTERNALERROR" not in out
    assert re.search(r"1  Checkpoint speichern +nicht bestanden +0/1", out), out


def test_pytests_own_summary_comes_back_with_r():
    _, out = grading_output("tests.mistakes.basics.only_save", "--task", "1", "-rA")
    assert "short test summary info" in out
    assert "PASSED exercises/test_task1_save_checkpoint.py::" in out


def test_a_run_of_some_tasks_never_says_all_passed():
    status, out = grading_output("solutions", "--task", "1", "--lang", "de")
    assert status == 0
    assert "Alle Aufgaben dieses Laufs sind bestanden." in out
    assert "Alle Aufgaben bestanden" not in out
    assert "Als Nächstes: Lektion 1, Checkpoints speichern und laden. " \
           "Bewerten: ./grade --lesson basics" in out


def test_the_table_groups_tasks_by_lesson_and_explains_its_letters():
    _, out = grading_output("checkpoints", "--lesson", "basics", "--lang", "de")
    assert "Lektion 1: Checkpoints speichern und laden" in out
    assert "Zeichen der Testzeile: . bestanden, F nicht bestanden" in out


@pytest.mark.parametrize(("mistake", "how"), [
    ("exits_the_process", "Status 0"),
    ("kills_its_process", signal.SIGKILL.name),
])
def test_a_run_that_dies_is_no_pass(mistake, how):
    status, out = grading_output(f"tests.mistakes.basics.{mistake}", "--task", "1",
                                 "--lang", "de")
    assert status == NO_VERDICT
    assert "Die Bewertung endete ohne Ergebnis" in out and how in out
    assert "test_task1_save_checkpoint.py::" in out  # the test that was running


def test_a_module_that_does_not_import_gives_one_message_and_no_verdicts(tmp_path):
    (tmp_path / "typo.py").write_text("import torch\n\ndef save_checkpoint(model optimizer):\n"
                                      "    pass\n", encoding="utf-8")
    status, out = grading_output("typo", "--lang", "de", path=str(tmp_path))
    assert status != 0
    assert out.count("lässt sich nicht importieren") == 1
    assert "line 3" in out and "def save_checkpoint(model optimizer):" in out and "^" in out
    assert "Dein Fortschritt" not in out and "nicht implementiert" not in out


def test_python_errors_name_project_files_relative_to_the_project():
    try:
        compile("def f(a b):\n    pass\n", str(ROOT / "checkpoints" / "basics.py"), "exec")
    except SyntaxError as error:
        report = python_error(error)
    assert 'File "checkpoints/basics.py", line 1' in report
    assert "def f(a b):" in report and "^" in report and str(ROOT) not in report


@pytest.mark.parametrize(("options", "env_lang"), [
    (("--task", "99"), "de"), (("--lesson", "nope"), "de"), (("--lang", "xx"), "de"),
    ((), "xx"),
])
def test_bad_options_are_usage_errors_in_the_learners_language(options, env_lang):
    status, out = grading_output("checkpoints", *options, lang=env_lang)
    assert status == 4  # pytest's "usage error"
    if env_lang == "de":
        assert any(word in out for word in ("gibt es nicht", "unbekannte Sprache"))
    else:  # COURSE_LANG=xx is as wrong as --lang xx
        assert "COURSE_LANG xx" in out


def test_one_verdict_per_cause():
    _, out = grading_output("tests.mistakes.basics.only_save", "--lesson", "basics",
                            "--lang", "de")
    assert out.count("hat keine Funktion load_checkpoint") == 1
    # pytest's summary counts them apart: "1 failed, 11 passed, 18 aus demselben Grund"
    others = re.search(r"(\d+) aus demselben Grund in", out)
    assert others and f"({others[1]} weitere Tests scheitern aus demselben Grund.)" in out, out


def test_once_the_graded_tasks_pass_the_next_step_is_the_first_open_task_known(monkeypatch):
    """``make watch`` grades one lesson and knows the rest from earlier runs (``earlier``)."""
    monkeypatch.setattr(report, "earlier", {1: PASSED, 2: TODO, 5: FAILING})
    lines = report.next_lines({3: PASSED, 4: PASSED}, "de")
    assert lines[0] == "Alle Aufgaben dieses Laufs sind bestanden."
    assert lines[1] == "Als Nächstes: Aufgabe 2, Checkpoint laden (Lektion 1). " \
                       "Bewerten: ./grade --task 2"
    # An open task of the run itself comes first.
    assert report.next_lines({3: PASSED, 4: TODO}, "az")[0].startswith(
        "Növbəti addım: Tapşırıq 4, ")
    monkeypatch.setattr(report, "earlier", {task.number: PASSED for task in all_tasks()})
    assert report.next_lines({3: PASSED, 4: PASSED}, "de") == [
        "Alle Aufgaben bestanden. Glückwunsch!"]
    monkeypatch.setattr(report, "earlier", {})  # what no run graded is not passed
    assert report.next_lines({1: PASSED, 2: PASSED}, "az")[-1] == (
        "Növbəti addım: Dərs 2, Accelerate ilə checkpoint-lər. "
        "Yoxlamaq üçün: ./grade --lesson accelerate")

"""The progress table at the end of ``pytest exercises``.

Lesson by lesson, task by task: its number and title, whether it is passed,
failing or still todo (the stub is untouched), and how many of its tests
pass. Under the table come the legend of pytest's progress letters and what
to do next: the first unsolved task with the ``./grade --task N`` command
that grades it, its hint and where its lesson is, or, when a run graded only
part of the course and passed, the first unsolved task that earlier runs
found (``earlier``, which ``make watch`` keeps) or the next lesson to grade.
Everything about a task comes from ``exercises/tasks.toml`` and
the table's own words from ``exercises/report.toml``, so a new task shows up
here without a change to this module.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from course.i18n import render

from . import catalogs
from .tasks import EXERCISES, Task, all_lessons, all_tasks, lesson_named

SITE = EXERCISES.parent / "_build" / "html"  # where `make html` puts the lessons

PASSED, FAILING, TODO, SKIPPED = "passed", "failing", "todo", "skipped"
_SEVERITY = {PASSED: 0, TODO: 1, FAILING: 2}  # a test's worst phase decides


@dataclass
class TaskProgress:
    task: Task
    passed: int = 0
    failing: int = 0
    todo: int = 0

    @property
    def total(self) -> int:
        return self.passed + self.failing + self.todo

    @property
    def status(self) -> str:
        if self.failing:
            return FAILING
        return TODO if self.todo else PASSED


class Progress:
    """Collects one outcome per test, then counts them per task."""

    def __init__(self) -> None:
        self._outcomes: dict[str, tuple[int, str]] = {}  # test id -> (task, outcome)
        self._skipped: set[str] = set()

    def record(self, test_id: str, task: int | None, outcome: str) -> None:
        """Note one phase (set-up, call, tear-down) of a test; the worst one counts.

        A test skipped in any phase (a CUDA test without a GPU) is not counted.
        """
        if task is None or test_id in self._skipped:
            return
        if outcome == SKIPPED:
            self._skipped.add(test_id)
            self._outcomes.pop(test_id, None)
            return
        earlier = self._outcomes.get(test_id, (task, PASSED))[1]
        worst = max(earlier, outcome, key=_SEVERITY.__getitem__)
        self._outcomes[test_id] = (task, worst)

    def per_test(self) -> dict[str, tuple[int, str]]:
        """Test id -> (task, outcome), skipped tests left out."""
        return dict(self._outcomes)

    def per_task(self) -> list[TaskProgress]:
        """The tasks that had tests in this run, in task order."""
        progress = {task.number: TaskProgress(task) for task in all_tasks()}
        for task, outcome in self._outcomes.values():
            entry = progress[task]
            setattr(entry, outcome, getattr(entry, outcome) + 1)
        return [entry for entry in progress.values() if entry.total]


def _say(key: str, lang: str, **values: object) -> str:
    return render(catalogs.texts("report.toml", key), (lang,), **values)


def heading(lang: str) -> str:
    return _say("heading", lang)


def status_text(status: str, lang: str) -> str:
    """A task's status in words: "bestanden", "keçmədi", ..."""
    return _say(f"status.{status}", lang)


def summary_lines(progress: list[TaskProgress], lang: str, width: int = 80) -> list[str]:
    """The table, lesson by lesson, and the next step, in one language."""
    columns = ("task", "title", "status", "tests")
    rows = [[_say(f"column.{name}", lang) for name in columns]]
    rows += [
        [str(entry.task.number), entry.task.title[lang],
         _say(f"status.{entry.status}", lang), f"{entry.passed}/{entry.total}"]
        for entry in progress
    ]
    header, *task_lines = _aligned(rows)
    lines = [header]
    shown_lesson = None
    for entry, line in zip(progress, task_lines):
        if entry.task.lesson != shown_lesson:
            shown_lesson = entry.task.lesson
            lines.append(lesson_line(shown_lesson, lang))
        lines.append(line)
    lines += ["", _say("legend", lang), ""]
    return lines + next_lines({entry.task.number: entry.status for entry in progress},
                              lang, width)


# The status of tasks that earlier runs graded and this one does not (task
# number -> status). `make watch` sets it before each run of one lesson, so
# that the run names the true next task once that lesson is done.
earlier: dict[int, str] = {}


def next_lines(graded: dict[int, str], lang: str, width: int = 80,
               others: dict[int, str] | None = None) -> list[str]:
    """What to do next after a run that graded ``graded`` (task number -> status).

    The first unsolved task of the run; when the run passed, the first
    unsolved task that ``others`` (else ``earlier``) knows of; else the first
    lesson that no run has graded yet. Never "all passed" for part of the course.
    """
    unsolved = [number for number in sorted(graded) if graded[number] != PASSED]
    if unsolved:
        return next_step(_task(unsolved[0]), lang, width)
    others = {number: status for number, status in (earlier if others is None else others).items()
              if number not in graded}
    elsewhere = [number for number in sorted(others) if others[number] != PASSED]
    if elsewhere:
        return [_say("next.graded_passed", lang), *next_step(_task(elsewhere[0]), lang, width)]
    ungraded = [task for task in all_tasks()
                if task.number not in graded and task.number not in others]
    if not ungraded:
        return [_say("next.all_passed", lang)]
    lesson = lesson_named(ungraded[0].lesson)
    return [_say("next.graded_passed", lang),
            _say("next.lesson_to_do", lang, number=lesson_number(lesson.id),
                 title=lesson.title[lang], id=lesson.id)]


def _task(number: int) -> Task:
    return next(task for task in all_tasks() if task.number == number)


def lesson_number(lesson_id: str) -> int:
    """Lessons count from 1, in course order."""
    return [lesson.id for lesson in all_lessons()].index(lesson_id) + 1


def lesson_line(lesson_id: str, lang: str) -> str:
    lesson = lesson_named(lesson_id)
    return _say("lesson", lang, number=lesson_number(lesson_id), title=lesson.title[lang])


def next_step(task: Task, lang: str, width: int = 80) -> list[str]:
    """Which task to work on, its hint, and its lesson page."""
    page = Path("_build", "html", lang, task.page)
    built = (SITE / lang / task.page.split("#")[0]).is_file()
    lesson = _say("next.lesson", lang, page=page.as_posix())
    if not built:
        lesson += " " + _say("next.not_built", lang)
    hint = _say("next.hint", lang, hint=task.hint[lang])
    return [
        _say("next.task", lang, number=task.number, title=task.title[lang],
             lesson=lesson_number(task.lesson)),
        *textwrap.wrap(hint, width=width, subsequent_indent="  ", break_on_hyphens=False),
        lesson,
    ]


def _aligned(rows: Iterable[list[str]]) -> list[str]:
    rows = list(rows)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    numeric = {0, len(widths) - 1}  # number and test count read best right-aligned
    return [
        "  ".join(cell.rjust(w) if i in numeric else cell.ljust(w)
                  for i, (cell, w) in enumerate(zip(row, widths))).rstrip()
        for row in rows
    ]

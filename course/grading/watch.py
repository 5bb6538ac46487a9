"""``make watch``: grade again each time a file in ``checkpoints/`` is saved, warm.

The watcher imports torch, pytest and the grading plugin once
(``course.grading.warm``); each grading is a fresh child forked from it, so a
verdict arrives in a fraction of a cold ``pytest exercises``. At the start it
grades the whole course. After a save it grades the lesson of the saved file,
on screen, then the rest of the course out of sight: the screen ends with the
saved lesson's verdicts, its table and the true next task of the course,
which the watcher knows from the earlier runs (``report.earlier``). Only if
the rest changed (a lesson's module imports another) does a line say so,
with the next task again. A child that hangs past ``--run-timeout`` is
killed with everything it started; the watcher goes on. Ctrl+C ends it with
a sentence, not a traceback. watchfiles does the watching.

    python -m course.grading.watch [--run-timeout S] [--folder DIR] [-- pytest options]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from course.i18n import chosen_languages, render

from . import catalogs, processes, report, warm
from .tasks import all_lessons, all_tasks

CLEAR = "\033[2J\033[H"
ERASE_LINE = "\r\033[K"
# watchfiles imports anyio, a pytest plugin too: in a forked child pytest
# would warn that it "cannot be rewritten". The grading does not use it.
QUIET_PLUGINS = ["-p", "no:anyio"]


def _say(key: str, languages: tuple[str, ...], **values: object) -> str:
    return render(catalogs.texts("watch.toml", key), languages, **values)


def lessons_of(changed: set[str]) -> list[str]:
    """The lessons whose module is among the changed files, in course order."""
    stems = {Path(path).stem for path in changed}
    return [lesson.id for lesson in all_lessons() if lesson.module in stems]


def tasks_in(lessons: list[str]) -> set[int]:
    """The task numbers of ``lessons``; every task when ``lessons`` is empty."""
    return {task.number for task in all_tasks() if not lessons or task.lesson in lessons}


class Watcher:
    """Runs the gradings and remembers each task's last status (task number -> status)."""

    def __init__(self, pytest_args: list[str], run_timeout: float,
                 languages: tuple[str, ...]) -> None:
        self.pytest_args = pytest_args
        self.run_timeout = run_timeout
        self.languages = languages
        self.known: dict[int, str] = {}
        self._folder = tempfile.mkdtemp(prefix="course-watch-")
        self._results = os.path.join(self._folder, "results.json")

    def close(self) -> None:
        shutil.rmtree(self._folder, ignore_errors=True)

    def run(self, lessons: list[str], shown: bool) -> dict[int, str] | None:
        """Grade ``lessons`` (all: empty); the status per graded task, ``None`` without a verdict.

        ``shown``: the run writes to the screen, else its output is dropped.
        """
        if os.path.exists(self._results):
            os.unlink(self._results)
        selection = [option for lesson in lessons for option in ("--lesson", lesson)]
        # -q: no English session header, only the verdicts and the progress table
        status = warm.run(["exercises", "-q", *QUIET_PLUGINS, *self.pytest_args, *selection,
                           "--results", self._results],
                          timeout=self.run_timeout, output=None if shown else os.devnull)
        if status is None:
            print(_say("killed", self.languages, seconds=f"{self.run_timeout:g}"), flush=True)
        elif status < 0:
            print(_say("died", self.languages, signal=-status), flush=True)
        graded = _read_results(self._results)
        for number in tasks_in(lessons):  # what this run did not grade is not known now
            self.known.pop(number, None)
        if graded is not None:
            self.known.update(graded)
        return graded

    def course(self) -> None:
        """Grade the whole course (or what the options choose), on screen."""
        report.earlier = {}
        self.run([], shown=True)

    def after_save(self, lessons: list[str]) -> None:
        """Grade ``lessons`` on screen, then the rest of the course out of sight.

        Options that choose tasks themselves (``ARGS="--lesson basics"``) keep
        every run to those tasks, on screen.
        """
        if not lessons or _chooses_tasks(self.pytest_args):
            self.course()
            return
        report.earlier = dict(self.known)  # the forked run reads it for its next step
        graded = self.run(lessons, shown=True)
        rest = [lesson.id for lesson in all_lessons() if lesson.id not in lessons]
        if not rest:
            return
        mine = tasks_in(lessons)
        before = {number: status for number, status in self.known.items() if number not in mine}
        if sys.stdout.isatty():
            print(_say("rest", self.languages), end="", flush=True)
        self.run(rest, shown=False)
        if sys.stdout.isatty():
            print(ERASE_LINE, end="", flush=True)
        after = {number: status for number, status in self.known.items() if number not in mine}
        for line in changes_elsewhere(graded, before, after, self.languages):
            print(line)
        sys.stdout.flush()


def changes_elsewhere(graded: dict[int, str] | None, before: dict[int, str],
                      after: dict[int, str], languages: tuple[str, ...]) -> list[str]:
    """What to add when the rest of the course changed while the saved lesson was graded.

    Each task of another lesson whose status changed, and the next task again
    if it is now another one; nothing when nothing changed.
    """
    changed = [task for task in all_tasks() if task.number in before
               and task.number in after and before[task.number] != after[task.number]]
    lines = []
    width = min(shutil.get_terminal_size().columns, 100)
    for lang in languages:
        block = [_say("elsewhere", (lang,), number=task.number, title=task.title[lang],
                      lesson=report.lesson_number(task.lesson),
                      status=report.status_text(after[task.number], lang))
                 for task in changed]
        if graded is not None:
            then = report.next_lines(graded, lang, width, others=before)
            now = report.next_lines(graded, lang, width, others=after)
            if now != then:
                block += now
        if block:
            lines += ["", *block]
    return lines


def _read_results(path: str) -> dict[int, str] | None:
    """Task number -> status from the run's ``--results`` file; ``None`` if it wrote none."""
    try:
        with open(path, encoding="utf-8") as file:
            document = json.load(file)
    except (OSError, ValueError):
        return None
    return {entry["task"]: entry["status"] for entry in document.get("tasks", [])}


def _chooses_tasks(pytest_args: list[str]) -> bool:
    """Whether the options passed on to pytest pick lessons or tasks themselves."""
    return any(option.split("=")[0] in ("--lesson", "--task") for option in pytest_args)


def _lang_option(pytest_args: list[str]) -> str | None:
    """The value of ``--lang`` among the options passed on to pytest, if any."""
    for index, option in enumerate(pytest_args):
        if option.startswith("--lang="):
            return option.split("=", 1)[1]
        if option == "--lang" and index + 1 < len(pytest_args):
            return pytest_args[index + 1]
    return None


def _start_forkserver() -> None:
    """Start the forkserver that grading runs share, deaf to Ctrl+C.

    It imports torch for a few seconds after it starts. A Ctrl+C in that
    time would print its traceback; ignored signals survive its exec. It
    ends with the watcher.
    """
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        processes.warm_up(warm.FORKSERVER_PRELOAD)
    finally:
        signal.signal(signal.SIGINT, previous)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", default="checkpoints", help="the folder to watch")
    parser.add_argument("--run-timeout", type=float, default=120.0,
                        help="kill a grading run after this many seconds")
    parser.add_argument("pytest_args", nargs="*", help="options for pytest exercises")
    args = parser.parse_args(argv)
    languages = chosen_languages(_lang_option(args.pytest_args))
    watcher = Watcher(args.pytest_args, args.run_timeout, languages)
    try:
        print(_say("starting", languages), flush=True)
        _start_forkserver()
        warm.prepare()
        import watchfiles

        print(CLEAR, end="")
        watcher.course()
        print(_say("waiting", languages, folder=args.folder), flush=True)
        for changes in watchfiles.watch(args.folder, watch_filter=watchfiles.PythonFilter()):
            print(CLEAR, end="", flush=True)
            watcher.after_save(lessons_of({path for _, path in changes}))
            print(_say("waiting", languages, folder=args.folder), flush=True)
    except KeyboardInterrupt:  # Ctrl+C; a grading run in progress is killed (warm.wait)
        print("\n" + _say("stopped", languages), flush=True)
    finally:
        watcher.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

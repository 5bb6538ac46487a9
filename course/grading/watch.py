"""``make watch``: grade again each time a file in ``checkpoints/`` is saved, warm.

The watcher imports torch, pytest and the grading plugin once
(``course.grading.warm``); each grading is a fresh child forked from it, so a
verdict arrives in a fraction of a cold ``pytest exercises``. The lesson of
the saved file is graded first, then the rest of the course. A child that
hangs past ``--run-timeout`` is killed with everything it started; the
watcher goes on. watchfiles does the watching.

    python -m course.grading.watch [--run-timeout S] [--folder DIR] [-- pytest options]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.i18n import chosen_languages, render

from . import catalogs, warm
from .tasks import all_lessons

CLEAR = "\033[2J\033[H"


def _say(key: str, languages: tuple[str, ...], **values: object) -> str:
    return render(catalogs.texts("watch.toml", key), languages, **values)


def lessons_of(changed: set[str]) -> list[str]:
    """The lessons whose module is among the changed files, in course order."""
    stems = {Path(path).stem for path in changed}
    return [lesson.id for lesson in all_lessons() if lesson.module in stems]


def grade(pytest_args: list[str], first: list[str], run_timeout: float,
          languages: tuple[str, ...]) -> None:
    """Grade ``first`` lessons, then the others; or everything if ``first`` is empty."""
    rest = [lesson.id for lesson in all_lessons() if lesson.id not in first]
    runs = [lessons for lessons in (first, rest) if lessons] if first else [[]]
    for lessons in runs:
        selection = [option for lesson in lessons for option in ("--lesson", lesson)]
        # -q: no English session header, only the verdicts and the progress table
        status = warm.run(["exercises", "-q", *pytest_args, *selection], timeout=run_timeout)
        if status is None:
            print(_say("killed", languages, seconds=f"{run_timeout:g}"), flush=True)
        elif status < 0:
            print(_say("died", languages, signal=-status), flush=True)


def _lang_option(pytest_args: list[str]) -> str | None:
    """The value of ``--lang`` among the options passed on to pytest, if any."""
    for index, option in enumerate(pytest_args):
        if option.startswith("--lang="):
            return option.split("=", 1)[1]
        if option == "--lang" and index + 1 < len(pytest_args):
            return pytest_args[index + 1]
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", default="checkpoints", help="the folder to watch")
    parser.add_argument("--run-timeout", type=float, default=120.0,
                        help="kill a grading run after this many seconds")
    parser.add_argument("pytest_args", nargs="*", help="options for pytest exercises")
    args = parser.parse_args(argv)
    languages = chosen_languages(_lang_option(args.pytest_args))

    import watchfiles

    warm.prepare()
    print(CLEAR, end="")
    grade(args.pytest_args, [], args.run_timeout, languages)
    print(_say("waiting", languages, folder=args.folder), flush=True)
    try:
        for changes in watchfiles.watch(args.folder, watch_filter=watchfiles.PythonFilter(),
                                        raise_interrupt=False):
            print(CLEAR, end="", flush=True)
            grade(args.pytest_args, lessons_of({path for _, path in changes}),
                  args.run_timeout, languages)
            print(_say("waiting", languages, folder=args.folder), flush=True)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

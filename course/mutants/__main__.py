"""``make mutants``: mutate ``solutions/``, grade each mutant, print the kill scores.

    python -m course.mutants [--lesson ID ...] [--jobs N] [--report-only] [--results FILE]

Without ``--lesson``, every lesson. Two lessons run side by side (``--jobs``):
one per core. ``--results`` writes the tables into that Markdown file, between
``<!-- mutants -->`` and ``<!-- /mutants -->`` (added at its end the first time).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from course.grading.tasks import all_lessons, all_tasks, lesson_named

from . import session
from .report import headline, score_table, survivor_list

BLOCK = re.compile(r"(<!-- mutants -->\n).*?(<!-- /mutants -->)", re.S)


def _write_results(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    block = f"<!-- mutants -->\n{text}<!-- /mutants -->"
    new = BLOCK.sub(lambda _: block, old) if BLOCK.search(old) else f"{old.rstrip()}\n\n{block}\n"
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lesson", action="append", metavar="ID",
                        help="only this lesson (repeatable): "
                        + ", ".join(lesson.id for lesson in all_lessons()))
    parser.add_argument("--jobs", type=int, default=2, help="lessons at a time")
    parser.add_argument("--cold", action="store_true",
                        help="a fresh pytest per mutant, not the warm server (to compare)")
    parser.add_argument("--report-only", action="store_true",
                        help="print the last run's results, run nothing")
    parser.add_argument("--results", type=Path, help="also write the tables into this file")
    options = parser.parse_args(argv)
    try:
        lessons = [lesson_named(id) for id in options.lesson] if options.lesson else all_lessons()
    except KeyError as unknown:
        parser.error(f"unknown lesson {unknown}")

    started = time.monotonic()
    failed = []
    if not options.report_only:
        def one(lesson):
            try:
                seconds = session.run_lesson(lesson, say=lambda line: print(line, flush=True),
                                             cold=options.cold)
            except Exception as error:  # noqa: BLE001  (the other lessons go on)
                print(f"{lesson.id}: failed: {error}", flush=True)
                failed.append(lesson)
            else:
                print(f"{lesson.id}: done in {seconds / 60:.1f} min", flush=True)
        with ThreadPoolExecutor(max_workers=options.jobs) as pool:
            list(pool.map(one, lessons))
    lessons = [lesson for lesson in lessons
               if lesson not in failed and session.session_file(lesson).exists()]
    mutants = [mutant for lesson in lessons for mutant in session.read(lesson)]
    tasks = all_tasks()
    text = (f"{headline(mutants)}.\n\n{score_table(mutants, tasks)}\n"
            f"Survivors (file:line, task, operator, change):\n\n{survivor_list(mutants, tasks)}")
    print(text)
    if not options.report_only:
        print(f"Total time: {(time.monotonic() - started) / 60:.1f} min")
    if options.results:
        _write_results(options.results, text)
    if failed:
        print("Not run: " + ", ".join(lesson.id for lesson in failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

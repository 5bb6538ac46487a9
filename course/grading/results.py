"""``--results FILE``: the grading's outcome as a file, for collecting a class's grades.

- ``FILE.json``: per task its lesson, function, status (passed, failing,
  todo) and test counts; per test its task and outcome; the exit status.
- ``FILE.xml``: pytest's JUnit XML (``--junitxml``), with each test case's
  task as the property ``task``, which JUnit tools show per case.

The file is written by the grading's child. A run that ends without a
verdict, or in which the learner's code changed the grading, leaves no file:
the supervisor deletes it (``supervisor.note_results_file``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .report import Progress

FORMAT = "checkpoint-course-results/1"


def is_junit(path: str) -> bool:
    return path.lower().endswith(".xml")


def write_json(path: str, progress: Progress, implementation: str, exit_status: int) -> None:
    tasks = [{"task": entry.task.number, "lesson": entry.task.lesson,
              "function": entry.task.function, "status": entry.status,
              "passed": entry.passed, "failing": entry.failing, "todo": entry.todo,
              "total": entry.total}
             for entry in progress.per_task()]
    tests = [{"id": test_id, "task": task, "outcome": outcome}
             for test_id, (task, outcome) in sorted(progress.per_test().items())]
    document = {"format": FORMAT, "implementation": implementation,
                "exit_status": int(exit_status), "tasks": tasks, "tests": tests}
    # Written whole, then renamed: a collecting script never reads half a file.
    partial = Path(path).with_name(Path(path).name + ".partial")
    partial.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(partial, path)

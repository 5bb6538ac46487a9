"""A lesson's grading imports only what that lesson needs.

accelerate and torch.distributed.checkpoint cost about 0.1 s and 0.65 s on
top of torch. The lessons that teach them import them; grading any other
lesson must not. (torch itself imports the core of ``torch.distributed``,
so the check names DCP, the part the distributed lessons add.)
"""

from __future__ import annotations

import pytest

from course.grading.tasks import all_lessons
from tests.grading import run

HEAVY = {"accelerate": {"accelerate"},
         "torch.distributed.checkpoint": {"distributed", "asynchronous"}}


def modules_imported_by(tmp_path, lesson: str) -> set[str]:
    """What grading one lesson imports, in a warm child (a fork of a process
    that has imported torch and pytest only)."""
    out = tmp_path / "modules.txt"
    run(["exercises", "--impl", "solutions", "--lesson", lesson, "-q",
         "-p", "tests.modules_probe"], env={"MODULES_PROBE_OUT": str(out)})
    return set(out.read_text().split())


@pytest.mark.parametrize("lesson", [lesson.id for lesson in all_lessons()])
def test_heavy_modules_only_where_a_lesson_needs_them(tmp_path, lesson):
    imported = modules_imported_by(tmp_path, lesson)
    assert "torch" in imported  # the probe saw the run
    for module, lessons in HEAVY.items():
        if lesson not in lessons:
            assert module not in imported, f"grading {lesson} imports {module}"

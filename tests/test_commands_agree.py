"""The site's start pages and the README give learners the same commands and lessons.

Every command in a shell block of ``docs/<lang>/index.md`` (without its
comment) must also stand in the README, so the two never drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course.grading.tasks import all_lessons, tasks_of

ROOT = Path(__file__).resolve().parent.parent
SHELL_BLOCK = re.compile(r"```(?:bash|sh)\n(.*?)```", re.S)


def commands(text: str) -> set[str]:
    found = set()
    for block in SHELL_BLOCK.findall(text):
        for line in block.splitlines():
            command = line.split("#")[0].strip()
            if command:
                found.add(" ".join(command.split()))
    return found


@pytest.mark.parametrize("lang", ["de", "az"])
def test_start_page_commands_are_in_the_readme(lang):
    readme = " ".join(" ".join(line.split()) for line in
                      (ROOT / "README.md").read_text(encoding="utf-8").splitlines())
    page = commands((ROOT / "docs" / lang / "index.md").read_text(encoding="utf-8"))
    assert {"./grade", "make watch"} <= page
    assert not {command for command in page if command not in readme}


def test_the_readme_lists_every_lesson_as_tasks_toml_names_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for number, lesson in enumerate(all_lessons(), start=1):
        tasks = [task.number for task in tasks_of(lesson.id)]
        row = (f"| {number} | `{lesson.id}` | {lesson.title['de']} | {lesson.title['az']} | "
               f"{tasks[0]}–{tasks[-1]} |")
        assert row in readme, row

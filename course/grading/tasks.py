"""The lessons and their exercises, as described once in ``exercises/tasks.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

EXERCISES = Path(__file__).resolve().parents[2] / "exercises"


@dataclass(frozen=True)
class Lesson:
    id: str  # what --lesson takes, e.g. "basics"
    module: str  # checkpoints/<module>.py holds its stubs
    page: str  # its page, relative to a language's site root
    title: dict[str, str]


@dataclass(frozen=True)
class Task:
    number: int
    lesson: str  # the id of its lesson
    function: str  # the function the learner implements
    page: str  # where its lesson is, relative to a language's site root
    title: dict[str, str]
    hint: dict[str, str]


@cache
def _course() -> dict:
    with open(EXERCISES / "tasks.toml", "rb") as file:
        return tomllib.load(file)


@cache
def all_lessons() -> tuple[Lesson, ...]:
    """The lessons in course order: the order of tasks.toml."""
    return tuple(Lesson(**entry) for entry in _course()["lesson"])


@cache
def all_tasks() -> tuple[Task, ...]:
    """Every task of the course, by number."""
    entries = _course().get("task", [])
    return tuple(sorted((Task(**entry) for entry in entries), key=lambda t: t.number))


def task_numbered(number: int) -> Task:
    for task in all_tasks():
        if task.number == number:
            return task
    raise KeyError(number)


def lesson_named(lesson_id: str) -> Lesson:
    for lesson in all_lessons():
        if lesson.id == lesson_id:
            return lesson
    raise KeyError(lesson_id)


def tasks_of(lesson_id: str) -> tuple[Task, ...]:
    return tuple(task for task in all_tasks() if task.lesson == lesson_id)

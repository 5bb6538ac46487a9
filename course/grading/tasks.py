"""The exercises, as described once in ``exercises/tasks.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

EXERCISES = Path(__file__).resolve().parents[2] / "exercises"


@dataclass(frozen=True)
class Task:
    number: int
    function: str  # the function the learner implements
    page: str  # where its lesson is, relative to a language's site root
    title: dict[str, str]
    hint: dict[str, str]


@cache
def all_tasks() -> tuple[Task, ...]:
    with open(EXERCISES / "tasks.toml", "rb") as file:
        entries = tomllib.load(file)["task"]
    return tuple(sorted((Task(**entry) for entry in entries), key=lambda t: t.number))


def task_numbered(number: int) -> Task:
    for task in all_tasks():
        if task.number == number:
            return task
    raise KeyError(number)

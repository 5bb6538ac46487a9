"""Which task a line of a lesson's ``solutions/<module>.py`` belongs to.

A line belongs to the top-level function or class that encloses it. A task's
own ``function`` (``exercises/tasks.toml``) is that task's; a helper belongs
to the one task whose code reaches it through calls, directly or through other
helpers. A helper that several tasks share, or none, and module-level code
(imports, constants) belong to the lesson's ``SHARED`` row: no single task's
grading is answerable for them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

SHARED = "shared"


def top_level_spans(source: str) -> dict[str, tuple[int, int]]:
    """Each top-level function or class: its first line (decorators included) and last line."""
    spans = {}
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            spans[node.name] = (first, node.end_lineno)
    return spans


def _references(source: str, names: set[str]) -> dict[str, set[str]]:
    """For each top-level definition, the other top-level definitions its body names."""
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            used = {child.id for child in ast.walk(node) if isinstance(child, ast.Name)}
            found[node.name] = (used & names) - {node.name}
    return found


def owners(source: str, task_functions: Iterable[str]) -> dict[str, str]:
    """Each top-level definition -> the task function it belongs to, or ``SHARED``."""
    task_functions = list(task_functions)
    spans = top_level_spans(source)
    calls = _references(source, set(spans))
    reached_by: dict[str, set[str]] = {name: set() for name in spans}
    for task in task_functions:
        if task not in spans:
            continue
        todo, seen = [task], {task}
        while todo:
            for callee in calls[todo.pop()]:
                if callee not in seen:
                    seen.add(callee)
                    todo.append(callee)
        for name in seen:
            reached_by[name].add(task)
    tasks = set(task_functions)
    return {name: name if name in tasks else next(iter(by)) if len(by) == 1 else SHARED
            for name, by in reached_by.items()}


class Attribution:
    """Line number -> (task function or ``SHARED``, enclosing top-level name or None)."""

    def __init__(self, source: str, task_functions: Iterable[str]) -> None:
        self.spans = top_level_spans(source)
        self.owner = owners(source, list(task_functions))

    def of_line(self, line: int) -> tuple[str, str | None]:
        for name, (first, last) in self.spans.items():
            if first <= line <= last:
                return self.owner[name], name
        return SHARED, None

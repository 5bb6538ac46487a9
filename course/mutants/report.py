"""The kill scores per task and per lesson, and the survivors, as Markdown.

Markdown tables read well in a terminal and paste into ``bench/results.md``
as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from course.grading.tasks import Task

from .attribution import SHARED

KILLED, SURVIVED, INCOMPETENT, PENDING = "killed", "survived", "incompetent", "pending"
# Inside a type annotation that never runs (``from __future__ import annotations``).
SKIPPED = "skipped"


@dataclass(frozen=True)
class Mutant:
    lesson: str
    path: str  # relative to the course, e.g. "solutions/basics.py"
    line: int
    operator: str  # cosmic-ray's name, e.g. "core/ReplaceComparisonOperator_Lt_LtE"
    change: str  # the changed line, before -> after
    outcome: str  # KILLED (a timeout too), SURVIVED, SKIPPED, INCOMPETENT (could not run), PENDING
    owner: str  # the task's function, or SHARED
    where: str | None  # the enclosing top-level definition, None at module level


def change_of(diff: str) -> str:
    """The removed and added lines of a unified diff, as ``old -> new``."""
    lines = [line for line in diff.splitlines() if not line.startswith(("---", "+++"))]
    old = " ".join(line[1:].strip() for line in lines if line.startswith("-"))
    new = " ".join(line[1:].strip() for line in lines if line.startswith("+"))
    return f"{old} -> {new}"


def _counts(mutants: Sequence[Mutant]) -> str:
    skipped = sum(m.outcome == SKIPPED for m in mutants)
    killed = sum(m.outcome == KILLED for m in mutants)
    survived = sum(m.outcome == SURVIVED for m in mutants)
    other = len(mutants) - skipped - killed - survived
    judged = killed + survived
    score = f"{100 * killed / judged:.0f} %" if judged else "–"
    return f"{len(mutants)} | {skipped} | {killed} | {survived} | {other} | {score}"


def headline(mutants: Iterable[Mutant]) -> str:
    """How many mutants there were and what became of them; the parts add up.

    ``870 mutants: 418 skipped (inside type annotations that never run),
    2 could not be applied, 450 graded (431 killed, 19 survived)``
    """
    mutants = list(mutants)
    count = {outcome: sum(m.outcome == outcome for m in mutants)
             for outcome in (SKIPPED, INCOMPETENT, PENDING, KILLED, SURVIVED)}
    parts = [f"{count[SKIPPED]} skipped (inside type annotations that never run)",
             f"{count[INCOMPETENT]} could not be applied"]
    if count[PENDING]:
        parts.append(f"{count[PENDING]} not graded yet (the run was stopped)")
    parts.append(f"{count[KILLED] + count[SURVIVED]} graded ({count[KILLED]} killed, "
                 f"{count[SURVIVED]} survived)")
    return f"{len(mutants)} mutants: " + ", ".join(parts)


def score_table(mutants: Iterable[Mutant], tasks: Sequence[Task]) -> str:
    """A row per task, per lesson's shared code (if it has mutants), per lesson, and for all.

    Mutants = skipped + killed + survived + not run. Score: killed / (killed +
    survived); skipped mutants (in annotations, which never run) are not graded.
    """
    mutants = list(mutants)
    rows = ["| Task | Code | Mutants | Skipped | Killed | Survived | Not run | Score |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    lessons = list(dict.fromkeys(m.lesson for m in mutants))
    for lesson in lessons:
        of_lesson = [m for m in mutants if m.lesson == lesson]
        for task in (t for t in tasks if t.lesson == lesson):
            of_task = [m for m in of_lesson if m.owner == task.function]
            rows.append(f"| {task.number} | `{task.function}` | {_counts(of_task)} |")
        shared = [m for m in of_lesson if m.owner == SHARED]
        if shared:
            rows.append(f"| | {lesson}: shared code | {_counts(shared)} |")
        rows.append(f"| **{lesson}** | all of `{of_lesson[0].path}` | {_counts(of_lesson)} |")
    if len(lessons) > 1:
        rows.append(f"| **course** | | {_counts(mutants)} |")
    return "\n".join(rows) + "\n"


def survivor_list(mutants: Iterable[Mutant], tasks: Sequence[Task]) -> str:
    """Each survivor: file and line, its task, the operator and the change."""
    number = {task.function: task.number for task in tasks}
    lines = []
    for m in sorted((m for m in mutants if m.outcome == SURVIVED), key=lambda m: (m.path, m.line)):
        owner = f"task {number[m.owner]}" if m.owner in number else f"{m.lesson}: shared"
        where = f", in `{m.where}`" if m.where else ""
        operator = m.operator.removeprefix("core/")
        lines.append(f"- `{m.path}:{m.line}` ({owner}{where}) {operator}: `{m.change}`")
    return "\n".join(lines) + "\n" if lines else "No survivors.\n"

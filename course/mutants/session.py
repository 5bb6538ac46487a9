"""One lesson's mutation run: a copy of the course, a warm grading server, cosmic-ray.

cosmic-ray writes each mutant into the file it mutates and puts the original
back afterwards. It does so in a copy of the course under
``_build/mutants/<lesson>/course``, so that a run that is killed half-way
never leaves a mutant in ``solutions/``, and two lessons can run side by side.

Its test command asks a warm grading server (``python -m
course.grading.warm --socket``, started in the copy) for the lesson's
grading: each mutant costs a fork, not a cold ``import torch``. The server's
children re-import ``solutions`` each time, and nothing writes bytecode, so
each grading sees the mutant as it is on disk.
"""

from __future__ import annotations

import ast
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from course.grading.tasks import Lesson, tasks_of

from .attribution import Attribution
from .report import INCOMPETENT, KILLED, PENDING, SKIPPED, SURVIVED, Mutant, change_of

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "_build" / "mutants"
# Not part of what a grading reads; __pycache__ would be stale beside a mutant.
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "node_modules", "_build", "__pycache__",
                                    "*.pyc", ".pytest_cache", "checkpoint.pth")
# Kill a mutant's grading past this multiple of the unmutated grading's time
# (plus a margin): a mutant that makes a loop endless is a kill, not a hang.
SLOWER = 4
MARGIN_S = 30
# The grading's own options: stop at the first failing test (one is enough to kill).
GRADING = ["exercises", "--impl", "solutions", "-x", "-q", "-p", "no:randomly"]


def folder_of(lesson: Lesson) -> Path:
    return BUILD / lesson.id


def session_file(lesson: Lesson) -> Path:
    return folder_of(lesson) / "session.sqlite"


def _copy_course(target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT, target, ignore=NOT_COPIED)


class WarmServer:
    """``python -m course.grading.warm --socket`` in ``course``; stopped and reaped on exit."""

    def __init__(self, course: Path) -> None:
        self.folder = tempfile.mkdtemp(prefix="mutants-")  # a short path: sockets allow ~100 bytes
        self.socket = str(Path(self.folder) / "warm.sock")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "course.grading.warm", "--socket", self.socket], cwd=course,
            stdout=subprocess.PIPE, text=True, env=_no_bytecode())

    def __enter__(self) -> WarmServer:
        ready = self.process.stdout.readline()
        if json.loads(ready or "{}") != {"ready": True}:
            self.__exit__()
            raise RuntimeError("the warm grading server did not start")
        return self

    def client(self, timeout: float) -> list[str]:
        """The command that grades once through this server."""
        return [sys.executable, "-m", "course.grading.warm_client", "--socket", self.socket,
                "--timeout", f"{timeout:.0f}", "--"]

    def __exit__(self, *exc) -> None:
        try:
            from course.grading.warm_client import ask
            if self.process.poll() is None:
                ask(self.socket, {"stop": True})
            self.process.wait(timeout=30)
        except Exception:  # noqa: BLE001  (whatever went wrong: never leave it running)
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


class ColdPytest:
    """A fresh interpreter per mutant, the plain way: only to measure what the server saves."""

    def __enter__(self) -> ColdPytest:
        return self

    def client(self, timeout: float) -> list[str]:
        return [sys.executable, "-m", "pytest"]

    def __exit__(self, *exc) -> None:
        pass


def _no_bytecode() -> dict[str, str]:
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def _config(module_path: str, command: list[str], timeout: float) -> str:
    return "\n".join([
        "[cosmic-ray]",
        f"module-path = {json.dumps(module_path)}",
        f"timeout = {timeout:.1f}",
        "excluded-modules = []",
        f"test-command = {json.dumps(shlex.join(command))}",
        "",
        "[cosmic-ray.distributor]",
        'name = "local"',
        "",
    ])


def _cosmic_ray(*args: str, cwd: Path, log: Path) -> None:
    with open(log, "a", encoding="utf-8") as out:
        subprocess.run([sys.executable, "-m", "cosmic_ray.cli", *args], cwd=cwd, check=True,
                       stdout=out, stderr=subprocess.STDOUT, env=_no_bytecode())


def run_lesson(lesson: Lesson, say=print, cold: bool = False) -> float:
    """Mutate ``solutions/<module>.py`` of ``lesson`` and grade each mutant; the seconds it took.

    ``cold``: a plain ``python -m pytest`` per mutant instead of the warm server (to compare).
    """
    started = time.monotonic()
    folder = folder_of(lesson)
    course = folder / "course"
    folder.mkdir(parents=True, exist_ok=True)
    _copy_course(course)
    log = folder / "cosmic-ray.log"
    log.write_text("", encoding="utf-8")
    grading = [*GRADING, "--lesson", lesson.id]
    with (ColdPytest() if cold else WarmServer(course)) as server:
        before = time.monotonic()
        status = subprocess.run([*server.client(600), *grading], cwd=course,
                                stdout=subprocess.PIPE, text=True, env=_no_bytecode())
        baseline = time.monotonic() - before
        if status.returncode != 0:
            raise RuntimeError(f"{lesson.id}: the grading fails without any mutant:\n"
                               + status.stdout[-2000:])
        timeout = SLOWER * baseline + MARGIN_S
        config = folder / "cosmic-ray.toml"
        config.write_text(_config(f"solutions/{lesson.module}.py",
                                  [*server.client(timeout), *grading], timeout + MARGIN_S),
                          encoding="utf-8")
        session = session_file(lesson)
        session.unlink(missing_ok=True)
        _cosmic_ray("init", str(config), str(session), cwd=course, log=log)
        skipped = skip_annotations(session,
                                   (course / "solutions" / f"{lesson.module}.py").read_text("utf-8"))
        total = count(session)
        say(f"{lesson.id}: grading {baseline:.1f} s unmutated; {total} mutants: {skipped} skipped "
            f"(inside type annotations that never run), {total - skipped} to grade")
        _cosmic_ray("exec", str(config), str(session), cwd=course, log=log)
    return time.monotonic() - started


def annotation_spans(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Where the type annotations are, as ((line, column), (end line, end column)).

    Empty unless the module has ``from __future__ import annotations``: only
    then are its annotations never evaluated, and a mutant there equivalent.
    """
    tree = ast.parse(source)
    lazy = any(isinstance(node, ast.ImportFrom) and node.module == "__future__"
               and any(alias.name == "annotations" for alias in node.names) for node in tree.body)
    if not lazy:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = node.args
            annotations = [arg.annotation for arg in (*arguments.posonlyargs, *arguments.args,
                                                      *arguments.kwonlyargs,
                                                      arguments.vararg, arguments.kwarg)
                           if arg is not None]
            annotations.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            annotations = [node.annotation]
        else:
            continue
        found += [((a.lineno, a.col_offset), (a.end_lineno, a.end_col_offset))
                  for a in annotations if a is not None]
    return found


def skip_annotations(session: Path, source: str) -> int:
    """Mark the mutants inside type annotations as skipped, the way cosmic-ray's
    own filters (``cr-filter-pragma``) mark theirs; how many."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult
    spans = annotation_spans(source)
    with use_db(str(session), WorkDB.Mode.open) as db:
        inside = [item.job_id for item in db.work_items
                  if any(start <= tuple(item.mutations[0].start_pos) < end for start, end in spans)]
        db.set_multiple_results(inside, WorkResult(worker_outcome=WorkerOutcome.SKIPPED))
    return len(inside)


def count(session: Path) -> int:
    from cosmic_ray.work_db import WorkDB, use_db
    with use_db(str(session), WorkDB.Mode.open) as db:
        return db.num_work_items


def _outcome(result) -> str:
    if result is None:
        return PENDING
    if result.worker_outcome.value == "skipped":
        return SKIPPED
    if result.test_outcome is None:
        return INCOMPETENT  # no test ran: the mutation could not be applied
    return {"killed": KILLED, "survived": SURVIVED}.get(result.test_outcome.value, INCOMPETENT)


def read(lesson: Lesson) -> list[Mutant]:
    """The mutants of ``lesson``'s last session, with their outcome and task."""
    from cosmic_ray.work_db import WorkDB, use_db
    session = session_file(lesson)
    path = f"solutions/{lesson.module}.py"
    # Attribute by the source cosmic-ray mutated (the copy), whose lines its positions count.
    source = (folder_of(lesson) / "course" / path).read_text(encoding="utf-8")
    attribution = Attribution(source, [task.function for task in tasks_of(lesson.id)])
    with use_db(str(session), WorkDB.Mode.open) as db:
        results = dict(db.results)
        items = db.work_items
    mutants = []
    for item in items:
        mutation = item.mutations[0]
        result = results.get(item.job_id)
        line = mutation.start_pos[0]
        owner, where = attribution.of_line(line)
        change = change_of(result.diff) if result is not None and result.diff else ""
        mutants.append(Mutant(lesson.id, path, line, mutation.operator_name, change,
                              _outcome(result), owner, where))
    return mutants

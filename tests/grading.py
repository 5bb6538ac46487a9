"""Run the grading suite on an implementation and read back each test's verdict.

``make test`` grades dozens of implementations (stubs, reference, every
mistake module). Each grading runs in a fresh child forked from a warm server
(``python -m course.grading.warm``) that imported torch and pytest once, two
servers for the two cores of the course machines, instead of a new
interpreter per grading.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVERS = 2
GRADING_TIMEOUT_S = 600


@dataclass
class Verdict:
    module: str  # the grading module, e.g. "test_task1_save_checkpoint"
    outcome: str  # "passed", "failed", "error" or "skipped"
    message: str  # what the learner reads ("" when passed)


class _Server:
    """One warm grading server: a request per line in, a reply per line out."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "course.grading.warm"], cwd=ROOT, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        assert json.loads(self.process.stdout.readline()) == {"ready": True}

    def run(self, args: list[str], env: dict[str, str], output: str) -> int | None:
        request = {"args": args, "env": env, "timeout": GRADING_TIMEOUT_S, "output": output}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())["status"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


_idle: queue.Queue[_Server] | None = None
_lock = threading.Lock()


def _server() -> _Server:
    global _idle
    with _lock:
        if _idle is None:
            _idle = queue.Queue()
            servers = [_Server() for _ in range(SERVERS)]
            for server in servers:
                _idle.put(server)
            atexit.register(lambda: [server.close() for server in servers])
    return _idle.get()


def run(args: list[str], env: dict[str, str], output: str = os.devnull) -> int | None:
    """``pytest <args>`` in a warm child; its exit status (``None``: it ran too long).

    Safe to call from several threads: each call takes an idle server.
    """
    server = _server()
    try:
        return server.run(args, env=env, output=output)
    finally:
        _idle.put(server)


def cold_run(args: list[str], env: dict[str, str], output: str = os.devnull) -> int | None:
    """``pytest <args>`` in a new interpreter; its exit status (``None``: it ran too long)."""
    with open(output, "w") as out:
        try:
            return subprocess.run([sys.executable, "-m", "pytest", *args], cwd=ROOT,
                                  env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT,
                                  timeout=GRADING_TIMEOUT_S).returncode
        except subprocess.TimeoutExpired:
            return None


class GradingFailed(Exception):
    """A grading run that ended without a verdict for each of its tests."""


def grade(impl: str, *options: str, lang: str = "de",
          env: dict[str, str] | None = None, cold: bool = False) -> dict[str, Verdict]:
    """``pytest exercises --impl impl``; test name (with parameters) -> verdict.

    Test names are unique across the grading modules, so the bare name is the key.
    A run that ends without its verdicts (killed, timed out, interrupted in the
    middle of a test) raises ``GradingFailed`` with the end of its output.
    ``cold``: in a new interpreter instead of a warm server's fork, for ``env``
    that the grading's child processes must see too (the warm server's
    forkserver was started before it).
    """
    with tempfile.TemporaryDirectory() as folder:
        report, output = Path(folder) / "report.xml", Path(folder) / "output.txt"
        status = (cold_run if cold else run)(["exercises", "--impl", impl, "-q", "-p", "no:randomly",
                      f"--junitxml={report}", *options],
                     env={"COURSE_LANG": lang, **(env or {})}, output=str(output))
        verdicts = _verdicts(report) if report.exists() else None
        unfinished = [name for name, v in (verdicts or {}).items() if v.outcome == UNFINISHED]
        if status not in (0, 1) or verdicts is None or unfinished:
            tail = "\n".join(output.read_text(errors="replace").splitlines()[-40:])
            raise GradingFailed(f"grading {impl} {' '.join(options)}: exit status {status}, "
                                f"unfinished tests {unfinished}; its output ends:\n{tail}")
        return verdicts


UNFINISHED = "unfinished"  # a test that started and never reported (the run was cut short)


def _verdicts(report: Path) -> dict[str, Verdict]:
    verdicts = {}
    for case in ElementTree.parse(report).iter("testcase"):
        if case.get("classname") is None:  # pytest opened it, no report of its own came
            verdicts[f"<test {len(verdicts) + 1}>"] = Verdict("", UNFINISHED, "")
            continue
        outcome, message = "passed", ""
        for kind in ("failure", "error", "skipped"):
            found = case.find(kind)
            if found is not None:
                outcome = {"failure": "failed"}.get(kind, kind)
                message = (found.text or found.get("message") or "").strip()
        module = case.get("classname").rpartition(".")[2]
        verdicts[case.get("name")] = Verdict(module, outcome, message)
    return verdicts

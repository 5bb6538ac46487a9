"""Run the grading suite on an implementation and read back each test's verdict."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Verdict:
    module: str  # the grading module, e.g. "test_task1_save_checkpoint"
    outcome: str  # "passed", "failed", "error" or "skipped"
    message: str  # what the learner reads ("" when passed)


def grade(impl: str, *options: str, lang: str = "de") -> dict[str, Verdict]:
    """``pytest exercises --impl impl``; test name (with parameters) -> verdict.

    Test names are unique across the grading modules, so the bare name is the key.
    """
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.xml"
        env = {**os.environ, "COURSE_LANG": lang, "PYTHONDONTWRITEBYTECODE": "1"}
        subprocess.run(
            [sys.executable, "-m", "pytest", "exercises", "--impl", impl, "-q",
             "-p", "no:randomly", f"--junitxml={report}", *options],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
        )
        return _verdicts(report)


def _verdicts(report: Path) -> dict[str, Verdict]:
    verdicts = {}
    for case in ElementTree.parse(report).iter("testcase"):
        outcome, message = "passed", ""
        for kind in ("failure", "error", "skipped"):
            found = case.find(kind)
            if found is not None:
                outcome = {"failure": "failed"}.get(kind, kind)
                message = (found.text or found.get("message") or "").strip()
        module = case.get("classname").rpartition(".")[2]
        verdicts[case.get("name")] = Verdict(module, outcome, message)
    return verdicts

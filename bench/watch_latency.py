"""How long ``make watch`` takes from saving a file to the verdict of its lesson.

A real watcher (``course.grading.watch``) watches a folder of its own holding
``basics.py``, the module of the basics lesson, which takes the reference
functions. The bench saves that file again and again and times each save to
pytest's closing line of the run that grades the basics lesson, the first
run after a save.
"""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOSING_LINE = re.compile(r"^\d+ passed.* in [\d.]+s")
WAITING = "Warte auf"  # the German "waiting for changes" line of the watcher


def _module(generation: int) -> str:
    return f"from solutions.basics import load_checkpoint, save_checkpoint  # {generation}\n"


def save_to_verdict(repeats: int) -> list[float]:
    """Seconds from each save of ``basics.py`` to the basics lesson's verdict."""
    with tempfile.TemporaryDirectory(prefix="bench-watch-") as folder:
        learner = Path(folder) / "basics.py"
        learner.write_text(_module(0), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": f"{folder}{os.pathsep}{ROOT}", "COURSE_LANG": "de"}
        watcher = subprocess.Popen(
            [sys.executable, "-m", "course.grading.watch", "--folder", folder,
             "--", "--impl", "basics", "--lesson", "basics"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=lambda: [lines.put((time.perf_counter(), line))
                                         for line in watcher.stdout], daemon=True).start()
        try:
            _until(lines, WAITING, timeout=120)
            times = []
            for generation in range(1, repeats + 1):
                # watchfiles starts watching only once the watcher waits: give it
                # a moment, as a learner's next save always does.
                time.sleep(1)
                saved = time.perf_counter()
                learner.write_text(_module(generation), encoding="utf-8")
                verdict_at = _until(lines, CLOSING_LINE, timeout=120)
                times.append(verdict_at - saved)
                _until(lines, WAITING, timeout=120)
            return times
        finally:
            watcher.kill()
            watcher.wait()


def _until(lines: queue.Queue, wanted: str | re.Pattern, timeout: float) -> float:
    """When the first line matching ``wanted`` was printed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            at, line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if (wanted.search(line) if isinstance(wanted, re.Pattern) else wanted in line):
            return at
    raise TimeoutError(f"the watcher printed no {wanted!r} within {timeout} s")


if __name__ == "__main__":
    print(save_to_verdict(int(sys.argv[1]) if len(sys.argv) > 1 else 3))

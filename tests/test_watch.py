"""``make watch``: a hanging grading run is killed, and the watcher goes on.

A real watcher process watches a folder of its own with a learner module in
it. The first version hangs: the watcher kills that grading run after its
time limit, with whatever it started, and keeps watching. Saving a correct
version is graded again, importing the new file, and passes.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from course.grading.catalogs import texts

ROOT = Path(__file__).resolve().parent.parent

HANGS = """\
from solutions import load_checkpoint


def save_checkpoint(model, optimizer, epoch, filename="checkpoint.pth", loss=None):
    while True:  # "wait until the disk is ready"
        pass
"""
CORRECT = "from solutions import load_checkpoint, save_checkpoint\n"


class Lines:
    """The watcher's output, line by line, readable with a deadline."""

    def __init__(self, stream) -> None:
        self.seen: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self._queue.put(line) for line in stream],
                         daemon=True).start()

    def until(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._queue.get(timeout=0.2)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text in line:
                return
        raise AssertionError(f"no {text!r} within {timeout} s; output:\n" + "".join(self.seen))


def words(key: str) -> str:
    """A fixed part of a watcher message in German, without its placeholders."""
    return texts("watch.toml", key)["de"].split("{")[0].strip()


def test_a_hanging_run_is_killed_and_the_watcher_goes_on(tmp_path):
    learner = tmp_path / "learner.py"
    learner.write_text(HANGS, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}", "COURSE_LANG": "de"}
    watcher = subprocess.Popen(
        [sys.executable, "-m", "course.grading.watch", "--folder", str(tmp_path),
         "--run-timeout", "8", "--", "--impl", "learner", "--task", "1",
         "-k", "test_writes_the_file_it_is_given"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = Lines(watcher.stdout)
        lines.until(words("killed"), timeout=60)
        lines.until(words("waiting"), timeout=10)
        leftovers = [p for p in psutil.Process(watcher.pid).children(recursive=True)
                     if "multiprocessing" not in " ".join(p.cmdline())]
        assert leftovers == [], "the hanging grading run was not reaped"

        time.sleep(0.2)  # a new modification time, whatever the file system's resolution
        learner.write_text(CORRECT, encoding="utf-8")
        lines.until("bestanden", timeout=60)
        lines.until(words("waiting"), timeout=10)
        assert watcher.poll() is None, "the watcher stopped"
    finally:
        watcher.send_signal(signal.SIGINT)
        try:
            watcher.wait(timeout=10)
        except subprocess.TimeoutExpired:
            watcher.kill()
            watcher.wait()

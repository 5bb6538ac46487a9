"""``make watch``: what the screen shows after a save; a hanging run is killed; Ctrl+C.

A real watcher process watches a folder of its own with a learner module in
it. In the first test the module is the basics lesson's, half done: after a
save, the screen ends with that lesson's table and the next task to do, and
the rest of the course is graded out of sight. In the second, the first
version hangs: the watcher kills that grading run after its time limit, with
whatever it started, and keeps watching. Saving a correct version is graded
again, importing the new file, and passes. Ctrl+C ends both with a sentence.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from course.grading.catalogs import texts
from course.grading.report import FAILING, PASSED
from course.grading.tasks import all_tasks
from course.grading.watch import changes_elsewhere

ROOT = Path(__file__).resolve().parent.parent

HANGS = """\
from solutions import load_checkpoint


def save_checkpoint(model, optimizer, epoch, filename="checkpoint.pth", loss=None):
    while True:  # "wait until the disk is ready"
        pass
"""
CORRECT = "from solutions import load_checkpoint, save_checkpoint\n"
HALF_DONE = """\
from solutions.basics import save_checkpoint


def load_checkpoint(*args, **kwargs):
    raise NotImplementedError("load_checkpoint")
"""


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


def start_watcher(folder: Path, *options: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": f"{folder}{os.pathsep}{ROOT}", "COURSE_LANG": "de"}
    return subprocess.Popen(
        [sys.executable, "-m", "course.grading.watch", "--folder", str(folder), *options],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def stop_with_ctrl_c(watcher: subprocess.Popen, lines: Lines) -> None:
    """Ctrl+C: the watcher says it stopped, in the learner's language, and exits 0."""
    watcher.send_signal(signal.SIGINT)
    lines.until(words("stopped"), timeout=30)
    assert watcher.wait(timeout=30) == 0
    assert not [line for line in lines.seen if "Traceback" in line or "KeyboardInterrupt" in line]


def test_after_a_save_the_screen_ends_with_its_lesson_and_the_next_task(tmp_path):
    learner = tmp_path / "basics.py"  # the basics lesson's module: a save grades that lesson
    learner.write_text(HALF_DONE, encoding="utf-8")
    # The grading tests of tasks 1 to 3 only: the rest of the course is task 3, quick to fail.
    watcher = start_watcher(tmp_path, "--", "--impl", "basics", "-k", "task1_ or task2_ or task3_")
    try:
        lines = Lines(watcher.stdout)
        lines.until(words("waiting"), timeout=240)  # the whole course, graded at the start
        time.sleep(1)  # watchfiles watches once the watcher waits
        learner.write_text(HALF_DONE + "# saved again\n", encoding="utf-8")
        saved = len(lines.seen)
        lines.until(words("waiting"), timeout=240)
        screen = [line.rstrip("\n") for line in lines.seen[saved:-1]]
        shown = "\n".join(screen)
        assert "Lektion 1: Checkpoints speichern und laden" in shown, shown
        assert "Lektion 2:" not in shown, "the rest of the course belongs out of sight"
        assert "Als Nächstes: Aufgabe 2, Checkpoint laden (Lektion 1). " \
               "Bewerten: ./grade --task 2" in shown
        assert re.search(r"^\d+ passed, \d+ todo in ", screen[-1]), "the lesson's verdict comes last"
        assert "warning" not in shown.lower()
        stop_with_ctrl_c(watcher, lines)
    finally:
        if watcher.poll() is None:
            watcher.kill()
        watcher.wait()


def test_a_hanging_run_is_killed_and_the_watcher_goes_on(tmp_path):
    learner = tmp_path / "learner.py"
    learner.write_text(HANGS, encoding="utf-8")
    watcher = start_watcher(tmp_path, "--run-timeout", "8", "--", "--impl", "learner",
                            "--task", "1", "-k", "test_writes_the_file_it_is_given")
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
        stop_with_ctrl_c(watcher, lines)
    finally:
        if watcher.poll() is None:
            watcher.kill()
        watcher.wait()


def test_a_change_in_another_lesson_is_told_with_the_next_task_it_makes():
    """The rest of the course, graded out of sight after the save, changed (task 9 broke)."""
    before = {task.number: PASSED for task in all_tasks() if task.lesson != "accelerate"}
    after = {**before, 9: FAILING}
    graded = {3: PASSED, 4: PASSED}  # the saved lesson's run
    lines = changes_elsewhere(graded, before, after, ("de",))
    assert lines[:3] == [
        "",
        "Auch geändert: Aufgabe 9, Die letzten k Checkpoints und den besten behalten "
        "(Lektion 5): nicht bestanden",
        "Alle Aufgaben dieses Laufs sind bestanden.",
    ]
    assert lines[3].startswith("Als Nächstes: Aufgabe 9, ")
    assert changes_elsewhere(graded, before, dict(before), ("de", "az")) == []

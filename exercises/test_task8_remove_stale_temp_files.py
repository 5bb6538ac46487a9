"""Aufgabe 8 / Tapşırıq 8: remove_stale_temp_files."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
import torch
from runs import crash_safe as runs

from course.grading.feedback import Feedback, expect, short_error
from course.grading.processes import kill, started, tail

pytestmark = pytest.mark.task(8)

READY_S = 10.0


def names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def listed(files) -> str:
    return ", ".join(sorted(files)) or "-"


def crash_in_the_middle(impl: str, path: Path, log: Path) -> set[str]:
    """Save ``path`` with the learner's atomic_save in a child, SIGKILL it inside its
    fsync of the new file, and return the names of the files it left behind."""
    folder = path.parent
    ready = folder.parent / f"{folder.name}-ready"  # outside the folder under test
    ready.unlink(missing_ok=True)
    before = names(folder)
    with started(runs.hang_in_fsync, impl, str(path), str(ready), log=log) as child:
        deadline = time.monotonic() + READY_S
        while not ready.exists() and child.exitcode is None and time.monotonic() < deadline:
            time.sleep(0.002)
        if not ready.exists():
            if child.exitcode == 0:  # saved without ever calling os.fsync
                raise Feedback("crash_safe.no_file_fsync")
            if child.exitcode is None:
                raise Feedback("crash_safe.child_stuck", seconds=f"{READY_S:g}")
            raise Feedback("crash_safe.child_failed", code=child.exitcode, log=tail(log))
        kill(child)
    expect(child.exitcode == -signal.SIGKILL, "crash_safe.child_failed",
           code=child.exitcode, log=tail(log))
    return names(folder) - before


def clean(remove_stale_temp_files, path: Path, leftovers: set[str], keep: set[str]) -> None:
    """Clean up ``path``: exactly ``leftovers`` must go, and be what is returned."""
    folder = path.parent
    before = names(folder)
    returned = remove_stale_temp_files(path)
    after = names(folder)
    gone = before - after
    expect(path.name in after or path.name not in before, "crash_safe_cleanup.removed_target",
           filename=path.name)
    expect(not (gone - leftovers), "crash_safe_cleanup.removed_other",
           filename=path.name, files=listed(gone - leftovers))
    expect(not (leftovers & after), "crash_safe_cleanup.leftover_stays",
           filename=path.name, files=listed(leftovers & after))
    expect(keep <= after, "crash_safe_cleanup.removed_other",
           filename=path.name, files=listed(keep - after))
    expect(isinstance(returned, list), "crash_safe_cleanup.not_a_list", result=returned)
    said = {Path(p).name for p in returned}
    expect(said == gone and all(Path(p).parent.resolve() == folder.resolve() for p in returned),
           "crash_safe_cleanup.wrong_list", returned=listed(map(str, returned)),
           removed=listed(str(folder / name) for name in gone))


def test_nothing_to_clean_up(remove_stale_temp_files, tmp_path):
    path = tmp_path / "latest.pth"  # a fresh run: not even the checkpoint exists
    (tmp_path / "notes.txt").write_text("lr=0.1")
    clean(remove_stale_temp_files, path, leftovers=set(), keep={"notes.txt"})


@pytest.mark.processes
@pytest.mark.timeout(60)
def test_removes_what_killed_saves_left_behind(remove_stale_temp_files, atomic_save,
                                               tmp_path, request):
    impl = request.config.getoption("--impl")
    folder = tmp_path / "run"
    folder.mkdir()
    latest, best = folder / "latest.pth", folder / "best.pth"
    remove_stale_temp_files(latest)  # a stub fails here, as todo
    atomic_save(runs.state(0), latest)
    atomic_save(runs.state(0), best)
    (folder / "notes.txt").write_text("lr=0.1")
    (folder / "logs").mkdir()
    log = tmp_path / "child.log"
    mine = crash_in_the_middle(impl, latest, log) | crash_in_the_middle(impl, latest, log)
    theirs = crash_in_the_middle(impl, best, log)
    # latest.pth first: best.pth's leftovers belong to another checkpoint
    clean(remove_stale_temp_files, latest, mine, keep={"best.pth", "notes.txt", "logs", *theirs})
    clean(remove_stale_temp_files, best, theirs, keep={"latest.pth", "notes.txt", "logs"})
    for path in (latest, best):  # the checkpoints themselves are whole
        try:
            torch.load(path, weights_only=True)
        except Exception as error:
            raise Feedback("crash_safe.unreadable", filename=path.name, error=short_error(error)) from None

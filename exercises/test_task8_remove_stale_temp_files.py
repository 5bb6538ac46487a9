"""Aufgabe 8 / Tapşırıq 8: remove_stale_temp_files."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
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


class _ReverseScandir:
    """What ``os.scandir`` returns, with the entries in reverse order of their names."""

    def __init__(self, real) -> None:
        with real as entries:
            self._entries = iter(sorted(entries, key=lambda entry: entry.name, reverse=True))

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._entries)

    def __enter__(self):
        return self

    def __exit__(self, *exception) -> None:
        return None

    def close(self) -> None:
        pass


@contextlib.contextmanager
def listed_in_reverse(monkeypatch, module):
    """os.listdir and os.scandir (glob and pathlib use them) list a folder in reverse
    order: a result that is not sorted shows, whatever order the file system has."""
    real_listdir, real_scandir = os.listdir, os.scandir
    wrappers = {real_listdir: lambda path=".": sorted(real_listdir(path), reverse=True),
                real_scandir: lambda path=".": _ReverseScandir(real_scandir(path))}
    with monkeypatch.context() as patch:
        for where in (os, module):  # also where the learner wrote `from os import scandir`
            for name, value in list(vars(where).items()) if where else ():
                if any(value is real for real in wrappers):
                    patch.setattr(where, name, wrappers[value])
        yield


def clean(remove_stale_temp_files, path: Path, leftovers: set[str], keep: set[str],
          given: str | None = None, stays: str = "crash_safe_cleanup.leftover_stays",
          monkeypatch=None, module=None) -> None:
    """Clean up ``path`` (passed as ``given`` if set): exactly ``leftovers`` must go, and be
    what is returned, sorted. ``stays`` is the verdict when leftovers stay."""
    folder = path.parent
    before = names(folder)
    try:
        with listed_in_reverse(monkeypatch, module) if monkeypatch else contextlib.nullcontext():
            returned = remove_stale_temp_files(path if given is None else given)
    except Feedback as crash:
        if given is None or crash.key != "common.crashed":
            raise
        raise Feedback("crash_safe_cleanup.relative_failed", filename=given,
                       error=crash.values["error"]) from None
    after = names(folder)
    gone = before - after
    expect(path.name in after or path.name not in before, "crash_safe_cleanup.removed_target",
           filename=path.name)
    expect(not (gone - leftovers), "crash_safe_cleanup.removed_other",
           filename=path.name, files=listed(gone - leftovers))
    expect(not (leftovers & after), stays, filename=path.name, folder=folder.name,
           files=listed(leftovers & after))
    expect(keep <= after, "crash_safe_cleanup.removed_other",
           filename=path.name, files=listed(keep - after))
    expect(isinstance(returned, list), "crash_safe_cleanup.not_a_list", result=returned)
    said = {Path(p).name for p in returned}
    expect(said == gone and all(Path(p).parent.resolve() == folder.resolve() for p in returned),
           "crash_safe_cleanup.wrong_list", returned=listed(map(str, returned)),
           removed=listed(str(folder / name) for name in gone))
    expect(list(returned) == sorted(returned, key=os.fspath), "crash_safe_cleanup.not_sorted",
           returned=", ".join(map(os.fspath, returned)))


def test_nothing_to_clean_up(remove_stale_temp_files, tmp_path):
    path = tmp_path / "latest.pth"  # a fresh run: not even the checkpoint exists
    (tmp_path / "notes.txt").write_text("lr=0.1")
    clean(remove_stale_temp_files, path, leftovers=set(), keep={"notes.txt"})


@pytest.mark.processes
@pytest.mark.timeout(60)
def test_removes_what_killed_saves_left_behind(remove_stale_temp_files, atomic_save,
                                               implementation, tmp_path, request, monkeypatch):
    """Three leftovers of latest.pth go, returned in sorted order; those of latest.pth.old,
    a checkpoint whose name starts with the same text, and files like latest.pth.bak stay.
    best.pth never got saved: its first save was killed, its leftover must go too."""
    impl = request.config.getoption("--impl")
    module = sys.modules.get(getattr(implementation, "remove_stale_temp_files").__module__)
    folder = tmp_path / "run"
    folder.mkdir()
    latest, other, best = folder / "latest.pth", folder / "latest.pth.old", folder / "best.pth"
    remove_stale_temp_files(latest)  # a stub fails here, as todo
    atomic_save(runs.state(0), latest)
    atomic_save(runs.state(0), other)
    (folder / "notes.txt").write_text("lr=0.1")
    (folder / "latest.pth.bak").write_bytes(latest.read_bytes())
    (folder / "logs").mkdir()
    log = tmp_path / "child.log"
    mine = set().union(*(crash_in_the_middle(impl, latest, log) for _ in range(3)))
    theirs = crash_in_the_middle(impl, other, log)
    first = crash_in_the_middle(impl, best, log)
    files = {"latest.pth.bak", "notes.txt", "logs"}
    monkeypatch.chdir(folder)  # latest.pth as a script names it: no folder
    clean(remove_stale_temp_files, latest, mine, given=latest.name,
          keep={other.name, *files, *theirs, *first}, monkeypatch=monkeypatch, module=module)
    monkeypatch.chdir(tmp_path)  # elsewhere: bare file names returned are no paths here
    clean(remove_stale_temp_files, other, theirs, keep={latest.name, *files, *first})
    clean(remove_stale_temp_files, best, first, keep={latest.name, other.name, *files},
          stays="crash_safe_cleanup.leftover_stays_no_checkpoint")
    for path in (latest, other):  # the checkpoints themselves are whole
        try:
            torch.load(path, weights_only=True)
        except Exception as error:
            raise Feedback("crash_safe.unreadable", filename=path.name, error=short_error(error)) from None


@pytest.mark.processes
@pytest.mark.timeout(60)
def test_names_with_brackets(remove_stale_temp_files, atomic_save, tmp_path, request):
    """[ and ] in the folder and the file name: glob, fnmatch and re read them as patterns."""
    impl = request.config.getoption("--impl")
    folder = tmp_path / "fold[1]"
    folder.mkdir()
    path = folder / "model[best].pth"
    remove_stale_temp_files(path)  # a stub fails here, as todo
    atomic_save(runs.state(0), path)
    (folder / "modelb.pth").write_text("what model[best].pth matches as a glob pattern")
    leftovers = crash_in_the_middle(impl, path, tmp_path / "child.log")
    clean(remove_stale_temp_files, path, leftovers, keep={"modelb.pth"},
          stays="crash_safe_cleanup.leftover_stays_brackets")

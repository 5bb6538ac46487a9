"""Aufgabe 7 / Tapşırıq 7: atomic_save."""

from __future__ import annotations

import collections
import contextlib
import errno
import os
import random
import signal
import stat
import sys
import threading
import time
from pathlib import Path

import pytest
import torch

from course.grading.compare import first_difference
from course.grading.feedback import Feedback, expect, localized, short_error
from course.grading.processes import kill, started, tail
from runs import crash_safe as runs

pytestmark = pytest.mark.task(7)


def state(version: int, numbers: int = 1000) -> dict:
    """A small checkpoint; every version has other values."""
    generator = torch.Generator().manual_seed(version)
    return {"epoch": version, "model_state_dict": {"weight": torch.randn(numbers, generator=generator)}}


def read(path: Path) -> object:
    """What torch.load makes of the file; a load error as a verdict."""
    expect(path.is_file(), "crash_safe.no_file", filename=path.name)
    try:
        return torch.load(path, weights_only=True)
    except Exception as error:
        raise Feedback("crash_safe.unreadable", filename=path.name, error=short_error(error)) from None


def expect_holds(path: Path, expected: dict) -> None:
    difference = first_difference(expected, read(path))
    expect(difference is None, "crash_safe.content_differs", filename=path.name, difference=difference)


def others(folder: Path, *keep: Path) -> list[str]:
    """Names in ``folder`` besides ``keep``: leftovers."""
    return sorted(p.name for p in folder.iterdir() if p not in keep)


class Hook:
    """Runs ``action`` while torch.save pickles it, that is, in the middle of a save.

    It pickles as an empty OrderedDict, which ``weights_only`` loads.
    """

    def __init__(self, action) -> None:
        self.action = action

    def __reduce__(self):
        self.action()
        return (collections.OrderedDict, ())


class Unpicklable:
    """Fails half-way through a save, like a lambda in a checkpoint does."""

    def __reduce__(self):
        raise TypeError("cannot pickle this object")


def interrupt() -> None:
    """Ctrl+C in the middle of a save."""
    raise KeyboardInterrupt


@pytest.mark.parametrize("given", ["str", "Path", "relative"])
def test_saves_what_torch_load_reads(atomic_save, tmp_path, monkeypatch, given):
    path = tmp_path / "latest.pth"
    if given == "relative":  # a bare file name, as a training script writes it
        monkeypatch.chdir(tmp_path)
        try:
            atomic_save(state(1), path.name)
        except Feedback as crash:
            if crash.key != "common.crashed":
                raise
            raise Feedback("crash_safe.relative_failed", filename=path.name,
                           error=crash.values["error"]) from None
    else:
        atomic_save(state(1), str(path) if given == "str" else path)
    expect_holds(path, state(1))
    expect(others(tmp_path, path) == [], "crash_safe.files_left",
           filename=path.name, files=", ".join(others(tmp_path, path)))


def test_replaces_an_older_checkpoint(atomic_save, tmp_path):
    path = tmp_path / "latest.pth"
    atomic_save(state(1), path)
    atomic_save(state(2), path)
    expect_holds(path, state(2))
    expect(others(tmp_path, path) == [], "crash_safe.files_left",
           filename=path.name, files=", ".join(others(tmp_path, path)))


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_new_file_gets_the_permissions_torch_save_gives(atomic_save, tmp_path):
    """open(path, "wb"), and with it torch.save, creates a file with 0o666 & ~umask.

    The umask here is not the usual 0o022, so a fixed 0o644 is told apart.
    """
    path = tmp_path / "latest.pth"
    umask = 0o027
    old = os.umask(umask)
    try:
        atomic_save(state(1), path)
        modes = [stat.S_IMODE(path.stat().st_mode)]
        atomic_save(state(2), path)  # and over an older checkpoint
        modes.append(stat.S_IMODE(path.stat().st_mode))
    finally:
        os.umask(old)
    expected = 0o666 & ~umask
    for mode in modes:
        expect(mode == expected, "crash_safe.mode_private" if mode == 0o600 else "crash_safe.mode",
               filename=path.name, found=f"0o{mode:03o}", expected=f"0o{expected:03o}",
               umask=f"0o{umask:03o}")


def test_old_checkpoint_loads_while_the_new_one_is_written(atomic_save, tmp_path):
    path = tmp_path / "latest.pth"
    atomic_save(state(1), path)
    seen = []

    def look():  # in the middle of the second save
        try:
            seen.append(first_difference(state(1), torch.load(path, weights_only=True)))
        except Exception as error:
            seen.append(short_error(error))

    atomic_save({**state(2), "hook": Hook(look)}, path)
    problem = seen[0] if seen else None
    expect(problem is None, "crash_safe.old_destroyed", filename=path.name,
           error=problem if isinstance(problem, str) else localized("crash_safe_problem.changed", difference=problem))


# --- failures in the middle of a save --------------------------------------


@contextlib.contextmanager
def full_disk(after_bytes: int):
    """Writes past ``after_bytes`` fail, as on a disk that fills up (here: EFBIG).

    RLIMIT_FSIZE is the kernel's own limit on file size; Python ignores the
    SIGXFSZ that comes with it, so a write just fails with an OSError.
    """
    resource = pytest.importorskip("resource")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (after_bytes, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


@contextlib.contextmanager
def failing_fsync(monkeypatch, implementation, path: Path):
    """os.fsync of a file fails with ENOSPC, as it can when the disk is full.

    A save that never fsyncs its file before the replace never meets this
    error: that is the verdict then.
    """
    real, old = os.fsync, inode(path)
    calls = []

    def fsync(fd) -> None:
        if stat.S_ISREG(os.fstat(_fd(fd)).st_mode):
            calls.append(inode(path) == old)  # is the old checkpoint still in place?
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    with monkeypatch.context() as patch:
        replace_everywhere(patch, _learner_module(implementation),
                           [(real, fsync) for real in _fsyncs()])
        yield
    expect(calls and calls[0], "crash_safe.no_file_fsync")


FAILURES = {
    "pickling": lambda monkeypatch, implementation, path: contextlib.nullcontext(),
    "interrupted": lambda monkeypatch, implementation, path: contextlib.nullcontext(),
    "full_disk": lambda monkeypatch, implementation, path: full_disk(after_bytes=200_000),
    "fsync_error": failing_fsync,
}


# What the caller must get: the error itself, passed on unchanged (torch.save reports a
# failed write of its own as a RuntimeError).
RAISES = {"pickling": TypeError, "interrupted": KeyboardInterrupt,
          "full_disk": (OSError, RuntimeError), "fsync_error": OSError}


def _names(types) -> str:
    return " / ".join(t.__name__ for t in (types if isinstance(types, tuple) else (types,)))


def _learner_module(implementation):
    """The module that defines the learner's atomic_save (checkpoints.crash_safe)."""
    function = getattr(implementation, "atomic_save", None)
    return sys.modules.get(getattr(function, "__module__", None) or "")




@pytest.mark.parametrize("case", FAILURES)
def test_a_failed_save_keeps_the_old_checkpoint(atomic_save, tmp_path, monkeypatch,
                                                implementation, case):
    path = tmp_path / "latest.pth"
    atomic_save(state(1), path)
    new = state(2, numbers=250_000)  # 1 MB: more than the full disk takes
    if case == "pickling":
        new["scheduler"] = Unpicklable()
    if case == "interrupted":
        new["hook"] = Hook(interrupt)
    raised = None
    with FAILURES[case](monkeypatch, implementation, path):
        try:
            atomic_save(new, path)
        except Feedback as error:  # the plugin's wrapper: the learner's function raised
            raised = error
        except KeyboardInterrupt as error:  # the wrapper lets Ctrl+C through as it is
            raised = error
    what = localized(f"crash_safe_case.{case}")
    try:
        difference = first_difference(state(1), torch.load(path, weights_only=True))
        problem = difference and localized("crash_safe_problem.changed", difference=difference)
    except Exception as error:
        problem = localized("crash_safe_problem.unreadable", error=short_error(error))
    expect(problem is None, "crash_safe.old_lost", case=what, filename=path.name, problem=problem)
    left = others(tmp_path, path)
    expect(not left, "crash_safe.temp_left", case=what, files=", ".join(left))
    expect(raised is not None, "crash_safe.swallowed", case=what)
    error = raised.__cause__ if isinstance(raised, Feedback) else raised  # the learner's own
    expect(isinstance(error, RAISES[case]), "crash_safe.wrong_error", case=what,
           error=short_error(error), expected=_names(RAISES[case]))


# --- durability: fsync and rename, watched ---------------------------------


class Watch:
    """Records, in order, the fsyncs and renames an implementation makes.

    Files are told apart by inode, which a rename keeps, so it does not
    matter what the learner calls the temporary file.
    """

    def __init__(self) -> None:
        self.events: list[tuple] = []

    def sync(self, real):
        def fsync(fd) -> None:
            info = os.fstat(_fd(fd))
            self.events.append(("fsync", (info.st_dev, info.st_ino), info.st_size))
            real(fd)
        return fsync

    def rename(self, real):
        def rename(src, dst, *args, **kwargs) -> None:
            existed = os.path.exists(dst)
            real(src, dst, *args, **kwargs)
            self.events.append(("rename", os.path.abspath(src), os.path.abspath(dst), existed))
        return rename

    def install(self, monkeypatch, module) -> None:
        wrappers = [(real, self.sync(real)) for real in _fsyncs()]
        wrappers += [(real, self.rename(real)) for real in (os.replace, os.rename)]
        replace_everywhere(monkeypatch, module, wrappers)


def _fsyncs() -> list:
    return [f for f in (os.fsync, getattr(os, "fdatasync", None)) if f is not None]


def _fd(file) -> int:
    return file if isinstance(file, int) else file.fileno()  # os.fsync takes both


def replace_everywhere(monkeypatch, module, wrappers) -> None:
    """Replace functions of ``os`` in ``os`` and wherever the learner's module bound them
    (``from os import fsync``)."""
    for where in (os, module):
        for name, value in list(vars(where).items()) if where else ():
            for real, wrapper in wrappers:
                if value is real:
                    monkeypatch.setattr(where, name, wrapper)


def inode(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_dev, info.st_ino


def watched_save(atomic_save, implementation, monkeypatch, path: Path) -> tuple[Watch, dict]:
    """Save over an older checkpoint while ``Watch`` looks on; the events, and the rename."""
    atomic_save(state(1), path)
    watch = Watch()
    with monkeypatch.context() as patch:
        watch.install(patch, _learner_module(implementation))
        atomic_save(state(2), path)
    renames = [e for e in watch.events if e[0] == "rename" and e[2] == str(path)]
    expect(renames, "crash_safe.no_replace", filename=path.name)
    return watch, renames[-1]


def test_temporary_file_is_in_the_same_folder(atomic_save, implementation, monkeypatch, tmp_path):
    path = tmp_path / "latest.pth"
    _, rename = watched_save(atomic_save, implementation, monkeypatch, path)
    folder = os.path.dirname(rename[1])
    expect(os.path.samefile(folder, tmp_path), "crash_safe.temp_elsewhere",
           folder=folder, target=tmp_path)


def test_old_checkpoint_is_not_deleted_first(atomic_save, implementation, monkeypatch, tmp_path):
    path = tmp_path / "latest.pth"
    _, rename = watched_save(atomic_save, implementation, monkeypatch, path)
    expect(rename[3], "crash_safe.removed_first", filename=path.name)


def test_file_is_fsynced_before_it_replaces_the_old_one(atomic_save, implementation,
                                                        monkeypatch, tmp_path):
    path = tmp_path / "latest.pth"
    watch, rename = watched_save(atomic_save, implementation, monkeypatch, path)
    before = watch.events[: watch.events.index(rename)]
    synced = [e for e in before if e[0] == "fsync" and e[1] == inode(path)]
    complete = [e for e in synced if e[2] == path.stat().st_size]  # after the last byte
    expect(complete, "crash_safe.no_file_fsync")


def test_folder_is_fsynced_after_the_replace(atomic_save, implementation, monkeypatch, tmp_path):
    path = tmp_path / "latest.pth"
    watch, rename = watched_save(atomic_save, implementation, monkeypatch, path)
    after = watch.events[watch.events.index(rename) + 1:]
    expect(any(e[0] == "fsync" and e[1] == inode(tmp_path) for e in after),
           "crash_safe.no_dir_fsync", folder=tmp_path)


def test_overlapping_saves_do_not_clash(atomic_save, tmp_path):
    """Two saves at once, as from two threads: each must still be whole."""
    path = tmp_path / "latest.pth"
    atomic_save(state(1), path)
    first_started, second_done = threading.Event(), threading.Event()
    errors = []

    def pause() -> None:  # the first save waits in the middle for the second
        first_started.set()
        second_done.wait(5)

    def first() -> None:
        try:
            atomic_save({**state(2), "hook": Hook(pause)}, path)
        except BaseException as error:  # noqa: BLE001  (reported below)
            errors.append(error)

    thread = threading.Thread(target=first, daemon=True)
    thread.start()
    try:
        while thread.is_alive() and not first_started.wait(0.01):
            pass  # the first save is on its way to the pause (or failed early)
        atomic_save(state(3), path)
    except Feedback as error:
        errors.append(error)
    finally:
        second_done.set()
        thread.join(10)
    problem = None
    if errors:
        error = errors[0]
        error = error.__cause__ or error  # the learner's own exception, not the wrapper
        problem = localized("crash_safe_problem.raised", error=short_error(error))
    else:
        try:  # the first save finished last, so its state must be there
            difference = first_difference({**state(2), "hook": collections.OrderedDict()},
                                          torch.load(path, weights_only=True))
            problem = difference and localized("crash_safe_problem.differs", difference=difference)
        except Exception as error:
            problem = localized("crash_safe_problem.unreadable", error=short_error(error))
    expect(problem is None, "crash_safe.shared_temp", filename=path.name, problem=problem)
    left = others(tmp_path, path)
    expect(not left, "crash_safe.files_left", filename=path.name, files=", ".join(left))


# --- SIGKILL in the middle of a save, again and again ----------------------

KILLS = 12
READY_S = 10.0  # the child's start-up, imports included


def kill_while_saving(impl: str, path: Path, version: int, delay_s: float, log: Path) -> None:
    """Start a child that saves version, version + 1, ... to ``path``; SIGKILL it
    ``delay_s`` after its saving began."""
    ready = path.with_name("ready")
    ready.unlink(missing_ok=True)
    with started(runs.save_forever, impl, str(path), version, str(ready), log=log) as child:
        deadline = time.monotonic() + READY_S
        while not ready.exists() and child.exitcode is None and time.monotonic() < deadline:
            time.sleep(0.002)
        if not ready.exists():  # it died, or never got going
            if child.exitcode is None:
                raise Feedback("crash_safe.child_stuck", seconds=f"{READY_S:g}")
            raise Feedback("crash_safe.child_failed", code=child.exitcode, log=tail(log))
        ready.unlink()  # not a leftover of the save
        time.sleep(delay_s)
        kill(child)
    expect(child.exitcode == -signal.SIGKILL, "crash_safe.child_failed",
           code=child.exitcode, log=tail(log))


@pytest.mark.processes
@pytest.mark.timeout(60)
def test_a_kill_during_a_save_leaves_the_old_or_the_new_checkpoint(atomic_save, tmp_path, request):
    impl = request.config.getoption("--impl")
    path = tmp_path / "latest.pth"
    atomic_save(runs.state(0), path)  # in this process: a stub fails here, as todo
    shuffle = random.Random(7)
    version = 0
    for round_ in range(1, KILLS + 1):
        first = 2 * round_  # this round's child saves versions first and first + 1
        delay_s = shuffle.uniform(0.0, 0.03)  # a save of the 4 MiB state takes ~5-20 ms
        kill_while_saving(impl, path, first, delay_s, tmp_path / "child.log")
        where = {"ms": f"{delay_s * 1000:.1f}", "round": round_, "rounds": KILLS, "filename": path.name}
        try:
            checkpoint = torch.load(path, weights_only=True)
        except Exception as error:
            raise Feedback("crash_safe.kill_broke_file", error=short_error(error), **where) from None
        found = runs.version_of(checkpoint)
        expect(found in (version, first, first + 1), "crash_safe.kill_wrong_state",
               found=_describe(checkpoint), **where)
        version = found


def _describe(checkpoint: object) -> str:
    if isinstance(checkpoint, dict) and "version" in checkpoint:
        values = {k: float(v.flatten()[0]) for k, v in checkpoint.items() if isinstance(v, torch.Tensor)}
        return f"version={checkpoint['version']}, {values}"
    return repr(checkpoint)[:120]

"""Real child processes for grading tests: cheap to start, always reaped.

Tests that need a process of their own (kill and resume, kill during a save,
two ranks) start it here. Children are forked from a multiprocessing
forkserver that has imported torch once, so each one is a real process that
a real SIGKILL ends, without paying ``import torch`` again (about 1 s each).

Use it as a context manager; whatever happens in the block, a test failure
or a timeout included, the child is killed and reaped when the block ends::

    with started(train, folder, stop_after=2) as child:
        child.join(TIMEOUT_S)
    assert child.exitcode == -signal.SIGKILL

``run`` does the same for a child that should run to its end. The grading
plugin reaps anything still alive after each test (``reap_all``), and each
child dies with the forkserver, which dies with the grading run: no orphans.

A child's stdout and stderr go to a log file when one is given (its tail is
what a verdict quotes), else to ``/dev/null``, so a child never writes into
the learner's grading output.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from multiprocessing.process import BaseProcess
from pathlib import Path

# What every child needs and the forkserver imports once for all of them. A
# test module adds what its children need on top with its marker, for
# example ``pytest.mark.processes(preload=["torch.distributed.checkpoint"])``.
PRELOAD = ["torch"]

_live: set[BaseProcess] = set()
_preload: list[str] = list(PRELOAD)


def _context():
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_preload)
    return context


def warm_up(extra: list[str] = ()) -> None:
    """Start the forkserver now, so its imports overlap other work.

    ``extra`` modules are imported by the server as well; this only has an
    effect before the server has started.
    """
    _preload.extend(name for name in extra if name not in _preload)
    _context()
    from multiprocessing import forkserver
    forkserver._forkserver.ensure_running()  # the instance's: adopt_forkserver may replace it


def _child_main(log: str | None, target: Callable, args: tuple, kwargs: dict) -> None:
    """The first thing a child runs: tie its life to its parent, then ``target``."""
    if sys.platform == "linux":  # die with the forkserver, which dies with the grading
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    out = os.open(log or os.devnull, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(out, 1)
    os.dup2(out, 2)
    target(*args, **kwargs)


def start(target: Callable, *args, log: str | os.PathLike | None = None, **kwargs) -> BaseProcess:
    """Start ``target(*args, **kwargs)`` in a child; the caller must ``stop`` it.

    ``target`` must be importable by name (a module-level function), since
    the child finds it by its module and name.
    """
    child = _context().Process(
        target=_child_main, args=(str(log) if log else None, target, args, kwargs), daemon=True)
    child.start()
    _live.add(child)
    return child


def stop(child: BaseProcess) -> None:
    """SIGKILL the child if it still runs, and reap it."""
    if child.exitcode is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGKILL)
    child.join()
    _live.discard(child)


def kill(child: BaseProcess) -> None:
    """SIGKILL the child now, as a power cut would (``stop`` reaps it)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(child.pid, signal.SIGKILL)


@contextlib.contextmanager
def started(target: Callable, *args, log: str | os.PathLike | None = None,
            **kwargs) -> Iterator[BaseProcess]:
    """A running child for the ``with`` block; killed and reaped at its end."""
    child = start(target, *args, log=log, **kwargs)
    try:
        yield child
    finally:
        stop(child)


def run(target: Callable, *args, timeout: float, log: str | os.PathLike | None = None,
        **kwargs) -> int | None:
    """Run a child to its end; its exit code, or ``None`` if it ran past ``timeout``.

    Exit codes follow ``multiprocessing``: 0 done, 1 an exception (see the
    log), ``-9`` killed by SIGKILL. A child that runs too long is killed.
    """
    with started(target, *args, log=log, **kwargs) as child:
        child.join(timeout)
        return child.exitcode


def _rank_main(rank: int, world_size: int, store_file: str, target: Callable,
               args: tuple, kwargs: dict) -> None:
    """One rank: join the gloo group through a file store, run, leave the group."""
    import torch.distributed as dist
    store = dist.FileStore(store_file, world_size)
    dist.init_process_group("gloo", store=store, rank=rank, world_size=world_size)
    try:
        target(rank, world_size, *args, **kwargs)
    finally:
        dist.destroy_process_group()


@contextlib.contextmanager
def ranks(target: Callable, world_size: int, folder: str | os.PathLike, *args,
          **kwargs) -> Iterator[list[BaseProcess]]:
    """``world_size`` ranks running ``target(rank, world_size, *args, **kwargs)``.

    They meet through a file store in ``folder`` (a test's own tmp_path), not a
    TCP port, so parallel grading runs can never collide. Rank r logs to
    ``folder/rank<r>.log``. All ranks are killed and reaped when the block ends.
    """
    store = str(Path(folder) / "store")
    children = []
    try:
        for rank in range(world_size):
            children.append(start(_rank_main, rank, world_size, store, target, args, kwargs,
                                  log=Path(folder) / f"rank{rank}.log"))
        yield children
    finally:
        for child in children:
            stop(child)


def join_all(children: list[BaseProcess], timeout: float) -> list[int | None]:
    """Wait for all children, ``timeout`` seconds in all; their exit codes (``None``: still running)."""
    import time
    deadline = time.monotonic() + timeout
    for child in children:
        child.join(max(0.0, deadline - time.monotonic()))
    return [child.exitcode for child in children]


def _forkserver_pid() -> int | None:
    from multiprocessing import forkserver
    return forkserver._forkserver._forkserver_pid


def adopt_forkserver() -> None:
    """In a fork of a warm process (``course.grading.warm``), use its forkserver.

    The server is the warm process's child, not ours, so multiprocessing's own
    liveness check (``waitpid``) cannot see it from here and would fail; a
    signal 0 can. Without a running server this does nothing.
    """
    from multiprocessing import forkserver
    server, pid = forkserver._forkserver, _forkserver_pid()
    if pid is None:
        return

    def ensure_running() -> None:
        os.kill(pid, 0)  # ProcessLookupError: the warm process lost its server

    server.ensure_running = ensure_running


def reap_forkserver_children() -> None:
    """Kill every process the forkserver still runs: leftovers of a grading run that died."""
    import psutil
    pid = _forkserver_pid()
    if pid is None:
        return
    with contextlib.suppress(psutil.NoSuchProcess):
        for child in psutil.Process(pid).children():
            with contextlib.suppress(psutil.NoSuchProcess):
                child.kill()


def reap_all() -> None:
    """Kill and reap every child still alive (the plugin calls this after each test)."""
    for child in list(_live):
        stop(child)


def tail(log: str | os.PathLike, lines: int = 6) -> str:
    """The last lines of a child's log: usually the learner's traceback."""
    path = Path(log)
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    return "\n".join(text[-lines:])

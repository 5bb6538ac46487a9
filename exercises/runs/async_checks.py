"""Checks the grading tests of tasks 15-16 share, in the grading process itself.

They call the learner's checkpointer, read back what it wrote with
``dcp.load``, and look for threads it left behind.
"""

from __future__ import annotations

import ast
import contextlib
import logging
import threading
import time
import traceback
import warnings
from pathlib import Path

import pytest
import torch
from torch import nn

from course.grading.compare import first_difference
from course.grading.feedback import Feedback, short_error

from .asynchronous import GATE_LIMIT_S, SlowDisk


@pytest.fixture(autouse=True)
def quiet_dcp_logs():
    """DCP logs every step of every save at DEBUG level to a logger of its own,
    and pytest shows those records under a failed test, burying the verdict:
    off while a test of this lesson runs (a test module imports this fixture)."""
    logger = logging.getLogger("c10d-NullHandler-dcp_logger")
    logger.disabled = True
    yield
    logger.disabled = False


_AST_LOCK = threading.RLock()


@pytest.fixture(autouse=True)
def one_ast_parse_at_a_time(monkeypatch):
    """Python 3.11's ``ast.parse`` fails with "SystemError: AST constructor
    recursion depth mismatch" when two threads run it at once. A failed DCP
    save formats its CheckpointException in its own thread, and Python's
    traceback calls ``ast.parse`` for the ``^^^`` marks; a learner's save that
    nobody waits for may do that while pytest parses the source of a failed
    test, and the grading would end with an INTERNALERROR. One at a time, then
    (a test module imports this fixture)."""
    original = ast.parse

    def parse(*args, **kwargs):
        with _AST_LOCK:
            return original(*args, **kwargs)

    monkeypatch.setattr(ast, "parse", parse)


def errors() -> tuple[type[BaseException], ...]:
    """What a learner's save or training may raise: DCP's CheckpointException
    is a BaseException, not an Exception. (DCP is imported only when a test of
    this lesson runs, not when the grading collects all tests.)"""
    from torch.distributed.checkpoint import CheckpointException
    return (Exception, CheckpointException)


def _where(error: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if "/torch/" not in f.filename and "/exercises/" not in f.filename]
    return f" ({frames[-1].filename}:{frames[-1].lineno})" if frames else ""


def attempt(call, *args, **kwargs) -> tuple[object, BaseException | None]:
    """Call the learner's code; (its result, None) or (None, what it raised)."""
    try:
        return call(*args, **kwargs), None
    except NotImplementedError:
        raise  # the stub: shown as todo
    except Feedback as feedback:  # the plugin's verdict for a crash
        error = feedback.__cause__ if feedback.__cause__ is not None else feedback
        return None, error
    except errors() as error:
        return None, error


def call(name: str, method, *args, **kwargs):
    """Call a method of the learner's checkpointer that must not fail."""
    result, error = attempt(method, *args, **kwargs)
    if error is not None:
        raise Feedback("asynchronous.method_crashed", method=name,
                       error=short_error(error) + _where(error)) from error
    return result


class InThread:
    """A learner's call in a thread of its own, so the test can watch it block."""

    def __init__(self, method, *args) -> None:
        self.result = self.error = None
        self.thread = threading.Thread(target=self._run, args=(method, args), daemon=True)
        self.thread.start()

    def _run(self, method, args) -> None:
        try:
            self.result = method(*args)
        except NotImplementedError as error:
            self.error = error
        except errors() as error:
            self.error = error

    def returned_within(self, seconds: float) -> bool:
        self.thread.join(seconds)
        return not self.thread.is_alive()

    def finish(self, name: str):
        self.thread.join(GATE_LIMIT_S + 5)
        if isinstance(self.error, NotImplementedError):
            raise self.error
        if self.error is not None:
            raise Feedback("asynchronous.method_crashed", method=name,
                           error=short_error(self.error) + _where(self.error))
        return self.result


def wait_until(condition, seconds: float) -> bool:
    """Poll ``condition`` for up to ``seconds``; whether it came true."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def save_while_held(checkpointer, state: dict, step: int, disk: SlowDisk):
    """``checkpointer.save`` while the disk holds every write: it must still return.

    A save that is still running a second after its write has started is
    waiting for that write; one that is merely slow (a loaded machine, the
    first save's imports) gets up to 10 s before its write starts.
    """
    saving = InThread(checkpointer.save, state, step)
    started_at: list[float] = []

    def returned_or_stuck() -> bool:
        if not saving.thread.is_alive():
            return True
        if disk.started.is_set() and not started_at:
            started_at.append(time.monotonic())
        return bool(started_at) and time.monotonic() - started_at[0] > 1.0

    wait_until(returned_or_stuck, 10.0)
    if saving.thread.is_alive():
        disk.open()
        saving.finish("save")
        raise Feedback("asynchronous.blocks")
    return saving.finish("save")


def train_step(net: nn.Module) -> None:
    """What the next training step does to the weights: change them in place."""
    with torch.no_grad():
        for parameter in net.parameters():
            parameter.add_(1.0)


def saved_model(folder: Path, like: dict, key: str = "model") -> dict:
    """The model weights of the DCP checkpoint in ``folder``, read into copies of ``like``."""
    import torch.distributed.checkpoint as dcp
    state = {key: {name: torch.zeros_like(t) for name, t in like.items()}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dcp.load(state, checkpoint_id=folder, no_dist=True)
    return state[key]


def check_saved(folder: Path, expected: dict, step: int, later: dict | None = None) -> None:
    """The checkpoint in ``folder`` is complete and holds ``expected``."""
    if not (folder / ".metadata").is_file():
        raise Feedback("asynchronous.not_saved", folder=folder.name)
    try:
        saved = saved_model(folder, expected)
    except errors() as error:
        raise Feedback("asynchronous.unreadable", folder=folder.name,
                       error=short_error(error)) from None
    difference = first_difference(expected, saved)
    if difference is not None:
        if later is not None and first_difference(later, saved) is None:
            raise Feedback("asynchronous.not_a_snapshot", step=step, difference=difference)
        raise Feedback("asynchronous.wrong_weights", step=step, difference=difference)


def mentions(error: BaseException | None, text: str) -> bool:
    """Is ``text`` in the error or in one it was raised from?"""
    seen = set()
    while error is not None and id(error) not in seen:
        failures = getattr(error, "failures", None)  # DCP's CheckpointException: per rank
        causes = [f[0] for f in failures.values()] if isinstance(failures, dict) else []
        if text in str(error) or any(text in str(cause) for cause in causes):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def nearly_equal(expected: dict, actual: dict) -> bool:
    """The same tensors up to float rounding: a learner may average the gradients
    in another order (divide first, or scale the loss) than the one-process run."""
    return expected.keys() == actual.keys() and all(
        isinstance(actual[k], torch.Tensor) and actual[k].shape == expected[k].shape
        and torch.allclose(actual[k], expected[k], rtol=1e-5, atol=1e-7) for k in expected)


def threads_left(before: set[threading.Thread], seconds: float = 2.0) -> list[str]:
    """Threads started since ``before`` that are still alive after ``seconds`` at most."""
    deadline = time.monotonic() + seconds
    while True:
        left = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not left or time.monotonic() > deadline:
            return sorted(t.name for t in left)
        time.sleep(0.01)


class StagerLedger:
    """Every ``DefaultStager`` made while it is on, and which of them were closed.

    ``AsyncCheckpointer`` promises to close the stager it made itself; DCP
    closes the ones it makes for a save without a stager. Patched on the class,
    so it sees the learner's stagers without looking at their attributes.
    """

    def __init__(self, monkeypatch) -> None:
        from torch.distributed.checkpoint.staging import DefaultStager
        self.made: list = []
        self.closed: list = []
        ledger = self
        original_init, original_close = DefaultStager.__init__, DefaultStager.close

        def init(stager, *args, **kwargs):
            ledger.made.append(stager)
            original_init(stager, *args, **kwargs)

        def close(stager):
            ledger.closed.append(stager)
            original_close(stager)

        monkeypatch.setattr(DefaultStager, "__init__", init)
        monkeypatch.setattr(DefaultStager, "close", close)

    def open(self) -> int:
        """How many stagers made here are still open."""
        return sum(1 for stager in self.made if not any(stager is c for c in self.closed))


def recording_stager():
    """A caller's own stager that counts its copies and whether someone closed it."""
    from torch.distributed.checkpoint.staging import DefaultStager, StagingOptions

    class RecordingStager(DefaultStager):
        def __init__(self) -> None:
            super().__init__(StagingOptions(use_pinned_memory=False, use_shared_memory=False,
                                            use_async_staging=False, use_non_blocking_copy=False))
            self.staged = 0
            self.closed = 0

        def stage(self, state_dict, **kwargs):
            self.staged += 1
            return super().stage(state_dict, **kwargs)

        def close(self) -> None:
            self.closed += 1
            super().close()

    return RecordingStager()


@contextlib.contextmanager
def one_rank_group(folder: Path):
    """A process group of this one process and a gloo group of its own inside it,
    as ``train_with_async_checkpoints`` makes for checkpoints; gone afterwards,
    so later tests see no ``torch.distributed`` again."""
    import torch.distributed as dist
    dist.init_process_group("gloo", store=dist.FileStore(str(folder / "store"), 1),
                            rank=0, world_size=1)
    try:
        yield dist.new_group(backend="gloo")
    finally:
        dist.destroy_process_group()


def groups_of_saves(monkeypatch) -> list:
    """The process group of every DCP save from now on (``None``: the default group)."""
    from torch.distributed.checkpoint import utils
    used: list = []
    original = utils._DistWrapper.__init__

    def init(wrapper, group, *args, **kwargs):
        used.append(group)
        original(wrapper, group, *args, **kwargs)

    monkeypatch.setattr(utils._DistWrapper, "__init__", init)
    return used

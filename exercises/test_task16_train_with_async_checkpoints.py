"""Aufgabe 16 / Tapşırıq 16: train_with_async_checkpoints.

The two-rank test runs the learner's loop for real in two child processes
that meet through a file store (``ranks``); each write is held until training
has gone on two more steps, so saving and the training's all-reduces overlap.
The one-rank tests run in the grading process with writes that fail or are slow.
Weights are compared with what one process computes from the same batches
(``one_process_weights``), not only between the ranks.
"""

import threading
import time
from pathlib import Path

import pytest
import torch
from runs.async_checks import (  # noqa: F401  (quiet_dcp_logs, one_ast_parse_at_a_time: autouse)
    attempt,
    check_saved,
    mentions,
    nearly_equal,
    one_ast_parse_at_a_time,
    quiet_dcp_logs,
    threads_left,
    wait_until,
)
from runs.asynchronous import (
    GATE_LIMIT_S,
    INJECTED,
    SlowDisk,
    batches,
    model,
    one_process_weights,
    train_on_two_ranks,
)

from course.grading.compare import first_difference
from course.grading.feedback import Feedback, expect, localized
from course.grading.processes import join_all, ranks, tail

pytestmark = [pytest.mark.task(16),
              pytest.mark.processes(preload=["torch.distributed.checkpoint", "torch._dynamo"]),
              pytest.mark.filterwarnings("ignore::UserWarning")]

STEPS, EVERY = 9, 3
HANG_S = 30  # the two ranks need 1-9 s here; a hang is stopped after this
DEFAULT_GROUP_S = 5  # how long ranks that save on the default group may still take


TRAINING_ERROR = "simulated: loading a batch failed"


def mse(outputs, targets):
    return torch.nn.functional.mse_loss(outputs, targets)


def l1(outputs, targets):  # not the default loss_fn: a loop that ignores loss_fn shows
    return torch.nn.functional.l1_loss(outputs, targets)


def check_training(weights: list[dict], steps: int, ranks: int, loss_fn) -> None:
    """Each step's weights are what one process computes from the same batches."""
    expected = one_process_weights(steps, ranks, loss_fn)
    summed = one_process_weights(steps, ranks, loss_fn, reduce="sum") if ranks > 1 else None
    plain_mse = one_process_weights(steps, ranks) if loss_fn is not mse else None
    for step in range(1, min(steps, len(weights) - 1) + 1):  # fewer: a loop that stopped early
        if nearly_equal(expected[step], weights[step]):
            continue
        if summed is not None and nearly_equal(summed[step], weights[step]):
            raise Feedback("asynchronous.gradients_summed", step=step, ranks=ranks)
        if plain_mse is not None and nearly_equal(plain_mse[step], weights[step]):
            raise Feedback("asynchronous.loss_fn_ignored", step=step)
        raise Feedback("asynchronous.wrong_training", step=step,
                       difference=first_difference(expected[step], weights[step]))


def watch(children, folder: Path) -> tuple[list[int | None], str, float]:
    """Wait for the ranks: their exit codes, the groups their saves used, seconds waited.

    Once a save is seen on the default group, the ranks get ``DEFAULT_GROUP_S``
    more to finish, not ``HANG_S``: the verdict is clear by then.
    """
    start = time.monotonic()
    deadline = start + HANG_S
    while time.monotonic() < deadline:
        codes = join_all(children, 0.1)
        groups = "".join(p.read_text() for p in folder.glob("groups*.log"))
        if None not in codes:
            break
        if "default" in groups:
            deadline = min(deadline, time.monotonic() + DEFAULT_GROUP_S)
    return codes, groups, time.monotonic() - start


@pytest.mark.timeout(60)
def test_two_ranks_train_on_while_saving(train_with_async_checkpoints, request, tmp_path):
    impl = request.config.getoption("--impl")
    with ranks(train_on_two_ranks, 2, tmp_path, impl, str(tmp_path), STEPS, EVERY) as children:
        codes, groups, waited = watch(children, tmp_path)
        if None in codes:
            if "default" in groups:
                raise Feedback("asynchronous.hang_default_group", seconds=f"{waited:.0f}",
                               why=localized("asynchronous.default_group"))
            raise Feedback("asynchronous.hang", seconds=f"{waited:.0f}",
                           tail=tail(tmp_path / "rank0.log"))
    logs = [tail(tmp_path / f"rank{rank}.log") for rank in (0, 1)]
    if any("NotImplementedError" in log for log in logs):
        raise NotImplementedError("train_with_async_checkpoints")
    expect("default" not in groups, "asynchronous.default_group")
    for rank, code in enumerate(codes):
        expect(code == 0, "asynchronous.rank_crashed", rank=rank, tail=logs[rank])
    blocked = sorted({int(line) for path in tmp_path.glob("blocked*.log")
                      for line in path.read_text().split()})
    expect(not blocked, "asynchronous.train_blocks", steps=", ".join(map(str, blocked)),
           seconds=f"{GATE_LIMIT_S:g}")
    weights = [torch.load(tmp_path / f"weights{rank}.pt") for rank in (0, 1)]
    for step, (zero, one) in enumerate(zip(*weights)):
        difference = first_difference(zero, one)
        expect(difference is None, "asynchronous.ranks_differ", step=step, difference=difference)
    check_training(weights[0], STEPS, 2, mse)
    root = tmp_path / "checkpoints"
    saved = sorted(p.name for p in root.iterdir()) if root.is_dir() else []
    expected = [f"step_{step}" for step in range(EVERY, STEPS + 1, EVERY)]
    expect(sorted(saved) == sorted(expected), "asynchronous.wrong_checkpoints",
           saved=", ".join(saved) or "–", expected=", ".join(expected), every=EVERY, steps=STEPS)
    for step in range(EVERY, STEPS + 1, EVERY):
        folder = tmp_path / "checkpoints" / f"step_{step}"
        if not (folder / ".metadata").is_file():
            raise Feedback("asynchronous.missing_checkpoint", step=step, every=EVERY,
                           folder=f"step_{step}")
        # weights[0][step]: as they were after `step` steps, before the next one
        check_saved(folder, weights[0][step], step, later=weights[0][step + 1]
                    if step + 1 < len(weights[0]) else None)


class Counted:
    """Batches that count how many the training took.

    Once the save after step ``every`` is asked for, the next batch waits
    until its write has failed, and each further batch comes 50 ms late: a
    loop that looks at its last save in every step has time to see it.
    """

    def __init__(self, count: int, every: int, disk: SlowDisk) -> None:
        self.taken, self.count, self.every, self.disk = 0, count, every, disk

    def __iter__(self):
        for batch in batches(0, self.count):
            if self.taken >= self.every:
                wait_until(lambda: "end 1" in self.disk.events, GATE_LIMIT_S)
                time.sleep(0.05)
            self.taken += 1
            yield batch


def test_a_failed_save_stops_training(train_with_async_checkpoints, tmp_path):
    net = model()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    with SlowDisk(fail=100) as disk:  # every write fails
        fed = Counted(25, 15, disk)  # one save, after step 15: only a check per step sees it
        _, error = attempt(train_with_async_checkpoints, net, optimizer, fed, mse, tmp_path, 15)
    expect(error is not None, "asynchronous.train_failure_lost", injected=INJECTED)
    expect(fed.taken < fed.count, "asynchronous.train_failure_late", every=15, steps=fed.count)


def test_training_ends_with_its_last_checkpoint_written(train_with_async_checkpoints,
                                                        tmp_path):
    before = set(threading.enumerate())
    net = model()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    weights: list = []
    with SlowDisk(delay=0.2):  # each write takes a while
        trained = train_with_async_checkpoints(net, optimizer, batches(0, 6, weights, net), l1,
                                               str(tmp_path), 3)
        last = Path(tmp_path) / "step_6"
        written = (last / ".metadata").is_file()
        # not yet, or never? A write still running finishes within a second
        written_later = written or wait_until(lambda: (last / ".metadata").is_file(), 3.0)
    saved = sorted(p.name for p in Path(tmp_path).iterdir())
    expect(written or not written_later, "asynchronous.train_returned_early", folder=last.name)
    expect(saved == ["step_3", "step_6"], "asynchronous.wrong_checkpoints",
           saved=", ".join(saved) or "–", expected="step_3, step_6", every=3, steps=6)
    expect(trained == 6, "asynchronous.wrong_step_count", result=trained, expected=6)
    left = threads_left(before)
    expect(not left, "asynchronous.thread_left", threads=", ".join(left))
    check_training(weights, 6, 1, l1)
    check_saved(Path(tmp_path) / "step_3", weights[3], 3)
    check_saved(last, weights[6], 6)


def test_an_error_in_training_still_waits_for_the_last_checkpoint(train_with_async_checkpoints,
                                                                  tmp_path):
    before = set(threading.enumerate())
    net = model()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    with SlowDisk(hold=True) as disk:  # the write of step 3 waits at the gate

        def fails_at_batch_5():
            for number, batch in enumerate(batches(0, 8), start=1):
                if number == 5:
                    # the gate opens a moment later: a loop that waits sees the write finish
                    threading.Timer(0.3, disk.open).start()
                    raise RuntimeError(TRAINING_ERROR)
                yield batch

        _, error = attempt(train_with_async_checkpoints, net, optimizer, fails_at_batch_5(),
                           mse, tmp_path, 3)
        written = (Path(tmp_path) / "step_3" / ".metadata").is_file()
        disk.open()
    expect(mentions(error, TRAINING_ERROR), "asynchronous.train_error_lost", error=TRAINING_ERROR)
    expect(written, "asynchronous.error_left_write_running", folder="step_3")
    left = threads_left(before)
    expect(not left, "asynchronous.thread_left", threads=", ".join(left))

"""Aufgabe 15 / Tapşırıq 15: AsyncCheckpointer.

Each test runs the learner's checkpointer in the grading process, one rank,
with DCP's writes held at a gate or failing on purpose (``SlowDisk``), so
"the write is still running" is a fact the test controls, not a race.
"""

import threading

import pytest
from runs.async_checks import (
    attempt,
    call,
    check_saved,
    InThread,
    quiet_dcp_logs,  # noqa: F401  (an autouse fixture)
    save_while_held,
    threads_left,
    train_step,
    wait_until,
)
from runs.asynchronous import INJECTED, SlowDisk, model

from course.grading.compare import snapshot
from course.grading.feedback import Feedback, expect

pytestmark = [pytest.mark.task(15), pytest.mark.filterwarnings("ignore::UserWarning")]


def state_of(net) -> dict:
    return {"model": net.state_dict()}


def test_save_returns_while_the_write_runs(AsyncCheckpointer, tmp_path):
    net = model()
    with SlowDisk(hold=True) as disk:
        checkpointer = AsyncCheckpointer(tmp_path)
        save_while_held(checkpointer, state_of(net), 1, disk)
        disk.open()
        call("close", checkpointer.close)


def test_checkpoint_holds_the_state_of_the_moment_of_save(AsyncCheckpointer, tmp_path):
    net = model()
    expected = snapshot(net.state_dict())
    with SlowDisk(hold=True) as disk:
        checkpointer = AsyncCheckpointer(tmp_path)
        save_while_held(checkpointer, state_of(net), 3, disk)
        train_step(net)  # training goes on at once, while the write is still held
        disk.open()
        call("wait", checkpointer.wait)
        call("close", checkpointer.close)
    check_saved(tmp_path / "step_3", expected, 3, later=net.state_dict())


def test_a_new_save_waits_for_the_unfinished_one(AsyncCheckpointer, tmp_path):
    net = model()
    with SlowDisk(hold=True) as disk:
        checkpointer = AsyncCheckpointer(tmp_path)
        first = snapshot(net.state_dict())
        save_while_held(checkpointer, state_of(net), 1, disk)
        train_step(net)
        second = snapshot(net.state_dict())
        saving = InThread(checkpointer.save, state_of(net), 2)
        # A save that waits stays in save; one that does not returns, and its
        # write starts while the first one is still held: give it time to show.
        wait_until(lambda: "start 2" in disk.events or not saving.thread.is_alive(), 1.0)
        if not saving.thread.is_alive():
            wait_until(lambda: "start 2" in disk.events, 2.0)
        interleaved = "start 2" in disk.events  # while the first is still held
        disk.open()
        saving.finish("save")
        call("wait", checkpointer.wait)
        call("close", checkpointer.close)
    expect(not interleaved and not disk.overlapped(), "asynchronous.interleaved")
    try:
        check_saved(tmp_path / "step_1", first, 1)
    except Feedback as verdict:
        if verdict.key == "asynchronous.wrong_weights":
            raise Feedback("asynchronous.overwritten", **verdict.values) from None
        raise
    check_saved(tmp_path / "step_2", second, 2)


@pytest.mark.parametrize("reported_by", ["wait", "close"])
def test_a_failed_write_is_reported(AsyncCheckpointer, tmp_path, capsys, caplog, reported_by):
    net = model()
    with SlowDisk(fail=1):
        checkpointer = AsyncCheckpointer(tmp_path)
        _, error = attempt(checkpointer.save, state_of(net), 1)
        if error is None:  # a save that blocks may report it itself
            _, error = attempt(getattr(checkpointer, reported_by))
        if reported_by == "wait":
            attempt(checkpointer.close)
    out, err = capsys.readouterr()
    printed = INJECTED in out + err + caplog.text
    expect(error is not None, "asynchronous.failure_swallowed" if printed
           else "asynchronous.failure_lost", injected=INJECTED, method=reported_by)


def test_the_next_save_reports_a_failed_write(AsyncCheckpointer, tmp_path, capsys, caplog):
    net = model()
    with SlowDisk(fail=1) as disk:
        checkpointer = AsyncCheckpointer(tmp_path)
        _, error = attempt(checkpointer.save, state_of(net), 1)
        wait_until(lambda: "end 1" in disk.events, 5.0)  # the first write has failed
        if error is None:
            _, error = attempt(checkpointer.save, state_of(net), 2)
        attempt(checkpointer.close)
    out, err = capsys.readouterr()
    printed = INJECTED in out + err + caplog.text
    expect(error is not None, "asynchronous.failure_swallowed" if printed
           else "asynchronous.failure_lost", injected=INJECTED, method="save")


def test_close_waits_for_the_last_save_and_leaves_nothing_running(AsyncCheckpointer, tmp_path):
    before = set(threading.enumerate())
    net = model()
    expected = snapshot(net.state_dict())
    with SlowDisk(hold=True) as disk:
        checkpointer = AsyncCheckpointer(tmp_path)
        save_while_held(checkpointer, state_of(net), 5, disk)
        closing = InThread(checkpointer.close)
        early = closing.returned_within(0.5)
        disk.open()
        closing.finish("close")
    expect(not early, "asynchronous.close_returned_early")
    check_saved(tmp_path / "step_5", expected, 5)
    left = threads_left(before | {closing.thread})
    expect(not left, "asynchronous.thread_left", threads=", ".join(left))

"""Aufgabe 15 / Tapşırıq 15: AsyncCheckpointer.

Each test runs the learner's checkpointer in the grading process, one rank,
with DCP's writes held at a gate or failing on purpose (``SlowDisk``), so
"the write is still running" is a fact the test controls, not a race.
"""

import threading
from concurrent.futures import Future

import pytest
from runs.async_checks import (
    attempt,
    call,
    check_saved,
    groups_of_saves,
    InThread,
    mentions,
    one_ast_parse_at_a_time,  # noqa: F401  (an autouse fixture)
    one_rank_group,
    quiet_dcp_logs,  # noqa: F401  (an autouse fixture)
    recording_stager,
    save_while_held,
    StagerLedger,
    threads_left,
    train_step,
    wait_until,
)
from runs.asynchronous import GATE_LIMIT_S, INJECTED, SlowDisk, model

from course.grading.compare import snapshot
from course.grading.feedback import Feedback, expect, short_error

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


def test_save_returns_the_future_of_its_write(AsyncCheckpointer, tmp_path):
    net = model()
    with SlowDisk(hold=True) as disk:
        checkpointer = AsyncCheckpointer(tmp_path)
        future = save_while_held(checkpointer, state_of(net), 1, disk)
        is_future = isinstance(future, Future)
        done_while_held = is_future and future.done()
        disk.open()
        if is_future:
            call("future.result", future.result, GATE_LIMIT_S + 5)
        call("close", checkpointer.close)
    expect(is_future, "asynchronous.no_future", returned=type(future).__name__)
    expect(not done_while_held, "asynchronous.future_done_early")
    with SlowDisk(fail=1) as disk:
        checkpointer = AsyncCheckpointer(tmp_path / "failing")
        future = call("save", checkpointer.save, state_of(net), 2)
        wait_until(lambda: "end 1" in disk.events, GATE_LIMIT_S)  # the write has failed
        _, error = attempt(future.result, GATE_LIMIT_S + 5)
        attempt(checkpointer.close)
    expect(error is not None, "asynchronous.future_hides_failure", injected=INJECTED)


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


def test_a_new_save_waits_for_the_unfinished_one(AsyncCheckpointer, tmp_path, monkeypatch):
    stagers = StagerLedger(monkeypatch)
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
    expect(len(stagers.made) <= 1, "asynchronous.stager_not_reused", made=len(stagers.made))


@pytest.mark.parametrize("reported_by", ["wait", "close"])
def test_a_failed_write_is_reported(AsyncCheckpointer, tmp_path, capsys, caplog, monkeypatch,
                                    reported_by):
    stagers = StagerLedger(monkeypatch)
    net = model()
    again = None  # (method, error) if a reported failure is raised a second time
    with SlowDisk(fail=1):  # only the first write fails
        checkpointer = AsyncCheckpointer(tmp_path)
        _, error = attempt(checkpointer.save, state_of(net), 1)
        if error is None:  # a save that blocks may report it itself
            _, error = attempt(getattr(checkpointer, reported_by))
        if reported_by == "wait":
            expected = snapshot(net.state_dict())
            for method, args in (("save", (state_of(net), 2)), ("close", ())):
                _, raised = attempt(getattr(checkpointer, method), *args)
                if raised is not None and error is not None and again is None:
                    again = (method, raised)
    if again is not None and not mentions(again[1], INJECTED):
        raise Feedback("asynchronous.method_crashed", method=again[0], error=short_error(again[1]))
    out, err = capsys.readouterr()
    printed = INJECTED in out + err + caplog.text
    expect(error is not None, "asynchronous.failure_swallowed" if printed
           else "asynchronous.failure_lost", injected=INJECTED, method=reported_by)
    expect(not stagers.open(), "asynchronous.stager_left_open_after_error"
           if reported_by == "close" else "asynchronous.stager_left_open")
    if reported_by == "wait":
        expect(again is None, "asynchronous.error_raised_again", method=(again or ("",))[0])
        check_saved(tmp_path / "step_2", expected, 2)


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


def test_close_waits_for_the_last_save_and_leaves_nothing_running(AsyncCheckpointer, tmp_path,
                                                                   monkeypatch):
    stagers = StagerLedger(monkeypatch)
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
    expect(not stagers.open(), "asynchronous.stager_left_open")


def test_uses_the_stager_it_is_given_and_leaves_it_open(AsyncCheckpointer, tmp_path):
    net = model()
    stager = recording_stager()  # the caller's: made, and closed, by the caller
    try:
        checkpointer = AsyncCheckpointer(tmp_path, stager=stager)
        call("save", checkpointer.save, state_of(net), 1)
        train_step(net)
        expected = snapshot(net.state_dict())
        call("save", checkpointer.save, state_of(net), 2)
        call("close", checkpointer.close)
        staged, closed = stager.staged, stager.closed
    finally:
        stager.close()
    expect(staged >= 2, "asynchronous.stager_ignored", staged=staged)
    expect(not closed, "asynchronous.closed_callers_stager")
    check_saved(tmp_path / "step_2", expected, 2)


def test_saves_through_the_process_group_it_is_given(AsyncCheckpointer, tmp_path, monkeypatch):
    net = model()
    expected = snapshot(net.state_dict())
    used = groups_of_saves(monkeypatch)
    with one_rank_group(tmp_path) as group:
        checkpointer = AsyncCheckpointer(tmp_path / "checkpoints", process_group=group)
        call("save", checkpointer.save, state_of(net), 1)
        call("close", checkpointer.close)
    expect(used and all(g is group for g in used), "asynchronous.group_ignored")
    check_saved(tmp_path / "checkpoints" / "step_1", expected, 1)

"""Aufgabe 9 / Tapşırıq 9: CheckpointManager."""

import os
import pathlib
import shutil
import signal
from pathlib import Path

import numpy as np
import pytest
import torch
from runs.keep_best import (FOREIGN, Shown, epoch_in_file, epoch_of_name, kept_epochs, name_of,
                            save_and_die_at_first_deletion, state_for, write_file,
                            write_foreign_files)

from course.grading import processes
from course.grading.compare import first_difference
from course.grading.feedback import Feedback, expect, short_error
from course.grading.plugin import learner_function

pytestmark = [pytest.mark.task(9), pytest.mark.processes]

CHILD_TIMEOUT_S = 30


class Manager:
    """The learner's manager; a crash in one of its methods becomes a verdict."""

    def __init__(self, CheckpointManager, folder: Path | str, impl: str, **options) -> None:
        self.folder = Path(folder)
        self.impl = impl
        self.manager = CheckpointManager(folder, **options)

    def save(self, epoch: int, metric: float):
        call = learner_function(self.manager, "save", self.impl)
        return call(state_for(epoch), epoch, metric)

    def run(self, metrics: list[float], first_epoch: int = 0) -> None:
        for epoch, metric in enumerate(metrics, start=first_epoch):
            self.save(epoch, metric)

    def best_epoch(self) -> int | None | str:
        """The epoch whose file ``best`` names; the raw value if it names none."""
        try:
            best = self.manager.best
        except NotImplementedError:
            raise
        except Exception as error:
            raise Feedback("common.crashed", function="CheckpointManager.best",
                           error=short_error(error), where="best") from error
        if best is None:
            return None
        path = Path(best)
        if path.parent.resolve() != self.folder.resolve():
            return Shown(best)
        if epoch_of_name(path.name) is None:
            return Shown(path.name)
        return epoch_of_name(path.name)


def names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


@pytest.fixture
def impl(request) -> str:
    return request.config.getoption("--impl")


def test_manager_writes_one_weights_only_file_per_epoch(CheckpointManager, tmp_path, impl):
    folder = tmp_path / "run" / "checkpoints"  # not there yet: the manager makes it
    manager = Manager(CheckpointManager, folder, impl)
    best = manager.best_epoch()
    expect(best is None, "keep_best.best_before_any", actual=best)
    # A metric as NumPy gives it (np.float64 is a float): pickled, it is a NumPy object.
    result = manager.save(7, np.float64(0.25))
    path = folder / "epoch-0007.pth"
    expect(path.is_file(), "keep_best.no_file", name=path.name,
           found=", ".join(sorted(names(folder))) if folder.is_dir() else "-")
    expect(isinstance(result, (str, os.PathLike)) and Path(result).resolve() == path.resolve(),
           "keep_best.wrong_return", result=Shown(result), expected=path)
    try:
        saved = torch.load(path, weights_only=True)
    except Exception as error:
        raise Feedback("keep_best.not_weights_only", error=short_error(error)) from None
    expect(isinstance(saved, dict) and {"epoch", "metric", "state"} <= saved.keys(),
           "keep_best.wrong_format", found=sorted(saved) if isinstance(saved, dict) else saved)
    expect(saved["epoch"] == 7 and saved["metric"] == 0.25, "keep_best.wrong_values",
           epoch=Shown(saved["epoch"]), metric=Shown(saved["metric"]))
    difference = first_difference(state_for(7), saved["state"])
    expect(difference is None, "keep_best.state_differs", difference=difference)


def test_manager_keeps_the_last_k(CheckpointManager, tmp_path, impl):
    manager = Manager(CheckpointManager, tmp_path, impl, keep_last=4, mode="min")
    manager.run([1 / (epoch + 1) for epoch in range(10)])  # each epoch the best so far
    kept = kept_epochs(tmp_path)
    expect(kept == [6, 7, 8, 9], "keep_best.kept_wrong", run="0-9", keep_last=4,
           expected=[6, 7, 8, 9], actual=kept)


def test_manager_counts_past_epoch_9999(CheckpointManager, tmp_path, impl):
    manager = Manager(CheckpointManager, tmp_path, impl, keep_last=2, mode="min")
    manager.run([0.5, 0.4, 0.3, 0.2, 0.1], first_epoch=9997)
    kept = kept_epochs(tmp_path)
    expect(kept == [10000, 10001], "keep_best.sorted_as_text", expected=[10000, 10001],
           actual=kept)


# Each mode: the best is epoch 1, which falls out of the last 2 at epoch 3.
BEST_RUNS = {"min": [0.9, 0.5, 0.7, 0.8, 0.6, 0.65], "max": [0.1, 0.6, 0.4, 0.3, 0.5, 0.45]}


@pytest.mark.parametrize("mode", BEST_RUNS)
def test_manager_keeps_the_best(CheckpointManager, tmp_path, impl, mode):
    metrics = BEST_RUNS[mode]
    manager = Manager(CheckpointManager, tmp_path, impl, keep_last=2, mode=mode)
    manager.run(metrics)
    kept, best = kept_epochs(tmp_path), manager.best_epoch()
    if mode == "max":  # the smallest value won: compared as if it were a loss
        expect(best != 0 and 0 not in kept, "keep_best.max_like_min", metrics=metrics)
    expect(1 in kept, "keep_best.best_deleted", mode=mode, metrics=metrics, kept=kept)
    expect(kept != [1, 5], "keep_best.best_took_a_slot", keep_last=2, kept=kept)
    expect(kept == [1, 4, 5], "keep_best.kept_wrong", run="0-5", keep_last=2,
           expected=[1, 4, 5], actual=kept)
    expect(best == 1, "keep_best.best_wrong", mode=mode, metrics=metrics, actual=best)


# Epochs 0 and 2 tie for the best value; epoch 0 came first and stays the best.
TIE_RUNS = {"min": [0.5, 0.7, 0.5, 0.8, 0.9], "max": [0.5, 0.3, 0.5, 0.2, 0.1]}


@pytest.mark.parametrize("mode", TIE_RUNS)
def test_manager_tie_keeps_the_earlier_best(CheckpointManager, tmp_path, impl, mode):
    metrics = TIE_RUNS[mode]
    manager = Manager(CheckpointManager, tmp_path, impl, keep_last=2, mode=mode)
    manager.run(metrics)
    kept, best = kept_epochs(tmp_path), manager.best_epoch()
    expect(best != 2 and 0 in kept, "keep_best.tie_replaced", mode=mode, metrics=metrics)
    expect(kept == [0, 3, 4], "keep_best.kept_wrong", run="0-4", keep_last=2,
           expected=[0, 3, 4], actual=kept)
    expect(best == 0, "keep_best.best_wrong", mode=mode, metrics=metrics, actual=best)


# Each mode: epochs 1 and 3 tie for the best on disk; epoch 1 came first and stays the best.
# After the restart, epoch 5 ties with them too.
RESTART_RUNS = {"min": ([0.9, 0.4, 0.6, 0.4], [0.8, 0.4]),
                "max": ([0.1, 0.6, 0.4, 0.6], [0.2, 0.6])}


@pytest.mark.parametrize("mode", RESTART_RUNS)
def test_manager_carries_on_after_a_restart(CheckpointManager, tmp_path, impl, mode):
    before, after = RESTART_RUNS[mode]
    first = Manager(CheckpointManager, tmp_path, impl, keep_last=2, mode=mode)
    first.run(before)  # epochs 0-3; the best is epoch 1, tied by epoch 3
    del first
    again = Manager(CheckpointManager, tmp_path, impl, keep_last=2, mode=mode)
    best = again.best_epoch()
    expect(best != 2, "keep_best.restart_wrong_way", mode=mode, metrics=before)
    expect(best != 3, "keep_best.restart_tie", mode=mode, metrics=before)
    expect(best == 1, "keep_best.forgot_best", actual=best)
    again.run(after, first_epoch=4)  # epoch 5 only ties with epoch 1
    kept = kept_epochs(tmp_path)
    expect(1 in kept, "keep_best.forgot_best", actual=again.best_epoch())
    expect(not {2, 3} & set(kept), "keep_best.restart_not_cleaned", kept=kept)
    expect(kept == [1, 4, 5], "keep_best.kept_wrong", run="0-3, 4-5", keep_last=2,
           expected=[1, 4, 5], actual=kept)
    best = again.best_epoch()
    expect(best == 1, "keep_best.best_wrong", mode=mode, metrics=before + after, actual=best)


def test_manager_never_makes_nan_the_best(CheckpointManager, tmp_path, impl):
    metrics = [float("nan"), 0.3, 0.4, 0.5]
    manager = Manager(CheckpointManager, tmp_path, impl, keep_last=1, mode="min")
    manager.run(metrics)
    best = manager.best_epoch()
    expect(best != 0, "keep_best.nan_best", metrics=metrics)
    expect(best == 1, "keep_best.best_wrong", mode="min", metrics=metrics, actual=best)
    kept = kept_epochs(tmp_path)
    expect(kept == [1, 3], "keep_best.kept_wrong", run="0-3", keep_last=1, expected=[1, 3],
           actual=kept)


def test_manager_never_deletes_foreign_files(CheckpointManager, tmp_path, impl):
    foreign = write_foreign_files(tmp_path)
    manager = Manager(CheckpointManager, tmp_path, impl, keep_last=2, mode="min")
    manager.run([0.5, 0.4, 0.3, 0.2, 0.1])
    for name in FOREIGN:
        path = tmp_path / name
        expect(path.is_file(), "keep_best.foreign_deleted", name=name)
        expect(path.read_bytes() == foreign[name], "keep_best.foreign_changed", name=name)
    kept = kept_epochs(tmp_path)
    expect(kept == [3, 4], "keep_best.kept_wrong", run="0-4", keep_last=2,
           expected=[3, 4], actual=kept)
    best = manager.best_epoch()
    expect(best == 4, "keep_best.best_wrong", mode="min", metrics=[0.5, 0.4, 0.3, 0.2, 0.1],
           actual=best)


def test_manager_restarts_among_foreign_files(CheckpointManager, tmp_path, impl):
    """On a restart, a foreign file met while reading the folder is skipped, not the end.

    The foreign files come last, so that a folder listed newest first (tmpfs)
    shows them before the checkpoints."""
    first = Manager(CheckpointManager, tmp_path, impl, keep_last=2, mode="min")
    first.run([0.9, 0.4, 0.6, 0.7])  # epochs 0-3; the best is epoch 1
    del first
    foreign = write_foreign_files(tmp_path)
    again = Manager(CheckpointManager, tmp_path, impl, keep_last=2, mode="min")
    best = again.best_epoch()
    expect(best == 1, "keep_best.restart_stopped_at_foreign", actual=best)
    again.run([0.8, 0.5], first_epoch=4)
    kept = kept_epochs(tmp_path)
    expect(kept == [1, 4, 5], "keep_best.kept_wrong", run="0-3, 4-5", keep_last=2,
           expected=[1, 4, 5], actual=kept)
    for name in FOREIGN:
        path = tmp_path / name
        expect(path.is_file(), "keep_best.foreign_deleted", name=name)
        expect(path.read_bytes() == foreign[name], "keep_best.foreign_changed", name=name)


def test_manager_restarts_past_a_damaged_file(CheckpointManager, tmp_path, impl):
    """The oldest own file is cut off; the best comes after it."""
    first = Manager(CheckpointManager, tmp_path, impl, keep_last=3, mode="min")
    first.run([0.9, 0.6, 0.5, 0.4])  # epochs 0-3; files 1-3, the best is epoch 3
    del first
    damaged = tmp_path / name_of(1)
    damaged.write_bytes(damaged.read_bytes()[:100])
    try:
        again = Manager(CheckpointManager, tmp_path, impl, keep_last=3, mode="min")
    except Feedback as crash:
        if crash.key != "common.crashed":
            raise
        raise Feedback("keep_best.restart_crashed_at_damaged", name=damaged.name,
                       error=crash.values["error"]) from None
    best = again.best_epoch()
    expect(best == 3, "keep_best.restart_stopped_at_damaged", name=damaged.name, actual=best)
    again.save(4, 0.8)
    kept = kept_epochs(tmp_path)
    expect(kept == [2, 3, 4], "keep_best.kept_wrong", run="0-3, 4", keep_last=3,
           expected=[2, 3, 4], actual=kept)


@pytest.mark.parametrize("name", ["epoch-7.pth", "epoch-00007.pth"])
def test_manager_counts_only_its_own_names(CheckpointManager, tmp_path, impl, name):
    """Epoch 7 of this manager is epoch-0007.pth; a name with less or more padding belongs
    to another run, here with a better metric."""
    foreign = write_file(tmp_path, 7, metric=0.0, name=name).read_bytes()
    manager = Manager(CheckpointManager, tmp_path, impl, keep_last=2, mode="min")
    manager.run([0.5, 0.4, 0.3, 0.2, 0.1])
    best = manager.best_epoch()
    expect(best == 4, "keep_best.foreign_counted", name=name, actual=best)
    path = tmp_path / name
    expect(path.is_file(), "keep_best.foreign_deleted", name=path.name)
    expect(path.read_bytes() == foreign, "keep_best.foreign_changed", name=path.name)
    kept = kept_epochs(tmp_path)
    expect(kept == [3, 4], "keep_best.kept_wrong", run="0-4", keep_last=2,
           expected=[3, 4], actual=kept)


def test_manager_works_in_a_relative_folder_with_glob_characters(CheckpointManager, tmp_path,
                                                                 impl, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("runs", "lr[0.1]")  # relative, and [0.1] is a pattern to glob
    (tmp_path / "runs" / "lr0").mkdir(parents=True)  # what the pattern lr[0.1] matches instead
    first = Manager(CheckpointManager, str(folder), impl, keep_last=2, mode="min")
    first.run([0.9, 0.4, 0.6, 0.7])  # epochs 0-3; the best is epoch 1
    kept = kept_epochs(folder)
    expect(kept != [0, 1, 2, 3], "keep_best.glob_folder_not_cleaned", folder=str(folder),
           kept=kept)
    expect(kept == [1, 2, 3], "keep_best.kept_wrong", run="0-3", keep_last=2,
           expected=[1, 2, 3], actual=kept)
    again = Manager(CheckpointManager, str(folder), impl, keep_last=2, mode="min")
    best = again.best_epoch()
    expect(best == 1, "keep_best.forgot_best", actual=best)
    again.save(4, 0.8)
    kept = kept_epochs(folder)
    expect(kept == [1, 3, 4], "keep_best.kept_wrong", run="0-3, 4", keep_last=2,
           expected=[1, 3, 4], actual=kept)


def test_manager_deletes_only_after_the_new_file_is_complete(CheckpointManager, tmp_path, impl,
                                                             monkeypatch):
    manager = Manager(CheckpointManager, tmp_path, impl, keep_last=1, mode="min")
    manager.run([0.1, 0.5])  # epoch 0 is the best, epoch 1 the last
    new_file = tmp_path / name_of(2)
    first_deletion = []  # what epoch-0002.pth held when the first deletion began

    def watching(delete):
        def deleting(*args, **kwargs):
            if not first_deletion:
                first_deletion.append(epoch_in_file(new_file) if new_file.is_file() else None)
            return delete(*args, **kwargs)
        return deleting

    for owner, name in ((os, "remove"), (os, "unlink"), (shutil, "rmtree"),
                        (pathlib.Path, "unlink")):
        monkeypatch.setattr(owner, name, watching(getattr(owner, name)))
    manager.save(2, 0.6)  # epoch 1 must go, but only once epoch 2 is complete
    monkeypatch.undo()
    expect(not first_deletion or first_deletion[0] == 2, "keep_best.deleted_before_writing")
    kept = kept_epochs(tmp_path)
    expect(kept == [0, 2], "keep_best.kept_wrong", run="0-2", keep_last=1, expected=[0, 2],
           actual=kept)


def test_manager_keeps_everything_when_a_save_fails(CheckpointManager, tmp_path, impl):
    """A state that cannot be pickled (a lambda) makes the write fail half-way."""
    manager = Manager(CheckpointManager, tmp_path, impl, keep_last=1, mode="min")
    manager.run([0.4, 0.5])  # epoch 0 is the best, epoch 1 the last
    try:
        manager.manager.save({**state_for(2), "schedule": lambda step: 0.1}, 2, 0.3)
    except NotImplementedError:
        raise
    except Exception:
        pass  # failing is right here; what counts is what the folder holds afterwards
    kept = kept_epochs(tmp_path)
    expect({0, 1} <= set(kept), "keep_best.deleted_despite_failed_save", kept=kept)
    expect(2 not in kept, "keep_best.partial_file_left", name=name_of(2))


@pytest.mark.timeout(60)
def test_manager_survives_a_kill_between_write_and_delete(CheckpointManager, tmp_path, impl):
    Manager(CheckpointManager, tmp_path / "probe", impl).save(0, 0.5)  # a stub: todo, no child
    folder = tmp_path / "checkpoints"
    log = tmp_path / "child.log"
    # keep_last=2, the best is epoch 0; saving epoch 3 must delete epoch 1.
    metrics = [0.5, 0.9, 0.8, 0.7]
    code = processes.run(save_and_die_at_first_deletion, impl, str(folder), 2, "min", metrics,
                         timeout=CHILD_TIMEOUT_S, log=log)
    expect(code in (0, -signal.SIGKILL), "keep_best.child_failed", code=code,
           log=processes.tail(log))
    expect(epoch_in_file(folder / name_of(3)) == 3, "keep_best.kill_lost_new",
           kept=kept_epochs(folder))
    kept = kept_epochs(folder)
    expect(len(kept) <= 4 and {0, 2, 3} <= set(kept), "keep_best.kill_lost_old", kept=kept)
    # A new process carries on: same best, and the one file too many goes.
    again = Manager(CheckpointManager, folder, impl, keep_last=2, mode="min")
    best = again.best_epoch()
    expect(best == 0, "keep_best.forgot_best", actual=best)
    again.save(4, 0.6)
    kept = kept_epochs(folder)
    expect(kept == [0, 3, 4], "keep_best.kept_wrong", run="0-3, 4", keep_last=2,
           expected=[0, 3, 4], actual=kept)


BAD_OPTIONS = {"mode": {"keep_last": 2, "mode": "maximum"},
               "keep_last": {"keep_last": 0, "mode": "min"}}


@pytest.mark.parametrize("option", BAD_OPTIONS)
def test_manager_rejects_a_bad_option(CheckpointManager, tmp_path, option):
    options = BAD_OPTIONS[option]
    try:
        CheckpointManager(tmp_path, **options)
    except Feedback as crash:
        if crash.key == "common.crashed" and isinstance(crash.__cause__, ValueError):
            return
        raise
    raise Feedback(f"keep_best.bad_{option}_accepted")

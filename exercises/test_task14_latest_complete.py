"""Aufgabe 14 / Tapşırıq 14: latest_complete and consolidate.

The checkpoints here are real DCP checkpoints, written in this process by
PyTorch's own ``dcp.save`` (not the learner's). An incomplete one is what a
crash leaves behind: every shard written, but not ``.metadata``, which rank 0
writes last.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
import torch
from runs.distributed import quiet_dcp, write_checkpoint
from training import DropoutNet

from course.grading.compare import first_difference
from course.grading.feedback import Feedback, expect, localized
from course.grading.plugin import learner_function

pytestmark = pytest.mark.task(14)


def write_step(root: Path, step: int, complete: bool = True) -> Path:
    """A checkpoint folder ``step-<step>`` as save_distributed writes it."""
    return write_checkpoint(root / f"step-{step}", seed=step, complete=complete)


def name_of(result: object) -> str:
    return Path(result).name if isinstance(result, (str, os.PathLike)) else repr(result)


def expect_choice(result: object, expected: Path | None, case: str) -> None:
    right = (result is None if expected is None else isinstance(result, (str, os.PathLike))
             and Path(result).resolve() == expected.resolve())
    expect(right, "distributed_latest.wrong_choice", chosen=name_of(result),
           expected=name_of(expected), case=localized(f"distributed_latest.case_{case}"))


def age(folder: Path, seconds: float) -> None:
    """Date the folder and its files ``seconds`` back, as an older save would be."""
    when = time.time() - seconds
    for path in [folder, *folder.iterdir()]:
        os.utime(path, (when, when))


def test_picks_the_newest_complete_checkpoint(latest_complete, tmp_path):
    newest = write_step(tmp_path, 2)
    age(newest, 100)  # written before step-1: as after a copy or a restore from a backup
    written_last = write_step(tmp_path, 1)
    (tmp_path / "notes.txt").write_text("run 1")  # other entries do not count
    (tmp_path / "logs").mkdir()
    # complete checkpoints, but in folders whose names only look like step-<n>
    foreign = ["step-12.bak", "backup-step-30"]
    for name in foreign:
        shutil.copytree(newest, tmp_path / name)
    result = latest_complete(tmp_path)
    expect(name_of(result) not in foreign, "distributed_latest.chose_foreign",
           chosen=name_of(result), expected=newest.name)
    expect(name_of(result) != written_last.name, "distributed_latest.chose_by_time",
           chosen=written_last.name, expected=newest.name)
    expect_choice(result, newest, "newest")
    expect(isinstance(result, Path), "distributed_latest.not_a_path",
           type=type(result).__name__)


def test_compares_step_numbers_not_names(latest_complete, tmp_path):
    nine = write_step(tmp_path, 9)
    ten = write_step(tmp_path, 10)
    result = latest_complete(str(tmp_path))
    expect(name_of(result) != nine.name, "distributed_latest.chose_by_name",
           chosen=nine.name, expected=ten.name)
    expect_choice(result, ten, "newest")


def test_skips_a_checkpoint_without_metadata(latest_complete, tmp_path):
    complete = write_step(tmp_path, 1)
    incomplete = write_step(tmp_path, 2, complete=False)
    result = latest_complete(tmp_path)
    expect(name_of(result) != incomplete.name, "distributed_latest.chose_incomplete",
           chosen=incomplete.name, expected=complete.name)
    expect_choice(result, complete, "newest")


@pytest.mark.parametrize("case", ["empty", "missing", "only_incomplete"])
def test_returns_none_without_a_complete_checkpoint(latest_complete, tmp_path, case):
    root = tmp_path / "run"
    if case != "missing":
        root.mkdir()
    incomplete = write_step(root, 3, complete=False) if case == "only_incomplete" else None
    result = latest_complete(root)
    if incomplete:
        expect(name_of(result) != incomplete.name, "distributed_latest.chose_incomplete",
               chosen=incomplete.name, expected=None)
    expect_choice(result, None, case)


@pytest.fixture
def consolidate(implementation, request):
    """The learner's second function of this task, wrapped like a task fixture."""
    return learner_function(implementation, "consolidate", request.config.getoption("--impl"))


def test_consolidated_file_loads_weights_only_and_holds_everything(consolidate, tmp_path):
    from torch.distributed.checkpoint.format_utils import dcp_to_torch_save
    folder = write_step(tmp_path, 4)
    expected_file = tmp_path / "expected.pt"
    file = tmp_path / "model.pt"
    with quiet_dcp():
        dcp_to_torch_save(folder, expected_file)  # PyTorch's own conversion
        consolidate(folder, file)
    expect(file.is_file(), "distributed_consolidate.no_file", file=file.name)
    try:
        consolidated = torch.load(file, weights_only=True)
    except Exception as error:
        raise Feedback("distributed_consolidate.not_weights_only",
                       error=f"{type(error).__name__}: {error}".splitlines()[0]) from None
    difference = first_difference(torch.load(expected_file, weights_only=True), consolidated)
    expect(difference is None, "distributed_consolidate.differs", difference=difference)


def test_consolidate_refuses_an_incomplete_checkpoint(consolidate, tmp_path):
    incomplete = write_step(tmp_path, 5, complete=False)
    file = tmp_path / "model.pt"
    torch.save({"model": DropoutNet().state_dict()}, file)  # a good earlier file
    before = file.read_bytes()
    error = None
    try:
        with quiet_dcp():
            consolidate(incomplete, file)
    except Feedback as crash:  # the wrapper turns the learner's error into this
        if crash.key != "common.crashed":
            raise
        error = crash
    expect(file.is_file() and file.read_bytes() == before, "distributed_consolidate.overwrote",
           file=file.name)
    expect(error is not None, "distributed_consolidate.accepted_incomplete")
    expect(isinstance(error.__cause__, FileNotFoundError), "distributed_consolidate.wrong_error",
           raised=type(error.__cause__).__name__, error=error.values["error"])

"""Aufgabe 14 / Tapşırıq 14: latest_complete and consolidate.

The checkpoints here are real DCP checkpoints, written in this process by
PyTorch's own ``dcp.save`` (not the learner's). An incomplete one is what a
crash leaves behind: every shard written, but not ``.metadata``, which rank 0
writes last.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import torch
from runs.distributed import quiet_dcp
from training import DropoutNet

from course.grading.compare import first_difference
from course.grading.feedback import Feedback, expect, localized
from course.grading.plugin import learner_function

pytestmark = pytest.mark.task(14)


def write_step(root: Path, step: int, complete: bool = True) -> Path:
    """A checkpoint folder ``step-<step>`` as save_distributed writes it."""
    import torch.distributed.checkpoint as dcp
    from torch.distributed.checkpoint.state_dict import get_state_dict
    torch.manual_seed(step)
    model = DropoutNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01 * step)
    model(torch.randn(4, 6)).sum().backward()
    optimizer.step()
    model_state, optimizer_state = get_state_dict(model, optimizer)
    folder = root / f"step-{step}"
    with quiet_dcp():
        dcp.save({"model": model_state, "optimizer": optimizer_state}, checkpoint_id=folder,
                 no_dist=True)
    if not complete:  # a crash before rank 0 renamed .metadata into place
        (folder / ".metadata").unlink()
    return folder


def name_of(result: object) -> str:
    return Path(result).name if isinstance(result, (str, os.PathLike)) else repr(result)


def expect_choice(result: object, expected: Path | None, case: str) -> None:
    right = (result is None if expected is None else isinstance(result, (str, os.PathLike))
             and Path(result).resolve() == expected.resolve())
    expect(right, "distributed_latest.wrong_choice", chosen=name_of(result),
           expected=name_of(expected), case=localized(f"distributed_latest.case_{case}"))


def test_picks_the_newest_complete_checkpoint(latest_complete, tmp_path):
    write_step(tmp_path, 1)
    newest = write_step(tmp_path, 2)
    (tmp_path / "notes.txt").write_text("run 1")  # other entries do not count
    (tmp_path / "logs").mkdir()
    expect_choice(latest_complete(tmp_path), newest, "newest")


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
    raised = False
    try:
        with quiet_dcp():
            consolidate(incomplete, file)
    except Feedback as crash:  # the wrapper turns the learner's error into this
        if crash.key != "common.crashed":
            raise
        raised = True
    expect(file.is_file() and file.read_bytes() == before, "distributed_consolidate.overwrote",
           file=file.name)
    expect(raised, "distributed_consolidate.accepted_incomplete")

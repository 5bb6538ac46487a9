"""Aufgabe 4 / Tapşırıq 4: load_state_safely."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from material import RunsCodeWhenLoaded, make_training

from course.grading.compare import first_difference, snapshot
from course.grading.feedback import Feedback, expect, localized

pytestmark = pytest.mark.task(4)


class Counter:
    """The smallest object register_for_checkpointing takes: one int of state."""

    def __init__(self, epoch: int) -> None:
        self.epoch = epoch

    def state_dict(self) -> dict[str, int]:
        return {"epoch": self.epoch}

    def load_state_dict(self, state: dict[str, int]) -> None:
        self.epoch = state["epoch"]


class Prepared:
    """A model, an optimizer and a counter, prepared by an Accelerator of their own."""

    def __init__(self, seed: int, epoch: int) -> None:
        from accelerate import Accelerator  # here, not at the top: other lessons skip it
        self.accelerator = Accelerator(cpu=True)
        self.counter = Counter(epoch)
        self.accelerator.register_for_checkpointing(self.counter)
        self.model, self.optimizer = self.accelerator.prepare(*make_training(seed))
        self.before = snapshot(self.model.state_dict())


def saved_folder(folder: Path) -> Prepared:
    """A folder written by save_state, holding a model, an optimizer and a counter at 7."""
    saved = Prepared(seed=1, epoch=7)
    saved.accelerator.save_state(folder)
    return saved


def load_expecting_no_crash(load_state_safely, learner: Prepared, folder, case: dict):
    try:
        return load_state_safely(learner.accelerator, folder)
    except Feedback as crash:
        if crash.key != "common.crashed":
            raise
        raise Feedback("accelerate_load.raised", case=case, error=crash.values["error"]) from None


def printed(capsys, caplog) -> str:
    out, err = capsys.readouterr()
    return out + err + caplog.text


def expect_refused(result, learner: Prepared, case: dict, name: str, capsys, caplog) -> None:
    expect(result is False, "accelerate_load.should_return_false", case=case, result=result)
    difference = first_difference(learner.before, learner.model.state_dict())
    expect(difference is None, "accelerate_load.model_changed", case=case, difference=difference)
    expect(name in printed(capsys, caplog), "accelerate_load.no_message", case=case, name=name)


@pytest.mark.parametrize("as_type", [str, Path], ids=["str", "Path"])
def test_restores_a_good_folder(load_state_safely, tmp_path, as_type):
    saved = saved_folder(tmp_path / "state")
    learner = Prepared(seed=2, epoch=0)
    result = load_state_safely(learner.accelerator, as_type(tmp_path / "state"))
    difference = first_difference(saved.model.state_dict(), learner.model.state_dict())
    expect(difference is None, "accelerate_load.not_restored", difference=difference)
    difference = first_difference(saved.optimizer.state_dict(), learner.optimizer.state_dict())
    expect(difference is None, "accelerate_load.not_restored", difference=difference)
    expect(learner.counter.epoch == 7, "accelerate_load.progress_not_restored",
           epoch=learner.counter.epoch, expected=7)
    expect(result is True, "accelerate_load.should_return_true", result=result)


def test_never_runs_code_from_a_custom_checkpoint(load_state_safely, tmp_path, capsys, caplog):
    case = localized("accelerate_case.code")
    saved_folder(tmp_path / "state")
    marker = tmp_path / "code-ran"
    torch.save({"epoch": RunsCodeWhenLoaded(marker)}, tmp_path / "state" / "custom_checkpoint_0.pkl")
    learner = Prepared(seed=2, epoch=0)
    result = load_expecting_no_crash(load_state_safely, learner, str(tmp_path / "state"), case)
    expect(not marker.exists(), "accelerate_load.ran_code")
    expect_refused(result, learner, case, "custom_checkpoint_0.pkl", capsys, caplog)


def test_missing_folder_loads_nothing(load_state_safely, tmp_path, capsys, caplog):
    case = localized("accelerate_case.missing")
    learner = Prepared(seed=2, epoch=0)
    folder = tmp_path / "never-saved-17"
    result = load_expecting_no_crash(load_state_safely, learner, str(folder), case)
    expect_refused(result, learner, case, folder.name, capsys, caplog)


def test_truncated_model_file_loads_nothing(load_state_safely, tmp_path, capsys, caplog):
    case = localized("accelerate_case.truncated_model")
    folder = tmp_path / "half-written-23"
    saved_folder(folder)
    data = (folder / "model.safetensors").read_bytes()
    (folder / "model.safetensors").write_bytes(data[: len(data) // 2])
    learner = Prepared(seed=2, epoch=0)
    result = load_expecting_no_crash(load_state_safely, learner, str(folder), case)
    expect_refused(result, learner, case, folder.name, capsys, caplog)

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


class Stage:
    """A plain class of our own: its instances load with weights_only=True only when allowed."""

    def __init__(self, name: str) -> None:
        self.name = name


class StagedCounter(Counter):
    """A counter whose state also holds a Stage: it needs safe_globals=[Stage]."""

    def __init__(self, epoch: int, stage: str) -> None:
        super().__init__(epoch)
        self.stage = Stage(stage)

    def state_dict(self) -> dict:
        return {"epoch": self.epoch, "stage": self.stage}

    def load_state_dict(self, state: dict) -> None:
        self.epoch, self.stage = state["epoch"], state["stage"]


class Prepared:
    """A model, an optimizer and two counters, prepared by an Accelerator of their own.

    Two registered objects, so two files custom_checkpoint_0.pkl and _1.pkl:
    "each of these files" is checked with more than one.
    """

    def __init__(self, seed: int, epoch: int, counter=Counter) -> None:
        from accelerate import Accelerator  # here, not at the top: other lessons skip it
        self.accelerator = Accelerator(cpu=True)
        self.counters = [Counter(epoch), counter(epoch + 10)]
        self.accelerator.register_for_checkpointing(*self.counters)
        self.model, self.optimizer = self.accelerator.prepare(*make_training(seed))
        self.before = snapshot(self.model.state_dict())
        self.optimizer_before = snapshot(self.optimizer.state_dict())

    @property
    def epochs(self) -> list[int]:
        return [counter.epoch for counter in self.counters]


def saved_folder(folder: Path, counter=Counter) -> Prepared:
    """A folder written by save_state: a model, an optimizer and counters at 7 and 17."""
    saved = Prepared(seed=1, epoch=7, counter=counter)
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


def expect_refused(result, learner: Prepared, case: dict, name: str, capsys, caplog,
                   file_refused: bool = False) -> None:
    """False, a message naming ``name``, and the model unchanged; after a refused file
    (the docstring's promise) also the optimizer and the registered objects."""
    expect(result is False, "accelerate_load.should_return_false", case=case, result=result)
    difference = first_difference(learner.before, learner.model.state_dict())
    expect(difference is None, "accelerate_load.model_changed", case=case, difference=difference)
    if file_refused:
        difference = first_difference(learner.optimizer_before, learner.optimizer.state_dict())
        expect(difference is None, "accelerate_load.optimizer_changed", case=case,
               difference=difference)
        expect(learner.epochs == [0, 10], "accelerate_load.object_changed", case=case,
               epochs=learner.epochs)
    expect(name in printed(capsys, caplog), "accelerate_load.no_message", case=case, name=name)


def expect_random_states_not_refused(result, said: str) -> None:
    """A good folder refused over random_states_0.pkl: that file is not the learner's to check."""
    expect(result is not False or "random_states" not in said,
           "accelerate_load.refused_random_states")


def plant_code(folder: Path, index: int, marker: Path) -> None:
    """Replace the file of registered object ``index`` with one whose loading runs code."""
    torch.save({"epoch": RunsCodeWhenLoaded(marker)}, folder / f"custom_checkpoint_{index}.pkl")


@pytest.mark.parametrize("as_type", [str, Path], ids=["str", "Path"])
def test_restores_a_good_folder(load_state_safely, tmp_path, capsys, caplog, as_type):
    saved = saved_folder(tmp_path / "state")
    learner = Prepared(seed=2, epoch=0)
    result = load_state_safely(learner.accelerator, as_type(tmp_path / "state"))
    expect_random_states_not_refused(result, printed(capsys, caplog))
    difference = first_difference(saved.model.state_dict(), learner.model.state_dict())
    expect(difference is None, "accelerate_load.not_restored", difference=difference)
    difference = first_difference(saved.optimizer.state_dict(), learner.optimizer.state_dict())
    expect(difference is None, "accelerate_load.not_restored", difference=difference)
    expect(learner.epochs == [7, 17], "accelerate_load.progress_not_restored",
           epochs=learner.epochs, expected=[7, 17])
    expect(result is True, "accelerate_load.should_return_true", result=result)


def test_safe_globals_allow_their_types_and_no_more(load_state_safely, tmp_path, capsys, caplog):
    saved_folder(tmp_path / "state", counter=lambda epoch: StagedCounter(epoch, "warmup"))
    learner = Prepared(seed=2, epoch=0, counter=lambda epoch: StagedCounter(epoch, "none"))
    result = load_state_safely(learner.accelerator, tmp_path / "state", safe_globals=[Stage])
    expect_random_states_not_refused(result, printed(capsys, caplog))
    expect(result is True and learner.counters[1].stage.name == "warmup",
           "accelerate_load.safe_globals_ignored", result=result)
    expect(Stage not in torch.serialization.get_safe_globals(),
           "accelerate_load.safe_globals_kept")


@pytest.mark.parametrize("index", [0, 1])
def test_never_runs_code_from_a_custom_checkpoint(load_state_safely, tmp_path, capsys, caplog,
                                                  index):
    name = f"custom_checkpoint_{index}.pkl"
    case = localized("accelerate_case.code", name=name)
    saved_folder(tmp_path / "state")
    marker = tmp_path / "code-ran"
    plant_code(tmp_path / "state", index, marker)
    learner = Prepared(seed=2, epoch=0)
    result = load_expecting_no_crash(load_state_safely, learner, str(tmp_path / "state"), case)
    expect(not marker.exists(), "accelerate_load.ran_code", name=name)
    expect_refused(result, learner, case, name, capsys, caplog, file_refused=True)


def test_checks_a_folder_whose_name_looks_like_a_pattern(load_state_safely, tmp_path, capsys,
                                                        caplog):
    """``[``, ``]``, ``*`` and ``?`` are ordinary characters in a folder's name."""
    folder = tmp_path / "run[1]*"
    case = localized("accelerate_case.pattern_name", name=folder.name)
    saved_folder(folder)
    marker = tmp_path / "code-ran"
    plant_code(folder, 0, marker)
    learner = Prepared(seed=2, epoch=0)
    result = load_expecting_no_crash(load_state_safely, learner, str(folder), case)
    if marker.exists():  # because of the name? Only if a plain name is checked
        plain = tmp_path / "plain"
        saved_folder(plain)
        plant_code(plain, 0, tmp_path / "code-ran-plain")
        load_state_safely(Prepared(seed=2, epoch=0).accelerator, str(plain))
        expect((tmp_path / "code-ran-plain").exists(), "accelerate_load.pattern_name",
               name=folder.name)
        raise Feedback("accelerate_load.ran_code", name="custom_checkpoint_0.pkl")
    expect_refused(result, learner, case, "custom_checkpoint_0.pkl", capsys, caplog,
                   file_refused=True)


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

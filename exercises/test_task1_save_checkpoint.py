"""Aufgabe 1 / Tapşırıq 1: save_checkpoint."""

import pickle
from pathlib import Path

import pytest
import torch
from material import REQUIRED_KEYS, make_training

from course.grading.compare import first_difference, snapshot
from course.grading.feedback import Feedback, expect, short_error

pytestmark = pytest.mark.task(1)

EPOCH = 3


def read_back(path: Path) -> dict:
    """Load what the learner saved the way load_checkpoint will: weights only."""
    expect(path.is_file(), "save.no_file", filename=path)
    try:
        saved = torch.load(path, weights_only=True)
    except pickle.UnpicklingError as error:
        raise Feedback("save.not_weights_only", error=short_error(error)) from None
    except Exception as error:
        raise Feedback("save.unreadable", filename=path, error=short_error(error)) from None
    expect(isinstance(saved, dict), "save.not_a_dict", found=type(saved).__name__)
    missing = [key for key in REQUIRED_KEYS if key not in saved]
    expect(not missing, "save.keys_missing", keys=", ".join(missing))
    return saved


def train_and_save(save_checkpoint, folder: Path):
    """Train, save with the learner's function, and read the file back.

    A plain function, not a fixture: a failure in a fixture would show as an
    error in pytest's summary instead of a failed check.
    """
    model, optimizer = make_training(seed=1)
    path = folder / "epoch3.pth"
    save_checkpoint(model, optimizer, EPOCH, str(path), loss=0.25)
    return model, optimizer, read_back(path)


@pytest.mark.parametrize("as_type", [str, Path], ids=["str", "Path"])
def test_writes_the_file_it_is_given(save_checkpoint, tmp_path, as_type):
    model, optimizer = make_training(seed=1)
    path = tmp_path / "run" / "latest.pth"
    path.parent.mkdir()
    save_checkpoint(model, optimizer, EPOCH, as_type(path))
    read_back(path)


def test_saves_to_checkpoint_pth_by_default(save_checkpoint, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    model, optimizer = make_training(seed=1)
    save_checkpoint(model, optimizer, EPOCH)
    read_back(tmp_path / "checkpoint.pth")


def test_file_loads_with_weights_only_and_has_the_keys(save_checkpoint, tmp_path):
    train_and_save(save_checkpoint, tmp_path)  # read_back checks both


def test_epoch_is_saved_unchanged(save_checkpoint, tmp_path):
    _, _, checkpoint = train_and_save(save_checkpoint, tmp_path)
    epoch = checkpoint["epoch"]
    expect(epoch != EPOCH + 1, "save.epoch_off_by_one", saved=epoch, given=EPOCH)
    expect(type(epoch) is int and epoch == EPOCH, "save.epoch_wrong", saved=epoch, given=EPOCH)


def test_loss_is_saved(save_checkpoint, tmp_path):
    _, _, checkpoint = train_and_save(save_checkpoint, tmp_path)
    loss = checkpoint["loss"]
    expect(isinstance(loss, (float, torch.Tensor)) and float(loss) == 0.25,
           "save.loss_wrong", saved=loss, given=0.25)


def test_loss_defaults_to_none(save_checkpoint, tmp_path):
    model, optimizer = make_training(seed=1)
    save_checkpoint(model, optimizer, EPOCH, tmp_path / "c.pth")
    loss = read_back(tmp_path / "c.pth")["loss"]
    expect(loss is None, "save.loss_wrong", saved=loss, given=None)


def test_model_weights_are_saved_exactly(save_checkpoint, tmp_path):
    model, _, checkpoint = train_and_save(save_checkpoint, tmp_path)
    difference = first_difference(model.state_dict(), checkpoint["model_state_dict"])
    expect(difference is None, "save.weights_differ", difference=difference)


def test_optimizer_state_is_saved_exactly(save_checkpoint, tmp_path):
    _, optimizer, checkpoint = train_and_save(save_checkpoint, tmp_path)
    difference = first_difference(optimizer.state_dict(), checkpoint["optimizer_state_dict"])
    expect(difference is None, "save.optimizer_differs", difference=difference)


def test_saving_changes_nothing(save_checkpoint, tmp_path):
    model, optimizer = make_training(seed=1)
    model_before, optimizer_before = snapshot(model.state_dict()), snapshot(optimizer.state_dict())
    save_checkpoint(model, optimizer, EPOCH, tmp_path / "c.pth", loss=0.25)
    difference = first_difference(model_before, model.state_dict())
    expect(difference is None, "save.changed_model", difference=difference)
    difference = first_difference(optimizer_before, optimizer.state_dict())
    expect(difference is None, "save.changed_optimizer", difference=difference)


def test_overwrites_an_older_checkpoint(save_checkpoint, tmp_path):
    path = tmp_path / "latest.pth"
    old_model, old_optimizer = make_training(seed=2)
    save_checkpoint(old_model, old_optimizer, 1, path)
    model, optimizer = make_training(seed=1)
    save_checkpoint(model, optimizer, EPOCH, path)
    checkpoint = read_back(path)
    difference = first_difference(model.state_dict(), checkpoint["model_state_dict"])
    expect(difference is None, "save.weights_differ", difference=difference)

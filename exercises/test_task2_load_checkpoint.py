"""Aufgabe 2 / Tapşırıq 2: load_checkpoint."""

import zipfile
from pathlib import Path

import pytest
import torch
from material import UNUSABLE_FILES, RunsCodeWhenLoaded, as_if_saved_on_gpu, checkpoint_of, \
    make_training, write_checkpoint

from course.grading.compare import first_difference, snapshot
from course.grading.feedback import Feedback, expect, localized

pytestmark = pytest.mark.task(2)

SAVED_EPOCH = 4
# Unusable files whose model part fits our model: only the optimizer's part does not.
MODEL_FITS = {"other_param_groups"}


class Learner:
    """The model and optimizer a learner resumes into, and what they held before."""

    def __init__(self) -> None:
        self.model, self.optimizer = make_training(seed=1)
        self.model_before = snapshot(self.model.state_dict())
        self.optimizer_before = snapshot(self.optimizer.state_dict())

    def expect_unchanged(self, case: dict, model_fits: bool = False) -> None:
        """``model_fits``: only the optimizer's part of the file does not fit."""
        difference = first_difference(self.model_before, self.model.state_dict())
        expect(difference is None,
               "load.model_before_optimizer" if model_fits else "load.model_changed",
               case=case, difference=difference)
        difference = first_difference(self.optimizer_before, self.optimizer.state_dict())
        expect(difference is None, "load.optimizer_changed", case=case, difference=difference)


def load_expecting_no_crash(load_checkpoint, learner: Learner, path, case: dict):
    """Call load_checkpoint on a file it must survive; a crash gets its own verdict."""
    try:
        return load_checkpoint(learner.model, learner.optimizer, path)
    except Feedback as crash:
        if crash.key != "common.crashed":
            raise
        raise Feedback("load.raised", case=case, error=crash.values["error"]) from None


def saved_on_a_gpu_this_machine_lacks(path: Path) -> None:
    """Without CUDA: a file from ``cuda:0``. With CUDA: one from the first device number
    this machine does not have, so a missing ``map_location`` shows here too."""
    if not torch.cuda.is_available():
        as_if_saved_on_gpu(path)
        return
    device = f"cuda:{torch.cuda.device_count()}".encode()
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for info, data in members:
            if info.filename.endswith("/data.pkl"):
                data = data.replace(b"X\x03\x00\x00\x00cpu",
                                    b"X" + len(device).to_bytes(4, "little") + device)
            archive.writestr(info, data)


def printed(capsys, caplog) -> str:
    out, err = capsys.readouterr()
    return out + err + caplog.text


def test_restores_the_model_weights(load_checkpoint, tmp_path):
    saved = write_checkpoint(tmp_path / "c.pth", epoch=SAVED_EPOCH)
    learner = Learner()
    load_checkpoint(learner.model, learner.optimizer, str(tmp_path / "c.pth"))
    difference = first_difference(saved["model_state_dict"], learner.model.state_dict())
    expect(difference is None, "load.weights_not_restored", difference=difference)


def test_restores_the_optimizer_state(load_checkpoint, tmp_path):
    saved = write_checkpoint(tmp_path / "c.pth", epoch=SAVED_EPOCH)
    learner = Learner()
    load_checkpoint(learner.model, learner.optimizer, str(tmp_path / "c.pth"))
    difference = first_difference(saved["optimizer_state_dict"], learner.optimizer.state_dict())
    expect(difference is None, "load.optimizer_not_restored", difference=difference)


def test_returns_the_next_epoch(load_checkpoint, tmp_path):
    write_checkpoint(tmp_path / "c.pth", epoch=SAVED_EPOCH)
    learner = Learner()
    result = load_checkpoint(learner.model, learner.optimizer, tmp_path / "c.pth")
    expected = SAVED_EPOCH + 1
    expect(result != SAVED_EPOCH, "load.off_by_one", result=result, expected=expected,
           saved=SAVED_EPOCH)
    expect(type(result) is int and result == expected, "load.wrong_return",
           result=result, expected=expected)


def test_continues_after_epoch_0_and_any_other(load_checkpoint, tmp_path):
    """Epoch 0 is the first checkpoint of every run; 7: the next epoch is computed, not guessed."""
    for saved in (0, 7):
        path = tmp_path / f"epoch{saved}.pth"
        write_checkpoint(path, epoch=saved)
        learner = Learner()
        result = load_checkpoint(learner.model, learner.optimizer, path)
        expect(type(result) is int and result == saved + 1, "load.epoch_not_continued",
               saved=saved, result=result, expected=saved + 1)


def test_loads_checkpoint_pth_by_default(load_checkpoint, tmp_path, monkeypatch):
    write_checkpoint(tmp_path / "checkpoint.pth", epoch=SAVED_EPOCH)
    monkeypatch.chdir(tmp_path)
    learner = Learner()
    result = load_checkpoint(learner.model, learner.optimizer)
    expect(result == SAVED_EPOCH + 1, "load.wrong_return", result=result,
           expected=SAVED_EPOCH + 1)


def test_missing_file_starts_fresh(load_checkpoint, tmp_path, capsys, caplog):
    case = localized("case.missing")
    path = tmp_path / "never-saved-17.pth"
    learner = Learner()
    result = load_expecting_no_crash(load_checkpoint, learner, str(path), case)
    expect(result == 0, "load.should_return_0", case=case, result=result)
    expect(path.name in printed(capsys, caplog), "load.no_message", case=case, filename=path.name)
    learner.expect_unchanged(case)


def test_checkpoint_saved_on_a_gpu_loads_here(load_checkpoint, tmp_path):
    path = tmp_path / "from-gpu.pth"
    saved = write_checkpoint(path, epoch=SAVED_EPOCH)
    saved_on_a_gpu_this_machine_lacks(path)
    learner = Learner()
    result = load_checkpoint(learner.model, learner.optimizer, str(path))
    restored = first_difference(saved["model_state_dict"], learner.model.state_dict()) is None
    expect(result == SAVED_EPOCH + 1 and restored, "load.gpu_not_restored", result=result)


def test_never_runs_code_from_the_file(load_checkpoint, tmp_path, capsys, caplog):
    case = localized("case.code_in_file")
    marker = tmp_path / "code-ran"
    path = tmp_path / "harmless-looking.pth"
    checkpoint = checkpoint_of(*make_training(seed=7), epoch=SAVED_EPOCH)
    checkpoint["loss"] = RunsCodeWhenLoaded(marker)
    torch.save(checkpoint, path)
    learner = Learner()
    result = load_expecting_no_crash(load_checkpoint, learner, str(path), case)
    expect(not marker.exists(), "load.ran_code")
    expect(result == 0, "load.should_return_0", case=case, result=result)
    learner.expect_unchanged(case)


@pytest.mark.parametrize("kind", UNUSABLE_FILES)
def test_unusable_file_changes_nothing(load_checkpoint, tmp_path, capsys, caplog, kind):
    case = localized(f"case.{kind}")
    path = tmp_path / f"unusable-{kind}.pth"
    UNUSABLE_FILES[kind](path)
    learner = Learner()
    result = load_expecting_no_crash(load_checkpoint, learner, str(path), case)
    expect(result == 0, "load.should_return_0", case=case, result=result)
    learner.expect_unchanged(case, model_fits=kind in MODEL_FITS)
    expect(path.name in printed(capsys, caplog), "load.no_message", case=case, filename=path.name)


def test_message_gives_the_reason(load_checkpoint, tmp_path, capsys, caplog):
    """Two different problems with the same file name must read differently."""
    messages = {}
    for kind in ("empty", "bigger_network"):
        folder = tmp_path / kind
        folder.mkdir()
        path = folder / "latest.pth"
        UNUSABLE_FILES[kind](path)
        learner = Learner()
        load_expecting_no_crash(load_checkpoint, learner, str(path), localized(f"case.{kind}"))
        messages[kind] = printed(capsys, caplog).replace(str(path), "").replace(str(folder), "")
        caplog.clear()
    expect(messages["empty"] != messages["bigger_network"], "load.no_reason",
           first=localized("case.empty"), second=localized("case.bigger_network"))

"""Aufgabe 10 / Tapşırıq 10: load_latest."""

from pathlib import Path

import pytest
import torch
from material import RunsCodeWhenLoaded, as_if_saved_on_gpu
from runs.keep_best import Shown, age_in_reverse, checkpoint_for, mapped_from, name_of, \
    state_for, write_file

from course.grading.compare import first_difference
from course.grading.feedback import Feedback, expect, localized

pytestmark = pytest.mark.task(10)


def printed(capsys, caplog) -> str:
    out, err = capsys.readouterr()
    return out + err + caplog.text


def resume(load_latest, folder, case: dict, raised: str = "keep_best_resume.raised", **options):
    """Call load_latest where it must not crash; a crash gets its own verdict."""
    try:
        return load_latest(folder, **options)
    except Feedback as crash:
        if crash.key != "common.crashed":
            raise
        raise Feedback(raised, case=case, error=crash.values["error"]) from None


def epoch_of(result) -> object:
    """The epoch load_latest returned, after checking the shape of its result."""
    expect(isinstance(result, tuple) and len(result) == 2, "keep_best_resume.not_a_pair",
           result=Shown(result))
    state, epoch = result
    expect(not (isinstance(state, int) and isinstance(epoch, dict)), "keep_best_resume.swapped",
           epoch=state)
    return epoch


def test_latest_loads_the_newest(load_latest, tmp_path):
    for epoch in range(4):
        write_file(tmp_path, epoch)
    age_in_reverse(tmp_path, list(range(4)))  # epoch 0 has the newest file time
    result = load_latest(str(tmp_path))
    epoch = epoch_of(result)
    expect(epoch != 0, "keep_best_resume.newest_by_time")
    expect(type(epoch) is int and epoch == 3, "keep_best_resume.wrong_epoch", expected=3,
           actual=epoch)
    difference = first_difference(state_for(3), result[0])
    expect(difference is None, "keep_best_resume.state_differs", difference=difference)


def test_latest_counts_past_epoch_9999(load_latest, tmp_path):
    for epoch in (9998, 9999, 10000):
        write_file(tmp_path, epoch)
    epoch = epoch_of(load_latest(tmp_path))
    expect(epoch == 10000, "keep_best_resume.sorted_as_text", actual=epoch)


def _truncated(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _empty(path):
    path.write_bytes(b"")


def _not_a_checkpoint(path):
    torch.save([1, 2, 3], path)


DAMAGES = {"truncated": _truncated, "empty": _empty, "not_a_checkpoint": _not_a_checkpoint}


@pytest.mark.parametrize("damage", DAMAGES)
def test_latest_skips_a_damaged_newest_file(load_latest, tmp_path, capsys, caplog, damage):
    case = localized(f"keep_best_case.{damage}")
    for epoch in range(4):
        write_file(tmp_path, epoch)
    DAMAGES[damage](tmp_path / name_of(3))
    result = resume(load_latest, tmp_path, case)
    expect(result is not None, "keep_best_resume.no_fallback", case=case)
    epoch = epoch_of(result)
    expect(epoch == 2, "keep_best_resume.wrong_epoch", expected=2, actual=epoch)
    expect(name_of(3) in printed(capsys, caplog), "keep_best_resume.no_message", case=case,
           name=name_of(3))


def test_latest_ignores_foreign_and_temporary_files(load_latest, tmp_path):
    write_file(tmp_path, 2)
    # Names that share the pattern's start or end, or differ from it only in padding.
    others = {"other-run-epoch-0009.pth": 9, "epoch-0005.pth.bak": 5, "best-model.pth": 8,
              "epoch-7.pth": 7, "epoch-00006.pth": 6, "epoch-0004.pth.tmp": 4}
    for name, epoch in others.items():
        write_file(tmp_path, epoch, name=name)
    # What a save that was killed half-way leaves behind: a temporary file.
    (tmp_path / ".epoch-0003.pth.k2x9.tmp").write_bytes(b"PK\x03\x04 half a checkpoint")
    (tmp_path / "notes.txt").write_text("epoch 3 looked good\n", encoding="utf-8")
    result = resume(load_latest, tmp_path, localized("keep_best_case.foreign"))
    epoch = epoch_of(result)
    taken = next((name for name, e in others.items() if e == epoch), None)
    expect(taken is None, "keep_best_resume.took_foreign", name=taken)
    expect(epoch == 2, "keep_best_resume.wrong_epoch", expected=2, actual=epoch)


@pytest.mark.parametrize("where", ["empty", "missing"])
def test_latest_without_checkpoints_returns_none(load_latest, tmp_path, where):
    folder = tmp_path / "checkpoints"
    if where == "empty":
        folder.mkdir()
    result = resume(load_latest, folder, localized(f"keep_best_case.{where}_folder"),
                    "keep_best_resume.raised_without_checkpoints")
    expect(result is None, "keep_best_resume.should_be_none",
           case=localized(f"keep_best_case.{where}_folder"), result=Shown(result))


def test_latest_loads_a_file_saved_on_a_gpu(load_latest, tmp_path):
    for epoch in range(3):
        write_file(tmp_path, epoch)
    as_if_saved_on_gpu(tmp_path / name_of(2))
    result = resume(load_latest, tmp_path, localized("keep_best_case.gpu"))
    epoch = epoch_of(result) if result is not None else None
    expect(epoch == 2, "keep_best_resume.gpu_not_loaded", actual=epoch)


def test_latest_never_runs_code_from_a_file(load_latest, tmp_path):
    marker = tmp_path / "code-ran"
    for epoch in range(3):
        write_file(tmp_path, epoch)
    torch.save(checkpoint_for(3, state={"weights": RunsCodeWhenLoaded(marker)}),
               tmp_path / name_of(3))
    case = localized("keep_best_case.code_in_file")
    result = resume(load_latest, tmp_path, case)
    expect(not marker.exists(), "keep_best_resume.ran_code")
    expect(result is not None, "keep_best_resume.no_fallback", case=case)
    epoch = epoch_of(result)
    expect(epoch == 2, "keep_best_resume.wrong_epoch", expected=2, actual=epoch)


def test_latest_skips_every_damaged_file(load_latest, tmp_path, capsys, caplog):
    """The two newest are both unusable, each for another missing part."""
    case = localized("keep_best_case.two_damaged")
    for epoch in range(4):
        write_file(tmp_path, epoch)
    torch.save({"epoch": 3, "metric": 0.5}, tmp_path / name_of(3))  # no "state"
    torch.save({"metric": 0.5, "state": state_for(2)}, tmp_path / name_of(2))  # no "epoch"
    result = resume(load_latest, tmp_path, case)
    expect(result is not None, "keep_best_resume.no_fallback_two", case=case)
    epoch = epoch_of(result)
    expect(epoch == 1, "keep_best_resume.wrong_epoch", expected=1, actual=epoch)
    text = printed(capsys, caplog)
    for name in (name_of(3), name_of(2)):
        expect(name in text, "keep_best_resume.no_message", case=case, name=name)


def test_latest_uses_map_location(load_latest, tmp_path):
    for epoch in range(3):
        write_file(tmp_path, epoch)
    result = resume(load_latest, tmp_path, localized("keep_best_case.meta"), map_location="meta")
    epoch = epoch_of(result)
    expect(epoch == 2, "keep_best_resume.wrong_epoch", expected=2, actual=epoch)
    weights = result[0].get("weights") if isinstance(result[0], dict) else None
    if not isinstance(weights, torch.Tensor):  # meta tensors hold no values to compare
        raise Feedback("keep_best_resume.state_differs",
                       difference=first_difference(state_for(2), result[0]))
    expect(weights.device.type == "meta", "keep_best_resume.map_location_ignored",
           device=weights.device)


def test_latest_reads_lazily_with_mmap(load_latest, tmp_path):
    if not Path("/proc/self/maps").exists():  # the same for stubs and solutions
        pytest.skip("no /proc/self/maps here to see a memory map")
    for epoch in range(3):
        write_file(tmp_path, epoch)
    result = resume(load_latest, tmp_path, localized("keep_best_case.mmap"), mmap=True)
    epoch = epoch_of(result)
    expect(epoch == 2, "keep_best_resume.wrong_epoch", expected=2, actual=epoch)
    difference = first_difference(state_for(2), result[0])
    expect(difference is None, "keep_best_resume.state_differs", difference=difference)
    weights = result[0]["weights"]
    source = mapped_from(weights)
    expect(source is not None and Path(source).name == name_of(2),
           "keep_best_resume.mmap_ignored", source=source or "-")
    result = resume(load_latest, tmp_path, localized("keep_best_case.mmap"))  # mmap=False
    epoch = epoch_of(result)
    expect(epoch == 2, "keep_best_resume.wrong_epoch", expected=2, actual=epoch)
    source = mapped_from(result[0]["weights"])
    expect(source is None or Path(source).name != name_of(2), "keep_best_resume.mmap_always")


def test_latest_reads_a_relative_folder_with_glob_characters(load_latest, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("runs", "lr[0.1]")  # relative, and [0.1] is a pattern to glob
    folder.mkdir(parents=True)
    for epoch in range(3):
        write_file(folder, epoch)
    (tmp_path / "runs" / "lr0").mkdir()  # what the glob pattern lr[0.1] would match instead
    result = resume(load_latest, str(folder), localized("keep_best_case.glob_folder"))
    expect(result is not None, "keep_best_resume.glob_folder_empty", folder=str(folder))
    epoch = epoch_of(result)
    expect(epoch == 2, "keep_best_resume.wrong_epoch", expected=2, actual=epoch)

"""Aufgabe 3 / Tapşırıq 3: train_with_accelerate, killed and resumed for real.

Three child processes for the whole module: a run of all epochs (which then
calls the function once more with the defaults) and, beside it, a run that
SIGKILLs itself right after epoch 2's saves; then a fresh run that resumes
the killed one. Each is started once and shared by the tests that read it.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest
import torch
from runs.accelerate import BEST_EPOCH, EPOCHS, KILL_AFTER, LOSSES, PLAIN_LOSSES, events_of, \
    train

from course.grading import processes
from course.grading.compare import first_difference
from course.grading.feedback import Feedback, expect

pytestmark = [pytest.mark.task(3), pytest.mark.processes(preload=["accelerate"]),
              pytest.mark.timeout(60)]

RUN_TIMEOUT_S = 40


class Run:
    """One child run of the learner's function and what it left behind."""

    def __init__(self, folder: Path, tag: str, exitcode: int | None) -> None:
        self.folder, self.tag, self.exitcode = folder, tag, exitcode
        self.events = events_of(folder, tag)

    def raise_if_unfinished(self, killed: bool = False) -> None:
        if (self.folder / f"{self.tag}-todo").exists():
            raise NotImplementedError("train_with_accelerate")
        if self.exitcode is None:
            raise Feedback("accelerate_train.hangs", seconds=RUN_TIMEOUT_S)
        if killed and self.exitcode == 0:
            raise Feedback("accelerate_train.no_after_epoch", epoch=KILL_AFTER)
        if self.exitcode != (-signal.SIGKILL if killed else 0):
            raise Feedback("accelerate_train.crashed",
                           log=processes.tail(self.folder / f"{self.tag}.log"))

    def of(self, call: str) -> list[dict]:
        return [event for event in self.events if event["call"] == call]

    def weights(self, name: str) -> dict[str, torch.Tensor] | None:
        path = self.folder / f"{self.tag}-{name}.pt"
        return torch.load(path, weights_only=True) if path.is_file() else None

    def result(self) -> object:
        return json.loads((self.folder / f"{self.tag}-result.json").read_text())

    def scheduler_steps(self) -> int:
        return json.loads((self.folder / f"{self.tag}-scheduler.json").read_text())

    def learning_rates(self) -> dict[int, list[float]]:
        rates = json.loads((self.folder / f"{self.tag}-lrs.json").read_text())
        return {int(epoch): lrs for epoch, lrs in rates.items()}

    def with_defaults(self) -> dict:
        return json.loads((self.folder / f"{self.tag}-plain.json").read_text())


_runs: dict[tuple[str, str], Run] = {}


def start_runs(impl: str, *runs: tuple[Path, str, dict]) -> None:
    """Run children side by side, once per grading run; later tests read their results."""
    wanted = [(folder, tag, options) for folder, tag, options in runs if (impl, tag) not in _runs]
    children = []
    try:
        for folder, tag, options in wanted:
            children.append(processes.start(train, impl, str(folder), tag,
                                            log=folder / f"{tag}.log", **options))
        exitcodes = processes.join_all(children, RUN_TIMEOUT_S)
    finally:
        for child in children:
            processes.stop(child)
    for (folder, tag, _), exitcode in zip(wanted, exitcodes):
        _runs[impl, tag] = Run(folder, tag, exitcode)


@pytest.fixture(scope="module")
def folders(tmp_path_factory, request):
    """A folder for the run of all epochs and one for the killed and resumed run."""
    return {"impl": request.config.getoption("--impl"),
            "full": tmp_path_factory.mktemp("full"), "resumed": tmp_path_factory.mktemp("resumed")}


def first_runs(folders) -> tuple[Run, Run]:
    """The run of all epochs and the run that kills itself, started together."""
    impl = folders["impl"]
    start_runs(impl, (folders["full"], "full", {}),
               (folders["resumed"], "first", {"kill_after": KILL_AFTER}))
    return _runs[impl, "full"], _runs[impl, "first"]


def full_run(folders) -> Run:
    run, _ = first_runs(folders)
    run.raise_if_unfinished()
    return run


def killed_and_resumed(folders) -> tuple[Run, Run]:
    _, first = first_runs(folders)
    first.raise_if_unfinished(killed=True)
    start_runs(folders["impl"], (folders["resumed"], "second", {"resume_at": KILL_AFTER + 1}))
    second = _runs[folders["impl"], "second"]
    second.raise_if_unfinished()
    return first, second


def model_file(folder: Path) -> dict[str, torch.Tensor] | None:
    """The weights a save_state folder holds, read without running any code."""
    if (folder / "model.safetensors").is_file():
        from safetensors.torch import load_file
        return load_file(folder / "model.safetensors")
    if (folder / "pytorch_model.bin").is_file():
        return torch.load(folder / "pytorch_model.bin", weights_only=True)
    return None


def epoch_held_in(best: dict[str, torch.Tensor], runs: list[Run]) -> int | None:
    """The epoch whose weights the best folder holds, or None."""
    for run in runs:
        for epoch in range(EPOCHS):
            weights = run.weights(f"epoch{epoch}")
            if weights is not None and first_difference(weights, best) is None:
                return epoch
    return None


def check_best(folder: Path, runs: list[Run], after_resume: bool) -> None:
    """The best folder holds the weights of the epoch with the lowest validation loss."""
    best_folder = folder / "checkpoints" / "best"
    expect(best_folder.is_dir(), "accelerate_train.no_best_folder")
    best = model_file(best_folder)
    expect(best is not None, "accelerate_train.best_not_save_state")
    held = epoch_held_in(best, runs)
    if held == BEST_EPOCH:
        return
    if held is not None and LOSSES[held] == LOSSES[BEST_EPOCH]:
        raise Feedback("accelerate_train.tie_replaced_best", held=held, best=BEST_EPOCH,
                       loss=LOSSES[held])
    if after_resume and held is not None and held > KILL_AFTER:
        raise Feedback("accelerate_train.best_overwritten", held=held, loss=LOSSES[held],
                       best=BEST_EPOCH, best_loss=LOSSES[BEST_EPOCH])
    if held == EPOCHS - 1:
        raise Feedback("accelerate_train.best_not_compared", held=held, best=BEST_EPOCH)
    raise Feedback("accelerate_train.best_wrong", held="?" if held is None else held,
                   best=BEST_EPOCH)


def expect_saved_before_each_after_epoch(run: Run, folder: Path) -> None:
    """Each after_epoch(e) comes after a save_state of the latest state (not "best") in epoch e."""
    best = str((folder / "checkpoints" / "best").resolve())
    saved_since_last_epoch = False
    for index, event in enumerate(run.events):
        if event["call"] == "save_state" and event["dir"] != best:
            saved_since_last_epoch = True
        elif event["call"] == "after_epoch":
            if not saved_since_last_epoch:
                later = run.events[index + 1:]
                next_epoch = next((i for i, e in enumerate(later) if e["call"] == "after_epoch"),
                                  len(later))
                saves_after = any(e["call"] == "save_state" and e["dir"] != best
                                  for e in later[:next_epoch])
                raise Feedback("accelerate_train.after_epoch_before_saving" if saves_after
                               else "accelerate_train.not_every_epoch", epoch=event["epoch"])
            saved_since_last_epoch = False


def test_saves_the_state_at_every_epoch_end(folders):
    run = full_run(folders)
    saves = run.of("save_state")
    if not saves:
        written = any((folders["full"] / "checkpoints").rglob("*"))
        raise Feedback("accelerate_train.torch_save" if written else "accelerate_train.never_saved")
    epochs = [event["epoch"] for event in run.of("after_epoch")]
    expect(epochs == list(range(EPOCHS)), "accelerate_train.epochs_reported",
           epochs=epochs, expected=list(range(EPOCHS)))
    expect_saved_before_each_after_epoch(run, folders["full"])


def test_evaluates_once_per_epoch_and_reports_its_loss(folders):
    run = full_run(folders)
    evaluations, per_epoch = 0, []
    for event in run.events:
        if event["call"] == "evaluate":
            evaluations += 1
        elif event["call"] == "after_epoch":
            per_epoch.append(evaluations)
            evaluations = 0
    expect(all(count == 1 for count in per_epoch), "accelerate_train.evaluate_count",
           counts=per_epoch)
    for event in run.of("after_epoch"):
        epoch, loss = event["epoch"], event["loss"]
        expected = LOSSES[min(epoch, EPOCHS - 1)]
        expect(loss == expected, "accelerate_train.after_epoch_loss", epoch=epoch, loss=loss,
               expected=expected)


def test_runs_with_the_defaults_and_a_path(folders):
    run = full_run(folders)
    outcome = run.with_defaults()
    expect("error" not in outcome, "accelerate_train.defaults_crashed",
           error=outcome.get("error"))
    expect(outcome["result"] == min(PLAIN_LOSSES), "accelerate_train.wrong_return",
           result=outcome["result"], expected=min(PLAIN_LOSSES))
    plain = folders["full"] / "plain"
    expect((plain / "best").is_dir() and any(p.is_dir() and p.name != "best"
                                             for p in plain.iterdir()),
           "accelerate_train.defaults_not_saved", folder=plain.name)


def test_best_folder_holds_the_lowest_loss_epoch(folders):
    run = full_run(folders)
    check_best(folders["full"], [run], after_resume=False)
    expect(run.result() == min(LOSSES), "accelerate_train.wrong_return",
           result=run.result(), expected=min(LOSSES))


def test_resumes_bit_for_bit_after_a_kill(folders):
    reference = full_run(folders)
    first, second = killed_and_resumed(folders)
    expect(first.of("save_state"), "accelerate_train.not_every_epoch", epoch=0)
    loads = second.of("load_state")
    expect(loads, "accelerate_train.no_resume", epoch=KILL_AFTER)
    for event in second.events:  # prepare must come before the first load_state
        expect(event["call"] != "load_state", "accelerate_train.load_before_prepare")
        if event["call"] == "prepare":
            break
    best = str((folders["resumed"] / "checkpoints" / "best").resolve())
    expect(all(load["dir"] != best for load in loads), "accelerate_train.resumed_from_best")
    epochs = [event["epoch"] for event in second.of("after_epoch")]
    expected = list(range(KILL_AFTER + 1, EPOCHS))
    if epochs[:1] == [KILL_AFTER]:  # the killed epoch again: was it saved before after_epoch?
        expect_saved_before_each_after_epoch(first, folders["resumed"])
    expect(epochs[:1] == expected[:1], "accelerate_train.wrong_start_epoch",
           started=epochs[0] if epochs else "-", expected=KILL_AFTER + 1)
    expect(epochs == expected, "accelerate_train.epochs_reported", epochs=epochs,
           expected=expected)
    expect(not second.of("reseed"), "accelerate_train.reseeded")
    prepared = second.of("prepare")
    missing = [name for name in ("model", "optimizer", "train_loader")
               if not any(event[name] for event in prepared)]
    expect(not missing, "accelerate_train.not_prepared", objects=", ".join(missing))
    expect(any(event["scheduler"] for event in prepared),
           "accelerate_train.scheduler_not_prepared")
    expect(not reference.of("stale_grads"), "accelerate_train.grads_not_zeroed")
    difference = first_difference(reference.weights("final"), second.weights("final"))
    expect(difference is None, "accelerate_train.not_bit_identical", difference=difference)


def test_best_survives_a_resume(folders):
    first, second = killed_and_resumed(folders)
    check_best(folders["resumed"], [first, second], after_resume=True)
    expect(second.result() == min(LOSSES), "accelerate_train.wrong_return_resumed",
           result=second.result(), expected=min(LOSSES))


def test_steps_the_scheduler_once_per_epoch(folders):
    """Both runs of a resume test step the scheduler alike, so a scheduler stepped
    per batch, or never, still resumes bit for bit: count its steps."""
    run = full_run(folders)
    steps = run.scheduler_steps()
    expect(steps == EPOCHS, "accelerate_train.scheduler_steps", steps=steps, epochs=EPOCHS)
    # StepLR(step_size=2, gamma=0.5) from 0.02: stepped at the end of each epoch,
    # epochs 0-1 train with 0.02, epochs 2-3 with 0.01, epoch 4 with 0.005.
    # The rates are noted by the loss_fn the run passes: each epoch must use it.
    rates_of = run.learning_rates()
    unused = [epoch for epoch in range(EPOCHS) if epoch not in rates_of]
    expect(not unused, "accelerate_train.loss_fn_unused", epochs=unused)
    for epoch, rates in sorted(rates_of.items()):
        expected = 0.02 * 0.5 ** (epoch // 2)
        expect(len(rates) == 1 and abs(rates[0] - expected) < 1e-12,
               "accelerate_train.scheduler_when", epoch=epoch,
               rates=", ".join(f"{rate:g}" for rate in rates), expected=f"{expected:g}")

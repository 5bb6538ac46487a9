"""The training run of the resume lesson (tasks 5-6), in a test or in a child process.

Every source of randomness a real run has is in it: dropout draws from the
torch RNG, the DataLoader shuffles with its own generator, the inputs get
NumPy noise and each batch a Gaussian loss weight from Python's ``random``.
Both Gaussian samplers cache the second value of each pair they draw
(``random``'s ``gauss_next``, NumPy's ``has_gauss``/``gauss``): the run
draws an odd number of Gaussians before its first epoch and an even number
per epoch, so at every save a value waits in both caches, and a state that
drops them is caught. The StepLR
halves the learning rate every 3 epochs, and the run is killed after 2: a
step size that does not divide the stopping epoch, so a scheduler that starts
afresh is caught.
"""

from __future__ import annotations

import copy
import importlib
import io
import os
import random
import signal
from pathlib import Path

import numpy as np
import torch

from training import DropoutNet, dataset, loss_fn, shuffled_loader

EPOCHS = 5
STOP_AFTER = 2  # epochs done when the run is killed
STEP_SIZE = 3  # StepLR: does not divide STOP_AFTER
SEED = 0


def seed_everything(seed: int) -> None:
    """What a training script does first: seed every global RNG."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


class Run:
    """Model, optimizer, scheduler, data order (and a GradScaler if asked for)."""

    def __init__(self, seed: int = SEED, *, scaler: bool = False) -> None:
        seed_everything(seed)
        # One Gaussian each, as a Gaussian initialization would draw: it leaves a
        # value in both Gaussian caches (see the module's docstring).
        random.gauss(0.0, 1.0)
        np.random.standard_normal()
        self.model = DropoutNet()
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=0.02)
        self.scheduler = torch.optim.lr_scheduler.StepLR(self.optimizer, STEP_SIZE, gamma=0.5)
        self.generator = torch.Generator().manual_seed(seed + 1)
        self.loader = shuffled_loader(dataset(), generator=self.generator)
        # Growing every 2 steps, the scale changes while training, so a lost scaler shows.
        self.scaler = torch.amp.GradScaler("cpu", init_scale=2.0**8, growth_interval=2) \
            if scaler else None

    def objects(self) -> dict:
        """The keyword arguments of both functions, beside model and optimizer."""
        return {"scaler": self.scaler, "generator": self.generator}

    def train_epoch(self) -> None:
        self.model.train()
        for inputs, targets in self.loader:
            noisy = inputs + 0.05 * torch.from_numpy(np.random.standard_normal(inputs.shape)).float()
            weight = random.gauss(1.0, 0.1)
            self.optimizer.zero_grad()
            loss = weight * loss_fn(self.model, (noisy, targets))
            if self.scaler is None:
                loss.backward()
                self.optimizer.step()
            else:
                self.scaler.scale(loss).backward()
                self.scaler.step(self.optimizer)
                self.scaler.update()
        self.scheduler.step()


def train(impl: str, folder: str, stop_after: int | None = None) -> None:
    """The training script: resume from ``folder/state.pt`` if it is there.

    Saves the learner's captured state after every epoch and SIGKILLs itself
    right after the save of epoch ``stop_after``, as a crash would; at the end
    writes the final weights to ``folder/final.pt``.
    """
    learner = importlib.import_module(impl)
    run, path = Run(), Path(folder) / "state.pt"
    start = 0
    if path.exists():
        state = torch.load(path, weights_only=True)
        extra = learner.restore_training_state(state, run.model, run.optimizer, run.scheduler,
                                               **run.objects())
        start = extra["epoch"] + 1
    for epoch in range(start, EPOCHS):
        run.train_epoch()
        state = learner.capture_training_state(run.model, run.optimizer, run.scheduler,
                                               **run.objects(), extra={"epoch": epoch})
        torch.save(state, path)
        if epoch + 1 == stop_after:
            os.kill(os.getpid(), signal.SIGKILL)
    torch.save(run.model.state_dict(), Path(folder) / "final.pt")


def uninterrupted() -> dict:
    """The final weights of the run that is never killed, computed here."""
    run = Run()
    for _ in range(EPOCHS):
        run.train_epoch()
    return run.model.state_dict()


# The parts of a training state: how a test changes each one alone, and reads it.
def _change_optimizer(run: Run) -> None:
    for moments in run.optimizer.state.values():
        moments["exp_avg"].add_(1.0)


def _change_model(run: Run) -> None:
    with torch.no_grad():
        next(run.model.parameters()).add_(1.0)


def _change_scaler(run: Run) -> None:
    run.scaler.load_state_dict({**run.scaler.state_dict(), "scale": 3.0})


def _numpy_state() -> tuple:
    name, key, pos, has_gauss, gauss = np.random.get_state()
    return name, key.tolist(), pos, has_gauss, gauss


CHANGE = {
    "model": _change_model,
    "optimizer": _change_optimizer,
    # Not scheduler.step(): that would change the optimizer's learning rate too.
    "scheduler": lambda run: setattr(run.scheduler, "last_epoch", run.scheduler.last_epoch + 1),
    "scaler": _change_scaler,
    "generator": lambda run: torch.randperm(8, generator=run.generator),
    "torch_rng": lambda run: torch.rand(1),
    "python_random": lambda run: random.random(),
    "numpy_rng": lambda run: np.random.random(),
    "cuda_rng": lambda run: torch.rand(1, device="cuda"),
}

READ = {
    "model": lambda run: {k: v.clone() for k, v in run.model.state_dict().items()},
    "optimizer": lambda run: copy.deepcopy(run.optimizer.state_dict()),
    "scheduler": lambda run: copy.deepcopy(run.scheduler.state_dict()),
    "scaler": lambda run: run.scaler.state_dict(),
    "generator": lambda run: run.generator.get_state(),
    "torch_rng": lambda run: torch.get_rng_state(),
    "python_random": lambda run: random.getstate(),
    "numpy_rng": lambda run: _numpy_state(),
    "cuda_rng": lambda run: torch.cuda.get_rng_state_all(),
}

PARTS = ["model", "optimizer", "scheduler", "scaler", "generator",
         "torch_rng", "python_random", "numpy_rng", "cuda_rng"]


def captured(capture_training_state, run: Run, **extra) -> object:
    """The learner's captured state as a resumed run gets it: saved, loaded weights-only.

    The round trip through ``torch.save`` also makes it a copy that later
    training cannot change.
    """
    from course.grading.feedback import Feedback, short_error
    state = capture_training_state(run.model, run.optimizer, run.scheduler, **run.objects(),
                                   extra=extra)
    buffer = io.BytesIO()
    try:
        torch.save(state, buffer)
    except Exception as error:
        raise Feedback("resume_capture.not_saveable", error=short_error(error)) from None
    buffer.seek(0)
    try:
        return torch.load(buffer, weights_only=True)
    except Exception as error:
        raise Feedback("resume_capture.not_weights_only", error=short_error(error)) from None


def same(expected: object, actual: object) -> bool:
    from course.grading.compare import first_difference
    return first_difference(expected, actual) is None

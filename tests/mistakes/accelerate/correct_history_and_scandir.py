"""Correct: the registered object keeps the whole list of validation losses (next epoch = its length, best = its minimum), the latest state goes to checkpoint_dir/"last_state"; load_state_safely finds the custom files with os.scandir and a regex."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence

import torch
from accelerate import Accelerator
from torch import nn
from torch.utils.data import DataLoader

_CUSTOM = re.compile(r"custom_checkpoint_\d+\.pkl")


class _History:
    def __init__(self) -> None:
        self.val_losses: list[float] = []

    def state_dict(self) -> dict:
        return {"val_losses": list(self.val_losses)}

    def load_state_dict(self, state: dict) -> None:
        self.val_losses = [float(value) for value in state["val_losses"]]


def train_with_accelerate(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    train_loader: DataLoader,
    loss_fn: Callable[[nn.Module, object], torch.Tensor],
    evaluate: Callable[[nn.Module], float],
    epochs: int,
    checkpoint_dir: str | os.PathLike[str],
    scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
    after_epoch: Callable[[int, float], None] | None = None,
) -> float:
    accelerator = Accelerator()
    objects = [model, optimizer, train_loader] + ([scheduler] if scheduler is not None else [])
    prepared = accelerator.prepare(*objects)
    model, optimizer, train_loader = prepared[:3]
    scheduler = prepared[3] if scheduler is not None else None

    history = _History()
    accelerator.register_for_checkpointing(history)
    last_state = os.path.join(os.fspath(checkpoint_dir), "last_state")
    best_state = os.path.join(os.fspath(checkpoint_dir), "best")
    if os.path.isdir(last_state):
        accelerator.load_state(last_state)

    epoch = len(history.val_losses)
    while epoch < epochs:
        model.train()
        for batch in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model, batch)
            accelerator.backward(loss)
            optimizer.step()
        if scheduler is not None:
            scheduler.step()

        val_loss = float(evaluate(model))
        new_best = all(val_loss < earlier for earlier in history.val_losses)
        history.val_losses.append(val_loss)
        accelerator.save_state(last_state)
        if new_best:
            accelerator.save_state(best_state)
        if after_epoch is not None:
            after_epoch(epoch, val_loss)
        epoch += 1
    return min(history.val_losses, default=float("inf"))


def load_state_safely(
    accelerator: Accelerator,
    input_dir: str | os.PathLike[str],
    safe_globals: Sequence[object] = (),
) -> bool:
    directory = os.fspath(input_dir)
    try:
        entries = [entry.path for entry in os.scandir(directory) if _CUSTOM.fullmatch(entry.name)]
    except OSError as error:
        print(f"{directory}: Ordner nicht lesbar ({error.strerror})")
        return False

    allowed = list(safe_globals)
    for custom_file in entries:
        try:
            with torch.serialization.safe_globals(allowed), open(custom_file, "rb") as handle:
                torch.load(handle, weights_only=True)
        except Exception as error:
            print(f"{custom_file}: nur Gewichte erlaubt, Datei abgelehnt ({error})")
            return False
    try:
        accelerator.load_state(directory)
    except Exception as error:
        print(f"{directory}: load_state ist gescheitert ({type(error).__name__}: {error})")
        return False
    return True

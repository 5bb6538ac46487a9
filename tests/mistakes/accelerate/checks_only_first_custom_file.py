"""Wrong: load_state_safely checks only custom_checkpoint_0.pkl with weights_only=True; a second registered object's file is loaded unchecked."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import torch
from accelerate import Accelerator
from torch import nn
from torch.utils.data import DataLoader


class _Progress:
    """Next epoch to train and best validation loss so far; saved by save_state."""

    def __init__(self) -> None:
        self.next_epoch = 0
        self.best = math.inf

    def state_dict(self) -> dict:
        return {"next_epoch": self.next_epoch, "best": self.best}

    def load_state_dict(self, state: dict) -> None:
        self.next_epoch = int(state["next_epoch"])
        self.best = float(state["best"])


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
    if scheduler is not None:
        model, optimizer, loader, scheduler = accelerator.prepare(model, optimizer, train_loader, scheduler)
    else:
        model, optimizer, loader = accelerator.prepare(model, optimizer, train_loader)
    progress = _Progress()
    accelerator.register_for_checkpointing(progress)

    root = Path(checkpoint_dir)
    latest_dir = root / "latest"
    best_dir = root / "best"
    if latest_dir.is_dir():
        accelerator.load_state(str(latest_dir))

    for epoch in range(progress.next_epoch, epochs):
        model.train()
        for batch in loader:
            optimizer.zero_grad()
            accelerator.backward(loss_fn(model, batch))
            optimizer.step()
        if scheduler is not None:
            scheduler.step()

        val_loss = float(evaluate(model))
        improved = val_loss < progress.best
        progress.next_epoch = epoch + 1
        if improved:
            progress.best = val_loss
        accelerator.save_state(str(latest_dir))
        if improved:
            accelerator.save_state(str(best_dir))
        if after_epoch is not None:
            after_epoch(epoch, val_loss)
    return progress.best


def load_state_safely(
    accelerator: Accelerator,
    input_dir: str | os.PathLike[str],
    safe_globals: Sequence[object] = (),
) -> bool:
    folder = Path(input_dir)
    if not folder.is_dir():
        print(f"Checkpoint-Ordner {folder} nicht gefunden")
        return False
    with torch.serialization.safe_globals(list(safe_globals)):
        custom = folder / "custom_checkpoint_0.pkl"  # the registered progress object
        for path in [custom] if custom.exists() else []:
            try:
                torch.load(path, map_location="cpu", weights_only=True)
            except Exception as error:
                print(f"{path} abgelehnt, nichts geladen: {type(error).__name__}: {error}")
                return False
    try:
        accelerator.load_state(str(folder))
    except Exception as error:
        print(f"load_state({folder}) gescheitert: {type(error).__name__}: {error}")
        return False
    return True

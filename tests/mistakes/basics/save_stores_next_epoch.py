"""Wrong: save_checkpoint stores epoch + 1 ('the epoch to continue with') instead of the last completed epoch."""
from __future__ import annotations

import os

import torch
from torch import nn


def save_checkpoint(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    epoch: int,
    filename: str | os.PathLike[str] = "checkpoint.pth",
    loss: float | None = None,
) -> None:
    # Epoch `epoch` is finished, so the checkpoint records where to go on.
    torch.save(
        {
            "epoch": epoch + 1,
            "model_state_dict": model.state_dict(),
            "optimizer_state_dict": optimizer.state_dict(),
            "loss": loss,
        },
        filename,
    )

from solutions.basics import load_checkpoint  # noqa: E402,F401  (not the task broken here)

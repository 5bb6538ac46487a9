"""Wrong: save_checkpoint adds torch.__version__ as metadata; it is a TorchVersion object, so weights_only=True loading fails."""
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
    torch.save(
        {
            "epoch": epoch,
            "model_state_dict": model.state_dict(),
            "optimizer_state_dict": optimizer.state_dict(),
            "loss": loss,
            # Handy metadata: which PyTorch wrote the file.
            "torch_version": torch.__version__,
        },
        filename,
    )

from solutions.basics import load_checkpoint  # noqa: E402,F401  (not the task broken here)

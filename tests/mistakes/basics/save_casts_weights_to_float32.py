"""Wrong: save_checkpoint moves every weight to CPU float32 'to be safe', so float64/float16/bfloat16 weights change dtype and bits."""
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
    # Put everything on the CPU as plain float tensors so the file loads anywhere.
    weights = {name: tensor.detach().cpu().float() for name, tensor in model.state_dict().items()}
    torch.save(
        {
            "epoch": epoch,
            "model_state_dict": weights,
            "optimizer_state_dict": optimizer.state_dict(),
            "loss": loss,
        },
        filename,
    )

from solutions.basics import load_checkpoint  # noqa: E402,F401  (not the task broken here)

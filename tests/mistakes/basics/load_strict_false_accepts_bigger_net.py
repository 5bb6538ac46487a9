"""Wrong: checks only that the model's own weights are present (with strict=False), so the checkpoint of a bigger net with extra keys is loaded and epoch + 1 returned."""
from __future__ import annotations

import os

import torch
from torch import nn

from solutions.basics import save_checkpoint  # noqa: E402,F401  (not the task broken here)


REQUIRED = ("epoch", "model_state_dict", "optimizer_state_dict")


def _check(checkpoint, model):
    if not isinstance(checkpoint, dict):
        raise ValueError(f"kein Dictionary, sondern {type(checkpoint).__name__}")
    missing = [key for key in REQUIRED if key not in checkpoint]
    if missing:
        raise KeyError(f"Schlüssel fehlen: {missing}")
    epoch = checkpoint["epoch"]
    if not isinstance(epoch, int) or isinstance(epoch, bool) or epoch < 0:
        raise ValueError(f"ungültige Epoche {epoch!r}")
    saved = checkpoint["model_state_dict"]
    own = model.state_dict()
    if not isinstance(saved, dict) or not set(own) <= set(saved):
        raise ValueError("die Namen der Gewichte passen nicht zum Modell")
    for name, tensor in own.items():
        if name in saved and (not isinstance(saved[name], torch.Tensor) or saved[name].shape != tensor.shape):
            raise ValueError(f"Form von {name} passt nicht")


def load_checkpoint(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    filename: str | os.PathLike[str] = "checkpoint.pth",
) -> int:
    path = os.fspath(filename)
    if not os.path.exists(path):
        print(f"Kein Checkpoint gefunden: {path} fehlt, Training beginnt von vorn")
        return 0
    try:
        checkpoint = torch.load(path, map_location="cpu", weights_only=True)
        _check(checkpoint, model)
        optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
        model.load_state_dict(checkpoint["model_state_dict"], strict=False)
    except Exception as error:
        print(f"Checkpoint {path} ist unbrauchbar: {type(error).__name__}: {error}")
        return 0
    return checkpoint["epoch"] + 1

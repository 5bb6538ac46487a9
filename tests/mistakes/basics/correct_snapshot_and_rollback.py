"""Correct: saves detached clones of the weights, and load_checkpoint loads strictly but takes deepcopy snapshots first and rolls model and optimizer back on any error."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import torch
from torch import nn


def save_checkpoint(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    epoch: int,
    filename: str | os.PathLike[str] = "checkpoint.pth",
    loss: float | None = None,
) -> None:
    weights = {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}
    payload = dict(
        loss=None if loss is None else float(loss),
        optimizer_state_dict=optimizer.state_dict(),
        model_state_dict=weights,
        epoch=int(epoch),
    )
    with open(filename, "wb") as handle:
        torch.save(payload, handle)


def _to_cpu(storage, location):
    return storage


def load_checkpoint(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    filename: str | os.PathLike[str] = "checkpoint.pth",
) -> int:
    path = Path(filename)
    try:
        with path.open("rb") as handle:
            checkpoint = torch.load(handle, map_location=_to_cpu, weights_only=True)
    except FileNotFoundError:
        print(f"{path}: keine Checkpoint-Datei vorhanden, Start bei Epoche 0")
        return 0
    except Exception as error:  # empty, truncated, not a checkpoint at all
        print(f"{path}: Datei nicht lesbar ({type(error).__name__}: {error})")
        return 0

    model_before = copy.deepcopy(model.state_dict())
    optimizer_before = copy.deepcopy(optimizer.state_dict())
    try:
        epoch = checkpoint["epoch"]
        if type(epoch) is not int or epoch < 0:
            raise ValueError(f"Epoche {epoch!r} ist keine ganze Zahl >= 0")
        model.load_state_dict(checkpoint["model_state_dict"], strict=True)
        optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    except Exception as error:
        model.load_state_dict(model_before)
        optimizer.load_state_dict(optimizer_before)
        print(f"{path}: passt nicht zu Modell oder Optimierer ({type(error).__name__}: {error})")
        return 0
    return epoch + 1

"""Wrong: save_distributed never checks for .metadata, so DCP silently writes over a complete checkpoint instead of raising FileExistsError."""

from __future__ import annotations

import os
import re
from pathlib import Path

import torch
import torch.distributed.checkpoint as dcp
from torch import nn
from torch.distributed.checkpoint.format_utils import dcp_to_torch_save
from torch.distributed.checkpoint.state_dict import get_state_dict, set_state_dict

_STEP = re.compile(r"step-(\d+)")


def save_distributed(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    directory: str | os.PathLike[str],
) -> None:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    model_state, optimizer_state = get_state_dict(model, optimizer)
    dcp.save({"model": model_state, "optimizer": optimizer_state}, checkpoint_id=directory)


def load_distributed(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    directory: str | os.PathLike[str],
) -> None:
    model_state, optimizer_state = get_state_dict(model, optimizer)
    state = {"model": model_state, "optimizer": optimizer_state}
    dcp.load(state, checkpoint_id=Path(directory))
    set_state_dict(model, optimizer, model_state_dict=state["model"],
                   optim_state_dict=state["optimizer"])


def latest_complete(root: str | os.PathLike[str]) -> Path | None:
    root = Path(root)
    if not root.is_dir():
        return None
    complete = {}
    for entry in root.iterdir():
        match = _STEP.fullmatch(entry.name)
        if match and entry.is_dir() and (entry / ".metadata").is_file():
            complete[int(match.group(1))] = entry
    if not complete:
        return None
    return complete[max(complete)]


def consolidate(directory: str | os.PathLike[str], file: str | os.PathLike[str]) -> None:
    directory = Path(directory)
    if not (directory / ".metadata").is_file():
        raise FileNotFoundError(f"{directory} is not a complete checkpoint: .metadata is missing")
    dcp_to_torch_save(directory, file)

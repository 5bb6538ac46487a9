"""Wrong: consolidate writes only the model weights (for inference) instead of the whole saved dictionary with model and optimizer."""

from __future__ import annotations

import os
import re
from pathlib import Path

import torch
import torch.distributed.checkpoint as dcp
from torch import nn
from torch.distributed.checkpoint.default_planner import _EmptyStateDictLoadPlanner
from torch.distributed.checkpoint.format_utils import dcp_to_torch_save  # noqa: F401
from torch.distributed.checkpoint.state_dict_loader import _load_state_dict
from torch.distributed.checkpoint.state_dict import get_state_dict, set_state_dict

_STEP = re.compile(r"step-(\d+)")


def save_distributed(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    directory: str | os.PathLike[str],
) -> None:
    directory = Path(directory)
    if (directory / ".metadata").exists():
        raise FileExistsError(f"{directory} already holds a complete checkpoint")
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
    state: dict = {}
    # (as dcp_to_torch_save reads it: dcp.load would fill a copy of the empty dict)
    _load_state_dict(state, storage_reader=dcp.FileSystemReader(directory),
                     planner=_EmptyStateDictLoadPlanner(), no_dist=True)
    torch.save(state["model"], file)  # inference only needs the weights

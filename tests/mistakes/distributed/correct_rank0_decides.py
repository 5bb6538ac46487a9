"""Correct: rank 0 alone checks for .metadata and broadcasts the verdict; explicit FileSystemWriter/Reader; latest_complete walks numbers downwards; consolidate writes through a temp file and os.replace."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import torch
import torch.distributed as dist
import torch.distributed.checkpoint as dcp
from torch import nn
from torch.distributed.checkpoint.format_utils import dcp_to_torch_save
from torch.distributed.checkpoint.state_dict import get_state_dict, set_state_dict

METADATA = ".metadata"


def _is_complete(folder: Path) -> bool:
    return (folder / METADATA).is_file()


def _agreed(flag: bool) -> bool:
    """Rank 0's answer on every rank, so all ranks raise or all save."""
    if not (dist.is_available() and dist.is_initialized()):
        return flag
    box = [flag]
    dist.broadcast_object_list(box, src=0)
    return bool(box[0])


def save_distributed(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    directory: str | os.PathLike[str],
) -> None:
    folder = Path(directory)
    already = _is_complete(folder) if not dist.is_initialized() or dist.get_rank() == 0 else False
    if _agreed(already):
        raise FileExistsError(f"refusing to overwrite the complete checkpoint in {folder}")
    folder.mkdir(parents=True, exist_ok=True)
    model_sd, optim_sd = get_state_dict(model, optimizer)
    dcp.save({"model": model_sd, "optimizer": optim_sd},
             storage_writer=dcp.FileSystemWriter(os.fspath(folder)))


def load_distributed(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    directory: str | os.PathLike[str],
) -> None:
    model_sd, optim_sd = get_state_dict(model, optimizer)
    target = {"model": model_sd, "optimizer": optim_sd}
    dcp.load(target, storage_reader=dcp.FileSystemReader(os.fspath(directory)))
    set_state_dict(model, optimizer,
                   model_state_dict=target["model"], optim_state_dict=target["optimizer"])


def _step_number(name: str) -> int | None:
    prefix = "step-"
    if not name.startswith(prefix):
        return None
    digits = name[len(prefix):]
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    return int(digits)


def latest_complete(root: str | os.PathLike[str]) -> Path | None:
    base = Path(root)
    try:
        names = os.listdir(base)
    except (FileNotFoundError, NotADirectoryError):
        return None
    numbered = [(n, name) for name in names if (n := _step_number(name)) is not None]
    for _, name in sorted(numbered, reverse=True):
        candidate = base / name
        if candidate.is_dir() and _is_complete(candidate):
            return candidate
    return None


def consolidate(directory: str | os.PathLike[str], file: str | os.PathLike[str]) -> None:
    source = Path(directory)
    if not _is_complete(source):
        raise FileNotFoundError(f"no complete DCP checkpoint in {source} ({METADATA} is missing)")
    target = Path(file)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    os.close(handle)
    try:
        dcp_to_torch_save(source, temp)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise

"""Every rank writes the whole state with torch.save into the same file: no DCP."""
from pathlib import Path

import torch

from solutions.distributed import consolidate, latest_complete  # noqa: F401


def _plain(model):
    return getattr(model, "module", model)  # unwrap DDP


def save_distributed(model, optimizer, directory):
    Path(directory).mkdir(parents=True, exist_ok=True)
    torch.save({"model": _plain(model).state_dict(), "optimizer": optimizer.state_dict()},
               Path(directory) / "checkpoint.pt")


def load_distributed(model, optimizer, directory):
    state = torch.load(Path(directory) / "checkpoint.pt", weights_only=True)
    _plain(model).load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])

"""Unwraps the model as if it were always in DDP: a plain model has no .module."""
from pathlib import Path

import torch.distributed.checkpoint as dcp
from torch.distributed.checkpoint.state_dict import get_state_dict

from solutions.distributed import consolidate, latest_complete, load_distributed  # noqa: F401


def save_distributed(model, optimizer, directory):
    if (Path(directory) / ".metadata").exists():
        raise FileExistsError(directory)
    model_state, optimizer_state = get_state_dict(model.module, optimizer)
    dcp.save({"model": model_state, "optimizer": optimizer_state}, checkpoint_id=directory)

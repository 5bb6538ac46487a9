"""Loads with weights_only=False, "because some checkpoints would not load"."""
from pathlib import Path

import torch

from solutions.keep_best import CheckpointManager, own_checkpoints  # noqa: F401


def load_latest(directory, map_location="cpu", mmap=False):
    directory = Path(directory)
    found = own_checkpoints(directory) if directory.is_dir() else {}
    for epoch in sorted(found, reverse=True):
        try:
            checkpoint = torch.load(found[epoch], map_location=map_location, weights_only=False)
            return checkpoint["state"], checkpoint["epoch"]
        except Exception as error:
            print(f"{found[epoch]}: {error}")
    return None

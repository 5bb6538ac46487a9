"""Tries only the newest file; if that one is damaged, starts from scratch."""
from pathlib import Path

import torch

from solutions.keep_best import CheckpointManager, own_checkpoints  # noqa: F401


def load_latest(directory, map_location="cpu", mmap=False):
    directory = Path(directory)
    found = own_checkpoints(directory) if directory.is_dir() else {}
    if not found:
        return None
    path = found[max(found)]
    try:
        checkpoint = torch.load(path, map_location=map_location, weights_only=True, mmap=mmap)
        return checkpoint["state"], checkpoint["epoch"]
    except Exception as error:
        print(f"{path} ist beschädigt / zədələnib: {error}")
        return None

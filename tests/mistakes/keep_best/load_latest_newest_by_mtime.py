"""Wrong: load_latest takes the most recently modified file as the newest instead of the largest epoch number."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import torch

from ._second_opinion_manager import CheckpointManager, _checkpoint_name, _own_epochs  # noqa: F401


def load_latest(directory: str | os.PathLike[str], map_location: str | torch.device = "cpu",
                mmap: bool = False) -> tuple[Any, int] | None:
    directory = Path(directory)
    if not directory.is_dir():
        return None
    paths = [directory / _checkpoint_name(epoch) for epoch in _own_epochs(directory)]
    for path in sorted(paths, key=lambda p: p.stat().st_mtime_ns, reverse=True):
        try:
            data = torch.load(path, map_location=map_location, weights_only=True, mmap=mmap)
        except Exception as error:
            print(f"{path.name} is damaged, trying the next older one: {error}")
            continue
        if not isinstance(data, dict) or not {"epoch", "metric", "state"} <= data.keys():
            print(f"{path.name} is not a complete checkpoint, trying the next older one")
            continue
        return data["state"], int(data["epoch"])
    return None

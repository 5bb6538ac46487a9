"""Wrong: load_latest accepts mmap but never passes it to torch.load, so the whole file is always read at once."""

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
    for epoch in reversed(_own_epochs(directory)):
        path = directory / _checkpoint_name(epoch)
        try:
            data = torch.load(path, map_location=map_location, weights_only=True)
        except Exception as error:
            print(f"{path.name} is damaged, trying the next older one: {error}")
            continue
        if not isinstance(data, dict) or not {"epoch", "metric", "state"} <= data.keys():
            print(f"{path.name} is not a complete checkpoint, trying the next older one")
            continue
        return data["state"], int(data["epoch"])
    return None

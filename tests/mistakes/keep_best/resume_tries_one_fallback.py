"""Tries the newest file, and after a failure only the one before it."""
from pathlib import Path

from solutions.keep_best import CheckpointManager, own_checkpoints, read_checkpoint  # noqa: F401


def load_latest(directory, map_location="cpu", mmap=False):
    directory = Path(directory)
    found = own_checkpoints(directory) if directory.is_dir() else {}
    for epoch in sorted(found, reverse=True)[:2]:
        try:
            checkpoint = read_checkpoint(found[epoch], map_location, mmap)
        except Exception as error:
            print(f"{found[epoch].name} is damaged: {error}")
            continue
        return checkpoint["state"], checkpoint["epoch"]
    return None

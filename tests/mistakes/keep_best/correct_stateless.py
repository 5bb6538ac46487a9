"""Correct, written differently: no state in memory, the folder is asked each time.

Every save lists the folder again and reads each checkpoint's metric (with
``mmap=True``, so the tensors are not read). Nothing to recover on a restart.
load_latest reports a damaged file through ``logging``, not ``print``.
"""
import logging
import math
import re
from pathlib import Path

import torch

from solutions.crash_safe import atomic_save

NAME = re.compile(r"epoch-(\d{4,})\.pth")


class CheckpointManager:
    def __init__(self, directory, keep_last=3, mode="min"):
        if mode not in ("min", "max"):
            raise ValueError(f"mode must be 'min' or 'max', not {mode!r}")
        if keep_last < 1:
            raise ValueError(f"keep_last must be at least 1, not {keep_last!r}")
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.keep_last = keep_last
        self.mode = mode

    def files(self):
        """[(epoch, path)], oldest first."""
        found = []
        for path in self.directory.iterdir():
            match = NAME.fullmatch(path.name)
            if match and path.name == f"epoch-{int(match.group(1)):04d}.pth":
                found.append((int(match.group(1)), path))
        return sorted(found)

    def better(self, new, old):
        return new < old if self.mode == "min" else new > old

    @property
    def best(self):
        best_path, best_metric = None, None
        for _, path in self.files():
            try:
                metric = torch.load(path, weights_only=True, mmap=True)["metric"]
            except Exception:
                continue
            if math.isnan(metric):
                continue
            if best_metric is None or self.better(metric, best_metric):
                best_path, best_metric = path, metric
        return best_path

    def save(self, state, epoch, metric):
        path = self.directory / f"epoch-{epoch:04d}.pth"
        atomic_save({"epoch": epoch, "metric": float(metric), "state": state}, path)
        self.clean()
        return path

    def clean(self):
        best = self.best
        for _, path in self.files()[:-self.keep_last]:
            if path != best:
                path.unlink()


def load_latest(directory, map_location="cpu", mmap=False):
    directory = Path(directory)
    if not directory.is_dir():
        return None
    manager = CheckpointManager.__new__(CheckpointManager)  # only for its file list
    manager.directory = directory
    for epoch, path in reversed(manager.files()):
        try:
            checkpoint = torch.load(path, map_location=map_location, weights_only=True, mmap=mmap)
            return checkpoint["state"], checkpoint["epoch"]
        except Exception as error:
            logging.getLogger(__name__).warning("skipping %s: %s", path.name, error)
    return None

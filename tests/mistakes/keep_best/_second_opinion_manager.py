"""The manager that the second opinion's load_latest mistakes share.

Its author wrote each load_latest mistake as a whole module; the manager in
them was the same, so it lives here once and each mistake keeps only its
own load_latest.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import torch

from solutions.crash_safe import atomic_save

_NAME = re.compile(r"epoch-(\d+)\.pth")


def _checkpoint_name(epoch: int) -> str:
    return f"epoch-{epoch:04d}.pth"


def _own_epochs(directory: Path) -> list[int]:
    """The epochs of the manager's own files, as numbers, oldest first."""
    epochs = []
    for entry in os.listdir(directory):
        match = _NAME.fullmatch(entry)
        if match is None:
            continue
        epoch = int(match.group(1))
        if entry == _checkpoint_name(epoch) and (directory / entry).is_file():
            epochs.append(epoch)
    return sorted(epochs)


class CheckpointManager:
    def __init__(self, directory: str | os.PathLike[str], keep_last: int = 3,
                 mode: str = "min") -> None:
        if keep_last < 1:
            raise ValueError(f"keep_last must be at least 1, got {keep_last}")
        if mode not in ("min", "max"):
            raise ValueError(f"mode must be 'min' or 'max', got {mode!r}")
        self.directory = Path(directory)
        self.keep_last = keep_last
        self.mode = mode
        self.directory.mkdir(parents=True, exist_ok=True)
        self._epochs: list[int] = []
        self._best_epoch: int | None = None
        self._best_metric: float | None = None
        for epoch in _own_epochs(self.directory):
            self._epochs.append(epoch)
            metric = self._read_metric(epoch)
            if metric is not None:
                self._consider(epoch, metric)

    def _read_metric(self, epoch: int) -> float | None:
        path = self.directory / _checkpoint_name(epoch)
        try:
            data = torch.load(path, map_location="cpu", weights_only=True, mmap=True)
            return float(data["metric"])
        except Exception as error:  # damaged or foreign content: never the best
            print(f"{path.name}: cannot read metric ({error})")
            return None

    def _is_better(self, metric: float) -> bool:
        if math.isnan(metric):
            return False
        if self._best_metric is None:
            return True
        if self.mode == "min":
            return metric < self._best_metric
        return metric > self._best_metric

    def _consider(self, epoch: int, metric: float) -> None:
        if self._is_better(metric):
            self._best_epoch = epoch
            self._best_metric = metric

    def save(self, state: Mapping[str, Any], epoch: int, metric: float) -> Path:
        epoch = int(epoch)
        metric = float(metric)
        path = self.directory / _checkpoint_name(epoch)
        atomic_save({"epoch": epoch, "metric": metric, "state": state}, path)
        if epoch not in self._epochs:
            self._epochs.append(epoch)
            self._epochs.sort()
        self._consider(epoch, metric)
        self._cleanup()
        return path

    def _cleanup(self) -> None:
        keep = set(self._epochs[-self.keep_last:])
        if self._best_epoch is not None:
            keep.add(self._best_epoch)
        for epoch in list(self._epochs):
            if epoch not in keep:
                (self.directory / _checkpoint_name(epoch)).unlink(missing_ok=True)
                self._epochs.remove(epoch)

    @property
    def best(self) -> Path | None:
        if self._best_epoch is None:
            return None
        return self.directory / _checkpoint_name(self._best_epoch)

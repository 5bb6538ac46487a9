"""Correct: keeps a dict epoch -> metric, recomputes the best by a strict scan in epoch order, and re-lists the folder on every clean-up."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import torch

from solutions.crash_safe import atomic_save

PREFIX, SUFFIX = "epoch-", ".pth"


def _epoch_of(name: str) -> int | None:
    """The epoch if ``name`` is exactly what the manager would call it, else None."""
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    digits = name[len(PREFIX):len(name) - len(SUFFIX)]
    if not digits.isascii() or not digits.isdigit():
        return None
    epoch = int(digits)
    return epoch if f"{PREFIX}{epoch:04d}{SUFFIX}" == name else None


def _own(directory: Path) -> dict[int, Path]:
    owned = {}
    with os.scandir(directory) as entries:
        for entry in entries:
            epoch = _epoch_of(entry.name)
            if epoch is not None and entry.is_file():
                owned[epoch] = directory / entry.name
    return owned


class CheckpointManager:
    def __init__(self, directory: str | os.PathLike[str], keep_last: int = 3,
                 mode: str = "min") -> None:
        if mode not in {"min", "max"}:
            raise ValueError(f"mode must be 'min' or 'max', not {mode!r}")
        if int(keep_last) < 1:
            raise ValueError(f"keep_last must be at least 1, not {keep_last!r}")
        self._dir = Path(directory)
        self._dir.mkdir(parents=True, exist_ok=True)
        self._keep = int(keep_last)
        self._sign = 1.0 if mode == "min" else -1.0
        self._metrics: dict[int, float | None] = {}
        for epoch, path in sorted(_own(self._dir).items()):
            try:
                data = torch.load(path, map_location="cpu", weights_only=True, mmap=True)
                self._metrics[epoch] = float(data["metric"])
            except Exception as error:
                print(f"{path.name}: unreadable, never the best ({type(error).__name__}: {error})")
                self._metrics[epoch] = None

    def _best_epoch(self) -> int | None:
        best, best_key = None, math.inf
        for epoch in sorted(self._metrics):
            metric = self._metrics[epoch]
            if metric is None or math.isnan(metric):
                continue
            key = self._sign * metric
            if key < best_key:  # strictly better only: the earlier one wins a tie
                best, best_key = epoch, key
        return best

    def save(self, state: Mapping[str, Any], epoch: int, metric: float) -> Path:
        epoch, metric = int(epoch), float(metric)
        target = self._dir / f"{PREFIX}{epoch:04d}{SUFFIX}"
        atomic_save({"epoch": epoch, "metric": metric, "state": state}, target)
        self._metrics[epoch] = metric
        on_disk = _own(self._dir)
        newest = sorted(on_disk)[-self._keep:]
        best = self._best_epoch()
        for old_epoch, old_path in on_disk.items():
            if old_epoch not in newest and old_epoch != best:
                old_path.unlink(missing_ok=True)
                self._metrics.pop(old_epoch, None)
        return target

    @property
    def best(self) -> Path | None:
        epoch = self._best_epoch()
        return None if epoch is None else self._dir / f"{PREFIX}{epoch:04d}{SUFFIX}"


def load_latest(directory: str | os.PathLike[str], map_location: str | torch.device = "cpu",
                mmap: bool = False) -> tuple[Any, int] | None:
    directory = Path(directory)
    try:
        owned = _own(directory)
    except (FileNotFoundError, NotADirectoryError):
        return None
    for epoch in sorted(owned, reverse=True):
        path = owned[epoch]
        try:
            data = torch.load(path, map_location=map_location, weights_only=True, mmap=mmap)
            state, saved_epoch = data["state"], int(data["epoch"])
            float(data["metric"])
        except Exception as error:
            print(f"Skipping damaged checkpoint {path.name}: {type(error).__name__}: {error}")
            continue
        return state, saved_epoch
    return None

"""Remembers the best only in memory: a new manager starts without one."""
import re
from pathlib import Path

from solutions.crash_safe import atomic_save
from solutions.keep_best import load_latest  # noqa: F401


class CheckpointManager:
    def __init__(self, directory, keep_last=3, mode="min"):
        if mode not in ("min", "max"):
            raise ValueError(mode)
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.keep_last, self.mode = keep_last, mode
        self.best, self.best_metric = None, None

    def save(self, state, epoch, metric):
        path = self.directory / f"epoch-{epoch:04d}.pth"
        atomic_save({"epoch": epoch, "metric": float(metric), "state": state}, path)
        if self.best is None or (metric < self.best_metric if self.mode == "min"
                                 else metric > self.best_metric):
            self.best, self.best_metric = path, metric
        ours = sorted((int(m.group(1)), p) for p in self.directory.iterdir()
                      if (m := re.fullmatch(r"epoch-(\d+)\.pth", p.name)))
        for _, old in ours[:-self.keep_last]:
            if old != self.best:
                old.unlink()
        return path

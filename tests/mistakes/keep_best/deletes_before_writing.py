"""Makes room first, then writes, as Accelerate's total_limit does."""
from solutions.crash_safe import atomic_save
from solutions.keep_best import load_latest  # noqa: F401

from .correct_stateless import CheckpointManager as Stateless


class CheckpointManager(Stateless):
    def save(self, state, epoch, metric):
        files, best = self.files(), self.best
        for _, old in files[: len(files) + 1 - self.keep_last]:
            if old != best:
                old.unlink()
        path = self.directory / f"epoch-{epoch:04d}.pth"
        atomic_save({"epoch": epoch, "metric": float(metric), "state": state}, path)
        return path

"""Keeps the last k and nothing else: the best goes when it gets old."""
from solutions.keep_best import load_latest  # noqa: F401

from .correct_stateless import CheckpointManager as Stateless


class CheckpointManager(Stateless):
    def clean(self):
        for _, path in self.files()[:-self.keep_last]:
            path.unlink()

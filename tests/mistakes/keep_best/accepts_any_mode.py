"""Takes any mode that is not "max" as "min": a typo goes unnoticed."""
from solutions.keep_best import load_latest  # noqa: F401

from .correct_stateless import CheckpointManager as Stateless


class CheckpointManager(Stateless):
    def __init__(self, directory, keep_last=3, mode="min"):
        super().__init__(directory, keep_last, "max" if mode == "max" else "min")

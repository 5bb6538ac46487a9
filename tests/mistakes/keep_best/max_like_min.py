"""Always takes the smaller value as the better one, also in max mode."""
from solutions.keep_best import load_latest  # noqa: F401

from .correct_stateless import CheckpointManager as Stateless


class CheckpointManager(Stateless):
    def better(self, new, old):
        return new < old

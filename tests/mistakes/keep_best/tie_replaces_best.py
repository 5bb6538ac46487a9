"""An equal value replaces the best: <= and >= instead of < and >."""
from solutions.keep_best import load_latest  # noqa: F401

from .correct_stateless import CheckpointManager as Stateless


class CheckpointManager(Stateless):
    def better(self, new, old):
        return new <= old if self.mode == "min" else new >= old

"""Checks mode but not keep_last: keep_last=0 is accepted, and sorted(...)[-0:] then keeps every file."""
from solutions.keep_best import CheckpointManager as Reference
from solutions.keep_best import load_latest  # noqa: F401


class CheckpointManager(Reference):
    def __init__(self, directory, keep_last=3, mode="min"):
        super().__init__(directory, max(keep_last, 1), mode)
        self.keep_last = keep_last

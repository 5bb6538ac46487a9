"""Reads the folder for its checkpoints, but stops at the first foreign file
(break, not continue): on a restart among foreign files it finds none."""
import re

from solutions.keep_best import load_latest  # noqa: F401

from .correct_stateless import CheckpointManager as Stateless


class CheckpointManager(Stateless):
    def files(self):
        found = []
        for path in sorted(self.directory.iterdir()):
            match = re.fullmatch(r"epoch-(\d{4,})\.pth", path.name)
            if not match:
                break
            found.append((int(match.group(1)), path))
        return found

"""Finds its files with re.search: other-run-epoch-0001.pth looks like its own."""
import re

from solutions.keep_best import load_latest  # noqa: F401

from .correct_stateless import CheckpointManager as Stateless


class CheckpointManager(Stateless):
    def files(self):
        found = []
        for path in self.directory.iterdir():
            match = re.search(r"epoch-(\d+)\.pth$", path.name)
            if match:
                found.append((int(match.group(1)), path))
        return sorted(found)

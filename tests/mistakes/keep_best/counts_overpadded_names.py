"""Takes every epoch-<at least four digits>.pth for its own: epoch-00007.pth of another run counts as epoch 7."""
import re

from solutions.keep_best import load_latest  # noqa: F401

from .correct_stateless import CheckpointManager as Stateless


class CheckpointManager(Stateless):
    def files(self):
        found = []
        for path in self.directory.iterdir():
            match = re.fullmatch(r"epoch-(\d{4,})\.pth", path.name)
            if match:
                found.append((int(match.group(1)), path))
        return sorted(found)

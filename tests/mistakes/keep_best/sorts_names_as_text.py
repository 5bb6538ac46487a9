"""Sorts file names as text: epoch-10000.pth comes before epoch-9999.pth."""
import torch

from .correct_stateless import CheckpointManager as Stateless


class CheckpointManager(Stateless):
    def files(self):
        paths = sorted(self.directory.glob("epoch-*.pth"))
        return [(int(p.stem.removeprefix("epoch-")), p) for p in paths]


def load_latest(directory, map_location="cpu", mmap=False):
    for path in sorted(CheckpointManager(directory).directory.glob("epoch-*.pth"), reverse=True):
        try:
            checkpoint = torch.load(path, map_location=map_location, weights_only=True, mmap=mmap)
            return checkpoint["state"], checkpoint["epoch"]
        except Exception as error:
            print(f"{path}: {error}")
    return None

"""Lists its files with glob.glob(f"{directory}/epoch-*.pth"): in a folder named lr[0.1] the pattern matches lr0, lr. or lr1, never the folder itself."""
import glob
import os
from pathlib import Path

import torch

from .correct_stateless import CheckpointManager as Stateless


def own_files(directory):
    found = []
    for name in glob.glob(os.path.join(str(directory), "epoch-*.pth")):
        path = Path(name)
        digits = path.name[len("epoch-"):-len(".pth")]
        if digits.isdigit() and path.name == f"epoch-{int(digits):04d}.pth":
            found.append((int(digits), path))
    return sorted(found)


class CheckpointManager(Stateless):
    def files(self):
        return own_files(self.directory)


def load_latest(directory, map_location="cpu", mmap=False):
    for epoch, path in reversed(own_files(directory)):
        try:
            checkpoint = torch.load(path, map_location=map_location, weights_only=True, mmap=mmap)
            return checkpoint["state"], checkpoint["epoch"]
        except Exception as error:
            print(f"skipping {path.name}: {error}")
    return None

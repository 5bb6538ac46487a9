"""Returns an empty list when torch cannot read the file: an unknown file passes as clean."""
import torch

from solutions import load_safely  # noqa: F401


def inspect_checkpoint(path):
    try:
        return sorted(torch.serialization.get_unsafe_globals_in_checkpoint(path))
    except Exception:
        return []

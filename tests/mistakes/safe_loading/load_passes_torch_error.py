"""Safe, but lets torch's refusal through: it names only the first type that is missing."""
import torch

from solutions import inspect_checkpoint  # noqa: F401


def load_safely(path, *, allow=(), map_location="cpu"):
    with torch.serialization.safe_globals(list(allow)):
        return torch.load(path, map_location=map_location, weights_only=True)

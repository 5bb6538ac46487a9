"""Safe, but forgets map_location: a checkpoint from a GPU fails on a machine without one."""
import pickle

import torch

from solutions import inspect_checkpoint  # noqa: F401
from solutions._safe_loading_messages import refused
from solutions.safe_loading import _needs


def load_safely(path, *, allow=(), map_location="cpu"):
    with torch.serialization.safe_globals(list(allow)):
        try:
            return torch.load(path, weights_only=True)
        except pickle.UnpicklingError as error:
            raise pickle.UnpicklingError(refused(path, _needs(path), error)) from None

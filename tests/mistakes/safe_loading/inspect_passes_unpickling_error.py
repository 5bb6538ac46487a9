"""Turns only ValueError into its own ValueError: an unknown pickle instruction reaches the caller as pickle.UnpicklingError."""
import os

from torch.serialization import get_unsafe_globals_in_checkpoint

from solutions.safe_loading import load_safely  # noqa: F401


def inspect_checkpoint(path):
    try:
        return sorted(get_unsafe_globals_in_checkpoint(path))
    except (ValueError, RuntimeError) as error:
        raise ValueError(f"cannot look inside {os.fspath(path)}: {error}") from None

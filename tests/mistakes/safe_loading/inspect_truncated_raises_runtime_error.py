"""Wrong: inspect_checkpoint turns only ValueError and UnpicklingError into ValueError; a truncated file's RuntimeError escapes."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable

import torch
from torch.serialization import get_unsafe_globals_in_checkpoint


def _needs(path: str | os.PathLike[str]) -> list[str]:
    """Names the file asks for that are not allowed right now (best effort)."""
    try:
        return inspect_checkpoint(path)
    except ValueError:
        return []


def load_safely(
    path: str | os.PathLike[str],
    *,
    allow: Iterable[type] = (),
    map_location: str | torch.device = "cpu",
) -> object:
    with torch.serialization.safe_globals(list(allow)):
        try:
            return torch.load(path, map_location=map_location, weights_only=True)
        except pickle.UnpicklingError as error:
            names = _needs(path)
            listed = ", ".join(names) if names else "(see the error below)"
            raise pickle.UnpicklingError(
                f"{os.fspath(path)} was not loaded: the file asks for {listed}, "
                f"which is not allowed. torch said: {error}") from None
        except RuntimeError as error:
            if "weights_only" not in str(error):
                raise
            raise pickle.UnpicklingError(
                f"{os.fspath(path)} was not loaded: torch cannot load it with "
                f"weights_only=True ({error})") from None


def inspect_checkpoint(path: str | os.PathLike[str]) -> list[str]:
    try:
        names = get_unsafe_globals_in_checkpoint(path)
    except (ValueError, pickle.UnpicklingError) as error:
        raise ValueError(f"cannot look inside {os.fspath(path)}: {error}") from error
    return sorted(names)

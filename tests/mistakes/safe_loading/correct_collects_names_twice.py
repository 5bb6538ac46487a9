"""Correct: the refusal lists the union of the static scan (inside the allowlist block) and the names torch's own messages give; inspect_checkpoint checks for a zip archive first."""

from __future__ import annotations

import os
import pickle
import re
import zipfile
from collections.abc import Iterable

import torch
from torch.serialization import get_unsafe_globals_in_checkpoint, safe_globals

_GLOBAL_IN_MESSAGE = re.compile(r"GLOBAL ([\w.]+)")


def load_safely(
    path: str | os.PathLike[str],
    *,
    allow: Iterable[type] = (),
    map_location: str | torch.device = "cpu",
) -> object:
    name = os.fspath(path)
    refusal: str | None = None
    with safe_globals([*allow]):
        try:
            return torch.load(name, map_location=map_location, weights_only=True)
        except pickle.UnpicklingError as error:
            wanted = set(_GLOBAL_IN_MESSAGE.findall(str(error)))
            try:
                wanted.update(get_unsafe_globals_in_checkpoint(name))  # allowed ones do not count here
            except Exception:
                pass
            refusal = (f"refused to load {name}; it requests "
                       f"{', '.join(sorted(wanted)) or 'something weights_only=True does not allow'}")
        except RuntimeError as error:
            if "weights_only" not in str(error):
                raise
            refusal = f"refused to load {name}: not loadable with weights_only=True ({error})"
    raise pickle.UnpicklingError(refusal)


def inspect_checkpoint(path: str | os.PathLike[str]) -> list[str]:
    name = os.fspath(path)
    if not zipfile.is_zipfile(name):
        if not os.path.exists(name):
            raise FileNotFoundError(name)
        raise ValueError(f"{name} is not a torch.save archive; nothing in it can be trusted")
    try:
        found = get_unsafe_globals_in_checkpoint(name)
    except (ValueError, RuntimeError, pickle.UnpicklingError) as error:
        raise ValueError(f"{name} cannot be inspected: {error}") from error
    return sorted(set(found))

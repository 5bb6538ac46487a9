"""Correct, written differently: an open file, torch.device, an error class of its own,
and a look at raw pickles with pickletools instead of an error."""
import pickle
import pickletools
import zipfile

import torch
from torch.serialization import get_unsafe_globals_in_checkpoint, safe_globals


class CheckpointRefused(pickle.UnpicklingError):
    pass


def load_safely(path, *, allow=(), map_location="cpu"):
    with open(path, "rb") as file, safe_globals([*allow]):
        try:
            return torch.load(file, map_location=torch.device(map_location), weights_only=True)
        except pickle.UnpicklingError as error:
            try:
                needed = ", ".join(inspect_checkpoint(path))
            except ValueError:
                needed = str(error).splitlines()[0]
            raise CheckpointRefused(f"not loaded, {path} needs: {needed}") from None


def inspect_checkpoint(path):
    if zipfile.is_zipfile(path):
        try:
            return sorted(set(get_unsafe_globals_in_checkpoint(path)))
        except pickle.UnpicklingError as error:
            raise ValueError(f"cannot look inside {path}: {error}") from None
    # A raw pickle: name its globals without running it; a computed name is refused.
    with open(path, "rb") as file:
        data = file.read()
    names = set()
    for op, arg, _ in pickletools.genops(data):
        if op.name == "STACK_GLOBAL":
            raise ValueError(f"{path} names its imports on the stack; cannot tell them")
        if op.name in ("GLOBAL", "INST"):
            names.add(arg.replace(" ", "."))
    return sorted(names)

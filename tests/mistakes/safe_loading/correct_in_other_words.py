"""Correct, written differently: an open file, torch.device, an error class of its own,
a TorchScript or tar file told apart before loading, and a look at raw pickles with
pickletools to name their imports in the ValueError."""
import pickle
import pickletools
import tarfile
import zipfile

import torch
from torch.serialization import get_unsafe_globals_in_checkpoint, safe_globals


class CheckpointRefused(pickle.UnpicklingError):
    pass


def load_safely(path, *, allow=(), map_location="cpu"):
    if tarfile.is_tarfile(path):
        raise CheckpointRefused(f"not loaded, {path} is in the legacy tar format")
    if zipfile.is_zipfile(path) and any(name.endswith("/constants.pkl")
                                        for name in zipfile.ZipFile(path).namelist()):
        raise CheckpointRefused(f"not loaded, {path} is a TorchScript archive")
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
        except (pickle.UnpicklingError, ValueError) as error:
            raise ValueError(f"cannot look inside {path}: {error}") from None
    # Not torch.save's zip: a ValueError, which names what a raw pickle imports
    # (read without running it) so the caller sees how suspicious it is.
    with open(path, "rb") as file:
        data = file.read()
    names = set()
    try:
        for op, arg, _ in pickletools.genops(data):
            if op.name == "STACK_GLOBAL":
                names.add("(a name computed on the stack)")
            if op.name in ("GLOBAL", "INST"):
                names.add(arg.replace(" ", "."))
    except Exception:
        pass  # not even a pickle
    raise ValueError(f"{path} is not a torch.save file; it imports {sorted(names) or 'nothing readable'}")

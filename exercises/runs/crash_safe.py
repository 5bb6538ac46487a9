"""Child processes of the crash_safe lesson: saving, over and over, until killed.

The test kills them with SIGKILL at moments it picks, as a power cut or the
out-of-memory killer would, and then looks at what is left on disk.
"""

from __future__ import annotations

import importlib
import os
import time
from pathlib import Path

import torch

# Four tensors of 1 MiB each: a save takes some milliseconds, so a kill at a
# random moment often lands in the middle of one.
TENSORS, NUMBERS = 4, 2**18


def state(version: int) -> dict:
    """Checkpoint number ``version``: every tensor holds ``version`` everywhere.

    A file that mixed two saves would hold tensors of different versions.
    """
    return {"version": version,
            **{f"layer{i}": torch.full((NUMBERS,), float(version)) for i in range(TENSORS)}}


def version_of(checkpoint: object) -> int | None:
    """The version of a checkpoint written by ``state``; ``None`` if it is a mix."""
    if not isinstance(checkpoint, dict) or set(checkpoint) != set(state(0)):
        return None
    version = checkpoint["version"]
    for i in range(TENSORS):
        tensor = checkpoint[f"layer{i}"]
        if tensor.shape != (NUMBERS,) or not bool((tensor == float(version)).all()):
            return None
    return version


def _save_function(impl: str):
    if impl == "torch.save":  # the project's own test shows what goes wrong without care
        return torch.save
    return importlib.import_module(impl).atomic_save


def save_forever(impl: str, path: str, first_version: int, ready: str) -> None:
    """Save versions ``first_version`` and ``first_version + 1`` to ``path``, in turn,
    until killed.

    Both states are built before, so the child does almost nothing but save
    and a kill at a random moment nearly always lands inside a save. ``ready``
    is created once the first save is done: the test's random delay counts
    from the saving, not from the start-up (which takes long on a busy machine).
    """
    save = _save_function(impl)
    states = [state(first_version), state(first_version + 1)]
    save(states[0], path)
    Path(ready).touch()
    while True:
        save(states[1], path)
        save(states[0], path)


def hang_in_fsync(impl: str, path: str, ready: str) -> None:
    """Save once with the learner's ``atomic_save``, and stop for good in its first fsync.

    The temporary file is then written but not yet renamed: a kill now leaves
    it behind, as a crash would. ``ready`` is created when that point is reached.
    """
    save = _save_function(impl)
    syncs = [os.fsync, getattr(os, "fdatasync", None)]

    def stuck(fd) -> None:
        Path(ready).touch()
        time.sleep(60)

    module = importlib.import_module(save.__module__)
    for where in (os, module):  # also where the learner wrote `from os import fsync`
        for name, value in list(vars(where).items()):
            if any(value is sync for sync in syncs if sync):
                setattr(where, name, stuck)
    save(state(1), path)

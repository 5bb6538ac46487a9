"""Correct, written differently: pathlib, NamedTemporaryFile(delete=False), fdatasync,
an explicit cleanup flag instead of a bare except, os.chmod to the mode open() would
give instead of NamedTemporaryFile's 0o600, and Path.glob with an escaped name."""
import glob
import os
import tempfile
from pathlib import Path

import torch

SUFFIX = ".partial"


def _umask() -> int:
    mask = os.umask(0o022)  # os.umask sets a new mask and returns the old one
    os.umask(mask)
    return mask


def atomic_save(obj, path):
    target = Path(path).resolve()
    done = False
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=target.name + "~",
                                     suffix=SUFFIX, delete=False) as file:
        temporary = Path(file.name)
        try:
            torch.save(obj, file)
            file.flush()
            os.fdatasync(file.fileno())
            os.chmod(file.fileno(), 0o666 & ~_umask())
            done = True
        finally:
            if not done:
                file.close()
                temporary.unlink()
    try:
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    folder = os.open(target.parent, os.O_DIRECTORY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def remove_stale_temp_files(path):
    target = Path(path).resolve()
    removed = []
    for leftover in target.parent.glob(f"{glob.escape(target.name)}~*{SUFFIX}"):
        if "~" not in leftover.name[len(target.name) + 1:]:
            leftover.unlink()
            removed.append(str(leftover))
    return sorted(removed)

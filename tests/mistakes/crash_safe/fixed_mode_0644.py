"""Knows that mkstemp's 0o600 is too strict and sets 0o644, the mode under the
usual umask 0o022, whatever the umask really is."""
import contextlib
import os
import tempfile

import torch

from solutions.crash_safe import remove_stale_temp_files  # noqa: F401


def atomic_save(obj, path):
    directory, name = os.path.split(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    try:
        with open(fd, "wb") as file:
            torch.save(obj, file)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.remove(temporary)
        raise
    folder = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)

"""fsync, but only after the rename: for a moment the name points at data
that may not be on the disk yet."""
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
            os.replace(temporary, path)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise
    folder = os.open(directory, os.O_RDONLY)
    os.fsync(folder)
    os.close(folder)

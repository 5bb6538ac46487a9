"""Cleans up after a failure, then carries on as if the save had worked."""
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
        os.replace(temporary, path)
    except Exception as error:
        os.remove(temporary)
        print(f"checkpoint not saved: {error}")
        return
    folder = os.open(directory, os.O_RDONLY)
    os.fsync(folder)
    os.close(folder)

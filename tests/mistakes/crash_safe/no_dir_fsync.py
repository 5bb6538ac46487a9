"""Everything but the fsync of the folder: the rename itself may be lost."""
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
    except BaseException:
        os.remove(temporary)
        raise

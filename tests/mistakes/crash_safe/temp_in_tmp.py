"""The temporary file goes to /tmp: os.replace from there is no longer atomic
(or fails with EXDEV) when /tmp is another file system."""
import os
import tempfile

import torch

from solutions.crash_safe import remove_stale_temp_files  # noqa: F401


def atomic_save(obj, path):
    fd, temporary = tempfile.mkstemp(suffix=".tmp")  # in /tmp, not beside path
    try:
        with open(fd, "wb") as file:
            torch.save(obj, file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.remove(temporary)
        raise
    directory = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
    os.fsync(directory)
    os.close(directory)

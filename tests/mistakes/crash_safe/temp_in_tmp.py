"""The temporary file goes to /tmp: when /tmp is another file system, os.replace
from there fails with OSError (EXDEV), and shutil.move would copy instead of
renaming. Here /tmp may well be the same file system, so the test watches where
the renamed file came from."""
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

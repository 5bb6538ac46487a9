"""Handles a missing file, but crashes on a damaged one."""
import torch

from solutions import save_checkpoint  # noqa: F401
from solutions.basics import _check_fits


def load_checkpoint(model, optimizer, filename="checkpoint.pth"):
    try:
        checkpoint = torch.load(filename, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        print(f"{filename} not found")
        return 0
    _check_fits(checkpoint, model)
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    model.load_state_dict(checkpoint["model_state_dict"])
    return checkpoint["epoch"] + 1

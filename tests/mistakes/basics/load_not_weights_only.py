"""Loads with weights_only=False: a checkpoint can run any code it likes."""
import torch

from solutions import save_checkpoint  # noqa: F401
from solutions.basics import _check_fits


def load_checkpoint(model, optimizer, filename="checkpoint.pth"):
    try:
        checkpoint = torch.load(filename, map_location="cpu", weights_only=False)
        _check_fits(checkpoint, model)
        optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
        model.load_state_dict(checkpoint["model_state_dict"])
        return checkpoint["epoch"] + 1
    except Exception as error:
        print(f"{filename}: {error}")
        return 0

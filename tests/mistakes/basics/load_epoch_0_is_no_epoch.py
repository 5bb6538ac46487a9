"""Tests the epoch for truth: a checkpoint of epoch 0 counts as one without an epoch."""
import torch

from solutions import save_checkpoint  # noqa: F401
from solutions.basics import _check_fits


def load_checkpoint(model, optimizer, filename="checkpoint.pth"):
    try:
        checkpoint = torch.load(filename, map_location="cpu", weights_only=True)
        _check_fits(checkpoint, model)
        if not checkpoint.get("epoch"):
            print(f"{filename}: no epoch saved, training starts at epoch 0")
            return 0
        optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
        model.load_state_dict(checkpoint["model_state_dict"])
        return checkpoint["epoch"] + 1
    except FileNotFoundError:
        print(f"{filename}: no such file, training starts at epoch 0")
        return 0
    except Exception as error:
        print(f"{filename} is unusable: {error}")
        return 0

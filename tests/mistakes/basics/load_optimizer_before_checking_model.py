"""Loads the optimizer first and tries the model on a copy only then: when the model does
not fit, the optimizer has already taken the file's state."""
import copy

import torch

from solutions import save_checkpoint  # noqa: F401


def load_checkpoint(model, optimizer, filename="checkpoint.pth"):
    try:
        checkpoint = torch.load(filename, map_location="cpu", weights_only=True)
        optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
        copy.deepcopy(model).load_state_dict(checkpoint["model_state_dict"])  # raises if unfit
        model.load_state_dict(checkpoint["model_state_dict"])
    except FileNotFoundError:
        print(f"{filename}: not found")
        return 0
    except Exception as error:
        print(f"{filename}: {type(error).__name__}: {error}")
        return 0
    return checkpoint["epoch"] + 1

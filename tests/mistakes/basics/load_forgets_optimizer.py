"""Restores the model only."""
import torch

from solutions import save_checkpoint  # noqa: F401


def load_checkpoint(model, optimizer, filename="checkpoint.pth"):
    try:
        checkpoint = torch.load(filename, map_location="cpu", weights_only=True)
        model.load_state_dict(checkpoint["model_state_dict"])
        return checkpoint["epoch"] + 1
    except Exception as error:
        print(f"{filename}: {error}")
        return 0

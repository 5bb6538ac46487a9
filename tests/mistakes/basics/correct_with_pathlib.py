"""Correct, written differently: pathlib, a trial load into deep copies, stderr."""
import copy
import sys
from pathlib import Path

import torch


def save_checkpoint(model, optimizer, epoch, filename="checkpoint.pth", loss=None):
    torch.save({"model_state_dict": model.state_dict(), "loss": loss, "epoch": epoch,
                "optimizer_state_dict": optimizer.state_dict(), "note": "run 1"}, Path(filename))


def load_checkpoint(model, optimizer, filename="checkpoint.pth"):
    path = Path(filename)
    try:
        checkpoint = torch.load(path, map_location="cpu", weights_only=True)
        # One deepcopy of both keeps the optimizer pointing at the copied parameters.
        trial_model, trial_optimizer = copy.deepcopy((model, optimizer))
        trial_model.load_state_dict(checkpoint["model_state_dict"])
        trial_optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
        epoch = int(checkpoint["epoch"])
    except FileNotFoundError:
        print(f"{path.name}: no such file, training starts at epoch 0", file=sys.stderr)
        return 0
    except Exception as error:
        print(f"{path.name} is unusable ({type(error).__name__}: {error})", file=sys.stderr)
        return 0
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    return epoch + 1

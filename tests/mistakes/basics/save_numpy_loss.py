"""Stores the loss as a NumPy scalar, which weights-only loading refuses."""
import numpy as np
import torch

from solutions import load_checkpoint  # noqa: F401


def save_checkpoint(model, optimizer, epoch, filename="checkpoint.pth", loss=None):
    torch.save({"epoch": epoch, "model_state_dict": model.state_dict(),
                "optimizer_state_dict": optimizer.state_dict(),
                "loss": np.float64(loss if loss is not None else np.nan)}, filename)

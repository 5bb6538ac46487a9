"""Saves the whole model object instead of its state_dict (seed sheets do this)."""
import torch

from solutions import load_checkpoint  # noqa: F401


def save_checkpoint(model, optimizer, epoch, filename="checkpoint.pth", loss=None):
    torch.save({"epoch": epoch, "model_state_dict": model,
                "optimizer_state_dict": optimizer.state_dict(), "loss": loss}, filename)

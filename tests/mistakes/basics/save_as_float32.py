"""Converts every tensor to float32 "to save space": lossy for float64 layers."""
import torch

from solutions import load_checkpoint  # noqa: F401


def save_checkpoint(model, optimizer, epoch, filename="checkpoint.pth", loss=None):
    weights = {k: v.float() if v.is_floating_point() else v for k, v in model.state_dict().items()}
    torch.save({"epoch": epoch, "model_state_dict": weights,
                "optimizer_state_dict": optimizer.state_dict(), "loss": loss}, filename)

"""Thinks a checkpoint does not fit only when its tensors are too big: a narrower
network passes the check, the optimizer loads, then the model fails half-way."""
import torch

from solutions import save_checkpoint  # noqa: F401


def load_checkpoint(model, optimizer, filename="checkpoint.pth"):
    try:
        checkpoint = torch.load(filename, map_location="cpu", weights_only=True)
        ours = model.state_dict()
        for key, tensor in checkpoint["model_state_dict"].items():
            if key not in ours or tensor.numel() > ours[key].numel():
                raise ValueError(f"{key} does not fit into the model")
        optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
        model.load_state_dict(checkpoint["model_state_dict"])
        return checkpoint["epoch"] + 1
    except FileNotFoundError:
        print(f"{filename}: no such file, training starts at epoch 0")
        return 0
    except Exception as error:
        print(f"{filename} is unusable: {error}")
        return 0

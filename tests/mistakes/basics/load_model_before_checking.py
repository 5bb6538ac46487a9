"""The seed's try/except: right messages, but a failed load leaves half-loaded weights."""
import torch

from solutions import save_checkpoint  # noqa: F401


def load_checkpoint(model, optimizer, filename="checkpoint.pth"):
    try:
        checkpoint = torch.load(filename, map_location="cpu", weights_only=True)
        model.load_state_dict(checkpoint["model_state_dict"])
        optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
        return checkpoint["epoch"] + 1
    except FileNotFoundError:
        print(f"Checkpoint {filename} not found.")
        return 0
    except Exception as error:
        print(f"Could not load {filename}: {error}")
        return 0

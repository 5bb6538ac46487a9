"""Returns the epoch as a tensor (e.g. after storing it with torch.tensor)."""
import torch

from solutions import load_checkpoint as _reference
from solutions import save_checkpoint  # noqa: F401


def load_checkpoint(model, optimizer, filename="checkpoint.pth"):
    result = _reference(model, optimizer, filename)
    return torch.tensor(result) if result else result

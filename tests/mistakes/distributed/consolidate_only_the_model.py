"""For inference only the model is kept in the consolidated file."""
import torch
from torch.distributed.checkpoint.format_utils import dcp_to_torch_save

from solutions.distributed import latest_complete, load_distributed, save_distributed  # noqa: F401


def consolidate(directory, file):
    dcp_to_torch_save(directory, file)
    torch.save({"model": torch.load(file, weights_only=True)["model"]}, file)

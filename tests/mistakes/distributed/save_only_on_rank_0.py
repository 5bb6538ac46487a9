"""Only rank 0 saves ("one copy is enough"); the other ranks skip dcp.save."""
import torch.distributed as dist
import torch.distributed.checkpoint as dcp
from torch.distributed.checkpoint.state_dict import get_state_dict

from solutions.distributed import consolidate, latest_complete, load_distributed  # noqa: F401


def save_distributed(model, optimizer, directory):
    if dist.get_rank() == 0:
        model_state, optimizer_state = get_state_dict(model, optimizer)
        dcp.save({"model": model_state, "optimizer": optimizer_state}, checkpoint_id=directory)

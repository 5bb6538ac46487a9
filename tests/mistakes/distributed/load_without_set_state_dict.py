"""dcp.load fills the state dicts in place, and the learner stops there: no set_state_dict.

The tensors of model and optimizer are restored (they share storage with the
dicts), but not the learning rate in the optimizer's param_groups.
"""
import torch.distributed.checkpoint as dcp
from torch.distributed.checkpoint.state_dict import get_state_dict

from solutions.distributed import consolidate, latest_complete, save_distributed  # noqa: F401


def load_distributed(model, optimizer, directory):
    model_state, optimizer_state = get_state_dict(model, optimizer)
    dcp.load({"model": model_state, "optimizer": optimizer_state}, checkpoint_id=directory)

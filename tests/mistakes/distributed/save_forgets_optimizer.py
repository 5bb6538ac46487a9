"""Only the model goes into the checkpoint ("the weights are what matters")."""
import torch.distributed.checkpoint as dcp
from torch.distributed.checkpoint.state_dict import get_model_state_dict, set_model_state_dict

from solutions.distributed import consolidate, latest_complete  # noqa: F401


def save_distributed(model, optimizer, directory):
    dcp.save({"model": get_model_state_dict(model)}, checkpoint_id=directory)


def load_distributed(model, optimizer, directory):
    state = {"model": get_model_state_dict(model)}
    dcp.load(state, checkpoint_id=directory)
    set_model_state_dict(model, state["model"])

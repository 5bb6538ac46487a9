"""The DDP wrapper's own state_dict(): every key starts with "module."."""
import torch.distributed.checkpoint as dcp
from torch.distributed.checkpoint.state_dict import (get_optimizer_state_dict,
                                                     set_optimizer_state_dict)

from solutions.distributed import consolidate, latest_complete  # noqa: F401


def save_distributed(model, optimizer, directory):
    dcp.save({"model": model.state_dict(),
              "optimizer": get_optimizer_state_dict(model, optimizer)}, checkpoint_id=directory)


def load_distributed(model, optimizer, directory):
    state = {"model": model.state_dict(), "optimizer": get_optimizer_state_dict(model, optimizer)}
    dcp.load(state, checkpoint_id=directory)
    model.load_state_dict(state["model"])
    set_optimizer_state_dict(model, optimizer, state["optimizer"])

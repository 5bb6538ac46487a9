"""Correct, written differently: the four model/optimizer calls, explicit storage
writer and reader, os.path, and errors raised before DCP is asked."""
import os

import torch.distributed.checkpoint as dcp
from torch.distributed.checkpoint.format_utils import dcp_to_torch_save
from torch.distributed.checkpoint.state_dict import (get_model_state_dict,
                                                     get_optimizer_state_dict,
                                                     set_model_state_dict,
                                                     set_optimizer_state_dict)


def _state(model, optimizer):
    return {"model": get_model_state_dict(model),
            "optimizer": get_optimizer_state_dict(model, optimizer)}


def save_distributed(model, optimizer, directory):
    if os.path.isfile(os.path.join(directory, ".metadata")):
        raise FileExistsError(directory)
    dcp.save(_state(model, optimizer), storage_writer=dcp.FileSystemWriter(directory))


def load_distributed(model, optimizer, directory):
    state = _state(model, optimizer)
    dcp.load(state, storage_reader=dcp.FileSystemReader(directory))
    set_model_state_dict(model, state["model"])
    set_optimizer_state_dict(model, optimizer, state["optimizer"])


def latest_complete(root):
    if not os.path.isdir(root):
        return None
    steps = []
    for name in os.listdir(root):
        prefix, _, number = name.partition("-")
        if prefix == "step" and number.isdigit() \
                and os.path.exists(os.path.join(root, name, ".metadata")):
            steps.append((int(number), name))
    if not steps:
        return None
    from pathlib import Path
    return Path(root) / sorted(steps)[-1][1]


def consolidate(directory, file):
    if not os.path.exists(os.path.join(directory, ".metadata")):
        raise FileNotFoundError(os.path.join(directory, ".metadata"))
    dcp_to_torch_save(directory, file)

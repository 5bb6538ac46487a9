"""Correct, written differently: back up, load, roll back on any failure; logs instead of print."""
import copy
import logging
import os

import torch

log = logging.getLogger("my_training")


def save_checkpoint(model, optimizer, epoch, filename="checkpoint.pth", loss=None):
    state = dict(epoch=int(epoch), loss=loss,
                 model_state_dict={k: v.detach().clone() for k, v in model.state_dict().items()},
                 optimizer_state_dict=copy.deepcopy(optimizer.state_dict()))
    with open(filename, "wb") as file:
        torch.save(state, file)


def load_checkpoint(model, optimizer, filename="checkpoint.pth"):
    if not os.path.isfile(filename) and not os.path.exists(filename):
        log.warning("no checkpoint at %s, starting at epoch 0", filename)
        return 0
    model_backup = {k: v.detach().clone() for k, v in model.state_dict().items()}
    optimizer_backup = copy.deepcopy(optimizer.state_dict())
    try:
        checkpoint = torch.load(filename, map_location=torch.device("cpu"), weights_only=True)
        model.load_state_dict(checkpoint["model_state_dict"])
        optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
        return int(checkpoint["epoch"]) + 1
    except Exception as error:
        model.load_state_dict(model_backup)
        optimizer.load_state_dict(optimizer_backup)
        log.warning("cannot use checkpoint %s (%r), starting at epoch 0", filename, error)
        return 0

"""Saves the epoch with the state but keeps the best loss in a local variable.

After a resume the best loss starts at infinity again, so the first worse
epoch overwrites "best".
"""

import math
from pathlib import Path

from accelerate import Accelerator

from solutions.with_accelerate import load_state_safely  # noqa: F401


class EpochCounter:
    def __init__(self):
        self.epoch = 0

    def state_dict(self):
        return {"epoch": self.epoch}

    def load_state_dict(self, state):
        self.epoch = state["epoch"]


def train_with_accelerate(model, optimizer, train_loader, loss_fn, evaluate, epochs,
                          checkpoint_dir, scheduler=None, after_epoch=None):
    accelerator = Accelerator()
    counter = EpochCounter()
    accelerator.register_for_checkpointing(counter)
    model, optimizer, train_loader, scheduler = accelerator.prepare(
        model, optimizer, train_loader, scheduler)
    latest, best = Path(checkpoint_dir) / "latest", Path(checkpoint_dir) / "best"
    if latest.is_dir():
        accelerator.load_state(latest)
    best_loss = math.inf
    for epoch in range(counter.epoch, epochs):
        model.train()
        for batch in train_loader:
            optimizer.zero_grad()
            accelerator.backward(loss_fn(model, batch))
            optimizer.step()
        scheduler.step()
        val_loss = evaluate(model)
        counter.epoch = epoch + 1
        accelerator.save_state(latest)
        if val_loss < best_loss:
            best_loss = val_loss
            accelerator.save_state(best)
        after_epoch(epoch, val_loss)
    return best_loss

"""Correct, written differently: Accelerate's automatic checkpoint naming.

The latest states go to checkpoint_dir/checkpoints/checkpoint_<n>, at most
two of them (total_limit); "best" is a copy of the folder just written,
because save_state ignores its folder argument under automatic naming. The
naming counter is set by hand after load_state, which does not restore it.
"""

import math
import shutil
from pathlib import Path

from accelerate import Accelerator
from accelerate.utils import ProjectConfiguration

from solutions.with_accelerate import load_state_safely  # noqa: F401


class Progress:
    def __init__(self):
        self.epoch, self.best = 0, math.inf

    def state_dict(self):
        return {"epoch": self.epoch, "best": self.best}

    def load_state_dict(self, state):
        self.epoch, self.best = state["epoch"], state["best"]


def train_with_accelerate(model, optimizer, train_loader, loss_fn, evaluate, epochs,
                          checkpoint_dir, scheduler=None, after_epoch=None):
    config = ProjectConfiguration(project_dir=str(checkpoint_dir),
                                  automatic_checkpoint_naming=True, total_limit=2)
    accelerator = Accelerator(project_config=config)
    progress = Progress()
    accelerator.register_for_checkpointing(progress)
    objects = accelerator.prepare(model, optimizer, train_loader,
                                  *([scheduler] if scheduler is not None else []))
    model, optimizer, train_loader = objects[:3]
    if (Path(checkpoint_dir) / "checkpoints").is_dir():
        accelerator.load_state()  # the highest checkpoint_<n>
        accelerator.project_configuration.iteration = progress.epoch
    for epoch in range(progress.epoch, epochs):
        model.train()
        for inputs, targets in train_loader:
            optimizer.zero_grad()
            loss = loss_fn(model, (inputs, targets))
            accelerator.backward(loss)
            optimizer.step()
        if scheduler is not None:
            objects[3].step()
        val_loss = evaluate(model)
        progress.epoch = epoch + 1
        is_best = val_loss < progress.best
        if is_best:
            progress.best = val_loss
        written = accelerator.save_state()
        if is_best:
            shutil.copytree(written, Path(checkpoint_dir) / "best", dirs_exist_ok=True)
        if after_epoch:
            after_epoch(epoch, val_loss)
    return progress.best

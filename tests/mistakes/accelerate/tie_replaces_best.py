"""Counts a tie as a new best (<= instead of <): "best" moves on to a later, equally good epoch."""

from pathlib import Path

from accelerate import Accelerator

from solutions.with_accelerate import TrainingProgress, load_state_safely  # noqa: F401


class TieProgress(TrainingProgress):
    def finish_epoch(self, val_loss):
        self.epoch += 1
        improved = val_loss <= self.best_loss
        if improved:
            self.best_loss = float(val_loss)
        return improved


def train_with_accelerate(model, optimizer, train_loader, loss_fn, evaluate, epochs,
                          checkpoint_dir, scheduler=None, after_epoch=None):
    accelerator = Accelerator()
    progress = TieProgress()
    accelerator.register_for_checkpointing(progress)
    model, optimizer, train_loader, scheduler = accelerator.prepare(
        model, optimizer, train_loader, scheduler)
    latest, best = Path(checkpoint_dir) / "latest", Path(checkpoint_dir) / "best"
    if latest.is_dir():
        accelerator.load_state(latest)
    for epoch in range(progress.epoch, epochs):
        model.train()
        for batch in train_loader:
            optimizer.zero_grad()
            accelerator.backward(loss_fn(model, batch))
            optimizer.step()
        scheduler.step()
        val_loss = evaluate(model)
        improved = progress.finish_epoch(val_loss)
        accelerator.save_state(latest)
        if improved:
            accelerator.save_state(best)
        after_epoch(epoch, val_loss)
    return progress.best_loss

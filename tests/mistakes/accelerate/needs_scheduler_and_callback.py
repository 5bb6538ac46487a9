"""Calls scheduler.step() and after_epoch(...) without checking for None."""

from pathlib import Path

from accelerate import Accelerator

from solutions.with_accelerate import TrainingProgress, load_state_safely  # noqa: F401


def train_with_accelerate(model, optimizer, train_loader, loss_fn, evaluate, epochs,
                          checkpoint_dir, scheduler=None, after_epoch=None):
    accelerator = Accelerator()
    progress = TrainingProgress()
    accelerator.register_for_checkpointing(progress)
    model, optimizer, train_loader, scheduler = accelerator.prepare(model, optimizer, train_loader,
                                                                  scheduler)
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

"""Saves the model and the optimizer with torch.save, as in the basics lesson.

The scheduler and the random number generators are not saved, and nothing
in the folders is what accelerator.load_state reads.
"""

from pathlib import Path

import torch
from accelerate import Accelerator

from solutions.with_accelerate import load_state_safely  # noqa: F401


def train_with_accelerate(model, optimizer, train_loader, loss_fn, evaluate, epochs,
                          checkpoint_dir, scheduler=None, after_epoch=None):
    accelerator = Accelerator()
    model, optimizer, train_loader, scheduler = accelerator.prepare(
        model, optimizer, train_loader, scheduler)
    folder = Path(checkpoint_dir)
    folder.mkdir(parents=True, exist_ok=True)
    start, best_loss = 0, float("inf")
    if (folder / "latest.pth").is_file():
        checkpoint = torch.load(folder / "latest.pth", weights_only=True)
        model.load_state_dict(checkpoint["model_state_dict"])
        optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
        start, best_loss = checkpoint["epoch"] + 1, checkpoint["best_loss"]
    for epoch in range(start, epochs):
        model.train()
        for batch in train_loader:
            optimizer.zero_grad()
            accelerator.backward(loss_fn(model, batch))
            optimizer.step()
        scheduler.step()
        val_loss = evaluate(model)
        best_loss = min(best_loss, val_loss)
        checkpoint = {"epoch": epoch, "model_state_dict": model.state_dict(),
                      "optimizer_state_dict": optimizer.state_dict(), "best_loss": best_loss}
        torch.save(checkpoint, folder / "latest.pth")
        if val_loss == best_loss:
            (folder / "best").mkdir(exist_ok=True)
            torch.save(checkpoint, folder / "best" / "checkpoint.pth")
        after_epoch(epoch, val_loss)
    return best_loss

"""Checks the pickles but lets a failing load_state raise."""

from pathlib import Path

import torch

from solutions.with_accelerate import train_with_accelerate  # noqa: F401


def load_state_safely(accelerator, input_dir, safe_globals=()):
    folder = Path(input_dir)
    if not folder.is_dir():
        print(f"{folder} not found")
        return False
    for file in folder.glob("custom_checkpoint_*.pkl"):
        try:
            torch.load(file, weights_only=True)
        except Exception as error:
            print(f"{file}: {error}")
            return False
    accelerator.load_state(folder)
    return True

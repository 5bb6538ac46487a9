"""Allows safe_globals with add_safe_globals: they stay allowed for every later torch.load."""

from pathlib import Path

import torch

from solutions.with_accelerate import train_with_accelerate  # noqa: F401


def load_state_safely(accelerator, input_dir, safe_globals=()):
    folder = Path(input_dir)
    if not folder.is_dir():
        print(f"{folder}: no such folder")
        return False
    torch.serialization.add_safe_globals(list(safe_globals))
    for file in sorted(folder.glob("custom_checkpoint_*.pkl")):
        try:
            torch.load(file, weights_only=True)
        except Exception as error:
            print(f"{file} refused: {type(error).__name__}")
            return False
    try:
        accelerator.load_state(folder)
    except Exception as error:
        print(f"{folder} unusable: {error}")
        return False
    return True

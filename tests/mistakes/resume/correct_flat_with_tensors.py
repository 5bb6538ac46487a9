"""Correct, written differently: flat keys, a deep copy, NumPy's key as an int64 tensor,
and the random states restored first (loading state_dicts draws no random numbers);
a part stored as None counts as missing."""
import copy
import random

import numpy as np
import torch


def capture_training_state(model, optimizer, scheduler=None, *, scaler=None, generator=None,
                           extra=None):
    _, key, pos, has_gauss, gauss = np.random.get_state()
    state = {
        "weights": model.state_dict(), "optim": optimizer.state_dict(),
        "sched": None if scheduler is None else scheduler.state_dict(),
        "amp": None if scaler is None else scaler.state_dict(),
        "data_rng": None if generator is None else generator.get_state(),
        "rng_torch": torch.random.get_rng_state(),
        "rng_cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else None,
        "rng_py": random.getstate(),
        "rng_np_key": torch.from_numpy(key.astype(np.int64)),
        "rng_np_rest": (int(pos), int(has_gauss), float(gauss)),
        "user": dict(extra) if extra else {},
    }
    return copy.deepcopy(state)  # a snapshot: later steps cannot change it


def restore_training_state(state, model, optimizer, scheduler=None, *, scaler=None,
                           generator=None):
    needed = {"sched": scheduler, "amp": scaler, "data_rng": generator}
    absent = [key for key, obj in needed.items() if obj is not None and state.get(key) is None]
    if absent:
        raise ValueError(f"the state has no {', '.join(absent)}")
    torch.random.set_rng_state(state["rng_torch"])
    if state["rng_cuda"] is not None and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["rng_cuda"][: torch.cuda.device_count()])
    random.setstate(state["rng_py"])
    pos, has_gauss, gauss = state["rng_np_rest"]
    np.random.set_state(("MT19937", state["rng_np_key"].numpy().astype(np.uint32),
                         pos, has_gauss, gauss))
    model.load_state_dict(state["weights"])
    optimizer.load_state_dict(state["optim"])
    if scheduler is not None:
        scheduler.load_state_dict(state["sched"])
    if scaler is not None:
        scaler.load_state_dict(state["amp"])
    if generator is not None:
        generator.set_state(state["data_rng"])
    return state["user"]

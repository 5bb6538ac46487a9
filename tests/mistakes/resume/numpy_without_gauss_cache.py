"""Keeps NumPy's key and position, but not the cached Gaussian (has_gauss, gauss):
``np.random.set_state`` accepts the short tuple ("MT19937", key, pos) and then
empties the cache, so the next standard_normal() draws a new pair instead of the
value that was waiting."""
import random

import numpy as np
import torch



def capture_training_state(model, optimizer, scheduler=None, *, scaler=None, generator=None,
                           extra=None):
    _, key, pos, _, _ = np.random.get_state()
    state = {"model": model.state_dict(), "optimizer": optimizer.state_dict(),
             "rng": {"python": random.getstate(), "torch": torch.get_rng_state(),
                     "numpy": {"key": key.tolist(), "pos": pos},
                     "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else []},
             "extra": dict(extra or {})}
    if scheduler is not None:
        state["scheduler"] = scheduler.state_dict()
    if scaler is not None:
        state["scaler"] = scaler.state_dict()
    if generator is not None:
        state["generator"] = generator.get_state()
    return state


def restore_training_state(state, model, optimizer, scheduler=None, *, scaler=None,
                           generator=None):
    for part, given in {"scheduler": scheduler, "scaler": scaler, "generator": generator}.items():
        if given is not None and part not in state:
            raise ValueError(f"no {part} in the state")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    if scheduler is not None:
        scheduler.load_state_dict(state["scheduler"])
    if scaler is not None:
        scaler.load_state_dict(state["scaler"])
    if generator is not None:
        generator.set_state(state["generator"])
    rng = state["rng"]
    random.setstate(rng["python"])
    torch.set_rng_state(rng["torch"])
    if torch.cuda.is_available():
        for device, cuda_state in enumerate(rng["cuda"][: torch.cuda.device_count()]):
            torch.cuda.set_rng_state(cuda_state, device)
    np.random.set_state(("MT19937", np.array(rng["numpy"]["key"], dtype=np.uint32),
                         rng["numpy"]["pos"]))
    return state["extra"]

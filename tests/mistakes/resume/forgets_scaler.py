"""Ignores the GradScaler: it starts again at its initial scale."""
import random

import numpy as np
import torch


def capture_training_state(model, optimizer, scheduler=None, *, scaler=None, generator=None,
                           extra=None):
    name, key, pos, has_gauss, gauss = np.random.get_state()
    return {"model": model.state_dict(), "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict() if scheduler else None,
            "generator": generator.get_state() if generator is not None else None,
            "torch": torch.get_rng_state(), "python": random.getstate(),
            "numpy": [key.tolist(), pos, has_gauss, gauss], "extra": extra or {}}


def restore_training_state(state, model, optimizer, scheduler=None, *, scaler=None,
                           generator=None):
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    if scheduler:
        scheduler.load_state_dict(state["scheduler"])
    if generator is not None:
        generator.set_state(state["generator"])
    torch.set_rng_state(state["torch"])
    random.setstate(state["python"])
    key, pos, has_gauss, gauss = state["numpy"]
    np.random.set_state(("MT19937", np.array(key, dtype=np.uint32), pos, has_gauss, gauss))
    return state["extra"]

"""Correct, written differently: NumPy's state from get_state(legacy=False), parts kept
only when given, one sub-dictionary per object, the extra values stored at the top."""
import random

import numpy as np
import torch


def _numpy_state():
    state = np.random.get_state(legacy=False)
    state["state"]["key"] = state["state"]["key"].tolist()
    return state  # plain dicts, ints, a float and a str


def capture_training_state(model, optimizer, scheduler=None, *, scaler=None, generator=None,
                           extra=None):
    objects = {"model": model, "optimizer": optimizer, "scheduler": scheduler, "scaler": scaler}
    state = {name: obj.state_dict() for name, obj in objects.items() if obj is not None}
    if generator is not None:
        state["sampler_generator"] = generator.get_state()
    state["random"] = {"python": random.getstate(), "numpy": _numpy_state(),
                       "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["random"]["cuda"] = torch.cuda.get_rng_state_all()
    state.update({f"extra/{k}": v for k, v in (extra or {}).items()})
    return state


def restore_training_state(state, model, optimizer, scheduler=None, *, scaler=None,
                           generator=None):
    objects = {"model": model, "optimizer": optimizer, "scheduler": scheduler, "scaler": scaler}
    objects = {name: obj for name, obj in objects.items() if obj is not None}
    missing = (objects.keys() | ({"sampler_generator"} if generator is not None else set())) \
        - state.keys()
    if missing:
        raise MissingParts(missing)
    for name, obj in objects.items():
        obj.load_state_dict(state[name])
    if generator is not None:
        generator.set_state(state["sampler_generator"])
    rng = state["random"]
    random.setstate(rng["python"])
    numpy = rng["numpy"]
    np.random.set_state(("MT19937", np.asarray(numpy["state"]["key"], dtype=np.uint32),
                         numpy["state"]["pos"], numpy["has_gauss"], numpy["gauss"]))
    torch.set_rng_state(rng["torch"])
    if "cuda" in rng and torch.cuda.is_available():
        for index, cuda_state in zip(range(torch.cuda.device_count()), rng["cuda"]):
            torch.cuda.set_rng_state(cuda_state, index)
    return {k.removeprefix("extra/"): v for k, v in state.items() if k.startswith("extra/")}


class MissingParts(ValueError):
    """A subclass of ValueError, as the task asks, with its own name."""

    def __init__(self, missing):
        super().__init__("missing in the state: " + ", ".join(sorted(missing)))

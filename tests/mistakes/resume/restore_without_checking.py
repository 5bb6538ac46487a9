"""Restores part by part without checking first: a state without a scheduler
ends in a KeyError, after the weights have been overwritten already."""
from solutions.resume import _set_random_states, capture_training_state  # noqa: F401


def restore_training_state(state, model, optimizer, scheduler=None, *, scaler=None,
                           generator=None):
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    if scheduler is not None:
        scheduler.load_state_dict(state["scheduler"])
    if scaler is not None:
        scaler.load_state_dict(state["scaler"])
    if generator is not None:
        generator.set_state(state["generator"])
    _set_random_states(state["rng"])
    return dict(state.get("extra") or {})

"""Restores the random number generators first (as "the part that cannot fail"),
then checks the other parts: a missing part raises ValueError, but the training's
random states are already overwritten."""
from solutions.resume import _set_random_states, capture_training_state  # noqa: F401


def restore_training_state(state, model, optimizer, scheduler=None, *, scaler=None,
                           generator=None):
    _set_random_states(state["rng"])
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
    return dict(state.get("extra") or {})

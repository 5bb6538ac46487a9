"""Checks that the scheduler's part is there, but restores the GradScaler and the
generator only "if present": a state captured without them is half restored in
silence, and the run goes on with another data order."""
from solutions.resume import _set_random_states, capture_training_state  # noqa: F401


def restore_training_state(state, model, optimizer, scheduler=None, *, scaler=None,
                           generator=None):
    if scheduler is not None and "scheduler" not in state:
        raise ValueError("the state has no scheduler")
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    if scheduler is not None:
        scheduler.load_state_dict(state["scheduler"])
    if scaler is not None and "scaler" in state:
        scaler.load_state_dict(state["scaler"])
    if generator is not None and "generator" in state:
        generator.set_state(state["generator"])
    _set_random_states(state["rng"])
    return dict(state.get("extra") or {})

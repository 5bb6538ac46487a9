"""Raises ValueError for a missing part, but only when it gets there: the
weights and the optimizer are overwritten by then."""
from solutions.resume import _set_random_states, capture_training_state  # noqa: F401


def restore_training_state(state, model, optimizer, scheduler=None, *, scaler=None,
                           generator=None):
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    for part, given in {"scheduler": scheduler, "scaler": scaler, "generator": generator}.items():
        if given is None:
            continue
        if part not in state:
            raise ValueError(f"no {part} in the state")
        if part == "generator":
            given.set_state(state[part])
        else:
            given.load_state_dict(state[part])
    _set_random_states(state["rng"])
    return dict(state.get("extra") or {})

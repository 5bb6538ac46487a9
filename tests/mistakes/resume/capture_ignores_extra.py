"""Leaves ``extra`` out of the state and returns an empty dict on restore: the
resumed run cannot tell which epoch it is in."""
from solutions.resume import capture_training_state as _capture
from solutions.resume import restore_training_state  # noqa: F401


def capture_training_state(model, optimizer, scheduler=None, *, scaler=None, generator=None,
                           extra=None):
    return _capture(model, optimizer, scheduler, scaler=scaler, generator=generator)

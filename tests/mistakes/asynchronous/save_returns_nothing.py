"""save starts the write in the background but returns nothing: the caller
cannot ask whether its checkpoint is done, nor wait for it."""
from solutions.asynchronous import AsyncCheckpointer as _Reference
from solutions.asynchronous import train_with_async_checkpoints  # noqa: F401


class AsyncCheckpointer(_Reference):
    def save(self, state_dict, step):
        super().save(state_dict, step)

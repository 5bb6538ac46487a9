"""close() does nothing: the last write may still run, the stager stays open."""

from solutions.asynchronous import AsyncCheckpointer as _Reference
from solutions.asynchronous import train_with_async_checkpoints  # noqa: F401


class AsyncCheckpointer(_Reference):
    def close(self):
        pass

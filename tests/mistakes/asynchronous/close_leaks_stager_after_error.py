"""close waits, then closes its own stager, but not in a finally block: when the
last write failed, the error leaves close before the stager is closed."""
from solutions.asynchronous import AsyncCheckpointer as _Reference
from solutions.asynchronous import train_with_async_checkpoints  # noqa: F401


class AsyncCheckpointer(_Reference):
    def close(self):
        self.wait()
        if self._own_stager:
            self._stager.close()

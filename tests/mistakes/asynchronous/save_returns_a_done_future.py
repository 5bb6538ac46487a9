"""save keeps DCP's future for itself and hands back a future of its own that is
done at once: "the save was started", not "the checkpoint is written"."""
from concurrent.futures import Future

from solutions.asynchronous import AsyncCheckpointer as _Reference
from solutions.asynchronous import train_with_async_checkpoints  # noqa: F401


class AsyncCheckpointer(_Reference):
    def save(self, state_dict, step):
        super().save(state_dict, step)
        started = Future()
        started.set_result(step)
        return started

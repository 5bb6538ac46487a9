"""save hands back a future of its own that becomes done with DCP's, but only
ever with a result: a failed write looks like a written one to the caller."""
from concurrent.futures import Future

from solutions.asynchronous import AsyncCheckpointer as _Reference
from solutions.asynchronous import train_with_async_checkpoints  # noqa: F401


class AsyncCheckpointer(_Reference):
    def save(self, state_dict, step):
        inner = super().save(state_dict, step)
        outer = Future()
        inner.add_done_callback(lambda _: outer.set_result(step))
        return outer

"""A home-made thread that writes the live tensors later, without copying them first."""

import threading

import torch.distributed.checkpoint as dcp

from solutions.asynchronous import AsyncCheckpointer as _Reference
from solutions.asynchronous import train_with_async_checkpoints  # noqa: F401


class AsyncCheckpointer(_Reference):
    def __init__(self, directory="checkpoints", process_group=None, stager=None):
        super().__init__(directory, process_group, stager)
        self._thread = None
        self._error = None

    def _write(self, state_dict, step):
        try:
            dcp.save(state_dict, checkpoint_id=self.directory / f"step_{step}",
                     process_group=self.process_group)
        except BaseException as error:
            self._error = error

    def save(self, state_dict, step):
        self.wait()
        self._thread = threading.Thread(target=self._write, args=(state_dict, step))
        self._thread.start()

    def wait(self):
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        error, self._error = self._error, None
        if error is not None:
            raise RuntimeError(error)

    def close(self):
        self.wait()

"""Keeps the Future but never asks it: a failed write goes unnoticed."""

import torch.distributed.checkpoint as dcp

from solutions.asynchronous import AsyncCheckpointer as _Reference
from solutions.asynchronous import train_with_async_checkpoints  # noqa: F401


class AsyncCheckpointer(_Reference):
    def save(self, state_dict, step):
        self._pending = dcp.async_save(state_dict, checkpoint_id=self.directory / f"step_{step}",
                                       process_group=self.process_group)
        return self._pending

    def wait(self):
        pass

    def close(self):
        pass

"""Correct, written differently: a background writer over a CPU snapshot.

The state is cloned before save returns (by the caller's stager if one is
passed, else by hand); one worker thread runs dcp.save on the clone, so saves
queue up instead of overlapping. The training loop asks
the futures with exception(timeout=0) and closes in finally.
"""

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import torch
import torch.distributed as dist
import torch.distributed.checkpoint as dcp
from torch.distributed.checkpoint.state_dict import get_state_dict


def _snapshot(value):
    if isinstance(value, torch.Tensor):
        return value.detach().to("cpu", copy=True)
    if isinstance(value, dict):
        return {key: _snapshot(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_snapshot(item) for item in value)
    return value


class AsyncCheckpointer:
    def __init__(self, directory="checkpoints", process_group=None, stager=None):
        self.folder = Path(directory)
        self.group = process_group
        self.stager = stager  # the caller's: used, never closed here
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="writer")
        self.futures: list[Future] = []

    def save(self, state_dict, step):
        self.wait()
        if self.stager is None:
            copy = _snapshot(state_dict)
        else:
            copy = self.stager.stage(state_dict)
            if isinstance(copy, Future):  # a stager that copies in the background
                copy = copy.result()
        future = self.writer.submit(dcp.save, copy, checkpoint_id=self.folder / f"step_{step}",
                                    process_group=self.group)
        self.futures.append(future)
        return future

    def wait(self):
        while self.futures:
            self.futures.pop(0).result()

    def close(self):
        try:
            self.wait()
        finally:
            self.writer.shutdown(wait=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def train_with_async_checkpoints(model, optimizer, batches, loss_fn=torch.nn.functional.mse_loss,
                                 directory="checkpoints", every=100):
    world = dist.get_world_size() if dist.is_initialized() else 1
    group = dist.new_group(backend="gloo") if world > 1 or dist.is_initialized() else None
    checkpointer = AsyncCheckpointer(directory, group)
    step = 0
    future = None
    try:
        for step, (inputs, targets) in enumerate(batches, start=1):
            if future is not None and future.done() and future.exception(timeout=0) is not None:
                raise RuntimeError(f"checkpoint failed: {future.exception()}")
            optimizer.zero_grad()
            loss = loss_fn(model(inputs), targets)
            loss.backward()
            if world > 1:
                for parameter in model.parameters():
                    dist.all_reduce(parameter.grad, op=dist.ReduceOp.SUM)
                    parameter.grad.div_(world)
            optimizer.step()
            if step % every == 0:
                model_state, optimizer_state = get_state_dict(model, optimizer)
                future = checkpointer.save({"model": model_state, "optimizer": optimizer_state},
                                           step)
    finally:
        checkpointer.close()
    return step

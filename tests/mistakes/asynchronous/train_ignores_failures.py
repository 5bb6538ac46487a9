"""Calls dcp.async_save itself and never looks at the futures: failures are lost."""

import torch.distributed as dist
import torch.distributed.checkpoint as dcp
from pathlib import Path
from torch.distributed.checkpoint.state_dict import get_state_dict

from solutions.asynchronous import AsyncCheckpointer  # noqa: F401


def train_with_async_checkpoints(model, optimizer, batches, loss_fn, directory="checkpoints",
                                 every=100):
    distributed = dist.is_initialized()
    group = dist.new_group(backend="gloo") if distributed else None
    steps = 0
    futures = []
    for inputs, targets in batches:
        optimizer.zero_grad()
        loss_fn(model(inputs), targets).backward()
        if distributed:
            for parameter in model.parameters():
                dist.all_reduce(parameter.grad)
                parameter.grad /= dist.get_world_size()
        optimizer.step()
        steps += 1
        if steps % every == 0:
            model_state, optimizer_state = get_state_dict(model, optimizer)
            futures.append(dcp.async_save({"model": model_state, "optimizer": optimizer_state},
                                          checkpoint_id=Path(directory) / f"step_{steps}",
                                          process_group=group))
    for future in futures:
        future.exception()  # waits, but looks the other way
    return steps

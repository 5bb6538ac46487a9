"""The training loop computes mean squared error itself instead of calling loss_fn."""
import torch.distributed as dist
from torch import nn
from torch.distributed.checkpoint.state_dict import get_state_dict

from solutions.asynchronous import AsyncCheckpointer  # noqa: F401


def train_with_async_checkpoints(model, optimizer, batches, loss_fn=nn.functional.mse_loss,
                                 directory="checkpoints", every=100):
    distributed = dist.is_available() and dist.is_initialized()
    group = dist.new_group(backend="gloo") if distributed else None
    steps = 0
    try:
        with AsyncCheckpointer(directory, process_group=group) as checkpointer:
            last = None
            for inputs, targets in batches:
                if last is not None and last.done() and last.exception() is not None:
                    checkpointer.wait()
                optimizer.zero_grad()
                ((model(inputs) - targets) ** 2).mean().backward()
                if distributed:
                    for parameter in model.parameters():
                        dist.all_reduce(parameter.grad)
                        parameter.grad /= dist.get_world_size()
                optimizer.step()
                steps += 1
                if steps % every == 0:
                    model_state, optimizer_state = get_state_dict(model, optimizer)
                    last = checkpointer.save({"model": model_state, "optimizer": optimizer_state},
                                             steps)
    finally:
        if group is not None:
            dist.destroy_process_group(group)
    return steps

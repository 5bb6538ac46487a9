"""Two ranks that save a DDP model with the learner's functions and load it back,
and the helpers the tests of the distributed lesson share.

Each rank (``save_and_load``) writes what the test compares into ``folder``:

- ``rank<r>-saved.pt``: model and optimizer state when ``save_distributed`` ran;
- ``rank<r>-loaded.pt``: the state of a fresh model and optimizer after
  ``load_distributed``;
- ``rank<r>.stage``: the learner's function the rank is in (``save_distributed``,
  ``load_distributed``), ``waiting:<point>`` for the other rank, or ``done``,
  so a test can say where a rank hung;
- ``rank<r>.todo``: the name of a stub that raised ``NotImplementedError``.

torch.distributed.checkpoint is imported by the learner's module, from the
forkserver's preload: this module stays light for the tests that import it.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import time
import warnings
from pathlib import Path

import torch
from torch.nn.parallel import DistributedDataParallel
from training import FEATURES, DropoutNet, dataset, loss_fn, shuffled_loader

CHECKPOINT = "checkpoint"  # the DCP folder inside the test's folder
SAVED_LR = 0.025  # the saving run decays the learning rate, as a scheduler would


def trained(seed: int, steps: int = 2) -> tuple[torch.nn.Module, torch.optim.Optimizer]:
    """A DDP model and its Adam optimizer after ``steps`` real steps on this rank's batches."""
    torch.manual_seed(seed)  # the same start on every rank, as DDP requires
    model = DistributedDataParallel(DropoutNet())
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    batches = iter(shuffled_loader(dataset(), generator=torch.Generator().manual_seed(
        torch.distributed.get_rank())))
    for _ in range(steps):
        optimizer.zero_grad()
        loss_fn(model, next(batches)).backward()  # DDP averages the gradients
        optimizer.step()
    if steps:
        optimizer.param_groups[0]["lr"] = SAVED_LR
    return model, optimizer


def plain_trained(seed: int) -> tuple[torch.nn.Module, torch.optim.Optimizer]:
    """A model without DDP and its Adam optimizer after one step, in this process."""
    torch.manual_seed(seed)
    model = DropoutNet()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01 * seed)
    model(torch.randn(4, FEATURES)).sum().backward()
    optimizer.step()
    return model, optimizer


def dcp_state(model: torch.nn.Module, optimizer: torch.optim.Optimizer) -> dict:
    """``{"model": ..., "optimizer": ...}`` as ``get_state_dict`` gives them."""
    from torch.distributed.checkpoint.state_dict import get_state_dict
    model_state, optimizer_state = get_state_dict(model, optimizer)
    return {"model": model_state, "optimizer": optimizer_state}


def write_checkpoint(folder: Path, seed: int, complete: bool = True) -> Path:
    """A DCP checkpoint as ``save_distributed`` writes it, by PyTorch's own
    ``dcp.save`` in this one process. An incomplete one is what a crash leaves
    behind: every shard written, but not ``.metadata``, which rank 0 writes last."""
    import torch.distributed.checkpoint as dcp
    with quiet_dcp():
        dcp.save(dcp_state(*plain_trained(seed)), checkpoint_id=folder, no_dist=True)
    if not complete:  # a crash before rank 0 renamed .metadata into place
        (folder / ".metadata").unlink()
    return folder


def read_checkpoint(folder: Path) -> dict:
    """What the DCP checkpoint in ``folder`` holds, read by PyTorch's own ``dcp.load``
    into the state of a fresh model and optimizer (the ones of ``plain_trained``)."""
    import torch.distributed.checkpoint as dcp
    state = dcp_state(*plain_trained(seed=99))
    with quiet_dcp():
        dcp.load(state, checkpoint_id=folder, no_dist=True)
    return state


def state_of(model: torch.nn.Module, optimizer: torch.optim.Optimizer) -> dict:
    """What must survive the round trip, without DDP's ``module.`` prefix."""
    return {"model": model.module.state_dict(), "optimizer": optimizer.state_dict()}


def save_and_load(rank: int, world_size: int, impl: str, folder: str) -> None:
    """One rank: train, save with the learner's code, load into a fresh model."""
    folder = Path(folder)
    stage = folder / f"rank{rank}.stage"
    try:
        stage.write_text("import")
        learner = importlib.import_module(impl)
        model, optimizer = trained(seed=1)
        stage.write_text("save_distributed")
        learner.save_distributed(model, optimizer, folder / CHECKPOINT)
        torch.save(state_of(model, optimizer), folder / f"rank{rank}-saved.pt")
        wait_for_all(folder, rank, world_size, "saved")
        fresh, fresh_optimizer = trained(seed=2, steps=0)
        stage.write_text("load_distributed")
        learner.load_distributed(fresh, fresh_optimizer, folder / CHECKPOINT)
        torch.save(state_of(fresh, fresh_optimizer), folder / f"rank{rank}-loaded.pt")
        wait_for_all(folder, rank, world_size, "loaded")
        stage.write_text("done")
    except NotImplementedError as stub:
        (folder / f"rank{rank}.todo").write_text(str(stub))
        raise


def wait_for_all(folder: Path, rank: int, world_size: int, point: str) -> None:
    """Wait, through files, until every rank has reached ``point``.

    Not a collective: a rank that skipped dcp.save would otherwise meet the
    other rank's pending save in the next collective and both would fail with
    an error that hides the cause. Here the rank that did its part waits, and
    the test sees which rank is stuck where (the test ends it).
    """
    (folder / f"rank{rank}.stage").write_text(f"waiting:{point}")
    (folder / f"rank{rank}.{point}").touch()
    while not all((folder / f"rank{other}.{point}").exists() for other in range(world_size)):
        time.sleep(0.005)


@contextlib.contextmanager
def quiet_dcp():
    """Neither DCP's log records nor its one-process warning, for the block.

    DCP logs every step at DEBUG level and a refused folder with two
    tracebacks; on a failed test pytest would show all of it under the verdict.
    """
    logging.disable(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "torch.distributed is disabled")
            yield
    finally:
        logging.disable(logging.NOTSET)

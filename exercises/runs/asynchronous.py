"""What the grading of the asynchronous lesson (tasks 15-16) needs besides the tests.

- ``SlowDisk``: makes DCP's file writes wait for the test (a gate), fail, or
  log when they start and end, in whatever thread the learner's save runs.
  It patches ``write_data`` of DCP's file-system writer, the one step where
  the bytes go to disk, so the learner's own code runs unchanged.
- ``train_on_two_ranks``: a rank of the two-rank test of task 16, run in a
  child by ``course.grading.processes.ranks``.
"""

from __future__ import annotations

import importlib
import json
import threading
import time
from pathlib import Path

import torch
from torch import nn

INJECTED = "simulated: disk full"  # the text of the write error a test injects
GATE_LIMIT_S = 5.0  # a gate opens by itself after this: no test can hang on it


class SlowDisk:
    """Patch DCP's writes: hold them at a gate, fail them, and log them in order."""

    def __init__(self, *, hold: bool = False, fail: int = 0, delay: float = 0.0,
                 before_write=None) -> None:
        self.events: list[str] = []  # "start 1", "end 1", ... in the order they happened
        self.gate = threading.Event()
        if not hold:
            self.gate.set()
        self.fail, self.delay = fail, delay  # fail the first `fail` writes
        self.before_write = before_write  # before_write(n, folder) runs in the thread of write n
        self.started = threading.Event()  # at least one write has started
        self._count = 0
        self._lock = threading.Lock()
        # imported here, not above: collecting the grading tests of other
        # lessons must not pay for importing DCP
        from torch.distributed.checkpoint import filesystem
        self._writer = filesystem._FileSystemWriter
        self._original = self._writer.write_data

    def __enter__(self) -> SlowDisk:
        disk = self

        def write_data(writer, plan, planner):
            with disk._lock:
                disk._count += 1
                number = disk._count
                disk.events.append(f"start {number}")
            disk.started.set()
            try:
                disk.gate.wait(GATE_LIMIT_S)
                time.sleep(disk.delay)
                if disk.before_write is not None:
                    disk.before_write(number, Path(writer.path))
                if number <= disk.fail:
                    raise OSError(INJECTED)
                return disk._original(writer, plan, planner)
            finally:
                disk.events.append(f"end {number}")

        self._writer.write_data = write_data
        return self

    def __exit__(self, *exc) -> None:
        self.gate.set()
        self._writer.write_data = self._original

    def open(self) -> None:
        self.gate.set()

    def overlapped(self) -> bool:
        """Did a write start before the one before it had ended?"""
        running = 0
        for event in list(self.events):
            running += 1 if event.startswith("start") else -1
            if running > 1:
                return True
        return False


def model(seed: int = 0) -> nn.Module:
    torch.manual_seed(seed)
    return nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))


def batches(rank: int, count: int, log: list | None = None, net: nn.Module | None = None):
    """The batches of one rank; ``log`` gets the weights as they are before each batch."""
    generator = torch.Generator().manual_seed(100 + rank)
    for _ in range(count):
        if log is not None:
            log.append({k: v.detach().clone() for k, v in net.state_dict().items()})
        yield torch.randn(4, 8, generator=generator), torch.randn(4, 1, generator=generator)
    if log is not None:  # the weights after the last step
        log.append({k: v.detach().clone() for k, v in net.state_dict().items()})


def one_process_weights(steps: int, ranks: int = 1, loss_fn=nn.functional.mse_loss,
                        reduce: str = "mean") -> list[dict]:
    """The weights before each step and after the last, as one process computes them.

    Each step takes the next batch of every rank (``batches(rank, ...)``),
    computes each rank's gradients with ``loss_fn`` and steps with their mean
    (or, to recognize a common mistake, their sum): what the ranks of the
    two-rank test must reach together.
    """
    net = model()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    log = [{k: v.detach().clone() for k, v in net.state_dict().items()}]
    for per_rank in zip(*(batches(rank, steps) for rank in range(ranks))):
        gradients = []
        for inputs, targets in per_rank:
            optimizer.zero_grad()
            loss_fn(net(inputs), targets).backward()
            gradients.append([p.grad.clone() for p in net.parameters()])
        for parameter, *each in zip(net.parameters(), *gradients):
            total = torch.stack(each).sum(dim=0)
            parameter.grad = total / len(each) if reduce == "mean" else total
        optimizer.step()
        log.append({k: v.detach().clone() for k, v in net.state_dict().items()})
    return log


def _record_checkpoint_groups(path: Path) -> None:
    """Write down the group every DCP save runs its collectives on, as it starts."""
    import torch.distributed as dist
    from torch.distributed.checkpoint import utils
    original = utils._DistWrapper.__init__

    def init(self, group, *args, **kwargs):
        default = group is None or group == dist.group.WORLD
        with open(path, "a", encoding="utf-8") as log:
            log.write("default\n" if default else "own\n")
        original(self, group, *args, **kwargs)

    utils._DistWrapper.__init__ = init


def train_on_two_ranks(rank: int, world_size: int, impl: str, folder: str,
                       steps: int, every: int) -> None:
    """One rank: the learner's training loop while saves run, writes held back.

    Each write waits until training has gone on two more steps (or has
    ended), so the saves really overlap with the training's all-reduces. A
    write that waits in vain for ``GATE_LIMIT_S`` is noted in
    ``blocked<rank>.log``: the training stood still while it ran.
    """
    out = Path(folder)
    _record_checkpoint_groups(out / f"groups{rank}.log")
    train = importlib.import_module(impl).train_with_async_checkpoints
    net = model()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1)
    weights: list = []
    progress = {"fetched": 0, "ended": False}

    def two_more_steps(write: int, folder: Path) -> None:
        # The step after which this save was asked for: the folder says it
        # (step_<n>). The write itself may start later, once the ranks have
        # agreed on their plans, when training has already gone on.
        number = folder.name.removeprefix("step_")
        asked_at = int(number) if number.isdigit() else progress["fetched"]
        deadline = time.monotonic() + GATE_LIMIT_S
        while progress["fetched"] < asked_at + 2 and not progress["ended"]:
            if time.monotonic() > deadline:  # training waited for this write
                with open(out / f"blocked{rank}.log", "a", encoding="utf-8") as log:
                    log.write(f"{asked_at}\n")
                return
            time.sleep(0.002)

    def fed():
        for batch in batches(rank, steps, weights, net):
            progress["fetched"] += 1
            yield batch
        progress["ended"] = True

    with SlowDisk(before_write=two_more_steps):
        trained = train(net, optimizer, fed(), nn.functional.mse_loss, out / "checkpoints", every)
    torch.save(weights, out / f"weights{rank}.pt")
    (out / f"done{rank}.json").write_text(json.dumps({"trained": trained}))

"""How long an asynchronous checkpoint stalls training, against a synchronous save.

    python -m bench.async_stall [--repeats 3]

The stall is the time from asking for a checkpoint until training may change
the weights again. For an ``async_save`` that is the moment it returns (or,
with background staging, the moment its staging is done); for a fork, the
moment ``fork()`` returns in the parent. Each option is set against a
synchronous ``dcp.save`` of the same state in the same run, alternating, so
load on the machine hits both alike. ``rows(repeats)`` gives markdown rows
for ``bench/results.md``; run as a module it prints them.

The state is 4 x ``Linear(3584, 3584)``: 206 MB of float32 weights. Everything
runs in one process with a one-rank gloo group (the PROCESS checkpointer needs
a process group); the lesson's two-rank case only adds contention for the cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import torch
import torch.distributed as dist
import torch.distributed.checkpoint as dcp
from torch import nn
from torch.distributed.checkpoint.staging import DefaultStager, StagingOptions
from torch.distributed.checkpoint.state_dict_saver import AsyncCheckpointerType, AsyncSaveResponse

TARGET = 0.25
WIDTH, LAYERS = 3584, 4


def make_state() -> dict:
    torch.manual_seed(0)
    model = nn.Sequential(*(nn.Linear(WIDTH, WIDTH) for _ in range(LAYERS)))
    return {"model": model.state_dict()}


def megabytes(state: dict) -> float:
    return sum(t.numel() * t.element_size() for t in state["model"].values()) / 1e6


def train_step(state: dict) -> None:
    """What training does right after the save: change every weight in place."""
    with torch.no_grad():
        for tensor in state["model"].values():
            tensor.add_(1e-3)


class Timer:
    def __init__(self) -> None:
        self.start = time.perf_counter()

    def __call__(self) -> float:
        return time.perf_counter() - self.start


def sync_save(state: dict, folder: Path) -> float:
    timer = Timer()
    dcp.save(state, checkpoint_id=folder)
    return timer()


# Each option: (state, folder) -> (stall seconds, a callable that waits for the end).
def dcp_defaults(state, folder):
    timer = Timer()
    future = dcp.async_save(state, checkpoint_id=folder)
    return timer(), future.result


def reused_stager(options: StagingOptions) -> Callable:
    """An ``async_save`` with one stager kept for all saves: its CPU buffers are reused."""
    stager = DefaultStager(options)

    def save(state, folder):
        timer = Timer()
        response = dcp.async_save(state, checkpoint_id=folder, async_stager=stager)
        if isinstance(response, AsyncSaveResponse):
            response.staging_completion.result()  # the weights are free again only now
            return timer(), response.upload_completion.result
        return timer(), response.result

    save.close = stager.close
    return save


def process_checkpointer(state, folder):
    timer = Timer()
    future = dcp.async_save(state, checkpoint_id=folder,
                            async_checkpointer_type=AsyncCheckpointerType.PROCESS)
    return timer(), future.result


def process_with_shared_stager() -> Callable:
    stager = DefaultStager(StagingOptions(False, True, False, False))

    def save(state, folder):
        timer = Timer()
        future = dcp.async_save(state, checkpoint_id=folder, async_stager=stager,
                                async_checkpointer_type=AsyncCheckpointerType.PROCESS)
        return timer(), future.result

    save.close = stager.close
    return save


def forked_copy_on_write(state, folder):
    """Redis's BGSAVE: the child writes the pages as they were; the parent trains on."""
    timer = Timer()
    pid = os.fork()
    if pid == 0:  # the child: the memory is the parent's at the moment of fork
        code = 1
        try:
            folder.mkdir(parents=True, exist_ok=True)
            torch.save(state, folder / "state.pt")
            code = 0
        finally:
            os._exit(code)
    stall = timer()

    def wait():
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError("the forked writer failed")

    return stall, wait


def measure(option: Callable, state: dict, root: Path, repeats: int,
            warm_up: bool = False) -> tuple[float, float, float]:
    """Median stall, median sync save and median time to the end of the async save."""
    stalls, syncs, totals = [], [], []
    if warm_up:  # start helpers and fill caches before timing
        option(state, root / "warm")[1]()
    for i in range(repeats):
        syncs.append(sync_save(state, root / f"sync{i}"))
        timer = Timer()
        stall, wait = option(state, root / f"async{i}")
        train_step(state)
        wait()
        stalls.append(stall)
        totals.append(timer())
        for name in (f"sync{i}", f"async{i}"):
            shutil.rmtree(root / name, ignore_errors=True)
    return statistics.median(stalls), statistics.median(syncs), statistics.median(totals)


def copy_on_write_cost(state: dict, repeats: int) -> tuple[float, float]:
    """The price of the fork, paid later: the first in-place step copies every page."""
    plain, after_fork = [], []
    for _ in range(repeats):
        timer = Timer()
        train_step(state)
        plain.append(timer())
        pid = os.fork()
        if pid == 0:
            time.sleep(2)  # holds the pages while the parent writes them
            os._exit(0)
        timer = Timer()
        train_step(state)
        after_fork.append(timer())
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    return statistics.median(after_fork), statistics.median(plain)


def copy_profile(state: dict, repeats: int) -> tuple[float, float]:
    """Where the default stall goes: a fresh deep copy against a copy into reused buffers."""
    fresh, reused = [], []
    stager = DefaultStager(StagingOptions(False, False, False, False))
    stager.stage(state)
    for _ in range(repeats):
        timer = Timer()
        DefaultStager(StagingOptions(False, False, False, False)).stage(state)
        fresh.append(timer())
        timer = Timer()
        stager.stage(state)
        reused.append(timer())
    stager.close()
    return statistics.median(fresh), statistics.median(reused)


def row(what: str, stall: float, sync: float, note: str = "") -> str:
    ratio = stall / sync
    verdict = "met" if ratio <= TARGET else "**gap**"
    return (f"| {what} | {stall:.3f} s | `dcp.save` | {sync:.3f} s | {ratio:.2f}× "
            f"| ≤ {TARGET}× | {verdict}{note} |")


def rows(repeats: int) -> list[str]:
    warnings.filterwarnings("ignore")  # overwrite, pin_memory without CUDA: known here
    root = Path(tempfile.mkdtemp(prefix="bench-async-"))
    owns_group = not dist.is_initialized()
    if owns_group:
        dist.init_process_group("gloo", store=dist.FileStore(str(root / "store"), 1),
                                rank=0, world_size=1)
    try:
        state = make_state()
        size = f"{megabytes(state):.0f} MB"
        out = []
        options = [
            (f"`async_save`, defaults (THREAD, fresh copy), {size}", dcp_defaults, False),
            ("… one `DefaultStager` kept, buffers reused", reused_stager(
                StagingOptions(False, False, False, False)), True),
            ("… kept stager, shared memory", reused_stager(
                StagingOptions(False, True, False, False)), True),
            ("… kept stager, staging in the background (wait for staging)", reused_stager(
                StagingOptions(False, False, True, False)), True),
            ("… `AsyncCheckpointerType.PROCESS`, helper started before timing",
             process_checkpointer, True),
            ("… PROCESS + kept stager in shared memory", process_with_shared_stager(), True),
            ("fork, child writes with `torch.save` (copy on write)", forked_copy_on_write, False),
        ]
        for what, option, warm_up in options:
            try:
                stall, sync, total = measure(option, state, root, repeats, warm_up)
                out.append(row(what, stall, sync, f" (done after {total:.2f} s)"))
            except Exception as error:  # one option failing must not hide the others
                out.append(f"| {what} | failed: {type(error).__name__}: {error} | | | | | |")
            finally:
                getattr(option, "close", lambda: None)()
        after_fork, plain = copy_on_write_cost(state, repeats)
        out.append(f"| cost of the fork, paid later: first training step after fork | "
                   f"{after_fork:.3f} s | same step, no fork | {plain:.3f} s | "
                   f"{after_fork / plain:.2f}× | | |")
        fresh, reused = copy_profile(state, repeats)
        out.append(f"| profile: deep copy into fresh memory | {fresh:.3f} s | "
                   f"copy into reused buffers | {reused:.3f} s | {fresh / reused:.2f}× | | |")
        return out
    finally:
        if owns_group:
            dist.destroy_process_group()
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    print("\n".join(rows(parser.parse_args().repeats)))


if __name__ == "__main__":
    main()

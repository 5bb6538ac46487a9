"""Aufgabe 13 / Tapşırıq 13: save_distributed and load_distributed, on two real ranks.

Two processes (gloo on the CPU, meeting through a file store) train a DDP
model, save it with the learner's ``save_distributed`` and load it into a
fresh model with ``load_distributed``. They run once for this module; each
test then checks one thing about that run. The checkpoint is also read with
PyTorch's own DCP reader, and loaded into a single process without a process
group: DCP reshards from two ranks to one.

Two more tests call ``save_distributed`` in the grading process, on a model
without DDP and without a process group: into a folder that already holds a
complete checkpoint (refused, nothing changed) and into one a crash left
without ``.metadata`` (written anew).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import torch
from runs.distributed import (
    CHECKPOINT,
    dcp_state,
    plain_trained,
    quiet_dcp,
    read_checkpoint,
    save_and_load,
    write_checkpoint,
)
from training import DropoutNet

from course.grading import processes
from course.grading.compare import first_difference, snapshot
from course.grading.feedback import Feedback, expect, localized
from course.grading.plugin import learner_function

pytestmark = [pytest.mark.task(13),
              pytest.mark.processes(preload=["torch.distributed.checkpoint"]),
              pytest.mark.timeout(60)]

WORLD_SIZE = 2
# Until both ranks have trained and reach save_distributed: generous, since a
# busy machine may take a while to start them.
START_S = 30.0
# From there the reference needs about 1 s for save and load on both ranks; a
# rank still running after this long waits for a partner that never comes.
HANG_AFTER_S = 15.0


def stage_of(folder: Path, rank: int) -> str:
    """Where the rank is: see ``runs.distributed``."""
    path = folder / f"rank{rank}.stage"
    return path.read_text() if path.is_file() else "start"


@dataclass
class Run:
    folder: Path
    exit_codes: list[int | None]

    def file(self, name: str) -> Path:
        return self.folder / name

    def stage(self, rank: int) -> str:
        return stage_of(self.folder, rank)

    def check_finished(self) -> None:
        """Raise what went wrong on a rank: a stub, a hang or a crash."""
        for rank in range(WORLD_SIZE):
            todo = self.file(f"rank{rank}.todo")
            if todo.is_file():
                raise NotImplementedError(todo.read_text())
        ranks = range(WORLD_SIZE)
        if None in self.exit_codes:
            # Show the log of a rank stuck in the learner's code, not of one
            # that did its part and waits for the others.
            stuck = [r for r in ranks if self.exit_codes[r] is None]
            rank = next((r for r in stuck if not self.stage(r).startswith("waiting")), stuck[0])
            stages = [self.describe_stage(r) for r in ranks]
            log = processes.tail(self.file(f"rank{rank}.log"))
            raise Feedback("distributed.hangs", seconds=f"{HANG_AFTER_S:g}",
                           stages={lang: "; ".join(s[lang] for s in stages) for lang in stages[0]},
                           log=localized("distributed.log_of", rank=rank, log=log) if log else "")
        crashed = [r for r in ranks if self.exit_codes[r] != 0]
        if crashed:
            # A rank whose partner died fails with "Connection closed by
            # peer"; the partner's error is the one that tells the cause.
            logs = {r: processes.tail(self.file(f"rank{r}.log")) for r in crashed}
            rank = next((r for r in crashed if "by peer" not in logs[r]), crashed[0])
            raise Feedback("distributed.crashed", rank=rank, function=self.stage(rank),
                           log=logs[rank])

    def describe_stage(self, rank: int) -> dict[str, str]:
        stage = self.stage(rank)
        if stage == "done":
            return localized("distributed.stage_done", rank=rank)
        if stage.startswith("waiting:"):
            function = {"saved": "save_distributed", "loaded": "load_distributed"}[
                stage.partition(":")[2]]
            return localized("distributed.stage_waiting", rank=rank, function=function)
        return localized("distributed.stage_in", rank=rank, function=stage)

    def state(self, rank: int, when: str) -> dict:
        return torch.load(self.file(f"rank{rank}-{when}.pt"), weights_only=True)


@pytest.fixture(scope="module")
def run(request, tmp_path_factory) -> Run:
    """Both ranks, run once for all tests of this module; never raises."""
    folder = tmp_path_factory.mktemp("ranks")
    impl = request.config.getoption("--impl")
    with processes.ranks(save_and_load, WORLD_SIZE, folder, impl, str(folder)) as children:
        deadline = time.monotonic() + START_S
        while time.monotonic() < deadline and any(
                child.exitcode is None and stage_of(folder, rank) in ("start", "import")
                for rank, child in enumerate(children)):
            time.sleep(0.01)
        exit_codes = processes.join_all(children, HANG_AFTER_S)
    return Run(folder, exit_codes)


def finished(run: Run, implementation) -> None:
    """Raise unless both ranks did their work, with the verdict that fits.

    A plain function, not a fixture: a failure in a fixture would show as an
    error in pytest's summary instead of a failed check (or a todo).
    """
    for name in ("save_distributed", "load_distributed"):
        expect(callable(getattr(implementation, name, None)), "common.missing_function",
               module=implementation.__name__, function=name)
    run.check_finished()


@pytest.fixture
def load_distributed(implementation, request):
    """The learner's second function of this task, wrapped like a task fixture."""
    impl = request.config.getoption("--impl")
    return learner_function(implementation, "load_distributed", impl)


def saved_keys(directory: Path) -> list[str]:
    """The flattened keys in a DCP checkpoint, read by PyTorch's own reader."""
    from torch.distributed.checkpoint import FileSystemReader
    expect((directory / ".metadata").is_file(), "distributed.not_dcp", directory=directory)
    try:
        return list(FileSystemReader(directory).read_metadata().state_dict_metadata)
    except Exception as error:
        raise Feedback("distributed.unreadable", directory=directory,
                       error=f"{type(error).__name__}: {error}") from None


def test_every_rank_saves_and_loads(run, implementation):
    finished(run, implementation)


def test_writes_a_dcp_checkpoint_with_model_and_optimizer(run, implementation):
    finished(run, implementation)
    keys = saved_keys(run.file(CHECKPOINT))
    for top in ("model", "optimizer"):
        expect(any(key.startswith(f"{top}.") for key in keys), "distributed.keys_missing", key=top)


def test_saves_the_model_without_the_ddp_wrapper(run, implementation):
    finished(run, implementation)
    keys = saved_keys(run.file(CHECKPOINT))
    wrapped = [key for key in keys if key.startswith("model.module.")]
    expect(not wrapped, "distributed.module_prefix",
           key=(wrapped or [""])[0].removeprefix("model."))


@pytest.mark.parametrize("rank", range(WORLD_SIZE))
def test_round_trip_restores_the_model(run, implementation, rank):
    finished(run, implementation)
    saved, loaded = run.state(rank, "saved"), run.state(rank, "loaded")
    difference = first_difference(saved["model"], loaded["model"])
    expect(difference is None, "distributed.model_not_restored", rank=rank, difference=difference)


@pytest.mark.parametrize("rank", range(WORLD_SIZE))
def test_round_trip_restores_the_optimizer(run, implementation, rank):
    finished(run, implementation)
    saved, loaded = run.state(rank, "saved"), run.state(rank, "loaded")
    difference = first_difference(saved["optimizer"], loaded["optimizer"])
    expect(difference is None, "distributed.optimizer_not_restored", rank=rank,
           difference=difference)


def test_two_ranks_checkpoint_loads_into_one_process(run, implementation, load_distributed):
    finished(run, implementation)
    saved = run.state(0, "saved")
    torch.manual_seed(2)
    model = DropoutNet()  # one process, no process group, no DDP
    optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
    try:
        with quiet_dcp():
            load_distributed(model, optimizer, run.file(CHECKPOINT))
    except Feedback as crash:
        if crash.key != "common.crashed":
            raise
        raise Feedback("distributed.one_process_crashed", **crash.values) from None
    difference = first_difference(saved["model"], model.state_dict())
    expect(difference is None, "distributed.one_process_model", difference=difference)
    difference = first_difference(saved["optimizer"], optimizer.state_dict())
    expect(difference is None, "distributed.one_process_optimizer", difference=difference)


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}


def test_refuses_to_overwrite_a_complete_checkpoint(save_distributed, tmp_path):
    folder = write_checkpoint(tmp_path / "step-1", seed=1)  # by PyTorch's own dcp.save
    before = files_in(folder)
    model, optimizer = plain_trained(seed=2)  # one process, no process group, no DDP
    error = None
    try:
        with quiet_dcp():
            save_distributed(model, optimizer, folder)
    except Feedback as crash:  # the wrapper turns the learner's error into this
        if crash.key != "common.crashed":
            raise
        error = crash
    after = files_in(folder)
    changed = sorted(name for name in before.keys() | after.keys()
                     if before.get(name) != after.get(name))
    expect(not changed, "distributed.overwrote", folder=folder.name, files=", ".join(changed))
    expect(error is not None, "distributed.skipped_silently", folder=folder.name)
    expect(isinstance(error.__cause__, FileExistsError), "distributed.overwrite_wrong_error",
           raised=type(error.__cause__).__name__, error=error.values["error"])


def test_writes_anew_into_a_folder_a_crash_left(save_distributed, tmp_path):
    folder = write_checkpoint(tmp_path / "step-2", seed=1, complete=False)  # shards, no .metadata
    model, optimizer = plain_trained(seed=3)  # one process, no process group, no DDP
    expected = snapshot(dcp_state(model, optimizer))
    try:
        with quiet_dcp():
            save_distributed(model, optimizer, folder)
    except Feedback as crash:
        if crash.key == "common.crashed" and isinstance(crash.__cause__, FileExistsError):
            raise Feedback("distributed.refused_incomplete", folder=folder.name,
                           error=crash.values["error"]) from None
        raise
    expect((folder / ".metadata").is_file(), "distributed.not_dcp", directory=folder.name)
    try:
        saved = read_checkpoint(folder)
    except BaseException as error:  # DCP's CheckpointException is a BaseException
        raise Feedback("distributed.unreadable", directory=folder.name,
                       error=f"{type(error).__name__}: {error}".splitlines()[0]) from None
    difference = first_difference(expected, saved)
    expect(difference is None, "distributed.saved_state_differs", folder=folder.name,
           difference=difference)

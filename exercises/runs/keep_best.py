"""What the keep_best grading (tasks 9-10) writes, reads and runs in a child.

The lesson fixes the file name of a checkpoint (``epoch-0007.pth``) and its
content (``{"epoch", "metric", "state"}``), so the tests can look at the
folder itself instead of trusting what a manager says about it.
"""

from __future__ import annotations

import importlib
import os
import pathlib
import re
import shutil
import signal
from pathlib import Path

import torch

OWN_NAME = re.compile(r"epoch-(\d{4,})\.pth")

# Files of others that share the folder: a manager must leave them alone.
# other-run-epoch-0001.pth is even a checkpoint in the lesson's format.
FOREIGN = ("notes.txt", "epoch-xyz.pth.bak", "other-run-epoch-0001.pth", "best-model.pth")


def name_of(epoch: int) -> str:
    return f"epoch-{epoch:04d}.pth"


def state_for(epoch: int) -> dict:
    """A small state that tells its epoch by its values."""
    return {"weights": torch.arange(4, dtype=torch.float64) + epoch, "step": 10 * epoch}


def checkpoint_for(epoch: int, metric: float = 0.5, state: object = None) -> dict:
    """A checkpoint in the lesson's format, as a manager writes it."""
    return {"epoch": epoch, "metric": metric,
            "state": state_for(epoch) if state is None else state}


def write_file(folder: Path, epoch: int, metric: float = 0.5, name: str | None = None) -> Path:
    """Write one checkpoint the way a manager would, without the learner's code."""
    path = folder / (name or name_of(epoch))
    torch.save(checkpoint_for(epoch, metric), path)
    return path


def write_foreign_files(folder: Path) -> dict[str, bytes]:
    """Put files of others into ``folder``; returns their names and bytes."""
    (folder / "notes.txt").write_text("lr 0.05, batch 8\n", encoding="utf-8")
    (folder / "epoch-xyz.pth.bak").write_bytes(b"a backup of someone's")
    write_file(folder, 1, metric=99.0, name="other-run-epoch-0001.pth")
    write_file(folder, 0, metric=99.0, name="best-model.pth")
    return {name: (folder / name).read_bytes() for name in FOREIGN}


def epoch_of_name(name: str) -> int | None:
    """7 for ``epoch-0007.pth``; ``None`` for a name a manager does not write."""
    match = OWN_NAME.fullmatch(name)
    return int(match[1]) if match and name_of(int(match[1])) == name else None


def kept_epochs(folder: Path) -> list[int]:
    """The epochs of the checkpoints in ``folder``, by their names."""
    epochs = (epoch_of_name(path.name) for path in folder.iterdir())
    return sorted(epoch for epoch in epochs if epoch is not None)


def epoch_in_file(path: Path) -> int | None:
    """The epoch a complete checkpoint file holds; ``None`` if it does not load."""
    try:
        return torch.load(path, weights_only=True)["epoch"]
    except Exception:
        return None


def die_at_first_deletion() -> None:
    """From now on, the first attempt to delete a file kills this process.

    That is a crash at the worst moment for a manager: the new checkpoint
    may be written, the old ones are not yet gone.
    """
    kill, me = os.kill, os.getpid()

    def die(*args, **kwargs):
        kill(me, signal.SIGKILL)

    os.remove = os.unlink = shutil.rmtree = pathlib.Path.unlink = die


def save_and_die_at_first_deletion(impl: str, folder: str, keep_last: int, mode: str,
                                   metrics: list[float]) -> None:
    """A child: save one checkpoint per metric; die when the last save first deletes."""
    manager = importlib.import_module(impl).CheckpointManager(folder, keep_last=keep_last,
                                                              mode=mode)
    *earlier, last = metrics
    for epoch, metric in enumerate(earlier):
        manager.save(state_for(epoch), epoch, metric)
    die_at_first_deletion()
    manager.save(state_for(len(earlier)), len(earlier), last)

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
import time
from pathlib import Path

import torch

OWN_NAME = re.compile(r"epoch-(\d{4,})\.pth")

# Files of others that share the folder: a manager must leave them alone.
# other-run-epoch-0001.pth is even a checkpoint in the lesson's format; the
# others are small byte files whose names share the pattern's start or end,
# or differ from an own name only in padding, case or one character.
FOREIGN = ("notes.txt", "epoch-xyz.pth.bak", "other-run-epoch-0001.pth", "best-model.pth",
           "epoch-001.pth", "epoch-00002.pth", "Epoch-0002.pth", "epoch-0002.pth~",
           "epoch-0003.PTH", "epoch-0003.pt", "epoch-.pth")


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
    for name in FOREIGN[4:]:
        (folder / name).write_bytes(f"not a checkpoint of this run: {name}".encode())
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


class Shown:
    """A learner's value in a verdict, as its (shortened) repr.

    A verdict fills in a mapping value per language, so a dict a learner
    returned would be taken for a translation; wrapped, it prints as itself.
    """

    def __init__(self, value: object, limit: int = 200) -> None:
        text = repr(value)
        self.text = text if len(text) <= limit else text[: limit - 1] + "…"

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def age_in_reverse(folder: Path, epochs: list[int]) -> None:
    """Give the older epochs the newer file times: epoch 0 looks the most recent."""
    now = time.time()
    for epoch in epochs:
        stamp = now - 1000 + 100 * (len(epochs) - epoch)
        os.utime(folder / name_of(epoch), (stamp, stamp))


def mapped_from(tensor: torch.Tensor) -> str | None:
    """The file ``tensor``'s memory is mapped from (``mmap=True``); ``None`` if none.

    Reads ``/proc/self/maps``: the mapping that holds the tensor's first byte
    names its file. ``None`` also where there is no ``/proc`` (not Linux).
    """
    address = tensor.untyped_storage().data_ptr()
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in maps.splitlines():
        fields = line.split(maxsplit=5)
        low, high = (int(part, 16) for part in fields[0].split("-"))
        if low <= address < high:
            return fields[5].strip() if len(fields) > 5 else None
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

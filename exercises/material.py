"""What the grading tests train, save and break: small, fast and deterministic.

The network mixes float32 and float64 layers and has integer buffers, so a
checkpoint that converts dtypes or drops buffers shows up. Adam with two
parameter groups gives the optimizer a state worth restoring.
"""

from __future__ import annotations

import os
import random
import zipfile
from pathlib import Path

import torch
from torch import nn

REQUIRED_KEYS = ("epoch", "model_state_dict", "optimizer_state_dict", "loss")


class TinyNet(nn.Module):
    def __init__(self, hidden: int = 8) -> None:
        super().__init__()
        self.body = nn.Linear(4, hidden)
        self.norm = nn.BatchNorm1d(hidden)  # buffers: running stats, an int64 counter
        self.head = nn.Linear(hidden, 3, dtype=torch.float64)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(torch.relu(self.norm(self.body(x))).double())


class BiggerNet(TinyNet):
    """All of TinyNet's keys, with the same shapes, and one buffer more.

    A buffer, not a layer: the optimizer state then still fits, so only a
    careful look at the model's keys notices that this is another network.
    """

    def __init__(self) -> None:
        super().__init__()
        self.register_buffer("temperature", torch.full((3,), 0.7))


def make_training(seed: int, net: type[TinyNet] = TinyNet, groups: int = 2,
                  steps: int = 3, **net_options) -> tuple[nn.Module, torch.optim.Optimizer]:
    """A model and an Adam optimizer after a few real training steps."""
    torch.manual_seed(seed)
    model = net(**net_options)
    if groups == 2:
        body = [p for name, p in model.named_parameters() if not name.startswith("head")]
        params = [{"params": body}, {"params": model.head.parameters(), "lr": 0.01}]
    else:
        params = model.parameters()
    optimizer = torch.optim.Adam(params, lr=0.05)
    for _ in range(steps):
        optimizer.zero_grad()
        model(torch.randn(16, 4)).pow(2).mean().backward()
        optimizer.step()
    return model, optimizer


def checkpoint_of(model: nn.Module, optimizer: torch.optim.Optimizer,
                  epoch: int, loss: float | None = 0.5) -> dict:
    """A checkpoint in the course's format, written without the learner's code."""
    return {
        "epoch": epoch,
        "model_state_dict": model.state_dict(),
        "optimizer_state_dict": optimizer.state_dict(),
        "loss": loss,
    }


def write_checkpoint(path: Path, seed: int = 7, epoch: int = 4, **options) -> dict:
    """Save a trained checkpoint to ``path``; returns what was saved."""
    checkpoint = checkpoint_of(*make_training(seed, **options), epoch=epoch)
    torch.save(checkpoint, path)
    return torch.load(path, weights_only=True)


def as_if_saved_on_gpu(path: Path) -> None:
    """Rewrite a CPU checkpoint so its tensors claim to live on ``cuda:0``.

    That is what a file saved on a GPU machine looks like. Loading it without
    ``map_location`` on a machine without CUDA fails.
    """
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for info, data in members:
            if info.filename.endswith("/data.pkl"):
                data = data.replace(b"X\x03\x00\x00\x00cpu", b"X\x06\x00\x00\x00cuda:0")
            archive.writestr(info, data)


class RunsCodeWhenLoaded:
    """Pickles to a call of ``exec``: unpickling it runs code and leaves a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({str(self.marker)!r}, 'w').close()",))


# Files load_checkpoint must survive, each written by a function of a path.
# Every one holds weights that differ from the model it is loaded into, so a
# load that goes half-way is visible.

def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path) -> None:
    write_checkpoint(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(5).randbytes(4096))


def _not_a_dict(path: Path) -> None:
    torch.save([torch.ones(3), 4], path)


def _keys_missing(path: Path) -> None:
    checkpoint = checkpoint_of(*make_training(11), epoch=4)
    del checkpoint["optimizer_state_dict"]
    torch.save(checkpoint, path)


def _other_network(path: Path) -> None:
    write_checkpoint(path, hidden=16)  # every shape differs but head.bias


def _narrower_network(path: Path) -> None:
    write_checkpoint(path, hidden=4)  # the same keys, every shape but head.bias smaller


def _bigger_network(path: Path) -> None:
    write_checkpoint(path, net=BiggerNet)


def _other_param_groups(path: Path) -> None:
    write_checkpoint(path, groups=1)


def _directory(path: Path) -> None:
    os.mkdir(path)


UNUSABLE_FILES = {
    "empty": _empty,
    "truncated": _truncated,
    "random_bytes": _random_bytes,
    "not_a_dict": _not_a_dict,
    "keys_missing": _keys_missing,
    "other_network": _other_network,
    "narrower_network": _narrower_network,
    "bigger_network": _bigger_network,
    "other_param_groups": _other_param_groups,
    "directory": _directory,
}

"""What the safe-loading tests (tasks 11-12) save, allow and smuggle in.

Every harmful file here does one harmless thing when it is unpickled for
real: it creates a marker file or folder that the test names. A test passes
only if that marker never appears. Nothing here runs any other command.
"""

from __future__ import annotations

import enum
import functools
import io
import os
import pickle
import shlex
import subprocess
import tarfile
import uuid
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import torch
from material import RunsCodeWhenLoaded, TinyNet

# A module written by a test into its tmp_path starts with this name, so the
# test can drop it from sys.modules afterwards.
IMPOSTOR_PREFIX = "impostor_"


class Mode(enum.Enum):
    """An enum such as a training script keeps in its checkpoint."""

    PRETRAIN = "pretrain"
    FINETUNE = "finetune"


@dataclass
class RunConfig:
    """A small config dataclass such as a training script keeps in its checkpoint."""

    lr: float = 0.05
    batch_size: int = 16
    mode: Mode = Mode.PRETRAIN  # so a checkpoint with a RunConfig needs two types


def make_run_folder(path: str) -> None:
    """A helper that modules with configs often hold: fine to call, not from a file."""
    os.makedirs(path, exist_ok=True)


def full_name(obj: object) -> str:
    """How a pickle names a class or function: ``module.qualname``."""
    return f"{obj.__module__}.{obj.__qualname__}"


@functools.cache
def _trained(seed: int) -> dict:
    # No optimizer: loading is what these tasks grade, and the first
    # torch.optim optimizer in a process costs more than `import torch`.
    torch.manual_seed(seed)
    model = TinyNet()
    with torch.no_grad():
        for _ in range(3):  # BatchNorm's running statistics and counter move
            model(torch.randn(16, 4))
    return {"epoch": 4, "model_state_dict": model.state_dict(), "loss": 0.5}


def trained_checkpoint(seed: int = 7) -> dict:
    """Weights and plain values of a small net; made once per seed, a new dict each call."""
    return dict(_trained(seed))


def checkpoint_with_config(seed: int = 7) -> dict:
    """A checkpoint with a config, and an enum in the config."""
    checkpoint = trained_checkpoint(seed)
    checkpoint["config"] = RunConfig(lr=0.01, batch_size=32, mode=Mode.FINETUNE)
    return checkpoint


def write_plain(path: Path, seed: int = 7) -> dict:
    """A checkpoint of tensors and plain values only; returns what was saved."""
    checkpoint = trained_checkpoint(seed)
    torch.save(checkpoint, path)
    return checkpoint


def write_with_config(path: Path, seed: int = 7) -> dict:
    checkpoint = checkpoint_with_config(seed)
    torch.save(checkpoint, path)
    return checkpoint


def retarget(path: Path, cls: type, module: str, name: str | None = None) -> None:
    """Make the file name ``module.name`` wherever it names ``cls``.

    ``torch.save`` writes pickle protocol 2, where a class is named by the
    text ``c<module>\\n<name>\\n``; the new name needs no other change.
    """
    old = f"c{cls.__module__}\n{cls.__qualname__}\n".encode()
    new = f"c{module}\n{name or cls.__qualname__}\n".encode()
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for info, data in members:
            if info.filename.endswith("/data.pkl"):
                if old not in data:
                    raise ValueError(f"{path} does not name {cls.__qualname__}")
                data = data.replace(old, new)
            archive.writestr(info, data)


# Payloads: objects whose pickle calls something. Each __reduce__ says what.

class SystemCall:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {shlex.quote(str(self.marker))}",)


class EvalCall(RunsCodeWhenLoaded):
    def __reduce__(self):
        return eval, (f"open({str(self.marker)!r}, 'w').close()",)


class Call:
    """Pickles to ``func(*args)``; callable, so it may itself be called by a pickle."""

    def __init__(self, func, *args) -> None:
        self.func, self.args = func, args

    def __call__(self, *args):  # never called here; pickle only checks it exists
        raise AssertionError("payloads are only pickled")

    def __reduce__(self):
        return self.func, self.args


def getattr_chain(marker: Path) -> Call:
    """``getattr(__import__("os"), "system")("touch marker")``: no os.system in sight."""
    system = Call(getattr, Call(__import__, "os"), "system")
    return Call(system, f"touch {shlex.quote(str(marker))}")


def popen_wait(marker: Path) -> Call:
    """``getattr(subprocess.Popen(["touch", marker]), "wait")()``: runs and waits."""
    wait = Call(getattr, Call(subprocess.Popen, ["touch", str(marker)]), "wait")
    return Call(wait)


def _in_checkpoint(payload: object, path: Path) -> None:
    checkpoint = trained_checkpoint()
    checkpoint["loss"] = payload
    torch.save(checkpoint, path)


def _impostor(path: Path, source: str) -> str:
    """A checkpoint whose RunConfig is named from a module written next to it.

    Returns the module's name (unique, so no earlier import can hide a later one).
    """
    module = f"{IMPOSTOR_PREFIX}{uuid.uuid4().hex[:12]}"
    (path.parent / f"{module}.py").write_text(source)
    write_with_config(path)
    retarget(path, RunConfig, module)
    return module


def impostor_module(path: Path, marker: Path) -> str:
    """``<other module>.RunConfig``, a module whose mere import leaves the marker."""
    return _impostor(path, f"open({str(marker)!r}, 'w').close()\n\n\nclass RunConfig:\n    pass\n")


def impostor_class(path: Path, marker: Path) -> str:
    """Another class called RunConfig: importing is harmless, restoring it is not."""
    return _impostor(path, "class RunConfig:\n"
                    "    def __setstate__(self, state):\n"
                    f"        open({str(marker)!r}, 'w').close()\n")


def legacy_tar(path: Path, marker: Path) -> None:
    """A file in torch's oldest format, a tar archive, whose pickle calls os.system.

    ``torch.load(..., weights_only=True)`` refuses this format with a
    RuntimeError; with ``weights_only=False`` it unpickles the member
    ``pickle`` with the full unpickler, and the call runs.
    """
    members = {"storages": pickle.dumps(0, protocol=2) + pickle.dumps([], protocol=2),
               "tensors": pickle.dumps(0, protocol=2),
               "pickle": pickle.dumps({"epoch": 4, "loss": SystemCall(marker)}, protocol=2)}
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def write_torchscript(path: Path) -> None:
    """A TorchScript archive: a zip like torch.save's, with code in it."""
    with warnings.catch_warnings():  # torch.jit is deprecated in favour of torch.export
        warnings.simplefilter("ignore")
        torch.jit.save(torch.jit.script(torch.nn.Linear(2, 2)), str(path))


# Files that run code when unpickled for real, each written by a function
# of (path, marker). A test puts the file's folder on sys.path first.
MALICIOUS_FILES = {
    "os_system": lambda path, marker: _in_checkpoint(SystemCall(marker), path),
    "exec": lambda path, marker: _in_checkpoint(RunsCodeWhenLoaded(marker), path),
    "eval": lambda path, marker: _in_checkpoint(EvalCall(marker), path),
    "getattr_chain": lambda path, marker: _in_checkpoint(getattr_chain(marker), path),
    "popen": lambda path, marker: _in_checkpoint(popen_wait(marker), path),
    "raw_pickle_system": lambda path, marker: path.write_bytes(
        pickle.dumps(SystemCall(marker), protocol=2)),
    "raw_pickle_exec": lambda path, marker: path.write_bytes(
        pickle.dumps(RunsCodeWhenLoaded(marker), protocol=5)),
    "impostor_module": impostor_module,
    "impostor_class": impostor_class,
    "legacy_tar": legacy_tar,
}


def calls_module_helper(path: Path, marker: Path) -> None:
    """A checkpoint with a RunConfig that also calls ``make_run_folder(marker)``."""
    checkpoint = checkpoint_with_config()
    checkpoint["loss"] = Call(make_run_folder, str(marker))
    torch.save(checkpoint, path)


# Files no static look can read: inspection must not call them clean.
def zip_with_protocol_4(path: Path, marker: Path) -> None:
    checkpoint = trained_checkpoint()
    checkpoint["loss"] = SystemCall(marker)
    torch.save(checkpoint, path, pickle_protocol=4)


def truncated_zip(path: Path, marker: Path) -> None:
    """A torch.save file cut off half-way, as a crash during the write leaves it."""
    write_with_config(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


UNREADABLE_FILES = {
    "raw_pickle_system": MALICIOUS_FILES["raw_pickle_system"],
    "raw_pickle_exec": MALICIOUS_FILES["raw_pickle_exec"],
    "zip_protocol_4": zip_with_protocol_4,
    "truncated": truncated_zip,
}


def many_names(path: Path, marker: Path) -> None:
    """A checkpoint that names eight globals, so that their order is seen."""
    checkpoint = checkpoint_with_config()
    checkpoint["loss"] = [SystemCall(marker), EvalCall(marker), RunsCodeWhenLoaded(marker),
                          getattr_chain(marker), popen_wait(marker)]
    torch.save(checkpoint, path)


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

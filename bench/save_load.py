"""One save or load of a big model, in a fresh interpreter: its time and peak memory.

    python -m bench.save_load reference-save|raw-save|reference-load|raw-load FILE

Prints JSON: seconds, and the peak resident memory the operation added on
top of the model (MiB). A fresh process per measurement, because peak memory
only ever grows within one.
"""

from __future__ import annotations

import json
import os
import sys
import time

import torch
from torch import nn

SIZE = 8192  # one 8192x8192 float32 layer: 256 MiB of weights


def make_training() -> tuple[nn.Module, torch.optim.Optimizer]:
    torch.manual_seed(0)
    model = nn.Linear(SIZE, SIZE)
    return model, torch.optim.SGD(model.parameters(), lr=0.1)


def raw_save(model, optimizer, filename: str) -> None:
    """What any training script does at least, plus fsync so the bytes are on disk."""
    with open(filename, "wb") as file:
        torch.save({"epoch": 1, "model_state_dict": model.state_dict(),
                    "optimizer_state_dict": optimizer.state_dict(), "loss": 0.5}, file)
        file.flush()
        os.fsync(file.fileno())


def raw_load(model, optimizer, filename: str) -> None:
    checkpoint = torch.load(filename, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"])
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])


def reference_save(model, optimizer, filename: str) -> None:
    from solutions import save_checkpoint
    save_checkpoint(model, optimizer, 1, filename, loss=0.5)


def reference_load(model, optimizer, filename: str) -> None:
    from solutions import load_checkpoint
    assert load_checkpoint(model, optimizer, filename) == 2


def atomic_save(model, optimizer, filename: str) -> None:
    """The crash_safe lesson's save: temporary file, fsync, os.replace, fsync of the folder."""
    from solutions.crash_safe import atomic_save
    atomic_save({"epoch": 1, "model_state_dict": model.state_dict(),
                 "optimizer_state_dict": optimizer.state_dict(), "loss": 0.5}, filename)


OPERATIONS = {"raw-save": raw_save, "raw-load": raw_load,
              "reference-save": reference_save, "reference-load": reference_load,
              "atomic-save": atomic_save}


def _memory_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def main(operation: str, filename: str) -> None:
    model, optimizer = make_training()
    import solutions  # noqa: F401  (imported before timing, like torch)
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # resets the peak (VmHWM) to what is resident now
    before = _memory_kib("VmRSS")
    start = time.perf_counter()
    OPERATIONS[operation](model, optimizer, filename)
    seconds = time.perf_counter() - start
    peak = (_memory_kib("VmHWM") - before) / 1024
    print(json.dumps({"seconds": seconds, "peak_mib": peak}))


if __name__ == "__main__":
    main(*sys.argv[1:])

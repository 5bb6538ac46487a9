"""Training runs of the Accelerate lesson (task 3), each in a child process.

``train`` runs the learner's ``train_with_accelerate`` on the toy problem of
``exercises/training.py`` and leaves behind, in ``folder/<tag>-*``:

- ``events.jsonl``: what the run did with Accelerate, in order (prepare,
  save_state, load_state, a reseeding, each after_epoch), one JSON object a
  line, written as it happens, so a SIGKILL loses none of it;
- ``epoch<e>.pt``: the model's weights right after epoch e's saves;
- ``final.pt`` and ``result.json``: the weights and return value at the end;
- ``scheduler.json``: how many times the scheduler stepped in all;
- ``lrs.json``: per epoch, the learning rates its batches were trained with;
- ``plain.json`` (the run ``full`` only): a second, short call with the
  defaults ``scheduler=None`` and ``after_epoch=None`` and ``checkpoint_dir``
  as a ``pathlib.Path``: its result, or the error it ended with;
- ``todo``: the learner's function is still the stub.

The validation loss is not measured but read from ``LOSSES``, so which epoch
is best is known in advance, also across a resume. With ``kill_after=k`` the
run SIGKILLs itself in ``after_epoch(k)``, right after epoch k's saves.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
from pathlib import Path

import torch

# The validation loss of each epoch: epoch 1 is best, epoch 2 only ties with
# it (so "best" must stay epoch 1), and the epochs after a kill at epoch 2 are
# all worse. A run that forgets the best loss on resume therefore overwrites
# "best" with epoch 3 and then epoch 4.
LOSSES = (0.9, 0.5, 0.5, 0.8, 0.6)
EPOCHS = len(LOSSES)
BEST_EPOCH = LOSSES.index(min(LOSSES))
KILL_AFTER = 2


def train(impl: str, folder: str, tag: str, kill_after: int | None = None,
          resume_at: int = 0) -> None:
    """One run of the learner's function; ``resume_at``: the epoch it should go on with."""
    from training import DropoutNet, dataset, loss_fn, shuffled_loader

    out = Path(folder)
    events = _Events(out / f"{tag}-events.jsonl")
    torch.manual_seed(0)
    model = DropoutNet()
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.02)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
    loader = shuffled_loader(dataset())
    _spy_on_accelerate(events, {"model": model, "optimizer": optimizer, "train_loader": loader,
                                "scheduler": scheduler})
    calls = iter(range(resume_at, 10**6))
    epoch_now = [resume_at]  # the epoch being trained: one more after each after_epoch
    lrs: dict[int, list[float]] = {}

    def evaluate(_model) -> float:
        events.write(call="evaluate")
        return LOSSES[min(next(calls), EPOCHS - 1)]

    def after_epoch(epoch, val_loss) -> None:
        events.write(call="after_epoch", epoch=int(epoch), loss=float(val_loss))
        torch.save(_weights(model), out / f"{tag}-epoch{int(epoch)}.pt")
        epoch_now[0] += 1
        if epoch == kill_after:
            os.kill(os.getpid(), signal.SIGKILL)

    def noting_loss_fn(model_, batch):
        seen = lrs.setdefault(epoch_now[0], [])
        lr = optimizer.param_groups[0]["lr"]  # the prepared optimizer shares these groups
        if lr not in seen:
            seen.append(lr)
        return loss_fn(model_, batch)

    function = importlib.import_module(impl).train_with_accelerate
    try:
        best = function(model, optimizer, loader, noting_loss_fn, evaluate, EPOCHS,
                        str(out / "checkpoints"), scheduler=scheduler, after_epoch=after_epoch)
    except NotImplementedError:
        (out / f"{tag}-todo").touch()
        return
    torch.save(_weights(model), out / f"{tag}-final.pt")
    (out / f"{tag}-result.json").write_text(json.dumps(_plain(best)))
    # StepLR counts its steps in last_epoch (0 before the first step).
    (out / f"{tag}-scheduler.json").write_text(json.dumps(scheduler.last_epoch))
    (out / f"{tag}-lrs.json").write_text(json.dumps(lrs))
    if tag == "full":
        events.file = open(out / "plain-events.jsonl", "a", encoding="utf-8")  # noqa: SIM115
        (out / f"{tag}-plain.json").write_text(json.dumps(_call_with_defaults(function, out)))


# The second, short call: two epochs, validation losses PLAIN_LOSSES.
PLAIN_LOSSES = (0.7, 0.4)


def _call_with_defaults(function, out: Path) -> dict:
    """Call the learner's function without scheduler and after_epoch, into a Path."""
    from training import DropoutNet, dataset, loss_fn, shuffled_loader

    torch.manual_seed(1)
    model = DropoutNet()
    optimizer = torch.optim.AdamW(model.parameters(), lr=0.02)
    losses = iter(PLAIN_LOSSES * 10)
    try:
        best = function(model, optimizer, shuffled_loader(dataset()), loss_fn,
                        lambda _model: next(losses), len(PLAIN_LOSSES), out / "plain")
    except Exception as error:  # what the learner's code raised is the verdict
        return {"error": f"{type(error).__name__}: {error}".splitlines()[0][:300]}
    return {"result": _plain(best)}


def _weights(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}


def _plain(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return repr(value)


class _Events:
    def __init__(self, path: Path) -> None:
        self.file = open(path, "a", encoding="utf-8")  # noqa: SIM115 (lives as long as the child)

    def write(self, **event) -> None:
        self.file.write(json.dumps(event) + "\n")
        self.file.flush()


def _spy_on_accelerate(events: _Events, objects: dict) -> None:
    """Note every prepare (and which of ``objects`` it got), save_state, load_state,
    reseeding, and a backward with gradients left over from the step before; then do it."""
    from accelerate import Accelerator

    prepare, save_state, load_state = Accelerator.prepare, Accelerator.save_state, Accelerator.load_state
    backward = Accelerator.backward
    manual_seed = torch.manual_seed
    seen = {"loaded": False, "stale": False}
    parameters = list(objects["model"].parameters())

    def spied_prepare(self, *args, **kwargs):
        events.write(call="prepare", **{name: any(a is obj for a in args)
                                        for name, obj in objects.items()})
        return prepare(self, *args, **kwargs)

    def spied_backward(self, loss, *args, **kwargs):
        if not seen["stale"] and any(p.grad is not None and bool(p.grad.any()) for p in parameters):
            seen["stale"] = True
            events.write(call="stale_grads")
        return backward(self, loss, *args, **kwargs)

    def spied_save_state(self, output_dir=None, *args, **kwargs):
        events.write(call="save_state_begin")
        written = save_state(self, output_dir, *args, **kwargs)
        events.write(call="save_state", dir=str(Path(written).resolve()))
        return written

    def spied_load_state(self, input_dir=None, *args, **kwargs):
        events.write(call="load_state", dir=str(Path(input_dir).resolve()) if input_dir else None)
        seen["loaded"] = True
        return load_state(self, input_dir, *args, **kwargs)

    def spied_manual_seed(seed):
        if seen["loaded"]:
            events.write(call="reseed")
        return manual_seed(seed)

    Accelerator.prepare, Accelerator.save_state = spied_prepare, spied_save_state
    Accelerator.load_state, Accelerator.backward = spied_load_state, spied_backward
    torch.manual_seed = spied_manual_seed


def events_of(folder: Path, tag: str) -> list[dict]:
    path = folder / f"{tag}-events.jsonl"
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]

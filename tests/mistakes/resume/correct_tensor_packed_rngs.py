"""Correct: a table of (name, get, set) parts, flat keys; Python's and NumPy's MT words are packed into int64 tensors, NumPy read with legacy=False; all checks before any change."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

import numpy as np
import torch
from torch import nn


def _pack_python() -> dict[str, Any]:
    version, words, cached = random.getstate()
    return {"v": version, "mt": torch.tensor(words, dtype=torch.int64), "cached": cached}


def _unpack_python(packed: Mapping[str, Any]) -> None:
    words = tuple(int(word) for word in packed["mt"].tolist())
    random.setstate((packed["v"], words, packed["cached"]))


def _pack_numpy() -> dict[str, Any]:
    state = np.random.get_state(legacy=False)
    return {
        "mt": torch.from_numpy(state["state"]["key"].astype(np.int64)),
        "pos": int(state["state"]["pos"]),
        "has_gauss": int(state["has_gauss"]),
        "gauss": float(state["gauss"]),
    }


def _unpack_numpy(packed: Mapping[str, Any]) -> None:
    key = packed["mt"].numpy().astype(np.uint32)
    np.random.set_state(("MT19937", key, packed["pos"], packed["has_gauss"], packed["gauss"]))


def _stateful(obj):
    return obj.state_dict, obj.load_state_dict


def capture_training_state(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
    *,
    scaler: torch.amp.GradScaler | None = None,
    generator: torch.Generator | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, obj in (("model_state", model), ("optim_state", optimizer), ("sched_state", scheduler), ("scaler_state", scaler)):
        if obj is not None:
            out[key] = obj.state_dict()
    if generator is not None:
        out["loader_generator"] = generator.get_state()
    out["rng_python"] = _pack_python()
    out["rng_numpy"] = _pack_numpy()
    out["rng_torch_cpu"] = torch.get_rng_state()
    out["rng_cuda"] = torch.cuda.get_rng_state_all() if torch.cuda.is_available() else []
    out["user_extra"] = {} if extra is None else {key: value for key, value in extra.items()}
    return out


def restore_training_state(
    state: Mapping[str, Any],
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    scheduler: torch.optim.lr_scheduler.LRScheduler | None = None,
    *,
    scaler: torch.amp.GradScaler | None = None,
    generator: torch.Generator | None = None,
) -> dict[str, Any]:
    steps = []
    for key, obj in (("model_state", model), ("optim_state", optimizer), ("sched_state", scheduler), ("scaler_state", scaler)):
        if obj is not None:
            steps.append((key, obj.load_state_dict))
    if generator is not None:
        steps.append(("loader_generator", generator.set_state))
    steps += [("rng_python", _unpack_python), ("rng_numpy", _unpack_numpy), ("rng_torch_cpu", torch.set_rng_state)]

    absent = [key for key, _ in steps if key not in state]
    if absent:
        raise ValueError("state lacks " + ", ".join(absent))

    for key, apply in steps:  # random number generators come last in `steps`
        apply(state[key])
    if torch.cuda.is_available():
        for index, cuda_state in enumerate(state.get("rng_cuda", [])):
            if index < torch.cuda.device_count():
                torch.cuda.set_rng_state(cuda_state, index)
    return dict(state.get("user_extra", {}))

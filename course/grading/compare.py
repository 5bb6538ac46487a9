"""Where two states differ: the first difference, described for a learner.

States are what ``state_dict()`` returns: nested dicts and lists of tensors
and plain values. Tensors must match exactly, dtype and bits included: a
checkpoint that turns float64 into float32 does not resume the same training.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence

import torch

from .feedback import localized


def snapshot(state: object) -> object:
    """A deep copy that later changes to the live model cannot reach."""
    return copy.deepcopy(state)


def first_difference(expected: object, actual: object, path: str = "") -> dict | None:
    """``None`` if equal, else the first difference as bilingual text."""
    where = path or "state_dict"
    if isinstance(expected, torch.Tensor):
        if not isinstance(actual, torch.Tensor):
            return localized("diff.type", path=where, expected="Tensor",
                             actual=type(actual).__name__)
        if actual.dtype != expected.dtype:
            return localized("diff.dtype", path=where, expected=_dtype(expected),
                             actual=_dtype(actual))
        if actual.shape != expected.shape:
            return localized("diff.shape", path=where, expected=tuple(expected.shape),
                             actual=tuple(actual.shape))
        if not torch.equal(actual.cpu(), expected.cpu()):
            return localized("diff.values", path=where, gap=_largest_gap(expected, actual))
        return None
    if isinstance(expected, Mapping):
        if not isinstance(actual, Mapping):
            return localized("diff.type", path=where, expected="dict",
                             actual=type(actual).__name__)
        for key in expected:
            if key not in actual:
                return localized("diff.missing", path=_inside(path, key))
        for key in actual:
            if key not in expected:
                return localized("diff.extra", path=_inside(path, key))
        for key in expected:
            found = first_difference(expected[key], actual[key], _inside(path, key))
            if found:
                return found
        return None
    if isinstance(expected, Sequence) and not isinstance(expected, str):
        if not isinstance(actual, Sequence) or isinstance(actual, str) \
                or len(actual) != len(expected):
            return localized("diff.value", path=where, expected=expected, actual=actual)
        for index, (want, got) in enumerate(zip(expected, actual)):
            found = first_difference(want, got, f"{path}[{index}]")
            if found:
                return found
        return None
    if actual != expected or type(actual) is not type(expected):
        return localized("diff.value", path=where, expected=expected, actual=actual)
    return None


def _inside(path: str, key: object) -> str:
    """``body.weight`` at the top of a state_dict, ``state[0]['exp_avg']`` below."""
    return str(key) if not path and isinstance(key, str) else f"{path}[{key!r}]"


def _dtype(tensor: torch.Tensor) -> str:
    return str(tensor.dtype).removeprefix("torch.")


def _largest_gap(expected: torch.Tensor, actual: torch.Tensor) -> str:
    if expected.is_floating_point():
        gap = (expected.cpu().double() - actual.cpu().double()).abs().max().item()
        return f"{gap:.3g}"
    return "≠"

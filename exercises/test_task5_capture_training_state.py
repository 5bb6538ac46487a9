"""Aufgabe 5 / Tapşırıq 5: capture_training_state."""

import random

import numpy as np
import pytest
import torch
from runs.resume import CHANGE, PARTS, READ, Run, captured, same

from course.grading.feedback import Feedback, expect, localized, short_error

pytestmark = pytest.mark.task(5)

needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="CUDA RNG: no GPU here")
PART_PARAMS = [pytest.param(p, marks=needs_cuda) if p == "cuda_rng" else p for p in PARTS]


def test_state_loads_with_weights_only(capture_training_state, tmp_path):
    run = Run(scaler=True)
    run.train_epoch()
    state = capture_training_state(run.model, run.optimizer, run.scheduler, **run.objects(),
                                   extra={"epoch": 0, "loss": 0.5})
    path = tmp_path / "state.pt"
    try:
        torch.save(state, path)
    except Exception as error:
        raise Feedback("resume_capture.not_saveable", error=short_error(error)) from None
    try:
        loaded = torch.load(path, weights_only=True)
    except Exception as error:
        raise Feedback("resume_capture.not_weights_only", error=short_error(error)) from None
    expect(isinstance(loaded, dict), "resume_capture.not_a_dict", found=type(loaded).__name__)


@pytest.mark.parametrize("part", PART_PARAMS)
def test_captures_each_part(capture_training_state, part):
    """Change one part alone: a state that holds that part must change with it."""
    run = Run(scaler=part == "scaler")
    run.train_epoch()
    before = captured(capture_training_state, run)
    CHANGE[part](run)
    after = captured(capture_training_state, run)
    expect(not same(before, after), f"resume_capture.{part}")


def test_capturing_changes_nothing(capture_training_state):
    run = Run(scaler=True)
    run.train_epoch()
    parts = [part for part in PARTS if part != "cuda_rng" or torch.cuda.is_available()]
    before = {part: READ[part](run) for part in parts}
    capture_training_state(run.model, run.optimizer, run.scheduler, **run.objects(), extra={})
    for part in parts:
        expect(same(before[part], READ[part](run)), "resume_capture.changed",
               part=localized(f"resume_part.{part}"))



def test_captures_the_extra_values(capture_training_state):
    """Two captures that differ only in ``extra`` must differ: restore has to give it back."""
    run = Run()
    run.train_epoch()
    first = captured(capture_training_state, run, epoch=1, best_loss=0.5)
    second = captured(capture_training_state, run, epoch=2, best_loss=0.25)
    expect(not same(first, second), "resume_capture.extra")


# Use up the value a Gaussian sampler keeps for its next call: with a value waiting
# (see runs.resume), this changes nothing but that cache.
USE_CACHE = {"python_random": lambda: random.gauss(0.0, 1.0),
             "numpy_rng": lambda: np.random.standard_normal()}


@pytest.mark.parametrize("part", USE_CACHE)
def test_captures_the_gaussian_caches(capture_training_state, part):
    run = Run()
    run.train_epoch()
    before = captured(capture_training_state, run)
    USE_CACHE[part]()
    after = captured(capture_training_state, run)
    expect(not same(before, after), f"resume_capture.{part}_cache")

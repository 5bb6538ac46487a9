"""Plain ``torch.save`` is not crash-safe: the claim the crash_safe lesson starts from.

A child saves a 4 MiB state with ``torch.save`` over and over, and is killed
with SIGKILL at random moments, as the grading kills the learner's
``atomic_save``. Within a few kills the file no longer loads: ``torch.save``
truncates the old checkpoint when it opens the file, then writes piece by
piece. The same kills never break ``atomic_save`` (the grading test
``test_a_kill_during_a_save_leaves_the_old_or_the_new_checkpoint``).
"""

from __future__ import annotations

import random
import time

import pytest
import torch

from course.grading.processes import kill, started
from exercises.runs import crash_safe as runs

pytestmark = pytest.mark.timeout(120)

KILLS = 20  # at most; the first broken file ends the test
READY_S = 60.0


def test_a_kill_during_torch_save_leaves_a_file_that_does_not_load(tmp_path):
    path, ready = tmp_path / "latest.pth", tmp_path / "ready"
    torch.save(runs.state(0), path)
    shuffle = random.Random(7)
    errors = []
    for kills in range(1, KILLS + 1):
        ready.unlink(missing_ok=True)
        with started(runs.save_forever, "torch.save", str(path), 1, str(ready)) as child:
            deadline = time.monotonic() + READY_S
            while not ready.exists() and child.exitcode is None and time.monotonic() < deadline:
                time.sleep(0.002)
            assert ready.exists(), f"the saving child did not start (exit code {child.exitcode})"
            time.sleep(shuffle.uniform(0.0, 0.03))
            kill(child)
        try:
            torch.load(path, weights_only=True)
        except Exception as error:  # noqa: BLE001  (what we came to see)
            errors.append(error)
            break
    assert errors, f"{KILLS} kills during torch.save, and the file still loaded every time"
    print(f"broken after {kills} kill(s): {type(errors[0]).__name__}")
    assert isinstance(errors[0], (RuntimeError, EOFError)), errors[0]

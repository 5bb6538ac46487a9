"""Aufgabe 6 / Tapşırıq 6: restore_training_state."""

import copy
import signal

import pytest
import torch
from runs.resume import EPOCHS, PARTS, READ, STOP_AFTER, Run, captured, same, train, \
    uninterrupted

from course.grading import processes
from course.grading.compare import first_difference
from course.grading.feedback import Feedback, expect, localized

pytestmark = pytest.mark.task(6)

needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="CUDA RNG: no GPU here")
PART_PARAMS = [pytest.param(p, marks=needs_cuda) if p == "cuda_rng" else p for p in PARTS]
CHILD_TIMEOUT_S = 20


def parts_of(run: Run) -> list[str]:
    return [p for p in PARTS if (p != "scaler" or run.scaler) and
            (p != "cuda_rng" or torch.cuda.is_available())]


def resume_in_a_fresh_run(restore_training_state, state, scaler: bool = False) -> tuple:
    """Restore into objects as a new process has them: other weights, other RNG states."""
    fresh = Run(seed=7, scaler=scaler)
    extra = restore_training_state(state, fresh.model, fresh.optimizer, fresh.scheduler,
                                   **fresh.objects())
    return fresh, extra


# Where the Gaussian cache sits in READ's value: random.getstate() is (version, numbers,
# gauss_next), NumPy's state (name, key, pos, has_gauss, gauss).
GAUSS_CACHE = {"python_random": 2, "numpy_rng": 3}


@pytest.mark.parametrize("part", PART_PARAMS)
def test_restores_each_part(capture_training_state, restore_training_state, part):
    """After one epoch of Run, both Gaussian caches hold a value (see runs.resume)."""
    run = Run(scaler=part == "scaler")
    run.train_epoch()
    expected = READ[part](run)
    state = captured(capture_training_state, run)
    fresh, _ = resume_in_a_fresh_run(restore_training_state, state, scaler=part == "scaler")
    found = READ[part](fresh)
    if part in GAUSS_CACHE:  # the generator itself is back, only its cached value is not
        cut = GAUSS_CACHE[part]
        expect(not same(expected[:cut], found[:cut]) or same(expected, found),
               f"resume_restore.{part}_cache")
    expect(same(expected, found), f"resume_restore.{part}")


def test_resumed_run_equals_uninterrupted(capture_training_state, restore_training_state):
    expected = uninterrupted()
    run = Run()
    for _ in range(STOP_AFTER):
        run.train_epoch()
    truth = {part: READ[part](run) for part in parts_of(run)}
    state = captured(capture_training_state, run, epoch=STOP_AFTER - 1)
    fresh, _ = resume_in_a_fresh_run(restore_training_state, state)
    lost = [part for part in truth if not same(truth[part], READ[part](fresh))]
    for _ in range(STOP_AFTER, EPOCHS):
        fresh.train_epoch()
    difference = first_difference(expected, fresh.model.state_dict())
    cause = localized("resume_restore.lost", part=localized(f"resume_part.{lost[0]}")) \
        if lost else localized("resume_restore.lost_nothing")
    expect(difference is None, "resume_restore.diverged", difference=difference, cause=cause)


def test_returns_the_extra_values(capture_training_state, restore_training_state):
    run = Run()
    state = captured(capture_training_state, run, epoch=3, best_loss=0.25)
    _, extra = resume_in_a_fresh_run(restore_training_state, state)
    expected = {"epoch": 3, "best_loss": 0.25}
    # repr: a dict as a value would be taken for a text per language
    expect(extra == expected, "resume_restore.extra", result=repr(extra), expected=repr(expected))


def _device_index(device) -> int:
    """The GPU a ``torch.cuda.set_rng_state(state, device)`` call means (0: the current one)."""
    if isinstance(device, int):
        return device
    index = torch.device(device).index
    return 0 if index is None else index


def test_ignores_states_of_gpus_that_are_not_here(capture_training_state,
                                                  restore_training_state, monkeypatch):
    """Captured with two GPUs, restored with one (both faked, so it runs without a GPU):
    GPU 0 gets its state back, the state of GPU 1 stays unused."""
    saved = [torch.full((16,), 10 + index, dtype=torch.uint8) for index in range(2)]
    run = Run()
    run.train_epoch()
    with monkeypatch.context() as fake:
        for where in (torch.cuda, torch.cuda.random):
            fake.setattr(where, "get_rng_state_all", lambda: [t.clone() for t in saved])
            fake.setattr(where, "get_rng_state",
                         lambda device="cuda": saved[_device_index(device)].clone())
        fake.setattr(torch.cuda, "is_available", lambda: True)
        fake.setattr(torch.cuda, "device_count", lambda: 2)
        state = captured(capture_training_state, run)
    fresh = Run(seed=7)
    restored: dict[int, torch.Tensor] = {}

    def set_rng_state(new_state, device="cuda") -> None:
        restored[_device_index(device)] = new_state

    with monkeypatch.context() as fake:
        for where in (torch.cuda, torch.cuda.random):  # set_rng_state_all calls set_rng_state
            fake.setattr(where, "set_rng_state", set_rng_state)
        fake.setattr(torch.cuda, "is_available", lambda: True)
        fake.setattr(torch.cuda, "device_count", lambda: 1)
        restore_training_state(state, fresh.model, fresh.optimizer, fresh.scheduler,
                               **fresh.objects())
    expect(set(restored) <= {0}, "resume_restore.cuda_missing_gpu",
           devices=", ".join(map(str, sorted(set(restored) - {0}))))
    expect(0 in restored and same(saved[0], restored[0]), "resume_restore.cuda_rng")


# The parts a state may lack: each is captured only when its object is given.
OPTIONAL = ["scheduler", "scaler", "generator"]
RANDOM = {"generator", "torch_rng", "python_random", "numpy_rng", "cuda_rng"}


@pytest.mark.parametrize("missing", OPTIONAL)
def test_missing_part_stops_before_any_change(capture_training_state, restore_training_state,
                                              missing):
    """Captured without one optional part, restored with it: ValueError, nothing changed."""
    run = Run(scaler=True)
    run.train_epoch()
    bare = copy.copy(run)
    setattr(bare, missing, None)
    state = captured(capture_training_state, bare)
    fresh = Run(seed=7, scaler=True)
    fresh.train_epoch()  # optimizer moments, scaler growth: something to lose
    before = {part: READ[part](fresh) for part in parts_of(fresh)}
    try:
        restore_training_state(state, fresh.model, fresh.optimizer, fresh.scheduler,
                               **fresh.objects())
    except Feedback as crash:
        if crash.key != "common.crashed":
            raise
        expect(isinstance(crash.__cause__, ValueError), "resume_restore.missing_part_wrong_error",
               argument=missing, error=crash.values["error"])
    else:
        raise Feedback("resume_restore.missing_part_accepted", argument=missing)
    for part, saved in before.items():
        difference = first_difference(saved, READ[part](fresh))
        if difference is not None and part in RANDOM:  # its numbers say nothing to a learner
            difference = localized("resume_restore.moved")
        expect(difference is None, "resume_restore.missing_part_changed",
               part=localized(f"resume_part.{part}"), difference=difference)


@pytest.mark.processes(preload=["torch._dynamo"])  # every optimizer imports it
@pytest.mark.timeout(60)
def test_killed_run_resumes_bit_for_bit(capture_training_state, restore_training_state,
                                        tmp_path, request):
    """SIGKILL right after a save, resume in a fresh process: the same final weights."""
    # Try both functions here first: a stub or a crash gets its verdict from the plugin.
    resume_in_a_fresh_run(restore_training_state, captured(capture_training_state, Run()))
    impl = request.config.getoption("--impl")
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    with processes.started(train, impl, str(tmp_path), stop_after=STOP_AFTER,
                           log=first_log) as child:
        expected = uninterrupted()  # while the child trains
        child.join(CHILD_TIMEOUT_S)
    expect(child.exitcode == -signal.SIGKILL, "resume_restore.first_run_failed",
           epochs=STOP_AFTER, code=child.exitcode, log=processes.tail(first_log))
    code = processes.run(train, impl, str(tmp_path), timeout=CHILD_TIMEOUT_S, log=second_log)
    expect(code == 0, "resume_restore.resumed_run_failed", code=code,
           log=processes.tail(second_log))
    final = torch.load(tmp_path / "final.pt", weights_only=True)
    difference = first_difference(expected, final)
    expect(difference is None, "resume_restore.killed_run_diverged", epochs=STOP_AFTER,
           difference=difference)

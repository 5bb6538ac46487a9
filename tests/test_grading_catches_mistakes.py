"""The grading suite tells right from wrong: rule 2 of the house.

- On the untouched stubs every grading test fails as "not implemented yet".
- On the reference solutions every grading test passes.
- Each realistic mistake in ``tests/mistakes`` fails the test meant to catch
  it, with the verdict meant for it; correct variants written differently pass.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import torch

from course.grading.feedback import texts
from tests.grading import grade

# About 20 grading runs of a few seconds each, shared by every test below.
pytestmark = pytest.mark.timeout(600)

# mistake module -> {grading test that must fail: message key it must show}
MISTAKES = {
    "save_pickles_the_model": {"test_file_loads_with_weights_only_and_has_the_keys": "save.not_weights_only"},
    "save_forgets_optimizer": {"test_file_loads_with_weights_only_and_has_the_keys": "save.keys_missing"},
    "save_epoch_plus_one": {"test_epoch_is_saved_unchanged": "save.epoch_off_by_one"},
    "save_as_float32": {"test_model_weights_are_saved_exactly": "save.weights_differ"},
    "save_numpy_loss": {"test_loss_is_saved": "save.not_weights_only"},
    "save_ignores_filename": {"test_writes_the_file_it_is_given[str]": "save.no_file"},
    "save_switches_to_eval_half": {"test_saving_changes_nothing": "save.changed_model"},
    "load_forgets_optimizer": {"test_restores_the_optimizer_state": "load.optimizer_not_restored"},
    "load_returns_saved_epoch": {"test_returns_the_next_epoch": "load.off_by_one"},
    "load_returns_tensor_epoch": {"test_returns_the_next_epoch": "load.wrong_return"},
    "load_not_weights_only": {"test_never_runs_code_from_the_file": "load.ran_code"},
    "load_strict_false": {"test_unusable_file_changes_nothing[bigger_network]": "load.should_return_0",
                          "test_unusable_file_changes_nothing[other_network]": "load.model_changed"},
    "load_model_before_checking": {
        "test_unusable_file_changes_nothing[keys_missing]": "load.model_changed",
        "test_unusable_file_changes_nothing[bigger_network]": "load.model_changed",
        "test_unusable_file_changes_nothing[other_param_groups]": "load.model_changed"},
    "load_catches_only_missing_file": {"test_unusable_file_changes_nothing[empty]": "load.raised",
                                       "test_unusable_file_changes_nothing[directory]": "load.raised"},
    "load_silently": {"test_missing_file_starts_fresh": "load.no_message"},
    "load_message_without_reason": {"test_message_gives_the_reason": "load.no_reason"},
    "only_save": {"test_restores_the_model_weights": "common.missing_function"},
    "import_fails": {"test_loss_is_saved": "common.import_failed"},
}
if torch.cuda.is_available():  # there a missing map_location goes unnoticed
    del MISTAKES["load_without_map_location"]
else:
    MISTAKES["load_without_map_location"] = {
        "test_checkpoint_saved_on_a_gpu_loads_here": "load.gpu_not_restored"}

CORRECT_VARIANTS = ["correct_with_rollback", "correct_with_pathlib"]


def grade_for(impl: str) -> dict:
    """A mistake in one function is graded on that function's task only: faster."""
    task = {"save_": "1", "load_": "2"}.get(impl.rpartition(".")[2][:5])
    return grade(impl, "--task", task) if task else grade(impl)


@pytest.fixture(scope="module")
def verdicts():
    """Grade every implementation once, two at a time (the machines have 2 cores)."""
    impls = ["checkpoints", "solutions", *(f"tests.mistakes.{m}" for m in MISTAKES),
             *(f"tests.mistakes.{m}" for m in CORRECT_VARIANTS)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(impls, pool.map(grade_for, impls)))


def words_of(key: str) -> str:
    """The longest fixed part of a message: it shows whatever the placeholders hold."""
    return max(re.split(r"\{[^}]*\}", texts(key)["de"]), key=len).strip()


def test_every_test_fails_on_the_stubs_as_not_implemented(verdicts):
    stubs = verdicts["checkpoints"]
    assert len(stubs) >= 20
    assert all(v.outcome == "failed" for v in stubs.values()), \
        [name for name, v in stubs.items() if v.outcome != "failed"]
    expected = words_of("common.not_implemented")
    assert all(expected in v.message for v in stubs.values())


def test_every_test_passes_on_the_solutions(verdicts):
    solutions = verdicts["solutions"]
    assert solutions.keys() == verdicts["checkpoints"].keys()
    failing = {name: v.message for name, v in solutions.items() if v.outcome != "passed"}
    assert not failing


@pytest.mark.parametrize("mistake", MISTAKES)
def test_mistake_is_caught_with_its_verdict(verdicts, mistake):
    graded = verdicts[f"tests.mistakes.{mistake}"]
    for test, key in MISTAKES[mistake].items():
        assert graded[test].outcome == "failed", f"{mistake} passes {test}"
        assert words_of(key) in graded[test].message, graded[test].message


def test_a_missing_function_fails_only_its_own_task(verdicts):
    graded = verdicts["tests.mistakes.only_save"].values()
    task1 = [v.outcome for v in graded if v.module == "test_task1_save_checkpoint"]
    task2 = [v.outcome for v in graded if v.module == "test_task2_load_checkpoint"]
    assert task1 and set(task1) == {"passed"}
    assert task2 and set(task2) == {"failed"}


@pytest.mark.parametrize("variant", CORRECT_VARIANTS)
def test_correct_solution_written_differently_passes(verdicts, variant):
    graded = verdicts[f"tests.mistakes.{variant}"]
    assert {name: v.message for name, v in graded.items() if v.outcome != "passed"} == {}

"""Mistakes of the resume lesson (tasks 5-6): capture_training_state, restore_training_state.

A learner who forgets a part of the state usually forgets it in both
functions, so most modules write out both; each is caught where the part is
captured, where it is restored, and by the resumed run that ends elsewhere.
"""

import torch

T5, T6 = "test_captures_each_part", "test_restores_each_part"
DIVERGED = {"test_resumed_run_equals_uninterrupted": "resume_restore.diverged"}
KILLED = {"test_killed_run_resumes_bit_for_bit": "resume_restore.killed_run_diverged"}
MISSING = "test_missing_part_stops_before_any_change"
CACHES = "test_captures_the_gaussian_caches"


def lost(part: str) -> dict[str, str]:
    """A part left out of both functions: each test that looks at it says which."""
    return {f"{T5}[{part}]": f"resume_capture.{part}", f"{T6}[{part}]": f"resume_restore.{part}"}


# mistake module -> {grading test that must fail: message key it must show}
MISTAKES = {
    "forgets_torch_rng": {**lost("torch_rng"), **DIVERGED, **KILLED},
    "forgets_generator": {**lost("generator"), **DIVERGED},
    "forgets_scheduler": {**lost("scheduler"), **DIVERGED},
    "forgets_optimizer": {**lost("optimizer"), **DIVERGED},
    "forgets_python_random": {**lost("python_random"), **DIVERGED},
    "forgets_numpy": {**lost("numpy_rng"), **DIVERGED},
    "forgets_scaler": lost("scaler"),
    "numpy_state_raw": {"test_state_loads_with_weights_only": "resume_capture.not_weights_only",
                        f"{T6}[numpy_rng]": "resume_capture.not_weights_only"},
    "seeds_torch_from_epoch": {f"{T6}[torch_rng]": "resume_restore.torch_rng", **DIVERGED},
    "reseeds_after_restoring": {f"{T6}[torch_rng]": "resume_restore.torch_rng", **DIVERGED},
    "generator_from_initial_seed": {f"{T6}[generator]": "resume_restore.generator", **DIVERGED},
    "capture_calls_generator_seed": {"test_capturing_changes_nothing": "resume_capture.changed"},
    "restore_without_checking": {
        f"{MISSING}[scheduler]": "resume_restore.missing_part_wrong_error"},
    "restore_checks_too_late": {f"{MISSING}[scheduler]": "resume_restore.missing_part_changed"},
    "checks_after_the_random_states": {
        f"{MISSING}[scheduler]": "resume_restore.missing_part_changed"},
    "checks_only_the_scheduler": {f"{MISSING}[scaler]": "resume_restore.missing_part_accepted",
                                  f"{MISSING}[generator]": "resume_restore.missing_part_accepted"},
    "numpy_without_gauss_cache": {f"{CACHES}[numpy_rng]": "resume_capture.numpy_rng_cache",
                                  f"{T6}[numpy_rng]": "resume_restore.numpy_rng_cache",
                                  **DIVERGED, **KILLED},
    "capture_ignores_extra": {"test_captures_the_extra_values": "resume_capture.extra"},
    # Written by a second opinion from the docstrings alone:
    "capture_python_random_without_gauss": {
        f"{CACHES}[python_random]": "resume_capture.python_random_cache",
        f"{T6}[python_random]": "resume_restore.python_random_cache", **DIVERGED, **KILLED},
    "restore_numpy_drops_gauss": {f"{T6}[numpy_rng]": "resume_restore.numpy_rng_cache",
                                  **DIVERGED, **KILLED},
    "capture_reseeds_generator": {"test_capturing_changes_nothing": "resume_capture.changed"},
    "generator_initial_seed_only": {f"{T5}[generator]": "resume_capture.generator",
                                    f"{T6}[generator]": "resume_restore.generator"},
    "restore_checks_optional_parts_late": {
        f"{MISSING}[scheduler]": "resume_restore.missing_part_changed"},
    "restore_ignores_scaler": {f"{T6}[scaler]": "resume_restore.scaler"},
    "restore_missing_part_keyerror": {
        f"{MISSING}[generator]": "resume_restore.missing_part_wrong_error"},
    "restore_sets_all_cuda_states": {
        "test_ignores_states_of_gpus_that_are_not_here": "resume_restore.cuda_missing_gpu"},
    "returns_nothing": {"test_returns_the_extra_values": "resume_restore.extra",
                        "test_killed_run_resumes_bit_for_bit": "resume_restore.resumed_run_failed"},
}
if not torch.cuda.is_available():  # on a GPU machine this one is right
    MISTAKES["cuda_state_unconditionally"] = {
        "test_state_loads_with_weights_only": "common.crashed"}

CORRECT_VARIANTS = ["correct_flat_with_tensors", "correct_nested_legacy_false",
                    "correct_tensor_packed_rngs"]

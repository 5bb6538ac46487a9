"""Mistakes of the Accelerate lesson (tasks 3-4): train_with_accelerate, load_state_safely."""

SAVES = "test_saves_the_state_at_every_epoch_end"
BEST = "test_best_folder_holds_the_lowest_loss_epoch"
RESUME = "test_resumes_bit_for_bit_after_a_kill"
BEST_RESUMED = "test_best_survives_a_resume"

# mistake module -> {grading test that must fail: message key it must show}
MISTAKES = {
    "saves_only_at_end": {SAVES: "accelerate_train.not_every_epoch"},
    "torch_save_model": {SAVES: "accelerate_train.torch_save"},
    "best_without_comparing": {BEST: "accelerate_train.best_not_compared"},
    "tie_replaces_best": {BEST: "accelerate_train.tie_replaced_best"},
    "forgets_epoch_on_resume": {RESUME: "accelerate_train.wrong_start_epoch"},
    "loses_best_on_resume": {BEST_RESUMED: "accelerate_train.best_overwritten"},
    "load_before_prepare": {RESUME: "accelerate_train.load_before_prepare"},
    "scheduler_not_prepared": {RESUME: "accelerate_train.scheduler_not_prepared"},
    "steps_scheduler_every_batch": {
        "test_steps_the_scheduler_once_per_epoch": "accelerate_train.scheduler_steps"},
    "resumes_from_best": {RESUME: "accelerate_train.resumed_from_best"},
    "reseeds_after_load": {RESUME: "accelerate_train.reseeded"},
    "load_safely_trusts_pickles": {
        "test_never_runs_code_from_a_custom_checkpoint": "accelerate_load.ran_code"},
    "load_safely_lets_errors_through": {
        "test_truncated_model_file_loads_nothing": "accelerate_load.raised"},
    "load_safely_checks_only_the_folder": {
        "test_missing_folder_loads_nothing": "accelerate_load.no_message",
        "test_never_runs_code_from_a_custom_checkpoint": "accelerate_load.ran_code"},
}

CORRECT_VARIANTS = ["correct_automatic_naming", "correct_checks_with_allowlist"]

"""Mistakes of the Accelerate lesson (tasks 3-4): train_with_accelerate, load_state_safely."""

SAVES = "test_saves_the_state_at_every_epoch_end"
BEST = "test_best_folder_holds_the_lowest_loss_epoch"
RESUME = "test_resumes_bit_for_bit_after_a_kill"
BEST_RESUMED = "test_best_survives_a_resume"
EVALUATES = "test_evaluates_once_per_epoch_and_reports_its_loss"
DEFAULTS = "test_runs_with_the_defaults_and_a_path"
SAFE_GLOBALS = "test_safe_globals_allow_their_types_and_no_more"
CODE_1 = "test_never_runs_code_from_a_custom_checkpoint[1]"

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
        "test_never_runs_code_from_a_custom_checkpoint[0]": "accelerate_load.ran_code"},
    "load_safely_lets_errors_through": {
        "test_truncated_model_file_loads_nothing": "accelerate_load.raised"},
    "load_safely_checks_only_the_folder": {
        "test_missing_folder_loads_nothing": "accelerate_load.no_message",
        "test_never_runs_code_from_a_custom_checkpoint[0]": "accelerate_load.ran_code"},
    # found by the review of issue 18/19
    "scheduler_registered_not_prepared": {RESUME: "accelerate_train.scheduler_not_prepared"},
    "scheduler_steps_before_training": {
        "test_steps_the_scheduler_once_per_epoch": "accelerate_train.scheduler_when"},
    "after_epoch_gets_best_loss": {EVALUATES: "accelerate_train.after_epoch_loss"},
    "needs_scheduler_and_callback": {DEFAULTS: "accelerate_train.defaults_crashed"},
    "joins_paths_as_strings": {DEFAULTS: "accelerate_train.defaults_crashed"},
    "load_safely_checks_every_pkl": {
        "test_restores_a_good_folder[str]": "accelerate_load.refused_random_states",
        SAFE_GLOBALS: "accelerate_load.refused_random_states"},
    "load_safely_applies_while_checking": {CODE_1: "accelerate_load.object_changed"},
    "load_safely_adds_globals_for_good": {SAFE_GLOBALS: "accelerate_load.safe_globals_kept"},
    "forgets_zero_grad": {RESUME: "accelerate_train.grads_not_zeroed"},
    "own_loss_function": {
        "test_steps_the_scheduler_once_per_epoch": "accelerate_train.loss_fn_unused"},
    "optimizer_not_prepared": {RESUME: "accelerate_train.not_prepared"},
    # the second opinion (written from the docstrings only)
    "after_epoch_before_saving": {SAVES: "accelerate_train.after_epoch_before_saving",
                                  RESUME: "accelerate_train.after_epoch_before_saving"},
    "best_loss_not_saved": {BEST_RESUMED: "accelerate_train.best_overwritten"},
    "tie_overwrites_best": {BEST: "accelerate_train.tie_replaced_best"},
    "scheduler_kept_outside_prepare": {RESUME: "accelerate_train.scheduler_not_prepared"},
    "evaluate_called_twice": {EVALUATES: "accelerate_train.evaluate_count"},
    "resumes_from_best_if_present": {RESUME: "accelerate_train.resumed_from_best"},
    "checks_only_first_custom_file": {CODE_1: "accelerate_load.ran_code"},
    "ignores_safe_globals": {SAFE_GLOBALS: "accelerate_load.safe_globals_ignored"},
    "load_state_errors_escape": {
        "test_truncated_model_file_loads_nothing": "accelerate_load.raised"},
    "rejection_message_without_name": {
        "test_never_runs_code_from_a_custom_checkpoint[0]": "accelerate_load.no_message"},
    "glob_on_raw_folder_name": {
        "test_checks_a_folder_whose_name_looks_like_a_pattern": "accelerate_load.pattern_name"},
}

CORRECT_VARIANTS = ["correct_automatic_naming", "correct_checks_with_allowlist",
                    "correct_history_and_scandir"]

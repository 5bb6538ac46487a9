"""Mistakes of the basics lesson (tasks 1-2): save_checkpoint, load_checkpoint."""

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
    "load_checks_only_too_big": {
        "test_unusable_file_changes_nothing[narrower_network]": "load.model_changed"},
    "load_epoch_0_is_no_epoch": {
        "test_continues_after_epoch_0_and_any_other": "load.epoch_not_continued"},
    "load_not_weights_only": {"test_never_runs_code_from_the_file": "load.ran_code"},
    "load_strict_false": {"test_unusable_file_changes_nothing[bigger_network]": "load.should_return_0",
                          "test_unusable_file_changes_nothing[other_network]": "load.model_changed"},
    "load_model_before_checking": {
        "test_unusable_file_changes_nothing[keys_missing]": "load.model_changed",
        "test_unusable_file_changes_nothing[bigger_network]": "load.model_changed",
        "test_unusable_file_changes_nothing[other_param_groups]": "load.model_before_optimizer"},
    "load_catches_only_missing_file": {"test_unusable_file_changes_nothing[empty]": "load.raised",
                                       "test_unusable_file_changes_nothing[directory]": "load.raised"},
    "load_silently": {"test_missing_file_starts_fresh": "load.no_message"},
    "load_message_without_reason": {"test_message_gives_the_reason": "load.no_reason"},
    "only_save": {"test_restores_the_model_weights": "common.missing_function"},
    # found by the review of issue 18
    "load_optimizer_before_checking_model": {
        "test_unusable_file_changes_nothing[other_network]": "load.optimizer_changed"},
    # the second opinion (written from the docstrings only)
    "save_casts_weights_to_float32": {"test_model_weights_are_saved_exactly": "save.weights_differ"},
    "save_stores_next_epoch": {"test_epoch_is_saved_unchanged": "save.epoch_off_by_one"},
    "save_stores_torch_version": {
        "test_file_loads_with_weights_only_and_has_the_keys": "save.not_weights_only"},
    "load_model_before_optimizer": {
        "test_unusable_file_changes_nothing[other_param_groups]": "load.model_before_optimizer"},
    "load_strict_false_accepts_bigger_net": {
        "test_unusable_file_changes_nothing[bigger_network]": "load.should_return_0"},
    "load_missing_message_without_name": {"test_missing_file_starts_fresh": "load.no_message"},
    "load_empty_file_not_caught": {"test_unusable_file_changes_nothing[empty]": "load.raised"},
    "load_weights_only_false": {"test_never_runs_code_from_the_file": "load.ran_code"},
}
# With CUDA the file names a device number this machine lacks: caught there too.
for module in ("load_without_map_location", "load_checks_exists_no_map_location"):
    MISTAKES[module] = {"test_checkpoint_saved_on_a_gpu_loads_here": "load.gpu_not_restored"}

CORRECT_VARIANTS = ["correct_with_rollback", "correct_with_pathlib", "correct_snapshot_and_rollback"]

"""Mistakes of the safe-loading lesson (tasks 11-12): load_safely, inspect_checkpoint."""

import torch

# mistake module -> {grading test that must fail: message key it must show}
MISTAKES = {
    "load_weights_only_false": {"test_malicious_file_runs_nothing[exec]": "safe_loading.ran_code",
                                "test_malicious_file_runs_nothing[os_system]": "safe_loading.ran_code"},
    "load_add_safe_globals": {
        "test_allowlist_does_not_outlive_the_call[after_success]": "safe_loading.allowlist_leaked"},
    "load_allows_whole_module": {
        "test_allows_only_the_named_classes_not_their_module": "safe_loading.allowed_too_much"},
    "load_retries_unsafely": {
        "test_refuses_a_type_that_allow_does_not_name[only_RunConfig]": "safe_loading.loaded_unallowed",
        "test_malicious_file_runs_nothing[getattr_chain]": "safe_loading.ran_code"},
    "load_passes_torch_error": {
        "test_refusal_names_every_missing_type": "safe_loading.refusal_names_not_all"},
    "load_ignores_map_location": {"test_map_location_is_used": "safe_loading.map_location_ignored"},
    "inspect_by_loading": {
        "test_inspection_imports_nothing[impostor_module]": "safe_loading.inspect_ran_code",
        "test_inspection_runs_no_payload[exec]": "safe_loading.inspect_ran_code"},
    "inspect_lists_every_global": {"test_plain_checkpoint_inspects_clean[plain]": "safe_loading.inspect_not_clean"},
    "inspect_from_error_message": {"test_inspection_names_each_type": "safe_loading.inspect_names_wrong"},
    "inspect_calls_unreadable_clean": {
        "test_unreadable_file_is_never_called_clean[raw_pickle_system]": "safe_loading.inspect_called_clean",
        "test_unreadable_file_is_never_called_clean[zip_protocol_4]": "safe_loading.inspect_called_clean"},
    # Found in review (issues 18, 19).
    "inspect_passes_unpickling_error": {
        "test_unreadable_file_is_never_called_clean[zip_protocol_4]": "safe_loading.inspect_wrong_error"},
    # Second opinion: written from the docstrings by someone who never saw the grading.
    "allowlist_kept_after_error": {
        "test_allowlist_does_not_outlive_the_call[after_refusal]": "safe_loading.allowlist_leaked"},
    "allows_whole_module": {
        "test_allows_only_the_named_classes_not_their_module": "safe_loading.allowed_too_much",
        "test_refuses_a_type_that_allow_does_not_name[only_RunConfig]": "safe_loading.loaded_unallowed"},
    "falls_back_for_torchscript": {
        "test_refuses_a_torchscript_archive": "safe_loading.not_refused",
        "test_malicious_file_runs_nothing[legacy_tar]": "safe_loading.ran_code"},
    "inspect_imports_to_normalise": {
        "test_inspection_imports_nothing[impostor_module]": "safe_loading.inspect_ran_code"},
    "inspect_truncated_raises_runtime_error": {
        "test_unreadable_file_is_never_called_clean[truncated]": "safe_loading.inspect_wrong_error"},
    "inspect_unreadable_is_empty": {
        "test_unreadable_file_is_never_called_clean[raw_pickle_system]": "safe_loading.inspect_called_clean",
        "test_unreadable_file_is_never_called_clean[truncated]": "safe_loading.inspect_called_clean"},
    "inspect_unsorted": {"test_inspection_sorts_every_name": "safe_loading.inspect_not_sorted"},
    "message_names_first_only": {
        "test_refusal_names_every_missing_type": "safe_loading.refusal_names_not_all"},
    "torchscript_error_not_converted": {
        "test_refuses_a_torchscript_archive": "safe_loading.wrong_error",
        "test_malicious_file_runs_nothing[legacy_tar]": "safe_loading.wrong_error"},
}
if not torch.cuda.is_available():  # with CUDA a missing map_location goes unnoticed
    MISTAKES["load_without_map_location"] = {
        "test_file_saved_on_a_gpu_loads_here[plain]": "safe_loading.gpu_not_loaded"}

CORRECT_VARIANTS = ["correct_in_other_words", "correct_with_add_and_restore",
                    "correct_collects_names_twice"]

"""Mistakes of the distributed lesson (tasks 13-14): save_distributed,
load_distributed, latest_complete, consolidate."""

# mistake module -> {grading test that must fail: message key it must show}
MISTAKES = {
    "save_with_torch_save_on_every_rank": {
        "test_writes_a_dcp_checkpoint_with_model_and_optimizer": "distributed.not_dcp"},
    "save_only_on_rank_0": {"test_every_rank_saves_and_loads": "distributed.hangs"},
    "save_ddp_state_dict": {
        "test_saves_the_model_without_the_ddp_wrapper": "distributed.module_prefix"},
    "save_forgets_optimizer": {
        "test_writes_a_dcp_checkpoint_with_model_and_optimizer": "distributed.keys_missing"},
    "load_without_set_state_dict": {
        "test_round_trip_restores_the_optimizer[0]": "distributed.optimizer_not_restored",
        "test_round_trip_restores_the_optimizer[1]": "distributed.optimizer_not_restored"},
    "latest_ignores_metadata": {
        "test_skips_a_checkpoint_without_metadata": "distributed_latest.chose_incomplete",
        "test_returns_none_without_a_complete_checkpoint[only_incomplete]":
            "distributed_latest.chose_incomplete"},
    "latest_by_name": {"test_compares_step_numbers_not_names": "distributed_latest.chose_by_name"},
    "consolidate_only_the_model": {
        "test_consolidated_file_loads_weights_only_and_holds_everything":
            "distributed_consolidate.differs"},
    # gaps closed for issues 18 and 19
    "save_refuses_with_overwrite_false": {
        "test_refuses_to_overwrite_a_complete_checkpoint": "distributed.overwrite_wrong_error"},
    "save_skips_a_complete_folder": {
        "test_refuses_to_overwrite_a_complete_checkpoint": "distributed.skipped_silently"},
    "save_assumes_ddp": {"test_writes_anew_into_a_folder_a_crash_left": "common.crashed"},
    "latest_by_mtime": {
        "test_picks_the_newest_complete_checkpoint": "distributed_latest.chose_by_time"},
    # from the second opinion (written without seeing the grading)
    "consolidate_keeps_only_model": {
        "test_consolidated_file_loads_weights_only_and_holds_everything":
            "distributed_consolidate.differs"},
    "consolidate_raises_checkpoint_exception": {
        "test_consolidate_refuses_an_incomplete_checkpoint": "distributed_consolidate.wrong_error"},
    "ddp_prefixed_model_keys": {
        "test_saves_the_model_without_the_ddp_wrapper": "distributed.module_prefix"},
    "latest_counts_backup_folders": {
        "test_picks_the_newest_complete_checkpoint": "distributed_latest.chose_foreign"},
    "latest_returns_str": {
        "test_picks_the_newest_complete_checkpoint": "distributed_latest.not_a_path"},
    "latest_sorts_names_as_text": {
        "test_compares_step_numbers_not_names": "distributed_latest.chose_by_name"},
    "latest_trusts_shard_files": {
        "test_skips_a_checkpoint_without_metadata": "distributed_latest.chose_incomplete"},
    "load_needs_process_group": {
        "test_two_ranks_checkpoint_loads_into_one_process": "distributed.one_process_crashed"},
    "load_fills_tensors_only": {
        "test_round_trip_restores_the_optimizer[0]": "distributed.optimizer_not_restored"},
    "overwrites_complete_checkpoint": {
        "test_refuses_to_overwrite_a_complete_checkpoint": "distributed.overwrote"},
    "recipe_key_names": {
        "test_writes_a_dcp_checkpoint_with_model_and_optimizer": "distributed.keys_missing"},
    "refuses_incomplete_folder": {
        "test_writes_anew_into_a_folder_a_crash_left": "distributed.refused_incomplete"},
    "save_skipped_off_rank_zero": {"test_every_rank_saves_and_loads": "distributed.hangs"},
}

CORRECT_VARIANTS = ["correct_with_separate_calls", "correct_rank0_decides"]

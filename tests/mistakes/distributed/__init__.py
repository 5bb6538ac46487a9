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
}

CORRECT_VARIANTS = ["correct_with_separate_calls"]

"""Mistakes of the keep_best lesson (tasks 9-10): CheckpointManager, load_latest."""

# mistake module -> {grading test that must fail: message key it must show}
MISTAKES = {
    "deletes_before_writing": {
        "test_manager_deletes_only_after_the_new_file_is_complete": "keep_best.deleted_before_writing",
        "test_manager_survives_a_kill_between_write_and_delete": "keep_best.kill_lost_new"},
    "deletes_the_best": {"test_manager_keeps_the_best[min]": "keep_best.best_deleted"},
    "max_like_min": {"test_manager_keeps_the_best[max]": "keep_best.max_like_min"},
    "tie_replaces_best": {"test_manager_tie_keeps_the_earlier_best[min]": "keep_best.tie_replaced",
                          "test_manager_tie_keeps_the_earlier_best[max]": "keep_best.tie_replaced"},
    "forgets_best_on_restart": {
        "test_manager_carries_on_after_a_restart[min]": "keep_best.forgot_best",
        "test_manager_survives_a_kill_between_write_and_delete": "keep_best.forgot_best"},
    "deletes_foreign_files": {"test_manager_never_deletes_foreign_files": "keep_best.foreign_deleted"},
    "restart_stops_at_foreign_file": {
        "test_manager_restarts_among_foreign_files": "keep_best.restart_stopped_at_foreign"},
    "counts_unpadded_names": {
        "test_manager_counts_only_its_own_names[epoch-7.pth]": "keep_best.foreign_counted"},
    "sorts_names_as_text": {"test_manager_counts_past_epoch_9999": "keep_best.sorted_as_text",
                            "test_latest_counts_past_epoch_9999": "keep_best_resume.sorted_as_text"},
    "accepts_any_mode": {"test_manager_rejects_a_bad_option[mode]": "keep_best.bad_mode_accepted"},
    "resume_gives_up": {
        "test_latest_skips_a_damaged_newest_file[truncated]": "keep_best_resume.no_fallback"},
    "resume_silently": {
        "test_latest_skips_a_damaged_newest_file[empty]": "keep_best_resume.no_message"},
    "resume_not_weights_only": {"test_latest_never_runs_code_from_a_file": "keep_best_resume.ran_code"},
    # Found in review (issue 18).
    "restart_reads_newest_first": {
        "test_manager_carries_on_after_a_restart[min]": "keep_best.restart_tie",
        "test_manager_carries_on_after_a_restart[max]": "keep_best.restart_tie"},
    "counts_overpadded_names": {
        "test_manager_counts_only_its_own_names[epoch-00007.pth]": "keep_best.foreign_counted"},
    "globs_the_folder": {
        "test_manager_works_in_a_relative_folder_with_glob_characters": "keep_best.glob_folder_not_cleaned",
        "test_latest_reads_a_relative_folder_with_glob_characters": "keep_best_resume.glob_folder_empty"},
    "accepts_keep_last_zero": {
        "test_manager_rejects_a_bad_option[keep_last]": "keep_best.bad_keep_last_accepted"},
    "restart_stops_at_damaged_file": {
        "test_manager_restarts_past_a_damaged_file": "keep_best.restart_stopped_at_damaged"},
    "load_latest_always_mmap": {"test_latest_reads_lazily_with_mmap": "keep_best_resume.mmap_always"},
    "writes_in_place": {
        "test_manager_keeps_everything_when_a_save_fails": "keep_best.partial_file_left"},
    "resume_tries_one_fallback": {
        "test_latest_skips_every_damaged_file": "keep_best_resume.no_fallback_two"},
    # Second opinion: written from the docstrings by someone who never saw the grading.
    "best_counts_towards_keep_last": {
        "test_manager_keeps_the_best[min]": "keep_best.best_took_a_slot",
        "test_manager_keeps_the_best[max]": "keep_best.best_took_a_slot"},
    "claims_foreign_files": {
        "test_manager_never_deletes_foreign_files": "keep_best.foreign_deleted",
        "test_manager_counts_only_its_own_names[epoch-7.pth]": "keep_best.foreign_counted"},
    "cleanup_sorts_names_as_text": {"test_manager_counts_past_epoch_9999": "keep_best.sorted_as_text"},
    "makes_room_before_writing": {
        "test_manager_deletes_only_after_the_new_file_is_complete": "keep_best.deleted_before_writing",
        "test_manager_keeps_everything_when_a_save_fails": "keep_best.deleted_despite_failed_save",
        "test_manager_survives_a_kill_between_write_and_delete": "keep_best.kill_lost_new"},
    "load_latest_ignores_map_location": {
        "test_latest_uses_map_location": "keep_best_resume.map_location_ignored"},
    "load_latest_ignores_mmap": {"test_latest_reads_lazily_with_mmap": "keep_best_resume.mmap_ignored"},
    "load_latest_missing_dir_raises": {
        "test_latest_without_checkpoints_returns_none[missing]": "keep_best_resume.raised_without_checkpoints"},
    "load_latest_newest_by_mtime": {"test_latest_loads_the_newest": "keep_best_resume.newest_by_time"},
    "load_latest_only_catches_truncated": {
        "test_latest_skips_a_damaged_newest_file[empty]": "keep_best_resume.raised"},
    "load_latest_returns_epoch_first": {"test_latest_loads_the_newest": "keep_best_resume.swapped"},
    "load_latest_skips_silently": {
        "test_latest_skips_a_damaged_newest_file[truncated]": "keep_best_resume.no_message",
        "test_latest_skips_every_damaged_file": "keep_best_resume.no_message"},
    "load_latest_trusts_any_loadable_file": {
        "test_latest_skips_every_damaged_file": "keep_best_resume.raised"},
    "metric_stored_unconverted": {
        "test_manager_writes_one_weights_only_file_per_epoch": "keep_best.not_weights_only"},
    "nan_can_become_best": {"test_manager_never_makes_nan_the_best": "keep_best.nan_best"},
    "restart_ignores_mode": {"test_manager_carries_on_after_a_restart[max]": "keep_best.restart_wrong_way"},
    "tie_replaces_best_on_scan": {
        "test_manager_tie_keeps_the_earlier_best[min]": "keep_best.tie_replaced",
        "test_manager_carries_on_after_a_restart[min]": "keep_best.restart_tie"},
}

CORRECT_VARIANTS = ["correct_stateless", "correct_rescans_folder"]

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
        "test_manager_carries_on_after_a_restart": "keep_best.forgot_best",
        "test_manager_survives_a_kill_between_write_and_delete": "keep_best.forgot_best"},
    "deletes_foreign_files": {"test_manager_never_deletes_foreign_files": "keep_best.foreign_deleted"},
    "restart_stops_at_foreign_file": {
        "test_manager_restarts_among_foreign_files": "keep_best.restart_stopped_at_foreign"},
    "counts_unpadded_names": {"test_manager_counts_only_its_own_names": "keep_best.foreign_counted"},
    "sorts_names_as_text": {"test_manager_counts_past_epoch_9999": "keep_best.sorted_as_text",
                            "test_latest_counts_past_epoch_9999": "keep_best_resume.sorted_as_text"},
    "accepts_any_mode": {"test_manager_rejects_an_unknown_mode": "keep_best.bad_mode_accepted"},
    "resume_gives_up": {
        "test_latest_skips_a_damaged_newest_file[truncated]": "keep_best_resume.no_fallback"},
    "resume_silently": {
        "test_latest_skips_a_damaged_newest_file[empty]": "keep_best_resume.no_message"},
    "resume_not_weights_only": {"test_latest_never_runs_code_from_a_file": "keep_best_resume.ran_code"},
}

CORRECT_VARIANTS = ["correct_stateless"]

"""Mistakes of the asynchronous lesson (tasks 15-16): AsyncCheckpointer, train_with_async_checkpoints."""

# mistake module -> {grading test that must fail: message key it must show}
MISTAKES = {
    "never_waits_for_the_future": {"test_a_failed_write_is_reported[wait]": "asynchronous.failure_lost"},
    "wait_swallows_errors": {"test_a_failed_write_is_reported[wait]": "asynchronous.failure_swallowed"},
    "save_does_not_wait_for_the_previous": {
        "test_a_new_save_waits_for_the_unfinished_one": "asynchronous.interleaved"},
    "no_snapshot_home_made_thread": {
        "test_checkpoint_holds_the_state_of_the_moment_of_save": "asynchronous.not_a_snapshot"},
    "save_waits_at_once": {"test_save_returns_while_the_write_runs": "asynchronous.blocks"},
    "close_forgets_to_wait": {
        "test_close_waits_for_the_last_save_and_leaves_nothing_running": "asynchronous.close_returned_early"},
    "train_on_the_default_group": {"test_two_ranks_train_on_while_saving": "asynchronous.default_group"},
    "train_never_closes": {
        "test_training_ends_with_its_last_checkpoint_written": "asynchronous.train_returned_early"},
    "train_checks_only_at_the_end": {"test_a_failed_save_stops_training": "asynchronous.train_failure_late"},
    "train_ignores_failures": {"test_a_failed_save_stops_training": "asynchronous.train_failure_lost"},
    # gaps closed for issue 18
    "save_returns_nothing": {"test_save_returns_the_future_of_its_write": "asynchronous.no_future"},
    "save_returns_a_done_future": {
        "test_save_returns_the_future_of_its_write": "asynchronous.future_done_early"},
    "save_returns_a_future_without_errors": {
        "test_save_returns_the_future_of_its_write": "asynchronous.future_hides_failure"},
    "close_leaks_stager_after_error": {
        "test_a_failed_write_is_reported[close]": "asynchronous.stager_left_open_after_error"},
    "close_never_closes_the_stager": {
        "test_close_waits_for_the_last_save_and_leaves_nothing_running": "asynchronous.stager_left_open"},
    "ignores_the_given_stager": {
        "test_uses_the_stager_it_is_given_and_leaves_it_open": "asynchronous.stager_ignored"},
    "ignores_the_process_group": {
        "test_saves_through_the_process_group_it_is_given": "asynchronous.group_ignored"},
    "train_waits_for_every_save": {"test_two_ranks_train_on_while_saving": "asynchronous.train_blocks"},
    "train_ignores_loss_fn": {
        "test_training_ends_with_its_last_checkpoint_written": "asynchronous.loss_fn_ignored"},
    # from the second opinion (written without seeing the grading)
    "close_closes_callers_stager": {
        "test_uses_the_stager_it_is_given_and_leaves_it_open": "asynchronous.closed_callers_stager"},
    "close_does_not_wait": {
        "test_close_waits_for_the_last_save_and_leaves_nothing_running": "asynchronous.close_returned_early"},
    "folder_named_step_dash": {
        "test_checkpoint_holds_the_state_of_the_moment_of_save": "asynchronous.not_saved"},
    "new_stager_every_save": {
        "test_a_new_save_waits_for_the_unfinished_one": "asynchronous.stager_not_reused"},
    "save_blocks_until_written": {"test_save_returns_while_the_write_runs": "asynchronous.blocks"},
    "save_starts_while_the_previous_writes": {
        "test_a_new_save_waits_for_the_unfinished_one": "asynchronous.interleaved"},
    "save_waits_without_raising": {
        "test_the_next_save_reports_a_failed_write": "asynchronous.failure_lost"},
    "wait_keeps_failed_future": {
        "test_a_failed_write_is_reported[wait]": "asynchronous.error_raised_again"},
    "train_checks_failure_only_at_save": {
        "test_a_failed_save_stops_training": "asynchronous.train_failure_late"},
    "train_counts_from_zero": {
        "test_training_ends_with_its_last_checkpoint_written": "asynchronous.wrong_checkpoints"},
    "train_leaves_save_running_after_error": {
        "test_an_error_in_training_still_waits_for_the_last_checkpoint":
            "asynchronous.error_left_write_running"},
    "train_saves_on_default_group": {"test_two_ranks_train_on_while_saving": "asynchronous.default_group"},
    "train_sums_gradients": {"test_two_ranks_train_on_while_saving": "asynchronous.gradients_summed"},
}

CORRECT_VARIANTS = ["correct_background_writer", "correct_lazy_stager_raw_error"]

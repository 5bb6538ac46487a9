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
}

CORRECT_VARIANTS = ["correct_background_writer"]

"""Mistakes of the crash_safe lesson (tasks 7-8): atomic_save, remove_stale_temp_files."""

FAILED_SAVE = "test_a_failed_save_keeps_the_old_checkpoint"
MODE = "test_new_file_gets_the_permissions_torch_save_gives"

# mistake module -> {grading test that must fail: message key it must show}
MISTAKES = {
    "plain_torch_save": {
        "test_old_checkpoint_loads_while_the_new_one_is_written": "crash_safe.old_destroyed",
        f"{FAILED_SAVE}[pickling]": "crash_safe.old_lost",
        "test_a_kill_during_a_save_leaves_the_old_or_the_new_checkpoint": "crash_safe.kill_broke_file"},
    "temp_in_tmp": {"test_temporary_file_is_in_the_same_folder": "crash_safe.temp_elsewhere"},
    "no_file_fsync": {"test_file_is_fsynced_before_it_replaces_the_old_one": "crash_safe.no_file_fsync",
                      f"{FAILED_SAVE}[fsync_error]": "crash_safe.no_file_fsync"},
    "fsync_after_replace": {
        "test_file_is_fsynced_before_it_replaces_the_old_one": "crash_safe.no_file_fsync"},
    "no_dir_fsync": {"test_folder_is_fsynced_after_the_replace": "crash_safe.no_dir_fsync"},
    "leaves_temp_on_failure": {f"{FAILED_SAVE}[pickling]": "crash_safe.temp_left",
                               f"{FAILED_SAVE}[full_disk]": "crash_safe.temp_left"},
    "swallows_the_error": {f"{FAILED_SAVE}[pickling]": "crash_safe.swallowed",
                           f"{FAILED_SAVE}[full_disk]": "crash_safe.swallowed",
                           f"{FAILED_SAVE}[fsync_error]": "crash_safe.swallowed"},
    "remove_then_rename": {"test_old_checkpoint_is_not_deleted_first": "crash_safe.removed_first"},
    "fixed_temp_name": {"test_overlapping_saves_do_not_clash": "crash_safe.shared_temp"},
    "cleanup_removes_every_temp_file": {
        "test_removes_what_killed_saves_left_behind": "crash_safe_cleanup.removed_other"},
    "cleanup_glob_takes_the_checkpoint": {
        "test_removes_what_killed_saves_left_behind": "crash_safe_cleanup.removed_target"},
    "cleanup_looks_for_other_names": {
        "test_removes_what_killed_saves_left_behind": "crash_safe_cleanup.leftover_stays"},
    "cleanup_returns_nothing": {"test_nothing_to_clean_up": "crash_safe_cleanup.not_a_list"},
    "cleanup_returns_bare_names": {
        "test_removes_what_killed_saves_left_behind": "crash_safe_cleanup.wrong_list"},
    "fixed_mode_0644": {MODE: "crash_safe.mode"},
    "wraps_the_error": {f"{FAILED_SAVE}[pickling]": "crash_safe.wrong_error",
                        f"{FAILED_SAVE}[interrupted]": "crash_safe.wrong_error"},
    "cleanup_scandir_dirname": {
        "test_removes_what_killed_saves_left_behind": "crash_safe_cleanup.relative_failed"},
    # Written by a second opinion from the docstrings alone:
    "keeps_mkstemp_permissions": {MODE: "crash_safe.mode_private"},
    "cleanup_only_on_exception": {f"{FAILED_SAVE}[interrupted]": "crash_safe.temp_left"},
    "fsync_only_after_replace": {f"{FAILED_SAVE}[fsync_error]": "crash_safe.no_file_fsync"},
    "no_directory_fsync": {"test_folder_is_fsynced_after_the_replace": "crash_safe.no_dir_fsync"},
    "relative_path_empty_dirname": {
        "test_saves_what_torch_load_reads[relative]": "crash_safe.relative_failed"},
    "removes_target_before_rename": {
        "test_old_checkpoint_is_not_deleted_first": "crash_safe.removed_first"},
    "temp_in_system_tmpdir": {
        "test_temporary_file_is_in_the_same_folder": "crash_safe.temp_elsewhere"},
    "stale_glob_not_escaped": {
        "test_names_with_brackets": "crash_safe_cleanup.leftover_stays_brackets"},
    "stale_matches_longer_names": {
        "test_removes_what_killed_saves_left_behind": "crash_safe_cleanup.removed_other"},
    "stale_needs_existing_checkpoint": {
        "test_removes_what_killed_saves_left_behind":
            "crash_safe_cleanup.leftover_stays_no_checkpoint"},
    "stale_returns_bare_names": {
        "test_removes_what_killed_saves_left_behind": "crash_safe_cleanup.wrong_list"},
    "stale_returns_unsorted": {
        "test_removes_what_killed_saves_left_behind": "crash_safe_cleanup.not_sorted"},
}

CORRECT_VARIANTS = ["correct_named_temporary_file", "correct_token_names_os_open"]

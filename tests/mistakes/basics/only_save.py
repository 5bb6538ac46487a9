"""Task 1 done, task 2 not even started: load_checkpoint does not exist."""
from solutions import save_checkpoint  # noqa: F401

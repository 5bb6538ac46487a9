"""save_checkpoint waits forever (an endless retry loop); load_checkpoint is correct.

Used by tests/test_report.py: the grading must stop it with a timeout verdict.
"""
import time

from solutions import load_checkpoint  # noqa: F401


def save_checkpoint(model, optimizer, epoch, filename="checkpoint.pth", loss=None):
    while True:  # "retry until the disk is ready"
        time.sleep(0.1)

"""save_checkpoint SIGKILLs its own process, as an out-of-memory kill would end it.

Used by tests/test_report.py: the grading must say so and fail.
"""
import os
import signal

from solutions import load_checkpoint  # noqa: F401


def save_checkpoint(model, optimizer, epoch, filename="checkpoint.pth", loss=None):
    os.kill(os.getpid(), signal.SIGKILL)

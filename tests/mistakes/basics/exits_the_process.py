"""save_checkpoint ends the whole process with status 0 ("done, quit").

Used by tests/test_report.py: the grading must not look like a pass.
"""
import os

from solutions import load_checkpoint  # noqa: F401


def save_checkpoint(model, optimizer, epoch, filename="checkpoint.pth", loss=None):
    os._exit(0)

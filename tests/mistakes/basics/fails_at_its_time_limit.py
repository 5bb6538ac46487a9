"""save_checkpoint fails just before the time limit, with an error slow to print.

Used by tests/test_report.py: the limit must not go off while pytest writes
the report of that failure (an INTERNALERROR and a test without a verdict).
"""
import time

from solutions import load_checkpoint  # noqa: F401


class SlowToPrint(OSError):
    printed = 0

    def __str__(self) -> str:
        # The grading's own verdict prints it first, fast; pytest's report of the
        # failure prints it next, slowly, as a long traceback on a busy machine can.
        SlowToPrint.printed += 1
        if SlowToPrint.printed == 2:
            time.sleep(1.5)
        return "disk busy"


def save_checkpoint(model, optimizer, epoch, filename="checkpoint.pth", loss=None):
    time.sleep(1.2)
    raise SlowToPrint()

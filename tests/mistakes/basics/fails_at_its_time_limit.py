"""save_checkpoint fails just before the time limit, with an error slow to report.

Used by tests/test_report.py: the limit must not go off while pytest writes
the report of that failure (an INTERNALERROR and a test without a verdict).
"""
import time
import traceback

from solutions import load_checkpoint  # noqa: F401


class SlowToReport(OSError):
    @property
    def __notes__(self):
        # Read by the traceback module when pytest formats its report of the
        # failure: slow there, as a long traceback through torch can be on a
        # busy machine, and not inside a try/except that would hide the limit.
        if any(frame.name == "pytest_runtest_makereport" for frame in traceback.extract_stack()):
            time.sleep(1.5)
        return None

    def __str__(self) -> str:
        return "disk busy"


def save_checkpoint(model, optimizer, epoch, filename="checkpoint.pth", loss=None):
    time.sleep(1.2)
    raise SlowToReport()

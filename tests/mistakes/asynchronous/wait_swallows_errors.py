"""Catches the write's error and only prints it."""

from solutions.asynchronous import AsyncCheckpointer as _Reference
from solutions.asynchronous import train_with_async_checkpoints  # noqa: F401


class AsyncCheckpointer(_Reference):
    def wait(self):
        try:
            super().wait()
        except BaseException as error:
            print("checkpoint failed:", error.__cause__)

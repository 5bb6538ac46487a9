"""Students who try to make the grading say "passed" without solving anything.

Each module is the untouched basics stub plus a few lines that go after the
verdict itself instead of the task. ``tests/test_grading_cannot_be_faked.py``
grades each one: none may ever end with exit status 0.
"""

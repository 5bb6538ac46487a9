"""Implementations with one realistic mistake each, and correct ones written differently.

``tests/test_grading_catches_mistakes.py`` grades every module here and checks
that the mistake is caught by the right test, with the right verdict, and
that the different-but-correct ones pass. Each module takes the other
function from the reference, so only the mistake is under test.
"""

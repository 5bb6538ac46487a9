"""Training runs that grading tests start in child processes, one module per lesson.

A run is a module-level function (a child finds it by name), started with
``course.grading.processes``. It uses the learner's functions, imported anew
in the child from the module named by ``--impl``, writes what the test needs
to compare into files, and may SIGKILL itself right after a save, as a crash
would end it. The toy problem they all train is in ``exercises/training.py``.
"""

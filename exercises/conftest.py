"""Grading set-up: the course plugin and the training material every task uses."""

from course.grading.plugin import *  # noqa: F401,F403  (options, fixtures, hooks)

"""``make mutants``: how many small changes to ``solutions/`` the grading notices.

cosmic-ray makes the mutants (one small change each: ``<`` for ``<=``,
``False`` for ``True``, a loop that never runs, ...), applies each one, runs
the grading of its lesson (``pytest exercises --impl solutions --lesson ID
-x``) and records whether the grading failed (the mutant is *killed*) or
passed (it *survived*). A survivor is either a hole in the grading or a
change that has no visible effect; an instructor judges which.

Only the lessons' own modules, ``solutions/<module>.py``, are mutated: the
message modules (``solutions/_*_messages.py``) are text, and mutants inside
type annotations, which never run, are marked skipped.

- ``attribution``: which task (or the lesson's shared code) a mutated line belongs to;
- ``report``: the kill scores per task and lesson, and the survivors;
- ``session``: a copy of the course per lesson, cosmic-ray's config and session there;
- ``__main__``: the command line.

Instructors' tool only: ``make test`` neither installs nor runs cosmic-ray.
"""

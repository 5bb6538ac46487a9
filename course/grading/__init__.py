"""The grading machinery behind ``pytest exercises``.

- ``tasks``: the exercise metadata in ``exercises/tasks.toml``;
- ``feedback``: verdicts in the learner's language (``exercises/messages.toml``);
- ``compare``: where two model or optimizer states differ;
- ``plugin``: the pytest options, fixtures and reports.
"""

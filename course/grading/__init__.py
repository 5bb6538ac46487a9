"""The grading machinery behind ``pytest exercises``.

- ``tasks``: the exercise metadata in ``exercises/tasks.toml``;
- ``catalogs``: the bilingual text files in ``exercises/``;
- ``feedback``: verdicts in the learner's language (``exercises/messages/``);
- ``compare``: where two model or optimizer states differ;
- ``report``: the progress table after grading (``exercises/report.toml``);
- ``plugin``: the pytest options, fixtures and reports.
"""

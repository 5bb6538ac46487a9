"""The grading machinery behind ``pytest exercises``.

- ``tasks``: the exercise metadata in ``exercises/tasks.toml``;
- ``catalogs``: the bilingual text files in ``exercises/``;
- ``feedback``: verdicts in the learner's language (``exercises/messages/``);
- ``compare``: where two model or optimizer states differ;
- ``report``: the progress table after grading (``exercises/report.toml``);
- ``plugin``: the pytest options, fixtures and reports;
- ``supervisor``: grades in a child, so a run that dies or is tampered with is no pass;
- ``integrity``: notices when the code under test changes the grading itself;
- ``results``: ``--results FILE``, the outcome per task for collecting grades;
- ``processes``, ``warm``, ``watch``: child processes, warm servers, grading on save.
"""

"""Show only the page's language from a bilingual docstring.

The exercise stubs carry their documentation in both languages, so ``help()``
works for every learner::

    [de]
    Speichert ...
    [az]
    Yadda saxlayır ...

Before autodoc renders a docstring, this keeps the block of the build's
language and drops the other. Text before the first marker is kept in both.
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

from course.i18n import LANGUAGES

MARKER = re.compile(r"^\[(%s)\]\s*$" % "|".join(LANGUAGES))


def keep_language(lines: list[str], language: str) -> list[str]:
    """The lines meant for ``language``; a docstring without markers stays whole."""
    kept, current = [], None
    for line in lines:
        match = MARKER.match(line.strip())
        if match:
            current = match.group(1)
        elif current in (None, language):
            kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    return kept


def _filter(app: Sphinx, what, name, obj, options, lines: list[str]) -> None:
    lines[:] = keep_language(lines, app.config.language)


def setup(app: Sphinx) -> None:
    # Runs before sphinx-autodoc-typehints (priority 500), which adds the
    # types next to the :param: fields it finds in the kept language.
    app.connect("autodoc-process-docstring", _filter, priority=100)

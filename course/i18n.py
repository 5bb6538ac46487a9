"""Which language(s) a learner reads, and rendering of bilingual texts.

The course speaks German and Azerbaijani. A learner's language comes from an
explicit choice (``--lang``), then ``COURSE_LANG``, then ``LANG``. Anything
else, ``LANG=C.UTF-8`` for example, shows both languages: better two texts
than a text the learner cannot read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

LANGUAGES = ("de", "az")
# Each language named in itself (an endonym), as a language switch shows it.
LANGUAGE_NAMES = {"de": "Deutsch", "az": "Azərbaycanca"}


def parse_language(value: str | None) -> str | None:
    """``"az_AZ.UTF-8"`` -> ``"az"``; ``None`` for anything not ours."""
    if not value:
        return None
    code = value.split(".")[0].split("_")[0].split("-")[0].lower()
    return code if code in LANGUAGES else None


def chosen_languages(
    explicit: str | None = None, environ: Mapping[str, str] = os.environ
) -> tuple[str, ...]:
    """The languages to speak, in order of preference."""
    for value in (explicit, environ.get("COURSE_LANG"), environ.get("LANG")):
        code = parse_language(value)
        if code:
            return (code,)
    return LANGUAGES


def render(texts: Mapping[str, str], languages: Iterable[str], **values: object) -> str:
    """Format a ``{"de": ..., "az": ...}`` text in each chosen language.

    With one language the text stands alone; with both, each line is marked
    with its language so a reader can find theirs at a glance. A value that
    is itself a ``{"de": ..., "az": ...}`` mapping is filled in per language.
    """
    languages = tuple(languages)
    rendered = [
        texts[lang].format(**{k: _in(lang, v) for k, v in values.items()})
        for lang in languages
    ]
    if len(rendered) == 1:
        return rendered[0]
    return "\n".join(f"[{lang}] {text}" for lang, text in zip(languages, rendered))


def _in(lang: str, value: object) -> object:
    # Only a text in every language is filled in per language; any other
    # mapping (a learner's dict shown in a verdict) is a value like the rest.
    if isinstance(value, Mapping) and set(value) == set(LANGUAGES):
        return value[lang]
    return value

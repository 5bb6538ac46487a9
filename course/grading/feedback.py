"""Verdicts a learner can read, in their language.

A grading test never asserts bare facts about tensors. It says what it
expected and what happened, by key, from the catalogs in ``exercises/messages/``::

    expect(saved["epoch"] == 3, "save.epoch_wrong", saved=saved["epoch"], given=3)

and the plugin shows the text in the learner's language(s), without a
traceback.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from course.i18n import LANGUAGES, chosen_languages, render

from . import catalogs

_languages: tuple[str, ...] = chosen_languages()


def use_languages(languages: tuple[str, ...]) -> None:
    """Set the languages every verdict is shown in (the plugin does this)."""
    global _languages
    _languages = languages


def current_languages() -> tuple[str, ...]:
    return _languages


def texts(key: str) -> Mapping[str, str]:
    """The ``{"de": ..., "az": ...}`` texts of a dotted key like ``save.no_file``."""
    return catalogs.texts("messages", key)


def localized(key: str, **values: object) -> dict[str, str]:
    """A message filled in for every language, to nest inside another message."""
    return {lang: render(texts(key), (lang,), **values) for lang in LANGUAGES}


class Feedback(AssertionError):
    """A failed check, explained; shown in the learner's language."""

    def __init__(self, key: str, /, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values

    def __str__(self) -> str:
        return render(texts(self.key), _languages, **self.values)


def expect(condition: object, key: str, /, **values: object) -> None:
    if not condition:
        raise Feedback(key, **values)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def short_error(error: BaseException, limit: int = 240) -> str:
    """One readable line about an exception, for a verdict.

    torch's weights-only refusal is a page of advice; the line that names
    the refused object is the one a learner needs.
    """
    lines = [line.strip() for line in _ANSI.sub("", str(error)).splitlines() if line.strip()]
    named = [line for line in lines if "Unsupported global" in line or "Unsupported operand" in line]
    text = (named or lines or [""])[0].removeprefix("WeightsUnpickler error: ")
    text = text.split(" was not an allowed global")[0]
    text = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"

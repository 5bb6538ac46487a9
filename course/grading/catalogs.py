"""The bilingual text catalogs in ``exercises/``: verdicts, progress table.

Each is a TOML file whose leaves are ``{"de": ..., "az": ...}`` tables,
addressed by dotted keys such as ``save.no_file``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache

from .tasks import EXERCISES


@cache
def _load(name: str) -> dict:
    with open(EXERCISES / name, "rb") as file:
        return tomllib.load(file)


def texts(catalog: str, key: str) -> Mapping[str, str]:
    """The ``{"de": ..., "az": ...}`` texts of ``key`` in ``exercises/<catalog>``."""
    entry = _load(catalog)
    for part in key.split("."):
        entry = entry[part]
    return entry

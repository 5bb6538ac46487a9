"""The bilingual text catalogs in ``exercises/``: verdicts, progress table.

Each is a TOML file whose leaves are ``{"de": ..., "az": ...}`` tables,
addressed by dotted keys such as ``save.no_file``. A catalog is one file
(``report.toml``) or a folder of files merged into one (``messages/``: one
file per lesson, so a lesson's verdicts live beside each other).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache

from .tasks import EXERCISES


@cache
def _load(name: str) -> dict:
    path = EXERCISES / name
    if not path.is_dir():
        with open(path, "rb") as file:
            return tomllib.load(file)
    merged: dict = {}
    for part in sorted(path.glob("*.toml")):
        with open(part, "rb") as file:
            sections = tomllib.load(file)
        clash = merged.keys() & sections.keys()
        if clash:
            raise ValueError(f"{part}: sections {sorted(clash)} are already defined elsewhere in {name}/")
        merged.update(sections)
    return merged


def texts(catalog: str, key: str) -> Mapping[str, str]:
    """The ``{"de": ..., "az": ...}`` texts of ``key`` in ``exercises/<catalog>``."""
    entry = _load(catalog)
    for part in key.split("."):
        entry = entry[part]
    return entry

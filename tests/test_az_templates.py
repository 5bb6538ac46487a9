"""No Azerbaijani template glues a suffix to a placeholder.

An Azerbaijani suffix follows the sound of the word it joins (4-cü, 5-ci,
6-cı; None-dır, 3-dür), so ``{saved}-ci`` or ``{actual!r}-dir`` prints a
wrong form for some values. A sentence is written so that the value stands
alone: "epoxa {saved}", "gözlənilən: {expected}".

Every catalog of the course is read, including lessons added later:

* every TOML file under ``exercises/`` (``messages/*.toml``, ``tasks.toml``,
  ``report.toml``, ...): every value under a key ``az``;
* ``locale/az/**/*.po``: every translation;
* the Python files of ``solutions/``, ``exercises/``, ``checkpoints/`` and
  ``course/``: every string in a dictionary
  under the key ``"az"`` or passed as ``az=...``;
* ``docs/az/**/*.md``: the whole text (f-strings and templates in code).
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent

LETTER = "a-zA-ZçÇəƏğĞıIİöÖşŞüÜ"
# A placeholder of str.format ({name}, {name!r}, {0:.2f}), of the JavaScript
# templates in Sphinx's catalog (${resultCount}) or of %-formatting
# (%s, %(name)s), followed by a letter, with or without a hyphen or an
# apostrophe between them.
GLUED = re.compile(
    r"(?:\$?\{[^{}\s]*\}|%\([A-Za-z_]+\)[sdrf]|%[sdrf])[-'’]?[" + LETTER + "]")


def glued(text: str) -> list[str]:
    return [match.group(0) for match in GLUED.finditer(text)]


def az_values(data: object, under_az: bool = False) -> Iterator[str]:
    """Every string in ``data`` (parsed TOML) that sits under a key ``az``."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from az_values(value, under_az or key == "az")
    elif isinstance(data, list):
        for value in data:
            yield from az_values(value, under_az)
    elif isinstance(data, str) and under_az:
        yield data


def toml_templates() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "exercises").rglob("*.toml")):
        for text in az_values(tomllib.loads(path.read_text(encoding="utf-8"))):
            yield path.relative_to(ROOT).as_posix(), text


def po_templates() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "locale" / "az").rglob("*.po")):
        with path.open("rb") as f:
            for message in read_po(f):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                for text in strings:
                    if text:
                        yield path.relative_to(ROOT).as_posix(), text


def python_az_strings(tree: ast.AST) -> Iterator[str]:
    """Strings under a dictionary key ``"az"`` or a keyword ``az=``."""
    for node in ast.walk(tree):
        values = []
        if isinstance(node, ast.Dict):
            values = [v for k, v in zip(node.keys, node.values)
                      if isinstance(k, ast.Constant) and k.value == "az"]
        elif isinstance(node, ast.keyword) and node.arg == "az":
            values = [node.value]
        for value in values:
            for part in ast.walk(value):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    yield part.value
                elif isinstance(part, ast.JoinedStr):
                    yield ast.unparse(part)


def python_templates() -> Iterator[tuple[str, str]]:
    files = [path for folder in ("solutions", "exercises", "checkpoints", "course")
             for path in sorted((ROOT / folder).rglob("*.py"))]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for text in python_az_strings(tree):
            yield path.relative_to(ROOT).as_posix(), text


def page_templates() -> Iterator[tuple[str, str]]:
    for path in sorted((ROOT / "docs" / "az").rglob("*.md")):
        yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


SOURCES = {"toml": toml_templates, "po": po_templates, "python": python_templates,
           "pages": page_templates}


def test_the_check_catches_glued_suffixes():
    for wrong in ("{saved}-ci epoxa", "{actual!r}-dir", "{n}ci", "%s-də", "%(name)s-ın",
                  "${resultCount}-ü", "{path}'dən"):
        assert glued(wrong), wrong
    for right in ("epoxa {saved}", "gözlənilən: {expected!r}", "{doc}`checkpoints`",
                  "{filename} faylı", "%s naviqasiyası", "1-ci tapşırıq", "({reason})"):
        assert not glued(right), right


def test_the_check_reads_every_kind_of_catalog():
    for name, source in SOURCES.items():
        assert any(True for _ in source()), f"no Azerbaijani text found in the {name} catalogs"


@pytest.mark.parametrize("kind", SOURCES)
def test_no_azerbaijani_template_glues_a_suffix_to_a_placeholder(kind):
    found = [f"{where}: {hit!r} in {text.strip()[:120]!r}"
             for where, text in SOURCES[kind]() for hit in glued(text)]
    assert not found, "suffix right after a placeholder:\n" + "\n".join(found)

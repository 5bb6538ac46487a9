"""The Azerbaijani texts read as Azerbaijani: no Turkish forms, «» quotes,
suffixes that follow how a loanword is read, endirmək for a download.

The rules are data, in ``tests/az_wording.toml`` (and, in prose, in the
glossary); each rule carries examples it must catch and texts it must let
pass, and those are checked first. The texts are those that
``test_az_templates`` reads (TOML catalogs, ``locale/az``, ``{"az": ...}``
strings in Python, the ``docs/az`` pages), plus the Azerbaijani docstrings
and comments of the Python files and the Azerbaijani part of the README.

Quotation marks are checked in prose only: code quotes with ``"``, so a page
is checked outside its code blocks and inline code, and the catalogs (whose
messages quote code without backticks) only for „“ and ”.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from course.site.code_language import keep_language_in_code
from tests.test_az_templates import ROOT, SOURCES

RULES = tomllib.loads(Path(__file__).with_name("az_wording.toml").read_text(encoding="utf-8"))


# --- the texts ---------------------------------------------------------------

def code_texts() -> Iterator[tuple[str, str]]:
    """The Azerbaijani docstring blocks and comments of the course's Python files.

    The lines that only the Azerbaijani listing has (``code_language`` keeps
    one language): code and shared text are the same in both and drop out.
    """
    for folder in ("solutions", "exercises", "checkpoints", "course"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            if "[az]" not in source:
                continue
            german = set(keep_language_in_code(source, "de").splitlines())
            own = [line for line in keep_language_in_code(source, "az").splitlines()
                   if line not in german]
            yield path.relative_to(ROOT).as_posix(), "\n".join(own)


def readme_texts() -> Iterator[tuple[str, str]]:
    """The Azerbaijani section of the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Azərbaycanca")
    end = text.find("\n## ", start + 1)
    yield "README.md", text[start: end if end > 0 else len(text)]


KINDS = {**SOURCES, "code": code_texts, "readme": readme_texts}
MARKDOWN = {"pages", "readme"}


@cache
def texts(kind: str) -> tuple[tuple[str, str], ...]:
    return tuple(KINDS[kind]())


# Fenced blocks whose content is code; any other {directive} holds prose.
CODE_DIRECTIVES = {"code-block", "code", "code-cell", "sourcecode", "literalinclude",
                   "eval-rst", "toctree", "raw", "math", "include", "csv-table"}
FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})\s*(?:\{([\w-]+)\})?")
NOT_PROSE = re.compile(
    r"(`+).+?\1"  # inline code, also across a line break
    r"|\]\([^)\n]*\)"  # a link's target and title
    r"|<[^>\n]+>"  # HTML tags and their attributes
    r"|\{[\w:-]+\}(?=`)",  # the role before `...` ({doc}, {py:func})
    re.DOTALL)


def blank(match: re.Match) -> str:
    """The match as spaces, its line breaks kept, so line numbers stay."""
    return re.sub(r"[^\n]", " ", match.group(0))


def markdown_prose(text: str) -> str:
    """``text`` (MyST Markdown) with code blocks, inline code and markup blanked out.

    Every character keeps its place, so a position in the result is one in ``text``.
    """
    lines = text.split("\n")
    open_fences: list[tuple[str, bool]] = []  # (marker, holds code)
    for number, line in enumerate(lines):
        fence = FENCE.match(line)
        in_code = any(code for _, code in open_fences)
        if fence and open_fences and line.strip() == fence.group(1) \
                and fence.group(1)[0] == open_fences[-1][0][0] \
                and len(fence.group(1)) >= len(open_fences[-1][0]):
            open_fences.pop()
            lines[number] = " " * len(line)
        elif fence and not in_code:
            directive = fence.group(2)
            code = fence.group(1)[0] != ":" and (directive is None or directive in CODE_DIRECTIVES)
            open_fences.append((fence.group(1), code))
            lines[number] = " " * len(line)
        elif in_code or (open_fences and re.match(r"\s*:[\w-]+:", line)):  # code, or an option
            lines[number] = " " * len(line)
    return NOT_PROSE.sub(blank, "\n".join(lines))


def prose(kind: str, text: str) -> str:
    return markdown_prose(text) if kind in MARKDOWN else text


# --- the checks --------------------------------------------------------------

@dataclass(frozen=True)
class Hit:
    """What a check found in a text, and where in that text."""
    wrong: str
    start: int


@dataclass(frozen=True)
class Finding:
    where: str
    line: int | str
    wrong: str
    right: str
    reason: str

    def __str__(self) -> str:
        wrong = " ".join(self.wrong.split())
        return f"{self.where}:{self.line}: «{wrong}» -> {self.right} ({self.reason})"


@cache
def file_text(where: str) -> str:
    return (ROOT / where).read_text(encoding="utf-8")


def line_of(where: str, text: str, hit: Hit) -> int | str:
    """The line of ``hit`` in the file: exact where ``text`` stands in it as is
    (a page, the README), else the first line with the wrong form."""
    whole = file_text(where)
    position = whole.find(text) if text.strip() else -1
    if position >= 0:
        return whole.count("\n", 0, position + hit.start) + 1
    first = hit.wrong.splitlines()[0]
    for number, line in enumerate(whole.splitlines(), 1):
        if first in line:
            return number
    return "?"


def matches(pattern: str | re.Pattern, text: str, offset: int = 0) -> list[Hit]:
    return [Hit(match.group(0), offset + match.start()) for match in re.finditer(pattern, text)]


def form_hits(rule: dict, text: str) -> list[Hit]:
    return matches(rule["wrong"], text)


def harmony_pattern(form: str) -> re.Pattern:
    """``form`` as a word, also with the word in backticks: ```state_dict`-ı``."""
    word, separator, suffix = re.split(r"([- ])", form, maxsplit=1)
    return re.compile(r"(?<![\w.])" + re.escape(word) + r"`?" + re.escape(separator)
                      + re.escape(suffix) + r"(?!\w)")


HARMONY = [(harmony_pattern(wrong), wrong, right, rule)
           for rule in RULES["harmony"] for wrong, right in rule["forms"].items()]


def harmony_hits(text: str) -> list[tuple[Hit, str, dict]]:
    return [(hit, right, rule) for pattern, wrong, right, rule in HARMONY
            for hit in matches(pattern, text)]


SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n\s*\n")


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """Each sentence of ``text`` with its offset."""
    start = 0
    for end in SENTENCE_END.finditer(text):
        yield start, text[start: end.start()]
        start = end.end()
    yield start, text[start:]


def download_hits(rule: dict, text: str) -> list[Hit]:
    return [hit for offset, sentence in sentences(text) if re.search(rule["context"], sentence)
            for hit in matches(rule["wrong"], sentence, offset)]


# Straight quotes around words, a line break allowed inside, a blank line not.
STRAIGHT_QUOTED = re.compile(r'(?<![\w=(\[{\\])"(?:[^"\n]|\n(?!\s*\n)){1,160}"(?!\w)')


def quote_hits(text: str, markdown: bool) -> list[Hit]:
    marks = "|".join(map(re.escape, RULES["quotes"]["typographic"]))
    hits = matches(marks, text)
    if markdown:
        hits += matches(STRAIGHT_QUOTED, markdown_prose(text))
    return hits


def hits_in(check: str, kind: str, text: str) -> Iterator[tuple[Hit, str, str]]:
    """What ``check`` finds in ``text``: (hit, right form, reason)."""
    if check == "forms":
        for rule in RULES["form"]:
            body = prose(kind, text) if rule["scope"] == "prose" else text
            for hit in form_hits(rule, body):
                yield hit, rule["right"], rule["reason"]
    elif check == "harmony":
        for hit, right, rule in harmony_hits(text):
            yield hit, right, f"{rule['word']} is read «{rule['read']}»"
    elif check == "download":
        for rule in RULES["download"]:
            for hit in download_hits(rule, prose(kind, text)):
                yield hit, rule["right"], rule["reason"]
    elif check == "quotes":
        for hit in quote_hits(text, kind in MARKDOWN):
            yield hit, RULES["quotes"]["right"], "Azerbaijani quotes with «»"


def findings(check: str, kind: str) -> list[Finding]:
    found = {Finding(where, line_of(where, text, hit), hit.wrong, right, reason)
             for where, text in texts(kind) for hit, right, reason in hits_in(check, kind, text)}
    return sorted(found, key=lambda f: (f.where, str(f.line), f.wrong))


CHECKS = ("forms", "harmony", "download", "quotes")


# --- the rules themselves ----------------------------------------------------

def test_each_rule_catches_its_examples_and_passes_the_right_forms():
    for rule in RULES["form"]:
        for wrong in rule["catches"]:
            assert form_hits(rule, wrong), (rule["wrong"], wrong)
        for right in rule["passes"]:
            assert not form_hits(rule, right), (rule["wrong"], right)
    for rule in RULES["download"]:
        for wrong in rule["catches"]:
            assert download_hits(rule, wrong), wrong
        for right in rule["passes"]:
            assert not download_hits(rule, right), right
    for wrong in RULES["quotes"]["catches"]:
        assert quote_hits(wrong, markdown=True), wrong
    for right in RULES["quotes"]["passes"]:
        assert not quote_hits(right, markdown=True), right


def test_harmony_lists_wrong_forms_only():
    for rule in RULES["harmony"]:
        for wrong, right in rule["forms"].items():
            assert [hit.wrong for hit, _, _ in harmony_hits(f"bu {wrong}, sonra")] == [wrong]
            assert harmony_hits(f"bu `{wrong.replace('-', '`-', 1)}` sonra"), wrong
            assert not harmony_hits(f"bu {right}, sonra"), (wrong, right)
            assert not harmony_hits(f"bu {wrong}x sonra"), wrong  # a longer word


def test_prose_leaves_out_code():
    page = ('Mətn "bir".\n\n```python\nx = "iki"\n```\n\n```{note}\nQeyd "üç".\n```\n'
            'Sətirdə `"dörd"` və {doc}`"beş"`, [keçid](a.html "altı").\n')
    assert STRAIGHT_QUOTED.findall(markdown_prose(page)) == ['"bir"', '"üç"']
    # A line break may stand inside a quote, a blank line may not.
    assert [hit.wrong for hit in quote_hits('Bu "bir\nsətir" və "iki\n\nabzas" üç', True)] == [
        '"bir\nsətir"']
    assert len(markdown_prose(page)) == len(page)


def test_every_kind_of_text_is_read():
    for kind in KINDS:
        assert any(text.strip() for _, text in texts(kind)), f"no Azerbaijani text in {kind}"
    assert any("[az]" in text or "ə" in text for _, text in texts("code"))
    assert all("ä" not in text for _, text in texts("code")), "German left in the code texts"


# --- the course --------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("check", CHECKS)
def test_azerbaijani_wording(check, kind):
    found = [str(f) for f in findings(check, kind)]
    assert not found, f"{check}: wrong Azerbaijani wording:\n" + "\n".join(found)

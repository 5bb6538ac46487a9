"""One language in every Python listing: docstrings, comments, texts.

The course's Python files speak both languages, so that ``help()`` and an
editor serve every learner. Three forms are recognised:

* a docstring with ``[de]`` and ``[az]`` blocks (as in ``docstrings.py``);
* a comment that starts with ``# [de]`` or ``# [az]``; the comment lines
  right below it without a marker of their own continue it. A trailing
  comment may hold both: ``x = 1  # [de] eins [az] bir``;
* a dictionary of texts per language: ``{"de": "...", "az": "..."}``.

A listing on a page of one language (``literalinclude``, the ``solution``
toggles, or any other Python block) keeps that language's docstring blocks,
comments and dictionary entries and drops the others, so a reader never
meets the other language on a page of theirs. Code without markers stays as
it is; markers are removed from what is kept.
"""

from __future__ import annotations

import io
import re
import tokenize

from docutils import nodes
from sphinx.application import Sphinx

from course.i18n import LANGUAGES

_CODES = "|".join(LANGUAGES)
_DOC_MARKER = re.compile(r"^\s*\[(%s)\]\s*$" % _CODES)
_COMMENT_MARKER = re.compile(r"(?:^|(?<=\s))\[(%s)\](?:\s+|$)" % _CODES)
_STRING_START = re.compile(r'^([rRbBuUfF]*)("""|\'\'\'|"|\')')
PYTHON = {"python", "py", "python3", "py3", "ipython", "ipython3"}


def keep_language_in_code(source: str, language: str) -> str:
    """``source`` with the docstring blocks, comments and texts of ``language`` only."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return source  # not complete Python: leave it alone
    code = _Code(source)
    edits: list[tuple[int, int, str]] = []
    edits += _docstring_edits(code, tokens, language)
    edits += _comment_edits(code, tokens, language)
    edits += _text_entry_edits(code, tokens, language)
    return code.apply(edits)


class _Code:
    """The source with helpers to turn token positions into offsets."""

    def __init__(self, source: str) -> None:
        self.text = source
        self.line_starts = [0]
        for line in source.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))

    def offset(self, position: tuple[int, int]) -> int:
        row, col = position
        return self.line_starts[row - 1] + col

    def whole_lines(self, start: int, end: int) -> tuple[int, int]:
        """Widen a deletion to whole lines if nothing else stands on them."""
        line_start = self.text.rfind("\n", 0, start) + 1
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end < 0 else line_end + 1
        if not self.text[line_start:start].strip() and not self.text[end:line_end].strip():
            return line_start, line_end
        return start, end

    def apply(self, edits: list[tuple[int, int, str]]) -> str:
        kept: list[tuple[int, int, str]] = []
        # Outer deletions first; an edit inside one already made is dropped.
        for start, end, text in sorted(edits, key=lambda e: (e[0], -e[1])):
            if kept and start < kept[-1][1]:
                continue
            kept.append((start, end, text))
        result = self.text
        for start, end, text in reversed(kept):
            result = result[:start] + text + result[end:]
        return result


def _docstring_edits(code: _Code, tokens, language: str):
    for token in tokens:
        if token.type != tokenize.STRING:
            continue
        match = _STRING_START.match(token.string)
        if not match:
            continue
        quote = match.group(2)
        body = token.string[match.end(): len(token.string) - len(quote)]
        lines = body.split("\n")
        if not any(_DOC_MARKER.match(line) for line in lines):
            continue
        closing = lines.pop() if len(lines) > 1 and not lines[-1].strip() else None
        kept, current = [], None
        for line in lines:
            marker = _DOC_MARKER.match(line)
            if marker:
                current = marker.group(1)
            elif current in (None, language):
                kept.append(line)
        while len(kept) > 1 and not kept[-1].strip():
            kept.pop()
        if closing is not None:
            kept.append(closing)
        new = match.group(0) + "\n".join(kept) + quote
        yield code.offset(token.start), code.offset(token.end), new


def _comment_edits(code: _Code, tokens, language: str):
    continuing = None  # language of the comment block being continued, if any
    for token in tokens:
        if token.type in (tokenize.INDENT, tokenize.DEDENT):
            continue
        if token.type == tokenize.NL and token.line.strip():
            continue  # the end of a comment line: the block goes on
        if token.type != tokenize.COMMENT:
            continuing = None
            continue
        start, end = code.offset(token.start), code.offset(token.end)
        alone = not token.line[: token.start[1]].strip()
        body = token.string[1:]
        markers = list(_COMMENT_MARKER.finditer(body))
        if not markers:
            if alone and continuing is not None and continuing != language:
                yield (*code.whole_lines(start, end), "")
            continue
        shared = body[: markers[0].start()].strip()
        parts = [shared] if shared else []
        for marker, following in zip(markers, [*markers[1:], None]):
            text = body[marker.end(): following.start() if following else len(body)].strip()
            if marker.group(1) == language and text:
                parts.append(text)
        continuing = markers[-1].group(1) if alone else None
        if parts:
            yield start, end, "# " + " ".join(parts)
        elif alone:
            yield (*code.whole_lines(start, end), "")
        else:  # a trailing comment: drop it with the spaces before it
            before = len(code.text[:start].rstrip(" \t"))
            yield before, end, ""


def _text_entry_edits(code: _Code, tokens, language: str):
    """Entries ``"az": ...`` of a dictionary, on a page of another language."""
    others = {repr(other) for other in LANGUAGES if other != language}
    others |= {'"%s"' % other for other in LANGUAGES if other != language}
    significant = [t for t in tokens if t.type not in (
        tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)]
    opening = []  # the open brackets before each token
    for index, token in enumerate(significant):
        if token.type == tokenize.OP and token.string in "([{":
            opening.append(token.string)
        elif token.type == tokenize.OP and token.string in ")]}":
            if opening:
                opening.pop()
        elif (token.type == tokenize.STRING and token.string in others and opening
              and opening[-1] == "{" and index + 1 < len(significant)
              and significant[index + 1].string == ":"):
            yield from _entry_span(code, significant, index)


def _entry_span(code: _Code, significant, key: int):
    depth, index = 0, key + 2
    while index < len(significant):
        token = significant[index]
        if token.type == tokenize.OP and token.string in "([{":
            depth += 1
        elif token.type == tokenize.OP and token.string in ")]}":
            if depth == 0:  # the dictionary ends: drop the comma before the key too
                value_end = code.offset(significant[index - 1].end)
                previous = significant[key - 1]
                start = code.offset(previous.start if previous.string == "," else significant[key].start)
                yield (*code.whole_lines(start, value_end), "")
                return
            depth -= 1
        elif token.type == tokenize.OP and token.string == "," and depth == 0:
            start = code.offset(significant[key].start)
            end = code.offset(token.end)
            # a comment after the comma on the same line goes with the entry
            line_end = code.text.find("\n", end)
            rest = code.text[end: len(code.text) if line_end < 0 else line_end]
            if rest.strip().startswith("#"):
                end += len(rest)
            else:
                end += len(rest) - len(rest.lstrip(" \t")) if rest.strip() else 0
            yield (*code.whole_lines(start, end), "")
            return
        index += 1


def _filter_listings(app: Sphinx, doctree: nodes.document) -> None:
    language = app.config.language
    for block in doctree.findall(nodes.literal_block):
        source = block.get("source", "")
        if block.get("language", "") not in PYTHON and not str(source).endswith(".py"):
            continue
        text = block.astext()
        kept = keep_language_in_code(text, language)
        if kept != text:
            block.children = []
            block += nodes.Text(kept)
            block.rawsource = kept


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", _filter_listings)

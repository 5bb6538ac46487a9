"""Run the Python examples of a lesson page, so that none of them rots.

The convention the lessons follow:

- every ```` ```python ```` block on a page runs, in page order, in one
  shared namespace, in an empty temporary working directory, with the
  repository importable (``from solutions import ...`` works);
- a block that cannot run on its own is written as
  ```` ```{code-block} python ```` with ``:class: fragment`` and is skipped;
- the body of a ``{solution}`` directive is generated from ``solutions/``
  and tested by the grading, so it is skipped too.

Blocks nested in other directives (``:::{note}``, ```` ````{admonition} ````)
run as well: the directive bodies are parsed again, as MyST does.

``python_blocks`` decides which blocks run (from ``fences`` and ``runs``);
``course.notebooks`` makes the same blocks a lesson notebook's code cells,
and ``make test`` runs the lessons as those notebooks. ``run_page(path)``
runs a page's blocks in a fresh interpreter and returns ``None`` or what
went wrong, naming the page, the block's number and line, and the error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin

ROOT = Path(__file__).resolve().parent.parent
PYTHON_NAMES = {"python", "py", "python3"}
CODE_DIRECTIVES = {"code-block", "code", "sourcecode"}
NOT_RUN_DIRECTIVES = {"solution"}  # generated from solutions/, graded elsewhere
FRAGMENT = "fragment"
PAGE_TIMEOUT_S = 50  # below pytest's own per-test timeout, so this one explains


@dataclass(frozen=True)
class Block:
    number: int  # 1, 2, ... among the blocks that run on this page
    line: int  # where the block's code starts in the page, 1-based
    code: str


@dataclass(frozen=True)
class Fence:
    """A fenced block: ```` ```python ````, ```` ```{name} arg ```` or ``:::{name} arg``."""

    name: str  # "python", or the directive's name without braces
    directive: bool
    argument: str
    options: dict[str, str]  # a directive's leading ``:key: value`` lines
    body: str  # without the options
    body_line: int  # where ``body`` starts in the page, 1-based
    lines: tuple[int, int]  # the whole fence: first and past-the-last line, 0-based
    nested: bool  # inside a list or a quote, not on the top level of the text parsed


def fences(markdown: str, first_line: int = 1) -> Iterator[Fence]:
    """The fenced blocks of ``markdown`` (directive bodies are not entered), in order."""
    parser = MarkdownIt("commonmark").use(colon_fence_plugin)
    for token in parser.parse(markdown):
        if token.type not in ("fence", "colon_fence") or token.map is None:
            continue
        name, _, argument = token.info.strip().partition(" ")
        body_line = first_line + token.map[0] + 1  # the line after the fence
        directive = name.startswith("{")
        options, body, skipped = (_split_options(token.content) if directive
                                  else ({}, token.content, 0))
        yield Fence(name.strip("{}") if directive else name, directive, argument.strip(),
                    options, body, body_line + skipped, tuple(token.map), token.level > 0)


def runs(fence: Fence) -> bool:
    """Whether the block runs: ```` ```python ```` or a python code-block, not a fragment."""
    if not fence.directive:
        return fence.name.lower() in PYTHON_NAMES
    return (fence.name in CODE_DIRECTIVES and fence.argument.lower() in PYTHON_NAMES
            and FRAGMENT not in fence.options.get("class", ""))


def holds_blocks(fence: Fence) -> bool:
    """Whether a directive's blocks are the page's own (a note's: yes; a solution's: no)."""
    return fence.directive and fence.name not in NOT_RUN_DIRECTIVES | CODE_DIRECTIVES


def python_blocks(markdown: str) -> list[Block]:
    """The blocks of a MyST page that run, in page order."""
    found = list(_runnable(markdown, first_line=1))
    return [Block(number, line, code) for number, (line, code) in enumerate(found, 1)]


def _runnable(markdown: str, first_line: int):
    for fence in fences(markdown, first_line):
        if runs(fence):
            yield fence.body_line, fence.body
        elif holds_blocks(fence):
            yield from _runnable(fence.body, first_line=fence.body_line)  # a directive's body


def _split_options(content: str) -> tuple[dict[str, str], str, int]:
    """A directive's leading ``:key: value`` lines, its body, and how many lines they took."""
    lines = content.splitlines(keepends=True)
    options, taken = {}, 0
    for line in lines:
        stripped = line.strip()
        if not (stripped.startswith(":") and stripped.count(":") >= 2):
            break
        key, _, value = stripped[1:].partition(":")
        options[key.strip()] = value.strip()
        taken += 1
    if taken and taken < len(lines) and not lines[taken].strip():
        taken += 1  # the blank line after the options
    return options, "".join(lines[taken:]), taken


def run_page(page: Path) -> str | None:
    """Run a page's blocks in a fresh interpreter; ``None`` if all of them ran."""
    blocks = python_blocks(page.read_text(encoding="utf-8"))
    if not blocks:
        return None
    name = _shown(page)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    with tempfile.TemporaryDirectory(prefix="lesson-") as folder:
        try:
            result = subprocess.run(
                [sys.executable, "-m", "course.lesson_code", name],
                input=json.dumps([asdict(block) for block in blocks]),
                cwd=folder, env=env, capture_output=True, text=True,
                timeout=PAGE_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            return f"{name}: the code did not finish within {PAGE_TIMEOUT_S} s"
    if result.returncode == 0:
        return None
    return result.stderr.strip() or f"{name}: exit status {result.returncode}"


def _shown(page: Path) -> str:
    try:
        return page.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(page)


def _run_here(page: str, blocks: list[dict]) -> int:
    """In the fresh interpreter: run every block in one namespace, stop at the first error."""
    namespace = {"__name__": "__main__"}
    for block in map(lambda fields: Block(**fields), blocks):
        where = f"{page}, block {block.number} (line {block.line})"
        try:
            # Pad with newlines so a traceback's line numbers are the page's.
            code = compile("\n" * (block.line - 1) + block.code, page, "exec")
            exec(code, namespace)
        except BaseException as error:  # SystemExit too: a lesson must not exit
            frames = traceback.format_exception(error)
            if error.__traceback__ is not None and not isinstance(error, SyntaxError):
                frames = traceback.format_exception(
                    type(error), error, error.__traceback__.tb_next)  # not this frame
            print(f"{where} failed:\n{''.join(frames).rstrip()}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(_run_here(sys.argv[1], json.load(sys.stdin)))

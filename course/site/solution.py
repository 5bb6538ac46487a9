"""The ``solution`` directive: a toggle with the reference code of a function.

In a lesson::

    :::{solution} save_checkpoint
    Optional words about the solution, shown under the code.
    :::

The code is read from the reference package, so what a learner sees is the
code that ``make test`` grades, never a copy that can drift. Docstrings are
left out: the exercise above the toggle already shows them. Comments in the
other language are dropped later, with those of every listing
(``code_language``). With
``SOLUTIONS=hide`` (a student edition) the directive renders nothing.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util.docutils import SphinxDirective

from .edition import solutions_shown

REFERENCE_PACKAGE = "solutions"


def source_without_docstring(function: object) -> str:
    """The source of ``function`` with its docstring cut out."""
    source = textwrap.dedent(inspect.getsource(function))
    definition = ast.parse(source).body[0]
    first = definition.body[0]
    if not (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)):
        return source
    lines = source.splitlines(keepends=True)
    return "".join(lines[: first.lineno - 1] + lines[first.end_lineno :])


class Solution(SphinxDirective):
    required_arguments = 1  # the function to show; more may follow
    optional_arguments = 5
    has_content = True

    def run(self) -> list[nodes.Node]:
        if not solutions_shown(self.config):
            return []
        package = importlib.import_module(REFERENCE_PACKAGE)
        code = "\n\n".join(
            source_without_docstring(self._function(package, name)).rstrip()
            for name in self.arguments
        )
        self.env.note_dependency(inspect.getfile(package))
        box = nodes.admonition(classes=["toggle", "solution"])
        box += nodes.title(text=_("Show solution"))
        box += nodes.literal_block(code, code, language="python")
        self.state.nested_parse(self.content, self.content_offset, box)
        return [box]

    def _function(self, package, name: str) -> object:
        """``save_checkpoint`` or a dotted path such as ``basics._check_fits``."""
        found = package
        for part in name.split("."):
            if not hasattr(found, part):
                raise self.error(f"{REFERENCE_PACKAGE} has no {name!r}")
            found = getattr(found, part)
        self.env.note_dependency(inspect.getfile(found))
        return found


def setup(app: Sphinx) -> None:
    app.add_directive("solution", Solution)

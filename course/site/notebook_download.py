"""Each lesson page offers itself as a Jupyter notebook, in the page's language.

The notebook is ``course.notebooks``' conversion of the page's source, for
the edition being built (the student edition's has no solutions), written
next to the page: ``de/checkpoints.html`` -> ``de/checkpoints.ipynb``.
``page.html`` shows the link at the top of the lesson, above its title, so
it is the first thing a reader sees, on a phone as well.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from sphinx.application import Sphinx
from sphinx.locale import _

from course import notebooks  # the module, not its names: it imports course.site too
from course.grading.tasks import Lesson, all_lessons

from .edition import solutions_shown


def lessons_by_page() -> dict[str, Lesson]:
    """Each lesson under its page's name: ``{"checkpoints": Lesson(...), ...}``."""
    return {lesson.page.removesuffix(".html"): lesson for lesson in all_lessons()}


def _add_to_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    if pagename not in lessons_by_page():
        return
    name = Path(pagename).name
    context["notebook_download"] = {
        "href": f"{name}.ipynb",
        # Both languages' notebooks of a lesson keep apart in a downloads folder.
        "filename": f"{name}-{app.config.language}.ipynb",
        "label": _("Download this lesson as a Jupyter notebook"),
    }


def _write_notebooks(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for pagename, lesson in lessons_by_page().items():
        if pagename not in app.env.found_docs:
            continue
        notebook = notebooks.lesson_notebook(
            lesson, app.config.language, solutions_shown(app.config), pages=Path(app.srcdir))
        target = Path(app.outdir, f"{pagename}.ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _add_to_context)
    # At the end, every time: a notebook also changes with solutions/ and the
    # docstrings in checkpoints/, which Sphinx does not track for it.
    app.connect("build-finished", _write_notebooks)

"""Each lesson page offers itself as a Jupyter notebook, in the page's language.

The notebook is ``course.notebooks``' conversion of the page's source, for
the edition being built (the student edition's has no solutions), written
next to the page: ``de/checkpoints.html`` -> ``de/checkpoints.ipynb``.
``page.html`` shows the link at the top of the lesson, above its title, so
it is the first thing a reader sees, on a phone as well.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import _

from course.grading.tasks import Lesson, all_lessons

from .edition import solutions_shown

ROOT = Path(__file__).resolve().parents[2]
# What a notebook is made of besides its page; Sphinx tracks none of it for
# the notebook: the docstrings, the reference, the converter, the catalogs.
SOURCES = ("checkpoints", "solutions", "course", "exercises/tasks.toml")


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
    newest = _newest_source(app)
    for pagename, lesson in lessons_by_page().items():
        target = Path(app.outdir, f"{pagename}.ipynb")
        if pagename not in app.env.found_docs or (
                target.is_file() and target.stat().st_mtime >= newest):
            continue  # up to date: a build with nothing changed stays fast
        # Imported here: it imports jupytext, and the reference with torch.
        import nbformat

        from course import notebooks
        notebook = notebooks.lesson_notebook(
            lesson, app.config.language, solutions_shown(app.config), pages=Path(app.srcdir))
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target)


def _newest_source(app: Sphinx) -> float:
    """When the newest file a notebook is made of last changed."""
    files = [*Path(app.srcdir).glob("*.md"),
             *Path(ROOT, "locale", app.config.language).rglob("*.po")]
    for name in SOURCES:
        path = ROOT / name
        files += path.rglob("*.py") if path.is_dir() else [path]
    return max(file.stat().st_mtime for file in files)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _add_to_context)
    # At the end of every build, for each notebook older than what it is made of.
    app.connect("build-finished", _write_notebooks)

"""Full site or student edition: whether the solutions are in it.

``make html SOLUTIONS=hide`` builds the student edition. It leaves out

- every ``solution`` toggle (the directive renders nothing, see ``solution``);
- the sample-solution pages, ``<lesson>_source.md``: not built, dropped from
  the toctree, and a ``{doc}`` link to one becomes the page's title as
  plain text.

So a sentence that points to the solutions belongs inside
``:::{only} solutions``: the full site sets that tag, the student edition
drops the sentence.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import docname_join
from sphinx.util.matching import Matcher

# A glob as in exclude_patterns; any suffix, because Sphinx checks a toctree
# entry of an unknown page under its first source suffix (.rst).
SAMPLE_SOLUTION_PAGES = "**_source.*"
TAG = "solutions"


def solutions_shown(config: Config) -> bool:
    return config.course_solutions != "hide"


def _choose_edition(app: Sphinx, config: Config) -> None:
    if solutions_shown(config):
        app.tags.add(TAG)
        return
    config.exclude_patterns = [*config.exclude_patterns, SAMPLE_SOLUTION_PAGES]
    # The toctrees name the sample-solution pages on purpose; in this edition
    # the only excluded pages are those, so their toctree entries go quietly.
    config.suppress_warnings = [*config.suppress_warnings, "toc.excluded"]


def _unlink_left_out_page(app: Sphinx, env, node: nodes.Element, contnode: nodes.Node):
    """A ``{doc}`` link to a left-out page: keep its words, drop the link."""
    if solutions_shown(app.config) or node.get("reftype") != "doc":
        return None
    target = docname_join(node["refdoc"], node["reftarget"])
    if not Matcher([SAMPLE_SOLUTION_PAGES])(target + ".md"):
        return None
    if node.get("refexplicit"):
        return contnode
    # Without a title of its own the link would read "checkpoints_source".
    return nodes.inline(text=_heading(Path(app.srcdir, target + ".md")))


def _heading(page: Path) -> str:
    """The first ``# Title`` of a MyST page."""
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page.stem


def setup(app: Sphinx) -> None:
    app.add_config_value("course_solutions", "show", "env")
    app.connect("config-inited", _choose_edition)
    app.connect("missing-reference", _unlink_left_out_page)

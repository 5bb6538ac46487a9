"""``make html SOLUTIONS=hide``: the student edition has no solutions in it.

The full site (``site``) is the control: each thing looked for here must be
in it, or the check would pass for the wrong reason.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course.i18n import LANGUAGES

SAMPLE_SOLUTION_PAGE = "checkpoints_source.html"
SOLUTION_TOGGLE = re.compile(r'class="[^"]*\bsolution\b')  # the `solution` directive's box
REFERENCE_ONLY_CODE = '<span class="nf">_check_fits</span>'  # `def _check_fits` in solutions/


def pages(site: Path, lang: str) -> dict[str, str]:
    return {page.name: page.read_text(encoding="utf-8")
            for page in (site / lang).rglob("*.html")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_full_site_shows_the_solutions(site, lang):
    built = pages(site, lang)
    assert SAMPLE_SOLUTION_PAGE in built
    assert SOLUTION_TOGGLE.search(built["checkpoints.html"])
    assert REFERENCE_ONLY_CODE in built["checkpoints.html"]
    assert f'href="{SAMPLE_SOLUTION_PAGE}' in built["index.html"]  # toctree entry


@pytest.mark.parametrize("lang", LANGUAGES)
def test_student_edition_leaves_the_solutions_out(student_site, lang):
    built = pages(student_site, lang)
    assert "checkpoints.html" in built, "the lesson itself must still be there"
    assert SAMPLE_SOLUTION_PAGE not in built
    for name, html in built.items():
        assert SAMPLE_SOLUTION_PAGE not in html, f"{lang}/{name} links to the sample solution"
        assert not SOLUTION_TOGGLE.search(html), f"{lang}/{name} has a solution toggle"
        assert REFERENCE_ONLY_CODE not in html, f"{lang}/{name} shows reference code"


def test_student_edition_search_index_has_no_sample_solution(student_site):
    for lang in LANGUAGES:
        index = (student_site / lang / "searchindex.js").read_text(encoding="utf-8")
        assert "checkpoints_source" not in index

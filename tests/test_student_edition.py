"""``make html`` builds the student edition (``SOLUTIONS=hide``): no solutions in it.

The full site (``make html SOLUTIONS=show``, the ``site`` fixture) is the
control: each thing looked for here must be in it, or the check would pass
for the wrong reason.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from course import build
from course.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent

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


def test_make_html_builds_the_student_edition_unless_told_otherwise():
    # Neither the environment nor an outer make (make test) may choose the edition here.
    env = {key: value for key, value in os.environ.items()
           if key not in ("SOLUTIONS", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}

    def planned(*assignments: str) -> str:
        done = subprocess.run(["make", "--dry-run", "--no-print-directory", "html", *assignments],
                              cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        return done.stdout

    assert "-m course.build --solutions hide" in planned()
    assert "-m course.build --solutions show" in planned("SOLUTIONS=show")


def test_the_build_ends_with_the_page_to_open_in_each_language(monkeypatch, tmp_path, capsys):
    built = []
    monkeypatch.setattr(build, "build_site", lambda out, solutions: built.append(solutions) or 0)
    monkeypatch.delenv("SOLUTIONS", raising=False)
    assert build.main(["--out", str(tmp_path)]) == 0
    assert built == ["hide"]
    said = capsys.readouterr().out.strip().splitlines()
    assert said[-5:] == [
        "Die Seiten für Studierende (ohne Lösungen) sind fertig. Öffne im Browser:",
        f"  {(tmp_path / 'de' / 'index.html').as_uri()}",
        "",
        "Tələbələr üçün səhifələr (həllər olmadan) hazırdır. Brauzerdə açın:",
        f"  {(tmp_path / 'az' / 'index.html').as_uri()}",
    ]

"""Both languages build (warnings as errors, see the `site` fixture) and say the same."""

from pathlib import Path

import pytest

from course.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def pages(language: str) -> set[str]:
    return {p.relative_to(DOCS / language).with_suffix("").as_posix()
            for p in (DOCS / language).rglob("*.md")}


def test_every_page_has_its_twin():
    assert pages("de") == pages("az")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_built(site, language):
    for page in pages(language):
        assert (site / language / f"{page}.html").is_file(), page


def test_landing_page_leads_to_both_languages(site):
    landing = (site / "index.html").read_text(encoding="utf-8")
    for language in LANGUAGES:
        assert f'href="{language}/index.html"' in landing
        assert (site / language / "index.html").is_file()


@pytest.mark.parametrize("language", LANGUAGES)
def test_exercises_show_their_stub_documentation(site, language):
    lesson = (site / language / "checkpoints.html").read_text(encoding="utf-8")
    assert lesson.count('<dl class="py function"') == 2
    for function in ("save_checkpoint", "load_checkpoint"):
        assert f'id="checkpoints.{function}"' in lesson


@pytest.mark.parametrize("language, own, other", [
    ("de", "Speichert den Zustand von Modell und Optimierer", "Modelin və optimallaşdırıcının"),
    ("az", "Modelin və optimallaşdırıcının vəziyyətini", "Speichert den Zustand"),
])
def test_docstrings_are_in_the_page_language(site, language, own, other):
    lesson = (site / language / "checkpoints.html").read_text(encoding="utf-8")
    assert own in lesson and other not in lesson


@pytest.mark.parametrize("language", LANGUAGES)
def test_solutions_sit_in_toggles_with_the_reference_code(site, language):
    lesson = (site / language / "checkpoints.html").read_text(encoding="utf-8")
    assert lesson.count('class="toggle solution admonition"') == 2
    assert "weights_only=True" in lesson  # from solutions/basics.py, not pasted


@pytest.mark.parametrize("language", LANGUAGES)
def test_sample_solution_page_shows_the_reference_source(site, language):
    page = (site / language / "checkpoints_source.html").read_text(encoding="utf-8")
    assert "_check_fits" in page and "REQUIRED_KEYS" in page

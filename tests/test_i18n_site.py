"""The built site's languages, read from its HTML (no browser needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from babel.messages.pofile import read_po

from course.site.interface import js_string_body
from tests.browser import LANGUAGES, site_pages

ROOT = Path(__file__).resolve().parent.parent


def catalog_ids(language: str) -> set[str]:
    with (ROOT / "locale" / language / "LC_MESSAGES" / "sphinx.po").open("rb") as f:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}


def test_azerbaijani_catalog_has_every_text_that_german_needed():
    # German leaves some texts to Sphinx's own catalog; Azerbaijani has none to lean on.
    assert catalog_ids("de") <= catalog_ids("az")


def test_every_page_declares_its_language_and_its_counterpart(site):
    for page in site_pages(site):
        if page == "index.html":
            continue
        language, name = page.split("/")
        html = (site / page).read_text(encoding="utf-8")
        assert f'<html class="no-js" lang="{language}"' in html, page
        alternates = re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', html)
        assert [hreflang for hreflang, _ in alternates] == [l for l in LANGUAGES if l != language]
        for hreflang, href in alternates:
            target = (site / language / href).resolve()
            assert target.is_file(), f"{page}: {href} does not exist"
            assert target.parent.name == hreflang
            if (site / hreflang / name).is_file():
                assert target.name == name, f"{page} should link to its counterpart"


def test_browser_translations_are_generated_for_both_languages(site):
    for language, show, found in [("de", "Zum Anzeigen klicken", "Suche beendet"),
                                  ("az", "Göstərmək üçün klikləyin", "Axtarış bitdi")]:
        text = (site / language / "_static" / "translations.js").read_text(encoding="utf-8")
        catalog = json.loads(text.removeprefix("Documentation.addTranslations(").rstrip().removesuffix(");"))
        assert catalog["messages"]["Click to show"] == show
        singular, plural = catalog["messages"]["Search finished, found one page matching the search query."]
        assert singular.startswith(found) and "${resultCount}" in plural


def test_toggle_hints_are_safe_in_a_javascript_string():
    body = js_string_body("l'heure </script> \"x\" \\")
    assert "'" not in body and "</" not in body
    assert json.loads('"' + body.replace("\\u0027", "'") + '"') == "l'heure </script> \"x\" \\"

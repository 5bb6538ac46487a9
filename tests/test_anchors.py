"""Section anchors read as their headings, in both builds.

An anchor keeps every letter of its heading, with the Azerbaijani and German
letters written in ASCII: "Təhlükəsizlik: yalnız çəkiləri yükləmək" is
``#tehlukesizlik-yalniz-cekileri-yuklemek``, never ``#thluksizlik-...``.
Explicit labels (``(task-1)=`` in a page) stay as they are written, the task
links of ``exercises/tasks.toml`` lead to them in both languages, and every
link to an anchor of the site finds it.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from course.site.anchors import slugify
from tests.browser import LANGUAGES, site_pages

ROOT = Path(__file__).resolve().parent.parent

# Written out here rather than imported, so that the test does not check the
# code against itself.
ASCII_LETTERS = {"ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o", "ü": "u",
                 "ä": "a", "ß": "ss"}

SECTION = re.compile(
    r'<section id="(?P<id>[^"]+)">\s*(?P<spans>(?:<span id="[^"]+"></span>\s*)*)'
    r"<h(?P<level>[1-6])>(?P<title>.*?)</h(?P=level)>", re.S)
SPAN_ID = re.compile(r'<span id="([^"]+)"></span>')
HEADERLINK = re.compile(r'<a class="headerlink".*?</a>', re.S)
TAG = re.compile(r"<[^>]+>")
ID = re.compile(r'\bid="([^"]+)"')
HREF = re.compile(r'\bhref="([^"]+)"')
LABEL = re.compile(r"^\(([^()\s]+)\)=\s*$", re.M)


def letters(text: str) -> str:
    """The letters and digits of ``text``, lower case, in ASCII where they have a form there."""
    lowered = text.replace("I", "ı").replace("İ", "i").lower()
    mapped = "".join(ASCII_LETTERS.get(c, c) for c in lowered)
    plain = "".join(c for c in unicodedata.normalize("NFKD", mapped) if not unicodedata.combining(c))
    return "".join(c for c in plain if c.isalnum())


def explicit_labels(language: str) -> set[str]:
    return {label for page in (ROOT / "docs" / language).rglob("*.md")
            for label in LABEL.findall(page.read_text(encoding="utf-8"))}


def sections(html: str):
    """(title, [ids]) of every section of a built page."""
    for match in SECTION.finditer(html):
        title = unescape(TAG.sub("", HEADERLINK.sub("", match["title"]))).strip()
        yield title, [match["id"], *SPAN_ID.findall(match["spans"])]


def test_letters_and_slugify_agree_on_examples():
    assert slugify("Təhlükəsizlik: yalnız çəkiləri yükləmək (`weights_only`)") == \
        "tehlukesizlik-yalniz-cekileri-yuklemek-weights-only"
    assert slugify("Ein Training, das sich fortsetzen lässt") == "ein-training-das-sich-fortsetzen-lasst"
    assert letters("Çökməyə davamlı, ĞÖÜ İş") == "cokmeyedavamligouis"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_anchor_loses_a_letter_of_its_heading(site, language):
    explicit = explicit_labels(language)
    wrong, checked = [], 0
    for page in site_pages(site):
        if not page.startswith(language + "/"):
            continue
        for title, ids in sections((site / page).read_text(encoding="utf-8")):
            checked += 1
            expected = letters(title)
            made = [i for i in ids if i not in explicit and not re.fullmatch(r"id\d+", i)]
            for anchor in made:
                if letters(anchor) != expected:
                    wrong.append(f"{page}: #{anchor} for {title!r}")
            if not made and not set(ids) & explicit:
                wrong.append(f"{page}: no anchor for {title!r}")
            if any(not anchor.isascii() for anchor in ids):
                wrong.append(f"{page}: non-ASCII anchor among {ids} for {title!r}")
    assert checked > 5, "no sections found: has the HTML of a section changed?"
    assert not wrong, "anchors that do not read as their heading:\n" + "\n".join(wrong)


def test_task_links_lead_to_their_anchor_in_both_languages(site):
    tasks = tomllib.loads((ROOT / "exercises" / "tasks.toml").read_text(encoding="utf-8"))["task"]
    missing = []
    for task in tasks:
        page, _, anchor = task["page"].partition("#")
        assert anchor == f"task-{task['number']}", f"task {task['number']}: {task['page']}"
        for language in LANGUAGES:
            built = site / language / page
            if built.is_file() and f'id="{anchor}"' not in built.read_text(encoding="utf-8"):
                missing.append(f"{language}/{page}#{anchor}")
    assert not missing, "task anchors missing:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_link_to_an_anchor_finds_it(site, language):
    folder = site / language
    ids = {path.name: set(ID.findall(path.read_text(encoding="utf-8")))
           for path in folder.glob("*.html")}
    broken = []
    for name, html in ((p.name, p.read_text(encoding="utf-8")) for p in folder.glob("*.html")):
        for href in HREF.findall(unescape(html)):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.fragment or "/" in parts.path:
                continue
            target = parts.path or name
            if target in ids and unquote(parts.fragment) not in ids[target]:
                broken.append(f"{language}/{name}: {href}")
    assert not broken, "links to anchors that do not exist:\n" + "\n".join(broken)

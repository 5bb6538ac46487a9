"""The built site in a real browser: toggles, language switch, search, errors,
and an interface without English.

Fixtures (chromium, http_site, page) come from ``tests/browser.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.browser import LANGUAGES, site_pages

pytestmark = pytest.mark.browser

OTHER = {"de": "az", "az": "de"}
LESSON = "checkpoints.html"

# Inflected forms, none of them the form the lesson uses most: only a stemmer
# (or Sphinx's substring match, which does not help for these) finds them.
SEARCHES = [
    ("de", "Gewichten"), ("de", "gespeichert"),
    ("az", "çəkilərinin"), ("az", "təlimdə"), ("az", "bərpası"), ("az", "BƏRPASI"),
]

# Interface words of Sphinx, furo, copybutton and togglebutton in English.
ENGLISH_UI = re.compile(r"|".join([
    r"\bSearch", r"\bSearching\b", r"Preparing search", r"\bContents\b",
    r"Table of contents", r"Back to top", r"Skip to content", r"\bCopy\b",
    r"\bCopied\b", r"Failed to copy", r"\bToggle\b", r"Click to", r"\bHide\b",
    r"\bShow\b", r"\bPrevious\b", r"\bNext\b", r"light/dark", r"Light mode",
    r"Dark mode", r"Made with", r"On this page", r"\bIndex\b", r"\bMenu\b",
    r"\bExpand\b", r"Link to this", r"\bParameters\b", r"\bReturns\b",
    r"Return type", r"\bRaises\b", r"Your search", r"\bError\b",
    r"Please activate", r"\bLanguage\b", r"\bHome\b", r"in module",
]))

# Runs in the page: the texts a reader sees or hears, except code, which
# stays English. Labels are read with the toggles closed and again open.
COLLECT_INTERFACE_TEXT = """() => {
  // Code and API signatures, not the buttons and links around them.
  const code = "pre, code, kbd, samp, .sig .pre, .sig-param, .sig-paren";
  const names = ["aria-label", "title", "placeholder", "alt", "data-tooltip", "data-toggle-hint"];
  const texts = [document.title];
  const collectLabels = () => {
    for (const el of document.querySelectorAll("*")) {
      if (el.closest(code)) continue;
      for (const name of names) {
        if (el.hasAttribute(name)) texts.push(`${name}=${el.getAttribute(name)}`);
      }
      if (el.tagName.toLowerCase() === "title" && el.closest("svg")) texts.push(el.textContent);
    }
  };
  collectLabels();
  document.querySelectorAll(".toggle-hidden button.toggle-button").forEach((b) => b.click());
  collectLabels();
  document.querySelectorAll(code).forEach((el) => el.remove());
  texts.push(document.body.innerText);
  return texts.join("\\n");
}"""


def url(base: str, page: str) -> str:
    return base + page


def solution_page(site: Path, language: str) -> str:
    """A page of ``language`` with a solution toggle on it."""
    for page in site_pages(site):
        if page.startswith(language + "/") and 'toggle solution' in (site / page).read_text():
            return page
    pytest.fail(f"no page of {language} has a solution toggle")


# The glossary's words for the title of a closed and an open solution.
SHOW_SOLUTION = {"de": "Lösung anzeigen", "az": "Həlli göstər"}
HIDE_SOLUTION = {"de": "Lösung verbergen", "az": "Həlli gizlət"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_solution_toggle_opens_and_closes_with_mouse_and_keyboard(site, http_site, page, language):
    page.goto(url(http_site, solution_page(site, language)))
    box = page.locator(".admonition.solution").first
    button = box.locator("button.toggle-button")
    code = box.locator("pre").first
    title = {False: SHOW_SOLUTION[language], True: HIDE_SOLUTION[language]}

    def is_open(expected: bool) -> None:
        assert code.is_visible() is expected
        assert button.get_attribute("aria-expanded") == str(expected).lower()
        assert box.locator(".admonition-title").inner_text().strip().startswith(title[expected])

    is_open(False)
    box.locator(".admonition-title").click()
    is_open(True)
    button.click()
    is_open(False)
    button.focus()
    page.keyboard.press("Enter")
    is_open(True)
    page.keyboard.press("Space")
    is_open(False)
    assert not page.errors


@pytest.mark.parametrize("scheme", ["http", "file"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switch_lands_on_the_same_page(site, http_site, page, language, scheme):
    base = http_site if scheme == "http" else site.as_uri() + "/"
    other = OTHER[language]
    page.goto(url(base, f"{language}/{LESSON}"))
    page.locator(f".language-switch a[hreflang={other}]").click()
    page.wait_for_load_state()
    assert page.url == url(base, f"{other}/{LESSON}")
    assert page.locator("html").get_attribute("lang") == other
    assert not page.errors


def test_landing_page_offers_both_languages(site, http_site, page):
    for language in LANGUAGES:  # chromium speaks English here: no redirect
        page.goto(url(http_site, "index.html"))
        page.locator(f"a[hreflang={language}]").click()
        page.wait_for_load_state()
        assert page.url == url(http_site, f"{language}/index.html")


def test_landing_page_follows_the_browser_language(http_site, chromium):
    context = chromium.new_context(locale="az-AZ")
    try:
        page = context.new_page()
        page.goto(url(http_site, "index.html"))
        page.wait_for_url(url(http_site, "az/index.html"))
    finally:
        context.close()


@pytest.mark.parametrize(("language", "query"), SEARCHES)
def test_search_finds_the_lesson_for_inflected_words(http_site, page, language, query):
    page.goto(url(http_site, f"{language}/search.html?q={quote(query)}"))
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=10_000)
    found = [link.get_attribute("href") for link in results.all()]
    assert any(href.split("?")[0].endswith(LESSON) for href in found), found
    assert not page.errors


def interface_urls(site: Path, base: str) -> list[str]:
    """Every page, plus search pages with results and without."""
    urls = [url(base, page) for page in site_pages(site)]
    for language, query in SEARCHES[::3]:
        urls.append(url(base, f"{language}/search.html?q={quote(query)}"))
        urls.append(url(base, f"{language}/search.html?q=qqxyzzyqq"))
    return urls


def wait_until_ready(page) -> None:
    """Wait for what scripts add late: copy buttons, search results."""
    page.wait_for_function(  # copybutton waits for clipboard.js, loaded async
        "!document.querySelector('div.highlight pre') || document.querySelector('.copybtn')")
    if "search.html?q=" in page.url:  # ... until the summary ("found ...") is written
        page.wait_for_function(
            "document.querySelector('#search-results p.search-summary')?.innerText.trim()")


def test_no_page_logs_a_javascript_error(site, http_site, page):
    for address in interface_urls(site, http_site):
        page.goto(address)
        wait_until_ready(page)
    assert not page.errors, "\n".join(page.errors)


def test_no_english_in_the_interface(site, http_site, page):
    found = []
    for address in interface_urls(site, http_site):
        page.goto(address)
        wait_until_ready(page)
        for line in page.evaluate(COLLECT_INTERFACE_TEXT).splitlines():
            if ENGLISH_UI.search(line):
                found.append(f"{address}: {line.strip()[:120]}")
    assert not found, "English interface text:\n" + "\n".join(found)

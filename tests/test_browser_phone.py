"""The site on a phone (375 px wide) in a real browser, and search across languages.

At this width furo folds the sidebar into a menu drawer. The language switch
must still be in sight in the header; toggles, the switch and search must
work; axe-core must find nothing serious or critical. Switching language on
the search page keeps the query and searches again, at any width.

Fixtures (chromium, http_site) come from ``tests/browser.py``.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.browser import LANGUAGES, site_pages
from tests.test_browser_a11y import RUN_AXE
from tests.test_browser_site import HIDE_SOLUTION, SHOW_SOLUTION, solution_page

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
LAPTOP = {"width": 1280, "height": 900}
OTHER = {"de": "az", "az": "de"}
LESSON = "checkpoints.html"


@pytest.fixture
def phone(chromium):
    """A new page at phone width, with touch; ``phone.errors`` collects JS errors."""
    context = chromium.new_context(viewport=PHONE, has_touch=True, color_scheme="light")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switch_is_in_the_header_on_every_page(site, http_site, phone, language):
    """Visible at once, inside the screen, without opening the menu."""
    problems = []
    for path in site_pages(site):
        if not path.startswith(language + "/"):
            continue
        phone.goto(http_site + path)
        link = phone.locator(f".mobile-header .header-language-link[hreflang={OTHER[language]}]")
        if not link.is_visible():
            problems.append(f"{path}: no visible switch in the header")
            continue
        box = link.bounding_box()
        if box["x"] < 0 or box["x"] + box["width"] > PHONE["width"] or box["y"] > 80:
            problems.append(f"{path}: the switch is outside the header: {box}")
        if phone.evaluate("document.querySelector('.mobile-header').scrollWidth") > PHONE["width"]:
            problems.append(f"{path}: the header is wider than the screen")
        if phone.locator(".sidebar-drawer .language-switch").is_visible() and \
                phone.locator(".sidebar-drawer").bounding_box()["x"] >= 0:
            problems.append(f"{path}: the menu drawer is open")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_switch_lands_on_the_same_page(http_site, phone, language):
    other = OTHER[language]
    phone.goto(f"{http_site}{language}/{LESSON}")
    phone.locator(f".header-language-link[hreflang={other}]").tap()
    phone.wait_for_url(f"{http_site}{other}/{LESSON}")
    assert phone.locator("html").get_attribute("lang") == other
    assert not phone.errors


@pytest.mark.parametrize("language", LANGUAGES)
def test_solution_toggle_works_on_a_phone(site, http_site, phone, language):
    phone.goto(http_site + solution_page(site, language))
    box = phone.locator(".admonition.solution").first
    title = box.locator(".admonition-title")
    code = box.locator("pre").first
    assert not code.is_visible()
    title.tap()
    code.wait_for(state="visible")
    assert title.inner_text().strip().startswith(HIDE_SOLUTION[language])
    box_width = phone.evaluate("document.documentElement.scrollWidth")
    assert box_width <= PHONE["width"], "the open solution widens the page"
    title.tap()
    code.wait_for(state="hidden")
    assert title.inner_text().strip().startswith(SHOW_SOLUTION[language])
    assert not phone.errors


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_from_the_menu_on_a_phone(http_site, phone, language):
    phone.goto(f"{http_site}{language}/index.html")
    phone.locator(".mobile-header .nav-overlay-icon").tap()
    field = phone.locator(".sidebar-drawer input[name=q]")
    field.wait_for(state="visible")
    field.fill("state_dict")
    field.press("Enter")
    phone.wait_for_url("**/search.html?q=state_dict*")
    results = phone.locator("#search-results ul.search li a")
    results.first.wait_for()
    hrefs = [link.get_attribute("href") for link in results.all()]
    assert any(href.split("?")[0].endswith(LESSON) for href in hrefs), hrefs
    assert not phone.errors


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_switching_language_on_the_search_page_keeps_the_query(http_site, chromium, language, viewport):
    context = chromium.new_context(viewport=viewport)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        other, query = OTHER[language], "state_dict"
        page.goto(f"{http_site}{language}/search.html?q={quote(query)}")
        page.locator("#search-results ul.search li a").first.wait_for()
        switch = ".header-language-link" if viewport is PHONE else ".language-switch a"
        page.locator(f"{switch}[hreflang={other}]").click()
        page.wait_for_url(f"{http_site}{other}/search.html?q={quote(query)}")
        assert page.locator("#search-results input[name=q], input[name=q]").first.input_value() == query
        results = page.locator("#search-results ul.search li a")
        results.first.wait_for()  # searched again, in the other language
        hrefs = [link.get_attribute("href") for link in results.all()]
        assert any(href.split("?")[0].endswith(LESSON) for href in hrefs), hrefs
    finally:
        context.close()


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations_on_a_phone(site, http_site, chromium, axe_source, color_scheme):
    context = chromium.new_context(viewport=PHONE, color_scheme=color_scheme)
    context.set_default_timeout(10_000)
    found = []
    try:
        page = context.new_page()
        for path in site_pages(site):
            page.goto(http_site + path)
            page.add_script_tag(content=axe_source)
            found += [f"{path}: {violation}" for violation in page.evaluate(RUN_AXE)]
    finally:
        context.close()
    assert not found, "axe-core at 375 px, serious or critical:\n" + "\n".join(found)

"""Fixtures for the tests that open the built site in a real browser.

A pytest plugin (``conftest.py`` loads it): one Debian chromium for the whole
test run, driven by Playwright; the built site served over http on
127.0.0.1; a fresh page per test that records every JavaScript error.

Where chromium, Playwright or axe-core is missing, the tests skip and say
how to install it. ``COURSE_REQUIRE_BROWSER=1`` (set by ``.ci/run``) turns
those skips into failures, so CI cannot pass without having run them.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("COURSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ("de", "az")


def require(available: bool, how_to_install: str) -> None:
    """Skip the test unless ``available``; in CI, fail instead."""
    if available:
        return
    if os.environ.get("COURSE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"required for CI: {how_to_install}", pytrace=False)
    pytest.skip(how_to_install)


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site, relative to it: index.html, de/..., az/..."""
    pages = ["index.html"]
    for language in LANGUAGES:
        pages += sorted(f"{language}/{page.name}" for page in (site / language).glob("*.html"))
    return pages


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # keep the test output readable
        pass


@pytest.fixture(scope="session")
def http_site(site: Path) -> Iterator[str]:
    """The built site over http: the base URL, ending in a slash."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """One headless chromium for the whole test run."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright is missing: make venv (it is in requirements.txt)")
    require(Path(CHROMIUM).is_file(), "chromium is missing: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class JavaScriptErrors(list):
    """Uncaught exceptions and console errors, as 'url: message' lines."""

    def watch(self, page) -> None:
        page.on("pageerror", lambda error: self.append(f"{page.url}: {error}"))
        page.on("console", lambda message: message.type == "error"
                and self.append(f"{page.url}: {message.text}"))


@pytest.fixture
def page(chromium) -> Iterator[object]:
    """A new page in light mode at laptop width; ``page.errors`` collects JS errors."""
    context = chromium.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)  # a page of this site is ready in well under a second
    new_page = context.new_page()
    new_page.errors = JavaScriptErrors()
    new_page.errors.watch(new_page)
    yield new_page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    require(AXE.is_file(), "axe-core is missing: make axe (needs node and npm)")
    return AXE.read_text(encoding="utf-8")

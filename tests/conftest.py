"""Shared fixtures of the project's own tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.build import build_site

ROOT = Path(__file__).resolve().parent.parent

# Fixtures of the real-browser tests: chromium, the site over http, axe-core.
pytest_plugins = ("tests.browser",)

# pytest.ini's timeout is the learner's, per grading test. Our tests build
# sites and start browsers, on shared machines: they get longer.
PROJECT_TEST_TIMEOUT_S = 180


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(PROJECT_TEST_TIMEOUT_S))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The full edition (``make html SOLUTIONS=show``): both languages and the landing
    page, built once per test run, warnings as errors."""
    out = tmp_path_factory.mktemp("site") / "html"
    assert build_site(out, solutions="show") == 0, \
        "the site does not build (see Sphinx's messages above)"
    return out


@pytest.fixture(scope="session")
def student_site(tmp_path_factory) -> Path:
    """The student edition (``make html``, the default), built once per test run."""
    out = tmp_path_factory.mktemp("student-site") / "html"
    assert build_site(out, solutions="hide") == 0, "the student edition does not build"
    return out

"""Shared fixtures of the project's own tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from course.build import build_site

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """Both languages and the landing page, built once per test run, warnings as errors."""
    out = tmp_path_factory.mktemp("site") / "html"
    assert build_site(out) == 0, "the site does not build (see Sphinx's messages above)"
    return out

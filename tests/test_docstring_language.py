"""A bilingual docstring shows one language per site."""

from course.site.docstrings import keep_language

DOC = ["Shared line.", "[de]", "Deutsch.", ":param x: das x", "", "[az]", "Azərbaycanca.",
       ":param x: x dəyəri", ""]


def test_keeps_only_the_page_language_and_the_shared_part():
    assert keep_language(DOC, "de") == ["Shared line.", "Deutsch.", ":param x: das x"]
    assert keep_language(DOC, "az") == ["Shared line.", "Azərbaycanca.", ":param x: x dəyəri"]


def test_docstring_without_markers_stays_whole():
    assert keep_language(["One.", "", "Two."], "az") == ["One.", "", "Two."]

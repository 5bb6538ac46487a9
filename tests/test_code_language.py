"""A Python listing keeps the page's language: docstrings, comments, texts.

``course.site.code_language`` filters every Python block of a page (the
sample-solution pages, the solution toggles); here it is checked on its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from course.site.code_language import keep_language_in_code

ROOT = Path(__file__).resolve().parent.parent

SOURCE = '''"""
Shared line.
[de]
Modul auf Deutsch.

[az]
Modul azərbaycanca.
"""

MESSAGES = {
    "short": {"de": "kurz", "az": "qısa"},
    "long": {
        "de": "eine lange "
        "Meldung",
        "az": "uzun "
        "mesaj",  # [de] Kommentar [az] şərh
    },
}


def f(x):
    """
    [de]
    Tut etwas.

    [az]
    Nəsə edir.
    """
    # [de] Erste Zeile,
    # zweite Zeile.
    # [az] Birinci sətir,
    # ikinci sətir.
    y = x + 1  # [de] eins mehr [az] bir artıq
    # a comment without a language
    return y  # [az] yalnız azərbaycanca
'''


def test_german_page_keeps_only_german():
    kept = keep_language_in_code(SOURCE, "de")
    for german in ("Shared line.", "Modul auf Deutsch.", '"kurz"', '"Meldung"', "Tut etwas.",
                   "# Erste Zeile,", "# zweite Zeile.", "# eins mehr", "a comment without"):
        assert german in kept, german
    for azerbaijani in ("azərbaycanca", "qısa", "uzun", "mesaj", "şərh", "Nəsə", "sətir",
                        "artıq", "[de]", "[az]", '"az"'):
        assert azerbaijani not in kept, azerbaijani
    assert "return y\n" in kept  # the other language's trailing comment goes with its spaces
    ast.parse(kept)


def test_azerbaijani_page_keeps_only_azerbaijani():
    kept = keep_language_in_code(SOURCE, "az")
    for azerbaijani in ("Modul azərbaycanca.", '"qısa"', '"mesaj",  # şərh', "Nəsə edir.",
                        "# Birinci sətir,", "# ikinci sətir.", "# bir artıq",
                        "# yalnız azərbaycanca"):
        assert azerbaijani in kept, azerbaijani
    for german in ("Deutsch", "kurz", "Meldung", "Kommentar", "Tut etwas", "Zeile", "eins mehr"):
        assert german not in kept, german
    ast.parse(kept)


def test_code_without_markers_and_broken_code_stay_as_they_are():
    plain = 'def g():\n    """Only one language."""\n    return {"a": 1}  # note\n'
    assert keep_language_in_code(plain, "az") == plain
    broken = 'def h(:\n    # [de] halb\n'
    assert keep_language_in_code(broken, "az") == broken


@pytest.mark.parametrize("path", sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "solutions").glob("*.py")))
@pytest.mark.parametrize("language", ["de", "az"])
def test_every_reference_file_stays_valid_python_in_each_language(path, language):
    kept = keep_language_in_code((ROOT / path).read_text(encoding="utf-8"), language)
    ast.parse(kept)
    other = {"de": "[az]", "az": "[de]"}[language]
    assert other not in kept

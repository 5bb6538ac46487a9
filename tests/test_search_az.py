"""The Azerbaijani search stemmer (course/site/search_az.py and .js)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from course.site.search_az import az_lower, js_stemmer_code, stem
from tests.browser import require

ROOT = Path(__file__).resolve().parent.parent

# Forms from the Azerbaijani lessons that a reader may type for one another.
SAME_WORD = [
    ["çəki", "çəkilər", "çəkiləri", "çəkilərini", "çəkilərinin", "Çəkilərin"],
    ["təlim", "təlimin", "təlimi", "təlimdə", "təlimdən", "TƏLİMİ"],
    ["bərpa", "bərpası", "bərpasını", "BƏRPASI"],
    ["yükləmək", "yüklənir", "yükləyir", "yüklənən"],
    ["epoxa", "epoxanı", "epoxadan", "epoxalar"],
    ["fayl", "faylı", "faylın", "faylda", "fayldan", "fayllar"],
    ["tapşırıq", "tapşırığı", "TAPŞIRIQ"],
    ["vəziyyət", "vəziyyəti", "vəziyyətini"],
    ["model", "modelin", "modeli", "modellər"],
]
DIFFERENT_WORDS = ["model", "fayl", "təlim", "çəki", "epoxa", "xəta"]


def test_azerbaijani_lower_case_keeps_dotted_and_dotless_i_apart():
    assert az_lower("IŞIQ") == "ışıq"
    assert az_lower("İSTİFADƏ") == "istifadə"  # str.lower() would give "i̇stifadə"
    assert az_lower("ÇƏKİ ĞÖÜŞ") == "çəki ğöüş"


@pytest.mark.parametrize("forms", SAME_WORD, ids=lambda forms: forms[0])
def test_forms_of_a_word_share_a_stem(forms):
    assert len({stem(form) for form in forms}) == 1, {form: stem(form) for form in forms}


def test_different_words_keep_different_stems():
    assert len({stem(word) for word in DIFFERENT_WORDS}) == len(DIFFERENT_WORDS)


def lesson_words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "az").glob("*.md"))
    words = sorted(set(re.findall(r"[^\W\d_]+", text)))
    return words + [word.upper() for word in words] + [form for forms in SAME_WORD for form in forms]


def test_javascript_stemmer_agrees_with_python():
    """Every word of the lessons, as Sphinx's search page stems a query: toLowerCase, then stemWord."""
    node = shutil.which("node")
    require(node is not None, "node is missing: apt-get install -y nodejs")
    words = lesson_words()
    script = js_stemmer_code() + """
const stemmer = new Stemmer();
const words = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(words.map((w) => stemmer.stemWord(w.toLowerCase()))));
"""
    result = subprocess.run([node, "-e", script], input=json.dumps(words), text=True,
                            capture_output=True, check=True, timeout=30)
    js_stems = json.loads(result.stdout)
    differ = {w: (stem(w), js) for w, js in zip(words, js_stems) if stem(w) != js}
    assert not differ, f"Python and JavaScript stem differently (python, js): {differ}"


def test_the_azerbaijani_index_uses_the_stemmer(site):
    index = (site / "az" / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index.removeprefix("Search.setIndex(").removesuffix(")"))["terms"]
    assert stem("çəkilərinin") in terms
    assert "çəkilərinin" not in terms  # the English stemmer would have kept it whole
    assert "Stemmer" in (site / "az" / "_static" / "language_data.js").read_text(encoding="utf-8")

"""Search for Azerbaijani pages: a light stemmer, in Python and JavaScript.

Sphinx has no Azerbaijani stemmer and silently falls back to the English one,
so ``təlimdə`` would never find ``təlimin``. Azerbaijani words take chains of
suffixes (``çəki-lər-i-nin``: weight-PLURAL-POSSESSIVE-GENITIVE); this
stemmer strips known suffixes from the end, longest first, as long as a stem
of at least ``MIN_STEM`` letters with a vowel remains. It over-stems some
words (``təlim`` -> ``təl``): for search that is harmless, as long as every
form of a word ends up at the same stem.

The index is stemmed here in Python; the query is stemmed in the browser by
``search_az.js``, which gets the same suffix list from this module. Both
must agree; ``tests/test_search_az.py`` checks them on the same words.

Letter case: Azerbaijani pairs ``I``/``ı`` and ``İ``/``i``, but Python's
``str.lower`` and JavaScript's ``toLowerCase`` (which Sphinx applies to the
query before stemming) follow English: ``I`` -> ``i``. So both stemmers fold
``ı`` into ``i`` after lower-casing; the two letters then never decide
whether a query matches.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.search import SearchLanguage

VOWELS = "aeəiıoöuü"
MIN_STEM = 3

# Written with "i" only: ı is folded into i before suffixes are stripped.
# Each group lists the forms vowel harmony allows.
SUFFIXES = sorted({
    # plural
    "lar", "lər",
    # possessive: my, your, his/her (after a vowel: -sı), our, your (pl.)
    "im", "um", "üm", "in", "un", "ün", "i", "u", "ü", "si", "su", "sü",
    "imiz", "umuz", "ümüz", "iniz", "unuz", "ünüz", "m", "n", "miz", "muz", "müz",
    # cases: genitive, dative, accusative, locative, ablative, instrumental
    "nin", "nun", "nün", "a", "ə", "ya", "yə", "na", "nə", "ni", "nu", "nü",
    "yi", "yu", "yü", "da", "də", "nda", "ndə", "dan", "dən", "ndan", "ndən",
    "la", "lə", "yla", "ylə",
    # "of/in" adjectives and "-ki": təlimdəki
    "ki", "dəki", "daki",
    # verbs: infinitive, present, past, future, passive, imperative, participles
    "maq", "mək", "ir", "ur", "ür", "yir", "yur", "yür", "di", "du", "dü",
    "miş", "muş", "müş", "acaq", "əcək", "yacaq", "yəcək", "il", "ul", "ül",
    "yin", "yun", "yün", "araq", "ərək", "ma", "mə",
    # predicate "is": -dır
    "dir", "dur", "dür", "tir", "tur", "tür",
}, key=lambda suffix: (-len(suffix), suffix))


def az_lower(text: str) -> str:
    """Lower-case the Azerbaijani way: ``I`` -> ``ı``, ``İ`` -> ``i``."""
    return text.replace("I", "ı").replace("İ", "i").lower()


def fold(text: str) -> str:
    """Lower-case, then let ``ı`` and ``i`` count as one letter (see above).

    Also drops U+0307, the dot that ``toLowerCase`` leaves of an ``İ``.
    """
    return az_lower(text).replace("\u0307", "").replace("ı", "i")


def stem(word: str) -> str:
    """The stem that every inflected form of ``word`` shares."""
    word = fold(word)
    stripped = True
    while stripped:
        stripped = False
        for suffix in SUFFIXES:
            rest = word[: -len(suffix)]
            if word.endswith(suffix) and len(rest) >= MIN_STEM and any(v in rest for v in VOWELS):
                word, stripped = rest, True
                break
    # A final q or k turns voiced before a vowel: tapşırıq, tapşırığı.
    if word.endswith("ğ"):
        word = word[:-1] + "q"
    return word


def js_stemmer_code() -> str:
    """``search_az.js`` with this module's suffix list and limits filled in."""
    source = Path(__file__).with_name("search_az.js").read_text(encoding="utf-8")
    return (source.replace('"@SUFFIXES@"', json.dumps(SUFFIXES, ensure_ascii=False))
                  .replace('"@VOWELS@"', json.dumps(VOWELS, ensure_ascii=False))
                  .replace('"@MIN_STEM@"', str(MIN_STEM)))


class SearchAzerbaijani(SearchLanguage):
    lang = "az"
    language_name = "Azerbaijani"
    js_stemmer_code = js_stemmer_code()  # goes into _static/language_data.js

    def stem(self, word: str) -> str:
        return stem(word)


def setup(app: Sphinx) -> None:
    app.add_search_language(SearchAzerbaijani)

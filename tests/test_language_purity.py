"""No page of one language shows text of the other, at laptop and phone width.

Every built page of each language is opened in chromium with its solution
toggles open. What a reader sees or hears is checked: the visible text, the
labels (``aria-label``, ``title``, ...), and inside code the comments, the
docstrings and the strings. Python names and inline code stay out: they are
code, in no language. Text that the page itself marks as another language
(``lang="az"`` on the link "Azərbaycanca" of the language switch) is allowed.

The languages are told apart by word lists, not by hand-picked phrases:

* German: Sphinx's own German stopword list (``sphinx.search.de``) without
  the words that are English or Azerbaijani as well, and the letters ä and ß,
  which Azerbaijani does not have.
* Azerbaijani: the letters ə, ı and ğ, which German does not have, and a list
  of Azerbaijani function words written without them (``AZERBAIJANI_WORDS``).
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from sphinx.search.de import GERMAN_STOPWORDS
from sphinx.search.en import SearchEnglish

from tests.browser import LANGUAGES, site_pages

# German stopwords that also are English words (a page quotes English titles
# and error messages), or Azerbaijani words and suffixes (GPU-da, -dir).
AMBIGUOUS_GERMAN = set(SearchEnglish.stopwords) | {
    "also", "bin", "da", "die", "dir", "hat", "hin", "man", "war", "was", "weg", "will",
}
GERMAN_WORDS = frozenset(GERMAN_STOPWORDS) - AMBIGUOUS_GERMAN
GERMAN_LETTERS = set("äÄß")

AZERBAIJANI_LETTERS = set("əƏığĞ")
# Azerbaijani function words and very common words, in the forms a German
# reader would not take for German; the letters above catch the rest.
AZERBAIJANI_WORDS = frozenset("""
    bu bunu bunun buna bunlar burada orada ki ya yaxud yoxsa amma lakin kimi
    olan olur olunur oldu olsun olmadan sonra yox var deyil onu onun ona ondan
    onlar bizim biz siz sizin bir birinci ilk yeni eyni daha edir edin edilir
    olmaq yoxdur fayl faylda faylin mesaj modeli modelin zaman halda
""".split())

# English words that are neither German nor Azerbaijani: in a code comment or
# a docstring, a line with two of them is English prose, which a learner of
# either language should not meet there ("both languages or neither").
ENGLISH_WORDS = frozenset(SearchEnglish.stopwords) - frozenset(GERMAN_STOPWORDS) - {
    "a", "i", "an", "am", "as", "be", "die", "so", "was", "will", "me", "my", "he", "we",
} - AZERBAIJANI_WORDS

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def other_language_words(text: str, language: str) -> list[str]:
    """The words of ``text`` that belong to the language that is not ``language``."""
    found = []
    for word in WORD.findall(text):
        lower = word.lower()
        if language == "az":
            if GERMAN_LETTERS & set(word) or lower in GERMAN_WORDS:
                found.append(word)
        elif AZERBAIJANI_LETTERS & set(word) or lower in AZERBAIJANI_WORDS:
            found.append(word)
    return found


def english_words(text: str) -> list[str]:
    """The English words of ``text`` if it reads as English prose, else nothing."""
    found = [word for word in WORD.findall(text) if word.lower() in ENGLISH_WORDS]
    return found if len({word.lower() for word in found}) >= 2 else []


# Comments and docstrings of the code on a page, one per line.
COLLECT_CODE_PROSE = """(language) => {
  document.querySelectorAll(".toggle-hidden button.toggle-button").forEach((b) => b.click());
  return [...document.querySelectorAll("pre :is(.c, .c1, .ch, .cm, .cs, .sd)")]
    .map((el) => el.textContent).join("\\n");
}"""

# Runs in the page: what a reader meets, except code names and text that the
# page marks as another language. Toggles are opened first.
COLLECT_TEXT = """async (language) => {
  document.querySelectorAll(".toggle-hidden button.toggle-button").forEach((b) => b.click());
  await Promise.all(document.getAnimations().map((animation) => animation.finished));
  const foreign = (el) => {
    const marked = el.closest("[lang]");
    return marked && marked !== document.documentElement
      && !marked.getAttribute("lang").startsWith(language);
  };
  const texts = [document.title];
  // Inside code: comments, docstrings, strings (Pygments' c* and s* classes).
  const words = ".c, .c1, .ch, .cm, .cpf, .cs, .s, .s1, .s2, .sa, .sb, .sc, .sd, .se, .sh, .sx, .dl";
  for (const el of document.querySelectorAll(`pre :is(${words})`)) {
    if (!foreign(el)) texts.push(el.textContent);
  }
  const names = ["aria-label", "title", "placeholder", "alt", "data-tooltip", "data-toggle-hint"];
  for (const el of document.querySelectorAll("*")) {
    if (foreign(el) || el.closest("pre")) continue;
    for (const name of names) {
      if (el.hasAttribute(name)) texts.push(el.getAttribute(name));
    }
  }
  const marked = [...document.querySelectorAll("body [lang]")].filter(foreign);
  marked.forEach((el) => el.remove());
  document.querySelectorAll("pre, code, kbd, samp, .sig").forEach((el) => el.remove());
  texts.push(document.body.innerText);
  return texts.join("\\n");
}"""

WIDTHS = {"laptop": 1280, "phone": 375}


def test_word_lists_tell_the_languages_apart():
    german = "Die Funktion lädt den Checkpoint und gibt die nächste Epoche zurück."
    azerbaijani = "Funksiya checkpoint-i yükləyir və növbəti epoxanı qaytarır."
    assert other_language_words(german, "az") and not other_language_words(german, "de")
    assert other_language_words(azerbaijani, "de") and not other_language_words(azerbaijani, "az")
    # Words of a third language, code and numbers are neither.
    for neutral in ("Saving and loading a general checkpoint", "state_dict 0.25 GPU-da"):
        assert not other_language_words(neutral, "az")
    assert other_language_words("bu fayl yoxdur", "de")  # without ə, ı or ğ
    assert other_language_words("sie enthält mehr als Gewichte", "az")
    assert english_words("# Same directory: os.replace is atomic only within one file system.")
    for not_english in ("# [de] weights_only=True: Ein Checkpoint kann von überall kommen",
                        "# checkpoint hər yerdən gələ bilər, ona görə", "# {'loss': 0.25}"):
        assert not english_words(not_english), not_english


def purity_urls(site, base: str, language: str) -> list[str]:
    """Every built page of ``language``, and its search page with results.

    The start page is German with its Azerbaijani link marked ``lang="az"``.
    """
    urls = [base + page for page in site_pages(site)
            if page.startswith(language + "/") or (page == "index.html" and language == "de")]
    urls.append(base + f"{language}/search.html?q={quote('checkpoint')}")
    return urls


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_shows_the_other_language(site, http_site, chromium, language, width):
    context = chromium.new_context(viewport={"width": WIDTHS[width], "height": 800})
    context.set_default_timeout(10_000)
    found = []
    try:
        page = context.new_page()
        for address in purity_urls(site, http_site, language):
            page.goto(address)
            if "search.html?q=" in address:
                page.wait_for_function(
                    "document.querySelector('#search-results p.search-summary')?.innerText.trim()")
            for line in page.evaluate(COLLECT_TEXT, language).splitlines():
                words = other_language_words(line, language)
                if words:
                    found.append(f"{address}: {sorted(set(words))} in {line.strip()[:140]!r}")
    finally:
        context.close()
    assert not found, f"text of the other language on {language} pages ({width}):\n" + "\n".join(found)


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_code_on_a_page_is_commented_in_english(site, http_site, page, language):
    """Comments and docstrings in listings are in the page's language."""
    found = []
    for address in purity_urls(site, http_site, language):
        page.goto(address)
        for line in page.evaluate(COLLECT_CODE_PROSE, language).splitlines():
            if english_words(line):
                found.append(f"{address}: {line.strip()[:140]!r}")
    assert not found, (f"English comments or docstrings on {language} pages (write them as "
                       "'# [de] ...' and '# [az] ...', see course/site/code_language.py):\n"
                       + "\n".join(found))

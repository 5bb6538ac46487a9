"""Links from every page to the same page in the other language(s).

Each language is a separate Sphinx build (``docs/<lang>`` -> ``<out>/<lang>``),
so one build cannot ask the other which pages it has. It looks at the other
language's source folder instead: a page with a source file of the same name
there has a counterpart; pages Sphinx makes itself (search, index) exist in
every build; anything else links to that language's start page.

Links are relative, so the switch works from ``file://`` as well as over
http. The templates use ``language_links`` three times: as ``<link
rel="alternate" hreflang>`` in the head (``page.html``), as the visible switch
in the sidebar (``sidebar/language-switch.html``) and in the header that
furo shows on narrow screens (``header-language-switch.html``). On the
search page the visible links carry ``data-keeps-query``: ``course.js`` adds
the query, so the other language searches for it again.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.matching import Matcher
from sphinx.util.osutil import relative_uri

from course.i18n import LANGUAGE_NAMES, LANGUAGES


def has_source(app: Sphinx, source_dir: Path, docname: str) -> bool:
    """Whether ``source_dir`` has a page ``docname`` that the build does not exclude.

    Both builds share the configuration, so the student edition leaves out
    the same pages in each.
    """
    excluded = Matcher(app.config.exclude_patterns)
    return any(source_dir.joinpath(docname + suffix).is_file() and not excluded(docname + suffix)
               for suffix in app.config.source_suffix)


def counterpart(app: Sphinx, pagename: str, language: str) -> str:
    """The page of ``language`` that corresponds to ``pagename`` of this build."""
    generated = pagename not in app.env.found_docs  # search, genindex, ...
    other_sources = Path(app.srcdir).parent / language
    if generated or has_source(app, other_sources, pagename):
        return pagename
    return app.config.root_doc


def language_links(app: Sphinx, pagename: str) -> list[dict[str, object]]:
    """One entry per language: its code, its own name, and a relative href."""
    here = app.builder.get_target_uri(pagename)
    links = []
    for language in LANGUAGES:
        current = language == app.config.language
        target = pagename if current else counterpart(app, pagename, language)
        # Both builds sit side by side: <out>/de/..., <out>/az/...
        href = relative_uri(here, f"../{language}/" + app.builder.get_target_uri(target))
        links.append({
            "language": language,
            "name": LANGUAGE_NAMES[language],
            "href": href,
            "current": current,
        })
    return links


def _add_to_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    context["language_links"] = language_links(app, pagename)


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _add_to_context)

"""The site's interface in the page's language.

Every text of the interface is translated in ``locale/<lang>/LC_MESSAGES/
sphinx.po``; this module only makes sure each text goes through that
catalog. Three places need help:

* furo writes some labels into its templates without ``_()`` (the aria-label
  of the theme button, the titles of its icons). ``page.html`` passes furo's
  rendered body through :func:`translate_hardcoded`, which looks them up.
* sphinx-togglebutton reads its hints from the configuration, translated when
  it was imported, i.e. before the language was known. They are set here, per
  build, before togglebutton turns them into JavaScript.
* sphinx-copybutton and togglebutton write English into the page from
  JavaScript; ``static/course.js`` corrects that in the browser, with the
  texts of this same catalog (see ``js_catalog``).
"""

from __future__ import annotations

import json
import re
from html import escape, unescape

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _

# Labels that furo's templates (page.html, partials/icons.html) hard-code.
FURO_HARDCODED = (
    "Toggle site navigation sidebar",
    "Toggle table of contents sidebar",
    "Toggle Light / Dark / Auto color theme",
    "Contents",
    "Menu",
    "Expand",
    "Light mode",
    "Dark mode",
    "Auto light/dark, in light mode",
    "Auto light/dark, in dark mode",
)
# furo's navigation tree labels each expander "Toggle navigation of <title>".
NAVIGATION_TOGGLE = "Toggle navigation of %s"

_HARDCODED = re.compile(
    r'(?P<open>aria-label="|<title>)(?P<text>%s)(?P<close>"|</title>)'
    % "|".join(re.escape(escape(text)) for text in FURO_HARDCODED)
)
_NAVIGATION = re.compile(r'aria-label="Toggle navigation of (?P<title>[^"]*)"')


def translate_hardcoded(html: str) -> str:
    """``html`` with furo's hard-coded English labels looked up in the catalog."""
    html = _HARDCODED.sub(
        lambda m: m["open"] + escape(_(unescape(m["text"]))) + m["close"], html)
    return _NAVIGATION.sub(
        lambda m: 'aria-label="%s"' % escape(_(NAVIGATION_TOGGLE) % unescape(m["title"])),
        html)


def js_string_body(text: str) -> str:
    """``text`` escaped for a JavaScript string literal in single quotes.

    togglebutton pastes its hints unescaped into ``let x = '...';`` inside a
    ``<script>`` element, so quotes and ``</script>`` must not survive.
    """
    return json.dumps(text)[1:-1].replace("'", "\\u0027").replace("<", "\\u003c")


def _set_toggle_hints(app: Sphinx, config: Config) -> None:
    config.togglebutton_hint = js_string_body(_("Click to show"))
    config.togglebutton_hint_hide = js_string_body(_("Click to hide"))


def _set_author(app: Sphinx, config: Config) -> None:
    """The team's name in the build's language only, in the footer too."""
    config.author = config.course_authors.get(config.language, config.author)
    config.copyright = f"{config.copyright}, {config.author}"


def _add_to_context(app: Sphinx, pagename, templatename, context, doctree) -> None:
    context["translate_hardcoded"] = translate_hardcoded


def setup(app: Sphinx) -> None:
    # Before togglebutton's own config-inited handler (priority 500) writes
    # the hints into the page's scripts.
    app.connect("config-inited", _set_toggle_hints, priority=400)
    app.add_config_value("course_authors", {}, "html")
    app.connect("config-inited", _set_author)
    app.connect("html-page-context", _add_to_context)
    app.add_css_file("course.css")
    # After copybutton.js and togglebutton.js (priority 500), whose texts it fixes.
    app.add_js_file("course.js", priority=600)

"""Give the browser the same translations as the templates.

Sphinx compiles our ``locale/<lang>/LC_MESSAGES/sphinx.po`` into the ``.mo``
file that the templates read, but the texts written by JavaScript (search
messages, our own ``course.js``) come from ``_static/translations.js``, which
Sphinx copies from a ready-made ``sphinx.js`` next to the catalog. Sphinx
ships that file for German only, and never builds one from a project's
catalog. So before the builder looks for it, this writes ``sphinx.js`` next
to our ``sphinx.po``: Sphinx's own browser messages for the language (if it
has any), overridden by ours. Like the ``.mo``, the file is generated at
every build and not kept in git.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po
from sphinx import package_dir
from sphinx.application import Sphinx
from sphinx.config import Config

PREFIX = "Documentation.addTranslations("
SUFFIX = ");"


def sphinx_messages(language: str) -> dict[str, str | list[str]]:
    """The browser messages that Sphinx itself ships for ``language``."""
    shipped = Path(package_dir, "locale", language, "LC_MESSAGES", "sphinx.js")
    if not shipped.is_file():
        return {}
    text = shipped.read_text(encoding="utf-8").strip()
    catalog = json.loads(text.removeprefix(PREFIX).removesuffix(SUFFIX))
    return {key: value for key, value in catalog["messages"].items() if _translated(value)}


def project_catalog(po_file: Path) -> tuple[dict[str, str | list[str]], str]:
    """Our translated messages and the plural rule, read from a ``.po`` file."""
    with po_file.open("rb") as f:
        catalog = read_po(f)
    messages = {}
    for message in catalog:
        if not message.id or not _translated(message.string):
            continue
        if message.pluralizable:  # keyed by the singular, like Sphinx's own files
            messages[message.id[0]] = list(message.string)
        else:
            messages[message.id] = message.string
    return messages, catalog.plural_expr


def _translated(value: str | list[str] | tuple[str, ...]) -> bool:
    # An empty translation would make the browser show nothing at all.
    return all(value) if isinstance(value, (list, tuple)) else bool(value)


def write_js_catalog(po_file: Path, language: str) -> Path:
    """Write ``sphinx.js`` next to ``po_file``; returns its path."""
    messages, plural_expr = project_catalog(po_file)
    catalog = {
        "locale": language,
        "messages": {**sphinx_messages(language), **messages},
        # The browser indexes the plural forms with it: (n != 1) must give 0/1, not false/true.
        "plural_expr": f"Number({plural_expr})",
    }
    target = po_file.with_suffix(".js")
    text = PREFIX + json.dumps(catalog, ensure_ascii=False, indent=1, sort_keys=True) + SUFFIX
    # Both language builds (and other checkouts' test runs) may write at once:
    # write a temporary file, then swap it in whole.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent,
                                     suffix=".tmp", delete=False) as tmp:
        tmp.write(text + "\n")
    os.replace(tmp.name, target)
    return target


def _write_for_build(app: Sphinx, config: Config) -> None:
    digest = hashlib.sha256()
    for locale_dir in config.locale_dirs:
        po_file = Path(app.srcdir, locale_dir, config.language, "LC_MESSAGES", "sphinx.po")
        if po_file.is_file():
            write_js_catalog(po_file, config.language)
            digest.update(po_file.read_bytes())
    # Sphinx re-reads unchanged pages when a setting changes, but not when a
    # catalog does (and directives translate while reading); so this setting
    # changes with the catalog.
    config.course_catalog_digest = digest.hexdigest()


def setup(app: Sphinx) -> None:
    app.add_config_value("course_catalog_digest", "", "env")
    # config-inited comes before the builder decides whether a page loads
    # translations.js, which it does only if it finds a sphinx.js.
    app.connect("config-inited", _write_for_build)

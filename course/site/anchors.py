"""Readable section anchors in both languages.

docutils makes a section's id from its title by dropping every letter that
has no ASCII base: ``Təhlükəsizlik`` became ``#thluksizlik``. MyST adds a
second id of its own, with the letters kept (``#təhlükəsizlik``), which a
shared link escapes into ``%C9%99``. Neither reads well.

So every heading gets one anchor, made here: the title with the Azerbaijani
letters transliterated (ə→e, ı→i, ş→s, ç→c, ğ→g, ö→o, ü→u, and the German
ä→a, ß→ss), then docutils' ``make_id``: ``#tehlukesizlik-yalniz-cekileri-
yuklemek-weights-only``. ``slugify`` is MyST's ``myst_heading_slug_func``
too (see ``conf.py``), so a Markdown link ``[...](#slug)`` finds the same
anchor. Explicit labels such as ``(task-1)=`` are left as they are and stay
the first id of their section.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

TRANSLITERATION = str.maketrans({
    "ə": "e", "Ə": "E", "ı": "i", "İ": "I", "ş": "s", "Ş": "S",
    "ç": "c", "Ç": "C", "ğ": "g", "Ğ": "G", "ö": "o", "Ö": "O", "ü": "u", "Ü": "U",
    "ä": "a", "Ä": "A", "ß": "ss", "ẞ": "SS",
})


def transliterate(text: str) -> str:
    return text.translate(TRANSLITERATION)


def slugify(title: str) -> str:
    """The anchor of a heading titled ``title``."""
    return nodes.make_id(transliterate(title))


class ReadableSectionIds(SphinxTransform):
    """Replace docutils' id of each section, made from its title, with ``slugify``'s."""

    # After the parser made its ids, before MyST adds its slug ids (AddSlugIds)
    # and before the table of contents is collected (doctree-read).
    default_priority = 500

    def apply(self, **kwargs) -> None:
        renamed: dict[str, str] = {}
        for section in self.document.findall(nodes.section):
            if not section.children or not isinstance(section[0], nodes.title):
                continue
            title = section[0].astext()
            generated = nodes.make_id(nodes.fully_normalize_name(title))
            readable = slugify(title)
            if generated not in section["ids"] or not readable or readable == generated:
                continue
            owner = self.document.ids.get(readable)
            if owner is not None and owner is not section:
                continue  # two headings with the same title: keep docutils' id
            position = section["ids"].index(generated)
            if readable in section["ids"]:
                section["ids"].remove(generated)
            else:
                section["ids"][position] = readable
            if self.document.ids.get(generated) is section:
                del self.document.ids[generated]
            self.document.ids[readable] = section
            renamed[generated] = readable
        # MyST resolves [text](#slug) through the ids it noted while parsing.
        slugs = getattr(self.document, "myst_slugs", {})
        for slug, (line, target, text) in list(slugs.items()):
            if target in renamed:
                slugs[slug] = (line, renamed[target], text)


def setup(app: Sphinx) -> None:
    app.add_transform(ReadableSectionIds)

"""The course's Sphinx extension: everything a page needs beyond stock Sphinx.

Each concern lives in its own module; ``setup`` only wires them up.
"""

from sphinx.application import Sphinx

from . import (anchors, code_language, docstrings, edition, interface, js_catalog,
               language_switch, notebook_download, search_az, solution)


def setup(app: Sphinx) -> dict:
    docstrings.setup(app)
    code_language.setup(app)  # ... and of the comments and texts in listings
    edition.setup(app)  # full site or student edition
    solution.setup(app)
    interface.setup(app)  # the interface in the page's language
    js_catalog.setup(app)  # ... also where JavaScript writes it
    language_switch.setup(app)
    search_az.setup(app)
    anchors.setup(app)  # readable section anchors
    notebook_download.setup(app)  # each lesson as a Jupyter notebook
    return {"parallel_read_safe": True, "parallel_write_safe": True}

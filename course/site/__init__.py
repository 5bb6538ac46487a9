"""The course's Sphinx extension: everything a page needs beyond stock Sphinx.

Each concern lives in its own module; ``setup`` only wires them up.
"""

from sphinx.application import Sphinx

from . import docstrings, solution


def setup(app: Sphinx) -> dict:
    docstrings.setup(app)
    solution.setup(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

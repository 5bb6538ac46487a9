"""Implementations with one realistic mistake each, and correct ones written differently.

One package per lesson (``tests/mistakes/basics/``, ...). Its ``__init__.py``
holds the lesson's catalogue:

- ``MISTAKES``: mistake module -> {grading test that must fail: verdict key};
- ``CORRECT_VARIANTS``: modules that solve the lesson differently and must pass.

``tests/test_grading_catches_mistakes.py`` grades every module with
``--lesson <lesson>`` and checks that each mistake is caught by the right
test, with the right verdict, and that the correct variants pass. A mistake
module takes the lesson's other functions from the reference, so only the
mistake is under test.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass


@dataclass(frozen=True)
class Catalogue:
    lesson: str
    mistakes: dict[str, dict[str, str]]  # module name -> {test name: message key}
    correct_variants: list[str]

    def impl(self, module: str) -> str:
        """The ``--impl`` name of one of this lesson's modules."""
        return f"{__name__}.{self.lesson}.{module}"


def catalogues() -> list[Catalogue]:
    """Every lesson's catalogue, in the order of the packages' names."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.ispkg:
            package = importlib.import_module(f"{__name__}.{info.name}")
            found.append(Catalogue(info.name, dict(package.MISTAKES),
                                   list(package.CORRECT_VARIANTS)))
    return found

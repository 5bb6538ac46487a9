"""Sphinx configuration shared by both language builds.

``course.build`` runs Sphinx once per language with ``-D language=de|az`` and
``docs/<lang>`` as the source folder. Everything that depends on the language
is decided in ``course.site`` once the language is known, so this file stays
the same for both.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # autodoc imports `checkpoints`, the directive `solutions`

project = "PyTorch-Checkpoints"
# The team in each language: course.site puts the build's own into the footer
# ("Copyright 2026, Kursteam"), so that a page never names it in both.
course_authors = {"de": "Kursteam", "az": "Kurs komandası"}
author = " / ".join(course_authors.values())
copyright = "2026"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx_autodoc_typehints",
    "sphinx_copybutton",
    "sphinx_togglebutton",
    "course.site",
]

# The language is set per build (-D language=...); "de" only for a bare run.
language = "de"
locale_dirs = [str(ROOT / "locale")]
gettext_compact = False

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# Anchors read as their heading: ə→e, ı→i, ... before the slug is made
# (course/site/anchors.py, which gives docutils' section ids the same form).
myst_heading_slug_func = "course.site.anchors.slugify"

html_theme = "furo"
html_title = "PyTorch-Checkpoints"
html_favicon = str(ROOT / "course" / "site" / "favicon.svg")  # else browsers ask for a missing /favicon.ico
html_static_path = [str(ROOT / "course" / "site" / "static")]
templates_path = [str(ROOT / "course" / "site" / "templates")]
html_show_sourcelink = False
html_copy_source = False
# furo's default sidebar, with the language switch under the site's name.
html_sidebars = {"**": [
    "sidebar/brand.html",
    "sidebar/language-switch.html",
    "sidebar/search.html",
    "sidebar/scroll-start.html",
    "sidebar/navigation.html",
    "sidebar/scroll-end.html",
]}
# The footer's "Made with Sphinx and @pradyunsg's Furo" is English word order
# that no catalog can fix; without Sphinx it is "Made with Furo", translated.
html_show_sphinx = False

autodoc_typehints = "description"  # types go next to each parameter's text
typehints_use_signature = False
typehints_use_signature_return = False
always_use_bars_union = True

# The solutions (sample-solution page, solution toggles) are left out unless
# SOLUTIONS=show: `make html` builds the student edition, instructors
# `make html SOLUTIONS=show` (course.build always sets it).
course_solutions = os.environ.get("SOLUTIONS", "hide")

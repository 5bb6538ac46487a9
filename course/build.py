"""Build the course site: one Sphinx build per language, plus a landing page.

``make html`` calls this; so do the project's tests, which build into a
temporary folder.

    python -m course.build [--out _build/html] [--solutions hide|show]

``hide`` (the default) is the student edition, without solutions; ``show``
is the instructors' full edition. On the command line it ends by naming the
page to open in each language (``file:///.../_build/html/de/index.html``).

Each language is built in its own process, side by side. One process cannot
build two languages: Sphinx fixes some translated labels (such as the
"Parameters" field) the first time they are used.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

from course.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def build_language(language: str, out: Path, solutions: str) -> int:
    """Run Sphinx for one language with warnings as errors; 0 on success."""
    from sphinx.cmd.build import build_main
    from sphinx.deprecation import RemovedInSphinx10Warning

    # sphinx-autodoc-typehints 3.6 (the last for Python 3.11) calls an API
    # that Sphinx 10 drops; the notice is for its maintainers, not our readers.
    warnings.filterwarnings("ignore", category=RemovedInSphinx10Warning)
    os.environ["SOLUTIONS"] = solutions  # read by conf.py
    _forget_other_edition(out / language, solutions)
    status = build_main([
        "-b", "html",
        "-c", str(ROOT),
        "-D", f"language={language}",
        "-W", "--keep-going",
        "-q",
        # A student edition and the full site must not share cached doctrees.
        "-d", str(out.parent / f"doctrees-{solutions}" / language),
        str(DOCS / language),
        str(out / language),
    ])
    if status == 0:
        (out / language / EDITION_MARK).write_text(solutions)
    return status


EDITION_MARK = ".edition"  # which edition (show/hide) a language folder holds


def _forget_other_edition(folder: Path, solutions: str) -> None:
    """Sphinx never deletes a page, so switching editions starts from an empty folder.

    Otherwise the student edition would keep the sample-solution pages that
    an earlier full build wrote.
    """
    mark = folder / EDITION_MARK
    if folder.exists() and (not mark.is_file() or mark.read_text() != solutions):
        shutil.rmtree(folder)


def build_site(out: Path, solutions: str) -> int:
    """Build every language in parallel, then the landing page.

    ``solutions``: "hide" for the student edition, "show" for the full one.
    """
    out.mkdir(parents=True, exist_ok=True)
    builds = [
        subprocess.Popen([sys.executable, "-m", "course.build", "--out", str(out),
                          "--solutions", solutions, "--language", language],
                         cwd=ROOT)
        for language in LANGUAGES
    ]
    failed = [p.args[-1] for p in builds if p.wait() != 0]
    if failed:
        print(f"course.build: failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    shutil.copyfile(DOCS / "landing.html", out / "index.html")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--solutions", choices=("hide", "show"),
                        default=os.environ.get("SOLUTIONS") or "hide",
                        help="hide: the student edition (default); show: with the solutions")
    parser.add_argument("--language", choices=LANGUAGES,
                        help="build only this language (no landing page)")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    if args.language:
        return build_language(args.language, out, args.solutions)
    status = build_site(out, args.solutions)
    if status == 0:
        print(where_to_open(out, args.solutions))
    return status


# What `make html` says last, in each language: which edition, and its page.
BUILT = {
    "de": {"hide": "Die Seiten für Studierende (ohne Lösungen) sind fertig. Öffne im Browser:",
           "show": "Die Seiten mit den Lösungen sind fertig. Öffne im Browser:"},
    "az": {"hide": "Tələbələr üçün səhifələr (həllər olmadan) hazırdır. Brauzerdə açın:",
           "show": "Həllərlə birlikdə səhifələr hazırdır. Brauzerdə açın:"},
}


def where_to_open(out: Path, solutions: str) -> str:
    """Per language, one line on the edition built and the address of its start page."""
    lines = []
    for language in LANGUAGES:
        lines += ["", BUILT[language][solutions], f"  {(out / language / 'index.html').as_uri()}"]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

"""No mojibake, ever: every source and every built page is clean UTF-8.

Mojibake is what UTF-8 looks like after a wrong decode: "ə" read as
Windows-1252 becomes "\u00c9\u2122", "ö" becomes "\u00c3\u00b6". The Azerbaijani
seed arrived that way once. (Escaped here, or this file would fail its own test.)
"""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEXT_SUFFIXES = {".py", ".md", ".rst", ".toml", ".txt", ".po", ".html", ".js", ".css", ".ini",
                 ".json", ".cfg", ".yml", ".yaml", ""}

# UTF-8 lead bytes of Latin letters read as cp1252/cp1254/latin-1, and the
# replacement character left by a lossy decode.
MOJIBAKE = re.compile("[ÃÄÅÉ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                      "\u02c6\u02dc\u2013-\u203a\u20ac\u2122\u011e\u011f\u0130\u0131\u015e\u015f]"
                      "|\ufffd|\u00f0\u0178")


def tracked_text_files() -> list[Path]:
    names = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return [ROOT / n for n in names if Path(n).suffix in TEXT_SUFFIXES and (ROOT / n).is_file()]


def find_mojibake(path: Path) -> str | None:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        return f"not UTF-8: {error}"
    match = MOJIBAKE.search(text)
    return f"mojibake {match.group()!r} at offset {match.start()}" if match else None


def test_detector_knows_mojibake():
    for broken in ("t\u00c9\u2122lim", "L\u00c3\u00b6sung", "\u00c4\u00b1", "\ufffd"):
        assert MOJIBAKE.search(broken), broken
    assert not MOJIBAKE.search("təlim Lösung çəkilər İ ı ğ ş ü Əgər")


def test_sources_are_clean_utf8():
    problems = {str(p.relative_to(ROOT)): find_mojibake(p) for p in tracked_text_files()}
    assert {p: why for p, why in problems.items() if why} == {}


def test_built_pages_are_clean_utf8(site):
    files = [p for p in site.rglob("*") if p.suffix in {".html", ".js", ".css"}]
    assert files
    problems = {str(p.relative_to(site)): find_mojibake(p) for p in files}
    assert {p: why for p, why in problems.items() if why} == {}


@pytest.mark.parametrize("language", ["de", "az"])
def test_built_pages_declare_utf8(site, language):
    page = (site / language / "index.html").read_text(encoding="utf-8")
    assert '<meta charset="utf-8"' in page.lower()

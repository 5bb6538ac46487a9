"""The asynchronous lesson shows the measurements of ``bench/results.md``, never numbers copied by hand.

``make bench`` writes the stall table of ``bench/results.md`` into both
pages, in their language, between two markers; this test fails when a page
and the results file tell different numbers.
"""

from __future__ import annotations

import pytest

from bench.__main__ import RESULTS, STALL_BLOCK, STALL_PAGES, stall_tables


@pytest.mark.parametrize("language", sorted(STALL_PAGES))
def test_the_page_shows_the_current_bench_results(language: str) -> None:
    page = STALL_PAGES[language].read_text(encoding="utf-8")
    block = STALL_BLOCK.search(page)
    assert block, f"{STALL_PAGES[language].name} ({language}) has no bench block"
    expected = stall_tables(RESULTS.read_text(encoding="utf-8"), language)
    shown = block[0].removeprefix(block[1]).removesuffix(block[2])
    assert shown == expected, "the page's table differs from bench/results.md: run `python -m bench --pages-only`"

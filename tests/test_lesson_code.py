"""Every Python example in every lesson runs (see ``course.lesson_code``).

The runner is checked on small made-up pages here. The lessons' own
examples run as their notebooks, in a Jupyter kernel, one test per page and
language (``tests/test_notebooks.py``): the notebook's code cells are the
same blocks, chosen by ``python_blocks``, so ``make test`` runs them once.
This file makes sure no page with code is left out of that.
"""

from __future__ import annotations

from pathlib import Path

from course.grading.tasks import all_lessons
from course.lesson_code import python_blocks, run_page

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(DOCS.glob("*/*.md"))

SYNTHETIC_PAGE = """\
# A page

```python
from pathlib import Path
import solutions  # the repository is importable
answer = 41
```

```{code-block} python
:class: fragment

model, optimizer = ...  # not meant to run
```

:::{solution} save_checkpoint
```python
raise AssertionError("a solution body does not run")
```
:::

::::{note}
```python
answer += 1
Path("written.txt").write_text("ok")  # in a temporary folder
```
::::

```python
assert answer == 42
assert sorted(p.name for p in Path().iterdir()) == ["written.txt"]  # started empty
```
"""


def test_finds_the_blocks_that_run_in_page_order():
    blocks = python_blocks(SYNTHETIC_PAGE)
    assert [block.number for block in blocks] == [1, 2, 3]
    assert [block.line for block in blocks] == [4, 23, 29]
    assert "answer += 1" in blocks[1].code
    assert all("not meant to run" not in b.code and "AssertionError" not in b.code
               for b in blocks)


def test_a_good_page_passes(tmp_path):
    page = tmp_path / "good.md"
    page.write_text(SYNTHETIC_PAGE, encoding="utf-8")
    assert run_page(page) is None


def test_a_broken_block_fails_with_page_block_and_error(tmp_path):
    page = tmp_path / "broken.md"
    page.write_text(SYNTHETIC_PAGE.replace("answer += 1", "answer += 1 / 0"),
                    encoding="utf-8")
    failure = run_page(page)
    assert failure is not None
    assert "broken.md, block 2 (line 23) failed" in failure
    assert "ZeroDivisionError" in failure
    assert 'broken.md", line 23, in <module>' in failure  # the traceback points into the page


def test_a_syntax_error_is_reported_too(tmp_path):
    page = tmp_path / "typo.md"
    page.write_text("```python\nprint('ok'\n```\n", encoding="utf-8")
    failure = run_page(page)
    assert failure is not None and "block 1 (line 2)" in failure and "SyntaxError" in failure


def test_every_page_with_code_is_a_lesson_whose_notebook_runs():
    lessons = {lesson.page.replace(".html", ".md") for lesson in all_lessons()}
    with_code = {page.name for page in PAGES if python_blocks(page.read_text(encoding="utf-8"))}
    assert with_code, "no page has code: the pages were not found"
    assert with_code <= lessons, f"code that no notebook runs: {sorted(with_code - lessons)}"

"""Each lesson page as a Jupyter notebook (``course.notebooks``), its download, ``make jupyter``.

The converter is checked on a small made-up page first, and a student
notebook that calls an unsolved task runs on in a kernel; then every lesson's
full-edition notebook runs in a Jupyter kernel against the reference (this
is what runs the lessons' examples in ``make test``, see
``tests/test_lesson_code.py``), the student edition's notebooks are checked
for solution code, and the built site must link each lesson to its notebook.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

import solutions
from course.grading.tasks import Lesson, all_lessons, all_tasks, lesson_named
from course.i18n import LANGUAGES
from course.lesson_code import python_blocks
from course.notebooks import NotConvertible, lesson_notebook, write_notebooks
from course.site.solution import source_without_docstring

ROOT = Path(__file__).resolve().parent.parent
LESSON_NOTEBOOKS = [(lesson, language) for lesson in all_lessons() for language in LANGUAGES]
NOTEBOOK_IDS = [f"{language}/{lesson.page.replace('.html', '.ipynb')}"
                for lesson, language in LESSON_NOTEBOOKS]
PARALLEL_KERNELS = 2  # the test machines have two cores
NOTEBOOK_TIMEOUT_S = 120  # a whole notebook, kernel start included

SYNTHETIC_PAGE = """\
# Eine Seite

::::{admonition} Hinweis zu den Beispielen
:class: note

Die Beispiele verwenden die Musterlösung.

:::{only} solutions
Nur in der vollen Ausgabe: {doc}`other`.
:::
::::

(task-1)=
## Aufgabe 1: speichern

```{eval-rst}
.. autofunction:: checkpoints.save_checkpoint
```

```python
from solutions import save_checkpoint  # deine Lösung: from checkpoints import save_checkpoint
answer = 41
```

```{code-block} python
:class: fragment

model, optimizer = ...  # nicht zum Ausführen
```

:::{solution} save_checkpoint
Worte unter der Lösung.
:::

Siehe {ref}`Aufgabe 1 <task-1>`, {ref}`task-1` und {ref}`far-away` und {doc}`other`.
"""
OTHER_PAGE = "# Die andere Seite\n\n(far-away)=\n## Weit weg\n\nText.\n"
SYNTHETIC_LESSON = Lesson(id="basics", module="basics", page="synthetic.html",
                          title={"de": "Eine Seite", "az": "Bir səhifə"})


def synthetic(tmp_path: Path, language: str, solutions_shown: bool,
              page: str = SYNTHETIC_PAGE) -> nbformat.NotebookNode:
    (tmp_path / "synthetic.md").write_text(page, encoding="utf-8")
    (tmp_path / "other.md").write_text(OTHER_PAGE, encoding="utf-8")
    return lesson_notebook(SYNTHETIC_LESSON, language, solutions_shown, pages=tmp_path)


def sources(notebook, cell_type: str) -> list[str]:
    return [cell.source for cell in notebook.cells if cell.cell_type == cell_type]


@pytest.mark.parametrize("solutions_shown", [True, False], ids=["full", "student"])
def test_the_first_cells_say_how_to_grade_and_find_the_course(tmp_path, solutions_shown):
    notebook = synthetic(tmp_path, "de", solutions_shown)
    first, setup = notebook.cells[:2]
    assert first.cell_type == "markdown" and first.source.startswith("# Eine Seite\n")
    assert "`./grade --lesson basics`" in first.source and "`make watch`" in first.source
    assert "checkpoints/basics.py" in first.source
    assert "`make jupyter`" in first.source and "`notebooks/de/`" in first.source  # how to open it
    assert setup.cell_type == "code"
    assert '"exercises" / "tasks.toml"' in setup.source and "sys.path.insert" in setup.source
    assert "Kursordner nicht gefunden" in setup.source  # what to do, in the language
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert notebook.metadata["language_info"]["name"] == "python"
    assert notebook.metadata["language"] == "de"
    nbformat.validate(notebook)


def test_the_blocks_that_run_on_the_page_are_the_code_cells(tmp_path):
    notebook = synthetic(tmp_path, "de", True)
    code = sources(notebook, "code")[1:]  # after the setup cell
    assert code == [block.code.rstrip() for block in python_blocks(SYNTHETIC_PAGE)]
    assert "from solutions import save_checkpoint" in code[0]  # run against the reference
    markdown = "\n".join(sources(notebook, "markdown"))
    assert "model, optimizer = ...  # nicht zum Ausführen" in markdown  # shown, not run


def test_a_student_notebook_imports_the_students_package(tmp_path):
    notebook = synthetic(tmp_path, "de", False)
    code = sources(notebook, "code")[1:]
    assert code == ["from checkpoints import save_checkpoint\nanswer = 41"]
    assert "aus deinem Paket `checkpoints`" in notebook.cells[0].source  # the intro says so


def test_the_full_edition_shows_the_solution_without_running_it(tmp_path):
    notebook = synthetic(tmp_path, "de", True)
    markdown = "\n".join(sources(notebook, "markdown"))
    assert "<summary>Lösung anzeigen</summary>" in markdown  # the site's toggle's words
    assert "torch.save(checkpoint, filename)" in markdown
    assert "Worte unter der Lösung." in markdown
    assert "Nur in der vollen Ausgabe: Die andere Seite." in markdown  # {only} solutions
    assert not any("torch.save(checkpoint" in code for code in sources(notebook, "code"))


def test_the_student_edition_has_no_solution(tmp_path):
    notebook = synthetic(tmp_path, "de", False)
    text = "\n".join(cell.source for cell in notebook.cells)
    assert "<details>" not in text and "torch.save(checkpoint, filename)" not in text
    assert "Worte unter der Lösung" not in text and "Nur in der vollen Ausgabe" not in text
    assert "> **Hinweis zu den Beispielen**" in text  # the admonition stays, as a quote


@pytest.mark.parametrize("language, own, other", [
    ("de", "Speichert den Zustand von Modell", "Modelin və optimallaşdırıcının"),
    ("az", "Modelin və optimallaşdırıcının", "Speichert den Zustand von Modell"),
])
def test_autofunction_becomes_signature_and_docstring_in_one_language(
        tmp_path, language, own, other):
    notebook = synthetic(tmp_path, language, True)
    markdown = "\n".join(sources(notebook, "markdown"))
    assert "def save_checkpoint(\n    model: nn.Module," in markdown
    assert own in markdown and other not in markdown
    assert "- `epoch`: " in markdown  # :param epoch: as a list item
    assert "[de]" not in markdown and "[az]" not in markdown and ":param" not in markdown


def test_targets_become_anchors_and_references_links_or_words(tmp_path):
    markdown = "\n".join(sources(synthetic(tmp_path, "de", True), "markdown"))
    assert '<a id="task-1"></a>\n## Aufgabe 1: speichern' in markdown
    assert "(task-1)=" not in markdown
    assert ("Siehe [Aufgabe 1](#task-1), [Aufgabe 1: speichern](#task-1) und Weit weg "
            "und Die andere Seite.") in markdown
    assert "{ref}" not in markdown and "{doc}" not in markdown


def test_what_a_notebook_cannot_express_fails_naming_the_page(tmp_path):
    page = SYNTHETIC_PAGE + "\n```{literalinclude} ../../solutions/basics.py\n```\n"
    with pytest.raises(NotConvertible, match=r"synthetic\.md: .*literalinclude"):
        synthetic(tmp_path, "de", True, page=page)


UNSOLVED_PAGE = """\
# Eine Seite

(task-1)=
## Aufgabe 1: speichern

```{eval-rst}
.. autofunction:: checkpoints.save_checkpoint
```

```python
from solutions import save_checkpoint  # deine Lösung: from checkpoints import save_checkpoint
import torch
model = torch.nn.Linear(1, 1)
save_checkpoint(model, torch.optim.SGD(model.parameters(), lr=0.1), 1, "demo.pth")
```

```python
print(torch.load("demo.pth"))
```

```python
print("Die Zellen danach laufen.")
```

```python
def save_checkpoint(*args, **kwargs):  # now it is solved
    pass

save_checkpoint()
```

```python
print(torch.load("demo.pth"))
```
"""


def test_a_student_notebook_names_an_unsolved_task_and_runs_on(tmp_path):
    """Run all, against the untouched stubs, as JupyterLab does: the call of the
    unsolved task says so, and so does the cell that needed its file; both count
    as run (execute_reply "ok"), so the cells after them run too. Once a cell
    calls the task without an error, an error is an error again."""
    notebook = synthetic(tmp_path, "de", False, page=UNSOLVED_PAGE)
    client = NotebookClient(notebook, kernel_name="python3", timeout=120,
                            resources={"metadata": {"path": str(ROOT)}})
    with pytest.raises(CellExecutionError, match="FileNotFoundError"):
        client.execute(env={**os.environ, "TMPDIR": str(tmp_path),
                            "IPYTHONDIR": str(tmp_path / "ipython"),
                            "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")})
    calls, needs, after, solved, last = [
        cell for cell in client.nb.cells if cell.cell_type == "code"][1:]
    shown = ["".join(output.get("text", "") for output in cell.outputs
                     if output.output_type == "stream") for cell in (calls, needs, after)]
    assert shown[0] == "Aufgabe 1 (save_checkpoint) ist noch nicht gelöst → ./grade --task 1\n"
    assert shown[1].startswith("FileNotFoundError: ")
    assert shown[1].endswith("(Diese Zelle braucht wohl das Ergebnis von Aufgabe 1, die noch "
                             "nicht gelöst ist → ./grade --task 1)\n")
    assert shown[2] == "Die Zellen danach laufen.\n"
    for cell in (calls, needs, after, solved):
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source
    assert any(output.output_type == "error" for output in last.outputs)


def test_the_azerbaijani_notebook_says_it_in_azerbaijani(tmp_path):
    setup = synthetic(tmp_path, "az", False).cells[1].source
    assert '"Tapşırıq {task} ({function}) hələ həll edilməyib → ./grade --task {task}"' in setup
    assert 'TASKS = {\n    "save_checkpoint": 1,\n}' in setup  # from the pages' (task-N)= labels


def test_make_jupyter_writes_the_missing_notebooks_and_keeps_the_learners(tmp_path):
    basics = lesson_named("basics")
    mine = tmp_path / "de" / "checkpoints.ipynb"
    mine.parent.mkdir()
    mine.write_text("my notes", encoding="utf-8")
    written, kept = write_notebooks(tmp_path, solutions=False, lessons=[basics])
    assert written == [tmp_path / "az" / "checkpoints.ipynb"] and kept == [mine]
    assert mine.read_text(encoding="utf-8") == "my notes"
    assert nbformat.read(written[0], as_version=4) == lesson_notebook(basics, "az", False)


def test_the_readme_opens_the_notebooks_as_the_notebook_says():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count("`make jupyter`") >= 2  # in both languages
    pinned = (ROOT / "requirements-jupyter.txt").read_text(encoding="utf-8")
    assert re.search(r"^jupyterlab==[\d.]+$", pinned, re.MULTILINE)
    env = {key: value for key, value in os.environ.items()
           if key not in ("SOLUTIONS", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    planned = subprocess.run(["make", "--dry-run", "--no-print-directory", "jupyter"], cwd=ROOT,
                             env=env, capture_output=True, text=True, check=True).stdout
    assert "-r requirements-jupyter.txt" in planned or (ROOT / ".venv/.jupyter-ready").exists()
    assert "-m course.notebooks --out notebooks --solutions hide --jupyter" in planned


# --- the lessons --------------------------------------------------------------

@cache
def reference_only_lines(lesson_id: str) -> dict[str, list[str]]:
    """Per task of a lesson: code lines of the reference that neither stub nor page shows."""
    lesson = lesson_named(lesson_id)
    stubs = (ROOT / "checkpoints" / f"{lesson.module}.py").read_text(encoding="utf-8")
    page = "".join((ROOT / "docs" / language / lesson.page.replace(".html", ".md"))
                   .read_text(encoding="utf-8") for language in LANGUAGES)
    found = {}
    for task in all_tasks():
        if task.lesson != lesson.id:
            continue
        body = source_without_docstring(getattr(solutions, task.function)).splitlines()[1:]
        code = (line.split("  #")[0].strip() for line in body)
        found[task.function] = [line for line in code
                                if len(line) >= 20 and line not in stubs and line not in page]
    return found


@pytest.mark.parametrize("lesson, language", LESSON_NOTEBOOKS, ids=NOTEBOOK_IDS)
def test_student_notebooks_hold_no_solution_code(lesson, language):
    notebook = lesson_notebook(lesson, language, False)
    student = nbformat.writes(notebook)
    full = nbformat.writes(lesson_notebook(lesson, language, True))
    for code in sources(notebook, "code"):  # the prose may say what the page does
        assert not re.search(r"^\s*(from|import) solutions\b", code, re.MULTILINE), code
    for function, lines in reference_only_lines(lesson.id).items():
        # The control: the full edition shows the solution, so the lines are findable.
        assert any(line in full for line in lines), f"{function}: nothing to look for"
        leaked = [line for line in lines if line in student]
        assert not leaked, f"{function}'s solution in the student notebook: {leaked}"


def _execute(lesson: Lesson, language: str, scratch: Path) -> str | None:
    """Run the full edition's notebook in a fresh kernel; ``None`` or what went wrong."""
    name = f"{language}/{lesson.page.replace('.html', '.ipynb')}"
    notebook = lesson_notebook(lesson, language, True)
    scratch.mkdir(parents=True)
    deadline = time.monotonic() + NOTEBOOK_TIMEOUT_S
    client = NotebookClient(
        notebook, kernel_name="python3", startup_timeout=60,
        timeout_func=lambda cell: max(1, int(deadline - time.monotonic())),
        resources={"metadata": {"path": str(ROOT)}},  # opened in the course folder
    )
    environment = {**os.environ, "TMPDIR": str(scratch),  # the setup cell's working folder
                   "IPYTHONDIR": str(scratch / "ipython"),
                   "JUPYTER_RUNTIME_DIR": str(scratch / "runtime")}
    try:
        client.execute(env=environment)
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        return f"{name}: {_failed_cell(client.nb)}{_plain(str(error))}"
    return None


def _failed_cell(notebook) -> str:
    for index, cell in enumerate(notebook.cells):
        if any(output.get("output_type") == "error" for output in cell.get("outputs", [])):
            return f"cell {index} failed:\n"
        if cell.cell_type == "code" and cell.get("execution_count") is None:
            return f"cell {index} did not finish:\n"
    return ""


def _plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)  # the kernel colours its tracebacks


@pytest.fixture(scope="session")
def executed_notebooks(tmp_path_factory) -> dict[str, str | None]:
    """Every lesson's full notebook run against the reference, two kernels at a time."""
    scratch = tmp_path_factory.mktemp("notebooks")
    with ThreadPoolExecutor(max_workers=PARALLEL_KERNELS) as pool:
        futures = {name: pool.submit(_execute, lesson, language, scratch / name.replace("/", "-"))
                   for name, (lesson, language) in zip(NOTEBOOK_IDS, LESSON_NOTEBOOKS)}
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.timeout(len(LESSON_NOTEBOOKS) * NOTEBOOK_TIMEOUT_S // PARALLEL_KERNELS + 60)
@pytest.mark.parametrize("name", NOTEBOOK_IDS)
def test_lesson_notebook_runs_against_the_reference(executed_notebooks, name):
    failure = executed_notebooks[name]
    if failure:
        pytest.fail(failure, pytrace=False)


def test_a_failing_cell_is_named_with_its_error(tmp_path):
    lesson = lesson_named("basics")
    page = tmp_path / lesson.page.replace(".html", ".md")
    page.write_text("# Kaputt\n\n```python\nanswer = 1 / 0\n```\n", encoding="utf-8")
    notebook = lesson_notebook(lesson, "de", True, pages=tmp_path)
    client = NotebookClient(notebook, kernel_name="python3", timeout=60,
                            resources={"metadata": {"path": str(ROOT)}})
    with pytest.raises(CellExecutionError) as error:
        client.execute(env={**os.environ, "TMPDIR": str(tmp_path)})
    assert _failed_cell(client.nb) == "cell 2 failed:\n"
    assert "ZeroDivisionError" in _plain(str(error.value))


# --- the site -------------------------------------------------------------------

@pytest.mark.parametrize("language, label", [
    ("de", "Diese Lektion als Jupyter-Notebook herunterladen"),
    ("az", "Bu dərsi Jupyter notebook kimi endir"),
])
def test_each_lesson_page_links_its_notebook(site, language, label):
    for lesson in all_lessons():
        name = lesson.page.replace(".html", "")
        html = (site / language / lesson.page).read_text(encoding="utf-8")
        link = (f'<a href="{name}.ipynb" download="{name}-{language}.ipynb">{label}</a>')
        assert link in html, f"{language}/{lesson.page} has no download of its notebook"
        assert html.index(link) < html.index("<h1>"), "the download belongs above the title"
        written = (site / language / f"{name}.ipynb").read_text(encoding="utf-8")
        assert written.strip() == nbformat.writes(lesson_notebook(lesson, language, True))
    assert "notebook-download" not in (site / language / "index.html").read_text(encoding="utf-8")


def test_the_student_site_offers_the_student_notebooks(student_site):
    for language in LANGUAGES:
        for lesson in all_lessons():
            name = lesson.page.replace(".html", "")
            written = (student_site / language / f"{name}.ipynb").read_text(encoding="utf-8")
            assert written.strip() == nbformat.writes(lesson_notebook(lesson, language, False))


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_download_is_in_sight_on_a_phone(http_site, chromium, language):
    """375 px wide: the link is on screen when the lesson opens, and its file is a notebook."""
    context = chromium.new_context(viewport={"width": 375, "height": 740}, has_touch=True)
    try:
        phone = context.new_page()
        for lesson in all_lessons():
            phone.goto(f"{http_site}{language}/{lesson.page}")
            link = phone.locator(".notebook-download a")
            assert link.is_visible(), f"{language}/{lesson.page}: no download in sight"
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375
            assert box["y"] + box["height"] <= 740, "not in sight when the page opens"
            assert box["height"] >= 24, "too small to tap"
            folder = phone.url.rsplit("/", 1)[0]
            response = phone.request.get(f"{folder}/{link.get_attribute('href')}")
            assert response.ok
            assert response.json()["metadata"]["language"] == language
    finally:
        context.close()

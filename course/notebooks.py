"""Each lesson page as a Jupyter notebook, in the page's language.

A lesson page is MyST with the course's own directives; a notebook has only
markdown and code cells. The page's text is rewritten into a MyST notebook
(```` ```{code-cell} ipython3 ```` for code, plain markdown for the rest)
and jupytext turns that into the notebook:

- the blocks that run on the page (the same decision as the page's own test,
  ``course.lesson_code``) become code cells; in the student edition their
  ``from solutions ...`` imports become ``from checkpoints ...``, the
  learner's package, and the "your solution: ..." comment goes;
- fragments and other listings stay code listings in markdown, not run;
- ``.. autofunction::`` / ``.. autoclass::`` become the signature and the
  docstring in the notebook's language;
- a ``solution`` toggle becomes a ``<details>`` box with the reference code
  (full edition) or nothing (student edition); ``{only} solutions`` likewise;
- an admonition becomes a quote with a bold title;
- ``{doc}`` becomes the title of the page named, ``{ref}`` a link to an
  anchor in the notebook, or its words where the target is on another page.

First come the title, a paragraph on how to open the notebook (``make
jupyter``), use it and grade the lesson, and a setup cell that finds the
course folder. The setup cell also turns a call of a task that is not solved
yet (the stub's ``NotImplementedError``) into one line naming the task and
its ``./grade`` command, and lets "run all" go on past it and past the
errors that follow from it. No Sphinx is needed;
``course.site.notebook_download`` writes the notebooks into the site, and

    python -m course.notebooks [--out notebooks] [--solutions show|hide]

(``make jupyter``) writes each lesson's notebook in each language into
``notebooks/<language>/``, never over one that is there already.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import re
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jupytext
import nbformat

from course.grading.tasks import Lesson, all_lessons
from course.i18n import LANGUAGES, chosen_languages, render
from course.lesson_code import PYTHON_NAMES, Fence, fences, runs
from course.site.code_language import keep_language_in_code
from course.site.docstrings import keep_language
from course.site.js_catalog import project_catalog
from course.site.solution import source_without_docstring

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
STUDENT_PACKAGE = "checkpoints"
REFERENCE_PACKAGE = "solutions"
ONLY_WITH_SOLUTIONS = "solutions"  # the tag of :::{only} that the full edition sets

TEXTS = {
    "intro": {
        "de": "Diese Lektion als Jupyter-Notebook: derselbe Text wie auf der Seite, "
              "die Beispiele als Code-Zellen zum Ausführen.\n\n"
              "**Öffnen:** `make jupyter` im Kursordner (dem Ordner mit "
              "`exercises/tasks.toml`) installiert beim ersten Mal JupyterLab in `.venv`, "
              "legt die Notebooks aller Lektionen in `notebooks/{language}/` an und "
              "startet JupyterLab im Browser. Ein heruntergeladenes Notebook legst du in "
              "den Kursordner oder einen Ordner darin; liegt es woanders, trag den "
              "Kursordner in der ersten Code-Zelle ein.\n\n"
              "Deine Lösungen schreibst du in `checkpoints/{module}.py`. Zum Bewerten "
              "führst du im Terminal im Kursordner `./grade --lesson {lesson}` aus, "
              "oder `make watch`, das nach jedem Speichern in `checkpoints/` neu bewertet.",
        "az": "Bu dərs Jupyter notebook şəklindədir: mətn səhifədəki ilə eynidir, "
              "nümunələr isə icra olunan kod xanalarıdır.\n\n"
              "**Necə açmalı:** kurs qovluğunda (`exercises/tasks.toml` faylı olan "
              "qovluqda) `make jupyter` əmri ilk dəfə JupyterLab-ı `.venv` mühitinə "
              "quraşdırır, bütün dərslərin notebook-larını `notebooks/{language}/` "
              "qovluğunda yaradır və JupyterLab-ı brauzerdə açır. Endirdiyiniz "
              "notebook-u kurs qovluğuna və ya onun içindəki bir qovluğa qoyun; başqa "
              "yerdədirsə, kurs qovluğunu birinci kod xanasında göstərin.\n\n"
              "Həllərinizi `checkpoints/{module}.py` faylına yazırsınız. Qiymətləndirmək "
              "üçün kurs qovluğunda terminalda `./grade --lesson {lesson}` əmrini və ya "
              "`checkpoints/` qovluğunda hər yadda saxlamadan sonra yenidən yoxlayan "
              "`make watch` əmrini işə salın.",
    },
    "student": {
        "de": "Anders als auf der Seite importieren die Beispiele hier aus deinem "
              "Paket `checkpoints`: Sie laufen, sobald du die Funktionen der Lektion "
              "implementiert hast. Ruft eine Zelle eine Aufgabe auf, die du noch nicht "
              "gelöst hast, sagt sie das, mit dem Befehl zum Bewerten, und die Zellen "
              "danach laufen weiter.",
        "az": "Səhifədən fərqli olaraq, buradakı nümunələr sizin `checkpoints` "
              "paketinizdən import edir: dərsin funksiyalarını həyata keçirdikdən "
              "sonra işləyəcəklər. Xana hələ həll etmədiyiniz tapşırığı çağırsa, bunu "
              "yoxlama əmri ilə birlikdə bildirir, sonrakı xanalar isə işləməyə davam edir.",
    },
    "setup": {
        "de": {"where": "Der Kursordner: der erste Ordner ab hier aufwärts mit exercises/tasks.toml.",
               "elsewhere": "Liegt das Notebook außerhalb des Kursordners, trag den Kursordner "
                            'hier ein, etwa Path("~/kurs").expanduser().',
               "not_found": "Kursordner nicht gefunden: Öffne das Notebook im Kursordner "
                            "oder trag ihn oben bei COURSE_FOLDER ein.",
               "importable": "damit checkpoints (und solutions) importierbar sind",
               "messages": "Meldungen des Kurses auf Deutsch",
               "files": "Die Beispiele schreiben Dateien: in einen eigenen, leeren Ordner, "
                        "wie beim Test der Seite.",
               "prefix": "lektion-", "course_folder": "Kursordner:",
               "working_folder": "Arbeitsordner:",
               "reload": "Änderungen in checkpoints/ gelten sofort, ohne Neustart des Kernels.",
               "not_solved": "Ruft eine Zelle eine Aufgabe auf, die noch NotImplementedError "
                             "auslöst,\n# steht statt des Tracebacks, welche Aufgabe es ist; "
                             "die Zellen danach laufen weiter.",
               "tasks": "Zu welcher Aufgabe jede Funktion des Kurses gehört.",
               "stub_says": "ein Stub nennt seine Funktion",
               "go_on": "die Zelle gilt als ausgeführt: „Alle Zellen ausführen“ geht weiter",
               "message": "Aufgabe {task} ({function}) ist noch nicht gelöst → "
                          "./grade --task {task}",
               "needs": "(Diese Zelle braucht wohl das Ergebnis von Aufgabe {task}, die noch "
                        "nicht gelöst ist → ./grade --task {task})",
               "unsolved_comment": "Aufgaben, die eine Zelle ungelöst fand; eine Zelle, die "
                                   "eine davon aufruft und durchläuft, streicht sie",
               "follows": "ein Fehler nach einer ungelösten Aufgabe folgt meist aus ihr"},
        "az": {"where": "Kurs qovluğu: buradan yuxarıya doğru exercises/tasks.toml olan ilk qovluq.",
               "elsewhere": "Notebook kurs qovluğundan kənardadırsa, kurs qovluğunu burada "
                            'göstərin, məsələn, Path("~/kurs").expanduser().',
               "not_found": "Kurs qovluğu tapılmadı: notebook-u kurs qovluğunda açın "
                            "və ya onun yolunu yuxarıdakı COURSE_FOLDER sətrində yazın.",
               "importable": "checkpoints (və solutions) import edilsin deyə",
               "messages": "kursun mesajları azərbaycanca",
               "files": "Nümunələr fayl yazır: səhifənin testindəki kimi ayrıca, boş qovluğa.",
               "prefix": "dərs-", "course_folder": "Kurs qovluğu:",
               "working_folder": "İş qovluğu:",
               "reload": "checkpoints/ qovluğundakı dəyişikliklər kernel yenidən "
                         "başladılmadan qüvvəyə minir.",
               "not_solved": "Xana hələ NotImplementedError qaldıran tapşırığı çağırsa, "
                             "traceback əvəzinə\n# hansı tapşırıq olduğu yazılır; sonrakı "
                             "xanalar işləməyə davam edir.",
               "tasks": "Kursun hər funksiyası hansı tapşırığa aiddir.",
               "stub_says": "stub öz funksiyasının adını bildirir",
               "go_on": "xana icra olunmuş sayılır: bütün xanalar icra olunanda növbəti xanaya keçilir",
               "message": "Tapşırıq {task} ({function}) hələ həll edilməyib → "
                          "./grade --task {task}",
               "needs": "(Bu xana, görünür, hələ həll edilməmiş tapşırığın nəticəsini tələb "
                        "edir: tapşırıq {task} → ./grade --task {task})",
               "unsolved_comment": "xananın həll edilməmiş tapdığı tapşırıqlar; onlardan "
                                   "birini çağırıb xətasız işləyən xana onu siyahıdan çıxarır",
               "follows": "həll edilməmiş tapşırıqdan sonrakı xəta adətən ondan irəli gəlir"},
    },
    "returns": {"de": "Rückgabe", "az": "Qaytarır"},
}
# The first code cell, one for both languages: only its words differ (TEXTS["setup"]).
SETUP = """\
import os
import sys
import tempfile
from pathlib import Path

# {where}
# {elsewhere}
COURSE_FOLDER = None
if COURSE_FOLDER is None:
    COURSE_FOLDER = next((folder for folder in [Path.cwd(), *Path.cwd().parents]
                          if (folder / "exercises" / "tasks.toml").is_file()), None)
if COURSE_FOLDER is None:
    raise FileNotFoundError({not_found})
sys.path.insert(0, str(COURSE_FOLDER))  # {importable}
os.environ.setdefault("COURSE_LANG", {language})  # {messages}
# {files}
os.chdir(tempfile.mkdtemp(prefix={prefix}))
print({course_folder}, COURSE_FOLDER)
print({working_folder}, Path.cwd())
# {reload}
%load_ext autoreload
%autoreload 2

# {not_solved}
# {tasks_comment}
TASKS = {tasks}
NOT_SOLVED = {message}
NEEDS = {needs}
UNSOLVED = set()  # {unsolved_comment}


def _unsolved_task(error):
    if isinstance(error, NotImplementedError):  # {stub_says}
        return TASKS.get(str(error).split(".")[0])
    return None


def _show_error(*args, _show=get_ipython().showtraceback, **kwargs):
    error = sys.exc_info()[1]
    task = _unsolved_task(error)
    if task is not None:
        UNSOLVED.add(task)
        print(NOT_SOLVED.format(task=task, function=error))
    elif UNSOLVED:  # {follows}
        print(f"{{type(error).__name__}}: {{error}}")
        print(NEEDS.format(task=min(UNSOLVED)))
    else:
        _show(*args, **kwargs)


def _go_on(result):  # {go_on}
    if result.error_in_exec is None:
        UNSOLVED.difference_update(task for name, task in TASKS.items()
                                   if f"{{name}}(" in result.info.raw_cell)
    elif UNSOLVED:
        result.error_in_exec = None


get_ipython().showtraceback = _show_error
get_ipython().events.register("post_run_cell", _go_on)
"""


class NotConvertible(ValueError):
    """The page has something a notebook cannot express (yet)."""


@dataclass(frozen=True)
class Code:
    """A code cell."""

    source: str


@dataclass(frozen=True)
class Edition:
    """What a notebook is made for."""

    language: str  # "de" or "az"
    solutions: bool  # the full edition (True) or the student edition
    pages: Path  # the language's page folder, for the titles of other pages


def lesson_notebook(lesson: Lesson, language: str, solutions: bool,
                    pages: Path | None = None) -> nbformat.NotebookNode:
    """The notebook of ``lesson`` in ``language``, full edition or student edition."""
    pages = pages or DOCS / language
    page = pages / lesson.page.replace(".html", ".md")
    return to_notebook(page.read_text(encoding="utf-8"), lesson,
                       Edition(language, solutions, pages), source=page.name)


def to_notebook(markdown: str, lesson: Lesson, edition: Edition,
                source: str = "page") -> nbformat.NotebookNode:
    """Convert the MyST text of a lesson page; ``source`` names the page in errors."""
    title, body = _split_title(markdown)
    try:
        pieces = _convert(body, edition, labels=_labels(body))
    except NotConvertible as problem:
        raise NotConvertible(f"{source}: {problem}") from None
    intro = TEXTS["intro"][edition.language].format(module=lesson.module, lesson=lesson.id,
                                                    language=edition.language)
    if not edition.solutions:
        intro += " " + TEXTS["student"][edition.language]
    head = [f"# {title}\n\n{intro}\n", _setup_cell(edition.language, edition.pages)]
    notebook = jupytext.reads(_myst_notebook(head + pieces), fmt="md:myst")
    notebook.metadata.pop("jupytext", None)  # not a paired file: nothing to sync
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number}"  # not random: the same page gives the same file
    notebook.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    notebook.metadata["language"] = edition.language
    nbformat.validate(notebook)
    return notebook


def _setup_cell(language: str, pages: Path) -> Code:
    words = TEXTS["setup"][language]
    literals = ("not_found", "prefix", "course_folder", "working_folder", "message", "needs")
    quoted = {key: json.dumps(words[key], ensure_ascii=False) for key in literals}
    lines = [""]
    for name, number in task_functions(pages).items():
        entry = f"{json.dumps(name)}: {number},"
        if lines[-1] and len(lines[-1]) + len(entry) > 80:
            lines.append("")
        lines[-1] = f"{lines[-1]} {entry}" if lines[-1] else f"    {entry}"
    tasks = "{\n" + "\n".join(lines) + "\n}"
    return Code(SETUP.format(**{**words, **quoted, "language": json.dumps(language),
                                "tasks": tasks, "tasks_comment": words["tasks"]}))


_AUTODOC_TARGET = re.compile(r"^\.\. auto(?:function|class):: %s\.(?P<name>\w+)\s*$"
                             % STUDENT_PACKAGE, re.MULTILINE)


def task_functions(pages: Path) -> dict[str, int]:
    """Each function or class of the learner's package -> the task whose section documents it.

    From the pages themselves: an ``autofunction`` under ``(task-N)=`` belongs
    to task N (``save_distributed`` and ``load_distributed`` both to task 13).
    """
    found = {}
    for page in sorted(pages.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        marks = sorted([(m.start(), "task", m["label"]) for m in _TARGET.finditer(text)]
                       + [(m.start(), "name", m["name"]) for m in _AUTODOC_TARGET.finditer(text)])
        task = None
        for _, kind, value in marks:
            if kind == "task":
                number = value.removeprefix("task-")
                task = int(number) if number.isdigit() else None
            elif task is not None:
                found[value] = task
    return dict(sorted(found.items(), key=lambda item: (item[1], item[0])))


def _split_title(markdown: str) -> tuple[str, str]:
    """The page's ``# Title`` and the text after it."""
    lines = markdown.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return line[2:].strip(), "".join(lines[index + 1:])
    raise NotConvertible("no '# title' line")


# --- the page's blocks ------------------------------------------------------

def _convert(markdown: str, edition: Edition, labels: dict[str, str]) -> list[str | Code]:
    """Markdown text and code cells, in page order."""
    pieces: list[str | Code] = []
    lines = markdown.splitlines(keepends=True)
    done = 0
    for fence in fences(markdown):
        if fence.nested:
            if runs(fence):
                raise NotConvertible(
                    f"a block that runs inside a list or quote (line {fence.body_line})")
            continue  # a listing inside a list stays part of its markdown
        start, end = fence.lines
        pieces.append(_text("".join(lines[done:start]), edition, labels))
        pieces.extend(_block(fence, edition, labels))
        done = end
    pieces.append(_text("".join(lines[done:]), edition, labels))
    return [piece for piece in pieces if not isinstance(piece, str) or piece.strip()]


def _block(fence: Fence, edition: Edition, labels: dict[str, str]) -> list[str | Code]:
    language = edition.language
    if runs(fence):
        return [Code(_imports_for(edition, keep_language_in_code(fence.body, language)).rstrip())]
    if not fence.directive:  # a listing in another language (bash, text, ...)
        return [_listing(fence.body, fence.name, language)]
    if fence.name in {"code-block", "code", "sourcecode"}:
        return [_listing(fence.body, fence.argument, language)]
    if fence.name == "eval-rst":
        return [_api_documentation(fence.body, language)]
    if fence.name == "solution":
        return [_solution(fence, edition, labels)] if edition.solutions else []
    if fence.name == "only":
        if fence.argument != ONLY_WITH_SOLUTIONS:
            raise NotConvertible(f"{{only}} {fence.argument} (only 'solutions' is known)")
        return _convert(fence.body, edition, labels) if edition.solutions else []
    if fence.name == "admonition":
        inner = _convert(fence.body, edition, labels)
        if any(isinstance(piece, Code) for piece in inner):
            raise NotConvertible(f"code that runs inside an admonition (line {fence.body_line})")
        return [_quote(f"**{fence.argument}**\n\n" + "\n\n".join(inner))]
    raise NotConvertible(f"the directive {{{fence.name}}} (line {fence.body_line})")


def _imports_for(edition: Edition, code: str) -> str:
    """The full edition runs the reference; a student's notebook imports their own package."""
    if edition.solutions:
        return code
    return _REFERENCE_IMPORT.sub(_student_import, code)


# ``from solutions import x  # deine Lösung: from checkpoints import x``
_REFERENCE_IMPORT = re.compile(
    r"^(?P<indent>[ \t]*)from %s(?P<rest>(?:\.\w+)* import [^#\n]*?)(?P<comment>[ \t]*#[^\n]*)?$"
    % REFERENCE_PACKAGE, re.MULTILINE)


def _student_import(match: re.Match) -> str:
    comment = match["comment"] or ""
    if f"from {STUDENT_PACKAGE}" in comment:
        comment = ""  # it told the reader to do just this
    return f"{match['indent']}from {STUDENT_PACKAGE}{match['rest']}{comment}"


def _listing(code: str, language_name: str, language: str) -> str:
    if language_name.lower() in PYTHON_NAMES:
        code = keep_language_in_code(code, language)
    return _fenced(code, language_name)


def _fenced(code: str, language_name: str = "") -> str:
    longest = max((len(run) for run in re.findall(r"`{3,}", code)), default=2)
    fence = "`" * (longest + 1)
    return f"{fence}{language_name}\n{code.rstrip()}\n{fence}\n"


def _quote(text: str) -> str:
    return "".join(f"> {line}".rstrip() + "\n" for line in text.strip().splitlines())


def _solution(fence: Fence, edition: Edition, labels: dict[str, str]) -> str:
    package = importlib.import_module(REFERENCE_PACKAGE)
    code = "\n\n".join(source_without_docstring(_find(package, name)).rstrip()
                       for name in fence.argument.split())
    words = "\n\n".join(piece for piece in _convert(fence.body, edition, labels)
                        if isinstance(piece, str))
    summary = _catalog(edition.language).get("Show solution", "Show solution")
    # Blank lines around the markdown inside <details>, or it stays raw text.
    return (f"<details>\n<summary>{summary}</summary>\n\n"
            f"{_fenced(keep_language_in_code(code, edition.language), 'python')}\n"
            f"{words.strip()}\n\n</details>\n")


def _find(package: object, dotted: str) -> object:
    found = package
    for part in dotted.split("."):
        found = getattr(found, part)
    return found


@cache
def _catalog(language: str) -> dict:
    """The site's interface texts, so the box reads like the site's toggle."""
    messages, _plural = project_catalog(ROOT / "locale" / language / "LC_MESSAGES" / "sphinx.po")
    return messages


# --- .. autofunction:: / .. autoclass:: -------------------------------------

_AUTODOC = re.compile(r"^\.\. auto(?P<kind>function|class):: (?P<name>[\w.]+)\s*$")
_OPTION = re.compile(r"^\s+:(?P<key>[\w-]+):\s*(?P<value>.*)$")


def _api_documentation(rst: str, language: str) -> str:
    """Each documented object: its signature as code, its docstring in ``language``."""
    parts, current = [], None
    for line in rst.splitlines():
        if not line.strip():
            continue
        if match := _AUTODOC.match(line):
            current = {"kind": match["kind"], "name": match["name"], "members": []}
            parts.append(current)
        elif (option := _OPTION.match(line)) and current is not None:
            if option["key"] == "members":
                current["members"] = [m.strip() for m in option["value"].split(",") if m.strip()]
            elif option["key"] != "member-order":  # members are listed in the order given
                raise NotConvertible(f"autodoc option :{option['key']}:")
        else:
            raise NotConvertible(f"reStructuredText other than autofunction/autoclass: {line!r}")
    return "\n".join(_documented(part, language) for part in parts)


def _documented(part: dict, language: str) -> str:
    module, _, name = part["name"].rpartition(".")
    found = getattr(importlib.import_module(module), name)
    signature = _fenced(_signature(name, found, part["kind"]), "python")
    text = signature + "\n" + _docstring(found, language)
    for member in part["members"]:
        method = inspect.getattr_static(found, member)  # a property as itself
        text += "\n" + _quote(_fenced(_signature(member, method, "function"), "python")
                              + "\n" + _docstring(method, language))
    return text


def _signature(name: str, found: object, kind: str) -> str:
    """``def name(a: int, b: str = 'x') -> None`` as written in the source, without ``self``."""
    if isinstance(found, property):  # shown as Sphinx does: "best: <type>"
        annotation = inspect.signature(found.fget).return_annotation
        typed = "" if annotation is inspect.Signature.empty else f": {_annotation(annotation)}"
        return f"{name}{typed}  # property"
    signature = inspect.signature(found)
    parameters = list(signature.parameters.values())
    if kind == "function" and parameters and parameters[0].name == "self":
        parameters = parameters[1:]
    defaults = _defaults_in_source(found.__init__ if kind == "class" else found)
    shown = [_parameter(p, defaults) for p in parameters]
    keyword_only = [i for i, p in enumerate(parameters) if p.kind is p.KEYWORD_ONLY]
    if keyword_only and not any(p.kind is p.VAR_POSITIONAL for p in parameters):
        shown.insert(keyword_only[0], "*")
    returns = ""
    if kind == "function" and signature.return_annotation is not inspect.Signature.empty:
        returns = f" -> {_annotation(signature.return_annotation)}"
    keyword = "class" if kind == "class" else "def"
    one_line = f"{keyword} {name}({', '.join(shown)}){returns}"
    if len(one_line) <= 79:
        return one_line
    listed = "".join(f"    {p},\n" for p in shown)
    return f"{keyword} {name}(\n{listed}){returns}"


def _parameter(parameter: inspect.Parameter, defaults: dict[str, str]) -> str:
    """A parameter as in the source (``str(parameter)`` would quote string annotations)."""
    stars = {parameter.VAR_POSITIONAL: "*", parameter.VAR_KEYWORD: "**"}.get(parameter.kind, "")
    text = stars + parameter.name
    annotated = parameter.annotation is not parameter.empty
    if annotated:
        text += f": {_annotation(parameter.annotation)}"
    if parameter.default is not parameter.empty:
        default = defaults.get(parameter.name, repr(parameter.default))
        text += f" = {default}" if annotated else f"={default}"
    return text


def _defaults_in_source(function: object) -> dict[str, str]:
    """Default values as written: ``F.mse_loss``, not ``<function mse_loss at 0x...>``."""
    try:
        definition = ast.parse(textwrap.dedent(inspect.getsource(function))).body[0]
    except (OSError, TypeError, SyntaxError):
        return {}
    arguments = definition.args
    positional = [*arguments.posonlyargs, *arguments.args]
    pairs = [*zip(positional[len(positional) - len(arguments.defaults):], arguments.defaults),
             *((a, d) for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults) if d)]
    return {argument.arg: ast.unparse(default) for argument, default in pairs}


def _annotation(annotation: object) -> str:
    return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)


_LITERAL = re.compile(r"``(.+?)``")
_RST_ROLE = re.compile(r":\w+:`~?([^`]+)`")
_FIELD = re.compile(r"^:(?P<field>param|returns?)(?: (?P<name>\w+))?:\s*(?P<text>.*)$")


def _docstring(found: object, language: str) -> str:
    """The docstring in ``language``, its reStructuredText made markdown."""
    lines = keep_language(textwrap.dedent(inspect.getdoc(found) or "").splitlines(), language)
    text = "\n".join(lines).strip()
    text = _RST_ROLE.sub(r"`\1`", _LITERAL.sub(r"`\1`", text))
    out, in_field = [], False
    for line in text.splitlines():
        field = _FIELD.match(line)
        if field:
            param = field["field"] == "param"
            label = f"`{field['name']}`" if param else TEXTS["returns"][language]
            out.append(f"- {label}: {field['text']}")
            in_field = True
        elif in_field and line.startswith((" ", "\t")):
            out[-1] += " " + line.strip()  # a field's text goes on, indented
        else:
            in_field = False
            out.append(line)
    return "\n".join(out).strip() + "\n"


# --- roles and targets ------------------------------------------------------

_TARGET = re.compile(r"^\((?P<label>[\w-]+)\)=[ \t]*$", re.MULTILINE)
_ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<content>[^`]+)`")
_EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)


def _labels(markdown: str) -> dict[str, str]:
    """This page's ``(label)=`` targets and the heading under each."""
    labels = {}
    for match in _TARGET.finditer(markdown):
        heading = re.search(r"^#+ +(.+)$", markdown[match.end():], re.MULTILINE)
        labels[match["label"]] = heading[1].strip() if heading else match["label"]
    return labels


def _text(markdown: str, edition: Edition, labels: dict[str, str]) -> str:
    """Markdown between blocks: targets become anchors, roles plain markdown."""
    markdown = _TARGET.sub(lambda m: f'<a id="{m["label"]}"></a>', markdown)
    return _ROLE.sub(lambda m: _role(m["role"], m["content"], edition, labels), markdown)


def _role(role: str, content: str, edition: Edition, labels: dict[str, str]) -> str:
    explicit = _EXPLICIT.match(content)
    text, target = (explicit["text"], explicit["target"]) if explicit else (None, content)
    if role == "doc":  # no site around a notebook: the page's name only
        return text or _page_title(edition.pages / f"{target}.md")
    if role == "ref":
        if target in labels:
            return f"[{text or labels[target]}](#{target})"
        return text or _label_elsewhere(edition.pages, target)
    raise NotConvertible(f"the role {{{role}}}")


def _page_title(page: Path) -> str:
    title, _ = _split_title(page.read_text(encoding="utf-8"))
    return title


def _label_elsewhere(pages: Path, label: str) -> str:
    for page in sorted(pages.glob("*.md")):
        found = _labels(page.read_text(encoding="utf-8"))
        if label in found:
            return found[label]
    raise NotConvertible(f"no target {label!r} in {pages}")


# --- MyST notebook ----------------------------------------------------------

def _myst_notebook(pieces: list[str | Code]) -> str:
    """The pieces as a MyST notebook; markdown between two code cells is one cell."""
    header = ("---\njupytext:\n  text_representation:\n    format_name: myst\n"
              "kernelspec:\n  name: python3\n  display_name: Python 3\n---\n\n")
    cells, markdown = [], []
    for piece in [*pieces, None]:
        if isinstance(piece, str):
            markdown.append(piece.strip() + "\n")
            continue
        if markdown:
            cells.append("\n".join(markdown))
            markdown = []
        if piece is not None:
            cells.append(f"```{{code-cell}} ipython3\n{piece.source}\n```\n")
    return header + "\n".join(cells)


# --- make jupyter -------------------------------------------------------------

WRITTEN = {
    "de": "{written} Notebooks in {folder}/ angelegt; {kept} waren schon da und bleiben, "
          "wie sie sind.",
    "az": "{folder}/ qovluğunda {written} notebook yaradıldı; {kept} notebook artıq var idi "
          "və olduğu kimi qaldı.",
}
STARTING = {
    "de": "Jetzt startet JupyterLab im Browser, mit den Notebooks in {folder}/. "
          "Strg+C im Terminal beendet es.",
    "az": "İndi JupyterLab brauzerdə açılır, notebook-lar {folder}/ qovluğundadır. "
          "Terminalda Ctrl+C onu dayandırır.",
}
NO_JUPYTER = {
    "de": "JupyterLab ist nicht installiert: `make jupyter` installiert es in .venv.",
    "az": "JupyterLab quraşdırılmayıb: `make jupyter` onu .venv mühitinə quraşdırır.",
}
FAILED = {
    "de": "{path}: nicht geschrieben ({error})",
    "az": "{path}: yazılmadı ({error})",
}


def write_notebooks(out: Path, solutions: bool, lessons: list[Lesson] | None = None,
                    say=print) -> tuple[list[Path], list[Path]]:
    """Each lesson's notebook in each language as ``out/<language>/<page>.ipynb``.

    A notebook that is there already is the learner's: it stays as it is.
    Returns the notebooks written and those kept.
    """
    written, kept = [], []
    for lesson in all_lessons() if lessons is None else lessons:
        for language in LANGUAGES:
            target = out / language / lesson.page.replace(".html", ".ipynb")
            if target.exists():
                kept.append(target)
                continue
            try:  # the page's API documentation imports the learner's package
                notebook = lesson_notebook(lesson, language, solutions)
            except Exception as error:  # noqa: BLE001  (the other notebooks go on)
                say(render(FAILED, chosen_languages(), path=target, error=error))
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(notebook, target)
            written.append(target)
    return written, kept


def main(argv: list[str] | None = None) -> int:
    import argparse
    import importlib.util
    import os
    import sys
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--solutions", choices=("show", "hide"),
                        default=os.environ.get("SOLUTIONS") or "hide")
    parser.add_argument("--jupyter", action="store_true",
                        help="then start JupyterLab in the course folder, at --out")
    args = parser.parse_args(argv)
    languages = chosen_languages()
    written, kept = write_notebooks(args.out, args.solutions == "show")
    folder = os.path.relpath(args.out.resolve(), ROOT)
    print(render(WRITTEN, languages, written=len(written), kept=len(kept), folder=folder))
    if not args.jupyter:
        return 0
    if importlib.util.find_spec("jupyterlab") is None:
        print(render(NO_JUPYTER, languages), file=sys.stderr)
        return 1
    print(render(STARTING, languages, folder=folder), flush=True)
    # The course folder is JupyterLab's root, so checkpoints/ opens beside the
    # notebooks; Ctrl+C stops it at once instead of asking in English.
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}",
               f"--LabApp.default_url=/lab/tree/{Path(folder).as_posix()}",
               "--ServerApp.answer_yes=True"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # a container's root: let it run
        command.append("--allow-root")
    os.execv(sys.executable, command)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

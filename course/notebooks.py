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

First come the title, a paragraph on how to use the notebook and grade the
lesson, and a setup cell that finds the course folder. No Sphinx is needed;
``course.site.notebook_download`` writes the notebooks into the site.
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

from course.grading.tasks import Lesson
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
              "die Beispiele als Code-Zellen zum Ausführen. Öffne das Notebook im "
              "Kursordner (dem Ordner mit `exercises/tasks.toml`) oder in einem "
              "Ordner darunter; sonst trag den Kursordner in der ersten Code-Zelle ein. "
              "Deine Lösungen schreibst du in `checkpoints/{module}.py`. Zum Bewerten "
              "führst du im Terminal im Kursordner `./grade --lesson {lesson}` aus, "
              "oder `make watch`, das nach jedem Speichern in `checkpoints/` neu bewertet.",
        "az": "Bu dərs Jupyter notebook şəklindədir: mətn səhifədəki ilə eynidir, "
              "nümunələr isə icra edilən kod xanalarıdır. Notebook-u kurs qovluğunda "
              "(`exercises/tasks.toml` faylı olan qovluqda) və ya onun alt "
              "qovluğunda açın; əks halda kurs qovluğunu birinci kod xanasında yazın. "
              "Həllərinizi `checkpoints/{module}.py` faylına yazırsınız. Qiymətləndirmək "
              "üçün kurs qovluğunda terminalda `./grade --lesson {lesson}` əmrini və ya "
              "`checkpoints/` qovluğunda hər yadda saxlamadan sonra yenidən yoxlayan "
              "`make watch` əmrini işə salın.",
    },
    "student": {
        "de": "Anders als auf der Seite importieren die Beispiele hier aus deinem "
              "Paket `checkpoints`: Sie laufen, sobald du die Funktionen der Lektion "
              "implementiert hast.",
        "az": "Səhifədən fərqli olaraq, buradakı nümunələr sizin `checkpoints` "
              "paketinizdən import edir: dərsin funksiyalarını həyata keçirdikdən "
              "sonra işləyəcəklər.",
    },
    "setup": {
        "de": {"where": "Der Kursordner: der erste Ordner ab hier aufwärts mit exercises/tasks.toml.",
               "elsewhere": "Liegt das Notebook anderswo, trag ihn selbst ein, "
                            'etwa Path("~/kurs").expanduser().',
               "not_found": "Kursordner nicht gefunden: Öffne das Notebook im Kursordner "
                            "oder trag ihn oben bei COURSE_FOLDER ein.",
               "importable": "damit checkpoints (und solutions) importierbar sind",
               "messages": "Meldungen des Kurses auf Deutsch",
               "files": "Die Beispiele schreiben Dateien: in einen eigenen, leeren Ordner, "
                        "wie beim Test der Seite.",
               "prefix": "lektion-", "course_folder": "Kursordner:",
               "working_folder": "Arbeitsordner:",
               "reload": "Änderungen in checkpoints/ gelten sofort, ohne Neustart des Kernels."},
        "az": {"where": "Kurs qovluğu: buradan yuxarıya doğru exercises/tasks.toml olan ilk qovluq.",
               "elsewhere": "Notebook başqa yerdədirsə, onu özünüz yazın, "
                            'məsələn, Path("~/kurs").expanduser().',
               "not_found": "Kurs qovluğu tapılmadı: notebook-u kurs qovluğunda açın "
                            "və ya qovluğu yuxarıda COURSE_FOLDER sətrində yazın.",
               "importable": "checkpoints (və solutions) import edilsin deyə",
               "messages": "kursun mesajları azərbaycanca",
               "files": "Nümunələr fayl yazır: səhifənin testindəki kimi ayrıca, boş qovluğa.",
               "prefix": "ders-", "course_folder": "Kurs qovluğu:",
               "working_folder": "İş qovluğu:",
               "reload": "checkpoints/ qovluğundakı dəyişikliklər kernel yenidən "
                         "başladılmadan qüvvəyə minir."},
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
    intro = TEXTS["intro"][edition.language].format(module=lesson.module, lesson=lesson.id)
    if not edition.solutions:
        intro += " " + TEXTS["student"][edition.language]
    head = [f"# {title}\n\n{intro}\n", _setup_cell(edition.language)]
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


def _setup_cell(language: str) -> Code:
    words = TEXTS["setup"][language]
    literals = ("not_found", "prefix", "course_folder", "working_folder")
    quoted = {key: json.dumps(words[key], ensure_ascii=False) for key in literals}
    return Code(SETUP.format(**{**words, **quoted, "language": json.dumps(language)}))


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

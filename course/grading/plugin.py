"""The pytest side of the grading: options, the learner's functions, verdicts.

``exercises/conftest.py`` loads this module. It adds

- ``--impl NAME``: grade another module with the same API (``--impl solutions``);
- ``--lesson NAME``: grade one lesson's tasks (may be given more than once);
- ``--task N``: grade task N (may be given more than once);
- ``--lang de|az``: the language of the verdicts (else ``COURSE_LANG``, then
  ``LANG``, else both);
- ``--results FILE``: the results per task and test, as JSON or JUnit XML
  (``results``), for an instructor collecting a class's grades;

and a fixture per task function (``save_checkpoint``, ``load_checkpoint``)
that calls the implementation under test. A missing function, an import
error or a stub fails only the tests that use it, each with a short verdict.
A test that hangs is stopped after ``GRADING_TIMEOUT_S`` (``--timeout``
overrides it). At the end, a progress table (``report``) replaces pytest's
short summary; ``-r`` brings that back.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import traceback
from pathlib import Path

import pytest

from course.i18n import LANGUAGES, chosen_languages, parse_language, render

from . import integrity, processes, results, supervisor
from .feedback import Feedback, current_languages, short_error, texts, use_languages
from .report import FAILING, PASSED, SKIPPED, TODO, Progress, heading, summary_lines
from .tasks import all_lessons, all_tasks

# Long enough for a slow laptop (the reference needs well under a second per
# test), short enough that an endless loop does not look like a frozen course.
# The same value as `timeout` in pytest.ini, which pytest shows in its header.
GRADING_TIMEOUT_S = 15.0

PROGRESS = pytest.StashKey[Progress]()
IMPORT_PROBLEM = pytest.StashKey[str]()
SNAPSHOT = pytest.StashKey[integrity.Snapshot]()  # the grading's code before the learner's import
SESSION = pytest.StashKey[pytest.Session]()
CHOSEN = pytest.StashKey["set[int] | None"]()  # the tasks to grade; None: all
ROOT = Path(__file__).resolve().parents[2]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("course", "course grading")
    group.addoption("--impl", default="checkpoints", metavar="NAME",
                    help="module or package to grade (default: checkpoints)")
    group.addoption("--lesson", action="append", metavar="NAME",
                    help="grade only this lesson's tasks (repeatable): "
                    + ", ".join(lesson.id for lesson in all_lessons()))
    group.addoption("--task", type=int, action="append", metavar="N",
                    help="grade only task N (repeatable)")
    group.addoption("--lang", metavar="|".join(LANGUAGES), help="language of the verdicts")
    group.addoption("--results", metavar="FILE",
                    help="write the results per task and test to FILE: JSON, or JUnit XML "
                    "(with each case's task) when FILE ends in .xml")


def say(key: str, **values: object) -> str:
    """A message of the grading's catalogs, in the learner's language(s)."""
    return render(texts(key), current_languages(), **values)


@pytest.hookimpl(tryfirst=True)  # before pytest's junitxml plugin reads its option
def pytest_configure(config: pytest.Config) -> None:
    use_languages(learner_languages(config))
    config.stash[PROGRESS] = Progress()
    config.stash[CHOSEN] = chosen_tasks(config)  # a bad --task or --lesson stops here
    if config.option.reportchars == "fE":  # pytest's default, not the learner's -r
        config.option.reportchars = ""  # the progress table says it better
    path = config.getoption("--results")
    if path and not config.option.collectonly:
        path = config.option.results = os.path.abspath(path)  # pytest may change directory
        if os.path.exists(path):
            os.unlink(path)  # no results of an earlier run stay behind if this one dies
        supervisor.note_results_file(path)
        if results.is_junit(path):
            config.option.xmlpath = path
    if not config.option.collectonly:
        supervisor.supervise(say)  # from here on, in a child whose death is reported


def learner_languages(config: pytest.Config) -> tuple[str, ...]:
    """--lang, then COURSE_LANG, then LANG; a bad --lang or COURSE_LANG is an error."""
    for option, value in (("--lang", config.getoption("--lang")),
                          ("COURSE_LANG", os.environ.get("COURSE_LANG"))):
        if value and parse_language(value) is None:
            fallback = chosen_languages(environ={"LANG": os.environ.get("LANG", "")})
            raise pytest.UsageError(render(texts("options.unknown_language"), fallback,
                                           option=option, value=value,
                                           known=", ".join(LANGUAGES)))
    return chosen_languages(config.getoption("--lang"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    default = config.getoption("--timeout") or GRADING_TIMEOUT_S
    for item in items:
        item.user_properties.append(("task", task_of(item)))  # in JUnit XML, per case
        marker = item.get_closest_marker("timeout")
        seconds = marker.args[0] if marker else default
        # The limit covers the test function only (func_only). Otherwise it can
        # go off in pytest's own reporting after a test that failed just before
        # its limit: an INTERNALERROR, no verdict, and a test left without a report.
        item.add_marker(pytest.mark.timeout(seconds, func_only=True), append=False)
    wanted = config.stash.get(CHOSEN, None)
    if wanted is not None:
        chosen = [item for item in items if task_of(item) in wanted]
        config.hook.pytest_deselected(items=[i for i in items if i not in chosen])
        items[:] = chosen
    if items:
        # torch's first optimizer imports torch._dynamo, for a second or more. Done
        # here, before any test's time limit runs, a machine under load can never
        # stop a test in the middle of that import.
        import torch._dynamo  # noqa: F401
    config.stash[SNAPSHOT] = integrity.take(config.pluginmanager)
    problem = import_problem(config.getoption("--impl"), {task_of(item) for item in items})
    _check_integrity(config)
    if problem:  # one message instead of a verdict per test, and no test runs
        config.stash[IMPORT_PROBLEM] = problem
        config.hook.pytest_deselected(items=list(items))
        items[:] = []
        return
    markers = [m for item in items for m in item.iter_markers("processes")]
    if markers:  # the forkserver imports torch on the other core while other tests run
        processes.warm_up([name for m in markers for name in m.kwargs.get("preload", ())])
        # Tests that start processes go last in their task, so the forkserver has
        # had the most time to get ready by then; task order stays as it was.
        items.sort(key=lambda item: (task_of(item) or 0,
                                     item.get_closest_marker("processes") is not None))


def import_problem(impl: str, tasks: set[int | None]) -> str | None:
    """Why the implementation (or a lesson module it needs) does not import, if it does not."""
    try:
        module = importlib.import_module(impl)
        for task in all_tasks():
            if task.number in tasks:
                getattr(module, task.function, None)  # imports the lesson module
    except Exception as error:  # SyntaxError, ImportError, NameError, ...
        return say("import.failed", module=impl) + "\n\n" + python_error(error)
    return None


def python_error(error: BaseException) -> str:
    """Python's own report of an error, with the frames in the learner's files only.

    Paths are relative to the project, so a learner sees ``checkpoints/basics.py``
    and, for a syntax error, the line with Python's caret under it.
    """
    root = str(ROOT) + os.sep
    not_theirs = (sys.prefix, sys.base_prefix, "<frozen", str(ROOT / "course"))
    report = traceback.TracebackException.from_exception(error)
    report.stack = traceback.StackSummary.from_list(
        [frame for frame in report.stack if not frame.filename.startswith(not_theirs)])
    return "".join(report.format()).replace(root, "").rstrip()


def pytest_runtest_logstart(nodeid: str) -> None:
    supervisor.note_test(nodeid)


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[SESSION] = session


def _check_integrity(config: pytest.Config) -> None:
    """Note in the journal if the learner's code changed the grading (``integrity``)."""
    if SNAPSHOT in config.stash:
        changed = _changes(config.stash[SNAPSHOT], config.pluginmanager)
        if changed:
            _note_changed(changed[:3])
            del config.stash[SNAPSHOT]  # noted once is enough


# Bound now, before any learner's code is imported: patching the modules'
# attributes later does not change what the grading calls.
_changes, _note_changed, _note_done = integrity.changes, supervisor.note_changed, supervisor.note_done


def pytest_unconfigure(config: pytest.Config) -> None:
    _check_integrity(config)
    session = config.stash.get(SESSION, None)
    _note_done(None if session is None else session.exitstatus)


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if IMPORT_PROBLEM in config.stash:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    path = config.getoption("--results")
    if path and not config.option.collectonly and not results.is_junit(path):
        results.write_json(path, config.stash[PROGRESS],
                           config.getoption("--impl"), session.exitstatus)


@pytest.fixture(autouse=True)
def _reap_child_processes():
    """No child a test started outlives it, whatever the test's outcome."""
    yield
    processes.reap_all()


_TEST_MODULE = re.compile(r"test_task(\d+)_\w+\.py")


def pytest_ignore_collect(collection_path, config: pytest.Config) -> bool | None:
    """Do not even import the test modules of tasks that were not chosen.

    Their imports (accelerate, torch.distributed) would cost every run of
    another lesson. A grading module is named ``test_task<N>_<function>.py``.
    """
    wanted = config.stash.get(CHOSEN, None)
    found = _TEST_MODULE.fullmatch(collection_path.name)
    if wanted is not None and found and int(found[1]) not in wanted:
        return True
    return None


def chosen_tasks(config: pytest.Config) -> set[int] | None:
    """The task numbers that --task and --lesson ask for; ``None``: all of them."""
    numbers = config.getoption("--task") or []
    lessons = config.getoption("--lesson") or []
    if not numbers and not lessons:
        return None
    known = sorted(task.number for task in all_tasks())
    for number in numbers:
        if number not in known:
            raise pytest.UsageError(say("options.unknown_task", number=number,
                                        known=", ".join(map(str, known))))
    ids = [lesson.id for lesson in all_lessons()]
    for lesson in lessons:
        if lesson not in ids:
            raise pytest.UsageError(say("options.unknown_lesson", lesson=lesson,
                                        known=", ".join(ids)))
    return set(numbers) | {task.number for task in all_tasks() if task.lesson in lessons}


def task_of(item: pytest.Item) -> int | None:
    marker = item.get_closest_marker("task")
    return marker.args[0] if marker else None


@pytest.fixture(scope="session")
def implementation(request: pytest.FixtureRequest) -> object:
    """The module under test (``import_problem`` has made sure that it imports)."""
    return importlib.import_module(request.config.getoption("--impl"))


def learner_function(implementation: object, name: str, module: str):
    """Call ``name`` of the implementation, turning mishaps into verdicts."""

    def call(*args, **kwargs):
        function = getattr(implementation, name, None)
        if not callable(function):
            raise Feedback("common.missing_function", module=module, function=name)
        try:
            return function(*args, **kwargs)
        except (NotImplementedError, KeyboardInterrupt, pytest.fail.Exception):
            raise  # a stub; Ctrl+C; pytest's own outcomes, such as a timeout
        except BaseException as error:  # SystemExit and DCP's CheckpointException too
            raise Feedback("common.crashed", function=name,
                           error=short_error(_cause_of(error)),
                           where=_learner_frame(error)) from error

    call.__name__ = name
    return call


def _cause_of(error: BaseException) -> BaseException:
    """The error behind one that only collects others.

    DCP's ``CheckpointException`` keeps each rank's exception in ``failures``
    (rank -> (exception, traceback)); the learner needs the first of them.
    """
    failures = getattr(error, "failures", None)
    if isinstance(failures, dict):
        for failure in failures.values():
            if isinstance(failure, tuple) and failure and isinstance(failure[0], BaseException):
                return failure[0]
    return error


def _learner_frame(error: BaseException) -> str:
    """file:line of the deepest frame outside torch and the grading."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/torch/" not in f.filename and "/course/grading/" not in f.filename]
    frame = (ours or frames)[-1]
    return f"{frame.filename}:{frame.lineno}"


def _make_fixture(function_name: str):
    @pytest.fixture(name=function_name)
    def fixture(implementation, request):
        return learner_function(implementation, function_name,
                                request.config.getoption("--impl"))
    return fixture


# One fixture per task function, named after it: tests ask for
# `save_checkpoint` and get the implementation's, wrapped.
for _task in all_tasks():
    globals()[f"fixture_{_task.function}"] = _make_fixture(_task.function)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Show verdicts instead of tracebacks, and untouched stubs as todo."""
    result = yield
    if call.excinfo is not None and not result.passed:
        _explain(result, call.excinfo.value, item)
        if isinstance(result.longrepr, str) and getattr(result, "course_outcome", None) != TODO:
            _once_per_cause(result, item.config)
    outcome = getattr(result, "course_outcome", None) or (
        SKIPPED if result.skipped else PASSED if result.passed else FAILING)
    item.config.stash[PROGRESS].record(item.nodeid, task_of(item), outcome)
    if call.when == "teardown":  # after each test: did the learner's code change the grading?
        _check_integrity(item.config)
    return result


def _explain(result: pytest.TestReport, error: BaseException, item: pytest.Item) -> None:
    if isinstance(error, NotImplementedError):
        function = str(error) or item.name
        result.longrepr = str(Feedback("common.not_implemented", function=function))
        result.course_outcome = TODO  # the stub is still untouched
    elif isinstance(error, Feedback):
        result.longrepr = str(error)
    elif isinstance(error, pytest.fail.Exception) and str(error).startswith("Timeout"):
        seconds = item.get_closest_marker("timeout").args[0]  # pytest-timeout's message
        result.longrepr = str(Feedback("common.timeout", seconds=f"{seconds:g}"))


class Verdict:
    """A failed test's verdict, printed once for all the tests it breaks.

    ``str()`` is the verdict itself (what a JUnit report records for every
    test); in the terminal only the first test with this verdict shows it,
    followed by how many other tests fail for the same cause.
    """

    def __init__(self, text: str) -> None:
        self.text, self.others = text, 0

    def __str__(self) -> str:
        return self.text

    def toterminal(self, writer) -> None:
        for line in self.text.splitlines():
            writer.line(line)
        if self.others:  # the catalog has a sentence for one and one for more
            number = "one" if self.others == 1 else "many"
            writer.line(say(f"grading.same_cause.{number}", count=self.others))


SHOWN = pytest.StashKey[dict[str, Verdict]]()


def _once_per_cause(result: pytest.TestReport, config: pytest.Config) -> None:
    shown = config.stash.setdefault(SHOWN, {})
    first = shown.get(result.longrepr)
    if first is None:
        shown[result.longrepr] = result.longrepr = Verdict(result.longrepr)
    else:
        first.others += 1
        result.longrepr = Verdict(first.text)
        result.course_same_cause = True  # counted, but its section is not printed again


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config):
    """An untouched stub counts as "todo", not as a failure with a traceback.

    A failure whose verdict was shown already is still an "F" and still a
    failure for the exit status, but it is filed apart, so pytest does not
    print the same verdict again.
    """
    if report.when == "call" and getattr(report, "course_outcome", None) == TODO:
        return TODO, "t", ("TODO", {"yellow": True})
    if report.when == "call" and getattr(report, "course_same_cause", False):
        return say("grading.same_cause_category"), "F", ("FAILED", {"red": True})
    return None


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if IMPORT_PROBLEM in config.stash:
        terminalreporter.write_line("")
        for line in config.stash[IMPORT_PROBLEM].splitlines():
            terminalreporter.write_line(line)
        return
    progress = config.stash[PROGRESS].per_task()
    if not progress:
        return
    width = min(config.get_terminal_writer().fullwidth, 100)
    for lang in current_languages():
        terminalreporter.write_sep("=", heading(lang))
        for line in summary_lines(progress, lang, width):
            terminalreporter.write_line(line)

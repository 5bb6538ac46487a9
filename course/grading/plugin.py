"""The pytest side of the grading: options, the learner's functions, verdicts.

``exercises/conftest.py`` loads this module. It adds

- ``--impl NAME``: grade another module with the same API (``--impl solutions``);
- ``--lesson NAME``: grade one lesson's tasks (may be given more than once);
- ``--task N``: grade task N (may be given more than once);
- ``--lang de|az``: the language of the verdicts (else ``COURSE_LANG``, then
  ``LANG``, else both);

and a fixture per task function (``save_checkpoint``, ``load_checkpoint``)
that calls the implementation under test. A missing function, an import
error or a stub fails only the tests that use it, each with a short verdict.
A test that hangs is stopped after ``GRADING_TIMEOUT_S`` (``--timeout``
overrides it). At the end, a progress table (``report``) replaces pytest's
short summary; ``-r`` brings that back.
"""

from __future__ import annotations

import functools
import importlib
import traceback

import pytest

from course.i18n import LANGUAGES, chosen_languages

from . import processes
from .feedback import Feedback, current_languages, short_error, use_languages
from .report import FAILING, PASSED, TODO, Progress, heading, summary_lines
from .tasks import all_lessons, all_tasks

# Long enough for a slow laptop (the reference needs well under a second per
# test), short enough that an endless loop does not look like a frozen course.
# The same value as `timeout` in pytest.ini, which pytest shows in its header.
GRADING_TIMEOUT_S = 15.0

PROGRESS = pytest.StashKey[Progress]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("course", "course grading")
    group.addoption("--impl", default="checkpoints", metavar="NAME",
                    help="module or package to grade (default: checkpoints)")
    group.addoption("--lesson", action="append", metavar="NAME",
                    help="grade only this lesson's tasks (repeatable): "
                    + ", ".join(lesson.id for lesson in all_lessons()))
    group.addoption("--task", type=int, action="append", metavar="N",
                    help="grade only task N (repeatable)")
    group.addoption("--lang", choices=LANGUAGES, help="language of the verdicts")


def pytest_configure(config: pytest.Config) -> None:
    use_languages(chosen_languages(config.getoption("--lang")))
    config.stash[PROGRESS] = Progress()
    chosen_tasks(config)  # a bad --task or --lesson stops here, before collection
    if config.option.reportchars == "fE":  # pytest's default, not the learner's -r
        config.option.reportchars = ""  # the progress table says it better


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    timeout = config.getoption("--timeout") or GRADING_TIMEOUT_S
    for item in items:
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(timeout))
    wanted = chosen_tasks(config)
    if wanted is not None:
        chosen = [item for item in items if task_of(item) in wanted]
        config.hook.pytest_deselected(items=[i for i in items if i not in chosen])
        items[:] = chosen
    markers = [m for item in items for m in item.iter_markers("processes")]
    if markers:  # the forkserver imports torch while other tests run
        processes.warm_up([name for m in markers for name in m.kwargs.get("preload", ())])


@pytest.fixture(autouse=True)
def _reap_child_processes():
    """No child a test started outlives it, whatever the test's outcome."""
    yield
    processes.reap_all()


def chosen_tasks(config: pytest.Config) -> set[int] | None:
    """The task numbers that --task and --lesson ask for; ``None``: all of them."""
    numbers = config.getoption("--task") or []
    lessons = config.getoption("--lesson") or []
    if not numbers and not lessons:
        return None
    known = {task.number for task in all_tasks()}
    for number in numbers:
        if number not in known:
            raise pytest.UsageError(f"--task {number}: tasks are {sorted(known)}")
    ids = [lesson.id for lesson in all_lessons()]
    for lesson in lessons:
        if lesson not in ids:
            raise pytest.UsageError(f"--lesson {lesson}: lessons are {', '.join(ids)}")
    return set(numbers) | {task.number for task in all_tasks() if task.lesson in lessons}


def task_of(item: pytest.Item) -> int | None:
    marker = item.get_closest_marker("task")
    return marker.args[0] if marker else None


@pytest.fixture(scope="session")
def implementation(request: pytest.FixtureRequest) -> object:
    """The module under test, or the Feedback explaining why it won't import."""
    name = request.config.getoption("--impl")
    try:
        return importlib.import_module(name)
    except Exception as error:  # a syntax error in the learner's file, say
        return Feedback("common.import_failed", module=name,
                        error=short_error(error))


def learner_function(implementation: object, name: str, module: str):
    """Call ``name`` of the implementation, turning mishaps into verdicts."""

    def call(*args, **kwargs):
        if isinstance(implementation, Feedback):
            raise implementation
        function = getattr(implementation, name, None)
        if not callable(function):
            raise Feedback("common.missing_function", module=module, function=name)
        try:
            return function(*args, **kwargs)
        except NotImplementedError:
            raise
        except Exception as error:
            raise Feedback("common.crashed", function=name,
                           error=short_error(error),
                           where=_learner_frame(error)) from error

    call.__name__ = name
    return call


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
    if not result.skipped:
        outcome = getattr(result, "course_outcome", None) or (PASSED if result.passed else FAILING)
        item.config.stash[PROGRESS].record(item.nodeid, task_of(item), outcome)
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


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config):
    """An untouched stub counts as "todo", not as a failure with a traceback."""
    if report.when == "call" and getattr(report, "course_outcome", None) == TODO:
        return TODO, "t", ("TODO", {"yellow": True})
    return None


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    progress = config.stash[PROGRESS].per_task()
    if not progress:
        return
    width = min(config.get_terminal_writer().fullwidth, 100)
    for lang in current_languages():
        terminalreporter.write_sep("=", heading(lang))
        for line in summary_lines(progress, lang, width):
            terminalreporter.write_line(line)

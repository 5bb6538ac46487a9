"""The code under test does not get to rewrite its own verdict.

The learner's module runs in the grading process, next to pytest. Ten lines
in it could patch pytest's ``TestReport`` or register a plugin that turns
every failure into a pass, and ``./grade`` would exit with 0. Instructors
collect those results, so the grading notices such changes and refuses to
give a verdict:

- before the implementation is imported, ``take()`` notes every function and
  class of the modules that make and report verdicts (pytest's, pluggy's,
  pytest-timeout's, the grading's own, ``os``'s process functions), each
  function's code and defaults, each class's attributes, and the plugins and
  hook implementations pytest has registered;
- ``changes()`` compares the present state with that note, after the import,
  after every test and at the end. The supervisor (``supervisor.py``) turns a
  change into a refusal: exit status 3, and its own message from the parent
  process, which never imports the learner's code.

This is not a sandbox: code written to defeat the check can. It stops the
shortcuts a learner is likely to try, and it never fires for honest code,
which has no reason to touch these modules.
"""

from __future__ import annotations

import importlib
import inspect
from types import FunctionType, ModuleType

# The modules whose functions decide or report a verdict.
WATCHED = (
    "_pytest.reports", "_pytest.runner", "_pytest.main", "_pytest.terminal",
    "_pytest.junitxml", "_pytest.outcomes", "_pytest.python", "_pytest.nodes",
    "_pytest.skipping", "_pytest.config", "_pytest.fixtures", "pluggy._callers",
    "pluggy._hooks", "pluggy._manager", "pytest", "pytest_timeout", "os", "atexit",
    "course.grading.plugin", "course.grading.report", "course.grading.feedback",
    "course.grading.supervisor", "course.grading.integrity",
)

Snapshot = dict[str, object]


def take(pluginmanager) -> Snapshot:
    """Everything ``changes`` compares later, as name -> object."""
    found: Snapshot = {}
    for name in WATCHED:
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if isinstance(value, FunctionType | type) or inspect.isbuiltin(value):
                _note(found, f"{name}.{attribute}", value, module)
    for plugin in pluginmanager.get_plugins():
        found[f"plugin {pluginmanager.get_name(plugin)}"] = plugin
    for hook_name in dir(pluginmanager.hook):
        hook = getattr(pluginmanager.hook, hook_name)
        if hasattr(hook, "get_hookimpls"):
            for implementation in hook.get_hookimpls():
                key = f"{hook_name} of plugin {implementation.plugin_name}"
                found[key] = (*found.get(key, ()), implementation.function)
    return found


def _note(found: Snapshot, key: str, value: object, module: ModuleType) -> None:
    found[key] = value
    if isinstance(value, FunctionType):
        found[key + ".__code__"] = value.__code__
        found[key + ".__defaults__"] = value.__defaults__
        found[key + ".__kwdefaults__"] = value.__kwdefaults__
    elif isinstance(value, type) and value.__module__ == module.__name__:
        for attribute, member in vars(value).items():
            if attribute == "__dict__" or attribute == "__weakref__":
                continue
            found[f"{key}.{attribute}"] = member
            if isinstance(member, FunctionType):
                found[f"{key}.{attribute}.__code__"] = member.__code__
            elif isinstance(member, classmethod | staticmethod | property):
                inner = getattr(member, "__func__", None) or getattr(member, "fget", None)
                if isinstance(inner, FunctionType):
                    found[f"{key}.{attribute}.__code__"] = inner.__code__


def changes(before: Snapshot, pluginmanager) -> list[str]:
    """What differs from ``before``: names of replaced, added or removed parts."""
    now = take(pluginmanager)
    changed = {_part(key) for key in before.keys() | now.keys()
               if key not in before or key not in now or not _same(before[key], now[key])}
    return sorted(changed)


def _same(before: object, now: object) -> bool:
    if isinstance(before, tuple) and isinstance(now, tuple):  # a plugin's hook functions
        return len(before) == len(now) and all(a is b for a, b in zip(before, now))
    return before is now


def _part(key: str) -> str:
    """The part a learner would recognize: the function, not its ``__code__``."""
    for detail in (".__code__", ".__defaults__", ".__kwdefaults__"):
        key = key.removesuffix(detail)
    return key

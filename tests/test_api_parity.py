"""The students' stubs and the reference solutions offer the same API."""

import inspect

import pytest

import checkpoints
import solutions
from course.grading.tasks import all_tasks


def test_same_public_names():
    assert checkpoints.__all__ == solutions.__all__


def test_public_names_in_course_order():
    """``__all__`` lists the lessons' functions in the order of the course."""
    order = {task.function: task.number for task in all_tasks()}
    ranks = [order[name] for name in checkpoints.__all__ if name in order]
    assert ranks == sorted(ranks)


def test_every_task_function_is_public():
    assert {task.function for task in all_tasks()} <= set(checkpoints.__all__)


@pytest.mark.parametrize("name", checkpoints.__all__)
def test_same_signature_and_docstring(name):
    stub, reference = getattr(checkpoints, name), getattr(solutions, name)
    assert inspect.signature(stub) == inspect.signature(reference)
    assert inspect.getdoc(stub) == inspect.getdoc(reference)


@pytest.mark.parametrize("name", checkpoints.__all__)
def test_docstring_speaks_both_languages(name):
    doc = inspect.getdoc(getattr(checkpoints, name))
    assert "[de]" in doc and "[az]" in doc


def bodies(obj):
    """(name, function) of a stub function, or of a stub class's methods and properties."""
    if not inspect.isclass(obj):
        yield obj.__name__, obj
        return
    for attribute, member in vars(obj).items():
        member = member.fget if isinstance(member, property) else member
        if inspect.isfunction(member) and (attribute == "__init__" or not attribute.startswith("_")):
            yield f"{obj.__name__}.{attribute}", member


def call_with_nones(function):
    """Call with ``None`` for every required parameter: a stub raises before looking."""
    positional, keywords = [], {}
    for parameter in inspect.signature(function).parameters.values():
        if parameter.default is not parameter.empty or parameter.kind in (
                parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        if parameter.kind is parameter.KEYWORD_ONLY:
            keywords[parameter.name] = None
        else:
            positional.append(None)
    return function(*positional, **keywords)


@pytest.mark.parametrize("name", checkpoints.__all__)
def test_stub_raises_not_implemented(name):
    for where, body in bodies(getattr(checkpoints, name)):
        with pytest.raises(NotImplementedError):
            call_with_nones(body)

"""The students' stubs and the reference solutions offer the same API."""

import inspect

import pytest

import checkpoints
import solutions
from course.grading.tasks import all_tasks


def test_same_public_names():
    assert checkpoints.__all__ == solutions.__all__


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


@pytest.mark.parametrize("name", checkpoints.__all__)
def test_stub_raises_not_implemented(name):
    with pytest.raises(NotImplementedError):
        getattr(checkpoints, name)(*[None] * 3)

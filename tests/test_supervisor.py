"""What the supervisor makes of the journal its grading child leaves (no process needed)."""

from __future__ import annotations

from course.grading.feedback import texts
from course.grading.supervisor import _CHANGED, _DONE, _TEST, _refusal
from course.i18n import render


def both(refusal) -> list[str]:
    """The refusal as a learner without a chosen language reads it: one line per language."""
    key, values = refusal
    return render(texts(key), ("de", "az"), **values).splitlines()


def test_a_child_that_ended_with_its_status_gets_no_refusal() -> None:
    assert _refusal([_TEST + "t1", _DONE + "1"], 1) is None
    assert _refusal([_TEST + "t1", _DONE + "0"], 0) is None


def test_a_dead_child_gets_one_language_per_line_never_both_nested() -> None:
    de, az = both(_refusal([_TEST + "exercises/test_a.py::test_b"], 0))
    assert de.startswith("[de] ") and az.startswith("[az] ")
    assert "[az]" not in de and "[de]" not in az
    assert "Status 0" in de and "exercises/test_a.py::test_b" in de
    assert "bu statusla başa çatdı: 0" in az


def test_an_exit_status_other_than_the_sessions_is_refused() -> None:
    key, values = _refusal([_TEST + "t1", _DONE + "1"], 0)
    assert key == "supervisor.status_changed"
    de, az = both((key, values))
    assert "Status 1" in de and "[az]" not in de


def test_a_change_to_the_grading_is_refused_even_after_a_clean_end() -> None:
    key, values = _refusal([_TEST + "t1", _CHANGED + "_pytest.reports.TestReport.__init__",
                            _DONE + "0"], 0)
    assert key == "supervisor.changed" and "TestReport" in values["what"]

"""``./grade --results FILE``: results an instructor can collect, per task and per test."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

from course.grading.tasks import tasks_of
from tests.grading import run

MISTAKE = "tests.mistakes.basics.load_forgets_optimizer"  # task 1 right, task 2 wrong


def grade_into(results, impl: str = MISTAKE) -> int | None:
    return run(["exercises", "--impl", impl, "--lesson", "basics", "-q", "-p", "no:randomly",
                "-p", "no:cacheprovider", "--results", str(results)], env={"COURSE_LANG": "de"})


def test_json_results_give_each_task_its_status_and_each_test_its_task(tmp_path) -> None:
    path = tmp_path / "results.json"
    assert grade_into(path) == 1
    results = json.loads(path.read_text(encoding="utf-8"))
    assert results["exit_status"] == 1 and results["implementation"] == MISTAKE
    status = {entry["task"]: entry["status"] for entry in results["tasks"]}
    assert status == {1: "passed", 2: "failing"}
    for entry in results["tasks"]:
        assert entry["passed"] + entry["failing"] + entry["todo"] == entry["total"] > 0
        tests = [t for t in results["tests"] if t["task"] == entry["task"]]
        assert len(tests) == entry["total"]
        assert sum(t["outcome"] == "passed" for t in tests) == entry["passed"]


def test_junit_results_name_the_task_of_each_case(tmp_path) -> None:
    path = tmp_path / "results.xml"
    assert grade_into(path, impl="checkpoints") == 1  # the untouched stubs
    cases = list(ElementTree.parse(path).iter("testcase"))
    tasks = {int(p.get("value")) for case in cases for p in case.iter("property") if p.get("name") == "task"}
    assert tasks == {task.number for task in tasks_of("basics")}
    assert all(case.find("properties") is not None for case in cases)
    assert all(case.find("failure") is not None for case in cases)  # a stub passes nothing


def test_a_run_replaces_the_results_of_the_one_before(tmp_path) -> None:
    path = tmp_path / "results.json"
    path.write_text('{"old": true}', encoding="utf-8")
    assert grade_into(path, impl="solutions") == 0
    results = json.loads(path.read_text(encoding="utf-8"))
    assert "old" not in results and {t["status"] for t in results["tasks"]} == {"passed"}

"""``make mutants``' own bookkeeping, on made-up data: no cosmic-ray run, no cosmic-ray needed.

Which task a mutated line belongs to, which mutants are skipped as
annotations, and how the headline, the scores and the survivors are printed.
"""

from __future__ import annotations

from course.grading.tasks import Task
from course.mutants.attribution import SHARED, Attribution
from course.mutants.report import INCOMPETENT, KILLED, PENDING, SKIPPED, SURVIVED, Mutant, \
    change_of, headline, score_table, survivor_list
from course.mutants.session import annotation_spans

LESSON_SOURCE = '''\
from __future__ import annotations

LIMIT = 3


def _only_for_save(x: int) -> int:
    return x + 1


def _both(x):
    return x * 2


def save(x):
    return _only_for_save(_both(x))


@staticmethod
def _unused():
    return 0


class Manager:
    def load(self, x):
        return _both(x) - LIMIT
'''


def test_a_line_belongs_to_its_task_a_private_helper_to_its_only_caller():
    where = Attribution(LESSON_SOURCE, ["save", "Manager"])
    assert where.of_line(7) == ("save", "_only_for_save")  # reached from save only
    assert where.of_line(11) == (SHARED, "_both")  # reached from both tasks
    assert where.of_line(15) == ("save", "save")
    assert where.of_line(18) == (SHARED, "_unused")  # the decorator line too; reached by none
    assert where.of_line(25) == ("Manager", "Manager")
    assert where.of_line(3) == (SHARED, None)  # module level


def test_a_task_function_belongs_to_itself_even_when_another_task_calls_it():
    source = "def load(x):\n    return x\n\n\ndef resume(x):\n    return load(x)\n"
    assert Attribution(source, ["load", "resume"]).of_line(2) == ("load", "load")


def test_annotations_are_found_only_where_they_never_run():
    spans = annotation_spans(LESSON_SOURCE)
    assert ((6, 22), (6, 25)) in spans and ((6, 30), (6, 33)) in spans
    assert not annotation_spans(LESSON_SOURCE.replace("from __future__ import annotations", ""))


def test_change_of_a_diff_shows_the_line_before_and_after():
    diff = "--- mutation diff ---\n+++ a/x.py\n@@ -1 +1 @@\n-    if a < b:\n+    if a <= b:\n"
    assert change_of(diff) == "if a < b: -> if a <= b:"


TASKS = [Task(1, "basics", "save", "p#task-1", {}, {}),
         Task(2, "basics", "Manager", "p#task-2", {}, {})]


def _mutant(outcome: str, owner: str, line: int = 7) -> Mutant:
    return Mutant("basics", "solutions/basics.py", line, "core/NumberReplacer", "x + 1 -> x + 2",
                  outcome, owner, owner if owner != SHARED else None)


def test_scores_count_killed_and_survived_per_task_and_lesson_and_skipped_apart():
    mutants = [_mutant(KILLED, "save"), _mutant(KILLED, "save"), _mutant(SURVIVED, "save"),
               _mutant(SKIPPED, "save"), _mutant(KILLED, "Manager"), _mutant(SURVIVED, SHARED)]
    table = score_table(mutants, TASKS)
    # Mutants = skipped + killed + survived + not run; the score leaves the skipped out.
    assert "| 1 | `save` | 4 | 1 | 2 | 1 | 0 | 67 % |" in table
    assert "| 2 | `Manager` | 1 | 0 | 1 | 0 | 0 | 100 % |" in table
    assert "| | basics: shared code | 1 | 0 | 0 | 1 | 0 | 0 % |" in table
    assert "| **basics** | all of `solutions/basics.py` | 6 | 1 | 3 | 2 | 0 | 60 % |" in table


def test_the_headline_says_what_became_of_every_mutant_and_adds_up():
    mutants = ([_mutant(SKIPPED, "save")] * 4 + [_mutant(INCOMPETENT, "save")]
               + [_mutant(KILLED, "save")] * 3 + [_mutant(SURVIVED, SHARED)])
    assert headline(mutants) == (
        "9 mutants: 4 skipped (inside type annotations that never run), "
        "1 could not be applied, 4 graded (3 killed, 1 survived)")
    stopped = headline([_mutant(PENDING, "save"), _mutant(KILLED, "save")])
    assert stopped == ("2 mutants: 0 skipped (inside type annotations that never run), "
                       "0 could not be applied, 1 not graded yet (the run was stopped), "
                       "1 graded (1 killed, 0 survived)")


def test_survivors_are_listed_with_file_line_task_and_change():
    listing = survivor_list([_mutant(SURVIVED, "save", line=12), _mutant(KILLED, "save"),
                             _mutant(SURVIVED, SHARED, line=3)], TASKS)
    assert listing.splitlines() == [
        "- `solutions/basics.py:3` (basics: shared) NumberReplacer: `x + 1 -> x + 2`",
        "- `solutions/basics.py:12` (task 1, in `save`) NumberReplacer: `x + 1 -> x + 2`",
    ]
    assert survivor_list([_mutant(KILLED, "save")], TASKS) == "No survivors.\n"


def test_results_go_between_the_markers_and_replace_the_last_ones(tmp_path):
    from course.mutants.__main__ import _write_results
    results = tmp_path / "results.md"
    results.write_text("# Benchmarks\n\nother numbers\n", encoding="utf-8")
    _write_results(results, "first\n")
    _write_results(results, "second\n")
    text = results.read_text(encoding="utf-8")
    assert text == "# Benchmarks\n\nother numbers\n\n<!-- mutants -->\nsecond\n<!-- /mutants -->\n"

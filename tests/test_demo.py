"""The README's main command: the demo releases, grades a simulated class and reports, and every
simulated student gets exactly what they deserve."""
import csv

import pytest
from nbgrader.api import Gradebook

from nndl.demo import run_demo
from nndl.mistakes import grading_cell_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root, plan, outcomes = run_demo(tmp_path_factory.mktemp("demo") / "course", workers=2)
    with Gradebook("sqlite:///" + str(root / "gradebook.db")) as gb:
        grades = {(s.student.id, s.assignment.name): {g.name: (g.score, g.max_score)
                                                     for n in s.notebooks for g in n.grades}
                  for a in gb.assignments for s in a.submissions}
    return root, plan, {(o.student, o.assignment): o for o in outcomes}, grades


def deserved_losses(how, grades):
    """The test cells a simulated submission should lose points on."""
    if how["kind"] in ("blank", "broken"):
        return set(grades)
    return {grading_cell_of(g) for g in how.get("mistakes", {})}


def test_the_class_has_at_least_eight_students_across_all_notebooks(demo):
    root, plan, _, grades = demo
    assert len(plan) >= 8
    assert {a for (_, a) in grades} == {p.stem for p in (root / "notebooks").glob("*.py")}


def test_every_simulated_student_scores_what_they_deserve(demo):
    _, plan, _, grades = demo
    wrong = {}
    for student, work in plan.items():
        for assignment, how in work.items():
            got = grades[(student, assignment)]
            losing = {g for g, (score, top) in got.items() if score < top}
            if losing != deserved_losses(how, got):
                wrong[(student, assignment)] = (how, losing)
    assert not wrong


def test_only_the_planned_accidents_are_reported(demo):
    _, _, outcomes, _ = demo
    reported = {(s, a): o.problems for (s, a), o in outcomes.items() if o.problems}
    assert set(reported) == {("finn", "w2_numpy_basics"), ("gia", "w2_numpy_basics")}, reported


def test_a_student_who_did_not_submit_has_no_submission(demo):
    _, plan, _, grades = demo
    missing = {(s, a) for s in plan for (_, a) in grades if a not in plan[s]}
    assert missing and not missing & set(grades)


def test_the_report_names_the_broken_notebook_and_writes_its_files(demo):
    root, _, outcomes, _ = demo
    assert any("not valid JSON" in p for (s, _), o in outcomes.items() if s == "finn" for p in o.problems)
    rows = list(csv.DictReader(open(root / "reports" / "grades.csv")))
    assert {r["student"] for r in rows} >= {"ada", "blake", "finn"}
    assert (root / "reports" / "grades.png").stat().st_size > 10_000
    assert len(list((root / "feedback" / "ada").glob("*/*.html"))) == len({a for (_, a) in outcomes})

"""The README's main command: the demo releases, grades a simulated class and reports, and every
simulated student gets exactly what they deserve."""
import contextlib
import csv
import io

import pytest
from nbgrader.api import Gradebook

from nndl.course import assignments
from nndl.demo import run_demo, student_labels
from nndl.grade_ids import grading_cell_of

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        root, plan, outcomes = run_demo(tmp_path_factory.mktemp("demo") / "course", workers=2)
    print(printed.getvalue())
    with Gradebook("sqlite:///" + str(root / "gradebook.db")) as gb:
        grades = {(s.student.id, s.assignment.name): {g.name: (g.score, g.max_score)
                                                     for n in s.notebooks for g in n.grades}
                  for a in gb.assignments for s in a.submissions}
    return root, plan, {(o.student, o.assignment): o for o in outcomes}, grades, printed.getvalue()


def deserved_losses(how, grades):
    """The test cells a simulated submission should lose points on."""
    if how["kind"] in ("blank", "broken"):
        return set(grades)
    return {grading_cell_of(g) for g in how.get("mistakes", {})}


def test_the_class_has_at_least_eight_students_across_all_notebooks(demo):
    root, plan, _, grades, _ = demo
    assert len(plan) >= 8
    assert {a for (_, a) in grades} == {p.stem for p in (root / "notebooks").glob("*.py")}


def test_every_simulated_student_scores_what_they_deserve(demo):
    _, plan, _, grades, _ = demo
    wrong = {}
    for student, work in plan.items():
        for assignment, how in work.items():
            got = grades[(student, assignment)]
            losing = {g for g, (score, top) in got.items() if score < top}
            if losing != deserved_losses(how, got):
                wrong[(student, assignment)] = (how, losing)
    assert not wrong


def test_only_the_planned_accidents_are_reported(demo):
    root, _, outcomes, _, _ = demo
    first = assignments(root)[0]  # the broken file and the deleted test cell go to the first assignment
    assert first == "w1_introduction"
    reported = {(s, a): o.problems for (s, a), o in outcomes.items() if o.problems}
    assert set(reported) == {("finn", first), ("gia", first)}, reported


def test_a_student_who_did_not_submit_has_no_submission(demo):
    _, plan, _, grades, _ = demo
    missing = {(s, a) for s in plan for (_, a) in grades if a not in plan[s]}
    assert missing and not missing & set(grades)


def test_the_report_names_the_broken_notebook_and_writes_its_files(demo):
    root, _, outcomes, _, _ = demo
    assert any("not valid JSON" in str(p) for (s, _), o in outcomes.items() if s == "finn" for p in o.problems)
    rows = list(csv.DictReader(open(root / "reports" / "grades.csv")))
    assert {r["student"] for r in rows} >= {"ada", "blake", "finn"}
    assert (root / "reports" / "grades.png").stat().st_size > 10_000
    assert len(list((root / "feedback" / "ada").glob("*/*.html"))) == len({a for (_, a) in outcomes})


def deserved_totals(plan, grades):
    """student -> total percent, from the gradebook's per-cell scores, work not submitted counting 0."""
    maxima = {a: sum(top for _, top in cells.values()) for (s, a), cells in grades.items() if s == "ada"}
    return {s: 100 * sum(score for a in work for score, _ in grades[(s, a)].values()) / sum(maxima.values())
            for s, work in plan.items()}


def table_lines(printed, plan):
    lines = printed[printed.index("student "):].splitlines()
    return {line.split()[0]: line for line in lines[2:2 + len(plan)]}


def test_the_table_says_what_each_simulated_student_did(demo):
    root, plan, _, _, printed = demo
    labels = student_labels(plan, assignments(root))
    lines = table_lines(printed, plan)
    assert set(lines) == set(plan)
    expected = {"ada": "full solution", "blake": "blank", "chen": "typical mistakes", "dana": "typical mistakes",
                "eve": "cheater: patches np.allclose", "finn": "broken notebook file", "gia": "deleted the test cell",
                "hana": "skipped the last assignment"}
    for student, words in expected.items():
        assert words in labels[student] and lines[student].rstrip().endswith(labels[student]), lines[student]


def test_every_total_is_what_the_student_deserves_with_missing_work_as_zero(demo):
    _, plan, _, grades, printed = demo
    totals = deserved_totals(plan, grades)
    lines = table_lines(printed, plan)
    for student, total in totals.items():
        assert f" {total:.0f}% " in lines[student], (student, total, lines[student])
    assert totals["ada"] == 100 and totals["blake"] == 0
    assert 70 < totals["hana"] < 100  # full marks on what she submitted, 0 for what she skipped
    assert all(totals[s] < 100 for s in ("chen", "dana", "eve", "finn", "gia"))


def test_work_not_submitted_is_listed_and_counts_zero(demo):
    root, plan, _, grades, printed = demo
    skipped = [(s, a) for s in plan for a in sorted({a for (_, a) in grades}) if a not in plan[s]]
    assert skipped == [("hana", "w4_deep_application")]
    assert "hana / w4_deep_application: not submitted; it counts 0" in printed
    assert "missing" in table_lines(printed, plan)["hana"]
    row = next(r for r in csv.DictReader(open(root / "reports" / "grades.csv"))
               if (r["student"], r["assignment"]) == skipped[0])
    assert row["score"] == "0" and float(row["max_score"]) > 0 and "not submitted" in row["notes"]


def test_who_needs_help_is_printed_and_written(demo):
    root, plan, _, grades, printed = demo
    totals = deserved_totals(plan, grades)
    below = {s for s, t in totals.items() if t < 60}
    assert "blake" in below and "ada" not in below
    rows = list(csv.DictReader(open(root / "reports" / "needs_help.csv")))
    assert {r["student"] for r in rows} == below
    blake = {(r["assignment"], r["function"]) for r in rows if r["student"] == "blake"}
    assert blake == {(a, g[: -len("_tests")]) for (s, a), cells in grades.items() if s == "blake" for g in cells}
    assert "Needs help (below 60%)" in printed and "  blake (0%):" in printed


def test_each_row_of_grades_csv_says_what_the_student_did_in_that_assignment_only(demo):
    root, plan, _, _, _ = demo
    names = assignments(root)
    rows = {(r["student"], r["assignment"]): r["what this student did"]
            for r in csv.DictReader(open(root / "reports" / "grades.csv"))}
    assert rows and max(len(words) for words in rows.values()) <= 100
    assert "broken notebook file" in rows[("finn", names[0])] and rows[("finn", names[1])] == "full solution"
    assert rows[("hana", names[-1])].startswith("skipped") and rows[("hana", names[0])] == "full solution"
    assert "deleted the test cell" in rows[("gia", names[0])] and "deleted" not in rows[("gia", names[1])]
    assert "cheater" in "".join(rows[("eve", a)] for a in names) and rows[("ada", names[0])] == "full solution"


def test_the_formgrader_at_the_demo_lists_named_students_and_raises_no_exchange_alarm(demo, tmp_path):
    """`make lab COURSE=demo`: the formgrader shows the simulated students by name (not "None, None") and finds
    an exchange, so its log holds no "Unwritable directory" alarm however often it is visited."""
    from support import call, jupyter_server

    root, plan, _, _, _ = demo
    log = tmp_path / "lab.log"
    with jupyter_server(root, log=log) as url:
        for _ in range(2):
            students = {s["id"]: s for s in call(url, "/formgrader/api/students")}
            call(url, "/formgrader/api/assignments")
    assert set(plan) <= set(students)
    assert all(students[s]["first_name"] == s.capitalize() and students[s]["last_name"] for s in plan), students
    assert "Unwritable directory" not in log.read_text() and (root / "exchange").is_dir()

"""The class insight: what the grader knows about the class, in the report an instructor reads after a deadline.

A small class of w2_numpy_basics is graded with the real pipeline (nbgrader, the jail, Dask);
students with known mistakes must show up under those mistakes, a test cell nobody passes must be
flagged, a regrade must say who changed and why, and the HTML page must escape what students wrote.
"""
import csv
import html.parser
import math
from pathlib import Path

import pytest

from nndl.mistakes import MISTAKES
from nndl.pipeline.autograde import grade_class
from nndl.pipeline.insight import history
from nndl.pipeline.insight.items import NEGATIVE, NOBODY, STRONG_FAIL, item_analysis
from nndl.pipeline.insight.misconceptions import UNKNOWN, Misconception
from nndl.pipeline.insight.page import write_page
from nndl.pipeline.report import ClassGrades, write_report
from nndl.simulate import filled_notebook, submit
from nndl.grading.cell_results import CellResult
from nndl.pipeline.autograde import Outcome
from support import chromium, course_copy

A = "w2_numpy_basics"
SOFTMAX = MISTAKES[A]["softmax"]
ODD_L2 = ("np.sum((y - yhat) ** 2)", "2 * np.sum((y - yhat) ** 2)")  # in no catalogue
CLASS = {  # everyone gets softmax wrong, so that nobody passes its test cell
    "ann": {"softmax": SOFTMAX},
    "bob": {"softmax": SOFTMAX, "sigmoid": MISTAKES[A]["sigmoid"]},
    "cat": {"softmax": SOFTMAX, "sigmoid": MISTAKES[A]["sigmoid"]},
    "dan": {"softmax": SOFTMAX, "L1": MISTAKES[A]["L1"]},
    "eve": {"softmax": SOFTMAX, "L2": ODD_L2},
    # L1 runs past its time limit; L2 kills the process running the notebook
    "fay": {"softmax": SOFTMAX, "L1": ("np.sum(np.abs(y - yhat))", "__import__('time').sleep(100)"),
            "L2": ("np.sum((y - yhat) ** 2)", "__import__('os').kill(__import__('os').getpid(), 9)")},
}
SHORT_LIMITS = """
c.CourseSettings.cell_timeout = 4
c.CourseSettings.call_timeout = 4
"""


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = course_copy(tmp_path_factory.mktemp("course"), [A], extra_config=SHORT_LIMITS)
    for student, mistakes in CLASS.items():
        submit(root, student, A, filled_notebook(root, A, mistakes=mistakes))
    outcomes = grade_class(root, workers=2)
    write_report(root, outcomes)
    return root, outcomes


def test_students_with_a_known_mistake_are_listed_under_it(graded):
    root, _ = graded
    found = {(r["test_cell"], r["mistake"]): r for r in rows(root / "reports" / "misconceptions.csv")}
    assert found[("sigmoid_tests", "sigmoid")]["who"].split("; ") == ["bob", "cat"]
    assert found[("sigmoid_tests", "sigmoid")]["students"] == "2"
    assert found[("softmax_tests", "softmax")]["who"].split("; ") == sorted(CLASS)
    assert found[("softmax_tests", "softmax")]["percent"] == "100.0"
    assert found[("L1_tests", "L1")]["who"] == "dan"
    unknown = found[("L2_tests", UNKNOWN)]
    assert unknown["who"] == "eve; fay" and unknown["example_messages"]  # a message to catalogue the mistake from
    page = (root / "reports" / "index.html").read_text()
    sigmoid_row = next(r for r in page.split("<tr>") if "<b>sigmoid</b>" in r)
    assert ">bob</a>" in sigmoid_row and ">cat</a>" in sigmoid_row and ">ann<" not in sigmoid_row


def test_a_test_cell_nobody_passes_is_flagged(graded):
    root, _ = graded
    items = {r["test_cell"]: r for r in rows(root / "reports" / "item_analysis.csv")}
    assert NOBODY in items["softmax_tests"]["flags"]
    assert float(items["softmax_tests"]["difficulty"]) < 1
    assert items["image2vector_tests"]["flags"] == "" and items["image2vector_tests"]["difficulty"] == "1.000"
    assert NOBODY in (root / "reports" / "index.html").read_text()


def test_timeouts_and_crashes_are_counted_per_test_cell(graded):
    root, _ = graded
    items = {r["test_cell"]: r for r in rows(root / "reports" / "item_analysis.csv")}
    assert (items["L1_tests"]["timeouts"], items["L1_tests"]["crashes"]) == ("1", "0")
    assert (items["L2_tests"]["timeouts"], items["L2_tests"]["crashes"]) == ("0", "1")
    assert items["sigmoid_tests"]["timeouts"] == items["sigmoid_tests"]["crashes"] == "0"


def test_index_links_resolve_to_each_students_feedback(graded):
    root, _ = graded
    parser = Links()
    parser.feed((root / "reports" / "index.html").read_text())
    local = [h for h in parser.hrefs if not h.startswith(("data:", "#"))]
    targets = {(root / "reports" / h).resolve() for h in local}
    assert all(t.is_file() for t in targets)
    for student in CLASS:
        assert (root / "feedback" / student / A / f"{A}.html").resolve() in targets


@pytest.mark.browser
def test_the_class_report_shows_a_known_mistake_in_a_browser_offline(graded):
    root, _ = graded
    asked = []

    def cut_off(route):
        asked.append(route.request.url)
        route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort()

    with chromium() as browser:
        page = browser.new_page()
        page.route("**/*", cut_off)
        page.goto((root / "reports" / "index.html").as_uri())
        row = page.locator("tr", has=page.locator("b", has_text="sigmoid"))
        assert "bob" in row.inner_text() and "cat" in row.inner_text() and "2/6" in row.inner_text()
        table = page.locator("table", has=row)
        table.locator("th", has_text="students").click()  # fewest first
        first = table.locator("tbody tr").first.inner_text()
        table.locator("th", has_text="students").click()  # most first: everyone's softmax
        assert "softmax" in table.locator("tbody tr").first.inner_text() and first != table.locator(
            "tbody tr").first.inner_text()
    assert [url for url in asked if not url.startswith(("file:", "data:"))] == []


def test_a_regrade_lists_exactly_the_changed_submission(graded):
    root, _ = graded
    submit(root, "ann", A, filled_notebook(root, A))  # ann fixes softmax
    outcomes = grade_class(root, jobs=[("ann", A), ("bob", A)], workers=2)
    write_report(root, outcomes)
    changed = rows(root / "reports" / "regrade_changes.csv")
    assert [(r["student"], r["test_cell"], r["why"]) for r in changed] == [
        ("ann", "softmax_tests", history.SUBMISSION)]
    assert float(changed[0]["after"]) > float(changed[0]["before"])
    assert len(list((root / "reports" / "history").glob("*.json"))) == 2


def grades_of(cells):
    """A ClassGrades of one assignment from student -> {test cell: (score, max score)}."""
    scores = {(s, "a"): (sum(v[0] for v in c.values()), sum(v[1] for v in c.values())) for s, c in cells.items()}
    return ClassGrades(sorted(cells), ["a"], scores, {}, {"a": 10.0},
                       {(s, "a"): [(g, v[0], v[1]) for g, v in c.items()] for s, c in cells.items()})


def test_item_analysis_computes_a_negative_discrimination():
    # the strong students fail "odd" and the weak ones pass it: it discriminates negatively
    cells = {f"s{i}": {"good": (i, 4.0), "also": (i, 4.0), "odd": (0.5 * (i < 2), 0.5)} for i in range(5)}
    items = {i.grade_id: i for i in item_analysis(grades_of(cells))}
    assert items["odd"].discrimination < -0.5 and NEGATIVE in items["odd"].flags
    assert STRONG_FAIL in items["odd"].flags  # s4, at 8 of 8.5 points (94 %), fails it
    assert items["good"].discrimination > 0.9 and items["good"].flags == ()
    assert math.isclose(items["good"].difficulty, (0 + 1 + 2 + 3 + 4) / 20)


def test_the_page_escapes_student_ids_and_messages(tmp_path):
    hostile = '<script>alert("id")</script>'
    grades = grades_of({hostile: {"t": (0.0, 1.0)}, "x": {"t": (1.0, 1.0)}})
    found = [Misconception("a", "t", UNKNOWN, "", (hostile,), 2, ('<script>alert("msg")</script>',))]
    (tmp_path / "similarity_pairs.csv").write_text("a,b,score\n")  # another step's report, linked when present
    write_page(tmp_path / "index.html", tmp_path, grades, [(hostile, 0.0, [("a", "t", 0.0, 1.0, "no points")])],
               found, item_analysis(grades), [history.Change(hostile, "a", "t", "0", "1", history.UNKNOWN)], 60)
    page = (tmp_path / "index.html").read_text()
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;msg&quot;)" in page
    assert page.count("<script>") == 1  # the page's own sorting script
    assert '<a href="similarity_pairs.csv">' in page


def outcome(student, scores, digest="d", not_graded=""):
    return Outcome(student, "a", graded=not not_graded, not_graded=not_graded, digest=digest,
                   tests=[CellResult("a", g, s, 1.0) for g, s in scores.items()])


def test_a_regrade_says_why_each_score_moved(tmp_path):
    pins = {"a/a": "release-1"}
    history.record(tmp_path, "run-1", pins, [outcome("faulty", {}, not_graded="worker lost"),
                                             outcome("same", {"t": 1.0}), outcome("flaky", {"t": 1.0}),
                                             outcome("edited", {"t": 0.0}, digest="d1")])
    history.record(tmp_path, "run-2", pins, [outcome("faulty", {"t": 1.0}), outcome("same", {"t": 1.0}),
                                             outcome("flaky", {"t": 0.5}), outcome("edited", {"t": 1.0}, digest="d2")])
    history.record(tmp_path, "run-3", {"a/a": "release-2"}, [outcome("same", {"t": 0.0})])
    assert history.changes(tmp_path, "run-1") == []
    assert {(c.student, c.before, c.after, c.why) for c in history.changes(tmp_path, "run-2")} == {
        ("faulty", "NOT GRADED", "1", history.FAULT_BEFORE), ("flaky", "1", "0.5", history.UNKNOWN),
        ("edited", "0", "1", history.SUBMISSION)}
    assert [(c.student, c.why) for c in history.changes(tmp_path, "run-3")] == [("same", history.RELEASE)]

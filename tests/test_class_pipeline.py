"""The instructor's main job on a class: parallel grading that no bad submission can stop.

Real nbgrader, real kernels, a real gradebook; each robustness case of the
issue has its own student here.
"""
import csv
import copy
import json
import zipfile

import nbformat
import pytest
from nbgrader.api import Gradebook

from nndl.pipeline.autograde import grade_class
from nndl.pipeline.collect import collect_download
from nndl.pipeline.progress import Progress
from nndl.pipeline.report import write_report
from nndl.simulate import filled_notebook, submit
from nndl.course import REPO_ROOT
from support import course_copy

A = "w2_numpy_basics"
SHORT_LIMITS = """
c.CourseSettings.timeout = 90
c.CourseSettings.cell_timeout = 4
c.CourseSettings.call_timeout = 4
"""


def cell_with_id(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def robustness_class(root):
    """student -> (notebook or raw text, what the student deserves: set of test cells that lose points)."""
    solution = filled_notebook(root, A)
    cases = {"solution": (solution, set())}

    text = json.dumps(solution)
    cases["invalid_json"] = (text[: len(text) // 3], "all")

    deleted = copy.deepcopy(solution)
    deleted.cells.remove(cell_with_id(deleted, "softmax_tests"))
    cases["deleted_test"] = (deleted, set())

    duplicated = copy.deepcopy(solution)
    duplicated.cells.append(copy.deepcopy(cell_with_id(duplicated, "L1_tests")))
    duplicated.cells[-1].id = "copy-of-L1"
    cases["duplicated_test"] = (duplicated, set())

    renamed = copy.deepcopy(solution)
    cell_with_id(renamed, "L2_tests").metadata.nbgrader.grade_id = "my_L2_tests"
    cases["renamed_grade_id"] = (renamed, set())

    skip_tag = copy.deepcopy(solution)
    cell = cell_with_id(skip_tag, "sigmoid_tests")
    cell.metadata["tags"] = ["skip-in-grading"]
    cases["tags_test_cell_to_skip"] = (skip_tag, set())

    cases["endless_loop"] = (filled_notebook(root, A, mistakes={
        "softmax": ("x_exp = np.exp(x)", "x_exp = np.exp(x)\n    while True:\n        pass")}), {"softmax_tests"})
    cases["os_exit"] = (filled_notebook(root, A, extra_code={"sigmoid": "import os\nos._exit(1)"}), set())
    # a cell that kills its own process (as the out-of-memory killer would) is left out, with what it defines
    cases["killed_kernel"] = (filled_notebook(root, A, extra_code={
        "image2vector": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"}), {"image2vector_tests"})
    cases["out_of_memory"] = (filled_notebook(root, A, extra_code={
        "normalize_rows": "huge = np.ones((60000, 60000))"}), set())
    return cases


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    root = course_copy(tmp_path_factory.mktemp("course"), [A], extra_config=SHORT_LIMITS)
    cases = robustness_class(root)
    for student, (nb, _) in cases.items():
        submit(root, student, A, nb)
    outcomes = {o.student: o for o in grade_class(root, workers=2)}
    return root, cases, outcomes


def scores(root, student):
    with Gradebook("sqlite:///" + str(root / "gradebook.db")) as gb:
        nb = gb.find_submission_notebook(A, A, student)
        return {g.name: (g.score, g.max_score) for g in nb.grades}


@pytest.mark.parametrize("student", ["solution", "invalid_json", "deleted_test", "duplicated_test", "renamed_grade_id",
                                     "tags_test_cell_to_skip", "endless_loop", "os_exit", "killed_kernel",
                                     "out_of_memory"])
def test_every_submission_gets_the_score_it_deserves(graded_class, student):
    root, cases, _ = graded_class
    deserved = cases[student][1]
    got = scores(root, student)
    losing = {g for g, (score, top) in got.items() if score < top}
    assert losing == (set(got) if deserved == "all" else deserved)


def cell_index(grade_id):
    """The position, among all cells of the released notebook, of the cell graded as ``grade_id``."""
    nb = nbformat.read(REPO_ROOT / "release" / A / f"{A}.ipynb", as_version=4)
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


@pytest.mark.parametrize("student, words", [
    ("invalid_json", "not valid JSON"),
    ("deleted_test", "softmax_tests had been deleted"),
    ("duplicated_test", "L1_tests appeared more than once"),
    ("renamed_grade_id", "unknown id(s) my_L2_tests"),
    ("endless_loop", "ran past the 4 s time limit"),
    ("os_exit", "called os._exit"),
    ("killed_kernel", "as a kernel dies"),
    ("killed_kernel", f"code cell {cell_index('image2vector')} stopped the Python process"),
])
def test_the_report_says_in_plain_words_what_happened(graded_class, student, words):
    _, _, outcomes = graded_class
    assert any(words in str(p) for p in outcomes[student].problems), outcomes[student].problems


def test_feedback_for_a_dead_kernel_hides_tracebacks_of_hidden_code(graded_class):
    root, _, _ = graded_class
    page = (root / "feedback" / "os_exit" / A / f"{A}.html").read_text()
    assert "checks passed" in page and "GradeInJail" not in page and "inside.py" not in page


def test_regrading_is_idempotent(graded_class):
    root, cases, _ = graded_class
    before = {s: scores(root, s) for s in cases}
    grade_class(root, jobs=[("solution", A), ("endless_loop", A)], workers=2)
    assert {s: scores(root, s) for s in cases} == before
    with Gradebook("sqlite:///" + str(root / "gradebook.db")) as gb:
        assert len(gb.find_assignment(A).submissions) == len(cases)


def test_the_report_writes_a_table_csv_and_png(graded_class, capsys):
    root, cases, outcomes = graded_class
    write_report(root, list(outcomes.values()))
    printed = capsys.readouterr().out
    assert "solution" in printed and "14/14" in printed
    rows = list(csv.DictReader(open(root / "reports" / "grades.csv")))
    assert {r["student"] for r in rows} == set(cases)
    assert next(r for r in rows if r["student"] == "invalid_json")["score"] == "0"
    assert (root / "reports" / "grades.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Needs help (below 60%)" in printed
    helped = {r["student"] for r in csv.DictReader(open(root / "reports" / "needs_help.csv"))}
    assert helped == {"invalid_json"}  # the only one below 60 %: everyone else lost one test cell at most


def test_an_lms_zip_is_collected_into_submitted(tmp_path):
    (tmp_path / "course").mkdir()
    root = course_copy(tmp_path / "course", [A])
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for student in ("s001", "s002"):
            z.writestr(f"{student}__{A}.ipynb", nbformat.writes(filled_notebook(root, A)))
        z.writestr("README.txt", "not a submission")
    assert collect_download(root, A, archive) == ["s001", "s002"]
    assert (root / "submitted" / "s001" / A / f"{A}.ipynb").exists()


def test_progress_counts_and_estimates_time_left():
    import io

    stream = io.StringIO()
    progress = Progress(4, stream=stream)
    progress.step("a")
    progress.step("b")
    last = stream.getvalue().splitlines()[-1]
    assert "2/4 graded" in last and "ETA 00:0" in last and last.count("#") == 15


def test_collect_refuses_student_ids_that_are_paths(tmp_path):
    (tmp_path / "course").mkdir()
    root = course_copy(tmp_path / "course", [A])
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name in ("..", ".", ".hidden", "s001"):
            z.writestr(f"{name}__{A}.ipynb", nbformat.writes(filled_notebook(root, A)))
    assert collect_download(root, A, archive) == ["s001"]
    after = {p.relative_to(root) for p in root.rglob("*")}
    new = {p for p in after - set(before) if p.parts[0] not in ("downloaded", "submitted")}
    assert new == set() and {p.name for p in (root / "submitted").iterdir()} == {"s001"}
    assert set(before) <= after  # nothing of the course was deleted


@pytest.mark.parametrize("how", ["dangling_link", "folder"])
def test_an_unreadable_notebook_is_reported_as_unreadable_not_missing(tmp_path, how):
    root = course_copy(tmp_path, [A])
    folder = root / "submitted" / "s1" / A
    folder.mkdir(parents=True)
    if how == "dangling_link":
        (folder / f"{A}.ipynb").symlink_to(tmp_path / "nowhere.ipynb")
    else:
        (folder / f"{A}.ipynb").mkdir()
    outcome, = grade_class(root, workers=1)
    assert any("unreadable" in str(p) or "is a folder" in str(p) for p in outcome.problems), outcome.problems
    assert not any("not submitted" in str(p) for p in outcome.problems)
    assert scores(root, "s1") == {g: (0.0, top) for g, (_, top) in scores(root, "s1").items()}


def test_a_simulated_class_has_the_mix_and_each_student_gets_what_they_deserve(tmp_path):
    from nndl.simulate import simulate_class

    root = course_copy(tmp_path, [A])
    plan = simulate_class(root, 14, seed=3)
    kinds = {student: work[A] for student, work in plan.items()}
    (tmp_path / "again").mkdir()
    assert plan == simulate_class(course_copy(tmp_path / "again", [A]), 14, seed=3)  # seeded: the same class
    assert {"correct", "mistakes"} <= set(kinds.values())
    outcomes = {o.student: o for o in grade_class(root, workers=2)}
    for student, kind in kinds.items():
        if kind == "missing":
            assert student not in outcomes
            continue
        got = scores(root, student)
        total, top = sum(s for s, _ in got.values()), sum(t for _, t in got.values())
        expected = {"correct": top, "late": top, "blank": 0, "broken": 0}.get(kind)
        assert total == expected if expected is not None else 0 < total < top, (student, kind, got)


def small_class():
    """Three students, two assignments of 10 points; "skipper" did not submit the second."""
    from nndl.pipeline.report import ClassGrades

    cells = {("ada", "a1"): [("f_tests", 4.0, 4.0), ("g_tests", 6.0, 6.0)],
             ("ada", "a2"): [("h_tests", 10.0, 10.0)],
             ("skipper", "a1"): [("f_tests", 4.0, 4.0), ("g_tests", 6.0, 6.0)],
             ("weak", "a1"): [("f_tests", 0.0, 4.0), ("g_tests", 3.0, 6.0)],
             ("weak", "a2"): [("h_tests", 2.0, 10.0)]}
    scores = {k: (sum(c[1] for c in v), sum(c[2] for c in v)) for k, v in cells.items()}
    scores[("skipper", "a2")] = None
    questions = {}
    for (_, a), v in cells.items():
        for g, s, t in v:
            questions.setdefault((a, g), []).append(s / t)
    return ClassGrades(["ada", "skipper", "weak"], ["a1", "a2"], scores, questions, {"a1": 10.0, "a2": 10.0}, cells)


def test_missing_work_counts_zero_and_is_listed():
    from nndl.pipeline.report import table

    grades = small_class()
    assert grades.total("ada") == 100 and grades.total("skipper") == 50 and grades.total("weak") == 25
    text = table(grades, {"ada": "full solution", "skipper": "skipped a2"})
    skipper = next(line for line in text.splitlines() if line.startswith("skipper"))
    assert "0/10 missing" in skipper and "50%" in skipper and "skipped a2" in skipper
    assert "counts 0 in the total" in text


def test_who_needs_help_and_on_which_functions(tmp_path):
    from nndl.pipeline.report import help_text, needs_help, write_needs_help

    helped = needs_help(small_class(), threshold=60)
    assert [(s, round(t)) for s, t, _ in helped] == [("weak", 25), ("skipper", 50)]  # lowest first
    weak = dict((f, (s, t)) for _, f, s, t, _ in helped[0][2])
    assert weak == {"f": (0.0, 4.0), "g": (3.0, 6.0), "h": (2.0, 10.0)}
    assert helped[1][2] == [("a2", "", 0.0, 10.0, "not submitted")]
    text = help_text(helped, 60)
    assert "weak (25%)" in text and "a1: f 0/4, g 3/6" in text and "a2: not submitted (0/10)" in text
    write_needs_help(helped, tmp_path / "needs_help.csv")
    rows = list(csv.DictReader(open(tmp_path / "needs_help.csv")))
    assert {(r["student"], r["function"], r["what"]) for r in rows} == {
        ("weak", "f", "no points"), ("weak", "g", "partial credit"), ("weak", "h", "partial credit"),
        ("skipper", "", "not submitted")}
    assert needs_help(small_class(), threshold=20) == []


def test_grades_png_has_integer_counts_values_on_bars_and_lowest_first(tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from nndl.pipeline import report

    figures = []
    monkeypatch.setattr(plt, "close", lambda fig: figures.append(fig))
    report.write_png(small_class(), tmp_path / "grades.png")
    assert (tmp_path / "grades.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    hist, students, questions = figures[0].axes
    assert all(float(t).is_integer() for t in hist.get_yticks())
    assert sorted(t.get_text() for t in hist.texts if t.get_text()) == ["1", "1", "1"]

    def top_to_bottom(axes):  # tick labels from the top of the drawing down
        ticks = sorted(zip(axes.get_yticks(), (t.get_text() for t in axes.get_yticklabels())),
                       key=lambda tick: tick[0], reverse=not axes.yaxis_inverted())
        return [label for _, label in ticks]

    assert top_to_bottom(students) == ["weak", "skipper", "ada"]
    assert [t.get_text() for t in students.texts] == ["25%", "50%", "100%"]
    assert top_to_bottom(questions) == ["a2: h", "a1: f", "a1: g"]  # means 60, 67, 83 %
    assert "lowest first" in questions.get_title() and questions.texts


def test_an_unreadable_submission_gets_a_feedback_page_that_explains_its_zero(graded_class):
    root, _, _ = graded_class
    page = (root / "feedback" / "invalid_json" / A / f"{A}.html").read_text()
    assert "Score: 0." in page and "not valid JSON" in page and "hand it in again" in page


def test_feedback_pages_leave_out_the_bare_score_under_each_test_cell(graded_class):
    import nbformat
    from nndl.grading.feedback import HideScoreOutput

    root, _, _ = graded_class
    nb = nbformat.read(root / "autograded" / "solution" / A / f"{A}.ipynb", as_version=4)
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert all(any(o.output_type == "execute_result" for o in c.outputs) for c in tests)  # nbgrader reads it
    HideScoreOutput().preprocess(nb, {})
    assert not any(o.output_type == "execute_result" for c in tests for o in c.outputs)
    assert all("checks passed" in c.outputs[0].text for c in tests)
    page = (root / "feedback" / "solution" / A / f"{A}.html").read_text()
    assert page.count("checks passed") == len(tests) and page.count("executeResult") < len(tests)

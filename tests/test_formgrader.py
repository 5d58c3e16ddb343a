"""The JupyterLab formgrader, started at the course root, grades with the course's configuration."""
import urllib.request

import pytest

from nndl.mistakes import MISTAKES
from nndl.simulate import filled_notebook, scores, submit
from support import TOKEN, call, course_copy, jupyter_server

A = "w2_numpy_basics"


@pytest.fixture
def server(tmp_path):
    root = course_copy(tmp_path, [A])
    with jupyter_server(root) as url:
        yield root, url


def test_formgrader_lists_the_course_and_autogrades_with_hidden_checks(server):
    root, url = server
    assignments = call(url, "/formgrader/api/assignments")
    assert [(a["name"], a["max_score"]) for a in assignments] == [(A, 14.0)]
    submit(root, "stu", A, filled_notebook(root, A, mistakes={"softmax": MISTAKES[A]["softmax"]}))
    result = call(url, f"/formgrader/api/submission/{A}/stu/autograde", method="POST")
    assert result["success"], result["log"][-2000:]
    got = scores(root, A, "stu")
    assert got["softmax_tests"][0] < got["softmax_tests"][1]
    assert all(score == top for gid, (score, top) in got.items() if gid != "softmax_tests")


def test_the_formgrader_never_runs_a_students_script(server):
    """Markdown and outputs a student wrote are shown to the instructor, never run in their browser."""
    import nbformat
    from nbgrader.api import Gradebook

    root, url = server
    nb = filled_notebook(root, A)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell('<img src=x onerror="alert(1)"><script>alert(2)</script>'))
    nb.cells.insert(2, nbformat.v4.new_code_cell("from IPython.display import HTML\nHTML('<script>alert(3)</script>')"))
    submit(root, "mallory", A, nb)
    assert call(url, f"/formgrader/api/submission/{A}/mallory/autograde", method="POST")["success"]
    with Gradebook("sqlite:///" + str(root / "gradebook.db")) as gb:
        notebook_id = gb.find_submission_notebook(A, A, "mallory").id
    request = urllib.request.Request(f"{url}/formgrader/submissions/{notebook_id}",
                                     headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=120) as response:
        page = response.read().decode()
    assert "checks passed" in page
    assert "<script>alert(2)" not in page and "<script>alert(3)" not in page and 'onerror="alert' not in page


def test_the_formgrader_marks_the_submissions_whose_tests_failed(server):
    """The "Tests Failed?" column: ticked for a blank notebook and for one mistake, not for a solution
    (nbgrader ticks it where a test cell's recorded score is below its points)."""
    root, url = server
    notebooks = {"whole": filled_notebook(root, A), "blank": filled_notebook(root, A, blank=True),
                 "slip": filled_notebook(root, A, mistakes={"softmax": MISTAKES[A]["softmax"]})}
    for student, nb in notebooks.items():
        submit(root, student, A, nb)
        assert call(url, f"/formgrader/api/submission/{A}/{student}/autograde", method="POST")["success"]
    listed = {row["student"]: row["failed_tests"] for row in call(url, f"/formgrader/api/submitted_notebooks/{A}/{A}")}
    assert listed == {"whole": False, "blank": True, "slip": True}
    for student, failed in listed.items():  # the same mark on each student's own page
        (row,) = call(url, f"/formgrader/api/student_notebook_submissions/{student}/{A}")
        assert row["failed_tests"] is failed


def test_the_formgrader_finds_the_courses_exchange_and_raises_no_alarm(tmp_path):
    """Started as `make lab` starts it, the formgrader's exchange is the course root's exchange/ folder: visiting
    its pages logs no "Unwritable directory" alarm (nbgrader's default, /srv/nbgrader/exchange, would)."""
    (tmp_path / "course").mkdir()
    root = course_copy(tmp_path / "course", [A])
    log = tmp_path / "server.log"
    with jupyter_server(root, log=log) as url:
        for _ in range(3):
            assert [a["name"] for a in call(url, "/formgrader/api/assignments")] == [A]
    text = log.read_text()
    assert "Unwritable directory" not in text, text
    assert (root / "exchange").is_dir()

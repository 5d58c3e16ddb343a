"""A fault of the course itself stops `nndl grade` loudly, records nothing, and says how to fix it.

Each test runs the real command on a real course folder and checks the exit status, the
message, and that the gradebook holds no submission for the assignment afterwards.
"""
import csv
import json
import sqlite3
import subprocess
import sys

import nbformat
import pytest
from nbgrader.api import Gradebook

from nndl.simulate import filled_notebook, submit
from support import course_copy

A = "w2_numpy_basics"


def nndl_grade(root, *args, env=None):
    import os

    return subprocess.run([sys.executable, "-m", "nndl.cli", "--root", str(root), "grade", *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=900)


def submissions(root, assignment=A):
    with Gradebook("sqlite:///" + str(root / "gradebook.db")) as gb:
        return [s.student.id for s in gb.find_assignment(assignment).submissions]


@pytest.fixture
def course(tmp_path):
    root = course_copy(tmp_path, [A])
    submit(root, "s1", A, filled_notebook(root, A))
    return root


def test_an_edited_hidden_test_stops_grading(course):
    path = course / "source" / A / f"{A}.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "### BEGIN HIDDEN TESTS" in c.source)
    cell.source = cell.source.replace("### END HIDDEN TESTS", "open('pwned', 'w')\n### END HIDDEN TESTS")
    nbformat.write(nb, path)
    result = nndl_grade(course)
    assert result.returncode == 2 and "does not match the gradebook" in result.stderr, result.stderr
    assert "nndl build" in result.stderr and not (course / "pwned").exists() and submissions(course) == []


def test_a_corrupt_checksum_in_the_gradebook_stops_grading(course):
    with sqlite3.connect(course / "gradebook.db") as db:
        db.execute("update source_cell set checksum = 'x' where name = 'softmax_tests'")
    result = nndl_grade(course)
    assert result.returncode == 2 and "'softmax_tests'" in result.stderr and submissions(course) == []


def test_a_missing_source_notebook_stops_grading(course):
    (course / "source" / A / f"{A}.ipynb").unlink()
    result = nndl_grade(course)
    assert result.returncode == 2 and f"source/{A}/{A}.ipynb is missing" in result.stderr
    assert submissions(course) == []


def test_a_reference_that_cannot_read_its_data_stops_grading(tmp_path):
    """A truncated train_catvnoncat.h5: zeros for the class would be the course's fault, not theirs."""
    (tmp_path / "course").mkdir()
    root = course_copy(tmp_path / "course", ["w2_logistic_regression"])
    submit(root, "s1", "w2_logistic_regression", filled_notebook(root, "w2_logistic_regression"))
    data = tmp_path / "data"
    data.mkdir()
    (data / "train_catvnoncat.h5").write_bytes(b"\x89HDF\r\n\x1a\n" + b"\0" * 100)
    (data / "test_catvnoncat.h5").write_bytes(b"\x89HDF\r\n\x1a\n" + b"\0" * 100)
    result = nndl_grade(root, env={"NNDL_DATA_DIR": str(data)})
    assert result.returncode == 2, result.stderr
    assert "reference solution of w2_logistic_regression" in result.stderr and "train_catvnoncat.h5" in result.stderr
    assert submissions(root, "w2_logistic_regression") == []


def test_without_a_jail_grading_refuses_and_says_how_to_enable_one(course):
    result = nndl_grade(course, env={"NNDL_BWRAP": "/bin/false"})
    assert result.returncode == 2 and "cannot make a jail" in result.stderr and "--unisolated" in result.stderr
    assert submissions(course) == []


def test_unisolated_grading_says_so_in_every_report(course):
    result = nndl_grade(course, "--unisolated", env={"NNDL_BWRAP": "/bin/false"})
    assert result.returncode == 0, result.stderr
    assert "GRADED WITHOUT ISOLATION" in result.stdout
    rows = list(csv.DictReader(open(course / "reports" / "grades.csv")))
    assert rows[0]["score"] == "14" and "graded WITHOUT isolation" in rows[0]["notes"]
    page = (course / "feedback" / "s1" / A / f"{A}.html").read_text()
    assert "Graded WITHOUT isolation" in page
    assert json.loads((course / "autograded" / "s1" / A / f"{A}.grading.json").read_text())["isolated"] is False


def test_a_release_edited_while_the_class_is_graded_stops_grading(course):
    """`nndl grade` pins each release's digest in its preflight; a file of source/ changed afterwards (here: a new
    module beside the notebook, which the jail would import) stops grading with a course fault."""
    from nndl.course import load_config
    from nndl.grading.release import CourseFault, digest_of
    from nndl.pipeline.autograde import ReleaseWatch

    folder = course / "source" / A
    watch = ReleaseWatch(course, load_config(course), {f"{A}/{A}": digest_of(folder, A)}, None)
    watch.check(A)  # unchanged: grading goes on
    (folder / "helper.py").write_text("ANSWER = 42\n")
    with pytest.raises(CourseFault, match="changed while the class was being graded"):
        watch.check(A)

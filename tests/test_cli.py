"""The command line as a new user meets it: a mistake is one sentence and a non-zero exit, never a traceback."""
import subprocess
import sys

import pytest

from support import course_copy

A = "w2_numpy_basics"


def nndl(*args, cwd):
    return subprocess.run([sys.executable, "-m", "nndl.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def one_sentence(result):
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("nndl")]
    assert len(errors) == 1, result.stderr
    return errors[0]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return course_copy(tmp_path_factory.mktemp("course"), [A])


def test_outside_any_course_it_says_none_was_found(tmp_path):
    assert "no course here" in one_sentence(nndl("grade", cwd=tmp_path))


def test_a_root_that_does_not_exist_or_is_no_course_is_named(tmp_path):
    assert f"{tmp_path}/nowhere does not exist" in one_sentence(nndl("--root", str(tmp_path / "nowhere"), "grade",
                                                                     cwd=tmp_path))
    assert "is not a course folder" in one_sentence(nndl("--root", str(tmp_path), "grade", cwd=tmp_path))


def test_the_course_is_found_from_a_folder_inside_it_and_named(course):
    inside = course / "source" / A
    result = nndl("grade", cwd=inside)
    assert f"course: {course}" in result.stderr
    assert f"nothing to grade: {course}/submitted/" in result.stderr and result.returncode == 1


def test_an_assignment_the_course_does_not_have_is_refused(course):
    assert "has no assignment w9_nope" in one_sentence(nndl("grade", "w9_nope", cwd=course))
    assert "has no assignment w9_nope" in one_sentence(nndl("collect", "w9_nope", "x.zip", cwd=course))


def test_collect_of_a_missing_or_broken_download_leaves_nothing_behind(course, tmp_path):
    assert "does not exist" in one_sentence(nndl("collect", A, str(tmp_path / "gone.zip"), cwd=course))
    broken = tmp_path / "export.zip"
    broken.write_text("not a zip at all")
    assert "neither a .zip" in one_sentence(nndl("collect", A, str(broken), cwd=course))
    assert not (course / "downloaded").exists()


def test_debug_shows_the_traceback(tmp_path):
    result = nndl("--debug", "--root", str(tmp_path / "nowhere"), "grade", cwd=tmp_path)
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_grading_a_class_shows_no_library_warnings(tmp_path):
    """`nndl grade` prints its progress and the report, not SQLAlchemy's warnings about nbgrader's gradebook,
    nbformat's about the cell nbgrader puts back for a deleted test cell, nor Dask's about a port in use, and reports/grading.log holds what happened
    to each notebook, not a configuration warning per feedback page."""
    from nndl.simulate import filled_notebook, submit

    root = course_copy(tmp_path, [A])
    submit(root, "ana", A, filled_notebook(root, A))
    submit(root, "ben", A, filled_notebook(root, A, blank=True))
    deleted = filled_notebook(root, A)  # nbgrader puts the deleted test cell back (without a cell id)
    deleted.cells = [c for c in deleted.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "softmax_tests"]
    submit(root, "cleo", A, deleted)
    import socket

    with socket.socket() as busy:  # Dask's usual HTTP port taken, as by another cluster on this machine
        try:
            busy.bind(("127.0.0.1", 8787))
            busy.listen()
        except OSError:
            pass  # taken already
        result = subprocess.run([sys.executable, "-m", "nndl.cli", "grade", "--workers", "1"], cwd=root,
                                capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    printed = result.stdout + result.stderr
    assert "Warning" not in printed and "warn(" not in printed, printed
    log = (root / "reports" / "grading.log").read_text()
    assert "ana" in log and "Config option" not in log, log
    assert [line for line in log.splitlines() if "WARNING" in line] == [
        "[WARNING] Missing grade cell softmax_tests encountered, adding to notebook"], log

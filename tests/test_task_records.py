"""What crosses between the grading client and its workers is a frozen record checked where it is made.

A :class:`Submission` (the client's reading of a student's folder), a :class:`Bundle` (an assignment's
instructor bundle) and a :class:`Graded` (a worker's result) refuse what would be wrong to act on: a name
that would put a file outside its folder, a file that is not bytes, a result marked graded despite a
fault.  A worker's result that fails its checks leaves the submission NOT GRADED, saying why."""
import hashlib

import pytest

from nndl.grading.problems import Problem
from nndl.pipeline.bundle import Bundle
from nndl.pipeline.worker import MAX_FILE_BYTES, Graded, Submission

A = "w2_numpy_basics"


@pytest.mark.security
@pytest.mark.parametrize("name", ["../../grader_config.py", "sub/w2.ipynb", "..", "", "nul\0.ipynb"])
def test_a_submitted_file_whose_name_leaves_its_folder_is_refused_before_a_worker_writes_it(name):
    """A worker writes each submitted file into ``submitted/<student>/<assignment>/``: a name with a
    folder in it could overwrite the worker's private course (its grader_config.py, its gradebook)."""
    with pytest.raises(ValueError, match="plain name"):
        Submission("mallory", A, {name: b"{}"})


@pytest.mark.parametrize("student, assignment", [("../mallory", A), ("mallory", "../source"), ("", A)])
def test_a_submission_for_a_student_or_assignment_that_is_not_one_folder_is_refused(student, assignment):
    with pytest.raises(ValueError, match="plain name"):
        Submission(student, assignment, {f"{A}.ipynb": b"{}"})


def test_a_submitted_file_is_bytes_of_at_most_the_size_a_worker_takes():
    with pytest.raises(ValueError, match="bytes"):
        Submission("s", A, {f"{A}.ipynb": "{}"})  # text: the worker writes bytes, never re-encodes
    with pytest.raises(ValueError, match="larger than"):
        Submission("s", A, {"big.bin": bytes(MAX_FILE_BYTES + 1)})
    taken = Submission("s", A, {f"{A}.ipynb": b"{}", "timestamp.txt": b"2026-01-01 10:00:00"})
    assert taken.files == {f"{A}.ipynb": b"{}", "timestamp.txt": b"2026-01-01 10:00:00"}


def test_a_bundle_is_named_by_the_sha256_of_its_archive_and_refuses_an_assignment_outside_its_folder():
    made = Bundle(A, "course101", b"an archive")
    assert made.digest == hashlib.sha256(b"an archive").hexdigest()
    with pytest.raises(ValueError, match="plain name"):
        Bundle("../source", "course101", b"an archive")
    with pytest.raises(ValueError, match="bytes"):
        Bundle(A, "course101", "an archive")


@pytest.mark.parametrize("fields, why", [
    ({"machinery_fault": "the disk is full"}, "not graded"),
    ({"course_fault": "the reference failed"}, "not graded"),
    ({"feedback": {"../../../index.html": b"<p>"}}, "plain name"),
    ({"autograded": {f"{A}.ipynb": "text"}}, "bytes"),
    ({"problems": ["a problem as a string"]}, "Problem records"),
    ({"timestamp": "yesterday"}, "ISO format"),
    ({"seconds": float("nan")}, "at least 0"),
], ids=["machinery fault", "course fault", "page outside its folder", "text file", "loose problem", "timestamp",
        "nan seconds"])
def test_a_graded_submission_that_could_not_be_stored_as_it_says_is_refused_where_it_is_made(fields, why):
    with pytest.raises(ValueError, match=why):
        Graded("s", A, graded=True, **fields)


def _a_worker_result_that_fails_its_checks():
    return Graded("s", A, graded=True, machinery_fault="nbgrader failed")


def test_a_worker_result_that_fails_its_checks_leaves_the_submission_not_graded_saying_why():
    """The check runs in the worker (a real Dask worker here): the task fails, and the client turns that
    into a fault of the machinery: the submission is NOT GRADED (nothing is stored), not a crash."""
    from distributed import Client

    from nndl.pipeline.autograde import _result

    with Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=":0") as client:
        future = client.submit(_a_worker_result_that_fails_its_checks, pure=False)
        graded = _result(future, "s", A, "digest", [])
    assert not graded.graded and not graded.autograded and not graded.scores
    assert graded.machinery_fault.startswith("grading failed: ValueError: ") and "not graded" in graded.machinery_fault


def test_the_records_carry_their_lists_as_tuples_and_refuse_changes():
    from dataclasses import FrozenInstanceError

    graded = Graded("s", A, graded=False, problems=[Problem("was not submitted: 0 points", A)])
    assert graded.problems == (Problem("was not submitted: 0 points", A),)
    with pytest.raises(FrozenInstanceError):
        graded.graded = True

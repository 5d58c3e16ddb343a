"""Grading on a real Dask cluster: a `dask scheduler` and a `dask worker` started as programs, speaking TLS
with the course's certificates (`nndl cluster certs`), the worker in a mount namespace where the course folder is an empty tmpfs, so it cannot read it even by accident.

The class still gets the grades it deserves: the worker needs nothing but the instructor bundle and
each submission's bytes, and the client alone writes the gradebook and the files.
"""
import os
import shutil
import subprocess
import sys
import time

import pytest

from nndl.mistakes import MISTAKES
from nndl.pipeline.certificates import Certificates, make_certificates
from nndl.simulate import filled_notebook, scores, submit
from support import course_copy, dask_cluster

A = "w2_numpy_basics"
pytestmark = pytest.mark.slow


@pytest.fixture
def cluster(tmp_path):
    """A TLS scheduler, and one worker that cannot see ``tmp_path / 'course'``; yields (address, course root,
    the course's certificates, kept outside the course folder so that the worker can read its own)."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("hiding the course folder from the worker needs root and unshare(1) (CI has both)")
    root = tmp_path / "course"
    root.mkdir()
    hidden = f"unshare --mount --propagation private sh -c 'mount -t tmpfs -o size=1m,mode=0755 nndl-hidden {root} " \
             "&& exec {worker}'"
    certs = course_certs(tmp_path)
    with dask_cluster(tmp_path, hidden, certs=certs) as address:
        yield address, root, certs


def course_certs(tmp_path):
    """The course's certificates, made as `nndl cluster certs --folder` does."""
    certs = Certificates(tmp_path / "certs")
    make_certificates(certs)
    return certs


def test_a_worker_that_cannot_see_the_course_folder_grades_the_class(cluster):
    from distributed import Client

    from nndl.pipeline.autograde import grade_class

    address, root, certs = cluster
    course_copy(root, [A])
    submit(root, "right", A, filled_notebook(root, A))
    submit(root, "wrong", A, filled_notebook(root, A, mistakes={"softmax": MISTAKES[A]["softmax"]}))
    with Client(address, timeout="60s", security=certs.security()) as client:
        client.wait_for_workers(1, timeout=120)
        seen = client.run(lambda path: sorted(os.listdir(path)), str(root))
    assert list(seen.values()) == [[]], "the worker should see an empty course folder"

    outcomes = {o.student: o for o in grade_class(root, scheduler=address, certs=certs.folder)}
    assert all(o.graded and o.isolated for o in outcomes.values()), outcomes
    right, wrong = scores(root, A, "right"), scores(root, A, "wrong")
    assert all(score == top for score, top in right.values())
    assert [gid for gid, (score, top) in wrong.items() if score < top] == ["softmax_tests"]
    for student in ("right", "wrong"):  # the client wrote what the worker made
        assert (root / "autograded" / student / A / f"{A}.ipynb").is_file()
        assert (root / "feedback" / student / A / f"{A}.html").is_file()


def test_a_worker_killed_mid_task_loses_nothing_and_writes_nothing_twice(tmp_path):
    """kill -9 of the worker process grading a submission: Dask runs the task again on a worker that is
    alive, the class gets every grade once, and the report has no trace of the crash as a problem."""
    import nbformat
    import psutil
    from nbgrader.api import Gradebook

    root = course_copy(tmp_path, [A])
    slow = filled_notebook(root, A)
    first = next(i for i, c in enumerate(slow.cells) if c.cell_type == "code")
    slow.cells.insert(first + 1, nbformat.v4.new_code_cell("import time\ntime.sleep(8)"))
    submit(root, "slow", A, slow)
    submit(root, "other", A, filled_notebook(root, A))
    grader = subprocess.Popen([sys.executable, "-m", "nndl.cli", "--root", str(root), "grade", "--workers", "2"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.monotonic() + 240
    while killed is None and time.monotonic() < deadline and grader.poll() is None:
        time.sleep(0.3)
        for process in psutil.Process(grader.pid).children():
            try:  # a worker process (not the client's own preflight jails) with a jail running under it
                if "spawn_main" in " ".join(process.cmdline()) and any(
                        "inside.py" in " ".join(p.cmdline()) for p in process.children(recursive=True)):
                    process.kill()
                    killed = process.pid
                    break
            except psutil.Error:
                continue
    out, err = grader.communicate(timeout=600)
    assert killed, f"no worker was ever seen running a jail: {err[-3000:]}"
    assert grader.returncode == 0, (out[-2000:], err[-3000:])
    assert all(score == top for score, top in scores(root, A, "slow").values())
    assert all(score == top for score, top in scores(root, A, "other").values())
    with Gradebook("sqlite:///" + str(root / "gradebook.db")) as gb:
        assert sorted(s.student.id for s in gb.find_assignment(A).submissions) == ["other", "slow"]


def test_a_worker_that_cannot_make_a_jail_stops_the_run_and_records_nothing(tmp_path):
    """The client's machine can jail, a worker's cannot (no bwrap there): that is a fault of the course's
    set-up, not of the students, so the run stops with the worker's reason and no grade is written."""
    from nbgrader.api import Gradebook

    from nndl.grading.release import CourseFault
    from nndl.pipeline.autograde import grade_class

    root = course_copy(tmp_path, [A])
    submit(root, "right", A, filled_notebook(root, A))
    certs = course_certs(tmp_path)
    with dask_cluster(tmp_path, env={"NNDL_BWRAP": "/nonexistent/bwrap"}, certs=certs) as address:
        with pytest.raises(CourseFault, match="grading stopped: w2_numpy_basics: /nonexistent/bwrap could not be run"):
            grade_class(root, scheduler=address, certs=certs.folder)
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        assert gb.find_assignment(A).submissions == []
    assert not (root / "autograded" / "right").exists() and not (root / "feedback" / "right").exists()


def test_a_long_lived_worker_keeps_grading_right_across_gradebook_resets(tmp_path, monkeypatch):
    """A worker grades task after task in one process: nbgrader's engines are reused and its private
    gradebook is put back as unpacked every FRESH_GRADEBOOK_EVERY tasks; every grade stays right."""
    from nbgrader.api import Gradebook

    from nndl.pipeline import worker
    from nndl.pipeline.autograde import read_submission
    from nndl.pipeline.bundle import make_bundle
    from nndl.pipeline.preflight import preflight

    root = course_copy(tmp_path, [A])
    students = [f"s{k}" for k in range(5)]
    for k, student in enumerate(students):
        wrong = {"softmax": MISTAKES[A]["softmax"]} if k % 2 else None
        submit(root, student, A, filled_notebook(root, A, mistakes=wrong))
    bundle = make_bundle(root, A, preflight(root, [A]).cache_keys[A])
    monkeypatch.setattr(worker, "FRESH_GRADEBOOK_EVERY", 2)
    monkeypatch.setattr(worker, "_courses", {})
    monkeypatch.setattr(worker, "_tasks", {})
    try:
        graded = [worker.grade_submission(bundle, read_submission(root, s, A, [A])[0]) for s in students]
        private = worker._courses[bundle.digest][0]
        with Gradebook(f"sqlite:///{private / 'gradebook.db'}") as gb:
            kept = len(gb.find_assignment(A).submissions)
    finally:
        worker.forget_courses()
    assert kept < len(students), "the private gradebook should have been put back meanwhile"
    full = graded[0].scores[0].auto_scores
    for k, result in enumerate(graded):
        assert result.graded and not result.problems, result.problems
        got = result.scores[0].auto_scores
        below = sorted(g for g in got if got[g] < full[g])
        assert below == (["softmax_tests"] if k % 2 else []), (students[k], got)

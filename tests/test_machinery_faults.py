"""A fault of the grading machinery never records a grade: the submission is left *not graded*.

The fault here is real: a grading machine whose disk refuses files over 2 MB (``prlimit --fsize``),
so a worker cannot unpack the instructor bundle.  Nothing a student did causes it, so nobody
may get a zero for it: an earlier grade stays, a new submission gets no grade row, ``nndl grade``
exits 3 listing them, and the next ``nndl grade`` grades exactly those.
"""
import io
import json
import shutil
import tarfile
from contextlib import redirect_stderr, redirect_stdout

import pytest
from nbgrader.api import Gradebook, MissingEntry

from nndl.cli import main
from nndl.mistakes import MISTAKES
from nndl.pipeline import bundle, not_graded
from nndl.simulate import filled_notebook, submit
from support import course_copy
from test_cluster import dask_cluster

A = "w2_numpy_basics"
pytestmark = pytest.mark.slow


def _scores(root):
    found = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for student in ("right", "wrong", "late"):
            try:
                found[student] = gb.find_submission(A, student).score
            except MissingEntry:
                found[student] = None
    return found


def _nndl(*args):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def test_a_machinery_fault_leaves_submissions_not_graded_and_the_next_run_grades_exactly_those(tmp_path):
    if not shutil.which("prlimit"):
        pytest.skip("prlimit(1) (util-linux) makes the faulty grading machine")
    root = course_copy(tmp_path, [A])
    submit(root, "right", A, filled_notebook(root, A))
    submit(root, "wrong", A, filled_notebook(root, A, {"softmax": MISTAKES[A]["softmax"]}))
    assert _nndl("--root", str(root), "grade", "--workers", "1")[0] == 0
    before = _scores(root)
    assert before["right"] == 14 and 0 < before["wrong"] < 14

    submit(root, "late", A, filled_notebook(root, A))  # handed in after the first run: no grade yet
    with dask_cluster(tmp_path, "exec prlimit --fsize=2000000 {worker}") as address:
        status, out, err = _nndl("--root", str(root), "grade", "--scheduler", address)
    assert status == not_graded.EXIT_NOT_GRADED, err[-3000:]
    assert _scores(root) == {**before, "late": None}, "a fault of the machinery changed or recorded a grade"
    assert "NOT graded because of a fault of the grading machinery" in err, err
    assert "right / w2_numpy_basics" in err and "late / w2_numpy_basics" in err and "File too large" in err, err
    assert "NOT GRADED" in out  # the table says so, not "missing"
    ledger = json.loads((root / "reports" / "not_graded.json").read_text())["submissions"]
    assert {(n["student"], n["assignment"]) for n in ledger} == {("right", A), ("wrong", A), ("late", A)}
    assert "NOT GRADED" in (root / "reports" / "grades.csv").read_text()

    (root / "submitted" / "wrong").rename(tmp_path / "wrong-gone")  # one of them was withdrawn meanwhile
    status, out, err = _nndl("--root", str(root), "grade", "--workers", "1")
    assert status == 0, err[-3000:]
    assert "grading exactly those" in err
    assert "grading 2 submissions" in err  # right and late: not every folder of submitted/
    assert _scores(root) == {**before, "late": 14}
    assert not (root / "reports" / "not_graded.json").exists()


def test_bundles_unpack_without_tarfiles_filter_argument_and_refuse_what_leaves_the_folder(tmp_path, monkeypatch):
    """Debian 12's Python 3.11.2 has no ``extractall(filter=...)``: unpacking checks the members itself."""
    monkeypatch.delattr(tarfile, "data_filter", raising=False)
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        for name, data in (("source/a.txt", b"fine"), ("../escaped.txt", b"bad")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with tarfile.open(fileobj=io.BytesIO(archive.getvalue())) as tar:
        members = tar.getmembers()
        bundle._extract(tar, tmp_path / "ok", members[:1])
        assert (tmp_path / "ok" / "source" / "a.txt").read_bytes() == b"fine"
        with pytest.raises(ValueError, match="escaped.txt"):
            bundle._extract(tar, tmp_path / "bad", members)
    assert not (tmp_path / "escaped.txt").exists()


def _grade_killing_the_worker(root, env):
    """``nndl grade`` as a program, its worker killed (kill -9) while a jail runs under it; (status, out, err)."""
    import os
    import subprocess
    import sys
    import time

    import psutil

    grader = subprocess.Popen([sys.executable, "-m", "nndl.cli", "--root", str(root), "grade", "--workers", "1"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **env})
    killed, deadline = False, time.monotonic() + 240
    while not killed and time.monotonic() < deadline and grader.poll() is None:
        time.sleep(0.3)
        for process in psutil.Process(grader.pid).children():
            try:
                if "spawn_main" in " ".join(process.cmdline()) and any(
                        "inside.py" in " ".join(p.cmdline()) for p in process.children(recursive=True)):
                    process.kill()
                    killed = True
                    break
            except psutil.Error:
                continue
    out, err = grader.communicate(timeout=600)
    assert killed, f"no worker was ever seen running a jail: {err[-3000:]}"
    return grader.returncode, out, err


def test_a_submission_that_loses_its_worker_in_two_runs_gets_a_verdict_of_its_own(tmp_path):
    """Once, a lost worker is the machinery's fault (not graded); the same files losing it again in the next
    run are the submission's (0 points, with the reason), so nothing stays "not graded" for ever."""
    import nbformat

    root = course_copy(tmp_path, [A])
    slow = filled_notebook(root, A)
    first = next(i for i, c in enumerate(slow.cells) if c.cell_type == "code")
    slow.cells.insert(first + 1, nbformat.v4.new_code_cell("import time\ntime.sleep(8)"))
    submit(root, "right", A, slow)
    no_retries = {"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"}  # Dask's retries end at the first loss

    status, out, err = _grade_killing_the_worker(root, no_retries)
    assert status == not_graded.EXIT_NOT_GRADED, err[-3000:]
    assert "worker was lost" in err and _scores(root)["right"] is None

    status, out, err = _grade_killing_the_worker(root, no_retries)
    assert status == 0, err[-3000:]
    assert "grading exactly those" in err
    assert "stopped the grading process again and again" in out
    assert _scores(root)["right"] == 0
    assert not (root / "reports" / "not_graded.json").exists()

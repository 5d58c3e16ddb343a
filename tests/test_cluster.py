"""Grading on a real Dask cluster: a `dask scheduler` and a `dask worker` started as programs, the worker
in a mount namespace where the course folder is an empty tmpfs, so it cannot read it even by accident.

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
from nndl.simulate import filled_notebook, scores, submit
from support import course_copy

A = "w2_numpy_basics"
pytestmark = pytest.mark.slow


@pytest.fixture
def cluster(tmp_path):
    """A scheduler, and one worker that cannot see ``tmp_path / 'course'``; yields (address, course root)."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.skip("hiding the course folder from the worker needs root and unshare(1) (CI has both)")
    root = tmp_path / "course"
    root.mkdir()
    state = tmp_path / "scheduler.json"
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                               "--port", "0", "--no-dashboard", "--scheduler-file", str(state)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for _ in range(120):
            if state.exists() and state.stat().st_size:
                break
            time.sleep(0.25)
        worker = (f"mount -t tmpfs -o size=1m,mode=0755 nndl-hidden {root} && exec {sys.executable} -m "
                  f"distributed.cli.dask_worker --scheduler-file {state} --nthreads 1 --nworkers 1 --no-dashboard "
                  f"--local-directory {tmp_path / 'worker'}")
        procs.append(subprocess.Popen(["unshare", "--mount", "--propagation", "private", "sh", "-c", worker],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        import json

        yield json.loads(state.read_text())["address"], root
    finally:
        for proc in reversed(procs):
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_a_worker_that_cannot_see_the_course_folder_grades_the_class(cluster):
    from distributed import Client

    from nndl.pipeline.autograde import grade_class

    address, root = cluster
    course_copy(root, [A])
    submit(root, "right", A, filled_notebook(root, A))
    submit(root, "wrong", A, filled_notebook(root, A, mistakes={"softmax": MISTAKES[A]["softmax"]}))
    with Client(address, timeout="60s") as client:
        client.wait_for_workers(1, timeout=120)
        seen = client.run(lambda path: sorted(os.listdir(path)), str(root))
    assert list(seen.values()) == [[]], "the worker should see an empty course folder"

    outcomes = {o.student: o for o in grade_class(root, scheduler=address)}
    assert all(o.graded and o.isolated for o in outcomes.values()), outcomes
    right, wrong = scores(root, A, "right"), scores(root, A, "wrong")
    assert all(score == top for score, top in right.values())
    assert [gid for gid, (score, top) in wrong.items() if score < top] == ["softmax_tests"]
    for student in ("right", "wrong"):  # the client wrote what the worker made
        assert (root / "autograded" / student / A / f"{A}.ipynb").is_file()
        assert (root / "feedback" / student / A / f"{A}.html").is_file()

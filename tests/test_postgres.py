"""The gradebook on a real PostgreSQL server: release, parallel grading, report and formgrader.

The test starts its own server (Debian's ``postgresql`` package, which ``.ci/run`` installs) on
a free loopback port, points ``db_url`` in the course's grader_config.py at it, and runs the
same pipeline as on SQLite.
"""
import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from nndl.mistakes import MISTAKES
from nndl.pipeline.autograde import grade_class
from nndl.pipeline.report import write_report
from nndl.simulate import filled_notebook, scores, submit
from support import call, course_copy, free_port, jupyter_server

pytestmark = pytest.mark.postgres
A = "w2_numpy_basics"


def postgres_program(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [shutil.which(name)]
    return found[-1]


@pytest.fixture(scope="module")
def postgres():
    """A PostgreSQL server of this test's own; yields the URL of an empty database."""
    initdb = postgres_program("initdb")
    if not initdb:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed here; .ci/run installs Debian's postgresql")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    import psycopg

    base = Path(tempfile.mkdtemp(prefix="nndl-pg-"))
    as_user = []
    if os.geteuid() == 0:  # the server refuses to run as root
        shutil.chown(base, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    subprocess.run(as_user + [initdb, "-D", str(base / "data"), "-A", "trust", "-U", "nndl", "--no-sync"],
                   check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(as_user + [postgres_program("postgres"), "-D", str(base / "data"), "-p", str(port),
                                         "-k", str(base), "-h", "127.0.0.1", "-F"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):  # at most a minute for the server to answer
            try:
                connection = psycopg.connect(host="127.0.0.1", port=port, user="nndl", dbname="postgres",
                                             autocommit=True)
                break
            except psycopg.OperationalError:
                time.sleep(0.5)
        else:
            pytest.fail("the PostgreSQL server did not start")
        connection.execute("CREATE DATABASE gradebook")
        connection.close()
        yield f"postgresql://nndl@127.0.0.1:{port}/gradebook"
    finally:
        server.terminate()
        server.wait(timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def test_release_grading_report_and_regrading_on_postgresql(postgres, tmp_path):
    root = course_copy(tmp_path, [A], extra_config=f'c.CourseDirectory.db_url = "{postgres}"')
    submit(root, "good", A, filled_notebook(root, A))
    submit(root, "wrong", A, filled_notebook(root, A, mistakes={"softmax": MISTAKES[A]["softmax"]}))
    submit(root, "blank", A, filled_notebook(root, A, blank=True))
    outcomes = grade_class(root, workers=2)
    assert not (root / "gradebook.db").exists()  # everything went to the server
    with Gradebook(postgres) as gb:
        totals = {s.student.id: s.score for s in gb.find_assignment(A).submissions}
    assert totals["good"] == 14 and 0 < totals["wrong"] < 14 and totals["blank"] == 0
    assert scores(root, A, "wrong")["softmax_tests"][0] < 3
    write_report(root, outcomes)
    assert "good,w2_numpy_basics,14,14" in (root / "reports" / "grades.csv").read_text()
    grade_class(root, jobs=[("good", A)], workers=1)  # regrading changes nothing
    with Gradebook(postgres) as gb:
        assert {s.student.id: s.score for s in gb.find_assignment(A).submissions} == totals


def test_the_formgrader_reads_a_postgresql_gradebook(postgres, tmp_path):
    root = course_copy(tmp_path, [A], extra_config=f'c.CourseDirectory.db_url = "{postgres}"')
    with jupyter_server(root) as url:
        assert [a["name"] for a in call(url, "/formgrader/api/assignments")] == [A]
        submit(root, "stu", A, filled_notebook(root, A))
        assert call(url, f"/formgrader/api/submission/{A}/stu/autograde", method="POST")["success"]
        assert sum(s for s, _ in scores(root, A, "stu").values()) == 14

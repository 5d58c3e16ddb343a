"""Only holders of the course's certificates join its Dask cluster (issue 22), and a bad address fails fast.

Whoever can talk to a Dask scheduler or worker can run any function there: copy an instructor bundle
(hidden tests, reference results) or replace the grading function.  These tests make that attempt for
real against real `dask scheduler` / `dask worker` programs speaking TLS with certificates made by
`nndl cluster certs`, and against the local cluster `nndl grade` starts by default; and they check that
the CLI refuses a plain tcp:// scheduler unless told `--insecure`, and says so in the report.
"""
import asyncio
import contextlib
import io
import os
import stat
import subprocess
import sys
import time

import pytest

from nndl.cli import main
from nndl.mistakes import MISTAKES
from nndl.pipeline.certificates import Certificates
from nndl.simulate import filled_notebook, scores, submit
from support import course_copy, dask_cluster, free_port, stop

A = "w2_numpy_basics"
pytestmark = pytest.mark.security


def make_certs(folder, port=8786):
    """The course's certificates made by the real `nndl cluster certs --folder`, and the commands it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["cluster", "certs", "--folder", str(folder), "--hosts", "127.0.0.1", "--port", str(port)]) == 0
    lines = [line.strip() for line in out.getvalue().splitlines()]
    commands = {name: next(line for line in lines if line.startswith(start)) for name, start in
                (("scheduler", "DASK_DISTRIBUTED"), ("worker", "dask worker"), ("grade", "nndl grade"))}
    return Certificates(folder), commands


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course with two submissions (one right, one with a softmax mistake), its certificates and the
    commands `nndl cluster certs` printed for them."""
    root = course_copy(tmp_path_factory.mktemp("course"), [A])
    submit(root, "right", A, filled_notebook(root, A))
    submit(root, "wrong", A, filled_notebook(root, A, mistakes={"softmax": MISTAKES[A]["softmax"]}))
    return (root, *make_certs(root / ".nndl-certs", free_port()))


@pytest.fixture(scope="module")
def tls_cluster(course, tmp_path_factory):
    """A scheduler and a worker started by the very command lines `nndl cluster certs` printed; yields the
    scheduler's address."""
    from distributed import Client

    _, certs, commands = course
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]}
    folder = tmp_path_factory.mktemp("cluster")
    procs = [subprocess.Popen(["sh", "-c", f"exec env {commands[name]}"], cwd=folder, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for name in ("scheduler", "worker")]
    address = commands["grade"].split("--scheduler ", 1)[1].split()[0]
    try:
        deadline = time.monotonic() + 120
        while True:  # the worker retries until the scheduler is up
            try:
                with Client(address, security=certs.security(), timeout="5s") as client:
                    client.wait_for_workers(1, timeout=120)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)
        yield address
    finally:
        stop(procs)


def run_cli(capsys, *argv):
    """`nndl <argv>` in this process: (exit code, stdout, stderr, seconds)."""
    start = time.monotonic()
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err, time.monotonic() - start


def attacker_clients(address):
    """What an attacker without the course's certificate can try: a plain tcp:// client on the same port,
    and a client with a certificate of its own (another CA, as `Security.temporary()` makes)."""
    from distributed.security import Security

    host_port = address.split("://", 1)[1]
    return [(f"tcp://{host_port}", None), (f"tls://{host_port}", Security.temporary())]


def assert_cannot_run_code(address):
    """A real `distributed.Client` attempt, each way an attacker can try, is refused before any code runs."""
    from distributed import Client

    for where, security in attacker_clients(address):
        try:
            with Client(where, security=security, timeout="10s") as client:
                ran = client.run(os.getuid)
        except OSError:  # refused: the server reset the connection or the TLS handshake failed
            continue
        pytest.fail(f"an attacker's client at {where} ran code on the workers: {ran}")


def assert_plain_rpc_refused(address):
    """A plain tcp:// connection to ``address`` (a worker's own port) gets no answer to Dask's `identity` op."""
    from distributed.comm import connect

    async def ask():
        comm = await connect("tcp://" + address.split("://", 1)[1], timeout=10)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    with pytest.raises(OSError):
        answer = asyncio.run(ask())
        pytest.fail(f"{address} answered a plain tcp:// client: {answer}")


def test_nndl_cluster_certs_makes_keys_only_their_owner_can_read(course):
    _, certs, _ = course
    for role in ("scheduler", "worker", "client"):
        assert stat.S_IMODE(certs.key(role).stat().st_mode) == 0o600
        assert certs.cert(role).read_text().startswith("-----BEGIN CERTIFICATE-----")
    assert stat.S_IMODE((certs.folder / "ca-key.pem").stat().st_mode) == 0o600
    assert stat.S_IMODE(certs.folder.stat().st_mode) == 0o700


def test_a_tls_cluster_with_the_course_certificates_grades_the_class(course, tls_cluster, capsys):
    root, _, commands = course
    assert tls_cluster.startswith("tls://")
    code, out, err, _ = run_cli(capsys, "--root", root, *commands["grade"].split()[1:])  # as printed
    assert code == 0, (out[-2000:], err[-3000:])
    assert "UNAUTHENTICATED" not in out
    assert all(score == top for score, top in scores(root, A, "right").values())
    wrong = scores(root, A, "wrong")
    assert [gid for gid, (score, top) in wrong.items() if score < top] == ["softmax_tests"]


def test_a_client_without_the_course_certificate_cannot_join_the_cluster_or_run_code(course, tls_cluster):
    from distributed import Client

    with Client(tls_cluster, security=course[1].security(), timeout="30s") as client:  # the course's client can
        client.wait_for_workers(1, timeout=120)
        info = client.scheduler_info()
        assert client.run(os.getuid)
    assert_cannot_run_code(tls_cluster)
    for worker, about in info["workers"].items():
        assert_plain_rpc_refused(worker)
        assert_plain_rpc_refused(about["nanny"])
    assert_http_pages_hidden(info["services"]["dashboard"])


def test_a_worker_without_the_course_certificate_cannot_join(course, tmp_path):
    from distributed import Client

    other, _ = make_certs(tmp_path / "other-ca")  # a well-formed certificate, from a CA that is not the course's
    with dask_cluster(tmp_path, certs=course[1], worker_certs=other) as address, \
            Client(address, security=course[1].security(), timeout="30s") as client:
        with pytest.raises(TimeoutError):
            client.wait_for_workers(1, timeout=20)
        assert client.scheduler_info()["workers"] == {}


def test_a_plain_tcp_scheduler_is_refused_unless_insecure_and_then_every_report_says_so(course, tmp_path, capsys,
                                                                                       monkeypatch):
    from nbgrader.api import Gradebook

    root = course[0]
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        before = {s.student.id: s.score for s in gb.find_assignment(A).submissions}
    with dask_cluster(tmp_path) as address:
        assert address.startswith("tcp://")
        code, out, err, _ = run_cli(capsys, "--root", root, "grade", "--scheduler", address)
        assert code != 0 and "Traceback" not in err
        assert err.count("\n") == 1, err
        assert "neither authenticated nor encrypted" in err and "--insecure" in err and "nndl cluster certs" in err
        monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", address)
        code, out, err, _ = run_cli(capsys, "--root", root, "grade")
        assert code != 0 and "neither authenticated nor encrypted" in err
        with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:  # nothing was graded meanwhile
            assert {s.student.id: s.score for s in gb.find_assignment(A).submissions} == before

        code, out, err, _ = run_cli(capsys, "--root", root, "grade", "--insecure")
    assert code == 0, (out[-2000:], err[-3000:])
    assert "GRADED ON AN UNAUTHENTICATED CLUSTER (--insecure)" in out
    assert "NOT authenticated" in err  # the progress line naming the cluster
    assert all(score == top for score, top in scores(root, A, "right").values())


def test_the_local_cluster_refuses_a_client_without_its_certificate():
    """The scheduler, each worker and each nanny (which can run functions in `nndl grade`'s own process)."""
    from nndl.pipeline.cluster import connect

    with connect(1) as cluster:
        cluster.ready()
        address = cluster.client.scheduler.address
        assert cluster.client.run(os.getpid)  # its own client, holding the throwaway certificate, can
        info = cluster.client.scheduler_info()
        assert_cannot_run_code(address)
        for worker, about in info["workers"].items():
            assert_plain_rpc_refused(worker)
            assert_plain_rpc_refused(about["nanny"])


def assert_http_pages_hidden(port):
    """A scheduler's HTTP port is plain, even with no dashboard: it must answer /health only, no pages of
    tasks, workers, logs or metrics."""
    from urllib.error import HTTPError
    from urllib.request import urlopen

    assert urlopen(f"http://127.0.0.1:{port}/health", timeout=10).read() == b"ok"
    for page in ("/info/main/workers.html", "/json/counts.json", "/metrics"):
        with pytest.raises(HTTPError, match="404"):
            urlopen(f"http://127.0.0.1:{port}{page}", timeout=10)


def test_the_local_cluster_shows_no_task_or_log_pages_over_http():
    from nndl.pipeline.cluster import connect

    with connect(1) as cluster:
        cluster.ready()
        assert_http_pages_hidden(cluster.client.scheduler_info()["services"]["dashboard"])


@pytest.mark.parametrize("scheme", ["tls", "tcp"])
def test_a_scheduler_address_where_nothing_listens_fails_in_one_sentence_at_once(course, capsys, scheme):
    root = course[0]
    address = f"{scheme}://127.0.0.1:{free_port()}"
    code, out, err, seconds = run_cli(capsys, "--root", root, "grade", "--scheduler", address, "--insecure")
    assert code != 0 and "Traceback" not in err and err.count("\n") == 1, err
    assert f"no Dask scheduler answers at {address}" in err
    assert seconds < 10, f"took {seconds:.1f} s to say nothing listens"


def test_a_tls_scheduler_without_the_course_certificates_says_how_to_make_them(course, tmp_path, capsys):
    root = course[0]
    code, out, err, _ = run_cli(capsys, "--root", root, "grade", "--scheduler", "tls://127.0.0.1:8786",
                                "--certs", tmp_path / "nothing-here")
    assert code != 0 and "Traceback" not in err and err.count("\n") == 1, err
    assert "run `nndl cluster certs`" in err

"""Where grading runs: a Dask cluster, local by default, a real one when asked.

``nndl grade`` starts a ``LocalCluster`` of one single-threaded worker process per core
(the embedded default), or connects to a running scheduler given as ``--scheduler
tls://host:8786`` or ``$DASK_SCHEDULER_ADDRESS``.

Whoever can talk to a scheduler can run any function on its workers (read the hidden tests, replace
the grading), so every connection is TLS with certificates on both ends: the local cluster's are
throwaway ones only this process and its workers hold (``Security.temporary()``), a running
cluster's are the course's own (:mod:`nndl.pipeline.certificates`).  A plain ``tcp://`` scheduler
is refused unless the instructor says ``--insecure``, and then every report says so.

Every worker gets :class:`GraderWorker`: it dies with its parent (even on ``kill -9`` of ``nndl grade``; the jails die with it),
keeps to one BLAS thread (the workers already use every core) and a memory limit, and imports
nbgrader while the client is still busy with the preflight and the bundles (about 2 s of a first
task otherwise).  A new local cluster's workers start in the background too, while the preflight
runs: :meth:`Connected.ready` waits for them.
"""
import contextlib
import logging
import os
import resource
import signal
import socket
from dataclasses import dataclass

import dask
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from nndl.pipeline.certificates import course_certificates

SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
ENCRYPTED = ("tls", "wss")  # Dask's schemes that carry its TLS (with the certificates of both ends)
LOCAL_HTTP_ROUTES = ["distributed.http.health"]
PROBE_SECONDS = 5  # how long to wait for a scheduler's port to answer before saying nothing listens
WORKER_MEMORY_BYTES = 8 * 1024**3
ONE_THREAD = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}


class GraderWorker(WorkerPlugin):
    """Set up each worker process: die with the parent, one BLAS thread, a memory limit."""

    name = "nndl-grader"

    def __init__(self, parent_pid=None):
        self.parent_pid = parent_pid  # the client's pid for a local cluster: its workers are its children

    def setup(self, worker):
        die_with_parent()
        if self.parent_pid and os.getppid() != self.parent_pid:  # the grader died before that took effect
            os._exit(1)
        os.environ.update(ONE_THREAD)
        from nndl.pipeline.worker import warm_up

        warm_up()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or hard > WORKER_MEMORY_BYTES:
            resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_BYTES, WORKER_MEMORY_BYTES))

    def teardown(self, worker):
        from nndl.jail.template import close_all
        from nndl.pipeline.worker import forget_courses

        forget_courses()
        close_all()


def die_with_parent():
    """Ask Linux to kill this process when its parent dies (even by kill -9): no orphaned workers."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers end with their nanny
        pass


class ClusterRefused(Exception):
    """The scheduler named cannot be used (plain tcp:// without --insecure, nothing listening, refused us)."""


@dataclass
class Connected:
    """A client of the grading cluster, what to call it, how many workers grading can count on, and whether
    the connection was authenticated (False only on a plain tcp:// cluster the instructor accepted)."""

    client: Client
    where: str
    workers: int
    authenticated: bool = True

    def ready(self, timeout=120):
        """Wait until the workers counted on are up (those of a new local cluster start in the background)."""
        if self.workers:
            self.client.wait_for_workers(self.workers, timeout=timeout)


def client_security(address, certs, insecure=False):
    """The ``Security`` to reach the scheduler at ``address`` with: the course's client certificate for
    ``tls://``; none for a plain ``tcp://`` one, and only when ``insecure`` (else :class:`ClusterRefused`)."""
    from distributed.comm.addressing import parse_address

    scheme = parse_address(address, strict=False)[0]
    if scheme in ENCRYPTED:
        return (certs or course_certificates()).security("client")
    if not insecure:
        raise ClusterRefused(f"refusing to grade on {address}: a plain {scheme}:// Dask connection is neither "
                             "authenticated nor encrypted, so anyone who can reach the scheduler can run code on "
                             "its workers, read the hidden tests and change the grades; start the cluster with "
                             "the course's certificates (`nndl cluster certs` prints how) and use tls://, or pass "
                             "--insecure to grade there anyway")
    return None


def probe(address, seconds=PROBE_SECONDS):
    """Fail at once, in one sentence, when nothing listens at ``address`` (Dask itself would retry for 30 s)."""
    from distributed.comm.addressing import parse_address, parse_host_port

    scheme, location = parse_address(address, strict=False)
    if scheme not in ("tcp", "tls", "ws", "wss"):
        return
    try:
        host, port = parse_host_port(location, default_port=8786)
        with socket.create_connection((host, int(port)), timeout=seconds):
            pass
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        raise ClusterRefused(f"no Dask scheduler answers at {address} ({reason})") from None


@contextlib.contextmanager
def connect(workers=None, scheduler=None, certs=None, insecure=False):
    """A :class:`Connected` to ``scheduler`` (or $DASK_SCHEDULER_ADDRESS) if given, with the course's
    client certificate from ``certs`` (a :class:`~nndl.pipeline.certificates.Certificates`), else to a
    new local cluster of ``workers`` processes (default: one per core), whose workers are still starting."""
    scheduler = scheduler or os.environ.get(SCHEDULER_ENV)
    if scheduler:
        security = client_security(scheduler, certs, insecure)
        probe(scheduler)
        try:
            client = Client(scheduler, timeout="30s", security=security)
        except (OSError, TimeoutError) as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            hint = "; are its scheduler and this client using the same course certificates?" if security else ""
            raise ClusterRefused(f"could not join the Dask cluster at {scheduler} ({reason}){hint}") from None
        with client:
            client.register_plugin(GraderWorker())
            count = len(client.scheduler_info()["workers"])
            note = "" if security else "; NOT authenticated: --insecure"
            yield Connected(client, f"the cluster at {scheduler} ({count} workers{note})", 0, bool(security))
        return
    workers = workers or os.cpu_count() or 1
    # security=True: TLS with a throwaway certificate made here, so other users of this machine cannot join;
    # its HTTP port (plain, on 127.0.0.1, even with no dashboard) answers /health only, not the task and log pages;
    # it is a free port (not Dask's 8787, which a second `nndl grade` on this machine would find taken, and warn)
    with dask.config.set({"distributed.scheduler.http.routes": LOCAL_HTTP_ROUTES}), \
            LocalCluster(n_workers=0, threads_per_worker=1, processes=True, dashboard_address=None, security=True,
                         scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                         silence_logs=logging.ERROR, env=dict(ONE_THREAD), memory_limit=0) as cluster, \
            Client(cluster) as client:
        client.register_plugin(GraderWorker(os.getpid()))
        cluster.scale(workers)  # returns at once: the workers start while the caller goes on
        yield Connected(client, f"{workers} local worker{'s' * (workers != 1)}", workers)

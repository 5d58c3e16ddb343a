"""Where grading runs: a Dask cluster, local by default, a real one when asked.

``nndl grade`` starts a ``LocalCluster`` of one single-threaded worker process per core
(the embedded default), or connects to a running scheduler given as ``--scheduler
tcp://host:8786`` or ``$DASK_SCHEDULER_ADDRESS``.  Every worker gets :class:`GraderWorker`:
it dies with its parent (even on ``kill -9`` of ``nndl grade``; the jails die with it),
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
from dataclasses import dataclass

from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
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


@dataclass
class Connected:
    """A client of the grading cluster, what to call it, and how many workers grading can count on."""

    client: Client
    where: str
    workers: int

    def ready(self, timeout=120):
        """Wait until the workers counted on are up (those of a new local cluster start in the background)."""
        if self.workers:
            self.client.wait_for_workers(self.workers, timeout=timeout)


@contextlib.contextmanager
def connect(workers=None, scheduler=None):
    """A :class:`Connected` to ``scheduler`` (or $DASK_SCHEDULER_ADDRESS) if given, else to a new local
    cluster of ``workers`` processes (default: one per core), whose workers are still starting."""
    scheduler = scheduler or os.environ.get(SCHEDULER_ENV)
    if scheduler:
        with Client(scheduler, timeout="30s") as client:
            client.register_plugin(GraderWorker())
            count = len(client.scheduler_info()["workers"])
            yield Connected(client, f"the cluster at {scheduler} ({count} workers)", 0)
        return
    workers = workers or os.cpu_count() or 1
    with LocalCluster(n_workers=0, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR, env=dict(ONE_THREAD), memory_limit=0) as cluster, \
            Client(cluster) as client:
        client.register_plugin(GraderWorker(os.getpid()))
        cluster.scale(workers)  # returns at once: the workers start while the caller goes on
        yield Connected(client, f"{workers} local worker{'s' * (workers != 1)}", workers)

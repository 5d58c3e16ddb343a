"""Grade a whole class on a Dask cluster with real nbgrader, one (student, assignment) per task.

1. A preflight (:mod:`nndl.pipeline.preflight`) checks the jail and every release and runs
   each reference (and mutant) once; a course fault stops everything before the gradebook
   is touched.
2. Each assignment is packed into an instructor bundle (:mod:`nndl.pipeline.bundle`) that
   goes to every worker once; workers never see the course folder.
3. The client reads each submission (:mod:`nndl.pipeline.intake`: never through a link, never
   outside submitted/; a notebook nbgrader cannot read is set aside, with a page explaining its 0;
   one handed in under another name is recognised) and sends its bytes to a worker (:mod:`nndl.pipeline.worker`),
   which runs nbgrader's own ``autograde`` and ``generate_feedback`` in a private course
   folder (each notebook runs once, in a jail) and sends back what they made.
4. The client alone stores the results (:mod:`nndl.pipeline.store`): files and gradebook,
   one submission at a time, so nothing is lost or written twice when a worker dies (Dask
   runs its task again elsewhere).
5. At the end of the run, one record of it goes to ``reports/history/`` (:mod:`nndl.pipeline.insight.history`):
   what a later regrade is compared with.  Each outcome carries its test cells' results
   (:class:`nndl.grading.cell_results.CellResult`) for the class insight of the report.

One bad submission never stops the class.  A fault of the course met during the run (a
release edited meanwhile, a reference that fails) stops the run loudly.
"""
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from distributed import Future, KilledWorker
from nbgrader.api import Gradebook

from nndl.course import course_root, load_config
from nndl.course_settings import UNISOLATED_ENV, CourseSettings
from nndl.grading.cell_results import CellResult
from nndl.grading.problems import Problem
from nndl.grading.release import CourseFault, digest_of, source_folder
from nndl.pipeline.bundle import make_bundle
from nndl.pipeline.certificates import course_certificates
from nndl.pipeline.cluster import Connected, connect
from nndl.pipeline import not_graded
from nndl.pipeline.insight import history
from nndl.pipeline.intake import find_submissions, read_submission  # noqa: F401  (nndl grade's reading step)
from nndl.pipeline.not_graded import NotGraded, files_digest
from nndl.pipeline.preflight import Checked, preflight
from nndl.pipeline.progress import Progress
from nndl.pipeline.store import score_zero, store, store_pages
from nndl.pipeline.worker import Graded, grade_submission

IN_FLIGHT_PER_WORKER = 3  # submissions read ahead per worker: enough to keep it busy, never a whole class in memory


@dataclass
class Outcome:
    student: str
    assignment: str
    graded: bool = True
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    course_fault: str = ""  # a fault of the course itself met while grading (stops the run)
    isolated: bool = True
    cpu_seconds: float = 0.0
    done_at: float = 0.0  # time.monotonic() when its result was stored (benchmarks: start-up apart from the rate)
    not_graded: str = ""  # why a fault of the grading machinery left it without a grade (nothing recorded)
    authenticated: bool = True  # False: graded on a plain tcp:// cluster (--insecure), anyone could have joined it
    tests: list[CellResult] = field(default_factory=list)  # per judged test cell (nndl.grading.cell_results)
    digest: str = ""  # sha256 of the files handed in (nndl.pipeline.not_graded.files_digest); "" if unread
    run: str = ""  # the grading run's id (its record: nndl.pipeline.insight.history)


class ReleaseWatch:
    """Notices a release that changes while the class is graded (cheaply: by file times and sizes,
    confirmed by the digest the preflight pinned)."""

    def __init__(self, root: Path, config: Any, pins: dict[str, str], data_dir: str | Path | None) -> None:
        self.config, self.pins, self.data_dir = config, pins, data_dir
        self.seen = {a: self._stamp(a) for a in {key.split("/")[0] for key in pins}}

    def _stamp(self, assignment: str) -> list[tuple[str, int, int]]:
        folder = source_folder(self.config, assignment)
        paths = sorted(folder.rglob("*")) + (sorted(Path(self.data_dir).iterdir()) if self.data_dir else [])
        return [(str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths if p.is_file()]

    def check(self, assignment: str) -> None:
        try:
            if self._stamp(assignment) == self.seen[assignment]:
                return
        except OSError:
            pass
        folder = source_folder(self.config, assignment)
        for key, pinned in self.pins.items():
            if key.split("/")[0] == assignment:
                notebook = key.split("/", 1)[1]
                if not (folder / f"{notebook}.ipynb").is_file() or digest_of(folder, notebook, self.data_dir) != pinned:
                    raise CourseFault(f"{folder} changed while the class was being graded (its files no longer "
                                      "hash to what grading started with). Grading stopped; find out who changed "
                                      "it, restore it, and grade again.")
        self.seen[assignment] = self._stamp(assignment)


def grade_class(root: str | Path | None = None, jobs: Iterable[tuple[str, str]] | None = None,
                workers: int | None = None, feedback: bool = True, stream: TextIO | None = None,
                unisolated: bool = False, scheduler: str | None = None, certs: str | Path | None = None,
                insecure: bool = False) -> list[Outcome]:
    """Grade ``jobs`` ((student, assignment) pairs; default: all of submitted/) on a Dask cluster: a new
    local one of ``workers`` processes, or the one at ``scheduler`` (or $DASK_SCHEDULER_ADDRESS), reached
    with the course's client certificate (in ``certs``, a folder; default: $NNDL_CERTS, else
    ``<root>/.nndl-certs``), or over plain tcp:// only when ``insecure``.

    Raises :class:`CourseFault` (or ``JailUnavailable``) before anything is written when the
    course cannot be graded, and after stopping the run when a course fault shows up meanwhile.
    """
    root = course_root(root)
    jobs = find_submissions(root) if jobs is None else list(jobs)
    os.environ.pop(UNISOLATED_ENV, None)  # the bundle says whether to jail, for every worker alike
    assignments = sorted({a for _, a in jobs})
    with connect(workers, scheduler, course_certificates(root, certs), insecure) as cluster:  # a new local cluster's workers start while the preflight runs
        checked = preflight(root, assignments, unisolated=unisolated)
        packed = {a: make_bundle(root, a, checked.cache_keys[a], unisolated) for a in assignments}
        cluster.ready()
        # not hashed: dask's hash of a bundle costs more than sending it (1.4 s for the 65 MB of w2_logistic_regression);
        # popped, so that the client does not keep the bundles' bytes once the workers have them
        bundles = {a: cluster.client.scatter(packed.pop(a), broadcast=True, hash=False) for a in assignments}
        return _grade_on(cluster, root, jobs, checked, bundles, feedback, stream)


def _grade_on(cluster: Connected, root: Path, jobs: list[tuple[str, str]], checked: Checked, bundles: dict[str, Future],
              feedback: bool, stream: TextIO | None) -> list[Outcome]:
    """Grade ``jobs`` on ``cluster`` (its workers up, each holding the ``bundles``); the client alone stores."""
    from distributed import as_completed

    client = cluster.client
    config = load_config(root)
    db_url, course_id = config.CourseDirectory.db_url, config.CourseDirectory.course_id
    watch = ReleaseWatch(root, config, checked.pins, CourseSettings.of(config).data_folder(root))
    notebooks = {a: sorted(key.split("/", 1)[1] for key in checked.pins if key.split("/")[0] == a)
                 for a in bundles}
    progress = Progress(len(jobs), stream=stream)
    (root / "reports").mkdir(exist_ok=True)
    log_path = root / "reports" / "grading.log"
    outcomes, left, earlier = [], [], not_graded.read(root)
    with open(log_path, "a") as log, Gradebook(db_url, course_id) as gb:
        print(f"grading {len(jobs)} submissions on {cluster.where} (log: {log_path})", file=progress.stream)
        window = IN_FLIGHT_PER_WORKER * max(1, cluster.workers, len(client.scheduler_info()["workers"]))
        running, queue, sent = as_completed(), iter(jobs), {}  # task key -> (student, assignment, problems, pages)

        def feed() -> None:
            while running.count() < window:
                job = next(queue, None)
                if job is None:
                    return
                student, assignment = job
                submission, problems, pages = read_submission(root, student, assignment, notebooks[assignment])
                if submission is None:  # nothing readable: scored 0 here, no worker needed
                    score_zero(gb, assignment, student, notebooks[assignment])
                    store_pages(root, student, assignment, pages)
                    outcomes.append(Outcome(student, assignment, graded=False, problems=problems,
                                            done_at=time.monotonic()))
                    progress.step(f"{student}/{assignment}")
                    continue
                future = client.submit(grade_submission, bundles[assignment], submission, feedback, pure=False)
                sent[future.key] = (student, assignment, problems, pages, files_digest(submission.files))
                running.add(future)

        try:
            feed()
            for future in running:
                student, assignment, problems, pages, digest = sent.pop(future.key)
                graded = _result(future, student, assignment, digest, earlier)
                graded = replace(graded, feedback={**graded.feedback, **pages})  # the pages of unreadable notebooks
                log.write(graded.log)
                if graded.course_fault:
                    raise CourseFault("grading stopped: " + f"{graded.assignment}: {graded.course_fault}")
                watch.check(graded.assignment)
                if graded.machinery_fault:  # not the student's doing: nothing recorded, graded again next run
                    left.append(NotGraded(student, assignment, graded.machinery_fault,
                                          isinstance(future.exception(), KilledWorker), digest))
                    log.write(f"[nndl] {student}/{assignment} NOT GRADED: {graded.machinery_fault}\n")
                    outcomes.append(Outcome(student, assignment, graded=False, problems=problems,
                                            not_graded=graded.machinery_fault, done_at=time.monotonic(),
                                            authenticated=cluster.authenticated, digest=digest))
                    progress.step(f"{student}/{assignment}")
                    feed()
                    continue
                if graded.graded or graded.autograded:
                    store(root, gb, graded)
                else:
                    score_zero(gb, graded.assignment, graded.student, notebooks[graded.assignment])
                    store_pages(root, student, assignment, graded.feedback)
                outcomes.append(Outcome(graded.student, graded.assignment, graded.graded,
                                        problems + list(graded.problems),
                                        seconds=graded.seconds, isolated=graded.isolated,
                                        cpu_seconds=graded.cpu_seconds, done_at=time.monotonic(),
                                        authenticated=cluster.authenticated, tests=list(graded.tests), digest=digest))
                progress.step(f"{graded.student}/{graded.assignment}")
                feed()
        finally:
            client.cancel(list(running.futures))
            progress.close()
            not_graded.write(root, left, set(jobs))
    run = history.new_run_id()
    for outcome in outcomes:
        outcome.run = run
    history.record(root, run, checked.pins, outcomes)  # once, at the end: what a later regrade is compared with
    return sorted(outcomes, key=lambda o: (o.student, o.assignment))


def _result(future: Future, student: str, assignment: str, digest: str, earlier: list[NotGraded]) -> Graded:
    """The task's :class:`Graded`.  When the task itself failed, that is a fault of the machinery (the
    submission is left not graded), except for a submission whose worker was lost under it in the last
    run too, with the same files: that notebook stops its worker, and that is its verdict (0 points)."""
    try:
        return future.result()
    except KilledWorker as error:
        if not_graded.stops_its_worker(earlier, student, assignment, digest):
            return Graded(student, assignment, graded=False, problems=[Problem(
                "grading it stopped the grading process again and again, in two runs (it used far more memory, "
                "output or time than a notebook may): 0 points", kind="submission")])
        return Graded(student, assignment, graded=False,
                      machinery_fault=f"its grading worker was lost again and again ({error})")
    except Exception as error:  # noqa: BLE001  (a bug, an import that fails in a worker: the machinery's)
        return Graded(student, assignment, graded=False,
                      machinery_fault=f"grading failed: {type(error).__name__}: {error}"[:400])

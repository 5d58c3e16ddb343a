"""Grade a whole class on a Dask cluster with real nbgrader, one (student, assignment) per task.

1. A preflight (:mod:`nndl.pipeline.preflight`) checks the jail and every release and runs
   each reference (and mutant) once; a course fault stops everything before the gradebook
   is touched.
2. Each assignment is packed into an instructor bundle (:mod:`nndl.pipeline.bundle`) that
   goes to every worker once; workers never see the course folder.
3. The client reads each submission (a notebook nbgrader cannot read is set aside here, with
   a page explaining its 0) and sends its bytes to a worker (:mod:`nndl.pipeline.worker`),
   which runs nbgrader's own ``autograde`` and ``generate_feedback`` in a private course
   folder (each notebook runs once, in a jail) and sends back what they made.
4. The client alone stores the results (:mod:`nndl.pipeline.store`): files and gradebook,
   one submission at a time, so nothing is lost or written twice when a worker dies (Dask
   runs its task again elsewhere).

One bad submission never stops the class.  A fault of the course met during the run (a
release edited meanwhile, a reference that fails) stops the run loudly.
"""
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook

from nndl.course import course_root, load_config
from nndl.grading.feedback import unreadable_page
from nndl.grading.preprocessor import UNISOLATED_ENV, GradeInJail
from nndl.grading.problems import Problem
from nndl.grading.release import CourseFault, digest_of, source_folder
from nndl.pipeline.bundle import make_bundle
from nndl.pipeline.certificates import course_certificates
from nndl.pipeline.cluster import connect
from nndl.pipeline.inspect_submission import read_problem
from nndl.pipeline.preflight import preflight
from nndl.pipeline.progress import Progress
from nndl.pipeline.store import score_zero, store, store_pages
from nndl.pipeline.worker import MAX_FILE_BYTES, Submission, grade_submission

IN_FLIGHT_PER_WORKER = 3  # submissions read ahead per worker: enough to keep it busy, never a whole class in memory


@dataclass
class Outcome:
    student: str
    assignment: str
    graded: bool = True
    problems: list = field(default_factory=list)  # Problem
    seconds: float = 0.0
    course_fault: str = ""  # a fault of the course itself met while grading (stops the run)
    isolated: bool = True
    cpu_seconds: float = 0.0
    done_at: float = 0.0  # time.monotonic() when its result was stored (benchmarks: start-up apart from the rate)
    authenticated: bool = True  # False: graded on a plain tcp:// cluster (--insecure), anyone could have joined it


def find_submissions(root, assignments=None, unreadable=None):
    """(student, assignment) pairs present in submitted/, sorted.

    A student folder that cannot be listed is not silently "not submitted": its path and
    the reason go into the list ``unreadable``, when given.
    """
    submitted = Path(course_root(root)) / "submitted"
    pairs = []
    for student in sorted(submitted.glob("*")):
        if not student.is_dir():
            continue
        try:
            pairs += [(student.name, a.name) for a in sorted(student.iterdir()) if a.is_dir()]
        except OSError as error:
            if unreadable is not None:
                unreadable.append((student.name, f"its folder {student} cannot be read ({error.strerror})"))
    return [(s, a) for s, a in pairs if assignments is None or a in assignments]


def read_submission(root, student, assignment, notebooks):
    """``(Submission or None, problems, pages)``: what a worker needs of ``submitted/<student>/<assignment>/``.

    A notebook that cannot be read is left out (it scores 0) and gets a feedback page saying why
    (``pages``: file name -> bytes, for ``feedback/<student>/<assignment>/``); the Submission is
    None when nothing is left to grade."""
    folder = root / "submitted" / student / assignment
    files, problems, pages = {}, [], {}
    for notebook in notebooks:
        path = folder / f"{notebook}.ipynb"
        if not path.exists() and not path.is_symlink():
            problems.append(Problem("was not submitted: 0 points", notebook))
            continue
        problem = read_problem(path) or _too_big(path)
        if problem:
            problems.append(Problem(f"{problem}: 0 points", notebook))
            pages[f"{notebook}.html"] = unreadable_page(assignment, notebook, problem).encode()
            continue
        files[path.name] = path.read_bytes()
    if not files:
        return None, problems, pages
    for path in sorted(folder.iterdir()):  # timestamp.txt and any other file handed in
        if path.suffix != ".ipynb" and path.is_file() and not path.is_symlink():
            if path.stat().st_size <= MAX_FILE_BYTES:
                files[path.name] = path.read_bytes()
            else:
                problems.append(Problem(f"{path.name} is larger than {MAX_FILE_BYTES >> 20} MB and was not taken in"))
    return Submission(student, assignment, files), problems, pages


def _too_big(path):
    size = path.stat().st_size
    return f"the notebook file is {size >> 20} MB, more than {MAX_FILE_BYTES >> 20} MB; it could not be graded" \
        if size > MAX_FILE_BYTES else ""


class ReleaseWatch:
    """Notices a release that changes while the class is graded (cheaply: by file times and sizes,
    confirmed by the digest the preflight pinned)."""

    def __init__(self, root, config, pins, data_dir):
        self.config, self.pins, self.data_dir = config, pins, data_dir
        self.seen = {a: self._stamp(a) for a in {key.split("/")[0] for key in pins}}

    def _stamp(self, assignment):
        folder = source_folder(self.config, assignment)
        paths = sorted(folder.rglob("*")) + (sorted(Path(self.data_dir).iterdir()) if self.data_dir else [])
        return [(str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths if p.is_file()]

    def check(self, assignment):
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


def grade_class(root=None, jobs=None, workers=None, feedback=True, stream=None, unisolated=False, scheduler=None,
                certs=None, insecure=False):
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


def _grade_on(cluster, root, jobs, checked, bundles, feedback, stream):
    """Grade ``jobs`` on ``cluster`` (its workers up, each holding the ``bundles``); the client alone stores."""
    from distributed import as_completed

    client = cluster.client
    config = load_config(root)
    db_url, course_id = config.CourseDirectory.db_url, config.CourseDirectory.course_id
    watch = ReleaseWatch(root, config, checked.pins, GradeInJail(config=config).data_folder(root))
    notebooks = {a: sorted(key.split("/", 1)[1] for key in checked.pins if key.split("/")[0] == a)
                 for a in bundles}
    progress = Progress(len(jobs), stream=stream)
    (root / "reports").mkdir(exist_ok=True)
    log_path = root / "reports" / "grading.log"
    outcomes = []
    with open(log_path, "a") as log, Gradebook(db_url, course_id) as gb:
        print(f"grading {len(jobs)} submissions on {cluster.where} (log: {log_path})", file=progress.stream)
        window = IN_FLIGHT_PER_WORKER * max(1, cluster.workers, len(client.scheduler_info()["workers"]))
        running, queue, sent = as_completed(), iter(jobs), {}  # task key -> (student, assignment, problems, pages)

        def feed():
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
                sent[future.key] = (student, assignment, problems, pages)
                running.add(future)

        try:
            feed()
            for future in running:
                student, assignment, problems, pages = sent.pop(future.key)
                graded = _result(future, student, assignment)
                graded.feedback.update(pages)
                log.write(graded.log)
                if graded.course_fault:
                    raise CourseFault("grading stopped: " + f"{graded.assignment}: {graded.course_fault}")
                watch.check(graded.assignment)
                if graded.graded or graded.autograded:
                    store(root, gb, graded)
                else:
                    score_zero(gb, graded.assignment, graded.student, notebooks[graded.assignment])
                    store_pages(root, student, assignment, graded.feedback)
                outcomes.append(Outcome(graded.student, graded.assignment, graded.graded,
                                        problems + graded.problems, graded.seconds, "", graded.isolated,
                                        graded.cpu_seconds, time.monotonic(), cluster.authenticated))
                progress.step(f"{graded.student}/{graded.assignment}")
                feed()
        finally:
            client.cancel(list(running.futures))
            progress.close()
    return sorted(outcomes, key=lambda o: (o.student, o.assignment))


def _result(future, student, assignment):
    """The task's :class:`Graded`; a crash of the machinery (a worker lost again and again) is reported, not raised."""
    from nndl.pipeline.worker import Graded

    try:
        return future.result()
    except Exception as error:  # noqa: BLE001
        return Graded(student, assignment, graded=False, problems=[Problem(f"grading failed: {type(error).__name__}: {error}",
                                                                          kind="grader")])

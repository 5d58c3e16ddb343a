"""Grade a whole class in parallel with real nbgrader, one (student, assignment) per job.

First a preflight (:mod:`nndl.pipeline.preflight`) checks the jail and every release and
runs each reference once; a course fault stops everything before the gradebook is touched.
Then each worker process calls nbgrader's own ``autograde`` and ``generate_feedback`` for
one submission at a time (each notebook runs once, in a jail); the gradebook (SQLite) sees
only nbgrader's short transactions, and a job that meets a locked database is retried.
One bad submission never stops the class: it is graded as well as it can be and the
reason is written down in plain words for the report.  A fault of the course met during
the run (a release edited meanwhile) stops the run loudly.  Workers die with the grader
(even on ``kill -9``), and jails with their worker.
"""
import concurrent.futures
import json
import multiprocessing
import os
import resource
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path


from nndl.course import course_root, nbgrader_api
from nndl.grading.feedback import unreadable_page
from nndl.grading.preprocessor import UNISOLATED_ENV
from nndl.grading.release import PINNED_ENV, CourseFault
from nndl.pipeline.inspect_submission import cell_notes, read_problem
from nndl.pipeline.preflight import preflight
from nndl.pipeline.progress import Progress

WORKER_MEMORY_BYTES = 8 * 1024**3
LOCK_RETRIES = 5
# what parallel workers can run into through no fault of the submission; the job is retried:
# two writers in the SQLite gradebook at once, two workers creating the same row (SQLite, PostgreSQL)
RACES = ("database is locked", "UNIQUE constraint failed", "duplicate key value violates unique constraint",
         "could not serialize access")


@dataclass
class Outcome:
    student: str
    assignment: str
    graded: bool = True
    problems: list = field(default_factory=list)
    seconds: float = 0.0
    course_fault: str = ""  # a fault of the course itself met while grading (stops the run)
    isolated: bool = True


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


def die_with_parent():
    """Ask Linux to kill this process when its parent dies (even by kill -9): no orphaned workers."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers end when their queue closes
        pass


def _start_worker(log_path, parent_pid):
    """Runs once in each worker: die with the grader, a memory limit, one BLAS thread, and
    nbgrader's chatter sent to the grading log."""
    die_with_parent()
    if os.getppid() != parent_pid:  # the grader died before the line above took effect
        os._exit(1)
    resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_BYTES, WORKER_MEMORY_BYTES))
    # one BLAS thread per kernel: the workers already use every core, and competing
    # multi-threaded BLAS runs slow each other down by orders of magnitude
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[name] = "1"
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)


def _notebook_names(root, assignment):
    return sorted(p.stem for p in (root / "source" / assignment).glob("*.ipynb"))


def _score_unreadable(api, assignment, student, notebooks):
    """What nbgrader does for a missing notebook: the submission exists and scores zero."""
    from nbgrader.api import Gradebook

    with Gradebook(api.coursedir.db_url) as gb:
        gb.update_or_create_student(student)
        submission = gb.update_or_create_submission(assignment, student)
        for notebook in submission.notebooks:
            if notebook.name in notebooks:
                for grade in notebook.grades:
                    grade.auto_score = 0
                    grade.needs_manual_grade = False
        gb.db.commit()


def grade_one(root, student, assignment, feedback=True):
    """Autograde (and make feedback for) one submission; never raises for a bad submission."""
    start = time.monotonic()
    root = course_root(root)
    api = nbgrader_api(root)
    outcome = Outcome(student, assignment)
    folder = root / "submitted" / student / assignment
    unreadable = []
    for notebook in _notebook_names(root, assignment):
        path = folder / f"{notebook}.ipynb"
        if not path.exists() and not path.is_symlink():
            outcome.problems.append(f"{notebook}.ipynb was not submitted: 0 points")
            continue
        problem = read_problem(path)
        if problem:
            unreadable.append(notebook)
            outcome.problems.append(f"{notebook}.ipynb: {problem}: 0 points")
            page = root / "feedback" / student / assignment / f"{notebook}.html"  # where the student looks
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(unreadable_page(assignment, notebook, problem))
        else:
            outcome.problems += [f"{notebook}.ipynb: {n}" for n in
                                 cell_notes(path, api.coursedir.db_url, assignment, notebook)]
    gradable = [n for n in _notebook_names(root, assignment) if (folder / f"{n}.ipynb").is_file() and n not in unreadable]
    if not gradable:
        _score_unreadable(api, assignment, student, unreadable or _notebook_names(root, assignment))
        outcome.graded = False
        outcome.seconds = time.monotonic() - start
        return outcome
    result = _retrying(lambda: api.autograde(assignment, student, force=True, create=True))
    if not result["success"]:
        print(f"--- nbgrader autograde {assignment} --student {student} failed:\n{result.get('log', '')}", flush=True)
        fault = _course_fault(result)
        if fault:  # the course's fault, not the student's: record nothing, stop the run
            outcome.graded, outcome.course_fault = False, fault
            outcome.seconds = time.monotonic() - start
            return outcome
        outcome.graded = False
        outcome.problems.append("nbgrader could not grade this submission: " + _last_error(result))
        _score_unreadable(api, assignment, student, _notebook_names(root, assignment))
    else:
        for notebook in gradable:
            report = root / "autograded" / student / assignment / f"{notebook}.grading.json"
            if report.exists():
                found = json.loads(report.read_text())
                outcome.problems += found["problems"]
                outcome.isolated = outcome.isolated and found.get("isolated", True)
        if feedback:
            fb = _retrying(lambda: api.generate_feedback(assignment, student, force=True))
            if not fb["success"]:
                outcome.problems.append("feedback could not be generated: " + _last_error(fb))
    outcome.seconds = time.monotonic() - start
    return outcome


def _retrying(action):
    """Run an nbgrader API call, again after a pause when it met another worker in the gradebook."""
    for attempt in range(LOCK_RETRIES):
        result = action()
        text = result.get("log", "") + str(result.get("error"))
        if result["success"] or not any(race in text for race in RACES):
            break
        time.sleep(0.5 * (attempt + 1))
    return result


def _course_fault(result):
    """The message of a CourseFault or JailUnavailable that stopped nbgrader, or ""."""
    for line in (result.get("log") or "").splitlines() + [str(result.get("error") or "")]:
        for name in ("CourseFault: ", "JailUnavailable: "):
            if name in line:
                return line.split(name, 1)[1].strip()
    return ""


def _last_error(result):
    lines = [l for l in (result.get("log") or "").splitlines() if "Error" in l or "error" in l]
    return (lines[-1].strip() if lines else str(result.get("error", "unknown error")))[:300]


def register_students(root, students):
    """Create the students in the gradebook up front, one process, so that parallel jobs never race to."""
    from nbgrader.api import Gradebook

    with Gradebook(nbgrader_api(root).coursedir.db_url) as gb:
        for student in sorted(students):
            gb.update_or_create_student(student)


def grade_class(root=None, jobs=None, workers=None, feedback=True, stream=None, unisolated=False):
    """Grade ``jobs`` ((student, assignment) pairs; default: all of submitted/) on ``workers`` processes.

    Raises :class:`CourseFault` (or ``JailUnavailable``) before anything is written when the
    course cannot be graded, and after stopping the run when a course fault shows up meanwhile.
    """
    root = course_root(root)
    jobs = find_submissions(root) if jobs is None else list(jobs)
    workers = workers or os.cpu_count() or 1
    if unisolated:
        os.environ[UNISOLATED_ENV] = "1"
    else:
        os.environ.pop(UNISOLATED_ENV, None)
    pins = preflight(root, sorted({a for _, a in jobs}), unisolated=unisolated)
    os.environ[PINNED_ENV] = json.dumps(pins)
    register_students(root, {student for student, _ in jobs})
    progress = Progress(len(jobs), stream=stream)
    outcomes, faults = [], []
    (root / "reports").mkdir(exist_ok=True)
    log_path = root / "reports" / "grading.log"
    print(f"grading {len(jobs)} submissions on {workers} workers (log: {log_path})", file=progress.stream)
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                                                initargs=(str(log_path), os.getpid())) as pool:
        futures = {pool.submit(grade_one, str(root), s, a, feedback): (s, a) for s, a in jobs}
        for future in concurrent.futures.as_completed(futures):
            student, assignment = futures[future]
            if future.cancelled():
                continue
            try:
                outcome = future.result()
            except Exception as error:  # noqa: BLE001 - a crash of the machinery, reported not raised
                outcome = Outcome(student, assignment, graded=False,
                                  problems=[f"grading failed: {type(error).__name__}: {error}"])
            if outcome.course_fault:
                faults.append(f"{assignment}: {outcome.course_fault}")
                for other in futures:
                    other.cancel()
                continue
            outcomes.append(outcome)
            progress.step(f"{student}/{assignment}")
    os.environ.pop(PINNED_ENV, None)
    if faults:
        raise CourseFault("grading stopped: " + faults[0])
    return sorted(outcomes, key=lambda o: (o.student, o.assignment))

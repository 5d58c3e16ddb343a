"""Grade a whole class in parallel with real nbgrader, one (student, assignment) per job.

Each worker process calls nbgrader's own ``autograde`` and ``generate_feedback``
for one submission at a time; the gradebook (SQLite) sees only nbgrader's
short transactions, and a job that meets a locked database is retried.
One bad submission never stops the class: it is graded as well as it can be
and the reason is written down in plain words for the report.
"""
import concurrent.futures
import json
import multiprocessing
import os
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from nndl.course import course_root, nbgrader_api
from nndl.pipeline.inspect_submission import cell_notes, read_problem
from nndl.pipeline.progress import Progress

WORKER_MEMORY_BYTES = 8 * 1024**3
LOCK_RETRIES = 5
# what parallel workers can run into through no fault of the submission; the job is retried:
# two writers in the SQLite gradebook at once, and two brand-new kernels initialising at once
RACES = ("database is locked", "UNIQUE constraint failed", "Kernel died before replying to kernel_info")


@dataclass
class Outcome:
    student: str
    assignment: str
    graded: bool = True
    problems: list = field(default_factory=list)
    seconds: float = 0.0


def find_submissions(root, assignments=None):
    """(student, assignment) pairs present in submitted/, sorted."""
    submitted = Path(course_root(root)) / "submitted"
    pairs = sorted((s.name, a.name) for s in submitted.glob("*") if s.is_dir() for a in s.glob("*") if a.is_dir())
    return [(s, a) for s, a in pairs if assignments is None or a in assignments]


def _start_worker(log_path):
    """Runs once in each worker: a memory limit and one BLAS thread, which the kernels and sandboxes
    it starts inherit, and nbgrader's and the kernels' chatter sent to the grading log."""
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


def _timeouts(root, assignment, student, notebook):
    path = root / "autograded" / student / assignment / f"{notebook}.ipynb"
    if not path.exists():
        return []
    nb = nbformat.read(path, as_version=4)
    return [f"cell {i} ran past the time limit and was stopped (an endless loop?)"
            for i, c in enumerate(nb.cells) if c.cell_type == "code"
            and any(o.get("ename") == "CellTimeoutError" for o in c.get("outputs", []))]


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
        if not path.exists():
            outcome.problems.append(f"{notebook}.ipynb was not submitted: 0 points")
            continue
        problem = read_problem(path)
        if problem:
            unreadable.append(notebook)
            outcome.problems.append(f"{notebook}.ipynb: {problem}: 0 points")
        else:
            outcome.problems += [f"{notebook}.ipynb: {n}" for n in
                                 cell_notes(path, api.coursedir.db_url, assignment, notebook)]
    gradable = [n for n in _notebook_names(root, assignment) if (folder / f"{n}.ipynb").exists() and n not in unreadable]
    if not gradable:
        _score_unreadable(api, assignment, student, unreadable or _notebook_names(root, assignment))
        outcome.graded = False
        outcome.seconds = time.monotonic() - start
        return outcome
    result = _retrying(lambda: api.autograde(assignment, student, force=True, create=True))
    if not result["success"]:
        print(f"--- nbgrader autograde {assignment} --student {student} failed:\n{result.get('log', '')}", flush=True)
        outcome.graded = False
        outcome.problems.append("nbgrader could not grade this submission: " + _last_error(result))
        _score_unreadable(api, assignment, student, _notebook_names(root, assignment))
    else:
        for notebook in gradable:
            outcome.problems += _timeouts(root, assignment, student, notebook)
            report = root / "autograded" / student / assignment / f"{notebook}.grading.json"
            if report.exists():
                outcome.problems += json.loads(report.read_text())["problems"]
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


def _last_error(result):
    lines = [l for l in (result.get("log") or "").splitlines() if "Error" in l or "error" in l]
    return (lines[-1].strip() if lines else str(result.get("error", "unknown error")))[:300]


def register_students(root, students):
    """Create the students in the gradebook up front, one process, so that parallel jobs never race to."""
    from nbgrader.api import Gradebook

    with Gradebook(nbgrader_api(root).coursedir.db_url) as gb:
        for student in sorted(students):
            gb.update_or_create_student(student)


def grade_class(root=None, jobs=None, workers=None, feedback=True, stream=None):
    """Grade ``jobs`` ((student, assignment) pairs; default: all of submitted/) on ``workers`` processes."""
    root = course_root(root)
    jobs = find_submissions(root) if jobs is None else list(jobs)
    workers = workers or os.cpu_count() or 1
    register_students(root, {student for student, _ in jobs})
    progress = Progress(len(jobs), stream=stream)
    outcomes = []
    (root / "reports").mkdir(exist_ok=True)
    log_path = root / "reports" / "grading.log"
    print(f"grading {len(jobs)} submissions on {workers} workers (log: {log_path})", file=progress.stream)
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                                initializer=_start_worker, initargs=(str(log_path),)) as pool:
        futures = {pool.submit(grade_one, str(root), s, a, feedback): (s, a) for s, a in jobs}
        for future in concurrent.futures.as_completed(futures):
            student, assignment = futures[future]
            try:
                outcome = future.result()
            except Exception as error:  # noqa: BLE001 - a crash of the machinery, reported not raised
                outcome = Outcome(student, assignment, graded=False,
                                  problems=[f"grading failed: {type(error).__name__}: {error}"])
            outcomes.append(outcome)
            progress.step(f"{student}/{assignment}")
    return sorted(outcomes, key=lambda o: (o.student, o.assignment))

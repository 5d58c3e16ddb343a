"""A grading worker's one task: grade one submission in a private course folder, return what it made.

The worker has no access to the course folder.  It gets an instructor bundle
(:mod:`nndl.pipeline.bundle`, unpacked once per worker into a private folder with its own
SQLite gradebook) and a :class:`Submission` (the files a student handed in, as bytes), runs
nbgrader's own ``autograde`` and ``generate_feedback`` there (student code runs only in
the jail, see :class:`nndl.grading.preprocessor.GradeInJail`) and returns a :class:`Graded`:
the autograded notebooks, the feedback pages, the scores as nbgrader recorded them, and the
problems met, in plain words.  The client alone writes files and the real gradebook
(:mod:`nndl.pipeline.store`), so a worker that dies loses nothing and a task run twice
changes nothing.

What crosses between client and worker is these dataclasses of plain values (str, bytes,
numbers, lists and dicts of them), made by the grader's own processes; what a student wrote
travels only as bytes inside them and is never unpickled or executed outside a jail.
"""
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field

from nndl.grading.cell_results import CellResult
from nndl.grading.problems import Problem
from nndl.pipeline.bundle import unpack
from nndl.pipeline.gradebook_warnings import ignore_not_in_session

MAX_FILE_BYTES = 64 * 1024**2  # a bigger submitted file is not taken in (the report says so)


@dataclass(frozen=True)
class Submission:
    student: str
    assignment: str
    files: dict  # file name -> bytes: the notebooks that can be read, timestamp.txt, other files


@dataclass
class NotebookScores:
    """One notebook's scores as nbgrader's SaveAutoGrades and AssignLatePenalties recorded them."""

    name: str
    auto_scores: dict  # grade cell name -> score (None: needs a person)
    auto_comments: dict  # solution cell name -> nbgrader's automatic comment (or None)
    late_penalty: float = 0.0


@dataclass
class Graded:
    """What grading one submission produced; the client stores it (:func:`nndl.pipeline.store.store`)."""

    student: str
    assignment: str
    graded: bool = True
    problems: list = field(default_factory=list)  # Problem: plain words, for the report
    course_fault: str = ""  # a fault of the course met while grading: the run stops, nothing is stored
    machinery_fault: str = ""  # the grading machinery failed, not the student: nothing is stored (not_graded)
    isolated: bool = True
    timestamp: str = ""  # the submission's time, ISO format, as nbgrader read it from timestamp.txt
    scores: list = field(default_factory=list)  # NotebookScores
    autograded: dict = field(default_factory=dict)  # file name -> bytes, for autograded/<student>/<assignment>/
    feedback: dict = field(default_factory=dict)  # file name -> bytes, for feedback/<student>/<assignment>/
    log: str = ""  # nbgrader's log of this task, for reports/grading.log
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this worker's and its jails' CPU time for this task (jails: their control groups)
    tests: list = field(default_factory=list)  # CellResult, one per judged test cell: the class insight's data


FRESH_GRADEBOOK_EVERY = 200  # tasks: the private gradebook is put back as unpacked, so it never grows with the class
_courses = {}  # bundle digest -> (private course root, nbgrader API), one per worker process
_data_home = []  # this process's folder of data folders shared by its bundles (see bundle.unpack)
_tasks = {}  # bundle digest -> tasks run since its gradebook was last put back


_warm = threading.Event()
_warm.set()  # nothing to wait for unless warm_up() was called


def warm_up():
    """Import, in the background, what grading needs (nbgrader, nbconvert, the course's grading steps:
    about 2 s), while the client is still busy with the preflight and the bundles; the first task waits
    for it (two threads importing nbgrader at once can meet a half-imported module).  Also hold
    libraries already loaded (a ``dask worker`` program may have imported NumPy before the variables
    of :data:`nndl.pipeline.cluster.ONE_THREAD` were set) to one BLAS thread."""
    if not _warm.is_set():
        return
    _warm.clear()

    def imports():
        try:
            import nbgrader.apps  # noqa: F401
            import nndl.grading.feedback  # noqa: F401
            import nndl.grading.preprocessor  # noqa: F401
            from threadpoolctl import threadpool_limits

            threadpool_limits(1)
        finally:
            _warm.set()

    threading.Thread(target=imports, name="nndl-warm-up", daemon=True).start()


def _course(bundle):
    digest = bundle.digest
    if digest not in _courses:
        from nndl.course import nbgrader_api
        from nndl.grading.release import freeze_releases

        freeze_releases()  # the private course never changes: read each release once
        _one_engine_per_gradebook()
        root = unpack(bundle, tempfile.mkdtemp(prefix=f"nndl-worker-{digest[:12]}-", dir=_scratch()), _data_folders())
        shutil.copy(root / "gradebook.db", root / "gradebook.pristine")
        api = nbgrader_api(root)
        api.config.GradeInJail.report_dir = str(root / "reports")  # kept even when nbgrader fails
        _courses[digest], _tasks[digest] = (root, api), 0
    _tasks[digest] += 1
    root, api = _courses[digest]
    if _tasks[digest] % FRESH_GRADEBOOK_EVERY == 0:
        shutil.copy(root / "gradebook.pristine", root / "gradebook.db")
    return root, api


def _data_folders():
    """This process's folder for the data folders its bundles share (made on first use)."""
    if not _data_home:
        _data_home.append(tempfile.mkdtemp(prefix="nndl-worker-data-", dir=_scratch()))
    return _data_home[0]


def _one_engine_per_gradebook():
    """Give nbgrader one SQLAlchemy engine per gradebook URL for the life of this worker process.

    nbgrader makes a new engine for every ``Gradebook`` it opens (about a dozen per graded
    notebook), and each new engine compiles every SQL statement afresh: some 0.05 s of CPU per
    notebook.  Closing a ``Gradebook`` disposes of its engine's connections, which a reused
    engine simply opens again; the compiled statements stay.  Only in grading workers, whose
    gradebooks are private SQLite files."""
    import nbgrader.api

    create = nbgrader.api.create_engine
    if getattr(create, "reused", False):
        return
    engines = {}

    def create_engine(url, **options):
        key = (str(url), tuple(sorted(options.items())))
        if key not in engines:
            engines[key] = create(url, **options)
        return engines[key]

    create_engine.reused = True
    nbgrader.api.create_engine = create_engine


def _scratch():
    """The Dask worker's own folder (Dask removes it when the worker ends, and stale ones at the next
    start), or None (the system's temporary folder) outside a worker."""
    try:
        from distributed import get_worker

        return get_worker().local_directory
    except (ImportError, ValueError):
        return None


def forget_courses():
    """Remove this process's private course folders (a worker that closes cleanly)."""
    for root in [root for root, _ in _courses.values()] + _data_home:
        shutil.rmtree(root, ignore_errors=True)
    _courses.clear()
    _data_home.clear()
    _tasks.clear()


def grade_submission(bundle, submission, feedback=True):
    """Grade ``submission`` against ``bundle`` in this worker's private course; never raises for a bad submission."""
    start, cpu = time.monotonic(), _cpu()
    ignore_not_in_session()
    _warm.wait()
    root, api = _course(bundle)
    student, assignment = submission.student, submission.assignment
    out = Graded(student, assignment)
    folder = root / "submitted" / student / assignment
    _clear(root, student, assignment)
    folder.mkdir(parents=True)
    for name, data in submission.files.items():
        (folder / name).write_bytes(data)
    try:
        from nndl.pipeline.inspect_submission import cell_notes

        for path in sorted(folder.glob("*.ipynb")):
            try:
                out.problems += [Problem(note, path.stem) for note in
                                 cell_notes(path, api.coursedir.db_url, assignment, path.stem)]
            except (ValueError, TypeError, AttributeError, KeyError, RecursionError, MemoryError) as error:
                # a notebook no parser can take (nbgrader then fails on it too, which becomes a Problem)
                out.problems.append(Problem(f"its cells could not be read ({type(error).__name__})", path.stem))
        result = _autograde(api, assignment, student)
        out.log += result.get("log") or ""
        reports = root / "reports" / student / assignment
        out.course_fault = _read_reports(reports, out)
        if out.course_fault:
            out.graded = False
        elif not result["success"]:
            out.graded = False
            invalid = _invalid_notebooks(folder)
            if invalid:  # the student's file, not the machinery: graded as nbgrader leaves it (0 points)
                out.problems += [Problem(f"it is not a valid Jupyter notebook ({why}); nbgrader could not grade it",
                                         name) for name, why in invalid]
            else:
                out.machinery_fault = "nbgrader failed in the grading worker: " + _last_error(result)
        else:
            out.scores, out.timestamp = _scores(api, assignment, student)
            autograded = root / "autograded" / student / assignment
            out.autograded = {p.name: p.read_bytes() for p in [*autograded.iterdir(), *reports.glob("*.grading.json")]
                              if p.is_file()}
            if feedback:
                made = api.generate_feedback(assignment, student, force=True)
                out.log += made.get("log") or ""
                if made["success"]:
                    pages = root / "feedback" / student / assignment
                    out.feedback = {p.name: p.read_bytes() for p in pages.glob("*.html")}
                else:
                    out.problems.append(Problem("feedback could not be generated: " + _last_error(made),
                                                kind="grader"))
    finally:
        _clear(root, student, assignment)
    out.seconds, out.cpu_seconds = time.monotonic() - start, out.cpu_seconds + _cpu() - cpu
    return out


def _autograde(api, assignment, student):
    return api.autograde(assignment, student, force=True, create=True)


def _scores(api, assignment, student):
    from nbgrader.api import Gradebook

    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        submission = gb.find_submission(assignment, student)
        scores = [NotebookScores(nb.name, {g.name: g.auto_score for g in nb.grades},
                                 {c.name: c.auto_comment for c in nb.comments},
                                 float(nb.late_submission_penalty or 0.0)) for nb in submission.notebooks]
        return scores, (submission.timestamp.isoformat() if submission.timestamp else "")


def _read_reports(reports, out):
    """Add what GradeInJail reported of each notebook (``<notebook>.grading.json``, see
    :mod:`nndl.grading.problems`) to ``out``; return the message of a course fault, or ""."""
    import json

    for report in sorted(reports.glob("*.grading.json")):
        found = json.loads(report.read_text())
        if "course_fault" in found:
            return found["course_fault"]
        out.problems += [Problem.from_dict(p) for p in found["problems"]]
        out.isolated = out.isolated and found.get("isolated", True)
        out.cpu_seconds += found.get("jail_cpu_seconds") or 0.0  # from the jail's control group
        notebook = report.name[: -len(".grading.json")]
        out.tests += [CellResult.from_report(notebook, grade_id, data)
                      for grade_id, data in found.get("tests", {}).items()]
    return ""


def _clear(root, student, assignment):
    for part in ("submitted", "autograded", "feedback", "reports"):
        shutil.rmtree(root / part / student / assignment, ignore_errors=True)


def _invalid_notebooks(folder):
    """``[(notebook, why)]`` for the notebooks of ``folder`` that nbformat does not accept as version 4."""
    import nbformat

    invalid = []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            nbformat.validate(nbformat.read(path, as_version=4))
        except Exception as error:  # noqa: BLE001  (whatever a damaged file makes nbformat raise)
            invalid.append((path.stem, f"{type(error).__name__}: {str(error).splitlines()[0][:160] if str(error) else ''}"))
    return invalid


def _last_error(result):
    lines = [l for l in (result.get("log") or "").splitlines() if "Error" in l or "error" in l]
    return (lines[-1].strip() if lines else str(result.get("error", "unknown error")))[:300]


def _cpu():
    """CPU seconds of this process and its finished children (the jails)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system

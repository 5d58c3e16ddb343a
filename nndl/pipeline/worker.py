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

What crosses between client and worker is these frozen dataclasses of plain values (str, bytes,
numbers, and tuples and dicts of them, and the frozen records :class:`~nndl.grading.problems.Problem`
and :class:`~nndl.grading.cell_results.CellResult`), each checked where it is made (a name that
would leave its folder, a file that is not bytes, a result marked graded despite a fault: ValueError).
Dask carries them between the grader's own processes (the instructor's client and workers, which
only holders of the course's certificates can join); what a student wrote travels only as bytes
inside them and is never unpickled or executed outside a jail.  A worker's Graded that fails its
checks fails its task, and the client leaves that submission NOT GRADED (a fault of the machinery).
"""
import datetime
import math
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nndl.grading.cell_results import CellResult
from nndl.grading.problems import Problem
from nndl.pipeline.bundle import Bundle, unpack
from nndl.pipeline.gradebook_warnings import ignore_not_in_session
from nndl.pipeline.plain_names import require_plain_name

MAX_FILE_BYTES = 64 * 1024**2  # a bigger submitted file is not taken in (the report says so)


@dataclass(frozen=True)
class Submission:
    """The files one student handed in for one assignment, as the client read them (:mod:`nndl.pipeline.intake`).

    Checked where it is made: a student, assignment or file name that is not a plain name (the worker
    writes each file into ``submitted/<student>/<assignment>/``), a file that is not bytes or is larger
    than :data:`MAX_FILE_BYTES`, raises ``ValueError``."""

    student: str
    assignment: str
    files: dict[str, bytes]  # file name -> bytes: the notebooks that can be read, timestamp.txt, other files

    def __post_init__(self) -> None:
        require_plain_name("a submission's student", self.student)
        require_plain_name("a submission's assignment", self.assignment)
        object.__setattr__(self, "files", _files("a submitted file", self.files, MAX_FILE_BYTES))


@dataclass(frozen=True)
class NotebookScores:
    """One notebook's scores as nbgrader's SaveAutoGrades and AssignLatePenalties recorded them."""

    name: str
    auto_scores: dict[str, float | None]  # grade cell name -> score (None: needs a person)
    auto_comments: dict[str, str | None]  # solution cell name -> nbgrader's automatic comment (or None)
    late_penalty: float = 0.0

    def __post_init__(self) -> None:
        require_plain_name("a notebook's name", self.name)
        if not all(score is None or _number(score) for score in dict(self.auto_scores).values()):
            raise ValueError(f"{self.name}: a score is a number or None")
        object.__setattr__(self, "late_penalty", float(self.late_penalty))


@dataclass(frozen=True)
class Graded:
    """What grading one submission produced; the client stores it (:func:`nndl.pipeline.store.store`).

    Checked where it is made (in the worker): names that are not plain names, records of the wrong
    kind, a file that is not bytes, a timestamp that is not ISO format, or a submission marked graded
    despite a fault raise ``ValueError``, which the client reports as a fault of the machinery (the
    submission is left NOT GRADED, nothing is stored)."""

    student: str
    assignment: str
    graded: bool = True
    problems: tuple[Problem, ...] = ()  # plain words, for the report
    course_fault: str = ""  # a fault of the course met while grading: the run stops, nothing is stored
    machinery_fault: str = ""  # the grading machinery failed, not the student: nothing is stored (not_graded)
    isolated: bool = True
    timestamp: str = ""  # the submission's time, ISO format, as nbgrader read it from timestamp.txt
    scores: tuple[NotebookScores, ...] = ()
    autograded: dict[str, bytes] = field(default_factory=dict)  # name -> bytes, for autograded/<student>/<assignment>/
    feedback: dict[str, bytes] = field(default_factory=dict)  # file name -> bytes, for feedback/<student>/<assignment>/
    log: str = ""  # nbgrader's log of this task, for reports/grading.log
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # this worker's and its jails' CPU time for this task (jails: their control groups)
    tests: tuple[CellResult, ...] = ()  # one per judged test cell: the class insight's data

    def __post_init__(self) -> None:
        require_plain_name("a graded submission's student", self.student)
        require_plain_name("a graded submission's assignment", self.assignment)
        for name, kind in (("problems", Problem), ("scores", NotebookScores), ("tests", CellResult)):
            records = tuple(getattr(self, name))
            if not all(isinstance(r, kind) for r in records):
                raise ValueError(f"a graded submission's {name} are {kind.__name__} records")
            object.__setattr__(self, name, records)
        for name in ("autograded", "feedback"):
            object.__setattr__(self, name, _files(f"a graded submission's {name} file", getattr(self, name)))
        for name in ("course_fault", "machinery_fault", "timestamp", "log"):
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"a graded submission's {name} is text, not {type(getattr(self, name)).__name__}")
        if not isinstance(self.graded, bool) or not isinstance(self.isolated, bool):
            raise ValueError("a graded submission's graded and isolated are True or False")
        if self.graded and (self.course_fault or self.machinery_fault):
            raise ValueError("a submission met by a fault of the course or the machinery is not graded")
        if self.timestamp:
            try:
                datetime.datetime.fromisoformat(self.timestamp)
            except ValueError:
                raise ValueError(f"a graded submission's timestamp is ISO format, not {self.timestamp!r}") from None
        for name in ("seconds", "cpu_seconds"):
            value = getattr(self, name)
            if not _number(value) or not math.isfinite(value) or value < 0:
                raise ValueError(f"a graded submission's {name} is a number of at least 0, not {value!r}")
            object.__setattr__(self, name, float(value))


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _files(what: str, files: Mapping[str, bytes], limit: int | None = None) -> dict[str, bytes]:
    """``files`` as a dict, each name a plain name and each content bytes (of at most ``limit``), or ValueError."""
    if not isinstance(files, Mapping):
        raise ValueError(f"{what}s are a mapping of name -> bytes, not {type(files).__name__}")
    for name, data in files.items():
        require_plain_name(what, name)
        if not isinstance(data, bytes):
            raise ValueError(f"{what} {name!r} holds bytes, not {type(data).__name__}")
        if limit is not None and len(data) > limit:
            raise ValueError(f"{what} {name!r} is larger than {limit >> 20} MB")
    return dict(files)


FRESH_GRADEBOOK_EVERY = 200  # tasks: the private gradebook is put back as unpacked, so it never grows with the class
_courses: dict[str, tuple[Path, Any]] = {}  # bundle digest -> (private course root, nbgrader API), per process
_data_home: list[str] = []  # this process's folder of data folders shared by its bundles (see bundle.unpack)
_tasks: dict[str, int] = {}  # bundle digest -> tasks run since its gradebook was last put back


_warm = threading.Event()
_warm.set()  # nothing to wait for unless warm_up() was called


def warm_up() -> None:
    """Import, in the background, what grading needs (nbgrader, nbconvert, the course's grading steps:
    about 2 s), while the client is still busy with the preflight and the bundles; the first task waits
    for it (two threads importing nbgrader at once can meet a half-imported module).  Also hold
    libraries already loaded (a ``dask worker`` program may have imported NumPy before the variables
    of :data:`nndl.pipeline.cluster.ONE_THREAD` were set) to one BLAS thread."""
    if not _warm.is_set():
        return
    _warm.clear()

    def imports() -> None:
        try:
            import nbgrader.apps  # noqa: F401
            import nndl.grading.feedback  # noqa: F401
            import nndl.grading.preprocessor  # noqa: F401
            from threadpoolctl import threadpool_limits

            threadpool_limits(1)
        finally:
            _warm.set()

    threading.Thread(target=imports, name="nndl-warm-up", daemon=True).start()


def _course(bundle: Bundle) -> tuple[Path, Any]:
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


def _data_folders() -> str:
    """This process's folder for the data folders its bundles share (made on first use)."""
    if not _data_home:
        _data_home.append(tempfile.mkdtemp(prefix="nndl-worker-data-", dir=_scratch()))
    return _data_home[0]


def _one_engine_per_gradebook() -> None:
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

    def create_engine(url: str, **options: Any) -> Any:
        key = (str(url), tuple(sorted(options.items())))
        if key not in engines:
            engines[key] = create(url, **options)
        return engines[key]

    create_engine.reused = True
    nbgrader.api.create_engine = create_engine


def _scratch() -> str | None:
    """The Dask worker's own folder (Dask removes it when the worker ends, and stale ones at the next
    start), or None (the system's temporary folder) outside a worker."""
    try:
        from distributed import get_worker

        return get_worker().local_directory
    except (ImportError, ValueError):
        return None


def forget_courses() -> None:
    """Remove this process's private course folders (a worker that closes cleanly)."""
    for root in [root for root, _ in _courses.values()] + _data_home:
        shutil.rmtree(root, ignore_errors=True)
    _courses.clear()
    _data_home.clear()
    _tasks.clear()


def grade_submission(bundle: Bundle, submission: Submission, feedback: bool = True) -> Graded:
    """Grade ``submission`` against ``bundle`` in this worker's private course; never raises for a bad submission."""
    start, cpu = time.monotonic(), _cpu()
    ignore_not_in_session()
    _warm.wait()
    root, api = _course(bundle)
    student, assignment = submission.student, submission.assignment
    folder = root / "submitted" / student / assignment
    _clear(root, student, assignment)
    folder.mkdir(parents=True)
    for name, data in submission.files.items():
        (folder / name).write_bytes(data)
    try:
        found = _grade(api, root, folder, student, assignment, feedback)
    finally:
        _clear(root, student, assignment)
    jail_cpu = found.pop("cpu_seconds", 0.0)
    return Graded(student, assignment, **found, seconds=time.monotonic() - start, cpu_seconds=jail_cpu + _cpu() - cpu)


def _grade(api: Any, root: Path, folder: Path, student: str, assignment: str, feedback: bool) -> dict[str, Any]:
    """Autograde the submission handed in at ``folder`` (and make its feedback): the fields of its :class:`Graded`."""
    from nndl.pipeline.inspect_submission import cell_notes

    problems = []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            notes = cell_notes(path, api.coursedir.db_url, assignment, path.stem)
            problems += [Problem(note, path.stem) for note in notes]
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError, MemoryError) as error:
            # a notebook no parser can take (nbgrader then fails on it too, which becomes a Problem)
            problems.append(Problem(f"its cells could not be read ({type(error).__name__})", path.stem))
    result = _autograde(api, assignment, student)
    reports = root / "reports" / student / assignment
    read = _read_reports(reports)
    found = {"problems": problems + read.problems, "log": result.get("log") or "", "isolated": read.isolated,
             "cpu_seconds": read.cpu_seconds, "tests": read.tests}
    if read.course_fault:
        return {**found, "graded": False, "course_fault": read.course_fault}
    if not result["success"]:
        invalid = _invalid_notebooks(folder)
        if invalid:  # the student's file, not the machinery: graded as nbgrader leaves it (0 points)
            return {**found, "graded": False, "problems": found["problems"] + [
                Problem(f"it is not a valid Jupyter notebook ({why}); nbgrader could not grade it", name)
                for name, why in invalid]}
        return {**found, "graded": False,
                "machinery_fault": "nbgrader failed in the grading worker: " + _last_error(result)}
    found["scores"], found["timestamp"] = _scores(api, assignment, student)
    autograded = root / "autograded" / student / assignment
    found["autograded"] = {p.name: p.read_bytes() for p in [*autograded.iterdir(), *reports.glob("*.grading.json")]
                           if p.is_file()}
    if feedback:
        made = api.generate_feedback(assignment, student, force=True)
        found["log"] += made.get("log") or ""
        if made["success"]:
            pages = root / "feedback" / student / assignment
            found["feedback"] = {p.name: p.read_bytes() for p in pages.glob("*.html")}
        else:
            found["problems"] = found["problems"] + [Problem("feedback could not be generated: " + _last_error(made),
                                                             kind="grader")]
    return found


def _autograde(api: Any, assignment: str, student: str) -> dict[str, Any]:
    return api.autograde(assignment, student, force=True, create=True)


def _scores(api: Any, assignment: str, student: str) -> tuple[list[NotebookScores], str]:
    from nbgrader.api import Gradebook

    with Gradebook(api.coursedir.db_url, api.coursedir.course_id) as gb:
        submission = gb.find_submission(assignment, student)
        scores = [NotebookScores(nb.name, {g.name: g.auto_score for g in nb.grades},
                                 {c.name: c.auto_comment for c in nb.comments},
                                 float(nb.late_submission_penalty or 0.0)) for nb in submission.notebooks]
        return scores, (submission.timestamp.isoformat() if submission.timestamp else "")


@dataclass
class _Reports:
    """What GradeInJail reported of a submission's notebooks (``<notebook>.grading.json``)."""

    course_fault: str = ""
    problems: list[Problem] = field(default_factory=list)
    isolated: bool = True
    cpu_seconds: float = 0.0  # the jails' CPU time (from their control groups)
    tests: list[CellResult] = field(default_factory=list)


def _read_reports(reports: Path) -> _Reports:
    """What GradeInJail reported of each notebook (``<notebook>.grading.json``, see :mod:`nndl.grading.problems`);
    it stops at the first course fault."""
    import json

    read = _Reports()
    for report in sorted(reports.glob("*.grading.json")):
        found = json.loads(report.read_text())
        if "course_fault" in found:
            read.course_fault = found["course_fault"]
            return read
        read.problems += [Problem.from_dict(p) for p in found["problems"]]
        read.isolated = read.isolated and found.get("isolated", True)
        read.cpu_seconds += found.get("jail_cpu_seconds") or 0.0  # from the jail's control group
        notebook = report.name[: -len(".grading.json")]
        read.tests += [CellResult.from_report(notebook, grade_id, data)
                       for grade_id, data in found.get("tests", {}).items()]
    return read


def _clear(root: Path, student: str, assignment: str) -> None:
    for part in ("submitted", "autograded", "feedback", "reports"):
        shutil.rmtree(root / part / student / assignment, ignore_errors=True)


def _invalid_notebooks(folder: Path) -> list[tuple[str, str]]:
    """``[(notebook, why)]`` for the notebooks of ``folder`` that nbformat does not accept as version 4."""
    import nbformat

    invalid = []
    for path in sorted(folder.glob("*.ipynb")):
        try:
            nbformat.validate(nbformat.read(path, as_version=4))
        except Exception as error:  # noqa: BLE001  (whatever a damaged file makes nbformat raise)
            invalid.append((path.stem, f"{type(error).__name__}: {str(error).splitlines()[0][:160] if str(error) else ''}"))
    return invalid


def _last_error(result: dict[str, Any]) -> str:
    lines = [l for l in (result.get("log") or "").splitlines() if "Error" in l or "error" in l]
    return (lines[-1].strip() if lines else str(result.get("error", "unknown error")))[:300]


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the jails)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system

"""The client's side of grading: store what a worker returned in the course folder and the gradebook.

Only the client (the instructor's ``nndl grade`` process) writes here, one submission at a
time, so the gradebook never sees two writers and a result that arrives twice (a task
retried after its worker died) just writes the same thing again.  Scores are recorded the
way nbgrader's ``SaveAutoGrades`` and ``AssignLatePenalties`` do: an existing manual grade
is kept and flags the cell for review.
"""
import contextlib
import datetime
import re
import shutil
import tempfile
import warnings
from pathlib import Path

from nbgrader.api import BaseCell, Comment, Grade

from nndl.pipeline.gradebook_warnings import NOT_IN_SESSION, ignore_not_in_session

ignore_not_in_session()

SAFE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\- ]{0,200}")  # a plain file name: no folders, not hidden


def store(root, gb, graded):
    """Write ``graded`` (a :class:`nndl.pipeline.worker.Graded`) into the course at ``root`` and the
    open :class:`Gradebook` ``gb`` (one for the whole run: opening one costs more than a store)."""
    root = Path(root)
    _replace_folder(root / "autograded" / graded.student / graded.assignment, graded.autograded)
    if graded.feedback:
        _replace_folder(root / "feedback" / graded.student / graded.assignment, graded.feedback)
    with _transaction(gb):
        gb.update_or_create_student(graded.student)
        if graded.timestamp:
            gb.update_or_create_submission(graded.assignment, graded.student,
                                           timestamp=datetime.datetime.fromisoformat(graded.timestamp))
        else:
            gb.update_or_create_submission(graded.assignment, graded.student)
        for scores in graded.scores:
            notebook = gb.find_submission_notebook(scores.name, graded.assignment, graded.student)
            notebook.late_submission_penalty = scores.late_penalty
            for grade, name in _named(gb, Grade, notebook):
                if name in scores.auto_scores:
                    grade.auto_score = scores.auto_scores[name]
                    grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
            for comment, name in _named(gb, Comment, notebook):
                if name in scores.auto_comments:
                    comment.auto_comment = scores.auto_comments[name]


def _named(gb, kind, notebook):
    """``(row, its cell's name)`` for the notebook's Grade or Comment rows, in one query (``row.name`` would
    load each row's cell with a query of its own: most of the client's time per stored submission)."""
    return gb.db.query(kind, BaseCell.name).join(BaseCell, kind.cell_id == BaseCell.id) \
        .filter(kind.notebook_id == notebook.id).all()


def store_pages(root, student, assignment, pages):
    """Feedback pages made by the client itself (for notebooks that could not be read), when no worker ran."""
    if pages:
        _replace_folder(Path(root) / "feedback" / student / assignment, pages)


def score_zero(gb, assignment, student, notebooks):
    """What nbgrader does for a notebook it cannot grade: the submission exists and those notebooks score 0."""
    with _transaction(gb):
        gb.update_or_create_student(student)
        submission = gb.update_or_create_submission(assignment, student)
        for notebook in submission.notebooks:
            if notebook.name in notebooks:
                for grade in notebook.grades:
                    grade.auto_score = 0
                    grade.needs_manual_grade = False


@contextlib.contextmanager
def _transaction(gb):
    """Commit what the block did to ``gb``, or none of it (without nbgrader's harmless SQLAlchemy warnings,
    which the module-level filter does not always catch once other libraries have set filters of their own)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=NOT_IN_SESSION)
        try:
            yield
            gb.db.commit()
        except BaseException:
            gb.db.rollback()
            raise


def _replace_folder(folder, files):
    """Make ``folder`` hold exactly ``files`` (name -> bytes), swapped in whole."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    for name, data in files.items():
        if SAFE_NAME.fullmatch(name):
            (fresh / name).write_bytes(data)
    fresh.chmod(0o755)
    old = folder.with_name(f".{folder.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    fresh.rename(folder)
    shutil.rmtree(old, ignore_errors=True)

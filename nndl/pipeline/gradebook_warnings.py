"""nbgrader's ``update_or_create_submission`` makes SQLAlchemy warn ("Object of type <SubmittedAssignment> not in
session, add operation along 'Student.submissions' will not proceed") about objects it adds a moment later;
nothing is lost. The client (storing results) and every grading worker (nbgrader's autograde in its private
gradebook, whose warnings reach the terminal of ``nndl grade``) both call it, so both leave that warning out."""
import warnings

NOT_IN_SESSION = ".*not in session, add operation along.*"


def ignore_not_in_session():
    """Leave the warning out in this process (again: a ``warnings.catch_warnings`` block elsewhere may have
    dropped the filter; adding it twice keeps one)."""
    warnings.filterwarnings("ignore", message=NOT_IN_SESSION)

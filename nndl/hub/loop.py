"""``nndl hub collect-grade-release ASSIGNMENT``: the instructor's one command after a deadline.

It is nbgrader's exchange loop with ``nndl grade`` in the middle: ``nbgrader collect --before-duedate`` takes
each student's last submission before the due date (or the last one, when the gradebook has no due date;
nbgrader's ``timestamp.txt`` lets the late penalty see late work), ``nndl grade`` grades them in the jail, and
``nbgrader release_feedback`` puts each student's feedback page in the exchange, where only that student's
``nbgrader fetch_feedback`` finds it (it is named by a hash of their submission's secret).  Run again after a
regrade, it replaces every student's released page.
"""
import shutil
import subprocess
import sys
from pathlib import Path

# What nbgrader's release_feedback reads beside each page (nbgrader's generate_feedback copies them there;
# nndl grade keeps only the pages).
RELEASE_NEEDS = ("timestamp.txt", "submission_secret.txt")


def nbgrader(root, *args):
    command = [str(Path(sys.executable).parent / "nbgrader"), *args]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"`nbgrader {' '.join(args)}` failed:\n{done.stderr[-3000:]}")
    return done.stderr


def prepare_release(root, assignment):
    """Put beside each student's feedback pages what release_feedback needs from their submission; returns
    the students whose feedback can be released."""
    ready = []
    for pages in sorted(Path(root, "feedback").glob(f"*/{assignment}")):
        student = pages.parent.name
        submitted = Path(root, "submitted", student, assignment)
        if not any(pages.glob("*.html")) or not all((submitted / n).is_file() for n in RELEASE_NEEDS):
            continue  # not handed in through the exchange (an LMS download has no secret)
        for name in RELEASE_NEEDS:
            shutil.copy(submitted / name, pages / name)
        ready.append(student)
    return ready


def collect_grade_release(root, assignment, grade_args=()):
    """Collect, grade, release; returns nndl grade's exit status (0, or 3 when some were not graded)."""
    from nndl.cli import main as nndl_main

    print(nbgrader(root, "collect", "--before-duedate", assignment), file=sys.stderr)
    status = nndl_main(["--root", str(root), "grade", assignment, *grade_args])
    if status not in (0, 3):
        raise RuntimeError(f"nndl grade {assignment} stopped (exit status {status}); no feedback was released")
    students = prepare_release(root, assignment)
    print(nbgrader(root, "release_feedback", assignment), file=sys.stderr)
    print(f"released feedback on {assignment} to {len(students)} student(s): {', '.join(students)}")
    return status

"""Submissions a fault of the grading machinery left *not graded*, kept for the next run.

When a task fails for a reason that is not the student's (nbgrader failing inside a worker, a
bug, a worker lost again and again), nothing is written to the gradebook for that submission: an
earlier grade stays as it was, and no zero is recorded.  ``nndl grade`` then exits with
:data:`EXIT_NOT_GRADED`, lists them, and writes them to ``reports/not_graded.json``; the next
``nndl grade`` (without ``--all`` or assignment names) grades exactly those.

A notebook that itself kills its grading worker again and again must still get a verdict of its
own, not stay "not graded" for ever: a submission whose worker was lost (Dask's ``KilledWorker``,
after its own retries on other workers) in an earlier run, and is lost again in the next with the
same files, is scored 0 with that reason (:func:`stops_its_worker`).

``reports/not_graded.json`` (written by the grader, a documented plain format)::

    {"submissions": [{"student": str, "assignment": str, "reason": str,
                      "worker_lost": bool, "digest": str (sha256 of the files handed in)}]}
"""
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

EXIT_NOT_GRADED = 3  # nndl grade's exit status when a fault of the machinery left submissions not graded
LEDGER = Path("reports") / "not_graded.json"


@dataclass(frozen=True)
class NotGraded:
    """One submission a fault of the grading machinery left without a grade."""

    student: str
    assignment: str
    reason: str
    worker_lost: bool = False  # its worker died under it, after Dask's retries elsewhere (KilledWorker)
    digest: str = ""  # sha256 of the files handed in, to know it is the same submission next time

    @classmethod
    def from_dict(cls, data):
        return cls(str(data["student"]), str(data["assignment"]), str(data["reason"]),
                   bool(data.get("worker_lost", False)), str(data.get("digest", "")))


def files_digest(files):
    """sha256 of a submission's files (name -> bytes), independent of their order."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def read(root):
    """The submissions the last run left not graded ([] when it left none, or there was no run)."""
    path = Path(root) / LEDGER
    try:
        found = json.loads(path.read_text())["submissions"]
        return [NotGraded.from_dict(item) for item in found]
    except FileNotFoundError:
        return []
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path} is damaged ({error}); delete it and run `nndl grade --all`") from error


def write(root, left, graded_now):
    """Record what this run left not graded (``left``), keeping earlier entries of submissions this run
    did not touch (``graded_now``: the (student, assignment) pairs it graded or tried)."""
    kept = [n for n in read(root) if (n.student, n.assignment) not in graded_now]
    everything = sorted(kept + list(left), key=lambda n: (n.student, n.assignment))
    path = Path(root) / LEDGER
    if not everything:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"submissions": [asdict(n) for n in everything]}, indent=1) + "\n")


def stops_its_worker(earlier, student, assignment, digest):
    """True when the same files of this submission already lost their worker in the last run."""
    return any(n.worker_lost and (n.student, n.assignment) == (student, assignment) and n.digest == digest
               for n in earlier)


def summary(left):
    """The lines ``nndl grade`` prints about submissions left not graded."""
    if not left:
        return ""
    reasons = {n.reason for n in left}
    lines = [f"{len(left)} submission(s) were NOT graded because of a fault of the grading machinery, "
             "not of the students (nothing was recorded for them; an earlier grade is kept):"]
    if len(left) > 1 and len(reasons) == 1:
        lines.append(f"  every one of them failed the same way: {next(iter(reasons))}")
        lines += [f"  {n.student} / {n.assignment}" for n in left]
    else:
        lines += [f"  {n.student} / {n.assignment}: {n.reason}" for n in left]
    lines.append(f"They are listed in {LEDGER}; fix the cause, then run `nndl grade` again: it grades exactly "
                 "those (`nndl grade --all` grades every submission).")
    return "\n".join(lines)

"""Every grading run, kept; and what a regrade changed, with why.

At the end of each run :func:`record` writes one file, ``reports/history/<run id>.json`` (run ids
sort by time), in this plain format (written by the grader only)::

    {"run": str, "time": str (ISO 8601, UTC),
     "releases": {"<assignment>/<notebook>": sha256 of the release, as the preflight pinned it},
     "submissions": [{"student": str, "assignment": str,
                      "digest": str (sha256 of the files handed in; "" when none could be read),
                      "not_graded": str (why a fault of the machinery left it without a grade; "" if graded),
                      "tests": {test cell grade id: score}}]}

After a regrade, :func:`changes` compares each submission of the run with its newest earlier
record and says, per test cell whose score moved, why: the previous run left it not graded
("a fault before"), its release changed, its files changed, or neither ("unknown").  Only the
grader's own records are read; the gradebook, and any manual grade in it, is left as nbgrader keeps it.
"""
import csv
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

FOLDER = Path("reports") / "history"
FAULT_BEFORE = "a fault before"
RELEASE = "the release changed"
SUBMISSION = "the submission changed"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Change:
    student: str
    assignment: str
    grade_id: str
    before: str  # a score, or "NOT GRADED"
    after: str
    why: str


def new_run_id():
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(2)


def record(root, run, pins, outcomes):
    """Write this run's file; one write, at the end of the run."""
    submissions = []
    for o in outcomes:
        submissions.append({"student": o.student, "assignment": o.assignment, "digest": o.digest,
                            "not_graded": o.not_graded,
                            "tests": {c.grade_id: c.score for c in o.tests}})
    folder = Path(root) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    data = {"run": run, "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "releases": dict(pins), "submissions": submissions}
    (folder / f"{run}.json").write_text(json.dumps(data, indent=0))


def _runs(root):
    folder = Path(root) / FOLDER
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def changes(root, run):
    """The :class:`Change` list of run ``run`` against each submission's newest earlier run ([] on a first run)."""
    paths = _runs(root)
    mine = [p for p in paths if p.stem == run]
    if not mine:
        return []
    current = json.loads(mine[0].read_text())
    before = {}  # (student, assignment) -> (its record, that run's releases)
    for path in paths:
        if path.stem >= run:
            continue
        try:
            data = json.loads(path.read_text())
        except ValueError:
            continue
        for item in data.get("submissions", []):
            before[(item["student"], item["assignment"])] = (item, data.get("releases", {}))
    found = []
    for now in current["submissions"]:
        key = (now["student"], now["assignment"])
        if key not in before or now["not_graded"]:
            continue
        then, releases = before[key]
        why = _why(now, then, current["releases"], releases)
        if then["not_graded"]:
            for grade_id in sorted(now["tests"]):
                found.append(Change(*key, grade_id, "NOT GRADED", f"{now['tests'][grade_id]:g}", why))
            continue
        for grade_id in sorted(set(now["tests"]) | set(then["tests"])):
            old, new = then["tests"].get(grade_id), now["tests"].get(grade_id)
            if old != new:
                found.append(Change(*key, grade_id, "—" if old is None else f"{old:g}",
                                    "—" if new is None else f"{new:g}", why))
    return found


def _why(now, then, releases, earlier):
    if then["not_graded"]:
        return FAULT_BEFORE
    assignment = now["assignment"] + "/"
    reasons = []
    if {k: v for k, v in releases.items() if k.startswith(assignment)} != \
            {k: v for k, v in earlier.items() if k.startswith(assignment)}:
        reasons.append(RELEASE)
    if now["digest"] != then["digest"]:
        reasons.append(SUBMISSION)
    return " and ".join(reasons) or UNKNOWN


def write_csv(found, path):
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "assignment", "test_cell", "before", "after", "why"])
        for c in found:
            writer.writerow([c.student, c.assignment, c.grade_id, c.before, c.after, c.why])


def text(found):
    if not found:
        return ""
    lines = [f"What this regrade changed ({len(found)} test cell score(s); regrade_changes.csv):"]
    lines += [f"  {c.student} / {c.assignment} {c.grade_id}: {c.before} -> {c.after} ({c.why})" for c in found]
    return "\n".join(lines)

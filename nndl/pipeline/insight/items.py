"""Item analysis per test cell: how hard it is, whether it tells strong students from weak ones, and
whether it looks broken.

- *difficulty*: the mean score fraction of the students who handed the assignment in;
- *discrimination*: the item-rest correlation, the correlation of the cell's score with the student's
  total points over every test cell of the report minus that cell (undefined when either does not vary);
- *timeouts* and *crashes*: test cells whose graded calls ran out of time, or got no result.

A cell is flagged when it discriminates negatively (the weaker students do better on it), when
nobody gets full marks on it, or when most solution-like submissions (students at 90 % or more
overall) lose points on it: all three more often mean a broken test than a hard one.
"""
import csv
from dataclasses import dataclass

import numpy as np

SOLUTION_LIKE = 90.0  # percent overall: a student this good is expected to pass every working test
NEGATIVE = "discriminates negatively"
NOBODY = "nobody gets full marks"
STRONG_FAIL = "solution-like submissions fail it"


@dataclass(frozen=True)
class Item:
    assignment: str
    grade_id: str
    students: int
    difficulty: float  # mean score fraction, 0..1
    discrimination: float  # item-rest correlation; nan when undefined
    timeouts: int
    crashes: int
    flags: tuple


def item_analysis(grades, outcomes=()):
    """An :class:`Item` per test cell with points (``grades``: :class:`nndl.pipeline.report.ClassGrades`)."""
    faults = {}
    for outcome in outcomes:
        for cell in getattr(outcome, "tests", ()):
            if cell.fault:
                key = (outcome.assignment, cell.grade_id, cell.fault)
                faults[key] = faults.get(key, 0) + 1
    totals = {}
    for (student, _), cells in grades.cells.items():
        totals[student] = totals.get(student, 0.0) + sum(score for _, score, _ in cells)
    strong = {s for s in grades.students if (t := grades.total(s)) is not None and t >= SOLUTION_LIKE}
    per_item = {}
    for (student, assignment), cells in grades.cells.items():
        for grade_id, score, top in cells:
            per_item.setdefault((assignment, grade_id), []).append((student, score, top))
    items = []
    for (assignment, grade_id), rows in sorted(per_item.items()):
        score = np.array([s for _, s, _ in rows], dtype=float)
        fraction = score / np.array([t for _, _, t in rows], dtype=float)
        rest = np.array([totals[student] for student, _, _ in rows]) - score
        discrimination = _correlation(fraction, rest)
        full = fraction >= 1.0 - 1e-9
        flags = []
        if discrimination < 0:
            flags.append(NEGATIVE)
        if not full.any():
            flags.append(NOBODY)
        mine = np.array([student in strong for student, _, _ in rows])
        if mine.any() and (~full[mine]).sum() * 2 > mine.sum():
            flags.append(STRONG_FAIL)
        items.append(Item(assignment, grade_id, len(rows), float(fraction.mean()), discrimination,
                          faults.get((assignment, grade_id, "timeout"), 0),
                          faults.get((assignment, grade_id, "crash"), 0), tuple(flags)))
    return items


def _correlation(x, y):
    if len(x) < 3 or np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def write_csv(items, path):
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["assignment", "test_cell", "students", "difficulty", "discrimination", "timeouts",
                         "crashes", "flags"])
        for i in items:
            writer.writerow([i.assignment, i.grade_id, i.students, f"{i.difficulty:.3f}",
                             "" if np.isnan(i.discrimination) else f"{i.discrimination:.3f}", i.timeouts, i.crashes,
                             "; ".join(i.flags)])


def text(items):
    flagged = [i for i in items if i.flags]
    if not flagged:
        return "Item analysis: no test cell looks broken."
    lines = ["Test cells to look at (item analysis; all in item_analysis.csv):"]
    for i in flagged:
        d = "—" if np.isnan(i.discrimination) else f"{i.discrimination:+.2f}"
        lines.append(f"  {i.assignment} {i.grade_id}: mean {100 * i.difficulty:.0f}%, discrimination {d}: "
                     + ", ".join(i.flags))
    return "\n".join(lines)

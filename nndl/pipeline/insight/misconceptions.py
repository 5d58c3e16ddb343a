"""Misconceptions of the class: per graded function, who hit which catalogued mistake, and who failed unexplained.

A failed test cell whose checks a mutant reference explained (:mod:`nndl.grading.mutants`) counts
under that mistake; one that failed with no known mistake counts under :data:`UNKNOWN`, with a few
of the failure messages (not attributed to anyone) so that the instructor can catalogue the mistake
behind them in the course's catalogue, ``notebooks/mistakes.toml``.
"""
import csv
from dataclasses import dataclass

from nndl.grade_ids import answer_of
from nndl.mistakes import catalogue

UNKNOWN = "(no known mistake)"
EXAMPLES = 3  # failure messages shown per unexplained row


@dataclass(frozen=True)
class Misconception:
    assignment: str
    grade_id: str  # the test cell
    mistake: str  # a catalogued mistake's name, or UNKNOWN
    diagnosis: str
    students: tuple  # who hit it, sorted
    graded: int  # students whose test cell was judged (what the share is of)
    examples: tuple = ()  # a few distinct failure messages (UNKNOWN rows only)

    @property
    def share(self):
        return len(self.students) / self.graded if self.graded else 0.0


def misconceptions(outcomes, root=None):
    """Every (test cell, mistake) hit by at least one student, the most frequent first (the diagnoses from the
    catalogue of the course at ``root``)."""
    hits, graded, examples = {}, {}, {}
    for outcome in outcomes:
        for cell in getattr(outcome, "tests", ()):
            where = (outcome.assignment, cell.grade_id)
            graded.setdefault(where, set()).add(outcome.student)
            if cell.full:
                continue
            for mistake in cell.mistakes or (UNKNOWN,):
                hits.setdefault(where + (mistake,), set()).add(outcome.student)
            if not cell.mistakes and cell.message:
                examples.setdefault(where, {}).setdefault(cell.message, None)
    diagnoses = {}
    for assignment in {a for a, _, _ in hits}:
        diagnoses.update({(assignment, m.name or m.grade_id): m.diagnosis for m in catalogue(assignment, root)})
    found = [Misconception(a, g, m, diagnoses.get((a, m), ""), tuple(sorted(who)), len(graded[(a, g)]),
                           tuple(list(examples.get((a, g), {}))[:EXAMPLES]) if m == UNKNOWN else ())
             for (a, g, m), who in hits.items()]
    return sorted(found, key=lambda r: (-len(r.students), r.assignment, r.grade_id, r.mistake))


def write_csv(found, path):
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["assignment", "function", "test_cell", "mistake", "students", "graded", "percent", "diagnosis",
                         "who", "example_messages"])
        for r in found:
            writer.writerow([r.assignment, answer_of(r.grade_id), r.grade_id, r.mistake, len(r.students), r.graded,
                             f"{100 * r.share:.1f}",
                             r.diagnosis, "; ".join(r.students), " | ".join(r.examples)])


def text(found, top=5):
    """The most frequent few, for the terminal."""
    if not found:
        return "Misconceptions: no test cell was failed."
    lines = [f"Misconceptions of the class (top {min(top, len(found))} of {len(found)}; all in misconceptions.csv):"]
    for r in found[:top]:
        lines.append(f"  {100 * r.share:3.0f}% ({len(r.students)}/{r.graded})  {r.assignment} {r.grade_id}: {r.mistake}")
    return "\n".join(lines)

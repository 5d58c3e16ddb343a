"""The grades to export: one row per student, one entry per assignment, under the course's late policy.

Who is in it: every student of the roster and every student the gradebook knows, so that a
student on the roster who handed in nothing gets zeros rather than no row.  Missing work counts 0
out of the assignment's points, as in ``reports/grades.csv``.

Late work (``late_policy``, set as ``c.NndlExport.late_policy`` in grader_config.py):

* ``"penalty"`` (default): the score minus nbgrader's late penalty, never below 0, exactly as
  nbgrader's own ``nbgrader export`` computes it.  The penalty is what nbgrader's
  ``LateSubmissionPlugin`` recorded when grading (``AssignLatePenalties``, with the due date of the
  gradebook and the student's ``timestamp.txt``); its ``penalty_method`` is "none" unless the course
  sets ``c.LateSubmissionPlugin.penalty_method = "zero"``.
* ``"zero"``: late work scores 0, whatever nbgrader recorded.
* ``"accept"``: late work keeps its full score (nbgrader's penalty is ignored).

Work is late when nbgrader says it is: its timestamp is after the assignment's due date.
"""
from dataclasses import dataclass, field

from nbgrader.api import MissingEntry

LATE_POLICIES = ("penalty", "zero", "accept")


@dataclass(frozen=True)
class Entry:
    score: float
    max_score: float
    missing: bool = False
    late: bool = False
    raw_score: float = 0.0  # before the late policy


@dataclass
class Row:
    student: str
    lms_id: str
    name: str
    email: str
    entries: dict = field(default_factory=dict)  # assignment -> Entry

    @property
    def total(self):
        return sum(e.score for e in self.entries.values())

    @property
    def max_total(self):
        return sum(e.max_score for e in self.entries.values())

    @property
    def percent(self):
        return 100 * self.total / self.max_total if self.max_total else 0.0


@dataclass
class Table:
    assignments: list  # names, in course order
    maxima: dict  # assignment -> points possible
    rows: list  # Row, roster students first (in the roster's order), then the others by id
    unrostered: list  # student ids graded (known to the gradebook) but absent from the roster, or without LMS id
    late_policy: str


def late_score(raw, penalty, late, policy):
    """The score that goes to the LMS for work scored ``raw`` with nbgrader's ``penalty``."""
    if policy not in LATE_POLICIES:
        raise ValueError(f"late_policy must be one of {', '.join(LATE_POLICIES)}, not {policy!r}")
    if not late or policy == "accept":
        return raw
    if policy == "zero":
        return 0.0
    return max(0.0, raw - (penalty or 0.0))


def build_table(gradebook, roster, late_policy="penalty", order=(), only_assignments=(), only_students=()):
    """The :class:`Table` of an open nbgrader ``gradebook`` and a ``roster`` (id -> roster Student).

    ``order`` lists assignment names in course order (others follow by name); ``only_*`` are
    nbgrader export's ``--assignment`` and ``--student`` lists (empty: all)."""
    known = {a.name: a for a in gradebook.assignments}
    names = [a for a in order if a in known] + sorted(set(known) - set(order))
    names = [a for a in names if not only_assignments or a in only_assignments]
    maxima = {a: known[a].max_score for a in names}
    graded = [s.id for s in gradebook.students]
    ids = list(roster) + sorted(set(graded) - set(roster))
    ids = [s for s in ids if not only_students or s in only_students]
    rows = []
    for student in ids:
        person = roster.get(student)
        row = Row(student, person.lms_id if person else "", person.name if person else "",
                  person.email if person else "")
        for a in names:
            try:
                sub = gradebook.find_submission(a, student)
            except MissingEntry:
                row.entries[a] = Entry(0.0, maxima[a], missing=True)
                continue
            late = (sub.total_seconds_late or 0) > 0
            raw = sub.score or 0.0
            row.entries[a] = Entry(late_score(raw, sub.late_submission_penalty, late, late_policy),
                                   sub.max_score, late=late, raw_score=raw)
        rows.append(row)
    unrostered = [r.student for r in rows if not r.lms_id]
    return Table(names, maxima, rows, unrostered, late_policy)


def points(value):
    """A score as the LMS files write it: a plain decimal number with a point, no more than needed."""
    return f"{round(value, 4):g}"

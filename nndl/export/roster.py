"""The class roster: which LMS user each of our student ids is.

Our student ids are nbgrader's (the folder names in ``submitted/``); an LMS knows its users by ids
of its own.  The roster is a CSV file, ``roster.csv`` at the course root by default, with the
columns ``id,name,email,lms_id`` (more columns are allowed and ignored).  It is validated when it is
read, because a wrong roster sends a grade to the wrong person: a missing column, an empty or
repeated student id, or an LMS id given to two students stops the export with a message naming
the rows.  An empty ``lms_id`` is allowed (the student is then left out of the LMS files, as a
student missing from the roster is).
"""
import csv
from dataclasses import dataclass
from pathlib import Path

COLUMNS = ("id", "name", "email", "lms_id")


class RosterError(ValueError):
    """The roster cannot be used as it is; the message says what to fix."""


@dataclass(frozen=True)
class Student:
    id: str
    name: str
    email: str
    lms_id: str


def read_roster(path):
    """The students of the roster at ``path``, by student id, in the file's order; raises RosterError."""
    path = Path(path)
    if not path.is_file():
        raise RosterError(f"no roster at {path}: write a CSV file with the columns {','.join(COLUMNS)} "
                          "(one row per student; id is the student's folder name in submitted/)")
    with open(path, newline="", encoding="utf-8-sig") as f:  # utf-8-sig: spreadsheets often add a BOM
        reader = csv.DictReader(f)
        header = [name.strip() for name in reader.fieldnames or []]
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise RosterError(f"roster {path} lacks the column(s) {', '.join(missing)}; "
                              f"its header must name {','.join(COLUMNS)}")
        reader.fieldnames = header
        rows = [(line, {k: (v or "").strip() for k, v in row.items() if k in COLUMNS})
                for line, row in enumerate(reader, start=2)]
    students, problems, lms_owner = {}, [], {}
    for line, row in rows:
        if not any(row.values()):
            continue  # a blank line
        if not row["id"]:
            problems.append(f"line {line}: no student id")
            continue
        if row["id"] in students:
            problems.append(f"line {line}: student id {row['id']!r} repeated")
            continue
        if row["lms_id"] and row["lms_id"] in lms_owner:
            problems.append(f"line {line}: LMS id {row['lms_id']!r} of {row['id']!r} "
                            f"already given to {lms_owner[row['lms_id']]!r}")
            continue
        lms_owner[row["lms_id"]] = row["id"]
        students[row["id"]] = Student(**row)
    if problems:
        raise RosterError(f"roster {path} has problems:\n  " + "\n  ".join(problems))
    return students

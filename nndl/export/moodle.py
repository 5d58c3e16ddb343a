"""Moodle's grade import CSV (Grades > Import > CSV file), as Moodle documents it.

The rules implemented, from Moodle's documentation of "Import grades from a CSV file":

* the first row names the columns; the file is UTF-8, comma separated;
* a column identifies the user: on import the teacher chooses it under "Map from" and the user field
  it holds under "Map to".  Two are written: ``ID number`` (the roster's ``lms_id``, "Map to: ID
  number") and ``Email address`` (the roster's email, "Map to: Email address"); ``Full name`` is
  for reading only (leave it unmapped);
* then one column per grade item, headed with the assignment's name, mapped on import to an
  existing grade item (or to a new one; give it the assignment's points as its maximum grade, which
  the file cannot carry);
* grades are plain numbers with a decimal point, never text; missing work is written 0 (the course's
  policy; an empty cell would leave the old grade), late work as the late policy says.

There is no "points possible" row: Moodle would read it as a user.  Rows: the roster's students
who have an LMS id, in the roster's order.
"""
from nndl.export.plugin import NndlExport
from nndl.export.table import points

IDENTIFIERS = ["ID number", "Email address", "Full name"]


class MoodleExport(NndlExport):
    """nbgrader export plugin: ``nbgrader export --exporter nndl.export.moodle.MoodleExport``."""

    default_name = "moodle_grades.csv"

    def rows(self, table):
        yield IDENTIFIERS + list(table.assignments)
        for row in self.lms_rows(table):
            yield [row.lms_id, row.email, row.name] + [points(row.entries[a].score) for a in table.assignments]

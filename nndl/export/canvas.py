"""Canvas's gradebook import CSV (Grades > Import), as Canvas documents its layout.

The rules implemented, each from Canvas's documentation of the gradebook import and of the file
its own gradebook export writes (the import takes the same layout back):

* the first five columns are ``Student``, ``ID``, ``SIS User ID``, ``SIS Login ID``, ``Section``,
  in that order; Canvas finds the student of a row by ``ID`` (its user id) or, when that is empty,
  by the SIS ids.  The roster's ``lms_id`` goes in ``ID`` by default
  (``c.CanvasExport.id_column = "SIS User ID"`` or ``"SIS Login ID"`` when the roster holds those);
  the other two id columns and ``Section`` are left empty (Canvas ignores empty ones);
* then one column per assignment, headed ``<assignment name> (<Canvas assignment id>)``: Canvas
  matches an existing assignment by the number in parentheses.  A header without the number makes
  Canvas create a new assignment of that name on import; give the ids it then shows (Canvas's own
  export heads its columns the same way) in ``c.CanvasExport.assignment_ids = {"w2_numpy_basics":
  12345, ...}`` so that later imports update it;
* the second row is ``Points Possible`` in ``Student`` with each assignment's points under it: Canvas
  reads it as points, not as a student, and gives them to the assignments it creates;
* a score is a plain decimal number; missing work is written 0 (the course's policy), never left
  empty (Canvas would leave the old grade), and late work as the late policy says.

Rows: the roster's students who have an LMS id, in the roster's order.
"""
from traitlets import Dict, Enum

from nndl.export.plugin import NndlExport
from nndl.export.table import points

FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


class CanvasExport(NndlExport):
    """nbgrader export plugin: ``nbgrader export --exporter nndl.export.canvas.CanvasExport``."""

    assignment_ids = Dict(help="assignment name -> Canvas assignment id (its column header's number)").tag(config=True)
    id_column = Enum(FIXED[1:4], default_value="ID", help="the Canvas column that holds the roster's lms_id"
                     ).tag(config=True)
    default_name = "canvas_grades.csv"

    def heading(self, assignment):
        number = self.assignment_ids.get(assignment)
        return f"{assignment} ({number})" if number is not None else assignment

    def rows(self, table):
        yield FIXED + [self.heading(a) for a in table.assignments]
        yield ["Points Possible", "", "", "", ""] + [points(table.maxima[a]) for a in table.assignments]
        where = FIXED.index(self.id_column)
        for row in self.lms_rows(table):
            fixed = [row.name or row.student, "", "", "", ""]
            fixed[where] = row.lms_id
            yield fixed + [points(row.entries[a].score) for a in table.assignments]

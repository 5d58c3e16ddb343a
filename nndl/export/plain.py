"""A plain CSV of the course's own: every graded or rostered student, every assignment, nothing lost.

Columns: ``student_id``, ``lms_id``, ``name``; for each assignment ``<name> score`` (after the late
policy), ``<name> max`` and ``<name> status`` ("submitted", "late" or "missing": missing work
scores 0); then ``total``, ``max_total`` and ``percent``.  Students graded but absent from the
roster are kept here, with an empty ``lms_id``.
"""
from nndl.export.plugin import NndlExport
from nndl.export.table import points


def status(entry):
    return "missing" if entry.missing else "late" if entry.late else "submitted"


class PlainExport(NndlExport):
    """nbgrader export plugin: ``nbgrader export --exporter nndl.export.plain.PlainExport``."""

    default_name = "export_grades.csv"
    keeps_unrostered = True

    def rows(self, table):
        yield (["student_id", "lms_id", "name"]
               + [f"{a} {part}" for a in table.assignments for part in ("score", "max", "status")]
               + ["total", "max_total", "percent"])
        for row in self.lms_rows(table):
            cells = [row.student, row.lms_id, row.name]
            for a in table.assignments:
                entry = row.entries[a]
                cells += [points(entry.score), points(entry.max_score), status(entry)]
            yield cells + [points(row.total), points(row.max_total), f"{row.percent:.1f}"]

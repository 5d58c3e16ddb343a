"""What the three exporters share: the roster, the late policy, the table, the warnings, the file.

A subclass names its default file and writes the :class:`~nndl.export.table.Table` in its
format.  Settings (grader_config.py, or ``--NndlExport.roster=...`` on nbgrader's command line):
``c.NndlExport.roster`` (default ``roster.csv`` at the course root) and
``c.NndlExport.late_policy`` ("penalty", "zero" or "accept": see :mod:`nndl.export.table`).

Students graded but absent from the roster (or on it without an LMS id) are warned about by
name; they are left out of the Canvas and Moodle files, whose rows an LMS can only match by its own
id (a row it cannot match is an error or, worse, a grade for someone else), and kept in the plain
file with an empty LMS id so that no grade is lost from the course's own record.
"""
import csv
import os
from pathlib import Path

from nbgrader.plugins import ExportPlugin
from traitlets import Enum, Unicode

from nndl.course import assignments as course_order
from nndl.export.roster import read_roster
from nndl.export.table import LATE_POLICIES, build_table


class NndlExport(ExportPlugin):
    """The course's export plugins' base: subclasses set ``default_name`` and write rows in ``rows``."""

    roster = Unicode("roster.csv", help="the roster CSV (id,name,email,lms_id), relative to the course root"
                     ).tag(config=True)
    late_policy = Enum(LATE_POLICIES, default_value="penalty",
                       help="late work: 'penalty' (score minus nbgrader's late penalty), 'zero' or 'accept'"
                       ).tag(config=True)

    default_name = ""  # the file written in reports/ when no --to is given
    keeps_unrostered = False  # whether rows without an LMS id are written

    def course_root(self):
        """The course root: CourseDirectory.root of the configuration (grader_config.py sets it), else here."""
        coursedir = getattr(self.parent, "coursedir", None)  # nbgrader export's own, when it runs the plugin
        root = coursedir.root if coursedir else self.config.get("CourseDirectory", {}).get("root")
        return Path(root or os.getcwd())

    def destination(self):
        return Path(self.to) if self.to else self.course_root() / "reports" / self.default_name

    def export(self, gradebook):
        root = self.course_root()
        roster_path = Path(self.roster) if os.path.isabs(self.roster) else root / self.roster
        table = build_table(gradebook, read_roster(roster_path), self.late_policy, course_order(root),
                            [str(a) for a in self.assignment], [str(s) for s in self.student])
        self.warnings = []
        if table.unrostered:
            fate = "kept with an empty LMS id" if self.keeps_unrostered else "LEFT OUT of this file"
            self.warnings.append(f"{len(table.unrostered)} graded student(s) not on the roster {roster_path} "
                                 f"(or without an LMS id), {fate}: {', '.join(table.unrostered)}")
        for message in self.warnings:
            self.log.warning(message)
        dest = self.destination()
        dest.parent.mkdir(parents=True, exist_ok=True)
        with open(dest, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(self.rows(table))
        self.written = dest
        self.log.info("Wrote %s", dest)

    def rows(self, table):
        """The file's rows (lists of strings), header first."""
        raise NotImplementedError

    def lms_rows(self, table):
        """The table's rows an LMS can match: those with an LMS id, unless ``keeps_unrostered``."""
        return [r for r in table.rows if r.lms_id or self.keeps_unrostered]

"""``nndl export``: run the export plugins exactly as ``nbgrader export --exporter ...`` would.

The plugins get the course's nbgrader configuration (nbgrader_config.py at the course root, so
grader_config.py's settings) and the course's gradebook, as nbgrader's ExportApp gives them, so
both commands write the same file.
"""
from nbgrader.api import Gradebook

from nndl.course import course_root, load_config
from nndl.export.canvas import CanvasExport
from nndl.export.moodle import MoodleExport
from nndl.export.plain import PlainExport

FORMATS = {"canvas": CanvasExport, "moodle": MoodleExport, "plain": PlainExport}


def export(root=None, formats=tuple(FORMATS), to=None, roster=None, late_policy=None):
    """Write each format's file (``to`` for a single format, else its default in reports/).

    ``roster`` and ``late_policy`` override grader_config.py's.  Returns ``[(format, path written,
    warnings)]``; raises :class:`nndl.export.roster.RosterError` for an unusable roster."""
    root = course_root(root)
    config = load_config(root)
    if roster:
        config.NndlExport.roster = str(roster)
    if late_policy:
        config.NndlExport.late_policy = late_policy
    done = []
    with Gradebook(config.CourseDirectory.db_url, config.CourseDirectory.get("course_id", "default_course")) as gb:
        for name in formats:
            plugin = FORMATS[name](config=config)
            if to:
                plugin.to = str(to)
            plugin.export(gb)
            done.append((name, plugin.written, plugin.warnings))
    return done

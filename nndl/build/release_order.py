"""The release order: an assignment that ships another's reference solutions is built after that one's deadline.

``w4_deep_application`` ships ``dnn_steps.py``, the reference solutions of ``w4_deep_network``
(its header: ``ship_solutions: {from: w4_deep_network, ...}``). Its release is built only once the
due date nbgrader records for ``w4_deep_network`` has passed (``nbgrader db assignment add
w4_deep_network --duedate="2026-10-30 23:59:00 UTC"``); with no due date recorded, or one still
ahead, ``nndl build`` refuses with one sentence and a non-zero exit. ``NNDL_RELEASE_BEFORE_DEADLINE=1``
builds it anyway, on purpose (maintainers regenerating the committed ``release/``; that folder
must then not reach students early).
"""
import datetime
import os

from nbgrader.api import Gradebook, MissingEntry

from nndl.course import load_config

OVERRIDE = "NNDL_RELEASE_BEFORE_DEADLINE"


class ReleaseTooEarly(SystemExit):
    """Building a release would ship solutions before their deadline. A SystemExit carrying its sentence,
    so that ``nndl build`` ends with that sentence and status 1, not a traceback."""


def due_date(root, assignment):
    """The due date nbgrader's gradebook records for ``assignment`` (naive, UTC), or None."""
    with Gradebook(load_config(root).CourseDirectory.db_url) as gb:
        try:
            return gb.find_assignment(assignment).duedate
        except MissingEntry:
            return None


def check_release_order(root, name, ships_from, before_deadline=None):
    """Refuse (:class:`ReleaseTooEarly`) to build ``name``, which ships ``ships_from``'s reference
    solutions, before ``ships_from``'s due date, unless ``before_deadline`` (default: $NNDL_RELEASE_BEFORE_DEADLINE)."""
    if before_deadline is None:
        before_deadline = os.environ.get(OVERRIDE, "") not in ("", "0")
    if not ships_from or before_deadline:
        return
    due = due_date(root, ships_from)
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    how = (f"Build {name} after that, or on purpose with {OVERRIDE}=1 (and do not hand that release to "
           "students before then).")
    if due is None:
        raise ReleaseTooEarly(
            f"nndl build: release/{name}/ would ship the reference solutions of {ships_from}, which has no due "
            f"date in the gradebook. Record it (nbgrader db assignment add {ships_from} "
            f"--duedate=\"YYYY-MM-DD HH:MM:SS UTC\"). {how}")
    if due > now:
        raise ReleaseTooEarly(
            f"nndl build: release/{name}/ would ship the reference solutions of {ships_from}, whose due date "
            f"({due:%Y-%m-%d %H:%M} UTC) has not passed. {how}")

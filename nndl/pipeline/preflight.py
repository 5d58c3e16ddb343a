"""Before a class is graded: can student code be jailed here, and is every release sound?

``nndl grade`` calls :func:`preflight` first, in its own process, before anything is
written to the gradebook.  It checks that a jail can be made (unless ``--unisolated``),
reads and checks every notebook of every assignment to be graded against the gradebook
(:mod:`nndl.grading.release`) and runs each reference once, in its jail, which also fills
the reference cache for the workers.  A fault raises :class:`CourseFault` or
:class:`JailUnavailable` with a message that names the file and the fix.  The digests it
returns are pinned for the run: a release that changes while the class is graded stops it.
"""
import sys
from dataclasses import dataclass, field

from nbgrader.api import Gradebook, MissingEntry

from nndl.course import course_root, load_config
from nndl.course_settings import CourseSettings
from nndl.grading.mutants import expected_results, mutant_keys
from nndl.grading.reference import reference_key
from nndl.grading.release import CourseFault, load_release
from nndl.jail import bwrap
from nndl.jail.bwrap import JailUnavailable
from nndl.jail.template import close_all


def notebooks_of(db_url, assignment):
    """The notebooks the gradebook says were released for ``assignment``."""
    with Gradebook(db_url) as gb:
        try:
            names = sorted(n.name for n in gb.find_assignment(assignment).notebooks)
        except MissingEntry:
            names = []
    if not names:
        raise CourseFault(f"the gradebook has no release of {assignment}: release it first (`nndl build {assignment}` "
                          f"or `nbgrader generate_assignment {assignment}`).")
    return names


@dataclass
class Checked:
    """What the preflight found sound: each notebook's digest (``"<assignment>/<notebook>"``: pinned for
    the run) and, per assignment, the reference cache entries its workers need."""

    pins: dict = field(default_factory=dict)
    cache_keys: dict = field(default_factory=dict)


def preflight(root, assignments, unisolated=False):
    """A :class:`Checked` for every notebook to be graded; raises on a course fault."""
    root = course_root(root)
    if not unisolated:
        reason = bwrap.availability()
        if reason:
            raise JailUnavailable(reason + " To grade anyway, without isolation: `nndl grade --unisolated` "
                                           "(every report then says so).")
    config = load_config(root)
    settings = CourseSettings.of(config)
    data_dir = settings.data_folder(root)
    options = settings.run_options(not unisolated, data_dir)
    checked = Checked()
    try:
        for assignment in assignments:
            keys = checked.cache_keys.setdefault(assignment, [])
            for notebook in notebooks_of(config.CourseDirectory.db_url, assignment):
                print(f"preflight: {assignment}/{notebook}: checking the release and running its reference "
                      f"solution{' and mutants' if settings.name_mistakes else ''} (cached after the first run)",
                      file=sys.stderr, flush=True)
                release = load_release(config, assignment, notebook, config.CourseDirectory.db_url, data_dir)
                expected_results(release, settings, root, options)
                checked.pins[f"{assignment}/{notebook}"] = release.digest
                keys += [reference_key(release)] + (mutant_keys(release, root) if settings.name_mistakes else [])
    finally:
        close_all()  # the client grades nothing itself: its template jails end here
    return checked

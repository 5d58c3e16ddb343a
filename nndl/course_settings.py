"""The course's grading settings, in one place: ``c.CourseSettings.<name>`` in ``grader_config.py``.

The nbgrader step that grades a notebook (:class:`nndl.grading.preprocessor.GradeInJail`), the class
pipeline's preflight and release watch (:mod:`nndl.pipeline`) and an instructor bundle's private course
folder (:mod:`nndl.pipeline.bundle`) all read them here, from the course's nbgrader configuration::

    settings = CourseSettings.of(load_config(root))
    settings.run_options(isolated=True, data_dir=settings.data_folder(root))
"""
import os
from pathlib import Path

from traitlets import Bool, Float, Integer, Unicode
from traitlets.config import Configurable

from nndl.course import find_data_dir
from nndl.jail import bwrap

UNISOLATED_ENV = "NNDL_UNISOLATED"


class CourseSettings(Configurable):
    """How the course grades: time and memory limits of a jail, what runs, where data and caches live."""

    timeout = Float(300, help="Seconds of wall-clock time one notebook may take in all (cells, graded calls, "
                              "restarts), enforced from outside the jail.").tag(config=True)
    cell_timeout = Integer(60, help="Seconds one cell may run before it is interrupted.").tag(config=True)
    call_timeout = Integer(60, help="Seconds one graded call may take.").tag(config=True)
    memory = Integer(bwrap.Limits.memory, help="Bytes of memory one process of the jail may map.").tag(config=True)
    processes = Integer(bwrap.Limits.processes, help="Processes and threads one jail may run.").tag(config=True)
    skip_heavy_cells = Bool(True, help="Leave out the cells tagged skip-in-grading in source/.").tag(config=True)
    name_mistakes = Bool(True, help="Run the catalogued mistakes (notebooks/mistakes.toml) as mutant references, "
                                    "so that feedback can name the misconception behind a wrong result."
                         ).tag(config=True)
    unisolated = Bool(False, help="Run student code WITHOUT a jail (reports say so). Also: NNDL_UNISOLATED=1."
                      ).tag(config=True)
    data_dir = Unicode("", help="The data files' folder (default: $NNDL_DATA_DIR, else the course's data/); "
                               "an empty folder means none.").tag(config=True)
    cache_dir = Unicode("", help="Where the reference's results are cached (default: <course>/.nndl-cache/reference)."
                        ).tag(config=True)

    @classmethod
    def of(cls, config):
        """The settings a loaded nbgrader configuration holds (see :func:`nndl.course.load_config`)."""
        return cls(config=config)

    def data_folder(self, root):
        """The data files' folder, or None when there are none."""
        if not self.data_dir:
            return find_data_dir(root)
        return self.data_dir if any(Path(self.data_dir).iterdir()) else None

    def cache_folder(self, root):
        """Where the reference's and the mutants' results are cached."""
        return Path(self.cache_dir or Path(root) / ".nndl-cache" / "reference")

    def isolated(self):
        """Whether student code runs in a jail: yes, unless ``unisolated`` or $NNDL_UNISOLATED=1 says otherwise."""
        return not (self.unisolated or os.environ.get(UNISOLATED_ENV) == "1")

    def run_options(self, isolated, data_dir):
        """The keyword arguments of :func:`nndl.jail.run.run_notebook` (and of the reference's and mutants' runs)."""
        limits = bwrap.Limits(memory=self.memory, processes=self.processes)
        return dict(budget=self.timeout, cell_seconds=self.cell_timeout, call_seconds=self.call_timeout,
                    data_dir=data_dir, limits=limits, isolated=isolated)

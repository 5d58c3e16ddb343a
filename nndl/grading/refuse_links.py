"""RefuseLinks: the first sanitize step, so that ``nbgrader autograde`` never grades a link.

nbgrader reads ``submitted/<student>/<assignment>/<notebook>.ipynb`` wherever it leads: with
``submitted/mallory -> ../source`` (or the notebook itself a link to ``source/``) plain
``nbgrader autograde`` at the course root would grade the reference solution as mallory's
work, full marks, and copy it into ``autograded/`` and her feedback.  Before anything of that
notebook is written, this step checks its path: the student folder, the assignment folder and
the notebook must be real entries of ``submitted/`` (no link, nothing resolving outside).
Otherwise it raises, so nbgrader reports that one student as failed, removes what it had
made for them and grades the others.  ``nndl grade`` refuses links before this
(:mod:`nndl.pipeline.intake`); this step covers nbgrader's own commands and the formgrader.
"""
import os

from nbgrader.preprocessors import NbGraderPreprocessor


class SubmissionIsALink(Exception):
    """A submission's path in submitted/ goes through a symbolic link."""


class RefuseLinks(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        folder = resources.get("metadata", {}).get("path")
        info = resources.get("nbgrader", {})
        if folder and info.get("student") and info.get("notebook"):
            why = link_in_submission(folder, info["student"], info["notebook"])
            if why:
                self.log.error("Refusing %s/%s.ipynb: %s", folder, info["notebook"], why)
                raise SubmissionIsALink(f"{info['student']}: {why}; refused (not graded)")
        return nb, resources


def link_in_submission(folder, student, notebook):
    """Why ``<folder>/<notebook>.ipynb`` (``folder`` being ``.../submitted/<student>/<assignment>``)
    is not a real file of that student's real folder, or ""."""
    assignment_folder = os.path.abspath(folder)
    student_folder = os.path.dirname(assignment_folder)
    path = os.path.join(assignment_folder, f"{notebook}.ipynb")
    for where in (student_folder, assignment_folder, path):
        if os.path.islink(where):
            return f"{where} is a symbolic link"
    submitted = os.path.realpath(os.path.dirname(student_folder))
    inside = os.path.join(submitted, student, os.path.basename(assignment_folder), f"{notebook}.ipynb")
    if os.path.basename(student_folder) != student or os.path.realpath(path) != inside:
        return f"{path} leads outside the student's folder"
    return ""

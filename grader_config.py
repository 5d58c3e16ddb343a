"""The course's nbgrader configuration.

nbgrader loads it through nbgrader_config.py at the course root, so plain
``nbgrader ...`` commands and the JupyterLab formgrader run with it.  The
course root is the folder holding this file, wherever the repository lives.
"""
import os

c = get_config()  # noqa: F821  (injected by traitlets)

ROOT = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.course_id = "nndl"
c.CourseDirectory.root = ROOT
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(ROOT, "gradebook.db")
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# What a student sees in place of each solution region.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A cell that runs longer than this is stopped; the rest of the notebook still runs.
c.ExecuteForGrading.timeout = 120
c.ExecuteForGrading.interrupt_on_timeout = True

# Deleted test cells are put back from the gradebook (and graded outside the kernel).
c.OverwriteCells.add_missing_cells = True

# Sanitize: cells with a repeated or unknown grade id lose their nbgrader metadata
# (nbgrader would crash on them), nbgrader's steps put the real test cells back, then
# hidden tests are taken out of the test cells so nothing secret runs in the kernel.
c.Autograde.sanitize_preprocessors = [
    "nndl.grading.repair.RepairTestCells",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
    "nbgrader.preprocessors.ClearHiddenTests",
]

# Autograde: run the notebook in its kernel (for the outputs a grader reads), then
# score every test cell outside the kernel (nndl.grading.preprocessor.HiddenChecks):
# the student's functions run in a separate sandbox process, the reference in
# another, and the comparison in this process, where student code cannot reach.
c.Autograde.autograde_preprocessors = [
    "nndl.grading.execute.ExecuteForGrading",
    "nndl.grading.preprocessor.HiddenChecks",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Seconds one sandbox run (all of one notebook's graded functions) may take.
c.HiddenChecks.timeout = 300

# Taking in an LMS download (`nndl collect` runs nbgrader zip_collect): files named
# <student id>__<notebook>.ipynb, loose or inside .zip archives.
c.FileNameCollectorPlugin.named_regexp = r".*/(?P<student_id>[A-Za-z0-9.\-]+)__(?P<file_id>[A-Za-z0-9_\-]+\.ipynb)$"

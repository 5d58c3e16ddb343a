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

# Releasing: nbgrader's own steps, after leaving out the instructor-only cell that `nndl build` adds to
# every source/ notebook (it defines the hidden tests' names so instructors can run the notebook).
c.GenerateAssignment.preprocessors = [
    "nndl.build.instructor.DropInstructorCells",
    "nbgrader.preprocessors.IncludeHeaderFooter",
    "nbgrader.preprocessors.InstantiateTests",
    "nbgrader.preprocessors.LockCells",
    "nbgrader.preprocessors.ClearSolutions",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.CheckCellMetadata",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.SaveCells",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbgrader.preprocessors.ClearMarkScheme",
    "nbgrader.preprocessors.ComputeChecksums",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Deleted test cells are put back from the gradebook (and graded outside the kernel).
c.OverwriteCells.add_missing_cells = True

# Sanitize: a submission reached through a symbolic link (submitted/mallory -> ../source) is refused; a
# notebook saved by an editor that dropped nbgrader's cell metadata gets it back from the gradebook, its
# cells matched to the release by content (nndl.grading.restore_metadata); cells with a repeated or
# unknown grade id lose their nbgrader metadata (nbgrader would crash on them), nbgrader's steps put the
# real test cells back (a cell put back gets a cell id: nndl.grading.cell_ids), then hidden tests are taken out of
# the test cells so nothing secret runs in the kernel.
c.Autograde.sanitize_preprocessors = [
    "nndl.grading.refuse_links.RefuseLinks",
    "nndl.grading.restore_metadata.RestoreCellMetadata",
    "nndl.grading.repair.RepairTestCells",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "nndl.grading.cell_ids.GiveCellsIds",
    "nbgrader.preprocessors.CheckCellMetadata",
    "nbgrader.preprocessors.ClearHiddenTests",
]

# Autograde: run the submission ONCE, in a jail (bubblewrap: its own user, no network, nothing of
# the course folder), with a real IPython shell that records each cell's outputs and then calls
# the graded functions on the hidden inputs; the reference runs in a jail of its own; the
# comparison runs here, where student code cannot reach (nndl.grading.preprocessor.GradeInJail).
c.Autograde.autograde_preprocessors = [
    "nndl.grading.preprocessor.GradeInJail",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
]
# (nbgrader's metadata check runs once, in the sanitize steps: nothing after it touches nbgrader's metadata.)

# A notebook is validated once, after the last step of a pass (and when it is written), not after each
# step: the same check, about 40 ms less per submitted notebook.
c.Exporter.optimistic_validation = True

# How the course grades (nndl/course_settings.py lists every setting: limits of a jail, data and cache folders,
# naming mistakes); the grading step, `nndl grade` and the instructor bundles all read them from here.
# Wall-clock seconds one notebook may take in all (enforced from outside the jail), one cell, one graded call.
c.CourseSettings.timeout = 300
c.CourseSettings.cell_timeout = 120
c.CourseSettings.call_timeout = 60

# Feedback pages: nbgrader's steps, then the bare score under each test cell is left out (the
# verdict above it already says it; nbgrader read it when grading), each test cell is named after
# the function it tests, and MathJax is inlined so that maths renders without the internet.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "nndl.grading.feedback.HideScoreOutput",
    "nndl.grading.feedback.NameTestCells",
]
# ... drawn by the course's template, which extends nbgrader's feedback template (templates/feedback/ of
# nndl.grading comes first, so its mathjax.html.j2 replaces nbconvert's CDN script). Only the feedback
# converter's exporter is configured: the formgrader's pages keep nbgrader's own templates.
from importlib.util import find_spec  # noqa: E402


def _package_folder(name, *parts):
    return os.path.join(os.path.dirname(find_spec(name).origin), *parts)


c.GenerateFeedback.HTMLExporter.extra_template_basedirs = [
    _package_folder("nndl.grading", "templates"), _package_folder("nbgrader", "server_extensions", "formgrader", "templates")]
c.GenerateFeedback.HTMLExporter.template_file = "nndl_feedback.html.j2"
c.GenerateFeedback.HTMLExporter.filters = {"mathjax_source": "nndl.grading.feedback.mathjax_source",
                                           "clean_html": "nndl.grading.sanitize.clean_html"}
# the same pages, with the templates compiled once per process rather than once per page
c.GenerateFeedback.exporter_class = "nndl.grading.feedback.FeedbackExporter"

# Student output is shown to instructors (formgrader) and students (feedback): everything a student wrote
# (markdown, outputs, attachments) passes the course's sanitiser on its way into a page: no script, no link
# but http(s)/mailto/#anchor, no remote image or style (nndl/grading/sanitize.py). The formgrader's
# exporter takes these filters from here; the feedback pages' are set above.
c.HTMLExporter.sanitize_html = True
c.HTMLExporter.filters = {"markdown2html": "nndl.grading.sanitize.markdown2html",
                          "clean_html": "nndl.grading.sanitize.clean_html"}

# Taking in an LMS download (`nndl collect` runs nbgrader zip_collect): files named
# <student id>__<notebook>.ipynb, loose or inside .zip archives.
c.FileNameCollectorPlugin.named_regexp = r".*/(?P<student_id>[A-Za-z0-9][A-Za-z0-9.\-]*)__(?P<file_id>[A-Za-z0-9_\-]+\.ipynb)$"

# Grades to the LMS (`nndl export`, or `nbgrader export --exporter nndl.export.canvas.CanvasExport`): the roster
# mapping student ids to LMS ids, and late work: "penalty" (the score minus the penalty nbgrader's
# LateSubmissionPlugin recorded when grading, as `nbgrader export` computes it; its penalty_method is "none"
# unless set here, e.g. c.LateSubmissionPlugin.penalty_method = "zero"), "zero" (late work scores 0) or
# "accept" (late work keeps its score). Canvas assignment ids: c.CanvasExport.assignment_ids = {"w2_numpy_basics": 12345}.
c.NndlExport.roster = "roster.csv"
c.NndlExport.late_policy = "penalty"

"""Grades out to the LMS: nbgrader export plugins for Canvas, Moodle and a plain CSV.

Each format is an ``nbgrader.plugins.ExportPlugin``, so ``nbgrader export --exporter
nndl.export.canvas.CanvasExport`` at the course root and ``nndl export --format canvas`` run the
same code on the same configuration and write the same file.  One job per module: the roster
(:mod:`.roster`), the table of grades under the course's late policy (:mod:`.table`), the shared
plugin (:mod:`.plugin`), one module per format, and running them for ``nndl export`` (:mod:`.run`).
"""

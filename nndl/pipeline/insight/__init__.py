"""What the grader learnt about the class, beyond the scores: the morning-after report.

The corridor: each submission is graded (:mod:`nndl.pipeline.autograde`), its test cells' results
(:class:`nndl.grading.cell_results.CellResult`, with the catalogued mistakes that explain them)
come back in its outcome, and after the run :func:`nndl.pipeline.report.write_report` turns the
outcomes and the gradebook into:

- :mod:`.misconceptions`: per graded function, how many students hit each catalogued mistake,
  and who failed with no known mistake;
- :mod:`.items`: item analysis per test cell (difficulty, discrimination, faults, flags);
- :mod:`.history`: every grading run kept in ``reports/history/``, and what a regrade changed;
- :mod:`.page`: all of it, with the grades, in one offline page, ``reports/index.html``.
"""

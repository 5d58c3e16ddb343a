"""Simulated students: submissions made from the release notebook, filled in as a student would.

A filled-in solution cell holds the reference code without nbgrader's markers
(what a student who got everything right would have typed).  ``mistakes``
replaces text inside chosen solution cells, to make typical wrong answers.
"""

import nbformat

from nndl.build.notebook_text import strip_solution_markers
from nndl.course import course_root


def filled_notebook(root, assignment, mistakes=None, blank=False, extra_code=None):
    """The release notebook with every solution cell filled in (or left blank).

    ``mistakes``: grade id -> (old, new) text replacements, or a full replacement source.
    ``extra_code``: grade id -> code appended to that solution cell (for cheat attempts).
    """
    root = course_root(root)
    release = nbformat.read(root / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    source = nbformat.read(root / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    reference = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    for cell in release.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("solution"):
            continue
        grade_id = meta["grade_id"]
        if not blank:
            cell.source = strip_solution_markers(reference[grade_id])
        change = (mistakes or {}).get(grade_id)
        if isinstance(change, str):
            cell.source = change
        elif change:
            old, new = change
            if old not in cell.source:
                raise ValueError(f"mistake for {grade_id}: {old!r} is not in the solution")
            cell.source = cell.source.replace(old, new)
        if extra_code and grade_id in extra_code:
            cell.source += "\n" + extra_code[grade_id]
    return release


def submit(root, student, assignment, nb):
    """Put ``nb`` where nbgrader expects a collected submission."""
    folder = course_root(root) / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(nb, (str, bytes)):
        (folder / f"{assignment}.ipynb").write_text(nb if isinstance(nb, str) else nb.decode())
    else:
        nbformat.write(nb, folder / f"{assignment}.ipynb")
    return folder


def scores(root, assignment, student):
    """grade id -> (score, max score) from the gradebook, for one student's notebook."""
    from nbgrader.api import Gradebook

    root = course_root(root)
    with Gradebook("sqlite:///" + str(root / "gradebook.db")) as gb:
        nb = gb.find_submission_notebook(assignment, assignment, student)
        return {g.name: (g.score, g.max_score) for g in nb.grades}

"""Simulated students: submissions made from the release notebook, filled in as a student would.

A filled-in solution cell holds the reference code without nbgrader's markers
(what a student who got everything right would have typed).  ``mistakes``
replaces text inside chosen solution cells, to make typical wrong answers.
"""

import nbformat

from nndl.build.notebook_text import strip_solution_markers
from nndl.course import course_root, gradebook_url


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
    with Gradebook(gradebook_url(root)) as gb:
        nb = gb.find_submission_notebook(assignment, assignment, student)
        return {g.name: (g.score, g.max_score) for g in nb.grades}


# The mix of a simulated class: what a share of students hands in (weights add up to 1).
MIX = (("correct", 0.55), ("mistakes", 0.25), ("blank", 0.06), ("broken", 0.03), ("late", 0.05), ("missing", 0.06))


def simulate_class(root, students, assignments=None, seed=0):
    """Submissions for ``students`` simulated students: student id -> assignment -> what they handed in.

    Each (student, assignment) draws from :data:`MIX` (seeded, so the same class every time):
    a correct solution, one or two catalogued mistakes, the blank release, a broken (truncated)
    file, a correct solution handed in after the due date (``timestamp.txt``), or nothing.
    Release notebooks are read once per assignment, so a 10,000-student class takes minutes.
    """
    import json
    import random

    from nndl.course import assignments as course_assignments
    from nndl.mistakes import catalogue

    root = course_root(root)
    rng = random.Random(seed)
    names = assignments or course_assignments(root)
    width = len(str(students))
    plan = {}
    templates = {a: (filled_notebook(root, a), filled_notebook(root, a, blank=True)) for a in names}
    for k in range(students):
        student = f"sim{k:0{width}d}"
        plan[student] = {}
        for assignment in names:
            kind = rng.choices([m for m, _ in MIX], weights=[w for _, w in MIX])[0]
            mistakes = catalogue(assignment, root)
            if kind == "mistakes" and not mistakes:
                kind = "correct"
            plan[student][assignment] = kind
            if kind == "missing":
                continue
            if kind == "mistakes":
                chosen = rng.sample(mistakes, k=min(len(mistakes), rng.choice((1, 1, 2))))
                changes = {}
                for m in chosen:  # at most one change per solution cell
                    changes.setdefault(m.grade_id, (m.old, m.new))
                nb = filled_notebook(root, assignment, mistakes=changes)
            elif kind == "blank":
                nb = templates[assignment][1]
            else:
                nb = templates[assignment][0]
            if kind == "broken":
                text = json.dumps(nb)
                nb = text[: len(text) // 2]
            folder = submit(root, student, assignment, nb)
            if kind == "late":
                (folder / "timestamp.txt").write_text("2099-01-01 00:00:00.000000 UTC")
    return plan

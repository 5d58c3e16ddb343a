"""Look at a submitted notebook before grading: can nbgrader read it, and which test cells did it touch?

Returns plain-words notes for the class report.  Nothing here changes the
submission; a notebook nbgrader cannot read is set aside by the grader and
scored zero, with the reason.
"""
import json
from collections import Counter

from nbgrader.api import Gradebook

from nndl.grading.restore_metadata import match_cells, note, released_cells, restore


def read_problem(path):
    """Why the file at ``path`` is not a notebook nbgrader can grade, or "" when it is."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except UnicodeDecodeError:
        return "the notebook file is not text (not UTF-8); it could not be graded"
    except IsADirectoryError:
        return "the notebook is a folder, not a file; it could not be graded"
    except OSError as error:  # no permission, a broken link, an I/O error: unreadable, not "not submitted"
        return f"the notebook file is unreadable ({error.strerror or type(error).__name__}); it could not be graded"
    except json.JSONDecodeError as error:
        return f"the notebook file is not valid JSON (line {error.lineno}); it could not be graded"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list) or data.get("nbformat") != 4:
        return "the file is JSON but not a Jupyter notebook (version 4); it could not be graded"
    return ""


def cell_notes(path, db_url, assignment, notebook):
    """Notes on test cells that were deleted, duplicated or renamed in the submission, and on cells whose
    nbgrader metadata was lost and found again by their content (as the grading step finds them)."""
    with open(path, encoding="utf-8") as f:
        cells = json.load(f)["cells"]
    matches = match_cells(cells, released_cells(db_url, assignment, notebook))
    restore(cells, matches)
    ids = Counter(c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in cells
                  if c.get("metadata", {}).get("nbgrader", {}).get("grade"))
    with Gradebook(db_url) as gb:
        expected = {g.name for g in gb.find_notebook(notebook, assignment).grade_cells}
    notes = [note(matches)] if matches.cells else []
    missing = sorted(expected - set(ids))
    if missing:
        notes.append(f"test cell(s) {', '.join(missing)} had been deleted; they were put back and graded")
    twice = sorted(g for g, n in ids.items() if g in expected and n > 1)
    if twice:
        notes.append(f"test cell(s) {', '.join(twice)} appeared more than once; only the first was graded")
    unknown = sorted(g for g in ids if g and g not in expected)
    if unknown:
        notes.append(f"cell(s) marked as tests with unknown id(s) {', '.join(unknown)} (renamed?) were not graded")
    return notes

"""Look at a submitted notebook before grading: can nbgrader read it, and which test cells did it touch?

Returns plain-words notes for the class report.  Nothing here changes the
submission; a notebook nbgrader cannot read is set aside by the grader and
scored zero, with the reason.
"""
import json
from collections import Counter

from nbgrader.api import Gradebook

from nndl.grading.restore_metadata import match_cells, note, released_cells, restore


MAX_DEPTH = 64  # levels of JSON nesting: a real notebook needs about 10; a deeper one is an attack, not work


def read_problem(data):
    """Why the bytes ``data`` (a submitted file) are not a notebook nbgrader can grade, or "" when they are.

    Never raises: the nesting depth is bounded (Python's parser and nbformat recurse once per level,
    so a notebook nested 200,000 levels deep would stop the grader with a RecursionError)."""
    try:
        data = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return "the notebook file is not text (not UTF-8); it could not be graded"
    except json.JSONDecodeError as error:
        return f"the notebook file is not valid JSON (line {error.lineno}); it could not be graded"
    except RecursionError:
        return f"the notebook file is JSON nested far deeper than a notebook ({MAX_DEPTH} levels); it could not be graded"
    except (ValueError, MemoryError) as error:
        return f"the notebook file could not be read as JSON ({type(error).__name__}); it could not be graded"
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list) or data.get("nbformat") != 4:
        return "the file is JSON but not a Jupyter notebook (version 4); it could not be graded"
    if _depth(data) > MAX_DEPTH:
        return f"the notebook file is JSON nested deeper than a notebook ({MAX_DEPTH} levels); it could not be graded"
    return ""


def _depth(data):
    """How deeply ``data`` (parsed JSON) nests, counted without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                return deepest
            stack += [(v, depth + 1) for v in (value.values() if isinstance(value, dict) else value)]
    return deepest


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

"""Read one authored notebook (jupytext percent text) into a clean nbgrader source notebook.

In ``notebooks/*.py`` a cell header says what the cell is for::

    # %% nbgrader="solution" grade_id="sigmoid"          the student writes this
    # %% nbgrader="tests" grade_id="sigmoid_tests" points=2   autograded test cell
    # %% nbgrader="locked" grade_id="setup"              read-only provided code
    # %% tags=["skip-in-grading"]                        too heavy to run while grading

Everything else in the cell metadata is dropped, ids are derived from the
grade ids and the cell positions, and outputs never exist, so building twice
gives the same bytes.
"""
import jupytext
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
KEPT_TAGS = {"skip-in-grading"}


def nbgrader_metadata(role, grade_id, points):
    if role == "solution":
        return {"grade": False, "solution": True, "locked": False, "grade_id": grade_id, "schema_version": 3}
    if role == "tests":
        return {"grade": True, "solution": False, "locked": True, "grade_id": grade_id,
                "points": points, "schema_version": 3}
    if role == "locked":
        return {"grade": False, "solution": False, "locked": True, "grade_id": grade_id, "schema_version": 3}
    raise ValueError(f"unknown nbgrader role {role!r} (use solution, tests or locked)")


def clean_cell(cell, index):
    meta = cell.metadata
    role = meta.get("nbgrader")
    if cell.cell_type == "markdown":
        new = new_markdown_cell(cell.source)
    else:
        new = new_code_cell(cell.source)
    new.id = f"cell-{index:03d}"
    if role:
        grade_id = meta.get("grade_id")
        if not grade_id:
            raise ValueError(f"cell {index} has nbgrader={role!r} but no grade_id")
        new.metadata["nbgrader"] = nbgrader_metadata(role, grade_id, meta.get("points", 0))
        new.id = grade_id
    tags = [t for t in meta.get("tags", []) if t in KEPT_TAGS]
    if tags:
        new.metadata["tags"] = tags
    return new


def read_authored(path, generated_from):
    """Return the nbgrader source notebook for the authored text file at ``path``."""
    text_nb = jupytext.read(path, fmt="py:percent")
    cells = [clean_cell(c, i) for i, c in enumerate(text_nb.cells) if c.source.strip() or c.cell_type == "code"]
    ids = [c.id for c in cells]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"{path}: grade ids used twice: {duplicates}")
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": KERNELSPEC,
        "language_info": {"name": "python"},
        # build instructions from the header (ship, ship_solutions) ride along until write_source pops them
        "nndl": {"generated_from": generated_from, "edit": "edit the text file and run `nndl build`",
                 **text_nb.metadata.get("nndl", {})},
    })
    nbformat.validate(nb)
    return nb


SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def strip_solution_markers(source):
    """A solution cell's code as a student who got it right would have typed it."""
    return "\n".join(line for line in source.splitlines() if line.strip() not in SOLUTION_MARKERS)


def write_notebook(nb, path):
    text = nbformat.writes(nb)
    if not text.endswith("\n"):
        text += "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)

"""Instructors run their own source/ notebooks top to bottom; the cell that makes it possible never
reaches students (nor the gradebook, nor a grading run)."""
import json
import shutil

import numpy as np
import nbformat
import pytest
from nbgrader.api import Gradebook

from nndl.build import instructor
from nndl.course import REPO_ROOT, assignments
from nndl.grading.specs import hidden_region
from support import course_copy, execute

ASSIGNMENTS = assignments()
FAST = {"w1_introduction", "w2_numpy_basics", "w4_deep_network"}  # seconds; the others train models in their demo cells


def source_nb(name):
    return nbformat.read(REPO_ROOT / "source" / name / f"{name}.ipynb", as_version=4)


@pytest.mark.parametrize("name", [n if n in FAST else pytest.param(n, marks=pytest.mark.slow) for n in ASSIGNMENTS])
def test_a_source_notebook_runs_top_to_bottom(tmp_path, name):
    shutil.copytree(REPO_ROOT / "source" / name, tmp_path / name)
    nb = execute(tmp_path / name / f"{name}.ipynb", timeout=900)  # raises on the first error (NameError before)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_every_hidden_region_runs_with_the_instructor_names_alone(name):
    names = {n: getattr(instructor, n) for n in instructor.NAMES}
    regions = [c.source for c in source_nb(name).cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert regions
    for source in regions:
        exec(compile(hidden_region(source), name, "exec"), {"np": np, **names})


def test_the_instructor_names_check_what_the_grader_would():
    instructor.grade("f", instructor.case("one number", 1.0), rtol=1e-3, hint="a hint")
    instructor.grade_value("m", hint="count")
    with pytest.raises(TypeError):
        instructor.grade("f", instructor.case("one number", 1.0), rtoll=1e-3)


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_the_instructor_cell_is_in_source_only(name):
    cells = [c for c in source_nb(name).cells if instructor.is_instructor_only(c)]
    assert len(cells) == 1 and cells[0].id == instructor.CELL_ID
    assert "nbgrader" not in cells[0].metadata and "skip-in-grading" in cells[0].metadata.tags  # never graded, never run
    released = (REPO_ROOT / "release" / name / f"{name}.ipynb").read_text()
    assert "nndl.build.instructor" not in released and instructor.CELL_ID not in released
    assert instructor.INSTRUCTOR_TAG not in released
    # nothing shipped for it: the release folder holds what the source folder holds, nothing more or less
    files = {p.name for p in (REPO_ROOT / "source" / name).iterdir() if p.suffix != ".ipynb"}
    assert files == {p.name for p in (REPO_ROOT / "release" / name).iterdir() if p.suffix != ".ipynb"}
    assert not any("instructor" in f for f in files)


def test_plain_nbgrader_generate_assignment_leaves_it_out(tmp_path):
    name = "w2_numpy_basics"
    root = course_copy(tmp_path, [name])  # real `nbgrader generate_assignment` with the course's config
    released = json.loads((root / "release" / name / f"{name}.ipynb").read_text())
    assert not any(instructor.INSTRUCTOR_TAG in c["metadata"].get("tags", []) for c in released["cells"])
    assert len(released["cells"]) == len(source_nb(name).cells) - 1
    with Gradebook("sqlite:///" + str(root / "gradebook.db")) as gb:
        recorded = {c.name for c in gb.find_notebook(name, name).source_cells}
    assert instructor.CELL_ID not in recorded

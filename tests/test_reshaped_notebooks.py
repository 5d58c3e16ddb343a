"""A notebook saved by an editor that drops nbgrader's cell metadata is graded on its content.

VS Code, Colab or a jupytext round trip can remove ``metadata.nbgrader`` from every cell and
give the cells new ids; the work is all there, and the grade must say so.  Real nbgrader, real
jails, a real gradebook.
"""
import copy
import io
import subprocess
import sys
import uuid

import nbformat
import pytest

from nndl.course import REPO_ROOT
from nndl.grading.restore_metadata import ReleasedCell, match_cells
from nndl.mistakes import MISTAKES
from nndl.pipeline.autograde import grade_class
from nndl.simulate import filled_notebook, scores, submit
from support import course_copy

A = "w2_numpy_basics"
ASSIGNMENTS = sorted(p.name for p in (REPO_ROOT / "release").iterdir() if p.is_dir())
FULL = 14
NOTE = "nbgrader's cell metadata was missing"


def reshaped(nb):
    """``nb`` as another editor saves it: no nbgrader metadata, new cell ids, its own trailing whitespace."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        for key in ("nbgrader", "editable", "deletable"):
            cell.metadata.pop(key, None)
        cell.id = uuid.uuid4().hex[:8]
        cell.source = cell.source.rstrip() + "\n"
    return nb


def index_of(nb, grade_id):
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def released_cells_of(assignment):
    """The release's nbgrader cells as the gradebook records them (less the hidden regions, which the
    matching does not need), read from the committed release."""
    release = nbformat.read(REPO_ROOT / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    return [ReleasedCell(m["grade_id"], c.cell_type, c.source, m.get("locked", False), m.get("checksum", ""),
                         m.get("points") if m.get("grade") else None, m.get("solution", False))
            for c in release.cells for m in [c.metadata.get("nbgrader")] if m]


def with_extra_cell(nb, before_grade_id, offset, source):
    """``nb`` (still with nbgrader metadata) with a code cell ``source`` put ``offset`` cells after the cell
    ``before_grade_id``."""
    nb = copy.deepcopy(nb)
    nb.cells.insert(index_of(nb, before_grade_id) + offset, nbformat.v4.new_code_cell(source))
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = course_copy(tmp_path_factory.mktemp("course"), [A])
    solution = filled_notebook(root, A)
    mistake = {"softmax": MISTAKES[A]["softmax"]}
    wrong_softmax = filled_notebook(root, A, mistakes=mistake).cells[index_of(solution, "softmax")].source
    students = {
        "honest": solution,
        "mistaken": filled_notebook(root, A, mistakes=mistake),
        "reshaped": reshaped(solution),
        "reshaped_mistaken": reshaped(filled_notebook(root, A, mistakes=mistake)),
        # softmax defined twice before its test: a run from top to bottom tests the last definition
        "twice_right_last": reshaped(with_extra_cell(solution, "softmax", 0, wrong_softmax)),
        "twice_wrong_last": reshaped(with_extra_cell(solution, "softmax", 1, wrong_softmax)),
    }
    # stripped, and a cell of the student's own that claims to be softmax's test cell, worth 100 points
    forged = reshaped(filled_notebook(root, A, mistakes=mistake))
    claim = {"grade": True, "grade_id": "softmax_tests", "points": 100, "locked": False, "solution": False,
             "schema_version": 3}
    forged.cells.insert(index_of(solution, "softmax") + 1,
                        nbformat.v4.new_code_cell("print('all tests passed')", metadata={"nbgrader": claim}))
    students["forged_test_cell"] = forged
    for student, nb in students.items():
        submit(root, student, A, nb)
    outcomes = {o.student: o for o in grade_class(root, workers=2, stream=io.StringIO())}
    return root, wrong_softmax, outcomes


def total(root, student):
    return sum(score for score, _ in scores(root, A, student).values())


def notes(outcomes, student):
    return [p.text for p in outcomes[student].problems if NOTE in p.text]


def test_a_notebook_without_nbgrader_metadata_scores_full_marks_with_a_note(graded):
    root, _, outcomes = graded
    assert outcomes["reshaped"].graded, outcomes["reshaped"].problems
    assert total(root, "reshaped") == FULL
    (note,) = notes(outcomes, "reshaped")
    assert "17 cells were matched to the release" in note and "review" not in note
    # the instructor's formgrader and the student's feedback see the cells as released
    marked = nbformat.read(root / "autograded" / "reshaped" / A / f"{A}.ipynb", as_version=4)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in marked.cells if "nbgrader" in c.metadata]
    assert ids == [c.name for c in released_cells_of(A)]
    assert (root / "feedback" / "reshaped" / A / f"{A}.html").is_file()


def test_a_mistake_costs_what_it_costs_in_an_untouched_notebook(graded):
    root, _, outcomes = graded
    assert scores(root, A, "reshaped_mistaken") == scores(root, A, "mistaken")
    assert total(root, "mistaken") < FULL
    assert notes(outcomes, "reshaped_mistaken")


def test_a_forged_test_cell_in_a_reshaped_notebook_gains_nothing(graded):
    root, _, _ = graded
    assert scores(root, A, "forged_test_cell") == scores(root, A, "mistaken")


def test_an_untouched_notebook_gets_no_note(graded):
    root, _, outcomes = graded
    assert total(root, "honest") == FULL
    assert not notes(outcomes, "honest")


def test_a_function_defined_twice_is_graded_on_its_last_definition_and_flagged(graded):
    root, wrong_softmax, outcomes = graded
    assert total(root, "twice_right_last") == FULL
    assert scores(root, A, "twice_wrong_last") == scores(root, A, "mistaken")
    for student in ("twice_right_last", "twice_wrong_last"):
        (note,) = notes(outcomes, student)
        assert "please review" in note and "softmax" in note
    # the solution cell the instructor sees (and grades by hand) is the definition that was tested
    marked = nbformat.read(root / "autograded" / "twice_wrong_last" / A / f"{A}.ipynb", as_version=4)
    assert marked.cells[index_of(marked, "softmax")].source.strip() == wrong_softmax.strip()


def test_plain_nbgrader_autograde_grades_a_reshaped_notebook(tmp_path):
    root = course_copy(tmp_path, [A])
    submit(root, "reshaped", A, reshaped(filled_notebook(root, A)))
    result = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", A], cwd=root, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    assert total(root, "reshaped") == FULL
    assert NOTE in result.stderr
    assert "has changed!" not in result.stderr  # the matched test cells are the released ones: no false alarm


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_cell_of_every_assignment_is_found_again_in_its_place(assignment):
    """Solution cells that define functions and those that only assign variables (``m_train = ...``, the
    release shows only the stub) are all found, each where it stood, and nothing is flagged."""
    released = released_cells_of(assignment)
    solution = filled_notebook(REPO_ROOT, assignment)
    expected = {i: c.metadata["nbgrader"]["grade_id"] for i, c in enumerate(solution.cells) if "nbgrader" in c.metadata}
    found = match_cells(reshaped(solution).cells, released)
    assert {i: r.name for i, r in found.cells.items()} == expected
    assert not found.unsure and not found.missing


def test_code_the_parser_gives_up_on_does_not_stop_the_matching():
    released = released_cells_of(A)
    nb = reshaped(filled_notebook(REPO_ROOT, A))
    nb.cells.insert(2, nbformat.v4.new_code_cell("x = " + "-" * 200_000 + "1"))  # too deeply nested for Python
    found = match_cells(nb.cells, released)
    assert len(found.cells) == len(released) and not found.missing


def test_a_deleted_solution_cell_is_not_replaced_by_a_cell_that_stands_near_it():
    nb = reshaped(filled_notebook(REPO_ROOT, A))
    del nb.cells[index_of(filled_notebook(REPO_ROOT, A), "sigmoid")]
    found = match_cells(nb.cells, released_cells_of(A))
    assert found.missing == ["sigmoid"] and "sigmoid" not in {r.name for r in found.cells.values()}


def test_a_test_cell_found_twice_is_taken_once_and_flagged():
    solution = filled_notebook(REPO_ROOT, A)
    nb = reshaped(solution)
    nb.cells.append(copy.deepcopy(nb.cells[index_of(solution, "L1_tests")]))  # pasted again at the end
    found = match_cells(nb.cells, released_cells_of(A))
    taken = [i for i, r in found.cells.items() if r.name == "L1_tests"]
    assert taken == [index_of(solution, "L1_tests")]
    assert any("2 cells held the text of L1_tests" in why for why in found.unsure)

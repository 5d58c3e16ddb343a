"""Week 4, the deep network on the cat images: the shipped step-by-step module, the accuracies on
the real images (slow), the notebook end to end with and without them (slow), and grading through
real nbgrader: the solution earns full marks, a blank notebook none, and each mistake costs points
on its own function only."""
import re
import shutil

import nbformat
import pytest

from nndl.build.solution_module import solution_module
from nndl.course import REPO_ROOT
from nndl.grading.specs import hidden_region
from nndl.mistakes import MISTAKES as CATALOG
from nndl.simulate import filled_notebook
from nndl.student_files import cat_data
from support import GradingContract, execute, grade_mistakes

A = "w4_deep_application"
STEPS = "w4_deep_network"

MISTAKES = CATALOG[A]

MORE_MISTAKES = {
    "sigmoid_hidden_layer": ("two_layer_model", ('parameters["b1"], "relu")', 'parameters["b1"], "sigmoid")')),
    "update_not_kept": ("L_layer_model", ("parameters = update_parameters(parameters, grads, learning_rate)",
                                          "update_parameters(parameters, grads, learning_rate)")),
    "cost_every_iteration": ("two_layer_model", ("if i % 100 == 0 or i == num_iterations - 1:",
                                                 "if True:")),
}

POINTS = {"two_layer_model": 4, "L_layer_model": 4}

# The figures written in the notebook text (real images, 2500 iterations), and the floors.
STATED = {"2-layer": (100.0, 72.0), "4-layer": (98.6, 80.0)}
FLOORS = {"2-layer": 70.0, "4-layer": 76.0}


# ---------------------------------------------------------------- the shipped step-by-step functions

def test_dnn_steps_is_the_step_notebooks_reference_code_and_current():
    expected = solution_module(REPO_ROOT, STEPS)
    for part in ("source", "release"):
        assert (REPO_ROOT / part / A / "dnn_steps.py").read_text() == expected, f"{part}/{A}/dnn_steps.py is stale"


def test_dnn_steps_holds_no_hidden_test_of_the_step_notebook():
    text = (REPO_ROOT / "release" / A / "dnn_steps.py").read_text()
    nb = nbformat.read(REPO_ROOT / "source" / STEPS / f"{STEPS}.ipynb", as_version=4)
    hidden = {line.strip() for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
              for line in hidden_region(c.source).splitlines() if len(line.strip()) >= 20}
    shared = {line.strip() for c in nb.cells if c.cell_type == "code" and not c.metadata.get("nbgrader", {}).get("grade")
              for line in c.source.splitlines()}  # lines such as `for l in range(1, L + 1):` are everywhere
    hidden -= shared
    assert hidden and not [line for line in hidden if line in text]
    assert "nndl.student_files" not in text  # students have no nndl package


# ---------------------------------------------------------------- the whole notebook, as a student runs it

def run_filled_release(tmp_path):
    for helper in ("cat_data.py", "dnn_steps.py", "nndl_checks.py"):
        shutil.copy(REPO_ROOT / "release" / A / helper, tmp_path / helper)
    path = tmp_path / f"{A}.ipynb"
    nbformat.write(filled_notebook(REPO_ROOT, A), path)
    nb = execute(path)
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def accuracies(text):
    found = re.findall(r"(\S+) network: train accuracy ([\d.]+) %, test accuracy ([\d.]+) %", text)
    return {name: (float(train), float(test)) for name, train, test in found}


@pytest.mark.slow
def test_real_images_reach_the_stated_accuracies(tmp_path, monkeypatch):
    folder = cat_data.find_data_dir()
    if folder is None:
        pytest.skip("the real cat images are not here (set NNDL_DATA_DIR to the folder with the .h5 files)")
    monkeypatch.setenv("NNDL_DATA_DIR", str(folder))
    text = run_filled_release(tmp_path)
    assert "Loaded the cat / non-cat images" in text
    found = accuracies(text)
    assert found == STATED, found
    for name, floor in FLOORS.items():
        assert found[name][1] >= floor
    source = (REPO_ROOT / "notebooks" / f"{A}.py").read_text()
    assert "100 % training accuracy and 72 % test" in source and "98.6 % training accuracy" in source
    assert "accuracy** (40 of 50)" in source


@pytest.mark.slow
def test_notebook_runs_end_to_end_on_the_synthetic_stand_in(tmp_path, monkeypatch):
    monkeypatch.delenv("NNDL_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    text = run_filled_release(tmp_path)
    assert "SYNTHETIC STAND-IN IMAGES" in text
    assert set(accuracies(text)) == {"2-layer", "4-layer"}


# ---------------------------------------------------------------- grading through real nbgrader

@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_mistakes(tmp_path_factory, A, MISTAKES, more=MORE_MISTAKES)


class TestGrading(GradingContract):
    MISTAKES, POINTS, MORE = MISTAKES, POINTS, MORE_MISTAKES

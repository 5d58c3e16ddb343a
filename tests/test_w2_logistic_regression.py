"""Week 2, logistic regression on the cat images: the accuracies on the real images (slow), the
notebook end to end with and without them (slow), and grading through real nbgrader: the solution
earns full marks, a blank notebook none, and each typical mistake costs points on its own exercise
only (the hidden tests of optimize and model judge the costs against the student's own propagate
and optimize, so a wrong cost formula is charged to propagate alone)."""
import re
import shutil

import nbformat
import pytest
from PIL import Image

from nndl import mistakes
from nndl.course import REPO_ROOT
from nndl.simulate import filled_notebook
from nndl.student_files import cat_data
from support import GradingContract, autograded_notebook, execute, grade_mistakes

A = "w2_logistic_regression"

MISTAKES = mistakes.MISTAKES[A]

# More mistakes: name -> (grade id, change, the test cells that must lose points).
MORE_MISTAKES = {
    "standardize_mean_std": ("standardize", ("train_set_x = train_set_x_flatten / 255.0",
                                             "train_set_x = (train_set_x_flatten - train_set_x_flatten.mean()) "
                                             "/ train_set_x_flatten.std()"), {"standardize"}),
    "b_as_array": ("initialize_with_zeros", ("b = 0.0", "b = np.zeros((1, 1))"), {"initialize_with_zeros", "model"}),
    "cost_without_1_over_m": ("propagate", ("np.log(1 - A)) / m", "np.log(1 - A))"), {"propagate"}),
    "dw_without_1_over_m": ("propagate", ("dw = np.dot(X, dZ.T) / m", "dw = np.dot(X, dZ.T)"),
                            {"propagate", "optimize", "model"}),
    "costs_every_iteration": ("optimize", ("if i % 100 == 0:", "if True:"), {"optimize"}),
    "b_not_updated": ("optimize", ('b = b - learning_rate * grads["db"]', "b = b"), {"optimize", "model"}),
    "probabilities_returned": ("predict", ("Y_prediction = (A > 0.5).astype(float)", "Y_prediction = A"),
                               {"predict", "model"}),
    "train_and_test_swapped": ("model", ("Y_prediction_test = predict(w, b, X_test)",
                                         "Y_prediction_test = predict(w, b, X_train)"), {"model"}),
}

POINTS = {"dataset_sizes": 1, "flatten": 2, "standardize": 1, "sigmoid": 1, "initialize_with_zeros": 1,
          "propagate": 4, "optimize": 3, "predict": 2, "model": 3}

# The figures written in the notebook text (real images, 2000 iterations at 0.005) and the floors.
STATED = (99.04, 70.00)
FLOORS = (95.0, 68.0)


# ---------------------------------------------------------------- the whole notebook, as a student runs it

def run_filled_release(folder):
    shutil.copytree(REPO_ROOT / "release" / A, folder)
    path = folder / f"{A}.ipynb"
    nbformat.write(filled_notebook(REPO_ROOT, A), path)
    nb = execute(path)
    errors = [o.get("ename") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def accuracies(text):
    train = re.findall(r"^train accuracy: ([\d.]+) %$", text, re.M)
    test = re.findall(r"^test accuracy: ([\d.]+) %$", text, re.M)
    assert len(train) == len(test) == 1, text[-2000:]
    return float(train[0]), float(test[0])


@pytest.mark.slow
def test_real_images_reach_the_stated_accuracies(tmp_path, monkeypatch):
    folder = cat_data.find_data_dir()
    if folder is None:
        pytest.skip("the real cat images are not here (set NNDL_DATA_DIR to the folder with the .h5 files)")
    monkeypatch.setenv("NNDL_DATA_DIR", str(folder))
    text = run_filled_release(tmp_path / A)
    assert "Loaded the cat / non-cat images" in text
    train, test = accuracies(text)
    assert (train, test) == STATED
    assert train >= FLOORS[0] and test >= FLOORS[1]
    source = (REPO_ROOT / "notebooks" / f"{A}.py").read_text()
    assert "**train accuracy of 99.04 %** (207 of 209)" in source
    assert "**test accuracy of 70.00 %** (35 of 50)" in source
    assert "Cost after iteration 1900:" in text
    assert "the model says:" in text  # the sample image was classified


@pytest.mark.slow
def test_notebook_runs_end_to_end_on_the_synthetic_stand_in(tmp_path, monkeypatch):
    monkeypatch.delenv("NNDL_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    text = run_filled_release(tmp_path / A)
    assert "SYNTHETIC STAND-IN IMAGES" in text
    accuracies(text)
    assert "the model says:" in text


def test_the_sample_image_is_small_ours_and_shipped():
    for part in ("source", "release"):
        path = REPO_ROOT / part / A / "my_image.png"
        assert path.read_bytes() == (REPO_ROOT / "nndl" / "student_files" / "my_image.png").read_bytes()
    assert path.stat().st_size < 10_000
    with Image.open(path) as image:
        assert image.mode == "RGB" and min(image.size) >= 64


# ---------------------------------------------------------------- grading through real nbgrader

@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    more = {name: (grade_id, change) for name, (grade_id, change, _) in MORE_MISTAKES.items()}
    return grade_mistakes(tmp_path_factory, A, MISTAKES, more=more)


class TestGrading(GradingContract):
    MISTAKES, POINTS, MORE = MISTAKES, POINTS, MORE_MISTAKES


def feedback(root, student, grade_id):
    nb = autograded_notebook(root, A, student)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == f"{grade_id}_tests")
    return "".join(o.get("text", "") for o in cell.outputs)


def test_the_gradient_check_catches_gradients_that_do_not_match_the_cost(graded):
    root, results, full = graded
    for student in ("more_dw_without_1_over_m", "mistake_propagate"):
        assert "gradient check failed" in feedback(root, student, "propagate")
    assert "gradient check failed" not in feedback(root, "solution", "propagate")
    # a cost without 1/m: cost and both gradients disagree with it
    assert "gradient check failed" in feedback(root, "more_cost_without_1_over_m", "propagate")


def test_feedback_names_the_typical_mistakes(graded):
    root, _, _ = graded
    assert "changed its input arguments in place" in feedback(root, "mistake_optimize", "optimize")
    assert "iterations 0, 100, 200" in feedback(root, "more_costs_every_iteration", "optimize")
    assert "Python float" in feedback(root, "mistake_initialize_with_zeros", "initialize_with_zeros")
    assert "should be a number (a Python float)" in feedback(root, "more_b_as_array", "initialize_with_zeros")
    assert "wrong values" in feedback(root, "mistake_flatten", "flatten")

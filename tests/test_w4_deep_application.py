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
from support import GradingContract, execute, grade_mistakes, output_text, quoted, solution_run

A = "w4_deep_application"
STEPS = "w4_deep_network"

MISTAKES = CATALOG[A]

# The further mistakes are in nndl.mistakes.MORE, which the grading contract grades.
MORE_MISTAKES = {}

# Correct work written the classic way (the widely used version of this course: unpacked parameters,
# dA0 from layer 1, its cost bookkeeping, which prints the last iteration but records only every 100th),
# in a student's own words; it must score full marks.
CLASSIC = {
    "two_layer_model": """\
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    grads = {}
    costs = []
    m = X.shape[1]
    (n_x, n_h, n_y) = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)
    W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
    for i in range(0, num_iterations):
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads["dW1"], grads["db1"], grads["dW2"], grads["db2"] = dW1, db1, dW2, db2
        parameters = update_parameters(parameters, grads, learning_rate)
        W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]
        if print_cost and i % 100 == 0 or i == num_iterations - 1:
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if i % 100 == 0 or i == num_iterations:
            costs.append(cost)
    return parameters, costs
""",
    "L_layer_model": """\
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(0, num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and i % 100 == 0 or i == num_iterations - 1:
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if i % 100 == 0 or i == num_iterations:
            costs.append(cost)
    return parameters, costs
""",
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


def reference_namespace():
    """The application's provided code and reference solutions, with the shipped dnn_steps.py."""
    import sys

    from nndl.build.notebook_text import strip_solution_markers

    nb = nbformat.read(REPO_ROOT / "source" / A / f"{A}.ipynb", as_version=4)
    code = "\n\n".join(strip_solution_markers(c.source) for c in nb.cells if c.cell_type == "code"
                        and c.metadata.get("nbgrader", {}).get("grade_id") in
                        ("setup", "helpers", "two_layer_model", "L_layer_model"))
    sys.path.insert(0, str(REPO_ROOT / "release" / A))
    try:
        namespace = {}
        exec(compile(code, f"<{A} reference>", "exec"), namespace)
    finally:
        sys.path.remove(str(REPO_ROOT / "release" / A))
    return namespace


def test_provided_deep_initialiser_scales_by_one_over_sqrt_n():
    ref = reference_namespace()
    import numpy as np

    np.random.seed(0)
    params = ref["initialize_parameters_deep"]([2000, 50, 1])
    assert sorted(params) == ["W1", "W2", "b1", "b2"] and not params["b1"].any()
    assert abs(np.std(params["W1"]) * np.sqrt(2000) - 1) < 0.05


def test_costs_are_recorded_every_100_iterations_only():
    import numpy as np

    ref = reference_namespace()
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(4, 6)), (rng.uniform(size=(1, 6)) < 0.5).astype(float)
    for model, dims in (("two_layer_model", (4, 3, 1)), ("L_layer_model", [4, 3, 2, 1])):
        for iterations, count in ((1, 1), (100, 1), (101, 2), (250, 3)):
            parameters, costs = ref[model](X, Y, dims, learning_rate=0.1, num_iterations=iterations)
            assert len(costs) == count, (model, iterations)


def test_reference_reproduces_the_classic_published_costs_on_the_real_images(monkeypatch):
    """The classic notebook's published first costs: seed 1, the cat images, [12288, 7, 1] and [12288, 20, 7, 5, 1]."""
    import numpy as np

    folder = cat_data.find_data_dir()
    if folder is None:
        pytest.skip("the real cat images are not here (set NNDL_DATA_DIR to the folder with the .h5 files)")
    monkeypatch.setenv("NNDL_DATA_DIR", str(folder))
    ref = reference_namespace()
    train_x_orig, train_y, _, _, _ = cat_data.load_cat_data()
    train_x = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 255
    _, costs = ref["two_layer_model"](train_x, train_y, (12288, 7, 1), num_iterations=2)
    assert len(costs) == 1 and np.isclose(costs[0], 0.693049735659989, rtol=1e-9)
    _, costs = ref["L_layer_model"](train_x, train_y, [12288, 20, 7, 5, 1], num_iterations=1)
    assert len(costs) == 1 and np.isclose(costs[0], 0.7717493284237686, rtol=1e-9)


# ---------------------------------------------------------------- the whole notebook, as a student runs it

def run_filled_release(tmp_path):
    shutil.copytree(REPO_ROOT / "release" / A, tmp_path / A)
    path = tmp_path / A / f"{A}.ipynb"
    nbformat.write(filled_notebook(REPO_ROOT, A), path)
    nb = execute(path)
    return output_text(nb)


def accuracies(text):
    found = re.findall(r"(\S+) network: train accuracy ([\d.]+) %, test accuracy ([\d.]+) %", text)
    return {name: (float(train), float(test)) for name, train, test in found}


@pytest.mark.slow
def test_real_images_reach_the_stated_accuracies(tmp_path, monkeypatch):
    folder = cat_data.find_data_dir()
    if folder is None:
        pytest.skip("the real cat images are not here (set NNDL_DATA_DIR to the folder with the .h5 files)")
    monkeypatch.setenv("NNDL_DATA_DIR", str(folder))
    nb = solution_run(A)  # the run of tests/test_notebooks_run.py, when it had the same data
    text = output_text(nb)
    assert "Loaded the cat / non-cat images" in text
    found = accuracies(text)
    assert found == STATED, found
    for name, floor in FLOORS.items():
        assert found[name][1] >= floor
    source = (REPO_ROOT / "notebooks" / f"{A}.py").read_text()
    assert "100 % training accuracy and 72 % test" in source and "98.6 % training accuracy" in source
    assert "accuracy** (40 of 50)" in source


@pytest.mark.slow
def test_the_learning_curves_and_accuracies_along_the_way_quoted_in_the_text(monkeypatch):
    folder = cat_data.find_data_dir()
    if folder is None:
        pytest.skip("the real cat images are not here (set NNDL_DATA_DIR to the folder with the .h5 files)")
    monkeypatch.setenv("NNDL_DATA_DIR", str(folder))
    printed, text = output_text(solution_run(A)), quoted(A)
    costs = [float(c) for c in re.findall(r"cost after iteration (?:0|2499): ([\d.]+)", printed)]
    assert len(costs) == 4  # 2-layer first and last, then 4-layer first and last
    assert f"a higher cost ({costs[2]:.2f} against {costs[0]:.2f}" in text
    assert f"ends higher ({costs[3]:.3f} against {costs[1]:.3f} after iteration 2499)" in text
    along = {int(i): (float(train), float(test)) for i, train, test in
             re.findall(r"^ +(\d+) +([\d.]+) +(\d+)$", printed, re.M)}
    assert sorted(along) == list(range(0, 2600, 100))
    assert along[2500] == (98.6, 80.0) and along[1400][0] == 98.1 and along[1000][1] == 66
    best = max(test for _, test in along.values())
    assert best == 82 and [i for i, (_, test) in along.items() if test == best] == [1500, 1600]
    assert all(along[i][1] == 80 for i in (1900, 2000, 2100, 2200, 2400)) and along[2300][1] == 76
    assert ("climbs to 98 % by iteration 1400" in text and "66 % at iteration 1000, its best, 82 %, at iterations "
            "1500 and 1600, and 80 % from 1900 on, with a dip to 76 % at 2300" in text)


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
    return grade_mistakes(tmp_path_factory, A, MISTAKES, more=MORE_MISTAKES, classic=CLASSIC)


class TestGrading(GradingContract):
    ASSIGNMENT = A
    MISTAKES, POINTS, MORE = MISTAKES, POINTS, MORE_MISTAKES
    CLASSIC = CLASSIC


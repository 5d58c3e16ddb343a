"""Week 2, logistic regression on the cat images: the accuracies on the real images (slow), the
notebook end to end with and without them (slow), and grading through real nbgrader: the solution
earns full marks, a blank notebook none, and each typical mistake costs points on its own exercise
only (the hidden tests of optimize and model judge the costs against the student's own propagate
and optimize, so a wrong cost formula is charged to propagate alone)."""
import copy
import re
import shutil

import nbformat
import numpy as np
import pytest
from PIL import Image

from nndl import mistakes
from nndl.course import REPO_ROOT
from nndl.simulate import filled_notebook
from nndl.student_files import cat_data
from support import GradingContract, execute, feedback_text, grade_mistakes, output_text, solution_run

A = "w2_logistic_regression"

MISTAKES = mistakes.MISTAKES[A]

# More mistakes (besides those nndl.mistakes.MORE catalogues, which the grading contract grades as well):
# name -> (grade id, change, the test cells that must lose points).
SELF_CHECK = '"q1": (3, 4), "q2": "c", "q3": (12288, 1), "q4": (1, 209), "q5": "b"'
MORE_MISTAKES = {
    # a wrong self-check answer costs that question's share of its points, and nothing else
    "self_check_matrix_product": ("self_check", (SELF_CHECK, SELF_CHECK.replace('"q2": "c"', '"q2": "a"')),
                                  {"self_check"}),
    "b_not_updated": ("optimize", ('b = b - learning_rate * grads["db"]', "b = b"), {"optimize", "model"}),
}

# Equivalent answers, changed in the reference solution: each must score full marks.
EQUIVALENT = {
    "self_check_other_forms": ("self_check", (SELF_CHECK, '"q1": [3, 4], "q2": "C", "q3": [12288, 1], '
                                                          '"q4": np.array([1, 209]), "q5": "(b)"')),
    "boolean_predictions": ("predict", ("Y_prediction = (A > 0.5).astype(float)", "Y_prediction = A > 0.5")),
    "int_predictions": ("predict", ("Y_prediction = (A > 0.5).astype(float)", "Y_prediction = (A > 0.5).astype(int)")),
    "cost_as_1x1_array": ("propagate", ("cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m",
                                        "cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m")),
    # in place, but on the copies the provided first lines make
    "update_in_place_on_the_copies": ("optimize", ('w = w - learning_rate * grads["dw"]',
                                                   'w -= learning_rate * grads["dw"]')),
}

# Correct work written the classic way (the widely used version of this course: its signatures, keys and
# conventions: a 0-d array as the cost, a prediction loop, positional arguments), in a student's own words.
CLASSIC = {
    "dataset_sizes": """\
m_train = train_set_x_orig.shape[0]
m_test = test_set_x_orig.shape[0]
num_px = train_set_x_orig.shape[1]
print("Number of training examples: m_train = " + str(m_train))
""",
    "flatten": """\
train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T
""",
    "standardize": """\
train_set_x = train_set_x_flatten / 255.
test_set_x = test_set_x_flatten / 255.
""",
    "sigmoid": """\
def sigmoid(z):
    s = 1 / (1 + np.exp(-z))
    return s
""",
    "initialize_with_zeros": """\
def initialize_with_zeros(dim):
    w = np.zeros(shape=(dim, 1))
    b = 0.
    assert w.shape == (dim, 1)
    assert isinstance(b, float)
    return w, b
""",
    "propagate": """\
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = (-1 / m) * (np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T))
    dw = (1 / m) * np.dot(X, (A - Y).T)
    db = (1 / m) * np.sum(A - Y)
    cost = np.squeeze(np.array(cost))
    grads = {"dw": dw,
             "db": db}
    return grads, cost
""",
    "optimize": """\
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    w = copy.deepcopy(w)
    b = copy.deepcopy(b)
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]
        w -= learning_rate * dw
        b -= learning_rate * db
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print("Cost after iteration %i: %f" % (i, cost))
    params = {"w": w,
              "b": b}
    grads = {"dw": dw,
             "db": db}
    return params, grads, costs
""",
    "predict": """\
def predict(w, b, X):
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    w = w.reshape(X.shape[0], 1)
    A = sigmoid(np.dot(w.T, X) + b)
    for i in range(A.shape[1]):
        if A[0, i] > 0.5:
            Y_prediction[0, i] = 1
        else:
            Y_prediction[0, i] = 0
    return Y_prediction
""",
    "model": """\
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    if print_cost:
        print("train accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100))
        print("test accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100))
    d = {"costs": costs,
         "Y_prediction_test": Y_prediction_test,
         "Y_prediction_train": Y_prediction_train,
         "w": w,
         "b": b,
         "learning_rate": learning_rate,
         "num_iterations": num_iterations}
    return d
""",
}

POINTS = {"dataset_sizes": 1, "flatten": 2, "standardize": 1, "graph_forward": 1, "graph_backward": 2, "sigmoid": 1,
          "initialize_with_zeros": 1, "propagate": 4, "optimize": 3, "predict": 2, "model": 3,
          "self_check": 2}

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
    return output_text(nb)


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
    nb = solution_run(A)  # the run of tests/test_notebooks_run.py, when it had the same data
    text = output_text(nb)
    assert "Loaded the cat / non-cat images" in text
    train, test = accuracies(text)
    assert (train, test) == STATED
    assert train >= FLOORS[0] and test >= FLOORS[1]
    source = (REPO_ROOT / "notebooks" / f"{A}.py").read_text()
    assert "**train accuracy of 99.04 %** (207 of 209)" in source
    assert "**test accuracy of 70.00 %** (35 of 50)" in source
    assert "Cost after iteration 1900:" in text
    assert "the model says:" in text  # the sample image was classified
    red, green, blue = map(float, re.search(r"mean weight of the red, green and blue channels: \[\s*(\S+)\s+(\S+)"
                                            r"\s+(\S+)\]", text).groups())
    assert green < 0 < min(red, blue)
    assert "negative mean weight (about -0.004) while red and blue are\n# positive (about +0.002)" in source
    assert round(green, 3) == -0.004 and round(red, 3) == round(blue, 3) == 0.002


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

    return grade_mistakes(tmp_path_factory, A, MISTAKES, more=more, classic=CLASSIC, equivalent=EQUIVALENT)


class TestGrading(GradingContract):
    ASSIGNMENT = A
    MISTAKES, POINTS, MORE = MISTAKES, POINTS, MORE_MISTAKES
    CLASSIC, EQUIVALENT = CLASSIC, EQUIVALENT




def reference():
    """The notebook's reference functions (the graded ones that take arguments)."""
    from nndl.build.notebook_text import read_authored, strip_solution_markers

    nb = read_authored(REPO_ROOT / "notebooks" / f"{A}.py", A)
    names = ("sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict", "model")
    code = "\n\n".join(strip_solution_markers(c.source) for c in nb.cells
                        if c.metadata.get("nbgrader", {}).get("grade_id") in names)
    namespace = {"np": np, "copy": copy}
    exec(compile(code, f"<{A} reference>", "exec"), namespace)
    return namespace


def test_reference_reproduces_the_classic_published_outputs():
    """The classic notebook's public test inputs and its published expected outputs."""
    ref = reference()
    assert np.allclose(ref["sigmoid"](np.array([0, 2])), [0.5, 0.88079708])
    w, b = ref["initialize_with_zeros"](2)
    assert w.shape == (2, 1) and not w.any() and type(b) is float and b == 0.0
    w, b = np.array([[1.], [2.]]), 1.5
    X, Y = np.array([[1., -2., -1.], [3., 0.5, -3.2]]), np.array([[1, 1, 0]])
    grads, cost = ref["propagate"](w, b, X, Y)
    assert sorted(grads) == ["db", "dw"] and grads["dw"].shape == (2, 1)
    assert np.allclose(grads["dw"], [[0.25071532], [-0.06604096]])
    assert np.isclose(grads["db"], -0.1250040450043965) and np.isclose(cost, 0.15900537707692405)
    params, grads, costs = ref["optimize"](w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False)
    assert np.allclose(params["w"], [[0.80956046], [2.0508202]]) and np.isclose(params["b"], 1.5948713189708588)
    assert np.allclose(grads["dw"], [[0.17860505], [-0.04840656]]) and np.isclose(grads["db"], -0.08888460336847771)
    assert len(costs) == 1 and np.isclose(costs[0], 0.15900538)
    assert np.array_equal(w, [[1.], [2.]])  # the caller's w is untouched
    prediction = ref["predict"](np.array([[0.1124579], [0.23106775]]), -0.3, np.array([[1., -1.1, -3.2], [1.2, 2., 0.1]]))
    assert np.array_equal(prediction, [[1., 1., 0.]])


def feedback(root, student, grade_id):
    return feedback_text(root, A, student, f"{grade_id}_tests")


def test_the_gradient_check_catches_gradients_that_do_not_match_the_cost(graded):
    root, results, full = graded
    for student in ("more_dw_without_1_over_m", "mistake_propagate"):
        assert "gradient check failed" in feedback(root, student, "propagate")
    assert "gradient check failed" not in feedback(root, "solution", "propagate")
    # a cost without 1/m: cost and both gradients disagree with it
    assert "gradient check failed" in feedback(root, "more_cost_without_1_over_m", "propagate")


def test_feedback_names_the_typical_mistakes(graded):
    root, _, _ = graded
    assert "iterations 0, 100, 200" in feedback(root, "mistake_optimize", "optimize")
    assert "iterations 0, 100, 200" in feedback(root, "more_costs_every_iteration", "optimize")
    assert "Python float" in feedback(root, "mistake_initialize_with_zeros", "initialize_with_zeros")
    assert "should be a number (a Python float)" in feedback(root, "more_b_as_array", "initialize_with_zeros")
    assert "wrong values" in feedback(root, "mistake_flatten", "flatten")


def graph_reference():
    from nndl.build.notebook_text import read_authored, strip_solution_markers

    nb = read_authored(REPO_ROOT / "notebooks" / f"{A}.py", A)
    code = "\n\n".join(strip_solution_markers(c.source) for c in nb.cells
                        if c.metadata.get("nbgrader", {}).get("grade_id") in ("graph_forward", "graph_backward"))
    namespace = {}
    exec(code, namespace)
    return namespace["graph_forward"], namespace["graph_backward"]


@pytest.mark.parametrize("point", [(5.0, 3.0, 2.0), (-1.0, 0.5, 4.0), (0.0, -7.5, 0.25), (120.0, 3e-3, -40.0)])
def test_graph_reference_agrees_with_the_text_and_with_finite_differences(point):
    forward, backward = graph_reference()
    a, b, c = point
    assert forward(a, b, c) == (b * c, a + b * c, 3 * (a + b * c))
    eps = 1e-6
    J = lambda *p: forward(*p)[2]
    for i, slope in enumerate(backward(a, b, c)):
        up, down = list(point), list(point)
        up[i] += eps
        down[i] -= eps
        assert np.isclose(slope, (J(*up) - J(*down)) / (2 * eps), rtol=1e-6, atol=1e-6)
    assert all(type(x) is float for x in (*forward(a, b, c), *backward(a, b, c)))
    assert backward(5.0, 3.0, 2.0) == (3.0, 6.0, 9.0)

"""Week 3, planar data: the data module, the reference network (against finite differences and
on the flower), and grading through real nbgrader: the solution earns full marks, a blank
notebook none, and each typical mistake costs points on its own function only."""
import re
import sys

import nbformat
import numpy as np
import pytest

from nndl.build.solution_module import solution_module
from nndl.course import REPO_ROOT
from nndl.jail.call_result import CallResult
from nndl.mistakes import MISTAKES as CATALOG
from support import GradingContract, feedback_text, grade_mistakes, output_text, quoted, solution_run

A = "w3_planar_data"
STUDENT_FILES = REPO_ROOT / "nndl" / "student_files"

MISTAKES = CATALOG[A]

# More mistakes (besides those nndl.mistakes.MORE catalogues, which the grading contract grades as well).
SELF_CHECK = '"q1": "b", "q2": "a", "q3": (4, 2), "q4": (4, 400), "q5": "a"'
MORE_MISTAKES = {
    # a wrong self-check answer costs that question's share of its points, and nothing else
    "self_check_zero_weights_are_fine": ("self_check", (SELF_CHECK, SELF_CHECK.replace('"q1": "b"', '"q1": "c"'))),
    # an older version of the exercise took the parameters too
    "old_cost_signature": ("compute_cost", ("def compute_cost(A2, Y):", "def compute_cost(A2, Y, parameters):"),
                           ["compute_cost", "nn_model"]),  # nn_model calls compute_cost(A2, Y)
}

# Equivalent answers, changed in the reference solution: each must score full marks.
EQUIVALENT = {
    "self_check_other_forms": ("self_check", (SELF_CHECK, '"q1": "B", "q2": "A", "q3": [4, 2], "q4": (4.0, 400.0), '
                                                          '"q5": " a "')),
    "cost_as_1x1_array": ("compute_cost", ("cost = -np.sum(log_likelihood) / m",
                                           "cost = -np.sum(log_likelihood, keepdims=True) / m")),
    "boolean_predictions": ("predict", ("(A2 > 0.5).astype(int)", "(A2 > 0.5)")),
    "float_predictions": ("predict", ("(A2 > 0.5).astype(int)", "(A2 > 0.5).astype(float)")),
    "rounded_predictions": ("predict", ("(A2 > 0.5).astype(int)", "np.round(A2)")),
    "m_from_Y": ("data_shapes", ("m = X.shape[1]", "m = Y.shape[1]")),
}

# Correct work written the classic way (the widely used version of this course: its signatures, keys,
# template asserts and conventions, such as boolean predictions), in a student's own words.
CLASSIC = {
    "data_shapes": """\
shape_X = X.shape
shape_Y = Y.shape
m = shape_Y[1]  # training set size
print('X: ' + str(shape_X) + ', Y: ' + str(shape_Y) + ', m = %d' % m)
""",
    "layer_sizes": """\
def layer_sizes(X, Y):
    n_x = X.shape[0]
    n_h = 4
    n_y = Y.shape[0]
    return (n_x, n_h, n_y)
""",
    "initialize_parameters": """\
def initialize_parameters(n_x, n_h, n_y):
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
""",
    "forward_propagation": """\
def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    assert(A2.shape == (1, X.shape[1]))
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache
""",
    "compute_cost": """\
def compute_cost(A2, Y):
    m = Y.shape[1]
    cost = -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m
    cost = float(np.squeeze(cost))
    return cost
""",
    "backward_propagation": """\
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W1 = parameters["W1"]
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]
    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.multiply(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))
    dW1 = (1 / m) * np.dot(dZ1, X.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
    return grads
""",
    "update_parameters": """\
def update_parameters(parameters, grads, learning_rate=1.2):
    W1 = copy.deepcopy(parameters["W1"])
    b1 = copy.deepcopy(parameters["b1"])
    W2 = copy.deepcopy(parameters["W2"])
    b2 = copy.deepcopy(parameters["b2"])
    dW1, db1, dW2, db2 = grads["dW1"], grads["db1"], grads["dW2"], grads["db2"]
    W1 -= learning_rate * dW1
    b1 -= learning_rate * db1
    W2 -= learning_rate * dW2
    b2 -= learning_rate * db2
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters
""",
    "nn_model": """\
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    n_x = layer_sizes(X, Y)[0]
    n_y = layer_sizes(X, Y)[2]
    parameters = initialize_parameters(n_x, n_h, n_y)
    for i in range(0, num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        if print_cost and i % 1000 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
    return parameters
""",
    "predict": """\
def predict(parameters, X):
    A2, cache = forward_propagation(X, parameters)
    predictions = (A2 > 0.5)
    return predictions
""",
}

POINTS = {"data_shapes": 1, "layer_sizes": 1, "initialize_parameters": 2, "forward_propagation": 3, "compute_cost": 2,
          "backward_propagation": 4, "update_parameters": 2, "nn_model": 3, "predict": 2,
          "self_check": 2}


# ---------------------------------------------------------------- the reference functions, directly

@pytest.fixture(scope="module")
def ref():
    """The notebook's provided and reference functions, as the build ships them to later notebooks."""
    sys.path.insert(0, str(STUDENT_FILES))
    try:
        namespace = {}
        exec(compile(solution_module(REPO_ROOT, A), f"<{A} reference>", "exec"), namespace)
    finally:
        sys.path.remove(str(STUDENT_FILES))
    return namespace


def random_network(rng, n_x, n_h, n_y=1, scale=0.8):
    return {"W1": rng.normal(scale=scale, size=(n_h, n_x)), "b1": rng.normal(scale=0.5, size=(n_h, 1)),
            "W2": rng.normal(scale=scale, size=(n_y, n_h)), "b2": rng.normal(scale=0.5, size=(n_y, 1))}


@pytest.mark.parametrize("n_x, n_h, m", [(2, 4, 7), (3, 5, 1), (1, 2, 4)])
def test_reference_gradients_agree_with_finite_differences(ref, n_x, n_h, m):
    rng = np.random.default_rng(n_x * 100 + n_h * 10 + m)
    params = random_network(rng, n_x, n_h)
    X = rng.normal(size=(n_x, m))
    Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
    grads = ref["backward_propagation"](params, ref["forward_propagation"](X, params)[1], X, Y)
    eps = 1e-6
    for name, value in params.items():
        numeric = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            costs = []
            for sign in (1, -1):
                nudged = {k: v.copy() for k, v in params.items()}
                nudged[name][index] += sign * eps
                costs.append(ref["compute_cost"](ref["forward_propagation"](X, nudged)[0], Y))
            numeric[index] = (costs[0] - costs[1]) / (2 * eps)
        analytic = grads["d" + name]
        assert analytic.shape == value.shape
        error = np.max(np.abs(analytic - numeric) / np.maximum(1e-8, np.abs(analytic) + np.abs(numeric)))
        assert error < 1e-6, (name, error)


def test_reference_cost_is_a_python_float(ref):
    cost = ref["compute_cost"](np.array([[0.8, 0.3]]), np.array([[1, 0]]))
    assert type(cost) is float and np.isclose(cost, -(np.log(0.8) + np.log(0.7)) / 2)


def test_flower_network_reaches_about_90_percent_and_logistic_regression_is_near_chance(ref):
    from sklearn.linear_model import LogisticRegression

    X, Y = ref["load_planar_dataset"]()
    linear = LogisticRegression().fit(X.T, Y.ravel()).score(X.T, Y.ravel())
    assert 0.4 <= linear <= 0.6
    parameters = ref["nn_model"](X, Y, 4, num_iterations=10000)
    accuracy = float(np.mean(ref["predict"](parameters, X) == Y))
    assert 0.88 <= accuracy <= 0.96, accuracy


# ---------------------------------------------------------------- the hidden judges, on made-up answers

def specs_of(grade_id):
    from nndl.grading.specs import read_specs

    nb = nbformat.read(REPO_ROOT / "source" / A / f"{A}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return read_specs(grade_id, cell.source)


def judged(spec, case, value, reference=None):
    return spec.judge(case, [CallResult(True, value)], [CallResult(True, reference)])


def failed_messages(checks):
    return " ".join(c.message for c in checks if not c.passed)


def test_gradient_judge_explains_other_typical_mistakes(ref):
    spec = specs_of("backward_propagation_tests")[0]
    case = spec.cases[0]  # m = 5
    right = ref["backward_propagation"](*case.args)
    assert all(c.passed for c in judged(spec, case, right, right))
    too_large = {k: 5 * v for k, v in right.items()}
    assert "m times too large" in failed_messages(judged(spec, case, too_large, right))
    parameters, cache, X, Y = case.args
    flipped = ref["backward_propagation"](parameters, {**cache, "A2": Y - cache["A2"] + Y}, X, Y)
    text = failed_messages(judged(spec, case, flipped, right))
    assert "dW1, db1, dW2 and db2 differ" in text and "dZ2 is the prediction error" in text
    checks = judged(spec, case, {**right, "db1": right["db1"].ravel()}, right)
    assert [c.passed for c in checks] == [True, False, True, True]
    assert "db1 has the wrong shape" in failed_messages(checks)


def test_initialisation_judge_rejects_large_weights_and_identical_rows():
    spec = specs_of("initialize_parameters_tests")[0]
    case = spec.cases[0]  # n_x=2, n_h=4, n_y=1
    rng = np.random.default_rng(0)
    good = {"W1": 0.01 * rng.normal(size=(4, 2)), "b1": np.zeros((4, 1)),
            "W2": 0.01 * rng.normal(size=(1, 4)), "b2": np.zeros((1, 1))}
    assert all(c.passed for c in judged(spec, case, good))
    assert "large entries" in failed_messages(judged(spec, case, {**good, "W1": 100 * good["W1"]}))
    same_rows = {**good, "W1": np.tile(good["W1"][:1], (4, 1))}
    assert "identical" in failed_messages(judged(spec, case, same_rows))
    assert "start at zero" in failed_messages(judged(spec, case, {**good, "b1": np.ones((4, 1))}))
    assert "shape" in failed_messages(judged(spec, case, {**good, "W1": good["W1"].T}))


# ---------------------------------------------------------------- the data module

def load_planar_module():
    sys.path.insert(0, str(STUDENT_FILES))
    try:
        import planar_data
    finally:
        sys.path.remove(str(STUDENT_FILES))
    return planar_data


def test_flower_is_deterministic_balanced_and_in_the_course_layout():
    planar_data = load_planar_module()
    X, Y = planar_data.load_planar_dataset()
    assert X.shape == (2, 400) and Y.shape == (1, 400) and X.dtype == float
    assert set(np.unique(Y)) == {0, 1} and int(Y.sum()) == 200
    X2, Y2 = planar_data.load_planar_dataset()
    assert np.array_equal(X, X2) and np.array_equal(Y, Y2)
    X3, _ = planar_data.load_planar_dataset(seed=7)
    assert not np.array_equal(X, X3)


def test_extra_datasets_are_seeded_binary_and_in_the_course_layout():
    planar_data = load_planar_module()
    first, again = planar_data.load_extra_datasets(), planar_data.load_extra_datasets()
    assert sorted(first) == ["blobs", "gaussian_quantiles", "noisy_circles", "noisy_moons"]
    for name, (X, Y) in first.items():
        assert X.shape == (2, 200) and Y.shape == (1, 200), name
        assert set(np.unique(Y)) == {0, 1}, name
        assert np.array_equal(X, again[name][0]) and np.array_equal(Y, again[name][1]), name


def test_decision_boundary_plot_asks_for_points_as_columns():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    planar_data = load_planar_module()
    X, Y = planar_data.load_planar_dataset()
    seen = []

    def predict(P):
        seen.append(P.shape)
        return (P[0:1] > 0).astype(int)

    fig, ax = plt.subplots()
    assert planar_data.plot_decision_boundary(predict, X, Y, ax=ax, steps=50) is ax
    plt.close(fig)
    assert seen == [(2, 2500)]


# (the whole notebook, as a student runs it: tests/test_notebooks_run.py)

# ---------------------------------------------------------------- grading through real nbgrader

@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    more = {name: entry[:2] for name, entry in MORE_MISTAKES.items()}
    return grade_mistakes(tmp_path_factory, A, MISTAKES, more=more, classic=CLASSIC,
                          equivalent=EQUIVALENT)


class TestGrading(GradingContract):
    ASSIGNMENT = A
    MISTAKES, POINTS, MORE = MISTAKES, POINTS, MORE_MISTAKES
    CLASSIC, EQUIVALENT = CLASSIC, EQUIVALENT




def test_reference_reproduces_the_classic_published_outputs(ref):
    """The classic notebook's public inputs where they are plain numbers, and its published outputs."""
    X, Y = ref["load_planar_dataset"]()
    assert X.shape == (2, 400) and Y.shape == (1, 400)
    assert ref["layer_sizes"](np.zeros((5, 3)), np.zeros((2, 3))) == (5, 4, 2)
    np.random.seed(2)
    params = ref["initialize_parameters"](2, 4, 1)
    assert np.allclose(params["W1"], [[-0.00416758, -0.00056267], [-0.02136196, 0.01640271],
                                      [-0.01793436, -0.00841747], [0.00502881, -0.01245288]])
    assert np.allclose(params["W2"], [[-0.01057952, -0.00909008, 0.00551454, 0.02292208]])


def feedback(root, student, grade_id):
    return feedback_text(root, A, student, grade_id)


def test_gradient_feedback_names_the_wrong_gradient_and_the_fix(graded):
    root, _, _ = graded
    text = feedback(root, "mistake_backward_propagation", "backward_propagation_tests")
    assert "dW1 and db1 differ, dW2 and db2 match" in text
    assert "derivative of tanh was taken as 1 - a: it is 1 - a^2" in text  # the slip, not the line to write
    text = feedback(root, "more_keepdims_db2", "backward_propagation_tests")
    assert "db2 looks rank-1" in text and "keepdims" in text


def test_zero_initialisation_feedback_explains_symmetry(graded):
    root, _, _ = graded
    text = feedback(root, "mistake_initialize_parameters", "initialize_parameters_tests")
    assert "all zeros" in text and "symmetry" in text


def test_untrained_model_feedback_says_to_keep_the_update(graded):
    root, _, _ = graded
    text = feedback(root, "mistake_nn_model", "nn_model_tests")
    assert "updated parameters are thrown away" in text



def test_a_wrong_signature_is_named_with_the_one_expected(graded):
    root, _, _ = graded
    text = feedback(root, "more_old_cost_signature", "compute_cost_tests")
    assert "its signature should be compute_cost(A2, Y), yours is compute_cost(A2, Y, parameters)" in text
    assert "missing" not in text and "positional argument" not in text


@pytest.mark.slow
def test_the_fresh_flower_figures_quoted_in_the_text():
    """The sweep of hidden-layer sizes, scored on the training flower and on a fresh one (no real images needed)."""
    found = {int(n): (float(train), float(fresh)) for n, train, fresh in re.findall(
        r"(\d+) hidden units: training accuracy ([\d.]+) %, fresh flower ([\d.]+) %", output_text(solution_run(A)))}
    assert set(found) == {1, 2, 3, 4, 5, 20, 50}
    text = quoted(A)
    assert all(abs(found[n][0] - 71) < 1.5 and abs(found[n][1] - 71) < 1.5 for n in (1, 2))
    assert "about 71 % on both flowers" in text
    train, fresh = [found[n][0] for n in (3, 4, 5)], [found[n][1] for n in (3, 4, 5)]
    assert f"between {min(train):.1f} and {max(train):.1f} % in training" in text
    assert f"between {min(fresh):.1f} and {max(fresh):.1f} % on the fresh flower" in text
    assert f"they score {found[20][1]:.1f} %, as well as 5 units ({found[5][1]:.1f} %)" in text
    assert found[50][1] == found[20][1]
    assert f"accuracy ({found[20][0]:.1f} % and {found[50][0]:.1f} %) is within 2.5 points" in text
    assert all(0 <= found[n][0] - found[n][1] <= 2.5 for n in (3, 4, 5, 20, 50))

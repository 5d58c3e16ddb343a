"""Week 3, planar data: the data module, the reference network (against finite differences and
on the flower), and grading through real nbgrader: the solution earns full marks, a blank
notebook none, and each typical mistake costs points on its own function only."""
import sys

import nbformat
import numpy as np
import pytest

from nndl.build.solution_module import solution_module
from nndl.course import REPO_ROOT
from nndl.mistakes import MISTAKES as CATALOG
from support import GradingContract, autograded_notebook, grade_mistakes

A = "w3_planar_data"
STUDENT_FILES = REPO_ROOT / "nndl" / "student_files"

MISTAKES = CATALOG[A]

# More mistakes the issue names, each also confined to its own function's cell.
MORE_MISTAKES = {
    "keepdims_db2": ("backward_propagation",
                     ("db2 = np.sum(dZ2, axis=1, keepdims=True) / m", "db2 = np.sum(dZ2, axis=1) / m")),
    "cost_as_array": ("compute_cost", ("cost = float(cost)", "cost = np.array([[cost]])")),
    "update_in_place": ("update_parameters", (
        'W1 = W1 - learning_rate * grads["dW1"]',
        'W1 -= learning_rate * grads["dW1"]')),
}

POINTS = {"layer_sizes": 1, "initialize_parameters": 2, "forward_propagation": 3, "compute_cost": 2,
          "backward_propagation": 4, "update_parameters": 2, "nn_model": 3, "predict": 2}


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
    return spec.judge(case, [{"ok": True, "value": value}], [{"ok": True, "value": reference}])


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
    assert "dW1, db1, dW2 and db2 differ" in text and "dZ2 = A2 - Y" in text
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
    return grade_mistakes(tmp_path_factory, A, MISTAKES, more=MORE_MISTAKES)


class TestGrading(GradingContract):
    MISTAKES, POINTS, MORE = MISTAKES, POINTS, MORE_MISTAKES


def feedback(root, student, grade_id):
    nb = autograded_notebook(root, A, student)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return "".join(o.get("text", "") for o in cell.outputs)


def test_gradient_feedback_names_the_wrong_gradient_and_the_fix(graded):
    root, _, _ = graded
    text = feedback(root, "mistake_backward_propagation", "backward_propagation_tests")
    assert "dW1 and db1 differ, dW2 and db2 match" in text
    assert "1 - A1**2" in text and "derivative of tanh" in text
    text = feedback(root, "more_keepdims_db2", "backward_propagation_tests")
    assert "db2" in text and "keepdims=True" in text


def test_zero_initialisation_feedback_explains_symmetry(graded):
    root, _, _ = graded
    text = feedback(root, "mistake_initialize_parameters", "initialize_parameters_tests")
    assert "all zeros" in text and "symmetry" in text


def test_untrained_model_feedback_says_to_keep_the_update(graded):
    root, _, _ = graded
    text = feedback(root, "mistake_nn_model", "nn_model_tests")
    assert "parameters = update_parameters" in text


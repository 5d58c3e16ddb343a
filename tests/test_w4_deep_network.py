"""Week 4, a deep network step by step: the reference functions (against finite differences,
without wasted work), the notebook end to end, and grading through real nbgrader: the solution
earns full marks, a blank notebook none, each function has a mistake that costs points on its
own test cell only, and the mistakes the issue names cost points on the function and on the
functions that call it, nowhere else."""
import shutil

import nbformat
import numpy as np
import pytest

from nndl.build.solution_module import solution_module
from nndl.course import REPO_ROOT
from nndl.mistakes import MISTAKES as CATALOG
from nndl.simulate import filled_notebook
from support import GradingContract, autograded_notebook, execute, grade_mistakes

A = "w4_deep_network"

MISTAKES = CATALOG[A]

# More mistakes (most named in the issue): name -> (grade id, change, test cells expected to lose points).
MORE_MISTAKES = {
    "relu_derivative_wrong_below_zero": (
        "linear_activation_backward", ("dZ = relu_backward(dA, activation_cache)",
                                       "dZ = dA * np.sign(activation_cache)"),
        {"linear_activation_backward", "L_model_backward"}),
    "missing_1_over_m_in_dW": (
        "linear_backward", ("dW = np.dot(dZ, A_prev.T) / m", "dW = np.dot(dZ, A_prev.T)"),
        {"linear_backward", "linear_activation_backward", "L_model_backward"}),
    "db_without_keepdims": (
        "linear_backward", ("np.sum(dZ, axis=1, keepdims=True) / m", "np.sum(dZ, axis=1) / m"),
        {"linear_backward", "linear_activation_backward", "L_model_backward"}),
    "forgot_the_bias": (
        "linear_forward", ("Z = np.dot(W, A) + b", "Z = np.dot(W, A)"),
        {"linear_forward", "linear_activation_forward", "L_model_forward"}),
    "hidden_layers_with_sigmoid_backward": (
        "L_model_backward", ('activation = "sigmoid" if l == L else "relu"', 'activation = "sigmoid"'),
        {"L_model_backward"}),
    "zero_initialisation": (
        "initialize_parameters_deep",
        ("np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])",
         "np.zeros((layer_dims[l], layer_dims[l - 1]))"),
        {"initialize_parameters_deep"}),
    "cost_as_array": ("compute_cost", ("cost = float(cost)", "cost = np.array([[cost]])"), {"compute_cost"}),
    "bias_update_in_place": (
        "update_parameters", ('parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]',
                              'parameters[f"b{l}"] -= learning_rate * grads[f"db{l}"]'),
        {"update_parameters"}),
}

POINTS = {"initialize_parameters": 2, "initialize_parameters_deep": 2, "linear_forward": 2,
          "linear_activation_forward": 2, "L_model_forward": 3, "compute_cost": 2, "linear_backward": 3,
          "linear_activation_backward": 2, "L_model_backward": 4, "update_parameters": 2}


# ---------------------------------------------------------------- the reference functions, directly

@pytest.fixture(scope="module")
def ref():
    """The notebook's provided and reference functions, as the build ships them (dnn_steps.py)."""
    namespace = {}
    exec(compile(solution_module(REPO_ROOT, A), f"<{A} reference>", "exec"), namespace)
    return namespace


def random_network(rng, dims, m):
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        params[f"b{l}"] = rng.normal(scale=0.3, size=(dims[l], 1))
    X = rng.normal(size=(dims[0], m))
    Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
    return params, X, Y


@pytest.mark.parametrize("dims, m", [([4, 3, 1], 5), ([5, 4, 3, 1], 6), ([3, 5, 4, 2, 1], 4), ([4, 3, 2, 1], 1),
                                     ([6, 1], 3)])
def test_reference_backward_agrees_with_finite_differences_of_the_cost(ref, dims, m):
    rng = np.random.default_rng(sum(dims) * 10 + m)
    params, X, Y = random_network(rng, dims, m)
    AL, caches = ref["L_model_forward"](X, params)
    grads = ref["L_model_backward"](AL, Y, caches)
    L = len(dims) - 1
    assert sorted(grads) == sorted([f"dW{l}" for l in range(1, L + 1)] + [f"db{l}" for l in range(1, L + 1)]
                                   + [f"dA{l}" for l in range(1, L)])
    eps = 1e-6
    for name, value in params.items():
        numeric = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            costs = []
            for sign in (1, -1):
                nudged = {k: v.copy() for k, v in params.items()}
                nudged[name][index] += sign * eps
                costs.append(ref["compute_cost"](ref["L_model_forward"](X, nudged)[0], Y))
            numeric[index] = (costs[0] - costs[1]) / (2 * eps)
        analytic = grads["d" + name]
        assert analytic.shape == value.shape
        error = np.max(np.abs(analytic - numeric) / np.maximum(1e-8, np.abs(analytic) + np.abs(numeric)))
        assert error < 1e-5 or np.allclose(analytic, numeric, rtol=0, atol=1e-9), (name, error)


def test_reference_backward_skips_dA0_and_leaves_its_inputs_alone(ref):
    params, X, Y = random_network(np.random.default_rng(0), [5, 4, 1], 3)
    AL, caches = ref["L_model_forward"](X, params)
    assert caches[0][0][0] is X  # the cache holds the input itself, no copy
    before = [(tuple(a.copy() for a in lin), Z.copy()) for lin, Z in caches]
    grads = ref["L_model_backward"](AL, Y, caches)
    assert "dA0" not in grads
    for (lin, Z), (lin0, Z0) in zip(caches, before):
        assert all(np.array_equal(a, b) for a, b in zip(lin, lin0)) and np.array_equal(Z, Z0)
    dA_prev, dW, db = ref["linear_backward"](np.ones((4, 3)), caches[0][0], compute_dA_prev=False)
    assert dA_prev is None and dW.shape == (4, 5) and db.shape == (4, 1)


def test_reference_update_returns_new_arrays(ref):
    params, _, _ = random_network(np.random.default_rng(1), [3, 2, 1], 2)
    grads = {"d" + k: np.ones_like(v) for k, v in params.items()}
    copy = {k: v.copy() for k, v in params.items()}
    new = ref["update_parameters"](params, grads, 0.5)
    assert all(np.array_equal(params[k], copy[k]) for k in params)
    assert all(np.allclose(new[k], copy[k] - 0.5) for k in params)


def test_reference_cost_is_a_python_float(ref):
    cost = ref["compute_cost"](np.array([[0.8, 0.3]]), np.array([[1.0, 0.0]]))
    assert type(cost) is float and np.isclose(cost, -(np.log(0.8) + np.log(0.7)) / 2)


def test_reference_initialisers_have_the_documented_spread(ref):
    np.random.seed(0)
    shallow = ref["initialize_parameters"](500, 80, 1)
    deep = ref["initialize_parameters_deep"]([500, 80, 10, 1])
    assert abs(np.std(shallow["W1"]) / 0.01 - 1) < 0.05
    assert abs(np.std(deep["W1"]) * np.sqrt(500) - 1) < 0.05 and abs(np.std(deep["W2"]) * np.sqrt(80) - 1) < 0.1
    assert all(not v.any() for k, v in deep.items() if k.startswith("b"))


def test_shipped_module_holds_only_provided_and_reference_functions(ref):
    """The hidden regions' helpers are indented, so the solution module never carries them."""
    names = {k for k, v in ref.items() if callable(v) and not k.startswith("_")}
    assert names == {"sigmoid", "relu", "sigmoid_backward", "relu_backward", "initialize_parameters",
                     "initialize_parameters_deep", "linear_forward", "linear_activation_forward",
                     "L_model_forward", "compute_cost", "linear_backward", "linear_activation_backward",
                     "L_model_backward", "update_parameters"}
    text = solution_module(REPO_ROOT, A)
    assert "nndl.student_files" not in text and "grade(" not in text and "HIDDEN" not in text


# ---------------------------------------------------------------- the whole notebook, as a student runs it

def test_filled_release_notebook_runs_end_to_end(tmp_path):
    """Every cell, the gradient check included, with the reference code typed in."""
    shutil.copy(REPO_ROOT / "release" / A / "nndl_checks.py", tmp_path / "nndl_checks.py")
    path = tmp_path / f"{A}.ipynb"
    nbformat.write(filled_notebook(REPO_ROOT, A), path)
    nb = execute(path)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    errors = [float(line.split("relative error ")[1]) for line in text.splitlines() if "relative error" in line]
    assert len(errors) == 6 and max(errors) < 1e-5


# ---------------------------------------------------------------- grading through real nbgrader

@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_mistakes(tmp_path_factory, A, MISTAKES, more={n: (g, c) for n, (g, c, _) in MORE_MISTAKES.items()})


class TestGrading(GradingContract):
    MISTAKES, POINTS, MORE = MISTAKES, POINTS, MORE_MISTAKES


def feedback(root, student, grade_id):
    nb = autograded_notebook(root, A, student)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return "".join(o.get("text", "") for o in cell.outputs)


def test_gradient_check_feedback_names_the_first_wrong_layer_from_the_output(graded):
    root, _, _ = graded
    text = feedback(root, "more_hidden_layers_with_sigmoid_backward", "L_model_backward_tests")
    # the output layer is right; the first wrong one, counting back, is the layer below it
    assert "the first wrong gradient is dW3 (layer 3, 1 layer(s) below the output" in text  # 4-layer case
    assert "the first wrong gradient is dW1 (layer 1, 1 layer(s) below the output" in text  # 2-layer case
    text = feedback(root, "mistake_L_model_backward", "L_model_backward_tests")
    assert "(layer 4, the output layer)" in text and "(layer 2, the output layer)" in text


def test_in_place_mistakes_are_explained(graded):
    root, _, _ = graded
    for student, grade_id in (("mistake_update_parameters", "update_parameters_tests"),
                              ("mistake_linear_backward", "linear_backward_tests"),
                              ("mistake_linear_activation_backward", "linear_activation_backward_tests")):
        assert "changed its input arguments in place" in feedback(root, student, grade_id)

"""Week 4, a deep network step by step: the reference functions (against finite differences,
without wasted work), the notebook end to end, and grading through real nbgrader: the solution
earns full marks, a blank notebook none, each function has a mistake that costs points on its
own test cell only, and the mistakes the issue names cost points on the function and on the
functions that call it, nowhere else."""
import re

import numpy as np
import pytest

from nndl.build.solution_module import solution_module
from nndl.course import REPO_ROOT
from nndl.mistakes import MISTAKES as CATALOG
from support import GradingContract, feedback_text, grade_mistakes, output_text, quoted, solution_run

A = "w4_deep_network"

MISTAKES = CATALOG[A]

# More mistakes (most named in the issue, and in ``also`` the functions that lose points with them): all in
# nndl.mistakes.MORE now, which the grading contract grades.
SELF_CHECK = '"q1": (2, 3), "q2": 4, "q3": "a", "q4": "b", "q5": "b"'
MORE_MISTAKES = {
    # a wrong self-check answer costs that question's share of its points, and nothing else
    "self_check_bias_shape": ("self_check", (SELF_CHECK, SELF_CHECK.replace("(2, 3)", "(2, 1)")),
                              ["self_check"]),
}

# Right answers written another way: each must score full marks.
EQUIVALENT = {
    "self_check_other_forms": ("self_check", (SELF_CHECK, '"q1": [2, 3], "q2": 4.0, "q3": "A", "q4": "B", "q5": "b)"')),
}

# Correct work written the classic way (the widely used version of this course: its signatures, provided
# seeds and copies, keys and conventions), in a student's own words; each must score full marks.
CLASSIC = {
    "initialize_parameters": """\
def initialize_parameters(n_x, n_h, n_y):
    np.random.seed(1)
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros(shape=(n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros(shape=(n_y, 1))
    assert W1.shape == (n_h, n_x) and W2.shape == (n_y, n_h)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
""",
    "initialize_parameters_deep": """\
def initialize_parameters_deep(layer_dims):
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)
    for l in range(1, L):
        parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
        assert parameters['W' + str(l)].shape == (layer_dims[l], layer_dims[l - 1])
        assert parameters['b' + str(l)].shape == (layer_dims[l], 1)
    return parameters
""",
    "linear_forward": """\
def linear_forward(A, W, b):
    Z = W.dot(A) + b
    cache = (A, W, b)
    return Z, cache
""",
    "linear_activation_forward": """\
def linear_activation_forward(A_prev, W, b, activation):
    if activation == "sigmoid":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)
    cache = (linear_cache, activation_cache)
    return A, cache
""",
    "L_model_forward": """\
def L_model_forward(X, parameters):
    caches = []
    A = X
    L = len(parameters) // 2
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(A_prev, parameters['W' + str(l)], parameters['b' + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters['W' + str(L)], parameters['b' + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches
""",
    # np.dot of a row and a column: a (1, 1) array, which the provided np.squeeze turns into a number
    "compute_cost": """\
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = (-1 / m) * (np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))
    cost = np.squeeze(cost)
    return cost
""",
    "linear_backward": """\
def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
""",
    "linear_activation_backward": """\
def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db
""",
    "L_model_backward": """\
def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    current = caches[L - 1]
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = \\
        linear_activation_backward(dAL, current, "sigmoid")
    for l in reversed(range(L - 1)):
        current = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 1)], current, "relu")
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp
    return grads
""",
    # in place, on the deep copy the provided first line makes
    "update_parameters": """\
def update_parameters(params, grads, learning_rate):
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2
    for l in range(L):
        parameters["W" + str(l + 1)] -= learning_rate * grads["dW" + str(l + 1)]
        parameters["b" + str(l + 1)] -= learning_rate * grads["db" + str(l + 1)]
    return parameters
""",
    # the classic course's gradient_check_n (its arrays of costs, its step-by-step assignments), on the
    # helpers of this notebook
    "gradient_check_n": """\
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i] = network_cost(vector_to_dictionary(theta_plus, parameters), X, Y)
        theta_minus = np.copy(parameters_values)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i] = network_cost(vector_to_dictionary(theta_minus, parameters), X, Y)
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    if print_msg:
        print("difference = " + str(difference))
    return difference
""",
}

POINTS = {"initialize_parameters": 2, "initialize_parameters_deep": 2, "linear_forward": 2,
          "linear_activation_forward": 2, "L_model_forward": 3, "compute_cost": 2, "linear_backward": 3,
          "linear_activation_backward": 2, "L_model_backward": 4, "update_parameters": 2, "gradient_check_n": 4,
          "self_check": 2}


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
                                   + [f"dA{l}" for l in range(L)])
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


def test_reference_backward_returns_dA0_and_leaves_its_inputs_alone(ref):
    params, X, Y = random_network(np.random.default_rng(0), [5, 4, 1], 3)
    AL, caches = ref["L_model_forward"](X, params)
    assert caches[0][0][0] is X  # the cache holds the input itself, no copy
    before = [(tuple(a.copy() for a in lin), Z.copy()) for lin, Z in caches]
    grads = ref["L_model_backward"](AL, Y, caches)
    assert grads["dA0"].shape == X.shape
    assert np.allclose(grads["dA0"], params["W1"].T @ np.where(caches[0][1] > 0, grads["dA1"], 0))
    for (lin, Z), (lin0, Z0) in zip(caches, before):
        assert all(np.array_equal(a, b) for a, b in zip(lin, lin0)) and np.array_equal(Z, Z0)
    dA_prev, dW, db = ref["linear_backward"](np.ones((4, 3)), caches[0][0])
    assert dA_prev.shape == (5, 3) and dW.shape == (4, 5) and db.shape == (4, 1)


def classic_seeded(seed, *shapes):
    """Arrays of standard normal numbers drawn in order after np.random.seed(seed), the classic test inputs."""
    np.random.seed(seed)
    return [np.random.randn(*shape) for shape in shapes]


def test_reference_reproduces_the_classic_published_outputs(ref):
    """The classic notebook's public test inputs and its published expected outputs."""
    W1 = ref["initialize_parameters"](3, 2, 1)["W1"]
    assert np.allclose(W1, [[0.01624345, -0.00611756, -0.00528172], [-0.01072969, 0.00865408, -0.02301539]])
    deep = ref["initialize_parameters_deep"]([5, 4, 3])
    assert np.allclose(deep["W2"], [[-0.01185047, -0.0020565, 0.01486148, 0.00236716],
                                    [-0.01023785, -0.00712993, 0.00625245, -0.00160513],
                                    [-0.00768836, -0.00230031, 0.00745056, 0.01976111]])
    assert sorted(deep) == ["W1", "W2", "b1", "b2"] and not deep["b2"].any()
    A, W, b = classic_seeded(1, (3, 2), (1, 3), (1, 1))
    Z, cache = ref["linear_forward"](A, W, b)
    assert np.allclose(Z, [[3.26295337, -1.23429987]]) and cache[0] is A and cache[1] is W and cache[2] is b
    A_prev, W, b = classic_seeded(2, (3, 2), (1, 3), (1, 1))
    assert np.allclose(ref["linear_activation_forward"](A_prev, W, b, "sigmoid")[0], [[0.96890023, 0.11013289]])
    assert np.allclose(ref["linear_activation_forward"](A_prev, W, b, "relu")[0], [[3.43896131, 0.0]])
    X, W1, b1, W2, b2, W3, b3 = classic_seeded(6, (5, 4), (4, 5), (4, 1), (3, 4), (3, 1), (1, 3), (1, 1))
    AL, caches = ref["L_model_forward"](X, {"W1": W1, "b1": b1, "W2": W2, "b2": b2, "W3": W3, "b3": b3})
    assert np.allclose(AL, [[0.03921668, 0.70498921, 0.19734387, 0.04728177]]) and len(caches) == 3
    assert np.isclose(ref["compute_cost"](np.array([[0.8, 0.9, 0.4]]), np.asarray([[1, 1, 0]])), 0.2797765635793422)
    dZ, A_prev, W, b = classic_seeded(1, (3, 4), (5, 4), (3, 5), (3, 1))
    dA_prev, dW, db = ref["linear_backward"](dZ, (A_prev, W, b))
    assert np.allclose(dA_prev[0], [-1.15171336, 0.06718465, -0.3204696, 2.09812712])
    assert np.allclose(dW[2], [0.97913304, -0.24376494, -0.08839671, 0.55151192, -0.10290907])
    assert np.allclose(db, [[-0.14713786], [-0.11313155], [-0.13209101]])
    dA, A_prev, W, b, Z = classic_seeded(2, (1, 2), (3, 2), (1, 3), (1, 1), (1, 2))
    dA_prev, dW, db = ref["linear_activation_backward"](dA, ((A_prev, W, b), Z), "sigmoid")
    assert np.allclose(dA_prev, [[0.11017994, 0.01105339], [0.09466817, 0.00949723], [-0.05743092, -0.00576154]])
    assert np.allclose(dW, [[0.10266786, 0.09778551, -0.01968084]]) and np.allclose(db, [[-0.05729622]])
    dA_prev, dW, db = ref["linear_activation_backward"](dA, ((A_prev, W, b), Z), "relu")
    assert np.allclose(dA_prev, [[0.44090989, 0.0], [0.37883606, 0.0], [-0.2298228, 0.0]])
    assert np.allclose(dW, [[0.44513824, 0.37371418, -0.10478989]]) and np.allclose(db, [[-0.20837892]])
    AL, A1, W1, b1, Z1, A2, W2, b2, Z2 = classic_seeded(3, (1, 2), (4, 2), (3, 4), (3, 1), (3, 2), (3, 2), (1, 3),
                                                        (1, 1), (1, 2))
    grads = ref["L_model_backward"](AL, np.array([[1, 0]]), (((A1, W1, b1), Z1), ((A2, W2, b2), Z2)))
    assert sorted(grads) == ["dA0", "dA1", "dW1", "dW2", "db1", "db2"]
    assert np.allclose(grads["dA0"], [[0.0, 0.52257901], [0.0, -0.3269206], [0.0, -0.32070404], [0.0, -0.74079187]])
    assert np.allclose(grads["dA1"], [[0.12913162, -0.44014127], [-0.14175655, 0.48317296], [0.01663708, -0.05670698]])
    assert np.allclose(grads["dW1"], [[0.41010002, 0.07807203, 0.13798444, 0.10502167], [0.0, 0.0, 0.0, 0.0],
                                      [0.05283652, 0.01005865, 0.01777766, 0.0135308]])
    assert np.allclose(grads["db1"], [[-0.22007063], [0.0], [-0.02835349]])


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


def test_reference_update_copies_deeply(ref):
    """The provided deep copy: even in-place arithmetic on the returned dict leaves the caller's arrays alone."""
    params, _, _ = random_network(np.random.default_rng(2), [3, 2, 1], 2)
    grads = {"d" + k: np.ones_like(v) for k, v in params.items()}
    new = ref["update_parameters"](params, grads, 0.5)
    assert all(new[k] is not params[k] and not np.shares_memory(new[k], params[k]) for k in params)


def test_reference_initialisers_have_the_documented_spread_and_seed(ref):
    shallow = ref["initialize_parameters"](500, 80, 1)
    deep = ref["initialize_parameters_deep"]([500, 80, 10, 1])
    assert abs(np.std(shallow["W1"]) / 0.01 - 1) < 0.05
    assert abs(np.std(deep["W1"]) / 0.01 - 1) < 0.05 and abs(np.std(deep["W2"]) / 0.01 - 1) < 0.1
    assert all(not v.any() for k, v in deep.items() if k.startswith("b"))
    # seeded inside (1 and 3), as the classic templates are: the same numbers every call
    assert np.array_equal(ref["initialize_parameters_deep"]([500, 80, 10, 1])["W2"], deep["W2"])
    assert np.array_equal(ref["initialize_parameters"](500, 80, 1)["W1"], shallow["W1"])


def test_shipped_module_holds_only_provided_and_reference_functions(ref):
    """The hidden regions' helpers are indented, so the solution module never carries them."""
    names = {k for k, v in ref.items() if callable(v) and not k.startswith("_")}
    assert names == {"sigmoid", "relu", "sigmoid_backward", "relu_backward", "initialize_parameters",
                     "initialize_parameters_deep", "linear_forward", "linear_activation_forward",
                     "L_model_forward", "compute_cost", "linear_backward", "linear_activation_backward",
                     "L_model_backward", "update_parameters", "dictionary_to_vector", "vector_to_dictionary",
                     "gradients_to_vector", "network_cost", "gradient_check_n"}
    text = solution_module(REPO_ROOT, A)
    assert "nndl.student_files" not in text and "grade(" not in text and "HIDDEN" not in text


# ---------------------------------------------------------------- the whole notebook, as a student runs it

def test_filled_release_notebook_runs_end_to_end():
    """Every cell, the gradient check included, with the reference code typed in."""
    text = output_text(solution_run(A))
    differences = [float(line.split()[1].rstrip(":")) for line in text.splitlines() if line.startswith("difference ")]
    # the gradient check of the student's own backward pass (section 10) and of the six mystery passes
    assert len(differences) == 1 + 5 and all(differences[i] < 1e-7 for i in (0, 3, 5))
    verdicts = re.findall(r"^difference \S+ (.*)$|^(gradient_check_n failed): ValueError", text, re.M)
    assert [v[0] or v[1] for v in verdicts] == [
        "the gradients agree with the two-sided differences",  # the student's own pass, section 10
        "there is almost surely a mistake in the gradients",  # A: dW without 1/m
        "there is almost surely a mistake in the gradients",  # B: ReLU's derivative as the sign
        "the gradients agree with the two-sided differences",  # C: db of shape (n,): only the shapes tell
        "there is almost surely a mistake in the gradients",  # D: the sigmoid's derivative of Z
        "gradient_check_n failed",  # E: db one number: the vectors differ in length
        "the gradients agree with the two-sided differences"]  # F: no bug
    assert text.count("shapes: all right") == 4
    # the saturated output: dividing by 1 - a gives nan, dZ = A - Y does not
    assert re.search(r"^score 40: a = 1\.0 .*dW through dA: nan .*dW from dZ = A - Y: 1\.0$", text, re.M)
    assert re.search(r"^score 30: a = (0\.9+\d*) +dW through dA: \1 +dW from dZ = A - Y: \1$", text, re.M)


# ---------------------------------------------------------------- grading through real nbgrader

@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_mistakes(tmp_path_factory, A, MISTAKES, more={n: (g, c) for n, (g, c, _) in MORE_MISTAKES.items()},
                          classic=CLASSIC, equivalent=EQUIVALENT)


class TestGrading(GradingContract):
    ASSIGNMENT = A
    MISTAKES, POINTS, MORE, EQUIVALENT = MISTAKES, POINTS, MORE_MISTAKES, EQUIVALENT
    CLASSIC = CLASSIC



def feedback(root, student, grade_id):
    return feedback_text(root, A, student, grade_id)


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
    for student, grade_id in (("mistake_linear_backward", "linear_backward_tests"),
                              ("mistake_linear_activation_backward", "linear_activation_backward_tests")):
        text = feedback(root, student, grade_id)
        assert "in place" in text and ("changed its first argument, an array" in text or "overwritten" in text)


# ---------------------------------------------------------------- gradient checking, against closed forms

def logistic_regression_case(rng, n, m):
    """A 1-layer network (logistic regression) and its gradients in closed form (week 2)."""
    params = {"W1": rng.normal(size=(1, n)), "b1": rng.normal(size=(1, 1))}
    X, Y = rng.normal(size=(n, m)), (rng.uniform(size=(1, m)) < 0.5).astype(float)
    A = 1 / (1 + np.exp(-(params["W1"] @ X + params["b1"])))
    return params, {"dW1": (A - Y) @ X.T / m, "db1": np.mean(A - Y, axis=1, keepdims=True)}, X, Y


def test_network_cost_is_the_cross_entropy_and_does_not_overflow(ref):
    params, X, Y = random_network(np.random.default_rng(3), [4, 3, 2, 1], 7)
    AL, _ = ref["L_model_forward"](X, params)
    assert np.isclose(ref["network_cost"](params, X, Y), ref["compute_cost"](AL, Y), rtol=1e-12)
    huge = {"W1": np.array([[800.0]]), "b1": np.array([[0.0]])}  # sigmoid(800) is 1.0 in floating point
    assert np.isclose(ref["network_cost"](huge, np.array([[1.0]]), np.array([[0.0]])), 800.0)


def test_vectors_and_dictionaries_round_trip_in_layer_order(ref):
    params, _, _ = random_network(np.random.default_rng(4), [3, 4, 2, 1], 2)
    shuffled = dict(reversed(list(params.items())))  # the order of the keys in the dict does not matter
    theta, keys = ref["dictionary_to_vector"](shuffled)
    assert theta.shape == (sum(v.size for v in params.values()), 1)
    assert keys == [k for k in ("W1", "b1", "W2", "b2", "W3", "b3") for _ in range(params[k].size)]
    back = ref["vector_to_dictionary"](theta, params)
    assert all(np.array_equal(back[k], params[k]) for k in params) and sorted(back) == sorted(params)
    grads = {"d" + k: v for k, v in params.items()} | {"dA0": np.ones((3, 2)), "dA1": np.ones((4, 2))}
    assert np.array_equal(ref["gradients_to_vector"](grads), theta)


@pytest.mark.parametrize("n, m", [(3, 4), (1, 1), (8, 20)])
def test_reference_gradient_check_reads_as_the_text_says(ref, n, m):
    """Right gradients: well below 1e-7 at epsilon = 1e-7 (the table of thresholds); twice too large:
    1/3; the wrong sign: 1; a one-sided estimate would be much worse at epsilon = 1e-3."""
    params, grads, X, Y = logistic_regression_case(np.random.default_rng(n * 100 + m), n, m)
    check = ref["gradient_check_n"]
    assert check(params, grads, X, Y) < 1e-7
    assert check(params, grads, X, Y, epsilon=1e-3) < 1e-5
    assert np.isclose(check(params, {k: 2 * v for k, v in grads.items()}, X, Y), 1 / 3, rtol=1e-6)
    assert np.isclose(check(params, {k: -v for k, v in grads.items()}, X, Y), 1.0, rtol=1e-6)
    assert check(params, {"dW1": grads["dW1"], "db1": grads["db1"] + 0.01}, X, Y) > 1e-3
    assert all(np.array_equal(a, b) for a, b in zip(params.values(), logistic_regression_case(
        np.random.default_rng(n * 100 + m), n, m)[0].values()))  # the parameters are left as they were


def test_reference_gradient_check_passes_the_reference_backward_on_deep_networks(ref):
    for dims, m in (([4, 5, 3, 1], 6), ([12, 20, 7, 5, 1], 10), ([3, 6, 4, 2, 1], 8)):
        params, X, Y = random_network(np.random.default_rng(sum(dims)), dims, m)
        AL, caches = ref["L_model_forward"](X, params)
        grads = ref["L_model_backward"](AL, Y, caches)
        assert ref["gradient_check_n"](params, grads, X, Y) < 1e-7
        grads["dW2"] = grads["dW2"] * m  # the classic missing 1/m
        assert ref["gradient_check_n"](params, grads, X, Y) > 1e-3


def test_the_gradient_check_text_states_the_thresholds_its_cells_show():
    text = (REPO_ROOT / "notebooks" / f"{A}.py").read_text()
    assert "A relative error around $10^{-7}$ or smaller means the two agree" not in text
    for row in ("| about $10^{-7}$ or smaller |", "| about $10^{-5}$ |", "| about $10^{-3}$ or larger |"):
        assert row in text
    assert "\\lVert g - g_{\\text{approx}} \\rVert_2" in text


# ---------------------------------------------------------------- the optional debugging section

def test_mystery_passes_break_one_building_block_each_and_put_it_back(ref):
    """debugging.py, run on the reference functions: each pass differs from the right gradients exactly as
    its revealed bug says, and the building blocks are the right ones again afterwards."""
    from nndl.student_files import debugging

    params, X, Y = random_network(np.random.default_rng(11), [3, 4, 3, 1], 5)
    AL, caches = ref["L_model_forward"](X, params)
    right = ref["L_model_backward"](AL, Y, caches)
    blocks = {name: ref[name] for name in ("sigmoid_backward", "relu_backward", "linear_backward")}
    passes = debugging.mystery_backward_passes(ref)
    assert sorted(passes) == list("ABCDEF")
    got = {label: backward(AL, Y, caches) for label, backward in passes.items()}
    assert {name: ref[name] for name in blocks} == blocks
    same = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b)
    for l in (1, 2, 3):
        assert same(got["A"][f"dW{l}"], 5 * right[f"dW{l}"]) and same(got["A"][f"db{l}"], right[f"db{l}"])
        assert got["C"][f"db{l}"].shape == (right[f"db{l}"].shape[0],)
        assert same(got["C"][f"db{l}"], right[f"db{l}"].ravel())
        assert np.ndim(got["E"][f"db{l}"]) == 0 and np.isclose(got["E"][f"db{l}"], right[f"db{l}"].sum())
        assert all(same(got["F"][k], right[k]) for k in right)
        assert not same(got["D"][f"dW{l}"], right[f"dW{l}"])
    assert same(got["B"]["dW3"], right["dW3"]) and not same(got["B"]["dW2"], right["dW2"])
    for label in "ABCDEF":
        assert debugging.reveal(label)


def test_a_failing_mystery_pass_still_puts_the_building_block_back(ref):
    from nndl.student_files import debugging

    namespace = dict(ref)
    namespace["L_model_backward"] = lambda AL, Y, caches: 1 / 0
    original = namespace["linear_backward"]
    with pytest.raises(ZeroDivisionError):
        debugging.mystery_backward_passes(namespace)["A"](None, None, None)
    assert namespace["linear_backward"] is original


def test_check_each_parameter_finds_the_wrong_array(ref, capsys):
    from nndl.student_files import debugging

    params, X, Y = random_network(np.random.default_rng(12), [3, 4, 2, 1], 6)
    AL, caches = ref["L_model_forward"](X, params)
    grads = ref["L_model_backward"](AL, Y, caches)
    found = debugging.check_each_parameter(ref["network_cost"], params, grads, X, Y)
    assert max(found.values()) < 1e-6
    grads["db2"] = grads["db2"] * 2
    found = debugging.check_each_parameter(ref["network_cost"], params, grads, X, Y)
    assert [name for name, d in found.items() if d > 1e-3] == ["b2"]
    assert "db2   relative difference" in capsys.readouterr().out


def demo_network(sizes=(4, 5, 3, 1), m=6, seed=0):
    """The network of the notebook's check_my_backward cell (same generator calls, same order)."""
    generator = np.random.default_rng(seed)
    params = {}
    for layer in range(1, len(sizes)):
        params[f"W{layer}"] = generator.normal(size=(sizes[layer], sizes[layer - 1])) / np.sqrt(sizes[layer - 1])
        params[f"b{layer}"] = generator.normal(scale=0.3, size=(sizes[layer], 1))
    X = generator.normal(size=(sizes[0], m))
    Y = (generator.uniform(size=(1, m)) < 0.5).astype(float)
    return params, X, Y


def test_the_figures_quoted_in_the_gradient_check_text(ref):
    """Section 10's figures, on the notebook's own 3-layer example: the reference's difference is about 1e-8;
    at epsilon = 1e-3 the two-sided estimate gives about 1e-8 and the one-sided about 1e-4; the estimate's
    rounding error is about 1e-9, and the largest entry-wise error is far above the norm-based difference."""
    params, X, Y = demo_network()
    AL, caches = ref["L_model_forward"](X, params)
    grads = ref["L_model_backward"](AL, Y, caches)
    check = ref["gradient_check_n"]
    assert 3e-9 < check(params, grads, X, Y) < 3e-8
    assert 3e-9 < check(params, grads, X, Y, epsilon=1e-3) < 3e-7

    theta, _ = ref["dictionary_to_vector"](params)
    g = ref["gradients_to_vector"](grads)
    cost = lambda t: ref["network_cost"](ref["vector_to_dictionary"](t, params), X, Y)
    J0 = cost(theta)

    def estimate(eps, one_sided=False):
        out = np.zeros_like(theta)
        for i in range(theta.shape[0]):
            up, down = theta.copy(), theta.copy()
            up[i] += eps
            down[i] -= eps
            out[i] = (cost(up) - J0) / eps if one_sided else (cost(up) - cost(down)) / (2 * eps)
        return out

    relative = lambda a: np.linalg.norm(g - a) / (np.linalg.norm(g) + np.linalg.norm(a))
    assert 3e-5 < relative(estimate(1e-3, one_sided=True)) < 3e-3
    fine = estimate(1e-7)
    assert 1e-10 < np.max(np.abs(fine - g)) < 1e-8
    nonzero = np.abs(g) > 0
    entrywise = np.max(np.abs(fine - g)[nonzero] / (np.abs(fine) + np.abs(g))[nonzero])
    assert entrywise > 1e-6 > 1e-7 > relative(fine)
    assert np.min(np.abs(g[nonzero])) < 1e-4


def test_the_sigmoid_rounds_to_one_where_the_text_says():
    sigmoid = lambda z, t: t(1) / (t(1) + np.exp(-t(z)))
    assert sigmoid(36, np.float64) < 1 and sigmoid(37, np.float64) == 1 and sigmoid(40, np.float64) == 1
    assert sigmoid(16, np.float32) < 1 and sigmoid(17, np.float32) == 1


@pytest.mark.slow
def test_the_initialisation_and_symmetry_figures_quoted_in_the_text():
    printed = output_text(solution_run(A))
    spread = {(act, scheme): (float(first), float(last)) for act, scheme, first, last in re.findall(
        r"(ReLU|tanh) +(0\.01|1/sqrt\(n\)|He, sqrt\(2/n\)) +spread of layer 1: (\S+), of layer 10: (\S+)", printed)}
    assert len(spread) == 6
    text = quoted(A)
    assert spread["ReLU", "0.01"][1] == 7.5e-09 and "about $7.5 \\cdot 10^{-9}$ for ReLU" in text
    assert max(spread[act, "0.01"][1] for act in ("ReLU", "tanh")) < 1e-6 and "below $10^{-6}$" in text
    assert spread["ReLU", "1/sqrt(n)"] == (0.58, 0.026) and "from 0.58 to 0.026 over ten layers" in text
    assert spread["tanh", "1/sqrt(n)"] == (0.63, 0.23) and "(0.63 to 0.23)" in text
    assert spread["ReLU", "He, sqrt(2/n)"] == (0.83, 0.64) and "(0.83 at layer 1, 0.64 at layer 10)" in text
    symmetry = dict(re.findall(r"(all weights 0\.5|random, 0\.01) *: largest difference between two hidden "
                               r"units' weights (\S+), final cost", printed))
    costs = dict(re.findall(r"(all weights 0\.5|random, 0\.01) *: .*final cost (\S+)", printed))
    assert float(symmetry["all weights 0.5"]) == 0.0 and float(symmetry["random, 0.01"]) > 1
    assert f"cost stays at {costs['all weights 0.5']}" in text and f"the cost falls to {costs['random, 0.01']}" in text

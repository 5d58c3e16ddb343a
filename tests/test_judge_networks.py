"""The judge library's random networks and the judges of forward and backward passes
(nndl/grading/judges/networks.py, forward_passes.py, gradients.py), unit by unit: the grader's own
passes agree with the course's reference and with finite differences, builders are reproducible, and
each judge passes right work and names what is wrong in wrong work."""
import numpy as np
import pytest

from nndl.build.solution_module import solution_module
from nndl.course import REPO_ROOT
from nndl.grading import judges
from nndl.grading.judges import networks
from nndl.grading.judges.forward_passes import output_and_caches, output_and_layer_cache
from nndl.grading.judges.gradients import (backward_agrees_with_finite_differences, parameters_in,
                                         small_difference_for_right_gradients)
from nndl.grading.specs import case, read_specs
from nndl.jail.call_result import CallResult

DIMS = [4, 5, 3, 1]


@pytest.fixture(scope="module")
def ref():
    """The week-4 notebook's reference functions, as the build ships them."""
    namespace = {}
    exec(compile(solution_module(REPO_ROOT, "w4_deep_network"), "<w4_deep_network reference>", "exec"), namespace)
    return namespace


def ok(value):
    return [CallResult(True, value)]


def rng(seed=0):
    return np.random.default_rng(seed)


# ---------------------------------------------------------------- networks: the builders

def test_parameters_have_the_layer_shapes_and_a_spread_that_keeps_activations_alive():
    params = networks.parameters(rng(), [400, 300, 1])
    assert sorted(params) == ["W1", "W2", "b1", "b2"]
    assert params["W1"].shape == (300, 400) and params["b1"].shape == (300, 1) and params["W2"].shape == (1, 300)
    assert abs(np.std(params["W1"]) * np.sqrt(400) - 1) < 0.02 and abs(np.std(params["b1"]) / 0.3 - 1) < 0.15


def test_the_same_generator_gives_the_same_network_and_the_stated_order_of_draws():
    a, b = networks.network_and_examples(rng(4), DIMS, 6), networks.network_and_examples(rng(4), DIMS, 6)
    assert all(np.array_equal(a[0][k], b[0][k]) for k in a[0])
    assert np.array_equal(a[1], b[1]) and np.array_equal(a[2], b[2])
    params, X, Y = a  # parameters first, then X, then the labels
    generator = rng(4)
    first = networks.parameters(generator, DIMS)
    assert all(np.array_equal(v, first[k]) for k, v in params.items())
    assert np.array_equal(X, generator.normal(size=(4, 6))) and np.array_equal(Y, judges.labels(generator, 6))
    assert Y.shape == (1, 6) and set(np.unique(Y)) <= {0.0, 1.0}


def test_forward_and_cost_are_the_courses_own(ref):
    params, X, Y = networks.network_and_examples(rng(1), DIMS, 7)
    AL, caches = networks.forward(params, X)
    AL_ref, caches_ref = ref["L_model_forward"](X, params)
    assert np.allclose(AL, AL_ref) and len(caches) == len(caches_ref) == 3
    for ((A, W, b), Z), ((A_r, W_r, b_r), Z_r) in zip(caches, caches_ref):
        assert all(np.allclose(x, y) for x, y in ((A, A_r), (W, W_r), (b, b_r), (Z, Z_r)))
    assert np.isclose(networks.cost(params, X, Y), ref["compute_cost"](AL_ref, Y), rtol=1e-12)


@pytest.mark.parametrize("dims, m", [(DIMS, 6), ([6, 1], 3), ([3, 5, 4, 2, 1], 1)])
def test_gradients_agree_with_finite_differences_and_the_reference_backward(ref, dims, m):
    params, X, Y = networks.network_and_examples(rng(sum(dims) + m), dims, m)
    grads = networks.gradients(params, X, Y)
    L = len(dims) - 1
    assert sorted(grads) == sorted([f"d{p}{l}" for l in range(1, L + 1) for p in "Wb"] + [f"dA{l}" for l in range(L)])
    estimate = judges.numerical_gradient(lambda p: networks.cost(p, X, Y), params)
    for name in params:
        assert np.allclose(grads["d" + name], estimate[name], rtol=1e-5, atol=1e-8), name
    AL, caches = ref["L_model_forward"](X, params)
    reference = ref["L_model_backward"](AL, Y, caches)
    assert all(np.allclose(grads[k], reference[k]) for k in reference)


def test_the_inputs_of_each_graded_function_fit_together():
    X, params = networks.L_model_forward_inputs(rng(), DIMS, 5)
    assert X.shape == (4, 5) and params["W3"].shape == (1, 3)
    AL, Y, caches = networks.L_model_backward_inputs(rng(), DIMS, 5)
    assert AL.shape == Y.shape == (1, 5) and len(caches) == 3
    assert np.allclose(networks.forward(parameters_in(caches), caches[0][0][0])[0], AL)
    dZ, (A_prev, W, b) = networks.linear_backward_inputs(rng(), 3, 4, 5)
    assert dZ.shape == (3, 5) and A_prev.shape == (4, 5) and W.shape == (3, 4) and b.shape == (3, 1)
    dA, ((A_prev, W, b), Z) = networks.linear_activation_backward_inputs(rng(), 2, 6, 1)
    assert dA.shape == (2, 1) and np.allclose(Z, W @ A_prev + b)
    params, grads = networks.update_parameters_inputs(rng(), [5, 2, 1])
    assert sorted(params) == ["W1", "W2", "b1", "b2"] and sorted(grads) == ["dA0", "dA1", "dW1", "dW2", "db1", "db2"]
    assert all(grads["d" + k].shape == v.shape for k, v in params.items()) and grads["dA0"].shape == (5, 3)


def test_gradient_check_inputs_are_right_unless_spoiled_as_asked(ref):
    check = ref["gradient_check_n"]
    params, grads, X, Y = networks.gradient_check_n_inputs(rng(2), DIMS, 6)
    assert all(np.array_equal(grads[k], v) for k, v in networks.gradients(params, X, Y).items())
    assert check(params, grads, X, Y) < 1e-7
    _, scaled, _, _ = networks.gradient_check_n_inputs(rng(2), DIMS, 6, scale=("db2", 6), with_dA=False)
    assert not any(k.startswith("dA") for k in scaled) and np.allclose(scaled["db2"], 6 * grads["db2"])
    assert all(np.array_equal(scaled[k], grads[k]) for k in scaled if k != "db2")
    _, noisy, _, _ = networks.gradient_check_n_inputs(rng(2), DIMS, 6, noise=("dW1", 0.05))
    assert 0.02 < np.std(noisy["dW1"] - grads["dW1"]) < 0.1
    assert check(params, noisy, X, Y) > 1e-3 and check(params, scaled, X, Y) > 1e-3


def test_a_hidden_region_reaches_the_builders_and_judges_through_judges():
    region = ("### BEGIN HIDDEN TESTS\n"
              'grade("L_model_forward", case("a net", *judges.L_model_forward_inputs(rng, [3, 2, 1], m=4)),\n'
              '      against_reference=False, judge=judges.output_and_caches("L_model_forward"))\n'
              "### END HIDDEN TESTS\n")
    (spec,) = read_specs("L_model_forward_tests", region)
    X, params = spec.cases[0].args
    assert X.shape == (3, 4) and sorted(params) == ["W1", "W2", "b1", "b2"] and spec.judge is not None


# ---------------------------------------------------------------- forward_passes: output and caches

def layer_case(ref, activation="relu"):
    dA, ((A_prev, W, b), Z) = networks.linear_activation_backward_inputs(rng(5), 3, 4, 5)
    c = case("relu, A_prev (4, 5)", A_prev, W, b, activation)
    return c, ok(ref["linear_activation_forward"](A_prev, W, b, activation))


def test_a_layer_cache_is_judged_by_its_contents_and_the_output_exactly(ref):
    judge = output_and_layer_cache("linear_activation_forward")
    c, reference = layer_case(ref)
    A, ((A_prev, W, b), Z) = reference[0].value
    assert [x.passed for x in judge(c, reference, reference)] == [True]
    assert judge(c, ok((A, ((b, A_prev, W), Z))), reference)[0].passed  # another order inside the linear cache
    (wrong,) = judge(c, ok((A + 1, ((A_prev, W, b), Z))), reference)
    assert not wrong.passed and "linear_activation_forward on relu, A_prev (4, 5): A" in wrong.message
    (swapped,) = judge(c, ok((A, (Z, (A_prev, W, b)))), reference)
    assert not swapped.passed and "cache[1] (the activation cache)" in swapped.message
    (bare,) = judge(c, ok(A), reference)
    assert not bare.passed and "should return a tuple (A, cache)" in bare.message
    # a failed call is reported once, by the grader, not again by the judge
    assert judge(c, [CallResult(False, error="ValueError")], reference) == []


def test_network_caches_are_one_per_layer_in_layer_order(ref):
    judge = output_and_caches("L_model_forward")
    X, params = networks.L_model_forward_inputs(rng(6), DIMS, 4)
    c, reference = case("a 3-layer network", X, params), ok(ref["L_model_forward"](X, params))
    AL, caches = reference[0].value
    assert judge(c, reference, reference)[0].passed
    (short,) = judge(c, ok((AL, caches[:2])), reference)
    assert not short.passed and "caches should be a list of 3 caches, one per layer" in short.message
    (reversed_,) = judge(c, ok((AL, caches[::-1])), reference)
    assert not reversed_.passed and "caches[0] (layer 1)" in reversed_.message
    (bare,) = judge(c, ok(AL), reference)
    assert not bare.passed and "should return a tuple (AL, caches)" in bare.message


# ---------------------------------------------------------------- gradients: backward passes and gradient checks

@pytest.mark.parametrize("spoiled, named", [(None, None), ("dW3", "dW3 (layer 3, the output layer)"),
                                            ("db2", "db2 (layer 2, 1 layer(s) below the output; the layers above"),
                                            ("dW1", "dW1 (layer 1, 2 layer(s) below the output")])
def test_a_backward_pass_is_checked_against_finite_differences_from_the_output_down(spoiled, named):
    judge = backward_agrees_with_finite_differences("L_model_backward")
    AL, Y, caches = networks.L_model_backward_inputs(rng(7), DIMS, 5)
    grads = networks.gradients(parameters_in(caches), caches[0][0][0], Y)
    if spoiled:
        grads[spoiled] = grads[spoiled] * 2
        grads["dW1"] = grads["dW1"] * 3  # a wrong layer below the first wrong one is not the one named
    (check,) = judge(case("a 3-layer network", AL, Y, caches), ok(grads), None)
    assert check.kind == "gradient check" and check.passed == (spoiled is None)
    assert spoiled is None or f"the first wrong gradient is {named}" in check.message


def test_a_backward_pass_that_returns_no_dict_or_fails_is_judged_once():
    judge = backward_agrees_with_finite_differences("L_model_backward")
    c = case("a 3-layer network", *networks.L_model_backward_inputs(rng(8), DIMS, 2))
    (check,) = judge(c, ok([1, 2]), None)
    assert not check.passed and check.message.endswith("grads should be a dict.")
    assert judge(c, [CallResult(False, error="KeyError")], None) == []


@pytest.mark.parametrize("value, passed", [(3e-9, True), (np.float64(0.0), True), (np.array(2e-8), True),
                                           (2e-6, False), (-1e-9, False), (np.array([1e-9]), False),
                                           ("1e-9", False), (None, False)])
def test_a_gradient_check_of_right_gradients_must_give_a_small_number(value, passed):
    (check,) = small_difference_for_right_gradients("gradient_check_n", 1e-6)(case("a network", 1), ok(value), None)
    assert check.passed == passed
    assert passed or "the difference should be below 1e-06; yours is not (or is not a number)" in check.message

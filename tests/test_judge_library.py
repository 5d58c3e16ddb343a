"""The judge library's shared pieces (nndl/grading/judges/), unit by unit: the failed-call guard, finite
differences on the student's own function, chaining one graded result into the next."""
import numpy as np
import pytest

from nndl.grading import judges
from nndl.grading.specs import Case
from nndl.student_files.nndl_checks import Check

OK = {"ok": True, "value": 1.0}
FAILED = {"ok": False, "error": "ValueError: the hidden X was [[0.123, 4.56]]"}


# ---------------------------------------------------------------- the failed-call guard

def always_fails(case, student, reference):
    return [Check(f"f on {case.label}", "values", False, "judged")]


def test_the_guard_runs_the_judge_only_after_a_call_that_returned():
    guarded = judges.when_call_succeeded(always_fails)
    case = Case("one case")
    assert [c.message for c in guarded(case, [OK], [OK])] == ["judged"]
    assert guarded(case, [FAILED], [OK]) == []
    assert guarded(case, [{"ok": True}], [OK]) == []  # no value: nothing to judge


def test_the_guard_can_keep_the_number_of_checks_without_repeating_the_error():
    guarded = judges.when_call_succeeded(target="optimize", still_counted=("costs", "inputs"))(always_fails)
    checks = guarded(Case("two features"), [FAILED], [OK])
    assert [(c.what, c.kind, c.passed) for c in checks] == [("optimize on two features", "costs", False),
                                                            ("optimize on two features", "inputs", False)]
    assert all("0.123" not in c.message and "could not be checked" in c.message for c in checks)


# ---------------------------------------------------------------- finite differences

def test_relative_difference_is_the_one_of_week_4():
    g = np.array([[0.5], [-2.0], [1e-9]])
    assert judges.relative_difference(g, g) == 0.0
    assert judges.relative_difference(g, -g) == pytest.approx(1.0)
    assert judges.relative_difference(2 * g, g) == pytest.approx(1 / 3)
    assert judges.relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    # the whole vector at once: a tiny entry far off in relative terms does not make a right gradient wrong
    assert judges.relative_difference(g, g + np.array([[0], [0], [1e-9]])) < 1e-9
    assert judges.relative_difference([g, 3.0], [g, 3.0]) == 0.0  # several arrays are one long vector
    with pytest.raises(ValueError):
        judges.relative_difference(g, g[:2])


def test_agree_accepts_a_right_gradient_and_rejects_wrong_ones():
    g = np.array([0.3, -0.7, 0.05])
    assert judges.agree(g, g + 1e-10)
    assert judges.agree(np.array([1e-12]), np.array([3e-12]))  # below what finite differences resolve
    assert not judges.agree(g, 1.001 * g)
    assert not judges.agree(g, g[:2]) and not judges.agree(np.array([np.nan, 0, 0]), g)


def test_numerical_gradient_of_the_graders_own_cost():
    params = {"W": np.array([[1.0, -2.0], [0.5, 3.0]]), "b": np.array([[0.25]])}
    before = {k: v.copy() for k, v in params.items()}
    estimate = judges.numerical_gradient(lambda p: 0.5 * float(np.sum(p["W"] ** 2)) + 3 * float(p["b"][0, 0]),
                                         params)
    assert np.allclose(estimate["W"], params["W"], atol=1e-6) and np.allclose(estimate["b"], [[3.0]], atol=1e-6)
    assert all(np.array_equal(params[k], before[k]) for k in params)


def logistic_propagate(w, b, X, Y, gradient_factor=1.0):
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
    return {"dw": gradient_factor * X @ (A - Y).T / m, "db": float(np.sum(A - Y) / m)}, cost


CHECK = judges.OwnGradientCheck("propagate", {"w": 0, "b": 1}, gradient_of=lambda value, name: value[0]["d" + name],
                                cost_of=lambda value: value[1],
                                advice={"w": "Mind the 1/m.", "b": "db is the mean of the errors."})


def sandbox(function, case, calls):
    """What the jail would answer: the main call, then the extra calls, each run on its own arguments."""
    return [{"ok": True, "value": function(*c.args, **c.kwargs)} for c in [case, *calls]]


def a_case():
    rng = np.random.default_rng(5)
    return Case("3 features, 4 examples", (rng.normal(size=(3, 1)), 0.4, rng.normal(size=(3, 4)),
                                           (rng.uniform(size=(1, 4)) < 0.5).astype(float)))


def test_the_own_gradient_check_nudges_each_entry_of_each_argument_up_and_down():
    case = a_case()
    w, b = case.args[0].copy(), case.args[1]
    calls = CHECK.extra(case)
    assert len(calls) == 2 * (3 + 1)
    assert calls[0].label == "3 features, 4 examples, w[0, 0] nudged up" and calls[-1].label.endswith("b nudged down")
    assert np.allclose(calls[2].args[0] - w, [[0], [1e-5], [0]]) and calls[7].args[1] == pytest.approx(b - 1e-5)
    assert np.array_equal(case.args[0], w)  # the case's own arguments are left as they were


def test_the_own_gradient_check_passes_gradients_of_the_students_own_cost_and_names_a_wrong_one():
    case = a_case()
    calls = CHECK.extra(case)
    assert all(c.passed for c in CHECK.judge(case, sandbox(logistic_propagate, case, calls), None))
    wrong = CHECK.judge(case, sandbox(lambda *a: logistic_propagate(*a, gradient_factor=4.0), case, calls), None)
    assert [c.passed for c in wrong] == [False, True]
    assert wrong[0].kind == "dw gradient check" and "dw is not the slope of your cost in w" in wrong[0].message
    assert "Mind the 1/m." in wrong[0].message


def test_the_own_gradient_check_fails_both_checks_when_it_cannot_run():
    case = a_case()
    results = sandbox(logistic_propagate, case, CHECK.extra(case))
    results[3] = FAILED
    checks = CHECK.judge(case, results, None)
    assert [c.passed for c in checks] == [False, False] and "could not run" in checks[0].message
    assert "0.123" not in checks[0].message


# ---------------------------------------------------------------- chaining

def test_own_results_hand_the_students_earlier_result_to_a_later_judge():
    own = judges.OwnResults(lambda value: judges.one_number(value[1]))
    first, second, third = Case("first"), Case("second"), Case("third")
    assert own.record(first, [{"ok": True, "value": ({}, np.array([[0.75]]))}], None) == []
    own.record(second, [FAILED], None)
    own.record(third, [{"ok": True, "value": "not a pair of results"}], None)
    assert own.of(first) == 0.75 and own.of(second) is None and own.of(third) is None
    assert own.of(Case("never graded")) is None
    assert judges.OwnResults().of(first) is None  # each record is its own


# ---------------------------------------------------------------- hidden inputs

def test_random_network_draws_layer_by_layer_and_zero_biases_draw_nothing():
    params = judges.random_network(np.random.default_rng(1), [3, 4, 1], weight_scale=(1.0, 2.0), bias_scale=(0.5, 0))
    rng = np.random.default_rng(1)
    W1, b1, W2 = rng.normal(size=(4, 3)), rng.normal(scale=0.5, size=(4, 1)), rng.normal(scale=2.0, size=(1, 4))
    assert list(params) == ["W1", "b1", "W2", "b2"]
    assert np.array_equal(params["W1"], W1) and np.array_equal(params["b1"], b1) and np.array_equal(params["W2"], W2)
    assert np.array_equal(params["b2"], np.zeros((1, 1)))


def test_network_and_gradients_and_the_backward_inputs_have_matching_shapes():
    rng = np.random.default_rng(2)
    params, grads = judges.random_network_and_gradients(rng, [2, 5, 3])
    assert {k: v.shape for k, v in grads.items()} == {"d" + k: v.shape for k, v in params.items()}
    p, cache, X, Y = judges.two_layer_backward_inputs(rng, 3, 4, 6)
    assert X.shape == (3, 6) and Y.shape == (1, 6) and set(np.unique(Y)) <= {0.0, 1.0}
    assert cache["A1"].shape == (4, 6) and np.allclose(cache["A1"], np.tanh(p["W1"] @ X + p["b1"]))
    assert np.all((cache["A2"] > 0) & (cache["A2"] < 1))
    assert judges.labels(rng, 4, rows=2).shape == (2, 4)


def test_labelled_data_is_and_is_not_linearly_separable_as_named():
    X, Y = judges.linearly_separable(np.random.default_rng(3), 4, 50)
    assert np.array_equal(Y, (X[0:1] + 0.5 * X[-1:] > 0.1).astype(float))
    X, Y = judges.opposite_quadrants(np.random.default_rng(3), 2, 50)
    assert np.array_equal(Y, (X[0:1] * X[1:2] > 0).astype(float)) and 0 < Y.mean() < 1


# ---------------------------------------------------------------- week 2's judges

def value_result(value):
    return [{"ok": True, "value": value}]


def test_scaled_pixels_accepts_the_students_own_flatten_scaled_and_rejects_integer_division():
    flat = np.arange(12).reshape(4, 3) * 20
    own_flat = judges.OwnResults()
    own_flat.record(Case("the variable train_set_x_flatten"), value_result(flat.T.copy()), None)  # a wrong flatten
    judge = judges.scaled_pixels("train_set_x", "train_set_x_flatten", own_flat)
    case, reference = Case("the variable train_set_x"), value_result(flat / 255.0)
    assert judge(case, value_result(flat.T / 255.0), reference)[0].passed  # right, given the student's own flatten
    assert judge(case, value_result(flat / 255.0), reference)[0].passed
    wrong = judge(case, value_result(flat // 255), reference)[0]
    assert not wrong.passed and "// is integer division" in wrong.message
    assert judge(case, [FAILED], reference) == []  # the failed call is counted once, elsewhere


def test_weights_and_bias_are_floats_wants_a_float_array_and_a_python_float():
    case = Case("dim = 2")
    assert judges.weights_and_bias_are_floats(case, value_result((np.zeros((2, 1)), 0.0)), None)[0].passed
    for wrong in ((np.zeros((2, 1)), 0), (np.zeros((2, 1)), np.zeros(1)), (np.zeros((2, 1), int), 0.0)):
        assert not judges.weights_and_bias_are_floats(case, value_result(wrong), None)[0].passed
    assert not judges.weights_and_bias_are_floats(case, [FAILED], None)[0].passed


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, cost_factor=1.0):
    costs = []
    for i in range(num_iterations):
        grads, cost = logistic_propagate(w, b, X, Y)
        w, b = w - learning_rate * grads["dw"], b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost_factor * cost)
    return {"w": w, "b": b}, grads, costs


def test_gradient_descent_run_judges_the_first_cost_against_the_students_own_propagate():
    case = a_case()
    run = Case(case.label, case.args, {"num_iterations": 150, "learning_rate": 0.1})
    reference = value_result(optimize(*run.args, **run.kwargs))
    assert [c.label for c in judges.without_settings([run])] == [case.label]
    start_cost = judges.OwnResults(judges.cost_of_propagate)
    start_cost.record(case, value_result(logistic_propagate(*case.args)), None)
    right = {**reference[0], "args_after": list(case.args)}
    assert all(c.passed for c in judges.gradient_descent_run(start_cost)(run, [right], reference))
    # a propagate whose cost is twice the right one: optimize recording that cost is right
    start_cost.record(case, value_result(({}, 2 * logistic_propagate(*case.args)[1])), None)
    doubled = {"ok": True, "value": optimize(*run.args, **run.kwargs, cost_factor=2.0), "args_after": list(case.args)}
    assert [c.passed for c in judges.gradient_descent_run(start_cost)(run, [doubled], reference)] == [True, True, True]
    every = {**doubled, "value": (*doubled["value"][:2], doubled["value"][2] * 3)}
    checks = judges.gradient_descent_run(start_cost)(run, [every], reference)
    assert [c.passed for c in checks] == [True, False, True] and "iterations 0, 100, 200" in checks[1].message
    failed = judges.gradient_descent_run(start_cost)(run, [FAILED], reference)
    assert [(c.kind, c.passed) for c in failed] == [("costs", False), ("inputs", False)]


def test_model_run_takes_its_costs_from_the_students_own_optimize():
    rng = np.random.default_rng(4)
    run = Case("a run", (*judges.linearly_separable(rng, 3, 8), *judges.linearly_separable(rng, 3, 2)),
               {"num_iterations": 120, "learning_rate": 0.5})
    (start,) = judges.from_zeros([run])
    assert np.array_equal(start.args[0], np.zeros((3, 1))) and start.args[1] == 0.0 and start.kwargs == run.kwargs

    def model(costs_factor=1.0):
        params, _, costs = optimize(*start.args, **start.kwargs)
        w, b = params["w"], params["b"]
        predict = lambda X: (1 / (1 + np.exp(-(w.T @ X + b))) > 0.5).astype(float)
        return {"costs": [costs_factor * c for c in costs], "Y_prediction_test": predict(run.args[2]),
                "Y_prediction_train": predict(run.args[0]), "w": w, "b": b, "learning_rate": 0.5,
                "num_iterations": 120}

    own_costs = judges.OwnResults(judges.costs_of_optimize)
    own_costs.record(start, value_result(optimize(*start.args, **start.kwargs, cost_factor=3.0)), None)
    judge = judges.model_run(own_costs)
    assert [c.passed for c in judge(run, value_result(model(3.0)), value_result(model()))] == [True, True, True]
    assert [c.passed for c in judge(run, value_result(model()), value_result(model()))] == [True, True, False]
    assert len(judge(run, [FAILED], value_result(model()))) == 2


# ---------------------------------------------------------------- week 3's judges

def test_training_loop_wants_a_reproducible_run_that_keeps_its_updates():
    X, Y = judges.opposite_quadrants(np.random.default_rng(5), 2, 7)
    case = Case("a run", (X, Y, 3), {"num_iterations": 5})
    calls = judges.training_reruns(case)
    assert [c.kwargs["num_iterations"] for c in calls] == [0, 1, 5]

    def params(step):
        return {"W1": np.full((3, 2), step), "b1": np.zeros((3, 1)), "W2": np.ones((1, 3)), "b2": np.zeros((1, 1))}

    trained = [{"ok": True, "value": params(s)} for s in (5.0, 0.0, 1.0, 5.0)]
    assert all(c.passed for c in judges.training_loop(case, trained, None))
    stuck = [{"ok": True, "value": params(0.0)} for _ in range(4)]
    assert "parameters = update_parameters" in judges.training_loop(case, stuck, None)[1].message
    unseeded = trained[:3] + [{"ok": True, "value": params(4.0)}]
    assert "np.random.seed(3)" in judges.training_loop(case, unseeded, None)[1].message
    assert judges.training_loop(case, [FAILED, *trained[1:]], None) == []


def test_labels_of_own_forward_accept_the_labels_the_students_own_forward_pass_gives():
    rng = np.random.default_rng(6)
    run = Case("a network", (judges.mixed_outputs_network(rng, 2, 3), rng.normal(size=(2, 6))))
    (forward,) = judges.forward_cases([run])
    assert forward.args[0] is run.args[1] and forward.args[1] is run.args[0]
    reference, own = np.array([[1, 0, 1, 0, 1, 1]]), np.array([[0.9, 0.8, 0.7, 0.1, 0.2, 0.6]])
    own_outputs = judges.OwnResults()
    own_outputs.record(forward, value_result((own, {})), None)
    judge = judges.labels_of_own_forward(own_outputs)
    assert judge(run, value_result(reference), value_result(reference))[0].passed
    assert judge(run, value_result((own > 0.5).astype(int)), value_result(reference))[0].passed
    assert "not probabilities" in judge(run, value_result(own), value_result(reference))[0].message
    assert not judge(run, value_result(1 - reference), value_result(reference))[0].passed

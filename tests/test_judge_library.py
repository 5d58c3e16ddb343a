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

"""Judges of week 2's logistic regression (``w2_logistic_regression``): what its hidden regions ask for by name.

Several judge a function against what the student's *own* earlier function gave on the same case
(see :mod:`nndl.grading.judges.chaining`), so that one mistake costs points in its own exercise only.
"""
import numpy as np

from nndl.grading.judges.finite_differences import OwnGradientCheck
from nndl.grading.judges.guards import when_call_succeeded
from nndl.grading.judges.reading import failed_messages, numbers, one_number
from nndl.student_files.nndl_checks import Check, compare, describe


def scaled_pixels(name, flat_name, own_flat):
    """A judge of the variable ``name``, which should be ``flat_name / 255`` as floats: right when it is the
    student's own flattened array so scaled (``own_flat``: an OwnResults that recorded ``flat_name``), so
    that a wrong flatten costs points on the flatten exercise only, or when it is the reference's."""
    tip = f" {name} should be {flat_name} / 255: floats between 0 and 1. Mind that // is integer division."

    @when_call_succeeded
    def judge(case, student, reference):
        got, expected = student[0]["value"], reference[0]["value"]
        if not isinstance(got, np.ndarray) or got.dtype.kind not in "biuf":
            return [Check(name, "case", False, f"{name} should be a numpy array of numbers.{tip}")]
        flat = own_flat.of(f"the variable {flat_name}")
        if (got.dtype.kind == "f" and isinstance(flat, np.ndarray) and flat.shape == got.shape
                and flat.dtype.kind in "biuf" and np.allclose(got, flat.astype(float) / 255.0, rtol=1e-6, atol=1e-8)):
            return [Check(name, "case", True)]
        if got.shape != expected.shape:
            return [Check(name, "case", False, f"{name} has shape {got.shape}, expected {expected.shape}.{tip}")]
        if got.dtype.kind != "f":
            return [Check(name, "case", False, f"{name} holds {got.dtype} values, not floats.{tip}")]
        ok = bool(np.allclose(got, expected, rtol=1e-6, atol=1e-8))
        return [Check(name, "case", ok, "" if ok else f"{name} has the right shape but wrong values.{tip}")]

    return judge


def weights_and_bias_are_floats(case, student, reference):
    """A judge of ``initialize_with_zeros``: w an array of floats and b the Python float 0.0 (one check,
    failed also when the call failed)."""
    what = f"initialize_with_zeros on {case.label}"
    main, ok = student[0], False
    if main.get("ok") and isinstance(main["value"], (tuple, list)) and len(main["value"]) == 2:
        w, b = main["value"]
        ok = (isinstance(w, np.ndarray) and w.dtype.kind == "f" and isinstance(b, float)
              and not isinstance(b, np.ndarray))
    return [Check(what, "types", ok, "" if ok else
                  f"{what}: w should hold floats and b should be the Python float 0.0 (not 0, not an array).")]


gradients_of_own_cost = OwnGradientCheck(
    "propagate", {"w": 0, "b": 1},
    gradient_of=lambda value, name: value[0]["d" + name], cost_of=lambda value: value[1],
    advice={"w": "dw must be the derivative, with respect to w, of the cost you return: mind the 1/m, and that "
                 "each weight's gradient averages its own feature times the error A - Y.",
            "b": "db must be the derivative, with respect to b, of the cost you return: the mean of the errors "
                 "A - Y, one number (mind the 1/m)."})
gradients_of_own_cost.__doc__ = """``propagate``'s dw and db against finite differences of its own cost."""


def cost_of_propagate(value):
    """The cost in what ``propagate`` returns, ``(grads, cost)``, as a float (for :class:`OwnResults`)."""
    return one_number(value[1])


def costs_of_optimize(value):
    """The recorded costs in what ``optimize`` returns, ``(params, grads, costs)``, as floats."""
    return numbers(value[2])


def without_settings(cases):
    """The cases with their keyword arguments (num_iterations, learning_rate) left out: the same
    parameters and data, for ``propagate`` at the start of each ``optimize`` run."""
    from nndl.grading.specs import Case  # here: specs imports this package

    return [Case(c.label, c.args) for c in cases]


def from_zeros(cases):
    """For each ``model(X_train, Y_train, X_test, Y_test, ...)`` case, the ``optimize`` run it should make:
    zero parameters, the training set, the same settings."""
    from nndl.grading.specs import Case

    return [Case(c.label, (np.zeros((c.args[0].shape[0], 1)), 0.0, c.args[0], c.args[1]), dict(c.kwargs))
            for c in cases]


def gradient_descent_run(start_cost):
    """A judge of ``optimize``: three checks per case (params and grads, the recorded costs, inputs left
    unchanged).  The first recorded cost is judged against the student's own ``propagate`` at the start
    (``start_cost``: an OwnResults of it on the same cases), so a wrong cost formula costs points in
    ``propagate`` only."""

    @when_call_succeeded(target="optimize", still_counted=("costs", "inputs"))
    def judge(case, student, reference):
        what = f"optimize on {case.label}"
        main, expected = student[0], reference[0]["value"]
        got = main["value"]
        if not isinstance(got, (tuple, list)) or len(got) != 3:
            message = f"{what} should return (params, grads, costs), but it returns {describe(got, quiet=True)}."
            return [Check(what, n, False, message) for n in ("params and grads", "costs", "inputs")]
        stepped = failed_messages(compare(list(got[:2]), list(expected[:2]), what, 1e-6, 1e-8,
                                           "Step downhill: subtract the learning rate times each gradient, "
                                           "from w and from b."))
        unchanged = all(k.passed for k in compare(main.get("args_after"), list(case.args), what, 0, 0))
        costs_wrong = _recorded_costs_problem(what, numbers(got[2]),
                                              expected[2], start_cost.of(case), got[2])
        return [Check(what, "params and grads", not stepped, stepped),
                Check(what, "costs", not costs_wrong, costs_wrong),
                Check(what, "inputs", unchanged, "" if unchanged else
                      f"{what}: the function changed its input arguments in place; make new arrays rather "
                      "than updating them in place (-=).")]

    return judge


def _recorded_costs_problem(what, costs, expected, own_start, got):
    """What is wrong with the recorded costs, or ""."""
    if costs is None:
        return f"{what}: costs should be a list of numbers, but it is {describe(got, quiet=True)}."
    if len(costs) != len(expected):
        return (f"{what}: costs has {len(costs)} entries, expected {len(expected)} "
                "(record the cost at iterations 0, 100, 200, ... only).")
    if own_start is not None and not np.isclose(own_start, expected[0], rtol=1e-6, atol=1e-8):
        return "" if np.isclose(costs[0], own_start, rtol=1e-6, atol=1e-8) else \
            f"{what}: costs[0] should be the cost propagate gives for the starting parameters."
    return "" if np.allclose(costs, expected, rtol=1e-6, atol=1e-8) else \
        (f"{what}: the recorded costs are wrong; record the cost that propagate returns at iterations "
         "0, 100, 200, ..., before that iteration's update.")


def model_run(own_costs):
    """A judge of ``model``: three checks per case (the trained parameters, the predictions, the costs and
    settings).  The costs are judged against what the student's own ``optimize`` records for the same run
    (``own_costs``: an OwnResults of it), or the reference's when it could not run."""

    @when_call_succeeded(target="model", still_counted=("predictions", "costs and settings"))
    def judge(case, student, reference):
        what = f"model on {case.label}"
        got, expected = student[0]["value"], reference[0]["value"]
        if not isinstance(got, dict) or any(k not in got for k in expected):
            message = (f"{what} should return a dict with keys {sorted(expected)}, but it returns "
                       f"{describe(got, quiet=True)}.")
            return [Check(what, n, False, message) for n in ("parameters", "predictions", "costs and settings")]
        checks = []
        for name, keys, tip in (
                ("parameters", ("w", "b"), "Train with optimize from initialize_with_zeros, passing on "
                                           "num_iterations and learning_rate."),
                ("predictions", ("Y_prediction_train", "Y_prediction_test"),
                 "Predict each set with the trained w and b: Y_prediction_train from X_train, "
                 "Y_prediction_test from X_test.")):
            wrong = failed_messages(compare({k: got[k] for k in keys}, {k: expected[k] for k in keys},
                                             what, 1e-6, 1e-8, tip))
            checks.append(Check(what, name, not wrong, wrong))
        costs = numbers(got["costs"])
        target = own_costs.of(case)
        target = expected["costs"] if target is None else target
        message = ""
        if costs is None or len(costs) != len(target) or not np.allclose(costs, target, rtol=1e-6, atol=1e-8):
            message = f"{what}: costs should be the list optimize returns for this training run."
        elif not all(k.passed for k in compare([got["learning_rate"], got["num_iterations"]],
                                               [expected["learning_rate"], expected["num_iterations"]], what)):
            message = f"{what}: learning_rate and num_iterations should be the values model was called with."
        checks.append(Check(what, "costs and settings", not message, message))
        return checks

    return judge

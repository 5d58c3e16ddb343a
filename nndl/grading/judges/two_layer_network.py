"""Judges of week 3's two-layer network (``w3_planar_data``): what its hidden regions ask for by name."""
import numpy as np

from nndl.grading.judges.guards import when_call_succeeded
from nndl.grading.untrusted_text import clean_error
from nndl.student_files.nndl_checks import Check, compare, describe

GRADIENTS = ("dW1", "db1", "dW2", "db2")


def _shapes(n_x, n_h, n_y):
    return {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}


def _wrong_shapes(params, shapes):
    return [f"{k} has shape {getattr(params[k], 'shape', None)}, expected {s}" for k, s in shapes.items()
            if not isinstance(params[k], np.ndarray) or params[k].shape != s or params[k].dtype.kind not in "biuf"]


@when_call_succeeded
def small_random_initialisation(case, student, reference):
    """A judge of ``initialize_parameters(n_x, n_h, n_y)``: the structure (keys and shapes), then the
    values: zero biases, weights random (no two rows of W1 alike: symmetry broken) and small (|w| < 0.1)."""
    n_x, n_h, n_y = case.args
    what = f"initialize_parameters on {case.label}"
    p = student[0]["value"]
    shapes = _shapes(n_x, n_h, n_y)
    unchecked = Check(what, "values", False, f"{what}: the values could not be checked.")
    if not isinstance(p, dict) or set(shapes) - set(p):
        return [Check(what, "structure", False, f"{what}: return a dict with the keys W1, b1, W2 and b2."), unchecked]
    wrong = _wrong_shapes(p, shapes)
    if wrong:
        return [Check(what, "structure", False, f"{what}: " + "; ".join(wrong) + "."), unchecked]
    problems = []
    if np.any(p["b1"] != 0) or np.any(p["b2"] != 0):
        problems.append("the biases b1 and b2 should start at zero")
    weights = {k: p[k].astype(float) for k in ("W1", "W2")}
    zero = [k for k, W in weights.items() if not np.all(np.isfinite(W)) or np.all(W == 0)]
    large = [k for k, W in weights.items() if k not in zero and np.max(np.abs(W)) >= 0.1]
    if zero:
        problems.append(f"{' and '.join(zero)} {'is' if len(zero) == 1 else 'are'} all zeros: then every hidden "
                        "unit computes the same thing and gets the same update, so the units never become "
                        "different (symmetry); draw random weights, standard-normal numbers scaled by 0.01")
    if large:
        problems.append(f"{' and '.join(large)} {'has' if len(large) == 1 else 'have'} large entries: scale "
                        "the standard-normal draws by 0.01 (large weights saturate tanh and sigmoid and slow "
                        "learning down)")
    if not problems and len({tuple(row) for row in p["W1"].astype(float)}) < n_h:
        problems.append("some rows of W1 are identical, so those hidden units stay identical (symmetry); "
                        "every entry should be its own random number")
    return [Check(what, "structure", True),
            Check(what, "values", not problems, f"{what}: " + "; ".join(problems) + "." if problems else "")]


def _listed(names):
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _matches(got, expected):
    return all(x.passed for x in compare(got, expected))


def _gradients_advice(case, got, expected):
    """One actionable sentence about what is wrong, from which gradients match."""
    p, cache, X, Y = case.args
    m = X.shape[1]
    good = {k: _matches(got[k], expected[k]) for k in GRADIENTS}
    shape_off = [k for k in GRADIENTS if getattr(got[k], "shape", None) != expected[k].shape]
    if shape_off:
        return (f"{' and '.join(shape_off)} {'has' if len(shape_off) == 1 else 'have'} the wrong shape: every "
                "gradient has the shape of its parameter (sum over the examples with axis=1 and "
                "keepdims=True for db1 and db2).")
    if m > 1 and all(np.allclose(np.asarray(got[k], dtype=float), m * expected[k]) for k in GRADIENTS):
        return "Every gradient is m times too large: average over the examples (divide by m)."
    if good["dW2"] and good["db2"]:
        dZ1_wrong = (p["W2"].T @ (cache["A2"] - Y)) * (1 - cache["A1"])
        if np.allclose(np.asarray(got["dW1"], dtype=float), dZ1_wrong @ X.T / m):
            return ("Look at the derivative of tanh: it is 1 - tanh squared, 1 - A1 squared entry by entry; "
                    "you multiplied by 1 - A1.")
        return ("The output layer is right, so look at the hidden layer: dZ2 goes back through the transpose "
                "of W2, then is multiplied entry by entry by the derivative of tanh; dW1 and db1 are then "
                "averages over the m examples, as in the output layer.")
    if good["dW1"] and good["dW2"]:
        return ("The weight gradients are right, so look at the bias gradients: each is the mean of its dZ over "
                "the examples (along axis 1), of the shape of its bias.")
    return ("Start with the output layer (dW1 and db1 are built on it): dZ2 is the prediction error, and "
            "dW2 and db2 are averages over the m examples (dW2 through a matrix product with A1).")


@when_call_succeeded
def two_layer_gradients(case, student, reference):
    """A judge of ``backward_propagation``: one check per gradient; the first wrong one says which differ,
    which match, and what that points to (a wrong shape, a missing 1/m, the derivative of tanh, ...)."""
    what = f"backward_propagation on {case.label}"
    got, expected = student[0]["value"], reference[0]["value"]
    if not isinstance(got, dict) or any(k not in got for k in GRADIENTS):
        return [Check(what, "structure", False, f"{what}: return a dict with the keys dW1, db1, dW2 and db2.")]
    good = {k: _matches(got[k], expected[k]) for k in GRADIENTS}
    if all(good.values()):
        return [Check(f"{what}: {k}", "values", True) for k in GRADIENTS]
    wrong, matching = [k for k in GRADIENTS if not good[k]], [k for k in GRADIENTS if good[k]]
    summary = (f"{_listed(wrong)} {'differs' if len(wrong) == 1 else 'differ'}"
               + (f", {_listed(matching)} {'matches' if len(matching) == 1 else 'match'}" if matching else ""))
    first = f"{what}: {summary}. {_gradients_advice(case, got, expected)}"
    return [Check(f"{what}: {k}", "values", good[k],
                  "" if good[k] else first if k == wrong[0] else f"{what}: {k} is wrong too.") for k in GRADIENTS]


def training_reruns(case):
    """The extra calls :func:`training_loop` needs: no iteration, one iteration, the same call again."""
    from nndl.grading.specs import Case  # here: specs imports this package

    X, Y, n_h = case.args
    return [Case("no iterations", (X, Y, n_h), {"num_iterations": 0}),
            Case("one iteration", (X, Y, n_h), {"num_iterations": 1}),
            Case("the same call again", (X, Y, n_h), {"num_iterations": case.kwargs["num_iterations"]})]


def _same(a, b):
    return (isinstance(a, dict) and isinstance(b, dict) and set(a) == set(b)
            and all(np.array_equal(np.asarray(a[k], dtype=float), np.asarray(b[k], dtype=float)) for k in a))


@when_call_succeeded
def training_loop(case, student, reference):
    """A judge of ``nn_model``, whose random start is not compared with the reference's: what only
    nn_model decides.  The shapes (n_h is used); then, from :func:`training_reruns`, that the loop runs
    num_iterations times and keeps the updated parameters, and that the run is reproducible (the seed
    line is kept).  These hold whatever the other functions do, so a mistake there costs points in its
    own cell, not here."""
    X, Y, n_h = case.args
    what = f"nn_model on {case.label}"
    final, (start, one, again) = student[0]["value"], student[1:]
    shapes = _shapes(X.shape[0], n_h, Y.shape[0])
    unchecked = Check(what, "training", False, f"{what}: the training could not be checked.")
    if not isinstance(final, dict) or set(shapes) - set(final):
        return [Check(what, "structure", False, f"{what}: return the parameters dict with W1, b1, W2, b2."),
                unchecked]
    wrong = _wrong_shapes(final, shapes)
    if wrong:
        return [Check(what, "structure", False, f"{what}: " + "; ".join(wrong)
                      + ". Pass n_h (the argument) to initialize_parameters."), unchecked]
    if not all(r["ok"] for r in (start, one, again)):
        failed = next(r for r in (start, one, again) if not r["ok"])
        problem = (f"with num_iterations set to 0, 1 or {case.kwargs['num_iterations']} it failed "
                   f"({clean_error(failed.get('error'), 'nn_model')})")
    elif not _same(final, again["value"]):
        problem = ("two runs with the same arguments gave different parameters: keep the provided "
                   "np.random.seed(3) line and draw the initial weights with np.random.randn")
    elif _same(start["value"], one["value"]) or _same(one["value"], final):
        problem = ("the parameters do not change from one iteration to the next, or stop changing too early: "
                   "run the loop num_iterations times and keep what update_parameters returns "
                   "(parameters = update_parameters(...))")
    else:
        problem = ""
    return [Check(what, "structure", True),
            Check(what, "training", not problem, f"{what}: {problem}." if problem else "")]


def forward_cases(predict_cases):
    """The ``forward_propagation(X, parameters)`` calls behind ``predict(parameters, X)`` cases, same labels."""
    from nndl.grading.specs import Case

    return [Case(c.label, (c.args[1], c.args[0])) for c in predict_cases]


def labels_of_own_forward(own_outputs):
    """A judge of ``predict(parameters, X)``: labels of shape (1, m), 0 and 1, equal to the reference's or
    to those the student's own ``forward_propagation`` gives (``own_outputs``: an OwnResults of it on the
    same cases), so that a mistake in forward_propagation is scored in its own cell, not here."""

    @when_call_succeeded
    def judge(case, student, reference):
        parameters, X = case.args
        what = f"predict on {case.label}"
        got, m = student[0]["value"], X.shape[1]
        if not isinstance(got, np.ndarray) or got.shape != (1, m) or got.dtype.kind not in "biuf":
            return [Check(what, "labels", False, f"{what}: return a numpy array of shape (1, {m}) "
                                                 f"holding 0 and 1, not {describe(got, quiet=True)}.")]
        got = got.astype(float)
        if not np.all((got == 0) | (got == 1)):
            return [Check(what, "labels", False, f"{what}: the result should hold only 0 and 1 (labels, "
                                                 "not probabilities): compare A2 with 0.5.")]
        targets = [np.asarray(reference[0]["value"], dtype=float)]
        own = own_outputs.of(case)
        if isinstance(own, tuple) and own and isinstance(own[0], np.ndarray) and own[0].shape == (1, m) \
                and own[0].dtype.kind in "biuf":
            targets.append((own[0] > 0.5).astype(float))
        if any(np.array_equal(got, t) for t in targets):
            return [Check(what, "labels", True)]
        return [Check(what, "labels", False, f"{what}: wrong labels: predict 1 exactly where the output A2 of "
                                             "forward_propagation is greater than 0.5, and 0 elsewhere.")]

    return judge

"""Reusable judges for hidden regions (grader side only; available there as ``judges``)."""
import numpy as np

from nndl.student_files.nndl_checks import Check

from nndl.grading.judges.reading import failed_messages, numbers, one_number  # noqa: F401
from nndl.grading.judges.chaining import OwnResults  # noqa: F401
from nndl.grading.judges.finite_differences import (  # noqa: F401
    OwnGradientCheck, agree, numerical_gradient, relative_difference)
from nndl.grading.judges.guards import returned, when_call_succeeded  # noqa: F401
from nndl.grading.judges.inputs import (  # noqa: F401
    gradients_like, labels, linearly_separable, mixed_outputs_network, opposite_quadrants, random_network,
    random_network_and_gradients, tanh_sigmoid_cache, two_layer_backward_inputs)
from nndl.grading.judges.logistic_regression import (  # noqa: F401
    cost_of_propagate, costs_of_optimize, from_zeros, gradient_descent_run, gradients_of_own_cost, model_run,
    scaled_pixels, weights_and_bias_are_floats, without_settings)
from nndl.grading.judges.two_layer_network import (  # noqa: F401
    forward_cases, labels_of_own_forward, small_random_initialisation, training_loop, training_reruns,
    two_layer_gradients)


def random_initialisation(name, dims_of, scales_of, exact_keys=False):
    """A judge for a random initialiser, whose values cannot match the reference's.

    ``dims_of(case)`` gives the layer sizes [n0, n1, ..., nL]; ``scales_of(case)`` the expected
    spread (standard deviation) of each W. One check per case: W{l} of shape (n_l, n_{l-1}) with
    that spread and centred on zero, b{l} zeros of shape (n_l, 1), and with ``exact_keys`` nothing else.
    """
    def judge(case, student, reference):
        what = f"{name} on {case.label}"
        result = student[0]
        if not result.get("ok"):
            return []
        params = result["value"]
        if not isinstance(params, dict):
            return [Check(what, "case", False, f"{what} should return a dict of arrays.")]
        dims, scales = dims_of(case), scales_of(case)
        problems = []
        for l in range(1, len(dims)):
            W, b = params.get(f"W{l}"), params.get(f"b{l}")
            if not isinstance(W, np.ndarray) or W.shape != (dims[l], dims[l - 1]):
                problems.append(f"W{l} should be an array of shape {(dims[l], dims[l - 1])}")
            elif not isinstance(b, np.ndarray) or b.shape != (dims[l], 1):
                problems.append(f"b{l} should be an array of shape {(dims[l], 1)}")
            elif np.any(b != 0):
                problems.append(f"b{l} should be all zeros")
            else:
                n, target = W.size, scales[l - 1]
                spread = float(np.std(W))
                allowed = max(0.1, 4 / np.sqrt(2 * n))  # about four standard errors of a sample spread
                if abs(spread / target - 1) > allowed:
                    problems.append(f"the entries of W{l} have spread (standard deviation) {spread:.3g}, "
                                    f"expected about {target:.3g}")
                elif abs(float(np.mean(W))) > 4 * target / np.sqrt(n):
                    problems.append(f"the entries of W{l} should be centred on zero")
        if exact_keys and len(params) != 2 * (len(dims) - 1):
            problems.append(f"the dict should hold exactly {2 * (len(dims) - 1)} arrays, W1, b1, ..., "
                            f"W{len(dims) - 1}, b{len(dims) - 1}")
        if problems:
            return [Check(what, "case", False, f"{what}: " + "; ".join(problems[:2]) + ".")]
        return [Check(what, "case", True)]

    return judge


# Small helpers the hidden regions share (each region used to define its own copy).

def arrays_in(value):
    """Every array inside nested tuples and lists, in order."""
    if isinstance(value, (tuple, list)):
        return [a for item in value for a in arrays_in(item)]
    return [value]


def same_arrays(got, expected, what, rtol=1e-6, atol=1e-8):
    """A failure message when ``got`` does not hold the arrays of ``expected`` (in any order, nested in
    tuples or lists the same way or not), else ""."""
    wanted = arrays_in(expected)
    found = arrays_in(got) if isinstance(got, (tuple, list)) else []
    if len(found) != len(wanted):
        return f"{what} should hold {len(wanted)} arrays."
    for array in wanted:
        match = next((i for i, g in enumerate(found) if isinstance(g, np.ndarray) and g.shape == array.shape
                      and np.allclose(g, array, rtol=rtol, atol=atol)), None)
        if match is None:
            return f"{what} does not hold the expected array of shape {array.shape}."
        found.pop(match)
    return ""


from nndl.grading.judges.quiz import choice, number, quiz, shape  # noqa: E402 - the self-check's judge

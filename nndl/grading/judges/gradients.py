"""Judges of gradients: a backward pass against finite differences of the cost, and a gradient check's
verdict on gradients known to be right.  The networks are :mod:`nndl.grading.judges.networks`'s."""
import numpy as np

from nndl.student_files.nndl_checks import Check

from nndl.grading.judges.finite_differences import agree, numerical_gradient
from nndl.grading.judges.guards import when_call_succeeded
from nndl.grading.judges.networks import cost


def backward_agrees_with_finite_differences(target):
    """A judge of a backward pass called as ``target(AL, Y, caches)`` (as
    :func:`networks.L_model_backward_inputs` makes them): one more check per case, the student's dW{l}
    and db{l} against two-sided finite differences of the network's cost (:func:`finite_differences.agree`),
    naming the first wrong gradient counting back from the output layer, where backpropagation starts."""
    @when_call_succeeded
    def judge(case, student, reference):
        what = f"{target} on {case.label}"
        grads = student[0].value
        if not isinstance(grads, dict):
            return [Check(what, "gradient check", False, f"{what}: grads should be a dict.")]
        _, Y, caches = case.args
        X, params = caches[0][0][0], parameters_in(caches)
        estimate = numerical_gradient(lambda p: cost(p, X, Y), params)
        L = len(caches)
        for l in range(L, 0, -1):
            for key, name in ((f"dW{l}", f"W{l}"), (f"db{l}", f"b{l}")):
                mine = grads.get(key)
                if not (isinstance(mine, np.ndarray) and mine.shape == estimate[name].shape
                        and agree(mine, estimate[name])):
                    position = ("the output layer" if l == L else f"{L - l} layer(s) below the output; the layers "
                                "above it agree with the finite differences")
                    return [Check(what, "gradient check", False,
                                  f"{what}: gradient check against finite differences of the cost: counting back "
                                  f"from the output layer, the first wrong gradient is {key} (layer {l}, {position}).")]
        return [Check(what, "gradient check", True)]
    return judge


def parameters_in(caches):
    """The network ``{"W1": ..., "b1": ...}`` whose forward pass left these caches ``((A_prev, W, b), Z)``."""
    params = {}
    for l, ((_, W, b), _) in enumerate(caches, start=1):
        params[f"W{l}"], params[f"b{l}"] = W, b
    return params


def small_difference_for_right_gradients(target, limit):
    """A judge of a gradient check given right gradients: the difference it returns must be one number,
    at least 0 and below ``limit`` (its digits are rounding noise, so they are not compared)."""
    @when_call_succeeded
    def judge(case, student, reference):
        what = f"{target} on {case.label}"
        value = student[0].value
        ok = np.ndim(value) == 0 and isinstance(np.asarray(value).item(), (int, float)) and 0 <= float(value) < limit
        return [Check(what, "threshold", ok, "" if ok else
                      f"{what}: the gradients are right, so the difference should be below {limit:g}; "
                      f"yours is not (or is not a number).")]
    return judge

# Generated from nndl/student_files/debugging.py by `nndl build`: edit that file, not this copy.
"""Broken backward passes to debug, for the optional last section of the week-4 step-by-step notebook.

Try to locate the bugs with the notebook's tools before you read on: this file says what they are.

Each mystery pass is YOUR ``L_model_backward``, run with one building block swapped for a broken
one while it runs: ``sigmoid_backward``, ``relu_backward`` or ``linear_backward``, which your
``linear_activation_backward`` looks up when it is called. Each broken block makes a mistake that
students of this course made in the exercises:

* the sigmoid's derivative taken of Z instead of sigmoid(Z): Z (1 - Z) instead of s (1 - s);
* the ReLU's derivative taken as the sign of Z, so negative Z lets -dA through instead of 0;
* dW without the 1/m;
* db summed over every entry instead of over the examples (``np.sum(dZ) / m``, one number);
* db without ``keepdims=True`` (shape (n,) instead of (n, 1)).

One pass is your own, unchanged. The passes only work if your ``L_model_backward`` calls
``linear_activation_backward``, and that one calls the three blocks, as the exercises ask.
"""
import numpy as np


def _sigmoid_of_z_instead_of_s(original):
    def sigmoid_backward(dA, cache):
        return dA * cache * (1 - cache)
    return sigmoid_backward


def _relu_sign(original):
    def relu_backward(dA, cache):
        return dA * np.sign(cache)
    return relu_backward


def _dW_without_1_over_m(original):
    def linear_backward(dZ, cache):
        dA_prev, dW, db = original(dZ, cache)
        return dA_prev, dW * cache[0].shape[1], db
    return linear_backward


def _db_over_every_entry(original):
    def linear_backward(dZ, cache):
        dA_prev, dW, db = original(dZ, cache)
        return dA_prev, dW, np.sum(dZ) / dZ.shape[1]
    return linear_backward


def _db_without_keepdims(original):
    def linear_backward(dZ, cache):
        dA_prev, dW, db = original(dZ, cache)
        return dA_prev, dW, np.reshape(db, -1)
    return linear_backward


# label -> (building block, how it breaks it, what the bug is); "F" is the unchanged pass
_BUGS = {
    "A": ("linear_backward", _dW_without_1_over_m,
          "dW is m times too large in every layer (the 1/m is missing); every db is right."),
    "B": ("relu_backward", _relu_sign,
          "relu_backward lets -dA through where Z < 0: the output layer is right, the first wrong "
          "gradients counting back from the output are those of layer L-1."),
    "C": ("linear_backward", _db_without_keepdims,
          "every db has shape (n,) instead of (n, 1): the values are right, so the gradient check passes, "
          "but b - learning_rate * db then broadcasts to an (n, n) matrix. Only a shape check finds it."),
    "D": ("sigmoid_backward", _sigmoid_of_z_instead_of_s,
          "sigmoid_backward uses Z (1 - Z) instead of s (1 - s): already the output layer's dW and db are "
          "wrong, and everything below them too."),
    "E": ("linear_backward", _db_over_every_entry,
          "every db is one number, the sum over all units and examples (np.sum(dZ) / m): the gradient vector "
          "comes out too short, so the gradient check fails with a shape error; a shape check names db."),
    "F": (None, None, "no bug: this is your own backward pass."),
}


def mystery_backward_passes(namespace):
    """Six backward passes with the signature of L_model_backward(AL, Y, caches), labelled "A" to "F".

    ``namespace`` is the notebook's ``globals()``: the passes run your L_model_backward there, with one
    building block swapped while they run (and put back afterwards, also after an error).
    """
    def planted(block, breaker):
        def backward(AL, Y, caches):
            if block is None:
                return namespace["L_model_backward"](AL, Y, caches)
            original = namespace[block]
            namespace[block] = breaker(original)
            try:
                return namespace["L_model_backward"](AL, Y, caches)
            finally:
                namespace[block] = original
        return backward

    return {label: planted(block, breaker) for label, (block, breaker, _) in _BUGS.items()}


def check_each_parameter(cost, parameters, gradients, X, Y, epsilon=1e-6):
    """For each parameter array, the relative difference between the slope of ``cost`` along its
    gradient and the slope the gradient claims. One pair of cost evaluations per array (not per entry):
    move the array by epsilon along the unit vector u of its gradient; the cost should change at the
    rate ||gradient|| = <gradient, u>. Prints one line per array and returns name -> difference.
    """
    L = len(parameters) // 2
    found = {}
    for layer in range(L, 0, -1):  # from the output down, as backpropagation goes
        for name in (f"W{layer}", f"b{layer}"):
            claimed = np.asarray(gradients[f"d{name}"], dtype=float)
            if claimed.size != np.size(parameters[name]):
                print(f"d{name:4s} has {claimed.size} entries, {name} has {np.size(parameters[name])}: "
                      f"a shape bug")
                found[name] = float("nan")
                continue
            norm = np.linalg.norm(claimed)
            u = claimed.reshape(np.shape(parameters[name])) / norm if norm > 0 else np.zeros(np.shape(parameters[name]))
            plus = {k: (v + epsilon * u if k == name else v) for k, v in parameters.items()}
            minus = {k: (v - epsilon * u if k == name else v) for k, v in parameters.items()}
            slope = (cost(plus, X, Y) - cost(minus, X, Y)) / (2 * epsilon)
            difference = abs(slope - norm) / max(abs(slope) + norm, 1e-12)
            found[name] = difference
            verdict = "right" if difference < 1e-5 else "WRONG"
            print(f"d{name:4s} relative difference {difference:.1e}  {verdict}")
    return found


def reveal(label):
    """What is broken in mystery pass ``label`` (read it after you have made up your mind)."""
    return _BUGS[label][2]

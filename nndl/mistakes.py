"""Typical student mistakes, per assignment and graded function: the one list that the tests and the demo use.

Each entry replaces a piece of the reference solution with what a student
plausibly writes instead: assignment -> {solution grade id: (correct text, mistaken text)}.
"""

MISTAKES = {
    "w2_numpy_basics": {
        "basic_sigmoid": ("math.exp(-x)", "math.exp(x)"),
        # the algebraically equal form that overflows to nan for large x
        "sigmoid": ("1 / (1 + np.exp(-x))", "np.exp(x) / (1 + np.exp(x))"),
        "sigmoid_derivative": ("s * (1 - s)", "x * (1 - x)"),
        "image2vector": ("image.shape[0] * image.shape[1] * image.shape[2], 1",
                         "1, image.shape[0] * image.shape[1] * image.shape[2]"),
        "normalize_rows": ("axis=1, keepdims=True", "axis=0, keepdims=True"),
        "softmax": ("np.sum(x_exp, axis=1, keepdims=True)", "np.sum(x_exp)"),
        "L1": ("np.sum(np.abs(y - yhat))", "np.sum(y - yhat)"),
        "L2": ("np.dot(y - yhat, y - yhat)", "np.sum(np.abs(y - yhat))"),
    },
    "w3_planar_data": {
        # the flower has one output row, so hard-coding it looks right there
        "layer_sizes": ("n_y = Y.shape[0]", "n_y = 1"),
        # zero initialisation: every hidden unit stays identical (symmetry)
        "initialize_parameters": ("* 0.01", "* 0"),
        # sigmoid in the hidden layer
        "forward_propagation": ("A1 = np.tanh(Z1)", "A1 = sigmoid(Z1)"),
        # forgetting 1/m
        "compute_cost": ("cost = -np.sum(log_likelihood) / m", "cost = -np.sum(log_likelihood)"),
        # derivative of tanh taken as 1 - A1
        "backward_propagation": ("(1 - np.power(A1, 2))", "(1 - A1)"),
        # ignoring the learning_rate argument (the default is 1.2, so nn_model is unaffected)
        "update_parameters": ("learning_rate *", "1.2 *"),
        # not keeping the updated parameters: nothing is learned
        "nn_model": ("parameters = update_parameters(parameters, grads)", "update_parameters(parameters, grads)"),
        # returning the probabilities instead of labels
        "predict": ("(A2 > 0.5).astype(int)", "A2"),
    },
}


def grading_cell_of(grade_id):
    """The test cell that grades a solution cell (naming convention: <solution id>_tests)."""
    return f"{grade_id}_tests"

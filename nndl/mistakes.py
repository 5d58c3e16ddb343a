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
    "w2_logistic_regression": {
        # the image size read where the count is
        "dataset_sizes": ("m_train = train_set_x_orig.shape[0]", "m_train = train_set_x_orig.shape[1]"),
        # the classic wrong flatten: right shape, pixels of different images mixed in each column
        "flatten": ("train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T",
                    "train_set_x_orig.reshape(train_set_x_orig.shape[1] * train_set_x_orig.shape[2] "
                    "* train_set_x_orig.shape[3], train_set_x_orig.shape[0])"),
        # integer division: every pixel becomes 0 (or 1 for pure white)
        "standardize": ("_flatten / 255.0", "_flatten // 255"),
        # the form that overflows to nan for large scores
        "sigmoid": ("1 / (1 + np.exp(-z))", "np.exp(z) / (1 + np.exp(z))"),
        # an int bias (model still works: the first update makes it a float)
        "initialize_with_zeros": ("b = 0.0", "b = 0"),
        # the sign of the cost (gradients right: the gradient check and the cost values fail)
        "propagate": ("cost = -np.sum(", "cost = np.sum("),
        # the cost recorded only when it is printed (model, which never prints, looks right)
        "optimize": ("if i % 100 == 0:\n            costs.append(cost)",
                     "if print_cost and i % 100 == 0:\n            costs.append(cost)"),
        # ties counted as cats (only exactly 0.5 differs)
        "predict": ("(A > 0.5)", "(A >= 0.5)"),
        # the learning rate not passed on: optimize's default 0.009 is used
        "model": ("learning_rate=learning_rate, print_cost=print_cost)", "print_cost=print_cost)"),
    },
    "w3_planar_data": {
        # the number of features read where the number of examples is
        "data_shapes": ("m = X.shape[1]", "m = X.shape[0]"),
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
    "w4_deep_network": {
        # W1 transposed
        "initialize_parameters": ("np.random.randn(n_h, n_x) * 0.01", "np.random.randn(n_x, n_h) * 0.01"),
        # W{l} transposed: shape (n_{l-1}, n_l)
        "initialize_parameters_deep": ("np.random.randn(layer_dims[l], layer_dims[l - 1])",
                                       "np.random.randn(layer_dims[l - 1], layer_dims[l])"),
        # cache in the wrong order (the callers pass it on untouched, so only this function loses)
        "linear_forward": ("cache = (A, W, b)", "cache = (W, A, b)"),
        "linear_activation_forward": ("cache = (linear_cache, activation_cache)",
                                      "cache = (activation_cache, linear_cache)"),
        # sigmoid on the hidden layers
        "L_model_forward": ('parameters[f"b{l}"], "relu")', 'parameters[f"b{l}"], "sigmoid")'),
        # no 1/m
        "compute_cost": ("np.log(1 - AL)) / m", "np.log(1 - AL))"),
        # scaling dZ in place: right values, but the caller's dZ is changed
        "linear_backward": ("dW = np.dot(dZ, A_prev.T) / m\n    db = np.sum(dZ, axis=1, keepdims=True) / m",
                            "dZ /= m  # scale once, in place\n    dW = np.dot(dZ, A_prev.T)\n"
                            "    db = np.sum(dZ, axis=1, keepdims=True)"),
        # ReLU derivative made by overwriting the cached Z with a 0/1 mask: right values, broken cache
        "linear_activation_backward": ("dZ = relu_backward(dA, activation_cache)",
                                       "activation_cache[activation_cache > 0] = 1\n"
                                       "        activation_cache[activation_cache <= 0] = 0\n"
                                       "        dZ = dA * activation_cache"),
        # the sign of dAL
        "L_model_backward": ("dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
                             "dAL = np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)"),
        # the last layer left out of the loop (an off-by-one in range)
        "update_parameters": ("for l in range(1, L + 1):", "for l in range(1, L):"),
    },
    "w4_deep_application": {
        # backpropagation started from dZ2 = A2 - Y but fed in as dA2 (the sigmoid derivative is applied twice)
        "two_layer_model": ("dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))", "dA2 = A2 - Y"),
        # the learning-rate argument ignored (the default is right, so full-data runs look fine)
        "L_layer_model": ("update_parameters(parameters, grads, learning_rate)", "update_parameters(parameters, grads, 0.0075)"),
    },
}


def grading_cell_of(grade_id):
    """The test cell that grades a solution cell (naming convention: <solution id>_tests)."""
    return f"{grade_id}_tests"

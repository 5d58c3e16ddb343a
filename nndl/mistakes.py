"""Typical student mistakes, per assignment and graded function: the one list that grading, the tests and the demo use.

Each entry replaces a piece of the reference solution with what a student
plausibly writes instead: ``MISTAKES`` is assignment -> {solution grade id: (correct text,
mistaken text)}, one per graded function (the tests and the demo use it); ``MORE`` adds
further ones.  ``DIAGNOSES`` says, in words a student can act on, what each mistake of
``MISTAKES`` is.  While grading, every catalogued mistake runs as a *mutant reference*
(:mod:`nndl.grading.mutants`): a student whose result matches a mutant's, and not the
reference's, is told the diagnosis before the generic type/shape/value message.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Mistake:
    grade_id: str  # the solution cell it changes
    old: str
    new: str
    diagnosis: str


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
        "L2": ("np.sum((y - yhat) ** 2)", "np.sum(np.abs(y - yhat))"),
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
        # --- the computation-graph exercises (issue 11, item 2) ---
        # the 3 applied to a alone: J = 3a + bc
        "graph_forward": ("J = 3 * v", "J = 3 * a + u"),
        # the chain rule forgotten: the local derivative c without the upstream dJ/du = 3
        "graph_backward": ("dJ_db = dJ_du * c", "dJ_db = c"),
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
        # --- the gradient-checking exercise (issue 11, item 3) ---
        # the one-sided distance: gradapprox twice too large
        "gradient_check_n": ("(J_plus - J_minus) / (2 * epsilon)", "(J_plus - J_minus) / epsilon"),
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


# What each mistake of MISTAKES is, said to the student whose result matches it (hedged: "it looks as if").
DIAGNOSES = {
    "w2_numpy_basics": {
        "basic_sigmoid": "It looks as if the minus sign in the exponent is missing: the sigmoid is 1 / (1 + exp(-x)).",
        "sigmoid": "Your formula looks like e^x / (1 + e^x): equal on paper, but e^x overflows to inf for large x "
                   "and the result becomes nan. Use 1 / (1 + np.exp(-x)).",
        "sigmoid_derivative": "It looks as if s * (1 - s) was applied to x itself: compute s = sigmoid(x) first.",
        "image2vector": "Your vector looks like a row of shape (1, n): the exercise asks for a column, (n, 1).",
        "normalize_rows": "It looks as if each column was divided by its norm (axis=0): divide each row (axis=1).",
        "softmax": "It looks as if every entry was divided by the sum of the whole matrix: each row is divided by "
                   "its own sum (np.sum(..., axis=1, keepdims=True)).",
        "L1": "It looks as if the absolute value is missing: L1 adds up |y - yhat|, so errors cannot cancel out.",
        "L2": "It looks as if you added the absolute differences (that is L1): L2 adds up their squares.",
    },
    "w2_logistic_regression": {
        "dataset_sizes": "m_train looks like the side of an image: the number of examples is the first dimension.",
        "flatten": "Your flatten has the right shape but mixes pixels of different images in one column: reshape "
                   "to (m, -1) first, then transpose.",
        "standardize": "It looks as if you used integer division (//), which turns almost every pixel into 0: "
                       "divide with /.",
        "sigmoid": "Your formula looks like e^z / (1 + e^z), which overflows for large z: use 1 / (1 + np.exp(-z)).",
        "initialize_with_zeros": "b looks like the integer 0: start it as the float 0.0.",
        "propagate": "Your cost looks like it has the wrong sign: it is MINUS the mean of "
                     "y log(a) + (1 - y) log(1 - a).",
        "optimize": "It looks as if the costs are recorded only when print_cost is True: record one every 100 "
                    "iterations whatever print_cost says.",
        "predict": "It looks as if a probability of exactly 0.5 counts as a cat: only a > 0.5 does.",
        "model": "It looks as if learning_rate is not passed on to optimize, so optimize's default is used.",
        # --- the computation-graph exercises (issue 11, item 2) ---
        "graph_forward": "J looks like 3a + bc: the 3 multiplies the whole sum, J = 3 * v with v = a + u.",
        "graph_backward": "dJ/db looks like c alone: by the chain rule it is dJ/du (which is 3) times the "
                          "local derivative c, so dJ/db = 3c.",
    },
    "w3_planar_data": {
        "data_shapes": "m looks like the number of features: the examples are the columns of X (X.shape[1]).",
        "layer_sizes": "n_y looks hard-coded: read it from Y (Y.shape[0]).",
        "initialize_parameters": "Your weights look like all zeros: then every hidden unit computes the same thing "
                                 "and stays the same (symmetry). Use small random values.",
        "forward_propagation": "The hidden layer looks like it uses the sigmoid: this network uses tanh there.",
        "compute_cost": "Your cost looks m times too large: divide the sum by m.",
        "backward_propagation": "It looks as if the derivative of tanh was taken as 1 - A1: it is 1 - A1**2.",
        "update_parameters": "It looks as if the learning_rate argument is ignored.",
        "nn_model": "It looks as if the updated parameters are thrown away: "
                    "write parameters = update_parameters(parameters, grads).",
        "predict": "You seem to return probabilities: turn them into 0/1 labels with a threshold of 0.5.",
    },
    "w4_deep_network": {
        "initialize_parameters": "W1 looks transposed: its shape is (n_h, n_x).",
        "initialize_parameters_deep": "W{l} looks transposed: its shape is (layer_dims[l], layer_dims[l - 1]).",
        "linear_forward": "The cache looks like it is in the wrong order: it is (A, W, b).",
        "linear_activation_forward": "The cache looks like it is in the wrong order: it is "
                                     "(linear_cache, activation_cache).",
        "L_model_forward": "The hidden layers look like they use the sigmoid: they use ReLU, and only the last "
                           "layer uses the sigmoid.",
        "compute_cost": "Your cost looks m times too large: divide the sum by m.",
        "linear_backward": "It looks as if dZ is divided by m in place (dZ /= m): that changes the caller's array. "
                           "Divide dW and db by m instead.",
        "linear_activation_backward": "It looks as if the cached Z is overwritten to make the ReLU mask: that "
                                      "breaks the cache. Use relu_backward (or work on a copy).",
        "L_model_backward": "dAL looks like it has the wrong sign: dAL = -(Y / AL - (1 - Y) / (1 - AL)).",
        "update_parameters": "It looks as if the last layer is left out of the loop: go over l = 1 ... L "
                             "(range(1, L + 1)).",
        # --- the gradient-checking exercise (issue 11, item 3) ---
        "gradient_check_n": "Your estimates look twice too large: the two points theta + epsilon and "
                            "theta - epsilon are 2 * epsilon apart, so divide J_plus - J_minus by 2 * epsilon.",
    },
    "w4_deep_application": {
        "two_layer_model": "It looks as if dA2 was set to A2 - Y: that is dZ2. Fed in as dA2, the sigmoid's "
                           "derivative is applied twice.",
        "L_layer_model": "It looks as if the learning_rate argument is ignored (a fixed 0.0075 is used).",
    },
}

# Further mistakes, each with its diagnosis: run as mutants while grading, like those above.
MORE = {
    "w2_numpy_basics": [
        Mistake("softmax", "np.sum(x_exp, axis=1, keepdims=True)", "np.sum(x_exp, axis=0, keepdims=True)",
                "It looks as if each column was divided by its sum (axis=0): each row is divided by its own sum."),
        Mistake("normalize_rows", "x = x / x_norm", "x = x / np.linalg.norm(x)",
                "It looks as if every entry was divided by the norm of the whole matrix: divide each row by its "
                "own norm (axis=1, keepdims=True)."),
        Mistake("sigmoid_derivative", "s * (1 - s)", "s * (1 + s)",
                "It looks as if the derivative was written s * (1 + s): it is s * (1 - s)."),
    ],
    "w2_logistic_regression": [
        Mistake("propagate", "dw = np.dot(X, dZ.T) / m", "dw = np.dot(X, dZ.T)",
                "dw looks m times too large: divide by m."),
        Mistake("propagate", "db = np.sum(dZ) / m", "db = np.sum(dZ)", "db looks m times too large: divide by m."),
        Mistake("optimize", 'w = w - learning_rate * grads["dw"]', 'w = w + learning_rate * grads["dw"]',
                "It looks as if w moves uphill: subtract learning_rate * dw."),
        # --- the computation-graph exercises (issue 11, item 2) ---
        Mistake("graph_forward", "u = b * c", "u = b + c",
                "u looks like b + c: the first step multiplies, u = b * c."),
        Mistake("graph_forward", "v = a + u", "v = 3 * (a + u)",
                "v looks like it already holds the factor 3, so J has it twice: v = a + u, and only the last "
                "step multiplies by 3."),
        Mistake("graph_backward", "dJ_db = dJ_du * c\n    dJ_dc = dJ_du * b", "dJ_db = dJ_du * b\n    dJ_dc = dJ_du * c",
                "dJ/db and dJ/dc look swapped: u = bc moves by c per unit of b, so dJ/db = 3c, and by b per "
                "unit of c, so dJ/dc = 3b."),
        Mistake("graph_backward", "dJ_da = dJ_dv * 1.0", "dJ_da = dJ_dv * a",
                "dJ/da looks like 3a: v = a + u moves one for one with a, so dJ/da = dJ/dv * 1 = 3."),
    ],
    "w3_planar_data": [
        Mistake("backward_propagation", "dW2 = np.dot(dZ2, A1.T) / m", "dW2 = np.dot(dZ2, A1.T)",
                "dW2 looks m times too large: divide by m."),
        Mistake("backward_propagation", "db2 = np.sum(dZ2, axis=1, keepdims=True) / m", "db2 = np.sum(dZ2) / m",
                "It looks as if db2 sums over every entry: sum over the examples only (axis=1, keepdims=True)."),
        Mistake("compute_cost", "cost = -np.sum(log_likelihood) / m", "cost = np.sum(log_likelihood) / m",
                "Your cost looks like it has the wrong sign: it is MINUS the mean log-likelihood."),
    ],
    "w4_deep_network": [
        Mistake("linear_backward", "db = np.sum(dZ, axis=1, keepdims=True) / m", "db = np.sum(dZ) / m",
                "It looks as if db sums over every entry: sum over the examples only (axis=1, keepdims=True)."),
        Mistake("compute_cost", "cost = -np.sum(", "cost = np.sum(",
                "Your cost looks like it has the wrong sign: it is MINUS the mean log-likelihood."),
        # --- the gradient-checking exercise (issue 11, item 3) ---
        Mistake("gradient_check_n", "theta_plus = np.copy(parameters_values)", "theta_plus = parameters_values",
                "It looks as if theta_plus is parameters_values itself, not a copy: each nudge then stays in "
                "theta, and the later costs are taken at the wrong points. Start from np.copy(parameters_values)."),
        Mistake("gradient_check_n", "difference = numerator / denominator", "difference = numerator",
                "Your difference looks like ||grad - gradapprox|| alone: divide it by "
                "||grad|| + ||gradapprox||, so that it does not depend on the size of the gradients."),
        Mistake("gradient_check_n", "denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)",
                "denominator = np.linalg.norm(grad + gradapprox)",
                "Your denominator looks like ||grad + gradapprox||: it is the sum of the two norms, "
                "np.linalg.norm(grad) + np.linalg.norm(gradapprox)."),
    ],
}


def catalogue(assignment):
    """Every catalogued mistake of ``assignment`` that has a diagnosis, as :class:`Mistake`."""
    found = [Mistake(grade_id, old, new, DIAGNOSES[assignment][grade_id])
             for grade_id, (old, new) in MISTAKES.get(assignment, {}).items()
             if grade_id in DIAGNOSES.get(assignment, {})]
    return found + list(MORE.get(assignment, []))

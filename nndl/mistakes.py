"""Typical student mistakes, per assignment and graded function: the one list that grading, the tests and the demo use.

Each entry replaces a piece of the reference solution with what a student
plausibly writes instead: ``MISTAKES`` is assignment -> {solution grade id: (correct text,
mistaken text)}, one per graded function (the tests and the demo use it); ``MORE`` adds
further ones (at least three per graded function in all), each :class:`Mistake` named and with the
other functions that lose points with it (``also``: they call it).  ``DIAGNOSES`` says, in words a
student can act on, what each mistake of ``MISTAKES`` is.  While grading, every catalogued mistake runs as a *mutant reference*
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
    name: str = ""  # short and unique within its assignment (a MISTAKES entry is named by its grade id)
    also: tuple = ()  # the other graded functions that lose points with it, because they call this one


MISTAKES = {
    "w1_introduction": {
        # np.max (the largest entry, along axis 0) for np.maximum (entry by entry)
        "relu": ("np.maximum(0, z)", "np.max(z, 0)"),
        # the bias left out
        "neuron": ("z = np.dot(w.T, X) + b", "z = np.dot(w.T, X)"),
        # no ReLU: a linear layer
        "layer_forward": ("A = np.maximum(0, Z)", "A = Z"),
        # the output unit fed the hidden units' values before their ReLU
        "tiny_network": ("Z2 = np.dot(W2, A1) + b2", "Z2 = np.dot(W2, Z1) + b2"),
        # weights only, no biases
        "count_parameters": ("layer_dims[l] * layer_dims[l - 1] + layer_dims[l]", "layer_dims[l] * layer_dims[l - 1]"),
    },
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


# What each mistake of MISTAKES is, said to the student whose result matches it (hedged: "it looks as if").
DIAGNOSES = {
    "w1_introduction": {
        "relu": "It looks as if np.max was used: it returns the largest entry (along an axis), not max(0, z) for "
                "every entry. Use np.maximum(0, z), which compares entry by entry and keeps the shape.",
        "neuron": "It looks as if the bias b is missing: the unit computes relu(np.dot(w.T, X) + b).",
        "layer_forward": "It looks as if the ReLU is missing: the layer returns Z = W A_prev + b itself, so negative "
                         "values come through. Return np.maximum(0, Z).",
        "tiny_network": "It looks as if the output unit reads Z1, the hidden units' values before their ReLU: it "
                        "reads A1 = relu(Z1).",
        "count_parameters": "It looks as if only the weights are counted: every unit of layer l also has a bias, "
                            "n[l] of them per layer.",
    },
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

# Further mistakes, each with its diagnosis: run as mutants while grading, like those above, and each
# graded as a student of its own by the notebook's grading tests (student "more_<name>"): it must lose
# points on its function and on the functions of ``also`` (which call it), and nowhere else.
MORE = {
    "w1_introduction": [
        Mistake("relu", "a = np.maximum(0, z)", "a = np.abs(z)",
                "It looks as if negative entries had their sign flipped (np.abs): the ReLU makes them 0.",
                name="relu_1"),
        Mistake("relu", "a = np.maximum(0, z)", "a = np.maximum(0.01 * z, z)",
                "It looks as if this is the leaky ReLU, max(0.01 z, z): the ReLU makes negative entries exactly 0.",
                name="relu_2"),
        Mistake("relu", "a = np.maximum(0, z)", "z[z < 0] = 0\n    a = z",
                "It looks as if z was changed in place (z[z < 0] = 0): the values are right, but the caller's "
                "array is changed too. Return a new array: np.maximum(0, z).", name="relu_3"),
        Mistake("neuron", "z = np.dot(w.T, X) + b\n    a = np.maximum(0, z)",
                "z = np.dot(w.T, X)\n    a = np.maximum(0, z) + b",
                "It looks as if the bias is added after the ReLU: it goes inside, relu(np.dot(w.T, X) + b), so "
                "the output is never negative.", name="neuron_1"),
        Mistake("neuron", "a = np.maximum(0, z)", "a = z",
                "It looks as if the ReLU is missing: a unit returns max(0, w.T x + b), never a negative number.",
                name="neuron_2"),
        Mistake("neuron", "np.dot(w.T, X) + b", "np.sum(w * X, axis=0) + b",
                "Your result looks like a rank-1 array of shape (m,): the unit's output is a row of shape (1, m) "
                "(np.dot(w.T, X), or keepdims=True in np.sum).", name="neuron_3"),
        Mistake("layer_forward", "A = np.maximum(0, Z)", "A = 1 / (1 + np.exp(-Z))",
                "It looks as if the sigmoid is applied: the units of this layer are ReLU units, np.maximum(0, Z).",
                name="layer_forward_1"),
        Mistake("layer_forward", "Z = np.dot(W, A_prev) + b", "Z = np.dot(W, A_prev)",
                "It looks as if the biases b are missing: Z = np.dot(W, A_prev) + b.", name="layer_forward_2"),
        Mistake("layer_forward", "Z = np.dot(W, A_prev) + b", "Z = np.dot(W, A_prev) + np.sum(b)",
                "It looks as if every unit gets the sum of all the biases: unit j adds its own b[j] (just + b; "
                "broadcasting adds each row its own bias).", name="layer_forward_3"),
        Mistake("tiny_network", "price = np.maximum(0, Z2)", "price = Z2",
                "It looks as if the output unit has no ReLU: prices can come out negative. Return "
                "np.maximum(0, Z2).", name="tiny_network_1"),
        Mistake("tiny_network", "Z2 = np.dot(W2, A1) + b2", "Z2 = np.dot(W2, A1) + b1",
                "Your result has one row per hidden unit: it looks as if b1 was added in the output layer, where "
                "b2 belongs (broadcasting hid the mismatch).", name="tiny_network_2"),
        Mistake("tiny_network", "Z1 = np.dot(W1, X) + b1", "Z1 = np.dot(W1, X)",
                "It looks as if the hidden layer's biases b1 are missing: Z1 = np.dot(W1, X) + b1.",
                name="tiny_network_3"),
        Mistake("count_parameters", "for l in range(1, len(layer_dims)):", "for l in range(len(layer_dims)):",
                "It looks as if the loop starts at layer 0: the input layer has no weights or biases, so count "
                "layers l = 1, ..., L only.", name="count_parameters_1"),
        Mistake("count_parameters", "layer_dims[l] * layer_dims[l - 1] + layer_dims[l]",
                "layer_dims[l] * layer_dims[l - 1] + layer_dims[l - 1]",
                "It looks as if the biases are counted per unit of the previous layer: there is one bias per unit "
                "of layer l itself, n[l].", name="count_parameters_2"),
        Mistake("count_parameters", "for l in range(1, len(layer_dims)):", "for l in range(1, len(layer_dims) - 1):",
                "It looks as if the last layer (the output) is left out: count every layer l = 1, ..., L.",
                name="count_parameters_3"),
    ],
    "w2_numpy_basics": [
        Mistake("basic_sigmoid", "1 / (1 + math.exp(-x))", "1 / 1 + math.exp(-x)",
                "It looks as if the parentheses around the denominator are missing: 1 / 1 + math.exp(-x) is "
                "1 + e^-x. Write 1 / (1 + math.exp(-x)).", name="basic_sigmoid_parentheses"),
        Mistake("basic_sigmoid", "1 / (1 + math.exp(-x))", "1 / math.exp(-x)",
                "It looks as if the 1 + in the denominator is missing: 1 / e^-x is just e^x. "
                "The sigmoid is 1 / (1 + e^-x).", name="basic_sigmoid_without_one_plus"),
        Mistake("sigmoid", "1 / (1 + np.exp(-x))", "1 / (1 + np.exp(x))",
                "It looks as if the minus sign in the exponent is missing: the sigmoid is 1 / (1 + np.exp(-x)).",
                name="sigmoid_sign"),
        Mistake("sigmoid", "1 / (1 + np.exp(-x))", "1 / 1 + np.exp(-x)",
                "It looks as if the parentheses around the denominator are missing: 1 / 1 + np.exp(-x) is "
                "1 + e^-x. Write 1 / (1 + np.exp(-x)).", name="sigmoid_parentheses",
                also=("sigmoid_derivative",)),
        Mistake("sigmoid_derivative", "s * (1 - s)", "s * (1 + s)",
                "It looks as if the derivative was written s * (1 + s): it is s * (1 - s).",
                name="derivative_plus"),
        Mistake("sigmoid_derivative", "s * (1 - s)", "1 - s ** 2",
                "Your derivative looks like 1 - s**2, the derivative of tanh: the sigmoid's is s * (1 - s).",
                name="derivative_of_tanh"),
        Mistake("sigmoid_derivative", "s * (1 - s)", "np.dot(s, 1 - s)",
                "It looks as if np.dot was used where the product is entry by entry: np.dot of two vectors "
                "adds the products up. Use * (s * (1 - s)).", name="derivative_with_dot"),
        Mistake("image2vector", "image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)",
                "image.reshape(-1)",
                "Your vector looks rank-1, shape (n,): the exercise asks for a column, shape (n, 1) "
                "(reshape(-1, 1) gives one).", name="image2vector_rank1"),
        Mistake("image2vector", "image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)",
                "image.reshape(image.shape[0] * image.shape[1], image.shape[2])",
                "Your result looks like one row per pixel, shape (height * width, channels): unroll the "
                "channels too, into one column of shape (height * width * channels, 1).",
                name="image2vector_pixels_as_rows"),
        Mistake("normalize_rows", "x = x / x_norm", "x = x / np.linalg.norm(x)",
                "It looks as if every entry was divided by the norm of the whole matrix: divide each row by its "
                "own norm (axis=1, keepdims=True).", name="normalize_by_matrix_norm"),
        Mistake("normalize_rows", "axis=1, keepdims=True", "axis=1",
                "It looks as if keepdims=True is missing: the norms then have shape (rows,), which does not "
                "divide each row by its own norm. np.linalg.norm(x, axis=1, keepdims=True) has shape (rows, 1).",
                name="normalize_without_keepdims"),
        Mistake("normalize_rows", "np.linalg.norm(x, axis=1, keepdims=True)", "np.sum(x ** 2, axis=1, keepdims=True)",
                "It looks as if each row was divided by its sum of squares: the norm is the square root of that "
                "sum (np.linalg.norm does it for you).", name="normalize_without_sqrt"),
        Mistake("softmax", "np.sum(x_exp, axis=1, keepdims=True)", "np.sum(x_exp, axis=0, keepdims=True)",
                "It looks as if each column was divided by its sum (axis=0): each row is divided by its own sum.",
                name="softmax_columns"),
        Mistake("softmax", "np.sum(x_exp, axis=1, keepdims=True)", "np.sum(x_exp, axis=1)",
                "It looks as if keepdims=True is missing: the row sums then have shape (rows,), which does not "
                "divide each row by its own sum. np.sum(x_exp, axis=1, keepdims=True) has shape (rows, 1).",
                name="softmax_without_keepdims"),
        Mistake("softmax", "x_exp = np.exp(x)", "x_exp = x",
                "It looks as if the scores were divided by their sum without exponentiating them first: "
                "take np.exp(x), then divide by the row sums.", name="softmax_without_exp"),
        Mistake("L1", "np.sum(np.abs(y - yhat))", "np.mean(np.abs(y - yhat))",
                "Your loss looks like the mean of |y - yhat|: L1 here is their sum.", name="L1_mean"),
        Mistake("L1", "np.sum(np.abs(y - yhat))", "np.abs(y - yhat)",
                "Your loss looks like the array of the differences |y - yhat|: add them up (np.sum) to get one "
                "number.", name="L1_not_summed"),
        Mistake("L2", "np.sum((y - yhat) ** 2)", "np.mean((y - yhat) ** 2)",
                "Your loss looks like the mean of the squared differences: L2 here is their sum.", name="L2_mean"),
        Mistake("L2", "np.sum((y - yhat) ** 2)", "np.sum(y - yhat) ** 2",
                "It looks as if the sum was squared: square each difference first, then add them up, "
                "np.sum((y - yhat) ** 2).", name="L2_square_of_sum"),
    ],
    "w2_logistic_regression": [
        Mistake("dataset_sizes", "m_test = test_set_x_orig.shape[0]", "m_test = train_set_x_orig.shape[0]",
                "m_test looks like the number of training examples: read it from test_set_x_orig.",
                name="m_test_from_train"),
        Mistake("dataset_sizes", "num_px = train_set_x_orig.shape[1]", "num_px = train_set_x_orig.shape[0]",
                "num_px looks like the number of images: an image has shape (num_px, num_px, 3), so its height "
                "is axis 1 of train_set_x_orig.", name="num_px_is_m"),
        Mistake("flatten", "train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T",
                "train_set_x_orig.reshape(train_set_x_orig.shape[0], -1)",
                "train_set_x_flatten looks like one row per image, shape (m_train, n): transpose it (.T) so that "
                "each column is an image.", name="flatten_not_transposed"),
        Mistake("flatten", "train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T",
                "train_set_x_orig.T.reshape(-1, train_set_x_orig.shape[0])",
                "Each column looks like one image, but with its pixels in another order (transposing first "
                "reverses the axes of every image): reshape to (m, -1) first, then transpose.",
                name="flatten_transposed_first"),
        Mistake("standardize", "train_set_x = train_set_x_flatten / 255.0",
                "train_set_x = (train_set_x_flatten - train_set_x_flatten.mean()) / train_set_x_flatten.std()",
                "It looks as if the mean was subtracted and the result divided by the standard deviation: a "
                "good recipe for other data, but for pixels this exercise divides by 255.",
                name="standardize_mean_std"),
        Mistake("standardize", "test_set_x = test_set_x_flatten / 255.0", "test_set_x = test_set_x_flatten",
                "test_set_x looks unscaled: divide the test pixels by 255 too, as the training ones.",
                name="test_set_not_scaled"),
        Mistake("standardize", "train_set_x = train_set_x_flatten / 255.0", "train_set_x = train_set_x_orig / 255.0",
                "train_set_x looks like the scaled images before flattening: divide train_set_x_flatten, the "
                "images as columns, by 255.", name="standardize_unflattened"),
        Mistake("sigmoid", "1 / (1 + np.exp(-z))", "1 / (1 + np.exp(z))",
                "It looks as if the minus sign in the exponent is missing: the sigmoid is 1 / (1 + np.exp(-z)).",
                name="sigmoid_sign", also=("propagate", "optimize", "predict", "model")),
        Mistake("sigmoid", "1 / (1 + np.exp(-z))", "1 / 1 + np.exp(-z)",
                "It looks as if the parentheses around the denominator are missing: 1 / 1 + np.exp(-z) is "
                "1 + e^-z. Write 1 / (1 + np.exp(-z)).", name="sigmoid_parentheses",
                also=("propagate", "optimize", "predict", "model")),
        Mistake("initialize_with_zeros", "w = np.zeros((dim, 1))", "w = np.zeros(dim)",
                "w looks rank-1, shape (dim,): make it a column, np.zeros((dim, 1)).", name="w_rank1",
                also=("model",)),
        Mistake("initialize_with_zeros", "b = 0.0", "b = np.zeros((1, 1))",
                "b looks like an array: it is one number, the Python float 0.0.", name="b_as_array",
                also=("model",)),
        Mistake("propagate", "dw = np.dot(X, dZ.T) / m", "dw = np.dot(X, dZ.T)",
                "dw looks m times too large: divide by m.", name="dw_without_1_over_m", also=("optimize", "model")),
        Mistake("propagate", "db = np.sum(dZ) / m", "db = np.sum(dZ)", "db looks m times too large: divide by m.",
                name="db_without_1_over_m", also=("optimize", "model")),
        Mistake("propagate", "np.log(1 - A)) / m", "np.log(1 - A))",
                "Your cost looks m times too large: divide the sum by m.", name="cost_without_1_over_m"),
        Mistake("optimize", 'w = w - learning_rate * grads["dw"]', 'w = w + learning_rate * grads["dw"]',
                "It looks as if w moves uphill: subtract learning_rate * dw.", name="w_uphill", also=("model",)),
        Mistake("optimize", "if i % 100 == 0:", "if True:",
                "It looks as if the cost is recorded at every iteration: record it only when i % 100 == 0.",
                name="costs_every_iteration"),
        Mistake("predict", "Y_prediction = (A > 0.5).astype(float)", "Y_prediction = A",
                "You seem to return probabilities: turn them into labels, 1 where A > 0.5 and 0 elsewhere.",
                name="probabilities_returned", also=("model",)),
        Mistake("predict", "A = sigmoid(np.dot(w.T, X) + b)", "A = np.dot(w.T, X) + b",
                "It looks as if the threshold 0.5 was applied to the scores w.T X + b: apply the sigmoid first, "
                "then compare the probabilities with 0.5.", name="predict_without_sigmoid", also=("model",)),
        Mistake("model", "Y_prediction_test = predict(w, b, X_test)", "Y_prediction_test = predict(w, b, X_train)",
                "Y_prediction_test looks like the predictions for the training set: predict on X_test.",
                name="train_and_test_swapped"),
        Mistake("model", "num_iterations=num_iterations,\n", "\n",
                "It looks as if num_iterations is not passed on to optimize, so optimize's default (100) is used.",
                name="num_iterations_not_passed"),
        # --- the computation-graph exercises (issue 11, item 2) ---
        Mistake("graph_forward", "u = b * c", "u = b + c",
                "u looks like b + c: the first step multiplies, u = b * c.", name="u_added"),
        Mistake("graph_forward", "v = a + u", "v = 3 * (a + u)",
                "v looks like it already holds the factor 3, so J has it twice: v = a + u, and only the last "
                "step multiplies by 3.", name="v_with_the_factor"),
        Mistake("graph_backward", "dJ_db = dJ_du * c\n    dJ_dc = dJ_du * b", "dJ_db = dJ_du * b\n    dJ_dc = dJ_du * c",
                "dJ/db and dJ/dc look swapped: u = bc moves by c per unit of b, so dJ/db = 3c, and by b per "
                "unit of c, so dJ/dc = 3b.", name="db_and_dc_swapped"),
        Mistake("graph_backward", "dJ_da = dJ_dv * 1.0", "dJ_da = dJ_dv * a",
                "dJ/da looks like 3a: v = a + u moves one for one with a, so dJ/da = dJ/dv * 1 = 3.",
                name="dJ_da_times_a"),
    ],
    "w3_planar_data": [
        Mistake("data_shapes", "m = X.shape[1]", "m = X.size",
                "m looks like the number of entries of X (X.size): the examples are its columns, X.shape[1].",
                name="m_is_size"),
        Mistake("data_shapes", "shape_Y = Y.shape", "shape_Y = X.shape",
                "shape_Y looks like the shape of X: read it from Y.", name="shape_Y_from_X"),
        Mistake("layer_sizes", "n_x = X.shape[0]", "n_x = X.shape[1]",
                "n_x looks like the number of examples: the features are the rows of X (X.shape[0]).",
                name="n_x_is_m", also=("nn_model",)),
        Mistake("layer_sizes", "n_y = Y.shape[0]", "n_y = Y.shape[1]",
                "n_y looks like the number of examples: the output units are the rows of Y (Y.shape[0]).",
                name="n_y_is_m", also=("nn_model",)),
        Mistake("initialize_parameters", "W1 = np.random.randn(n_h, n_x) * 0.01", "W1 = np.random.randn(n_h, n_x)",
                "W1 looks about 100 times too large: scale np.random.randn(...) by 0.01, so that tanh starts in "
                "its steep middle part and learning is fast.", name="W1_not_scaled"),
        Mistake("initialize_parameters", "np.random.randn(n_h, n_x)", "np.random.randn(n_x, n_h)",
                "W1 looks transposed: its shape is (n_h, n_x), one row per hidden unit.", name="W1_transposed",
                also=("nn_model",)),
        Mistake("forward_propagation", "A2 = sigmoid(Z2)", "A2 = np.tanh(Z2)",
                "The output layer looks like it uses tanh: it uses the sigmoid, so that A2 is a probability.",
                name="tanh_output"),
        Mistake("forward_propagation", "Z2 = np.dot(W2, A1) + b2", "Z2 = np.dot(W2, Z1) + b2",
                "Z2 looks computed from Z1: the second layer takes the activations A1 = tanh(Z1).",
                name="Z2_from_Z1"),
        Mistake("compute_cost", "cost = -np.sum(log_likelihood) / m", "cost = np.sum(log_likelihood) / m",
                "Your cost looks like it has the wrong sign: it is MINUS the mean log-likelihood.",
                name="cost_sign"),
        Mistake("compute_cost", "log_likelihood = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)",
                "log_likelihood = Y * np.log(A2)",
                "Your cost looks like it has only the y log(a) term: add (1 - y) log(1 - a), the term of the "
                "examples labelled 0.", name="cost_one_term"),
        Mistake("backward_propagation", "dW2 = np.dot(dZ2, A1.T) / m", "dW2 = np.dot(dZ2, A1.T)",
                "dW2 looks m times too large: divide by m.", name="dW2_without_1_over_m"),
        Mistake("backward_propagation", "db2 = np.sum(dZ2, axis=1, keepdims=True) / m", "db2 = np.sum(dZ2) / m",
                "It looks as if db2 sums over every entry: sum over the examples only (axis=1, keepdims=True).",
                name="db2_sums_everything"),
        Mistake("backward_propagation", "db2 = np.sum(dZ2, axis=1, keepdims=True) / m", "db2 = np.sum(dZ2, axis=1) / m",
                "db2 looks rank-1, shape (n_y,): keep the summed axis, np.sum(dZ2, axis=1, keepdims=True).",
                name="keepdims_db2"),
        Mistake("update_parameters", 'W1 = W1 - learning_rate * grads["dW1"]', 'W1 -= learning_rate * grads["dW1"]',
                "It looks as if W1 is updated in place (W1 -= ...): W1 is the caller's array, so the parameters "
                "you were given change too. Write W1 = W1 - learning_rate * dW1.", name="update_in_place"),
        Mistake("update_parameters", 'W1 = W1 - learning_rate * grads["dW1"]', 'W1 = W1 + learning_rate * grads["dW1"]',
                "W1 looks like it moves uphill: subtract learning_rate * dW1.", name="W1_uphill"),
        Mistake("nn_model", "n_x, _, n_y = layer_sizes(X, Y)", "n_x, n_h, n_y = layer_sizes(X, Y)",
                "The hidden layer looks like it has 4 units whatever n_h says: layer_sizes always gives 4, so "
                "take only n_x and n_y from it and keep the argument n_h.", name="n_h_overwritten"),
        # `return parameters` indented into the loop
        Mistake("nn_model", "parameters = update_parameters(parameters, grads)",
                "parameters = update_parameters(parameters, grads)\n        return parameters",
                "It looks as if training stops after the first iteration (a return inside the loop?): run all "
                "num_iterations iterations, then return the parameters.", name="returns_after_one_iteration"),
        Mistake("predict", "A2, _ = forward_propagation(X, parameters)",
                'A2 = forward_propagation(X, parameters)[1]["Z2"]',
                "Your labels look like the scores Z2 compared with 0.5: compare the output A2 = sigmoid(Z2) "
                "with 0.5.", name="threshold_on_Z2"),
        Mistake("predict", "(A2 > 0.5).astype(int)", "(A2 < 0.5).astype(int)",
                "Your labels look inverted: predict 1 where A2 > 0.5, 0 elsewhere.", name="labels_inverted"),
    ],
    "w4_deep_network": [
        Mistake("initialize_parameters", "W1 = np.random.randn(n_h, n_x) * 0.01", "W1 = np.random.randn(n_h, n_x)",
                "W1 looks 100 times too large: multiply np.random.randn(...) by 0.01.", name="W1_not_scaled"),
        Mistake("initialize_parameters", "b1 = np.zeros((n_h, 1))", "b1 = np.random.randn(n_h, 1) * 0.01",
                "b1 looks random: biases start at zero, np.zeros((n_h, 1)) (and drawing them also changes the "
                "random numbers W2 gets).", name="b1_random"),
        Mistake("initialize_parameters_deep",
                "np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01", "np.zeros((layer_dims[l], layer_dims[l - 1]))",
                "Your weights look like all zeros: then every unit of a layer computes the same thing and stays the "
                "same (symmetry). Use np.random.randn(...) * 0.01.", name="zero_initialisation"),
        # better in practice, but the graded contract (the classic one) is 0.01; the text teaches the difference
        Mistake("initialize_parameters_deep",
                "np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01",
                "np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(layer_dims[l - 1])",
                "Your weights look scaled by 1 / sqrt(n): a good choice for deep networks (the text explains it), "
                "but this exercise asks for np.random.randn(...) * 0.01.", name="scaled_by_one_over_sqrt_n"),
        Mistake("initialize_parameters_deep", "for l in range(1, len(layer_dims)):",
                "for l in range(1, len(layer_dims) - 1):",
                "The last layer's W and b look missing: there is one layer per entry of layer_dims after the "
                "first, so loop over range(1, len(layer_dims)).", name="last_layer_missing"),
        Mistake("linear_forward", "Z = np.dot(W, A) + b", "Z = np.dot(W, A)",
                "Z looks like W A without the bias: add b.", name="forgot_the_bias",
                also=("linear_activation_forward", "L_model_forward")),
        Mistake("linear_forward", "cache = (A, W, b)", "cache = (Z, W, b)",
                "The cache looks like it holds Z where A belongs: it is (A, W, b), because the backward pass needs "
                "the layer's input A.", name="Z_in_the_cache", also=("linear_activation_forward", "L_model_forward")),
        Mistake("linear_activation_forward", "A, activation_cache = relu(Z)", "A, activation_cache = sigmoid(Z)",
                'With activation="relu" your layer looks like it applies the sigmoid: use relu(Z) in that branch.',
                name="relu_branch_uses_sigmoid", also=("L_model_forward",)),
        Mistake("linear_activation_forward", "cache = (linear_cache, activation_cache)", "cache = (linear_cache, A)",
                "The activation cache looks like it holds A: it holds Z, the activation cache that sigmoid(Z) and "
                "relu(Z) return.", name="A_in_the_cache", also=("L_model_forward",)),
        Mistake("L_model_forward", '"sigmoid")\n    caches.append(cache)', '"sigmoid")',
                "caches looks one short: append the output layer's cache too (one cache per layer).",
                name="last_cache_missing"),
        Mistake("L_model_forward", 'parameters[f"b{L}"], "sigmoid")', 'parameters[f"b{L}"], "relu")',
                "The output layer looks like it uses ReLU: it uses the sigmoid, so that AL is a probability.",
                name="relu_output"),
        Mistake("compute_cost", "cost = -np.sum(", "cost = np.sum(",
                "Your cost looks like it has the wrong sign: it is MINUS the mean log-likelihood.", name="cost_sign"),
        Mistake("compute_cost", "Y * np.log(AL) + (1 - Y) * np.log(1 - AL)", "Y * np.log(AL)",
                "Your cost looks like it has only the y log(a) term: add (1 - y) log(1 - a), the term of the "
                "examples labelled 0.", name="cost_one_term"),
        Mistake("linear_backward", "db = np.sum(dZ, axis=1, keepdims=True) / m", "db = np.sum(dZ) / m",
                "It looks as if db sums over every entry: sum over the examples only (axis=1, keepdims=True).",
                name="db_sums_everything", also=("linear_activation_backward", "L_model_backward")),
        Mistake("linear_backward", "dW = np.dot(dZ, A_prev.T) / m", "dW = np.dot(dZ, A_prev.T)",
                "dW looks m times too large: divide by m.", name="missing_1_over_m_in_dW",
                also=("linear_activation_backward", "L_model_backward")),
        Mistake("linear_backward", "np.sum(dZ, axis=1, keepdims=True) / m", "np.sum(dZ, axis=1) / m",
                "db looks rank-1, shape (n,): keep the summed axis, np.sum(dZ, axis=1, keepdims=True).",
                name="db_without_keepdims", also=("linear_activation_backward", "L_model_backward")),
        Mistake("linear_activation_backward", "dZ = relu_backward(dA, activation_cache)",
                "dZ = dA * np.sign(activation_cache)",
                "dZ looks like dA * sign(Z): the ReLU's derivative is 0 where Z < 0, not -1. Use relu_backward.",
                name="relu_derivative_wrong_below_zero", also=("L_model_backward",)),
        Mistake("linear_activation_backward", "dZ = relu_backward(dA, activation_cache)",
                "dZ = sigmoid_backward(dA, activation_cache)",
                'With activation="relu" the layer looks like it uses the sigmoid\'s derivative: use relu_backward '
                "in that branch.", name="relu_branch_uses_sigmoid_backward", also=("L_model_backward",)),
        Mistake("linear_activation_backward", "linear_backward(dZ, linear_cache)", "linear_backward(dA, linear_cache)",
                "It looks as if linear_backward was given dA: give it dZ, what relu_backward or sigmoid_backward "
                "makes of dA.", name="dA_instead_of_dZ", also=("L_model_backward",)),
        Mistake("L_model_backward", "dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))", "dAL = AL - Y",
                "It looks as if dAL was set to AL - Y: that is dZ of the output layer. Fed in as dAL, the "
                "sigmoid's derivative is applied twice.", name="dAL_is_dZL"),
        Mistake("L_model_backward", 'caches[l - 1], "relu")', 'caches[l - 1], "sigmoid")',
                "The hidden layers look like they use the sigmoid's derivative in the backward pass: they are "
                'ReLU layers ("relu").', name="hidden_layers_with_sigmoid_backward"),
        # the contract's grads hold dA0 too
        Mistake("L_model_backward", 'grads[f"dA{l}"], caches[l - 1], "relu")',
                'grads[f"dA{l}"], caches[l - 1], "relu")\n    grads.pop("dA0")',
                "grads looks like it lacks dA0: keep every dA{l - 1} that a backward step returns, dA0 included.",
                name="dA0_left_out"),
        Mistake("update_parameters", '- learning_rate * grads[f"dW{l}"]', '+ learning_rate * grads[f"dW{l}"]',
                "The weights look like they move uphill: subtract learning_rate * dW.", name="W_uphill"),
        Mistake("update_parameters", '\n        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]',
                "", "The biases look unchanged: update every b{l} too, b{l} - learning_rate * db{l}.",
                name="b_not_updated"),
        # --- the gradient-checking exercise (issue 11, item 3) ---
        Mistake("gradient_check_n", "theta_plus = np.copy(parameters_values)", "theta_plus = parameters_values",
                "It looks as if theta_plus is parameters_values itself, not a copy: each nudge then stays in "
                "theta, and the later costs are taken at the wrong points. Start from np.copy(parameters_values).",
                name="theta_plus_not_a_copy"),
        Mistake("gradient_check_n", "difference = numerator / denominator", "difference = numerator",
                "Your difference looks like ||grad - gradapprox|| alone: divide it by "
                "||grad|| + ||gradapprox||, so that it does not depend on the size of the gradients.",
                name="difference_not_relative"),
        Mistake("gradient_check_n", "denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)",
                "denominator = np.linalg.norm(grad + gradapprox)",
                "Your denominator looks like ||grad + gradapprox||: it is the sum of the two norms, "
                "np.linalg.norm(grad) + np.linalg.norm(gradapprox).", name="denominator_norm_of_sum"),
    ],
    "w4_deep_application": [
        Mistake("two_layer_model", 'parameters["b1"], "relu")', 'parameters["b1"], "sigmoid")',
                "The hidden layer looks like it uses the sigmoid: it is a ReLU layer (\"relu\"), forward and "
                "backward.", name="sigmoid_hidden_layer"),
        Mistake("two_layer_model", "if i % 100 == 0:", "if True:",
                "It looks as if the cost is recorded at every iteration: record it only when i % 100 == 0.",
                name="cost_every_iteration"),
        Mistake("L_layer_model", "parameters = update_parameters(parameters, grads, learning_rate)",
                "update_parameters(parameters, grads, learning_rate)",
                "It looks as if the updated parameters are thrown away: write "
                "parameters = update_parameters(parameters, grads, learning_rate).", name="update_not_kept"),
        # the cost of the last iteration recorded as well (the contract records iterations 0, 100, 200, ... only)
        Mistake("L_layer_model", "if i % 100 == 0:", "if i % 100 == 0 or i == num_iterations - 1:",
                "It looks as if the last iteration's cost is recorded too: record the cost only when "
                "i % 100 == 0 (printing it at the last iteration is fine).", name="last_cost_recorded_too"),
    ],
}


def catalogue(assignment):
    """Every catalogued mistake of ``assignment`` that has a diagnosis, as :class:`Mistake`."""
    found = [Mistake(grade_id, old, new, DIAGNOSES[assignment][grade_id], name=grade_id)
             for grade_id, (old, new) in MISTAKES.get(assignment, {}).items()
             if grade_id in DIAGNOSES.get(assignment, {})]
    return found + list(MORE.get(assignment, []))

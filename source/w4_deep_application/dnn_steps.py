"""Functions from the w4_deep_network notebook (its provided code and reference solutions).

Generated from notebooks/w4_deep_network.py by `nndl build`: do not edit.
"""
import copy
import numpy as np


def sigmoid(Z):
    """Sigmoid of every entry of Z. Returns (A, cache) with cache = Z, kept for the backward pass."""
    A = 1 / (1 + np.exp(-Z))
    return A, Z


def relu(Z):
    """ReLU of every entry of Z, max(0, z). Returns (A, cache) with cache = Z."""
    A = np.maximum(0, Z)
    return A, Z


def sigmoid_backward(dA, cache):
    """dZ = dA * sigmoid'(Z) with Z = cache (a new array; dA is left as it is)."""
    s = 1 / (1 + np.exp(-cache))
    return dA * s * (1 - s)


def relu_backward(dA, cache):
    """dZ = dA where Z > 0 and 0 elsewhere, with Z = cache (a new array)."""
    return np.where(cache > 0, dA, 0.0)


def initialize_parameters(n_x, n_h, n_y):
    """Starting parameters of a 2-layer network n_x -> n_h -> n_y.

    Arguments:
        n_x -- the size of the input layer
        n_h -- the size of the hidden layer
        n_y -- the size of the output layer
    Returns:
        parameters -- dict with W1 (n_h, n_x) and W2 (n_y, n_h), small random weights drawn in this
                      order, and b1 (n_h, 1) and b2 (n_y, 1), zeros
    """
    np.random.seed(1)  # provided: keep this line
    # 1. W1 (random, scaled by 0.01), then b1 (zeros), W2, b2, in this order.
    # 2. Put the four arrays into the dict parameters.
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    return parameters


def initialize_parameters_deep(layer_dims):
    """Starting parameters of an L-layer network.

    Arguments:
        layer_dims -- list of sizes [n_x, n_1, ..., n_L], the input layer first
    Returns:
        parameters -- dict with W1, b1, ..., WL, bL: Wl of shape (n_l, n_{l-1}), small random numbers
                      drawn layer by layer, and bl of shape (n_l, 1), zeros
    """
    np.random.seed(3)  # provided: keep this line
    parameters = {}
    # For each layer l from 1 to L: Wl, random and scaled by 0.01, then bl, zeros.
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def linear_forward(A, W, b):
    """The linear step of one layer.

    Arguments:
        A -- the previous layer's activations, shape (n_prev, m)
        W -- weights, shape (n, n_prev)
        b -- biases, shape (n, 1)
    Returns:
        Z -- the scores, shape (n, m)
        cache -- the tuple (A, W, b), kept for the backward pass
    """
    Z = np.dot(W, A) + b
    cache = (A, W, b)
    return Z, cache


def linear_activation_forward(A_prev, W, b, activation):
    """One layer: the linear step, then the activation.

    Arguments:
        A_prev -- the previous layer's activations, shape (n_prev, m)
        W -- weights, shape (n, n_prev)
        b -- biases, shape (n, 1)
        activation -- "sigmoid" or "relu"
    Returns:
        A -- the layer's activations, shape (n, m)
        cache -- the pair (linear_cache, activation_cache)
    """
    # 1. The linear step (linear_forward) gives Z and the linear cache.
    # 2. The activation named by `activation` (the provided sigmoid or relu) gives A and the
    #    activation cache.
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = relu(Z)
    else:
        raise ValueError(f"unknown activation {activation!r}")
    cache = (linear_cache, activation_cache)
    return A, cache


def L_model_forward(X, parameters):
    """Forward pass of [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID.

    Arguments:
        X -- inputs, shape (n_x, m)
        parameters -- dict with W1, b1, ..., WL, bL (from initialize_parameters_deep)
    Returns:
        AL -- the output probabilities, shape (1, m)
        caches -- list of the L caches of linear_activation_forward, layer 1 first
    """
    caches = []
    A = X
    L = len(parameters) // 2
    # 1. Layers 1 to L-1 with "relu", each reading the A of the layer before; keep each cache.
    # 2. Layer L with "sigmoid" gives AL; keep its cache too.
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    """The cross-entropy cost of the predictions.

    Arguments:
        AL -- predicted probabilities, shape (1, m)
        Y -- labels, shape (1, m), of 0 and 1
    Returns:
        cost -- the mean over the m examples of the cross-entropy loss, a Python float
    """
    m = Y.shape[1]
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    cost = float(np.squeeze(cost))  # provided: a Python float, also from an array of shape (1, 1)
    return cost


def linear_backward(dZ, cache):
    """The backward pass of the linear step of one layer.

    Arguments:
        dZ -- the gradient of the cost with respect to this layer's Z, shape (n, m)
        cache -- the tuple (A_prev, W, b) of linear_forward
    Returns:
        dA_prev -- the gradient with respect to A_prev, shape (n_prev, m)
        dW -- the gradient with respect to W, shape (n, n_prev)
        db -- the gradient with respect to b, shape (n, 1)
    """
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dA_prev = np.dot(W.T, dZ)
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    """The backward pass of one layer: the activation, then the linear step.

    Arguments:
        dA -- the gradient of the cost with respect to this layer's activations, shape (n, m)
        cache -- the pair (linear_cache, activation_cache) of linear_activation_forward
        activation -- "sigmoid" or "relu", as in the forward pass
    Returns:
        dA_prev, dW, db -- as linear_backward returns them
    """
    linear_cache, activation_cache = cache
    # 1. The activation's backward step (relu_backward or sigmoid_backward, with the activation
    #    cache) turns dA into dZ.
    # 2. linear_backward, with the linear cache, gives dA_prev, dW and db.
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    else:
        raise ValueError(f"unknown activation {activation!r}")
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    return dA_prev, dW, db


def L_model_backward(AL, Y, caches):
    """Gradients of the cost for the network of L_model_forward.

    Arguments:
        AL -- the output probabilities, shape (1, m)
        Y -- labels, shape (1, m)
        caches -- the list of caches of L_model_forward
    Returns:
        grads -- dict with dA0, ..., dA{L-1}, dW1, ..., dWL and db1, ..., dbL
    """
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    # 1. Where backpropagation starts (about 1 line): dAL, the derivative of each
    #    example's loss with respect to AL, from the formula above (np.divide).
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    # 2. The output layer L (about 1 line): one backward step with "sigmoid" and the
    #    last cache; its three results go into grads under "dA{L-1}", "dW{L}", "db{L}".
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    # 3. The hidden layers, from L-1 down to 1 (about 3 lines): a loop over l whose
    #    body takes one backward step with "relu", from the dA of the layer above
    #    (already in grads) and the cache of layer l, and stores "dA{l-1}", "dW{l}", "db{l}".
    for l in range(L - 1, 0, -1):  # the hidden layers, from the top down
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            grads[f"dA{l}"], caches[l - 1], "relu")
    return grads


def update_parameters(params, grads, learning_rate):
    """One step of gradient descent on every layer.

    Arguments:
        params -- dict with W1, b1, ..., WL, bL
        grads -- dict with dW1, db1, ..., dWL, dbL
        learning_rate -- the step size alpha
    Returns:
        parameters -- a new dict with the updated parameters (params and its arrays are not changed)
    """
    parameters = copy.deepcopy(params)  # provided: keep this line
    L = len(parameters) // 2
    # For each layer l from 1 to L: Wl and bl each take one step against their gradient,
    # scaled by learning_rate.
    for l in range(1, L + 1):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    return parameters


def dictionary_to_vector(parameters):
    """Stack W1, b1, W2, b2, ..., WL, bL (in this order, each read row by row) into one column theta.

    Returns theta, of shape (number of parameters, 1), and keys: for each entry of theta, the name of
    the parameter it comes from ("W1", "b1", ...).
    """
    L = len(parameters) // 2
    pieces, keys = [], []
    for layer in range(1, L + 1):
        for name in (f"W{layer}", f"b{layer}"):
            pieces.append(np.reshape(parameters[name], (-1, 1)))
            keys += [name] * np.size(parameters[name])
    return np.concatenate(pieces), keys


def vector_to_dictionary(theta, parameters):
    """The inverse of dictionary_to_vector: a new dict with the keys and shapes of `parameters`,
    filled from the column theta (parameters itself is only read for its shapes)."""
    L = len(parameters) // 2
    new, start = {}, 0
    for layer in range(1, L + 1):
        for name in (f"W{layer}", f"b{layer}"):
            size = np.size(parameters[name])
            new[name] = np.reshape(theta[start:start + size], np.shape(parameters[name]))
            start += size
    return new


def gradients_to_vector(gradients):
    """Stack dW1, db1, ..., dWL, dbL like dictionary_to_vector stacks W1, b1, ...; dA entries are ignored."""
    L = sum(1 for key in gradients if key.startswith("dW"))
    return np.concatenate([np.reshape(gradients[f"{d}{layer}"], (-1, 1))
                           for layer in range(1, L + 1) for d in ("dW", "db")])


def network_cost(parameters, X, Y):
    """The cross-entropy cost of [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID on (X, Y), as a float.

    Written independently of your functions. The loss of one example, -(y log a + (1 - y) log(1 - a))
    with a = sigmoid(z), equals log(1 + e^z) - y z, which np.logaddexp(0, z) computes without overflow.
    """
    L = len(parameters) // 2
    A = X
    for layer in range(1, L):
        A = np.maximum(0, np.dot(parameters[f"W{layer}"], A) + parameters[f"b{layer}"])
    Z_out = np.dot(parameters[f"W{L}"], A) + parameters[f"b{L}"]
    return float(np.mean(np.logaddexp(0, Z_out) - Y * Z_out))


def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """How far backpropagation's gradients are from a two-sided finite-difference estimate.

    Arguments:
        parameters -- dict with W1, b1, ..., WL, bL
        gradients -- dict with their gradients dW1, db1, ... from backpropagation
        X -- inputs, shape (n_x, m); Y -- labels, shape (1, m)
        epsilon -- the size of each nudge
        print_msg -- print a verdict when True
    Returns:
        difference -- the relative difference ||grad - gradapprox|| / (||grad|| + ||gradapprox||), a number
    """
    parameters_values, _ = dictionary_to_vector(parameters)  # provided
    grad = gradients_to_vector(gradients)  # provided
    num_parameters = parameters_values.shape[0]
    gradapprox = np.zeros((num_parameters, 1))
    # 1. The two-sided difference for every entry i (about 8 lines): theta_plus, J_plus,
    #    theta_minus, J_minus, then gradapprox[i].
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] += epsilon
        J_plus = network_cost(vector_to_dictionary(theta_plus, parameters), X, Y)
        theta_minus = np.copy(parameters_values)
        theta_minus[i] -= epsilon
        J_minus = network_cost(vector_to_dictionary(theta_minus, parameters), X, Y)
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    # 2. The relative difference (about 3 lines): numerator, denominator, difference.
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    if print_msg:  # provided
        if difference < 2e-7:
            print(f"difference {difference:.1e}: the gradients agree with the two-sided differences")
        elif difference < 1e-3:
            print(f"difference {difference:.1e}: look closer at the entries that differ most")
        else:
            print(f"difference {difference:.1e}: there is almost surely a mistake in the gradients")
    return difference

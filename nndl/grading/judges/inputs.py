"""Hidden inputs the regions build: random networks, their caches and gradients, labelled data.

Every builder draws from the generator it is given (the region's ``rng``, seeded from the cell's grade
id), in a fixed order, so that the inputs are random but the same at every grading run.
"""
import numpy as np


def _per_layer(value, layers):
    return list(value) if isinstance(value, (list, tuple)) else [value] * layers


def random_network(rng, dims, weight_scale=1.0, bias_scale=0.5):
    """Parameters W1, b1, ..., WL, bL for layer sizes ``dims`` = [n0, n1, ..., nL], drawn layer by layer
    (W then b) from normal distributions of spread ``weight_scale`` and ``bias_scale`` (a number, or one
    per layer); a bias scale of 0 gives zeros, with no draw."""
    layers = len(dims) - 1
    weight_scales, bias_scales = _per_layer(weight_scale, layers), _per_layer(bias_scale, layers)
    params = {}
    for l in range(1, layers + 1):
        params[f"W{l}"] = rng.normal(scale=weight_scales[l - 1], size=(dims[l], dims[l - 1]))
        params[f"b{l}"] = (rng.normal(scale=bias_scales[l - 1], size=(dims[l], 1)) if bias_scales[l - 1]
                           else np.zeros((dims[l], 1)))
    return params


def gradients_like(rng, params, scale=0.3):
    """Random gradients dW1, db1, ... of the shapes of ``params``, in its order."""
    return {"d" + k: rng.normal(scale=scale, size=np.shape(v)) for k, v in params.items()}


def labels(rng, m, rows=1):
    """A (rows, m) array of random 0/1 labels, as floats."""
    return (rng.uniform(size=(rows, m)) < 0.5).astype(float)


def tanh_sigmoid_cache(params, X):
    """The cache of the two-layer network of week 3 (tanh hidden layer, sigmoid output) on ``X``."""
    Z1 = params["W1"] @ X + params["b1"]
    A1 = np.tanh(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    return {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": 1 / (1 + np.exp(-Z2))}


def two_layer_backward_inputs(rng, n_x, n_h, m):
    """The arguments of ``backward_propagation(parameters, cache, X, Y)``: a random 2-layer network with
    one output unit (weights of spread 0.8), X of shape (n_x, m), labels and the network's cache on X."""
    params = random_network(rng, [n_x, n_h, 1], weight_scale=0.8)
    X = rng.normal(size=(n_x, m))
    Y = labels(rng, m)
    return params, tanh_sigmoid_cache(params, X), X, Y


def linearly_separable(rng, n, m):
    """X of shape (n, m) and labels that a line separates (1 where x_0 + x_{n-1} / 2 > 0.1)."""
    X = rng.normal(size=(n, m))
    return X, (X[0:1] + 0.5 * X[-1:] > 0.1).astype(float)


def opposite_quadrants(rng, n, m):
    """X of shape (n, m) and labels no line separates (1 where x_0 and x_{n-1} have the same sign)."""
    X = rng.normal(size=(n, m))
    return X, (X[0:1] * X[-1:] > 0).astype(float)


def random_network_and_gradients(rng, dims, bias_scale=1.0, gradient_scale=0.3):
    """A random network (:func:`random_network`, weights of spread 1) and random gradients of its shapes,
    drawn in this order: the arguments of ``update_parameters(parameters, grads)``."""
    params = random_network(rng, dims, bias_scale=bias_scale)
    return params, gradients_like(rng, params, gradient_scale)


def mixed_outputs_network(rng, n_x, n_h):
    """A 2-layer network with one output unit whose outputs fall clearly on both sides of 0.5: output
    weights of spread 2 and no output bias (for judging predictions)."""
    return random_network(rng, [n_x, n_h, 1], weight_scale=(1.0, 2.0), bias_scale=(1.0, 0))

"""Deep networks of L layers for hidden regions: random ones, and the grader's own passes through them.

A network is a dict ``{"W1": ..., "b1": ..., ..., "WL": ..., "bL": ...}`` for layer sizes
``dims = [n0, n1, ..., nL]``: ReLU in layers 1 to L-1, a sigmoid in layer L, the cross-entropy cost.
``<function>_inputs`` returns the arguments of that graded function, ready for ``case(label, *...)``.
Every builder draws from the generator it is given, in the order its docstring states, so a
region's inputs are the same on every run.
"""
import numpy as np

from nndl.grading.judges.inputs import labels, random_network, random_network_and_gradients


def parameters(rng, dims):
    """Weights and biases whose activations neither vanish nor saturate: a :func:`inputs.random_network`
    whose W{l} have spread 1 / sqrt(n_{l-1}) and whose b{l} have spread 0.3."""
    return random_network(rng, dims, weight_scale=[1 / np.sqrt(n) for n in dims[:-1]], bias_scale=0.3)


def network_and_examples(rng, dims, m):
    """``(params, X, Y)``: :func:`parameters`, then m examples X of shape (n0, m), then their 0/1 labels Y."""
    params = parameters(rng, dims)
    return params, rng.normal(size=(dims[0], m)), labels(rng, m)


def forward(params, X):
    """``(AL, caches)``: the output and one cache ``((A_prev, W, b), Z)`` per layer, as the course lays them out."""
    L = len(params) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        Z = W @ A + b
        caches.append(((A, W, b), Z))
        A = np.maximum(0, Z) if l < L else 1 / (1 + np.exp(-Z))
    return A, caches


def cost(params, X, Y):
    """The cross-entropy cost of the network on (X, Y), as a Python float."""
    AL, _ = forward(params, X)
    return float(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))


def gradients(params, X, Y):
    """The exact gradients of :func:`cost`: dW{l}, db{l} and dA{l-1} for every layer (dZ of the output is A - Y)."""
    AL, caches = forward(params, X)
    L, m, grads = len(caches), X.shape[1], {}
    dZ = AL - Y
    for l in range(L, 0, -1):
        (A_prev, W, _), _ = caches[l - 1]
        grads[f"dW{l}"] = dZ @ A_prev.T / m
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
        grads[f"dA{l - 1}"] = W.T @ dZ
        if l > 1:
            dZ = grads[f"dA{l - 1}"] * (caches[l - 2][1] > 0)
    return grads


# ---------------------------------------------------------------- the inputs of the graded functions

def L_model_forward_inputs(rng, dims, m):
    """``(X, parameters)`` for ``L_model_forward``: X of shape (n0, m) drawn first, then :func:`parameters`."""
    X = rng.normal(size=(dims[0], m))
    return X, parameters(rng, dims)


def L_model_backward_inputs(rng, dims, m):
    """``(AL, Y, caches)`` for ``L_model_backward``: X, then Y, then :func:`parameters`; AL and the
    caches are :func:`forward`'s."""
    X, Y = rng.normal(size=(dims[0], m)), labels(rng, m)
    AL, caches = forward(parameters(rng, dims), X)
    return AL, Y, caches


def linear_backward_inputs(rng, n, n_prev, m):
    """``(dZ, (A_prev, W, b))`` for ``linear_backward``: A_prev (n_prev, m), W (n, n_prev), b (n, 1), then dZ (n, m)."""
    cache = (rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1)))
    return rng.normal(size=(n, m)), cache


def linear_activation_backward_inputs(rng, n, n_prev, m):
    """``(dA, ((A_prev, W, b), Z))`` for ``linear_activation_backward`` (the activation is the case's to add):
    A_prev, W, b as in :func:`linear_backward_inputs`, then dA (n, m); Z = W A_prev + b."""
    A_prev, W, b = rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))
    return rng.normal(size=(n, m)), ((A_prev, W, b), W @ A_prev + b)


def update_parameters_inputs(rng, dims, m=3):
    """``(params, grads)`` for ``update_parameters``: :func:`inputs.random_network_and_gradients` (all of
    spread 1), then dA0, ..., dA{L-1} as ``L_model_backward`` returns them (of m columns), entries the
    update must ignore."""
    params, grads = random_network_and_gradients(rng, dims, bias_scale=1.0, gradient_scale=1.0)
    for l in range(1, len(dims)):
        grads[f"dA{l - 1}"] = rng.normal(size=(dims[l - 1], m))
    return params, grads


def gradient_check_n_inputs(rng, dims, m, noise=None, scale=None, with_dA=True):
    """``(params, grads, X, Y)`` for ``gradient_check_n``: a :func:`network_and_examples` and its exact
    :func:`gradients`, spoiled when asked: ``noise=(key, spread)`` adds normal noise to ``grads[key]`` (drawn
    last), ``scale=(key, factor)`` multiplies it; without the dA entries unless ``with_dA``."""
    params, X, Y = network_and_examples(rng, dims, m)
    grads = gradients(params, X, Y)
    if noise:
        key, spread = noise
        grads[key] = grads[key] + rng.normal(scale=spread, size=grads[key].shape)
    if scale:
        key, factor = scale
        grads[key] = grads[key] * factor
    if not with_dA:
        grads = {k: v for k, v in grads.items() if not k.startswith("dA")}
    return params, grads, X, Y

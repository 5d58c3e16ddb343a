# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   nndl:
#     ship: [debugging.py, diagrams.py, self_check.py]
# ---

# %% [markdown]
# # Week 4 · A deep neural network, step by step
#
# Last week's network had one hidden layer. This week the number of layers
# becomes a parameter: you will write the pieces of a network with $L$ layers,
# ReLU units in the hidden layers and one sigmoid unit at the output, and
# check that its gradients are right. In the next notebook the same pieces
# train a cat classifier that beats the shallow models of weeks 2 and 3.
#
# The plan:
#
# 1. initialise the parameters of a 2-layer and of an $L$-layer network;
# 2. forward propagation: a linear step, a linear step followed by an
#    activation, then the whole stack of layers;
# 3. the cross-entropy cost;
# 4. backward propagation: the same three levels, in reverse;
# 5. one step of gradient descent.
#
# **What is graded, what is optional.** The eleven exercises (28 points) are
# graded: the initialisers, the forward and backward passes, the cost, the
# update and, in section 10, a gradient check. Every graded exercise draws
# its initial weights at one scale, standard normal numbers times `0.01`.
# The sections and cells whose heading starts with **Optional** are not
# graded and need nothing from you but running them: they compare other
# initialisation scales, show why the weights must start different, check
# your own backward pass with your gradient check, and, at the end, debug
# broken backward passes. They take a few seconds each; skip them if you are
# short of time, and come back to them when a network of yours misbehaves.
#
# **How the exercises work.** As before: replace each `raise NotImplementedError()`
# with your code, run the cell, then run the test cell below it. The public
# checks there tell you what they expected when something is off; the grader
# runs further hidden checks on other inputs when you submit. Keep the
# function names and signatures as they are.

# %% nbgrader="locked" grade_id="setup"
import copy

import numpy as np

from nndl_checks import expect

# %% [markdown]
# ## 1. Notation for $L$ layers
#
# A network with $L$ layers has $L - 1$ hidden layers and one output layer;
# the input is not counted, and we call it layer $0$. We write
#
# * $n^{[l]}$ for the number of units in layer $l$, so $n^{[0]} = n_x$ is the
#   number of input features and $n^{[L]} = 1$ for a yes/no classifier;
# * $W^{[l]}, b^{[l]}$ for the weights and biases of layer $l$;
# * $Z^{[l]}$ for the linear outputs of layer $l$ and $A^{[l]} = g^{[l]}(Z^{[l]})$
#   for its activations, with $A^{[0]} = X$ and $A^{[L]} = \hat Y$;
# * a superscript $(i)$ for example number $i$ and a subscript $j$ for unit
#   number $j$: $a^{[l](i)}_j$ is the activation of unit $j$ in layer $l$ on
#   example $i$.
#
# Forward propagation is the same two lines for every layer,
# $l = 1, \dots, L$, on all $m$ examples at once:
#
# $$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]} \qquad A^{[l]} = g^{[l]}\bigl(Z^{[l]}\bigr)$$
#
# The loop runs over the *layers*; there is no way around that, because each
# layer needs the previous one. There is no loop over the *examples*: they sit
# side by side as the columns of $A^{[l-1]}$.

# %% tags=["skip-in-grading"]
import matplotlib.pyplot as plt

from diagrams import draw_blocks, draw_network  # the course's drawing helpers, in diagrams.py next to this notebook

draw_network([5, 4, 4, 3, 1])
plt.title("an L = 4 layer network: $n^{[0]} = 5$ inputs, hidden layers of 4, 4 and 3 units, one output")
plt.show()

# %% [markdown]
# ## 2. The dimension table
#
# Most bugs in a deep network are shape bugs, and every shape follows from
# $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$: $W^{[l]}$ must turn a column of
# $n^{[l-1]}$ numbers into a column of $n^{[l]}$ numbers.
#
# | quantity | shape | gradient | shape |
# |---|---|---|---|
# | $W^{[l]}$ | $(n^{[l]}, n^{[l-1]})$ | $dW^{[l]}$ | $(n^{[l]}, n^{[l-1]})$ |
# | $b^{[l]}$ | $(n^{[l]}, 1)$ | $db^{[l]}$ | $(n^{[l]}, 1)$ |
# | $Z^{[l]}$, $A^{[l]}$ | $(n^{[l]}, m)$ | $dZ^{[l]}$, $dA^{[l]}$ | $(n^{[l]}, m)$ |
#
# A gradient always has the shape of the quantity it belongs to. The bias is
# one column; broadcasting adds it to each of the $m$ columns of $W^{[l]} A^{[l-1]}$.
# When in doubt, write `assert W.shape == (n_l, n_prev)`.
#
# ## 3. Why deep?
#
# A network with one huge hidden layer can in principle approximate almost any
# function, so why stack layers? Because depth lets a network *compose*
# features. On images, the first layer tends to respond to edges and colour
# blobs, the next layers combine those into textures and parts (an ear, an
# eye), and later layers combine parts into objects. The same happens with
# sound (tones, then phonemes, then words). Each layer reuses what the layer
# below computed, instead of starting from raw pixels.
#
# There are functions for which depth provably saves an exponential number of
# units. A clean example for ReLU networks on one input $x \in [0, 1]$: the
# "tent" $t(x) = 2\min(x, 1 - x)$ rises from 0 to 1 and falls back, and two
# ReLU units compute it, $t(x) = 2\,\mathrm{ReLU}(x) - 4\,\mathrm{ReLU}(x - \tfrac12)$.
# Feeding the tent into itself $k$ times, $t(t(\cdots t(x)))$, gives a zigzag
# with $2^{k-1}$ teeth, $2^k$ straight pieces: a network of $k$ hidden layers
# with 2 ReLU units each computes it exactly. With a single hidden layer it takes at
# least $2^k - 1$ units, because $n$ ReLU units of one input bend the line
# at most $n$ times, so their weighted sum has at most $n + 1$ straight
# pieces. (You may read that the parity of $n$ bits is such an example. That
# is a result about circuits of AND, OR and NOT gates of bounded depth, which
# need exponentially many gates; a neural network of threshold units computes
# $n$-bit parity with one hidden layer of $n$ units, so parity does not show
# the benefit of depth for the networks of this course.)
#
# The next figure draws the zigzag for $k = 1$ to $4$ and, on the right, the
# ReLU units each kind of network needs for it.

# %% tags=["skip-in-grading"]
from diagrams import draw_sawtooth

draw_sawtooth()
plt.tight_layout()
plt.show()

# %% [markdown]
# Each extra layer doubles the number of pieces (every piece of the zigzag
# runs all the way from 0 to 1 or back, and the tent applied to it makes two
# pieces of it) for the price of 2 more units: $2k$
# units in $k$ layers make $2^k$ pieces. A single hidden layer needs at
# least $2^k - 1$ units for the same function: 15 for $k = 4$, and already
# 1023 for $k = 10$, where the deep network uses 20.
#
# Depth is not free (deeper networks are harder to train, a topic of the
# follow-up course, *Improving Deep Neural Networks*), so in practice the depth
# is a hyperparameter to tune, often starting from a shallow model.
#
# ## 4. The building blocks and their caches
#
# Each layer is one *block* with a forward and a backward function:
#
# * **forward**: input $A^{[l-1]}$, output $A^{[l]}$; it keeps a *cache* of
#   what the backward pass will need: the inputs of the linear step
#   $(A^{[l-1]}, W^{[l]}, b^{[l]})$ and $Z^{[l]}$;
# * **backward**: input $dA^{[l]}$ and the cache, outputs
#   $dA^{[l-1]}$ for the block below and $dW^{[l]}, db^{[l]}$ for the update.
#
# Chaining the forward blocks from layer 1 to $L$ gives $\hat Y$ and one cache
# per layer; chaining the backward blocks from layer $L$ down to 1 gives all
# the gradients. Storing the caches trades memory for time: the backward pass
# never recomputes anything.

# %% tags=["skip-in-grading"]
draw_blocks(3)
plt.title("a 3-layer network: forward blocks (top), backward blocks (bottom) and the caches between them")
plt.show()

# %% [markdown]
# The activation functions are provided. Each forward function returns the
# activation and, as its cache, $Z$; each backward function takes $dA$ and
# that cache and returns $dZ = dA \odot g'(Z)$:
#
# $$\sigma'(z) = \sigma(z)\bigl(1 - \sigma(z)\bigr) \qquad
#   \mathrm{ReLU}'(z) = \begin{cases}1 & z > 0\\ 0 & z \le 0\end{cases}$$
#
# (ReLU has no derivative at exactly $0$. Any value between $0$ and $1$ there is
# a valid *subgradient*; code uses $0$ or $1$, and either works: a score is
# almost never exactly $0$, so the choice almost never matters.)

# %% nbgrader="locked" grade_id="activations"
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


# %% [markdown]
# ## 5. Initialisation
#
# The biases can start at zero, but the weights cannot: if every unit of a
# layer started with the same weights, they would compute the same thing and
# receive the same gradient forever. Small random numbers break that symmetry.
#
# Use `np.random.randn(rows, cols)` for standard normal numbers. The first
# line of each initialiser, a call of `np.random.seed`, is given: it fixes the
# random numbers, so that your first weights are the ones the public check
# shows (draw `W1` first, then `W2`, and so on). The grader does not compare
# your random numbers with ours; it checks the shapes, that the biases are
# zero, and that the weights have the requested spread.
#
# ### Exercise 1: `initialize_parameters`
# For a 2-layer network (`n_x` inputs, `n_h` hidden units, `n_y` outputs),
# return a dict with `W1` of shape `(n_h, n_x)`, `b1` of shape `(n_h, 1)`, `W2`
# of shape `(n_y, n_h)` and `b2` of shape `(n_y, 1)`. Weights: standard normal
# numbers times `0.01`; biases: zeros.

# %% nbgrader="solution" grade_id="initialize_parameters"
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
    ### BEGIN SOLUTION
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    ### END SOLUTION
    return parameters


# %% nbgrader="tests" grade_id="initialize_parameters_tests" points=2
small = initialize_parameters(3, 2, 1)
expect(small["W1"].shape, (2, 3), "initialize_parameters(3, 2, 1)['W1'].shape",
       hint="W1 has one row per hidden unit and one column per input: shape (n_h, n_x).")
expect(small["b1"], np.zeros((2, 1)), "initialize_parameters(3, 2, 1)['b1']",
       hint="Biases start at zero, a column of shape (n_h, 1).")
expect(small["W2"].shape, (1, 2), "initialize_parameters(3, 2, 1)['W2'].shape", hint="W2 is (n_y, n_h).")
expect(small["b2"], np.zeros((1, 1)), "initialize_parameters(3, 2, 1)['b2']",
       hint="Biases start at zero, a column of shape (n_y, 1).")
expect(small["W1"], np.array([[0.01624345, -0.00611756, -0.00528172], [-0.01072969, 0.00865408, -0.02301539]]),
       "initialize_parameters(3, 2, 1)['W1'] (drawn first, right after the seed)", rtol=1e-5,
       hint=("Draw W1 first, right after the provided seed (standard-normal draws of shape (n_h, n_x), "
             "scaled by 0.01), then W2; draw nothing random for the biases."))
big = initialize_parameters(400, 100, 1)
expect(float(np.std(big["W1"])), 0.01, "the spread (standard deviation) of W1 for 400 inputs", rtol=0.1,
       hint="Scale the standard-normal draws by 0.01.")
### BEGIN HIDDEN TESTS
grade("initialize_parameters",
      case("150 inputs, 40 hidden units, 3 outputs", 150, 40, 3),
      case("4 inputs, 6 hidden units, 1 output", 4, 6, 1),
      against_reference=False,
      judge=judges.random_initialisation("initialize_parameters", lambda c: c.args, lambda c: [0.01, 0.01]),
      hint=("Weights: standard-normal draws scaled by 0.01, W1 of shape (n_h, n_x) drawn before W2; biases: "
            "columns of zeros."))
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2: `initialize_parameters_deep`
# `layer_dims` lists the sizes of all layers, input first: `[n_x, n_1, ..., n_L]`.
# Return a dict with `W1, b1, ..., WL, bL`, shaped as in the dimension table.
#
# As in Exercise 1, the weights are standard normal numbers times `0.01`:
# `np.random.randn(n_l, n_prev) * 0.01`, and the biases are zeros. This one
# scale, `0.01`, is the one all graded exercises and checks of this notebook
# use. It is fine for shallow networks but does not scale with depth: the
# optional experiment after this exercise shows why, and the two scales used
# in practice instead.

# %% nbgrader="solution" grade_id="initialize_parameters_deep"
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
    ### BEGIN SOLUTION
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    ### END SOLUTION
    return parameters


# %% nbgrader="tests" grade_id="initialize_parameters_deep_tests" points=2
deep = initialize_parameters_deep([5, 4, 3])
expect(sorted(deep), ["W1", "W2", "b1", "b2"], "the keys of initialize_parameters_deep([5, 4, 3])",
       hint=("One W and one b per layer after the input: layers 1 to L, L being the number of sizes in "
             "layer_dims minus one (the input layer has no parameters)."))
expect(deep["W1"].shape, (4, 5), "initialize_parameters_deep([5, 4, 3])['W1'].shape",
       hint="W{l} has shape (layer_dims[l], layer_dims[l - 1]).")
expect(deep["b1"], np.zeros((4, 1)), "initialize_parameters_deep([5, 4, 3])['b1']",
       hint="Biases start at zero, a column of shape (layer_dims[l], 1).")
expect(deep["W2"].shape, (3, 4), "initialize_parameters_deep([5, 4, 3])['W2'].shape",
       hint="W{l} has shape (layer_dims[l], layer_dims[l - 1]).")
expect(deep["b2"], np.zeros((3, 1)), "initialize_parameters_deep([5, 4, 3])['b2']",
       hint="Biases start at zero, a column of shape (layer_dims[l], 1).")
expect(deep["W1"][0], np.array([0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388]),
       "the first row of initialize_parameters_deep([5, 4, 3])['W1'] (drawn first, right after the seed)", rtol=1e-5,
       hint=("Random weights, standard-normal draws scaled by 0.01, drawn layer by layer right after the "
             "provided seed (zeros would make every unit of a layer the same)."))
big = initialize_parameters_deep([400, 100, 1])
expect(float(np.std(big["W1"])), 0.01, "the spread of W1 for 400 inputs", rtol=0.1,
       hint="Multiply by 0.01 in this exercise (not by 1 / sqrt(n): the text explains when that is better).")
### BEGIN HIDDEN TESTS
def deep_case(label, dims):
    return case(label, list(dims))


grade("initialize_parameters_deep",
      deep_case("a 3-layer network with 120 inputs", [120, 30, 10, 1]),
      deep_case("a 4-layer network with 6 inputs", [6, 8, 8, 8, 1]),
      deep_case("a single layer with 3 outputs", [50, 3]),
      against_reference=False,
      judge=judges.random_initialisation("initialize_parameters_deep", lambda c: c.args[0],
                                         lambda c: [0.01 for n in c.args[0][:-1]], exact_keys=True),
      hint=("For every layer l from 1 to L, in order: standard-normal weights of shape (layer_dims[l], "
            "layer_dims[l - 1]) scaled by 0.01, and a column of zeros for the biases."))
### END HIDDEN TESTS

# %% [markdown]
# ### Optional: three initialisation scales, ten layers deep
#
# Why does `0.01` not scale with depth? Each unit adds up $n^{[l-1]}$
# inputs, so with weights of spread $s$ its output has a spread of about
# $s\sqrt{n^{[l-1]}}$ times that of its inputs. With $s = 0.01$ and a few
# hundred inputs per unit, the signal shrinks at every layer and, a few layers
# deep, the network starts out as good as dead: the gradients of the first
# layers are tiny and training stalls. Two scales that grow with the layer's
# input size $n^{[l-1]}$ are used in practice instead:
#
# * **$1/\sqrt{n^{[l-1]}}$** (`np.random.randn(n_l, n_prev) / np.sqrt(n_prev)`),
#   known as *LeCun* initialisation, and often called *Xavier*
#   initialisation (Glorot and Bengio's version averages the sizes of the
#   layer's input and output, $\sqrt{2/(n^{[l-1]} + n^{[l]})}$, the same
#   scale when the two are equal). It gives each $z$ the variance of its
#   inputs: it keeps the spread constant from layer to layer for linear
#   units, and nearly so for tanh units (tanh is linear around 0 and
#   squeezes larger values, so their spread still drifts down slowly). A
#   ReLU unit, though, sets the negative half of its inputs to zero, so with
#   $1/\sqrt{n}$ the variance of $z$ **halves at every ReLU layer** (ten
#   layers shrink it about a thousandfold).
# * **He initialisation, $\sqrt{2/n^{[l-1]}}$**
#   (`np.random.randn(n_l, n_prev) * np.sqrt(2 / n_prev)`), doubles the
#   weights' variance to make up for exactly that factor of 2, and keeps the
#   spread constant through ReLU layers.
#
# The application notebook trains its 4-layer ReLU network with a provided
# $1/\sqrt{n}$ initialiser (over its three ReLU layers the halving costs a
# factor of about 8 in variance, which that network survives); the follow-up
# course (*Improving Deep Neural Networks*) treats initialisation in detail.
# The graded exercises keep `0.01`.
#
# The next cell sends 1000 random examples (500 standard normal features)
# through ten layers of 500 units, once for each way of drawing the weights,
# and plots the standard deviation of each layer's activations on a log
# scale (each grid line down is a factor of 10): ReLU layers on the left,
# tanh layers on the right.

# %% tags=["skip-in-grading"]
spread_rng = np.random.default_rng(0)
n, m, depth = 500, 1000, 10
X_spread = spread_rng.standard_normal((n, m))
schemes = {"0.01": 0.01, "1/sqrt(n)": 1 / np.sqrt(n), "He, sqrt(2/n)": np.sqrt(2 / n)}
fig, axes = plt.subplots(1, 2, figsize=(12, 4), sharey=True)
for ax, (activation, g) in zip(axes, [("ReLU", lambda Z: np.maximum(0, Z)), ("tanh", np.tanh)]):
    for scheme, scale in schemes.items():
        A, spread = X_spread, []
        for layer in range(depth):
            A = g((spread_rng.standard_normal((n, n)) * scale) @ A)
            spread.append(A.std())
        ax.semilogy(range(1, depth + 1), spread, marker="o", label=scheme)
        print(f"{activation:4s} {scheme:13s} spread of layer 1: {spread[0]:.2g}, of layer {depth}: {spread[-1]:.2g}")
    ax.set_title(f"{depth} {activation} layers of {n} units")
    ax.set_xlabel("layer")
    ax.grid(True, which="major")
axes[0].set_ylabel("standard deviation of the activations")
axes[0].legend()
plt.show()

# %% [markdown]
# What the run shows. With `0.01` the signal collapses in both kinds of
# network: by layer 10 its spread is below $10^{-6}$ (about $7.5 \cdot 10^{-9}$
# for ReLU), so the last layers see inputs that are all practically zero. With
# $1/\sqrt{n}$ the ReLU network loses a factor $\sqrt 2$ of spread per layer
# (its variance halves), from 0.58 to 0.026 over ten layers, while the tanh
# network drifts down much more slowly (0.63 to 0.23). He's $\sqrt{2/n}$ keeps
# the ReLU layers' spread roughly level (0.83 at layer 1, 0.64 at layer 10).

# %% [markdown]
# ## 6. Forward propagation
#
# The public checks of the next exercises use the small fixed inputs of this
# cell; run it once.

# %% nbgrader="locked" grade_id="examples"
A = np.array([[1.0, -2.0, 0.5], [0.3, 0.8, -1.1]])
W = np.array([[0.5, -0.4], [0.2, 0.1], [-0.3, 0.7]])
b = np.array([[0.1], [-0.2], [0.05]])
Z = np.array([[0.48, -1.22, 0.79], [0.03, -0.52, -0.21], [-0.04, 1.21, -0.87]])  # = W A + b
X_small = np.array([[0.2, -0.5], [1.0, 0.4], [-0.3, 0.9]])
Y_small = np.array([[1.0, 0.0]])
params_small = {"W1": np.array([[0.4, -0.6, 0.1], [0.3, 0.8, -0.5]]), "b1": np.array([[0.05], [-0.1]]),
                "W2": np.array([[1.2, -0.7]]), "b2": np.array([[0.2]])}
# the forward pass of this 2-layer network, written out, for the backward checks
Z1_small = params_small["W1"] @ X_small + params_small["b1"]
A1_small = np.maximum(0, Z1_small)
Z2_small = params_small["W2"] @ A1_small + params_small["b2"]
AL_small = 1 / (1 + np.exp(-Z2_small))
caches_small = [((X_small, params_small["W1"], params_small["b1"]), Z1_small),
                ((A1_small, params_small["W2"], params_small["b2"]), Z2_small)]

# %% [markdown]
#
# ### Exercise 3: `linear_forward`
# The linear part of one layer: return $Z = W A + b$ and the cache `(A, W, b)`,
# a tuple in exactly this order. `A` has shape $(n^{[l-1]}, m)$, `W` has shape
# $(n^{[l]}, n^{[l-1]})$, `b` has shape $(n^{[l]}, 1)$.

# %% nbgrader="solution" grade_id="linear_forward"
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
    ### BEGIN SOLUTION
    Z = np.dot(W, A) + b
    cache = (A, W, b)
    ### END SOLUTION
    return Z, cache


# %% nbgrader="tests" grade_id="linear_forward_tests" points=2
A = np.array([[1.0, -2.0, 0.5], [0.3, 0.8, -1.1]])
W = np.array([[0.5, -0.4], [0.2, 0.1], [-0.3, 0.7]])
b = np.array([[0.1], [-0.2], [0.05]])
Z_got, cache = linear_forward(A, W, b)
expect(Z_got, Z, "Z", hint="Z is the matrix product of W and A, plus the bias b (broadcast over the columns).")
expect(cache, (A, W, b), "cache", hint="The cache is (A, W, b), in this order, with the layer's input A (not Z).")
### BEGIN HIDDEN TESTS
grade("linear_forward",
      case("A (4, 5), W (3, 4), b (3, 1)", rng.normal(size=(4, 5)), rng.normal(size=(3, 4)), rng.normal(size=(3, 1))),
      case("one example: A (6, 1), W (2, 6), b (2, 1)", rng.normal(size=(6, 1)), rng.normal(size=(2, 6)),
           rng.normal(size=(2, 1))),
      case("one output unit: A (3, 7), W (1, 3), b (1, 1)", rng.normal(size=(3, 7)), rng.normal(size=(1, 3)),
           rng.normal(size=(1, 1))),
      hint=("Z is the matrix product of W and A plus b (broadcast over the columns); the cache is the tuple "
            "(A, W, b) in this order."))
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 4: `linear_activation_forward`
# One whole layer: the linear step (call `linear_forward`), then the activation
# (`sigmoid(Z)` or `relu(Z)`, each returning `(A, activation_cache)`). Return
# `A` and the cache `(linear_cache, activation_cache)`.

# %% nbgrader="solution" grade_id="linear_activation_forward"
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
    ### BEGIN SOLUTION
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A, activation_cache = sigmoid(Z)
    elif activation == "relu":
        A, activation_cache = relu(Z)
    else:
        raise ValueError(f"unknown activation {activation!r}")
    cache = (linear_cache, activation_cache)
    ### END SOLUTION
    return A, cache


# %% nbgrader="tests" grade_id="linear_activation_forward_tests" points=2
A_relu, cache_relu = linear_activation_forward(A, W, b, "relu")
expect(A_relu, np.array([[0.48, 0.0, 0.79], [0.03, 0.0, 0.0], [0.0, 1.21, 0.0]]), "A with relu",
       hint='With "relu": the linear step first (linear_forward), then relu of its Z; each returns its own cache.')
A_sigmoid, cache_sigmoid = linear_activation_forward(A, W, b, "sigmoid")
expect(A_sigmoid, np.array([[0.61774787, 0.22793645, 0.68783133],
                            [0.50749944, 0.37285223, 0.44769209],
                            [0.49000133, 0.77029895, 0.2952543]]), "A with sigmoid",
       hint='With "sigmoid": the linear step, then sigmoid of its Z (not relu).')
expect(cache_sigmoid, ((A, W, b), Z), "cache with sigmoid",
       hint=("The cache is (linear_cache, activation_cache), in this order; the activation cache is Z, as "
             "the provided sigmoid and relu return it (not A)."))
### BEGIN HIDDEN TESTS
def layer_judge(case, student, reference):
    """A must match exactly, the cache must be (linear_cache, Z). The linear cache is checked
    for its contents only: its order is linear_forward's business, graded there."""
    from nndl.student_files.nndl_checks import compare, problems as failures

    what = f"linear_activation_forward on {case.label}"
    if not student[0].get("ok"):
        return []
    got, (A_ref, (linear_ref, Z_ref)) = student[0]["value"], reference[0]["value"]
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return [Check(what, "case", False, f"{what} should return a tuple (A, cache).")]
    problems = failures(compare(got[0], A_ref, f"{what}: A"))
    cache = got[1]
    if not isinstance(cache, (tuple, list)) or len(cache) != 2:
        problems.append(f"{what}: the cache should be a tuple (linear_cache, activation_cache).")
    else:
        problems += failures(compare(cache[1], Z_ref, f"{what}: cache[1] (the activation cache)"))
        problems.append(judges.same_arrays(cache[0], linear_ref, f"{what}: cache[0] (the linear cache)"))
    problems = [p for p in problems if p]
    return [Check(what, "case", not problems, " ".join(problems[:2]))]


grade("linear_activation_forward",
      case("relu, A_prev (4, 5), W (3, 4), b (3, 1)", rng.normal(size=(4, 5)), rng.normal(size=(3, 4)),
           rng.normal(size=(3, 1)), "relu"),
      case("sigmoid, A_prev (4, 5), W (2, 4), b (2, 1)", rng.normal(size=(4, 5)), rng.normal(size=(2, 4)),
           rng.normal(size=(2, 1)), "sigmoid"),
      case("relu, one example: A_prev (3, 1), W (5, 3), b (5, 1)", rng.normal(size=(3, 1)),
           rng.normal(size=(5, 3)), rng.normal(size=(5, 1)), "relu"),
      case("sigmoid, one output unit: A_prev (6, 3), W (1, 6), b (1, 1)", rng.normal(size=(6, 3)),
           rng.normal(size=(1, 6)), rng.normal(size=(1, 1)), "sigmoid"),
      against_reference=False, judge=layer_judge,
      hint=("Call linear_forward, then the provided sigmoid or relu on its Z; the cache is (linear_cache, "
            "activation_cache)."))
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 5: `L_model_forward`
# The whole network: `parameters` holds `W1, b1, ..., WL, bL` (so $L$ is
# `len(parameters) // 2`). Run layers $1, \dots, L-1$ with `"relu"` and layer
# $L$ with `"sigmoid"`, collecting the cache of every layer in a list, in
# layer order. Return `AL` (shape $(1, m)$) and the list of $L$ caches.

# %% nbgrader="solution" grade_id="L_model_forward"
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
    ### BEGIN SOLUTION
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    ### END SOLUTION
    return AL, caches


# %% nbgrader="tests" grade_id="L_model_forward_tests" points=3
AL_got, caches_got = L_model_forward(X_small, params_small)
expect(AL_got, np.array([[0.39245604, 0.549834]]), "AL",
       hint='Layers 1 to L - 1 with "relu", each on the A of the layer before; layer L with "sigmoid".')
expect(len(caches_got), 2, "the number of caches",
       hint="One cache per layer: append the output layer's cache too.")
expect(caches_got, caches_small, "caches", hint="Append each layer's cache as linear_activation_forward returns it.")
### BEGIN HIDDEN TESTS
def network_judge(case, student, reference):
    """AL must match exactly, and caches must be one cache per layer, in layer order, holding that
    layer's A_prev, W, b and Z. How each cache is laid out inside is graded with
    linear_forward and linear_activation_forward, not here."""
    from nndl.student_files.nndl_checks import compare, problems as failures

    what = f"L_model_forward on {case.label}"
    if not student[0].get("ok"):
        return []
    got, (AL_ref, caches_ref) = student[0]["value"], reference[0]["value"]
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return [Check(what, "case", False, f"{what} should return a tuple (AL, caches).")]
    problems = failures(compare(got[0], AL_ref, f"{what}: AL"))
    caches = got[1]
    if not isinstance(caches, (tuple, list)) or len(caches) != len(caches_ref):
        problems.append(f"{what}: caches should be a list of {len(caches_ref)} caches, one per layer.")
    else:
        for l, (mine, ref) in enumerate(zip(caches, caches_ref), start=1):
            problems.append(judges.same_arrays(mine, ref, f"{what}: caches[{l - 1}] (layer {l})"))
    problems = [p for p in problems if p]
    return [Check(what, "case", not problems, " ".join(problems[:2]))]


def network_case(label, dims, m):
    X = rng.normal(size=(dims[0], m))
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        params[f"b{l}"] = rng.normal(scale=0.3, size=(dims[l], 1))
    return case(label, X, params)


grade("L_model_forward",
      network_case("a 2-layer network, X (4, 6)", [4, 3, 1], 6),
      network_case("a 3-layer network, X (5, 4)", [5, 4, 3, 1], 4),
      network_case("a 4-layer network, X (3, 5)", [3, 6, 4, 2, 1], 5),
      network_case("a 3-layer network on one example, X (4, 1)", [4, 5, 3, 1], 1),
      against_reference=False, judge=network_judge,
      hint="Layers 1 to L-1 use relu, only layer L uses sigmoid; append every layer's cache, in order.")
### END HIDDEN TESTS

# %% [markdown]
# ## 7. The cost
#
# The output $A^{[L]}$ holds one probability per example. The cross-entropy
# cost averages the log-loss over the $m$ examples:
#
# $$J = -\frac{1}{m} \sum_{i=1}^{m} \Bigl( y^{(i)} \log a^{[L](i)} + \bigl(1 - y^{(i)}\bigr) \log\bigl(1 - a^{[L](i)}\bigr) \Bigr)$$
#
# ### Exercise 6: `compute_cost`
# `AL` and `Y` have shape $(1, m)$. Compute $J$ into `cost`; the given last
# line, `float(np.squeeze(cost))`, turns it into a plain Python `float`, so a
# number and an array of shape $(1, 1)$ (what `np.dot` of a row and a column
# gives) are both fine.

# %% nbgrader="solution" grade_id="compute_cost"
def compute_cost(AL, Y):
    """The cross-entropy cost of the predictions.

    Arguments:
        AL -- predicted probabilities, shape (1, m)
        Y -- labels, shape (1, m), of 0 and 1
    Returns:
        cost -- the mean over the m examples of the cross-entropy loss, a Python float
    """
    m = Y.shape[1]
    ### BEGIN SOLUTION
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    ### END SOLUTION
    cost = float(np.squeeze(cost))  # provided: a Python float, also from an array of shape (1, 1)
    return cost


# %% nbgrader="tests" grade_id="compute_cost_tests" points=2
expect(compute_cost(np.array([[0.8, 0.9, 0.4]]), np.array([[1.0, 1.0, 0.0]])), 0.2797765635793423,
       "compute_cost for 3 examples",
       hint="The cost is minus the mean of y log(a) + (1 - y) log(1 - a) over the examples: mind the minus sign, both terms "
            "and the 1/m.")
### BEGIN HIDDEN TESTS
grade("compute_cost",
      case("7 examples", rng.uniform(0.05, 0.95, size=(1, 7)), rng.integers(0, 2, size=(1, 7)).astype(float)),
      case("one example labelled 1", rng.uniform(0.05, 0.95, size=(1, 1)), np.array([[1.0]])),
      case("one example labelled 0", rng.uniform(0.05, 0.95, size=(1, 1)), np.array([[0.0]])),
      hint="Average the loss over the m examples and mind the minus sign.")
### END HIDDEN TESTS

# %% [markdown]
# ## 8. Backward propagation
#
# Backward propagation applies the chain rule layer by layer, from the cost
# down to layer 1.
#
# **What $dZ$ and $dA$ mean here.** The cost is the average of the losses of
# the examples, $J = \frac1m \sum_i \mathcal{L}^{(i)}$. We write $dZ^{[l]}$ for
# the matrix of shape $(n^{[l]}, m)$ whose column $i$ is
# $\partial \mathcal{L}^{(i)} / \partial z^{[l](i)}$, the gradient of example
# $i$'s *own loss*: the per-example gradients, stacked side by side, without
# the $\frac1m$ (so $dZ^{[l]} = m \, \partial J / \partial Z^{[l]}$). The same
# goes for $dA^{[l]}$. The parameter gradients, on the other hand, are those
# of the cost, $dW^{[l]} = \partial J / \partial W^{[l]}$ and
# $db^{[l]} = \partial J / \partial b^{[l]}$, the ones gradient descent needs.
# For layer $l$, given $dZ^{[l]}$:
#
# $$dW^{[l]} = \frac{1}{m}\, dZ^{[l]} A^{[l-1]T} \qquad
#   db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l](i)} \qquad
#   dA^{[l-1]} = W^{[l]T} dZ^{[l]}$$
#
# The $\frac1m$ appears in $dW$ and $db$ because $W^{[l]}$ and $b^{[l]}$ are
# shared by all examples, so their gradient averages the per-example ones;
# $dA^{[l-1]}$ is again one column per example, of that example's loss, and
# gets no $\frac1m$. The sum in $db$ runs over the examples, that is over `axis=1`,
# and `keepdims=True` keeps the shape $(n^{[l]}, 1)$ of $b^{[l]}$.
#
# Layer 1 is a little special: $dA^{[0]}$ is the gradient with respect to
# the input images, which gradient descent never uses. The functions here
# compute it anyway, so that every layer is treated alike and the gradient
# dict has one `dA` per layer. (A library written for speed would skip that
# one product: for $12288 \times 209$ pixel values it costs as much as
# $dW^{[1]}$, about a third of a training step.)
#
# The block you write next, `linear_backward`, in a picture: $dZ^{[l]}$
# comes in from the right, the cache of the forward pass from above, and the
# three gradients go out, $dA^{[l-1]}$ to the left, to the layer below, and
# $dW^{[l]}, db^{[l]}$ down, to the update.

# %% tags=["skip-in-grading"]
from diagrams import draw_backward_chain, draw_linear_backward

draw_linear_backward()
plt.show()

# %% [markdown]
# Only $dW^{[l]}$ and $db^{[l]}$ carry the $\frac1m$. From the cache,
# $dW^{[l]}$ needs $A^{[l-1]}$ and $dA^{[l-1]}$ needs $W^{[l]}$, while
# $db^{[l]}$ needs $dZ^{[l]}$ alone ($b^{[l]}$ travels in the cache, but none
# of the three formulas uses it).
#
# ### Exercise 7: `linear_backward`
# The linear part of the backward pass of one layer. `cache` is `(A_prev, W, b)`
# from `linear_forward`. Return `(dA_prev, dW, db)`. Do not change `dZ` or the
# cache in place: the caller may still need them.

# %% nbgrader="solution" grade_id="linear_backward"
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
    ### BEGIN SOLUTION
    dA_prev = np.dot(W.T, dZ)
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    ### END SOLUTION
    return dA_prev, dW, db


# %% nbgrader="tests" grade_id="linear_backward_tests" points=3
dZ_small = np.array([[0.3, -0.1, 0.2], [-0.4, 0.5, 0.1], [0.2, 0.2, -0.3]])
dA_prev, dW, db = linear_backward(dZ_small, (A, W, b))
expect(dA_prev, np.array([[0.01, -0.01, 0.21], [-0.02, 0.23, -0.28]]), "dA_prev", hint="dA_prev is the transpose of W times dZ (no 1/m here).")
expect(dW, np.array([[0.2, -0.07], [-0.45, 0.05666667], [-0.11666667, 0.18333333]]), "dW",
       hint="dW is dZ times the transpose of A_prev, over m: mind the 1/m (and divide dW, not dZ in place).")
expect(db, np.array([[0.13333333], [0.06666667], [0.03333333]]), "db",
       hint="db is the mean of dZ over the examples: sum along axis 1 only, keeping shape (n, 1).")
### BEGIN HIDDEN TESTS
def backward_case(label, n, n_prev, m):
    cache = (rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1)))
    return case(label, rng.normal(size=(n, m)), cache)


grade("linear_backward",
      backward_case("dZ (3, 5), A_prev (4, 5)", 3, 4, 5),
      backward_case("dZ (2, 4), A_prev (6, 4)", 2, 6, 4),
      backward_case("one example: dZ (4, 1), A_prev (3, 1)", 4, 3, 1),
      backward_case("dZ (1, 6), A_prev (2, 6)", 1, 2, 6),
      inputs_unchanged=True,
      hint=("dW and db are averages over the m examples (mind the 1/m; db keeps the shape (n, 1) of b); "
            "dA_prev is no average: no 1/m there. Each gradient has the shape of its variable."))
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 8: `linear_activation_backward`
# One whole layer backwards: first $dZ = dA \odot g'(Z)$ with the provided
# `relu_backward(dA, activation_cache)` or `sigmoid_backward(dA, activation_cache)`,
# then `linear_backward` with the linear cache.

# %% nbgrader="solution" grade_id="linear_activation_backward"
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
    ### BEGIN SOLUTION
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    else:
        raise ValueError(f"unknown activation {activation!r}")
    dA_prev, dW, db = linear_backward(dZ, linear_cache)
    ### END SOLUTION
    return dA_prev, dW, db


# %% nbgrader="tests" grade_id="linear_activation_backward_tests" points=2
dA_small = np.array([[0.5, -1.0, 0.3], [0.2, 0.4, -0.6], [-0.3, 0.1, 0.9]])
dA_prev, dW, db = linear_activation_backward(dA_small, ((A, W, b), Z), "relu")
relu_hint = ('With "relu": relu_backward turns dA into dZ (with the activation cache), then linear_backward '
             "(dZ, not dA; the ReLU's derivative is 0 where Z < 0).")
expect(dA_prev, np.array([[0.29, -0.03, 0.15], [-0.18, 0.07, -0.12]]), "dA_prev with relu", hint=relu_hint)
expect(dW, np.array([[0.21666667, -0.06], [0.06666667, 0.02], [-0.06666667, 0.02666667]]), "dW with relu",
       hint=relu_hint)
expect(db, np.array([[0.26666667], [0.06666667], [0.03333333]]), "db with relu", hint=relu_hint)
dA_prev, dW, db = linear_activation_backward(dA_small, ((A, W, b), Z), "sigmoid")
expect(dA_prev, np.array([[0.09152261, -0.07459219, -0.05364514], [-0.09470722, 0.0921316, 0.09048774]]),
       "dA_prev with sigmoid", hint='With "sigmoid": sigmoid_backward turns dA into dZ, then the linear step as with relu.')
expect(db, np.array([[0.00216737], [-0.00161207], [0.04333171]]), "db with sigmoid",
       hint='With "sigmoid": sigmoid_backward turns dA into dZ, then the linear step as with relu.')
### BEGIN HIDDEN TESTS
def layer_case(label, n, n_prev, m, activation):
    A_prev, W, b = rng.normal(size=(n_prev, m)), rng.normal(size=(n, n_prev)), rng.normal(size=(n, 1))
    return case(label, rng.normal(size=(n, m)), ((A_prev, W, b), W @ A_prev + b), activation)


grade("linear_activation_backward",
      layer_case("relu, dA (3, 5), A_prev (4, 5)", 3, 4, 5, "relu"),
      layer_case("sigmoid, dA (2, 4), A_prev (3, 4)", 2, 3, 4, "sigmoid"),
      layer_case("relu, one example: dA (4, 1), A_prev (2, 1)", 4, 2, 1, "relu"),
      layer_case("sigmoid, one output unit: dA (1, 6), A_prev (5, 6)", 1, 5, 6, "sigmoid"),
      layer_case("relu, dA (3, 4), A_prev (5, 4)", 3, 5, 4, "relu"),
      inputs_unchanged=True,
      hint=("First the activation's backward step (relu_backward or sigmoid_backward, with the activation "
            "cache) turns dA into dZ; then linear_backward, with the linear cache."))
### END HIDDEN TESTS

# %% [markdown]
# ### The whole backward pass, as a chain of blocks
#
# `L_model_backward` chains the two backward steps of every layer, from the
# output down. The figure shows it for $L = 3$: $dA^{[L]}$ enters on the right,
# the sigmoid's backward step of layer $L$ turns it into $dZ^{[L]}$, and
# `linear_backward` turns that into $dA^{[L-1]}$ for the layer below and
# $dW^{[L]}, db^{[L]}$ for the update; below layer $L$ the same happens with
# ReLU. Cache $l$, kept by the forward pass of layer $l$, feeds both steps of
# that layer: $Z^{[l]}$ for the activation's step, $(A^{[l-1]}, W^{[l]}, b^{[l]})$
# for the linear one. The $dA^{[0]}$ that comes out on the left is not used.

# %% tags=["skip-in-grading"]
draw_backward_chain(3)
plt.show()

# %% [markdown]
# ### Exercise 9: `L_model_backward`
# The whole backward pass. It starts from the derivative of each example's
# loss with respect to the output, one column per example (as for every $dA$,
# no $\frac1m$ here: it comes later, in `linear_backward`):
#
# $$dA^{[L]} = -\left(\frac{Y}{A^{[L]}} - \frac{1 - Y}{1 - A^{[L]}}\right)$$
#
# (divisions entry by entry: `np.divide`). Then:
#
# * layer $L$ with `"sigmoid"` and `caches[L-1]` (the list starts at 0);
# * layers $L-1, \dots, 1$ with `"relu"`, each taking the `dA_prev` of the
#   layer above.
#
# Store the gradients in a dict: for every layer $l = 1, \dots, L$, the keys
# `"dW{l}"` and `"db{l}"` for $dW^{[l]}, db^{[l]}$ and `"dA{l-1}"` for the
# $dA^{[l-1]}$ that the backward step of layer $l$ returns. So the output layer
# gives `"dA{L-1}"`, `"dW{L}"`, `"db{L}"`, and layer 1 gives `"dA0"`, `"dW1"`,
# `"db1"`. An f-string builds the keys: `f"dW{l}"`. The comments in the
# cell split the work into three gaps.

# %% nbgrader="solution" grade_id="L_model_backward"
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
    ### BEGIN SOLUTION
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    ### END SOLUTION
    # 2. The output layer L (about 1 line): one backward step with "sigmoid" and the
    #    last cache; its three results go into grads under "dA{L-1}", "dW{L}", "db{L}".
    ### BEGIN SOLUTION
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = linear_activation_backward(dAL, caches[L - 1], "sigmoid")
    ### END SOLUTION
    # 3. The hidden layers, from L-1 down to 1 (about 3 lines): a loop over l whose
    #    body takes one backward step with "relu", from the dA of the layer above
    #    (already in grads) and the cache of layer l, and stores "dA{l-1}", "dW{l}", "db{l}".
    ### BEGIN SOLUTION
    for l in range(L - 1, 0, -1):  # the hidden layers, from the top down
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            grads[f"dA{l}"], caches[l - 1], "relu")
    ### END SOLUTION
    return grads


# %% nbgrader="tests" grade_id="L_model_backward_tests" points=4
grads_small = L_model_backward(AL_small, Y_small, caches_small)
output_hint = (("dAL is the derivative of the cost with respect to AL, entry by entry, as the text derives "
                "it (mind the sign; AL - Y is dZ, not dAL), then one backward step with \"sigmoid\" and the "
                "last cache."))
hidden_hint = 'The hidden layers go backward with "relu", each from the dA above it and its own cache, caches[l - 1].'
expect(sorted(grads_small), ["dA0", "dA1", "dW1", "dW2", "db1", "db2"], "the keys of grads",
       hint="Store dA{l - 1}, dW{l} and db{l} of every layer l, dA0 included.")
expect(grads_small["dW2"], np.array([[0.0, -0.2764325]]), "dW2", hint=output_hint)
expect(grads_small["db2"], np.array([[-0.02885498]]), "db2", hint=output_hint)
expect(grads_small["dA1"], np.array([[-0.72905275, 0.6598008], [0.42528077, -0.3848838]]), "dA1", hint=output_hint)
expect(grads_small["dW1"], np.array([[0.0, 0.0, 0.0], [0.04252808, 0.21264039, -0.06379212]]), "dW1",
       hint=hidden_hint)
expect(grads_small["db1"], np.array([[0.0], [0.21264039]]), "db1", hint=hidden_hint)
expect(grads_small["dA0"].shape, X_small.shape, "the shape of dA0 (that of the input X)",
       hint="dA0 is what layer 1's backward step returns as dA_prev.")
### BEGIN HIDDEN TESTS
def forward(params, X):
    """The grader's own forward pass and cost, used for finite differences."""
    L = len(params) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        Z = W @ A + b
        caches.append(((A, W, b), Z))
        A = np.maximum(0, Z) if l < L else 1 / (1 + np.exp(-Z))
    return A, caches


def cost_of(params, X, Y):
    AL, _ = forward(params, X)
    return float(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))


def numeric_gradient(params, X, Y, name, eps=1e-6):
    grad = np.zeros_like(params[name])
    for index in np.ndindex(grad.shape):
        plus = {k: v.copy() for k, v in params.items()}
        minus = {k: v.copy() for k, v in params.items()}
        plus[name][index] += eps
        minus[name][index] -= eps
        grad[index] = (cost_of(plus, X, Y) - cost_of(minus, X, Y)) / (2 * eps)
    return grad


def network_case(label, dims, m):
    X = rng.normal(size=(dims[0], m))
    Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        params[f"b{l}"] = rng.normal(scale=0.3, size=(dims[l], 1))
    AL, caches = forward(params, X)
    return case(label, AL, Y, caches)


def finite_differences(case, student, reference):
    """One more check per case: the student's dW and db against finite differences of the cost,
    naming the first wrong layer counting back from the output (where backpropagation starts)."""
    what = f"L_model_backward on {case.label}"
    if not student[0].get("ok"):
        return []
    AL, Y, caches = case.args
    X = caches[0][0][0]
    params = {}
    for l, ((_, W, b), _) in enumerate(caches, start=1):
        params[f"W{l}"], params[f"b{l}"] = W, b
    grads = student[0]["value"]
    if not isinstance(grads, dict):
        return [Check(what, "gradient check", False, f"{what}: grads should be a dict.")]
    L = len(caches)
    for l in range(L, 0, -1):
        for key, name in ((f"dW{l}", f"W{l}"), (f"db{l}", f"b{l}")):
            mine = grads.get(key)
            numeric = numeric_gradient(params, X, Y, name)
            wrong = (not isinstance(mine, np.ndarray) or mine.shape != numeric.shape
                     or not np.allclose(mine, numeric, rtol=1e-4, atol=1e-7))
            if wrong:
                position = ("the output layer" if l == L else
                            f"{L - l} layer(s) below the output; the layers above it agree with the finite "
                            f"differences")
                return [Check(what, "gradient check", False,
                              f"{what}: gradient check against finite differences of the cost: counting back "
                              f"from the output layer, the first wrong gradient is {key} (layer {l}, {position}).")]
    return [Check(what, "gradient check", True)]


grade("L_model_backward",
      network_case("a 2-layer network, 5 examples", [4, 3, 1], 5),
      network_case("a 3-layer network, 6 examples", [5, 4, 3, 1], 6),
      network_case("a 4-layer network, 4 examples", [3, 5, 4, 2, 1], 4),
      network_case("a 3-layer network, one example", [4, 3, 2, 1], 1),
      judge=finite_differences,
      hint=("Start from dAL, the derivative of the cost with respect to AL (not AL - Y, which is already "
            "dZ); sigmoid for layer L, relu below; caches[l - 1] belongs to layer l."))
### END HIDDEN TESTS

# %% [markdown]
# ## 9. Updating the parameters
#
# One step of gradient descent moves every parameter against its gradient,
# with step size $\alpha$ (the learning rate):
#
# $$W^{[l]} := W^{[l]} - \alpha\, dW^{[l]} \qquad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}$$
#
# ### Exercise 10: `update_parameters`
# Update `parameters`, for every layer $l = 1, \dots, L$, and return it.
# The given first line makes `parameters` a deep copy of `params` (a new dict
# with new arrays), so whatever you do to it, `params` and its arrays stay as
# they were: code that holds on to the old parameters, for example to compare
# two steps, relies on this. `grads` holds more keys than you need (the `dA`
# ones); ignore them.

# %% nbgrader="solution" grade_id="update_parameters"
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
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        parameters[f"W{l}"] = parameters[f"W{l}"] - learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] = parameters[f"b{l}"] - learning_rate * grads[f"db{l}"]
    ### END SOLUTION
    return parameters


# %% nbgrader="tests" grade_id="update_parameters_tests" points=2
grads_demo = {"dW1": np.full((2, 3), 0.5), "db1": np.array([[1.0], [-1.0]]),
              "dW2": np.array([[0.2, -0.4]]), "db2": np.array([[0.3]])}
W1_before = params_small["W1"].copy()
updated = update_parameters(params_small, grads_demo, 0.1)
expect(updated["W1"], np.array([[0.35, -0.65, 0.05], [0.25, 0.75, -0.55]]), "W1 after one step",
       hint="Step against the gradient: subtract the learning rate times dW{l} (minus: downhill).")
expect(updated["b1"], np.array([[-0.05], [0.0]]), "b1 after one step",
       hint="Update the biases too, each with its own gradient db{l}.")
expect(updated["W2"], np.array([[1.18, -0.66]]), "W2 after one step",
       hint=("Update every layer, the last one included: l goes from 1 to L (a range that stops before L "
             "leaves the last layer out)."))
expect(updated["b2"], np.array([[0.17]]), "b2 after one step",
       hint=("Update every layer, the last one included: l goes from 1 to L (a range that stops before L "
             "leaves the last layer out)."))
expect(params_small["W1"], W1_before, "params['W1'] (the input must stay as it was)",
       hint="Keep the provided copy.deepcopy line and update the copy, parameters, not params.")
### BEGIN HIDDEN TESTS
def update_case(label, dims, rate):
    params, grads = {}, {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1]))
        params[f"b{l}"] = rng.normal(size=(dims[l], 1))
        grads[f"dW{l}"] = rng.normal(size=(dims[l], dims[l - 1]))
        grads[f"db{l}"] = rng.normal(size=(dims[l], 1))
        grads[f"dA{l - 1}"] = rng.normal(size=(dims[l - 1], 3))
    return case(label, params, grads, rate)


grade("update_parameters",
      update_case("a 3-layer network", [4, 3, 2, 1], 0.05),
      update_case("a 1-layer network", [5, 1], 1.3),
      update_case("a 2-layer network", [3, 6, 1], 0.01),
      inputs_unchanged=True,
      hint=("For every layer l from 1 to L, step W and b against their gradients, scaled by the learning "
            "rate, in the copy made by the given first line."))
### END HIDDEN TESTS

# %% [markdown]
# ### Optional: why the weights must start different
#
# With all your pieces in place, here is the symmetry argument of section 5
# in action. The next cell trains a network with 4 hidden units on a small
# made-up problem twice, with your functions: once from weights that are all
# equal (every entry 0.5) and once from `initialize_parameters_deep`. After
# 1000 steps it prints how different the hidden units have become: the
# largest difference between two rows of $W^{[1]}$ (one row per unit).

# %% tags=["skip-in-grading"]
symmetry_rng = np.random.default_rng(1)
X_sym = symmetry_rng.standard_normal((3, 40))
Y_sym = (X_sym[0] * X_sym[1] > 0).astype(float).reshape(1, -1)  # a pattern no single line separates


def train(parameters, steps=1000, learning_rate=0.5):
    for _ in range(steps):
        AL, caches = L_model_forward(X_sym, parameters)
        parameters = update_parameters(parameters, L_model_backward(AL, Y_sym, caches), learning_rate)
    return parameters, float(compute_cost(L_model_forward(X_sym, parameters)[0], Y_sym))


equal_start = {"W1": np.full((4, 3), 0.5), "b1": np.zeros((4, 1)), "W2": np.full((1, 4), 0.5), "b2": np.zeros((1, 1))}
for name, start in [("all weights 0.5", equal_start), ("random, 0.01", initialize_parameters_deep([3, 4, 1]))]:
    trained, cost = train(start)
    rows = trained["W1"]
    gap = max(np.abs(rows[i] - rows[j]).max() for i in range(4) for j in range(4))
    print(f"{name:16s}: largest difference between two hidden units' weights {gap:.3g}, final cost {cost:.3f}")

# %% [markdown]
# From the equal start the four hidden units receive exactly the same
# gradient at every step, so after 1000 steps they are still identical
# (difference 0): the network behaves as if it had one hidden unit, and its
# cost stays at 0.588. From random weights, however small, the units drift
# apart and the cost falls to 0.097.

# %% [markdown]
# ## 10. Gradient checking
#
# Your pieces are now a complete training step. Before training anything, it
# pays to check once that the gradients are right, because a wrong gradient
# rarely crashes anything: the cost still goes down for a while, just not as
# it should. The check compares each entry of the gradient with a numerical
# estimate of the same slope.
#
# **The two-sided difference.** Nudge one parameter $\theta_i$ up and down by
# a small $\varepsilon$ and divide the change of the cost by the distance
# between the two points, $2\varepsilon$:
#
# $$\frac{\partial J}{\partial \theta_i} \approx
#   \frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2\varepsilon},$$
#
# where $e_i$ is the vector with a 1 in place $i$ and 0 elsewhere. Its error
# shrinks like $\varepsilon^2$, while the one-sided
# $\frac{J(\theta + \varepsilon e_i) - J(\theta)}{\varepsilon}$ is off by a
# term proportional to $\varepsilon$. On the small networks of this notebook,
# with $\varepsilon = 10^{-3}$, the *difference* defined below comes out
# around $10^{-8}$ for the two-sided estimate and around $10^{-4}$ for the
# one-sided one. $\varepsilon$ cannot be taken
# arbitrarily small, though: the cost is a float with about 16 significant
# digits, so its rounding error, divided by $2\varepsilon$, grows as
# $\varepsilon$ shrinks. For double precision and costs of order 1, about
# $\varepsilon = 10^{-7}$ is a good compromise, and the estimate is then
# right to about 8 digits.
#
# **One number for the whole gradient.** To compare the gradient $g$ from
# backpropagation with the estimate $g_{\text{approx}}$, stack all parameters
# $W^{[1]}, b^{[1]}, \dots, W^{[L]}, b^{[L]}$ into one long vector $\theta$,
# their gradients into one vector $g$ in the same order, and compute the
# relative difference of week 3's gradient check, now for all the parameters
# at once:
#
# $$\text{difference} = \frac{\lVert g - g_{\text{approx}} \rVert_2}
#                             {\lVert g \rVert_2 + \lVert g_{\text{approx}} \rVert_2}.$$
#
# As in week 3, the difference is 0 when the two agree exactly, 1 when one is
# the negative of the other, and $\frac13$ when one is twice the other,
# whatever the scale of the cost, and the entries with large gradients weigh
# the most. (An entry-by-entry relative error,
# $\frac{|g_i - g_{\text{approx},i}|}{|g_i| + |g_{\text{approx},i}|}$, does the
# opposite: the estimate's rounding error is about $10^{-9}$ whatever the
# entry, so for an entry whose true gradient is about $10^{-5}$ it alone
# gives an entry-wise error of about $10^{-5}$. The largest entry-wise error
# over a few dozen entries then looks alarming even for a correct gradient.)
#
# With $\varepsilon = 10^{-7}$ in double precision, read the difference as:
#
# | difference | meaning |
# |---|---|
# | about $10^{-7}$ or smaller | the gradient is right (a correct one typically gives $10^{-10}$ to $10^{-7}$) |
# | about $10^{-5}$ | possibly right, possibly a small bug: look at the entries that differ most |
# | about $10^{-3}$ or larger | almost surely a bug |
#
# A few practical rules. Gradient checking is slow (two cost evaluations
# per parameter), so use it to debug on a small network and a few examples,
# never inside the training loop. When the check fails, look at *which*
# entries differ: all of one $dW^{[l]}$, or only the biases, points to the
# line to read. ReLU has a kink at 0, and a nudge that crosses it makes the
# estimate wrong for that entry; this is rare with random inputs, but it
# can give an occasional $10^{-5}$ for a correct gradient.
#
# The cell below provides what the check needs: `dictionary_to_vector` and
# `gradients_to_vector` stack parameters and gradients in the same order,
# `vector_to_dictionary` turns a vector back into a parameter dict, and
# `network_cost` computes the cost of the network, with its own code rather
# than your `L_model_forward` and `compute_cost`, so that the check does not
# depend on them. (It computes the cost from $Z^{[L]}$ in a form that cannot
# overflow; the optional last section explains why that matters.)

# %% nbgrader="locked" grade_id="gradient_check_helpers"
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


# %% [markdown]
# ### Exercise 11: `gradient_check_n`
# Check `gradients` (a dict as `L_model_backward` returns it; its `dA` entries
# are ignored) against two-sided differences of `network_cost` at
# `parameters`, and return the relative difference, a number.
#
# The first lines are given: `parameters_values` is $\theta$ as a column,
# `grad` is $g$ in the same order, and `gradapprox` is where the estimates
# go. Then, for each entry `i` of $\theta$:
#
# * `theta_plus`: a **copy** of `parameters_values` (`np.copy`) with
#   `epsilon` added to entry `i`, and `J_plus` the cost there:
#   `network_cost(vector_to_dictionary(theta_plus, parameters), X, Y)`;
# * `theta_minus` and `J_minus` the same way, with `epsilon` subtracted;
# * `gradapprox[i]`: the two-sided difference.
#
# Finally the difference: the norm of `grad - gradapprox` over the sum of the
# two norms (`np.linalg.norm`). Without the copy, `theta_plus` *is*
# `parameters_values`, and every nudge would stay in it.

# %% nbgrader="solution" grade_id="gradient_check_n"
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
    ### BEGIN SOLUTION
    for i in range(num_parameters):
        theta_plus = np.copy(parameters_values)
        theta_plus[i] += epsilon
        J_plus = network_cost(vector_to_dictionary(theta_plus, parameters), X, Y)
        theta_minus = np.copy(parameters_values)
        theta_minus[i] -= epsilon
        J_minus = network_cost(vector_to_dictionary(theta_minus, parameters), X, Y)
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    ### END SOLUTION
    # 2. The relative difference (about 3 lines): numerator, denominator, difference.
    ### BEGIN SOLUTION
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    ### END SOLUTION
    if print_msg:  # provided
        if difference < 2e-7:
            print(f"difference {difference:.1e}: the gradients agree with the two-sided differences")
        elif difference < 1e-3:
            print(f"difference {difference:.1e}: look closer at the entries that differ most")
        else:
            print(f"difference {difference:.1e}: there is almost surely a mistake in the gradients")
    return difference


# %% nbgrader="tests" grade_id="gradient_check_n_tests" points=4
# a 1-layer network (logistic regression), whose gradients you know from week 2
params_lr = {"W1": np.array([[0.5, -1.0, 0.25]]), "b1": np.array([[0.1]])}
X_lr = np.array([[1.0, -2.0, 0.5, 0.0], [0.3, 0.8, -1.1, 2.0], [-0.5, 0.2, 1.0, -1.0]])
Y_lr = np.array([[1.0, 0.0, 1.0, 0.0]])
A_lr = 1 / (1 + np.exp(-(np.dot(params_lr["W1"], X_lr) + params_lr["b1"])))
grads_lr = {"dW1": np.dot(A_lr - Y_lr, X_lr.T) / 4, "db1": np.sum(A_lr - Y_lr, axis=1, keepdims=True) / 4}
from nndl_checks import require

difference = gradient_check_n(params_lr, grads_lr, X_lr, Y_lr)
require(np.ndim(difference) == 0 and float(difference) < 1e-7,
        "for the right gradients, a difference below 1e-7" + (f" (it is {float(difference):.1e})"
                                                               if np.ndim(difference) == 0 else ""),
        f"it is {difference}",
        hint=("Nudge a copy of the parameters up and down by epsilon, one entry at a time, and divide the "
              "change in the cost by the distance between the two points, twice epsilon."))
relative_hint = ("difference = ||grad - gradapprox|| / (||grad|| + ||gradapprox||): the norm of the difference "
                 "divided by the sum of the two norms (not by the norm of the sum).")
expect(gradient_check_n(params_lr, {k: 2 * v for k, v in grads_lr.items()}, X_lr, Y_lr), 1 / 3,
       "the difference for gradients twice too large", rtol=1e-6, hint=relative_hint)
expect(gradient_check_n(params_lr, {k: -v for k, v in grads_lr.items()}, X_lr, Y_lr), 1.0,
       "the difference for gradients of the wrong sign", rtol=1e-6, hint=relative_hint)
expect(gradient_check_n(params_lr, {"dW1": grads_lr["dW1"], "db1": 4 * grads_lr["db1"]}, X_lr, Y_lr),
       0.3893366231747376, "the difference when db1 is 4 times too large", rtol=1e-5, hint=relative_hint)
expect(gradient_check_n(params_lr, grads_lr, X_lr, Y_lr, epsilon=1e-3), 9.139900698328973e-08,
       "the difference with epsilon = 1e-3 (the two-sided difference is then off by about epsilon**2)", rtol=1e-3,
       hint="Use the epsilon argument for the nudges and for the 2 * epsilon in the slope.")
### BEGIN HIDDEN TESTS
def exact_gradients(params, X, Y):
    """The grader's own backward pass (dZ of the output layer = A - Y), with the dA entries."""
    L = len(params) // 2
    A, activations, linear = X, [X], []
    for l in range(1, L + 1):
        Z = params[f"W{l}"] @ A + params[f"b{l}"]
        linear.append(Z)
        A = np.maximum(0, Z) if l < L else 1 / (1 + np.exp(-Z))
        activations.append(A)
    m, grads = X.shape[1], {}
    dZ = activations[L] - Y
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ activations[l - 1].T / m
        grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
        grads[f"dA{l - 1}"] = params[f"W{l}"].T @ dZ
        if l > 1:
            dZ = grads[f"dA{l - 1}"] * (linear[l - 2] > 0)
    return grads


def network(dims, m):
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = rng.normal(size=(dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        params[f"b{l}"] = rng.normal(scale=0.3, size=(dims[l], 1))
    X = rng.normal(size=(dims[0], m))
    Y = (rng.uniform(size=(1, m)) < 0.5).astype(float)
    return params, X, Y


def check_case(label, dims, m, spoil=None, keep_dA=True, **kwargs):
    """gradient_check_n on a random network; spoil(grads) changes the exact gradients in place."""
    params, X, Y = network(dims, m)
    grads = exact_gradients(params, X, Y)
    if spoil:
        spoil(grads)
    if not keep_dA:
        grads = {k: v for k, v in grads.items() if not k.startswith("dA")}
    return case(label, params, grads, X, Y, **kwargs)


def noisy(key, scale):
    def spoil(grads):
        grads[key] = grads[key] + rng.normal(scale=scale, size=grads[key].shape)
    return spoil


def times(key, factor):
    def spoil(grads):
        grads[key] = grads[key] * factor
    return spoil


def below(limit):
    """Right gradients, default epsilon: the student's difference must be tiny (its digits are rounding noise)."""
    def judge(c, student, reference):
        what = f"gradient_check_n on {c.label}"
        result = student[0]
        if not result.get("ok"):
            return []
        value = result["value"]
        ok = np.ndim(value) == 0 and isinstance(np.asarray(value).item(), (int, float)) and 0 <= float(value) < limit
        return [Check(what, "threshold", ok, "" if ok else
                      f"{what}: the gradients are right, so the difference should be below {limit:g}; "
                      f"yours is not (or is not a number).")]
    return judge


grade("gradient_check_n",
      check_case("a 2-layer network with noise added to dW1", [4, 3, 1], 5, spoil=noisy("dW1", 0.05)),
      check_case("a 3-layer network whose db2 is m times too large, epsilon = 1e-6", [3, 4, 2, 1], 6,
                 spoil=times("db2", 6), epsilon=1e-6),
      check_case("a 3-layer network whose dW3 has the wrong sign, no dA entries", [5, 3, 2, 1], 4,
                 spoil=times("dW3", -1), keep_dA=False),
      check_case("a 1-layer network, right gradients, epsilon = 1e-3", [6, 1], 7, epsilon=1e-3),
      check_case("a 4-layer network, right gradients, epsilon = 1e-4", [3, 5, 4, 2, 1], 5, epsilon=1e-4),
      rtol=1e-4, atol=1e-12, inputs_unchanged=True,
      hint=("For each entry i: one copy of the parameter vector nudged up by epsilon at i, another nudged "
            "down, and the two-sided difference of their costs; then the relative difference of the text, "
            "built from norms."))
grade("gradient_check_n",
      check_case("a 3-layer network with right gradients", [4, 5, 3, 1], 6),
      check_case("a 2-layer network with right gradients, one example", [5, 4, 1], 1),
      against_reference=False, judge=below(1e-6))
### END HIDDEN TESTS

# %% [markdown]
# ### Optional: your own backward pass, checked
#
# Now the real thing: your `gradient_check_n` on your `L_model_backward`, on
# a small 3-layer network. Its weights are drawn at the scale
# $1/\sqrt{n^{[l-1]}}$ rather than `0.01`: this is a test network, not a
# start for training, and weights of ordinary size give gradients large
# enough to check in every layer. With the reference solution the difference is about
# $10^{-8}$; anything below $10^{-7}$ means your backward pass is right.

# %% tags=["skip-in-grading"]
def check_my_backward(sizes, m, seed=0):
    """gradient_check_n on the gradients of your L_model_forward and L_model_backward."""
    generator = np.random.default_rng(seed)
    params = {}
    for layer in range(1, len(sizes)):
        params[f"W{layer}"] = generator.normal(size=(sizes[layer], sizes[layer - 1])) / np.sqrt(sizes[layer - 1])
        params[f"b{layer}"] = generator.normal(scale=0.3, size=(sizes[layer], 1))
    X = generator.normal(size=(sizes[0], m))
    Y = (generator.uniform(size=(1, m)) < 0.5).astype(float)
    output, all_caches = L_model_forward(X, params)
    return gradient_check_n(params, L_model_backward(output, Y, all_caches), X, Y, print_msg=True)


my_difference = check_my_backward([4, 5, 3, 1], m=6)

# %% [markdown]
# ## 11. Parameters and hyperparameters
#
# The **parameters** of the network are the $W^{[l]}$ and $b^{[l]}$: gradient
# descent learns them. Everything you choose *before* training is a
# **hyperparameter**, because it controls how the parameters come out:
#
# * the learning rate $\alpha$ and the number of iterations;
# * the number of layers $L$ and the number of units $n^{[l]}$ in each;
# * the activation functions;
# * the spread of the initial weights;
# * in the follow-up course (*Improving Deep Neural Networks*): momentum,
#   mini-batch size, regularisation strength.
#
# There is rarely a way to compute good hyperparameters in advance. Deep
# learning practice is empirical: try a value, look at the cost curve and the
# accuracy on held-out data, adjust, repeat. Good values also drift as the
# data, the hardware and the code change, so it pays to revisit them.
#
# ## What you built
#
# * `initialize_parameters_deep` creates $W^{[l]}$ of shape $(n^{[l]}, n^{[l-1]})$
#   and $b^{[l]}$ of shape $(n^{[l]}, 1)$ for every layer.
# * `L_model_forward` runs the forward blocks and keeps one cache per layer:
#   $((A^{[l-1]}, W^{[l]}, b^{[l]}), Z^{[l]})$.
# * `compute_cost` measures the cross-entropy.
# * `L_model_backward` runs the backward blocks from layer $L$ down to 1
#   (its $dA^{[0]}$ is never used: a library tuned for speed would skip it).
# * `update_parameters` takes one gradient-descent step without touching its
#   inputs.
# * `gradient_check_n` compares a whole gradient with two-sided differences
#   of the cost, in one relative difference.
#
# The next notebook puts these pieces in a training loop and trains a 2-layer
# and a 4-layer network on the cat pictures.

# %% [markdown]
# ## Optional: debugging a network
#
# This section is not graded (the debugging networks, too, are test
# networks with weights at the scale $1/\sqrt{n^{[l-1]}}$). It shows two things that go wrong in real
# backward passes, and the two tools that find them: the gradient check and
# shape assertions.
#
# ### Dividing by $1 - a$: when the output saturates
#
# `L_model_backward` starts from
# $dA^{[L]} = -\bigl(\frac{Y}{A^{[L]}} - \frac{1 - Y}{1 - A^{[L]}}\bigr)$, and the
# sigmoid's backward step then multiplies by $A^{[L]}(1 - A^{[L]})$. On paper
# the fractions cancel and leave $dZ^{[L]} = A^{[L]} - Y$. In floating point
# the detour works as long as $a$ stays strictly between 0 and 1, but the
# sigmoid of a large score rounds to *exactly* 1: in double precision
# $\sigma(z) = 1.0$ for every $z$ above about 37 (in the single precision of
# most GPUs, above about 17). Then $1 - a = 0$, $dA$ is infinite, and the
# sigmoid step computes $\infty \cdot 0$, which is `nan`. One `nan` in $dZ^{[L]}$
# spreads to every gradient and, after one update, to every parameter.
# Scores that large are not exotic: unscaled pixel values (0 to 255 instead
# of 0 to 1) or too large a learning rate produce them quickly.
#
# The cure is to skip the detour: for a sigmoid output with the
# cross-entropy loss, compute $dZ^{[L]} = A^{[L]} - Y$ directly and start the
# backward pass at the linear step of layer $L$. (For the same reason the
# cost is best computed from $Z^{[L]}$, as `network_cost` does with
# `np.logaddexp`: $\log(1 - a)$ of an $a$ that rounded to 1 is $-\infty$.) The cell
# below runs the output layer of a network whose score is 40 on an example
# labelled 0, both ways, with your functions.

# %% tags=["skip-in-grading"]
def output_layer_both_ways(score):
    A_prev_demo = np.array([[1.0]])
    W_demo, b_demo = np.array([[score]]), np.array([[0.0]])
    Y_demo = np.array([[0.0]])
    A_demo, cache_demo = linear_activation_forward(A_prev_demo, W_demo, b_demo, "sigmoid")
    with np.errstate(divide="ignore", invalid="ignore"):
        dA_demo = -(np.divide(Y_demo, A_demo) - np.divide(1 - Y_demo, 1 - A_demo))
        _, dW_divided, _ = linear_activation_backward(dA_demo, cache_demo, "sigmoid")
    _, dW_direct, _ = linear_backward(A_demo - Y_demo, cache_demo[0])
    print(f"score {score:2.0f}: a = {float(A_demo[0, 0])!r:20}  dW through dA: {float(dW_divided[0, 0])!r:20}  "
          f"dW from dZ = A - Y: {float(dW_direct[0, 0])!r}")


for score in (5.0, 30.0, 40.0):
    output_layer_both_ways(score)

# %% [markdown]
# ### Six backward passes, five of them broken
#
# The module `debugging.py` (shipped with this notebook) builds six backward
# passes from *your* `L_model_backward`: in five of them one building block
# (`sigmoid_backward`, `relu_backward` or `linear_backward`) is swapped for a
# broken one while the pass runs, each broken in a way students of this course
# have broken it; the sixth is your pass unchanged. Without reading
# `debugging.py`, find out which passes are broken, and where:
#
# 1. **Shapes first.** Every gradient has the shape of its parameter:
#    `assert grads[f"db{l}"].shape == parameters[f"b{l}"].shape`, and so on.
#    Such an assertion costs nothing and names the culprit at once; a wrong
#    shape can make the gradient check crash, or, worse, pass (flattening
#    hides the difference between `(n,)` and `(n, 1)`) while `update_parameters`
#    silently broadcasts $b^{[l]}$ to an $n \times n$ matrix.
# 2. **Then the whole gradient:** `gradient_check_n` says whether anything is
#    wrong.
# 3. **Then parameter by parameter,** from the output layer down:
#    `check_each_parameter` (in `debugging.py`) moves each array a tiny step
#    along its own gradient and compares the change of the cost with the
#    slope the gradient claims, two cost evaluations per array. The first
#    wrong array counting back from the output points at the building block:
#    `sigmoid_backward` works only in layer $L$, `relu_backward` only below
#    it, `linear_backward` everywhere; a wrong $dW$ with right $db$'s points
#    inside `linear_backward`.
#
# Run the next cell, then write down your verdict for each pass before you
# call `reveal` in the cell after it.

# %% tags=["skip-in-grading"]
from debugging import check_each_parameter, mystery_backward_passes, reveal

passes = mystery_backward_passes(globals())  # built from your functions, as they are defined here
params_debug = {}
generator = np.random.default_rng(7)
for layer, (n_out, n_in) in enumerate([(4, 3), (3, 4), (1, 3)], start=1):
    params_debug[f"W{layer}"] = generator.normal(size=(n_out, n_in)) / np.sqrt(n_in)
    params_debug[f"b{layer}"] = generator.normal(scale=0.3, size=(n_out, 1))
X_debug = generator.normal(size=(3, 5))
Y_debug = np.array([[1.0, 0.0, 0.0, 1.0, 1.0]])
AL_debug, caches_debug = L_model_forward(X_debug, params_debug)


def shape_problems(parameters, grads):
    """The gradients whose shape differs from their parameter's."""
    return [f"d{name} has shape {np.shape(grads.get('d' + name))}, {name} has {value.shape}"
            for name, value in parameters.items() if np.shape(grads.get("d" + name)) != value.shape]


for label, backward in passes.items():
    print(f"--- pass {label}")
    grads_debug = backward(AL_debug, Y_debug, caches_debug)
    print("shapes:", "; ".join(shape_problems(params_debug, grads_debug)) or "all right")
    try:
        gradient_check_n(params_debug, grads_debug, X_debug, Y_debug, print_msg=True)
    except Exception as error:  # a wrong shape can break the check itself
        print(f"gradient_check_n failed: {type(error).__name__}: {error}")
    check_each_parameter(network_cost, params_debug, grads_debug, X_debug, Y_debug)

# %% [markdown]
# Made up your mind? Then compare:

# %% tags=["skip-in-grading"]
for label in passes:
    print(f"pass {label}: {reveal(label)}")

# %% [markdown]
# ## Self-check
#
# Five short questions on this week's ideas, graded like an exercise (2
# points, shared equally among the questions). Answer in the dict `answers`
# of the cell below: a letter for a multiple-choice question (`"b"` or
# `"B"`), a tuple such as `(5, 2)` for a shape, a whole number for a count.
# The check under it looks only at the *form* of your answers; the feedback
# after grading tells you, for each wrong answer, why it is wrong.
#
# **q1.** A network has `layer_dims = [5, 4, 3, 2, 1]`. What is the shape
# of $dW^{[3]}$?
#
# **q2.** For that same network, what is $L$, the number of layers?
#
# **q3.** What does `linear_forward` keep in its cache, and why?
#
# * (a) `(A_prev, W, b)`: the backward pass needs `A_prev` for $dW$ and `W`
#   for $dA^{[l-1]}$;
# * (b) the gradients $dW$ and $db$, computed in advance;
# * (c) the cost, so that backpropagation can start from it;
# * (d) nothing the backward pass needs: the cache is only for printing.
#
# **q4.** Which of these are hyperparameters?
#
# * (a) the weights $W^{[l]}$ and biases $b^{[l]}$;
# * (b) the learning rate, the number of iterations, the number of layers and
#   of hidden units;
# * (c) the gradients $dW^{[l]}$ and $db^{[l]}$;
# * (d) the activations $A^{[l]}$.
#
# **q5.** What does depth buy, according to section 3?
#
# * (a) deep networks always train faster than shallow ones;
# * (b) some functions that a deep network computes with a few units per
#   layer need exponentially many units in a network of one hidden layer;
# * (c) a deep network needs no hyperparameters;
# * (d) a network of one hidden layer cannot compute any non-linear function.

# %% nbgrader="solution" grade_id="self_check"
# Replace the line `raise NotImplementedError()` with your answers, in this form:
# answers = {"q1": ..., "q2": ..., "q3": ..., "q4": ..., "q5": ...}
### BEGIN SOLUTION
answers = {"q1": (2, 3), "q2": 4, "q3": "a", "q4": "b", "q5": "b"}
### END SOLUTION

# %% nbgrader="tests" grade_id="self_check_tests" points=2
from self_check import NUMBER, SHAPE, check_answers, one_of

check_answers(answers, {"q1": SHAPE, "q2": NUMBER, "q3": one_of("abcd"), "q4": one_of("abcd"),
                        "q5": one_of("abcd")})
### BEGIN HIDDEN TESTS
grade_value("answers", against_reference=False, judge=judges.quiz({
    "q1": judges.shape((2, 3), "dW^[l] always has the shape of W^[l], (n^[l], n^[l-1]): here n^[3] = 2 "
                       "and n^[2] = 3.",
                       wrong={(3, 2): "(3, 2) is the transpose: W^[l] has one row per unit of layer l.",
                              (2, 1): "(2, 1) is the shape of b^[3] and db^[3], not of dW^[3].",
                              (3, 4): "(3, 4) is the shape of W^[2]: layer 0 is the input layer."}),
    "q2": judges.number(4, "L counts the layers that have parameters: layer_dims lists the input layer "
                        "(layer 0) too, so L = len(layer_dims) - 1.",
                        wrong={5: "5 counts the input layer, which has no parameters and is layer 0."}),
    "q3": judges.choice("a", "dW^[l] = dZ^[l] A^[l-1]T / m needs A_prev, and dA^[l-1] = W^[l]T dZ^[l] "
                        "needs W: the forward pass keeps them so that the backward pass need not "
                        "recompute them.",
                        b="Gradients need dA from the layer above, which the forward pass does not know yet.",
                        c="The cost is computed once after the forward pass; the caches are per layer.",
                        d="The backward functions take the cache as input and use what it holds."),
    "q4": judges.choice("b", "Parameters are what gradient descent learns (W, b); hyperparameters are what "
                        "you choose before training and what controls how the parameters come out.",
                        a="W and b are the parameters: gradient descent learns them.",
                        c="Gradients are computed at every step from the parameters and the data.",
                        d="Activations are computed from the inputs and the parameters."),
    "q5": judges.choice("b", "The zigzag of section 3 takes 2 units per layer in k layers, but at least "
                        "2^k - 1 units in a single hidden layer.",
                        a="Deeper networks are usually harder to train, not easier.",
                        c="Depth is itself a hyperparameter, and a deep network has all the others too.",
                        d="One hidden layer of ReLU or tanh units is already non-linear (week 3's flower)."),
}))
### END HIDDEN TESTS

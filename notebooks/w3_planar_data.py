# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   nndl:
#     ship: [planar_data.py, diagrams.py, self_check.py]
# ---

# %% [markdown]
# # Week 3 · Planar data classification with one hidden layer
#
# Last week's logistic regression draws one straight line through the data and
# calls one side "1" and the other "0". Many problems are not like that. This
# week you build the smallest network that can bend its decision boundary: one
# hidden layer of a few units between the input and the output. You will write
# every piece yourself (forward pass, cost, backpropagation, gradient descent)
# and then watch the network carve up a data set that no line can separate.
#
# **How the exercises work.** As in week 2: replace each `raise
# NotImplementedError()` stub with your code, run the cell, then run the test
# cell below it. The public checks there show what is expected; when you
# submit, the grader runs hidden checks on other inputs (other shapes, a single
# example, ...). Keep the function names and signatures as they are.
#
# No Python `for` loop over the examples is needed anywhere: every function
# handles all $m$ examples at once with matrix operations.

# %% nbgrader="locked" grade_id="setup"
import copy

import matplotlib.pyplot as plt
import numpy as np

from nndl_checks import expect
from planar_data import load_extra_datasets, load_planar_dataset, plot_dataset, plot_decision_boundary


def sigmoid(z):
    """The logistic sigmoid 1 / (1 + e^-z), entry by entry (you wrote it in week 2)."""
    return 1 / (1 + np.exp(-z))


# %% [markdown]
# ## 1. The data: a flower
#
# `load_planar_dataset()` returns 400 points of the plane. Each point lies on
# one of the eight petals of a flower, and the petals belong to two classes
# (label 0, drawn blue, and label 1, drawn red). The points are generated from
# a fixed seed, so everybody sees the same flower.
#
# The layout is the one used all course long: one **column** per example.
#
# * `X` has shape $(n_x, m) = (2, 400)$: row 0 holds the first coordinate
#   $x_1$ of every point, row 1 the second coordinate $x_2$;
# * `Y` has shape $(1, m) = (1, 400)$ and holds the labels.

# %%
X, Y = load_planar_dataset()
print("points with label 1:", int(Y.sum()))

# %% [markdown]
# ### Exercise 1: the shapes of the data
# Set `shape_X` and `shape_Y` to the shapes of `X` and `Y` (tuples, as the
# `.shape` attribute gives them) and `m` to the number of training examples.

# %% nbgrader="solution" grade_id="data_shapes"
# Set shape_X (the shape of X), shape_Y (the shape of Y) and m (the number of
# training examples).
### BEGIN SOLUTION
shape_X = X.shape
shape_Y = Y.shape
m = X.shape[1]
### END SOLUTION

print(f"X has shape {shape_X}, Y has shape {shape_Y}, and there are m = {m} training examples")

# %% nbgrader="tests" grade_id="data_shapes_tests" points=1
expect(shape_X, X.shape, "shape_X", hint="shape_X is the whole shape of X, a tuple, not one of its numbers.")
expect(shape_Y, Y.shape, "shape_Y", hint="shape_Y is the shape of Y, not of X.")
expect(m, Y.shape[1], "m (there is one label per example)",
       hint="The examples are the columns of X: m counts the columns (the rows count the features).")
### BEGIN HIDDEN TESTS
grade_value("shape_X", hint="shape_X is the shape of X, the tuple (rows, columns).")
grade_value("shape_Y", hint="shape_Y is the shape of Y, the tuple (rows, columns).")
grade_value("m", hint="The examples are the columns of X (and of Y), not its rows.")
### END HIDDEN TESTS

# %% tags=["skip-in-grading"]
plt.figure(figsize=(5, 5))
plot_dataset(X, Y, title="The flower data set")
plt.show()

# %% [markdown]
# ## 2. A baseline: logistic regression
#
# Before building anything new, see what a linear classifier does. The cell
# below fits scikit-learn's `LogisticRegression` (the model you built by hand
# last week) and shades the plane by its prediction. Whatever it learns, its
# boundary is a straight line, and every line cuts through petals of both
# colours.

# %% tags=["skip-in-grading"]
from sklearn.linear_model import LogisticRegression

baseline = LogisticRegression()
baseline.fit(X.T, Y.ravel())  # scikit-learn wants one example per row
baseline_accuracy = baseline.score(X.T, Y.ravel())

plt.figure(figsize=(5, 5))
plot_decision_boundary(lambda P: baseline.predict(P.T), X, Y,
                       title=f"Logistic regression: {100 * baseline_accuracy:.1f} % correct")
plt.show()
print(f"Training accuracy of logistic regression: {100 * baseline_accuracy:.1f} %")

# %% [markdown]
# About half of the points are classified correctly: no better than a coin
# toss, since the two classes are equally large. A straight line is simply the
# wrong shape for this boundary. We need a model that can bend it.
#
# ## 3. A network with one hidden layer
#
# ### Picture and notation
#
# Our network has three *layers* of units:
#
# * the **input layer**: the two coordinates $x_1, x_2$ of a point;
# * the **hidden layer**: $n_h$ units (we start with $n_h = 4$); "hidden"
#   because the training data say nothing about what their values should be;
# * the **output layer**: one unit whose value $\hat y$ is the predicted
#   probability that the point has label 1.

# %% tags=["skip-in-grading"]
from diagrams import draw_network  # the course's drawing helpers, in diagrams.py next to this notebook

draw_network([2, 4, 1], layer_titles=["input $x$", "hidden layer\n$a^{[1]}$, tanh",
                                      "output\n$\\hat y = a^{[2]}$, sigmoid"])
plt.show()

# %% [markdown]
# By convention the input layer is not counted, so this is a **2-layer
# network**. Two kinds of superscript keep the quantities apart:
#
# * square brackets $[l]$ name the **layer**: $W^{[1]}, b^{[1]}$ are the
#   parameters of layer 1 (the hidden layer), $a^{[1]}$ its activations;
#   the input is $a^{[0]} = x$ and the output $a^{[2]} = \hat y$;
# * round brackets $(i)$ name the **training example**: $x^{(i)}$ is the
#   $i$-th point, $a^{[1](i)}$ the hidden activations it produces.
#
# A subscript picks one unit of a layer: $a^{[1]}_3$ is the third hidden unit.
# Layer $l$ with $n^{[l]}$ units, fed by $n^{[l-1]}$ values, has a weight
# matrix $W^{[l]}$ of shape $(n^{[l]}, n^{[l-1]})$ (one row per unit) and a
# bias vector $b^{[l]}$ of shape $(n^{[l]}, 1)$.
#
# ### Computing the output for one example
#
# Each unit does what a logistic-regression unit does: a weighted sum plus a
# bias, then an *activation function*. Stacking the units of a layer as the
# rows of a matrix turns a layer into two lines:
#
# $$z^{[1](i)} = W^{[1]} x^{(i)} + b^{[1]}, \qquad a^{[1](i)} = \tanh\bigl(z^{[1](i)}\bigr)$$
#
# $$z^{[2](i)} = W^{[2]} a^{[1](i)} + b^{[2]}, \qquad \hat y^{(i)} = a^{[2](i)} = \sigma\bigl(z^{[2](i)}\bigr)$$
#
# and the prediction is 1 when $\hat y^{(i)} > 0.5$, else 0.
#
# ### Vectorizing across examples
#
# Rather than looping over the examples, put them side by side as the columns
# of $X = \bigl[x^{(1)} \, x^{(2)} \cdots x^{(m)}\bigr]$. A matrix product acts
# on every column separately, so the same formulas process all examples at once:
#
# $$Z^{[1]} = W^{[1]} X + b^{[1]}, \quad A^{[1]} = \tanh(Z^{[1]}), \quad
# Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}, \quad A^{[2]} = \sigma(Z^{[2]})$$
#
# In every one of these matrices, **rows are units and columns are examples**:
# $Z^{[1]}$ and $A^{[1]}$ have shape $(n_h, m)$, $A^{[2]}$ has shape $(1, m)$.
# The bias $b^{[1]}$ of shape $(n_h, 1)$ is added to every column by
# broadcasting.
#
# ### Activation functions
#
# Four common choices for $g$ in $a = g(z)$:
#
# | name | $g(z)$ | $g'(z)$ | notes |
# |---|---|---|---|
# | sigmoid | $\sigma(z) = \dfrac{1}{1+e^{-z}}$ | $\sigma(z)\,(1-\sigma(z))$ | values in $(0,1)$: the natural choice for a binary **output** |
# | tanh | $\tanh(z) = \dfrac{e^{z}-e^{-z}}{e^{z}+e^{-z}}$ | $1-\tanh^2(z)$ | values in $(-1,1)$, centred on 0; usually better than the sigmoid in hidden layers |
# | ReLU | $\max(0, z)$ | $0$ for $z<0$, $1$ for $z>0$ | cheap, and its slope does not vanish for large $z$: the default in deep networks |
# | leaky ReLU | $\max(0.01\,z, z)$ | $0.01$ for $z<0$, $1$ for $z>0$ | like ReLU, but never completely flat |
#
# (At $z = 0$ the ReLU has no derivative; code simply uses 0 or 1 there, which
# makes no practical difference.) The tanh is a shifted and stretched sigmoid,
# $\tanh(z) = 2\sigma(2z) - 1$. Its outputs average closer to zero, which
# makes learning in the next layer easier. Both flatten out for large $|z|$,
# where their slope, and so the gradient flowing through them, becomes tiny.
#
# Backpropagation multiplies by these slopes, so it pays to see them. The next
# figure draws the sigmoid and the tanh with their derivatives (dashed), and,
# at $z = -3, -1, 0, 1, 3$, the tangent: the straight line through the curve
# with slope $g'(z)$.

# %% tags=["skip-in-grading"]
from diagrams import draw_activation_slopes  # in diagrams.py, next to this notebook

draw_activation_slopes()
plt.tight_layout()
plt.show()

# %% [markdown]
# Both curves are steepest at $z = 0$, where the tanh has slope 1 and the
# sigmoid only 0.25: a hidden tanh unit passes on four times more of the
# gradient than a sigmoid unit would. At $z = \pm 1$ the tanh's slope is
# already down to 0.42, and at $z = \pm 3$ it is 0.0099 (the sigmoid's
# 0.045): a unit whose $z$ is that large barely learns. This is why the
# weights start small (section 5): every $z$ then starts near 0, where the
# slopes are largest.
#
# Note that the sigmoid and tanh derivatives can both be computed from the
# activation itself, without $Z$: if $A = \sigma(Z)$ then
# $\sigma'(Z) = A\,(1 - A)$, and if $A^{[1]} = \tanh(Z^{[1]})$ then
# $g'(Z^{[1]}) = 1 - (A^{[1]})^2$. That is why the forward pass keeps
# $A^{[1]}$ for later.
#
# **Why non-linear?** Suppose the hidden layer used $g(z) = z$. Then
# $z^{[2]} = W^{[2]}(W^{[1]}x + b^{[1]}) + b^{[2]} = (W^{[2]}W^{[1]})\,x +
# (W^{[2]}b^{[1]} + b^{[2]})$, which is one linear layer with weights
# $W' = W^{[2]}W^{[1]}$ and bias $b' = W^{[2]}b^{[1]} + b^{[2]}$. However many
# linear layers we stack, the network stays a logistic regression, boundary
# line included. The non-linearity is what lets the hidden units bend it. (A
# linear activation has one legitimate use: the output unit of a network that
# predicts an unbounded real number.)

# %% tags=["skip-in-grading"]
z = np.linspace(-4, 4, 400)
activations = {
    "sigmoid": (sigmoid(z), sigmoid(z) * (1 - sigmoid(z))),
    "tanh": (np.tanh(z), 1 - np.tanh(z) ** 2),
    "ReLU": (np.maximum(0, z), (z > 0).astype(float)),
    "leaky ReLU": (np.maximum(0.01 * z, z), np.where(z > 0, 1.0, 0.01)),
}
fig, axes = plt.subplots(1, 4, figsize=(15, 3.2))
for ax, (name, (g, dg)) in zip(axes, activations.items()):
    ax.plot(z, g, label="$g(z)$")
    ax.plot(z, dg, "--", label="$g'(z)$")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.set_title(name)
    ax.legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# ### The plan
#
# Building the classifier takes the same steps as last week, with one more layer:
#
# 1. fix the sizes of the layers;
# 2. initialise the parameters;
# 3. repeat: forward propagation, cost, backward propagation (gradients),
#    update of the parameters (gradient descent);
# 4. predict with the learned parameters.
#
# You write each step as a function, then put them together in `nn_model`.
#
# ## 4. Layer sizes
#
# ### Exercise 2: `layer_sizes`
# Return the tuple `(n_x, n_h, n_y)`: the number of input features (the rows of
# `X`), the size of the hidden layer, fixed at 4 for now, and the number of
# output units (the rows of `Y`).

# %% nbgrader="solution" grade_id="layer_sizes"
def layer_sizes(X, Y):
    """The sizes of the three layers of the network.

    Arguments:
        X -- inputs, shape (n_x, m)
        Y -- labels, shape (n_y, m)
    Returns:
        (n_x, n_h, n_y) -- the input size, the hidden size (4 in this notebook) and the output size
    """
    ### BEGIN SOLUTION
    n_x = X.shape[0]
    n_h = 4
    n_y = Y.shape[0]
    ### END SOLUTION
    return (n_x, n_h, n_y)


# %% nbgrader="tests" grade_id="layer_sizes_tests" points=1
expect(layer_sizes(np.zeros((5, 3)), np.zeros((2, 3))), (5, 4, 2), "layer_sizes for X (5, 3) and Y (2, 3)",
       hint=("n_x and n_y count the rows of X and of Y (the columns count the examples); read n_y from Y "
             "rather than writing 1."))
expect(layer_sizes(X, Y), (2, 4, 1), "layer_sizes for the flower", hint="n_h is 4.")
### BEGIN HIDDEN TESTS
grade("layer_sizes",
      case("X of shape (6, 3) and Y of shape (2, 3)", rng.normal(size=(6, 3)), judges.labels(rng, 3, rows=2)),
      case("X of shape (3, 7) and Y of shape (1, 7)", rng.normal(size=(3, 7)), judges.labels(rng, 7)),
      case("one example: X of shape (4, 1) and Y of shape (3, 1)", rng.normal(size=(4, 1)),
           judges.labels(rng, 1, rows=3)),
      hint="n_x is the number of rows of X and n_y the number of rows of Y (not columns: "
           "those count examples); the hidden layer has 4 units.")
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Initialising the parameters
#
# Why not start from zero, as logistic regression could? Because of
# **symmetry**. If every row of $W^{[1]}$ is the same (for example all zero),
# every hidden unit computes the same function of the input, so they all
# receive the same gradient and get the same update. After any number of
# steps they are still identical, and the hidden layer behaves like a single
# unit. Random weights break the symmetry: each unit starts somewhere else
# and can learn something different. The biases do not matter for this; they
# may start at zero.
#
# The weights should also be **small**. Large weights give large $|z|$,
# where tanh and sigmoid are flat; their gradients are then tiny and learning
# crawls. For a network this shallow, Gaussian numbers times 0.01 work well.
#
# ### Exercise 3: `initialize_parameters`
# Return a dictionary with
#
# * `W1`: shape `(n_h, n_x)`, entries `np.random.randn(...) * 0.01`;
# * `b1`: zeros of shape `(n_h, 1)`;
# * `W2`: shape `(n_y, n_h)`, entries `np.random.randn(...) * 0.01`;
# * `b2`: zeros of shape `(n_y, 1)`.
#
# Draw `W1` first, then `W2`, both with `np.random.randn` (NumPy's global random
# generator): `nn_model` below seeds that generator so that a training run can
# be repeated exactly.

# %% nbgrader="solution" grade_id="initialize_parameters"
def initialize_parameters(n_x, n_h, n_y):
    """Starting parameters of an n_x -> n_h -> n_y network.

    Arguments:
        n_x -- the size of the input layer
        n_h -- the size of the hidden layer
        n_y -- the size of the output layer
    Returns:
        a dict with W1 (n_h, n_x) and W2 (n_y, n_h), small random weights,
        and b1 (n_h, 1) and b2 (n_y, 1), zeros
    """
    ### BEGIN SOLUTION
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    ### END SOLUTION
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


# %% nbgrader="tests" grade_id="initialize_parameters_tests" points=2
params_t = initialize_parameters(2, 4, 1)
from nndl_checks import require

expect(sorted(params_t), ["W1", "W2", "b1", "b2"], "the keys of the dictionary",
       hint="Keep the provided return line and its four keys.")
expect([params_t[k].shape for k in ("W1", "b1", "W2", "b2")], [(4, 2), (4, 1), (1, 4), (1, 1)],
       "the shapes of W1, b1, W2, b2 for n_x=2, n_h=4, n_y=1",
       hint="A weight matrix has one row per unit of its layer and one column per input: W1 is (n_h, n_x), "
            "W2 is (n_y, n_h).")
expect(params_t["b1"], np.zeros((4, 1)), "b1", hint="Biases start at zero, a column of shape (n_h, 1).")
expect(params_t["b2"], np.zeros((1, 1)), "b2", hint="Biases start at zero, a column of shape (n_y, 1).")
largest = max(float(np.max(np.abs(params_t["W1"]))), float(np.max(np.abs(params_t["W2"]))))
require(largest < 0.1, "every weight small (|w| < 0.1)", f"the largest is {largest:.3g}",
        hint="Scale the standard-normal draws by 0.01: large weights saturate tanh and slow learning down.")
expect(len({tuple(row) for row in params_t["W1"]}), 4, "the number of different rows of W1 (symmetry broken)",
       hint=("W1 must be random (standard-normal draws scaled by 0.01): with zeros (or one row repeated) "
             "every hidden unit computes the same thing and stays the same."))
### BEGIN HIDDEN TESTS
grade("initialize_parameters",
      case("n_x=2, n_h=4, n_y=1", 2, 4, 1),
      case("n_x=5, n_h=3, n_y=2", 5, 3, 2),
      case("n_x=3, n_h=7, n_y=1", 3, 7, 1),
      against_reference=False, judge=judges.small_random_initialisation)
### END HIDDEN TESTS

# %% [markdown]
# ## 6. Forward propagation
#
# ### Exercise 4: `forward_propagation`
# Compute, for all examples at once,
#
# $$Z^{[1]} = W^{[1]} X + b^{[1]}, \qquad A^{[1]} = \tanh(Z^{[1]}), \qquad
# Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}, \qquad A^{[2]} = \sigma(Z^{[2]})$$
#
# with `np.dot` (or `@`), `np.tanh` and the `sigmoid` defined in the setup
# cell. Return `A2` and a dictionary `cache` holding `"Z1"`, `"A1"`, `"Z2"` and
# `"A2"`: backpropagation reuses them.

# %% nbgrader="solution" grade_id="forward_propagation"
def forward_propagation(X, parameters):
    """Forward pass of the 2-layer network: a tanh hidden layer, a sigmoid output.

    Arguments:
        X -- inputs, shape (n_x, m)
        parameters -- dict with W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)
    Returns:
        A2 -- the output probabilities, shape (1, m)
        cache -- dict with Z1, A1 (n_h, m) and Z2, A2 (1, m), for the backward pass
    """
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    # 1. The hidden layer: Z1, then A1 with tanh.
    # 2. The output layer: Z2 from A1, then A2 with the sigmoid.
    ### BEGIN SOLUTION
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    ### END SOLUTION
    assert A2.shape == (1, X.shape[1])  # provided: one output unit, one column per example
    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


# %% nbgrader="tests" grade_id="forward_propagation_tests" points=3
rng_t = np.random.default_rng(0)
X_t = rng_t.normal(size=(2, 3))
params_t = {"W1": rng_t.normal(size=(4, 2)), "b1": rng_t.normal(size=(4, 1)),
            "W2": rng_t.normal(size=(1, 4)), "b2": rng_t.normal(size=(1, 1))}
A2_t, cache_t = forward_propagation(X_t, params_t)
expect(A2_t, np.array([[0.08003463, 0.30689494, 0.05359277]]), "A2 for X of shape (2, 3) and 4 hidden units",
       hint="Layer 1: W1 times X plus b1, then tanh; layer 2: W2 times A1 plus b2, then the sigmoid: tanh in the "
            "hidden layer, the sigmoid at the output, and A1 (not Z1) into the second layer.")
expect(sorted(cache_t), ["A1", "A2", "Z1", "Z2"], "the keys of the cache", hint="Keep the provided cache line.")
expect(cache_t["A1"], np.array([[-0.75419346, -0.95836793, -0.0682338],
                                [-0.74135942, 0.03852794, -0.92754599],
                                [-0.54993513, -0.449488, -0.729882],
                                [-0.55913788, 0.1076292, -0.95488329]]), "cache['A1']",
       hint="The hidden layer's activation is tanh, not the sigmoid.")
### BEGIN HIDDEN TESTS
grade("forward_propagation",
      case("X of shape (3, 5) and 4 hidden units", rng.normal(size=(3, 5)), judges.random_network(rng, [3, 4, 1])),
      case("one example: X of shape (2, 1) and 3 hidden units", rng.normal(size=(2, 1)),
           judges.random_network(rng, [2, 3, 1])),
      case("X of shape (4, 6) and 5 hidden units", rng.normal(size=(4, 6)), judges.random_network(rng, [4, 5, 1])),
      hint="(Hidden layer: tanh; output layer: sigmoid; W X is a matrix product, not an entry-wise one.)")
### END HIDDEN TESTS

# %% [markdown]
# ## 7. The cost
#
# The network's output $A^{[2]}$ holds the predicted probabilities
# $a^{[2](i)}$. As for logistic regression, the cost is the average
# cross-entropy loss over the $m$ examples:
#
# $$J = -\frac{1}{m} \sum_{i=1}^{m} \Bigl( y^{(i)} \log a^{[2](i)} + \bigl(1 - y^{(i)}\bigr) \log\bigl(1 - a^{[2](i)}\bigr) \Bigr)$$
#
# It is small when the network gives high probability to the right label, and
# grows without bound when it is confidently wrong.
#
# ### Exercise 5: `compute_cost`
# Compute $J$ from `A2` and `Y`, both of shape `(1, m)`, without a loop
# (`np.log`, entrywise `*`, `np.sum`, or `np.dot` of a row and a column).
# The given last line, `float(np.squeeze(cost))`, returns it as a Python
# `float`, whether your `cost` is a NumPy number or an array of shape `(1, 1)`.

# %% nbgrader="solution" grade_id="compute_cost"
def compute_cost(A2, Y):
    """The cross-entropy cost of the predictions.

    Arguments:
        A2 -- predicted probabilities, shape (1, m)
        Y -- labels, shape (1, m), of 0 and 1
    Returns:
        cost -- the mean over the m examples of the cross-entropy loss, a Python float
    """
    m = Y.shape[1]
    ### BEGIN SOLUTION
    log_likelihood = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    cost = -np.sum(log_likelihood) / m
    ### END SOLUTION
    cost = float(np.squeeze(cost))  # provided: a Python float, also from an array of shape (1, 1)
    return cost


# %% nbgrader="tests" grade_id="compute_cost_tests" points=2
expect(compute_cost(np.array([[0.8, 0.3, 0.6, 0.1]]), np.array([[1, 0, 1, 0]])), 0.2990011586691898,
       "compute_cost for 4 examples",
       hint=("The cost is minus the mean over the examples of y log(a) + (1 - y) log(1 - a): mind the minus "
             "sign, both terms and the 1/m."))
expect(type(compute_cost(np.array([[0.8, 0.3, 0.6, 0.1]]), np.array([[1, 0, 1, 0]]))).__name__, "float",
       "the type of the cost", hint="Keep the provided line cost = float(np.squeeze(cost)).")
### BEGIN HIDDEN TESTS
grade("compute_cost",
      case("A2 and Y of shape (1, 6)", rng.uniform(0.05, 0.95, size=(1, 6)), judges.labels(rng, 6)),
      case("one example: A2 and Y of shape (1, 1)", rng.uniform(0.05, 0.95, size=(1, 1)), np.array([[1.0]])),
      case("A2 and Y of shape (1, 9), some predictions close to 0 or 1",
           np.concatenate([rng.uniform(0.001, 0.02, size=(1, 3)), rng.uniform(0.98, 0.999, size=(1, 3)),
                           rng.uniform(0.2, 0.8, size=(1, 3))], axis=1), judges.labels(rng, 9)),
      hint="Average the loss over the m examples (divide the sum by m, with a minus sign).")
### END HIDDEN TESTS

# %% [markdown]
# ## 8. Backpropagation
#
# ### Gradient descent for the 2-layer network
#
# Training means repeating, many times,
#
# 1. forward propagation: compute $A^{[2]}$ (and the cache);
# 2. backward propagation: compute $dW^{[1]} = \frac{\partial J}{\partial W^{[1]}}$,
#    $db^{[1]}$, $dW^{[2]}$ and $db^{[2]}$;
# 3. the update $W^{[l]} := W^{[l]} - \alpha\, dW^{[l]}$,
#    $b^{[l]} := b^{[l]} - \alpha\, db^{[l]}$ for both layers, with learning rate $\alpha$.
#
# ### The intuition
#
# Backpropagation is the chain rule applied from the end of the network to
# its beginning. The forward pass is a chain
# $X \to Z^{[1]} \to A^{[1]} \to Z^{[2]} \to A^{[2]} \to J$; the backward pass
# walks it in reverse, and each step multiplies the gradient received from the
# step after it by the local derivative of its own operation:
#
# * at the output, sigmoid and cross-entropy combine into a remarkably simple
#   error signal: $dZ^{[2]} = A^{[2]} - Y$, the prediction minus the label;
# * a layer $Z = W A_{\text{prev}} + b$ passes gradients to its weights
#   ($dW = \frac{1}{m} dZ\, A_{\text{prev}}^T$, averaged over the examples), to its
#   bias (the average of $dZ$ over the examples) and back to its input
#   ($W^T dZ$);
# * an activation $A = g(Z)$ multiplies the gradient entrywise by $g'(Z)$.
#
# Written out for our network (with $\odot$ the entrywise product):
#
# $$dZ^{[2]} = A^{[2]} - Y$$
# $$dW^{[2]} = \frac{1}{m}\, dZ^{[2]} A^{[1]T}, \qquad db^{[2]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[2](i)}$$
# $$dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot \bigl(1 - (A^{[1]})^2\bigr)$$
# $$dW^{[1]} = \frac{1}{m}\, dZ^{[1]} X^T, \qquad db^{[1]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[1](i)}$$
#
# The factor $1 - (A^{[1]})^2$ is $\tanh'(Z^{[1]})$, read off the cached
# activations. The sums run over the examples, that is along `axis=1`; use
# `keepdims=True` so that `db1` keeps the shape `(n_h, 1)` of `b1`. A good
# sanity check: **every gradient has the shape of the parameter it belongs
# to**.
#
# ### One example, or all $m$ at once
#
# The same six steps, side by side: on the left for a single example
# $(x, y)$, as derivatives of its loss $\mathcal{L}(a^{[2]}, y)$; on the right
# for all $m$ examples, as derivatives of the cost
# $J = \frac1m \sum_{i=1}^{m} \mathcal{L}^{(i)}$ (the form you implement).
#
# | step | one example $(x, y)$ | all $m$ examples $(X, Y)$ | shape, on the right |
# |---|---|---|---|
# | 1 | $dz^{[2]} = a^{[2]} - y$ | $dZ^{[2]} = A^{[2]} - Y$ | $(1, m)$ |
# | 2 | $dW^{[2]} = dz^{[2]}\, a^{[1]T}$ | $dW^{[2]} = \frac{1}{m}\, dZ^{[2]} A^{[1]T}$ | $(1, n_h)$ |
# | 3 | $db^{[2]} = dz^{[2]}$ | $db^{[2]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[2](i)}$ | $(1, 1)$ |
# | 4 | $dz^{[1]} = W^{[2]T} dz^{[2]} \odot \bigl(1 - (a^{[1]})^2\bigr)$ | $dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot \bigl(1 - (A^{[1]})^2\bigr)$ | $(n_h, m)$ |
# | 5 | $dW^{[1]} = dz^{[1]}\, x^{T}$ | $dW^{[1]} = \frac{1}{m}\, dZ^{[1]} X^{T}$ | $(n_h, n_x)$ |
# | 6 | $db^{[1]} = dz^{[1]}$ | $db^{[1]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[1](i)}$ | $(n_h, 1)$ |
#
# Read the table row by row:
#
# * **$dZ$ is the left column, stacked.** Column $i$ of $dZ^{[2]}$ is the
#   $dz^{[2]}$ of example $i$, and the same for $dZ^{[1]}$; no $\frac1m$
#   appears in rows 1 and 4, because the examples do not mix there.
# * **$dW$ and $db$ average over the examples.** All examples share the
#   parameters, so the gradient of the cost is the average of the
#   per-example gradients: $\frac1m \sum_i dz^{(i)} a^{(i)T}$, and that sum of
#   $m$ outer products is exactly the matrix product $dZ\, A^T$ (row 2 and
#   row 5). The bias gradient of one example is its $dz$ itself, so for $m$
#   examples it becomes the average of the columns of $dZ$ (rows 3 and 6).
# * In row 4 the product $W^{[2]T} dZ^{[2]}$ is a matrix product and
#   $\odot$ multiplies entry by entry, one column per example.
#
# ### Exercise 6: `backward_propagation`
# Implement the six formulas above. Take `W2` from `parameters` and `A1`, `A2`
# from `cache`; return the dictionary `grads` with `dW1`, `db1`, `dW2`, `db2`.

# %% nbgrader="solution" grade_id="backward_propagation"
def backward_propagation(parameters, cache, X, Y):
    """Gradients of the cost of the 2-layer network.

    Arguments:
        parameters -- dict with W1, b1, W2, b2
        cache -- dict with Z1, A1, Z2, A2 from forward_propagation
        X -- inputs, shape (n_x, m)
        Y -- labels, shape (1, m)
    Returns:
        a dict with dW1, db1, dW2, db2, each of the shape of its parameter
    """
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    # 1. The output layer: dZ2, then dW2 and db2 (averages over the m examples).
    # 2. The hidden layer: dZ1 (through W2 and the derivative of tanh), then dW1 and db1.
    ### BEGIN SOLUTION
    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    ### END SOLUTION
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


# %% nbgrader="tests" grade_id="backward_propagation_tests" points=4
# (this check uses your forward_propagation to make the cache: make sure its own checks pass first)
rng_t = np.random.default_rng(1)
X_t = rng_t.normal(size=(3, 4))
Y_t = np.array([[1, 0, 0, 1]])
params_t = {"W1": rng_t.normal(size=(2, 3)), "b1": rng_t.normal(size=(2, 1)),
            "W2": rng_t.normal(size=(1, 2)), "b2": rng_t.normal(size=(1, 1))}
grads_t = backward_propagation(params_t, forward_propagation(X_t, params_t)[1], X_t, Y_t)
expect(grads_t["dW2"], np.array([[-0.27045681, 0.05790694]]), "dW2",
       hint="dZ2 is A2 - Y, and dW2 is dZ2 times the transpose of A1, over m: mind the 1/m.")
expect(grads_t["db2"], np.array([[0.29336001]]), "db2",
       hint="db2 is the mean of dZ2 over the examples: sum along axis 1 only, keeping shape (n_y, 1).")
expect(grads_t["dW1"], np.array([[0.00086055, -0.00057887, -0.00013932],
                                 [-0.06069821, 0.02095827, -0.00945432]]), "dW1",
       hint="dZ1 is the transpose of W2 times dZ2, multiplied entry by entry by the derivative of tanh, "
            "1 - A1 squared; then dW1 is dZ1 times the transpose of X, over m.")
expect(grads_t["db1"], np.array([[0.00050834], [-0.08760687]]), "db1",
       hint="db1 is the mean of dZ1 over the examples, of shape (n_h, 1).")
### BEGIN HIDDEN TESTS
grade("backward_propagation",
      case("X of shape (3, 5) and 4 hidden units", *judges.two_layer_backward_inputs(rng, 3, 4, 5)),
      case("one example: X of shape (2, 1) and 3 hidden units", *judges.two_layer_backward_inputs(rng, 2, 3, 1)),
      case("X of shape (2, 8) and 6 hidden units", *judges.two_layer_backward_inputs(rng, 2, 6, 8)),
      against_reference=False, judge=judges.two_layer_gradients)
### END HIDDEN TESTS

# %% [markdown]
# ### Checking gradients numerically
#
# How can you be sure that formulas like these are right? Compare them with
# the definition of a derivative. Nudge one parameter $\theta$ by a tiny
# $\varepsilon$ in both directions and measure how the cost changes:
#
# $$\frac{\partial J}{\partial \theta} \approx \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2\varepsilon}$$
#
# This *finite difference* is far too slow for training (two forward passes
# per parameter), but it is a perfect referee.
#
# To compare a gradient $g$ from backpropagation with its estimate
# $g_{\text{approx}}$, use one number, the **relative difference**
#
# $$\text{difference} = \frac{\lVert g - g_{\text{approx}} \rVert_2}
#                             {\lVert g \rVert_2 + \lVert g_{\text{approx}} \rVert_2},$$
#
# where $\lVert v \rVert_2$ is the Euclidean norm (`np.linalg.norm`). It is 0
# when the two agree exactly, 1 when one is the negative of the other, and it
# does not depend on the scale of the cost. Because it works with norms, the
# entries with large gradients weigh the most. (Comparing entry by entry and
# keeping the worst entry is misleading: an entry whose true gradient is
# nearly zero is dominated by the estimate's rounding error and looks wrong
# even when the gradient is right.)
#
# The cell below uses your `forward_propagation` and `compute_cost` to check
# your `backward_propagation` on a tiny network, one relative difference per
# gradient; they should be around $10^{-7}$ or smaller. Week 4 uses the same
# measure for a whole deep network.

# %% tags=["skip-in-grading"]
def numerical_gradients(parameters, X, Y, eps=1e-6):
    """Finite-difference estimate of every gradient, one parameter entry at a time (slow, for checking)."""
    grads = {}
    for name, value in parameters.items():
        estimate = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            nudged = {k: v.copy() for k, v in parameters.items()}
            nudged[name][index] = value[index] + eps
            cost_plus = compute_cost(forward_propagation(X, nudged)[0], Y)
            nudged[name][index] = value[index] - eps
            cost_minus = compute_cost(forward_propagation(X, nudged)[0], Y)
            estimate[index] = (cost_plus - cost_minus) / (2 * eps)
        grads["d" + name] = estimate
    return grads


rng_demo = np.random.default_rng(4)
X_demo = rng_demo.normal(size=(2, 6))
Y_demo = (rng_demo.uniform(size=(1, 6)) < 0.5).astype(float)
params_demo = {"W1": rng_demo.normal(size=(3, 2)), "b1": rng_demo.normal(size=(3, 1)),
               "W2": rng_demo.normal(size=(1, 3)), "b2": rng_demo.normal(size=(1, 1))}
analytic = backward_propagation(params_demo, forward_propagation(X_demo, params_demo)[1], X_demo, Y_demo)
numeric = numerical_gradients(params_demo, X_demo, Y_demo)
for name in ("dW1", "db1", "dW2", "db2"):
    g, g_approx = analytic[name], numeric[name]
    difference = np.linalg.norm(g - g_approx) / (np.linalg.norm(g) + np.linalg.norm(g_approx))
    print(f"{name}: relative difference {difference:.1e}")

# %% [markdown]
# ## 9. The update
#
# ### Exercise 7: `update_parameters`
# Take one gradient-descent step, $\theta := \theta - \alpha\, d\theta$, for each
# of `W1`, `b1`, `W2`, `b2`, with $\alpha$ = `learning_rate`, and return the new
# parameters in a new dictionary.
#
# Build new arrays (`W1 = W1 - learning_rate * dW1`) rather than changing the
# given ones in place (`W1 -= ...`): the caller's dictionary should still hold
# the old values after the call.
#
# The learning rate decides the step size: too small and training takes
# forever, too large and the cost jumps around or diverges. For this problem
# 1.2 works well.

# %% nbgrader="solution" grade_id="update_parameters"
def update_parameters(parameters, grads, learning_rate=1.2):
    """One step of gradient descent.

    Arguments:
        parameters -- dict with W1, b1, W2, b2
        grads -- dict with dW1, db1, dW2, db2
        learning_rate -- the step size alpha
    Returns:
        a new dict with the updated W1, b1, W2, b2 (the arrays of parameters are not changed)
    """
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    # Each of W1, b1, W2, b2 takes one step against its own gradient, scaled by
    # learning_rate, as a new array (not in place).
    ### BEGIN SOLUTION
    W1 = W1 - learning_rate * grads["dW1"]
    b1 = b1 - learning_rate * grads["db1"]
    W2 = W2 - learning_rate * grads["dW2"]
    b2 = b2 - learning_rate * grads["db2"]
    ### END SOLUTION
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


# %% nbgrader="tests" grade_id="update_parameters_tests" points=2
params_t = {"W1": np.array([[0.5, -1.0], [2.0, 0.0]]), "b1": np.array([[0.1], [-0.2]]),
            "W2": np.array([[1.0, -1.0]]), "b2": np.array([[0.3]])}
grads_t = {"dW1": np.array([[0.1, 0.2], [-0.3, 0.4]]), "db1": np.array([[0.05], [-0.05]]),
           "dW2": np.array([[-0.5, 0.25]]), "db2": np.array([[0.1]])}
new_t = update_parameters(params_t, grads_t)
expect(new_t["W1"], np.array([[0.38, -1.24], [2.36, -0.48]]), "W1 after one step with the default learning rate",
       hint="Step against the gradient: subtract the learning rate times dW1 (minus: downhill).")
expect(new_t["b1"], np.array([[0.04], [-0.14]]), "b1 after one step", hint=("Update b1 the same way, with "
                                                                            "its own gradient db1."))
expect(new_t["W2"], np.array([[1.6, -1.3]]), "W2 after one step", hint=("Update W2 the same way, with its "
                                                                        "own gradient dW2."))
expect(new_t["b2"], np.array([[0.18]]), "b2 after one step", hint=("Update b2 the same way, with its own "
                                                                   "gradient db2."))
expect(update_parameters(params_t, grads_t, learning_rate=0.1)["b2"], np.array([[0.29]]),
       "b2 after one step with learning_rate=0.1", hint="Use the learning_rate argument, not a fixed 1.2.")
expect(params_t["W1"], np.array([[0.5, -1.0], [2.0, 0.0]]), "the W1 you were given (unchanged)",
       hint="Make a new array for every parameter: an in-place update (-=) changes the caller's arrays too.")
### BEGIN HIDDEN TESTS
grade("update_parameters",
      case("a 2-4-1 network, the default learning rate", *judges.random_network_and_gradients(rng, [2, 4, 1])),
      case("a 3-5-2 network, learning_rate=0.05", *judges.random_network_and_gradients(rng, [3, 5, 2]),
           learning_rate=0.05),
      case("a 1-2-1 network, a learning rate of 0.7 passed by position",
           *judges.random_network_and_gradients(rng, [1, 2, 1]), 0.7),
      inputs_unchanged=True,
      hint="(Use the learning_rate argument, not a number of your own, for every parameter.)")
### END HIDDEN TESTS

# %% [markdown]
# ## 10. Putting it together
#
# ### Exercise 8: `nn_model`
# Train the network with gradient descent:
#
# 1. get `n_x` and `n_y` from `layer_sizes` (the hidden size is the argument `n_h`);
# 2. initialise the parameters;
# 3. repeat `num_iterations` times: forward propagation, cost, backward
#    propagation, update (with the default learning rate 1.2).
#
# The loop and the line that prints the cost every 1000 iterations (when
# `print_cost` is true) are given; the comments in the cell say what goes in
# each gap and about how many lines it takes. Keep the provided first line
# `np.random.seed(3)`: it makes the initial weights, and therefore the whole
# run, the same every time.

# %% nbgrader="solution" grade_id="nn_model"
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    """Train the 2-layer network by gradient descent.

    Arguments:
        X -- inputs, shape (n_x, m)
        Y -- labels, shape (n_y, m)
        n_h -- the size of the hidden layer
        num_iterations -- the number of gradient-descent steps
        print_cost -- print the cost every 1000 iterations when True
    Returns:
        parameters -- the trained W1, b1, W2, b2, in a dict
    """
    np.random.seed(3)  # provided: keep this line, it makes every run start from the same weights
    # Step 1 (about 2 lines): the input and output sizes from layer_sizes (the hidden
    # size is the argument n_h), then the starting `parameters` from initialize_parameters.
    ### BEGIN SOLUTION
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y)
    ### END SOLUTION
    for i in range(num_iterations):
        # Step 2 (about 4 lines), one step of gradient descent on all the examples:
        #   the forward pass gives A2 and the cache; the cost compares A2 with Y;
        #   backward_propagation turns the cache into the gradients; update_parameters
        #   takes the step (default learning rate): keep the `parameters` it returns.
        ### BEGIN SOLUTION
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads)
        ### END SOLUTION
        if print_cost and i % 1000 == 0:  # provided
            print(f"cost after iteration {i:5d}: {cost:.6f}")
    return parameters


# %% nbgrader="tests" grade_id="nn_model_tests" points=3
rng_t = np.random.default_rng(2)
X_t = rng_t.normal(size=(2, 8))
Y_t = (X_t[0:1] * X_t[1:2] > 0).astype(float)  # label 1 in two opposite quadrants: not linearly separable
start_t = nn_model(X_t, Y_t, 3, num_iterations=0)
trained_t = nn_model(X_t, Y_t, 3, num_iterations=300)
from nndl_checks import require

expect([trained_t[k].shape for k in ("W1", "b1", "W2", "b2")], [(3, 2), (3, 1), (1, 3), (1, 1)],
       "the shapes of the trained parameters for n_h=3",
       hint="Take n_x and n_y from layer_sizes, but keep the argument n_h (layer_sizes always says 4).")
cost_before = compute_cost(forward_propagation(X_t, start_t)[0], Y_t)
cost_after = compute_cost(forward_propagation(X_t, trained_t)[0], Y_t)
print(f"cost before training {cost_before:.4f}, after 300 iterations {cost_after:.4f}")
require(cost_after < 0.5 * cost_before, "300 iterations to at least halve the cost",
        f"it went from {cost_before:.4f} to {cost_after:.4f}",
        hint="Every iteration runs the forward pass, the cost, the backward pass and the update; keep the "
             "parameters update_parameters returns (parameters = ...), initialise them once, before the loop, "
             "and return only after the loop.")
### BEGIN HIDDEN TESTS
# nn_model starts from a random initialisation (any small random one is allowed), so its result is
# not compared with the reference's: the judge asks what only nn_model decides (see
# judges.training_loop). m is odd, so the labels are never exactly half ones: even a network stuck
# at a zero initialisation (scored in its own cell) still moves b2 at every iteration.
grade("nn_model",
      case("X of shape (2, 11), 3 hidden units, 25 iterations", *judges.opposite_quadrants(rng, 2, 11), 3,
           num_iterations=25),
      case("X of shape (3, 9), 5 hidden units, 40 iterations", *judges.opposite_quadrants(rng, 3, 9), 5,
           num_iterations=40),
      case("one example: X of shape (2, 1), 2 hidden units, 6 iterations", *judges.opposite_quadrants(rng, 2, 1),
           2, num_iterations=6),
      against_reference=False, extra=judges.training_reruns, judge=judges.training_loop)
### END HIDDEN TESTS

# %% [markdown]
# ## 11. Predictions
#
# ### Exercise 9: `predict`
# Run forward propagation and turn each probability into a label: 1 where
# $a^{[2](i)} > 0.5$, else 0. Return an array of shape `(1, m)`.

# %% nbgrader="solution" grade_id="predict"
def predict(parameters, X):
    """Labels predicted by the trained network.

    Arguments:
        parameters -- dict with W1, b1, W2, b2
        X -- inputs, shape (n_x, m)
    Returns:
        predictions -- shape (1, m): 1 where the network's output is above 0.5, 0 elsewhere
    """
    # 1. The forward pass gives the output probabilities A2.
    # 2. 1 where a probability is above 0.5, 0 elsewhere.
    ### BEGIN SOLUTION
    A2, _ = forward_propagation(X, parameters)
    predictions = (A2 > 0.5).astype(int)
    ### END SOLUTION
    return predictions


# %% nbgrader="tests" grade_id="predict_tests" points=2
rng_t = np.random.default_rng(3)
X_t = rng_t.normal(size=(2, 6))
params_t = {"W1": rng_t.normal(size=(4, 2)), "b1": rng_t.normal(size=(4, 1)),
            "W2": rng_t.normal(size=(1, 4)), "b2": np.zeros((1, 1))}
expect(np.asarray(predict(params_t, X_t), dtype=int), np.array([[1, 0, 1, 0, 1, 1]]),
       "predict for X of shape (2, 6)",
       hint="Labels, not probabilities: 1 where the output A2 of forward_propagation is greater than 0.5 "
            "(A2, not Z2), 0 elsewhere.")
### BEGIN HIDDEN TESTS
runs = [case("X of shape (2, 10) and 4 hidden units", judges.mixed_outputs_network(rng, 2, 4),
             rng.normal(size=(2, 10))),
        case("one example: X of shape (3, 1) and 2 hidden units", judges.mixed_outputs_network(rng, 3, 2),
             rng.normal(size=(3, 1))),
        case("X of shape (2, 7) and 5 hidden units", judges.mixed_outputs_network(rng, 2, 5),
             rng.normal(size=(2, 7)))]
# predict is judged against the reference's labels, or against the labels the student's own
# forward_propagation gives: a mistake in forward_propagation is scored in its own cell, not here.
own_outputs = judges.OwnResults()
grade("forward_propagation", *judges.forward_cases(runs), against_reference=False, judge=own_outputs.record)
grade("predict", *runs, against_reference=False, judge=judges.labels_of_own_forward(own_outputs))
### END HIDDEN TESTS

# %% [markdown]
# ## 12. Training on the flower
#
# Time to train. With 4 hidden units and 10 000 iterations this takes a few
# seconds. The cost should fall quickly at first, then slowly.

# %% tags=["skip-in-grading"]
parameters = nn_model(X, Y, n_h=4, num_iterations=10000, print_cost=True)
accuracy = float(np.mean(predict(parameters, X) == Y))

plt.figure(figsize=(5, 5))
plot_decision_boundary(lambda P: predict(parameters, P), X, Y,
                       title=f"4 hidden units: {100 * accuracy:.1f} % correct")
plt.show()
print(f"Training accuracy with 4 hidden units: {100 * accuracy:.1f} %")

# %% [markdown]
# Around 90 % of the points are now on the right side, against about 50 % for
# logistic regression. Each tanh unit draws one soft line across the plane,
# and the output unit combines the four half-planes into a boundary with
# corners that follows the petals. The remaining mistakes are mostly near the
# centre, where petals of both colours overlap and no boundary can be right.
#
# The next cell shows this: for each hidden unit, its activation
# $\tanh(W^{[1]}_j x + b^{[1]}_j)$ over the plane (orange where it is near $+1$,
# purple near $-1$) and its line $W^{[1]}_j x + b^{[1]}_j = 0$; the title gives
# the weight $W^{[2]}_j$ with which the output unit counts it. Last, the
# network's boundary, made of pieces of those four lines.

# %% tags=["skip-in-grading"]
W1, b1, W2 = parameters["W1"], parameters["b1"], parameters["W2"]
x1, x2 = np.meshgrid(np.linspace(X[0].min() - 1, X[0].max() + 1, 200), np.linspace(X[1].min() - 1, X[1].max() + 1, 200))
fig, axes = plt.subplots(1, 5, figsize=(24, 4.8))
for j, ax in enumerate(axes[:4]):
    unit = np.tanh(W1[j, 0] * x1 + W1[j, 1] * x2 + b1[j, 0])
    ax.contourf(x1, x2, unit, levels=np.linspace(-1, 1, 21), cmap="PuOr_r", alpha=0.7)
    ax.contour(x1, x2, unit, levels=[0], colors="k", linewidths=2)
    plot_dataset(X, Y, ax=ax, title=f"hidden unit {j + 1}, output weight {W2[0, j]:+.1f}")
plot_decision_boundary(lambda P: predict(parameters, P), X, Y, ax=axes[4], title="the network: the four combined")
plt.tight_layout()
plt.show()

# %% [markdown]
# ### How large a step? The learning rate
#
# `nn_model` always steps with the default learning rate $\alpha = 1.2$ of
# `update_parameters`. What if $\alpha$ were much smaller, or much larger?
# The next cell trains the same 4-unit network, from the same starting
# weights, for 1000 steps with three learning rates, using your functions,
# and draws the three cost curves on the left and the three boundaries on
# the right (it takes a few seconds).

# %% tags=["skip-in-grading"]
from diagrams import draw_learning_rates


def train_with_rate(learning_rate, num_iterations=1000):
    """nn_model's loop with another learning rate; returns the cost at every step and the trained parameters."""
    np.random.seed(3)  # the same starting weights as nn_model
    rate_parameters = initialize_parameters(2, 4, 1)
    costs = []
    for _ in range(num_iterations):
        A2, rate_cache = forward_propagation(X, rate_parameters)
        costs.append(compute_cost(A2, Y))
        rate_grads = backward_propagation(rate_parameters, rate_cache, X, Y)
        rate_parameters = update_parameters(rate_parameters, rate_grads, learning_rate=learning_rate)
    return np.array(costs), rate_parameters


runs = []
with np.errstate(all="ignore"):  # with the large rate, log(0) can happen in the cost: it prints as nan
    for name, learning_rate in [("too small", 0.05), ("right", 1.2), ("too large", 25.0)]:
        costs, rate_parameters = train_with_rate(learning_rate)
        runs.append((name, learning_rate, costs, lambda P, p=rate_parameters: predict(p, P)))
        rate_accuracy = float(np.mean(predict(rate_parameters, X) == Y))
        print(f"learning rate {learning_rate:5g} ({name}): cost {costs[0]:.3f} -> {costs[-1]:.3f}, "
              f"up on {int(np.sum(np.diff(costs) > 0))} of {len(costs) - 1} steps, median cost over the "
              f"last 500 steps {np.nanmedian(costs[-500:]):.3f}, accuracy {100 * rate_accuracy:.1f} %")
draw_learning_rates(runs, X, Y, plot_decision_boundary)
plt.tight_layout()
plt.show()

# %% [markdown]
# What the figure shows:
#
# * **Too small** ($\alpha = 0.05$): every step goes downhill, but the steps
#   are tiny. After 1000 of them the cost has only fallen from 0.693 to 0.540,
#   and the boundary still cuts the flower roughly in two: 56.2 % correct.
#   Given many more steps it would get there; it is just slow.
# * **Right** ($\alpha = 1.2$): the cost drops fast, then levels off at
#   0.239, and the boundary follows the petals: 91.0 % correct, as in the
#   run above.
# * **Too large** ($\alpha = 25$): each step overshoots the valley it aims
#   for. The cost goes *up* on about half of the steps and jumps around
#   instead of settling; over the last 500 steps it is typically around 0.4,
#   well above the 0.239 of $\alpha = 1.2$. Which boundary the run ends with,
#   a good one or a bad one, depends on where its last jump landed: a
#   different computer, rounding its numbers very slightly differently, can
#   end this run elsewhere. A run you cannot reproduce is not one to trust.
#
# The lesson: look at the cost curve. A cost that falls, but slowly, asks
# for a larger $\alpha$; a cost that goes up or jumps around asks for a
# smaller one.

# %% [markdown]
# ## 13. How many hidden units?
#
# The size of the hidden layer is a choice, a *hyperparameter*. The next cell
# trains one network for each of several sizes (5000 iterations each, so it
# takes a little while) and draws their decision boundaries.

# %% tags=["skip-in-grading"]
X_test, Y_test = load_planar_dataset(seed=7)  # a fresh flower: same shape, new random points
hidden_sizes = [1, 2, 3, 4, 5, 20, 50]
fig, axes = plt.subplots(2, 4, figsize=(18, 9))
for ax, n_h in zip(axes.ravel(), hidden_sizes):
    sweep_parameters = nn_model(X, Y, n_h, num_iterations=5000)
    sweep_accuracy = float(np.mean(predict(sweep_parameters, X) == Y))
    test_accuracy = float(np.mean(predict(sweep_parameters, X_test) == Y_test))
    plot_decision_boundary(lambda P: predict(sweep_parameters, P), X, Y, ax=ax,
                           title=f"{n_h} hidden unit{'s' if n_h > 1 else ''}: {100 * sweep_accuracy:.1f} % "
                                 f"(fresh flower {100 * test_accuracy:.1f} %)")
    print(f"{n_h:3d} hidden units: training accuracy {100 * sweep_accuracy:.1f} %, "
          f"fresh flower {100 * test_accuracy:.1f} %")
axes.ravel()[-1].axis("off")
plt.tight_layout()
plt.show()

# %% [markdown]
# What the sweep shows. Besides the training accuracy, each network is scored
# on a **fresh flower**: 400 new points drawn the same way (another random
# seed), which no network saw in training, a stand-in for the new data a
# classifier meets once in use.
#
# * **Too few units underfit.** One or two units can only draw one or two
#   lines, far too simple for eight petals: about 71 % on both flowers.
# * **A handful of units is enough** to follow the petals: with 3 to 5 units
#   the accuracy jumps to between 90.8 and 92.0 % in training and between
#   88.8 and 90.5 % on the fresh flower.
# * **Many units do not overfit here.** With 20 or 50 units the boundary bends
#   around a few single points in the overlapping centre, yet on the fresh
#   flower they score 90.2 %, as well as 5 units (90.5 %), and their training
#   accuracy (92.5 % and 91.5 %) is within 2.5 points of it, as for every
#   size from 3 up. With 400 points and 5000 steps of gradient descent
#   from small weights, the extra units buy little flexibility that
#   matters. Overfitting shows with fewer examples, noisier labels or much
#   longer training, and only held-out data like the fresh flower can reveal
#   it, since accuracy on the training data alone cannot. *Regularisation*,
#   which lets large networks train without overfitting, is a topic of the
#   follow-up course (*Improving Deep Neural Networks*).
#
# ## 14. Other data sets
#
# The same code learns other shapes too. The next cell trains a 4-unit network
# on four more data sets (noisy circles, two moons, six blobs with alternating
# labels, and a Gaussian cloud split by distance from its centre) and compares
# it with logistic regression.

# %% tags=["skip-in-grading"]
extra = load_extra_datasets()
fig, axes = plt.subplots(1, 4, figsize=(20, 5))
for ax, (name, (X_extra, Y_extra)) in zip(axes, extra.items()):
    extra_parameters = nn_model(X_extra, Y_extra, 4, num_iterations=5000)
    extra_accuracy = float(np.mean(predict(extra_parameters, X_extra) == Y_extra))
    linear_accuracy = LogisticRegression().fit(X_extra.T, Y_extra.ravel()).score(X_extra.T, Y_extra.ravel())
    plot_decision_boundary(lambda P: predict(extra_parameters, P), X_extra, Y_extra, ax=ax,
                           title=f"{name}: {100 * extra_accuracy:.0f} % (linear: {100 * linear_accuracy:.0f} %)")
    print(f"{name:20s} network {100 * extra_accuracy:5.1f} %   logistic regression {100 * linear_accuracy:5.1f} %")
plt.tight_layout()
plt.show()

# %% [markdown]
# What the run above gives (training accuracy, 4 hidden units, 5000
# iterations): on the moons, where a line already does well (87 %), the
# network gets almost every point right (98.5 %); on the Gaussian quantiles,
# where one class surrounds the other, it goes from chance (51.5 %) to
# 98.5 %; on the noisy circles, also nested, from 54 % to 78 %; on the blobs
# from 75.5 % to 83.5 %. Try other values of `n_h`
# here, or other activations in the hidden layer (ReLU needs its own
# derivative in `backward_propagation`), and see what changes.
#
# ## What you practised
#
# * A 2-layer network: notation $[l]$ for layers and $(i)$ for examples,
#   weights of shape $(n^{[l]}, n^{[l-1]})$, examples as columns.
# * Forward propagation for all examples at once with matrix products and
#   broadcasting.
# * Why hidden activations must be non-linear, and the derivatives of sigmoid,
#   tanh, ReLU and leaky ReLU.
# * Backpropagation as the chain rule run backwards, for one example and
#   for all $m$ at once, checked against finite differences.
# * The learning rate: too small and the cost crawls down, too large and it
#   jumps around; the cost curve tells which.
# * Random initialisation to break symmetry; small weights to keep tanh out
#   of its flat regions.
# * The size of the hidden layer trades underfitting against overfitting.
#
# Next week the same ideas scale to networks with many layers.

# %% [markdown]
# ## Self-check
#
# Five short questions on this week's ideas, graded like an exercise (2
# points, shared equally among the questions). Answer in the dict `answers`
# of the cell below: a letter for a multiple-choice question (`"b"` or
# `"B"`), a tuple such as `(5, 2)` for a shape. The check under it looks only
# at the *form* of your answers; the feedback after grading tells you, for
# each wrong answer, why it is wrong.
#
# **q1.** What happens if all the weights of the hidden layer start at zero?
#
# * (a) the cost is infinite at the first step;
# * (b) every hidden unit computes the same value and gets the same gradient,
#   so the units stay identical however long you train;
# * (c) nothing bad: gradient descent moves the weights away from zero at once,
#   each in its own direction;
# * (d) training becomes faster, because tanh has its largest slope at 0.
#
# **q2.** Why is tanh usually preferred to the sigmoid for the hidden units,
# while the sigmoid stays at the output of a 0/1 classifier?
#
# * (a) tanh's outputs are centred on 0, which tends to make the next layer
#   learn faster; the sigmoid's outputs lie in (0, 1), which reads as a probability;
# * (b) tanh is never flat, so its gradients never become small;
# * (c) tanh has no derivative at 0;
# * (d) tanh's outputs lie in (0, 1), which is what a hidden unit needs.
#
# **q3.** The flower network has 2 inputs, $n_h = 4$ hidden units and one
# output. What is the shape of $W^{[1]}$?
#
# **q4.** With the 400 flower points, what is the shape of $dZ^{[1]}$ in
# backpropagation?
#
# **q5.** Why are the random initial weights multiplied by 0.01 rather than,
# say, by 100?
#
# * (a) large weights make $|z|$ large, where tanh and the sigmoid are flat:
#   the gradients are tiny and learning crawls;
# * (b) large weights make the cost negative;
# * (c) with large weights the symmetry between the hidden units comes back;
# * (d) numbers as large as 100 overflow a 64-bit float.

# %% nbgrader="solution" grade_id="self_check"
# Replace the line `raise NotImplementedError()` with your answers, in this form:
# answers = {"q1": ..., "q2": ..., "q3": ..., "q4": ..., "q5": ...}
### BEGIN SOLUTION
answers = {"q1": "b", "q2": "a", "q3": (4, 2), "q4": (4, 400), "q5": "a"}
### END SOLUTION

# %% nbgrader="tests" grade_id="self_check_tests" points=2
from self_check import SHAPE, check_answers, one_of

check_answers(answers, {"q1": one_of("abcd"), "q2": one_of("abcd"), "q3": SHAPE, "q4": SHAPE,
                        "q5": one_of("abcd")})
### BEGIN HIDDEN TESTS
grade_value("answers", against_reference=False, judge=judges.quiz({
    "q1": judges.choice("b", "With equal weights every hidden unit computes the same function and gets the same "
                        "gradient, so they move together: the layer acts as one unit. Random weights break this symmetry.",
                        a="The cost is finite: with zero weights the output is 0.5 and the loss log 2 per example.",
                        c="They do move, but all in the same direction: identical units stay identical.",
                        d="The slope at 0 is large, but identical units remain identical, so the layer "
                          "learns no more than one unit would."),
    "q2": judges.choice("a", "tanh is a stretched sigmoid, centred on 0 with outputs in (-1, 1), which usually "
                        "helps the next layer; a 0/1 classifier's output is a probability, the sigmoid's (0, 1).",
                        b="tanh is flat for large |z| too, just like the sigmoid.",
                        c="tanh is smooth everywhere: its derivative is 1 - tanh(z)^2.",
                        d="(0, 1) is the range of the sigmoid; tanh's is (-1, 1)."),
    "q3": judges.shape((4, 2), "W^[1] has one row per hidden unit and one column per input: (n_h, n_x).",
                       wrong={(2, 4): "(2, 4) has one row per input: that is the transpose of W^[1]."}),
    "q4": judges.shape((4, 400), "dZ^[1] has the shape of Z^[1]: one row per hidden unit, one column per "
                       "example, (n_h, m).",
                       wrong={(4, 1): "(4, 1) is the shape of db^[1], dZ^[1] averaged over the examples.",
                              (4, 2): "(4, 2) is the shape of dW^[1]; dZ^[1] keeps one column per example.",
                              (1, 400): "(1, 400) is the shape of dZ^[2], the output layer's."}),
    "q5": judges.choice("a", "tanh and the sigmoid are flat for large |z|, their slopes near 0: large "
                        "initial weights start the units there and gradient descent barely moves them.",
                        b="The cross-entropy cost is never negative, whatever the weights.",
                        c="Any random weights break the symmetry; their size does not matter for that.",
                        d="A 64-bit float holds numbers up to about 1e308; overflow is not the problem."),
}))
### END HIDDEN TESTS

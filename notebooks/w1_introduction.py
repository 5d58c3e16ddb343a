# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   nndl:
#     ship: [scale_demo.py, diagrams.py, self_check.py]
# ---

# %% [markdown]
# # Week 1 · What a neural network computes, and why it works now
#
# This first notebook answers three questions before any training starts:
#
# 1. what does one artificial neuron compute, and what does a network of them
#    compute?
# 2. what kinds of problems are neural networks used for?
# 3. why did they become so successful only in the last fifteen years or so,
#    although the ideas are much older?
#
# The third question gets an experiment instead of an essay: you will train
# models of four sizes on growing amounts of (synthetic) data and watch which
# ones profit from more data.
#
# **How the exercises work.** Each exercise is a function whose body reads
# `raise NotImplementedError()`. Replace that line with your code, run the
# cell, then run the test cell right below it. The test cell runs *public
# checks*: it looks at the type of what your function returns, then its shape,
# then its values, and says what it expected when something is off. When you
# submit, the grader runs further *hidden* checks on inputs you have not seen,
# so write code that works for any input of the described shape, not just for
# the example. Keep the names and signatures of the functions as they are: the
# grader calls them by name.
#
# You need only a little NumPy here: `np.maximum`, `np.dot` (the matrix
# product, also written `@`) and array shapes. Next week's notebook practises
# NumPy properly.

# %% nbgrader="locked" grade_id="setup"
import matplotlib.pyplot as plt
import numpy as np

from nndl_checks import expect
from scale_demo import MODELS, SIZES, LABEL_NOISE, learning_curves, plot_data, plot_learning_curves, training_set

# %% [markdown]
# ## 1. One neuron: a house price from its size
#
# Suppose you know the size of a few houses and the price each one sold for,
# and want to predict the price of another house from its size. Plot the
# sales and a straight line through them looks about right, except at the
# small end: a straight line keeps going down and eventually predicts a
# negative price, which no house has. A better guess is "a straight line, but
# never below zero".
#
# That bent line is the function one artificial *neuron* (or *unit*) of a
# modern network computes. It takes its input $x$, multiplies it by a
# *weight* $w$, adds a *bias* $b$, and passes the result through the
# **rectified linear unit**, ReLU for short:
#
# $$\mathrm{ReLU}(z) = \max(0, z), \qquad \hat y = \mathrm{ReLU}(w x + b).$$
#
# Training, from next week on, is the search for the $w$ and $b$ that make
# $\hat y$ close to the known prices. Here we pick them by hand.

# %% tags=["skip-in-grading"]
rng_houses = np.random.default_rng(7)
size = rng_houses.uniform(0.6, 3.5, size=40)                        # thousands of square feet
price = np.maximum(0, 150 * size - 90) + rng_houses.normal(0, 25, size=40)  # thousands of dollars
grid = np.linspace(0, 3.6, 200)

fig, axes = plt.subplots(1, 2, figsize=(11, 4))
axes[0].plot(grid - 1.8, np.maximum(0, grid - 1.8))
axes[0].set(title="ReLU(z) = max(0, z)", xlabel="z", ylabel="ReLU(z)")
axes[1].scatter(size, price, s=15, label="houses sold")
axes[1].plot(grid, 150 * grid - 90, ":", color="grey", label="the straight line 150 x - 90")
axes[1].plot(grid, np.maximum(0, 150 * grid - 90), color="C1", label="one ReLU unit: max(0, 150 x - 90)")
axes[1].set(xlabel="size (1000 square feet)", ylabel="price ($1000)", title="A neuron predicting prices")
axes[1].legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# ### Exercise 1: `relu`
# Return $\max(0, z)$ for every entry of `z`, a NumPy array of any shape, as an
# array of the same shape. Use `np.maximum(0, z)`, which compares entry by
# entry. (Its near namesake `np.max` does something else: it returns the
# largest entry.) Do not change `z` itself: the caller may still need it.

# %% nbgrader="solution" grade_id="relu"
def relu(z):
    """The ReLU of every entry of z.

    Arguments:
        z -- a number or a NumPy array of any shape
    Returns:
        a -- max(0, z) entry by entry, a new array of the shape of z (z itself is not changed)
    """
    ### BEGIN SOLUTION
    a = np.maximum(0, z)
    ### END SOLUTION
    return a


# %% nbgrader="tests" grade_id="relu_tests" points=1
expect(relu(np.array([-2.0, 0.0, 3.5])), np.array([0.0, 0.0, 3.5]), "relu(np.array([-2.0, 0.0, 3.5]))",
       hint="Look at Exercise 1: negative entries become 0, the others stay as they are.")
expect(relu(np.array([[1.5, -0.5], [-3.0, 2.0]])), np.array([[1.5, 0.0], [0.0, 2.0]]),
       "relu of a (2, 2) matrix", hint=("Look at Exercise 1: compare each entry with 0 on its own (NumPy's "
                                        "entry-wise maximum, not Python's max, which wants single numbers); "
                                        "the result keeps the shape of z."))
### BEGIN HIDDEN TESTS
grade("relu",
      case("a (3, 4) matrix", rng.normal(size=(3, 4))),
      case("a single example, shape (1, 1)", np.array([[-rng.uniform(0.5, 2.0)]])),
      case("a vector of shape (7,)", rng.normal(scale=3.0, size=7)),
      case("a (2, 5) matrix of negative numbers", -rng.uniform(0.1, 3.0, size=(2, 5))),
      inputs_unchanged=True,
      hint=("Compare each entry with 0 on its own with NumPy's entry-wise maximum: the result keeps the "
            "shape of z, and z itself stays as it was (no assignment into z)."))
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 2: `neuron`
# One ReLU unit can look at several numbers at once: with $n_x$ input
# features $x_1, \dots, x_{n_x}$ it has one weight per feature and computes
#
# $$\hat y = \mathrm{ReLU}\bigl(w_1 x_1 + \dots + w_{n_x} x_{n_x} + b\bigr) = \mathrm{ReLU}(w^T x + b).$$
#
# The whole course stores data with **one column per example**: lowercase $x$
# is one example, a column of $n_x$ numbers, and capital `X` puts $m$ examples
# side by side, shape $(n_x, m)$. The weights are a column `w` of shape
# $(n_x, 1)$. Then the matrix product $w^T X$ has shape $(1, m)$: the weighted
# sum of every example at once. The bias `b` is a single number, added to
# every entry.
#
# Write `neuron(X, w, b)`, returning the unit's output for every example, an
# array of shape $(1, m)$. (You may call your `relu`.)

# %% nbgrader="solution" grade_id="neuron"
def neuron(X, w, b):
    """One ReLU unit applied to m examples at once.

    Arguments:
        X -- inputs, shape (n_x, m): one column per example
        w -- weights, shape (n_x, 1): one per input feature
        b -- bias, a number
    Returns:
        a -- the unit's output for every example, shape (1, m)
    """
    ### BEGIN SOLUTION
    z = np.dot(w.T, X) + b
    a = np.maximum(0, z)
    ### END SOLUTION
    return a


# %% nbgrader="tests" grade_id="neuron_tests" points=2
houses = np.array([[0.5, 1.0, 2.0]])  # three houses, one feature: the size in 1000 square feet
expect(neuron(houses, np.array([[150.0]]), -90.0), np.array([[0.0, 60.0, 210.0]]),
       "neuron(houses, w=[[150.]], b=-90.)",
       hint="Look at Exercise 2: 150 * 0.5 - 90 is negative, so the ReLU makes the first price 0.")
expect(neuron(np.array([[1.0, 0.0], [2.0, -1.0]]), np.array([[0.5], [1.0]]), 0.5),
       np.array([[3.0, 0.0]]), "neuron on two features and two examples",
       hint=("Look at Exercise 2: the weighted sums are the matrix product of the transposed weights with X,"
             " shape (1, m); add b, then apply the ReLU."))
### BEGIN HIDDEN TESTS
grade("neuron",
      case("3 features, 5 examples", rng.normal(size=(3, 5)), rng.normal(size=(3, 1)), float(rng.normal())),
      case("a single example with 4 features", rng.normal(size=(4, 1)), rng.normal(size=(4, 1)), 0.7),
      case("one feature, 6 examples", rng.uniform(0.5, 3.5, size=(1, 6)), np.array([[2.0]]), -4.0),
      case("2 features, 8 examples", rng.normal(size=(2, 8)), rng.normal(size=(2, 1)), float(-rng.uniform(0.2, 1.0))),
      hint=("One weighted sum per example, w^T X, of shape (1, m); the bias is added before the ReLU, not "
            "after it."))
### END HIDDEN TESTS

# %% [markdown]
# ## 2. A network: units feeding units
#
# A house's price depends on more than its size. Say we also know the number
# of bedrooms, the zip code (turned into a number, say a score for the
# neighbourhood) and the wealth of that neighbourhood. A buyer does not pay
# for these numbers directly; they pay for what the numbers stand for:
#
# * whether the house fits a **family of the size** they have: size and bedrooms;
# * how **walkable** the area is: the zip code;
# * how good the **schools** are: the zip code and the wealth.
#
# Each of these is itself one unit (a weighted sum of some inputs, then a
# ReLU), and the price is one more unit reading the three of them. Units
# arranged like this form a **neural network**: the inputs on the left, a
# *hidden layer* of three units in the middle ("hidden" because the data tell
# us the inputs and the prices, never the values of these units), and the
# output unit on the right.

# %% tags=["skip-in-grading"]
from diagrams import draw_network  # the course's drawing helpers, in diagrams.py next to this notebook

fig, ax = plt.subplots(figsize=(9, 4.5))
draw_network([4, 3, 1], ax, names=[["size", "bedrooms", "zip code", "wealth"],
                                   ["family size", "walkability", "school quality"], ["price"]],
             layer_titles=["input layer", "hidden layer (ReLU)", "output unit"])
plt.show()

# %% [markdown]
# The picture draws every input connected to every hidden unit, and that is
# how networks are built in practice: we do not tell the network that
# walkability depends on the zip code only. Each hidden unit gets a weight
# for every input, and training finds out which weights matter (a weight near
# 0 is a connection that is as good as absent). In a trained network the
# hidden units rarely mean anything as tidy as "school quality"; the labels
# above are a way of thinking, not something the network is told.
#
# **A layer in one line.** Put the weights of the three hidden units as the
# three *rows* of a matrix $W^{[1]}$ of shape $(3, 4)$ and their biases in a
# column $b^{[1]}$ of shape $(3, 1)$. Then, for inputs `X` of shape $(4, m)$,
#
# $$A^{[1]} = \mathrm{ReLU}\bigl(W^{[1]} X + b^{[1]}\bigr)$$
#
# has shape $(3, m)$: row $j$ holds what hidden unit $j$ computes, for every
# example. Broadcasting adds bias $b^{[1]}_j$ to the whole of row $j$. The
# superscript $[1]$ numbers the layer; the input layer is layer $0$.
#
# ### Exercise 3: `layer_forward`
# Return $\mathrm{ReLU}(W A_{prev} + b)$ for the outputs `A_prev` of the
# previous layer, shape $(n_{prev}, m)$, the weights `W`, shape
# $(n, n_{prev})$, and the biases `b`, shape $(n, 1)$: an array of shape
# $(n, m)$.

# %% nbgrader="solution" grade_id="layer_forward"
def layer_forward(A_prev, W, b):
    """A layer of n ReLU units applied to m examples at once.

    Arguments:
        A_prev -- outputs of the previous layer, shape (n_prev, m)
        W -- weights, shape (n, n_prev): one row per unit
        b -- biases, shape (n, 1): one per unit
    Returns:
        A -- the layer's outputs, shape (n, m)
    """
    ### BEGIN SOLUTION
    Z = np.dot(W, A_prev) + b
    A = np.maximum(0, Z)
    ### END SOLUTION
    return A


# %% nbgrader="tests" grade_id="layer_forward_tests" points=2
expect(layer_forward(np.array([[1.0, 2.0], [3.0, -1.0]]), np.array([[1.0, 0.0], [1.0, -1.0], [0.5, 0.5]]),
                     np.array([[0.0], [1.0], [-2.0]])),
       np.array([[1.0, 2.0], [0.0, 4.0], [0.0, 0.0]]), "layer_forward with 2 inputs, 3 units and 2 examples",
       hint="Look at Exercise 3: W A_prev + b has one row per unit and one column per example; then apply the ReLU.")
### BEGIN HIDDEN TESTS
grade("layer_forward",
      case("4 inputs, 3 units, 5 examples",
           rng.normal(size=(4, 5)), rng.normal(size=(3, 4)), rng.normal(size=(3, 1))),
      case("2 inputs, 6 units, a single example",
           rng.normal(size=(2, 1)), rng.normal(size=(6, 2)), rng.normal(size=(6, 1))),
      case("5 inputs, 1 unit, 7 examples",
           rng.normal(size=(5, 7)), rng.normal(size=(1, 5)), rng.normal(size=(1, 1))),
      hint=("First the weighted sums of all the units, W A_prev plus b (one bias per row, broadcast across "
            "the columns), then the ReLU of every entry."))
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 4: `tiny_network`
# Now the whole house-price network: a hidden layer of ReLU units, then one
# ReLU output unit reading the hidden layer. Its parameters come in a
# dictionary: `parameters["W1"]` $(n_h, n_x)$, `parameters["b1"]` $(n_h, 1)$,
# `parameters["W2"]` $(1, n_h)$ and `parameters["b2"]` $(1, 1)$. Return the
# predicted prices for the columns of `X` (shape $(n_x, m)$), an array of
# shape $(1, m)$:
#
# $$A^{[1]} = \mathrm{ReLU}\bigl(W^{[1]} X + b^{[1]}\bigr), \qquad
# \hat y = \mathrm{ReLU}\bigl(W^{[2]} A^{[1]} + b^{[2]}\bigr).$$
#
# Mind which array feeds which layer: the output unit reads $A^{[1]}$, the
# hidden units *after* their ReLU. (You may call your `layer_forward` twice.)
#
# The parameters below are made up by hand to tell the story of section 2:
# unit 1 ("family size") reads size and bedrooms, unit 2 ("walkability") the
# zip-code score, unit 3 ("school quality") the zip-code score and the wealth.
# The inputs are scaled to small numbers (size in 1000 square feet, scores
# between 0 and 5) and the price comes out in thousands of dollars.

# %% nbgrader="solution" grade_id="tiny_network"
def tiny_network(X, parameters):
    """The house-price network: a hidden layer of ReLU units, then one ReLU output unit.

    Arguments:
        X -- inputs, shape (n_x, m): one column per house
        parameters -- dict with "W1" (n_h, n_x), "b1" (n_h, 1), "W2" (1, n_h), "b2" (1, 1)
    Returns:
        price -- the predicted prices, shape (1, m)
    """
    # 1. The hidden layer: its ReLU outputs A1, shape (n_h, m).
    # 2. The output unit reads A1 (after the ReLU) and gives the prices, shape (1, m).
    ### BEGIN SOLUTION
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = np.maximum(0, Z1)
    Z2 = np.dot(W2, A1) + b2
    price = np.maximum(0, Z2)
    ### END SOLUTION
    return price


# %% nbgrader="locked" grade_id="house_parameters"
house_parameters = {
    "W1": np.array([[0.5, 1.0, 0.0, 0.0],    # family size:    size, bedrooms
                    [0.0, 0.0, 1.0, 0.0],    # walkability:    zip-code score
                    [0.0, 0.0, 0.6, 0.8]]),  # school quality: zip-code score, wealth
    "b1": np.array([[-1.0], [0.0], [-1.0]]),
    "W2": np.array([[40.0, 30.0, 50.0]]),
    "b2": np.array([[-20.0]]),
}
# two houses, one per column: size (1000 sq ft), bedrooms, zip-code score, wealth score
two_houses = np.array([[2.0, 0.8],
                       [3.0, 1.0],
                       [4.0, 0.5],
                       [3.0, 0.5]])

# %% nbgrader="tests" grade_id="tiny_network_tests" points=3
expect(tiny_network(two_houses, house_parameters), np.array([[410.0, 11.0]]),
       "tiny_network(two_houses, house_parameters)",
       hint=("Look at Exercise 4: the output unit reads the hidden layer's outputs after their ReLU (not the"
             " scores before it), adds b2 and applies its own ReLU."))
expect(tiny_network(two_houses[:, :1], {**house_parameters, "b2": np.array([[-500.0]])}), np.array([[0.0]]),
       "the first house with b2 = -500 (the price cannot go below 0)",
       hint="Look at Exercise 4: the output unit is a ReLU unit too.")
### BEGIN HIDDEN TESTS
def random_parameters(n_x, n_h, b2):
    return {"W1": rng.normal(size=(n_h, n_x)), "b1": rng.normal(size=(n_h, 1)),
            "W2": rng.normal(size=(1, n_h)), "b2": np.array([[b2]])}


grade("tiny_network",
      case("4 features, 3 hidden units, 6 houses", rng.normal(size=(4, 6)), random_parameters(4, 3, 0.3)),
      case("5 features, 4 hidden units, 8 houses, a negative output bias",
           rng.normal(size=(5, 8)), random_parameters(5, 4, -1.0)),
      case("2 features, 2 hidden units, a single house", rng.normal(size=(2, 1)), random_parameters(2, 2, 0.5)),
      inputs_unchanged=True,
      hint=("Two layers in turn: the hidden layer's ReLU outputs, shape (n_h, m), are the input of the "
            "output unit, which applies a ReLU too; the result has shape (1, m)."))
### END HIDDEN TESTS

# %% [markdown]
# Run the cell below to see what the hidden units make of the two houses.
# Change a number of `two_houses` (more bedrooms, a richer neighbourhood) and
# run it again to see which units react.

# %% tags=["skip-in-grading"]
hidden = layer_forward(two_houses, house_parameters["W1"], house_parameters["b1"])
for j, name in enumerate(["family size", "walkability", "school quality"]):
    print(f"{name:15s}", hidden[j])
print("predicted price ($1000):", tiny_network(two_houses, house_parameters)[0])

# %% [markdown]
# ### How many numbers does a network learn?
#
# Every unit of layer $l$ has one weight per unit of layer $l-1$ and one bias.
# With $n^{[l]}$ units in layer $l$, the layer has a weight matrix of shape
# $(n^{[l]}, n^{[l-1]})$ and a bias vector of shape $(n^{[l]}, 1)$, so
# $n^{[l]} n^{[l-1]} + n^{[l]}$ parameters. The input layer (layer 0) has
# none: it only holds the data. The house-price network, layer sizes
# `[4, 3, 1]`, has $3 \cdot 4 + 3 = 15$ parameters in its hidden layer and
# $1 \cdot 3 + 1 = 4$ in its output unit: 19 in all.
#
# ### Exercise 5: `count_parameters`
# Return the total number of weights and biases (an `int`) of a network given
# by its list of layer sizes `layer_dims = [n_x, n_1, ..., n_L]`, the input
# layer first.

# %% nbgrader="solution" grade_id="count_parameters"
def count_parameters(layer_dims):
    """The number of weights and biases of a fully connected network.

    Arguments:
        layer_dims -- list of layer sizes [n_x, n_1, ..., n_L], input layer first
    Returns:
        total -- the number of weights plus the number of biases, an int
    """
    ### BEGIN SOLUTION
    total = 0
    for l in range(1, len(layer_dims)):
        total += layer_dims[l] * layer_dims[l - 1] + layer_dims[l]
    ### END SOLUTION
    return total


# %% nbgrader="tests" grade_id="count_parameters_tests" points=2
expect(count_parameters([4, 3, 1]), 19, "count_parameters([4, 3, 1])",
       hint="Look at Exercise 5: 3 * 4 + 3 for the hidden layer, 1 * 3 + 1 for the output unit.")
expect(count_parameters([2, 1]), 3, "count_parameters([2, 1]) (one unit with two inputs)",
       hint="Look at Exercise 5: two weights and one bias.")
### BEGIN HIDDEN TESTS
grade("count_parameters",
      case("a network [5, 4, 1]", [5, 4, 1]),
      case("logistic regression on 12288 pixels, [12288, 1]", [12288, 1]),
      case("a deep network [10, 8, 6, 4, 1]", [10, 8, 6, 4, 1]),
      case("a wide network [2, 64, 64, 1]", [2, 64, 64, 1]),
      hint="Add n[l] * n[l-1] weights and n[l] biases for every layer l = 1, ..., L (the input layer has none).")
### END HIDDEN TESTS

# %% [markdown]
# ## 3. What networks are used for: supervised learning
#
# Almost all the value neural networks create today comes from **supervised
# learning**: learning a function from inputs $x$ to outputs $y$ out of many
# examples of pairs $(x, y)$ whose right answer is known. A few examples, and
# the kind of network usually chosen for each:
#
# | input $x$ | output $y$ | use | usual network |
# |---|---|---|---|
# | a house's size, rooms, location | its price | real estate | a standard (fully connected) network like ours |
# | an advert and what we know of a user | will the user click it? (0/1) | online advertising | a standard network |
# | a photo | which of 1000 objects it shows | photo tagging | a convolutional network (weeks of the follow-up course) |
# | a recording | the words spoken | speech recognition | a recurrent network or a transformer |
# | a sentence in English | the same sentence in French | translation | a transformer |
# | camera images and radar returns | where the other cars are | driver assistance | convolutional layers plus custom parts |
#
# Two kinds of input data appear in that table.
#
# * **Structured data** is data in tables: every column is a well-defined
#   quantity (size in square feet, number of bedrooms, the price of an item,
#   the age of a user). Each number means something on its own. A large
#   share of machine learning's commercial use is on structured data: ads,
#   recommendations, credit and fraud scores.
# * **Unstructured data** is raw audio, images and text: a number is the
#   brightness of one pixel, the air pressure at one instant, one letter.
#   None of them means much alone; the meaning is in patterns across
#   thousands of them. Computers used to be far worse than people at such
#   data, and neural networks are what changed that.
#
# Both fit the layout of this course, one example per column. A table of 4
# features for $m$ houses is an array of shape $(4, m)$. A colour image of
# $64 \times 64$ pixels becomes one column of $64 \cdot 64 \cdot 3 = 12288$
# numbers, so $m$ images make an array of shape $(12288, m)$; in weeks 2 and
# 4 you will train networks on exactly such images of cats.

# %% tags=["skip-in-grading"]
table = two_houses                                  # structured: 4 named features per house
image = np.random.default_rng(0).uniform(size=(64, 64, 3))  # unstructured: a (random) 64 x 64 colour image
print("two houses as columns:", table.shape)
print("one image as a column:", image.reshape(-1, 1).shape)
print("parameters of one ReLU unit reading that image:", count_parameters([12288, 1]))

# %% [markdown]
# ## 4. Why now? An experiment with data
#
# The basic ideas of neural networks are decades old. Why did they start to
# win, around 2010, in speech recognition, then in vision, then in
# translation? The short answer is **scale**: of the data, of the networks
# and of the computers that train them. The experiment below shows the first
# two.
#
# **The task.** Points of the square $[-1, 1]^2$ are coloured like a
# checkerboard of four by four cells whose rows bend: label 1 on
# the red cells, 0 on the blue ones. Then 3 % of the labels are flipped at
# random, as real data always hold some mistakes. No straight line separates
# the classes, and no model can be right on the flipped points, so the
# best possible accuracy is about 97 %. To get it right a model needs enough
# points in every cell, and enough units to draw every border.
# The module `scale_demo.py` (next to this notebook) makes the data from a
# seed, so everybody sees the same points.

# %% tags=["skip-in-grading"]
X_600, Y_600 = training_set(600)
plt.figure(figsize=(5, 5))
plot_data(X_600, Y_600, title="600 training examples (dashed: the borders of the cells)")
plt.show()

# %% [markdown]
# **The models.** Four models of growing size, each trained the same way
# (3000 steps of gradient descent on mini-batches, with the Adam update you
# will meet in the follow-up course):
#
# * logistic regression, the classic linear classifier, which is also a
#   network of one sigmoid unit (next week you build it): layer sizes `[2, 1]`;
# * a small network: `[2, 3, 1]`, one hidden layer of 3 ReLU units;
# * a medium network: `[2, 12, 1]`;
# * a large network: `[2, 64, 64, 1]`, two hidden layers of 64 units.
#
# Your `count_parameters` tells how large each one is.

# %% tags=["skip-in-grading"]
for name, layer_dims in MODELS.items():
    print(f"{name:20s} {str(layer_dims):16s} {count_parameters(layer_dims):5d} parameters")

# %% [markdown]
# **The experiment.** Each model is trained on training sets of 20, 60, 200,
# 600, 2,000 and 6,000 examples and then measured on 5,000 points it never
# saw. The cell takes a few seconds.

# %% tags=["skip-in-grading"]
curves = learning_curves()
print("test accuracy (%) for training sets of", SIZES, "examples")
for name, accuracies in curves.items():
    print(f"{name:20s}", "  ".join(f"{100 * a:5.1f}" for a in accuracies))
plt.figure(figsize=(8, 5))
plot_learning_curves(curves)
plt.show()

# %% [markdown]
# What the curves show (on this data, with these seeds):
#
# * **A straight line is no use here.** Logistic regression stays within 2
#   points of 50 %, a coin toss, whatever the amount of data: no straight
#   line separates the cells of a checkerboard, and more points do not change
#   the shape of a line.
# * **A small model stops profiting from data early.** The small network
#   never gets 10 points above a coin toss: 3 units can draw only a few
#   borders. The medium network gains up to 2,000 examples, then less than 1
#   point more.
# * **A large model keeps profiting.** The large network gains at every step
#   of the experiment, from 20 to 6,000 examples: still more than 4 points
#   between 600 and 6,000, and it ends within 5 points of the best possible
#   accuracy.
# * **The more data, the more size matters.** With 20 examples the four
#   models lie within 16 points of each other; with 6,000 the order is the
#   order of size, and the large network is more than 40 points ahead of
#   logistic regression.
#
# That is the picture behind the recent success of deep learning. For most of
# the history of computing, data sets were small, and on small data a large
# network has no edge. Then digital life (phones, cameras, sensors, the web)
# produced labelled data in amounts no one had before, and only large models
# can turn that much data into accuracy. Training large models on large data
# in turn needs fast hardware: graphics processors, and later chips built for
# the purpose, brought that.
#
# Algorithms helped too, often by making training faster rather than models
# cleverer. A well-known example is the ReLU itself: where the sigmoid is
# flat (large $|z|$) its slope is almost 0, so gradient descent makes tiny
# steps; the ReLU's slope is 1 for every positive $z$, and networks of ReLU
# units train much faster. Faster training matters beyond saving time:
# progress in this field comes from a cycle of *idea, code, experiment*, and
# an experiment that takes ten minutes instead of a month lets you go round
# that cycle many more times.
#
# (A caveat on the experiment: the data are synthetic and two-dimensional,
# chosen so that the effect shows in seconds. The large network's curve must
# level off too at some point, since no model passes the best possible
# accuracy; on real problems such as speech or vision that point lies
# millions of examples further to the right, but the shape of the curves is
# the same kind.)
#
# ## 5. A note on the brain
#
# The words "neuron" and "neural network" come from biology, and the
# analogy is worth exactly this much: a biological neuron receives signals
# from many others, and whether it fires depends on the combined input; an
# artificial unit adds up weighted inputs and passes the sum through a
# threshold-like function. The early models of the 1940s and 1950s were
# explicitly inspired by neurons.
#
# Beyond that the analogy is loose, and it is safer not to lean on it:
#
# * a unit computes one number from a weighted sum, in one step. A real
#   neuron sends spikes over time, its branches (dendrites) do non-linear
#   processing of their own, and its behaviour depends on chemistry no
#   network models. Imitating the input-output behaviour of a single
#   cortical neuron in detail has been found to take an artificial network
#   of several layers (Beniaguev, Segev and London, *Neuron*, 2021);
# * networks learn by backpropagation and gradient descent, which the next
#   weeks derive. How the brain learns is still largely unknown, and
#   whether it does anything like backpropagation is an open question.
#
# So think of a neural network as what this notebook showed: a function built
# from many small, simple pieces (weighted sums and ReLUs), whose numbers are
# learned from examples. That is all it is, and, given data, it is enough
# for a great deal.
#
# ## What you practised
#
# * One unit: $\mathrm{ReLU}(w^T x + b)$; a layer of units: $\mathrm{ReLU}(W A + b)$,
#   one row of $W$ per unit, one column of $A$ per example.
# * A network: layers feeding layers; hidden units learn their own
#   intermediate quantities.
# * A layer of $n^{[l]}$ units reading $n^{[l-1]}$ values has
#   $n^{[l]} n^{[l-1]} + n^{[l]}$ parameters.
# * Supervised learning maps $x$ to $y$ from labelled examples, on structured
#   (tabular) or unstructured (image, audio, text) data.
# * More data helps large models most; small models stop improving early.
#
# Next week starts with NumPy, then builds logistic regression, the network
# of one sigmoid unit, and trains it on cat pictures.

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
# **q1.** A layer of 5 ReLU units reads the 3 outputs of the layer before it.
# What is the shape of its weight matrix $W$?
#
# **q2.** How many parameters (weights and biases) does a network with layer
# sizes `[3, 5, 2]` have?
#
# **q3.** Which of these inputs is *unstructured* data?
#
# * (a) a table of flats: floor area, number of rooms, rent;
# * (b) the recording of a spoken sentence;
# * (c) each user's age and number of clicks last week;
# * (d) a spreadsheet of daily sales per shop.
#
# **q4.** Why do networks of ReLU units usually train faster with gradient
# descent than networks of sigmoid units?
#
# * (a) the ReLU is closer to what a biological neuron does;
# * (b) the ReLU makes the whole network a linear function, which is easy to fit;
# * (c) the ReLU's slope is 1 for every positive input, where the sigmoid's
#   slope is nearly 0 for inputs far from 0, so gradient steps stay large;
# * (d) a ReLU network has fewer parameters than a sigmoid network of the
#   same layer sizes.
#
# **q5.** Which model gains the most from more labelled training data,
# before it levels off?
#
# * (a) logistic regression;
# * (b) a network with one hidden layer of 3 units;
# * (c) a large network with many hidden units;
# * (d) they all gain about the same.

# %% nbgrader="solution" grade_id="self_check"
# Replace the line `raise NotImplementedError()` with your answers, in this form:
# answers = {"q1": ..., "q2": ..., "q3": ..., "q4": ..., "q5": ...}
### BEGIN SOLUTION
answers = {"q1": (5, 3), "q2": 32, "q3": "b", "q4": "c", "q5": "c"}
### END SOLUTION

# %% nbgrader="tests" grade_id="self_check_tests" points=2
from self_check import NUMBER, SHAPE, check_answers, one_of

check_answers(answers, {"q1": SHAPE, "q2": NUMBER, "q3": one_of("abcd"), "q4": one_of("abcd"),
                        "q5": one_of("abcd")})
### BEGIN HIDDEN TESTS
grade_value("answers", against_reference=False, judge=judges.quiz({
    "q1": judges.shape((5, 3), "W has one row per unit of the layer and one column per input it reads: "
                       "(n^[l], n^[l-1]), so that W A_prev has one row per unit.",
                       wrong={(3, 5): "(3, 5) puts the inputs in the rows: that is the transpose of W."}),
    "q2": judges.number(32, "Each layer has n^[l] * n^[l-1] weights and n^[l] biases: 5 * 3 + 5 = 20 for "
                        "the hidden layer, 2 * 5 + 2 = 12 for the output layer.",
                        wrong={25: "25 counts the weights only; every unit also has a bias.",
                               30: "30 counts the input layer as if it had parameters; it only holds the data."}),
    "q3": judges.choice("b", "Unstructured data are raw signals (audio, images, text), where one number "
                        "means little alone; structured data are tables whose columns are named quantities.",
                        a="A table of named quantities is structured data.",
                        c="Ages and click counts are columns of a table: structured data.",
                        d="A spreadsheet is a table of named quantities: structured data."),
    "q4": judges.choice("c", "Gradient descent moves each weight in proportion to a slope; where the "
                        "sigmoid is flat the slopes are tiny and training crawls, while the ReLU keeps "
                        "slope 1 for every positive input.",
                        a="The likeness to biology says nothing about training speed.",
                        b="A ReLU network is not linear: the bend at 0 is what lets it fit curved boundaries.",
                        d="The number of parameters depends on the layer sizes only, not on the activation."),
    "q5": judges.choice("c", "A large network can keep turning more data into accuracy; a small model "
                        "soon reaches the best its shape allows and stops improving.",
                        a="Logistic regression draws a straight boundary: more data cannot change that shape.",
                        b="A network of 3 hidden units can only draw a simple boundary; it stops profiting early.",
                        d="Size decides how much a model can still learn from more data."),
}))
### END HIDDEN TESTS

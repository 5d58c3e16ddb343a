# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   nndl:
#     after: w2_numpy_basics
#     ship: [cat_data.py, my_image.png, diagrams.py, self_check.py]
# ---

# %% [markdown]
# # Week 2 · Logistic regression as a tiny neural network: a cat detector
#
# This notebook builds a complete image classifier from scratch: given a
# 64 × 64 colour picture, it answers "cat" or "not a cat". The model is
# logistic regression, which is also the smallest possible neural network:
# one unit that computes a weighted sum of its inputs and squashes it with a
# sigmoid. Every piece you write here (forward pass, cost, gradients, the
# update loop) comes back, unchanged in spirit, in the deeper networks of the
# coming weeks.
#
# You will:
#
# 1. load and reshape the images into the layout the model expects;
# 2. write the sigmoid, the parameter initialisation, the forward and backward
#    pass (`propagate`), gradient descent (`optimize`) and `predict`;
# 3. put them together in `model`, train it on real pictures and look at
#    what it gets right and wrong.
#
# **How the exercises work.** As last week: replace each
# `raise NotImplementedError()` with your code, run the cell, then run the test
# cell below it. The public checks print what they expected when something is
# off; the grader later runs hidden checks on other inputs (other sizes, a
# single example, ...). Keep the names and signatures as they are, and do not
# loop over examples in Python: every exercise has a vectorised answer.

# %% nbgrader="locked" grade_id="setup"
import copy

import numpy as np
import matplotlib.pyplot as plt

from cat_data import load_cat_data, remind_if_stand_in
from nndl_checks import expect

# %% [markdown]
# ## 1. The task: binary classification
#
# In a **binary classification** problem each example has a label
# $y \in \{0, 1\}$; here $y = 1$ means "cat" and $y = 0$ "not a cat". The
# model sees an input vector $x$ and should output
# $\hat y = P(y = 1 \mid x)$, the probability that the picture shows a cat.
#
# A colour image of 64 × 64 pixels is stored as three 64 × 64 grids of
# intensities (red, green, blue), each a whole number from 0 to 255. Unrolled
# into one long column, an image becomes a feature vector
# $x \in \mathbb{R}^{n_x}$ with $n_x = 64 \cdot 64 \cdot 3 = 12288$.
#
# **Notation used all course long.**
#
# * $m$ is the number of examples; $(x^{(i)}, y^{(i)})$ is the $i$-th one.
# * The inputs are stacked **side by side, one example per column**:
#   $$X = \begin{bmatrix} | & | & & | \\ x^{(1)} & x^{(2)} & \cdots & x^{(m)} \\ | & | & & | \end{bmatrix}
#   \in \mathbb{R}^{n_x \times m}$$
#   so `X.shape == (n_x, m)`.
# * The labels form a row: $Y = [\,y^{(1)}\; y^{(2)} \cdots y^{(m)}\,]$, with
#   `Y.shape == (1, m)`.
#
# Putting examples in columns makes the formulas below read the same for one
# example and for all $m$ at once.
#
# ## 2. The data
#
# The course's data set holds 209 training and 50 test pictures labelled cat
# or non-cat. The next cell loads them as NumPy arrays:
#
# * `train_set_x_orig`: shape `(m_train, num_px, num_px, 3)`, one image per
#   entry of the first axis, `uint8` values 0 to 255;
# * `train_set_y`: shape `(1, m_train)`, the labels 0 or 1;
# * the same with `test_` for the test set, and `classes`, the two class
#   names as bytes (`b"non-cat"`, `b"cat"`).
#
# (The suffix `_orig` marks the arrays as they come from the file; you will
# derive reshaped versions from them.) If the real image files are not on
# your machine, the loader says so and hands you synthetic stand-in pictures
# of the same shapes, so that everything below still runs; the accuracies
# quoted in the text are then not the ones you will see.

# %% nbgrader="locked" grade_id="load_data"
train_set_x_orig, train_set_y, test_set_x_orig, test_set_y, classes = load_cat_data()

# %% [markdown]
# Here are a few of the training pictures with their labels. Change `indices`
# to browse others.

# %% tags=["skip-in-grading"]
indices = [0, 2, 5, 7, 11, 20]
fig, axes = plt.subplots(1, len(indices), figsize=(2.2 * len(indices), 2.6))
for ax, index in zip(axes, indices):
    ax.imshow(train_set_x_orig[index])
    ax.set_title(f"#{index}: y = {train_set_y[0, index]} ({classes[train_set_y[0, index]].decode()})", fontsize=9)
    ax.axis("off")
plt.show()

# %% [markdown]
# ### Exercise 1: the sizes
# Read from the array shapes (do not type the numbers in):
#
# * `m_train`, the number of training examples;
# * `m_test`, the number of test examples;
# * `num_px`, the height (= width) of an image in pixels.

# %% nbgrader="solution" grade_id="dataset_sizes"
# Set m_train (the number of training images), m_test (the number of test images) and
# num_px (the height, equal to the width, of one image), read from the arrays' shapes.
### BEGIN SOLUTION
m_train = train_set_x_orig.shape[0]
m_test = test_set_x_orig.shape[0]
num_px = train_set_x_orig.shape[1]
### END SOLUTION

print(f"training examples: m_train = {m_train}")
print(f"test examples:     m_test = {m_test}")
print(f"image size:        {num_px} x {num_px} pixels, 3 colour channels")

# %% nbgrader="tests" grade_id="dataset_sizes_tests" points=1
expect(m_train, train_set_y.shape[1], "m_train (there is one label per training example)",
       hint="train_set_x_orig has shape (m_train, num_px, num_px, 3): the images are counted by its first axis.")
expect(m_test, test_set_y.shape[1], "m_test (there is one label per test example)",
       hint="Read m_test from test_set_x_orig, not from the training set.")
expect(num_px * num_px * 3, 12288, "num_px * num_px * 3",
       hint="num_px is the height of one image, axis 1 of train_set_x_orig (axis 0 counts the images).")
### BEGIN HIDDEN TESTS
grade_value("m_train", hint="The first axis of train_set_x_orig counts the images.")
grade_value("m_test", hint="The first axis of test_set_x_orig counts the images.")
grade_value("num_px", hint="An image has shape (num_px, num_px, 3).")
### END HIDDEN TESTS

# %% [markdown]
# ### Reshaping the images into columns
#
# The model wants `X` with shape `(num_px * num_px * 3, m)`: each image
# unrolled into one column. A compact way to get there from an array `A` of
# shape `(m, h, w, c)`:
#
# ```python
# A_flat = A.reshape(A.shape[0], -1).T
# ```
#
# `A.reshape(A.shape[0], -1)` keeps the first axis (one row per image) and
# lets NumPy work out the length of the second one ($h \cdot w \cdot c$),
# so each **row** is one unrolled image. The transpose `.T` turns rows into
# columns.
#
# Why not `A.reshape(h * w * c, m)` directly? It has the right *shape* but the
# wrong *content*: `reshape` reads the numbers in memory order, where all the
# pixels of image 0 come first, then those of image 1, and so on, and it fills
# the new array row by row. The first row of the result would then hold the
# first 209 numbers of image 0, and no column would be an image any more. A
# shape check cannot catch this, which is why the test below looks at the
# values.
#
# ### Exercise 2: flatten
# Create `train_set_x_flatten` and `test_set_x_flatten`, with shapes
# `(num_px * num_px * 3, m_train)` and `(num_px * num_px * 3, m_test)`,
# column $i$ being image $i$ unrolled.

# %% nbgrader="solution" grade_id="flatten"
# Set train_set_x_flatten and test_set_x_flatten: the images as columns, shape
# (num_px * num_px * 3, number of images), one whole image per column.
### BEGIN SOLUTION
train_set_x_flatten = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T
test_set_x_flatten = test_set_x_orig.reshape(test_set_x_orig.shape[0], -1).T
### END SOLUTION

print("train_set_x_flatten:", train_set_x_flatten.shape)
print("test_set_x_flatten: ", test_set_x_flatten.shape)

# %% nbgrader="tests" grade_id="flatten_tests" points=2
expect(train_set_x_flatten.shape, (num_px * num_px * 3, m_train), "train_set_x_flatten.shape",
       hint=("Each column must hold one whole image: first one row per image (all its pixels, in the order "
             "reshape reads them), then turn the rows into columns."))
expect(test_set_x_flatten.shape, (num_px * num_px * 3, m_test), "test_set_x_flatten.shape",
       hint=("Flatten test_set_x_orig the same way as the training images: one row per image first, then "
             "rows into columns."))
expect(train_set_x_flatten[:, 3], train_set_x_orig[3].reshape(-1),
       "column 3 of train_set_x_flatten (it should be training image 3, unrolled)",
       hint=("The shape is right but a column is not one image: reshaping straight to (pixels, images) mixes"
             " the images, and transposing before reshaping reorders each image's pixels. One row per image "
             "first, then rows into columns."))
### BEGIN HIDDEN TESTS
grade_value("train_set_x_flatten", hint=("Each column must be one whole image: one row per image first, then"
                                         " rows into columns."))
grade_value("test_set_x_flatten", hint=("Each column must be one whole image: one row per image first, then "
                                        "rows into columns."))
### END HIDDEN TESTS

# %% [markdown]
# ### Scaling the inputs
#
# Learning works best when the input features have similar, moderate
# ranges. For images the usual recipe is simple: every feature is a pixel
# intensity between 0 and 255, so dividing by 255 puts them all in
# $[0, 1]$. (For other data one subtracts each feature's mean and divides by
# its standard deviation; for pixels the plain division does the job.)
#
# ### Exercise 3: scale
# Set `train_set_x` and `test_set_x` to the flattened arrays divided by 255,
# as floating-point numbers between 0 and 1.

# %% nbgrader="solution" grade_id="standardize"
# Set train_set_x and test_set_x: the flattened images with their pixel values
# (0 to 255) scaled into [0, 1].
### BEGIN SOLUTION
train_set_x = train_set_x_flatten / 255.0
test_set_x = test_set_x_flatten / 255.0
### END SOLUTION

# %% nbgrader="tests" grade_id="standardize_tests" points=1
from nndl_checks import require

expect(train_set_x.shape, train_set_x_flatten.shape, "train_set_x.shape",
       hint="Scale train_set_x_flatten (the images as columns), not train_set_x_orig.")
require(float(train_set_x.min()) >= 0.0 and float(train_set_x.max()) <= 1.0,
        "every entry of train_set_x between 0 and 1",
        f"they range from {float(train_set_x.min()):g} to {float(train_set_x.max()):g}",
        hint="Divide the flattened pixel values by 255 (subtracting a mean gives negative entries).")
expect(train_set_x[:5, 0], train_set_x_flatten[:5, 0] / 255.0, "the first 5 entries of column 0 of train_set_x",
       hint="Divide by 255 with /: // is integer division and turns almost every pixel into 0. Scale "
            "test_set_x the same way.")
### BEGIN HIDDEN TESTS
# Judged against the student's own flattened arrays, so that a wrong flatten
# costs points on the flatten exercise only.
own_flat = judges.OwnResults()
grade_value("train_set_x_flatten", against_reference=False, judge=own_flat.record)
grade_value("test_set_x_flatten", against_reference=False, judge=own_flat.record)
grade_value("train_set_x", against_reference=False,
            judge=judges.scaled_pixels("train_set_x", "train_set_x_flatten", own_flat))
grade_value("test_set_x", against_reference=False,
            judge=judges.scaled_pixels("test_set_x", "test_set_x_flatten", own_flat))
### END HIDDEN TESTS

# %% [markdown]
# ## 3. Logistic regression
#
# For one example $x$ the model has a weight vector $w \in \mathbb{R}^{n_x}$
# (a column, shape `(n_x, 1)`) and a bias $b \in \mathbb{R}$, and computes
#
# $$z = w^T x + b, \qquad \hat y = a = \sigma(z) = \frac{1}{1 + e^{-z}}.$$
#
# A plain linear function $w^T x + b$ could be any real number, but a
# probability must lie between 0 and 1; the sigmoid maps the score $z$ there.
# Large positive $z$ means "surely a cat", large negative "surely not", and
# $z = 0$ means $\hat y = 0.5$, undecided. Drawn as a network, this is a single
# neuron: the 12288 inputs feed one unit, which outputs $a$.

# %% tags=["skip-in-grading"]
from diagrams import draw_computation_graph, draw_network  # drawing helpers, in diagrams.py beside this file

draw_network([num_px * num_px * 3, 1], layer_titles=["pixels $x$", "$\\hat y$"])
plt.title("one unit, $\\hat y = \\sigma(w^T x + b)$: every pixel has a weight")
plt.show()

# %% [markdown]
# ### The sigmoid and its slope
#
# The solid curve below is $\sigma(z)$: an S that climbs from 0 to 1, passing
# 0.5 at $z = 0$. The dashed curve is its slope $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$,
# the derivative you wrote as `sigmoid_derivative` in this week's NumPy
# notebook. The slope is largest in the middle, $\sigma'(0) = 0.25$, and
# nearly 0 once $|z|$ is more than about 5, where the S is flat. Keep this
# shape in mind for the backward pass below: a change of $z$ moves the
# output at most a quarter as much, and hardly at all when the unit is
# already sure of itself.

# %% tags=["skip-in-grading"]
from diagrams import draw_descent_path, draw_log_losses, draw_sigmoid  # more drawing helpers from diagrams.py

draw_sigmoid()
plt.show()

# %% [markdown]
# ### The loss and the cost
#
# The **loss** measures how wrong the model is on one example. Logistic
# regression uses the *cross-entropy* (or *log*) loss:
#
# $$\mathcal{L}(a, y) = -\bigl(y \log a + (1 - y) \log(1 - a)\bigr).$$
#
# Read it case by case: when $y = 1$ the loss is $-\log a$, small when $a$ is
# near 1 and huge when the model confidently says $a \approx 0$; when $y = 0$ it
# is $-\log(1 - a)$, the mirror image. The two curves below draw both cases
# against the prediction $a$. Each is 0 for a perfect prediction and grows
# without limit for a confident wrong one, so a single badly wrong example
# can outweigh many nearly right ones; at $a = 0.5$, the undecided
# prediction, both cases give $\log 2 \approx 0.69$.

# %% tags=["skip-in-grading"]
draw_log_losses()
plt.show()

# %% [markdown]
# The **cost** is the average loss over the training set, the number gradient
# descent will minimise:
#
# $$J(w, b) = \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}\bigl(a^{(i)}, y^{(i)}\bigr).$$
#
# **Where the formula comes from.** The model claims
# $P(y = 1 \mid x) = a$ and $P(y = 0 \mid x) = 1 - a$, which one expression
# covers for both labels: $P(y \mid x) = a^{y} (1 - a)^{1 - y}$. If the training
# examples are independent, the probability the model gives to all the
# observed labels is the product $\prod_i P(y^{(i)} \mid x^{(i)})$, the
# *likelihood*. Good parameters make it large. Taking the logarithm turns the
# product into a sum without moving the maximum, and
# $\log P(y \mid x) = y \log a + (1 - y) \log(1 - a) = -\mathcal{L}(a, y)$. So
# maximising the likelihood is the same as minimising the summed loss, and
# dividing by $m$ (to get $J$) does not change where the minimum is. This is
# the *maximum likelihood* principle.
#
# Why not the squared error $\frac12 (a - y)^2$, as in linear regression?
# Combined with the sigmoid it gives a cost surface with flat regions and
# several local minima, whereas the cross-entropy cost of logistic regression
# is **convex**: it has no local minima other than global ones, so gradient
# descent cannot get stuck in a wrong valley.
#
# Convex does not mean that there is a bottom to reach, though. Our data have
# 12288 features and only 209 training images, and with more features than
# examples (in general position) some hyperplane separates the two classes
# exactly: the training images are **linearly separable**. (On the real
# images this is easy to confirm: the matrix of the 209 images, with a column
# of ones appended for the bias, has rank 209, so a weight vector giving every
# cat the score $+1$ and every non-cat $-1$ exists.) Then scaling such a $w$ up
# makes every $a^{(i)}$ closer to its label and the cost smaller, without
# end: the cost tends to 0 but has **no minimiser**, and gradient descent
# keeps making $\lVert w \rVert$ grow for as long as it runs. Training stops
# because we stop it after `num_iterations`, not because it arrived anywhere.
# That is one reason to stop early or to penalise large weights
# (regularisation).
#
# ### Gradient descent
#
# Start from some $w, b$ and repeatedly step downhill:
#
# $$w := w - \alpha \frac{\partial J}{\partial w}, \qquad b := b - \alpha \frac{\partial J}{\partial b},$$
#
# where $\alpha$ is the **learning rate**, the size of each step. The
# gradient points in the direction in which $J$ grows fastest, so a small step
# against it lowers the cost. Too large an $\alpha$ overshoots the valley and
# can diverge; too small a one crawls.
#
# With 12289 parameters the cat model's cost cannot be drawn, but a model
# with one feature has only $w$ and $b$, and its cost is a surface over the
# $(w, b)$ plane. The next cell makes such a problem: 11 examples on a line
# whose classes overlap (no threshold separates them, so unlike the cat
# pictures this cost does have a lowest point). It draws the cost's contour
# lines, seen from above like a map of a valley, and the 30 steps of gradient
# descent from $(w, b) = (-2, 3)$ with $\alpha = 1$. The contour lines nest
# around a single lowest point, the picture of a convex cost: from anywhere,
# downhill leads to that one bottom. The first steps are
# long because the slope is steep there; they shrink as the bowl flattens, so
# the dots bunch up near the bottom. (The helper takes the slopes from
# two-sided differences of the cost, explained below, not from the formulas
# you will write.)

# %% tags=["skip-in-grading"]
x_line = np.array([-3.0, -2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 3.0])
y_line = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1])
draw_descent_path(x_line, y_line, start=(-2.0, 3.0), learning_rate=1.0, iterations=30)
plt.show()

# %% [markdown]
# ### Derivatives as slopes
#
# Gradient descent needs derivatives, and a derivative is nothing more than
# a slope. Nudge the input $a$ of a function $f$ by a tiny amount and watch
# the output: the derivative $\frac{df}{da}$ is how much $f$ moves *per unit
# of nudge*,
#
# $$\frac{df}{da} \approx \frac{f(a + \varepsilon) - f(a)}{\varepsilon}
#   \qquad \text{for a tiny } \varepsilon.$$
#
# For the straight line $f(a) = 3a$ the slope is $3$ everywhere: nudging $a$
# by $0.001$ moves $f$ by $0.003$, wherever you start. For $f(a) = a^2$ the
# slope depends on where you stand: it is $2a$, so $4$ at $a = 2$ (a nudge
# of $0.001$ moves $f$ from $4$ to $4.004001$, about $4 \times 0.001$) and $10$
# at $a = 5$. Geometrically, $\frac{df}{da}$ at a point is the slope of the
# **tangent**, the straight line that touches the curve there; the smaller
# the nudge, the closer the curve stays to its tangent. The picture below
# draws both functions, the tangent of $a^2$ at $a = 2$ and a nudge,
# exaggerated to $0.5$ so that you can see it.

# %% tags=["skip-in-grading"]
def draw_slopes():
    a = np.linspace(0, 3.2, 200)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    left.plot(a, 3 * a, color="tab:blue", label="$f(a) = 3a$")
    for start in (0.6, 2.0):  # the same nudge gives the same rise anywhere on a line
        left.plot([start, start + 0.5, start + 0.5], [3 * start, 3 * start, 3 * (start + 0.5)], color="tab:orange")
        left.annotate("+0.5 in a: +1.5 in f", (start + 0.55, 3 * start + 0.5), fontsize=9)
    left.set_title("a line: the same slope everywhere")
    right.plot(a, a ** 2, color="tab:blue", label="$f(a) = a^2$")
    right.plot(a, 4 + 4 * (a - 2), color="tab:green", linestyle="--", label="tangent at $a = 2$ (slope 4)")
    right.plot([2, 2.5], [4, 4], color="tab:orange")
    right.plot([2.5, 2.5], [4, 6.25], color="tab:orange", label="nudge $a$ by 0.5: $f$ grows by 2.25")
    right.plot([2, 2.5], [4, 6], "o", color="tab:green", markersize=4)
    right.annotate("the tangent predicts +2", xy=(2.5, 6), xytext=(0.3, 7.5), fontsize=9,
                   arrowprops={"arrowstyle": "->", "color": "tab:green"})
    right.set_ylim(-1, 10)
    right.set_title("a curve: the slope changes, $df/da = 2a$")
    for axes, place in ((left, "upper left"), (right, "lower right")):
        axes.set_xlabel("$a$")
        axes.set_ylabel("$f(a)$")
        axes.legend(loc=place, fontsize=8)
    plt.tight_layout()
    plt.show()


draw_slopes()

# %% [markdown]
# The smaller the nudge, the better the tangent's prediction: the rise of
# $a^2$ from $a = 2$ is $2.25$ for a nudge of $0.5$ ($4.5$ per unit), $0.0401$
# for $0.01$ ($4.01$ per unit), and tends to exactly $4$ per unit. Putting
# the nudge on both sides, $\frac{f(a + \varepsilon) - f(a - \varepsilon)}{2\varepsilon}$,
# makes the errors of the two halves cancel, as far as the bending of the
# curve goes: for $a^2$ it gives exactly $2a$ for any $\varepsilon$. This *two-sided difference* is how the checks
# below (and the grader) test derivatives numerically.
#
# ### A computation graph, by hand
#
# A **computation graph** writes a formula as a chain of small steps, each
# with one or two inputs. Take
#
# $$J(a, b, c) = 3(a + bc).$$
#
# Computed step by step, left to right (the **forward pass**):
#
# $$u = bc, \qquad v = a + u, \qquad J = 3v.$$
#
# For $a = 5$, $b = 3$, $c = 2$: $u = 6$, $v = 11$, $J = 33$.
#
# The **backward pass** goes right to left and finds how much $J$ moves when
# each input is nudged, reusing at every step the derivative it has just
# computed (the *chain rule*):
#
# * $J = 3v$, so $\frac{\partial J}{\partial v} = 3$: nudge $v$ by $0.001$
#   and $J$ moves by $0.003$;
# * $v = a + u$ moves one for one with $a$ and with $u$, so
#   $\frac{\partial J}{\partial a} = \frac{\partial J}{\partial v} \cdot 1 = 3$
#   and $\frac{\partial J}{\partial u} = \frac{\partial J}{\partial v} \cdot 1 = 3$;
# * $u = bc$ moves by $c$ per unit of $b$ and by $b$ per unit of $c$, so
#   $\frac{\partial J}{\partial b} = \frac{\partial J}{\partial u} \cdot c$ and
#   $\frac{\partial J}{\partial c} = \frac{\partial J}{\partial u} \cdot b$;
#   at $(5, 3, 2)$ that is $6$ and $9$.
#
# Each derivative is the one of the step to its right times the local
# derivative of one step: that is why the backward pass goes right to left,
# and why it costs about as much as the forward pass. The derivatives of
# logistic regression below are found in exactly this way, with a longer
# chain.
#
# The same graph as a picture: the values flow forward, left to right; each
# edge then carries the derivative of $J$ with respect to the node it leaves,
# found right to left.

# %% tags=["skip-in-grading"]
fig, axes = plt.subplots(2, 1, figsize=(9, 7))
draw_computation_graph(5, 3, 2, axes[0])
draw_computation_graph(5, 3, 2, axes[1], backward=True)
plt.show()

# %% [markdown]
# ### Exercise 4: `graph_forward`
# Return `u`, `v` and `J` for the inputs `a`, `b`, `c` (numbers), following
# the three steps above.

# %% nbgrader="solution" grade_id="graph_forward"
def graph_forward(a, b, c):
    """The forward pass of the graph J = 3(a + bc), node by node.

    Arguments:
        a, b, c -- the three inputs, numbers
    Returns:
        (u, v, J) -- the values of the three nodes u = bc, v = a + u and J = 3v
    """
    ### BEGIN SOLUTION
    u = b * c
    v = a + u
    J = 3 * v
    ### END SOLUTION
    return u, v, J


# %% nbgrader="tests" grade_id="graph_forward_tests" points=1
forward_hint = ("Follow the graph's three nodes in order: u is the product of b and c, v adds a to u, and J "
                "is three times v (the factor 3 applies once, at the end).")
expect(graph_forward(5.0, 3.0, 2.0), (6.0, 11.0, 33.0), "graph_forward(5.0, 3.0, 2.0)", hint=forward_hint)
expect(graph_forward(-1.0, 0.5, 4.0), (2.0, 1.0, 3.0), "graph_forward(-1.0, 0.5, 4.0)", hint=forward_hint)
### BEGIN HIDDEN TESTS
grade("graph_forward",
      case("three inputs of both signs", float(rng.normal(scale=3)), float(rng.normal(scale=3)),
           float(rng.normal(scale=3))),
      case("b = 0", float(rng.normal()), 0.0, float(rng.normal())),
      case("large inputs", float(rng.uniform(50, 100)), float(rng.uniform(-100, -50)), float(rng.uniform(50, 100))),
      case("small inputs", *[float(x) for x in rng.uniform(-0.1, 0.1, size=3)]),
      hint=("Compute the nodes from left to right, each from the one before, and return them in the order "
            "(u, v, J)."))
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 5: `graph_backward`
# Return the three derivatives $\frac{\partial J}{\partial a}$,
# $\frac{\partial J}{\partial b}$, $\frac{\partial J}{\partial c}$ at the point
# `(a, b, c)`, in this order, as numbers. Go right to left as above: first
# `dJ_dv`, then `dJ_du` and `dJ_da`, then `dJ_db` and `dJ_dc`. The check below
# compares them with two-sided differences of your `graph_forward`.

# %% nbgrader="solution" grade_id="graph_backward"
def graph_backward(a, b, c):
    """The backward pass of the graph J = 3(a + bc), by the chain rule.

    Arguments:
        a, b, c -- the point where the derivatives are taken, numbers
    Returns:
        (dJ_da, dJ_db, dJ_dc) -- the derivatives of J with respect to a, b and c at that point
    """
    ### BEGIN SOLUTION
    dJ_dv = 3.0
    dJ_du = dJ_dv * 1.0
    dJ_da = dJ_dv * 1.0
    dJ_db = dJ_du * c
    dJ_dc = dJ_du * b
    ### END SOLUTION
    return dJ_da, dJ_db, dJ_dc


# %% nbgrader="tests" grade_id="graph_backward_tests" points=2
backward_hint = (("The chain rule, from J back to each input: multiply the local derivatives along the path "
                  "(J to v, v to u, u to b or c). A sum moves one for one with each term; a product moves "
                  "with one factor at the rate of the other factor."))
expect(graph_backward(5.0, 3.0, 2.0), (3.0, 6.0, 9.0), "graph_backward(5.0, 3.0, 2.0)", hint=backward_hint)


def two_sided_slopes(a, b, c, eps=1e-6):
    """dJ/da, dJ/db, dJ/dc from two-sided differences of graph_forward's J."""
    J = lambda a, b, c: graph_forward(a, b, c)[2]
    return ((J(a + eps, b, c) - J(a - eps, b, c)) / (2 * eps),
            (J(a, b + eps, c) - J(a, b - eps, c)) / (2 * eps),
            (J(a, b, c + eps) - J(a, b, c - eps)) / (2 * eps))


for point in [(5.0, 3.0, 2.0), (-1.0, 0.5, 4.0), (0.3, -2.0, 7.0)]:
    expect(graph_backward(*point), two_sided_slopes(*point),
           f"graph_backward{point} against two-sided differences of graph_forward", rtol=1e-5, atol=1e-6,
           hint=backward_hint)
### BEGIN HIDDEN TESTS
grade("graph_backward",
      case("three inputs of both signs", float(rng.normal(scale=3)), float(rng.normal(scale=3)),
           float(rng.normal(scale=3))),
      case("b = 0", float(rng.normal()), 0.0, float(rng.normal())),
      case("large inputs", float(rng.uniform(50, 100)), float(rng.uniform(-100, -50)), float(rng.uniform(50, 100))),
      case("b and c equal", 1.5, 2.5, 2.5),
      hint=("Multiply the local derivatives along the path from J to each input; the derivative of a product"
            " with respect to one factor is the other factor."))
### END HIDDEN TESTS

# %% [markdown]
# ### The computation graph and its derivatives
#
# To get the gradient, write the computation for one example as a chain of
# simple steps, the **computation graph**:
#
# $$w, b, x \;\longrightarrow\; z = w^T x + b \;\longrightarrow\; a = \sigma(z) \;\longrightarrow\; \mathcal{L}(a, y).$$
#
# The *forward* pass evaluates it left to right. The *backward* pass applies
# the chain rule right to left, reusing each derivative for the next one
# (we write $da$ for $\partial \mathcal{L} / \partial a$, and so on, as code
# does):
#
# $$da = -\frac{y}{a} + \frac{1 - y}{1 - a}, \qquad
# dz = da \cdot \sigma'(z) = da \cdot a (1 - a) = a - y,$$
#
# $$dw_j = x_j \, dz, \qquad db = dz.$$
#
# The sigmoid's derivative $a(1 - a)$ (`sigmoid_derivative` in this week's NumPy notebook) cancels the
# fractions in $da$, leaving the strikingly simple $dz = a - y$: the
# prediction error. Since the cost is an average of losses, its gradient is
# the average of the per-example gradients.
#
# ### Vectorising over the $m$ examples
#
# Stack the examples as columns of $X$ and all the per-example formulas
# become a few matrix operations, with no loop over examples:
#
# $$Z = w^T X + b \quad (1 \times m), \qquad A = \sigma(Z) = [\,a^{(1)} \cdots a^{(m)}\,],$$
#
# $$J = -\frac{1}{m} \sum_{i=1}^{m} \Bigl(y^{(i)} \log a^{(i)} + (1 - y^{(i)}) \log(1 - a^{(i)})\Bigr),$$
#
# $$dZ = A - Y, \qquad \frac{\partial J}{\partial w} = \frac{1}{m} X \, dZ^T \quad (n_x \times 1), \qquad
# \frac{\partial J}{\partial b} = \frac{1}{m} \sum_{i=1}^{m} dZ^{(i)}.$$
#
# In NumPy, `np.dot(w.T, X) + b` computes all $m$ scores at once (the number
# `b` is broadcast to every column), and `np.dot(X, dZ.T)` sums
# $x^{(i)} dz^{(i)}$ over the examples in one matrix product.
#
# ## 4. The building blocks
#
# ### Exercise 6: `sigmoid`
# Return $\sigma(z)$ for every entry of `z` (a number or an array of any
# shape).

# %% nbgrader="solution" grade_id="sigmoid"
def sigmoid(z):
    """The sigmoid of every entry of z.

    Arguments:
        z -- a number or a NumPy array of any shape
    Returns:
        s -- sigma(z) entry by entry, of the shape of z
    """
    ### BEGIN SOLUTION
    s = 1 / (1 + np.exp(-z))
    ### END SOLUTION
    return s


# %% nbgrader="tests" grade_id="sigmoid_tests" points=1
expect(sigmoid(np.array([-1.5, 0.0, 3.0])), np.array([0.18242552380635635, 0.5, 0.9525741268224334]),
       "sigmoid(np.array([-1.5, 0.0, 3.0]))",
       hint=("The formula above, entry by entry with np.exp: mind the minus sign in the exponent, and the "
             "parentheses around the whole denominator."))
### BEGIN HIDDEN TESTS
grade("sigmoid",
      case("a (1, 6) row of scores", rng.normal(scale=3.0, size=(1, 6))),
      case("a (3, 4) matrix", rng.normal(size=(3, 4))),
      case("a single score, shape (1, 1)", rng.normal(size=(1, 1))),
      case("scores of very large size, both signs", np.array([[-750.0, -40.0, 40.0, 750.0]])),
      hint=("Keep e^(-z) in the denominator, as in the formula: the rewrite with e^z above and below the "
            "line gives nan for large z."))
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 7: `initialize_with_zeros`
# For logistic regression, starting from all-zero parameters is fine: the
# cost is convex, so there is no bad valley to start in, and with a single
# unit there is no symmetry between units to break (that comes next week). Return `w`, a
# column of zeros of shape `(dim, 1)`, and `b`, the Python float `0.0`.
# Keep `b` a plain number, not an array: it is one bias shared by all inputs.

# %% nbgrader="solution" grade_id="initialize_with_zeros"
def initialize_with_zeros(dim):
    """Zero parameters for logistic regression.

    Arguments:
        dim -- the number of input features n_x
    Returns:
        w -- zeros, a column of shape (dim, 1)
        b -- the bias 0.0, a Python float
    """
    ### BEGIN SOLUTION
    w = np.zeros((dim, 1))
    b = 0.0
    ### END SOLUTION
    return w, b


# %% nbgrader="tests" grade_id="initialize_with_zeros_tests" points=1
w, b = initialize_with_zeros(3)
expect(w, np.zeros((3, 1)), "w from initialize_with_zeros(3)",
       hint=("w is a column of zeros, shape (dim, 1); zeros of shape (dim,) make a rank-1 array, which later"
             " matrix products handle wrongly."))
expect(b, 0.0, "b from initialize_with_zeros(3)", hint="b is one number, 0.0, not an array.")
require(isinstance(b, float), "b to be a Python float", f"it is {type(b).__name__}",
        hint="b is the float zero, with its decimal point: 0 alone is an int.")
### BEGIN HIDDEN TESTS
grade("initialize_with_zeros",
      case("dim = 5", 5),
      case("dim = 1", 1),
      case("dim = 12288", 12288),
      judge=judges.weights_and_bias_are_floats,
      hint="w is a column of dim zeros, shape (dim, 1), and b the float zero (not an int, not an array).")
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 8: `propagate`, the forward and backward pass
#
# Given `w` `(n_x, 1)`, `b` (a number), `X` `(n_x, m)` and `Y` `(1, m)`:
#
# 1. forward: $A = \sigma(w^T X + b)$ and the cost
#    $J = -\frac{1}{m}\sum_i \bigl(y^{(i)} \log a^{(i)} + (1 - y^{(i)}) \log(1 - a^{(i)})\bigr)$;
# 2. backward: $dw = \frac{1}{m} X (A - Y)^T$ and $db = \frac{1}{m} \sum_i (a^{(i)} - y^{(i)})$.
#
# Return `grads`, a dict with keys `"dw"` (same shape as `w`) and `"db"` (a
# number), and `cost` (a number). `np.sum` of an array gives a number; if you
# compute a sum with `np.dot` instead, you get a `(1, 1)` array, which the
# given line after your code, `float(np.squeeze(cost))`, turns into a number.
#
# The grader also checks that your gradients are the true slopes of your
# cost: it nudges each parameter up and down by a tiny $\varepsilon$ and
# compares $\frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2\varepsilon}$
# with your `dw` and `db` (a *gradient check*, a tool you will meet again).

# %% nbgrader="solution" grade_id="propagate"
def propagate(w, b, X, Y):
    """Cost and gradients of logistic regression on m examples.

    Arguments:
        w -- weights, shape (n_x, 1)
        b -- bias, a number
        X -- data, shape (n_x, m): one column per example
        Y -- labels, shape (1, m), of 0 and 1
    Returns:
        grads -- {"dw": the gradient of the cost with respect to w, shape (n_x, 1),
                  "db": the gradient with respect to b, a number}
        cost -- the cross-entropy cost, a Python float
    """
    m = X.shape[1]
    # 1. Forward: the activations A, shape (1, m), then the cost.
    # 2. Backward: dw (shape of w) and db (a number), averaged over the m examples.
    ### BEGIN SOLUTION
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y
    dw = np.dot(X, dZ.T) / m
    db = np.sum(dZ) / m
    ### END SOLUTION
    cost = float(np.squeeze(cost))  # provided: a Python float, also from an array of shape (1, 1)
    grads = {"dw": dw, "db": db}
    return grads, cost


# %% nbgrader="tests" grade_id="propagate_tests" points=4
w_demo = np.array([[0.5], [-1.0]])
b_demo = 0.25
X_demo = np.array([[1.0, -2.0, 0.5], [0.0, 1.5, -1.0]])
Y_demo = np.array([[1.0, 0.0, 1.0]])
grads, cost = propagate(w_demo, b_demo, X_demo, Y_demo)
expect(grads["dw"], np.array([[-0.20091099750866806], [0.10848324038500685]]), 'grads["dw"]',
       hint="dw is X times the transpose of (A - Y), divided by m, where A is the sigmoid of the scores w^T X + b: "
            "mind the 1/m.")
expect(grads["db"], -0.13596578657728461, 'grads["db"]', hint=("db is the mean of the errors A - Y over the "
                                                               "examples, one number: mind the 1/m."))
expect(cost, 0.22949694767146653, "cost",
       hint="The cost is minus the mean over the examples of y log(a) + (1 - y) log(1 - a): mind the minus sign "
            "and the 1/m.")
### BEGIN HIDDEN TESTS
# dw and db are also checked against finite differences of the student's own cost.
grade("propagate",
      case("3 features, 4 examples", rng.normal(size=(3, 1)), float(rng.normal()), rng.normal(size=(3, 4)),
           judges.labels(rng, 4)),
      case("5 features, 1 example", rng.normal(size=(5, 1)), float(rng.normal()), rng.normal(size=(5, 1)),
           np.array([[1.0]])),
      case("4 features, 9 examples", rng.normal(scale=0.5, size=(4, 1)), float(rng.normal()),
           rng.uniform(size=(4, 9)), judges.labels(rng, 9)),
      extra=judges.gradients_of_own_cost.extra, judge=judges.gradients_of_own_cost.judge,
      hint=("Forward: the sigmoid of the scores w^T X + b; the cost is minus the mean of the log-likelihoods"
            " of the labels. Backward: dw averages each example's features times its error A - Y (shape of "
            "w), db averages the errors (one number)."))
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 9: `optimize`, gradient descent
#
# Repeat `num_iterations` times: compute the gradients with `propagate`, then
# update
# $w := w - \alpha\, dw$ and $b := b - \alpha\, db$ with $\alpha$ =
# `learning_rate`.
#
# * Record the cost **every 100 iterations**, at iterations 0, 100, 200, ...
#   (the cost computed at the start of that iteration, before its update), in
#   the list `costs`. With `print_cost=True`, also print it then.
# * The given first lines make `w` and `b` copies of the arguments, so the
#   caller's arrays stay as they were whatever you do (`w -= ...` included).
#   Keep them: code that calls `optimize` may still need its starting point.
#
# Return `params` (dict with `"w"`, `"b"`: the final parameters), `grads`
# (dict with `"dw"`, `"db"`: the gradients of the last iteration) and `costs`.

# %% nbgrader="solution" grade_id="optimize"
def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Gradient descent on w and b, from the values given.

    Arguments:
        w -- weights, shape (n_x, 1); b -- bias, a number
        X -- data, shape (n_x, m); Y -- labels, shape (1, m)
        num_iterations -- the number of gradient-descent steps
        learning_rate -- the step size alpha
        print_cost -- print the cost every 100 iterations when True
    Returns:
        params -- {"w": the final w, "b": the final b}
        grads -- {"dw", "db"}: the gradients of the last step
        costs -- the costs of iterations 0, 100, 200, ... (a list of floats)
    """
    w = copy.deepcopy(w)  # provided: keep these two lines
    b = copy.deepcopy(b)
    costs = []
    # For each of the num_iterations steps:
    #   1. the cost and the gradients at the current w and b (propagate);
    #   2. one step downhill for w and for b;
    #   3. every 100 iterations (i = 0, 100, ...), record the cost (and print it if print_cost).
    ### BEGIN SOLUTION
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    ### END SOLUTION
    params = {"w": w, "b": b}
    return params, grads, costs


# %% nbgrader="tests" grade_id="optimize_tests" points=3
w_start = np.array([[0.5], [-1.0]])
params, grads, costs = optimize(w_start, 0.25, X_demo, Y_demo, num_iterations=201, learning_rate=0.1)
expect(params["w"], np.array([[1.7640423373931047], [-1.6263201419687043]]), 'params["w"]',
       hint="Every iteration: call propagate for the gradients and the cost, then step w against its gradient, "
            "scaled by the learning rate (minus: downhill).")
expect(params["b"], 1.219900960960829, 'params["b"]', hint=("Update b too, with its own gradient db, in the "
                                                            "same downhill step as w."))
expect(grads["dw"], np.array([[-0.025812897792749607], [0.012178536116514005]]), 'grads["dw"] (from the last iteration)',
       hint="Return the grads of the last call of propagate, inside the loop.")
expect(len(costs), 3, "len(costs) after 201 iterations (iterations 0, 100 and 200)",
       hint="Append the cost only when i % 100 == 0, and whether print_cost is True or not.")
expect(costs[0], 0.22949694767146653, "costs[0] (the cost before any update)",
       hint="Record the cost that propagate returns at the start of the iteration, before the update.")
expect(w_start, np.array([[0.5], [-1.0]]), "w_start after the call (it must not change)",
       hint="Keep the provided w = copy.deepcopy(w) line: update the copy, not the caller's array.")
### BEGIN HIDDEN TESTS
runs = [case("4 features, 10 examples, 250 iterations", rng.normal(scale=0.3, size=(4, 1)), float(rng.normal()),
             rng.normal(size=(4, 10)), judges.labels(rng, 10), num_iterations=250, learning_rate=0.05),
        case("3 features, 1 example, 100 iterations", rng.normal(size=(3, 1)), 0.5, rng.normal(size=(3, 1)),
             np.array([[0.0]]), num_iterations=100, learning_rate=0.1),
        case("2 features, 6 examples, 1 iteration", rng.normal(size=(2, 1)), -0.3, rng.normal(size=(2, 6)),
             judges.labels(rng, 6), num_iterations=1, learning_rate=0.5)]
# The first recorded cost is judged against the student's own propagate at the start of each run,
# so that a wrong cost formula costs points in propagate only.
start_cost = judges.OwnResults(judges.cost_of_propagate)
grade("propagate", *judges.without_settings(runs), against_reference=False, judge=start_cost.record)
grade("optimize", *runs, against_reference=False, inputs_unchanged=True,
      judge=judges.gradient_descent_run(start_cost))
### END HIDDEN TESTS

# %% [markdown]
# ### Exercise 10: `predict`
#
# With learned `w` and `b`, compute the probabilities
# $A = \sigma(w^T X + b)$ for all examples, and turn each into a label: **1
# when $a^{(i)} > 0.5$, else 0** (a probability of exactly 0.5 counts as 0).
# Return a `(1, m)` array of 0s and 1s. A comparison such as `A > 0.5`
# gives an array of booleans for all examples at once; `.astype(float)` turns
# it into 0s and 1s (the booleans themselves are accepted too).

# %% nbgrader="solution" grade_id="predict"
def predict(w, b, X):
    """Labels predicted by logistic regression.

    Arguments:
        w -- weights, shape (n_x, 1); b -- bias, a number
        X -- data, shape (n_x, m)
    Returns:
        Y_prediction -- shape (1, m): 1.0 where the predicted probability is above 0.5, 0.0 elsewhere
    """
    # 1. The probabilities A, shape (1, m).
    # 2. 1.0 where a probability is above 0.5, 0.0 elsewhere.
    ### BEGIN SOLUTION
    A = sigmoid(np.dot(w.T, X) + b)
    Y_prediction = (A > 0.5).astype(float)
    ### END SOLUTION
    return Y_prediction


# %% nbgrader="tests" grade_id="predict_tests" points=2
w_guess = np.array([[0.3], [-0.6]])
X_new = np.array([[1.0, -1.0, 2.0, 0.0], [0.5, 1.0, -0.5, -0.2]])
expect(predict(w_guess, -0.1, X_new), np.array([[0.0, 0.0, 1.0, 1.0]]), "predict(w_guess, -0.1, X_new)",
       hint="Take the sigmoid of the scores w^T X + b, then 1 where it is above 0.5 and 0 elsewhere: labels, not probabilities, "
            "and the threshold on A, not on the scores.")
### BEGIN HIDDEN TESTS
grade("predict",
      case("5 features, 8 examples", rng.normal(size=(5, 1)), float(rng.normal()), rng.normal(size=(5, 8))),
      case("3 features, 1 example", rng.normal(size=(3, 1)), float(rng.normal()), rng.normal(size=(3, 1))),
      case("untrained zero parameters, 4 features, 5 examples (every probability is exactly 0.5)",
           np.zeros((4, 1)), 0.0, rng.normal(size=(4, 5))),
      hint=("Label 1 where the predicted probability (the sigmoid of the scores) is above 0.5 and 0 "
            "elsewhere (exactly 0.5 gives 0); shape (1, m)."))
### END HIDDEN TESTS

# %% [markdown]
# ## 5. The whole model
#
# ### Exercise 11: `model`
#
# Put the pieces together:
#
# 1. initialise the parameters with `initialize_with_zeros` (one weight per
#    row of `X_train`);
# 2. train them with `optimize`, passing on `num_iterations`, `learning_rate`
#    and `print_cost`;
# 3. predict the labels of the training and of the test set with the trained
#    parameters.
#
# Return a dict with the keys `"costs"`, `"Y_prediction_test"`,
# `"Y_prediction_train"`, `"w"`, `"b"`, `"learning_rate"` and
# `"num_iterations"`.

# %% nbgrader="solution" grade_id="model"
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    """Logistic regression from start to finish: initialise, train, predict.

    Arguments:
        X_train -- training images, shape (n_x, m_train); Y_train -- their labels, shape (1, m_train)
        X_test -- test images, shape (n_x, m_test); Y_test -- their labels, shape (1, m_test)
        num_iterations, learning_rate, print_cost -- passed on to optimize
    Returns:
        a dict with the costs, the predictions on both sets, the trained w and b, the learning rate
        and the number of iterations
    """
    # 1. Zero parameters, one weight per feature.
    # 2. Gradient descent on the training set (optimize, with this function's arguments).
    # 3. The trained w and b, then predictions on the test set and on the training set.
    ### BEGIN SOLUTION
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations=num_iterations,
                                    learning_rate=learning_rate, print_cost=print_cost)
    w, b = params["w"], params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    ### END SOLUTION
    return {"costs": costs,
            "Y_prediction_test": Y_prediction_test,
            "Y_prediction_train": Y_prediction_train,
            "w": w,
            "b": b,
            "learning_rate": learning_rate,
            "num_iterations": num_iterations}


# %% nbgrader="tests" grade_id="model_tests" points=3
demo_rng = np.random.default_rng(7)
X_small = demo_rng.normal(size=(3, 12))
Y_small = (X_small[0:1] - X_small[1:2] > 0).astype(float)
X_small_test = demo_rng.normal(size=(3, 5))
Y_small_test = (X_small_test[0:1] - X_small_test[1:2] > 0).astype(float)
d = model(X_small, Y_small, X_small_test, Y_small_test, num_iterations=150, learning_rate=0.5)
expect(sorted(d), ["Y_prediction_test", "Y_prediction_train", "b", "costs", "learning_rate", "num_iterations", "w"],
       "the keys of the dict model returns", hint="Keep the provided return statement and its dict.")
expect(d["w"], np.array([[3.668071821735045], [-2.9116605602664687], [0.17537518519787673]]), 'd["w"]',
       hint=("Start from zeros, one weight per feature (a row of X_train), and pass num_iterations, "
             "learning_rate and print_cost on to optimize: without them optimize uses its own defaults."))
expect(d["b"], -0.310453020458191, 'd["b"]', hint='Take w and b from the params that optimize returns.')
expect(d["Y_prediction_test"], np.array([[0.0, 1.0, 0.0, 0.0, 1.0]]), 'd["Y_prediction_test"]',
       hint="Predict the test set with the trained w and b, not with the initial ones.")
expect(len(d["costs"]), 2, 'len(d["costs"]) after 150 iterations',
       hint="costs is the list optimize returns: one cost every 100 iterations.")
### BEGIN HIDDEN TESTS
runs = [case("4 features, 20 training and 7 test examples, 300 iterations", *judges.linearly_separable(rng, 4, 20),
             *judges.linearly_separable(rng, 4, 7), num_iterations=300, learning_rate=0.1),
        case("3 features, 6 training examples and 1 test example, 120 iterations",
             *judges.linearly_separable(rng, 3, 6), *judges.linearly_separable(rng, 3, 1), num_iterations=120,
             learning_rate=0.5)]
# The costs model returns are judged against what the student's own optimize records for the same
# training run, so that a mistake in optimize costs points there only.
own_costs = judges.OwnResults(judges.costs_of_optimize)
grade("optimize", *judges.from_zeros(runs), against_reference=False, judge=own_costs.record)
grade("model", *runs, against_reference=False, judge=judges.model_run(own_costs))
### END HIDDEN TESTS

# %% [markdown]
# ## 6. Training the cat detector
#
# Time to train on the pictures: 2000 iterations of gradient descent with
# learning rate 0.005. The cost is printed every 100 iterations and should
# fall steadily. Training takes a few seconds.

# %% tags=["skip-in-grading"]
logistic_regression_model = model(train_set_x, train_set_y, test_set_x, test_set_y,
                                  num_iterations=2000, learning_rate=0.005, print_cost=True)
train_accuracy = 100 * np.mean(logistic_regression_model["Y_prediction_train"] == train_set_y)
test_accuracy = 100 * np.mean(logistic_regression_model["Y_prediction_test"] == test_set_y)
print(f"train accuracy: {train_accuracy:.2f} %")
print(f"test accuracy: {test_accuracy:.2f} %")
remind_if_stand_in()

# %% [markdown]
# On the real images this gives a **train accuracy of 99.04 %** (207 of 209)
# and a **test accuracy of 70.00 %** (35 of 50), measured with this notebook's
# reference solution; your numbers should be the same if your functions are
# right.
#
# Two things stand out. First, for a model this simple, 70 % on pictures it
# has never seen is not bad: a single layer of weights on raw
# pixels does pick up something about cats. Second, the training accuracy is
# much higher than the test accuracy: the model has 12289 parameters and
# only 209 training pictures, so it can partly memorise them. This gap is
# **overfitting**. The deeper networks of week 4 mostly raise the test
# accuracy (the training accuracy has little room left to grow, and a deeper
# network does not always reach this one's); regularisation, which narrows the gap, is a topic of the follow-up course
# (*Improving Deep Neural Networks*), not of this one.
#
# The learning curve shows the recorded costs (one point per 100
# iterations).

# %% tags=["skip-in-grading"]
plt.figure(figsize=(6, 3.5))
plt.plot(np.arange(len(logistic_regression_model["costs"])) * 100, logistic_regression_model["costs"], marker=".")
plt.xlabel("iteration")
plt.ylabel("cost J")
plt.title(f"learning rate = {logistic_regression_model['learning_rate']}")
plt.show()

# %% [markdown]
# The cost drops quickly at first and then ever more slowly, but it never
# levels off at a bottom: the training images are separable (section 3), so
# the cost keeps creeping towards 0 while the weights keep growing. On the
# real images, with this learning rate, $\lVert w \rVert$ is about 1.9 after
# 2000 iterations, 2.6 after 4000 and 3.4 after 8000, when every training
# image is right (100 %) and the cost is about 0.04. Training longer mostly
# widens the gap between train and test accuracy.
#
# ### What the weights look at
#
# Each pixel value has one weight, so $w$ can be shown as a picture of its
# own: reshape it to $64 \times 64 \times 3$ and draw it. On the left all
# three channels rescaled to $[0, 1]$; on the right one channel at a time,
# red where a brighter pixel pushes towards "cat", blue where it pushes away.

# %% tags=["skip-in-grading"]
w_image = logistic_regression_model["w"].reshape(num_px, num_px, 3)
fig, axes = plt.subplots(1, 4, figsize=(14, 3.8))
axes[0].imshow((w_image - w_image.min()) / (w_image.max() - w_image.min()))
axes[0].set_title("w as a picture (rescaled)")
limit = np.abs(w_image).max()
for k, colour in enumerate(["red", "green", "blue"]):
    axes[k + 1].imshow(w_image[:, :, k], cmap="RdBu_r", vmin=-limit, vmax=limit)
    axes[k + 1].set_title(f"weights of the {colour} channel")
for ax in axes:
    ax.axis("off")
plt.show()
print("mean weight of the red, green and blue channels:", np.round(w_image.mean(axis=(0, 1)), 4))
remind_if_stand_in()

# %% [markdown]
# There is no cat in it. On the real images the weights form a mottle of
# blobs a few pixels wide, spread over the whole frame: the model has no
# notion of shape, only of "this pixel bright, that one dark", and with 209
# pictures many of those blobs fit particular training images (the
# overfitting above). One pattern is general enough to read: the green
# channel has a negative mean weight (about -0.004) while red and blue are
# positive (about +0.002), so greener pictures (grass, leaves) lean towards
# "non-cat". Hidden layers (weeks 3 and 4) let a network combine pixels into
# features first.
#
# ### Where the model goes wrong
#
# Here are test pictures that the model labels incorrectly, with the true
# label and the prediction.

# %% tags=["skip-in-grading"]
predicted = logistic_regression_model["Y_prediction_test"].astype(int)
wrong = np.flatnonzero(predicted[0] != test_set_y[0])
print(f"{len(wrong)} of {test_set_y.shape[1]} test pictures are misclassified")
shown = wrong[:8]
if len(shown):
    fig, axes = plt.subplots(1, len(shown), figsize=(2.1 * len(shown), 2.6), squeeze=False)
    for ax, index in zip(axes[0], shown):
        ax.imshow(test_set_x[:, index].reshape(num_px, num_px, 3))
        ax.set_title(f"true: {classes[test_set_y[0, index]].decode()}\n"
                     f"said: {classes[predicted[0, index]].decode()}", fontsize=9)
        ax.axis("off")
    plt.show()

# %% [markdown]
# Since the model only weighs pixel intensities at fixed positions, it is
# easily fooled by an unusual pose, background or lighting, and by cats
# that fill the frame differently from the training cats.
#
# ## 7. The choice of learning rate
#
# The learning rate $\alpha$ decides how far each gradient step goes. The
# next cell trains the same model with three rates and plots the costs.

# %% tags=["skip-in-grading"]
plt.figure(figsize=(6, 3.5))
for rate in (0.01, 0.001, 0.0001):
    print(f"learning rate {rate}:")
    run = model(train_set_x, train_set_y, test_set_x, test_set_y, num_iterations=1500, learning_rate=rate)
    print(f"  train accuracy {100 * np.mean(run['Y_prediction_train'] == train_set_y):.2f} %, "
          f"test accuracy {100 * np.mean(run['Y_prediction_test'] == test_set_y):.2f} %")
    plt.plot(np.arange(len(run["costs"])) * 100, run["costs"], label=f"α = {rate}")
remind_if_stand_in()
plt.xlabel("iteration")
plt.ylabel("cost J")
plt.legend()
plt.show()

# %% [markdown]
# On the real images: with $\alpha = 0.0001$ the cost barely moves in 1500
# iterations (the steps are too timid), and $\alpha = 0.001$ is still far from
# the bottom. With $\alpha = 0.01$ the cost ends lowest, but it jumps up and
# down during the first few hundred iterations, a sign that the steps are
# close to too big; a much larger rate would make it diverge. A good learning rate is
# found by trying a few values spaced by factors of about 3 to 10 and
# watching the cost curve. Note also that the lowest training cost does not
# automatically give the best test accuracy: here $\alpha = 0.01$ reaches
# 99.52 % on the training set but 68 % on the test set, below the 70 % of
# $\alpha = 0.005$.
#
# ## 8. Try your own picture
#
# The next cell classifies an image file of your choice. It ships with
# `my_image.png`, a cartoon cat drawn for this course; put another file next
# to this notebook (any format Pillow reads: JPEG, PNG, ...) and change
# `my_image`. The picture is squashed to 64 × 64 pixels, exactly the format
# the model was trained on, then scaled like the training data. Cartoon
# drawings look rather unlike the photos the model learned from, so do not
# expect miracles.

# %% tags=["skip-in-grading"]
from PIL import Image

my_image = "my_image.png"
picture = Image.open(my_image).convert("RGB").resize((num_px, num_px))
pixels = np.array(picture) / 255.0
x_mine = pixels.reshape(1, num_px * num_px * 3).T
p_cat = float(sigmoid(np.dot(logistic_regression_model["w"].T, x_mine) + logistic_regression_model["b"])[0, 0])
y_mine = int(predict(logistic_regression_model["w"], logistic_regression_model["b"], x_mine)[0, 0])
plt.figure(figsize=(2.5, 2.5))
plt.imshow(pixels)
plt.axis("off")
plt.show()
print(f"the model says: {classes[y_mine].decode()} (probability of cat {p_cat:.2f})")

# %% [markdown]
# ## What you built
#
# * Images become columns of a matrix $X$ of shape $(n_x, m)$; labels a row
#   $Y$ of shape $(1, m)$. Reshape with `A.reshape(m, -1).T`, never
#   `A.reshape(n_x, m)`, and scale pixels to $[0, 1]$.
# * Logistic regression computes $\hat y = \sigma(w^T x + b)$, a probability.
# * Its cost, the average cross-entropy loss, is the negative log-likelihood
#   of the labels (divided by $m$), and it is convex.
# * The computation graph and the chain rule give $dz = a - y$, hence
#   $dw = \frac{1}{m} X (A - Y)^T$ and $db = \frac{1}{m} \sum (A - Y)$; a gradient
#   check confirms such formulas numerically.
# * Gradient descent repeats $\theta := \theta - \alpha\, d\theta$; the learning
#   rate sets its pace.
# * Everything is vectorised: one pass over all $m$ examples is a handful of
#   matrix operations.
#
# Next week the single unit becomes a layer of units, and the network gets a
# hidden layer.

# %% [markdown]
# ## Self-check
#
# Five short questions on this week (both notebooks), graded like an exercise
# (2 points, shared equally among the questions). Answer in the dict
# `answers` of the cell below: a letter for a multiple-choice question (`"b"`
# or `"B"`), a tuple such as `(5, 2)` for a shape. The check under it looks
# only at the *form* of your answers; the feedback after grading tells you,
# for each wrong answer, why it is wrong.
#
# **q1.** `a = np.random.randn(3, 1)` and `b = np.random.randn(1, 4)`. What is
# the shape of `a + b`?
#
# **q2.** `a = np.random.randn(4, 3)` and `b = np.random.randn(3, 2)`. What
# does `c = a * b` give?
#
# * (a) an array of shape (4, 2);
# * (b) an array of shape (4, 3);
# * (c) an error: the shapes cannot be broadcast together;
# * (d) an array of shape (3, 2).
#
# **q3.** Logistic regression on colour images of 64 × 64 pixels, each
# unrolled into one column. What is the shape of the weights `w`?
#
# **q4.** The training images `X` have shape (12288, 209). What is the shape
# of $Z = w^T X + b$?
#
# **q5.** Why does logistic regression use the cross-entropy loss
# $-\bigl(y \log a + (1 - y) \log(1 - a)\bigr)$ rather than the squared error
# $\frac12 (a - y)^2$?
#
# * (a) the squared error cannot be computed when the labels are 0 and 1;
# * (b) after the sigmoid, the squared error makes a cost with flat regions
#   and local minima, while the cross-entropy makes a convex cost;
# * (c) the cross-entropy is faster to compute;
# * (d) the cross-entropy is always the smaller of the two numbers.

# %% nbgrader="solution" grade_id="self_check"
# Replace the line `raise NotImplementedError()` with your answers, in this form:
# answers = {"q1": ..., "q2": ..., "q3": ..., "q4": ..., "q5": ...}
### BEGIN SOLUTION
answers = {"q1": (3, 4), "q2": "c", "q3": (12288, 1), "q4": (1, 209), "q5": "b"}
### END SOLUTION

# %% nbgrader="tests" grade_id="self_check_tests" points=2
from self_check import SHAPE, check_answers, one_of

check_answers(answers, {"q1": SHAPE, "q2": one_of("abcd"), "q3": SHAPE, "q4": SHAPE, "q5": one_of("abcd")})
### BEGIN HIDDEN TESTS
grade_value("answers", against_reference=False, judge=judges.quiz({
    "q1": judges.shape((3, 4), "Broadcasting stretches every axis of length 1 to the other array's length: "
                       "a's single column is repeated 4 times and b's single row 3 times.",
                       wrong={(3, 1): "(3, 1) is a's shape: b's axis 1 of length 4 stretches a too.",
                              (1, 4): "(1, 4) is b's shape: a's axis 0 of length 3 stretches b too."}),
    "q2": judges.choice("c", "* multiplies entry by entry: the shapes must be equal or broadcast (each axis "
                        "equal, or 1 in one of them); 4 against 3 and 3 against 2 are neither.",
                        a="(4, 2) is the shape of the matrix product np.dot(a, b), not of *.",
                        b="(4, 3) would need b to broadcast to a's shape; it cannot.",
                        d="(3, 2) is b's shape; * cannot shrink a to it."),
    "q3": judges.shape((12288, 1), "w holds one weight per input feature, as a column: 64 * 64 * 3 = 12288 "
                       "features, so (12288, 1), and w^T x is one number per image.",
                       wrong={(1, 12288): "(1, 12288) is w^T, a row; the course keeps w as a column.",
                              (64, 64, 3): "(64, 64, 3) is one image before it is unrolled into a column."}),
    "q4": judges.shape((1, 209), "w^T has shape (1, 12288) and X (12288, 209): the product has one number "
                       "per image, (1, 209), and b is broadcast across it.",
                       wrong={(209, 1): "(209, 1) is a column; with examples as columns, Z is a row.",
                              (12288, 209): "(12288, 209) is the shape of X; w^T X sums over the features."}),
    "q5": judges.choice("b", "With the sigmoid, the squared error gives a cost with flat regions and local "
                        "minima where gradient descent can get stuck; the cross-entropy, the negative "
                        "log-likelihood of the labels, gives a convex cost.",
                        a="The squared error can be computed for any labels.",
                        c="Speed is not the reason: both cost about the same to compute.",
                        d="Which number is smaller does not matter; the shape of the cost does."),
}))
### END HIDDEN TESTS

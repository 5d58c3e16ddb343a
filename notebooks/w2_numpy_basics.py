# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   nndl:
#     ship: [diagrams.py]
# ---

# %% [markdown]
# # Week 2 · NumPy basics and vectorization
#
# Every network in this course is, underneath, a handful of array operations
# repeated many times. Before building one, this notebook makes sure those
# operations are second nature: applying a function to every entry of an
# array, reshaping data into the layout a model expects, normalising, and
# measuring an error, all without a single Python loop over the data.
#
# **How the exercises work.** Each exercise is a function with a stub that reads
# `raise NotImplementedError()`. Replace the stub with your code, run the cell,
# then run the test cell right below it. The test cell runs *public checks*:
# it checks the type of what your function returns, then its shape, then its
# values, and tells you what it expected when something is off. When you submit,
# the grader runs further *hidden* checks on inputs you have not seen, so make
# your function correct for any input of the described shape, not just for the
# example.
#
# Keep the names and signatures of the functions as they are: the grader calls
# them by name.

# %% nbgrader="locked" grade_id="setup"
import math
import time

import numpy as np

from nndl_checks import expect

# %% [markdown]
# ## 1. The sigmoid, one number at a time
#
# The logistic sigmoid squashes any real number into the interval (0, 1):
#
# $$\sigma(x) = \frac{1}{1 + e^{-x}}$$
#
# Large positive inputs give values close to 1, large negative ones values
# close to 0, and $\sigma(0) = 0.5$. That makes it a natural way to turn a score
# into a probability, and it is the output unit of the classifiers in weeks 2
# and 3.
#
# Python's standard `math` module works on single numbers. Start there.
#
# ### Exercise 1: `basic_sigmoid`
# Return $\sigma(x)$ for a single Python number `x`, using `math.exp`.

# %% nbgrader="solution" grade_id="basic_sigmoid"
def basic_sigmoid(x):
    """The sigmoid of one real number, with the math module.

    Arguments:
        x -- a Python number
    Returns:
        s -- sigma(x), a float between 0 and 1
    """
    ### BEGIN SOLUTION
    s = 1 / (1 + math.exp(-x))
    ### END SOLUTION
    return s


# %% nbgrader="tests" grade_id="basic_sigmoid_tests" points=1
where = ("Look at Exercise 1: the formula of the sigmoid above, with math.exp for the exponential; mind the "
         "minus sign in the exponent.")
expect(basic_sigmoid(1.0), 0.7310585786300049, "basic_sigmoid(1.0)", hint=where)
expect(basic_sigmoid(-2.0), 0.11920292202211755, "basic_sigmoid(-2.0)", hint=where)
### BEGIN HIDDEN TESTS
grade("basic_sigmoid",
      case("a positive number", float(rng.uniform(0.3, 4.0))),
      case("a negative number", float(-rng.uniform(0.3, 4.0))),
      case("zero", 0.0),
      hint="Follow the formula: the exponent is minus x, and the whole of 1 + e^(-x) is the denominator.")
### END HIDDEN TESTS

# %% [markdown]
# `math.exp` refuses arrays. Uncomment the last line of the next cell and run
# it to see the error you get when you hand it a list of numbers. This is why
# deep-learning code uses NumPy instead: its functions accept whole arrays and
# apply themselves to every entry.

# %% tags=["skip-in-grading"]
values = [1, 2, 3]
# basic_sigmoid(values)   # TypeError: must be real number, not list

# %% [markdown]
# ## 2. The sigmoid on whole arrays
#
# `np.exp(x)` returns a new array holding $e^{x_i}$ for every entry $x_i$ of
# `x`, whatever its shape. Arithmetic between an array and a number works
# entry by entry too: `1 + x`, `x / 3` and `-x` all return arrays of the same
# shape as `x`. Together they let one line of code compute the sigmoid of a
# vector or a matrix.

# %% tags=["skip-in-grading"]
x = np.array([1.0, 2.0, 3.0])
print("np.exp(x) =", np.exp(x))
print("x / 3     =", x / 3)

# %% [markdown]
# ### Exercise 2: `sigmoid`
# Return the sigmoid of every entry of `x` (a number or a NumPy array of any
# shape), as an array of the same shape. Use `np.exp`.

# %% nbgrader="solution" grade_id="sigmoid"
def sigmoid(x):
    """The sigmoid of every entry of x, with NumPy.

    Arguments:
        x -- a number or a NumPy array of any shape
    Returns:
        s -- sigma(x) entry by entry, of the shape of x
    """
    ### BEGIN SOLUTION
    s = 1 / (1 + np.exp(-x))
    ### END SOLUTION
    return s


# %% nbgrader="tests" grade_id="sigmoid_tests" points=2
expect(sigmoid(np.array([1.0, 2.0, 3.0])), np.array([0.73105858, 0.88079708, 0.95257413]),
       "sigmoid(np.array([1.0, 2.0, 3.0]))",
       hint="Look at Exercise 2: np.exp works on whole arrays, math.exp does not.")
### BEGIN HIDDEN TESTS
grade("sigmoid",
      case("a (4, 7) matrix", rng.normal(size=(4, 7))),
      case("a single example, shape (1, 1)", rng.normal(size=(1, 1))),
      case("a vector of shape (6,)", rng.normal(scale=3.0, size=6)),
      case("very large positive and negative entries", np.array([[-800.0, -50.0, 0.0, 50.0, 800.0]])),
      hint=("Keep e^(-x) in the denominator, as in the formula: it stays finite for very large |x|, while "
            "the rewrite with e^x above and below the line gives inf / inf = nan."))
### END HIDDEN TESTS

# %% [markdown]
# A detail worth knowing: for very negative inputs `np.exp(-x)` overflows to
# infinity and NumPy prints a `RuntimeWarning`. The result, `1 / (1 + inf) = 0`,
# is still the right answer, so the warning is harmless here. The tempting
# rewrite `np.exp(x) / (1 + np.exp(x))` is the same on paper, but for large
# positive `x` it computes `inf / inf`, which is `nan`. The hidden checks try
# both extremes.
#
# ## 3. The gradient of the sigmoid
#
# Training a network means following gradients, so we will need
# $\sigma'(x)$ again and again. Differentiating the formula gives a result
# expressed through the sigmoid itself:
#
# $$\sigma'(x) = \frac{e^{-x}}{(1+e^{-x})^2} = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)$$
#
# So once $s = \sigma(x)$ is known, the derivative costs one multiplication.
#
# ### Exercise 3: `sigmoid_derivative`
# Return $\sigma'(x)$ for every entry of the array `x`. Compute
# `s = sigmoid(x)` first, then combine.

# %% nbgrader="solution" grade_id="sigmoid_derivative"
def sigmoid_derivative(x):
    """The derivative of the sigmoid at every entry of x.

    Arguments:
        x -- a number or a NumPy array of any shape
    Returns:
        ds -- sigma'(x) entry by entry, of the shape of x, written with the sigmoid itself
    """
    # 1. The sigmoid of x (your sigmoid above).
    # 2. The derivative, from the formula written with the sigmoid.
    ### BEGIN SOLUTION
    s = sigmoid(x)
    ds = s * (1 - s)
    ### END SOLUTION
    return ds


# %% nbgrader="tests" grade_id="sigmoid_derivative_tests" points=2
expect(sigmoid_derivative(np.array([1.0, 2.0, 3.0])), np.array([0.19661193, 0.10499359, 0.04517666]),
       "sigmoid_derivative(np.array([1.0, 2.0, 3.0]))",
       hint=("Look at Exercise 3: the derivative is written with the sigmoid itself, so compute the sigmoid "
             "of x first (your sigmoid does it), then apply the formula."))
### BEGIN HIDDEN TESTS
grade("sigmoid_derivative",
      case("a (3, 5) matrix", rng.normal(size=(3, 5))),
      case("a single example, shape (1, 1)", rng.normal(size=(1, 1))),
      case("a vector of shape (8,)", rng.normal(scale=2.0, size=8)),
      hint="The formula uses the sigmoid of x, not x itself.")
### END HIDDEN TESTS

# %% [markdown]
# ## 4. Shapes and reshaping
#
# Two attributes describe an array's layout:
#
# * `X.shape` is a tuple with the length of every axis, for example `(64, 64, 3)`
#   for a 64 × 64 colour image (height, width, and three colour channels);
# * `X.reshape(new_shape)` returns the same numbers laid out with another shape,
#   as long as the total count matches. One entry of the new shape may be `-1`,
#   meaning "whatever makes the count match".
#
# A model that takes images usually wants each image as one long column of
# numbers. Reshaping an image of shape `(h, w, c)` to `(h*w*c, 1)` does exactly
# that: NumPy reads the entries in row-major order (the last axis changes
# fastest), so the three colour values of the top-left pixel come first.
#
# The picture shows it on a tiny image of 2 × 2 pixels whose twelve numbers
# are 0 to 11. On the left, its three colour channels; on the right, the
# column that `reshape` makes of it, each entry labelled with the index
# `[row, column, channel]` it comes from. The colours alternate red, green,
# blue down the column: one pixel's three values, then the next pixel's, row
# after row. (`np.arange(12).reshape(2, 2, 3)` fills the image in the same
# order, which is why the column reads 0, 1, 2, ..., 11.)

# %% tags=["skip-in-grading"]
import matplotlib.pyplot as plt

from diagrams import draw_broadcasting, draw_unrolled_image  # the course's drawing helpers, in diagrams.py next to this notebook

draw_unrolled_image(np.arange(12).reshape(2, 2, 3))
plt.show()

# %% [markdown]
# ### Exercise 4: `image2vector`
# Turn an image array of shape `(height, width, channels)` into a column
# vector of shape `(height*width*channels, 1)`.

# %% nbgrader="solution" grade_id="image2vector"
def image2vector(image):
    """Unroll an image into a column vector.

    Arguments:
        image -- a NumPy array of shape (height, width, channels)
    Returns:
        v -- a column of shape (height * width * channels, 1), the entries in the order reshape reads them
    """
    ### BEGIN SOLUTION
    v = image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)
    ### END SOLUTION
    return v


# %% nbgrader="tests" grade_id="image2vector_tests" points=2
tiny_image = np.arange(12, dtype=float).reshape(2, 2, 3) / 10
expect(image2vector(tiny_image), np.arange(12, dtype=float).reshape(12, 1) / 10, "image2vector(tiny_image)",
       hint=("Look at Exercise 4: the result is a column, with one row per number of the image (height times"
             " width times channels rows)."))
### BEGIN HIDDEN TESTS
grade("image2vector",
      case("a (3, 3, 2) image", rng.uniform(size=(3, 3, 2))),
      case("a (4, 2, 3) image (not square)", rng.uniform(size=(4, 2, 3))),
      case("a (1, 1, 3) image (one pixel)", rng.uniform(size=(1, 1, 3))),
      hint=("The result is a column, one row per number of the image, in the order NumPy's reshape reads "
            "them (do not transpose or reorder the axes first)."))
### END HIDDEN TESTS

# %% [markdown]
# ## 5. Broadcasting
#
# Arithmetic between two arrays of *different* shapes is allowed when NumPy
# can stretch them to a common shape. It compares the shapes axis by axis,
# starting from the last one, and two lengths are compatible when they are
# equal or when one of them is 1 (a missing leading axis counts as 1). The
# length-1 axes are then repeated to match, without copying any memory.
#
# | shape of `A` | shape of `B` | shape of `A + B` |
# |---|---|---|
# | `(3, 4)` | `(4,)` | `(3, 4)`: `B` is added to every row |
# | `(3, 4)` | `(3, 1)` | `(3, 4)`: `B` is added to every column |
# | `(3, 1)` | `(1, 4)` | `(3, 4)`: an "outer" sum |
# | `(3, 4)` | `(3,)` | error: 4 and 3 differ |
#
# Broadcasting is what lets `x / norms` divide every row of a matrix by its own
# number, as long as `norms` has shape `(rows, 1)`.
#
# The pictures below draw three such sums. The grey squares, with dashed
# edges, are the entries that broadcasting supplies: a `(1, 4)` row is
# repeated down axis 0 to three rows, a `(3, 1)` column across axis 1 to four
# columns, and in the outer sum both operands are stretched, each along its
# own length-1 axis. NumPy never stores those copies; it only acts as if
# they were there.

# %% tags=["skip-in-grading"]
A = np.arange(12).reshape(3, 4)
fig, axes = plt.subplots(3, 1, figsize=(9, 7.5))
draw_broadcasting(A, np.array([[10, 20, 30, 40]]), axes[0])          # (3, 4) + (1, 4)
draw_broadcasting(A, np.array([[100], [200], [300]]), axes[1])      # (3, 4) + (3, 1)
draw_broadcasting(np.array([[100], [200], [300]]), np.array([[1, 2, 3, 4]]), axes[2])  # (3, 1) + (1, 4)
plt.show()

# %% [markdown]
# The first two sums in code (the row given as a rank-1 `(4,)` vector, which
# NumPy treats as the row `(1, 4)`), then a pair of shapes that does not
# broadcast:

# %% tags=["skip-in-grading"]
A = np.arange(12).reshape(3, 4)
print(A + np.array([10, 20, 30, 40]))             # (3, 4) + (4,)   -> each row
print(A + np.array([[100], [200], [300]]))        # (3, 4) + (3, 1) -> each column
try:
    A + np.array([1, 2, 3])                       # (3, 4) + (3,)   -> error
except ValueError as error:
    print("ValueError:", error)

# %% [markdown]
# ## 6. Normalising rows
#
# Scaling each row of a matrix to length 1 is a common preprocessing step: it
# keeps the direction of every example and discards its size. The length of
# row $i$ is its Euclidean norm $\lVert x_i \rVert = \sqrt{\sum_j x_{ij}^2}$.
#
# `np.linalg.norm(x, axis=1)` computes all row norms at once, but it returns a
# vector of shape `(rows,)`. Passing `keepdims=True` keeps the summed axis with
# length 1, giving shape `(rows, 1)`, which broadcasts against `x` row by row.
#
# ### Exercise 5: `normalize_rows`
# Return `x` with every row divided by its norm. Every input row is non-zero.

# %% nbgrader="solution" grade_id="normalize_rows"
def normalize_rows(x):
    """Scale every row of x to Euclidean norm 1.

    Arguments:
        x -- a NumPy matrix of shape (n, m), no row all zeros
    Returns:
        x -- a new matrix of shape (n, m): each row of x divided by its own norm
    """
    ### BEGIN SOLUTION
    x_norm = np.linalg.norm(x, axis=1, keepdims=True)
    x = x / x_norm
    ### END SOLUTION
    return x


# %% nbgrader="tests" grade_id="normalize_rows_tests" points=2
expect(normalize_rows(np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]])),
       np.array([[0.0, 0.6, 0.8], [0.13736056, 0.82416338, 0.54944226]]),
       "normalize_rows(np.array([[0., 3., 4.], [1., 6., 4.]]))",
       hint="Look at Exercise 5: the row norms need shape (rows, 1) to broadcast (keepdims=True).")
### BEGIN HIDDEN TESTS
grade("normalize_rows",
      case("a (3, 3) matrix", rng.normal(size=(3, 3)) + 0.1),
      case("a (4, 2) matrix", rng.normal(size=(4, 2)) + 0.1),
      case("a single row, shape (1, 5)", rng.normal(size=(1, 5)) + 0.1),
      hint=("Divide each row by its own Euclidean norm: one norm per row (along axis 1), kept as a column so"
            " that it broadcasts along the row."))
### END HIDDEN TESTS

# %% [markdown]
# ## 7. Softmax
#
# The softmax turns a row of arbitrary scores into a probability
# distribution: every entry becomes positive and the row sums to 1.
#
# $$\mathrm{softmax}(x)_{ij} = \frac{e^{x_{ij}}}{\sum_k e^{x_{ik}}}$$
#
# For a matrix of shape `(m, n)`, we apply it to each row separately, so each
# of the `m` rows is one example with `n` class scores. The exponentials are
# one `np.exp`; the row sums are one `np.sum(..., axis=1, keepdims=True)`;
# broadcasting does the division.
#
# **Mind the layout.** In this exercise, and only here, an example is a
# **row** (the layout of a spreadsheet or of most libraries' tabular data).
# From the next notebook on, the course puts every example in a **column**:
# data of shape `(n, m)`, features down, examples across. A softmax output
# layer in that layout normalises each column, with `axis=0`. The arithmetic
# is the same; only the axis changes.
#
# (Libraries subtract each row's maximum before exponentiating, which changes
# nothing mathematically but avoids overflow. You may do so; the checks here
# use moderate scores where it makes no difference.)
#
# ### Exercise 6: `softmax`
# Return the row-wise softmax of the matrix `x`.

# %% nbgrader="solution" grade_id="softmax"
def softmax(x):
    """The softmax of every row of x.

    Arguments:
        x -- a NumPy matrix of shape (m, n): one row per example
    Returns:
        s -- a matrix of shape (m, n): each row holds positive numbers that sum to 1
    """
    # 1. The exponential of every entry.
    # 2. The sum of each row's exponentials, kept as a column (shape (m, 1)).
    # 3. Each row divided by its own sum.
    ### BEGIN SOLUTION
    x_exp = np.exp(x)
    x_sum = np.sum(x_exp, axis=1, keepdims=True)
    s = x_exp / x_sum
    ### END SOLUTION
    return s


# %% nbgrader="tests" grade_id="softmax_tests" points=3
expect(softmax(np.array([[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0]])),
       np.array([[9.80897665e-01, 8.94462891e-04, 1.79657674e-02, 1.21052389e-04, 1.21052389e-04],
                 [8.78679856e-01, 1.18916387e-01, 8.01252314e-04, 8.01252314e-04, 8.01252314e-04]]),
       "softmax of a (2, 5) matrix",
       hint="Look at Exercise 6: each row must sum to 1 (sum along axis=1, keepdims=True).")
### BEGIN HIDDEN TESTS
grade("softmax",
      case("a (3, 4) matrix", rng.normal(scale=2.0, size=(3, 4))),
      case("a (4, 3) matrix", rng.normal(scale=2.0, size=(4, 3))),
      case("a single row, shape (1, 6)", rng.normal(scale=2.0, size=(1, 6))),
      case("a single column, shape (5, 1)", rng.normal(size=(5, 1))),
      hint=("Exponentiate every entry, then divide each row by the sum of its own exponentials (one sum per "
            "row, kept as a column)."))
### END HIDDEN TESTS

# %% [markdown]
# ## 8. Why vectorize
#
# A vectorised operation hands the whole loop to compiled code that works on
# contiguous memory (and often several numbers per processor instruction).
# A Python loop instead interprets every step: fetch an element, box it as a
# Python object, multiply, add. The difference is easy to measure. The cell
# below computes the same dot product of two vectors of a million entries both
# ways.

# %% tags=["skip-in-grading"]
rng_demo = np.random.default_rng(0)
a = rng_demo.normal(size=1_000_000)
b = rng_demo.normal(size=1_000_000)

start = time.perf_counter()
total = 0.0
for i in range(len(a)):
    total += a[i] * b[i]
loop_seconds = time.perf_counter() - start

start = time.perf_counter()
total_vectorised = np.dot(a, b)
vector_seconds = time.perf_counter() - start

print(f"loop:       {total:.6f} in {1000 * loop_seconds:8.2f} ms")
print(f"vectorised: {total_vectorised:.6f} in {1000 * vector_seconds:8.2f} ms")
print(f"the loop is about {loop_seconds / vector_seconds:,.0f} times slower")

# %% [markdown]
# Training a network repeats such operations over every example and every
# iteration, so this factor decides whether an experiment takes seconds or
# hours. From here on, a Python `for` loop over the examples of a dataset is
# a bug.
#
# ### `np.dot` is not `*`
#
# * `a * b` multiplies **entry by entry** (with broadcasting): shapes `(3, 4)` and
#   `(3, 4)` give `(3, 4)`.
# * `np.dot(a, b)` (or `a @ b`) is the **matrix product**: shapes `(3, 4)` and
#   `(4, 2)` give `(3, 2)`, each entry a sum over the shared axis of length 4.
#   For two 1-D vectors it is their inner product, a single number.

# %% tags=["skip-in-grading"]
W = np.arange(6).reshape(2, 3)
x = np.array([[1], [0], [2]])
print("W @ x, shape", (W @ x).shape, "\n", W @ x)
print("W * W, shape", (W * W).shape, "\n", W * W)

# %% [markdown]
# ### Timing three more products
#
# The dot product above is not a lucky case. The next cell writes three other
# everyday operations as Python loops, then times them against NumPy on
# two vectors of 300 numbers, `x1` and `x2`, and two 300 × 300 matrices,
# `W1` and `W2`:
#
# * the **outer product** `np.outer(x1, x2)`, the matrix of all the products
#   `x1[i] * x2[j]` (a loop over 300 × 300 pairs);
# * the **element-wise product** `W1 * W2` of two matrices of the same shape;
# * a **general dot product** `np.dot(W1, x1)`, a matrix times a vector, the
#   operation at the heart of every layer: each entry of the result is a sum
#   of 300 products.
#
# Each loop runs once; each NumPy call runs 20 times and the shortest run
# counts, since a call this fast is easily disturbed by whatever else the
# machine is doing. The cell checks that both ways give the same numbers,
# then prints how much faster NumPy was on *your* machine. Expect the
# vectorised versions to be tens of times faster on a busy machine, and
# often thousands of times on an idle one; the ratios depend on your processor, on your
# NumPy and on what else is running, so yours will differ from your
# neighbour's, and from one run to the next. (The cell takes about a second.)

# %% tags=["skip-in-grading"]
def outer_with_loops(x1, x2):
    result = np.zeros((len(x1), len(x2)))
    for i in range(len(x1)):
        for j in range(len(x2)):
            result[i, j] = x1[i] * x2[j]
    return result


def multiply_with_loops(W1, W2):
    result = np.zeros(W1.shape)
    for i in range(W1.shape[0]):
        for j in range(W1.shape[1]):
            result[i, j] = W1[i, j] * W2[i, j]
    return result


def dot_with_loops(W, x1):
    result = np.zeros(W.shape[0])
    for i in range(W.shape[0]):
        for j in range(W.shape[1]):
            result[i] += W[i, j] * x1[j]
    return result


def shortest_run(function, arguments, runs):
    """The result of function(*arguments) and the shortest of `runs` timings, in seconds."""
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function(*arguments)
        seconds.append(time.perf_counter() - start)
    return result, min(seconds)


rng_timing = np.random.default_rng(1)
x1, x2 = rng_timing.normal(size=300), rng_timing.normal(size=300)
W1, W2 = rng_timing.normal(size=(300, 300)), rng_timing.normal(size=(300, 300))
for name, with_loops, with_numpy, arguments in [("np.outer(x1, x2)", outer_with_loops, np.outer, (x1, x2)),
                                                ("W1 * W2         ", multiply_with_loops, np.multiply, (W1, W2)),
                                                ("np.dot(W1, x1)  ", dot_with_loops, np.dot, (W1, x1))]:
    by_loops, loop_seconds = shortest_run(with_loops, arguments, runs=1)
    by_numpy, numpy_seconds = shortest_run(with_numpy, arguments, runs=20)
    same = np.allclose(by_loops, by_numpy)
    print(f"{name} loops {1000 * loop_seconds:7.1f} ms, NumPy {1000 * numpy_seconds:7.3f} ms: "
          f"{loop_seconds / numpy_seconds:,.0f} times faster (same result: {same})")

# %% [markdown]
# ## 9. The rank-1 array pitfall
#
# `np.random.randn(5)` and `np.sum(X, axis=1)` return arrays of shape `(5,)`:
# neither a row nor a column, just five numbers. Such rank-1 arrays behave
# surprisingly: transposing one does nothing, and combining one with a column
# broadcasts into a full matrix instead of failing.

# %% tags=["skip-in-grading"]
v = np.arange(5.0)                  # shape (5,)
print(v.shape, v.T.shape)           # (5,) (5,): .T changes nothing
col = v.reshape(5, 1)               # an explicit column, shape (5, 1)
print((v + col).shape)              # (5, 5)! broadcasting, not an error
print(np.dot(v, v), np.dot(col.T, col))  # a number vs a (1, 1) matrix

# %% [markdown]
# Three habits avoid the trouble:
#
# 1. create vectors with an explicit second axis: `np.zeros((n, 1))`,
#    `rng.normal(size=(n, 1))`;
# 2. keep reduced axes with `keepdims=True` (`np.sum(X, axis=1, keepdims=True)`
#    has shape `(n, 1)`), or reshape the result with `.reshape(n, 1)`;
# 3. state the shapes you expect: `assert dW.shape == W.shape` costs nothing
#    and catches the bug where it happens.
#
# ## 10. Loss functions
#
# A loss measures how far predictions `yhat` are from the true labels `y`.
# Two classic ones, for vectors of `m` values:
#
# $$L_1(\hat y, y) = \sum_{i=1}^{m} \lvert y^{(i)} - \hat y^{(i)} \rvert
# \qquad
# L_2(\hat y, y) = \sum_{i=1}^{m} \bigl(y^{(i)} - \hat y^{(i)}\bigr)^2$$
#
# Both are one line with NumPy. For $L_2$ you need the sum of the squares of
# the differences $d = y - \hat y$: squaring entry by entry and adding up, or
# the dot product of $d$ with itself, which is the same sum written as one
# product.
#
# ### Exercise 7: `L1` and Exercise 8: `L2`
# `yhat` and `y` are rank-1 vectors of the same shape `(m,)`. Return each loss
# as a single number.

# %% nbgrader="solution" grade_id="L1"
def L1(yhat, y):
    """The L1 loss.

    Arguments:
        yhat -- predictions, a rank-1 vector of shape (m,)
        y -- true labels, shape (m,)
    Returns:
        loss -- the sum over the m entries of |y - yhat|, a number
    """
    ### BEGIN SOLUTION
    loss = np.sum(np.abs(y - yhat))
    ### END SOLUTION
    return loss


# %% nbgrader="tests" grade_id="L1_tests" points=1
yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
y = np.array([1, 0, 0, 1, 1])
expect(L1(yhat, y), 1.1, "L1(yhat, y)", hint="Look at Exercise 7: the sum of absolute differences.")
### BEGIN HIDDEN TESTS
grade("L1",
      case("8 predictions and labels", rng.uniform(size=8), rng.integers(0, 2, size=8).astype(float)),
      case("one prediction", rng.uniform(size=1), np.array([1.0])),
      case("20 predictions, some far from their labels", rng.uniform(-2, 3, size=20),
           rng.integers(0, 2, size=20).astype(float)),
      hint="L1 adds up the size of every difference: take absolute values before summing, so that "
           "errors of opposite signs cannot cancel out.")
### END HIDDEN TESTS

# %% nbgrader="solution" grade_id="L2"
def L2(yhat, y):
    """The L2 loss.

    Arguments:
        yhat -- predictions, a rank-1 vector of shape (m,)
        y -- true labels, shape (m,)
    Returns:
        loss -- the sum over the m entries of (y - yhat) squared, a number
    """
    ### BEGIN SOLUTION
    loss = np.sum((y - yhat) ** 2)
    ### END SOLUTION
    return loss


# %% nbgrader="tests" grade_id="L2_tests" points=1
expect(L2(yhat, y), 0.43, "L2(yhat, y)", hint="Look at Exercise 8: the sum of squared differences.")
### BEGIN HIDDEN TESTS
grade("L2",
      case("8 predictions and labels", rng.uniform(size=8), rng.integers(0, 2, size=8).astype(float)),
      case("one prediction", rng.uniform(size=1), np.array([0.0])),
      case("20 predictions, some far from their labels", rng.uniform(-2, 3, size=20),
           rng.integers(0, 2, size=20).astype(float)),
      hint="L2 adds up the squares of the differences: square first, then sum (the square of the sum "
           "is another number).")
### END HIDDEN TESTS

# %% [markdown]
# **Beyond the exercise: rows and columns.** From week 2 on, labels come as a
# row of shape `(1, m)`, and section 9 recommends explicit rows and columns.
# For those, the dot product of `d` with itself no longer lines up: a `(1, m)`
# array times a `(1, m)` array is not a matrix product, and NumPy raises an
# error. Squaring entry by entry and summing works for any shape. Run the next
# cell to see both (it is not graded).

# %% tags=["skip-in-grading"]
d = (y - yhat).reshape(1, 5)        # the same differences as a row, shape (1, 5)
print("entry-wise squares, summed:", np.sum(d ** 2))
print("row times its transpose:   ", np.dot(d, d.T))   # a (1, 1) matrix, not a number
try:
    np.dot(d, d)
except ValueError as error:
    print("np.dot(d, d) on a row:     ", error)

# %% [markdown]
# ## What you practised
#
# * NumPy functions and arithmetic apply to every entry of an array at once;
#   `math` works on single numbers only.
# * `reshape` changes the layout, never the numbers; `keepdims=True` keeps
#   reduced axes so results broadcast the way you mean.
# * Broadcasting matches shapes from the last axis; a length of 1 stretches.
# * `np.dot` / `@` is the matrix product, `*` the entry-wise one.
# * Rank-1 arrays of shape `(n,)` are a trap: use `(n, 1)` and assert shapes.
# * Vectorised code is orders of magnitude faster than loops over examples.
#
# In the next notebook, also part of week 2, these pieces become a
# logistic-regression classifier for cat pictures.

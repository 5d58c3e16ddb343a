# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   nndl:
#     ship: [cat_data.py, diagrams.py]
#     ship_solutions: {from: w4_deep_network, module: dnn_steps.py}
# ---

# %% [markdown]
# # Week 4 · A deep network for cat pictures
#
# In week 2, logistic regression on the raw pixels of the cat / non-cat images
# reached 70 % test accuracy (on the real images; figures quoted in this
# notebook are for them too, and a cell that computes one reminds you when
# you are running on the synthetic stand-in instead). This notebook trains two networks on the
# same images with the functions you wrote last time:
#
# * a 2-layer network: one hidden layer of 7 ReLU units;
# * a 4-layer network: hidden layers of 20, 7 and 5 ReLU units.
#
# The step-by-step functions come from the module `dnn_steps.py` next to this
# notebook (the reference versions of last notebook's exercises, so a bug
# there cannot spoil this one). Your job is the training loops.
#
# **How the exercises work.** As before: replace each `raise NotImplementedError()`
# with your code, run the cell and then the test cell below it. The cells that
# train on the full data set take a few seconds each; the grader skips them and
# checks your functions on small data of its own.

# %% nbgrader="locked" grade_id="setup"
import os

import matplotlib.pyplot as plt
import numpy as np

from cat_data import load_cat_data, remind_if_stand_in
from dnn_steps import (L_model_backward, L_model_forward, compute_cost, initialize_parameters,
                       linear_activation_backward, linear_activation_forward, update_parameters)
from nndl_checks import expect

# %% [markdown]
# One function is not last notebook's: `initialize_parameters_deep` below is
# provided, and it scales the weights of layer $l$ by $1/\sqrt{n^{[l-1]}}$
# instead of `0.01`. Last notebook explained why: with `0.01` and 12288 inputs,
# the signal of a 4-layer network fades away layer after layer and gradient
# descent barely moves. With $1/\sqrt{n^{[l-1]}}$ the signal keeps its size
# through a linear step; each ReLU layer still halves its variance (He's
# $\sqrt{2/n^{[l-1]}}$ would make up for that), which three ReLU layers
# survive well enough.
#
# `plot_costs` draws the costs a training loop recorded: one every 100
# iterations, at the iterations `i` with `i % 100 == 0`, so the $k$-th cost
# belongs to iteration $100k$, whatever `num_iterations` was.

# %% nbgrader="locked" grade_id="helpers"
def initialize_parameters_deep(layer_dims):
    """W1, b1, ..., WL, bL for layer sizes [n_x, n_1, ..., n_L]: W{l} of spread 1/sqrt(n_{l-1}), b{l} zeros."""
    parameters = {}
    for l, (n_prev, n) in enumerate(zip(layer_dims[:-1], layer_dims[1:]), start=1):
        parameters["W" + str(l)] = np.random.randn(n, n_prev) / np.sqrt(n_prev)
        parameters["b" + str(l)] = np.zeros((n, 1))
    return parameters


def predict(X, parameters):
    """Labels (0 or 1, shape (1, m)) that the network with these parameters gives the m columns of X."""
    AL, _ = L_model_forward(X, parameters)
    return (AL > 0.5).astype(int)


def accuracy(X, Y, parameters):
    """Fraction of the m examples (columns of X) that the network labels correctly."""
    return float(np.mean(predict(X, parameters) == Y))


def plot_costs(costs, learning_rate, title, every=100):
    """Plot costs recorded at iterations 0, every, 2 * every, ... (those with i % every == 0)."""
    iterations = every * np.arange(len(costs))
    plt.plot(iterations, costs, marker=".")
    plt.xlabel("iteration")
    plt.ylabel("cost")
    plt.title(f"{title}, learning rate {learning_rate}")
    plt.show()


# %% [markdown]
# ## 1. The data
#
# The data set holds 209 training and 50 test images of $64 \times 64$ pixels
# with three colour channels, each labelled cat (1) or non-cat (0). As in week
# 2, every image becomes one column of $64 \cdot 64 \cdot 3 = 12288$ numbers,
# and dividing by 255 brings the pixel values into $[0, 1]$.

# %% tags=["skip-in-grading"]
train_x_orig, train_y, test_x_orig, test_y, classes = load_cat_data()

index = 10
plt.imshow(train_x_orig[index])
plt.title(f"label {train_y[0, index]}: {classes[train_y[0, index]].decode()}")
plt.axis("off")
plt.show()

# one column per image, values in [0, 1]
train_x = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 255
test_x = test_x_orig.reshape(test_x_orig.shape[0], -1).T / 255
print("train_x:", train_x.shape, " train_y:", train_y.shape)
print("test_x: ", test_x.shape, " test_y: ", test_y.shape)

# %% [markdown]
# ## 2. The recipe
#
# Both models are trained by the same loop, written with last notebook's
# building blocks:
#
# 1. initialise the parameters;
# 2. repeat `num_iterations` times: forward propagation, cost, backward
#    propagation, parameter update;
# 3. use the trained parameters to predict.
#
# Training runs on all 209 images at once (each iteration is one step of
# *batch* gradient descent), so one iteration is a handful of matrix
# products, and the largest of them involve the $12288 \times 209$ input.
# (One of them is wasted: the backward pass of layer 1 also computes
# $dA^{[0]}$, the gradient with respect to the pixels, which costs as much as
# $dW^{[1]}$ and serves nothing. The step-by-step functions keep it for
# uniformity; a library tuned for speed would skip it.)
#
# For the training curve, the functions keep the cost of every 100th
# iteration (iterations 0, 100, 200, ...) in a list `costs`. When
# `print_cost` is `True` they also print it then, and after the last
# iteration.
#
# ## 3. A 2-layer network
#
# LINEAR → RELU → LINEAR → SIGMOID, with `layers_dims = (n_x, n_h, n_y)`.

# %% tags=["skip-in-grading"]
from diagrams import draw_network  # the course's drawing helpers, in diagrams.py next to this notebook

fig, axes = plt.subplots(1, 2, figsize=(15, 4.5), gridspec_kw={"width_ratios": [3, 5]})
draw_network([12288, 7, 1], axes[0])
axes[0].set_title("the 2-layer network: 12288 inputs, 7 ReLU units, 1 sigmoid unit")
draw_network([12288, 20, 7, 5, 1], axes[1])
axes[1].set_title("the 4-layer network: hidden layers of 20, 7 and 5 ReLU units")
plt.show()

# %% [markdown]
# ### Exercise 1: `two_layer_model`
# Write the training loop with `initialize_parameters`,
# `linear_activation_forward`, `compute_cost`, `linear_activation_backward`
# and `update_parameters`:
#
# * forward: `A1, cache1` with `"relu"`, then `A2, cache2` with `"sigmoid"`;
# * backward: start from $dA^{[2]} = -\left(\frac{Y}{A^{[2]}} - \frac{1-Y}{1-A^{[2]}}\right)$,
#   get `dA1, dW2, db2` from layer 2, then `dA0, dW1, db1` from layer 1
#   (`dA0` is not used);
# * put `dW1, db1, dW2, db2` in a dict `grads` and update the parameters.
#
# The first line, `np.random.seed(1)`, is given: it makes the initial weights,
# and so the whole run, the same for everyone. So is the loop over the
# iterations; the comments in the cell say what goes in each gap, and about
# how many lines it takes.

# %% nbgrader="solution" grade_id="two_layer_model"
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """Train LINEAR->RELU->LINEAR->SIGMOID with batch gradient descent.

    Arguments:
        X -- inputs, shape (n_x, m)
        Y -- labels, shape (1, m)
        layers_dims -- the sizes (n_x, n_h, n_y)
        learning_rate -- the step size alpha
        num_iterations -- the number of gradient-descent steps
        print_cost -- print the cost every 100 iterations when True
    Returns:
        parameters -- the trained W1, b1, W2, b2, in a dict
        costs -- the costs of iterations 0, 100, 200, ...
    """
    np.random.seed(1)
    costs = []
    (n_x, n_h, n_y) = layers_dims
    # 1. The starting parameters (about 1 line), from the three layer sizes.
    ### BEGIN SOLUTION
    parameters = initialize_parameters(n_x, n_h, n_y)
    ### END SOLUTION
    for i in range(num_iterations):
        # 2. Forward and cost (about 3 lines): layer 1 with "relu" gives A1 and cache1,
        #    layer 2 with "sigmoid" gives A2 and cache2; then the cost of A2 against Y.
        ### BEGIN SOLUTION
        A1, cache1 = linear_activation_forward(X, parameters["W1"], parameters["b1"], "relu")
        A2, cache2 = linear_activation_forward(A1, parameters["W2"], parameters["b2"], "sigmoid")
        cost = compute_cost(A2, Y)
        ### END SOLUTION
        # 3. Backward (about 3 lines): dA2 from the formula above; layer 2 ("sigmoid")
        #    turns it into dA1, dW2, db2, and layer 1 ("relu") turns dA1 into dA0, dW1, db1.
        ### BEGIN SOLUTION
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        ### END SOLUTION
        # 4. Update (about 2 lines): collect dW1, db1, dW2, db2 in a dict `grads`, then keep
        #    the new parameters that update_parameters returns (with learning_rate).
        ### BEGIN SOLUTION
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        parameters = update_parameters(parameters, grads, learning_rate)
        ### END SOLUTION
        # 5. Bookkeeping (about 4 lines): append the cost to `costs` when i is a multiple of
        #    100; if print_cost, print it then and also at the last iteration.
        ### BEGIN SOLUTION
        if i % 100 == 0:
            costs.append(cost)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"cost after iteration {i}: {cost:.6f}")
        ### END SOLUTION
    return parameters, costs


# %% nbgrader="tests" grade_id="two_layer_model_tests" points=4
X_tiny = np.array([[0.5, -1.2, 0.3, 2.0, -0.4], [1.5, 0.2, -0.7, 0.1, 0.9], [-0.4, 0.9, 1.1, -1.3, 0.2]])
Y_tiny = np.array([[1.0, 0.0, 1.0, 0.0, 1.0]])
parameters_tiny, costs_tiny = two_layer_model(X_tiny, Y_tiny, (3, 4, 1), learning_rate=0.5, num_iterations=201)
expect(len(costs_tiny), 3, "len(costs) after 201 iterations (iterations 0, 100 and 200)",
       hint="Append the cost only when i % 100 == 0 (print it at the last iteration if you like, but do not "
            "record it then).")
expect(costs_tiny, [0.69317718, 0.43042084, 0.38621816], "costs",
       hint=("Layer 1 with \"relu\", layer 2 with \"sigmoid\", forward and backward; backpropagation starts from"
             " dA2, the derivative of the cost with respect to A2 (A2 - Y is dZ2, not dA2)."))
expect(parameters_tiny["b2"], np.array([[0.72500683]]), "the trained b2",
       hint="Keep the parameters update_parameters returns, and pass it the learning_rate argument.")
### BEGIN HIDDEN TESTS
grade("two_layer_model",
      case("6 features, 12 examples, 4 hidden units, 150 iterations",
           rng.normal(size=(6, 12)), (rng.uniform(size=(1, 12)) < 0.5).astype(float), (6, 4, 1),
           learning_rate=0.1, num_iterations=150),
      case("10 features, 8 examples, 3 hidden units, 101 iterations with the default learning rate",
           rng.uniform(size=(10, 8)), (rng.uniform(size=(1, 8)) < 0.5).astype(float), (10, 3, 1),
           num_iterations=101, print_cost=True),
      case("4 features, one example, 5 hidden units, 30 iterations",
           rng.normal(size=(4, 1)), np.array([[1.0]]), (4, 5, 1), learning_rate=0.2, num_iterations=30),
      hint=("Start backpropagation from dA2, the derivative of the cost with respect to A2 (not A2 - Y), "
            "keep the parameters that update_parameters returns, and record the cost every 100 iterations, "
            "from iteration 0."))
### END HIDDEN TESTS

# %% [markdown]
# Now train it on the cat images: 12288 inputs, 7 hidden units, 2500
# iterations. The cost should fall from about 0.69 (a coin toss: $\log 2$) to
# below 0.05.

# %% tags=["skip-in-grading"]
n_x, n_h, n_y = 12288, 7, 1
parameters_2, costs_2 = two_layer_model(train_x, train_y, (n_x, n_h, n_y), num_iterations=2500, print_cost=True)
plot_costs(costs_2, 0.0075, "2-layer network")
print(f"2-layer network: train accuracy {100 * accuracy(train_x, train_y, parameters_2):.1f} %, "
      f"test accuracy {100 * accuracy(test_x, test_y, parameters_2):.1f} %")
remind_if_stand_in()

# %% [markdown]
# On the real images this gives **100 % training accuracy and 72 % test
# accuracy** (36 of 50 test images). Week 2's logistic regression got 70 %,
# so one small hidden layer helps a little. The gap between training and test
# accuracy says the network fits the training set far better than it
# generalises; closing that gap (regularisation, and *early stopping*:
# ending training before the network has memorised the training set, when
# held-out data say so) is a topic of the follow-up course, *Improving Deep
# Neural Networks*.
#
# ## 4. An $L$-layer network
#
# [LINEAR → RELU] × (L−1) → LINEAR → SIGMOID, with
# `layers_dims = [n_x, n_1, ..., n_L]`.
#
# ### Exercise 2: `L_layer_model`
# The same loop, written with the whole-network functions:
# `initialize_parameters_deep(layers_dims)`, `L_model_forward`,
# `compute_cost`, `L_model_backward` and `update_parameters`. The cost bookkeeping
# is the same as in Exercise 1, and again the comments in the cell mark the gaps.

# %% nbgrader="solution" grade_id="L_layer_model"
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """Train [LINEAR->RELU]*(L-1)->LINEAR->SIGMOID with batch gradient descent.

    Arguments:
        X -- inputs, shape (n_x, m)
        Y -- labels, shape (1, m)
        layers_dims -- the sizes [n_x, n_1, ..., n_L]
        learning_rate -- the step size alpha
        num_iterations -- the number of gradient-descent steps
        print_cost -- print the cost every 100 iterations when True
    Returns:
        parameters -- the trained W1, b1, ..., WL, bL, in a dict
        costs -- the costs of iterations 0, 100, 200, ... (as in two_layer_model)
    """
    np.random.seed(1)
    costs = []
    # 1. The starting parameters (about 1 line), for all the sizes in layers_dims.
    ### BEGIN SOLUTION
    parameters = initialize_parameters_deep(layers_dims)
    ### END SOLUTION
    for i in range(num_iterations):
        # 2. One step of gradient descent (about 4 lines): the forward pass through all
        #    the layers (AL and the caches), the cost, the gradients from the backward
        #    pass, then keep the new parameters that update_parameters returns.
        ### BEGIN SOLUTION
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        ### END SOLUTION
        # 3. Bookkeeping (about 4 lines), as in Exercise 1.
        ### BEGIN SOLUTION
        if i % 100 == 0:
            costs.append(cost)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"cost after iteration {i}: {cost:.6f}")
        ### END SOLUTION
    return parameters, costs


# %% nbgrader="tests" grade_id="L_layer_model_tests" points=4
parameters_tiny, costs_tiny = L_layer_model(X_tiny, Y_tiny, [3, 4, 3, 1], learning_rate=0.3, num_iterations=201)
expect(len(costs_tiny), 3, "len(costs) after 201 iterations (iterations 0, 100 and 200)",
       hint="Append the cost only when i % 100 == 0 (print it at the last iteration if you like, but do not "
            "record it then).")
expect(costs_tiny, [0.68420051, 0.06080844, 0.02478359], "costs",
       hint="Every iteration: L_model_forward, compute_cost, L_model_backward, then "
            "update_parameters with the learning rate, keeping what it returns.")
expect(parameters_tiny["b3"], np.array([[-2.82792236]]), "the trained b3",
       hint="Keep the parameters update_parameters returns, and pass it the learning_rate argument.")
### BEGIN HIDDEN TESTS
grade("L_layer_model",
      case("a 3-layer network, 6 features, 12 examples, 150 iterations",
           rng.normal(size=(6, 12)), (rng.uniform(size=(1, 12)) < 0.5).astype(float), [6, 5, 3, 1],
           learning_rate=0.1, num_iterations=150),
      case("a 2-layer network, 10 features, 8 examples, 101 iterations with the default learning rate",
           rng.uniform(size=(10, 8)), (rng.uniform(size=(1, 8)) < 0.5).astype(float), [10, 4, 1],
           num_iterations=101, print_cost=True),
      case("a 4-layer network, 5 features, one example, 40 iterations",
           rng.normal(size=(5, 1)), np.array([[0.0]]), [5, 4, 4, 3, 1], learning_rate=0.05, num_iterations=40),
      hint="Each iteration: L_model_forward, compute_cost, L_model_backward, then "
           "update_parameters with the learning rate, keeping what it returns.")
### END HIDDEN TESTS

# %% [markdown]
# Train the 4-layer network, `[12288, 20, 7, 5, 1]`, for 2500 iterations.

# %% tags=["skip-in-grading"]
layers_dims = [12288, 20, 7, 5, 1]
parameters_L, costs_L = L_layer_model(train_x, train_y, layers_dims, num_iterations=2500, print_cost=True)
plot_costs(costs_L, 0.0075, "4-layer network")
print(f"4-layer network: train accuracy {100 * accuracy(train_x, train_y, parameters_L):.1f} %, "
      f"test accuracy {100 * accuracy(test_x, test_y, parameters_L):.1f} %")
remind_if_stand_in()

# %% [markdown]
# On the real images: **98.6 % training accuracy (206 of 209) and 80 % test
# accuracy** (40 of 50), against 72 % for the 2-layer network, with the same
# learning rate and number of iterations. Depth pays off even on this tiny
# data set. Better hyperparameters (and the techniques of the follow-up
# course) push it further.
#
# Both learning curves on one axis (the costs recorded every 100 iterations):

# %% tags=["skip-in-grading"]
plt.figure(figsize=(7, 4))
for name, recorded in [("2-layer [12288, 7, 1]", costs_2), ("4-layer [12288, 20, 7, 5, 1]", costs_L)]:
    plt.plot(100 * np.arange(len(recorded)), recorded, marker=".", label=name)
plt.xlabel("iteration")
plt.ylabel("cost")
plt.title("learning rate 0.0075")
plt.legend()
plt.show()

# %% [markdown]
# On the real images the 4-layer network starts from a higher cost (0.77
# against 0.69: its first random outputs are further from a coin toss), then
# falls at about the same pace, and ends higher (0.088 against 0.044 after
# iteration 2499), yet it does better on the test images. The training cost
# alone does not tell which network generalises better.
#
# ### Training and test accuracy along the way
#
# How does the test accuracy evolve while the network trains? The next cell
# runs your `L_layer_model` again (same seed, same steps, so it ends with the
# same parameters), with `update_parameters` swapped for a version that also
# measures both accuracies every 100 calls, that is every 100 iterations. It
# takes about as long as the training above.

# %% tags=["skip-in-grading"]
def watched(update, history, every=100):
    """update_parameters, which also notes (iteration, train and test accuracy) every `every` calls."""
    def update_and_watch(parameters, grads, learning_rate):
        if len(history) * every == update_and_watch.calls:
            history.append((update_and_watch.calls, accuracy(train_x, train_y, parameters),
                            accuracy(test_x, test_y, parameters)))
        update_and_watch.calls += 1
        return update(parameters, grads, learning_rate)

    update_and_watch.calls = 0
    return update_and_watch


history, plain_update = [], update_parameters
update_parameters = watched(plain_update, history)  # your L_layer_model calls it once per iteration
try:
    parameters_watched, _ = L_layer_model(train_x, train_y, layers_dims, num_iterations=2500)
finally:
    update_parameters = plain_update
history.append((2500, accuracy(train_x, train_y, parameters_watched), accuracy(test_x, test_y, parameters_watched)))
steps, train_accuracy, test_accuracy = (np.array(column) for column in zip(*history))
plt.figure(figsize=(7, 4))
plt.plot(steps, 100 * train_accuracy, marker=".", label="training images (209)")
plt.plot(steps, 100 * test_accuracy, marker=".", label="test images (50)")
plt.xlabel("iteration")
plt.ylabel("accuracy (%)")
plt.legend()
plt.show()
print("iteration  train %  test %")
for i, train_share, test_share in history:
    print(f"{i:9d}  {100 * train_share:7.1f}  {100 * test_share:6.0f}")
best = int(np.argmax(test_accuracy))
print(f"best test accuracy {100 * test_accuracy[best]:.0f} % at iteration {steps[best]}; "
      f"at iteration {steps[-1]}: train {100 * train_accuracy[-1]:.1f} %, test {100 * test_accuracy[-1]:.0f} %")
remind_if_stand_in()

# %% [markdown]
# On the real images the training accuracy climbs to 98 % by iteration 1400
# and then barely moves, while the test accuracy jumps around: 66 % at
# iteration 1000, its best, 82 %, at iterations 1500 and 1600, and 80 % from
# 1900 on, with a dip to 76 % at 2300. Stopping at 1500 would have given one
# more correct test picture (82 % against 80 %; one of 50 pictures is 2
# points). That is *early stopping*, but chosen this way it cheats: the
# stopping point was picked by looking at the test images, so 82 % is an
# optimistic estimate of how the network does on new pictures. Done properly,
# the stopping point is chosen on a separate *development* set and the test
# set is looked at once, at the end; with 50 test pictures, differences of a
# few points are mostly luck. Both are topics of the follow-up course.
#
# ## 5. Where the network goes wrong
#
# The cell below shows the test images the 4-layer network labels wrongly.
# Typical culprits: a cat in an unusual pose or position, a cat whose colour
# blends into the background, strong or odd lighting, and cats that fill only
# a small part of the picture or are cut off. 209 training pictures simply do
# not show enough variety.

# %% tags=["skip-in-grading"]
wrong = np.where(predict(test_x, parameters_L)[0] != test_y[0])[0]
print(f"{len(wrong)} of {test_y.shape[1]} test images are misclassified")
remind_if_stand_in()
columns = 5
rows = max(1, int(np.ceil(len(wrong) / columns)))
fig, axes = plt.subplots(rows, columns, figsize=(2.4 * columns, 2.6 * rows), squeeze=False)
for ax in axes.ravel():
    ax.axis("off")
for ax, i in zip(axes.ravel(), wrong):
    ax.imshow(test_x_orig[i])
    ax.set_title(f"said {classes[1 - test_y[0, i]].decode()}\nis {classes[test_y[0, i]].decode()}", fontsize=9)
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 6. Your own picture
#
# Put a picture (JPEG or PNG) in the folder of this notebook, write its file
# name below, and set `my_label` to 1 for a cat or 0 for anything else. The
# image is scaled to $64 \times 64$ pixels, the size the network was trained
# on. Without a picture of your own, the cell uses a test image.

# %% tags=["skip-in-grading"]
my_image = "my_image.jpg"
my_label = 1

if os.path.exists(my_image):
    from PIL import Image

    picture = np.array(Image.open(my_image).convert("RGB").resize((64, 64)))
else:
    print(f"{my_image} not found next to the notebook, so here is test image 2 instead")
    picture, my_label = test_x_orig[2], int(test_y[0, 2])
x = picture.reshape(1, -1).T / 255
label = int(predict(x, parameters_L)[0, 0])
plt.imshow(picture)
plt.axis("off")
plt.show()
print(f"the 4-layer network says: {classes[label].decode()} (you said: {classes[my_label].decode()})")

# %% [markdown]
# ## What you did
#
# * Two training loops, one built from per-layer blocks and one from the
#   whole-network functions: initialise, then forward, cost, backward and
#   update, over and over.
# * A deeper network (4 layers) beat a shallow one (2 layers) on the test
#   images, 80 % against 72 %.
# * Every iteration is a few large matrix products over all 209 images at
#   once (and one of them, $dA^{[0]}$, could be skipped to save about a third
#   of the work).
#
# This is the end of the course. Why the training accuracy is so much higher
# than the test accuracy, and what to do about it (regularisation, better
# initialisation, and more), is the subject of the follow-up course,
# *Improving Deep Neural Networks*.

# Generated from nndl/student_files/scale_demo.py by `nndl build`: edit that file, not this copy.
"""Week 1's experiment: how accuracy grows with the amount of data, for models of four sizes.

Everything is made from a seed, so every run (and every student) sees the same numbers:

* :func:`make_data`: points of the square [-1, 1]^2 coloured like a bent checkerboard (the
  sign of sin(5 x1) sin(5 x2 + 0.5 sin(2 x1))); a few labels are flipped at random (label noise),
  so no model can be right on every point;
* :data:`MODELS`: the four models compared, as layer sizes (logistic regression is the network
  with no hidden layer);
* :func:`train` and :func:`accuracy`: a small network (ReLU hidden units, one sigmoid output
  unit) trained by mini-batch gradient descent with the Adam update;
* :func:`learning_curves` and :func:`plot_learning_curves`: test accuracy of every model for
  training sets of growing size.

You will write every piece of such a network yourself in weeks 2 to 4; this module is here
only to run the experiment. Data come in the course's layout: ``X`` of shape ``(2, m)``
(one column per example) and ``Y`` of shape ``(1, m)`` holding 0 and 1.
"""
import numpy as np

# The four models: layer sizes from the 2 inputs to the 1 output.
MODELS = {
    "logistic regression": [2, 1],
    "small network": [2, 3, 1],
    "medium network": [2, 12, 1],
    "large network": [2, 64, 64, 1],
}
SIZES = [20, 60, 200, 600, 2000, 6000]  # training-set sizes of the experiment
LABEL_NOISE = 0.03  # the share of labels flipped at random
TEST_SIZE = 5000
TEST_SEED = 1


FREQUENCY = 5  # of the checkerboard: four cells along each side of the square


def checkerboard(x1, x2):
    """Positive on the cells labelled 1, negative on the others: a checkerboard whose rows bend."""
    return np.sin(FREQUENCY * x1) * np.sin(FREQUENCY * x2 + 0.5 * np.sin(2 * x1))


def true_labels(X):
    """The label of every column of X before noise: the colour of its cell of the checkerboard."""
    return (checkerboard(X[0], X[1]) > 0).astype(float).reshape(1, -1)


def make_data(m, seed, noise=LABEL_NOISE):
    """``m`` points drawn uniformly from [-1, 1]^2 and their labels, a share ``noise`` of them flipped.

    Returns ``X`` (2, m) and ``Y`` (1, m) of floats."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(2, m))
    Y = true_labels(X)
    flipped = rng.uniform(size=(1, m)) < noise
    return X, np.where(flipped, 1 - Y, Y)


def held_out_set():
    """The held-out points every model is measured on (never used for training)."""
    return make_data(TEST_SIZE, TEST_SEED)


def training_set(m):
    """The training set of size ``m`` (each size has a seed of its own)."""
    return make_data(m, seed=100 + m)


def _scores(layers, X):
    """The output unit's score (before the sigmoid) and the activations of every layer."""
    activations = [X]
    for depth, (W, b) in enumerate(layers):
        Z = W @ activations[-1] + b
        activations.append(Z if depth == len(layers) - 1 else np.maximum(0, Z))
    return activations


def train(X, Y, layer_dims, steps=3000, learning_rate=0.01, batch_size=128, seed=0):
    """Train the network ``layer_dims`` on (X, Y); returns its layers as a list of (W, b).

    ``steps`` Adam updates, each on a random mini-batch of ``batch_size`` examples (or on all of
    them when there are fewer); He initialisation; ReLU hidden units, a sigmoid output, the
    cross-entropy cost."""
    rng = np.random.default_rng(seed)
    layers = [[rng.normal(size=(n, n_in)) * np.sqrt(2 / n_in), np.zeros((n, 1))]
              for n_in, n in zip(layer_dims[:-1], layer_dims[1:])]
    first = [[np.zeros_like(p) for p in layer] for layer in layers]   # running mean of the gradients
    second = [[np.zeros_like(p) for p in layer] for layer in layers]  # running mean of their squares
    m = X.shape[1]
    for t in range(1, steps + 1):
        batch = rng.integers(0, m, size=batch_size) if m > batch_size else slice(None)
        Xb, Yb = X[:, batch], Y[:, batch]
        activations = _scores(layers, Xb)
        delta = (1 / (1 + np.exp(-activations[-1])) - Yb) / Xb.shape[1]
        for depth in reversed(range(len(layers))):
            W = layers[depth][0]
            grads = [delta @ activations[depth].T, delta.sum(axis=1, keepdims=True)]
            if depth > 0:
                delta = (W.T @ delta) * (activations[depth] > 0)
            for k, g in enumerate(grads):
                first[depth][k] = 0.9 * first[depth][k] + 0.1 * g
                second[depth][k] = 0.999 * second[depth][k] + 0.001 * g * g
                step = (first[depth][k] / (1 - 0.9 ** t)) / (np.sqrt(second[depth][k] / (1 - 0.999 ** t)) + 1e-8)
                layers[depth][k] = layers[depth][k] - learning_rate * step
    return [tuple(layer) for layer in layers]


def predict(layers, X):
    """1 where the trained network says "a cell labelled 1", else 0, for every column of X."""
    return (_scores(layers, X)[-1] > 0).astype(float)


def accuracy(layers, X, Y):
    """The share of the columns of X whose label the network gets right."""
    return float(np.mean(predict(layers, X) == Y))


def learning_curves(sizes=SIZES, models=MODELS):
    """model name -> list of test accuracies, one per training-set size in ``sizes``."""
    X_test, Y_test = held_out_set()
    curves = {name: [] for name in models}
    with _one_thread():
        for m in sizes:
            X, Y = training_set(m)
            for name, layer_dims in models.items():
                curves[name].append(accuracy(train(X, Y, layer_dims), X_test, Y_test))
    return curves


def _one_thread():
    """Matrix products on one thread while the experiment runs: its matrices are so small that
    several threads only wait for one another (on a busy machine, 20 times slower)."""
    try:
        from threadpoolctl import threadpool_limits  # installed with scikit-learn
    except ImportError:
        import contextlib

        return contextlib.nullcontext()
    return threadpool_limits(1)


def plot_data(X, Y, ax=None, title=""):
    """The points of X coloured by label, with the boundary the labels come from."""
    import matplotlib.pyplot as plt

    ax = ax or plt.gca()
    ax.scatter(X[0], X[1], c=Y.ravel(), cmap="coolwarm", s=8, edgecolors="none")
    grid = np.linspace(-1, 1, 300)
    x1, x2 = np.meshgrid(grid, grid)
    ax.contour(x1, x2, checkerboard(x1, x2), levels=[0], colors="k", linestyles="--", linewidths=1)
    ax.set(xlim=(-1, 1), ylim=(-1, 1), aspect="equal", xlabel="$x_1$", ylabel="$x_2$", title=title)
    return ax


def plot_learning_curves(curves, sizes=SIZES, ax=None):
    """Test accuracy against the size of the training set (log scale), one line per model."""
    import matplotlib.pyplot as plt

    ax = ax or plt.gca()
    for name, accuracies in curves.items():
        ax.plot(sizes, [100 * a for a in accuracies], "o-", label=name)
    ax.axhline(100 * (1 - LABEL_NOISE), color="grey", linestyle=":", label="best possible (label noise)")
    ax.set(xscale="log", xlabel="training examples (log scale)", ylabel="test accuracy (%)",
           title="More data helps the larger models most")
    ax.legend()
    return ax
